import { activationCode } from '../core/nn/activation';
import type { LaneMetrics } from '../core/protocol/messages';

/** The end-of-run table, one row per lane: final loss, accuracies, dead % per layer, died and revived. */
export function summaryTable(metrics: readonly LaneMetrics[]): string {
  const layers = metrics[0]?.deadPercent.length ?? 0;
  const header = ['lane', 'activation', 'step', 'loss', 'train acc', 'test acc', ...Array.from({ length: layers }, (_, l) => `dead L${l + 1}`), 'died', 'revived', 'status'];
  const rows = metrics.map((m) => [
    m.name,
    activationCode(m.activation),
    String(m.step),
    Number.isFinite(m.loss) ? m.loss.toFixed(4) : String(m.loss),
    `${(100 * m.trainAccuracy).toFixed(1)}%`,
    `${(100 * m.testAccuracy).toFixed(1)}%`,
    ...m.deadPercent.map((d) => `${d.toFixed(1)}%`),
    String(m.deaths),
    String(m.revivals),
    m.diverged === null ? 'ok' : `diverged at step ${m.diverged.step}`,
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((s, c) => (c < 2 ? s.padEnd(widths[c]!) : s.padStart(widths[c]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
