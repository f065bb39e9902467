import type { Task } from '../../core/data/dataset';
import { activationLabel } from '../../core/nn/activation';
import type { LaneSnapshot, SessionDataView } from '../../core/protocol/messages';
import type { SessionSpec } from '../../core/protocol/spec';
import { escapeXml } from '../charts/svg-text';
import type { ChartEvent } from './chart-marks';
import { formatInt, formatLoss } from './format';
import { offReadout } from './neuron-state';
import { optimizerLabel } from './optimizer-label';
import { formatScore, scoreLabel } from './score';

/** Rows of a two-column table: a name and its value as text. */
export type Rows = readonly (readonly [string, string])[];

/** What a report shows: the session's settings, each lane's graph and read-outs, the charts and the experiment file. */
export interface ReportInput {
  readonly title: string;
  /** When it was made (ISO 8601), said under the title. */
  readonly created: string;
  readonly settings: Rows;
  readonly lanes: readonly {
    readonly title: string;
    /** The lane's graph as a standalone SVG document with ids unique in the page (graph/lane-svg.ts), or null when it was not drawn. */
    readonly image: { readonly svg: string; readonly width: number; readonly height: number } | null;
    readonly readouts: Rows;
  }[];
  /** Each chart as a standalone SVG document (charts/chart-svg.ts). */
  readonly charts: readonly string[];
  /** The experiment file exactly as Save writes it, and its file name. */
  readonly experiment: { readonly name: string; readonly text: string };
}

/** Base64 of text's UTF-8 bytes (btoa takes Latin-1 only), in chunks so a big file does not overflow the call stack. */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * The session's settings as the report lists them: data, network and seed, each lane's settings at the
 * start, then the recorded changes (hot-swaps, learning rates, rewinds; chart-marks.ts) by step.
 */
export function settingsRows(spec: SessionSpec, data: SessionDataView | null, marks: readonly ChartEvent[] = []): Rows {
  const rows: [string, string][] = [
    ['Dataset', data === null ? spec.dataset.kind : `${data.name} (${data.task}, ${formatInt(data.trainRows)} train / ${formatInt(data.testRows)} test rows)`],
    ['Network', [data?.dims ?? '?', ...spec.hidden, data === null ? '?' : data.task === 'regression' ? 1 : data.classes].join('-')],
    ['Batch size', String(spec.batchSize)],
    ['Test fraction', String(spec.testFraction)],
    ['Seed', String(spec.seed)],
  ];
  spec.lanes.forEach((l) => {
    const clip = l.clipNorm === null ? 'no clipping' : `clip norm ${l.clipNorm}`;
    rows.push([`Lane ${l.name}`, `${activationLabel(l.activation)}, lr ${l.lr}, ${optimizerLabel(l)}, ${l.schedule.kind} schedule, ${l.start === undefined ? `${l.init.kind} init` : `weights from ${l.start.source}`}, bias shift ${l.biasShift}, ${clip}`]);
  });
  for (const m of marks) rows.push([`Step ${formatInt(m.step)}`, `lane ${spec.lanes[m.lane]?.name ?? m.lane + 1}: ${m.label}`]);
  return rows;
}

/** A lane's read-outs at its newest snapshot, formatted as the lane panel shows them (the engine's numbers). */
export function laneRows(lane: LaneSnapshot, task: Task): Rows {
  const off = offReadout(lane);
  return [
    ['Activation now', activationLabel(lane.activation)],
    ['Step', formatInt(lane.step)],
    ['Loss (train / test)', `${formatLoss(lane.loss)} / ${formatLoss(lane.testLoss)}`],
    [`${scoreLabel(task, 'train')} / test`, `${formatScore(lane.trainScore, task)} / ${formatScore(lane.testScore, task)}`],
    [`${off.word[0]!.toUpperCase()}${off.word.slice(1)} neurons`, `${formatInt(off.count)} of ${formatInt(off.total)}`],
    ['Revived / died', `${formatInt(lane.revivals)} / ${formatInt(lane.deaths)}`],
    ...(lane.diverged === null ? [] : [['Diverged', lane.diverged.reason] as const]),
  ];
}

function table(rows: Rows): string {
  return `<table>${rows.map(([k, v]) => `<tr><th scope="row">${escapeXml(k)}</th><td>${escapeXml(v)}</td></tr>`).join('')}</table>`;
}

const STYLE = `body{margin:24px auto;max-width:1100px;padding:0 16px;font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1b2130;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d5dae3;padding-bottom:4px}h3{font-size:14px;margin:0 0 6px}
.meta{color:#5c6675;margin:0 0 12px}table{border-collapse:collapse}th,td{text-align:left;vertical-align:top;padding:3px 12px 3px 0;border-bottom:1px solid #eef0f4}th{font-weight:600;white-space:nowrap}
.lanes{display:flex;flex-wrap:wrap;gap:16px}.lane{flex:1 1 440px;min-width:0}.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(480px,1fr));gap:16px}
.graph svg{max-width:100%;height:auto;border-radius:6px}.charts svg{width:100%;height:auto;border:1px solid #d5dae3;border-radius:6px}
.download{display:inline-block;margin:8px 0;padding:6px 12px;border-radius:6px;background:#0072b2;color:#fff;text-decoration:none;font-weight:600}`;

/**
 * The report: one self-contained HTML page (inline styles, lanes and charts as inline SVG, the graphs' pixels as data, the
 * experiment file in a download link as a data: URL), with a CSP that lets it load nothing from anywhere,
 * so it opens offline in any browser and needs no script.
 */
export function reportHtml(r: ReportInput): string {
  const href = `data:application/json;base64,${base64Utf8(r.experiment.text)}`;
  const lanes = r.lanes.map((l, i) => {
    const image =
      l.image === null
        ? '<p class="meta">The graph was not drawn yet.</p>'
        : `<div class="graph" role="img" aria-label="${escapeXml(l.title)}">${l.image.svg}</div>`;
    return `<section class="lane" data-lane="${i}"><h3>${escapeXml(l.title)}</h3>${image}${table(l.readouts)}</section>`;
  });
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(r.title)}</title><style>${STYLE}</style></head><body>`,
    `<h1>${escapeXml(r.title)}</h1>`,
    `<p class="meta">Made with Leaky Lab on ${escapeXml(r.created)}. Everything is in this file; it needs no network and no app.</p>`,
    `<p><a class="download" id="experiment-download" download="${escapeXml(r.experiment.name)}" href="${href}">Download the experiment file (${escapeXml(r.experiment.name)})</a></p>`,
    '<p class="meta">Open it in Leaky Lab (Open experiment…) to see this session and train on with the same numbers, or re-run it headless with the same numbers: <code>npx leaky-lab run &lt;file&gt;</code>.</p>',
    `<h2>Settings</h2>${table(r.settings)}`,
    `<h2>Lanes</h2><div class="lanes">${lanes.join('')}</div>`,
    `<h2>Charts</h2><div class="charts">${r.charts.join('\n')}</div>`,
    '</body></html>',
  ].join('\n');
}
