import { expect, type Page, test } from '@playwright/test';
import { collectErrors, experimentFile } from './helpers';

/** A window size as "width x height" in CSS pixels. */
interface Size {
  readonly width: number;
  readonly height: number;
}

// The sizes the layout is designed for, and the smallest it must still be usable at.
const SIZES: readonly Size[] = [
  { width: 1024, height: 700 },
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
  { width: 800, height: 600 },
];

/** An element's box in CSS pixels, as the page lays it out. */
interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What the layout test measures of the page, all in CSS pixels. */
interface Measures {
  readonly scrollHeight: number;
  readonly scrollWidth: number;
  readonly innerHeight: number;
  readonly innerWidth: number;
  readonly topbar: Box;
  readonly graphs: Box[];
  /** Per lane: the boxes of its layer labels and their texts. */
  readonly labels: { boxes: Box[]; texts: string[] }[];
  /** Chart titles whose text is wider than their box (cut). */
  readonly cutTitles: string[];
}

async function measure(page: Page): Promise<Measures> {
  return page.evaluate(() => {
    const box = (e: Element): Box => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const graphs = [...document.querySelectorAll('[data-testid^="graph-"]')].filter((g) => /^graph-\d+$/.test(g.getAttribute('data-testid') ?? ''));
    const root = document.scrollingElement ?? document.documentElement;
    return {
      scrollHeight: root.scrollHeight,
      scrollWidth: root.scrollWidth,
      innerHeight: window.innerHeight,
      innerWidth: window.innerWidth,
      topbar: box(document.querySelector('header.topbar')!),
      graphs: graphs.map(box),
      labels: graphs.map((g) => {
        const spans = [...g.querySelectorAll('[data-testid="layer-label"]')];
        return { boxes: spans.map(box), texts: spans.map((s) => s.textContent ?? '') };
      }),
      cutTitles: [...document.querySelectorAll('.chart .title')].filter((t) => t.scrollWidth > t.clientWidth || t.scrollHeight > t.clientHeight + 1).map((t) => t.textContent ?? ''),
    };
  });
}

const inside = (b: Box, s: Size): boolean => b.x >= -0.5 && b.y >= -0.5 && b.x + b.width <= s.width + 0.5 && b.y + b.height <= s.height + 0.5;
const intersect = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Checks every rule of "the window is the app" on the page as it is now, for `lanes` lanes. */
async function expectLayout(page: Page, size: Size, lanes: number, what: string): Promise<Measures> {
  await expect(page.getByTestId(`lane-${lanes - 1}`)).toBeVisible();
  await expect(page.getByTestId(`lane-${lanes}`)).toHaveCount(0);
  const m = await measure(page);
  const at = `${what} at ${size.width}x${size.height}`;
  expect(m.innerHeight, at).toBe(size.height);
  expect(m.scrollHeight, `document height, ${at}`).toBeLessThanOrEqual(m.innerHeight);
  expect(m.scrollWidth, `document width, ${at}`).toBeLessThanOrEqual(m.innerWidth);
  expect(inside(m.topbar, size), `top bar ${JSON.stringify(m.topbar)}, ${at}`).toBe(true);
  expect(m.graphs, at).toHaveLength(lanes);
  for (const [i, g] of m.graphs.entries()) {
    expect(inside(g, size), `lane ${i}'s graph ${JSON.stringify(g)}, ${at}`).toBe(true);
    expect(g.width, `lane ${i}'s graph width, ${at}`).toBeGreaterThanOrEqual(120);
    expect(g.height, `lane ${i}'s graph height, ${at}`).toBeGreaterThanOrEqual(100);
  }
  for (const [i, { boxes, texts }] of m.labels.entries()) {
    expect(boxes.length, `lane ${i} shows layer labels, ${at}`).toBeGreaterThanOrEqual(1);
    const graph = m.graphs[i]!;
    for (const [j, b] of boxes.entries()) {
      expect(b.x >= graph.x - 0.5 && b.x + b.width <= graph.x + graph.width + 0.5, `label "${texts[j]}" inside lane ${i}'s graph, ${at}`).toBe(true);
      for (let k = j + 1; k < boxes.length; k++) expect(intersect(b, boxes[k]!), `labels "${texts[j]}" and "${texts[k]}" of lane ${i} overlap, ${at}`).toBe(false);
    }
  }
  expect(m.cutTitles, `cut chart titles, ${at}`).toEqual([]);
  return m;
}

/** Clicks a scenario (which plays it) and pauses it once it has trained a little. */
async function runScenario(page: Page, id: string): Promise<void> {
  await page.getByTestId(`scenario-${id}`).click();
  await expect(page.getByTestId(`scenario-${id}`)).toHaveClass(/current/);
  const button = page.getByTestId('play-pause');
  await expect(button).toHaveText(/Pause/, { timeout: 30_000 });
  await button.click();
  await expect(button).toHaveText(/Play/);
}

for (const size of SIZES) {
  test(`the window is the app at ${size.width}x${size.height}: no page scroll, every lane graph in view, no overlapping label, no cut title`, async ({ page }) => {
    const errors = collectErrors(page);
    await page.setViewportSize(size);
    await page.goto('/');
    await expect(page.getByTestId('step-0')).toHaveText('0');
    await expectLayout(page, size, 2, 'the default session');
    // Three lanes, a deep narrow net (10 layers) and 64 inputs.
    for (const [id, lanes] of [['bad-init', 3], ['deep-narrow', 2], ['real-digits', 2]] as const) {
      await runScenario(page, id);
      await expectLayout(page, size, lanes, `the "${id}" scenario`);
      // The scenario's text is reachable in its own panel: scrolled there, it is in the window, and the page still does not scroll.
      const watch = page.getByTestId('scenario-watch');
      await watch.scrollIntoViewIfNeeded();
      const box = await watch.boundingBox();
      expect(box !== null && inside(box, size), `the "${id}" scenario's text ${JSON.stringify(box)}`).toBe(true);
      await expectLayout(page, size, lanes, `the "${id}" scenario, its text scrolled into view`);
    }
    // Four lanes fit too.
    const four = experimentFile(
      { hidden: [12, 12, 12, 12, 12, 12] },
      [
        ['ReLU', { kind: 'relu' }],
        ['Leaky ReLU 0.01', { kind: 'leaky_relu', alpha: 0.01 }],
        ['Leaky ReLU 0.2', { kind: 'leaky_relu', alpha: 0.2 }],
        ['PReLU', { kind: 'prelu', alpha: 0.25, perNeuron: false }],
      ],
      0.05,
    );
    await page.getByTestId('open-experiment-input').setInputFiles({ name: 'four-lanes.leaky.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(four)) });
    await expect(page.getByTestId('lane-3')).toBeVisible();
    await expectLayout(page, size, 4, 'four lanes');
    // Opening the inspector in one lane leaves every other lane's graph exactly as it was.
    for (const lane of [0, 3]) {
      const before = await measure(page);
      // A click event on the neuron's own overlay: in a small window its neighbours' overlays overlap it.
      await page.locator(`button.neuron[data-lane="${lane}"][data-layer="2"][data-neuron="3"]`).dispatchEvent('click');
      await expect(page.getByTestId(`inspector-${lane}`)).toBeAttached();
      const open = await expectLayout(page, size, 4, `four lanes, inspector open in lane ${lane}`);
      for (const [i, g] of open.graphs.entries()) if (i !== lane) expect(g, `lane ${i}'s graph with the inspector open in lane ${lane}`).toEqual(before.graphs[i]);
      await page.getByTestId('inspector-close').click();
      await expect(page.getByTestId(`inspector-${lane}`)).toHaveCount(0);
    }
    expect(errors).toEqual([]);
  });
}

test('the Lab view scrolls inside its own panel, not the page', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  await page.getByTestId('view-lab').click();
  await expect(page.getByTestId('lab-view')).toBeVisible();
  const m = await page.evaluate(() => ({ scroll: (document.scrollingElement ?? document.documentElement).scrollHeight, inner: window.innerHeight }));
  expect(m.scroll).toBeLessThanOrEqual(m.inner);
});
