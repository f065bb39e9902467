import type { Claim } from '../protocol/claims';
import type { LaneMetrics } from '../protocol/messages';

/** A claim's verdict after a run: whether it held, and if not the first step at which it failed. */
export interface ClaimVerdict {
  readonly held: boolean;
  /** First probe step at which the claim was seen to fail (null when it held). */
  readonly failStep: number | null;
  /** The claimed quantity's value at the deciding step (or the last one seen), for the report. */
  readonly value: number;
}

/** A lane's claimed quantity now: percentages (of all hidden neurons: the mean over layers), a score in [0, 1], or 1/0 for finite. */
export function claimValue(m: LaneMetrics, quantity: Claim['quantity'], layer: number | null): number {
  switch (quantity) {
    case 'dead':
    case 'inactive':
    case 'dormant':
    case 'zero': {
      const per = quantity === 'dead' ? m.deadPercent : quantity === 'inactive' ? m.inactivePercent : quantity === 'dormant' ? m.dormantPercent : m.zeroFraction.map((z) => 100 * z);
      if (layer !== null) return per[layer] ?? Number.NaN;
      return per.reduce((a, b) => a + b, 0) / Math.max(1, per.length);
    }
    case 'testScore':
      return m.testScore;
    case 'finite':
      return m.diverged === null ? 1 : 0;
    case 'revivedSinceSwap':
      return m.revivedSinceSwap;
    case 'slopeSpread':
      return m.slopeSpread;
    case 'deaths':
      return m.deaths;
    case 'revivals':
      return m.revivals;
  }
}

/** Whether the claim's comparison holds for these lanes' metrics (NaN never holds), and the value compared. */
function compare(c: Claim, lanes: readonly LaneMetrics[]): { ok: boolean; value: number } {
  const value = claimValue(lanes[c.lane]!, c.quantity, c.layer);
  const bound = c.than === undefined ? c.value : claimValue(lanes[c.than.lane]!, c.quantity, c.layer) + c.value;
  const ok = c.op === 'atLeast' ? value >= bound : value <= bound;
  return { ok, value };
}

/**
 * Evaluates claims as a run goes: observe() after every probe step, finish() at the end. A claim `at`
 * a step is decided there; one over a window must hold at every probe step in it (its first failure is
 * reported); one `by` a step must hold at some probe step of its window.
 */
export class ClaimChecker {
  private readonly verdicts: { held: boolean | null; failStep: number | null; value: number }[];

  constructor(
    readonly claims: readonly Claim[],
    private readonly horizon: number,
  ) {
    this.verdicts = claims.map(() => ({ held: null, failStep: null, value: Number.NaN }));
  }

  /** True once every claim is decided (nothing later can change a verdict). */
  get decided(): boolean {
    return this.verdicts.every((v) => v.held !== null);
  }

  /** Folds in the lanes' metrics at probe step `step`. */
  observe(step: number, lanes: readonly LaneMetrics[]): void {
    this.claims.forEach((c, i) => {
      const v = this.verdicts[i]!;
      if (v.held !== null) return;
      const w = c.when;
      if ('at' in w) {
        if (step < w.at) return;
        const r = compare(c, lanes);
        this.decide(i, r.ok, step, r.value);
        return;
      }
      if (step < w.from) return;
      const r = compare(c, lanes);
      v.value = r.value;
      if ('by' in w) {
        if (r.ok) this.decide(i, true, step, r.value);
        else if (step >= w.by) this.decide(i, false, step, r.value);
        return;
      }
      if (!r.ok) this.decide(i, false, step, r.value);
      else if (step >= (w.to ?? this.horizon)) this.decide(i, true, step, r.value);
    });
  }

  /**
   * The verdicts at the end of a run that reached `step`. When `frozen` (every lane stopped, so the last
   * state holds at every later step), claims still open are judged on that state at their own steps;
   * otherwise an open claim (its window never reached) fails at `step`.
   */
  finish(step: number, lanes: readonly LaneMetrics[], frozen: boolean): ClaimVerdict[] {
    this.claims.forEach((c, i) => {
      if (!frozen || this.verdicts[i]!.held !== null) return;
      const r = compare(c, lanes);
      const w = c.when;
      const at = 'at' in w ? w.at : 'by' in w ? (r.ok ? Math.max(step, w.from) : w.by) : r.ok ? (w.to ?? this.horizon) : Math.max(step, w.from);
      this.decide(i, r.ok, at, r.value);
    });
    return this.verdicts.map((v) => ({ held: v.held === true, failStep: v.held === true ? null : (v.failStep ?? step), value: v.value }));
  }

  private decide(i: number, held: boolean, step: number, value: number): void {
    this.verdicts[i] = { held, failStep: held ? null : step, value };
  }
}
