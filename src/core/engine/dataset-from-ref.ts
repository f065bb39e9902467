import type { Dataset } from '../data/dataset';
import { makeBlobs, makeCheckerboard, makeCircles, makeSpiral, makeXor } from '../data/generators';
import { makeMoons } from '../data/moons';
import type { DatasetRef } from '../protocol/spec';

/** Generates the built-in dataset a spec names, from its own seed stream. */
export function datasetFromRef(ref: DatasetRef, seed: number): Dataset {
  const p = { samples: ref.samples, noise: ref.noise, seed };
  switch (ref.kind) {
    case 'moons':
      return makeMoons(p);
    case 'circles':
      return makeCircles(p, ref.factor);
    case 'spiral':
      return makeSpiral(p, ref.arms);
    case 'xor':
      return makeXor(p);
    case 'blobs':
      return makeBlobs(p, ref.centers);
    case 'checkerboard':
      return makeCheckerboard(p, ref.cells);
  }
}
