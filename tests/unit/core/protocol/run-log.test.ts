import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRunLog, type RunLog } from '../../../../src/core/protocol/run-log';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/run-logs/${name}`, import.meta.url), 'utf8');

const HEADER = {
  format: 'leaky-lab-run-log',
  version: 1,
  every: 10,
  tau: 0.025,
  worldSize: 1,
  layers: [
    { name: '1', type: 'ReLU', kind: 'zero-grad', units: 4, unit: 'feature' },
    { name: '3', type: 'LeakyReLU(0.01)', kind: 'leaky', units: 4, unit: 'feature' },
  ],
};
const layer = (dead: number | null, inactive = dead ?? 0) => ({ rows: 8, deadPercent: dead, inactivePercent: inactive, dormantPercent: inactive, zeroFraction: 0.5 });
const record = (step: number, extra: Record<string, unknown> = {}) => ({ step, time: step / 100, loss: 1 / (step + 1), layers: [layer(25), layer(null, 50)], ...extra });
const text = (...lines: unknown[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';

const parsed = (t: string): RunLog => {
  const r = parseRunLog(t, 'run.jsonl');
  if (!r.ok) throw new Error(r.message);
  return r.log;
};
const refused = (t: string): string => {
  const r = parseRunLog(t, 'run.jsonl');
  if (r.ok) throw new Error('expected the log to be refused');
  return r.message;
};

describe('run logs', () => {
  it('reads the log the monitor wrote in a real PyTorch run (tests/fixtures/run-logs, scripts/fixtures/make_run_log_fixture.py)', () => {
    const log = parsed(fixture('spiral-relu.jsonl'));
    expect(log.problem).toBeNull();
    expect(log.header.every).toBe(50);
    expect(log.header.layers.map((l) => [l.name, l.type, l.kind, l.units])).toEqual([
      ['1', 'ReLU', 'zero-grad', 32],
      ['3', 'ReLU', 'zero-grad', 32],
      ['5', 'PReLU(32)', 'leaky', 32],
    ]);
    expect(log.records).toHaveLength(60);
    expect(log.records.map((r) => r.step).slice(0, 3)).toEqual([0, 50, 100]);
    expect(log.records.at(-1)!.step).toBe(2950);
    expect(log.records[0]!.layers[2]!.deadPercent).toBeNull();
    expect(log.records[0]!.layers[2]!.alpha!.values).toHaveLength(32);
    expect(log.records[0]!.layers[2]!.alpha!.mean).toBe(0.25); // PReLU's init
  });

  it('reads up to a malformed line, naming its number and what was wrong', () => {
    const log = parsed(fixture('spiral-relu-malformed.jsonl'));
    expect(log.records).toHaveLength(20);
    expect(log.problem!.line).toBe(22);
    expect(log.problem!.message).toMatch(/^run\.jsonl line 22: not valid JSON \(.+\)\. Read up to line 21 \(20 records\)\.$/);
  });

  it('names the field of a record that does not fit the format or the header', () => {
    const bad = (rec: unknown) => parsed(text(HEADER, record(0), rec)).problem!.message;
    expect(bad(record(10, { layers: [layer(25)] }))).toBe('run.jsonl line 3: field "layers": 1 layers, but the header names 2. Read up to line 2 (1 record).');
    expect(bad(record(0))).toContain('line 3: field "step": step 0 does not come after step 0');
    expect(bad(record(10, { layers: [layer(140), layer(null)] }))).toContain('line 3: field "layers.0.deadPercent": ');
    expect(bad(record(10, { step: 'ten' }))).toContain('line 3: field "step": ');
    // Words match mechanisms: a Leaky ReLU layer has no dead units.
    expect(bad(record(10, { layers: [layer(25), layer(50)] }))).toBe('run.jsonl line 3: field "layers.1.deadPercent": layer 3 is LeakyReLU(0.01), whose units still get gradient for z <= 0: it has no dead units (write null). Read up to line 2 (1 record).');
  });

  it('keeps a non-finite loss as NaN or Infinity, skips blank lines and reads CRLF files', () => {
    const log = parsed(text(HEADER, '', record(0, { loss: 'nan' }), record(10, { loss: 'inf' }), record(20, { loss: undefined })).replaceAll('\n', '\r\n'));
    expect(log.problem).toBeNull();
    expect(log.records.map((r) => r.loss)).toEqual([Number.NaN, Number.POSITIVE_INFINITY, null]);
  });

  it('refuses a file whose header is missing or bad, saying why', () => {
    expect(refused('')).toContain('run.jsonl is empty');
    expect(refused('{"format": "leaky-lab-experiment"}\n')).toContain('run.jsonl line 1: not a Leaky Lab run log');
    expect(refused('{oops\n')).toMatch(/^run\.jsonl line 1: the header is not valid JSON/);
    expect(refused('{\n  "format": "leaky-lab-experiment",\n  "version": 3\n}\n')).toBe('run.jsonl is one JSON document (format "leaky-lab-experiment"), not a run log (JSON Lines whose first line is a header with "format": "leaky-lab-run-log"). Open experiments with Open Experiment.');
    expect(refused(text({ ...HEADER, version: 2 }))).toContain('run log version 2 is newer than this Leaky Lab reads (1)');
    expect(refused(text({ ...HEADER, layers: [] }))).toBe("run.jsonl line 1: the header's field \"layers\": a run log names at least one layer.");
    expect(refused(text({ ...HEADER, layers: [{ ...HEADER.layers[0], kind: 'dead' }] }))).toContain('the header\'s field "layers.0.kind"');
  });
});
