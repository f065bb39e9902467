import { activationCode, leaksGradient } from '../core/nn/activation';
import type { LaneMetrics } from '../core/protocol/messages';

/**
 * The end-of-run table, one row per lane: final loss, accuracies (R^2 for regression), per layer the
 * dead % (ReLU) or the inactive % (activations that still pass gradient, marked "i"), died and revived.
 */
export function summaryTable(metrics: readonly LaneMetrics[], regression = false): string {
  const layers = metrics[0]?.deadPercent.length ?? 0;
  // NaN: not measured (an empty test split, a constant regression target), shown as a dash, never as 0 or "NaN%".
  const score = (x: number) => (!Number.isFinite(x) ? '—' : regression ? x.toFixed(3) : `${(100 * x).toFixed(1)}%`);
  const header = ['lane', 'activation', 'step', regression ? 'mse' : 'loss', regression ? 'train R2' : 'train acc', regression ? 'test R2' : 'test acc', ...Array.from({ length: layers }, (_, l) => `dead L${l + 1}`), 'died', 'revived', 'status'];
  const rows = metrics.map((m) => [
    m.name,
    activationCode(m.activation),
    String(m.step),
    Number.isFinite(m.loss) ? m.loss.toFixed(4) : String(m.loss),
    score(m.trainScore),
    score(m.testScore),
    // Under Leaky ReLU and the others nothing is dead; their inactive share is shown, marked.
    ...(leaksGradient(m.activation) ? m.inactivePercent.map((d) => `${d.toFixed(1)}% i`) : m.deadPercent.map((d) => `${d.toFixed(1)}%`)),
    String(m.deaths),
    String(m.revivals),
    m.diverged === null ? 'ok' : `diverged at step ${m.diverged.step}`,
  ]);
  const note = metrics.some((m) => leaksGradient(m.activation)) ? '\n"i": inactive, not dead: no probe input makes z > 0, but the activation still passes gradient α there.' : '';
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((s, c) => (c < 2 ? s.padEnd(widths[c]!) : s.padStart(widths[c]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + note;
}
