// The simulator shows the behaviours the guide explains, and responds to edits.
import { test, expect } from './support/fixtures.mjs';
import {
  openSimulator, runToEnd, figure, peakUtilization, editService, setField, waitForSimulatedTime, framesPass,
} from './simulator-helpers.mjs';

test('a slow dependency saturates the pools and errors climb; timeouts keep errors bounded', async ({ page }) => {
  await openSimulator(page, '?preset=slow-dependency');
  await runToEnd(page);
  // Pools fill from the bottom up: orders, then api, reach 100 % busy.
  expect(await peakUtilization(page, 'orders')).toBeGreaterThanOrEqual(99);
  expect(await peakUtilization(page, 'api')).toBeGreaterThanOrEqual(99);
  const slowFailed = await figure(page, 'failed');
  const slowWorst = await figure(page, 'peak_errors');
  // End to end, nearly every request fails while the pools are full.
  expect(slowWorst).toBeGreaterThan(80);
  expect(slowFailed).toBeGreaterThan(15);
  // The topology said it in words too: a saturated box reads "busy 100 %".
  await expect(page.locator('.topo-node[data-service="orders"]')).toBeVisible();

  await page.locator('#preset-select').selectOption('slow-dependency-timeouts');
  await expect(page.locator('.preset-name')).toHaveText('The slow dependency, with timeouts');
  await runToEnd(page);
  const fixedFailed = await figure(page, 'failed');
  const fixedWorst = await figure(page, 'peak_errors');
  // Only the checkouts that need payments fail: about 30 % at worst.
  expect(fixedWorst).toBeLessThan(50);
  expect(fixedFailed).toBeLessThan(slowFailed / 2);
  expect(await peakUtilization(page, 'api')).toBeLessThan(90);
});

test('editing a parameter changes the result', async ({ page }) => {
  await openSimulator(page, '?preset=slow-dependency');
  await runToEnd(page);
  const before = await figure(page, 'failed');
  await editService(page, 'orders');
  // Far more workers than the slow payments can tie up: the pool never fills.
  await setField(page, 'Workers', 400);
  await expect(page.locator('.badge')).toHaveText('edited');
  await expect(page.locator('.run-status')).toHaveText('Ready');
  await runToEnd(page);
  const after = await figure(page, 'failed');
  expect(after).toBeLessThan(before / 2);
  expect(await peakUtilization(page, 'orders')).toBeLessThan(99);
});

test('invalid input shows its message by the field and the run cannot start', async ({ page }) => {
  await openSimulator(page, '?preset=healthy-chain');
  const service = await page.locator('.editor-nav .chip').nth(1).textContent();
  await editService(page, service.trim());
  const workers = page.locator('.editor-body').getByLabel('Workers', { exact: true });

  await setField(page, 'Workers', 0);
  const field = page.locator('.editor-body .field').filter({ has: page.getByLabel('Workers', { exact: true }) });
  await expect(field.locator('.field-error')).toBeVisible();
  await expect(field.locator('.field-error')).toContainText('must be between 1 and');
  await expect(workers).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#sim-play')).toBeDisabled();
  await expect(page.locator('.problems')).toContainText('workers');

  await setField(page, 'Workers', 'lots');
  await expect(field.locator('.field-error')).toContainText('is not a number');
  await expect(page.locator('#sim-play')).toBeDisabled();

  // "Go to the field" from the problem list lands on the field.
  await page.locator('.problems').getByRole('button', { name: 'Go to the field' }).first().click();
  await expect(workers).toBeFocused();

  await setField(page, 'Workers', 12);
  await expect(field.locator('.field-error')).toBeHidden();
  await expect(page.locator('.problems')).toHaveCount(0);
  await expect(page.locator('#sim-play')).toBeEnabled();
});

test('play, pause, step and reset drive the run', async ({ page }) => {
  await openSimulator(page, '?preset=healthy-chain');
  const clock = page.locator('#sim-clock');
  await expect(clock).toContainText('0 s of');
  await page.locator('#sim-step').click();
  await expect(page.locator('.run-status')).toHaveText('Paused');
  await expect(clock).toHaveText(/^1 s of/);
  await page.locator('#sim-step').click();
  await expect(clock).toHaveText(/^2 s of/);
  await page.locator('#sim-speed').selectOption('5');
  await page.locator('#sim-play').click();
  await expect(page.locator('.run-status')).toHaveText('Running');
  // Playing advances the clock past where stepping left it.
  await waitForSimulatedTime(page, 3);
  await page.locator('#sim-play').click();
  await expect(page.locator('.run-status')).toHaveText('Paused');
  const paused = await clock.textContent();
  // Paused means stopped: thirty frames later the clock has not moved.
  await framesPass(page, 30);
  await expect(clock).toHaveText(paused);
  await page.locator('#sim-reset').click();
  await expect(page.locator('.run-status')).toHaveText('Ready');
  await expect(clock).toHaveText(/^0 s of/);
});

test('results do not depend on the speed', async ({ page }) => {
  await openSimulator(page, '?preset=retry-storm');
  await runToEnd(page);
  const fast = await page.locator('.figures').textContent();
  await page.locator('#sim-reset').click();
  // A slower, paced run of the same seed: paused part way, then finished at full speed.
  await page.locator('#sim-speed').selectOption('50');
  await page.locator('#sim-play').click();
  await waitForSimulatedTime(page, 2);
  await page.locator('#sim-play').click();
  await expect(page.locator('.run-status')).toHaveText('Paused');
  await runToEnd(page);
  expect(await page.locator('.figures').textContent()).toBe(fast);
});

test('compare mode runs both variants on the same axes and sums up the difference', async ({ page }) => {
  await openSimulator(page, '?preset=slow-dependency');
  await page.locator('#compare-with').selectOption('v:timeouts');
  await page.locator('#compare-start').click();
  await expect(page.locator('.compare-runs li')).toHaveCount(2);
  await runToEnd(page);
  await expect(page.locator('#compare-sentence')).toContainText('B fails');
  const failed = page.locator('tr[data-diff="failed"]');
  const a = parseFloat(await failed.locator('td[data-run="a"]').textContent());
  const b = parseFloat(await failed.locator('td[data-run="b"]').textContent());
  expect(b).toBeLessThan(a);
  await expect(failed.locator('td').last()).toContainText('better');
  // Both runs share each chart: A solid, B dashed, one legend.
  const errors = page.locator('.chart-cell[data-chart="errors"]');
  await expect(errors.locator('.chart-legend-run')).toHaveCount(2);
  await expect(errors.locator('path.chart-line[stroke-dasharray="5 4"]').first()).toBeAttached();
  // The compare link holds both scenarios.
  expect(new URL(page.url()).hash).toMatch(/^#scenario=1\.[\w-]+&compare=1\.[\w-]+$/);
  await page.locator('#compare-stop').click();
  await expect(page.locator('.compare-runs')).toHaveCount(0);
});

test('the trace view shows a request\'s attempts as a waterfall', async ({ page }) => {
  await openSimulator(page, '?preset=retry-storm');
  await runToEnd(page);
  const picker = page.locator('.trace-picker select');
  await expect(picker.locator('option').first()).toBeAttached();
  const rows = page.locator('.waterfall .span-row');
  expect(await rows.count()).toBeGreaterThan(0);
  await expect(page.locator('.trace-summary')).toContainText('Request');
  // Retries are marked in words (the preset retries without backoff).
  const labels = await picker.locator('option').allTextContents();
  const withRetries = labels.findIndex((l) => /\(\d+ retr/.test(l));
  expect(withRetries).toBeGreaterThanOrEqual(0);
  await picker.selectOption({ index: withRetries });
  await expect(page.locator('.waterfall .span-retry').first()).toBeVisible();
  await expect(page.locator('.waterfall .span-retry .span-name').first()).toContainText('retry');
});

test('every chart has a data table as its text alternative and a readout', async ({ page }) => {
  await openSimulator(page, '?preset=healthy-chain');
  await runToEnd(page);
  const chart = page.locator('.chart-cell[data-chart="latency"]');
  await expect(chart.locator('.chart-readout')).toContainText('Latest');
  await chart.getByRole('button', { name: 'Show data table' }).click();
  const table = chart.locator('table');
  await expect(table).toBeVisible();
  await expect(table.locator('thead th')).toHaveText(['Time (s)', 'p50', 'p95', 'p99']);
  expect(await table.locator('tbody tr').count()).toBeGreaterThan(10);
  // The plot reads out values under the keyboard cursor.
  await chart.locator('.chart-plot').focus();
  await page.keyboard.press('Home');
  await expect(chart.locator('.chart-readout')).toContainText('At 1 s');
  await page.keyboard.press('ArrowRight');
  await expect(chart.locator('.chart-readout')).toContainText('At 2 s');
});
