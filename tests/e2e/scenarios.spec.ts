import { expect, test } from '@playwright/test';
import { readInt, readValue, snap } from './helpers';

// Every scenario loads with one click and starts playing; the revival story runs to its scheduled
// hot-swap and shows the outcome its description promises.
const SCENARIOS = [
  ['high-lr', ['ReLU', 'Leaky ReLU']],
  ['bad-init', ['ReLU', 'Leaky ReLU', 'PReLU']],
  ['deep-narrow', ['ReLU', 'Leaky ReLU']],
  ['small-batch', ['ReLU', 'Leaky ReLU']],
  ['prelu', ['ReLU', 'PReLU']],
  ['real-digits', ['ReLU', 'Leaky ReLU']],
] as const;

test('each scenario loads its lanes with one click, plays, and says what to watch', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  for (const [id, lanes] of SCENARIOS) {
    await page.getByTestId(`scenario-${id}`).click();
    await expect(page.getByTestId('scenario-watch')).not.toBeEmpty();
    for (let i = 0; i < lanes.length; i++) await expect(page.getByTestId(`lane-${i}`).locator('h2')).toContainText(lanes[i]!);
    await expect(page.getByTestId('play-pause')).toHaveText(/Pause/);
    await expect.poll(() => readInt(page, 'step-0')).toBeGreaterThan(200);
  }
  // Bad initialization: born dead under ReLU from the very first statistics.
  await page.getByTestId('scenario-bad-init').click();
  await expect.poll(() => page.getByTestId('dead-layer-0-2').getAttribute('data-value').then(Number)).toBe(100);
});

test('the revival story: ReLU dies, the scheduled hot-swap at step 3,000 switches to Leaky ReLU and neurons revive', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByTestId('scenario-revival').click();
  await expect(page.getByTestId('lane-0').locator('h2')).toContainText('ReLU, then Leaky');
  // Dead neurons plateau under ReLU first...
  await expect.poll(() => page.getByTestId('dead-layer-0-2').getAttribute('data-value').then(Number), { timeout: 60_000 }).toBe(100);
  // ...then the scheduled swap happens on its own, with the weights kept (no reset: steps keep counting).
  await expect(page.getByTestId('lane-0').locator('h2')).toContainText('Leaky ReLU α=0.1', { timeout: 60_000 });
  await expect.poll(() => page.getByTestId('dead-layer-0-2').getAttribute('data-value').then(Number), { timeout: 60_000 }).toBeLessThan(100);
  expect(await readValue(page, 'revivals-0')).toBeGreaterThan(0);
  expect(await readInt(page, 'step-0')).toBeGreaterThan(3000);
  await snap(page, testInfo, 'revival-story');
});
