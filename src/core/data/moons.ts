import { Rng } from '../math/rng';
import type { Dataset } from './dataset';
import { cos, sin } from '../math/dmath';

/** Parameters of the two-moons generator: number of samples, and Gaussian noise std (input units). */
export interface MoonsParams {
  readonly samples: number;
  readonly noise: number;
  readonly seed: number;
}

/**
 * Two interleaving half circles, as scikit-learn's make_moons: the outer moon (class 0) at
 * (cos t, sin t) and the inner moon (class 1) at (1 - cos t, 0.5 - sin t), t evenly spaced in [0, pi],
 * plus Gaussian noise, rows in seeded random order.
 */
export function makeMoons({ samples, noise, seed }: MoonsParams): Dataset {
  const rng = new Rng(seed);
  const nOut = Math.floor(samples / 2);
  const nIn = samples - nOut;
  const order = new Uint32Array(samples);
  for (let i = 0; i < samples; i++) order[i] = i;
  rng.shuffle(order);
  const x = new Float32Array(samples * 2);
  const y = new Int32Array(samples);
  for (let i = 0; i < samples; i++) {
    const outer = i < nOut;
    const n = outer ? nOut : nIn;
    const k = outer ? i : i - nOut;
    const t = n > 1 ? (Math.PI * k) / (n - 1) : 0;
    const px = outer ? cos(t) : 1 - cos(t);
    const py = outer ? sin(t) : 0.5 - sin(t);
    const r = order[i]!;
    x[2 * r] = px + noise * rng.normal();
    x[2 * r + 1] = py + noise * rng.normal();
    y[r] = outer ? 0 : 1;
  }
  return {
    name: 'Two moons',
    task: 'classification',
    rows: samples,
    dims: 2,
    classes: 2,
    x,
    y,
    featureNames: ['x1', 'x2'],
    classNames: ['outer', 'inner'],
    t: new Float32Array(0),
    targetName: 'moon',
  };
}
