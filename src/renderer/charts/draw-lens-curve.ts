import type { ActivationCurve } from './activation-curve';
import type { CanvasTheme } from './canvas';
import { zCss } from './diverging';
import { drawZTicks } from './plot-frame';

/** What the lens's curve plot shows, all over z in [-range, range]. */
export interface LensCurvePlot {
  /** The neuron's activation f(z), sampled by the engine's own code. */
  readonly curve: ActivationCurve;
  /** ReLU's max(0, z) at the same z, drawn dashed as the baseline. */
  readonly relu: ActivationCurve;
  readonly range: number;
  /** The neuron's z histogram (HIST_BINS counts over [-histRange, histRange]), drawn faintly behind where it lies within the range. */
  readonly counts: Int32Array | null;
  readonly histRange: number;
  /** The ledger's z values, marked on the curve. */
  readonly ledgerZ: Float32Array;
  readonly ledgerF: Float32Array;
  /** The hovered training point's z and f(z), or null. */
  readonly mark: { readonly z: number; readonly f: number } | null;
  readonly theme: CanvasTheme;
}

const PAD = { left: 6, right: 6, top: 6, bottom: 14 } as const;

/**
 * Draws f(z) (accent) against the dashed ReLU baseline, over the neuron's z histogram, the side z < 0
 * shaded (where ReLU passes no gradient), the ledger's points as dots on f and the hovered point's z as a
 * line with its f(z) as a ring.
 */
export function drawLensCurve(ctx: CanvasRenderingContext2D, width: number, height: number, p: LensCurvePlot): void {
  const { curve, relu, range, theme } = p;
  const left = PAD.left;
  const right = width - PAD.right;
  const top = PAD.top;
  const bottom = height - PAD.bottom;
  if (right <= left || bottom <= top) return;
  const x = (z: number): number => left + ((z + range) / (2 * range)) * (right - left);
  let lo = 0;
  let hi = 0;
  for (const c of [curve, relu]) {
    for (let i = 0; i < c.f.length; i++) {
      const v = c.f[i]!;
      if (!Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  const span = hi - lo || 1;
  lo -= span * 0.06;
  hi += span * 0.06;
  const y = (v: number): number => bottom - ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * (bottom - top);
  const zero = x(0);

  ctx.globalAlpha = 0.08;
  ctx.fillStyle = theme.danger;
  ctx.fillRect(left, top, zero - left, bottom - top);
  ctx.globalAlpha = 1;

  // The z distribution, faint, in the lower 40% of the plot.
  const counts = p.counts;
  if (counts !== null && counts.length > 0) {
    let max = 0;
    for (let b = 0; b < counts.length; b++) max = Math.max(max, counts[b]!);
    const bin = (2 * p.histRange) / counts.length;
    for (let b = 0; b < counts.length && max > 0; b++) {
      const h = (counts[b]! / max) * (bottom - top) * 0.4;
      if (h <= 0) continue;
      const z0 = -p.histRange + b * bin;
      // Bins beyond the plot's range are left out (the histogram above shows them).
      if (z0 < -range || z0 + bin > range) continue;
      ctx.fillStyle = zCss(b < counts.length / 2 ? -1 : 1, 0.35);
      ctx.fillRect(x(z0) + 0.5, bottom - h, Math.max(1, x(z0 + bin) - x(z0) - 1), h);
    }
  }

  ctx.strokeStyle = theme.border;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(left, Math.round(y(0)) + 0.5);
  ctx.lineTo(right, Math.round(y(0)) + 0.5);
  ctx.moveTo(Math.round(zero) + 0.5, top);
  ctx.lineTo(Math.round(zero) + 0.5, bottom);
  ctx.stroke();

  const stroke = (c: ActivationCurve, color: string, widthPx: number, dash: number[]): void => {
    ctx.strokeStyle = color;
    ctx.lineWidth = widthPx;
    ctx.setLineDash(dash);
    ctx.beginPath();
    let pen = false;
    for (let i = 0; i < c.z.length; i++) {
      const v = c.f[i]!;
      if (!Number.isFinite(v)) {
        pen = false;
        continue;
      }
      if (pen) ctx.lineTo(x(c.z[i]!), y(v));
      else ctx.moveTo(x(c.z[i]!), y(v));
      pen = true;
    }
    ctx.stroke();
    ctx.setLineDash([]);
  };
  stroke(relu, theme.muted, 1.3, [4, 3]);
  stroke(curve, theme.accent, 2, []);

  ctx.fillStyle = theme.accent;
  for (let i = 0; i < p.ledgerZ.length; i++) {
    const z = p.ledgerZ[i]!;
    if (Math.abs(z) > range) continue;
    ctx.beginPath();
    ctx.arc(x(z), y(p.ledgerF[i]!), 2.5, 0, 2 * Math.PI);
    ctx.fill();
  }

  const mark = p.mark;
  if (mark !== null && Number.isFinite(mark.z)) {
    const mx = x(Math.max(-range, Math.min(range, mark.z)));
    ctx.strokeStyle = theme.focus;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(Math.round(mx) + 0.5, top);
    ctx.lineTo(Math.round(mx) + 0.5, bottom);
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(mx, y(mark.f), 4, 0, 2 * Math.PI);
    ctx.stroke();
  }

  drawZTicks(ctx, left, zero, right, height, range, theme);
}
