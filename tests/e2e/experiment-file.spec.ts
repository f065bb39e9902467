import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { collectErrors, download, readInt, step100 } from './helpers';

const format = (n: number): string => new Intl.NumberFormat('en-US').format(n);

test('save an experiment, reset, open it again: same step count and bit-identical weights', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await step100(page);
  await step100(page);
  // A hot-swap mid-run, so the file has an event to replay.
  await page.getByTestId('activation-1').selectOption('prelu');
  await expect(page.getByTestId('lane-1').locator('h2')).toContainText('PReLU');
  await step100(page);
  const step = await readInt(page, 'step-0');
  const digests = [await page.getByTestId('digest-0').textContent(), await page.getByTestId('digest-1').textContent()];

  const saved = await download(page, 'save-experiment', 'saved-run.leaky.json');
  expect(saved.name).toBe('leaky-lab-experiment.leaky.json');
  const experiment = JSON.parse(readFileSync(saved.path, 'utf8')) as { format: string; steps: number; events: { type: string; lane: number }[] };
  expect(experiment.format).toBe('leaky-lab-experiment');
  expect(experiment.steps).toBe(step);
  expect(experiment.events).toContainEqual(expect.objectContaining({ type: 'activation', lane: 1 }));
  await expect(page.getByTestId('file-status')).toContainText('Saved leaky-lab-experiment.leaky.json');

  await page.getByTestId('reset').click();
  await expect(page.getByTestId('step-0')).toHaveText('0');
  await expect(page.getByTestId('digest-0')).not.toHaveText(digests[0]!);

  await page.getByTestId('open-experiment-input').setInputFiles(saved.path);
  await expect(page.getByTestId('file-status')).toContainText(`Opened saved-run.leaky.json at step ${format(step)}`);
  await expect(page.getByTestId('step-0')).toHaveText(format(step));
  await expect(page.getByTestId('digest-0')).toHaveText(digests[0]!);
  await expect(page.getByTestId('digest-1')).toHaveText(digests[1]!);
  await expect(page.getByTestId('activation-1')).toHaveValue('prelu');
  // The opened session trains on from there.
  await step100(page);
  expect(errors).toEqual([]);
});

test('opening a corrupt file shows an error naming it and leaves the running session alone', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await step100(page);
  const step = await readInt(page, 'step-0');
  const digest = await page.getByTestId('digest-0').textContent();
  const input = page.getByTestId('open-experiment-input');

  await input.setInputFiles({ name: 'broken-run.leaky.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "leaky-lab-experiment", "spec": {') });
  const alert = page.getByRole('alert').filter({ hasText: 'broken-run.leaky.json' });
  await expect(alert).toContainText('not valid JSON');
  await expect(page.getByTestId('step-0')).toHaveText(format(step));
  await expect(page.getByTestId('digest-0')).toHaveText(digest!);
  await alert.getByRole('button', { name: 'Dismiss' }).click();

  // Valid JSON with a bad field: the error names the file and the field.
  const bad = { format: 'leaky-lab-experiment', version: 1, spec: { seed: 7 }, steps: 10, events: [] };
  await input.setInputFiles({ name: 'bad-field.leaky.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await expect(page.getByRole('alert').filter({ hasText: 'bad-field.leaky.json' })).toContainText('spec');

  // The session is still there and still trains.
  await expect(page.getByTestId('step-0')).toHaveText(format(step));
  await step100(page);
  await page.getByTestId('play-pause').click();
  await expect(page.getByTestId('play-pause')).toHaveText(/Pause/);
  await expect.poll(() => readInt(page, 'step-0')).toBeGreaterThan(step + 100);
  await page.getByTestId('play-pause').click();
  expect(errors).toEqual([]);
});

test('exports: the metrics history as CSV and a lane graph as PNG', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  for (let i = 0; i < 3; i++) await step100(page);

  const csv = await download(page, 'export-csv', 'metrics.csv');
  expect(csv.name).toBe('leaky-lab-metrics.csv');
  const lines = readFileSync(csv.path, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('step,lane,loss,loss_smoothed,test_loss,train_accuracy,test_accuracy,dead_percent,inactive_percent,deaths,revivals,dormant_percent,zero_percent,dead_pct_layer1,dead_pct_layer2,inactive_pct_layer1,inactive_pct_layer2,slope_layer1,slope_layer2,dormant_pct_layer1,dormant_pct_layer2,zero_pct_layer1,zero_pct_layer2');
  expect(lines).toContainEqual(expect.stringMatching(/^300,ReLU,[0-9.e-]+,/));
  expect(lines).toContainEqual(expect.stringMatching(/^300,Leaky ReLU,/));

  const png = await download(page, 'export-png-0', 'graph.png');
  expect(png.name).toBe('leaky-lab-graph-relu-step-300.png');
  expect(readFileSync(png.path).subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(errors).toEqual([]);
});
