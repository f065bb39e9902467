// Exports worth sharing (issue 15, item 5): the lane graph as a 2x PNG with a title and key, every
// chart as SVG (and a 2x PNG), and the report: one HTML file with the experiment embedded, which
// opens from a file:// URL without the app, without errors, and hands back the same experiment file.
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { parseExperiment } from '../../src/core/protocol/experiment';
import { collectErrors, download, step100 } from './helpers';
import { chartSpecs } from '../../src/renderer/charts/chart-specs';

/** Distinct colours in a region of a PNG (a blank or single-colour image has one or two). */
function colours(png: PNG, x0: number, y0: number, x1: number, y1: number): number {
  const seen = new Set<number>();
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) seen.add(png.data.readUInt32BE((y * png.width + x) * 4));
  return seen.size;
}

async function session(page: Page): Promise<void> {
  await page.goto('/');
  await step100(page);
  // A hot-swap, so the charts carry a mark and the α chart exists.
  await page.getByTestId('activation-1').selectOption('prelu');
  await expect(page.getByTestId('lane-1').locator('h2')).toContainText('PReLU');
  await step100(page);
  await step100(page);
}

test('the lane graph exports as a 2x PNG with a title, layer labels and the key', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await session(page);
  const box = (await page.getByTestId('graph-1').boundingBox())!;
  const file = await download(page, 'export-png-1', 'lane-graph.png');
  expect(file.name).toBe('leaky-lab-graph-leaky-relu-step-300.png');
  const png = PNG.sync.read(readFileSync(file.path));
  await testInfo.attach('lane-graph', { path: file.path, contentType: 'image/png' });
  // 2x an image as wide as the graph plus margins (at least 440 CSS px) and taller than it by the title and key.
  expect(png.width).toBe(2 * Math.max(440, Math.ceil(box.width) + 24));
  expect(png.width % 2).toBe(0);
  expect(png.height).toBeGreaterThan(2 * (box.height + 60));
  // The title band has text in it, the graph area is drawn (many colours: discs, edges, anti-aliasing), the key too.
  expect(colours(png, 0, 0, png.width, 2 * 30)).toBeGreaterThan(8);
  expect(colours(png, 0, 2 * 70, png.width, 2 * (70 + Math.floor(box.height) - 20))).toBeGreaterThan(60);
  expect(colours(png, 0, png.height - 2 * 40, png.width, png.height)).toBeGreaterThan(8);
  expect(errors).toEqual([]);
});

test('every chart exports as SVG and as a 2x PNG drawn from it', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await session(page);
  const svgFile = await download(page, 'chart-loss-svg', 'loss.svg');
  expect(svgFile.name).toBe('leaky-lab-chart-loss-step-300.svg');
  const svg = readFileSync(svgFile.path, 'utf8');
  expect(svg).toMatch(/<title>Loss \(train smoothed, test; log\) · step 300 · [^<]+<\/title>/);
  const series = JSON.parse((await page.getByTestId('chart-loss').getAttribute('data-series'))!) as string[];
  expect(series).toEqual(['ReLU train', 'ReLU test', 'Leaky ReLU train', 'Leaky ReLU test']);
  for (const name of series) expect(svg).toContain(`data-series="${name}"`);
  expect(svg).toContain('data-mark="PReLU"');
  expect(svg).toContain('Leaky ReLU = PReLU (learned α');
  // Well-formed: the browser's XML parser reads it as an SVG document.
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { root: doc.documentElement.nodeName, errors: doc.getElementsByTagName('parsererror').length };
  }, svg);
  expect(parsed).toEqual({ root: 'svg', errors: 0 });

  for (const id of ['chart-accuracy', 'chart-dead', 'chart-revivals', 'chart-alpha']) {
    const file = await download(page, `${id}-png`, `${id}.png`);
    expect(file.name).toBe(`leaky-lab-chart-${id.replace('chart-', '')}-step-300.png`);
    const png = PNG.sync.read(readFileSync(file.path));
    expect([png.width, png.height]).toEqual([1280, 640]);
    expect(colours(png, 0, 0, png.width, png.height)).toBeGreaterThan(20);
    if (id === 'chart-accuracy') await testInfo.attach('accuracy-chart', { path: file.path, contentType: 'image/png' });
  }
  expect(errors).toEqual([]);
});

test('the report is one HTML file with the experiment inside that opens offline without the app', async ({ page, context }, testInfo) => {
  const errors = collectErrors(page);
  await session(page);
  const file = await download(page, 'export-report', 'report.html');
  expect(file.name).toMatch(/^leaky-lab-report-[a-z0-9-]+-step-300\.html$/);
  await expect(page.getByTestId('file-status')).toContainText(`Saved ${file.name}`);
  const html = readFileSync(file.path, 'utf8');
  const link = /id="experiment-download" download="([^"]+)" href="data:application\/json;base64,([^"]+)"/.exec(html);
  expect(link).not.toBeNull();
  const text = Buffer.from(link![2]!, 'base64').toString('utf8');
  const experiment = parseExperiment(text, link![1]!);
  expect(experiment.ok).toBe(true);
  if (experiment.ok) {
    expect(experiment.value.steps).toBe(300);
    expect(experiment.value.events).toContainEqual(expect.objectContaining({ type: 'activation', lane: 1 }));
    expect(experiment.value.states?.length ?? 0).toBeGreaterThan(0);
  }
  for (const m of html.matchAll(/\b(?:src|href)="([^"]*)"/g)) expect(m[1]).toMatch(/^data:/);

  // Opened as a user would, from the disk, with the network cut off: it renders everything, logs nothing.
  await context.setOffline(true);
  const report = await context.newPage();
  const reportErrors = collectErrors(report);
  const requests: string[] = [];
  report.on('request', (r) => {
    if (!r.url().startsWith('data:') && !r.url().startsWith('file:')) requests.push(r.url());
  });
  await report.goto(`file://${file.path}`);
  await expect(report.locator('h1')).toContainText('step 300');
  await expect(report.locator('section.lane')).toHaveCount(2);
  // Every session chart (chartSpecs: losses, accuracy, inactive, dormant, dead_ratio, revivals) and PReLU's α.
  await expect(report.locator('.charts > svg')).toHaveCount(chartSpecs().length + 1);
  const graphs = report.locator('section.lane .graph > svg');
  await expect(graphs).toHaveCount(2);
  for (const g of await graphs.all()) expect((await g.boundingBox())!.width).toBeGreaterThanOrEqual(440);
  await expect(report.locator('table').first()).toContainText('Seed');
  await expect(report.locator('table').first()).toContainText('lane Leaky ReLU: PReLU');
  const path = testInfo.outputPath('report-page.png');
  await report.screenshot({ path, fullPage: true });
  await testInfo.attach('report-page', { path, contentType: 'image/png' });

  // Its link hands back the very file Save writes.
  const downloading = report.waitForEvent('download');
  await report.locator('#experiment-download').click();
  const back = await downloading;
  expect(back.suggestedFilename()).toBe('leaky-lab-experiment.leaky.json');
  const saved = testInfo.outputPath('from-report.leaky.json');
  await back.saveAs(saved);
  expect(readFileSync(saved, 'utf8')).toBe(text);
  expect(requests).toEqual([]);
  expect(reportErrors).toEqual([]);
  await context.setOffline(false);
  await report.close();

  // The report took its own export from the engine: Save still saves (and the file is the same session's).
  const saved2 = await download(page, 'save-experiment', 'after-report.leaky.json');
  expect(saved2.name).toBe('leaky-lab-experiment.leaky.json');
  expect((JSON.parse(readFileSync(saved2.path, 'utf8')) as { steps: number }).steps).toBe(300);
  expect(errors).toEqual([]);
});

test('in a narrow window the exported lane images carry the labels as placed on screen, never the long forms that would overlap', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto('/');
  await page.locator('[data-status="ready"] [data-testid="play-pause"]:enabled').waitFor();
  // Three lanes side by side: each graph is too narrow for "layer 1 · 16".
  await page.getByTestId('scenario-bad-init').click();
  await expect(page.getByTestId('lane-2')).toBeVisible();
  await page.getByTestId('play-pause').click();
  await expect(page.getByTestId('play-pause')).toContainText('Play');
  const onScreen = await page.getByTestId('lane-0').getByTestId('layer-label').allTextContents();
  expect(onScreen.some((t) => t.startsWith('layer '))).toBe(false);
  const file = await download(page, 'export-report', 'narrow-report.html');
  const html = readFileSync(file.path, 'utf8');
  const lane0 = html.slice(html.indexOf('<section class="lane"'), html.indexOf('<section class="lane"', html.indexOf('<section class="lane"') + 1));
  const texts = [...lane0.matchAll(/<text[^>]*text-anchor="middle"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  for (const t of onScreen) expect(texts).toContain(t);
  expect(texts.some((t) => t.startsWith('layer '))).toBe(false);
});
