import { expect, test } from '@playwright/test';
import { collectErrors, experimentFile, laneStep, readInt, snap } from './helpers';

test('keyboard: space plays and pauses, right arrow steps, R resets, number keys select a lane', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  const body = page.locator('body');

  await body.press('ArrowRight');
  await expect(page.getByTestId('step-0')).toHaveText('1');
  await body.press('ArrowRight');
  await expect(page.getByTestId('step-0')).toHaveText('2');
  await body.press('Space');
  await expect(page.getByTestId('play-pause')).toHaveText(/Pause/);
  await expect.poll(() => readInt(page, 'step-0')).toBeGreaterThan(50);
  await body.press('Space');
  await expect(page.getByTestId('play-pause')).toHaveText(/Play/);
  await body.press('r');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  await expect(laneStep(page, 1)).toHaveText('0');

  // Number keys: lane 2, then lane 1; a key without a lane does nothing.
  await body.press('2');
  await expect(page.getByTestId('lane-1')).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('lane-0')).toHaveAttribute('aria-current', 'false');
  await expect(page.getByTestId('lane-1')).toBeFocused();
  await snap(page, testInfo, 'lane-2-selected');
  // With focus on the lane, the other shortcuts still work.
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-0')).toHaveText('1');
  await page.keyboard.press('1');
  await expect(page.getByTestId('lane-0')).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('lane-0')).toBeFocused();
  await page.keyboard.press('4');
  await expect(page.getByTestId('lane-0')).toHaveAttribute('aria-current', 'true');

  // Typing in a field is not a shortcut: digits and R go into the field.
  const lr = page.getByTestId('lr-0');
  await lr.fill('');
  await lr.pressSequentially('0.2');
  await expect(lr).toHaveValue('0.2');
  await expect(page.getByTestId('lane-0')).toHaveAttribute('aria-current', 'true');
  await lr.press('r');
  await expect(page.getByTestId('step-0')).toHaveText('1');
  // A focused button still gets Enter; space is play/pause wherever focus is (below).
  await page.getByRole('button', { name: 'Step ▸' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step-0')).toHaveText('2');
  await expect(page.getByTestId('play-pause')).toHaveText(/Play/);
  expect(errors).toEqual([]);
});

test('space plays and pauses with a button focused (the button is not pressed), but types in a text field', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  // "+100" focused: space starts training once (a press of the button would step exactly 100 and stay paused).
  const plus = page.getByRole('button', { name: '+100' });
  await plus.focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('play-pause')).toHaveText(/Pause/);
  await expect(plus).toBeFocused();
  await expect.poll(() => readInt(page, 'step-0')).toBeGreaterThan(150);
  await page.keyboard.press('Space');
  await expect(page.getByTestId('play-pause')).toHaveText(/Play/);
  const paused = await readInt(page, 'step-0');
  // The play button itself focused: one space is one toggle, not the key's toggle plus the button's.
  const play = page.getByTestId('play-pause');
  await play.focus();
  await page.keyboard.press('Space');
  await expect(play).toHaveText(/Pause/);
  await page.keyboard.press('Space');
  await expect(play).toHaveText(/Play/);
  expect(await readInt(page, 'step-0')).toBeGreaterThan(paused);
  // A scenario button focused: space does not load that scenario.
  await page.getByTestId('scenario-high-lr').focus();
  await page.keyboard.press('Space');
  await expect(play).toHaveText(/Pause/);
  await page.keyboard.press('Space');
  await expect(play).toHaveText(/Play/);
  await expect(page.getByTestId('scenario-high-lr')).toHaveAttribute('aria-current', 'false');
  // In a text field space is typed, not a shortcut.
  const lr = page.getByTestId('lr-0');
  await lr.fill('0.1');
  await lr.press('Space');
  await expect(lr).toHaveValue('0.1 ');
  await expect(play).toHaveText(/Play/);
  expect(errors).toEqual([]);
});

test('the scenario highlight follows what is loaded: an opened experiment file clears it, as another dataset does', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await page.getByTestId('scenario-high-lr').click();
  await expect(page.getByTestId('scenario-high-lr')).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('scenario-watch')).toBeVisible();
  await page.getByTestId('play-pause').click();
  await expect(page.getByTestId('play-pause')).toHaveText(/Play/);

  const file = experimentFile({ seed: 11 }, [['Mine', { kind: 'relu' }]], 0.1);
  await page.getByTestId('open-experiment-input').setInputFiles({ name: 'mine.leaky.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await expect(page.getByTestId('file-status')).toContainText('Opened mine.leaky.json');
  await expect(page.locator('[data-testid^="scenario-"][aria-current="true"]')).toHaveCount(0);
  await expect(page.getByTestId('scenario-watch')).toHaveCount(0);

  // A scenario clicked again is highlighted; choosing a dataset clears it.
  await page.getByTestId('scenario-prelu').click();
  await expect(page.getByTestId('scenario-prelu')).toHaveAttribute('aria-current', 'true');
  await page.getByTestId('dataset-select').selectOption('circles');
  await page.getByTestId('dataset-apply').click();
  await expect(page.getByTestId('data-panel').locator('.name')).toContainText('Circles');
  await expect(page.locator('[data-testid^="scenario-"][aria-current="true"]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('in the Lab the explorer shortcuts are off: space and R there leave the hidden explorer paused and unchanged', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  // Keys before the engine is ready do nothing: wait for it, as a user waits for the first graph.
  await page.locator('[data-status="ready"] [data-testid="play-pause"]:enabled').waitFor();
  await page.locator('body').press('ArrowRight');
  await expect(page.getByTestId('step-0')).toHaveText('1');
  await page.getByTestId('view-lab').click();
  await page.locator('body').press('Space');
  await page.locator('body').press('r');
  await page.locator('body').press('ArrowRight');
  await page.getByTestId('view-explorer').click();
  await expect(page.getByTestId('play-pause')).toHaveText(/Play/);
  await expect(page.getByTestId('step-0')).toHaveText('1');
  expect(errors).toEqual([]);
});
