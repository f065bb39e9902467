import type { ActivationSpec } from '../../core/nn/activation';
import type { ExperimentEvent } from '../../core/protocol/experiment';
import { formatInt } from './format';
import { shortActivationLabel } from './short-label';

/** A marked moment on the charts (a hot-swap, a learning-rate change, a rewind of one lane, ReDo's recycling). */
export interface ChartEvent {
  readonly lane: number;
  readonly step: number;
  readonly label: string;
}

/**
 * The chart marks of the engine's recorded changes: a hot-swap by its short activation name ("Leaky
 * 0.01", with the rate it also set), a learning-rate change ("lr 0.05"), a lane rewind ("rewound to
 * 2,000", with the rate a recovery halved), ReDo's recycling ("ReDo: 3 recycled", over all layers). Changes of one lane at one step (pick Leaky ReLU, then type
 * its alpha; a rewind and a swap) make one mark, its label naming the last of each kind.
 */
export function chartMarks(events: readonly ExperimentEvent[]): ChartEvent[] {
  const marks: { lane: number; step: number; rewound?: number; activation?: string; lr?: number; recycled?: number; redo?: string }[] = [];
  for (const e of events) {
    let m = marks.at(-1);
    if (m === undefined || m.lane !== e.lane || m.step !== e.step) marks.push((m = { lane: e.lane, step: e.step }));
    if (e.type === 'recycle') {
      m.recycled = (m.recycled ?? 0) + e.neurons.length;
      continue;
    }
    if (e.type === 'redo') {
      m.redo = e.redo === null ? 'ReDo off' : `ReDo every ${formatInt(e.redo.every)}, τ ${e.redo.tau}`;
      continue;
    }
    if (e.type === 'rewind-lane') {
      // The lane goes back to the checkpoint's activation and rate: earlier changes at this step are undone.
      m.rewound = e.to;
      delete m.activation;
      delete m.lr;
    } else if (e.type === 'activation') m.activation = shortActivationLabel(e.activation);
    if (e.lr !== undefined) m.lr = e.lr;
  }
  return marks.map((m) => ({
    lane: m.lane,
    step: m.step,
    label: [m.recycled === undefined ? null : `ReDo: ${formatInt(m.recycled)} recycled`, m.redo ?? null, m.rewound === undefined ? null : `rewound to ${formatInt(m.rewound)}`, m.activation ?? null, m.lr === undefined ? null : `lr ${m.lr}`].filter((p) => p !== null).join(', '),
  }));
}

/** Per lane, whether it learns its slope now or did before a hot-swap: PReLU in its spec or in a recorded hot-swap. */
export function learnsSlope(initial: readonly ActivationSpec[], events: readonly ExperimentEvent[]): boolean[] {
  return initial.map((a, lane) => a.kind === 'prelu' || events.some((e) => e.type === 'activation' && e.lane === lane && e.activation.kind === 'prelu'));
}
