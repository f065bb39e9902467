/** Colours of the network graph; the Pixi views take them as numbers (0xRRGGBB). */
export interface GraphPalette {
  /** Fill of dead neurons: grey, low saturation. */
  readonly dead: number;
  /** Dashed outline of dead neurons. */
  readonly deadOutline: number;
  /** Dotted outline of inactive neurons (fire for no probe input, but still learn through a leaky slope): amber. */
  readonly inactive: number;
  /** Faint fill of an inactive neuron's hollow disc (the graph background, nearly). */
  readonly inactiveFill: number;
  /** Fill of input and output neurons (they are neither alive nor dead). */
  readonly io: number;
  /** Ring and pulse of a recently revived neuron. */
  readonly revived: number;
  /** Edges with a positive weight. */
  readonly positive: number;
  /** Edges with a negative weight. */
  readonly negative: number;
  /** Outline drawn around every live disc to lift it off the edges. */
  readonly discOutline: number;
}

/** Palette for the dark theme. */
export const DARK_PALETTE: GraphPalette = {
  dead: 0x5b6170,
  deadOutline: 0x9096a3,
  inactive: 0xf2b233,
  inactiveFill: 0x1a1d24,
  io: 0xaab2c0,
  revived: 0x22e3f0,
  positive: 0xf0883e,
  negative: 0x4a90e2,
  discOutline: 0x0f1218,
};

/** Palette for the light theme (same meanings, tuned for a pale background). */
export const LIGHT_PALETTE: GraphPalette = {
  dead: 0x5b6170,
  deadOutline: 0x8a909c,
  inactive: 0xc98a00,
  inactiveFill: 0xfdf6e6,
  io: 0x8a93a3,
  revived: 0x00a8c0,
  positive: 0xe0701c,
  negative: 0x2f73c9,
  discOutline: 0xffffff,
};

// Plasma-like stops: saturated purple (fires rarely) to bright yellow (fires always). Even the lowest
// rate is clearly coloured, so a live neuron is never mistaken for a grey dead one.
const STOPS: readonly (readonly [number, number, number])[] = [
  [96, 38, 168],
  [156, 36, 160],
  [214, 64, 112],
  [246, 130, 58],
  [252, 224, 70],
];

/** Colour (0xRRGGBB) of a live neuron with activity rate `rate` in [0, 1]. */
export function activityColor(rate: number): number {
  const t = Math.min(1, Math.max(0, Number.isFinite(rate) ? rate : 0)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(t));
  const f = t - i;
  const a = STOPS[i]!;
  const b = STOPS[i + 1]!;
  const c = (k: 0 | 1 | 2): number => Math.round(a[k] + (b[k] - a[k]) * f);
  return (c(0) << 16) | (c(1) << 8) | c(2);
}

/** CSS colour string of a 0xRRGGBB number. */
export function cssColor(color: number): string {
  return `#${color.toString(16).padStart(6, '0')}`;
}
