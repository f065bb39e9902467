import { expect, test } from '@playwright/test';
import { EXPERIMENT_FORMAT, EXPERIMENT_VERSION, type Experiment } from '../../src/core/protocol/experiment';
import { defaultSessionSpec, laneSpec } from '../../src/core/protocol/spec';
import { collectErrors, laneStepValue, readInt, readValue, snap } from './helpers';

const format = (n: number): string => new Intl.NumberFormat('en-US').format(n);

test('the one-click fix: the diagnosis switches a dying ReLU lane to Leaky ReLU α=0.2, which revives neurons and stays finite', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  // The app starts at the default session's watchable speed; Max is one click away.
  const speed = page.getByTestId('speed');
  await expect(speed).toHaveValue('500');
  await page.getByTestId('speed-max').click();
  await expect(speed).toHaveValue('max');

  await page.getByTestId('play-pause').click();
  await expect(page.getByTestId('play-pause')).toHaveText(/Pause/);
  // Born-dead neurons (step 0) are not the diagnosis of training: wait for the neurons training killed.
  const diagnosis = page.getByTestId('diagnosis-0');
  await expect(diagnosis).toHaveAttribute('data-kind', 'died', { timeout: 60_000 });
  await expect(diagnosis).toContainText(/Layer \d: \d+% dead — try Leaky ReLU \(α 0\.2\)/);
  await expect(diagnosis).toContainText('no gradient through themselves');
  await expect(diagnosis).toContainText('momentum and upstream layers can still move them');
  const fix = page.getByTestId('diagnosis-fix-0');
  await expect(fix).toHaveText('Switch to Leaky ReLU α=0.2');
  await snap(page, testInfo, '1-diagnosis');

  const revivalsBefore = await readValue(page, 'revivals-0');
  const stepBefore = await readInt(page, 'step-0');
  await fix.click();
  await expect(page.getByTestId('lane-0').locator('h2')).toContainText('Leaky ReLU α=0.2');
  await expect(page.getByTestId('activation-0')).toHaveValue('leaky_relu');
  await expect(page.getByTestId('alpha-0')).toHaveValue('0.2');
  // Under a leaky activation the lane's silent neurons are inactive, never dead.
  await expect(page.getByTestId('dead-count-label-0')).toHaveText('Inactive');
  await expect(page.getByTestId('badge-0')).toContainText('% inactive');
  await expect(diagnosis).toHaveCount(0);

  // Keep playing a few seconds: neurons come back through the leaky slope, and the lane stays finite.
  await page.waitForTimeout(4000);
  await expect.poll(() => readValue(page, 'revivals-0'), { timeout: 30_000 }).toBeGreaterThan(revivalsBefore);
  await expect.poll(async () => Number(await page.getByTestId('revivals-0').getAttribute('data-by-cure')), { timeout: 30_000 }).toBeGreaterThan(0);
  expect(await readInt(page, 'step-0')).toBeGreaterThan(stepBefore + 1000);
  await expect(page.getByTestId('diverged-0')).toHaveCount(0);
  await page.getByTestId('play-pause').click();
  await expect(page.getByTestId('play-pause')).toHaveText(/Play/);
  testInfo.annotations.push({ type: 'fix', description: `swap at ${stepBefore}; revivals ${revivalsBefore} -> ${await readValue(page, 'revivals-0')}, by cure ${await page.getByTestId('revivals-0').getAttribute('data-by-cure')}` });
  await expect(page.getByTestId('diverged-0')).toHaveCount(0);
  await snap(page, testInfo, '2-fixed');
  expect(errors).toEqual([]);
});

test('a diverged lane says what happened and rewinds with a halved learning rate in one click, while the other lane trains on', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  const experiment: Experiment = {
    format: EXPERIMENT_FORMAT,
    version: EXPERIMENT_VERSION,
    // Unclipped at lr 50, Leaky ReLU goes to NaN within a few steps (ReLU would rather die: all dead, no gradient).
    spec: { ...defaultSessionSpec(), lanes: [{ ...laneSpec('Wild', { kind: 'leaky_relu', alpha: 0.2 }, 50), clipNorm: null }, laneSpec('Calm', { kind: 'leaky_relu', alpha: 0.01 }, 0.3)] },
    steps: 0,
    events: [],
  };
  await page.getByTestId('open-experiment-input').setInputFiles({ name: 'diverges.leaky.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(experiment)) });
  await expect(page.getByTestId('file-status')).toContainText('Opened diverges.leaky.json');
  await expect(page.getByTestId('lane-0').locator('h2')).toContainText('Wild');

  await page.getByTestId('play-pause').click();
  const diverged = page.getByTestId('diverged-0');
  await expect(diverged).toBeVisible({ timeout: 30_000 });
  // Let the other lane go on a little, then pause to read everything from one snapshot.
  await expect.poll(() => laneStepValue(page, 1)).toBeGreaterThan(Number(await diverged.getAttribute('data-step')) + 200);
  await page.getByTestId('play-pause').click();
  await expect(page.getByTestId('play-pause')).toHaveText(/Play/);

  const step = Number(await diverged.getAttribute('data-step'));
  const gradNorm = Number(await diverged.getAttribute('data-grad-norm'));
  expect(step).toBeGreaterThan(0);
  expect(await diverged.getAttribute('data-lr')).toBe('50');
  await expect(diverged).toContainText(`Diverged at step ${format(step)}: the ${(await diverged.getAttribute('data-quantity')) === 'loss' ? 'loss' : 'weights'} went non-finite.`);
  await expect(diverged).toContainText('learning rate 50');
  await expect(diverged).toContainText(Number.isFinite(gradNorm) ? /gradient norm [\d.e-]+/ : /gradient norm unknown/);
  await expect(page.getByTestId('diverged-1')).toHaveCount(0);
  const recover = page.getByTestId('recover-0');
  await expect(recover).toHaveText(/^Rewind to step [\d,]+ with lr 25$/);
  const to = Number(((await recover.textContent()) ?? '').match(/step ([\d,]+)/)![1]!.replace(/,/g, ''));
  expect(to).toBeLessThan(step);
  await snap(page, testInfo, '1-diverged');

  const otherStep = await laneStepValue(page, 1);
  await recover.click();
  // The lane is back at the checkpoint with the halved rate; the other lane kept its step.
  await expect(diverged).toHaveCount(0);
  await expect(page.getByTestId('lr-0')).toHaveValue('25');
  await expect.poll(() => laneStepValue(page, 0)).toBe(to);
  expect(await laneStepValue(page, 1)).toBe(otherStep);
  // Both train on from there (at lr 25 this lane soon diverges again: the offer would then halve it once more).
  await page.getByTestId('step-100').click();
  await expect.poll(() => laneStepValue(page, 1)).toBe(otherStep + 100);
  expect(await laneStepValue(page, 0)).toBeGreaterThan(to);
  const again = page.getByTestId('recover-0');
  if ((await again.count()) > 0) await expect(again).toHaveText(/with lr 12\.5$/);
  await snap(page, testInfo, '2-recovered');
  expect(errors).toEqual([]);
});

test('a hot-swap from ReLU to a leaky activation on an unclipped lane lowers its learning rate, and the notice says so', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  const experiment: Experiment = {
    format: EXPERIMENT_FORMAT,
    version: EXPERIMENT_VERSION,
    spec: { ...defaultSessionSpec(), lanes: [{ ...laneSpec('Unclipped', { kind: 'relu' }, 0.3), clipNorm: null }, laneSpec('Clipped', { kind: 'relu' }, 0.3)] },
    steps: 0,
    events: [],
  };
  await page.getByTestId('open-experiment-input').setInputFiles({ name: 'unclipped.leaky.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(experiment)) });
  await expect(page.getByTestId('lane-0').locator('h2')).toContainText('Unclipped');
  await page.getByTestId('step-100').click();
  await expect(page.getByTestId('step-0')).toHaveText('100');
  await page.getByTestId('activation-0').selectOption('leaky_relu');
  const notice = page.getByTestId('engine-notice');
  await expect(notice).toContainText('learning rate lowered from 0.3 to 0.05');
  await expect(page.getByTestId('lr-0')).toHaveValue('0.05');
  // The clipped lane keeps its rate when it is swapped.
  await page.getByTestId('activation-1').selectOption('leaky_relu');
  await expect(page.getByTestId('lane-1').locator('h2')).toContainText('Leaky ReLU');
  await expect(page.getByTestId('lr-1')).toHaveValue('0.3');
  await notice.getByRole('button', { name: 'Dismiss the notice' }).click();
  await expect(notice).toHaveCount(0);
  expect(errors).toEqual([]);
});
