import type { RunLog, RunLogAlpha, RunLogLayer } from './run-log';

/** A layer counts as alarming above this share of dead, inactive or dormant units (percent; the app's diagnosis uses the same). */
export const RUN_LOG_THRESHOLD = 10;

/** What a finding is about. */
export type RunLogFindingKind = 'dead' | 'born-dead' | 'revived' | 'inactive' | 'dormant' | 'alpha' | 'loss' | 'healthy' | 'empty';

/** One sentence of the diagnosis, about one layer (index into the header's layers) or the whole run (null). */
export interface RunLogFinding {
  readonly kind: RunLogFindingKind;
  readonly layer: number | null;
  readonly text: string;
}

/** The last value of a series and where it peaked: step numbers and percentages as the log has them. */
export interface RunLogSeriesSummary {
  readonly last: number;
  readonly lastStep: number;
  readonly peak: number;
  readonly peakStep: number;
  /** The first step of the final stretch of records above RUN_LOG_THRESHOLD, or null when the last is not above it. */
  readonly aboveSince: number | null;
}

/** One layer over the whole log: its header entry and a summary of each series it has. */
export interface RunLogLayerSummary {
  readonly layer: RunLogLayer;
  readonly dead: RunLogSeriesSummary | null;
  readonly inactive: RunLogSeriesSummary | null;
  readonly dormant: RunLogSeriesSummary | null;
  readonly zeroFraction: RunLogSeriesSummary | null;
  /** PReLU: the mean slope at the first and last record that has one. */
  readonly alpha: { readonly first: number; readonly firstStep: number; readonly last: number; readonly lastStep: number; readonly min: number; readonly max: number } | null;
}

/** The order findings are shown in: what needs acting on first. */
const ORDER: Record<RunLogFindingKind, number> = { loss: 0, healthy: 1, empty: 1, dead: 2, inactive: 3, dormant: 4, revived: 5, 'born-dead': 6, alpha: 7 };

type Field = 'deadPercent' | 'inactivePercent' | 'dormantPercent' | 'zeroFraction';

/** Summarizes one series of layer `i` over the records (null when no record has a value). */
function seriesSummary(log: RunLog, i: number, field: Field, threshold: number): RunLogSeriesSummary | null {
  let out: { last: number; lastStep: number; peak: number; peakStep: number; aboveSince: number | null } | null = null;
  for (const rec of log.records) {
    const x = rec.layers[i]![field];
    if (x === null) continue;
    if (out === null) out = { last: x, lastStep: rec.step, peak: x, peakStep: rec.step, aboveSince: null };
    if (x > out.peak) {
      out.peak = x;
      out.peakStep = rec.step;
    }
    out.aboveSince = x > threshold ? (out.aboveSince ?? rec.step) : null;
    out.last = x;
    out.lastStep = rec.step;
  }
  return out;
}

/** Per header layer, the summaries the report table and the diagnosis read. */
export function summarizeRunLog(log: RunLog): RunLogLayerSummary[] {
  return log.header.layers.map((layer, i) => {
    const withAlpha = log.records.filter((rec) => rec.layers[i]!.alpha !== null);
    const firstRec = withAlpha[0];
    const lastRec = withAlpha.at(-1);
    let alpha: RunLogLayerSummary['alpha'] = null;
    if (firstRec !== undefined && lastRec !== undefined) {
      const a0: RunLogAlpha = firstRec.layers[i]!.alpha!;
      const a1: RunLogAlpha = lastRec.layers[i]!.alpha!;
      alpha = { first: a0.mean, firstStep: firstRec.step, last: a1.mean, lastStep: lastRec.step, min: a1.min, max: a1.max };
    }
    return {
      layer,
      dead: seriesSummary(log, i, 'deadPercent', RUN_LOG_THRESHOLD),
      inactive: seriesSummary(log, i, 'inactivePercent', RUN_LOG_THRESHOLD),
      dormant: seriesSummary(log, i, 'dormantPercent', RUN_LOG_THRESHOLD),
      zeroFraction: seriesSummary(log, i, 'zeroFraction', 2),
      alpha,
    };
  });
}

const INTEGER = new Intl.NumberFormat('en-US');

/** A step with thousands separators ("4,000"). */
export function stepText(step: number): string {
  return INTEGER.format(step);
}

/** A percentage as the diagnosis writes it: whole above 10, one decimal below ("38%", "6.3%"). */
export function percentText(p: number): string {
  return `${p >= 10 || p === 0 ? Math.round(p) : Number(p.toFixed(1))}%`;
}

/** "layer 2 (net.3, ReLU)": the 1-based position among the monitored layers, the module's name and type. */
function layerName(i: number, l: RunLogLayer): string {
  return `layer ${i + 1} (${l.name}, ${l.type})`;
}

/** The findings for one layer, in the order they are shown. */
function layerFindings(i: number, s: RunLogLayerSummary, tau: number): RunLogFinding[] {
  const out: RunLogFinding[] = [];
  const name = layerName(i, s.layer);
  const d = s.dead;
  if (d !== null) {
    if (d.aboveSince !== null) {
      const since = d.aboveSince === d.lastStep ? `at step ${stepText(d.lastStep)}` : `at step ${stepText(d.lastStep)}, above ${RUN_LOG_THRESHOLD}% since step ${stepText(d.aboveSince)}`;
      out.push({ kind: 'dead', layer: i, text: `${name}: ${percentText(d.last)} dead ${since} under ${s.layer.type}. These units output 0 on every input of the window, so they get no gradient; consider Leaky ReLU or PReLU, which keep a slope for z < 0.` });
    } else if (d.peak > RUN_LOG_THRESHOLD) {
      out.push({ kind: 'revived', layer: i, text: `${name}: dead peaked at ${percentText(d.peak)} at step ${stepText(d.peakStep)} and is ${percentText(d.last)} at step ${stepText(d.lastStep)}: under ReLU such units come back only when momentum or the layers before them move their inputs above 0.` });
    }
  }
  const inactive = s.inactive;
  if (s.layer.kind === 'leaky' && inactive !== null && inactive.aboveSince !== null) {
    const since = inactive.aboveSince === inactive.lastStep ? '' : `, above ${RUN_LOG_THRESHOLD}% since step ${stepText(inactive.aboveSince)}`;
    out.push({ kind: 'inactive', layer: i, text: `${name}: ${percentText(inactive.last)} inactive at step ${stepText(inactive.lastStep)}${since} (z <= 0 on every input of the window). Under ${s.layer.type} they still get gradient: inactive, not dead.` });
  }
  const dormant = s.dormant;
  if (dormant !== null && dormant.aboveSince !== null) {
    const deadToo = d !== null && d.last > 0 ? ', the dead ones included' : '';
    out.push({ kind: 'dormant', layer: i, text: `${name}: ${percentText(dormant.last)} τ-dormant at step ${stepText(dormant.lastStep)} (mean |a| at most ${tau} of the layer's average${deadToo}).` });
  }
  return out;
}

/** The first step whose loss was not finite, or null. */
function firstNonFiniteLoss(log: RunLog): { step: number; loss: number } | null {
  for (const r of log.records) if (r.loss !== null && !Number.isFinite(r.loss)) return { step: r.step, loss: r.loss };
  return null;
}

/**
 * The diagnosis of a run log in words: per layer what is above RUN_LOG_THRESHOLD at the last record
 * (dead under a zero-gradient activation, inactive under a leaky one, τ-dormant), a dead peak that
 * went back down, units dead at step 0, PReLU's slopes, and the first non-finite loss. Claims only what
 * the log's records show.
 */
export function diagnoseRunLog(log: RunLog): RunLogFinding[] {
  if (log.records.length === 0) return [{ kind: 'empty', layer: null, text: 'The log has no records yet: the monitor writes one at step 0 and every N steps after.' }];
  const summaries = summarizeRunLog(log);
  const out: RunLogFinding[] = [];
  const first = log.records[0]!;
  summaries.forEach((s, i) => {
    const born = first.step === 0 ? first.layers[i]!.deadPercent : null;
    if (born !== null && born > 0) out.push({ kind: 'born-dead', layer: i, text: `${layerName(i, s.layer)}: ${percentText(born)} dead at step 0, before any update: born dead, not killed by training.` });
    out.push(...layerFindings(i, s, log.header.tau));
  });
  const alarming = out.some((f) => f.kind === 'dead' || f.kind === 'inactive' || f.kind === 'dormant');
  summaries.forEach((s, i) => {
    const a = s.alpha;
    if (a === null) return;
    const moved = a.firstStep === a.lastStep ? `${Number(a.last.toFixed(3))} at step ${stepText(a.lastStep)}` : `${Number(a.first.toFixed(3))} at step ${stepText(a.firstStep)}, ${Number(a.last.toFixed(3))} at step ${stepText(a.lastStep)}`;
    const negative = a.min < 0 ? '; some slopes are negative, so the layer is no longer monotonic' : '';
    out.push({ kind: 'alpha', layer: i, text: `${layerName(i, s.layer)}: learned slope α mean ${moved} (min ${Number(a.min.toFixed(3))}, max ${Number(a.max.toFixed(3))})${negative}.` });
  });
  const bad = firstNonFiniteLoss(log);
  if (bad !== null) out.push({ kind: 'loss', layer: null, text: `The loss was ${Number.isNaN(bad.loss) ? 'NaN' : bad.loss > 0 ? '+Infinity' : '-Infinity'} at step ${stepText(bad.step)}: training diverged there.` });
  if (!alarming) {
    const last = log.records[log.records.length - 1]!;
    out.push({ kind: 'healthy', layer: null, text: `At step ${stepText(last.step)} no layer is above ${RUN_LOG_THRESHOLD}% dead, inactive or τ-dormant.` });
  }
  // The most pressing first; within a kind, in layer order (sort is stable).
  return out.sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
}
