import type { BoundaryFrame, SessionDataView } from '../../core/protocol/messages';
import type { CanvasTheme } from './canvas';
import { classColor } from './draw-boundary';
import { axisX, axisY, drawDots, drawPlotFrame, edgeLabel, fillPlot, plotRect } from './plot-frame';

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
  readonly data: SessionDataView | null;
  readonly theme: CanvasTheme;
}

/**
 * Draws the painted z grid scaled (smoothed) over the plot, the z = 0 contour (where the neuron switches
 * on) as a solid line, the training points on top in their class colours (regression targets: neutral
 * dots), and the frame's edges as ticks.
 */
export function drawResponseMap(ctx: CanvasRenderingContext2D, width: number, height: number, p: ResponseMapPlot): void {
  const { frame, image, contour, data, theme } = p;
  const r = plotRect(width, height, RESPONSE_PAD);
  const { x, y, w, h } = r;
  if (w <= 0 || h <= 0 || frame.dims !== 2) return;
  fillPlot(ctx, r, theme);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(image, 0, 0, frame.size, frame.size, x, y, w, h);

  const px = axisX(r, frame.x0, frame.x1);
  const py = axisY(r, frame.y0, frame.y1);
  const pts = data?.points ?? null;
  if (pts !== null && data !== null && data.dims === 2) {
    const regression = data.task === 'regression';
    const fill = (i: number): string => (regression ? theme.text : classColor(pts.trainY[i] ?? 0));
    drawDots(ctx, pts.trainX.length / 2, (i) => px(pts.trainX[2 * i]!), (i) => py(pts.trainX[2 * i + 1]!), 1.8, fill, theme.background);
  }

  // Grid coordinates (c, r) are cell centres: c = 0 sits half a cell right of the plot's left edge.
  const cx = (c: number): number => x + ((c + 0.5) / frame.size) * w;
  const cy = (row: number): number => y + h - ((row + 0.5) / frame.size) * h;
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

  drawPlotFrame(ctx, r, {
    x0: edgeLabel(frame.x0),
    x1: edgeLabel(frame.x1),
    xTickGap: 2,
    yTicks: [
      [edgeLabel(frame.y1), y + 5],
      [edgeLabel(frame.y0), y + h - 5],
    ],
  }, theme);
}
