// Share links: the answers travel in the URL fragment; opening the link in a
// fresh browser shows the same results read-only, with "Save a copy". A
// tampered link says what is wrong and leaves the page working.
import { test, expect } from './support/fixtures.mjs';
import {
  answer,
  item,
  loadChecklistData,
  openArea,
  openChecklist,
  overallScore,
  savedData,
  showTab,
  STORAGE_KEY,
} from './checklist-helpers.mjs';

async function makeSharedAssessment(page) {
  await openChecklist(page);
  const data = await loadChecklistData(page);
  await answer(page, data, 'teams.single-owner', 'Yes');
  await answer(page, data, 'delivery.automated-pipeline', 'Partly');
  await answer(page, data, 'data.sagas', 'Not applicable');
  await item(page, 'data.sagas').getByLabel('Why it does not apply (optional)').fill('No cross-service workflows');
  await openArea(page, 'context');
  await page.getByLabel('How many teams ship changes to this system?').fill('3');
  await showTab(page, 'Results');
  const link = await page.getByLabel('Share link').inputValue();
  return {
    link,
    score: await overallScore(page).textContent(),
    verdict: await page.locator('.verdict-title').textContent(),
    level: await page.locator('.level-held').textContent(),
    plan: await page.locator('.plan-title').allTextContents(),
  };
}

test('a share link opened in a fresh browser shows the same results, read-only', async ({ page, freshContext }) => {
  const shared = await makeSharedAssessment(page);
  const fragment = new URL(shared.link).hash;
  expect(fragment).toMatch(/^#share=[A-Za-z0-9_-]+$/);
  // Compact: the whole fragment stays short even with a reason in it.
  expect(fragment.length).toBeLessThan(140);

  const fresh = await freshContext();
  const other = await fresh.newPage();
  await other.goto(shared.link);
  await expect(other.getByRole('heading', { name: /^Shared assessment: My assessment/ })).toBeVisible();
  await expect(other.getByRole('tab', { name: /^Results/ })).toHaveAttribute('aria-selected', 'true');
  await expect(overallScore(other)).toHaveText(shared.score);
  await expect(other.locator('.verdict-title')).toHaveText(shared.verdict);
  await expect(other.locator('.level-held')).toHaveText(shared.level);
  expect(await other.locator('.plan-title').allTextContents()).toEqual(shared.plan);
  // Nothing of it is saved until asked, and it cannot be edited.
  expect(await savedData(other)).toEqual({});
  await showTab(other, 'Questions');
  await openArea(other, 'data');
  const saga = item(other, 'data.sagas');
  await expect(saga.getByRole('radio', { name: 'Not applicable' })).toBeChecked();
  await expect(saga.getByRole('radio', { name: 'Yes' })).toBeDisabled();
  await expect(saga.getByLabel('Why it does not apply (optional)')).toHaveValue('No cross-service workflows');

  await other.getByRole('button', { name: 'Save a copy' }).click();
  await expect(other.getByText('Saved a copy as “My assessment”.', { exact: false })).toBeVisible();
  await expect(other.getByLabel('Assessment', { exact: true })).toHaveValue('My assessment');
  await expect(saga.getByRole('radio', { name: 'Yes' })).toBeEnabled();
  expect(new URL(other.url()).hash).toBe('');
  const saved = JSON.parse((await savedData(other))[STORAGE_KEY]);
  expect(saved.assessments.map((a) => a.name)).toEqual(['My assessment']);
  expect(saved.assessments[0].answers['data.sagas']).toEqual({ answer: 'na', reason: 'No cross-service workflows' });
});

test('a tampered share link says so, and the page keeps working', async ({ page }) => {
  const shared = await makeSharedAssessment(page);
  const token = new URL(shared.link).hash.replace('#share=', '');
  const flipped = token.slice(0, 10) + (token[10] === 'A' ? 'B' : 'A') + token.slice(11);

  await page.goto(`checklist#share=${flipped}`);
  const alert = page.getByRole('alert').filter({ hasText: 'This share link could not be opened.' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('does not match its checksum');
  // The user's own assessment is still there and editable.
  await expect(page.getByLabel('Assessment', { exact: true })).toHaveValue('My assessment');
  const data = await loadChecklistData(page);
  await showTab(page, 'Questions');
  await answer(page, data, 'teams.modular-boundaries', 'No');

  await alert.getByRole('button', { name: /Remove the link/ }).click();
  await expect(alert).toBeHidden();
  expect(new URL(page.url()).hash).toBe('');
});

test('a cut-off share link and one with stray characters are explained', async ({ page }) => {
  await page.goto('checklist#share=AQ');
  await expect(page.getByRole('alert')).toContainText('too short to hold an assessment');
  await page.goto('checklist#share=abc$def');
  await expect(page.getByRole('alert')).toContainText("contains '$' at position 4");
});

test('an ordinary fragment is not taken for a share link', async ({ page }) => {
  await page.goto('checklist#main');
  await expect(page.getByRole('tablist', { name: 'Checklist views' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /^Shared assessment/ })).toHaveCount(0);
});
