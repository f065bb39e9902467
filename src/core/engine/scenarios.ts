import type { ActivationSpec } from '../nn/activation';
import { EXPERIMENT_FORMAT, EXPERIMENT_VERSION, type Experiment } from '../protocol/experiment';
import { defaultSessionSpec, laneSpec, type LaneSpec, type SessionSpec } from '../protocol/spec';

/** A one-click story from the source article's "when it matters" list. */
export interface Scenario {
  readonly id: 'high-lr' | 'bad-init' | 'deep-narrow' | 'small-batch' | 'revival' | 'prelu' | 'real-digits';
  readonly title: string;
  /** What to watch for, in one or two sentences. */
  readonly watch: string;
  /** The experiment it loads: its events beyond step 0 are a schedule, applied live. */
  readonly experiment: Experiment;
  /** Steps per second to play it at (null: as fast as possible), so that a story stays watchable. */
  readonly speed: number | null;
}

const relu: ActivationSpec = { kind: 'relu' };
const leaky: ActivationSpec = { kind: 'leaky_relu', alpha: 0.01 };

function experiment(spec: Partial<SessionSpec>, lanes: LaneSpec[], events: Experiment['events'] = []): Experiment {
  return { format: EXPERIMENT_FORMAT, version: EXPERIMENT_VERSION, spec: { ...defaultSessionSpec(), ...spec, lanes }, steps: 0, events };
}

/** The scenarios, in the order the UI lists them. */
export function scenarios(): readonly Scenario[] {
  return [
    {
      id: 'high-lr',
      title: 'High learning rate',
      watch: 'At lr 0.3 with momentum 0.9, big updates push ReLU neurons below zero for every input: the ReLU lane goes grey and its accuracy collapses, the Leaky ReLU lane keeps learning.',
      experiment: experiment({}, [laneSpec('ReLU', relu, 0.3), laneSpec('Leaky ReLU', leaky, 0.3)]),
      speed: null,
    },
    {
      id: 'bad-init',
      title: 'Bad initialization',
      watch: 'Every hidden bias starts 1 lower: most ReLU neurons are born dead and never get a gradient; Leaky ReLU and PReLU start from the same weights and recover.',
      experiment: experiment({}, [
        { ...laneSpec('ReLU', relu, 0.05), biasShift: -1 },
        { ...laneSpec('Leaky ReLU', leaky, 0.05), biasShift: -1 },
        { ...laneSpec('PReLU', { kind: 'prelu', alpha: 0.25, perNeuron: true }, 0.05), biasShift: -1 },
      ]),
      speed: null,
    },
    {
      id: 'deep-narrow',
      title: 'Very deep and narrow',
      watch: 'Eight hidden layers of 8, He-initialized: a neuron that dies in a narrow layer takes a share of the only path with it, so the ReLU network loses neurons and accuracy; Leaky ReLU (alpha 0.1) keeps a gradient through every neuron.',
      experiment: experiment({ hidden: [8, 8, 8, 8, 8, 8, 8, 8] }, [
        { ...laneSpec('ReLU', relu, 0.05), init: { kind: 'he_normal', a: 0 } },
        { ...laneSpec('Leaky ReLU', { kind: 'leaky_relu', alpha: 0.1 }, 0.05), init: { kind: 'he_normal', a: 0 } },
      ]),
      speed: null,
    },
    {
      id: 'small-batch',
      title: 'Small batches',
      watch: 'Batches of 2 make noisy, large updates: ReLU neurons die one by one; Leaky ReLU lets them come back.',
      experiment: experiment({ batchSize: 2 }, [laneSpec('ReLU', relu, 0.1), laneSpec('Leaky ReLU', leaky, 0.1)]),
      speed: null,
    },
    {
      id: 'revival',
      title: 'The revival story',
      watch: 'The first lane trains with ReLU at a high learning rate until its dead neurons plateau; at step 3,000 it is hot-swapped to Leaky ReLU (alpha 0.1, lr 0.01) with its weights kept, and dead neurons light up again.',
      experiment: experiment({}, [laneSpec('ReLU, then Leaky', relu, 0.3), laneSpec('Leaky ReLU', leaky, 0.3)], [
        { type: 'activation', step: 3000, lane: 0, activation: { kind: 'leaky_relu', alpha: 0.1 } },
        { type: 'lr', step: 3000, lane: 0, lr: 0.01 },
      ]),
      // About 12 s to the swap: long enough to watch the layer grey out, then light up.
      speed: 250,
    },
    {
      id: 'prelu',
      title: 'PReLU learns its slopes',
      watch: 'Each PReLU neuron learns its own negative slope from 0.25 (He et al. 2015): watch the slopes spread in the neuron tooltips and the activation panel, beside a ReLU lane from the same weights.',
      experiment: experiment({ dataset: { kind: 'spiral', samples: 1000, noise: 0.05, arms: 3 }, hidden: [32, 32] }, [
        laneSpec('ReLU', relu, 0.05),
        laneSpec('PReLU', { kind: 'prelu', alpha: 0.25, perNeuron: true }, 0.05),
      ]),
      speed: null,
    },
    {
      id: 'real-digits',
      title: 'Real data: digits',
      watch: 'Handwritten 8x8 digits (64 inputs, 10 classes, standardized) at lr 0.05: ReLU neurons of the second layer die and the ReLU lane stalls far below the Leaky ReLU lane, which reaches over 90% test accuracy from the same weights.',
      experiment: experiment({ dataset: { kind: 'bundled', name: 'digits' } }, [laneSpec('ReLU', relu, 0.05), laneSpec('Leaky ReLU', leaky, 0.05)]),
      speed: null,
    },
  ];
}
