import type { HeatmapPlot, LinePlot, PlotSpec } from './lab-plots';

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

const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
const PAD = { left: 60, right: 16, top: 44, bottom: 78 };

/** Escapes text for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A number for an SVG attribute (two decimals: sub-pixel precision is enough). */
const n = (x: number): string => (Math.round(x * 100) / 100).toString();

/**
 * The whole plot as a standalone SVG document: presentation attributes only (no style attributes, which
 * the page's CSP would refuse when shown inline; the same string is the exported .svg and the PNG's source).
 */
export function plotSvg(spec: PlotSpec, size: PlotSize, theme: PlotTheme = LIGHT_PLOT): string {
  const body = spec.kind === 'lines' ? linesBody(spec, size, theme) : heatmapBody(spec, size, theme);
  const { width: w, height: h } = size;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="${FONT}" font-size="11">`,
    `<title>${escapeXml(spec.title)}</title>`,
    `<rect width="${w}" height="${h}" fill="${theme.background}"/>`,
    `<text x="${PAD.left}" y="20" font-size="13" font-weight="600" fill="${theme.text}">${escapeXml(spec.title)}</text>`,
    body,
    `<text x="${PAD.left}" y="${h - 6}" font-size="10" fill="${theme.muted}">${escapeXml(spec.note)}</text>`,
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

/** The y range of the lines and bands, padded a little, within [0, 100] for percentages of a whole. */
function yRange(spec: LinePlot): [number, number] {
  const ys = spec.series.flatMap((s) => s.points.flatMap((p) => [p.y, p.low, p.high])).filter(Number.isFinite);
  if (spec.yFloor !== undefined) ys.push(spec.yFloor);
  if (ys.length === 0) return [0, 1];
  let lo = Math.min(...ys);
  let hi = Math.max(...ys);
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.06;
  return [spec.yFloor !== undefined && lo >= spec.yFloor ? spec.yFloor : lo - pad, hi + pad];
}

function linesBody(spec: LinePlot, size: PlotSize, theme: PlotTheme): string {
  const x0 = PAD.left;
  const x1 = size.width - PAD.right;
  const y0 = size.height - PAD.bottom;
  const y1 = PAD.top;
  const xs = spec.xTicks.map((t) => t.x);
  const tx = spec.xScale === 'log' ? Math.log10 : (x: number) => x;
  const [xlo, xhi] = xs.length > 1 ? [tx(Math.min(...xs)), tx(Math.max(...xs))] : [tx(xs[0] ?? 0) - 1, tx(xs[0] ?? 0) + 1];
  const inset = spec.xScale === 'linear' && spec.xLabel === 'step' ? 0 : 0.06 * (xhi - xlo);
  const px = (x: number) => x0 + ((tx(x) - (xlo - inset)) / (xhi - xlo + 2 * inset)) * (x1 - x0);
  const [ylo, yhi] = yRange(spec);
  const py = (y: number) => y0 - ((y - ylo) / (yhi - ylo)) * (y0 - y1);
  const out: string[] = [];
  for (const t of niceTicks(ylo, yhi)) {
    out.push(`<line x1="${x0}" x2="${x1}" y1="${n(py(t))}" y2="${n(py(t))}" stroke="${theme.grid}"/>`);
    out.push(`<text x="${x0 - 6}" y="${n(py(t) + 4)}" text-anchor="end" fill="${theme.muted}">${escapeXml(trim(t))}</text>`);
  }
  for (const t of spec.xTicks) {
    out.push(`<line x1="${n(px(t.x))}" x2="${n(px(t.x))}" y1="${y0}" y2="${y0 + 4}" stroke="${theme.muted}"/>`);
    out.push(`<text x="${n(px(t.x))}" y="${y0 + 16}" text-anchor="middle" fill="${theme.muted}">${escapeXml(t.label)}</text>`);
  }
  out.push(`<line x1="${x0}" x2="${x1}" y1="${y0}" y2="${y0}" stroke="${theme.muted}"/>`);
  out.push(`<line x1="${x0}" x2="${x0}" y1="${y1}" y2="${y0}" stroke="${theme.muted}"/>`);
  out.push(`<text x="${(x0 + x1) / 2}" y="${y0 + 32}" text-anchor="middle" fill="${theme.text}">${escapeXml(spec.xLabel)}</text>`);
  out.push(`<text transform="translate(14 ${(y0 + y1) / 2}) rotate(-90)" text-anchor="middle" fill="${theme.text}">${escapeXml(spec.yLabel)}</text>`);
  const many = spec.series.some((s) => s.points.length > 12);
  spec.series.forEach((s, i) => {
    const color = SERIES_COLORS[i % SERIES_COLORS.length]!;
    const pts = s.points.filter((p) => Number.isFinite(p.y));
    const band = pts.filter((p) => Number.isFinite(p.low) && Number.isFinite(p.high));
    const name = escapeXml(s.name);
    if (band.length > 1) {
      const edge = [...band.map((p) => `${n(px(p.x))},${n(py(p.high))}`), ...[...band].reverse().map((p) => `${n(px(p.x))},${n(py(p.low))}`)];
      out.push(`<polygon data-band="${name}" points="${edge.join(' ')}" fill="${color}" fill-opacity="0.18" stroke="none"/>`);
    } else if (band.length === 1) {
      const p = band[0]!;
      out.push(`<line data-band="${name}" x1="${n(px(p.x))}" x2="${n(px(p.x))}" y1="${n(py(p.low))}" y2="${n(py(p.high))}" stroke="${color}" stroke-width="6" stroke-opacity="0.3"/>`);
    }
    if (pts.length > 1) out.push(`<polyline data-series="${name}" points="${pts.map((p) => `${n(px(p.x))},${n(py(p.y))}`).join(' ')}" fill="none" stroke="${color}" stroke-width="2"/>`);
    if (!many) for (const p of pts) out.push(`<circle cx="${n(px(p.x))}" cy="${n(py(p.y))}" r="3" fill="${color}"/>`);
  });
  out.push(legend(spec.series.map((s) => s.name), x0, y0 + 54, x1, theme));
  return out.join('\n');
}

/** The legend in one row under the x label (names cut to fit). */
function legend(names: readonly string[], x0: number, y: number, x1: number, theme: PlotTheme): string {
  if (names.length <= 1) return '';
  const room = (x1 - x0) / names.length;
  const chars = Math.max(4, Math.floor((room - 18) / 6));
  return names
    .map((name, i) => {
      const x = x0 + i * room;
      const color = SERIES_COLORS[i % SERIES_COLORS.length]!;
      const label = name.length > chars ? `${name.slice(0, chars - 1)}…` : name;
      return `<rect x="${n(x)}" y="${y - 8}" width="12" height="4" fill="${color}"/><text x="${n(x + 16)}" y="${y - 3}" fill="${theme.text}">${escapeXml(label)}</text>`;
    })
    .join('\n');
}

/** A tick's label: at most three significant digits, no trailing zeros. */
function trim(x: number): string {
  return Number(x.toPrecision(3)).toString();
}

/** Viridis at t in [0, 1], from its 5-stop approximation (perceptually uniform, colour-blind safe). */
export function viridis(t: number): string {
  const stops = [
    [68, 1, 84],
    [59, 82, 139],
    [33, 145, 140],
    [94, 201, 98],
    [253, 231, 37],
  ];
  const u = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(u));
  const f = u - i;
  const c = stops[i]!.map((v, k) => Math.round(v + (stops[i + 1]![k]! - v) * f));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

function heatmapBody(spec: HeatmapPlot, size: PlotSize, theme: PlotTheme): string {
  const left = Math.min(170, 18 + 6.2 * Math.max(4, ...spec.rows.map((r) => r.length)));
  const x0 = left;
  const x1 = size.width - PAD.right - 56;
  const y1 = PAD.top;
  const y0 = size.height - PAD.bottom;
  const cw = (x1 - x0) / Math.max(1, spec.columns.length);
  const ch = (y0 - y1) / Math.max(1, spec.rows.length);
  const finite = spec.values.flat().filter(Number.isFinite);
  const lo = finite.length === 0 ? 0 : Math.min(...finite);
  const hi = finite.length === 0 ? 1 : Math.max(...finite);
  const scale = (v: number) => (hi - lo < 1e-12 ? 0.5 : (v - lo) / (hi - lo));
  const show = (v: number) => (spec.unit === '%' ? `${(v * 100).toFixed(1)}` : v.toFixed(3));
  const out: string[] = [];
  spec.rows.forEach((row, r) => {
    out.push(`<text x="${x0 - 6}" y="${n(y1 + (r + 0.5) * ch + 4)}" text-anchor="end" fill="${theme.muted}">${escapeXml(row)}</text>`);
    spec.columns.forEach((_, c) => {
      const v = spec.values[r]?.[c] ?? Number.NaN;
      const x = x0 + c * cw;
      const y = y1 + r * ch;
      const fill = Number.isFinite(v) ? viridis(scale(v)) : theme.grid;
      out.push(`<rect data-cell="${r},${c}" x="${n(x + 1)}" y="${n(y + 1)}" width="${n(cw - 2)}" height="${n(ch - 2)}" fill="${fill}"/>`);
      if (Number.isFinite(v)) {
        const ink = scale(v) > 0.6 ? '#111111' : '#ffffff';
        out.push(`<text x="${n(x + cw / 2)}" y="${n(y + ch / 2 + 4)}" text-anchor="middle" fill="${ink}">${show(v)}</text>`);
      }
    });
  });
  spec.columns.forEach((col, c) => out.push(`<text x="${n(x0 + (c + 0.5) * cw)}" y="${y0 + 16}" text-anchor="middle" fill="${theme.muted}">${escapeXml(col)}</text>`));
  out.push(`<text x="${(x0 + x1) / 2}" y="${y0 + 32}" text-anchor="middle" fill="${theme.text}">${escapeXml(spec.xLabel)}</text>`);
  out.push(`<text x="${x0 - 6}" y="${y1 - 8}" text-anchor="end" fill="${theme.text}">${escapeXml(spec.yLabel)}</text>`);
  // The colour bar: the scale from the lowest to the highest mean shown.
  const bx = x1 + 16;
  for (let i = 0; i < 20; i++) out.push(`<rect x="${bx}" y="${n(y0 - ((i + 1) / 20) * (y0 - y1))}" width="12" height="${n((y0 - y1) / 20 + 0.5)}" fill="${viridis(i / 19)}"/>`);
  if (finite.length > 0) {
    out.push(`<text x="${bx + 16}" y="${y1 + 8}" fill="${theme.muted}">${show(hi)}</text>`);
    out.push(`<text x="${bx + 16}" y="${y0}" fill="${theme.muted}">${show(lo)}</text>`);
  }
  return out.join('\n');
}
