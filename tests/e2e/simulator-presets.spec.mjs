// Every preset loads from its link, shows what to watch and a link to its
// article, runs to the end, and fills in its figures, charts and traces.
import { test, expect } from './support/fixtures.mjs';
import { presetIds, openSimulator, runToEnd, figure } from './simulator-helpers.mjs';

test('there are at least ten presets, all offered in the picker', async ({ page }) => {
  expect(presetIds.length).toBeGreaterThanOrEqual(10);
  await openSimulator(page);
  const offered = await page.locator('#preset-select option').evaluateAll((options) => options.map((o) => o.value));
  for (const id of presetIds) expect(offered).toContain(id);
});

for (const id of presetIds) {
  test(`preset ${id} loads and runs`, async ({ page }) => {
    await openSimulator(page, `?preset=${id}`);
    await expect(page.locator('#preset-select')).toHaveValue(id);
    // What to watch, and the article that explains it.
    await expect(page.locator('.preset-description')).not.toBeEmpty();
    await expect(page.locator('.preset-article a')).toHaveAttribute('href', /articles\/[a-z-]+\/$/);
    await expect(page.locator('.topo-node').first()).toBeVisible();

    await runToEnd(page);
    expect(await figure(page, 'offered')).toBeGreaterThan(0);
    // Every chart drew at least one line.
    const charts = page.locator('.chart-cell');
    await expect(charts).toHaveCount(6);
    for (const chart of await charts.all()) {
      await expect(chart.locator('path.chart-line').first()).toHaveAttribute('d', /^M/);
    }
    await expect(page.locator('.waterfall .span-row').first()).toBeVisible();
    // The address still names the (unchanged) preset.
    expect(new URL(page.url()).search).toBe(`?preset=${id}`);
  });
}
