/**
 * The z = 0 contour of a size x size grid of values (row-major, row 0 at the bottom) by marching squares,
 * as line segments [x0, y0, x1, y1, ...] in grid coordinates: point (c, r) is the centre of cell column c,
 * row r. Crossings are placed by linear interpolation along each cell edge. A value exactly 0 counts as
 * positive side (z >= 0); non-finite values end the contour (their squares are skipped).
 */
export function zeroContour(values: Float32Array, size: number): Float32Array {
  const out: number[] = [];
  const at = (c: number, r: number): number => values[r * size + c]!;
  // Where z crosses 0 between two corners (a, b) at t in [0, 1] from a.
  const cross = (a: number, b: number): number => (a === b ? 0.5 : a / (a - b));
  for (let r = 0; r + 1 < size; r++) {
    for (let c = 0; c + 1 < size; c++) {
      const bl = at(c, r);
      const br = at(c + 1, r);
      const tr = at(c + 1, r + 1);
      const tl = at(c, r + 1);
      if (!Number.isFinite(bl) || !Number.isFinite(br) || !Number.isFinite(tr) || !Number.isFinite(tl)) continue;
      const pos = [bl >= 0, br >= 0, tr >= 0, tl >= 0];
      // Edge crossings in order bottom, right, top, left.
      const points: [number, number][] = [];
      if (pos[0] !== pos[1]) points.push([c + cross(bl, br), r]);
      if (pos[1] !== pos[2]) points.push([c + 1, r + cross(br, tr)]);
      if (pos[2] !== pos[3]) points.push([c + 1 - cross(tr, tl), r + 1]);
      if (pos[3] !== pos[0]) points.push([c, r + 1 - cross(tl, bl)]);
      if (points.length === 2) {
        out.push(points[0]![0], points[0]![1], points[1]![0], points[1]![1]);
      } else if (points.length === 4) {
        // A saddle: pair the crossings by the sign of the cell's mean (its centre), as is usual.
        const centrePositive = (bl + br + tr + tl) / 4 >= 0;
        const [b, rt, t, l] = points as [[number, number], [number, number], [number, number], [number, number]];
        // bl and tr share a sign: when the centre has it too they connect through it and the segments cut
        // off br and tl; otherwise the segments cut off bl and tr.
        if (centrePositive !== pos[0]) out.push(...l, ...b, ...rt, ...t);
        else out.push(...b, ...rt, ...t, ...l);
      }
    }
  }
  return Float32Array.from(out);
}
