import { activationLabel } from '../nn/activation';
import type { ActivationSpec } from '../nn/activation';
import type { InitSpec } from '../nn/init';
import type { DatasetRef, RedoSpec, SessionSpec } from '../protocol/spec';
import { type Axis, type AxisName, type Sweep, sweepSeeds } from '../protocol/sweep';
import type { OptimizerSpec } from '../train/make-optimizer';

/** One cell of a sweep: one value per axis (indices into each axis's values, in the sweep's axis order). */
export interface Cell {
  readonly index: number;
  readonly at: readonly number[];
  /** Per axis, the value's label (e.g. "Leaky ReLU 0.01", "0.1", "16x16"). */
  readonly labels: readonly string[];
}

/** One run: a cell at one seed, and the one-lane session spec it trains. */
export interface Run {
  /** Position in the sweep (cells in order, seeds inside each cell); results are keyed by it. */
  readonly index: number;
  readonly cell: number;
  readonly seed: number;
  readonly spec: SessionSpec;
}

/** Every cell of a sweep, the first axis varying slowest (one cell when there are no axes). */
export function sweepCells(s: Pick<Sweep, 'axes'>): Cell[] {
  const total = s.axes.reduce((n, a) => n * a.values.length, 1);
  const cells: Cell[] = [];
  for (let c = 0; c < total; c++) {
    const at: number[] = [];
    let rest = c;
    for (let k = s.axes.length - 1; k >= 0; k--) {
      const n = s.axes[k]!.values.length;
      at[k] = rest % n;
      rest = Math.floor(rest / n);
    }
    cells.push({ index: c, at, labels: at.map((i, k) => axisValueLabel(s.axes[k]!, i)) });
  }
  return cells;
}

/** Every run of a sweep in order: for each cell, one per seed. */
export function sweepRuns(s: Sweep): Run[] {
  const seeds = sweepSeeds(s);
  return sweepCells(s).flatMap((cell) => seeds.map((seed, k) => ({ index: cell.index * seeds.length + k, cell: cell.index, seed, spec: cellSpec(s, cell, seed) })));
}

/** The session spec of one cell at one seed: the base with each axis's value put in place. */
export function cellSpec(s: Pick<Sweep, 'base' | 'axes'>, cell: Pick<Cell, 'at'>, seed: number): SessionSpec {
  let spec: SessionSpec = { ...s.base, seed, lanes: [{ ...s.base.lanes[0]! }] };
  s.axes.forEach((a, k) => {
    spec = withAxis(spec, a.axis, a.values[cell.at[k]!]);
  });
  const lane = spec.lanes[0]!;
  return { ...spec, lanes: [{ ...lane, name: laneName(lane.activation, lane.redo != null) }] };
}

/** A lane's name in a sweep run: its activation, and "+ ReDo" when it recycles (fits the 40-character limit of lane names). */
function laneName(a: ActivationSpec, redo: boolean): string {
  const suffix = redo ? ' + ReDo' : '';
  return `${activationLabel(a).slice(0, 40 - suffix.length)}${suffix}`;
}

/** The spec with one axis set to `value` (a value the sweep schema checked). */
function withAxis(spec: SessionSpec, axis: AxisName, value: unknown): SessionSpec {
  const lane = spec.lanes[0]!;
  const onLane = (patch: Partial<SessionSpec['lanes'][number]>): SessionSpec => ({ ...spec, lanes: [{ ...lane, ...patch }] });
  switch (axis) {
    case 'activation':
      return onLane({ activation: value as ActivationSpec });
    case 'lr':
      return onLane({ lr: value as number });
    case 'init':
      return onLane({ init: value as InitSpec });
    case 'biasShift':
      return onLane({ biasShift: value as number });
    case 'optimizer':
      return onLane({ optimizer: value as OptimizerSpec });
    case 'redo':
      return onLane({ redo: value as RedoSpec | null });
    case 'batchSize':
      return { ...spec, batchSize: value as number };
    case 'hidden':
      return { ...spec, hidden: [...(value as number[])] };
    case 'depth':
      return { ...spec, hidden: Array.from({ length: value as number }, (_, i) => spec.hidden[Math.min(i, spec.hidden.length - 1)]!) };
    case 'width':
      return { ...spec, hidden: spec.hidden.map(() => value as number) };
    case 'dataset':
      return { ...spec, dataset: value as DatasetRef };
  }
}

/** A short label of one axis value, as the Lab's plots and the CSV columns show it. */
export function axisValueLabel(a: Axis, i: number): string {
  const value = a.values[i];
  switch (a.axis) {
    case 'activation':
      return activationLabel(value as ActivationSpec);
    case 'hidden':
      return (value as number[]).join('x');
    case 'init': {
      const init = value as InitSpec;
      return 'a' in init && init.a !== 0 ? `${init.kind}:${init.a}` : init.kind;
    }
    case 'optimizer':
      return optimizerLabel(value as OptimizerSpec);
    case 'dataset': {
      const d = value as DatasetRef;
      return d.kind === 'bundled' ? d.name : d.kind === 'file' ? d.name : d.kind;
    }
    case 'redo': {
      const r = value as RedoSpec | null;
      return r === null ? 'without ReDo' : `with ReDo every ${r.every}, τ ${r.tau}`;
    }
    default:
      return String(value);
  }
}

/** An optimizer's name with its distinguishing setting (sgd momentum, the Adam family's name). */
function optimizerLabel(o: OptimizerSpec): string {
  if (o.kind === 'sgd') return o.momentum === 0 ? 'sgd' : `sgd m=${o.momentum}${o.nesterov ? ' nesterov' : ''}`;
  return o.weightDecay === 0 ? o.kind : `${o.kind} wd=${o.weightDecay}`;
}
