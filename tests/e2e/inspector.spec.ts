import { writeFileSync } from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { collectErrors, experimentFile, hue, snap, snapElement, step100 } from './helpers';

test('clicking a neuron opens its inspector: state, activity over time, incoming weights; it closes again', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  await page.locator('button.neuron[data-lane="0"][data-layer="2"][data-neuron="3"]').click();
  const inspector = page.getByTestId('inspector-0');
  await expect(inspector).toContainText('Layer 2, neuron 3');
  await expect(page.getByTestId('inspector-state')).toContainText('activity');
  // Layer 2's neurons each have 16 incoming weights (from layer 1).
  await expect(page.getByTestId('inspector-weights')).toHaveAttribute('data-value', '16');
  await expect(page.getByTestId('inspector-weights').locator('.bar')).toHaveCount(16);
  await step100(page);
  await step100(page);
  await expect.poll(async () => Number(await page.getByTestId('inspector-history').getAttribute('data-value'))).toBeGreaterThanOrEqual(3);
  await page.getByTestId('inspector-close').click();
  await expect(inspector).toHaveCount(0);
});

/** Pixels of an element's screenshot. */
async function pixels(target: Locator): Promise<PNG> {
  return PNG.sync.read(await target.screenshot({ animations: 'disabled' }));
}

/** Counts clearly coloured pixels (chroma >= 40) by hue family: purple (z < 0), green (z > 0), and all. */
function zColours(image: PNG): { purple: number; green: number; coloured: number } {
  let purple = 0;
  let green = 0;
  let coloured = 0;
  for (let i = 0; i < image.width * image.height; i++) {
    const c = { r: image.data[4 * i]!, g: image.data[4 * i + 1]!, b: image.data[4 * i + 2]! };
    if (Math.max(c.r, c.g, c.b) - Math.min(c.r, c.g, c.b) < 40) continue;
    coloured++;
    const h = hue(c);
    if (h >= 255 && h < 300) purple++;
    else if (h >= 110 && h < 170) green++;
  }
  return { purple, green, coloured };
}

/** Share of pixels that differ (any channel by more than 8) between two images of the same size. */
function changedShare(a: PNG, b: PNG): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let changed = 0;
  const n = a.width * a.height;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 3; k++) {
      if (Math.abs(a.data[4 * i + k]! - b.data[4 * i + k]!) > 8) {
        changed++;
        break;
      }
    }
  }
  return changed / n;
}

/** The text of the inspector's readout `testId` once the engine's measurement of the neuron arrived. */
async function measured(page: Page): Promise<{ rows: number; range: number; belowZero: number; firing: number; points: number }> {
  const histogram = page.getByTestId('inspector-histogram');
  await expect.poll(async () => Number(await histogram.getAttribute('data-value'))).toBeGreaterThan(0);
  await expect(page.getByTestId('inspector-firing')).toBeVisible();
  return {
    rows: Number(await histogram.getAttribute('data-value')),
    range: Number(await histogram.getAttribute('data-range')),
    belowZero: Number(await page.getByTestId('inspector-z-share').getAttribute('data-value')),
    firing: Number(await page.getByTestId('inspector-firing').getAttribute('data-value')),
    points: Number(await page.getByTestId('inspector-response').getAttribute('data-value')),
  };
}

test('the inspector draws the neuron’s pre-activation histogram and its response over the input plane, and follows training', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await step100(page);
  await page.locator('button.neuron[data-lane="1"][data-layer="1"][data-neuron="2"]').click();
  const inspector = page.getByTestId('inspector-1');
  await expect(inspector).toContainText('Layer 1, neuron 2');

  // The 'inspect' command's data: a histogram over the first 512 probe rows, a power-of-two range, and
  // z at every one of the 48 x 48 points of the boundary grid.
  const m = await measured(page);
  testInfo.annotations.push({ type: 'inspected', description: JSON.stringify(m) });
  expect(m.rows).toBe(512);
  expect(Math.log2(m.range) % 1).toBe(0);
  expect(m.points).toBe(48 * 48);
  expect(m.belowZero).toBeGreaterThanOrEqual(0);
  expect(m.belowZero).toBeLessThanOrEqual(1);
  await expect(page.getByTestId('inspector-z-share')).toHaveText(`${Math.round(m.belowZero * 1000) / 10}%`);
  expect(m.firing).toBeGreaterThanOrEqual(0);
  expect(m.firing).toBeLessThanOrEqual(1);

  // Both canvases are drawn: histogram bars in the z colours, the plane in purple (z < 0) and green (z > 0).
  const histogram = page.getByTestId('inspector-histogram');
  const response = page.getByTestId('inspector-response');
  await expect.poll(async () => zColours(await pixels(histogram)).coloured).toBeGreaterThan(100);
  await expect.poll(async () => zColours(await pixels(response)).coloured).toBeGreaterThan(2000);
  const plane = zColours(await pixels(response));
  testInfo.annotations.push({ type: 'response pixels', description: JSON.stringify(plane) });
  // A neuron of the first layer is a half-plane split (z = w.x + b): it fires on one side of a line.
  if (m.firing > 0.05 && m.firing < 0.95) {
    expect(plane.purple).toBeGreaterThan(500);
    expect(plane.green).toBeGreaterThan(500);
  }
  await snapElement(response, testInfo, 'inspector-response-step-100');

  // Training changes the neuron: the engine's new measurements redraw the response.
  const before = await pixels(response);
  for (let i = 0; i < 5; i++) await step100(page);
  await expect.poll(async () => changedShare(before, await pixels(response))).toBeGreaterThan(0.01);
  await snapElement(response, testInfo, 'inspector-response-step-600');

  // The training points can be hidden.
  const withPoints = await pixels(response);
  await page.getByTestId('inspector-points').uncheck();
  await expect.poll(async () => changedShare(withPoints, await pixels(response))).toBeGreaterThan(0.005);

  // Another neuron: the inspector asks the engine for that one.
  const first = await pixels(response);
  await page.locator('button.neuron[data-lane="1"][data-layer="2"][data-neuron="7"]').click();
  await expect(inspector).toContainText('Layer 2, neuron 7');
  await measured(page);
  await expect.poll(async () => changedShare(first, await pixels(response))).toBeGreaterThan(0.02);
  await snapElement(inspector, testInfo, 'inspector-2d');
  await snap(page, testInfo, 'inspector-2d-page');

  await page.getByTestId('inspector-close').click();
  await expect(inspector).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('on 1-D regression data the inspector draws the curve z(x), and the score chart is labelled R²', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  const file = testInfo.outputPath('sine.leaky.json');
  writeFileSync(file, JSON.stringify(experimentFile({ dataset: { kind: 'sine', samples: 400, noise: 0.05 } }, [['ReLU', { kind: 'relu' }], ['PReLU', { kind: 'prelu', alpha: 0.25, perNeuron: true }]], 0.05)));
  await page.getByTestId('open-experiment-input').setInputFiles(file);
  await expect(page.getByTestId('file-status')).toContainText('Opened sine.leaky.json');
  await expect(page.getByTestId('chart-accuracy')).toContainText('Test R²');
  await expect(page.getByTestId('chart-loss')).toContainText('MSE');
  for (let i = 0; i < 3; i++) await step100(page);

  await page.locator('button.neuron[data-lane="0"][data-layer="1"][data-neuron="1"]').click();
  await expect(page.getByTestId('inspector-0')).toContainText('Layer 1, neuron 1');
  const m = await measured(page);
  testInfo.annotations.push({ type: 'inspected', description: JSON.stringify(m) });
  // The fitted line of 1-D data has 200 points.
  expect(m.points).toBe(200);
  await expect(page.getByTestId('inspector-0')).toContainText('Response z(x) along the input');
  const response = page.getByTestId('inspector-response');
  await expect.poll(async () => zColours(await pixels(response)).coloured).toBeGreaterThan(150);
  await snapElement(page.getByTestId('inspector-0'), testInfo, 'inspector-1d');
  await snap(page, testInfo, 'inspector-1d-page');
  // R² may be negative early on; the chart's readout shows it as a plain number.
  await expect(page.getByTestId('chart-accuracy').locator('.values span[title]').first()).toHaveText(/^-?\d+\.\d\d$/);
  expect(errors).toEqual([]);
});
