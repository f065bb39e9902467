import type { HeatmapPlot } from './lab-plots';
import type { PlotSize, PlotTheme } from './plot-svg';
import { escapeXml, fitText, num, textWidth } from './svg-text';

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

/**
 * The colour scale's range: the values' own, widened to at least `minSpan` below the highest, so that
 * a spread of a tenth of a point does not look like one from 0 to 100.
 */
export function colorRange(values: readonly number[], minSpan: number): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  const hi = Math.max(...finite);
  return [Math.min(Math.min(...finite), hi - minSpan), hi];
}

/** The squares, their values, row and column labels and the colour bar of a heatmap (inside `top`..`bottom`). */
export function heatmapBody(spec: HeatmapPlot, size: PlotSize, theme: PlotTheme, top: number, bottom: number): string {
  const x0 = Math.min(170, 18 + Math.max(30, ...spec.rows.map((r) => textWidth(r))));
  const x1 = size.width - 16 - 56;
  const y1 = top;
  const y0 = size.height - bottom;
  const cw = (x1 - x0) / Math.max(1, spec.columns.length);
  const ch = (y0 - y1) / Math.max(1, spec.rows.length);
  // Scores: a span of at least 5 points of accuracy (or 0.05 of R²).
  const [lo, hi] = colorRange(spec.values.flat(), 0.05);
  const scale = (v: number) => (hi - lo < 1e-12 ? 1 : (v - lo) / (hi - lo));
  const show = (v: number) => (spec.unit === '%' ? `${(v * 100).toFixed(1)}` : v.toFixed(3));
  const out: string[] = [];
  spec.rows.forEach((row, r) => {
    out.push(`<text x="${num(x0 - 6)}" y="${num(y1 + (r + 0.5) * ch + 4)}" text-anchor="end" fill="${theme.muted}">${escapeXml(fitText(row, x0 - 10))}</text>`);
    spec.columns.forEach((_, c) => {
      const v = spec.values[r]?.[c] ?? Number.NaN;
      const x = x0 + c * cw;
      const y = y1 + r * ch;
      const fill = Number.isFinite(v) ? viridis(scale(v)) : theme.grid;
      out.push(`<rect data-cell="${r},${c}" x="${num(x + 1)}" y="${num(y + 1)}" width="${num(cw - 2)}" height="${num(ch - 2)}" fill="${fill}"/>`);
      if (Number.isFinite(v)) {
        const ink = scale(v) > 0.6 ? '#111111' : '#ffffff';
        out.push(`<text x="${num(x + cw / 2)}" y="${num(y + ch / 2 + 4)}" text-anchor="middle" fill="${ink}">${show(v)}</text>`);
      }
    });
  });
  spec.columns.forEach((col, c) => out.push(`<text x="${num(x0 + (c + 0.5) * cw)}" y="${y0 + 16}" text-anchor="middle" fill="${theme.muted}">${escapeXml(fitText(col, cw - 4))}</text>`));
  out.push(`<text x="${num((x0 + x1) / 2)}" y="${y0 + 32}" text-anchor="middle" fill="${theme.text}">${escapeXml(spec.xLabel)}</text>`);
  out.push(`<text x="${num(x0 - 6)}" y="${y1 - 8}" text-anchor="end" fill="${theme.text}">${escapeXml(spec.yLabel)}</text>`);
  const bx = x1 + 16;
  for (let i = 0; i < 20; i++) out.push(`<rect x="${bx}" y="${num(y0 - ((i + 1) / 20) * (y0 - y1))}" width="12" height="${num((y0 - y1) / 20 + 0.5)}" fill="${viridis(i / 19)}"/>`);
  out.push(`<text x="${bx + 16}" y="${y1 + 8}" fill="${theme.muted}">${show(hi)}</text>`);
  out.push(`<text x="${bx + 16}" y="${y0}" fill="${theme.muted}">${show(lo)}</text>`);
  return out.join('\n');
}
