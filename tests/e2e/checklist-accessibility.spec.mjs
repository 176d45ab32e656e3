// axe-core finds nothing on the checklist's views, in both themes: every
// area expanded, the results, compare, a shared assessment, and the error
// messages for corrupt storage and a bad link.
import { test, expect } from './support/fixtures.mjs';
import { expectNoAxeViolations, colorSchemes } from './support/axe.mjs';
import { answer, item, loadChecklistData, openChecklist, showTab, STORAGE_KEY } from './checklist-helpers.mjs';

async function someAnswers(page) {
  const data = await loadChecklistData(page);
  await answer(page, data, 'teams.single-owner', 'Yes');
  await answer(page, data, 'teams.modular-boundaries', 'Partly');
  await answer(page, data, 'teams.independent-delivery', 'No');
  await answer(page, data, 'teams.you-build-it-you-run-it', 'Not applicable');
  await item(page, 'teams.you-build-it-you-run-it').getByLabel('Why it does not apply (optional)').fill('One team');
}

// axe reads every node: with all 77 questions and the report in the page,
// one scan takes several seconds on a busy machine.
test.describe.configure({ timeout: 90_000 });

for (const colorScheme of colorSchemes) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('questions with every section open, a note and an invalid field', async ({ page }) => {
      await openChecklist(page);
      await someAnswers(page);
      await page.getByRole('button', { name: 'Expand all' }).click();
      const first = item(page, 'teams.single-owner');
      await first.getByText('What “yes” looks like, and why it matters').click();
      await first.getByText('Add a note').click();
      await page.getByLabel('How many teams ship changes to this system?').fill('many');
      await page.getByRole('button', { name: 'New…' }).click();
      await expectNoAxeViolations(page);
    });

    test('results and compare', async ({ page }) => {
      await openChecklist(page);
      await someAnswers(page);
      await showTab(page, 'Results');
      await expect(page.locator('.plan-step').first()).toBeVisible();
      await expectNoAxeViolations(page);
      await showTab(page, 'Compare');
      await expectNoAxeViolations(page);
    });

    test('a shared assessment and a deep-linked item', async ({ page }) => {
      await openChecklist(page);
      await someAnswers(page);
      await showTab(page, 'Results');
      const link = await page.getByLabel('Share link').inputValue();
      await page.evaluate(() => localStorage.clear());
      await page.goto(link);
      await expect(page.getByRole('heading', { name: /^Shared assessment/ })).toBeVisible();
      await expectNoAxeViolations(page);
      await page.goto('checklist?item=teams.single-owner');
      await expect(item(page, 'teams.single-owner')).toHaveClass(/is-target/);
      await expectNoAxeViolations(page);
    });

    test('messages for corrupt storage and a bad link', async ({ page }) => {
      await openChecklist(page);
      await page.evaluate((key) => localStorage.setItem(key, '{"version": 9}'), STORAGE_KEY);
      await page.goto('checklist#share=AQ');
      await expect(page.getByRole('alert').first()).toBeVisible();
      await expect(page.getByRole('region', { name: 'Unreadable data kept in this browser' })).toBeVisible();
      await expectNoAxeViolations(page);
    });
  });
}
