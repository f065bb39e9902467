import { expect, test } from '@playwright/test';
import { collectErrors, hueShares, readInt, snap, step100 } from './helpers';

test('speed control: starts at the default 500 steps/s, slow motion at 5 steps/s advances slowly, Max (one click) runs fast', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  const speed = page.getByRole('combobox', { name: 'Speed' });
  await expect(speed).toHaveAttribute('data-testid', 'speed');
  // The default session's own speed: watchable, not as fast as possible.
  await expect(speed).toHaveValue('500');
  expect(await speed.locator('option').allTextContents()).toEqual(['Max', '1000/s', '500/s', '200/s', '100/s', '20/s', '5/s (slow motion)', '1/s']);
  await speed.selectOption({ label: '5/s (slow motion)' });
  // The select shows the limit the engine reports back in its snapshots.
  await expect(speed).toHaveValue('5');

  const button = page.getByTestId('play-pause');
  await button.click();
  await expect(button).toHaveText(/Pause/);
  await page.waitForTimeout(2000);
  await button.click();
  await expect(button).toHaveText(/Play/);
  const slow = await readInt(page, 'step-0');
  test.info().annotations.push({ type: 'slow motion', description: `${slow} steps in ~2 s at 5/s` });
  expect(slow).toBeGreaterThanOrEqual(3);
  expect(slow).toBeLessThanOrEqual(30);

  await page.getByTestId('speed-max').click();
  await expect(speed).toHaveValue('max');
  await expect(page.getByTestId('speed-max')).toBeDisabled();
  await button.click();
  await page.waitForTimeout(1000);
  await button.click();
  await expect(button).toHaveText(/Play/);
  expect(await readInt(page, 'step-0')).toBeGreaterThan(slow + 200);
  expect(errors).toEqual([]);
});

test('the data panel draws the decision boundary in two class colours with the points', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  for (let i = 0; i < 5; i++) await step100(page);
  const panel = page.getByTestId('data-panel');
  await expect(panel).toContainText('Two moons');
  await page.getByTestId('data-lane-1').click();
  await expect(page.getByTestId('data-lane-1')).toHaveAttribute('aria-pressed', 'true');
  const canvas = page.getByTestId('data-canvas');
  await expect(canvas).toBeVisible();
  // The boundary is drawn on the next animation frame; poll until two colour families cover the plot.
  let shares: number[] = [];
  await expect
    .poll(async () => {
      shares = hueShares(await canvas.screenshot());
      return shares.filter((s) => s >= 0.05).length;
    })
    .toBeGreaterThanOrEqual(2);
  const families = shares.map((s, i) => ({ s, hue: i * 30 + 15 })).filter((f) => f.s >= 0.05);
  const spread = Math.max(...families.map((a) => Math.max(...families.map((b) => Math.min(Math.abs(a.hue - b.hue), 360 - Math.abs(a.hue - b.hue))))));
  testInfo.annotations.push({ type: 'hue families', description: families.map((f) => `${f.hue}°: ${(f.s * 100).toFixed(0)}%`).join(', ') });
  // Class 0 is blue and class 1 orange: far apart on the colour wheel, not two shades of one colour.
  expect(spread).toBeGreaterThanOrEqual(90);
  await testInfo.attach('data-canvas.png', { body: await canvas.screenshot(), contentType: 'image/png' });
  expect(errors).toEqual([]);
});

test('the activation panel of a ReLU lane reports the share of pre-activations at z <= 0', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await step100(page);
  const panel = page.getByTestId('activation-panel-0');
  await expect(panel).toContainText('ReLU');
  await expect(panel).toContainText(/% of pre-activations sit at z ≤ 0, where ReLU's gradient is 0/);
  for (const layer of [1, 2]) {
    await page.getByTestId(`activation-layer-0-${layer}`).click();
    await expect(page.getByTestId(`activation-layer-0-${layer}`)).toHaveAttribute('aria-pressed', 'true');
    const share = Number(await page.getByTestId('zero-share-0').getAttribute('data-value'));
    testInfo.annotations.push({ type: `layer ${layer}`, description: `${share}% at z <= 0` });
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThan(100.0001);
    await expect(page.getByTestId('zero-share-0')).toHaveText(`${share}%`);
  }
  // The curves are drawn: f(z) in the accent colour, f'(z) in blue.
  await expect.poll(async () => hueShares(await panel.locator('canvas').screenshot()).reduce((a, b) => a + b, 0)).toBeGreaterThan(0.01);
  await snap(page, testInfo, 'activation-panels');
  expect(errors).toEqual([]);
});
