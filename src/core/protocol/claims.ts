import * as v from 'valibot';

/**
 * What a claim measures, per lane, at a probe step:
 * - dead: % of the layer's neurons (or of all hidden neurons) that are dead: no probe input gives
 *   z > 0 while the activation has zero gradient there (ReLU), so they get no gradient through themselves;
 * - inactive: % with no probe input giving z > 0, whatever the activation (a superset of dead);
 * - testScore: test accuracy in [0, 1] (R^2 for regression);
 * - finite: 1 while the lane trains, 0 once it has diverged (a non-finite loss or weight);
 * - revivedSinceSwap: % of the neurons inactive at the lane's last hot-swap that have fired again since;
 * - slopeSpread: largest minus smallest negative slope over the hidden neurons (PReLU's learned alphas);
 * - deaths, revivals: neurons that died (went inactive under ReLU) and that fired again, counted since the lane started;
 * - dormant: % of the layer's neurons (or of all hidden neurons) whose Sokar et al. score is <= the lane's tau;
 * - zero: % of the layer's (probe row, neuron) outputs exactly 0 (the article's dead_ratio, times 100).
 */
export const CLAIM_QUANTITIES = ['dead', 'inactive', 'testScore', 'finite', 'revivedSinceSwap', 'slopeSpread', 'deaths', 'revivals', 'dormant', 'zero'] as const;

const step = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000_000));
const lane = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3));

/**
 * When a claim must hold: at one step; at every probe step from `from` to `to` (null: the horizon);
 * or at some probe step from `from` up to `by`.
 */
export const ClaimWhenSchema = v.union([
  v.strictObject({ at: step }),
  v.strictObject({ from: step, to: v.nullable(step) }),
  v.strictObject({ from: step, by: step }),
]);

/**
 * A checkable statement about a story's outcome: lane `lane`'s quantity (of hidden layer `layer`,
 * 0-based, or of all hidden neurons when null) is at least / at most `value`, or, with `than`, at
 * least / at most that other lane's same quantity plus `value`.
 */
export const ClaimSchema = v.strictObject({
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
  lane,
  quantity: v.picklist(CLAIM_QUANTITIES),
  layer: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(15))),
  op: v.picklist(['atLeast', 'atMost']),
  value: v.pipe(v.number(), v.finite()),
  than: v.optional(v.strictObject({ lane })),
  when: ClaimWhenSchema,
});

/** A checkable statement about a story's outcome (see ClaimSchema). */
export type Claim = v.InferOutput<typeof ClaimSchema>;
/** When a claim must hold. */
export type ClaimWhen = v.InferOutput<typeof ClaimWhenSchema>;

/**
 * Why a claim cannot be evaluated on a spec with these hidden widths and lane count, naming the
 * field (relative to the claim), or null when it can.
 */
export function claimProblem(c: Claim, hidden: readonly number[], lanes: number, horizon: number): { field: string; message: string } | null {
  if (c.lane >= lanes) return { field: 'lane', message: `names lane ${c.lane}, but the experiment has ${lanes} lane(s)` };
  if (c.than !== undefined && c.than.lane >= lanes) return { field: 'than.lane', message: `names lane ${c.than.lane}, but the experiment has ${lanes} lane(s)` };
  if (c.layer !== null && c.layer >= hidden.length) return { field: 'layer', message: `names hidden layer ${c.layer} (0-based), but the network has ${hidden.length}` };
  if (c.layer !== null && (c.quantity === 'testScore' || c.quantity === 'finite' || c.quantity === 'revivedSinceSwap' || c.quantity === 'slopeSpread' || c.quantity === 'deaths' || c.quantity === 'revivals')) return { field: 'layer', message: `must be null: ${c.quantity} is a whole-lane quantity` };
  const w = c.when;
  const last = 'at' in w ? w.at : 'by' in w ? w.by : (w.to ?? horizon);
  if (last > horizon) return { field: 'when', message: `reaches step ${last}, beyond the horizon (${horizon})` };
  if (!('at' in w) && last < w.from) return { field: 'when', message: `ends (step ${last}) before it starts (step ${w.from})` };
  return null;
}
