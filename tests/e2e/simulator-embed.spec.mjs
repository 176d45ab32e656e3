// The compact simulator inside an article runs its preset to the end, gives
// the same figures as the full simulator, and links to it.
import { test, expect, openRoute } from './support/fixtures.mjs';
import { expectNoAxeViolations } from './support/axe.mjs';
import { runToEnd, figure } from './simulator-helpers.mjs';

test('an embedded run matches the full simulator and links to it', async ({ page }) => {
  await openRoute(page, '/articles/sync-vs-async');
  const embed = page.locator('figure.sim-embed[data-preset="slow-dependency"]').first();
  const play = embed.getByRole('button', { name: 'Replay' });
  // The figure comes alive as the reader scrolls to it, its run finished.
  await embed.scrollIntoViewIfNeeded();
  await expect(play).toBeEnabled();
  await expect(embed.locator('.embed-charts .chart')).toHaveCount(2);
  const finished = await embed.locator('.embed-figures').textContent();
  // Replayed, it comes to the same end.
  await play.click();
  await expect(embed.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(embed.getByRole('button', { name: 'Replay' })).toBeVisible({ timeout: 30_000 });
  const line = await embed.locator('.embed-figures').textContent();
  expect(line).toBe(finished);
  const failed = line.match(/failed ([\d.]+) %/);
  expect(failed, line).not.toBeNull();
  await expectNoAxeViolations(page, 'figure.sim-embed');

  const link = embed.getByRole('link', { name: 'Open in the simulator' });
  await expect(link).toHaveAttribute('href', /simulator\/\?preset=slow-dependency$/);
  await link.click();
  await expect(page.locator('#preset-select')).toHaveValue('slow-dependency');
  await runToEnd(page);
  expect((await figure(page, 'failed')).toFixed(1)).toBe(Number(failed[1]).toFixed(1));
});
