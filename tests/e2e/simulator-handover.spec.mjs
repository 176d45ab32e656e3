// The simulator page is prerendered with the default preset already run by
// the engine at build time (crates/web/src/prerender.rs), and its island
// waits for the reader's first interaction, or loads at once when the
// address names a preset or a shared scenario. The island computes the same
// run in the browser (the engine is deterministic on every platform), so the
// hand-over changes nothing on the page, and a button pressed before it
// mounted is pressed again once it has.
import { test, expect, holdIsland, waitForApp } from './support/fixtures.mjs';
import { figureTexts } from './simulator-helpers.mjs';

const island = (page) => page.locator('[data-island="simulator"]');

/** Where the main parts of the page are. */
async function layout(page) {
  const boxes = {};
  for (const selector of ['.preset-bar', '.sim-topology', '.sim-figures', '.sim-charts', '.sim-share', 'footer']) {
    boxes[selector] = await page.locator(selector).first().boundingBox();
  }
  return boxes;
}

test('the prerendered run is the run the island computes, and nothing moves at the hand-over', async ({ page }) => {
  const bundles = [];
  page.on('request', (request) => request.url().includes('/bundles/') && bundles.push(request.url()));
  await page.goto('simulator');
  await waitForApp(page);
  await page.waitForLoadState('networkidle');
  expect(bundles, 'no island before the reader does something').toEqual([]);
  await expect(page.locator('.run-status')).toHaveText('Finished');
  const figures = await figureTexts(page);
  expect(Object.keys(figures).length).toBeGreaterThan(3);
  const services = await page.locator('tr[data-service]').allTextContents();
  const lines = await page.locator('.sim-charts path.chart-line').count();
  // Element ids too (charts and the diagram number theirs): the build
  // numbers them as the island does, so focus and labels carry over.
  const ids = () => page.locator('.simulator [id]').evaluateAll((elements) => elements.map((element) => element.id));
  const idsBefore = await ids();
  const before = await layout(page);

  await page.keyboard.press('Shift');
  await expect(island(page)).toHaveAttribute('data-state', 'mounted');
  expect(bundles.length).toBeGreaterThan(0);
  await expect(page.locator('.run-status')).toHaveText('Finished');
  expect(await figureTexts(page)).toEqual(figures);
  expect(await page.locator('tr[data-service]').allTextContents()).toEqual(services);
  await expect(page.locator('.sim-charts path.chart-line')).toHaveCount(lines);
  expect(await ids()).toEqual(idsBefore);
  expect(await layout(page)).toEqual(before);
});

test('on a narrow screen the system diagram keeps a readable size and scrolls, before and after the hand-over', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto('simulator');
  await waitForApp(page);
  const diagram = page.locator('.topology-svg');
  const sizes = () =>
    diagram.evaluate((svg) => ({ drawn: svg.getBoundingClientRect().width, own: Number(svg.getAttribute('width')) }));
  const before = await sizes();
  expect(before.drawn).toBeGreaterThanOrEqual(before.own * 0.72 - 1);
  expect(await page.locator('.topology-scroll').evaluate((box) => box.scrollWidth > box.clientWidth)).toBe(true);
  await page.keyboard.press('Shift');
  await expect(island(page)).toHaveAttribute('data-state', 'mounted');
  expect(await sizes()).toEqual(before);
});

test('Run again pressed before the island mounts runs the scenario once it has', async ({ page }) => {
  const release = await holdIsland(page, 'simulator');
  await page.goto('simulator');
  await waitForApp(page);
  await page.locator('#sim-speed').selectOption('max');
  await page.locator('#sim-play').click();
  await expect(island(page)).toHaveAttribute('data-state', 'loading');
  release();
  await expect(island(page)).toHaveAttribute('data-state', 'mounted');
  // The press started a new run, at the speed chosen before the island came.
  await expect(page.locator('#sim-speed')).toHaveValue('max');
  await expect(page.locator('.run-status')).toHaveText(/Running|Finished/);
  await expect(page.locator('.run-status')).toHaveText('Finished', { timeout: 30_000 });
});

test('a link to a preset loads the island at once and opens that preset ready to run', async ({ page }) => {
  const release = await holdIsland(page, 'simulator');
  await page.goto('simulator?preset=retry-storm');
  // Until the island is there, the prerendered default scenario is not
  // passed off as the linked one: it is hidden under a loading line.
  await expect(page.getByRole('status').filter({ hasText: 'Loading the simulator…' })).toBeVisible();
  await expect(page.locator('.preset-name')).toBeHidden();
  await expect(page.locator('#sim-play')).toBeHidden();
  release();
  await expect(island(page)).toHaveAttribute('data-state', 'mounted');
  await expect(page.getByText('Loading the simulator…')).toHaveCount(0);
  await expect(page.locator('.preset-name')).toBeVisible();
  await expect(page.locator('#preset-select')).toHaveValue('retry-storm');
  await expect(page.locator('.run-status')).toHaveText('Ready');
});
