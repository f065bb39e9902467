import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, type CliBundle } from '../../helpers/cli-bundle';

// The real CLI bundle as a separate process: save with state, continue, verify.
let bundle: CliBundle;
let dir = '';

beforeAll(async () => {
  bundle = await buildCli('leaky-continue-');
  dir = bundle.dir;
}, 120_000);

const leakyLab = (...args: string[]) => bundle.run(...args);
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

describe('leaky-lab run: saved state', () => {
  it('train 0..3000, save, continue to 5000 equals training 0..5000 directly: weights, history and its CSV', () => {
    expect(leakyLab('run', '--steps', '3000', '--save', 'a.json', '--quiet').code).toBe(0);
    const cont = leakyLab('run', 'a.json', '--steps', '5000', '--save', 'b.json', '--history', 'b.csv', '--quiet');
    expect(cont.code).toBe(0);
    expect(cont.out).toContain('Continued from the saved state at step 3000 to step 5000');
    expect(leakyLab('run', '--steps', '5000', '--save', 'c.json', '--history', 'c.csv', '--quiet').code).toBe(0);
    const b = JSON.parse(read('b.json'));
    const c = JSON.parse(read('c.json'));
    expect(b.weights).toEqual(c.weights);
    expect(b.history).toEqual(c.history);
    expect(read('b.csv')).toBe(read('c.csv'));
    expect(read('b.csv').split('\n')[0]).toMatch(/^step,lane,loss,loss_smoothed,test_loss,train_accuracy,test_accuracy,dead_percent,inactive_percent,deaths,revivals,dormant_percent,zero_percent,dead_pct_layer1/);
    const reopened = leakyLab('run', 'b.json', '--quiet');
    expect(reopened.out).toContain('Opened at the saved state of step 5000 (no replay)');
  });

  it('--verify replays from step 0 and names a lane whose saved weights differ', () => {
    expect(leakyLab('run', '--steps', '1500', '--save', 'v.json', '--quiet').code).toBe(0);
    const ok = leakyLab('run', 'v.json', '--verify');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('Verified: replaying v.json from step 0 gives the saved weights in every lane');
    const x = JSON.parse(read('v.json'));
    x.weights[1].digest = '0123456789abcdef';
    writeFileSync(join(dir, 'w.json'), JSON.stringify(x));
    const bad = leakyLab('run', 'w.json', '--verify');
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/Leaky ReLU α=0.01: DIFFERENT weights at step 1500/);
    // Opening it normally does not trust the damaged state either: it says so and replays.
    const opened = leakyLab('run', 'w.json', '--quiet');
    expect(opened.code).toBe(0);
    expect(opened.err).toMatch(/saved fingerprint.*replaying from step 0/s);
  });

  it('refuses --verify without a file, or with training flags', () => {
    expect(leakyLab('run', '--verify').err).toMatch(/--verify checks a saved experiment/);
    expect(leakyLab('run', 'v.json', '--verify', '--steps', '9').err).toMatch(/--verify only replays/);
    expect(leakyLab('run', '--history', 'h.json').err).toMatch(/--history must name a .csv file/);
  });
});
