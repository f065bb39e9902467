import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { collectErrors, download, readInt, step100 } from './helpers';

const format = (n: number): string => new Intl.NumberFormat('en-US').format(n);

/** Points and marks a chart draws (its data attributes). */
async function chartCounts(page: Page, testId: string): Promise<{ points: number; marks: number }> {
  const chart = page.getByTestId(testId);
  return { points: Number(await chart.getAttribute('data-points')), marks: Number(await chart.getAttribute('data-marks')) };
}

test('a saved experiment reopens with the same charts and metrics CSV at once: the history travels in the file', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  for (let i = 0; i < 20; i++) await step100(page);
  // The fix, mid-run: lane 0 from ReLU to Leaky ReLU (a mark on the charts), then more training.
  await page.getByTestId('activation-0').selectOption('leaky_relu');
  await expect(page.getByTestId('lane-0').locator('h2')).toContainText('Leaky ReLU');
  for (let i = 0; i < 5; i++) await step100(page);
  const step = await readInt(page, 'step-0');
  expect(step).toBe(2500);
  // The engine records every probe (10 steps): the charts draw exactly its points.
  await expect(page.getByTestId('chart-loss')).toHaveAttribute('data-points', String(step / 10 + 1));
  const before = await chartCounts(page, 'chart-loss');
  expect(before.marks).toBe(1);
  const csvBefore = readFileSync((await download(page, 'export-csv', 'before.csv')).path, 'utf8');
  expect(csvBefore.trim().split('\n')).toHaveLength(1 + 2 * before.points);

  const saved = await download(page, 'save-experiment', 'with-history.leaky.json');
  const file = JSON.parse(readFileSync(saved.path, 'utf8')) as { steps: number; history?: { steps: number[] }; states?: unknown[]; weights?: unknown };
  expect(file.steps).toBe(step);
  expect(file.history?.steps).toHaveLength(before.points);
  expect(file.states?.length ?? 0).toBeGreaterThan(0);
  expect(file.weights).toBeDefined();

  // A fresh page: nothing of the run is left but the file.
  await page.reload();
  await expect(page.getByTestId('step-0')).toHaveText('0');
  await expect(page.getByTestId('chart-loss')).toHaveAttribute('data-points', '1');
  await page.getByTestId('open-experiment-input').setInputFiles(saved.path);
  await expect(page.getByTestId('file-status')).toContainText(`Opened with-history.leaky.json at step ${format(step)}`);
  await expect(page.getByTestId('step-0')).toHaveText(format(step));
  await expect(page.getByTestId('activation-0')).toHaveValue('leaky_relu');
  expect(await chartCounts(page, 'chart-loss')).toEqual(before);
  expect(await chartCounts(page, 'chart-dead')).toEqual(before);
  const csvAfter = readFileSync((await download(page, 'export-csv', 'after.csv')).path, 'utf8');
  expect(csvAfter).toBe(csvBefore);

  // It trains on from there, recording on.
  await step100(page);
  await expect(page.getByTestId('chart-loss')).toHaveAttribute('data-points', String(before.points + 10));
  expect(errors).toEqual([]);
});

test('verify by replay: the engine replays from step 0 while training goes on, and says every lane agrees', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  for (let i = 0; i < 5; i++) await step100(page);
  await page.getByTestId('activation-1').selectOption('prelu');
  await expect(page.getByTestId('lane-1').locator('h2')).toContainText('PReLU');
  for (let i = 0; i < 5; i++) await step100(page);
  await page.getByTestId('verify-replay').click();
  // The engine answers other commands meanwhile.
  await step100(page);
  const status = page.getByTestId('verify-status');
  await expect(status).toHaveAttribute('data-state', 'same', { timeout: 60_000 });
  await expect(status).toHaveText('Verified: replaying from step 0 to step 1,000 gives the same weights in every lane.');
  await expect(page.getByTestId('verify-replay')).toBeEnabled();
  expect(errors).toEqual([]);
});
