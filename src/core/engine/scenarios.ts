import type { ActivationSpec } from '../nn/activation';
import type { Claim, ClaimWhen } from '../protocol/claims';
import { EXPERIMENT_FORMAT, EXPERIMENT_VERSION, type Experiment } from '../protocol/experiment';
import { defaultSessionSpec, laneSpec, type LaneSpec, type SessionSpec } from '../protocol/spec';
import { STORY_RECORDS, type StoryRecord } from './stories-measured';
import type { Story } from './story-run';

/** A one-click story from the source article's "when it matters" list, with the claims it makes. */
export interface Scenario extends Story {
  readonly id: 'default' | 'high-lr' | 'bad-init' | 'deep-narrow' | 'small-batch' | 'revival' | 'prelu' | 'real-digits' | 'article' | 'alpha' | 'cures';
  /** What to watch for, in one or two sentences; every statement in it is one of the claims. */
  readonly watch: string;
  /** Steps per second to play it at (null: as fast as possible), so that a story stays watchable. */
  readonly speed: number | null;
  /** Whether the claims were measured on this dataset only (switching data leaves them unchecked). */
  readonly datasetBound: boolean;
  /** The last full verification (`npx leaky-lab stories`, docs/stories.md): seeds run, seeds for which every claim held, horizon; null before one. */
  readonly measured: StoryRecord | null;
}

/** The hot-swap the diagnosis button applies: Leaky ReLU with the article's "more aggressive" slope (docs/stories.md: 0.01 revives too slowly to see). */
export const FIX_ACTIVATION: ActivationSpec = { kind: 'leaky_relu', alpha: 0.2 };

const relu: ActivationSpec = { kind: 'relu' };
const leaky: ActivationSpec = { kind: 'leaky_relu', alpha: 0.01 };
const prelu: ActivationSpec = { kind: 'prelu', alpha: 0.25, perNeuron: true };
/** nn.PReLU() as the article writes it: one learned slope shared by the layer (num_parameters = 1), initial 0.25. */
const preluShared: ActivationSpec = { kind: 'prelu', alpha: 0.25, perNeuron: false };

/** The article's code comparison: nn.Sequential(nn.Linear(100, 50), act, nn.Linear(50, 10)) on its 100-feature, 10-class task. */
export const ARTICLE_SPEC: Partial<SessionSpec> = { dataset: { kind: 'hypercube', samples: 2000, noise: 1 }, hidden: [50], batchSize: 32 };

function experiment(spec: Partial<SessionSpec>, lanes: LaneSpec[], events: Experiment['events'] = []): Experiment {
  return { format: EXPERIMENT_FORMAT, version: EXPERIMENT_VERSION, spec: { ...defaultSessionSpec(), ...spec, lanes }, steps: 0, events };
}

/** Claim builders: lane, quantity, layer (null: all hidden neurons), bound, and the steps it must hold at. */
const atLeast = (text: string, lane: number, quantity: Claim['quantity'], layer: number | null, value: number, when: ClaimWhen): Claim => ({ text, lane, quantity, layer, op: 'atLeast', value, when });
const atMost = (text: string, lane: number, quantity: Claim['quantity'], layer: number | null, value: number, when: ClaimWhen): Claim => ({ text, lane, quantity, layer, op: 'atMost', value, when });
const neverDiverges = (name: string, lane: number): Claim => atLeast(`${name} never diverges`, lane, 'finite', null, 1, { from: 0, to: null });
const always = (from: number): ClaimWhen => ({ from, to: null });

/** The default session and the scenarios, in the order the UI lists them (the default first, not shown as a button). */
export function scenarios(): readonly Scenario[] {
  const list: Omit<Scenario, 'measured'>[] = [
    {
      id: 'default',
      title: 'ReLU beside Leaky ReLU',
      watch: 'At lr 0.3 with momentum 0.9 (gradients clipped to norm 1), a quarter or more of the ReLU neurons die within seconds and a fifth or more are still dead a million steps later, yet both lanes classify the moons (75% or more for ReLU, 80% or more for Leaky ReLU, at step 20,000 and at the end; both dip now and then between): the article\'s "often not much difference for typical networks". The Leaky ReLU lane never diverges.',
      experiment: experiment({}, defaultSessionSpec().lanes),
      claims: [
        atLeast('ReLU: at least 25% of its hidden neurons dead at step 20,000', 0, 'dead', null, 25, { at: 20_000 }),
        atLeast('ReLU: at least 20% still dead at the horizon', 0, 'dead', null, 20, { at: 1_000_000 }),
        atLeast('ReLU: test accuracy at least 75% at step 20,000', 0, 'testScore', null, 0.75, { at: 20_000 }),
        atLeast('ReLU: test accuracy at least 75% at the horizon', 0, 'testScore', null, 0.75, { at: 1_000_000 }),
        neverDiverges('Leaky ReLU', 1),
        atLeast('Leaky ReLU: test accuracy at least 80% at step 20,000', 1, 'testScore', null, 0.8, { at: 20_000 }),
        atLeast('Leaky ReLU: test accuracy at least 80% at the horizon', 1, 'testScore', null, 0.8, { at: 1_000_000 }),
      ],
      horizon: 1_000_000,
      speed: 500,
      datasetBound: true,
    },
    {
      id: 'high-lr',
      title: 'High learning rate',
      watch: 'At lr 1 with momentum 0.9, big updates push ReLU neurons below zero for every input: half or more of the second ReLU layer goes grey within seconds and its accuracy falls to 75% or less, while the Leaky ReLU lane keeps learning (it dips now and then at this rate, but is at 85% or more at steps 20,000 and 50,000).',
      experiment: experiment({}, [laneSpec('ReLU', relu, 1), laneSpec('Leaky ReLU', leaky, 1)]),
      claims: [
        atLeast('ReLU: layer 2 at least 50% dead at step 5,000', 0, 'dead', 1, 50, { at: 5_000 }),
        atMost('ReLU: test accuracy at most 75% at step 20,000', 0, 'testScore', null, 0.75, { at: 20_000 }),
        neverDiverges('Leaky ReLU', 1),
        atLeast('Leaky ReLU: test accuracy at least 85% at step 20,000', 1, 'testScore', null, 0.85, { at: 20_000 }),
        atLeast('Leaky ReLU: test accuracy at least 85% at step 50,000', 1, 'testScore', null, 0.85, { at: 50_000 }),
      ],
      horizon: 100_000,
      speed: 200,
      datasetBound: true,
    },
    {
      id: 'bad-init',
      title: 'Bad initialization',
      watch: 'Every hidden bias starts 1 lower: half or more of the second-layer ReLU neurons are born dead (before any training) and stay dead; Leaky ReLU and PReLU start from the same weights and learn (85% or more at step 20,000 and at the end).',
      experiment: experiment({}, [
        { ...laneSpec('ReLU', relu, 0.05), biasShift: -1 },
        { ...laneSpec('Leaky ReLU', leaky, 0.05), biasShift: -1 },
        { ...laneSpec('PReLU', prelu, 0.05), biasShift: -1 },
      ]),
      claims: [
        atLeast('ReLU: layer 2 at least 50% born dead (step 0)', 0, 'dead', 1, 50, { at: 0 }),
        atLeast('ReLU: layer 2 at least 50% dead at the horizon', 0, 'dead', 1, 50, { at: 100_000 }),
        atLeast('Leaky ReLU: test accuracy at least 85% at step 20,000', 1, 'testScore', null, 0.85, { at: 20_000 }),
        atLeast('Leaky ReLU: test accuracy at least 85% at the horizon', 1, 'testScore', null, 0.85, { at: 100_000 }),
        atLeast('PReLU: test accuracy at least 85% at step 20,000', 2, 'testScore', null, 0.85, { at: 20_000 }),
        atLeast('PReLU: test accuracy at least 85% at the horizon', 2, 'testScore', null, 0.85, { at: 100_000 }),
        neverDiverges('Leaky ReLU', 1),
        neverDiverges('PReLU', 2),
      ],
      horizon: 100_000,
      speed: 200,
      datasetBound: true,
    },
    {
      id: 'deep-narrow',
      title: 'Very deep and narrow',
      watch: 'Eight hidden layers of 8, He-initialized: a neuron that dies in a narrow layer takes a share of the only path with it, so the ReLU network loses neurons (at least one by step 20,000); Leaky ReLU (alpha 0.1) keeps a gradient through every neuron.',
      experiment: experiment({ hidden: [8, 8, 8, 8, 8, 8, 8, 8] }, [
        { ...laneSpec('ReLU', relu, 0.05), init: { kind: 'he_normal', a: 0 } },
        { ...laneSpec('Leaky ReLU', { kind: 'leaky_relu', alpha: 0.1 }, 0.05), init: { kind: 'he_normal', a: 0 } },
      ]),
      claims: [
        atLeast('ReLU: at least one neuron dead at step 20,000', 0, 'dead', null, 1.5, { at: 20_000 }),
        neverDiverges('Leaky ReLU', 1),
        atLeast('Leaky ReLU: test accuracy at least 90% from step 20,000', 1, 'testScore', null, 0.9, always(20_000)),
      ],
      horizon: 100_000,
      speed: 200,
      datasetBound: true,
    },
    {
      id: 'small-batch',
      title: 'Small batches',
      watch: 'Batches of 2 make noisy, large updates: at 20 steps per second you can watch ReLU neurons die, mostly one at a time, and many come back as the noise moves their inputs (at least 15 deaths and 10 revivals by step 20,000); the Leaky ReLU lane from the same weights keeps learning.',
      experiment: experiment({ batchSize: 2 }, [laneSpec('ReLU', relu, 0.1), laneSpec('Leaky ReLU', leaky, 0.1)]),
      claims: [
        atLeast('ReLU: at least 15 neurons die by step 20,000', 0, 'deaths', null, 15, { at: 20_000 }),
        atLeast('ReLU: at least 10 come back by step 20,000 (momentum or upstream drift)', 0, 'revivals', null, 10, { at: 20_000 }),
        neverDiverges('Leaky ReLU', 1),
        atLeast('Leaky ReLU: test accuracy at least 85% at step 20,000', 1, 'testScore', null, 0.85, { at: 20_000 }),
        atLeast('Leaky ReLU: test accuracy at least 85% at the horizon', 1, 'testScore', null, 0.85, { at: 100_000 }),
      ],
      horizon: 100_000,
      speed: 20,
      datasetBound: true,
    },
    {
      id: 'revival',
      title: 'The revival story',
      watch: 'The first lane trains with ReLU until its dead neurons plateau; at step 10,000 it is hot-swapped to Leaky ReLU (alpha 0.2, the one-click fix) with its weights kept, and at least half of its dead neurons fire again within 5,000 steps; the swapped lane never diverges and classifies at 80% or more at step 20,000 and at the end.',
      experiment: experiment({}, [laneSpec('ReLU, then Leaky', relu, 0.3), laneSpec('Leaky ReLU', leaky, 0.3)], [{ type: 'activation', step: 10_000, lane: 0, activation: FIX_ACTIVATION }]),
      claims: [
        atLeast('ReLU: at least 25% of its hidden neurons dead at the swap (step 10,000)', 0, 'dead', null, 25, { at: 10_000 }),
        atLeast('After the swap: at least half of them fire again by step 15,000', 0, 'revivedSinceSwap', null, 50, { from: 10_010, by: 15_000 }),
        neverDiverges('The swapped lane', 0),
        atLeast('The swapped lane: test accuracy at least 80% at step 20,000', 0, 'testScore', null, 0.8, { at: 20_000 }),
        atLeast('The swapped lane: test accuracy at least 80% at the horizon', 0, 'testScore', null, 0.8, { at: 1_000_000 }),
      ],
      horizon: 1_000_000,
      // About 20 s to the swap, then 10 s for the revival: long enough to watch the layer grey out, then light up.
      speed: 500,
      datasetBound: true,
    },
    {
      id: 'prelu',
      title: 'PReLU learns its slopes',
      watch: 'Each PReLU neuron learns its own negative slope from 0.25 (He et al. 2015): within 5,000 steps the slopes spread at least 0.5 apart (watch the neuron tooltips and the activation panel), beside a ReLU lane from the same weights.',
      experiment: experiment({ dataset: { kind: 'spiral', samples: 1000, noise: 0.05, arms: 3 }, hidden: [32, 32] }, [laneSpec('ReLU', relu, 0.05), laneSpec('PReLU', prelu, 0.05)]),
      claims: [
        atLeast('PReLU: its learned slopes spread at least 0.5 apart by step 5,000', 1, 'slopeSpread', null, 0.5, { from: 0, by: 5_000 }),
        atLeast('PReLU: still at least 0.5 apart at the horizon', 1, 'slopeSpread', null, 0.5, { at: 100_000 }),
        neverDiverges('PReLU', 1),
        atLeast('PReLU: test accuracy at least 70% at step 50,000', 1, 'testScore', null, 0.7, { at: 50_000 }),
      ],
      horizon: 100_000,
      speed: 500,
      datasetBound: true,
    },
    {
      id: 'real-digits',
      title: 'Real data: digits',
      watch: 'Handwritten 8x8 digits (64 inputs, 10 classes, standardized) at lr 0.3: a quarter or more of the second ReLU layer dies within seconds and the ReLU lane stalls at least 5 points below the Leaky ReLU lane, which stays above 90% test accuracy from the same weights.',
      experiment: experiment({ dataset: { kind: 'bundled', name: 'digits' } }, [laneSpec('ReLU', relu, 0.3), laneSpec('Leaky ReLU', leaky, 0.3)]),
      claims: [
        atLeast('ReLU: layer 2 at least 25% dead at step 5,000', 0, 'dead', 1, 25, { at: 5_000 }),
        { ...atMost('ReLU: test accuracy at least 5 points below Leaky ReLU at step 20,000', 0, 'testScore', null, -0.05, { at: 20_000 }), than: { lane: 1 } },
        neverDiverges('Leaky ReLU', 1),
        atLeast('Leaky ReLU: test accuracy at least 90% from step 10,000', 1, 'testScore', null, 0.9, always(10_000)),
      ],
      horizon: 100_000,
      speed: 200,
      datasetBound: true,
    },
    {
      id: 'article',
      title: "The article's three networks",
      watch: "The article's code, one click: nn.Sequential(nn.Linear(100, 50), act, nn.Linear(50, 10)) with nn.ReLU(), nn.LeakyReLU(0.01) and nn.PReLU() (one shared slope), on 100 features and 10 classes. A typical network, and the article's \"often not much difference\": at most 5% of the ReLU neurons die, and the three lanes stay within 5 points of each other (70% or more each, at step 10,000 and at the end).",
      experiment: experiment(ARTICLE_SPEC, [laneSpec('nn.ReLU()', relu, 0.05), laneSpec('nn.LeakyReLU(0.01)', leaky, 0.05), laneSpec('nn.PReLU()', preluShared, 0.05)]),
      claims: [
        atMost('ReLU: at most 5% of its neurons dead at step 10,000', 0, 'dead', null, 5, { at: 10_000 }),
        atMost('ReLU: at most 5% dead at the horizon', 0, 'dead', null, 5, { at: 100_000 }),
        ...[0, 1, 2].flatMap((lane) => [
          atLeast(`${['ReLU', 'Leaky ReLU', 'PReLU'][lane]}: test accuracy at least 70% at step 10,000`, lane, 'testScore', null, 0.7, { at: 10_000 }),
          atLeast(`${['ReLU', 'Leaky ReLU', 'PReLU'][lane]}: test accuracy at least 70% at the horizon`, lane, 'testScore', null, 0.7, { at: 100_000 }),
        ]),
        ...[1, 2].flatMap((other) => [
          { ...atLeast(`ReLU within 5 points of ${['', 'Leaky ReLU', 'PReLU'][other]} at the horizon (not below)`, 0, 'testScore', null, -0.05, { at: 100_000 }), than: { lane: other } },
          { ...atMost(`ReLU within 5 points of ${['', 'Leaky ReLU', 'PReLU'][other]} at the horizon (not above)`, 0, 'testScore', null, 0.05, { at: 100_000 }), than: { lane: other } },
        ]),
        neverDiverges('Leaky ReLU', 1),
        neverDiverges('PReLU', 2),
      ],
      horizon: 100_000,
      speed: 200,
      datasetBound: true,
    },
    {
      id: 'alpha',
      title: 'How leaky? α 0.01 vs 0.1 vs 0.3',
      watch: 'The article\'s alpha advice: 0.01 usually, 0.1-0.3 "more aggressive". Every hidden bias starts 1 lower, so most second-layer neurons start with z <= 0 for every input: ReLU keeps them dead, and the more aggressive the slope, the more of them fire again: at step 20,000 the α=0.01 lane has at least 5 points more of its neurons inactive than α=0.1, which has at least 10 points more than α=0.3 (at most 20% inactive). All three leaky lanes classify at 85% or more at step 20,000 and at the end.',
      experiment: experiment({}, [
        { ...laneSpec('ReLU', relu, 0.05), biasShift: -1 },
        { ...laneSpec('Leaky ReLU α=0.01', leaky, 0.05), biasShift: -1 },
        { ...laneSpec('Leaky ReLU α=0.1', { kind: 'leaky_relu', alpha: 0.1 }, 0.05), biasShift: -1 },
        { ...laneSpec('Leaky ReLU α=0.3', { kind: 'leaky_relu', alpha: 0.3 }, 0.05), biasShift: -1 },
      ]),
      claims: [
        atLeast('ReLU: at least 50% of its neurons dead at step 20,000', 0, 'dead', null, 50, { at: 20_000 }),
        atMost('α=0.3: at most 20% of its neurons inactive at step 20,000', 3, 'inactive', null, 20, { at: 20_000 }),
        { ...atLeast('α=0.01: at least 5 points more of its neurons inactive than α=0.1 at step 20,000', 1, 'inactive', null, 5, { at: 20_000 }), than: { lane: 2 } },
        { ...atLeast('α=0.1: at least 10 points more of its neurons inactive than α=0.3 at step 20,000', 2, 'inactive', null, 10, { at: 20_000 }), than: { lane: 3 } },
        ...[1, 2, 3].flatMap((lane) => [
          atLeast(`${['', 'α=0.01', 'α=0.1', 'α=0.3'][lane]}: test accuracy at least 85% at step 20,000`, lane, 'testScore', null, 0.85, { at: 20_000 }),
          atLeast(`${['', 'α=0.01', 'α=0.1', 'α=0.3'][lane]}: test accuracy at least 85% at the horizon`, lane, 'testScore', null, 0.85, { at: 100_000 }),
          neverDiverges(['', 'α=0.01', 'α=0.1', 'α=0.3'][lane]!, lane),
        ]),
      ],
      horizon: 100_000,
      speed: 200,
      datasetBound: true,
    },
    {
      id: 'cures',
      title: 'Cures side by side',
      watch: 'The bad start again (every hidden bias 1 lower), four cures from the same weights. Plain ReLU keeps half or more of layer 2 dead. ReDo on ReLU (Sokar et al. 2023: every 1,000 steps, neurons with score <= 0.025 get fresh incoming weights and zero outgoing ones) keeps layer 2 at most 20% dead from step 5,000 and classifies at 85% or more, within 5 points of Leaky ReLU. Leaky ReLU learns (85% or more) and almost never outputs exactly 0 (the article\'s dead_ratio stays under 1%); ELU also learns (85% or more).',
      experiment: experiment({}, [
        { ...laneSpec('ReLU', relu, 0.05), biasShift: -1 },
        { ...laneSpec('ReLU + ReDo', relu, 0.05), biasShift: -1, redo: { every: 1_000, tau: 0.025 } },
        { ...laneSpec('Leaky ReLU', leaky, 0.05), biasShift: -1 },
        { ...laneSpec('ELU', { kind: 'elu', alpha: 1 }, 0.05), biasShift: -1 },
      ]),
      claims: [
        atLeast('ReLU: layer 2 at least 50% dead at the horizon', 0, 'dead', 1, 50, { at: 100_000 }),
        atMost('ReLU + ReDo: layer 2 at most 20% dead at every probe from step 5,000', 1, 'dead', 1, 20, always(5_000)),
        atLeast('ReLU + ReDo: test accuracy at least 85% at step 20,000', 1, 'testScore', null, 0.85, { at: 20_000 }),
        atLeast('ReLU + ReDo: test accuracy at least 85% at the horizon', 1, 'testScore', null, 0.85, { at: 100_000 }),
        { ...atLeast('ReLU + ReDo: test accuracy within 5 points of Leaky ReLU at the horizon', 1, 'testScore', null, -0.05, { at: 100_000 }), than: { lane: 2 } },
        atMost('Leaky ReLU: dead_ratio (outputs exactly 0) under 1% at every probe', 2, 'zero', null, 1, always(0)),
        atLeast('Leaky ReLU: test accuracy at least 85% at the horizon', 2, 'testScore', null, 0.85, { at: 100_000 }),
        atLeast('ELU: test accuracy at least 85% at the horizon', 3, 'testScore', null, 0.85, { at: 100_000 }),
        neverDiverges('ReLU + ReDo', 1),
        neverDiverges('ELU', 3),
      ],
      // 100,000 steps, as the other bad-start stories: about eight minutes at the story's speed.
      horizon: 100_000,
      speed: 200,
      datasetBound: true,
    },
  ];
  return list.map((sc) => ({ ...sc, measured: STORY_RECORDS[sc.id] ?? null }));
}
