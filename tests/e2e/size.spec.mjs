// Load budgets: everything a page loads on a direct visit (HTML, JS, WASM,
// CSS, data), gzip-compressed as a static host would serve it.
//
// The home page loads only the shell (router, layout, light pages). The heavy
// parts are page bundles, separate wasm modules loaded when a page needs them
// (scripts/build-bundles.mjs), each with its own budget here so none grows
// unnoticed. Each budget sits up to about 10 % above the size last measured
// (given beside it), so that a regression shows; lower them as sizes fall.
// The figures are printed on every run.
import { gzipSync } from 'node:zlib';
import { test, expect } from './support/fixtures.mjs';

const KB = 1000;

/** Loads `path` in a fresh page, waits for `ready`, returns gzip bytes per file. */
async function measure(page, path, ready) {
  const responses = [];
  page.on('response', (response) => responses.push(response));
  await page.goto(path);
  await expect(page.locator(ready).first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  const rows = [];
  for (const response of responses) {
    // A redirect has no body of its own (the file it leads to is counted as
    // its own response); any other response that cannot be read fails the
    // measurement rather than counting as 0 bytes.
    if (response.status() >= 300 && response.status() < 400) continue;
    const body = await response.body().catch((error) => {
      throw new Error(`cannot read the response for ${response.url()} (${response.status()}): ${error.message}`);
    });
    rows.push({
      file: new URL(response.url()).pathname,
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
    });
  }
  rows.sort((a, b) => b.gzip - a.gzip);
  return rows;
}

function report(label, rows, budget) {
  const total = rows.reduce((sum, row) => sum + row.gzip, 0);
  const lines = rows.map((row) => `  ${String(row.gzip).padStart(8)} B gzip  ${String(row.raw).padStart(9)} B raw  ${row.file}`);
  console.log(`${label}: ${total} bytes gzip (${(total / KB).toFixed(1)} KB), budget ${budget / KB} KB\n${lines.join('\n')}`);
  return total;
}

test('the home page first load fits the compressed size budget', async ({ page }) => {
  const budget = 185 * KB; // 168.3 KB measured
  const rows = await measure(page, '', 'main#main h1');
  const total = report('First load of the home page', rows, budget);
  const files = rows.map((row) => row.file);
  expect(files.some((file) => file.endsWith('.wasm')), 'the WASM module is counted').toBe(true);
  expect(files.some((file) => file.endsWith('.js')), 'the JS glue is counted').toBe(true);
  expect(files.some((file) => file.endsWith('.css')), 'the stylesheet is counted').toBe(true);
  expect(files.some((file) => file.includes('/bundles/')), 'the home page loads no page bundle').toBe(false);
  expect(total, `first load is ${total} bytes gzip`).toBeLessThanOrEqual(budget);
});

// Each page that needs a bundle loads the shell and that bundle, no other.
const pages = [
  { label: 'The guide index', path: 'articles', ready: '.article-list, .index-articles li', bundles: ['reading'], budget: 383 * KB }, // 348.0 measured
  { label: 'An article before its figures load', path: 'articles/data-ownership', ready: '.article-body h2', bundles: ['reading'], budget: 398 * KB }, // 361.8 measured
  // 619.7 KB measured (636.1 before the share link's CRC-32 came from the
  // `crc` crate's 1 KB table instead of crc32fast's 16 KB one). The
  // static-first islands are to cut it further.
  { label: 'The checklist', path: 'checklist', ready: '.checklist-page [role="tablist"]', bundles: ['checklist'], budget: 660 * KB },
  { label: 'The simulator', path: 'simulator', ready: '#sim-play', bundles: ['simulator'], budget: 850 * KB }, // 786.7 measured
];

for (const { label, path, ready, bundles, budget } of pages) {
  test(`${label} loads only its bundle, within its budget`, async ({ page }) => {
    const rows = await measure(page, path, ready);
    const total = report(`${label} (/${path})`, rows, budget);
    const loaded = [...new Set(rows.map((row) => row.file.match(/\/bundles\/([a-z]+)-/)?.[1]).filter(Boolean))];
    expect(loaded.sort()).toEqual([...bundles].sort());
    expect(total, `/${path} loads ${total} bytes gzip`).toBeLessThanOrEqual(budget);
  });
}
