// Writes the story files of the sweeps behind the defaults (docs/stories.md) into docs/sweeps/:
//   npx tsx scripts/make-sweeps.ts && npx leaky-lab stories docs/sweeps/*.leaky.json --seeds 20
// Each is the default session (or the revival story) with one setting changed and the claim it tests.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIX_ACTIVATION, scenarios } from '../src/core/engine/scenarios';
import type { Claim } from '../src/core/protocol/claims';
import type { Experiment } from '../src/core/protocol/experiment';
import type { ActivationSpec } from '../src/core/nn/activation';

const out = join(import.meta.dirname, '../docs/sweeps');
const byId = (id: string) => scenarios().find((s) => s.id === id)!;
const base = byId('default');
const leakyFinite: Claim = { text: 'Leaky ReLU never diverges', lane: 1, quantity: 'finite', layer: null, op: 'atLeast', value: 1, when: { from: 0, to: null } };
const write = (name: string, experiment: Experiment, claims: Claim[], horizon: number) => writeFileSync(join(out, `${name}.leaky.json`), `${JSON.stringify({ ...experiment, claims, horizon }, null, 2)}\n`);

// The default before this change: lr 0.3, momentum 0.9, no clipping (and with weight decay instead).
const unclipped = { ...base.experiment, spec: { ...base.experiment.spec, lanes: base.experiment.spec.lanes.map((l) => ({ ...l, clipNorm: null })) } };
write('default-unclipped', unclipped, [leakyFinite], 300_000);
const decayed = { ...unclipped, spec: { ...unclipped.spec, lanes: unclipped.spec.lanes.map((l) => ({ ...l, optimizer: { ...l.optimizer, weightDecay: 1e-4 } })) } };
write('default-unclipped-wd1e-4', decayed, [leakyFinite], 300_000);

// The one-click fix: which slope revives at least half the dead neurons within 5,000 steps of the swap.
const revival = byId('revival');
const fixes: [string, ActivationSpec][] = [
  ['fix-leaky-0.01', { kind: 'leaky_relu', alpha: 0.01 }],
  ['fix-leaky-0.1', { kind: 'leaky_relu', alpha: 0.1 }],
  ['fix-leaky-0.2', FIX_ACTIVATION],
  ['fix-leaky-0.3', { kind: 'leaky_relu', alpha: 0.3 }],
  ['fix-prelu', { kind: 'prelu', alpha: 0.25, perNeuron: true }],
];
for (const [name, activation] of fixes) {
  const x = { ...revival.experiment, events: [{ type: 'activation' as const, step: 10_000, lane: 0, activation }] };
  write(name, x, revival.claims.filter((c) => c.quantity === 'revivedSinceSwap'), 15_000);
}
