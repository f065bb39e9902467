import type { BoundaryFrame, DataView2 } from '../../core/protocol/messages';
import { type CanvasTheme, tickLabel } from './canvas';
import { classColor } from './draw-boundary';

/** Where the plot area sits inside the response canvas (room for tick labels). */
export const RESPONSE_PAD = { left: 26, right: 4, top: 4, bottom: 14 } as const;

/** What the response map shows: a neuron's z over the input plane (2-D data). */
export interface ResponseMapPlot {
  readonly frame: BoundaryFrame;
  /** The z grid painted at its own resolution (size x size pixels, see paintResponse). */
  readonly image: CanvasImageSource;
  /** The z = 0 contour as segments in grid coordinates (see zeroContour). */
  readonly contour: Float32Array;
  /** Training points to draw on top, or null. */
  readonly data: DataView2 | null;
  readonly theme: CanvasTheme;
}

/**
 * Draws the painted z grid scaled (smoothed) over the plot, the z = 0 contour (where the neuron switches
 * on) as a solid line, the training points on top in their class colours (regression targets: neutral
 * dots), and the frame's edges as ticks.
 */
export function drawResponseMap(ctx: CanvasRenderingContext2D, width: number, height: number, p: ResponseMapPlot): void {
  const { frame, image, contour, data, theme } = p;
  const x = RESPONSE_PAD.left;
  const y = RESPONSE_PAD.top;
  const w = width - RESPONSE_PAD.left - RESPONSE_PAD.right;
  const h = height - RESPONSE_PAD.top - RESPONSE_PAD.bottom;
  if (w <= 0 || h <= 0 || frame.dims !== 2) return;
  ctx.fillStyle = theme.background;
  ctx.fillRect(x, y, w, h);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(image, 0, 0, frame.size, frame.size, x, y, w, h);

  const px = (v: number): number => x + ((v - frame.x0) / (frame.x1 - frame.x0)) * w;
  const py = (v: number): number => y + h - ((v - frame.y0) / (frame.y1 - frame.y0)) * h;
  const pts = data?.points ?? null;
  if (pts !== null && data !== null && data.dims === 2) {
    const regression = data.task === 'regression';
    const rows = pts.trainX.length / 2;
    ctx.lineWidth = 1;
    for (let i = 0; i < rows; i++) {
      ctx.beginPath();
      ctx.arc(px(pts.trainX[2 * i]!), py(pts.trainX[2 * i + 1]!), 1.8, 0, 2 * Math.PI);
      ctx.fillStyle = regression ? theme.text : classColor(pts.trainY[i] ?? 0);
      ctx.fill();
      ctx.strokeStyle = theme.background;
      ctx.stroke();
    }
  }

  // Grid coordinates (c, r) are cell centres: c = 0 sits half a cell right of the plot's left edge.
  const cx = (c: number): number => x + ((c + 0.5) / frame.size) * w;
  const cy = (r: number): number => y + h - ((r + 0.5) / frame.size) * h;
  ctx.lineCap = 'round';
  for (const [stroke, lineWidth] of [
    [theme.background, 3.5],
    [theme.text, 1.6],
  ] as const) {
    ctx.strokeStyle = stroke;
    ctx.lineWidth = lineWidth;
    ctx.beginPath();
    for (let i = 0; i + 3 < contour.length; i += 4) {
      ctx.moveTo(cx(contour[i]!), cy(contour[i + 1]!));
      ctx.lineTo(cx(contour[i + 2]!), cy(contour[i + 3]!));
    }
    ctx.stroke();
  }

  ctx.strokeStyle = theme.border;
  ctx.lineWidth = 1;
  ctx.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
  ctx.fillStyle = theme.muted;
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillText(tickLabel(round(frame.x0)), x, y + h + 2);
  ctx.textAlign = 'right';
  ctx.fillText(tickLabel(round(frame.x1)), x + w, y + h + 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(tickLabel(round(frame.y1)), x - 3, y + 5);
  ctx.fillText(tickLabel(round(frame.y0)), x - 3, y + h - 5);
}

/** Rounds a frame edge for its tick label (the frame has a 10% margin, so edges are not round numbers). */
function round(v: number): number {
  return Math.round(v * 10) / 10;
}
