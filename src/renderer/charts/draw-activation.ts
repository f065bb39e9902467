import type { ActivationCurve } from './activation-curve';
import type { CanvasTheme } from './canvas';
import { drawZTicks } from './plot-frame';

/** What the activation panel draws: one layer's histogram over [-range, range] and the curves. */
export interface ActivationPlot {
  readonly counts: Int32Array;
  readonly range: number;
  readonly curve: ActivationCurve;
  readonly theme: CanvasTheme;
}

const PAD = { left: 6, right: 6, top: 6, bottom: 15 } as const;
/** f'(z) is drawn in the lower part of the plot so that its plateau at 1 does not hide f(z). */
const DERIVATIVE_HEIGHT = 0.55;

/** Maps values in [lo, hi] to y pixels between bottom and top (lo at the bottom). */
function scaleY(lo: number, hi: number, bottom: number, top: number): (v: number) => number {
  const span = hi - lo || 1;
  return (v) => bottom - ((Math.min(hi, Math.max(lo, v)) - lo) / span) * (bottom - top);
}

/** Strokes y(v[i]) against x(i) as one path (non-finite values break the line). */
function line(ctx: CanvasRenderingContext2D, values: Float32Array, x: (i: number) => number, y: (v: number) => number): void {
  ctx.beginPath();
  let pen = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      pen = false;
      continue;
    }
    if (pen) ctx.lineTo(x(i), y(v));
    else ctx.moveTo(x(i), y(v));
    pen = true;
  }
  ctx.stroke();
}

/**
 * Draws the pre-activation histogram as bars (the half at z < 0, where ReLU's gradient is 0, tinted),
 * the z = 0 line, f(z) in the accent colour and f'(z) in blue, with z ticks at -range, 0 and range.
 */
export function drawActivation(ctx: CanvasRenderingContext2D, width: number, height: number, p: ActivationPlot): void {
  const { counts, range, curve, theme } = p;
  const left = PAD.left;
  const right = width - PAD.right;
  const top = PAD.top;
  const bottom = height - PAD.bottom;
  if (right <= left || bottom <= top) return;
  const xOfZ = (z: number): number => left + ((z + range) / (2 * range)) * (right - left);
  const zero = xOfZ(0);

  // Where ReLU gives no gradient.
  ctx.globalAlpha = 0.07;
  ctx.fillStyle = theme.danger;
  ctx.fillRect(left, top, zero - left, bottom - top);

  let max = 0;
  for (let b = 0; b < counts.length; b++) max = Math.max(max, counts[b]!);
  const barWidth = (right - left) / counts.length;
  for (let b = 0; b < counts.length && max > 0; b++) {
    const h = (counts[b]! / max) * (bottom - top) * 0.92;
    if (h <= 0) continue;
    const below = b < counts.length / 2;
    ctx.globalAlpha = below ? 0.5 : 0.38;
    ctx.fillStyle = below ? theme.danger : theme.muted;
    ctx.fillRect(left + b * barWidth + 0.5, bottom - h, Math.max(1, barWidth - 1), h);
  }
  ctx.globalAlpha = 1;

  ctx.strokeStyle = theme.border;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(left, bottom + 0.5);
  ctx.lineTo(right, bottom + 0.5);
  ctx.moveTo(Math.round(zero) + 0.5, top);
  ctx.lineTo(Math.round(zero) + 0.5, bottom);
  ctx.stroke();

  const xOfIndex = (i: number): number => xOfZ(curve.z[i]!);
  let fLo = 0;
  let fHi = 0;
  let dHi = 1;
  let dLo = 0;
  for (let i = 0; i < curve.f.length; i++) {
    if (Number.isFinite(curve.f[i]!)) [fLo, fHi] = [Math.min(fLo, curve.f[i]!), Math.max(fHi, curve.f[i]!)];
    if (Number.isFinite(curve.df[i]!)) [dLo, dHi] = [Math.min(dLo, curve.df[i]!), Math.max(dHi, curve.df[i]!)];
  }
  ctx.lineJoin = 'round';
  ctx.lineWidth = 1.6;
  ctx.strokeStyle = theme.focus;
  line(ctx, curve.df, xOfIndex, scaleY(dLo, dHi, bottom - 1, bottom - DERIVATIVE_HEIGHT * (bottom - top)));
  ctx.lineWidth = 2;
  ctx.strokeStyle = theme.accent;
  line(ctx, curve.f, xOfIndex, scaleY(fLo, fHi, bottom - 1, top + 2));

  drawZTicks(ctx, left, zero, right, height, range, theme);
}
