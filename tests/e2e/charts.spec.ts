import { writeFileSync } from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { collectErrors, experimentFile, laneStepValue, readValue, snap, snapElement, step100 } from './helpers';

/** The labels of a chart's uPlot series, from the data attribute the chart carries. */
async function seriesLabels(chart: Locator): Promise<string[]> {
  return JSON.parse((await chart.getAttribute('data-series')) ?? '[]') as string[];
}

/** A chart's read-out: per lane, the series names and values it shows (at the hovered step, else the newest). */
async function readoutGroups(chart: Locator): Promise<{ name: string; text: string }[][]> {
  return chart
    .locator('.values .group')
    .evaluateAll((groups) => groups.map((g) => [...g.querySelectorAll('span[title]')].map((e) => ({ name: e.getAttribute('title') ?? '', text: e.textContent ?? '' }))));
}

/** The dash key under a chart: what each line style marks. */
async function dashKey(chart: Locator): Promise<string[]> {
  return chart.locator('.key li').evaluateAll((items) => items.map((i) => i.textContent?.trim() ?? ''));
}

/** The alpha chart's current readout: series name (lane and layer) and value. */
async function alphaReadout(page: Page): Promise<{ name: string; value: number }[]> {
  return page
    .getByTestId('chart-alpha')
    .locator('.values span[title]')
    .evaluateAll((els) => els.map((e) => ({ name: e.getAttribute('title') ?? '', value: Number(e.textContent) })));
}

test('the PReLU α chart: absent without a PReLU lane, then one series per layer that moves away from 0.25', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  // ReLU and Leaky ReLU: their slopes are fixed, so there is nothing to chart.
  await expect(page.getByTestId('chart-alpha-none')).toBeVisible();
  await expect(page.getByTestId('chart-alpha')).toHaveCount(0);
  await expect(page.getByTestId('chart-accuracy')).toContainText('Test accuracy');

  await page.getByTestId('scenario-prelu').click();
  await expect(page.getByTestId('lane-1').locator('h2')).toContainText('PReLU');
  const chart = page.getByTestId('chart-alpha');
  await expect(chart).toBeVisible();
  // One series per hidden layer of the PReLU lane, none for the ReLU lane.
  await expect.poll(async () => (await alphaReadout(page)).map((s) => s.name)).toEqual(['PReLU L1', 'PReLU L2']);
  expect(await seriesLabels(chart)).toEqual(['PReLU L1', 'PReLU L2']);
  expect(await dashKey(chart)).toEqual(['L1', 'L2']);
  await expect.poll(() => laneStepValue(page, 1), { timeout: 60_000 }).toBeGreaterThan(3000);
  await page.getByTestId('play-pause').click();
  await expect(page.getByTestId('play-pause')).toHaveText(/Play/);

  const readout = await alphaReadout(page);
  testInfo.annotations.push({ type: 'alpha', description: JSON.stringify(readout) });
  for (const s of readout) expect(Number.isFinite(s.value)).toBe(true);
  // PReLU starts every slope at 0.25 and learns them: the layer means leave it.
  expect(Math.max(...readout.map((s) => Math.abs(s.value - 0.25)))).toBeGreaterThan(0.005);
  // The chart's lines are drawn (the lane's colour on the plot).
  await expect(chart.locator('canvas')).toBeVisible();
  await snap(page, testInfo, 'alpha-chart');
  await snapElement(chart, testInfo, 'alpha-chart');
  expect(errors).toEqual([]);
});

test('a hot-swap from ReLU to PReLU adds the lane to the α chart: its slopes start at ReLU’s 0 and are learned', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await page.getByTestId('step-100').click();
  await expect(page.getByTestId('step-0')).toHaveText('100');
  // PReLU at the default learning rate of 0.3 diverges on this data; 0.05 learns.
  await page.getByTestId('lr-0').fill('0.05');
  await page.getByTestId('lr-0').press('Enter');
  await page.getByTestId('activation-0').selectOption('prelu');
  await expect(page.getByTestId('lane-0').locator('h2')).toContainText('PReLU');
  await page.getByTestId('step-100').click();
  await expect(page.getByTestId('step-0')).toHaveText('200');
  await expect.poll(async () => (await alphaReadout(page)).map((s) => s.name)).toEqual(['ReLU L1', 'ReLU L2']);
  // PReLU starts from the slope in force (ReLU's 0) and learns from there.
  const readout = await alphaReadout(page);
  testInfo.annotations.push({ type: 'alpha', description: JSON.stringify(readout) });
  expect(Math.max(...readout.map((s) => Math.abs(s.value)))).toBeGreaterThan(0.001);
  await snapElement(page.getByTestId('chart-alpha'), testInfo, 'alpha-chart-after-swap');
  expect(errors).toEqual([]);
});

test('the loss chart overlays every lane’s smoothed train loss and its test loss; hovering reads both out', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  for (let i = 0; i < 3; i++) await step100(page);
  const chart = page.getByTestId('chart-loss');
  await expect(chart.locator('figcaption .title')).toHaveText('Loss (train smoothed, test; log)');
  expect(await seriesLabels(chart)).toEqual(['ReLU train', 'ReLU test', 'Leaky ReLU train', 'Leaky ReLU test']);
  // The solid line is the train loss, the dashed one the test loss, for every lane.
  expect(await dashKey(chart)).toEqual(['train', 'test']);
  // Newest values, one group per lane, both losses finite and positive (the axis is logarithmic).
  const newest = await readoutGroups(chart);
  testInfo.annotations.push({ type: 'loss', description: JSON.stringify(newest) });
  expect(newest.map((g) => g.map((v) => v.name))).toEqual([
    ['ReLU train', 'ReLU test'],
    ['Leaky ReLU train', 'Leaky ReLU test'],
  ]);
  for (const v of newest.flat()) expect(Number(v.text)).toBeGreaterThan(0);

  // Hovering the plot shows the values at that step, train and test for each lane.
  const plot = chart.locator('.plot');
  const box = (await plot.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
  await expect(chart.locator('.at')).toHaveText(/^step \d/);
  const hovered = await readoutGroups(chart);
  expect(hovered.flat().map((v) => v.name)).toEqual(['ReLU train', 'ReLU test', 'Leaky ReLU train', 'Leaky ReLU test']);
  for (const v of hovered.flat()) expect(Number(v.text)).toBeGreaterThan(0);
  await expect(plot).toHaveAttribute('aria-label', /ReLU test \d/);
  await snapElement(chart, testInfo, 'loss-chart-hover');
  await page.mouse.move(0, 0);
  await expect(chart.locator('.at')).toBeHidden();
  expect(errors).toEqual([]);
});

test('the dead chart draws every lane’s hidden layers, matching the lanes’ per-layer read-outs', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  for (let i = 0; i < 3; i++) await step100(page);
  const chart = page.getByTestId('chart-dead');
  await expect(chart.locator('figcaption .title')).toHaveText('Inactive neurons per layer (%; dead under ReLU)');
  // 2-16-16-2: two hidden layers per lane, told apart by their dash.
  expect(await seriesLabels(chart)).toEqual(['ReLU L1', 'ReLU L2', 'Leaky ReLU L1', 'Leaky ReLU L2']);
  expect(await dashKey(chart)).toEqual(['L1', 'L2']);
  const groups = await readoutGroups(chart);
  testInfo.annotations.push({ type: 'dead', description: JSON.stringify(groups) });
  // The chart's newest values are the lanes' own per-layer dead % (ReLU) and inactive % (Leaky ReLU), from the same snapshot.
  await expect(page.getByTestId('dead-layer-0-1')).toHaveAttribute('data-kind', 'dead');
  await expect(page.getByTestId('dead-layer-1-1')).toHaveAttribute('data-kind', 'inactive');
  for (let lane = 0; lane < 2; lane++) {
    for (let layer = 1; layer <= 2; layer++) {
      const pct = await readValue(page, `dead-layer-${lane}-${layer}`);
      expect(groups[lane]![layer - 1]!.text).toBe(`${Math.round(pct)}%`);
    }
  }
  await snapElement(chart, testInfo, 'dead-chart');
  expect(errors).toEqual([]);
});

test('the dead chart stays readable eight layers deep, and has one series per lane for one hidden layer', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  await page.getByTestId('scenario-deep-narrow').click();
  await expect(page.getByTestId('lane-1').locator('h2')).toContainText('Leaky ReLU');
  await expect.poll(() => laneStepValue(page, 0)).toBeGreaterThan(300);
  await page.getByTestId('play-pause').click();
  await expect(page.getByTestId('play-pause')).toHaveText(/Play/);
  const chart = page.getByTestId('chart-dead');
  const labels = await seriesLabels(chart);
  expect(labels).toHaveLength(16);
  expect(labels.slice(0, 8)).toEqual(Array.from({ length: 8 }, (_, l) => `ReLU L${l + 1}`));
  // Four dash patterns, each explained once; the read-out is one run of eight values per lane.
  expect(await dashKey(chart)).toEqual(['L1, L5', 'L2, L6', 'L3, L7', 'L4, L8']);
  const groups = await readoutGroups(chart);
  expect(groups.map((g) => g.length)).toEqual([8, 8]);
  // Dense: the values without their unit (the title gives it).
  for (const v of groups.flat()) expect(v.text).toMatch(/^\d+$/);
  // Hovering shows that step's values; the step (its room kept when not hovering) goes beside the key,
  // so the plot does not move.
  const plot = chart.locator('.plot');
  const before = (await plot.boundingBox())!;
  await page.mouse.move(before.x + before.width * 0.5, before.y + before.height / 2);
  await expect(chart.locator('.at')).toHaveText(/^step \d/);
  expect((await plot.boundingBox())!.y).toBe(before.y);
  expect((await readoutGroups(chart)).map((g) => g.length)).toEqual([8, 8]);
  await page.mouse.move(0, 0);
  await snapElement(chart, testInfo, 'dead-chart-deep');

  // One hidden layer: a single series per lane, named after the lane, and no dash key.
  const file = testInfo.outputPath('one-layer.leaky.json');
  writeFileSync(file, JSON.stringify(experimentFile({ hidden: [16] }, [['ReLU', { kind: 'relu' }], ['Leaky ReLU', { kind: 'leaky_relu', alpha: 0.01 }]], 0.3)));
  await page.getByTestId('open-experiment-input').setInputFiles(file);
  await expect(page.getByTestId('file-status')).toContainText('Opened one-layer.leaky.json');
  await step100(page);
  await expect.poll(() => seriesLabels(chart)).toEqual(['ReLU', 'Leaky ReLU']);
  await expect(chart.locator('.key')).toHaveCount(0);
  expect((await readoutGroups(chart)).map((g) => g.length)).toEqual([1, 1]);
  // The loss chart still has both losses per lane.
  expect(await seriesLabels(page.getByTestId('chart-loss'))).toEqual(['ReLU train', 'ReLU test', 'Leaky ReLU train', 'Leaky ReLU test']);
  await snap(page, testInfo, 'charts-one-layer');
  expect(errors).toEqual([]);
});

test('the dormant and dead_ratio charts follow the lanes; ReDo turned on in a lane is a recorded mark, then recycles at its K', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  await step100(page);
  const dormant = page.getByTestId('chart-dormant');
  await expect(dormant.locator('figcaption .title')).toHaveText('Dormant neurons per layer (%; score <= tau)');
  expect(await seriesLabels(dormant)).toEqual(['ReLU L1', 'ReLU L2', 'Leaky ReLU L1', 'Leaky ReLU L2']);
  const groups = await readoutGroups(dormant);
  for (let lane = 0; lane < 2; lane++) {
    for (let layer = 1; layer <= 2; layer++) {
      const pct = await readValue(page, `dormant-layer-${lane}-${layer}`);
      expect(groups[lane]![layer - 1]!.text).toBe(`${Math.round(pct)}%`);
    }
  }
  const zero = page.getByTestId('chart-zero');
  await expect(zero.locator('figcaption .title')).toHaveText("Outputs exactly 0 (%; the article's dead_ratio)");
  // Under Leaky ReLU an output is exactly 0 only where z is exactly 0: the article's dead_ratio is about 0.
  const zeros = await readoutGroups(zero);
  expect(Number(zeros[1]![0]!.text.replace('%', ''))).toBeLessThanOrEqual(1);
  // A bad K is refused in place, naming it; a good one is applied as a recorded change (a chart mark).
  await page.getByTestId('redo-on-0').check();
  await page.getByTestId('redo-every-0').fill('0');
  await page.getByTestId('redo-every-0').press('Enter');
  await expect(page.getByTestId('redo-hint-0')).toContainText('K must be at least 1 step; not applied.');
  await page.getByTestId('redo-every-0').fill('50');
  await page.getByTestId('redo-tau-0').fill('0.5');
  await page.getByTestId('redo-tau-0').press('Enter');
  await expect(page.getByTestId('redo-hint-0')).toContainText('Recycles neurons with score ≤ τ every K steps.');
  await expect(page.getByTestId('chart-loss')).toHaveAttribute('data-marks', '1');
  // tau 0.5 recycles some neuron at step 150 and 200: more marks.
  await step100(page);
  await expect.poll(async () => Number(await page.getByTestId('chart-loss').getAttribute('data-marks'))).toBeGreaterThan(1);
  await snapElement(dormant, testInfo, 'dormant-chart');
  expect(errors).toEqual([]);
});
