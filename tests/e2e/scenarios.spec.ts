import { expect, type Page, test } from '@playwright/test';
import { scenarios } from '../../src/core/engine/scenarios';
import { readInt, readValue, snap } from './helpers';

// Every scenario loads with one click, plays at its own speed, and says what to watch; the revival story
// runs to its scheduled hot-swap and shows the outcome its description promises.
const SCENARIOS = [
  ['high-lr', ['ReLU', 'Leaky ReLU']],
  ['bad-init', ['ReLU', 'Leaky ReLU', 'PReLU']],
  ['deep-narrow', ['ReLU', 'Leaky ReLU']],
  ['small-batch', ['ReLU', 'Leaky ReLU']],
  ['prelu', ['ReLU', 'PReLU']],
  ['real-digits', ['ReLU', 'Leaky ReLU']],
  ['article', ['nn.ReLU()', 'nn.LeakyReLU(0.01)', 'nn.PReLU()']],
  ['alpha', ['ReLU', 'Leaky ReLU α=0.01', 'Leaky ReLU α=0.1', 'Leaky ReLU α=0.3']],
  ['cures', ['ReLU', 'ReLU + ReDo', 'Leaky ReLU', 'ELU']],
] as const;

/** Highest per-layer percentage a lane's readouts show (dead for ReLU, inactive otherwise). */
async function maxLayer(page: Page, lane: number): Promise<number> {
  const values = await page.locator(`[data-testid^="dead-layer-${lane}-"]`).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
  return Math.max(0, ...values);
}

test('each scenario loads its lanes with one click, plays at its own speed, and says what to watch', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  // The default session is what the app starts with, not a button.
  await expect(page.getByTestId('scenario-default')).toHaveCount(0);
  for (const [id, lanes] of SCENARIOS) {
    const sc = scenarios().find((s) => s.id === id)!;
    await page.getByTestId(`scenario-${id}`).click();
    await expect(page.getByTestId('scenario-watch')).toContainText(sc.watch);
    await expect(page.getByTestId(`scenario-${id}`)).toHaveClass(/current/);
    for (let i = 0; i < lanes.length; i++) await expect(page.getByTestId(`lane-${i}`).locator('h2')).toContainText(lanes[i]!);
    await expect(page.getByTestId('play-pause')).toHaveText(/Pause/);
    await expect(page.getByTestId('speed')).toHaveValue(sc.speed === null ? 'max' : String(sc.speed));
    await expect.poll(() => readInt(page, 'step-0')).toBeGreaterThan(Math.min(200, sc.speed ?? 200));
  }
  // Bad initialization: most second-layer ReLU neurons are born dead, from the very first statistics.
  await page.getByTestId('scenario-bad-init').click();
  await expect.poll(() => page.getByTestId('dead-layer-0-2').getAttribute('data-value').then(Number)).toBeGreaterThanOrEqual(50);
});

test('another dataset clears the highlighted scenario and says its claims were measured on its own data', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('scenario-high-lr').click();
  await expect(page.getByTestId('scenario-watch')).toBeVisible();
  await page.getByTestId('play-pause').click();
  await expect(page.getByTestId('play-pause')).toHaveText(/Play/);
  await page.getByTestId('dataset-select').selectOption('bundled:iris');
  await page.getByTestId('dataset-apply').click();
  await expect(page.getByTestId('scenario-watch')).toHaveCount(0);
  await expect(page.getByTestId('scenario-high-lr')).not.toHaveClass(/current/);
  await expect(page.getByTestId('scenario-note')).toHaveText('The "High learning rate" scenario\'s claims were measured on its own dataset only; they are not checked on this one.');
  // A new scenario replaces the note with its own text.
  await page.getByTestId('scenario-prelu').click();
  await expect(page.getByTestId('scenario-note')).toHaveCount(0);
  await expect(page.getByTestId('scenario-watch')).toBeVisible();
});

test('the revival story: ReLU dies, the scheduled hot-swap at step 10,000 switches to Leaky ReLU α=0.2 and neurons revive through it', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await page.getByTestId('scenario-revival').click();
  await expect(page.getByTestId('lane-0').locator('h2')).toContainText('ReLU, then Leaky');
  await expect(page.getByTestId('speed')).toHaveValue('500');
  // Dead neurons build up under ReLU first (the claim: at least 25% of all hidden neurons by the swap)...
  await expect.poll(() => maxLayer(page, 0), { timeout: 60_000 }).toBeGreaterThanOrEqual(25);
  await expect(page.getByTestId('dead-layer-0-1')).toHaveAttribute('data-kind', 'dead');
  // ...then the scheduled swap happens on its own, with the weights kept (no reset: steps keep counting).
  await expect(page.getByTestId('lane-0').locator('h2')).toContainText('Leaky ReLU α=0.2', { timeout: 90_000 });
  // From then on its silent neurons are inactive, not dead, and they come back through the leaky slope.
  await expect(page.getByTestId('dead-layer-0-1')).toHaveAttribute('data-kind', 'inactive');
  await expect.poll(async () => Number(await page.getByTestId('revivals-0').getAttribute('data-by-cure')), { timeout: 60_000 }).toBeGreaterThan(0);
  expect(await readValue(page, 'revivals-0')).toBeGreaterThan(0);
  expect(await readInt(page, 'step-0')).toBeGreaterThan(10_000);
  await snap(page, testInfo, 'revival-story');
});

test("the article's three networks: one click, its dead_ratio beside our dead %, and its advice checked against the lanes", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await expect(page.getByTestId('article-check')).toHaveCount(0);
  await page.getByTestId('scenario-article').click();
  await expect(page.getByTestId('lane-2').locator('h2')).toContainText('PReLU (learned α)');
  await expect(page.getByTestId('article-check')).toBeVisible();
  await expect.poll(() => readInt(page, 'step-0'), { timeout: 60_000 }).toBeGreaterThan(2_000);
  // ReLU outputs exactly 0 for a large share of (input, neuron) pairs even with no neuron dead: the
  // article's dead_ratio is not a dead-neuron count. Leaky ReLU and PReLU output no exact zeros.
  const ratio = async (lane: number) => Number(await page.getByTestId(`article-ratio-${lane}`).getAttribute('data-value'));
  expect(await ratio(0)).toBeGreaterThan(0.2);
  expect(await ratio(1)).toBeLessThan(0.01);
  expect(await ratio(2)).toBeLessThan(0.01);
  await expect(page.getByTestId('article-dead-0')).toHaveAttribute('data-value', /^[0-9.]+$/);
  await expect(page.getByTestId('article-advice')).toContainText('ReLU at step');
  await expect(page.getByTestId('article-advice')).toHaveAttribute('data-verdict', /^(stay|switch)$/);
  await snap(page, testInfo, 'article-scenario');
  // Another scenario takes the panel away: it answers the article's comparison only.
  await page.getByTestId('scenario-alpha').click();
  await expect(page.getByTestId('article-check')).toHaveCount(0);
});
