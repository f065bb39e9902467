import { expect, type Page, test } from '@playwright/test';
import { collectErrors, snap, step100 } from './helpers';

// Four rows, two classes: at the default 20% split floor(4 * 0.2) = 0 rows are held out for testing.
const FOUR = 'x,y,label\n0.1,0.2,a\n0.9,0.8,b\n0.2,0.1,a\n0.8,0.9,b\n';

async function openFour(page: Page): Promise<void> {
  await page.getByTestId('open-dataset-input').setInputFiles({ name: 'four.csv', mimeType: 'text/csv', buffer: Buffer.from(FOUR) });
  await expect(page.getByTestId('dataset-rows-kept')).toContainText('4 of 4 rows kept');
}

/** The test-accuracy chart's values as shown in its caption, one per lane. */
async function accuracyChartValues(page: Page): Promise<string[]> {
  return page.getByTestId('chart-accuracy').locator('.values span[title]').allTextContents();
}

test('a 4-row file: no test rows is said in the preview and the lanes, test scores read "—" (never 0.0%), and the offered split measures them', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');

  // The preview warns and offers a split that holds a test row, or none.
  await openFour(page);
  await expect(page.getByTestId('dataset-split')).toContainText('Split: 4 training and 0 test rows (20% held out, as in the open session)');
  await expect(page.getByTestId('dataset-split-warning')).toContainText('no test rows: 4 rows in the file, 20% split');
  await expect(page.getByTestId('dataset-split-offer-25')).toHaveText('Test on 1 row (25% split)');
  await expect(page.getByTestId('dataset-split-offer-0')).toHaveText('No test split: train on all 4 rows');
  await snap(page, testInfo, 'preview-no-test-rows');

  // Trained as it is: every lane says why, and no test read-out claims a measurement.
  await page.getByTestId('dataset-train').click();
  await expect(page.getByTestId('dataset-dialog')).toBeHidden();
  await step100(page);
  for (const lane of [0, 1]) {
    await expect(page.getByTestId(`split-warning-${lane}`)).toHaveText('no test rows: 4 rows in the file, 20% split: test scores are not measured.');
    await expect(page.getByTestId(`test-acc-${lane}`)).toHaveText('—');
    await expect(page.getByTestId(`train-acc-${lane}`)).toHaveText(/^\d+\.\d%$/);
  }
  const values = await accuracyChartValues(page);
  expect(values.length).toBeGreaterThan(0);
  expect(values.every((v) => v === '—')).toBe(true);
  await snap(page, testInfo, 'lanes-no-test-rows');

  // The offered 25% split: one test row, measured, and the warnings are gone.
  await openFour(page);
  await page.getByTestId('dataset-split-offer-25').click();
  await expect(page.getByTestId('dataset-split')).toContainText('Split: 3 training and 1 test rows (25% held out)');
  await expect(page.getByTestId('dataset-split-warning')).toHaveCount(0);
  await page.getByTestId('dataset-train').click();
  await expect(page.getByTestId('dataset-dialog')).toBeHidden();
  await expect(page.getByTestId('data-panel').locator('.name')).toHaveText('four.csv · 3 train · 1 test');
  await step100(page);
  for (const lane of [0, 1]) {
    await expect(page.getByTestId(`test-acc-${lane}`)).toHaveText(/^(0|100)\.0%$/);
    await expect(page.getByTestId(`split-warning-${lane}`)).toHaveCount(0);
  }
  expect((await accuracyChartValues(page)).every((v) => /^\d+%$/.test(v))).toBe(true);
  expect(errors).toEqual([]);
});
