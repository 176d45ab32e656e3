// Share links reopen exactly the same run; bad links fall back safely;
// scenarios and results go in and out as files.
import { readFileSync } from 'node:fs';
import { test, expect } from './support/fixtures.mjs';
import { openSimulator, runToEnd, figureTexts, editService, setField } from './simulator-helpers.mjs';

test('a share link reopens the same run in a fresh browser', async ({ page, freshContext }) => {
  await openSimulator(page, '?preset=retry-storm');
  // Make it a scenario of its own: a different seed and an edited service.
  await page.locator('#sim-seed').fill('4242');
  await page.locator('#sim-seed').press('Enter');
  const service = (await page.locator('.editor-nav .chip').nth(1).textContent()).trim();
  await editService(page, service);
  await setField(page, 'Workers', 7);
  await runToEnd(page);
  const figures = await figureTexts(page);
  const link = await page.locator('#share-url').inputValue();
  expect(link).toMatch(/simulator\/?#scenario=1\.[\w-]+$/);
  expect(link).toBe(page.url());

  const fresh = await freshContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.locator('.preset-name')).not.toHaveText(/^(Loading the scenario…)?$/);
  await expect(other.locator('#sim-seed')).toHaveValue('4242');
  await runToEnd(other);
  expect(await figureTexts(other)).toEqual(figures);
  await expect(other.locator('#link-notice')).toHaveCount(0);
});

for (const [what, mangle] of [
  ['tampered', (code) => code.slice(0, 20) + (code[20] === 'A' ? 'B' : 'A') + code.slice(21)],
  ['truncated', (code) => code.slice(0, Math.floor(code.length / 2))],
  ['garbage', () => 'not-a-scenario'],
  ['unknown-version', (code) => `9${code.slice(1)}`],
]) {
  test(`a ${what} link shows a clear message and opens the default preset`, async ({ page }) => {
    await openSimulator(page, '?preset=bulkhead');
    await page.locator('#sim-seed').fill('77');
    await page.locator('#sim-seed').press('Enter');
    await expect(page).toHaveURL(/#scenario=/);
    const code = new URL(page.url()).hash.replace('#scenario=', '');
    await page.goto(`simulator#scenario=${mangle(code)}`);
    await page.reload();
    await expect(page.locator('#link-notice')).toContainText('could not be opened');
    await expect(page.locator('#preset-select')).toHaveValue('slow-dependency');
    await runToEnd(page);
  });
}

test('an unknown preset shows a message and opens the default preset', async ({ page }) => {
  test.info().annotations.push({ type: 'note', description: 'the unknown id never becomes a request' });
  await openSimulator(page, '?preset=no-such-preset');
  await expect(page.locator('#link-notice')).toContainText('no preset called "no-such-preset"');
  await expect(page.locator('#preset-select')).toHaveValue('slow-dependency');
});

test('scenario JSON exports and imports; bad JSON is explained', async ({ page }) => {
  await openSimulator(page, '?preset=circuit-breaker');
  const download = page.waitForEvent('download');
  await page.locator('#export-scenario').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.json$/);
  const exported = JSON.parse(readFileSync(await file.path(), 'utf8'));
  const preset = JSON.parse(readFileSync('content/scenarios/circuit-breaker.json', 'utf8'));
  expect(exported.name).toBe(preset.name);
  expect(exported.services.length).toBe(preset.services.length);

  // Import: open the healthy chain's file as if the reader picked it.
  await page.locator('#import-file').setInputFiles('content/scenarios/healthy-chain.json');
  const healthy = JSON.parse(readFileSync('content/scenarios/healthy-chain.json', 'utf8'));
  await expect(page.locator('.preset-name')).toHaveText(healthy.name);
  await expect(page.locator('.sim-share [role="status"]').last()).toContainText('Opened');

  // Pasted JSON with a bad field names the field.
  await page.locator('.paste-json summary').click();
  const bad = { ...healthy, duration_s: -5 };
  await page.locator('#import-text').fill(JSON.stringify(bad));
  await page.locator('#import-open').click();
  await expect(page.locator('.import-errors')).toContainText('duration_s');
  await page.locator('#import-text').fill('{ not json');
  await page.locator('#import-open').click();
  await expect(page.locator('.import-errors')).toContainText('not valid JSON');
  await expect(page.locator('.preset-name')).toHaveText(healthy.name);
});

test('run results export as CSV and JSON', async ({ page }) => {
  await openSimulator(page, '?preset=healthy-chain');
  await runToEnd(page);
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'results (CSV)' }).click();
  const csv = readFileSync(await (await csvDownload).path(), 'utf8').trim().split('\r\n');
  expect(csv[0]).toMatch(/^t_s,width_s,client\.arrivals/);
  const duration = JSON.parse(readFileSync('content/scenarios/healthy-chain.json', 'utf8')).duration_s;
  expect(csv.length).toBe(1 + duration);

  const jsonDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'results (JSON)' }).click();
  const results = JSON.parse(readFileSync(await (await jsonDownload).path(), 'utf8'));
  expect(results.format).toBe('faultline-run');
  expect(results.buckets.length).toBe(duration);
  expect(results.summary.requests.offered).toBeGreaterThan(0);
});
