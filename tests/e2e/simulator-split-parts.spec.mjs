// Code the simulator splits off its island and fetches on first use
// (crates/web/src/simulator/on_first_use.rs): compare mode's table of
// differences and the writers of the results files. (The sweep tools and
// the editor's forms are covered in simulator-sweep.spec.mjs and
// simulator-editor-first-use.spec.mjs.) Each loads only
// when used, and one that cannot load says so and leaves the page working.
import { readFileSync } from 'node:fs';
import { test, expect } from './support/fixtures.mjs';
import { openSimulator, runToEnd } from './simulator-helpers.mjs';

/** Records the split-off wasm files the page fetches, by file name. */
function watchSplitFiles(page) {
  const files = [];
  page.on('request', (request) => {
    const match = /\/bundles\/simulator-[^/]+\/((?:split|chunk)_[^/]+\.wasm)$/.exec(request.url());
    if (match) files.push(match[1]);
  });
  return files;
}

test('the comparison table and the results writers load when first used, not before', async ({ page }) => {
  test.setTimeout(120_000);
  const files = watchSplitFiles(page);
  await openSimulator(page, '?preset=slow-dependency');
  await runToEnd(page);
  expect(files, 'no split-off code for a plain run').toEqual([]);

  await page.locator('#compare-with').selectOption('v:timeouts');
  await page.locator('#compare-start').click();
  await expect(page.getByText('Press Play: both runs advance together.')).toBeVisible();
  // Compare mode also changes what the editor shows (variant A or B), so
  // its forms come too.
  const split = () => files.filter((file) => file.startsWith('split_')).sort();
  expect(split()).toEqual(['split_compare_table.wasm', 'split_editor_forms.wasm']);
  await runToEnd(page);
  await expect(page.locator('#compare-sentence')).toContainText('B fails');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'A results (CSV)' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8').trim().split('\r\n');
  expect(csv[0]).toMatch(/^t_s,width_s,client\.arrivals/);
  expect(split()).toEqual(['split_compare_table.wasm', 'split_editor_forms.wasm', 'split_results_writer.wasm']);
});

test.describe('when the results writers cannot load', () => {
  // The failed fetch is logged by the browser and by the split loader.
  test.use({ allowedProblems: /split_results_writer|Failed to fetch|ERR_FAILED/ });

  test('the export says so, and works once the code can load', async ({ page }) => {
    test.setTimeout(120_000);
    let block = true;
    await page.route(/\/split_results_writer\.wasm$/, (route) => (block ? route.abort() : route.continue()));
    await openSimulator(page, '?preset=healthy-chain');
    await runToEnd(page);
    await page.getByRole('button', { name: 'results (JSON)' }).click();
    await expect(page.locator('.sim-share .field-error')).toHaveText(
      'the export code could not be loaded: check the connection and try again',
    );
    // Nothing else is lost: the run and its figures are still on the page.
    await expect(page.locator('.run-status')).toHaveText('Finished');
    block = false;
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'results (JSON)' }).click();
    const results = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
    expect(results.format).toBe('faultline-run');
    await expect(page.locator('.sim-share .field-error')).toHaveCount(0);
  });
});
