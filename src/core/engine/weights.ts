import { digestFloat32 } from '../math/digest';
import type { Experiment } from '../protocol/experiment';
import { float32ToBase64 } from './dataset-codec';
import type { Session } from './session';

/** Per lane, every parameter tensor (weights, biases, PReLU slopes in the network's order) and their fingerprint. */
export function exportWeights(s: Session): NonNullable<Experiment['weights']> {
  return s.lanes.map((l) => {
    const tensors = l.mlp.params().map((p) => p.value);
    return { digest: digestFloat32(tensors), tensors: tensors.map(float32ToBase64) };
  });
}

/** Names of the lanes whose fingerprint differs from the saved one (or that the file does not have). */
export function weightMismatches(s: Session, saved: NonNullable<Experiment['weights']>): string[] {
  const now = s.digests();
  return s.lanes.flatMap((l, i) => (saved[i]?.digest === now[i] ? [] : [`"${l.spec.name}"`]));
}
