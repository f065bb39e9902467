import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRunLog, type RunLog } from '../../../../src/core/protocol/run-log';
import { diagnoseRunLog, summarizeRunLog } from '../../../../src/core/protocol/run-log-diagnosis';

const HEADER = {
  format: 'leaky-lab-run-log',
  version: 1,
  every: 1000,
  tau: 0.025,
  layers: [
    { name: 'net.1', type: 'ReLU', kind: 'zero-grad', units: 100 },
    { name: 'net.3', type: 'LeakyReLU(0.01)', kind: 'leaky', units: 100 },
  ],
};

/** A log with one record per 1,000 steps: dead % of layer 1 and inactive % of layer 2 per record. */
function log(dead: number[], inactive: number[], extra: (i: number) => Record<string, unknown> = () => ({})): RunLog {
  const lines = [JSON.stringify(HEADER)];
  dead.forEach((d, i) => {
    lines.push(JSON.stringify({ step: i * 1000, loss: 1, layers: [{ rows: 64, deadPercent: d, inactivePercent: d, dormantPercent: d, zeroFraction: 0.5 }, { rows: 64, deadPercent: null, inactivePercent: inactive[i], dormantPercent: 0, zeroFraction: 0 }], ...extra(i) }));
  });
  const r = parseRunLog(lines.join('\n'), 'x.jsonl');
  if (!r.ok) throw new Error(r.message);
  return r.log;
}

describe('run log diagnosis', () => {
  it('says since when a ReLU layer has been dead, and suggests a leaky activation', () => {
    const f = diagnoseRunLog(log([0, 5, 12, 8, 20, 30, 38], [0, 0, 0, 0, 0, 0, 0]));
    expect(f.map((x) => x.kind)).toEqual(['dead', 'dormant']);
    expect(f[0]!.text).toBe('layer 1 (net.1, ReLU): 38% dead at step 6,000, above 10% since step 4,000 under ReLU. These units output 0 on every input of the window, so they get no gradient; consider Leaky ReLU or PReLU, which keep a slope for z < 0.');
    expect(f[1]!.text).toBe("layer 1 (net.1, ReLU): 38% τ-dormant at step 6,000 (mean |a| at most 0.025 of the layer's average, the dead ones included).");
  });

  it('calls z <= 0 units of a leaky layer inactive, never dead', () => {
    const f = diagnoseRunLog(log([0, 0, 0], [5, 30, 40]));
    expect(f).toHaveLength(1);
    expect(f[0]!.kind).toBe('inactive');
    expect(f[0]!.text).toBe('layer 2 (net.3, LeakyReLU(0.01)): 40% inactive at step 2,000, above 10% since step 1,000 (z <= 0 on every input of the window). Under LeakyReLU(0.01) they still get gradient: inactive, not dead.');
    expect(f.some((x) => /\bdead\b/.test(x.text.replace('not dead', '')))).toBe(false);
  });

  it('reports born-dead units, a dead peak that came back down, and a healthy end', () => {
    const f = diagnoseRunLog(log([4, 30, 6], [0, 0, 0]));
    expect(f.map((x) => x.kind)).toEqual(['healthy', 'revived', 'born-dead']);
    expect(f[0]!.text).toBe('At step 2,000 no layer is above 10% dead, inactive or τ-dormant.');
    expect(f[1]!.text).toContain('dead peaked at 30% at step 1,000 and is 6% at step 2,000');
    expect(f[2]!.text).toBe('layer 1 (net.1, ReLU): 4% dead at step 0, before any update: born dead, not killed by training.');
  });

  it('names the first non-finite loss and follows PReLU slopes', () => {
    const l = log([0, 0, 0], [0, 0, 0], (i) => ({ loss: i === 0 ? 1 : 'nan' }));
    expect(diagnoseRunLog(l)[0]!.text).toBe('The loss was NaN at step 1,000: training diverged there.');
    const header = { ...HEADER, layers: [{ name: 'act', type: 'PReLU(2)', kind: 'leaky', units: 2 }] };
    const rec = (step: number, mean: number, min: number) => JSON.stringify({ step, layers: [{ rows: 1, inactivePercent: 0, dormantPercent: 0, zeroFraction: 0, alpha: { mean, min, max: 0.3, values: [min, 0.3] } }] });
    const r = parseRunLog([JSON.stringify(header), rec(0, 0.25, 0.2), rec(10, 0.1, -0.1)].join('\n'), 'p.jsonl');
    if (!r.ok) throw new Error(r.message);
    const alpha = diagnoseRunLog(r.log).find((x) => x.kind === 'alpha')!;
    expect(alpha.text).toBe('layer 1 (act, PReLU(2)): learned slope α mean 0.25 at step 0, 0.1 at step 10 (min -0.1, max 0.3); some slopes are negative, so the layer is no longer monotonic.');
    expect(summarizeRunLog(r.log)[0]!.alpha).toEqual({ first: 0.25, firstStep: 0, last: 0.1, lastStep: 10, min: -0.1, max: 0.3 });
  });

  it('says so when there are no records yet', () => {
    expect(diagnoseRunLog(log([], []))[0]!.kind).toBe('empty');
  });

  it('diagnoses the real fixture run: ReLU layer 2 dead from its start', () => {
    const r = parseRunLog(readFileSync(new URL('../../../fixtures/run-logs/spiral-relu.jsonl', import.meta.url), 'utf8'), 'spiral-relu.jsonl');
    if (!r.ok) throw new Error(r.message);
    const f = diagnoseRunLog(r.log);
    const dead = f.find((x) => x.kind === 'dead' && x.layer === 1)!;
    expect(dead.text).toMatch(/^layer 2 \(3, ReLU\): \d+(\.\d)?% dead at step 2,950/);
    expect(f.find((x) => x.kind === 'alpha')!.text).toMatch(/^layer 3 \(5, PReLU\(32\)\): learned slope α mean 0\.25 at step 0, /);
  });
});
