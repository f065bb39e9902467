import { describe, expect, it } from 'vitest';
import { referenceKernels } from '../../../../src/core/kernels/reference-kernels';
import { StateRoom } from '../../../../src/core/kernels/state-room';
import { Mlp } from '../../../../src/core/nn/mlp';
import { Sgd } from '../../../../src/core/train/sgd';

describe('StateRoom', () => {
  it('lends zeroed buffers to one holder at a time, and takes them back', () => {
    const room = new StateRoom(new Float32Array(6).fill(5), referenceKernels);
    const a = {};
    const b = {};
    const [buf] = room.borrow(a, 1, 6)!;
    expect([...buf!]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(room.borrow(b, 1, 6)).toBeNull();
    expect(room.borrow(a, 2, 6)).toBeNull(); // does not fit
    room.giveBack(b); // not the holder: no effect
    expect(room.borrow(b, 1, 6)).toBeNull();
    room.giveBack(a);
    expect(room.borrow(b, 1, 3)).toHaveLength(1);
  });
});

describe('optimizer state in the network arena', () => {
  const shape = { inputs: 2, hidden: [5], outputs: 2 };

  /** A network with fixed weights and gradients (not computed: this tests only the optimizer's bookkeeping). */
  function net() {
    const mlp = new Mlp(shape, { kind: 'relu' }, 4);
    const params = mlp.params();
    params.forEach((p, i) => {
      p.value.fill(0.5);
      p.grad.fill(0.1 * (i + 1));
    });
    return { mlp, params };
  }

  it('two optimizers on one network keep separate momentum buffers', () => {
    const { params } = net();
    const solo = net();
    const first = new Sgd({ momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0 });
    const second = new Sgd({ momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0 });
    const alone = new Sgd({ momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0 });
    for (let s = 0; s < 3; s++) {
      first.step(params, 0.1);
      alone.step(solo.params, 0.1);
    }
    // The second optimizer starts fresh (its buffer is not the first one's), so after one step of its
    // own the values equal those of a lone optimizer after four steps minus the difference in momentum.
    const before = params.map((p) => [...p.value]);
    second.step(params, 0.1);
    params.forEach((p, i) => p.value.forEach((v, k) => expect(v).toBeCloseTo(before[i]![k]! - 0.1 * p.grad[k]!, 6)));
    // The first optimizer's momentum survived the second one's step.
    first.step(params, 0.1);
    alone.step(solo.params, 0.1);
    const drift = params.map((p, i) => p.value[0]! - solo.params[i]!.value[0]!);
    drift.forEach((d, i) => expect(d).toBeCloseTo(-0.1 * params[i]!.grad[0]!, 6));
  });

  it('clear() gives the rooms back, so a reset optimizer trains in the arena again', () => {
    const { params } = net();
    const sgd = new Sgd({ momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0 });
    sgd.step(params, 0.1);
    sgd.clear();
    const other = new Sgd({ momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0 });
    other.step(params, 0.1); // may take the rooms now
    expect(params.every((p) => p.room!.borrow(sgd, 1, p.value.length) === null)).toBe(true);
  });
});
