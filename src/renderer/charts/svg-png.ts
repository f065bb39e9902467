/** A data URL of an SVG document (the page's CSP allows data: images; no object URL to revoke). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/**
 * The PNG of an SVG document drawn `scale` times its size: the same SVG the page shows and exports,
 * drawn into a canvas, so the PNG and the SVG cannot disagree. Rejects naming what failed.
 */
export async function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  const image = new Image(width, height);
  image.src = svgDataUrl(svg);
  await image.decode().catch(() => {
    throw new Error('the plot could not be drawn as an image');
  });
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (ctx === null) throw new Error('this browser gave no 2-D canvas to draw the PNG in');
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b === null ? reject(new Error('the canvas could not be encoded as PNG')) : resolve(b)), 'image/png'));
}
