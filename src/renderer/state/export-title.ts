import { type ActivationSpec, activationLabel } from '../../core/nn/activation';
import { formatInt } from './format';

/** What every exported image says about where it comes from: the dataset, the step, the lanes and their activations. */
export interface ExportContext {
  /** The dataset's name, as the data panel shows it. */
  readonly dataset: string;
  /** The newest training step shown. */
  readonly step: number;
  /** Every lane of the session, in lane order, with its current activation and its colour on the charts. */
  readonly lanes: readonly { readonly name: string; readonly activation: ActivationSpec; readonly color: string }[];
}

/** The export context of a session: its lanes as the newest snapshot has them, coloured as on the charts. */
export function exportContext(step: number, lanes: readonly { readonly name: string; readonly activation: ActivationSpec }[], dataset: string, colors: readonly string[]): ExportContext {
  return { dataset, step, lanes: lanes.map((l, i) => ({ name: l.name, activation: l.activation, color: colors[i % colors.length] ?? '#888888' })) };
}

/** Title of a lane's graph image: "Lane ReLU · Leaky ReLU α=0.01 · step 2,400 · moons". */
export function laneTitle(name: string, activation: ActivationSpec, step: number, dataset: string): string {
  return `Lane ${name} · ${activationLabel(activation)} · step ${formatInt(step)} · ${dataset}`;
}

/** Second title line of an exported chart (under the chart's own title): the step and the dataset. */
export function chartSubtitle(ctx: Pick<ExportContext, 'dataset' | 'step'>): string {
  return `step ${formatInt(ctx.step)} · ${ctx.dataset}`;
}

/** The note under an exported chart: which activation each lane ran, and what the dashed verticals mark. */
export function lanesNote(ctx: Pick<ExportContext, 'lanes'>, marked: boolean): string {
  const lanes = ctx.lanes.map((l) => `${l.name} = ${activationLabel(l.activation)}`).join('; ');
  return `Lanes: ${lanes}.${marked ? ' Dashed verticals: hot-swaps, learning-rate changes, rewinds.' : ''}`;
}

/** A file name part from free text: "Leaky ReLU (0.1)" -> "leaky-relu-0-1" (`fallback` when nothing is left). */
export function slug(text: string, fallback: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || fallback;
}
