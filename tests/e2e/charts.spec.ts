import { expect, type Page, test } from '@playwright/test';
import { collectErrors, laneStepValue, snap, snapElement } from './helpers';

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
