// Export and import: the JSON export imported in a fresh browser gives the
// same results; the Markdown report is one readable document with absolute
// links; a file that is not an export is refused with a reason; the print
// stylesheet prints the results alone, whatever view is open.
import { readFile, writeFile } from 'node:fs/promises';
import { test, expect } from './support/fixtures.mjs';
import { answer, item, loadChecklistData, openChecklist, overallScore, showTab } from './checklist-helpers.mjs';

async function fillSome(page) {
  const data = await loadChecklistData(page);
  await answer(page, data, 'teams.single-owner', 'Yes');
  await answer(page, data, 'observability.correlation-ids', 'Partly');
  await answer(page, data, 'security.least-privilege', 'No');
  const note = item(page, 'security.least-privilege');
  await note.getByText('Add a note').click();
  await note.getByRole('textbox', { name: /Evidence/ }).fill('Shared admin account | to remove');
  return data;
}

async function download(page, buttonName) {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: buttonName }).click();
  const file = await downloading;
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

test('a JSON export imported in a fresh browser gives the same results', async ({ page, freshContext }, testInfo) => {
  await openChecklist(page);
  await fillSome(page);
  await showTab(page, 'Results');
  const score = await overallScore(page).textContent();
  const plan = await page.locator('.plan-title').allTextContents();

  const json = await download(page, 'Download JSON');
  expect(json.name).toBe('faultline-my-assessment.json');
  const parsed = JSON.parse(json.text);
  expect(parsed.format).toBe('faultline-assessment');
  expect(parsed.assessment.answers['security.least-privilege']).toEqual({ answer: 'no', note: 'Shared admin account | to remove' });
  await expect(page.getByRole('status').filter({ hasText: 'JSON file downloaded.' })).toBeVisible();

  const path = testInfo.outputPath('export.json');
  await writeFile(path, json.text);
  const fresh = await freshContext();
  const other = await fresh.newPage();
  await openChecklist(other);
  await other.getByLabel('Import JSON…').setInputFiles(path);
  await expect(other.getByText('Imported export.json as “My assessment”.')).toBeVisible();
  await expect(other.getByLabel('Assessment', { exact: true })).toHaveValue('My assessment');
  await showTab(other, 'Results');
  await expect(overallScore(other)).toHaveText(score);
  expect(await other.locator('.plan-title').allTextContents()).toEqual(plan);
  await expect(other.locator('.plan-note')).toHaveText('Your note: Shared admin account | to remove');
});

test('the Markdown report is one document with absolute links', async ({ page, baseURL }) => {
  await openChecklist(page);
  await fillSome(page);
  await showTab(page, 'Results');
  const markdown = await download(page, 'Download Markdown');
  expect(markdown.name).toBe('faultline-my-assessment.md');
  expect(markdown.text).toMatch(/^# Readiness assessment: My assessment\n/);
  expect(markdown.text).toContain('DORA 2024 bands');
  expect(markdown.text).toContain(`(${new URL('articles/', baseURL).href}`);
  expect(markdown.text).toContain('Shared admin account \\| to remove');
});

test('a file that is not an export is refused with a reason', async ({ page }, testInfo) => {
  await openChecklist(page);
  const path = testInfo.outputPath('notes.json');
  await writeFile(path, '{"hello": "world"}');
  await page.getByLabel('Import JSON…').setInputFiles(path);
  await expect(page.getByText(/notes\.json: The file could not be imported: it is not a Faultline assessment export/)).toBeVisible();
  await expect(page.getByLabel('Assessment', { exact: true })).toHaveValue('My assessment');
  await expect(page.getByLabel('Assessment', { exact: true }).locator('option')).toHaveCount(1);
});

test('printing shows the report alone, from any view', async ({ page }) => {
  await openChecklist(page);
  await fillSome(page);
  await showTab(page, 'Questions');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.report')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Plan: what to fix first' })).toBeVisible();
  await expect(page.locator('.questionnaire')).toBeHidden();
  await expect(page.getByRole('tablist')).toBeHidden();
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('.assessment-bar')).toBeHidden();
  await expect(page.locator('.keep-share')).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('.questionnaire')).toBeVisible();
  await expect(page.locator('.report')).toBeHidden();
});
