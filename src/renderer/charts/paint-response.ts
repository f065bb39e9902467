import { zColor } from './diverging';

/**
 * Paints a neuron's response z over the size x size grid into `image` (size x size pixels) in the
 * diverging z colours, scaled by `maxAbs`. Grid row 0 is y0, the bottom of the plot, so rows are flipped.
 */
export function paintResponse(image: ImageData, z: Float32Array, size: number, maxAbs: number): void {
  const d = image.data;
  for (let r = 0; r < size; r++) {
    const row = size - 1 - r;
    for (let c = 0; c < size; c++) {
      const [cr, cg, cb, a] = zColor(z[r * size + c]!, maxAbs);
      const i = (row * size + c) * 4;
      d[i] = cr;
      d[i + 1] = cg;
      d[i + 2] = cb;
      d[i + 3] = a;
    }
  }
}
