// Run logs of a real PyTorch training (issue 16, item 4): the log leaky_lab_monitor.py wrote for
// scripts/fixtures/make_run_log_fixture.py (tests/fixtures/run-logs) opens into its own view with charts
// and the diagnosis; a malformed log is read up to its bad line, which is named.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { chroma, collectErrors, download, snap } from './helpers';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/run-logs/${name}`, import.meta.url));

/** Pixels of a chart's plot in a saturated colour (its lines; the background, grid and text are grey). */
async function colouredPixels(page: Page, testid: string): Promise<number> {
  const png = PNG.sync.read(await page.getByTestId(testid).locator('canvas').first().screenshot());
  let n = 0;
  for (let i = 0; i < png.width * png.height; i++) if (chroma({ r: png.data[4 * i]!, g: png.data[4 * i + 1]!, b: png.data[4 * i + 2]! }) >= 60) n++;
  return n;
}

test('a run log written by the monitor in a real PyTorch run opens with its charts and diagnosis', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('open-run-log')).toBeVisible();
  await page.getByTestId('open-run-log-input').setInputFiles(fixture('spiral-relu.jsonl'));

  const view = page.getByTestId('run-log-view');
  await expect(view).toBeVisible();
  await expect(view.locator('h2')).toHaveText('Run log: spiral-relu.jsonl');
  await expect(page.getByTestId('run-log-meta')).toContainText('Sequential · PyTorch 1.13');
  await expect(page.getByTestId('run-log-meta')).toContainText('a record every 50 steps · τ = 0.025 · 60 records, steps 0 to 2,950');
  await expect(page.getByTestId('run-log-problem')).toHaveCount(0);
  await expect(page.getByTestId('view-run-log')).toHaveAttribute('aria-selected', 'true');

  // The diagnosis is core's, in words: layer 2 (ReLU) dead, the PReLU layer's slopes; never "dead" for PReLU.
  const diagnosis = page.getByTestId('run-log-diagnosis');
  await expect(diagnosis.locator('li[data-kind="dead"]')).toHaveCount(1);
  await expect(diagnosis.locator('li[data-kind="dead"]')).toContainText(/^layer 2 \(3, ReLU\): \d+(\.\d)?% dead at step 2,950, above 10% since step [\d,]+ under ReLU\. .*consider Leaky ReLU or PReLU/);
  await expect(diagnosis.locator('li[data-kind="alpha"]')).toContainText('layer 3 (5, PReLU(32)): learned slope α mean 0.25 at step 0');
  const rows = page.getByTestId('run-log-table').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(2).locator('td').nth(3)).toHaveText('n/a');

  // Every chart drawn: 60 record points, and its lines on the canvas.
  for (const id of ['run-log-chart-loss', 'run-log-chart-dead', 'run-log-chart-inactive', 'run-log-chart-dormant', 'run-log-chart-zeros', 'run-log-chart-alpha']) {
    await expect(page.getByTestId(id)).toHaveAttribute('data-points', '60');
    await expect.poll(() => colouredPixels(page, id), { message: `${id} draws its lines` }).toBeGreaterThan(150);
  }
  await expect(page.getByTestId('run-log-chart-dead')).toHaveAttribute('data-series', JSON.stringify(['L1 1', 'L2 3']));
  await snap(page, testInfo, 'run-log');

  // The monitor itself, to add to one's own training loop.
  const monitor = await download(page, 'get-monitor', 'leaky_lab_monitor.py');
  expect(monitor.name).toBe('leaky_lab_monitor.py');
  expect(readFileSync(monitor.path, 'utf8')).toBe(readFileSync(fileURLToPath(new URL('../../python/leaky_lab_monitor.py', import.meta.url)), 'utf8'));

  // Back to the explorer, whose session was never touched.
  await page.getByTestId('run-log-close').click();
  await expect(view).toHaveCount(0);
  await expect(page.getByTestId('view-explorer')).toHaveAttribute('aria-selected', 'true');
  expect(errors).toEqual([]);
});

test('a malformed run log is read up to the bad line, which is named; a file that is not a run log is refused', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await page.getByTestId('open-run-log-input').setInputFiles(fixture('spiral-relu-malformed.jsonl'));
  const problem = page.getByTestId('run-log-problem');
  await expect(problem).toHaveAttribute('data-line', '22');
  await expect(problem).toContainText(/^spiral-relu-malformed\.jsonl line 22: not valid JSON \(.+\)\. Read up to line 21 \(20 records\)\.$/);
  await expect(page.getByTestId('run-log-meta')).toContainText('20 records, steps 0 to 950');
  await expect(page.getByTestId('run-log-chart-dead')).toHaveAttribute('data-points', '20');
  await snap(page, testInfo, 'run-log-malformed');
  // The window is the app: in a small window the view scrolls inside itself, never the page.
  await page.setViewportSize({ width: 800, height: 600 });
  await expect(page.getByTestId('run-log-chart-alpha')).toBeAttached();
  expect(await page.evaluate(() => document.scrollingElement!.scrollHeight <= window.innerHeight)).toBe(true);
  expect(await page.getByTestId('run-log-view').evaluate((e) => e.scrollHeight > e.clientHeight && getComputedStyle(e).overflowY === 'auto')).toBe(true);

  await page.getByTestId('open-run-log-input').setInputFiles({ name: 'notes.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from('{"hello": "world"}\n') });
  await expect(page.getByTestId('run-log-error')).toHaveText('Could not open notes.jsonl: notes.jsonl line 1: not a Leaky Lab run log (its header has no "format": "leaky-lab-run-log"). Run logs are written by leaky_lab_monitor.py.');
  await expect(page.getByTestId('run-log-diagnosis')).toHaveCount(0);
  expect(errors).toEqual([]);
});
