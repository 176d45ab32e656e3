// The checklist is prerendered as a whole form (crates/web/src/prerender.rs)
// and its island waits for the reader's first interaction, or loads at once
// when there is saved work to show or the address asks for something. The
// hand-over loses nothing: answers given and a button pressed before the
// island mounted carry over, and nothing moves when it takes over.
import { test, expect, holdIsland, waitForApp } from './support/fixtures.mjs';
import { item, loadChecklistData, STORAGE_KEY } from './checklist-helpers.mjs';

const island = (page) => page.locator('[data-island="checklist"]');
const bundleRequests = (page) => {
  const seen = [];
  page.on('request', (request) => request.url().includes('/bundles/checklist-') && seen.push(request.url()));
  return seen;
};

test('a new visitor gets the form at once, and the island only at the first interaction', async ({ page }) => {
  const requests = bundleRequests(page);
  await page.goto('checklist');
  await waitForApp(page);
  await expect(page.locator('.item')).toHaveCount((await loadChecklistData(page)).items.length);
  await page.waitForLoadState('networkidle');
  expect(requests, 'no island before the reader does something').toEqual([]);
  await expect(island(page)).not.toHaveAttribute('data-state', /./);
  // Where things are before the island takes over…
  const toggle = page.locator('#area-toggle-resilience');
  const before = await toggle.boundingBox();
  await page.keyboard.press('Shift');
  await expect(island(page)).toHaveAttribute('data-state', 'mounted');
  expect(requests.length, 'the island loaded').toBeGreaterThan(0);
  // …is where they are after: the island renders the same markup.
  expect(await toggle.boundingBox()).toEqual(before);
});

test('a returning visitor, or a link to an item, gets the island at once', async ({ page }) => {
  await page.goto('checklist');
  await waitForApp(page);
  await page.keyboard.press('Shift');
  await expect(island(page)).toHaveAttribute('data-state', 'mounted');
  await item(page, 'teams.single-owner').getByRole('radio', { name: 'No', exact: true }).check();
  await expect(page.locator('#progress-count')).toHaveText(/^1 of /);
  // Back later: the saved answer shows without any interaction.
  await page.reload();
  await expect(page.locator('#app')).toHaveAttribute('data-mounted', '');
  await expect(island(page)).toHaveAttribute('data-state', 'mounted');
  await expect(item(page, 'teams.single-owner').getByRole('radio', { name: 'No', exact: true })).toBeChecked();

  await page.evaluate((key) => localStorage.removeItem(key), STORAGE_KEY);
  await page.goto('checklist?item=resilience.timeouts');
  await expect(island(page)).toHaveAttribute('data-state', 'mounted');
  await expect(item(page, 'resilience.timeouts')).toHaveClass(/is-target/);
});

test('answers, a note and a pressed button given before the island mounts carry over', async ({ page }) => {
  const release = await holdIsland(page, 'checklist');
  await page.goto('checklist');
  await waitForApp(page);
  const first = item(page, 'teams.single-owner');
  await first.getByRole('radio', { name: 'Yes', exact: true }).check();
  await expect(island(page)).toHaveAttribute('data-state', 'loading');
  await item(page, 'teams.modular-boundaries').getByRole('radio', { name: 'Partly', exact: true }).check();
  await first.locator('.item-note summary').click();
  await first.locator('textarea').fill('Owners listed in the catalogue');
  // A closed area's toggle does nothing until the island is there.
  const delivery = page.locator('#area-toggle-delivery');
  await expect(delivery).toHaveAttribute('aria-expanded', 'false');
  await delivery.click();
  release();
  await expect(island(page)).toHaveAttribute('data-state', 'mounted');
  await expect(delivery).toHaveAttribute('aria-expanded', 'true');
  await expect(first.getByRole('radio', { name: 'Yes', exact: true })).toBeChecked();
  await expect(item(page, 'teams.modular-boundaries').getByRole('radio', { name: 'Partly', exact: true })).toBeChecked();
  await expect(page.locator('#progress-count')).toHaveText(/^2 of \d+ items answered$/);
  const saved = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), STORAGE_KEY);
  const answers = saved.assessments[0].answers;
  expect(answers['teams.single-owner']).toMatchObject({ answer: 'yes', note: 'Owners listed in the catalogue' });
  expect(answers['teams.modular-boundaries']).toMatchObject({ answer: 'partly' });
});
