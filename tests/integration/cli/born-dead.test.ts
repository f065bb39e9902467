import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bornDeadTable } from '../../../src/core/lab/born-dead';
import { bornDeadCsv } from '../../../src/core/lab/born-dead-csv';
import { buildCli, type CliBundle } from '../../helpers/cli-bundle';

// The real CLI bundle as a separate process, its nets counted on real worker threads.
let bundle: CliBundle;

beforeAll(async () => {
  bundle = await buildCli('leaky-lab-born-dead-');
});

const read = (name: string) => readFileSync(join(bundle.dir, name), 'utf8');

describe('leaky-lab born-dead', () => {
  it("runs the issue's command as written and writes the same table as the core in one thread", () => {
    const r = bundle.run('born-dead', '--input-dim', '1', '--depth', '9', '--widths', '2,3,5,10', '--nets', '20000', '--init', 'he_normal', '--bias-init', 'zero', '--out', 'born.csv');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/^born-dead: 80000 nets in [\d.]+ s on \d+ worker\(s\)\n$/);
    expect(r.out).toContain('1 input on [-1.7321, 1.7321] (exact');
    expect(r.out).toMatch(/depth\s+width\s+nets\s+born dead %\s+95% interval\n9\s+2\s+20000\s+\d+\.\d\d\s+\[/);
    const csv = read('born.csv');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('width,depth,nets,born_dead,ci_low,ci_high');
    expect(lines.map((l) => l.split(',')[0])).toEqual(['width', '2', '3', '5', '10']);
    for (const line of lines.slice(1)) {
      const [, depth, nets, share, low, high] = line.split(',').map(Number);
      expect([depth, nets]).toEqual([9, 20000]);
      expect(low! <= share! && share! <= high! && high! <= 1).toBe(true);
    }
    const core = bornDeadTable({ inputDim: 1, depth: 9, widths: [2, 3, 5, 10], nets: 20000, init: 'he_normal', biasInit: 'zero', activation: 'relu', seed: 1 });
    expect(csv).toBe(bornDeadCsv(core));
  });

  it('gives the same numbers on 1 and 2 workers, for torch_default and rai, with several depths in one pass', () => {
    for (const init of ['torch_default', 'rai']) {
      const args = ['born-dead', '--init', init, '--nets', '3000', '--depth', '2-4,9', '--widths', '3,2', '--quiet'];
      const one = bundle.run(...args, '--workers', '1', '--out', `${init}-1.csv`);
      const two = bundle.run(...args, '--workers', '2', '--out', `${init}-2.csv`);
      expect(one.code, one.err).toBe(0);
      expect(two.code, two.err).toBe(0);
      expect(one.err).toBe('');
      expect(read(`${init}-1.csv`)).toBe(read(`${init}-2.csv`));
      const rows = read(`${init}-1.csv`).trim().split('\n').slice(1).map((l) => l.split(','));
      expect(rows.map((r) => `${r[1]}:${r[0]}`)).toEqual(['2:2', '2:3', '3:2', '3:3', '4:2', '4:3', '9:2', '9:3']);
      // Deeper nets extend the shallower ones, so the share never falls with depth.
      const width2 = rows.filter((r) => r[0] === '2').map((r) => Number(r[3]));
      expect([...width2].sort((a, b) => a - b)).toEqual(width2);
      expect(width2[3]).toBeGreaterThan(width2[0]!);
    }
  });

  it('reports 0 for Leaky ReLU and PReLU and says why', () => {
    for (const [activation, name] of [['leaky_relu', 'Leaky ReLU (slope 0.01)'], ['prelu', 'PReLU (initial slope 0.25)']]) {
      const r = bundle.run('born-dead', '--activation', activation!, '--depth', '20', '--widths', '2,3', '--nets', '2000', '--out', `${activation}.csv`);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain(`${name} is never born dead by Lu et al.'s definition`);
      expect(read(`${activation}.csv`).trim().split('\n').slice(1).map((l) => l.split(',')[3])).toEqual(['0', '0']);
    }
    // The same nets with ReLU are nearly all born dead.
    const relu = bundle.run('born-dead', '--depth', '20', '--widths', '2', '--nets', '2000', '--out', 'relu.csv');
    expect(Number(read('relu.csv').trim().split('\n')[1]!.split(',')[3])).toBeGreaterThan(0.9);
    expect(relu.out).not.toContain('never born dead');
  });

  it('checks more inputs at a grid of the cube and says so', () => {
    const r = bundle.run('born-dead', '--input-dim', '2', '--depth', '4', '--widths', '2', '--nets', '500', '--bias-init', 'torch_default');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('2 inputs on [-1.7321, 1.7321]^2, checked at 1024 points (a grid; an upper estimate)');
  });

  it('refuses bad flags with one line naming the flag', () => {
    const cases: [string[], string][] = [
      [['--widths', '2,x'], '--widths must be whole numbers from 1 to 4096 separated by commas, not "2,x"'],
      [['--depth', '5-3'], '--depth must be whole numbers or ranges A-B from 1 to 1000'],
      [['--nets', '0'], '--nets must be a whole number from 1 to 100000000, not "0"'],
      [['--init', 'xavier_normal'], '--init must be one of he_normal, torch_default, rai, not "xavier_normal"'],
      [['--bias-init', 'one'], '--bias-init must be one of init, zero, torch_default'],
      [['--activation', 'elu'], '--activation must be one of relu, leaky_relu, prelu, not "elu"'],
      [['--input-dim', '65'], '--input-dim must be a whole number from 1 to 64'],
      [['--workers', '0'], '--workers must be a whole number from 1 to 64'],
      [['--seed', '-4'], '--seed'],
      [['--widths', '4096', '--depth', '2'], 'born-dead: width 4096 at depth 2 draws 33554432 weights per net, over the limit of 16777216'],
      [['--out', 'born.txt'], '--out must name a .csv file, not "born.txt"'],
      [['--nets'], "Option '--nets <value>' argument missing"],
      [['extra'], 'unexpected argument "extra": born-dead takes only flags'],
    ];
    for (const [flags, message] of cases) {
      const r = bundle.run('born-dead', ...flags);
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.startsWith('leaky-lab: ')).toBe(true);
      expect(r.err).toContain(message);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    const out = bundle.run('born-dead', '--nets', '10', '--out', join(bundle.dir, 'no-such-dir', 'b.csv'));
    expect(out.code).toBe(1);
    expect(out.err).toContain('could not write');
    expect(bundle.run('--help').out).toContain('leaky-lab born-dead [--input-dim N]');
  });
});
