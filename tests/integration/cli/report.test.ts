import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, type CliBundle } from '../../helpers/cli-bundle';

const fixture = (name: string) => new URL(`../../fixtures/run-logs/${name}`, import.meta.url);

let cli: CliBundle;
beforeAll(async () => {
  cli = await buildCli('leaky-lab-report-');
  copyFileSync(fixture('spiral-relu.jsonl'), join(cli.dir, 'spiral.jsonl'));
  copyFileSync(fixture('spiral-relu-malformed.jsonl'), join(cli.dir, 'malformed.jsonl'));
}, 120_000);

describe('leaky-lab report', () => {
  it('prints the per-layer table and the diagnosis of a log the monitor wrote in a real PyTorch run', () => {
    const r = cli.run('report', 'spiral.jsonl');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('spiral.jsonl: Sequential, PyTorch 1.13');
    expect(r.out).toContain('a record every 50 steps, τ = 0.025; 60 records, steps 0 to 2,950');
    const table = r.out.split('\n').filter((l) => /^ {2}\d /.test(l));
    expect(table).toHaveLength(3);
    expect(table[0]).toMatch(/^ {2}1 +1 +ReLU +32 +\d/);
    // PReLU: no dead column (its units still learn), and its slopes.
    expect(table[2]).toMatch(/^ {2}3 +5 +PReLU\(32\) +32 +n\/a .* n\/a +0\.25 -> -?0\.\d+$/);
    expect(r.out).toMatch(/Diagnosis:\n {2}- layer 2 \(3, ReLU\): \d+(\.\d)?% dead at step 2,950/);
  });

  it('reads a malformed log up to the bad line, names it and exits with 1', () => {
    const r = cli.run('report', 'malformed.jsonl');
    expect(r.code).toBe(1);
    expect(r.out).toContain('20 records, steps 0 to 950');
    expect(r.err).toMatch(/^leaky-lab: malformed\.jsonl line 22: not valid JSON \(.+\)\. Read up to line 21 \(20 records\)\.\n$/);
  });

  it('refuses a file that is not a run log, and bad arguments, saying why', () => {
    writeFileSync(join(cli.dir, 'other.json'), '{"format":"leaky-lab-experiment","version":3}\n');
    const r = cli.run('report', 'other.json');
    expect(r.code).toBe(1);
    expect(r.err).toContain('other.json line 1: not a Leaky Lab run log');
    expect(cli.run('report', 'missing.jsonl').err).toContain('missing.jsonl: no such file');
    const usage = cli.run('report');
    expect(usage.code).toBe(2);
    expect(usage.err).toBe('leaky-lab: report needs a run log: leaky-lab report LOG.jsonl\n');
  });
});
