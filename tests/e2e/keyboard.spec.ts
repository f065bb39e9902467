import { expect, test } from '@playwright/test';
import { collectErrors, laneStep, readInt, snap } from './helpers';

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
  // Space on a button presses the button, not play/pause twice.
  await page.getByRole('button', { name: 'Step ▸' }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('step-0')).toHaveText('2');
  await expect(page.getByTestId('play-pause')).toHaveText(/Play/);
  expect(errors).toEqual([]);
});
