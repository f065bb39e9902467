import type { MetricHistory, Series } from '../state/history';
import type { ChartSpec } from './chart-specs';
import type { ChartLane } from './uplot-options';

/** Dash patterns (CSS pixels) telling a lane's hidden layers apart: solid, dashed, dotted, dash-dot, then again. */
export const LAYER_DASHES: readonly (readonly number[] | undefined)[] = [undefined, [5, 3], [1.5, 2.5], [6, 2, 1.5, 2]];

/** Dash of a lane's test series (its train series is solid). */
export const TEST_DASH: readonly number[] = [5, 3];

/** A lane as the charts key it: its name and colour. */
export interface LaneKey {
  readonly name: string;
  readonly color: string;
}

/** What the series of a chart depend on besides its spec and the lanes. */
export interface SeriesContext {
  /** Hidden layers of the network (per-layer charts draw one series per layer). */
  readonly hiddenLayers: number;
  /** False when the data has no test rows: a train-test chart then draws the train series only. */
  readonly hasTest: boolean;
  /** Per lane, whether it learns its slope (PReLU now or before a hot-swap): the α chart draws only those. */
  readonly learnsSlope: readonly boolean[];
}

/**
 * The series a chart overlays, grouped by lane in lane order: one per lane; per lane its train (solid)
 * and test (dashed) series; or per lane one per hidden layer (dash by layer, a single series named after
 * the lane when there is one hidden layer). The α chart leaves out lanes with a fixed slope.
 */
export function chartSeries(spec: ChartSpec, lanes: readonly LaneKey[], ctx: SeriesContext): ChartLane[] {
  const layout = spec.layout;
  return lanes.flatMap((l, lane): ChartLane[] => {
    switch (layout.kind) {
      case 'lane':
        return [{ name: l.name, color: l.color, lane }];
      case 'train-test': {
        const train: ChartLane = { name: `${l.name} train`, color: l.color, lane, sub: 'train' };
        return ctx.hasTest ? [train, { name: `${l.name} test`, color: l.color, lane, sub: 'test', metric: layout.test, dash: TEST_DASH }] : [train];
      }
      case 'layers': {
        if (spec.metric === 'slope' && ctx.learnsSlope[lane] !== true) return [];
        if (ctx.hiddenLayers === 1) return [{ name: l.name, color: l.color, lane, layer: 0 }];
        return Array.from({ length: ctx.hiddenLayers }, (_, layer) => {
          const dash = LAYER_DASHES[layer % LAYER_DASHES.length];
          const sub = `L${layer + 1}`;
          return { name: `${l.name} ${sub}`, color: l.color, lane, layer, sub, ...(dash === undefined ? {} : { dash }) };
        });
      }
    }
  });
}

/** The recorded values series `s` (the `k`th of its chart) draws; undefined when not recorded (yet). */
export function seriesValues(history: MetricHistory, spec: ChartSpec, s: ChartLane, k: number): Series | undefined {
  return history.valuesOf(s.metric ?? spec.metric, s.lane ?? k, s.layer);
}

/** One entry of a chart's dash key: a dash pattern (solid when undefined) and which of a lane's series it marks. */
export interface DashKeyItem {
  readonly dash: readonly number[] | undefined;
  readonly label: string;
}

/**
 * The dash key of a chart whose lanes have several series each, explained once for every lane: each
 * pattern with the series it marks ("train", "test"; "L1, L5" when layers outnumber the patterns).
 * Empty when each lane has a single series (the lane colours say it all).
 */
export function dashKey(series: readonly ChartLane[]): DashKeyItem[] {
  const items = new Map<string, { dash: readonly number[] | undefined; subs: string[] }>();
  for (const s of series) {
    if (s.sub === undefined) continue;
    const key = JSON.stringify(s.dash ?? []);
    const item = items.get(key) ?? { dash: s.dash, subs: [] };
    if (!item.subs.includes(s.sub)) item.subs.push(s.sub);
    items.set(key, item);
  }
  return [...items.values()].map((i) => ({ dash: i.dash, label: i.subs.join(', ') }));
}

/** The read-out of one lane: its series' values at one step, in order, in the lane's colour. */
export interface ReadoutGroup {
  readonly lane: number;
  readonly color: string;
  readonly values: readonly { readonly name: string; readonly text: string }[];
}

/** Values per lane from which a read-out is dense: a line per lane, values in the spec's compact format. */
export const DENSE_READOUT = 3;

/** True when some lane has so many series (layers) that the read-out lists each lane on its own line. */
export function isDense(groups: readonly ReadoutGroup[]): boolean {
  return groups.some((g) => g.values.length >= DENSE_READOUT);
}

/**
 * The values of every series at one point, grouped by lane (a chart's series are in lane order), so a
 * chart with many series per lane reads as one short run of values per lane. `value` gives the `k`th
 * series' value (null or undefined when not recorded or not finite, shown as "—"); a dense read-out
 * (many layers) formats them with `compact` ("13" for "13%": the title gives the unit).
 */
export function readoutGroups(
  series: readonly ChartLane[],
  value: (k: number) => number | null | undefined,
  format: (v: number) => string,
  compact: (v: number) => string = format,
): ReadoutGroup[] {
  const raw: { lane: number; color: string; values: { name: string; v: number | null | undefined }[] }[] = [];
  series.forEach((s, k) => {
    const lane = s.lane ?? k;
    const entry = { name: s.name, v: value(k) };
    const last = raw.at(-1);
    if (last !== undefined && last.lane === lane) last.values.push(entry);
    else raw.push({ lane, color: s.color, values: [entry] });
  });
  const f = raw.some((g) => g.values.length >= DENSE_READOUT) ? compact : format;
  return raw.map((g) => ({ lane: g.lane, color: g.color, values: g.values.map(({ name, v }) => ({ name, text: v === null || v === undefined || Number.isNaN(v) ? '—' : f(v) })) }));
}
