// Local storage: unreadable saved data is reported, set aside (never
// overwritten) and can be downloaded or deleted; old formats migrate; named
// assessments can be created, renamed, cleared and deleted, with undo.
import { test, expect } from './support/fixtures.mjs';
import {
  answer,
  item,
  loadChecklistData,
  openChecklist,
  savedData,
  SET_ASIDE_KEY,
  showTab,
  STORAGE_KEY,
} from './checklist-helpers.mjs';

const CORRUPT = '{"version": 2, "assessments": [{"name": "Q3", "answers": {"teams.single-owner": {"answer": "maybe"}}}]';

async function seed(page, key, value) {
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [key, value]);
}

test('corrupt local storage is reported, set aside, and the page still works', async ({ page }) => {
  await openChecklist(page);
  await seed(page, STORAGE_KEY, CORRUPT);
  await page.reload();

  const alert = page.getByRole('alert').filter({ hasText: 'Your saved checklist answers could not be read.' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Nothing was deleted');
  let saved = await savedData(page);
  expect(saved[SET_ASIDE_KEY]).toBe(CORRUPT);
  expect(saved[STORAGE_KEY]).toBeUndefined();

  // A fresh assessment works and saves.
  const data = await loadChecklistData(page);
  await answer(page, data, 'teams.single-owner', 'Yes');
  saved = await savedData(page);
  expect(JSON.parse(saved[STORAGE_KEY]).assessments[0].answers['teams.single-owner']).toEqual({ answer: 'yes' });
  expect(saved[SET_ASIDE_KEY]).toBe(CORRUPT);

  // The set-aside piece can be downloaded as it was, and deleted after a confirmation.
  const kept = page.getByRole('region', { name: 'Unreadable data kept in this browser' });
  const downloading = page.waitForEvent('download');
  await kept.getByRole('button', { name: 'Download piece 1' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toBe('faultline-unreadable-data-1.txt');
  const { readFile } = await import('node:fs/promises');
  expect(await readFile(await file.path(), 'utf8')).toBe(CORRUPT);

  await kept.getByRole('button', { name: 'Delete piece 1…' }).click();
  await kept.getByRole('button', { name: 'Keep it' }).click();
  expect((await savedData(page))[SET_ASIDE_KEY]).toBe(CORRUPT);
  await kept.getByRole('button', { name: 'Delete piece 1…' }).click();
  await kept.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(kept).toBeHidden();
  expect((await savedData(page))[SET_ASIDE_KEY]).toBeUndefined();

  // After a reload, the saved answer is back and no error is shown.
  await page.reload();
  await expect(page.getByRole('tablist', { name: 'Checklist views' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(item(page, 'teams.single-owner').getByRole('radio', { name: 'Yes' })).toBeChecked();
});

test('a second corruption goes to a second slot instead of overwriting the first', async ({ page }) => {
  await openChecklist(page);
  await seed(page, SET_ASIDE_KEY, 'an older piece');
  await seed(page, STORAGE_KEY, 'not json at all');
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('could not be read');
  const saved = await savedData(page);
  expect(saved[SET_ASIDE_KEY]).toBe('an older piece');
  expect(saved[`${SET_ASIDE_KEY}.2`]).toBe('not json at all');
  await expect(page.getByRole('region', { name: 'Unreadable data kept in this browser' }).getByRole('listitem')).toHaveCount(2);
});

test('version 1 data migrates to a named assessment', async ({ page }) => {
  await openChecklist(page);
  await seed(
    page,
    STORAGE_KEY,
    JSON.stringify({ version: 1, answers: { 'teams.single-owner': 'partly' }, notes: { 'teams.single-owner': 'Two owners today' }, teams: 2 }),
  );
  await page.reload();
  await expect(page.getByText('Your saved answers were in an older format (version 1)')).toBeVisible();
  await expect(page.getByLabel('Assessment', { exact: true })).toHaveValue('My assessment');
  await expect(item(page, 'teams.single-owner').getByRole('radio', { name: 'Partly' })).toBeChecked();
  // Version 1 data holds answers to checklist edition 1: the page says what changed since.
  const changes = page.getByRole('region', { name: 'The checklist has changed since these answers were made' });
  await expect(changes).toBeVisible();
  // One notice, not two stacked: the format upgrade is said inside it.
  await expect(changes).toContainText('Your saved answers were in an older format (version 1)');
  await expect(page.getByText('Your saved answers were in an older format')).toHaveCount(1);
  // The long list of changes is folded behind its count, and opens.
  const details = changes.locator('details.changes-details');
  await expect(details.locator('summary')).toHaveText(/^The \d+ changes$/);
  await expect(details.locator('li').first()).toBeHidden();
  await details.locator('summary').click();
  await expect(details.locator('li').first()).toBeVisible();
  await changes.getByRole('button', { name: 'Dismiss' }).click();
  await expect(changes).toBeHidden();
  const saved = JSON.parse((await savedData(page))[STORAGE_KEY]);
  expect(saved.version).toBe(3);
  expect(saved.edition).toBeGreaterThan(1);
});

test('clearing answers asks first and can be undone', async ({ page }) => {
  await openChecklist(page);
  const data = await loadChecklistData(page);
  await answer(page, data, 'teams.single-owner', 'Yes');
  await answer(page, data, 'teams.modular-boundaries', 'No');

  await page.getByRole('button', { name: 'Clear answers…' }).click();
  const confirm = page.getByRole('button', { name: 'Clear answers', exact: true });
  await expect(confirm).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('button', { name: 'Clear answers…' })).toBeFocused();
  await expect(page.locator('#progress-count')).toHaveText(`2 of ${data.items.length} items answered`);

  await page.getByRole('button', { name: 'Clear answers…' }).click();
  await confirm.click();
  await expect(page.locator('#progress-count')).toHaveText(`0 of ${data.items.length} items answered`);
  await expect(page.getByText('The answers in “My assessment” were cleared.')).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('#progress-count')).toHaveText(`2 of ${data.items.length} items answered`);
  await expect(item(page, 'teams.modular-boundaries').getByRole('radio', { name: 'No', exact: true })).toBeChecked();
  const saved = JSON.parse((await savedData(page))[STORAGE_KEY]);
  expect(Object.keys(saved.assessments[0].answers).sort()).toEqual(['teams.modular-boundaries', 'teams.single-owner']);
});

test('named assessments: create from a copy, rename, delete with undo, compare', async ({ page }) => {
  await openChecklist(page);
  const data = await loadChecklistData(page);
  await answer(page, data, 'resilience.timeouts', 'Yes');

  await page.getByRole('button', { name: 'New…' }).click();
  await page.getByLabel('Name (for example the team and the quarter)').fill('My assessment');
  await page.getByRole('checkbox', { name: /Start from a copy/ }).check();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.locator('#assessment-new-name-error')).toHaveText('An assessment named "My assessment" already exists.');
  await page.getByLabel('Name (for example the team and the quarter)').fill('Next quarter');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByLabel('Assessment', { exact: true })).toHaveValue('Next quarter');
  await expect(item(page, 'resilience.timeouts').getByRole('radio', { name: 'Yes' })).toBeChecked();
  await answer(page, data, 'resilience.timeouts', 'No');
  await answer(page, data, 'teams.single-owner', 'Yes');

  await showTab(page, 'Compare');
  await page.getByLabel('Before', { exact: true }).selectOption('My assessment');
  await page.getByLabel('After', { exact: true }).selectOption('Next quarter');
  const title = (id) => data.items.find((entry) => entry.id === id).title;
  const changes = page.locator('.change');
  await expect(changes).toHaveCount(2);
  await expect(changes.first()).toContainText(`Worse: ${title('resilience.timeouts')}`);
  await expect(changes.first()).toContainText('Yes → ✗ No');
  await expect(changes.nth(1)).toContainText(`Better: ${title('teams.single-owner')}`);
  const resilience = page.getByRole('row', { name: /^Resilience/ });
  await expect(resilience.getByRole('cell').nth(2)).toHaveText(/^−\d+ points$/);

  await page.getByRole('button', { name: 'Rename…' }).click();
  await page.getByLabel('New name').fill('Q2 2027');
  await page.getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(page.getByLabel('Assessment', { exact: true })).toHaveValue('Q2 2027');

  await page.getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByText('“Q2 2027” was deleted.')).toBeVisible();
  await expect(page.getByLabel('Assessment', { exact: true })).toHaveValue('My assessment');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByLabel('Assessment', { exact: true })).toHaveValue('Q2 2027');
  const saved = JSON.parse((await savedData(page))[STORAGE_KEY]);
  expect(saved.assessments.map((a) => a.name)).toEqual(['My assessment', 'Q2 2027']);
  expect(saved.active).toBe('Q2 2027');

  await page.getByLabel('Assessment', { exact: true }).selectOption('My assessment');
  await showTab(page, 'Questions');
  await expect(item(page, 'resilience.timeouts').getByRole('radio', { name: 'Yes' })).toBeChecked();
});

test('a change saved in another tab shows up here instead of being overwritten', async ({ page, context }) => {
  await openChecklist(page);
  const data = await loadChecklistData(page);
  const other = await context.newPage();
  await openChecklist(other);
  await answer(other, data, 'teams.single-owner', 'Partly');
  await expect(page.getByText('The assessments were changed in another tab')).toBeVisible();
  await expect(item(page, 'teams.single-owner').getByRole('radio', { name: 'Partly' })).toBeChecked();
  // An answer given here keeps the other tab's answer too.
  await answer(page, data, 'teams.modular-boundaries', 'Yes');
  const saved = JSON.parse((await savedData(page))[STORAGE_KEY]);
  expect(saved.assessments[0].answers).toEqual({
    'teams.single-owner': { answer: 'partly' },
    'teams.modular-boundaries': { answer: 'yes' },
  });
  await other.close();
});
