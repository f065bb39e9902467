import { Rng } from '../math/rng';
import type { Dataset } from './dataset';
import type { GeneratorParams } from './generators';
import { sin } from '../math/dmath';

/**
 * Builds a 1-D regression dataset: per row, x uniform in [-1, 1] (drawn in [-1, 1), stored as float32), then the target
 * f(x) of that stored x plus `noise` times a standard normal draw (noise in target units).
 */
function curve(name: string, p: GeneratorParams, f: (x: number) => number): Dataset {
  const rng = new Rng(p.seed);
  const x = new Float32Array(p.samples);
  const t = new Float32Array(p.samples);
  for (let i = 0; i < p.samples; i++) {
    x[i] = rng.range(-1, 1);
    t[i] = f(x[i]!) + p.noise * rng.normal();
  }
  return { name, task: 'regression', rows: p.samples, dims: 1, classes: 0, x, y: new Int32Array(p.samples), t, featureNames: ['x'], classNames: [], targetName: 'y' };
}

/** Target sin(pi x) on x in [-1, 1]: one full period, values in [-1, 1]. */
export function makeSine(p: GeneratorParams): Dataset {
  return curve('Sine', p, (x) => sin(Math.PI * x));
}

/** Target |x| on x in [-1, 1]: a kink at 0 that a ReLU network can fit exactly with two neurons. */
export function makeAbs(p: GeneratorParams): Dataset {
  return curve('|x|', p, (x) => Math.abs(x));
}

/** Target x sin(5x) on x in [-1, 1]: a wiggle whose amplitude grows with |x|, values in about [-0.96, 0.36]. */
export function makeXsin5x(p: GeneratorParams): Dataset {
  return curve('x sin 5x', p, (x) => x * sin(5 * x));
}
