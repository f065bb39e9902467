import { heatmapBody } from './heatmap-svg';
import type { LinePlot, PlotSpec } from './lab-plots';
import { escapeXml, fitText, legendLayout, num, wrapText } from './svg-text';

export { escapeXml } from './svg-text';
export { viridis } from './heatmap-svg';

/** Colours of a plot's frame (the page theme's, so the exported file looks like the screen). */
export interface PlotTheme {
  readonly background: string;
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
}

/** The light theme, for files and tests. */
export const LIGHT_PLOT: PlotTheme = { background: '#ffffff', text: '#1b2130', muted: '#5c6675', grid: '#d5dae3' };
/** The dark theme of the app. */
export const DARK_PLOT: PlotTheme = { background: '#151a23', text: '#e6e9ef', muted: '#9aa3b2', grid: '#2a3140' };

/** Series colours: Okabe and Ito's colour-blind safe palette, ReLU's vermilion first. */
export const SERIES_COLORS = ['#d55e00', '#0072b2', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#f0e442', '#7f7f7f'];

/** Size of a plot in CSS pixels (the SVG's own units). */
export interface PlotSize {
  readonly width: number;
  readonly height: number;
}

/**
 * How the explorer's charts draw on the same frame (none of it set: the Lab's plots): the lanes' own
 * colours and dash patterns, a y axis chosen by the chart (log, fixed range) instead of padded data and
 * round ticks, and the hot-swaps marked at their steps.
 */
export interface LineStyle {
  /** Colour per series, in series order (else SERIES_COLORS). */
  readonly colors?: readonly string[];
  /** Dash pattern per series in CSS pixels (solid where undefined). */
  readonly dashes?: readonly (readonly number[] | undefined)[];
  /** The y range and its ticks, in the points' y units (a log chart passes log10 values and labels them). */
  readonly yAxis?: { readonly range: readonly [number, number]; readonly ticks: readonly { readonly y: number; readonly label: string }[] };
  /** A second title line (where the plot comes from: step, dataset); the document's <title> names both. */
  readonly subtitle?: string;
  /** Vertical dashed lines at x positions, labelled at the top in their colour (hot-swaps, rewinds). */
  readonly marks?: readonly { readonly x: number; readonly label: string; readonly color: string }[];
}

const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
const LEFT = 60;
const RIGHT = 16;
const TOP = 44;
/** Room under the plot area for tick labels and the x label (the legend and the note add theirs). */
const UNDER = 40;
const LINE = 13;

/**
 * The whole plot as a standalone SVG document: presentation attributes only (no style attributes, which
 * the page's CSP would refuse when shown inline; the same string is the exported .svg and the PNG's source).
 */
export function plotSvg(spec: PlotSpec, size: PlotSize, theme: PlotTheme = LIGHT_PLOT, style: LineStyle = {}): string {
  const { width: w, height: h } = size;
  const notes = wrapText(spec.note, w - LEFT - RIGHT, 10, 2);
  const legend = spec.kind === 'lines' && spec.series.length > 1 ? legendLayout(spec.series.map((s) => s.name), w - LEFT - RIGHT) : [];
  const legendRows = legend.length === 0 ? 0 : legend[legend.length - 1]!.row + 1;
  const bottom = UNDER + legendRows * LINE + notes.length * 12 + 8;
  const body = spec.kind === 'lines' ? linesBody(spec, size, theme, bottom, style) : heatmapBody(spec, size, theme, TOP, bottom);
  const legendY = h - bottom + UNDER + 10;
  const legendSvg = legend.map((e, i) => {
    const x = LEFT + e.x;
    const y = legendY + e.row * LINE;
    const color = style.colors?.[i] ?? SERIES_COLORS[i % SERIES_COLORS.length]!;
    const dash = style.dashes?.[i];
    if (dash !== undefined) return `<line x1="${num(x)}" x2="${num(x + 12)}" y1="${y - 5}" y2="${y - 5}" stroke="${color}" stroke-width="2" stroke-dasharray="${dash.join(' ')}"/><text x="${num(x + 16)}" y="${y - 2}" fill="${theme.text}">${escapeXml(e.name)}</text>`;
    return `<rect x="${num(x)}" y="${y - 7}" width="12" height="4" fill="${color}"/><text x="${num(x + 16)}" y="${y - 2}" fill="${theme.text}">${escapeXml(e.name)}</text>`;
  });
  const noteY = h - 6 - (notes.length - 1) * 12;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="${FONT}" font-size="11">`,
    `<title>${escapeXml(style.subtitle === undefined ? spec.title : `${spec.title} · ${style.subtitle}`)}</title>`,
    `<rect width="${w}" height="${h}" fill="${theme.background}"/>`,
    `<text x="${LEFT}" y="20" font-size="13" font-weight="600" fill="${theme.text}">${escapeXml(fitText(spec.title, w - LEFT - 90, 13))}</text>`,
    ...(style.subtitle === undefined ? [] : [`<text x="${LEFT}" y="34" font-size="11" fill="${theme.muted}">${escapeXml(fitText(style.subtitle, w - LEFT - RIGHT))}</text>`]),
    body,
    ...legendSvg,
    ...notes.map((line, i) => `<text x="${LEFT}" y="${noteY + i * 12}" font-size="10" fill="${theme.muted}">${escapeXml(line)}</text>`),
    '</svg>',
  ].join('\n');
}

/** Round tick values covering [lo, hi] (about `count`). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((m) => m >= raw)!;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.round(t / step) * step);
  return out;
}

/** The y range of the lines and bands, padded a little; never below `yFloor` when no value is. */
export function yRange(spec: LinePlot): [number, number] {
  const ys = spec.series.flatMap((s) => s.points.flatMap((p) => [p.y, p.low, p.high])).filter(Number.isFinite);
  if (spec.yFloor !== undefined) ys.push(spec.yFloor);
  if (ys.length === 0) return [0, 1];
  const lo = Math.min(...ys);
  let hi = Math.max(...ys);
  if (hi - lo < 1e-9) hi = lo + 1;
  const pad = (hi - lo) * 0.06;
  return [spec.yFloor !== undefined && lo >= spec.yFloor ? spec.yFloor : lo - pad, hi + pad];
}

/** Axes, grid, bands and lines (or, on a category axis, points with interval bars side by side). */
function linesBody(spec: LinePlot, size: PlotSize, theme: PlotTheme, bottom: number, style: LineStyle): string {
  const x0 = LEFT;
  const x1 = size.width - RIGHT;
  const y0 = size.height - bottom;
  const y1 = TOP;
  const category = spec.xScale === 'category';
  const xs = spec.xTicks.map((t) => t.x);
  const tx = spec.xScale === 'log' ? Math.log10 : (x: number) => x;
  let [xlo, xhi] = xs.length > 0 ? [tx(Math.min(...xs)), tx(Math.max(...xs))] : [0, 0];
  if (category || xhi - xlo < 1e-12) {
    xlo -= 0.5;
    xhi += 0.5;
  } else if (spec.xLabel !== 'step') {
    const inset = 0.06 * (xhi - xlo);
    xlo -= inset;
    xhi += inset;
  }
  const px = (x: number) => x0 + ((tx(x) - xlo) / (xhi - xlo)) * (x1 - x0);
  const [ylo, yhi] = style.yAxis?.range ?? yRange(spec);
  const py = (y: number) => y0 - ((y - ylo) / (yhi - ylo)) * (y0 - y1);
  const out: string[] = [];
  const yTicks = style.yAxis?.ticks ?? niceTicks(ylo, yhi).map((t) => ({ y: t, label: String(Number(t.toPrecision(3))) }));
  for (const t of yTicks) {
    out.push(`<line x1="${x0}" x2="${x1}" y1="${num(py(t.y))}" y2="${num(py(t.y))}" stroke="${theme.grid}"/>`);
    out.push(`<text x="${x0 - 6}" y="${num(py(t.y) + 4)}" text-anchor="end" fill="${theme.muted}">${escapeXml(t.label)}</text>`);
  }
  for (const m of style.marks ?? []) {
    out.push(`<line data-mark="${escapeXml(m.label)}" x1="${num(px(m.x))}" x2="${num(px(m.x))}" y1="${y1}" y2="${y0}" stroke="${m.color}" stroke-width="1.5" stroke-dasharray="4 3"/>`);
    out.push(`<text x="${num(px(m.x) + 3)}" y="${y1 + 10}" font-size="10" fill="${m.color}">${escapeXml(m.label)}</text>`);
  }
  const room = category ? (x1 - x0) / Math.max(1, xs.length) - 6 : 90;
  for (const t of spec.xTicks) {
    out.push(`<line x1="${num(px(t.x))}" x2="${num(px(t.x))}" y1="${y0}" y2="${y0 + 4}" stroke="${theme.muted}"/>`);
    out.push(`<text x="${num(px(t.x))}" y="${y0 + 16}" text-anchor="middle" fill="${theme.muted}">${escapeXml(fitText(t.label, room))}</text>`);
  }
  out.push(`<line x1="${x0}" x2="${x1}" y1="${y0}" y2="${y0}" stroke="${theme.muted}"/>`);
  out.push(`<line x1="${x0}" x2="${x0}" y1="${y1}" y2="${y0}" stroke="${theme.muted}"/>`);
  out.push(`<text x="${(x0 + x1) / 2}" y="${y0 + 32}" text-anchor="middle" fill="${theme.text}">${escapeXml(spec.xLabel)}</text>`);
  out.push(`<text transform="translate(14 ${(y0 + y1) / 2}) rotate(-90)" text-anchor="middle" fill="${theme.text}">${escapeXml(spec.yLabel)}</text>`);
  const many = spec.series.some((s) => s.points.length > 12);
  // On a category axis the series sit side by side around each category, so their bars do not hide each other.
  const dodge = category ? Math.min(12, (x1 - x0) / Math.max(1, xs.length) / (spec.series.length + 1)) : 0;
  spec.series.forEach((s, i) => {
    const color = style.colors?.[i] ?? SERIES_COLORS[i % SERIES_COLORS.length]!;
    const dash = style.dashes?.[i];
    const dashAttr = dash === undefined ? '' : ` stroke-dasharray="${dash.join(' ')}"`;
    const name = escapeXml(s.name);
    const shift = (i - (spec.series.length - 1) / 2) * dodge;
    const at = (x: number) => px(x) + shift;
    const pts = s.points.filter((p) => Number.isFinite(p.y));
    const band = pts.filter((p) => Number.isFinite(p.low) && Number.isFinite(p.high));
    if (category || band.length === 1) {
      for (const p of band) out.push(`<line data-band="${name}" x1="${num(at(p.x))}" x2="${num(at(p.x))}" y1="${num(py(p.low))}" y2="${num(py(p.high))}" stroke="${color}" stroke-width="2" stroke-opacity="0.7"/>`);
    } else if (band.length > 1) {
      const edge = [...band.map((p) => `${num(px(p.x))},${num(py(p.high))}`), ...[...band].reverse().map((p) => `${num(px(p.x))},${num(py(p.low))}`)];
      out.push(`<polygon data-band="${name}" points="${edge.join(' ')}" fill="${color}" fill-opacity="0.18" stroke="none"/>`);
    }
    if (!category && pts.length > 1) out.push(`<polyline data-series="${name}" points="${pts.map((p) => `${num(px(p.x))},${num(py(p.y))}`).join(' ')}" fill="none" stroke="${color}" stroke-width="2"${dashAttr}/>`);
    if (!many) for (const p of pts) out.push(`<circle cx="${num(at(p.x))}" cy="${num(py(p.y))}" r="3" fill="${color}"/>`);
  });
  return out.join('\n');
}
