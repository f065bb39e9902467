import { escapeXml, fitText, num, textWidth } from '../charts/svg-text';
import { activityColor, cssColor, type GraphPalette } from './palette';

/** Colours of a lane image's frame: the page theme's, so the file looks like the screen. */
export interface LaneImageTheme {
  readonly background: string;
  readonly graphBackground: string;
  readonly text: string;
  readonly muted: string;
}

/** One entry of the graph's key, as the lane image draws it. */
export type LegendEntry =
  | { readonly kind: 'ramp'; readonly stops: readonly string[]; readonly label: string }
  | { readonly kind: 'disc'; readonly fill: string; readonly stroke: string; readonly dash: string | null; readonly label: string }
  | { readonly kind: 'edges'; readonly colors: readonly [string, string]; readonly label: string };

/** The graph's key (the same entries as Legend.svelte), in the palette's colours. */
export function graphLegend(p: GraphPalette): LegendEntry[] {
  return [
    { kind: 'ramp', stops: [0, 0.25, 0.5, 0.75, 1].map((t) => cssColor(activityColor(t))), label: 'activity rate: fires rarely → often' },
    { kind: 'disc', fill: cssColor(p.dead), stroke: cssColor(p.deadOutline), dash: '2 1.5', label: 'dead (ReLU): no gradient through itself' },
    { kind: 'disc', fill: 'none', stroke: cssColor(p.inactive), dash: '1 1.5', label: 'inactive: still gets gradient α' },
    { kind: 'disc', fill: cssColor(activityColor(0.6)), stroke: cssColor(p.revived), dash: null, label: 'revived recently' },
    { kind: 'edges', colors: [cssColor(p.positive), cssColor(p.negative)], label: 'weight + / −, width by |w|' },
  ];
}

/** What a lane image shows: its title, the graph as drawn (an image of graphWidth x graphHeight CSS px), its layer labels and key. */
export interface LaneImage {
  readonly title: string;
  /** The graph as a data: URL (drawn at any resolution; it is placed at graphWidth x graphHeight). */
  readonly graph: string;
  readonly graphWidth: number;
  readonly graphHeight: number;
  /** Layer labels and the x of their column's middle, in the graph's pixels. */
  readonly labels: readonly { readonly x: number; readonly text: string }[];
  readonly legend: readonly LegendEntry[];
  readonly theme: LaneImageTheme;
  /** Prefix of the document's ids, unique per lane, so several lane images can sit inline in one page. */
  readonly id?: string;
}

const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
const PAD = 12;
/** Narrowest image: room for the title and two key entries a row. */
const MIN_WIDTH = 440;
const TITLE_LINE = 17;
const LABEL_ROW = 18;
const KEY_ROW = 16;
const SWATCH = 26;

/** The title in lines of at most `width` px, broken between its " · " parts (never inside one), at most two lines. */
export function titleLines(title: string, width: number, size = 13): string[] {
  const lines: string[] = [];
  for (const part of title.split(' · ')) {
    const last = lines.at(-1);
    if (last !== undefined && textWidth(`${last} · ${part}`, size) <= width) lines[lines.length - 1] = `${last} · ${part}`;
    else lines.push(part);
  }
  if (lines.length <= 2) return lines.map((l) => fitText(l, width, size));
  return [fitText(lines[0]!, width, size), fitText(lines.slice(1).join(' · '), width, size)];
}

/** Where each key entry goes: rows of swatch + label, wrapped to `width`. */
function keyLayout(legend: readonly LegendEntry[], width: number): { x: number; row: number }[] {
  let x = 0;
  let row = 0;
  return legend.map((e) => {
    const w = SWATCH + 6 + textWidth(e.label, 11) + 16;
    if (x > 0 && x + w > width) {
      row++;
      x = 0;
    }
    const at = { x, row };
    x += w;
    return at;
  });
}

/** The swatch of a key entry, its left edge at x, its middle at y. */
function swatch(e: LegendEntry, x: number, y: number, id: string): string {
  switch (e.kind) {
    case 'ramp': {
      const stops = e.stops.map((c, k) => `<stop offset="${num(k / Math.max(1, e.stops.length - 1))}" stop-color="${c}"/>`).join('');
      return `<defs><linearGradient id="${id}">${stops}</linearGradient></defs><rect x="${num(x)}" y="${num(y - 5)}" width="${SWATCH}" height="10" rx="5" fill="url(#${id})"/>`;
    }
    case 'disc':
      return `<circle cx="${num(x + SWATCH / 2)}" cy="${num(y)}" r="5" fill="${e.fill}" stroke="${e.stroke}" stroke-width="1.5"${e.dash === null ? '' : ` stroke-dasharray="${e.dash}"`}/>`;
    case 'edges':
      return e.colors.map((c, k) => `<rect x="${num(x + k * 13)}" y="${num(y - 1.5)}" width="11" height="3" rx="1.5" fill="${c}"/>`).join('');
  }
}

/**
 * A lane's graph as a standalone SVG document of `width` x `height` CSS px: the title (lane, activation,
 * step, dataset) over the layer labels, the graph image and the key, so the file explains itself.
 */
export function laneSvg(x: LaneImage): { svg: string; width: number; height: number } {
  const width = Math.max(MIN_WIDTH, Math.ceil(x.graphWidth) + 2 * PAD);
  const inner = width - 2 * PAD;
  const title = titleLines(x.title, inner);
  const key = keyLayout(x.legend, inner);
  const keyRows = key.length === 0 ? 0 : key[key.length - 1]!.row + 1;
  const graphTop = PAD + title.length * TITLE_LINE + LABEL_ROW;
  const graphLeft = (width - x.graphWidth) / 2;
  const keyTop = graphTop + x.graphHeight + 10;
  const height = Math.ceil(keyTop + keyRows * KEY_ROW + PAD);
  const t = x.theme;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" font-size="11">`,
    `<title>${escapeXml(x.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="${t.background}"/>`,
    ...title.map((line, i) => `<text x="${PAD}" y="${PAD + 12 + i * TITLE_LINE}" font-size="13" font-weight="600" fill="${t.text}">${escapeXml(line)}</text>`),
    `<rect x="${num(graphLeft)}" y="${graphTop - LABEL_ROW}" width="${num(x.graphWidth)}" height="${num(x.graphHeight + LABEL_ROW)}" rx="6" fill="${t.graphBackground}"/>`,
    ...x.labels.map((l) => `<text x="${num(graphLeft + l.x)}" y="${graphTop - 5}" text-anchor="middle" fill="${t.muted}">${escapeXml(l.text)}</text>`),
    `<image x="${num(graphLeft)}" y="${graphTop}" width="${num(x.graphWidth)}" height="${num(x.graphHeight)}" href="${escapeXml(x.graph)}"/>`,
    ...x.legend.map((e, i) => {
      const at = key[i]!;
      const ex = PAD + at.x;
      const ey = keyTop + at.row * KEY_ROW + 6;
      return `${swatch(e, ex, ey, `${x.id ?? 'lane'}-key${i}`)}<text x="${num(ex + SWATCH + 6)}" y="${num(ey + 4)}" fill="${t.muted}">${escapeXml(e.label)}</text>`;
    }),
    '</svg>',
  ];
  return { svg: parts.join('\n'), width, height };
}
