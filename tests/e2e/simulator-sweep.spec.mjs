// Sweeps on the simulator page: a parameter over a range, several seeds per
// point, run on a pool of engine workers; the curve with its band, a table
// as its text alternative, exports, a share link that reopens it, cancel,
// and clear messages for bad ranges.
import { readFile } from 'node:fs/promises';
import { test, expect } from './support/fixtures.mjs';
import { expectNoAxeViolations, colorSchemes } from './support/axe.mjs';
import { openSimulator, runToEnd } from './simulator-helpers.mjs';

/** Opens the sweep tools (their code loads on first use), once. */
async function openSweepTools(page) {
  if (await page.locator('#sweep-param').isVisible()) return;
  await page.locator('#sweep-open').click();
  await expect(page.locator('#sweep-param')).toBeVisible();
}

/** Fills the sweep form (the parameter by its JSON path) and runs it. */
async function sweep(page, { param, from, to, points, seeds, workers }) {
  await openSweepTools(page);
  await page.locator('#sweep-param').selectOption(param);
  await page.locator('#sweep-from').fill(String(from));
  await page.locator('#sweep-to').fill(String(to));
  await page.locator('#sweep-steps').fill(String(points));
  await page.locator('#sweep-seeds').fill(String(seeds));
  if (workers) await page.locator('#sweep-workers').selectOption(String(workers));
  await page.locator('#sweep-run').click();
}

/** The result table's rows as [parameter, mean] numbers. */
async function tableRows(page) {
  return page.locator('.sweep-table tbody tr').evaluateAll((rows) =>
    rows.map((row) => [row.querySelector('th').textContent, row.querySelector('td').textContent]),
  );
}

// The healthy chain's busiest service saturates near 340 requests/s (natively,
// `sim sweep healthy-chain --param load.rate_rps --values 50:350:4 --seeds 2`:
// p99 96, 96, 100, 678 ms).
const LOAD_SWEEP = { param: 'load.rate_rps', from: 50, to: 350, points: 4, seeds: 2 };

test('a load sweep runs to the end and draws the hockey stick with its table', async ({ page }) => {
  test.setTimeout(120_000);
  await openSimulator(page, '?preset=healthy-chain');
  await sweep(page, LOAD_SWEEP);
  await expect(page.locator('#sweep-summary')).toHaveText('4 points × 2 seeds = 8 runs.', { timeout: 90_000 });
  await expect(page.locator('.sweep-point')).toHaveCount(4);
  await expect(page.locator('.sweep-band')).toHaveAttribute('d', /^M.+Z$/);
  const rows = await tableRows(page);
  expect(rows.map(([x]) => x)).toEqual(['50', '150', '250', '350']);
  // p99 latency grows with the load, slowly and then past saturation at once.
  const p99 = rows.map(([, y]) => Number(y.replace(/\s/g, '')));
  for (let i = 1; i < p99.length; i++) expect(p99[i]).toBeGreaterThan(p99[i - 1]);
  expect(p99[2]).toBeLessThan(p99[0] * 1.2);
  expect(p99[3]).toBeGreaterThan(p99[0] * 4);
  // A point tells its numbers on keyboard focus.
  await page.locator('.sweep-point').last().focus();
  await expect(page.locator('.sweep-readout')).toContainText('At 350:');
  // Another metric redraws the same points.
  await page.locator('#sweep-metric').selectOption('goodput_rps');
  await expect(page.locator('.sweep-table caption')).toContainText('Goodput');
  // Both exports hold every point.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('#sweep-csv').click()]);
  const text = await readFile(await csv.path(), 'utf8');
  expect(text.split('\n')[0]).toMatch(/^load\.rate_rps,offered_rps_mean,offered_rps_ci95,/);
  expect(text.trim().split('\n')).toHaveLength(5);
  const [json] = await Promise.all([page.waitForEvent('download'), page.locator('#sweep-json').click()]);
  const result = JSON.parse(await readFile(await json.path(), 'utf8'));
  expect(result.points).toHaveLength(4);
  expect(result.seeds).toHaveLength(2);
});

test('the result does not depend on how many workers ran it, and a share link reopens it', async ({ page, context }) => {
  test.setTimeout(180_000);
  await openSimulator(page, '?preset=healthy-chain');
  await sweep(page, { ...LOAD_SWEEP, workers: 1 });
  await expect(page.locator('#sweep-summary')).toBeVisible({ timeout: 90_000 });
  const one = await tableRows(page);
  await sweep(page, { ...LOAD_SWEEP, workers: 2 });
  await expect(page.locator('#sweep-progress')).toHaveCount(0, { timeout: 90_000 });
  await expect(page.locator('#sweep-summary')).toBeVisible();
  expect(await tableRows(page)).toEqual(one);
  await expect(page).toHaveURL(/#sweep=/);
  const link = page.url();
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.locator('#sweep-summary')).toHaveText('4 points × 2 seeds = 8 runs.', { timeout: 90_000 });
  expect(await tableRows(other)).toEqual(one);
  await expect(other.locator('#sweep-param')).toHaveValue('load.rate_rps');
  await expect(other.locator('#sweep-steps')).toHaveValue('4');
});

test('cancel stops every worker of the sweep', async ({ page }) => {
  test.setTimeout(120_000);
  await openSimulator(page, '?preset=ten-services');
  expect(page.workers()).toHaveLength(0);
  await sweep(page, { param: 'load.rate_rps', from: 20, to: 200, points: 20, seeds: 5, workers: 2 });
  await expect.poll(() => page.workers().length).toBe(2);
  await expect(page.locator('#sweep-progress')).toBeVisible();
  await page.locator('#sweep-cancel').click();
  await expect(page.locator('#sweep-error')).toContainText('cancelled');
  await expect(page.locator('#sweep-progress')).toHaveCount(0);
  await expect.poll(() => page.workers().length).toBe(0);
  await expect(page.locator('#sweep-run')).toBeEnabled();
});

test('a bad range says what is wrong and runs nothing', async ({ page }) => {
  await openSimulator(page, '?preset=healthy-chain');
  await sweep(page, { ...LOAD_SWEEP, from: 'lots' });
  await expect(page.locator('#sweep-error')).toContainText('From:');
  await sweep(page, { ...LOAD_SWEEP, points: 0 });
  await expect(page.locator('#sweep-error')).toContainText('Points: must be between 1 and 200');
  await sweep(page, { ...LOAD_SWEEP, seeds: 500 });
  await expect(page.locator('#sweep-error')).toContainText('Seeds per point: must be between 1 and 100');
  await sweep(page, { ...LOAD_SWEEP, from: -5 });
  await expect(page.locator('#sweep-error')).toContainText('load.rate_rps');
  expect(page.workers()).toHaveLength(0);
  await expect(page.locator('#sweep-progress')).toHaveCount(0);
});

test('the sweep tools load only when opened, and take the keyboard focus', async ({ page }) => {
  const split = [];
  page.on('request', (request) => /\/bundles\/simulator-[^/]+\/split_/.test(request.url()) && split.push(request.url()));
  await openSimulator(page, '?preset=healthy-chain');
  await expect(page.locator('#sweep-open')).toBeVisible();
  await expect(page.locator('#sweep-param')).toHaveCount(0);
  expect(split, 'nothing of the sweep tools before they are opened').toEqual([]);
  await page.locator('#sweep-open').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#sweep-param')).toBeFocused();
  expect(split.map((url) => url.split('/').pop())).toEqual(['split_sweep_tools.wasm']);
  // The form opens on the scenario's first parameter and its range.
  await expect(page.locator('#sweep-param')).toHaveValue('load.rate_rps');
  await expect(page.locator('#sweep-from')).not.toHaveValue('');
});

test.describe('when the sweep tools cannot load', () => {
  // The failed fetch is logged by the browser and by the split loader.
  test.use({ allowedProblems: /split_sweep_tools|Failed to fetch|ERR_FAILED/ });

  test('the panel says so, the page keeps working, and a retry loads them', async ({ page }) => {
    test.setTimeout(120_000);
    let block = true;
    await page.route(/\/split_[^/]*\.wasm$/, (route) => (block ? route.abort() : route.continue()));
    await openSimulator(page, '?preset=healthy-chain');
    await page.locator('#sweep-open').click();
    await expect(page.locator('#sweep-open-failed')).toContainText('The sweep tools could not be loaded');
    // The rest of the page is unharmed: a run still plays to its end.
    await page.locator('#sim-reset').click();
    await runToEnd(page, 90_000);
    block = false;
    await page.locator('#sweep-open').click();
    await expect(page.locator('#sweep-param')).toBeVisible();
    await expect(page.locator('#sweep-open-failed')).toHaveCount(0);
  });
});

test('a damaged sweep link says so and opens the scenario anyway', async ({ page }) => {
  await page.goto('simulator?preset=healthy-chain#sweep=%%%');
  await expect(page.locator('#link-notice')).toContainText("This link's sweep could not be opened");
  await expect(page.locator('.preset-name')).toContainText('healthy');
});

for (const colorScheme of colorSchemes) {
  test(`the sweep panel has no axe violations in the ${colorScheme} theme`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme });
    await openSimulator(page, '?preset=healthy-chain');
    await sweep(page, LOAD_SWEEP);
    await expect(page.locator('#sweep-summary')).toBeVisible({ timeout: 90_000 });
    await expectNoAxeViolations(page, '.sim-sweep');
  });
}

test.describe('the guide draws its sweep figures without scripts', () => {
  test.use({ javaScriptEnabled: false });

  for (const [slug, points] of [['queues-and-backpressure', 7], ['cascading-and-metastable-failures', 14], ['timeouts-retries-backoff', 7]]) {
    test(`${slug} shows its curve and table`, async ({ page }) => {
      await page.goto(`articles/${slug}/`);
      const figure = page.locator('figure.sweep-figure');
      await expect(figure).toHaveCount(1);
      await expect(figure.locator('.sweep-point')).toHaveCount(points);
      await expect(figure.locator('.sweep-table tbody tr')).toHaveCount(7);
      await expect(figure.locator('figcaption')).not.toBeEmpty();
    });
  }
});

test("a guide's sweep figure reruns in the simulator, with the same numbers", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('articles/queues-and-backpressure/');
  const figure = page.locator('figure.sweep-figure');
  const prerendered = await figure.locator('.sweep-table tbody tr').allTextContents();
  await figure.getByRole('link', { name: 'Run this sweep in the simulator' }).click();
  await expect(page.locator('#sweep-summary')).toHaveText('7 points × 5 seeds = 35 runs.', { timeout: 90_000 });
  const live = await page.locator('.sim-sweep .sweep-table tbody tr').allTextContents();
  expect(live).toEqual(prerendered);
});
