import { expect, test } from '@playwright/test';
import { collectErrors, laneStep, laneStepValue, readInt, readValue, snap, step100 } from './helpers';

const format = (n: number): string => new Intl.NumberFormat('en-US').format(n);

test('rewinding one lane to a checkpoint: its step drops to the checkpoint while the other lane goes on; then the whole session', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  let digestsAt1000: (string | null)[] = [];
  for (let i = 0; i < 12; i++) {
    await step100(page);
    if ((await readInt(page, 'step-0')) === 1000) digestsAt1000 = [await page.getByTestId('digest-0').textContent(), await page.getByTestId('digest-1').textContent()];
  }
  expect(await laneStepValue(page, 1)).toBe(1200);
  const lane1Digest = await page.getByTestId('digest-1').textContent();

  // The lane's menu lists the checkpoints: the start and the periodic one at 1,000.
  await page.getByTestId('rewind-lane-0').locator('summary').click();
  await expect(page.getByTestId('rewind-lane-0-to-0')).toContainText('start');
  await expect(page.getByTestId('rewind-lane-0-to-1000')).toContainText('periodic');
  await page.getByTestId('rewind-lane-0-to-1000').click();

  await expect(page.getByTestId('step-0')).toHaveText('1,000');
  await expect(laneStep(page, 1)).toHaveText('1,200');
  await expect(page.getByTestId('digest-0')).toHaveText(digestsAt1000[0]!);
  await expect(page.getByTestId('digest-1')).toHaveText(lane1Digest!);
  await expect(page.getByTestId('rewound-0')).toContainText('200 steps behind');
  await expect(page.getByTestId('rewound-1')).toHaveCount(0);
  await snap(page, testInfo, 'lane-rewound');

  // Both train on; lane 0 keeps its own step count, 200 behind.
  await step100(page);
  await expect(page.getByTestId('step-0')).toHaveText('1,100');
  await expect(laneStep(page, 1)).toHaveText('1,300');
  expect(await readValue(page, 'rewound-0')).toBe(200);
  // The charts marked the lane's rewind (the engine's recorded event), and kept every point of the session's steps.
  await expect(page.getByTestId('chart-loss')).toHaveAttribute('data-marks', '1');
  await expect(page.getByTestId('chart-loss')).toHaveAttribute('data-points', '131');

  // The lane rewind is a checkpoint of its own; the whole session goes back to 1,000 with every lane.
  await page.getByTestId('rewind-session').locator('summary').click();
  await expect(page.getByTestId('rewind-session-to-1200')).toContainText('lane rewind');
  await page.getByTestId('rewind-session-to-1000').click();
  await expect(page.getByTestId('step-0')).toHaveText(format(1000));
  await expect(laneStep(page, 1)).toHaveText(format(1000));
  await expect(page.getByTestId('digest-0')).toHaveText(digestsAt1000[0]!);
  await expect(page.getByTestId('digest-1')).toHaveText(digestsAt1000[1]!);
  await expect(page.getByTestId('rewound-0')).toHaveCount(0);
  // The charts keep what came before the checkpoint: the engine's history up to step 1,000, without the later mark.
  await expect(page.getByTestId('chart-loss')).toHaveAttribute('data-points', '101');
  await expect(page.getByTestId('chart-loss')).toHaveAttribute('data-marks', '0');
  await expect(page.getByTestId('chart-loss').locator('.values span[title]').first()).not.toHaveText('—');
  await expect(page.getByTestId('chart-loss').locator('.values span[title="ReLU test"]')).not.toHaveText('—');
  await step100(page);
  await expect(laneStep(page, 1)).toHaveText('1,100');
  await snap(page, testInfo, 'session-rewound');
  expect(errors).toEqual([]);
});
