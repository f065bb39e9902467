import { defaultSessionSpec, type SessionSpec } from '../../../../src/core/protocol/spec';
import { SWEEP_FORMAT } from '../../../../src/core/protocol/sweep';

/** The default session with its first lane only: a sweep's base. */
export function oneLaneBase(patch: Partial<SessionSpec> = {}): SessionSpec {
  const spec = defaultSessionSpec();
  return { ...spec, lanes: [spec.lanes[0]!], ...patch };
}

/** A raw sweep file object (before validation), small enough to train in a test. */
export function rawSweep(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: SWEEP_FORMAT,
    version: 1,
    name: 'test sweep',
    base: oneLaneBase({ dataset: { kind: 'moons', samples: 200, noise: 0.15 } }),
    steps: 200,
    seeds: 2,
    target: 0.8,
    axes: [
      { axis: 'activation', values: [{ kind: 'relu' }, { kind: 'leaky_relu', alpha: 0.01 }] },
      { axis: 'lr', values: [0.03, 0.3] },
    ],
    ...patch,
  };
}
