import { Rng } from '../math/rng';
import type { Dataset } from './dataset';
import { cos, sin } from '../math/dmath';

/** Parameters every built-in 2-D classification generator takes: rows, Gaussian noise std (input units), seed. */
export interface GeneratorParams {
  readonly samples: number;
  readonly noise: number;
  readonly seed: number;
}

/** Builds a 2-D classification dataset from a per-row point function; rows keep generation order. */
function planar(name: string, classNames: readonly string[], p: GeneratorParams, point: (i: number, rng: Rng) => [number, number, number]): Dataset {
  const rng = new Rng(p.seed);
  const x = new Float32Array(p.samples * 2);
  const y = new Int32Array(p.samples);
  for (let i = 0; i < p.samples; i++) {
    const [px, py, label] = point(i, rng);
    x[2 * i] = px + p.noise * rng.normal();
    x[2 * i + 1] = py + p.noise * rng.normal();
    y[i] = label;
  }
  return { name, task: 'classification', rows: p.samples, dims: 2, classes: classNames.length, x, y, t: new Float32Array(0), featureNames: ['x1', 'x2'], classNames, targetName: 'class' };
}

/** Two concentric circles (scikit-learn's make_circles): outer radius 1 is class 0, inner radius `factor` class 1. */
export function makeCircles(p: GeneratorParams, factor = 0.5): Dataset {
  return planar('Circles', ['outer', 'inner'], p, (i, rng) => {
    const t = 2 * Math.PI * rng.uniform();
    const inner = i % 2;
    const r = inner ? factor : 1;
    return [r * cos(t), r * sin(t), inner];
  });
}

/** k interleaved spiral arms, one class each, winding out from the origin to radius 1. */
export function makeSpiral(p: GeneratorParams, arms = 3): Dataset {
  return planar('Spiral', Array.from({ length: arms }, (_, k) => `arm ${k + 1}`), p, (i, rng) => {
    const k = i % arms;
    const r = rng.uniform();
    const t = 1.75 * r * 2 * Math.PI + (2 * Math.PI * k) / arms;
    return [r * sin(t), r * cos(t), k];
  });
}

/** XOR: points uniform in [-1, 1]^2, class 1 where the coordinates have opposite signs. */
export function makeXor(p: GeneratorParams): Dataset {
  return planar('XOR', ['same sign', 'opposite sign'], p, (_i, rng) => {
    const a = rng.range(-1, 1);
    const b = rng.range(-1, 1);
    return [a, b, a * b < 0 ? 1 : 0];
  });
}

/** k Gaussian blobs (std 1 plus noise) with centres evenly spaced on a circle of radius 4. */
export function makeBlobs(p: GeneratorParams, centers = 3): Dataset {
  return planar('Gaussian blobs', Array.from({ length: centers }, (_, k) => `blob ${k + 1}`), p, (i, rng) => {
    const k = i % centers;
    const angle = (2 * Math.PI * k) / centers;
    return [4 * cos(angle) + rng.normal(), 4 * sin(angle) + rng.normal(), k];
  });
}

/** A checkerboard of `cells` x `cells` squares over [-1, 1]^2, two alternating classes. */
export function makeCheckerboard(p: GeneratorParams, cells = 4): Dataset {
  return planar('Checkerboard', ['dark', 'light'], p, (_i, rng) => {
    const a = rng.range(-1, 1);
    const b = rng.range(-1, 1);
    const cx = Math.min(cells - 1, Math.floor(((a + 1) / 2) * cells));
    const cy = Math.min(cells - 1, Math.floor(((b + 1) / 2) * cells));
    return [a, b, (cx + cy) % 2];
  });
}
