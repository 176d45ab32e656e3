// The simulator is keyboard operable, axe-clean in both themes (idle,
// after a run, in compare mode, with tables and problems showing), and
// usable on a 360 px wide screen.
import { test, expect } from './support/fixtures.mjs';
import { expectNoAxeViolations, colorSchemes } from './support/axe.mjs';
import { openSimulator, runToEnd, editService, setField, waitForSimulatedTime } from './simulator-helpers.mjs';

for (const colorScheme of colorSchemes) {
  test(`the simulator has no axe violations in the ${colorScheme} theme`, async ({ page }) => {
    // Three full axe passes over a large page, and two runs.
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme });
    await openSimulator(page, '?preset=ten-services');
    await expectNoAxeViolations(page);
    await runToEnd(page);
    await page.locator('.chart-cell[data-chart="errors"]').getByRole('button', { name: 'Show data table' }).click();
    await expectNoAxeViolations(page);
    await page.locator('#compare-with').selectOption('v:breakers');
    await page.locator('#compare-start').click();
    await runToEnd(page);
    await editService(page, 'cart');
    await setField(page, 'Workers', 0);
    await expect(page.locator('.problems')).toBeVisible();
    await expectNoAxeViolations(page);
  });
}

test('the controls work from the keyboard alone', async ({ page }) => {
  await openSimulator(page, '?preset=healthy-chain');
  // Tab from the preset picker to the play button.
  await page.locator('#preset-select').focus();
  let guard = 0;
  while (!(await page.locator('#sim-play').evaluate((el) => el === document.activeElement)) && guard++ < 20) {
    await page.keyboard.press('Tab');
  }
  await expect(page.locator('#sim-play')).toBeFocused();
  // Space starts, Enter pauses.
  await page.keyboard.press('Space');
  await expect(page.locator('.run-status')).toHaveText('Running');
  await page.keyboard.press('Enter');
  await expect(page.locator('.run-status')).toHaveText('Paused');
  // Step and reset are the next controls.
  await page.keyboard.press('Tab');
  await expect(page.locator('#sim-step')).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.locator('#sim-reset')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.run-status')).toHaveText('Ready');
  // The speed select changes with the arrow keys.
  await page.keyboard.press('Tab');
  await expect(page.locator('#sim-speed')).toBeFocused();
  await page.locator('#sim-speed').selectOption('max');
  await page.locator('#sim-play').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.run-status')).toHaveText('Finished', { timeout: 60_000 });
  // A service in the diagram opens in the editor with Enter.
  const node = page.locator('.topo-node').first();
  await node.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#sim-editor-part')).toHaveText(/^Service /);
  // The focus stays on the diagram's box while a run updates it.
  await page.locator('#sim-speed').selectOption('10');
  await page.locator('#sim-reset').click();
  await page.locator('#sim-play').click();
  await node.focus();
  // Let the run redraw the diagram for a few simulated seconds.
  await waitForSimulatedTime(page, 3);
  await expect(node).toBeFocused();
});

test('the simulator fits a 360 px wide screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await openSimulator(page, '?preset=slow-dependency');
  // Nothing but the diagram (which scrolls in its own box) is wider than the screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(overflow).toBeLessThanOrEqual(360);
  await runToEnd(page);
  await expect(page.locator('[data-figure="failed"]')).toBeVisible();
  await expectNoAxeViolations(page);
});
