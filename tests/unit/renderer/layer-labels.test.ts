import { describe, expect, it } from 'vitest';
import { layoutGraph } from '../../../src/renderer/graph/layout';
import { CHAR_PX, placeLabels } from '../../../src/renderer/graph/layer-labels';

/** True when no two labels overlap (with the 4 px gap) and every one lies inside [0, width]. */
function clear(labels: ReturnType<typeof placeLabels>, width: number): boolean {
  return labels.every((a, i) => a.left >= 0 && a.left + a.width <= width + 0.5 && (i === 0 || labels[i - 1]!.left + labels[i - 1]!.width + 4 <= a.left));
}

describe('placeLabels', () => {
  it('keeps the full labels when they fit', () => {
    const widths = [2, 16, 16, 2];
    const layout = layoutGraph(widths, 600, 300);
    const labels = placeLabels(widths, layout.columns, layout.width);
    expect(labels.map((l) => l.text)).toEqual(['inputs · 2', 'layer 1 · 16', 'layer 2 · 16', 'outputs · 2']);
    expect(labels.every((l) => l.width === l.text.length * CHAR_PX)).toBe(true);
  });

  it('shortens, then thins, the labels of a deep net in a narrow graph, never overlapping', () => {
    const widths = [2, 8, 8, 8, 8, 8, 8, 8, 8, 2];
    for (const width of [900, 400, 272, 180, 120, 60]) {
      const layout = layoutGraph(widths, width, 200);
      const labels = placeLabels(widths, layout.columns, layout.width);
      expect(labels.length, `at ${width} px`).toBeGreaterThan(0);
      expect(clear(labels, width), `at ${width} px: ${JSON.stringify(labels)}`).toBe(true);
    }
    const narrow = placeLabels(widths, layoutGraph(widths, 180, 200).columns, 180);
    expect(narrow.length).toBeLessThan(widths.length);
    expect(narrow[0]?.layer).toBe(0);
  });

  it('gives 64 inputs in a 220 px graph a short label that fits', () => {
    const widths = [64, 16, 16, 10];
    const layout = layoutGraph(widths, 220, 200);
    const labels = placeLabels(widths, layout.columns, 220);
    expect(labels.map((l) => l.text)).toEqual(['in·64', 'L1·16', 'L2·16', 'out·10']);
    expect(clear(labels, 220)).toBe(true);
  });
});
