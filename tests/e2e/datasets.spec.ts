import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { collectErrors, hueShares, readInt, readValue, snap, step100 } from './helpers';

const root = resolve(import.meta.dirname, '../..');
const WINE = resolve(root, 'data/bundled/wine.csv');
const MALFORMED = resolve(root, 'tests/fixtures/datasets/malformed');

/** The running session's identity: what must not change while a file is only being looked at. */
async function sessionState(page: Page): Promise<{ step: number; digest: string | null; data: string | null }> {
  return {
    step: await readInt(page, 'step-0'),
    digest: await page.getByTestId('digest-0').textContent(),
    data: await page.getByTestId('data-panel').locator('.name').textContent(),
  };
}

/** A small 2-D classification table (quadrants: the XOR pattern), as CSV text. */
function quadrantsCsv(rows = 240): string {
  const lines = ['x1,x2,quadrant'];
  for (let i = 0; i < rows; i++) {
    // A deterministic spread over [-1, 1]^2 (golden-ratio sequence), no random numbers in tests.
    const a = ((i * 0.618034) % 1) * 2 - 1;
    const b = ((i * 0.41421356 + 0.3) % 1) * 2 - 1;
    lines.push(`${a.toFixed(4)},${b.toFixed(4)},${a * b > 0 ? 'same' : 'opposite'}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Dataset workers the page started and ended, counted at the Worker constructor (addInitScript below). */
interface WorkerCounts {
  started: number;
  ended: number;
}

/**
 * Counts the page's dataset workers where they are made: wraps the Worker constructor before the app
 * loads, counting those named "leaky-lab-dataset" and their terminate() calls; `blockEngine` makes the
 * engine's worker fail to start instead, so that the app runs without an engine (and without the chooser).
 */
async function watchWorkers(page: Page, blockEngine = false): Promise<() => Promise<WorkerCounts>> {
  await page.addInitScript((block) => {
    const counts: WorkerCounts = { started: 0, ended: 0 };
    Object.defineProperty(window, '__datasetWorkers', { value: counts });
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        if (block && options?.name === 'leaky-lab-engine') throw new Error('the test keeps the engine from starting');
        super(url, options);
        if (options?.name !== 'leaky-lab-dataset') return;
        counts.started++;
        const terminate = this.terminate.bind(this);
        this.terminate = () => {
          counts.ended++;
          terminate();
        };
      }
    };
  }, blockEngine);
  return () => page.evaluate(() => ({ ...(window as unknown as { __datasetWorkers: WorkerCounts }).__datasetWorkers }));
}

test('one dataset worker per preview: the target changed twice re-encodes in the same worker; closing ends it, the next file gets a new one', async ({ page }) => {
  const errors = collectErrors(page);
  const workers = await watchWorkers(page);
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  expect(await workers()).toEqual({ started: 0, ended: 0 });

  // Open file… clicks the app's file input.
  const choosing = page.waitForEvent('filechooser');
  await page.getByTestId('open-dataset').click();
  await (await choosing).setFiles(WINE);
  await expect(page.getByTestId('dataset-rows-kept')).toContainText('178 of 178 rows kept · 13 features (13 numeric)');
  expect(await workers()).toEqual({ started: 1, ended: 0 });

  await page.getByTestId('dataset-target').selectOption('magnesium');
  await expect(page.getByTestId('dataset-task')).toHaveValue('regression');
  await expect(page.getByTestId('dataset-report')).toContainText('predicts "magnesium" as a number');
  // The encoding comes from the worker for these options: cultivar is now a one-hot feature.
  await expect(page.getByTestId('dataset-rows-kept')).toContainText('15 features (12 numeric, "cultivar" one-hot as 3)');
  await page.getByTestId('dataset-target').selectOption('cultivar');
  await expect(page.getByTestId('balance-class_1')).toContainText('71 (40%)');
  // Other options too: the same worker, which kept the table.
  await page.getByTestId('dataset-missing').selectOption('mean');
  await page.getByTestId('dataset-onehot').fill('3');
  await expect(page.getByTestId('dataset-rows-kept')).toContainText('178 of 178 rows kept');
  await expect(page.getByTestId('dataset-train')).toBeEnabled();
  expect(await workers()).toEqual({ started: 1, ended: 0 });

  await page.getByTestId('dataset-close').click();
  await expect(page.getByTestId('dataset-dialog')).toBeHidden();
  expect(await workers()).toEqual({ started: 1, ended: 1 });

  // The next file (through the Open Dataset shortcut) is parsed in a new worker, and trains.
  const again = page.waitForEvent('filechooser');
  await page.keyboard.press('ControlOrMeta+Shift+O');
  await (await again).setFiles({ name: 'quadrants.csv', mimeType: 'text/csv', buffer: Buffer.from(quadrantsCsv()) });
  await expect(page.getByTestId('dataset-summary')).toContainText('240 rows, 3 columns');
  await page.getByTestId('dataset-target').selectOption('x1');
  await page.getByTestId('dataset-target').selectOption('quadrant');
  await expect(page.getByTestId('dataset-balance')).toContainText('opposite');
  expect(await workers()).toEqual({ started: 2, ended: 1 });
  await page.getByTestId('dataset-train').click();
  await expect(page.getByTestId('dataset-dialog')).toBeHidden();
  await expect(page.getByTestId('data-panel').locator('.name')).toHaveText('quadrants.csv · 192 train · 48 test');
  expect(await workers()).toEqual({ started: 2, ended: 2 });
  expect(errors).toEqual([]);
});

test('Open Dataset (its shortcut runs the menu command) works with no chooser on screen: here the engine never started', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  const workers = await watchWorkers(page, true);
  await page.goto('/');
  await expect(page.getByTestId('loading')).toHaveText('The engine is not running.');
  await expect(page.getByRole('alert')).toContainText('Could not start the training engine: the test keeps the engine from starting');
  await expect(page.getByTestId('dataset-chooser')).toHaveCount(0);

  const choosing = page.waitForEvent('filechooser');
  await page.keyboard.press('ControlOrMeta+Shift+O');
  await (await choosing).setFiles({ name: 'quadrants.csv', mimeType: 'text/csv', buffer: Buffer.from(quadrantsCsv()) });
  await expect(page.getByTestId('dataset-dialog').getByRole('heading')).toContainText('quadrants.csv');
  await expect(page.getByTestId('dataset-summary')).toContainText('240 rows, 3 columns');
  await expect(page.getByTestId('dataset-target')).toHaveValue('quadrant');
  await expect(page.getByTestId('dataset-balance')).toContainText('opposite');
  await snap(page, testInfo, 'open-dataset-without-engine');
  // Training needs the engine: said in place, and nothing else changes.
  await page.getByTestId('dataset-train').click();
  await expect(page.getByTestId('dataset-train-error')).toHaveText('Leaky Lab could not start on "quadrants.csv": The training engine is not running. The session that was open is unchanged.');
  await page.getByTestId('dataset-close').click();
  await expect(page.getByTestId('dataset-dialog')).toBeHidden();
  expect(await workers()).toEqual({ started: 1, ended: 1 });

  // A file dropped on the window opens too.
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, quadrantsCsv(40));
  await expect(page.getByTestId('dataset-summary')).toContainText('40 rows, 3 columns');
  expect(errors).toEqual([]);
});

test('a CSV through the file chooser: preview with column types and class balance, then the lanes train on it', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  // A gentler learning rate than the default 0.3 (at which wine's 13 inputs make the lanes diverge); the
  // new session keeps each lane's rate as it is now.
  for (const lane of [0, 1]) {
    await page.getByTestId(`lr-${lane}`).fill('0.05');
    await page.getByTestId(`lr-${lane}`).press('Enter');
  }
  await step100(page);
  const before = await sessionState(page);

  await page.getByTestId('open-dataset-input').setInputFiles(WINE);
  const dialog = page.getByTestId('dataset-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toContainText('wine.csv');
  await expect(page.getByTestId('dataset-summary')).toContainText('CSV (comma-separated), with a header row: 178 rows, 14 columns');
  // Column types and missing counts, the last column as the default target, the task inferred from it.
  await expect(page.getByTestId('column-type-alcohol')).toHaveText('number');
  await expect(page.getByTestId('column-type-cultivar')).toHaveText(/text.*\(3\)/);
  await expect(page.getByTestId('column-missing-proline')).toHaveText('0');
  await expect(page.getByTestId('dataset-table').locator('tbody tr')).not.toHaveCount(0);
  await expect(page.getByTestId('dataset-target')).toHaveValue('cultivar');
  await expect(page.getByTestId('dataset-task')).toHaveValue('classification');
  await expect(page.getByTestId('dataset-task').locator('option:checked')).toHaveText('classification (inferred)');
  // The encode report: every row kept, 13 numeric features, the class balance of UCI's wine.
  await expect(page.getByTestId('dataset-rows-kept')).toContainText('178 of 178 rows kept · 13 features (13 numeric)');
  await expect(page.getByTestId('balance-class_0')).toContainText('59 (33%)');
  await expect(page.getByTestId('balance-class_1')).toContainText('71 (40%)');
  await expect(page.getByTestId('balance-class_2')).toContainText('48 (27%)');
  await snap(page, testInfo, 'wine-preview');

  // Choosing another target is shown at once; choosing back restores the preview. Nothing reaches the session.
  // Magnesium (whole numbers, 53 different values) is inferred to be a regression target.
  await page.getByTestId('dataset-target').selectOption('magnesium');
  await expect(page.getByTestId('dataset-task')).toHaveValue('regression');
  await expect(page.getByTestId('dataset-task').locator('option:checked')).toHaveText('regression (inferred)');
  await expect(page.getByTestId('dataset-report')).toContainText('its score is R²');
  // Overridden: 53 classes, each shown with its count.
  await page.getByTestId('dataset-task').selectOption('classification');
  await expect(page.getByTestId('dataset-balance')).toContainText('Class balance of "magnesium"');
  await page.getByTestId('dataset-target').selectOption('cultivar');
  await expect(page.getByTestId('dataset-task')).toHaveValue('classification');
  await expect(page.getByTestId('balance-class_1')).toContainText('71 (40%)');
  expect(await sessionState(page)).toEqual(before);

  await page.getByTestId('dataset-train').click();
  await expect(dialog).toBeHidden();
  const panel = page.getByTestId('data-panel');
  await expect(panel.locator('.name')).toHaveText('wine.csv · 143 train · 35 test');
  // 13 inputs: a summary instead of a plot.
  await expect(page.getByTestId('data-summary')).toBeVisible();
  await expect(page.getByTestId('data-rows')).toHaveText('178 (143 train · 35 test)');
  await expect(page.getByTestId('data-features')).toContainText('13: alcohol, malic_acid, ash, …');
  await expect(page.getByTestId('data-classes')).toContainText('class_2');
  await expect(page.getByTestId('dataset-select')).toHaveValue('file');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  await expect(page.getByTestId('train-acc-label-0')).toHaveText('Train acc');
  await expect(page.getByTestId('lr-0')).toHaveValue('0.05');

  // The lanes train on it: steps rise and the accuracy is shown (well above the 40% of the largest class).
  for (let i = 0; i < 3; i++) await step100(page);
  expect(await readInt(page, 'step-0')).toBe(300);
  await expect(page.getByTestId('train-acc-1')).toHaveText(/^\d+\.\d%$/);
  expect(await readValue(page, 'train-acc-1')).toBeGreaterThan(0.6);
  await page.getByTestId('play-pause').click();
  await expect.poll(() => readInt(page, 'step-0')).toBeGreaterThan(600);
  await page.getByTestId('play-pause').click();
  await expect(page.getByTestId('play-pause')).toHaveText(/Play/);
  await snap(page, testInfo, 'wine-training');
  expect(errors).toEqual([]);
});

test('a malformed file shows its message naming the file and row, and the open session is untouched', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await step100(page);
  const before = await sessionState(page);
  const input = page.getByTestId('open-dataset-input');
  const dialog = page.getByTestId('dataset-dialog');

  await input.setInputFiles(resolve(MALFORMED, 'ragged.csv'));
  await expect(dialog).toBeVisible();
  const message = page.getByTestId('dataset-error');
  await expect(message).toContainText('"ragged.csv"');
  await expect(message).toContainText(/row \d+/);
  await expect(page.getByTestId('dataset-error-where')).toContainText(/row \d+/);
  await snap(page, testInfo, 'malformed-message');
  await page.getByTestId('dataset-close').click();
  await expect(dialog).toBeHidden();
  expect(await sessionState(page)).toEqual(before);

  // A binary file is refused for what it is.
  await input.setInputFiles(resolve(MALFORMED, 'binary.bin'));
  await expect(page.getByTestId('dataset-error')).toContainText('"binary.bin" is not a text table');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // A file that parses but cannot become a dataset: the preview says why and Train stays disabled.
  await input.setInputFiles(resolve(MALFORMED, 'single-class.csv'));
  await expect(page.getByTestId('dataset-encode-error')).toContainText('single class');
  await expect(page.getByTestId('dataset-train')).toBeDisabled();
  await page.getByTestId('dataset-close').click();

  expect(await sessionState(page)).toEqual(before);
  await step100(page);
  expect(await readInt(page, 'step-0')).toBe(before.step + 100);
  expect(errors).toEqual([]);
});

test('a big file shows its reading progress, and Cancel stops it with nothing changed', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  // About 60 MB: a second or so to parse here, long enough to see the progress bar and press Cancel.
  const dir = testInfo.outputPath('big');
  mkdirSync(dir, { recursive: true });
  const path = resolve(dir, 'big.csv');
  const row = (i: number) => `${(i % 1000) / 1000},${((i * 7) % 1000) / 1000},${i % 3 === 0 ? 'a' : 'b'}`;
  const lines = ['u,v,label'];
  for (let i = 0; i < 3_200_000; i++) lines.push(row(i));
  writeFileSync(path, `${lines.join('\n')}\n`);
  await page.goto('/');
  await step100(page);
  const before = await sessionState(page);

  await page.getByTestId('open-dataset-input').setInputFiles(path);
  await expect(page.getByTestId('dataset-progress')).toBeVisible();
  await snap(page, testInfo, 'reading-progress');
  await page.getByTestId('dataset-cancel').click();
  await expect(page.getByTestId('dataset-dialog')).toBeHidden();
  // The read was dropped: no preview turns up later.
  await page.waitForTimeout(2500);
  await expect(page.getByTestId('dataset-dialog')).toBeHidden();
  expect(await sessionState(page)).toEqual(before);
  expect(errors).toEqual([]);
});

test('the sine regression target: fields are checked in place, then R² and each lane\'s fitted curve', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  await page.getByTestId('dataset-select').selectOption('sine');
  const samples = page.getByTestId('dataset-samples');
  const apply = page.getByTestId('dataset-apply');
  // Typed values are checked in place; nothing is sent while one is wrong.
  for (const [text, hint] of [
    ['', 'Enter a number'],
    ['-5', 'Must not be negative'],
    ['1e9', 'At most 100,000'],
    ['lots', '"lots" is not a number'],
    ['12.5', 'Enter a whole number'],
    ['3', 'At least 8'],
  ] as const) {
    await samples.fill(text);
    await expect(page.getByTestId('dataset-samples-hint')).toHaveText(hint);
    await expect(samples).toHaveAttribute('aria-invalid', 'true');
    await expect(apply).toBeDisabled();
  }
  await page.getByTestId('dataset-noise').fill('x');
  await expect(page.getByTestId('dataset-noise-hint')).toHaveText('"x" is not a number');
  await snap(page, testInfo, 'field-hints');
  await expect(page.getByTestId('data-panel').locator('.name')).toContainText('Two moons');
  await samples.fill('400');
  await page.getByTestId('dataset-noise').fill('0.05');
  await expect(page.getByTestId('dataset-samples-hint')).toHaveCount(0);
  await apply.click();

  const panel = page.getByTestId('data-panel');
  await expect(panel).toHaveAttribute('data-task', 'regression');
  await expect(panel).toHaveAttribute('data-dims', '1');
  await expect(panel.locator('.name')).toContainText('320 train · 80 test');
  await expect(page.getByTestId('train-acc-label-0')).toHaveText('Train R²');
  await expect(page.getByTestId('test-acc-label-1')).toHaveText('Test R²');
  await expect(apply).toHaveText('Applied');
  for (let i = 0; i < 5; i++) await step100(page);
  await expect(page.getByTestId('train-acc-1')).toHaveText(/^-?\d+\.\d{3}$/);
  // A fit that learned something: R² well above 0 for the Leaky ReLU lane.
  expect(await readValue(page, 'train-acc-1')).toBeGreaterThan(0.3);

  // Both lanes' curves are drawn in their lane colours (red-orange and amber) over grey points.
  const canvas = page.getByTestId('data-canvas');
  await expect(canvas).toHaveAttribute('data-curves', '2');
  let shares: number[] = [];
  await expect
    .poll(async () => {
      shares = hueShares(await canvas.screenshot());
      return Math.min(shares[0]!, shares[1]!);
    })
    .toBeGreaterThan(0.002);
  testInfo.annotations.push({ type: 'hue shares', description: shares.map((s, i) => `${i * 30}°: ${(s * 100).toFixed(1)}%`).join(', ') });
  await testInfo.attach('sine-curves.png', { body: await canvas.screenshot(), contentType: 'image/png' });
  await snap(page, testInfo, 'sine-regression');
  expect(errors).toEqual([]);
});

test('a bundled dataset shows its citation and licence, and trains as a summary of its features', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  await expect(page.getByTestId('dataset-citation')).toHaveCount(0);
  await page.getByTestId('dataset-select').selectOption('bundled:iris');
  const citation = page.getByTestId('dataset-citation');
  await expect(citation).toContainText('Iris: 150 rows, 4 features, 3 classes');
  await expect(citation).toContainText('Fisher, R. A. (1936). Iris [Dataset]. UCI Machine Learning Repository. https://doi.org/10.24432/C56C76');
  await expect(page.getByTestId('dataset-licence')).toContainText('CC BY 4.0');
  // Bundled data has no samples or noise to choose.
  await expect(page.getByTestId('dataset-samples')).toHaveCount(0);
  await snap(page, testInfo, 'iris-citation');
  await page.getByTestId('dataset-apply').click();
  await expect(page.getByTestId('data-panel').locator('.name')).toHaveText('Iris · 120 train · 30 test');
  await expect(page.getByTestId('data-features')).toContainText('4:');
  await expect(page.getByTestId('data-classes')).toContainText('versicolor');
  // The app's 0.3 makes standardized real data diverge: the rate is lowered, and the status says so.
  await expect(page.getByTestId('file-status')).toContainText('learning rate lowered to 0.05 for ReLU, Leaky ReLU');
  await expect(page.getByTestId('lr-0')).toHaveValue('0.05');
  await step100(page);
  await expect(page.getByTestId('train-acc-0')).toHaveText(/%$/);
  // Back to a generator: the plot returns.
  await page.getByTestId('dataset-select').selectOption('moons');
  await page.getByTestId('dataset-apply').click();
  await expect(page.getByTestId('data-panel').locator('.name')).toContainText('Two moons');
  await expect(page.getByTestId('data-canvas')).toBeVisible();
  expect(errors).toEqual([]);
});

test('drag and drop: the window highlights, one file opens its preview, anything else gets a message', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');

  /** Dispatches drag events on the page with a DataTransfer built there from the given files (and text). */
  const drag = (type: 'dragenter' | 'dragover' | 'drop' | 'dragleave', files: { name: string; text: string }[], text?: string) =>
    page.evaluate(
      ({ type, files, text }) => {
        const dt = new DataTransfer();
        for (const f of files) dt.items.add(new File([f.text], f.name, { type: 'text/csv' }));
        if (text !== undefined) dt.setData('text/plain', text);
        const target = document.querySelector('main') ?? document.body;
        target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      },
      { type, files, text },
    );

  const csv = { name: 'quadrants.csv', text: quadrantsCsv() };
  await drag('dragenter', [csv]);
  await drag('dragover', [csv]);
  await expect(page.getByTestId('drop-zone')).toBeVisible();
  await snap(page, testInfo, 'drop-zone');
  await drag('dragleave', [csv]);
  await expect(page.getByTestId('drop-zone')).toHaveCount(0);

  // Text is not a file.
  await drag('dragenter', [], 'some words');
  await drag('drop', [], 'some words');
  await expect(page.getByTestId('drop-zone')).toHaveCount(0);
  await expect(page.getByTestId('dataset-error')).toContainText('What was dropped is not a file');
  await page.getByTestId('dataset-close').click();

  // Several files at once.
  await drag('dragenter', [csv, { name: 'other.csv', text: 'a,b\n1,2\n' }]);
  await drag('drop', [csv, { name: 'other.csv', text: 'a,b\n1,2\n' }]);
  await expect(page.getByTestId('dataset-error')).toContainText('2 files were dropped ("quadrants.csv", "other.csv"). Drop one file at a time.');
  await page.getByTestId('dataset-close').click();
  await expect(page.getByTestId('data-panel').locator('.name')).toContainText('Two moons');

  // One file: its preview, then training on it with its 2-D decision boundary.
  await drag('dragenter', [csv]);
  await drag('drop', [csv]);
  await expect(page.getByTestId('drop-zone')).toHaveCount(0);
  await expect(page.getByTestId('dataset-summary')).toContainText('240 rows, 3 columns');
  await expect(page.getByTestId('dataset-target')).toHaveValue('quadrant');
  await expect(page.getByTestId('dataset-balance')).toContainText('opposite');
  await page.getByTestId('dataset-train').click();
  await expect(page.getByTestId('dataset-dialog')).toBeHidden();
  await expect(page.getByTestId('data-panel').locator('.name')).toHaveText('quadrants.csv · 192 train · 48 test');
  for (let i = 0; i < 3; i++) await step100(page);
  await expect(page.getByTestId('data-canvas')).toBeVisible();
  await snap(page, testInfo, 'dropped-file-training');
  expect(errors).toEqual([]);
});

test('metrics CSV of a regression session names its score R²', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  await page.getByTestId('dataset-select').selectOption('abs');
  await page.getByTestId('dataset-apply').click();
  await expect(page.getByTestId('train-acc-label-0')).toHaveText('Train R²');
  await step100(page);
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const file = await downloading;
  const path = test.info().outputPath('regression-metrics.csv');
  await file.saveAs(path);
  const header = readFileSync(path, 'utf8').split('\n')[0];
  expect(header).toBe('step,lane,mse,mse_smoothed,test_mse,train_r2,test_r2,dead_percent,inactive_percent,deaths,revivals,dormant_percent,zero_percent,dead_pct_layer1,dead_pct_layer2,inactive_pct_layer1,inactive_pct_layer2,slope_layer1,slope_layer2,dormant_pct_layer1,dormant_pct_layer2,zero_pct_layer1,zero_pct_layer2');
});
