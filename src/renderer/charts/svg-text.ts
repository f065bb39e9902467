/** Escapes text for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A number for an SVG attribute (two decimals: sub-pixel precision is enough). */
export function num(x: number): string {
  return (Math.round(x * 100) / 100).toString();
}

/** Width of text in px at `size` px of the plots' sans-serif font (an estimate: 0.58 em per character). */
export function textWidth(text: string, size = 11): number {
  return text.length * size * 0.58;
}

/** The text cut with an ellipsis to fit `width` px. */
export function fitText(text: string, width: number, size = 11): string {
  if (textWidth(text, size) <= width) return text;
  const chars = Math.max(1, Math.floor(width / (size * 0.58)) - 1);
  return `${text.slice(0, chars)}…`;
}

/** The text broken at spaces into lines of at most `width` px, at most `most` lines (the last cut to fit). */
export function wrapText(text: string, width: number, size: number, most: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (textWidth(next, size) <= width || line === '') line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  if (lines.length <= most) return lines;
  return [...lines.slice(0, most - 1), fitText(lines.slice(most - 1).join(' '), width, size)];
}

/** Where each legend entry goes: rows of swatch + name, wrapped to `width` px. */
export function legendLayout(names: readonly string[], width: number): { readonly x: number; readonly row: number; readonly name: string }[] {
  const out: { x: number; row: number; name: string }[] = [];
  let x = 0;
  let row = 0;
  for (const raw of names) {
    const name = fitText(raw, width - 18);
    const w = 16 + textWidth(name) + 14;
    if (x > 0 && x + w > width) {
      row++;
      x = 0;
    }
    out.push({ x, row, name });
    x += w;
  }
  return out;
}
