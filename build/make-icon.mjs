#!/usr/bin/env node
// Draws build/icon.png (1024x1024), the app icon electron-builder converts for every platform:
// a Leaky ReLU curve on a dark rounded square, with one grey (dead) and one lit (revived) neuron.
// Run `node build/make-icon.mjs` after changing it; the PNG is committed.
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

const SIZE = 1024;
const SS = 3; // supersampling per axis, for smooth edges
const BG = [17, 19, 24];
const CURVE = [56, 214, 232];
const DEAD = [110, 116, 128];
const LIT = [255, 196, 77];

/** Coverage of the shape at pixel (x, y): the share of its SS x SS subsamples the predicate hits. */
function coverage(x, y, inside) {
  let hits = 0;
  for (let i = 0; i < SS; i++) for (let j = 0; j < SS; j++) if (inside(x + (i + 0.5) / SS, y + (j + 0.5) / SS)) hits++;
  return hits / (SS * SS);
}

const roundedSquare = (px, py) => {
  const r = 200, m = 40, lo = m + r, hi = SIZE - m - r;
  const dx = Math.max(lo - px, 0, px - hi), dy = Math.max(lo - py, 0, py - hi);
  return px >= m && px <= SIZE - m && py >= m && py <= SIZE - m && dx * dx + dy * dy <= r * r;
};
// Leaky ReLU in icon coordinates: the kink at (440, 640), slope 0.12 to the left, 1 to the right,
// drawn as a thick polyline with round caps and join.
const kink = [440, 640];
const curve = [[140, 640 + 0.12 * 300], kink, [840, 640 - 400]];
const segmentDistance = (px, py, [ax, ay], [bx, by]) => {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
};
const onCurve = (px, py) => Math.min(segmentDistance(px, py, curve[0], curve[1]), segmentDistance(px, py, curve[1], curve[2])) <= 28;
const disc = (cx, cy, r) => (px, py) => (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
const ring = (cx, cy, r, w) => (px, py) => {
  const d = Math.hypot(px - cx, py - cy);
  return d <= r && d >= r - w;
};
const deadNeuron = ring(270, 400, 80, 26);
const litNeuron = disc(790, 580, 80);

const png = new PNG({ width: SIZE, height: SIZE });
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    const base = coverage(x, y, roundedSquare);
    let color = BG;
    for (const [shape, c] of [[onCurve, CURVE], [deadNeuron, DEAD], [litNeuron, LIT]]) {
      const a = coverage(x, y, shape);
      if (a > 0) color = color.map((v, k) => v * (1 - a) + c[k] * a);
    }
    const i = (y * SIZE + x) * 4;
    png.data[i] = Math.round(color[0]);
    png.data[i + 1] = Math.round(color[1]);
    png.data[i + 2] = Math.round(color[2]);
    png.data[i + 3] = Math.round(255 * base);
  }
}
writeFileSync(new URL('./icon.png', import.meta.url), PNG.sync.write(png));
console.log('wrote build/icon.png');
