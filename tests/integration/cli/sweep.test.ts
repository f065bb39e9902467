import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSweep } from '../../../src/core/protocol/sweep';
import { buildCli, type CliBundle } from '../../helpers/cli-bundle';
import { rawSweep } from '../../unit/core/lab/sweep-fixtures';

// The real CLI bundle as a separate process, its runs on real worker threads.
let bundle: CliBundle;
let sweepPath = '';

beforeAll(async () => {
  bundle = await buildCli('leaky-lab-sweep-');
  sweepPath = join(bundle.dir, 'small.sweep.json');
  writeFileSync(sweepPath, JSON.stringify(rawSweep({ steps: 300 })));
});

const read = (name: string) => readFileSync(join(bundle.dir, name), 'utf8');

describe('leaky-lab sweep', () => {
  it('writes one row per run and one per cell, prints the table and the verdict, with the same numbers on 1 or 2 workers', () => {
    const r = bundle.run('sweep', sweepPath, '--out', 'r2.csv', '--summary', 's.csv', '--workers', '2');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('sweep: 8/8 runs on 2 worker(s)');
    expect(r.out).toMatch(/activation\s+lr\s+runs\s+test score % \[95%\]/);
    // Two seeds per cell: the verdict says that is too few to claim anything.
    expect(r.out).toContain('too few paired seeds yet to compare ReLU with Leaky ReLU α=0.01 (2 so far; a claim needs 3)');
    const rows = read('r2.csv').trim().split('\n');
    expect(rows).toHaveLength(9);
    expect(rows[0]!.startsWith('run,cell,seed,activation,lr,steps,')).toBe(true);
    expect(rows[8]!.startsWith('7,3,2,Leaky ReLU α=0.01,0.3,300,')).toBe(true);
    expect(read('s.csv').trim().split('\n')).toHaveLength(5);
    const one = bundle.run('sweep', sweepPath, '--out', 'r1.csv', '--workers', '1', '--quiet');
    expect(one.code, one.err).toBe(0);
    expect(one.err).toBe('');
    expect(read('r1.csv')).toBe(read('r2.csv'));
  });

  it('saves the finished runs in the sweep file and, run again, trains none of them', () => {
    const first = bundle.run('sweep', sweepPath, '--save', 'saved.json', '--out', 'a.csv');
    expect(first.code, first.err).toBe(0);
    const saved = parseSweep(read('saved.json'), 'saved.json');
    expect(saved.ok && saved.value.results.length).toBe(8);
    const again = bundle.run('sweep', join(bundle.dir, 'saved.json'), '--out', 'b.csv');
    expect(again.code, again.err).toBe(0);
    expect(again.err).toContain('sweep: 8/8 runs');
    expect(read('b.csv')).toBe(read('a.csv'));
  });

  it('stops on Ctrl-C keeping the finished runs, and resumes to the same results as an uninterrupted sweep', async () => {
    const long = join(bundle.dir, 'long.sweep.json');
    writeFileSync(long, JSON.stringify(rawSweep({ steps: 3000, seeds: 3 })));
    const cli = join(bundle.dir, 'build', 'leaky-lab.mjs');
    const child = spawn(process.execPath, [cli, 'sweep', long, '--save', 'partial.json', '--workers', '1'], { cwd: bundle.dir });
    let err = '';
    let sent = false;
    const code = await new Promise<number | null>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        // Interrupt once two runs have finished (once: a second Ctrl-C ends the process at once, as usual).
        if (!sent && /sweep: 2\/12 runs/.test(err)) {
          sent = true;
          child.kill('SIGINT');
        }
      });
      child.on('exit', (c) => resolve(c));
    });
    expect(code, err).toBe(130);
    expect(err).toMatch(/interrupted: \d+ of 12 runs are finished and written; run `leaky-lab sweep partial.json \.\.\.` to resume/);
    const partial = parseSweep(read('partial.json'), 'partial.json');
    const kept = partial.ok ? partial.value.results.length : -1;
    expect(kept).toBeGreaterThanOrEqual(2);
    expect(kept).toBeLessThan(12);
    const resumed = bundle.run('sweep', join(bundle.dir, 'partial.json'), '--out', 'resumed.csv', '--quiet');
    expect(resumed.code, resumed.err).toBe(0);
    const whole = bundle.run('sweep', long, '--out', 'whole.csv', '--quiet');
    expect(whole.code, whole.err).toBe(0);
    expect(read('resumed.csv')).toBe(read('whole.csv'));
  }, 120_000);

  it('refuses a bad sweep naming the file and field, and bad flags, without writing anything', () => {
    const bad = join(bundle.dir, 'bad.sweep.json');
    writeFileSync(bad, JSON.stringify(rawSweep({ axes: [{ axis: 'temperature', values: [1] }] })));
    const r = bundle.run('sweep', bad, '--out', 'never.csv');
    expect(r.code).toBe(1);
    expect(r.err).toContain('bad.sweep.json: field "axes.0.axis" is "temperature", which is not an axis');
    expect(() => read('never.csv')).toThrow();
    expect(bundle.run('sweep', sweepPath).err).toContain('give at least one');
    expect(bundle.run('sweep', sweepPath, '--out', 'x.txt').err).toContain('--out must name a .csv file, not "x.txt"');
    expect(bundle.run('sweep', sweepPath, '--out', 'x.csv', '--workers', '0').err).toContain('--workers must be a whole number from 1 to 64');
  });

  it('runs a built-in study by id, with fewer seeds for a quick look, and names the studies when the id is unknown', () => {
    const r = bundle.run('sweep', '--study', 'does-it-matter', '--seeds', '1', '--out', 'study.csv', '--quiet');
    expect(r.code, r.err).toBe(0);
    const rows = read('study.csv').trim().split('\n');
    // 4 activations x 4 learning rates x 1 seed, plus the header.
    expect(rows).toHaveLength(17);
    expect(rows[0]!.startsWith('run,cell,seed,activation,lr,steps,')).toBe(true);
    expect(r.out).toMatch(/learned α per layer, PReLU \(learned α\), 0\.01 \(1 seeds, mean \[95%\]\): 1: -?\d\.\d{3} \[/);
    const unknown = bundle.run('sweep', '--study', 'nope', '--out', 'x.csv');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('there is no study "nope" (studies: does-it-matter, collapse-abs, collapse-xsin5x, cures, prelu-slopes');
    expect(bundle.run('sweep', sweepPath, '--seeds', '3').err).toContain('--seeds goes with --study');
    expect(bundle.run('sweep', '--study', 'does-it-matter', sweepPath).err).toContain('not both');
  }, 60_000);
});
