import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRunLog } from '../../../src/core/protocol/run-log';
import { runLogCharts } from '../../../src/renderer/charts/run-log-charts';

const log = (() => {
  const r = parseRunLog(readFileSync(new URL('../../fixtures/run-logs/spiral-relu.jsonl', import.meta.url), 'utf8'), 'spiral-relu.jsonl');
  if (!r.ok) throw new Error(r.message);
  return r.log;
})();

describe('run-log charts', () => {
  const charts = runLogCharts(log, ['red', 'gold']);

  it('draws the loss, dead (ReLU layers only), inactive, dormant, zeros and PReLU slope charts', () => {
    expect(charts.map((c) => c.testid)).toEqual(['run-log-chart-loss', 'run-log-chart-dead', 'run-log-chart-inactive', 'run-log-chart-dormant', 'run-log-chart-zeros', 'run-log-chart-alpha']);
    const byId = Object.fromEntries(charts.map((c) => [c.testid, c]));
    expect(byId['run-log-chart-dead']!.series.map((s) => s.name)).toEqual(['L1 1', 'L2 3']); // not the PReLU layer: its units still learn
    expect(byId['run-log-chart-inactive']!.series.map((s) => [s.name, s.color])).toEqual([['L1 1', 'red'], ['L2 3', 'gold'], ['L3 5', 'red']]);
    expect(byId['run-log-chart-alpha']!.series.map((s) => s.name)).toEqual(['L3 5']);
  });

  it("plots the log's own values at its record steps, nothing recomputed", () => {
    for (const c of charts) {
      expect(c.steps).toEqual(log.records.map((r) => r.step));
      for (const s of c.series) expect(s.values).toHaveLength(log.records.length);
    }
    const dead = charts.find((c) => c.testid === 'run-log-chart-dead')!;
    expect(dead.series[1]!.values).toEqual(log.records.map((r) => r.layers[1]!.deadPercent));
    const zeros = charts.find((c) => c.testid === 'run-log-chart-zeros')!;
    expect(zeros.series[0]!.values[0]).toBeCloseTo(100 * log.records[0]!.layers[0]!.zeroFraction!, 9);
    expect(charts[0]!.series[0]!.values).toEqual(log.records.map((r) => r.loss));
  });

  it('leaves out the loss and slope charts when the log has neither, and non-finite losses from the line', () => {
    const header = { format: 'leaky-lab-run-log', version: 1, every: 1, tau: 0.1, layers: [{ name: 'a', type: 'GELU', kind: 'leaky', units: 2 }] };
    const rec = (step: number, loss?: string | number) => JSON.stringify({ step, ...(loss === undefined ? {} : { loss }), layers: [{ rows: 1, inactivePercent: 50, dormantPercent: 0, zeroFraction: 0 }] });
    const plain = parseRunLog([JSON.stringify(header), rec(0), rec(1)].join('\n'), 'x');
    if (!plain.ok) throw new Error(plain.message);
    expect(runLogCharts(plain.log, ['red']).map((c) => c.testid)).toEqual(['run-log-chart-inactive', 'run-log-chart-dormant', 'run-log-chart-zeros']);
    const nan = parseRunLog([JSON.stringify(header), rec(0, 0.5), rec(1, 'nan')].join('\n'), 'x');
    if (!nan.ok) throw new Error(nan.message);
    expect(runLogCharts(nan.log, ['red'])[0]!.series[0]!.values).toEqual([0.5, null]);
  });
});
