/**
 * The layout of the engine's metric history. Each recorded point is one row of numbers: the step, then
 * per lane its LANE_SERIES, then per hidden layer its LAYER_SERIES. The engine records rows; the
 * renderer, the CSV export and experiment files read them through this layout, so no one re-derives them.
 */

/**
 * Per-lane series, in row order: batch loss and its moving average (nats, or the MSE for regression),
 * test loss at the probe, train and test score (accuracy in [0, 1], or R^2 for regression), dead and
 * inactive percentage of all hidden neurons [0, 100], deaths and revivals so far (counts), the
 * percentage of hidden neurons that are tau-dormant (Sokar et al.'s score <= the lane's tau) and the
 * percentage of (probe row, hidden neuron) outputs exactly 0 (the article's dead_ratio, times 100).
 */
export const LANE_SERIES = ['loss', 'smoothedLoss', 'testLoss', 'trainScore', 'testScore', 'deadAll', 'inactiveAll', 'deaths', 'revivals', 'dormantAll', 'zeroAll'] as const;
/**
 * Per-hidden-layer series, in row order: dead and inactive percentage of the layer's neurons [0, 100],
 * their mean negative slope (PReLU: the learned alpha), the layer's tau-dormant percentage and the
 * percentage of its (probe row, neuron) outputs exactly 0 [0, 100].
 */
export const LAYER_SERIES = ['deadPercent', 'inactivePercent', 'slope', 'dormantPercent', 'zeroPercent'] as const;

/** A per-lane series name. */
export type LaneSeriesName = (typeof LANE_SERIES)[number];
/** A per-layer series name. */
export type LayerSeriesName = (typeof LAYER_SERIES)[number];

/** Where each series sits in a history row, for a session of `lanes` lanes and `layers` hidden layers. */
export class HistoryLayout {
  /** Numbers per row. */
  readonly width: number;
  private readonly perLane: number;

  constructor(
    readonly lanes: number,
    readonly layers: number,
  ) {
    this.perLane = LANE_SERIES.length + layers * LAYER_SERIES.length;
    this.width = 1 + lanes * this.perLane;
  }

  /** Column of a per-lane series of lane `lane`. */
  laneColumn(lane: number, name: LaneSeriesName): number {
    return 1 + lane * this.perLane + LANE_SERIES.indexOf(name);
  }

  /** Column of a per-layer series of hidden layer `layer` of lane `lane`. */
  layerColumn(lane: number, layer: number, name: LayerSeriesName): number {
    return 1 + lane * this.perLane + LANE_SERIES.length + layer * LAYER_SERIES.length + LAYER_SERIES.indexOf(name);
  }
}

/**
 * The rows of the history a snapshot carries: those since the last snapshot the consumer acknowledged
 * (`from` is the index of the first), or all of them (`from` 0) when the history was thinned, cut back
 * or restarted since (a new `generation`). rows: `count` rows of `width` numbers, NaN where not finite.
 */
export interface HistoryDelta {
  readonly generation: number;
  readonly from: number;
  readonly count: number;
  readonly width: number;
  readonly rows: Float64Array<ArrayBuffer>;
}
