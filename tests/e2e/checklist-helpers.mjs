// Helpers for the checklist page's browser tests (checklist*.spec.mjs).
import { expect, openRoute } from './support/fixtures.mjs';

export const STORAGE_KEY = 'faultline.checklist';
export const SET_ASIDE_KEY = 'faultline.checklist.unreadable';

/** Opens the checklist (optionally with a query or fragment) and waits until it is usable. */
export async function openChecklist(page, suffix = '') {
  await openRoute(page, `/checklist${suffix}`);
  await expect(page.getByRole('tablist', { name: 'Checklist views' })).toBeVisible();
}

/** The checklist data the page uses (areas, items with weights and levels). */
export async function loadChecklistData(page) {
  const response = await page.request.get('data/checklist.json');
  expect(response.ok()).toBe(true);
  return response.json();
}

/** An item's element (ids contain a dot, so an attribute selector is used). */
export function item(page, itemId) {
  return page.locator(`[id="item-${itemId}"]`);
}

/** Opens an area's section if it is collapsed. */
export async function openArea(page, areaId) {
  const toggle = page.locator(`#area-toggle-${areaId}`);
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
}

/** Answers one item by clicking its radio ('Yes', 'Partly', 'No', 'Not applicable'). */
export async function answer(page, data, itemId, label) {
  const entry = data.items.find((candidate) => candidate.id === itemId);
  await openArea(page, entry.area);
  const radio = item(page, itemId).getByRole('radio', { name: label, exact: true });
  await radio.check();
  await expect(radio).toBeChecked();
}

/** Opens one of the three views. */
export async function showTab(page, name) {
  const tab = page.getByRole('tab', { name: new RegExp(`^${name}`) });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

/**
 * The expected overall score, computed independently from the data with the
 * documented rule: yes earns the weight, partly half, no and unanswered
 * nothing; not applicable is left out; rounded half up.
 */
export function expectedPercent(data, answers, areaId = null) {
  let earned = 0;
  let possible = 0;
  for (const entry of data.items) {
    if (areaId && entry.area !== areaId) continue;
    const given = answers[entry.id];
    if (given === 'Not applicable') continue;
    possible += 2 * entry.weight;
    if (given === 'Yes') earned += 2 * entry.weight;
    if (given === 'Partly') earned += entry.weight;
  }
  return possible === 0 ? 'n/a' : `${Math.floor((earned * 100 * 2 + possible) / (2 * possible))} %`;
}

/** The text of the overall score card on the Results view. */
export function overallScore(page) {
  return page.locator('.score-card .score-big');
}

/** Everything saved in local storage under the checklist's keys. */
export async function savedData(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      Object.keys(localStorage)
        .filter((key) => key.startsWith('faultline.checklist'))
        .map((key) => [key, localStorage.getItem(key)]),
    ),
  );
}
