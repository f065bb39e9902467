import { makeBundled } from '../data/bundled/bundled';
import type { Dataset } from '../data/dataset';
import { makeBlobs, makeCheckerboard, makeCircles, makeSpiral, makeXor } from '../data/generators';
import { makeHypercube } from '../data/hypercube';
import { makeMoons } from '../data/moons';
import { makeAbs, makeSine, makeXsin5x } from '../data/regression';
import type { DatasetRef } from '../protocol/spec';

/**
 * The dataset a spec names: a built-in generator run from its own seed stream, or a bundled real
 * dataset (which ignores the seed). A user file cannot be made here: its rows come from the host.
 */
export function datasetFromRef(ref: DatasetRef, seed: number): Dataset {
  if (ref.kind === 'bundled') return makeBundled(ref.name);
  if (ref.kind === 'file') throw new Error('a file dataset needs its rows supplied by the host');
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
    case 'hypercube':
      return makeHypercube(p);
    case 'sine':
      return makeSine(p);
    case 'abs':
      return makeAbs(p);
    case 'xsin5x':
      return makeXsin5x(p);
  }
}
