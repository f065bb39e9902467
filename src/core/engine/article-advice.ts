import type { ActivationSpec } from '../nn/activation';

/** What the article's advice needs of a lane: the engine's own numbers at its latest probe. */
export interface AdviceLane {
  readonly name: string;
  readonly activation: ActivationSpec;
  /** Test accuracy, [0, 1]. */
  readonly testScore: number;
  /** Per hidden layer, % of neurons dead (zero gradient, no probe input gives z > 0), [0, 100]. */
  readonly deadPercent: readonly number[];
}

/** ReLU "stalls" when its test accuracy is this many points (of 100) or more below the best leaky lane's. */
export const STALL_POINTS = 5;
/** "Many neurons output constant 0": a hidden layer with more than this % dead (the diagnosis's threshold). */
export const MANY_DEAD_PERCENT = 10;

/**
 * The article's recommendation, checked against what the lanes did: "Start with ReLU; if training stalls
 * early or many neurons output constant 0, switch to Leaky ReLU; PReLU to squeeze out a bit more."
 * verdict: whether the rule says to stay with ReLU or to switch, and one sentence per part of the rule
 * with the numbers it rests on. Null when the lanes hold no ReLU or no Leaky ReLU lane, or nothing is
 * measured yet. One seed, one moment: the scenario's claims say what holds across seeds.
 */
export function articleAdvice(lanes: readonly AdviceLane[], step: number): { readonly verdict: 'stay' | 'switch'; readonly lines: readonly string[] } | null {
  const relu = lanes.find((l) => l.activation.kind === 'relu');
  const leaky = lanes.find((l) => l.activation.kind === 'leaky_relu' && l.activation.alpha > 0);
  const prelu = lanes.find((l) => l.activation.kind === 'prelu');
  if (relu === undefined || leaky === undefined || !Number.isFinite(relu.testScore) || !Number.isFinite(leaky.testScore)) return null;
  const worstDead = Math.max(0, ...relu.deadPercent);
  const behind = points(leaky.testScore - relu.testScore);
  const stalled = behind >= STALL_POINTS;
  const many = worstDead > MANY_DEAD_PERCENT;
  const verdict = stalled || many ? 'switch' : 'stay';
  const at = `at step ${step.toLocaleString('en-US')}`;
  const lines = [
    `ReLU ${at}: ${pct(relu.testScore)} test accuracy, ${Math.round(worstDead)}% of its worst layer dead; Leaky ReLU: ${pct(leaky.testScore)}.`,
    verdict === 'stay'
      ? `"Start with ReLU" holds here: it did not stall (${describeGap(behind)} Leaky ReLU, under ${STALL_POINTS}) and few neurons output constant 0 (${MANY_DEAD_PERCENT}% or fewer per layer).`
      : `"Switch to Leaky ReLU" applies here: ${[stalled ? `ReLU is ${behind.toFixed(1)} points behind Leaky ReLU` : '', many ? `${Math.round(worstDead)}% of a ReLU layer outputs constant 0` : ''].filter((s) => s !== '').join(' and ')}.`,
  ];
  if (prelu !== undefined && Number.isFinite(prelu.testScore)) {
    const more = points(prelu.testScore - leaky.testScore);
    lines.push(more > 0 ? `"PReLU to squeeze out a bit more": ${more.toFixed(1)} points over Leaky ReLU (${pct(prelu.testScore)}).` : `"PReLU to squeeze out a bit more" does not hold here: ${(-more).toFixed(1)} points ${more === 0 ? 'apart from' : 'behind'} Leaky ReLU (${pct(prelu.testScore)}).`);
  }
  return { verdict, lines };
}

/** A difference of two accuracies in points (of 100), rounded to 0.1. */
function points(d: number): number {
  return Math.round(d * 1000) / 10;
}

function pct(score: number): string {
  return `${(score * 100).toFixed(1)}%`;
}

function describeGap(behind: number): string {
  if (behind > 0) return `${behind.toFixed(1)} points behind`;
  if (behind < 0) return `${(-behind).toFixed(1)} points ahead of`;
  return 'level with';
}
