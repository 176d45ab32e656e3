// First-load budget: everything the home page loads (HTML, JS, WASM, CSS and
// the rest), gzip-compressed as a static host would serve it, stays under
// 250 KB. The figure is printed on every run; keep it falling.
import { gzipSync } from 'node:zlib';
import { test, expect } from './support/fixtures.mjs';

const BUDGET_BYTES = 250 * 1000;

test('the home page first load fits the compressed size budget', async ({ page }) => {
  const responses = [];
  page.on('response', (response) => responses.push(response));
  await page.goto('');
  await expect(page.locator('main#main h1')).toBeVisible();
  await page.waitForLoadState('networkidle');

  const rows = [];
  for (const response of responses) {
    const body = await response.body();
    rows.push({
      file: new URL(response.url()).pathname,
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
    });
  }
  rows.sort((a, b) => b.gzip - a.gzip);
  const total = rows.reduce((sum, row) => sum + row.gzip, 0);
  const lines = rows.map((row) => `  ${String(row.gzip).padStart(8)} B gzip  ${String(row.raw).padStart(9)} B raw  ${row.file}`);
  console.log(`First load of the home page: ${total} bytes gzip (${(total / 1000).toFixed(1)} KB), budget ${BUDGET_BYTES / 1000} KB\n${lines.join('\n')}`);

  const kinds = rows.map((row) => row.file);
  expect(kinds.some((file) => file.endsWith('.wasm')), 'the WASM module is counted').toBe(true);
  expect(kinds.some((file) => file.endsWith('.js')), 'the JS glue is counted').toBe(true);
  expect(kinds.some((file) => file.endsWith('.css')), 'the stylesheet is counted').toBe(true);
  expect(total, `first load is ${total} bytes gzip`).toBeLessThanOrEqual(BUDGET_BYTES);
});
