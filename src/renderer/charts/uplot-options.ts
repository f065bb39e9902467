import type uPlot from 'uplot';
import type { ChartEvent } from '../state/chart-marks';
import type { ChartMetric } from '../state/history';
import type { CanvasTheme } from './canvas';
import { type ChartSpec, formatStep, type YScale } from './chart-specs';

/** A series as the charts show it: a lane's, its test values, or (per-layer charts) one hidden layer's of a lane. */
export interface ChartLane {
  /** Full label, as uPlot and the hover read-out name it ("ReLU", "ReLU test", "ReLU L2"). */
  readonly name: string;
  readonly color: string;
  /** Which of a lane's series this is ("train", "test", "L2"), when a lane has several. */
  readonly sub?: string;
  /** The recorded series drawn, when not the chart spec's metric (a train-test chart's test series). */
  readonly metric?: ChartMetric;
  /** The lane the series belongs to, when the chart's series are not simply its lanes in order. */
  readonly lane?: number;
  /** The hidden layer of a per-layer series (0-based). */
  readonly layer?: number;
  /** Dash pattern (CSS pixels) telling a lane's layers apart; solid when absent. */
  readonly dash?: readonly number[];
}

/** The y scale's options for a spec's scaling. */
function yScale(y: YScale): uPlot.Scale {
  switch (y.kind) {
    case 'log':
      return { distr: 3, log: 10 };
    case 'fixed':
      return { range: [y.min, y.max] };
    case 'from-zero':
      return { range: (_u, _min, max) => [0, max > 0 ? max * 1.08 : 1] };
    case 'up-to-one': {
      const floor = y.floor;
      return { range: (_u, min) => [Number.isFinite(min) ? Math.max(floor, Math.min(0.9, Math.floor(min * 10) / 10)) : Math.max(0, floor), 1] };
    }
    case 'around-data':
      return { range: (_u, min, max) => aroundData(min, max) };
  }
}

/** A y range around [min, max] with a 10% margin (at least 0.05 each way, so a flat line sits mid-chart). */
export function aroundData(min: number, max: number): [number, number] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  const margin = Math.max(0.05, 0.1 * (max - min));
  return [min - margin, max + margin];
}

/**
 * Tick values of a log axis: 1-2-5 steps when the range spans a few decades, else whole decades thinned to
 * at most five (uPlot's default, a line at every 1..9 x 10^k, turns into a solid block when a lane diverges).
 */
export function logSplits(min: number, max: number): number[] {
  if (!(min > 0) || !(max > min)) return [];
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const fine: number[] = [];
  for (let k = lo; k <= hi; k++) for (const m of [1, 2, 5]) fine.push(Number(`${m}e${k}`));
  const inRange = (v: number): boolean => v >= min * 0.999 && v <= max * 1.001;
  const picked = fine.filter(inRange);
  if (picked.length <= 5) return picked;
  const decades: number[] = [];
  for (let k = lo; k <= hi; k++) if (inRange(10 ** k)) decades.push(Number(`1e${k}`));
  const stride = Math.ceil(decades.length / 5);
  return decades.filter((_, i) => i % stride === 0);
}

/** Axis styling shared by x and y: theme colours, small font, light grid. */
function axis(theme: CanvasTheme, size: number, values: (v: number) => string): uPlot.Axis {
  return {
    stroke: theme.muted,
    font: '10px system-ui, sans-serif',
    size,
    gap: 3,
    grid: { stroke: theme.border, width: 1 },
    ticks: { stroke: theme.border, width: 1, size: 3 },
    values: (_u, splits) => tickLabels(splits, values),
  };
}

/**
 * Tick labels: a tick that is zero but for float error reads "0" (not "2.78e-17"), and a label equal to
 * the one before it is left blank (an empty 0..1 chart of whole numbers read "0, 0, 0, 1, 1, 1").
 */
export function tickLabels(splits: readonly (number | null | undefined)[], format: (v: number) => string): string[] {
  const finite = splits.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const span = finite.length > 1 ? Math.max(...finite) - Math.min(...finite) : 0;
  let previous: string | null = null;
  return splits.map((v) => {
    if (v === null || v === undefined) return '';
    const text = format(Math.abs(v) < span * 1e-9 ? 0 : v);
    if (text === previous) return '';
    previous = text;
    return text;
  });
}

/**
 * Draws the engine's recorded changes (hot-swaps, learning rates, lane rewinds) as dashed vertical lines
 * in their lane's colour, labelled newest first in up to two rows wherever a label fits without
 * overlapping another. Runs in uPlot's draw hook, in canvas pixels
 * (uPlot scales by the device pixel ratio itself).
 */
function drawEvents(u: uPlot, events: readonly ChartEvent[], lanes: readonly ChartLane[], ratio: number): void {
  const { ctx, bbox } = u;
  const rows: [number, number][][] = [[], []];
  ctx.save();
  ctx.lineWidth = ratio;
  ctx.font = `${10 * ratio}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    const x = Math.round(u.valToPos(e.step, 'x', true));
    if (!(x >= bbox.left && x <= bbox.left + bbox.width)) continue;
    // Each event in the colour of its lane; events of lanes the chart does not show are left out.
    const color = lanes.find((l, k) => (l.lane ?? k) === e.lane)?.color;
    if (color === undefined) continue;
    ctx.strokeStyle = color;
    ctx.setLineDash([3 * ratio, 3 * ratio]);
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
    const text = `→ ${e.label}`;
    const w = ctx.measureText(text).width;
    const right = x + 3 * ratio + w > bbox.left + bbox.width;
    const span: [number, number] = right ? [x - 3 * ratio - w, x] : [x, x + 3 * ratio + w];
    const row = rows.findIndex((r) => r.every(([a, b]) => span[1] < a || span[0] > b));
    if (row < 0) continue;
    rows[row]!.push(span);
    ctx.fillStyle = color;
    ctx.textAlign = right ? 'right' : 'left';
    ctx.fillText(text, x + (right ? -3 : 3) * ratio, bbox.top + (2 + 12 * row) * ratio);
  }
  ctx.restore();
}

/** Everything a chart needs besides its data. */
export interface ChartSetup {
  /** Only its scale and number format are read (the run-log view's charts have no ChartSpec). */
  readonly spec: Pick<ChartSpec, 'y' | 'format'>;
  readonly lanes: readonly ChartLane[];
  readonly theme: CanvasTheme;
  readonly width: number;
  readonly height: number;
  /** The changes to mark (read at every redraw, so new ones show without rebuilding the chart). */
  readonly events: () => readonly ChartEvent[];
  /** Called with the hovered point's index, or null when the cursor leaves. */
  readonly onHover: (index: number | null) => void;
}

/** uPlot options for one chart: every lane's series in its colour, no legend (the caption shows values). */
export function chartOptions(s: ChartSetup, ratio: number): uPlot.Options {
  return {
    width: s.width,
    height: s.height,
    legend: { show: false },
    // Hovering one chart shows the same step on all of them; no drag-zoom on charts this small.
    cursor: { sync: { key: 'leaky-lab-charts' }, drag: { x: false, y: false, setScale: false }, points: { size: 5 } },
    scales: { x: { time: false }, y: yScale(s.spec.y) },
    series: [{ label: 'step' }, ...s.lanes.map((l) => ({ label: l.name, stroke: l.color, width: 1.5, ...(l.dash === undefined ? {} : { dash: [...l.dash] }), points: { show: false } }))],
    axes: [
      axis(s.theme, 20, formatStep),
      { ...axis(s.theme, 34, s.spec.format), ...(s.spec.y.kind === 'log' ? { splits: (u: uPlot) => logSplits(u.scales['y']?.min ?? 0, u.scales['y']?.max ?? 0), filter: (_u: uPlot, splits: number[]) => splits } : {}) },
    ],
    hooks: {
      draw: [(u) => drawEvents(u, s.events(), s.lanes, ratio)],
      setCursor: [(u) => s.onHover(u.cursor.idx ?? null)],
    },
  };
}
