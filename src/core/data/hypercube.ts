import { Rng } from '../math/rng';
import type { Dataset } from './dataset';
import type { GeneratorParams } from './generators';

/** Feature columns of the hypercube dataset: the input width of the article's nn.Linear(100, 50). */
export const HYPERCUBE_FEATURES = 100;
/** Classes of the hypercube dataset: the output width of the article's nn.Linear(50, 10). */
export const HYPERCUBE_CLASSES = 10;
/** Columns that carry the class (a hypercube vertex each), before mixing. */
export const HYPERCUBE_INFORMATIVE = 10;
/** Columns that are fixed linear mixtures of the informative ones (correlated, no new information). */
export const HYPERCUBE_REDUNDANT = 10;

/**
 * A 100-feature, 10-class problem in the manner of scikit-learn's make_classification (Guyon 2003),
 * made for the source article's `nn.Sequential(nn.Linear(100, 50), act, nn.Linear(50, 10))`: each class
 * is one Gaussian cluster (std `noise`) around a distinct vertex of the cube {-1, 1}^10 in the 10
 * informative columns; 10 redundant columns are a fixed random mixture of those (weights uniform in
 * [-1, 1], divided by sqrt 10 to keep unit scale); the other 80 columns are standard normal noise. The
 * columns are then put in a seeded random order, so the informative ones are not simply the first. Rows
 * cycle through the classes (balanced). Everything comes from one seeded stream, IEEE operations only.
 */
export function makeHypercube(p: GeneratorParams): Dataset {
  const rng = new Rng(p.seed);
  const vertices = distinctVertices(rng);
  const mix = Array.from({ length: HYPERCUBE_INFORMATIVE * HYPERCUBE_REDUNDANT }, () => rng.range(-1, 1) / Math.sqrt(HYPERCUBE_INFORMATIVE));
  const order = Int32Array.from({ length: HYPERCUBE_FEATURES }, (_, i) => i);
  rng.shuffle(order);
  const dims = HYPERCUBE_FEATURES;
  const x = new Float32Array(p.samples * dims);
  const y = new Int32Array(p.samples);
  const row = new Float64Array(dims);
  for (let r = 0; r < p.samples; r++) {
    const c = r % HYPERCUBE_CLASSES;
    for (let k = 0; k < HYPERCUBE_INFORMATIVE; k++) row[k] = vertices[c]![k]! + p.noise * rng.normal();
    for (let j = 0; j < HYPERCUBE_REDUNDANT; j++) {
      let s = 0;
      for (let k = 0; k < HYPERCUBE_INFORMATIVE; k++) s += row[k]! * mix[j * HYPERCUBE_INFORMATIVE + k]!;
      row[HYPERCUBE_INFORMATIVE + j] = s;
    }
    for (let k = HYPERCUBE_INFORMATIVE + HYPERCUBE_REDUNDANT; k < dims; k++) row[k] = rng.normal();
    for (let k = 0; k < dims; k++) x[r * dims + order[k]!] = row[k]!;
    y[r] = c;
  }
  const featureNames = Array.from({ length: dims }, (_, k) => `x${k + 1}`);
  const classNames = Array.from({ length: HYPERCUBE_CLASSES }, (_, c) => `class ${c}`);
  return { name: 'Hypercube (100 features, 10 classes)', task: 'classification', rows: p.samples, dims, classes: HYPERCUBE_CLASSES, x, y, t: new Float32Array(0), featureNames, classNames, targetName: 'class' };
}

/** One vertex of {-1, 1}^10 per class, all different (drawn again on a repeat, which 1,024 vertices make rare). */
function distinctVertices(rng: Rng): number[][] {
  const seen = new Set<string>();
  const out: number[][] = [];
  while (out.length < HYPERCUBE_CLASSES) {
    const v = Array.from({ length: HYPERCUBE_INFORMATIVE }, () => (rng.uniform() < 0.5 ? -1 : 1));
    const key = v.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
}
