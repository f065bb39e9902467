// The Lab in the browser (issue 13, item 2 and "Done means"): build a small sweep from the session, run it
// on one Web Worker per core, cancel it midway (finished runs kept), resume to the end (only the missing
// runs), read the plots and the verdict, export the CSVs and a plot, save and reopen the sweep (a bad
// file is refused by name and changes nothing), and open one run as a session in the explorer.
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { collectErrors, download } from './helpers';

/** Sweep workers the page made and ended, counted at the Worker constructor (addInitScript below). */
interface SweepWorkers {
  readonly started: number;
  readonly ended: number;
  readonly cores: number;
}

async function watchSweepWorkers(page: Page): Promise<() => Promise<SweepWorkers>> {
  await page.addInitScript(() => {
    const counts = { started: 0, ended: 0, cores: navigator.hardwareConcurrency };
    Object.defineProperty(window, '__sweepWorkers', { value: counts });
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        if (options?.name !== 'leaky-lab-sweep') return;
        counts.started++;
        const terminate = this.terminate.bind(this);
        this.terminate = () => {
          counts.ended++;
          terminate();
        };
      }
    };
  });
  return () => page.evaluate(() => ({ ...(window as unknown as { __sweepWorkers: SweepWorkers }).__sweepWorkers }));
}

/** Runs finished, as the progress section says. */
async function done(page: Page): Promise<number> {
  return Number(await page.getByTestId('lab-progress').getAttribute('data-done'));
}

test('build, run, cancel, resume a sweep; plots, verdict, CSV; save and reopen; open a run in the explorer', async ({ page }) => {
  const errors = collectErrors(page);
  const workers = await watchSweepWorkers(page);
  await page.goto('/');
  await expect(page.getByTestId('lane-0')).toBeVisible();

  // The explorer's session is kept while the Lab is open.
  await page.getByTestId('step-100').click();
  await expect(page.getByTestId('session-step')).toHaveText('100');
  await page.getByTestId('view-lab').click();
  await expect(page.getByTestId('lab-view')).toBeVisible();

  // This session's sweep, cut down: ReLU and Leaky ReLU 0.01, two rates, four seeds, long enough runs to cancel midway.
  await page.getByTestId('lab-from-session').click();
  await expect(page.getByTestId('lab-run-count')).toHaveAttribute('data-value', '160');
  await page.getByTestId('lab-act-2').uncheck();
  await page.getByTestId('lab-act-3').uncheck();
  await page.getByTestId('lab-lr').fill('0.03, 0.3');
  // A bad value is refused in place, naming the field.
  await page.getByTestId('lab-steps').fill('12345');
  await expect(page.getByTestId('lab-problem')).toHaveAttribute('data-field', 'steps');
  await expect(page.getByTestId('lab-problem')).toContainText('multiple of 10');
  await expect(page.getByTestId('lab-run')).toBeDisabled();
  await page.getByTestId('lab-steps').fill('20000');
  await page.getByTestId('lab-seeds').fill('4');
  await expect(page.getByTestId('lab-run-count')).toHaveAttribute('data-value', '16');

  // Run, and cancel from the page itself as soon as two runs are done (the test process would look too late).
  const cancelled = page.waitForFunction(
    () => {
      const p = document.querySelector('[data-testid="lab-progress"]');
      if (Number(p?.getAttribute('data-done')) < 2) return false;
      document.querySelector<HTMLButtonElement>('[data-testid="lab-cancel"]')?.click();
      return true;
    },
    null,
    { polling: 'raf', timeout: 120_000 },
  );
  await page.getByTestId('lab-run').click();
  await expect(page.getByTestId('lab-progress')).toHaveAttribute('data-phase', /running|cancelled/);
  await cancelled;
  await expect(page.getByTestId('lab-progress')).toHaveAttribute('data-phase', 'cancelled');
  const kept = await done(page);
  expect(kept).toBeGreaterThanOrEqual(2);
  expect(kept).toBeLessThan(16);
  const first = await workers();
  // One worker per core (at least one), all ended by the cancel.
  expect(first.started).toBe(Math.max(1, Math.min(first.cores, 16)));
  expect(first.ended).toBe(first.started);
  await expect(page.getByTestId('lab-rate')).toHaveText(/\d/);
  // The finished runs are already summarized.
  await expect(page.getByTestId('lab-plot-score')).toBeVisible();

  // The explorer is as it was, and so is the Lab when coming back.
  await page.getByTestId('view-explorer').click();
  await expect(page.getByTestId('session-step')).toHaveText('100');
  await page.getByTestId('view-lab').click();
  expect(await done(page)).toBe(kept);

  // Resume, pause (the runs on the workers finish, no more start), resume again: to the end.
  const paused = page.waitForFunction(
    (after) => {
      if (Number(document.querySelector('[data-testid="lab-progress"]')?.getAttribute('data-done')) <= after) return false;
      document.querySelector<HTMLButtonElement>('[data-testid="lab-pause"]')?.click();
      return true;
    },
    kept,
    { polling: 'raf', timeout: 120_000 },
  );
  await page.getByTestId('lab-resume').click();
  await paused;
  await expect(page.getByTestId('lab-progress')).toHaveAttribute('data-phase', /paused|done/, { timeout: 60_000 });
  if ((await page.getByTestId('lab-progress').getAttribute('data-phase')) === 'paused') {
    const atPause = await done(page);
    await page.waitForTimeout(1500);
    expect(await done(page)).toBe(atPause);
    await page.getByTestId('lab-resume').click();
  }
  await expect(page.getByTestId('lab-progress')).toHaveAttribute('data-phase', 'done', { timeout: 150_000 });
  expect(await done(page)).toBe(16);
  await expect(page.getByTestId('lab-progress')).toContainText('16 / 16 runs');

  // Plots drawn from the summaries, and the verdict in words, over every run (no longer provisional).
  await expect(page.getByTestId('lab-provisional')).toHaveCount(0);
  for (const id of ['score', 'heat-0', 'dead-0', 'dead-1']) await expect(page.getByTestId(`lab-plot-${id}`).locator('img')).toBeVisible();
  const img = page.getByTestId('lab-plot-score').locator('img');
  expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
  await expect(page.getByTestId('lab-verdict-sentence')).toHaveCount(1);
  await expect(page.getByTestId('lab-verdict-sentence')).toContainText(/On this data.*ReLU.*Leaky ReLU α=0\.01.*\(4 paired seeds, 95% interval\)/);

  // Exports: the results CSV has one row per run, the summary one per cell, the plot as SVG and PNG.
  const results = readFileSync((await download(page, 'lab-export-results', 'results.csv')).path, 'utf8').trim().split('\n');
  expect(results[0]).toMatch(/^run,cell,seed,activation,lr,steps,final_test_score/);
  expect(results).toHaveLength(17);
  const summary = readFileSync((await download(page, 'lab-export-summary', 'summary.csv')).path, 'utf8').trim().split('\n');
  expect(summary).toHaveLength(5);
  const svg = readFileSync((await download(page, 'lab-plot-score-svg', 'score.svg')).path, 'utf8');
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(svg).toContain('Leaky ReLU α=0.01');
  const png = readFileSync((await download(page, 'lab-plot-score-png', 'score.png')).path);
  expect([...png.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  expect(png.length).toBeGreaterThan(5000);

  // Save the sweep with its results; a bad file is refused by name and the sweep stays; the saved one reopens complete.
  const saved = await download(page, 'lab-save', 'sweep.sweep.json');
  expect(saved.name).toMatch(/\.sweep\.json$/);
  const file = JSON.parse(readFileSync(saved.path, 'utf8')) as { format: string; results: unknown[] };
  expect(file.format).toBe('leaky-lab-sweep');
  expect(file.results).toHaveLength(16);
  const bad = { ...file, axes: [{ axis: 'momentum', values: [0.9] }] };
  await page.getByTestId('lab-open-input').setInputFiles({ name: 'bad.sweep.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await expect(page.getByTestId('lab-error')).toContainText('bad.sweep.json: field "axes.0.axis" is "momentum", which is not an axis');
  expect(await done(page)).toBe(16);
  await expect(page.getByTestId('lab-verdict-sentence')).toHaveCount(1);
  await page.getByTestId('lab-error').getByRole('button', { name: 'Dismiss' }).click();
  await page.getByTestId('lab-open-input').setInputFiles(saved.path);
  await expect(page.getByTestId('lab-status')).toContainText('Opened sweep.sweep.json: 16 of 16 runs finished');
  await expect(page.getByTestId('lab-progress')).toHaveAttribute('data-phase', 'done');

  // Open one run (Leaky ReLU 0.01 at lr 0.3, seed 3) as a normal session in the explorer.
  await page.getByTestId('lab-cell').selectOption({ label: 'Leaky ReLU α=0.01 · 0.3' });
  const row = page.getByTestId('lab-run-14');
  await expect(row).toHaveAttribute('data-state', 'done');
  await expect(row.locator('td').first()).toHaveText('3');
  await page.getByTestId('lab-open-run-14').click();
  await expect(page.getByTestId('lane-0')).toBeVisible();
  await expect(page.getByTestId('file-status')).toContainText('Opened run 14 of the Lab\'s sweep (seed 3, Leaky ReLU α=0.01, 0.3)');
  await expect(page.getByTestId('lane-0').locator('h2')).toContainText('Leaky ReLU');
  await expect(page.getByTestId('lane-1')).toHaveCount(0);
  await expect(page.getByTestId('session-step')).toHaveText('0');
  await expect(page.getByText('16 · 3')).toBeVisible();
  await page.getByTestId('step-100').click();
  await expect(page.getByTestId('session-step')).toHaveText('100');
  expect(errors).toEqual([]);
});

test('the born-dead study: one click, counted on the workers, its table beside the single-point value, CSV', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('lane-0')).toBeVisible();
  await page.getByTestId('view-lab').click();
  await page.getByTestId('lab-study-born-dead').click();
  await expect(page.getByTestId('born-dead')).toContainText('Lu et al. 2019');
  await page.getByTestId('born-widths').fill('2, 0');
  await expect(page.getByTestId('born-problem')).toContainText('widths: each width must be a whole number from 1 to 4096, not 0');
  await page.getByTestId('born-widths').fill('2, 10');
  await page.getByTestId('born-nets').fill('3000');
  await page.getByTestId('born-run').click();
  await expect(page.getByTestId('born-dead')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('born-progress')).toContainText('6,000 / 6,000 nets');
  // Narrow nets are born dead far more often (docs/lab.md: 88% at width 2, 0.1% at width 10, depth 9).
  const narrow = Number(await page.getByTestId('born-row-2').getAttribute('data-value'));
  const wide = Number(await page.getByTestId('born-row-10').getAttribute('data-value'));
  expect(narrow).toBeGreaterThan(0.8);
  expect(narrow).toBeLessThan(0.95);
  expect(wide).toBeLessThan(0.01);
  await expect(page.getByTestId('born-row-2')).toContainText('92.49');
  await expect(page.getByTestId('lab-plot-born-dead').locator('img')).toBeVisible();
  const csv = readFileSync((await download(page, 'born-export', 'born.csv')).path, 'utf8').trim().split('\n');
  expect(csv[0]).toBe('width,depth,nets,born_dead,ci_low,ci_high');
  expect(csv).toHaveLength(1 + 9 * 2);
  // Leaky ReLU is never born dead: counted, and said.
  await page.getByTestId('born-activation').selectOption('leaky_relu');
  await page.getByTestId('born-run').click();
  await expect(page.getByTestId('born-dead')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('born-never')).toContainText('never born dead');
  expect(Number(await page.getByTestId('born-row-2').getAttribute('data-value'))).toBe(0);
  expect(errors).toEqual([]);
});

test('a sweep worker that crashes on a run loses only that run: listed as lost, the sweep goes on to the end', async ({ page }) => {
  const errors = collectErrors(page);
  // The crash happens where a real one shows: an error event on the Worker object (then the worker is gone).
  await page.addInitScript(() => {
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        if (options?.name !== 'leaky-lab-sweep') return;
        const post = this.postMessage.bind(this) as (m: unknown) => void;
        this.postMessage = (m: unknown) => {
          const job = m as { run?: { index: number }; runs?: { index: number }[] };
          const indices = job.run !== undefined ? [job.run.index] : (job.runs ?? []).map((r) => r.index);
          if (!indices.includes(1)) return post(m);
          this.terminate();
          setTimeout(() => this.dispatchEvent(new ErrorEvent('error', { message: 'the test crashed this worker' })), 10);
        };
      }
    };
  });
  await page.goto('/');
  await expect(page.getByTestId('lane-0')).toBeVisible();
  await page.getByTestId('view-lab').click();
  await page.getByTestId('lab-from-session').click();
  for (const i of [2, 3]) await page.getByTestId(`lab-act-${i}`).uncheck();
  await page.getByTestId('lab-lr').fill('0.1');
  await page.getByTestId('lab-seeds').fill('3');
  await page.getByTestId('lab-steps').fill('200');
  await page.getByTestId('lab-run').click();
  await expect(page.getByTestId('lab-progress')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  expect(await done(page)).toBe(5);
  await expect(page.getByTestId('lab-lost-count')).toHaveText('1 lost');
  await page.getByTestId('lab-lost').locator('summary').click();
  await expect(page.getByTestId('lab-lost')).toContainText('run 1 (seed 2, ReLU, 0.1): its worker crashed 2 times (the test crashed this worker)');
  await expect(page.getByTestId('lab-run-1')).toHaveAttribute('data-state', 'lost');
  await expect(page.getByTestId('lab-run-0')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('lab-verdict-sentence')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('a sweep of the user\'s own file: its rows go to the workers, results come back, a run opens on the file', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('lane-0')).toBeVisible();
  // A 2-D file whose class is the sign of x1*x2 (deterministic rows, no random numbers in tests).
  const lines = ['x1,x2,quadrant'];
  for (let i = 0; i < 240; i++) {
    const a = ((i * 0.618034) % 1) * 2 - 1;
    const b = ((i * 0.41421356 + 0.3) % 1) * 2 - 1;
    lines.push(`${a.toFixed(4)},${b.toFixed(4)},${a * b > 0 ? 'same' : 'opposite'}`);
  }
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('ControlOrMeta+Shift+O');
  await (await chooser).setFiles({ name: 'quadrants.csv', mimeType: 'text/csv', buffer: Buffer.from(`${lines.join('\n')}\n`) });
  await page.getByTestId('dataset-target').selectOption('quadrant');
  await page.getByTestId('dataset-train').click();
  await expect(page.getByTestId('data-panel').locator('.name')).toHaveText('quadrants.csv · 192 train · 48 test');

  await page.getByTestId('view-lab').click();
  await page.getByTestId('lab-from-session').click();
  await expect(page.getByTestId('lab-error')).toHaveCount(0);
  for (const i of [2, 3]) await page.getByTestId(`lab-act-${i}`).uncheck();
  await page.getByTestId('lab-lr').fill('0.05');
  await page.getByTestId('lab-seeds').fill('2');
  await page.getByTestId('lab-steps').fill('500');
  await page.getByTestId('lab-run').click();
  await expect(page.getByTestId('lab-progress')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  expect(await done(page)).toBe(4);
  await expect(page.getByTestId('lab-lost-count')).toHaveCount(0);
  // Trained on the file: the quadrant classes are learnable, far above the 50% of a constant guess.
  const results = readFileSync((await download(page, 'lab-export-results', 'results.csv')).path, 'utf8').trim().split('\n');
  const header = results[0]!.split(',');
  const scores = results.slice(1).map((r) => Number(r.split(',')[header.indexOf('final_test_score')]));
  expect(scores).toHaveLength(4);
  expect(Math.max(...scores)).toBeGreaterThan(0.7);

  await page.getByTestId('lab-cell').selectOption({ label: 'Leaky ReLU α=0.01 · 0.05' });
  await page.getByTestId('lab-open-run-3').click();
  await expect(page.getByTestId('file-status')).toContainText('Opened run 3 of the Lab\'s sweep (seed 2, Leaky ReLU α=0.01, 0.05)');
  await expect(page.getByTestId('data-panel').locator('.name')).toHaveText('quadrants.csv · 192 train · 48 test');
  expect(errors).toEqual([]);
});

test('starting a sweep pauses the explorer, which keeps its session, so the sweep has every core', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('lane-0')).toBeVisible();
  await page.getByTestId('play-pause').click();
  await expect(page.getByTestId('play-pause')).toContainText('Pause');
  await page.getByTestId('view-lab').click();
  await page.getByTestId('lab-from-session').click();
  await page.getByTestId('lab-run').click();
  await page.getByTestId('lab-cancel').click();
  await page.getByTestId('view-explorer').click();
  await expect(page.getByTestId('play-pause')).toContainText('Play');
  const step = await page.getByTestId('session-step').textContent();
  expect(Number(step?.replace(/,/g, ''))).toBeGreaterThan(0);
  await page.waitForTimeout(500);
  await expect(page.getByTestId('session-step')).toHaveText(step!);
  expect(errors).toEqual([]);
});
