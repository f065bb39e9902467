import { expect, test } from '@playwright/test';
import { step100 } from './helpers';

test('clicking a neuron opens its inspector: state, activity over time, incoming weights; it closes again', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('step-0')).toHaveText('0');
  await page.locator('button.neuron[data-lane="0"][data-layer="2"][data-neuron="3"]').click();
  const inspector = page.getByTestId('inspector-0');
  await expect(inspector).toContainText('Layer 2, neuron 3');
  await expect(page.getByTestId('inspector-state')).toContainText('activity');
  // Layer 2's neurons each have 16 incoming weights (from layer 1).
  await expect(page.getByTestId('inspector-weights')).toHaveAttribute('data-value', '16');
  await expect(page.getByTestId('inspector-weights').locator('.bar')).toHaveCount(16);
  await step100(page);
  await step100(page);
  await expect.poll(async () => Number(await page.getByTestId('inspector-history').getAttribute('data-value'))).toBeGreaterThanOrEqual(3);
  await page.getByTestId('inspector-close').click();
  await expect(inspector).toHaveCount(0);
});
