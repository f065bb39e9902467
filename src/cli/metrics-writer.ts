import { closeSync, openSync, writeSync } from 'node:fs';
import Papa from 'papaparse';
import { activationCode } from '../core/nn/activation';
import type { LaneMetrics } from '../core/protocol/messages';

/** One output row: a lane's metrics at one step, flattened to columns. */
type Row = Record<string, string | number | null>;

/** A metric as a cell: null where not measured or not finite (an empty test split's accuracy): an empty CSV cell, as the history CSV writes it, and null in JSON. */
function cell(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** Flattens lane metrics into columns (dead % and zero fraction get one column per hidden layer; R^2 columns for regression). */
export function metricsRow(step: number, lane: number, m: LaneMetrics, regression = false): Row {
  const row: Row = {
    step,
    lane,
    name: m.name,
    activation: activationCode(m.activation),
    lr: m.lr,
    [regression ? 'mse' : 'loss']: cell(m.loss),
    [regression ? 'test_mse' : 'test_loss']: cell(m.testLoss),
    [regression ? 'train_r2' : 'train_accuracy']: cell(m.trainScore),
    [regression ? 'test_r2' : 'test_accuracy']: cell(m.testScore),
  };
  m.deadPercent.forEach((d, l) => (row[`dead_pct_layer${l + 1}`] = d));
  m.inactivePercent.forEach((d, l) => (row[`inactive_pct_layer${l + 1}`] = d));
  m.zeroFraction.forEach((z, l) => (row[`zero_fraction_layer${l + 1}`] = z));
  row['deaths'] = m.deaths;
  row['revivals'] = m.revivals;
  row['revivals_by_cure'] = m.revivalsByCure;
  row['diverged'] = m.diverged === null ? '' : m.diverged.reason;
  // After the older columns, so that scripts reading them by position keep working.
  m.dormantPercent.forEach((d, l) => (row[`dormant_pct_layer${l + 1}`] = d));
  row['tau'] = m.tau;
  return row;
}

/**
 * Streams per-step metrics to a .csv (header, then one row per step and lane) or a .json file (an
 * array of row objects), buffering rows so that long runs never hold their whole history in memory.
 */
export class MetricsWriter {
  private readonly fd: number;
  private readonly json: boolean;
  private buffer: Row[] = [];
  private rowsWritten = 0;

  constructor(
    readonly path: string,
    /** Regression runs name their columns mse, train_r2 and test_r2. */
    private readonly regression = false,
  ) {
    this.json = path.toLowerCase().endsWith('.json');
    this.fd = openSync(path, 'w');
    if (this.json) writeSync(this.fd, '[\n');
  }

  /** Queues the rows of one step. */
  add(step: number, metrics: readonly LaneMetrics[]): void {
    metrics.forEach((m, lane) => this.buffer.push(metricsRow(step, lane, m, this.regression)));
    if (this.buffer.length >= 4096) this.flush();
  }

  /** Writes the remaining rows and closes the file. */
  close(): void {
    this.flush();
    if (this.json) writeSync(this.fd, '\n]\n');
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    let text: string;
    if (this.json) {
      text = (this.rowsWritten > 0 ? ',\n' : '') + this.buffer.map((r) => JSON.stringify(r)).join(',\n');
    } else {
      text = Papa.unparse(this.buffer, { header: this.rowsWritten === 0, newline: '\n' }) + '\n';
    }
    writeSync(this.fd, text);
    this.rowsWritten += this.buffer.length;
    this.buffer = [];
  }
}
