// The checklist page: answering items gives the score the documented rules
// predict, answers survive a reload, deep links land on their item, and the
// whole checklist can be completed with the keyboard alone.
import { test, expect } from './support/fixtures.mjs';
import {
  answer,
  expectedPercent,
  item,
  loadChecklistData,
  openArea,
  openChecklist,
  overallScore,
  savedData,
  showTab,
  STORAGE_KEY,
} from './checklist-helpers.mjs';

const ANSWERS = {
  'teams.single-owner': 'Yes',
  'teams.modular-boundaries': 'Partly',
  'teams.independent-delivery': 'No',
  'teams.you-build-it-you-run-it': 'Not applicable',
  'resilience.timeouts': 'Yes',
  'resilience.bounded-retries': 'Partly',
};

test('answering a set of items shows the score, level, verdict and plan', async ({ page }) => {
  await openChecklist(page);
  const data = await loadChecklistData(page);
  for (const [id, label] of Object.entries(ANSWERS)) await answer(page, data, id, label);

  await expect(page.getByRole('status').filter({ hasText: 'All changes saved in this browser.' })).toBeVisible();
  await expect(page.locator('#progress-count')).toHaveText(`6 of ${data.items.length} items answered`);

  await showTab(page, 'Results');
  await expect(overallScore(page)).toHaveText(expectedPercent(data, ANSWERS));
  const table = page.getByRole('table', { name: /Scores and answers by area/ });
  await expect(table.getByRole('row', { name: /^Teams and ownership/ }).getByRole('cell').first()).toHaveText(
    expectedPercent(data, ANSWERS, 'teams'),
  );
  // With the foundation gate open and no team count, the verdict says to stay put and why.
  await expect(page.locator('.verdict-title')).toHaveText(/monolith/i);
  await expect(page.locator('.verdict-reasons li').first()).toBeVisible();
  await expect(page.locator('.level-held')).toHaveText('None yet');
  await expect(page.getByRole('heading', { name: 'DORA profile (DORA 2024 bands)' })).toBeVisible();

  // The plan starts with unmet foundation items; answered-no comes before partly at equal weight.
  const plan = page.locator('.plan-step');
  await expect(plan.first().locator('.level-tag')).toHaveText('Foundation');
  const titles = await page.locator('.plan-title').allTextContents();
  const title = (id) => data.items.find((entry) => entry.id === id).title;
  expect(titles).not.toContain(title('teams.single-owner'));
  expect(titles).not.toContain(title('teams.you-build-it-you-run-it'));
  expect(titles.indexOf(title('resilience.bounded-retries'))).toBeGreaterThanOrEqual(0);

  // Charts have text alternatives listing the weakest area first, in words.
  const radar = page.getByRole('img', { name: /^Radar chart\. Scores by area, weakest first:/ });
  await expect(radar).toBeVisible();
  await expect(page.getByRole('img', { name: /^Bar chart\. Scores by area, weakest first:/ })).toBeVisible();
});

test('answers, notes and team context survive a reload', async ({ page }) => {
  await openChecklist(page);
  const data = await loadChecklistData(page);
  await answer(page, data, 'delivery.fast-rollback', 'Partly');
  await answer(page, data, 'messaging.dead-letters', 'Not applicable');
  await item(page, 'messaging.dead-letters').getByLabel('Why it does not apply (optional)').fill('We send no messages');
  const note = item(page, 'delivery.fast-rollback');
  await note.getByText('Add a note').click();
  await note.getByRole('textbox', { name: /Evidence, owner or next step/ }).fill('Rollback takes 20 minutes today');
  await openArea(page, 'context');
  await page.getByLabel('How many teams ship changes to this system?').fill('4');
  await page.getByLabel('How often does your team deploy to production?').selectOption({ label: 'Between once a day and once a week' });
  await expect(page.locator('[id="dora-deployment-frequency-cluster"]')).toHaveText(/DORA 2024 cluster: High/);

  const saved = JSON.parse((await savedData(page))[STORAGE_KEY]);
  expect(saved.version).toBe(3);
  expect(saved.edition).toBe(data.edition);
  expect(saved.assessments[0].answers['delivery.fast-rollback']).toEqual({ answer: 'partly', note: 'Rollback takes 20 minutes today' });

  await page.reload();
  await expect(page.getByRole('tablist', { name: 'Checklist views' })).toBeVisible();
  await openArea(page, 'delivery');
  await expect(item(page, 'delivery.fast-rollback').getByRole('radio', { name: 'Partly' })).toBeChecked();
  await expect(item(page, 'delivery.fast-rollback').getByRole('textbox', { name: /Evidence/ })).toHaveValue(
    'Rollback takes 20 minutes today',
  );
  await openArea(page, 'messaging');
  await expect(item(page, 'messaging.dead-letters').getByRole('radio', { name: 'Not applicable' })).toBeChecked();
  await expect(item(page, 'messaging.dead-letters').getByLabel('Why it does not apply (optional)')).toHaveValue(
    'We send no messages',
  );
  await openArea(page, 'context');
  await expect(page.getByLabel('How many teams ship changes to this system?')).toHaveValue('4');
  await expect(page.locator('#progress-count')).toHaveText(`2 of ${data.items.length} items answered`);
});

test('a wrong team count says why and is not saved', async ({ page }) => {
  await openChecklist(page);
  const field = page.getByLabel('How many teams ship changes to this system?');
  await field.fill('0');
  await expect(page.locator('#context-teams-error')).toHaveText(/Not saved: "0" is not a whole number from 1 to 10000/);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.fill('12');
  await expect(page.locator('#context-teams-error')).toBeHidden();
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
});

test('a deep link to an item opens its area, highlights it and focuses its heading', async ({ page }) => {
  await openChecklist(page, '?item=resilience.timeouts');
  const target = item(page, 'resilience.timeouts');
  await expect(target).toHaveClass(/is-target/);
  await expect(target.locator('.item-title')).toBeFocused();
  await expect(page.locator('#area-toggle-resilience')).toHaveAttribute('aria-expanded', 'true');
  await expect(target).toBeInViewport();
  // The item's own link is the same address, so it can be copied and shared.
  await expect(target.getByRole('link', { name: /^Link to this question/ })).toHaveAttribute(
    'href',
    '/checklist/?item=resilience.timeouts',
  );
  // Its explanation links to the guide and the simulator.
  await target.getByText('What “yes” looks like, and why it matters').click();
  // "Read more" lands on the section that discusses the item.
  await expect(target.getByRole('link', { name: /^Timeouts, retries and backoff/ })).toHaveAttribute(
    'href',
    '/articles/timeouts-retries-backoff/#put-a-timeout-on-every-remote-call',
  );
  await expect(target.locator('a[href^="/simulator/?preset="]').first()).toBeVisible();
});

test('a deep link to an unknown item says so and the page still works', async ({ page }) => {
  await openChecklist(page, '?item=resilience.no-such-thing');
  await expect(page.getByText(/points to a question “resilience.no-such-thing” that this checklist does not have/)).toBeVisible();
  const data = await loadChecklistData(page);
  await answer(page, data, 'teams.single-owner', 'Yes');
});

test('"next unanswered" walks through the questions in order', async ({ page }) => {
  await openChecklist(page);
  const data = await loadChecklistData(page);
  await answer(page, data, data.items[0].id, 'Yes');
  await page.getByRole('button', { name: 'Next unanswered question' }).click();
  await expect(item(page, data.items[1].id).getByRole('radio').first()).toBeFocused();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Next unanswered question' }).click();
  await expect(item(page, data.items[2].id).getByRole('radio').first()).toBeFocused();
});

test('the whole checklist can be completed with the keyboard alone', async ({ page }) => {
  test.setTimeout(120_000);
  await openChecklist(page);
  const data = await loadChecklistData(page);
  const given = {};
  const choices = ['Yes', 'Partly', 'No'];
  let answered = 0;

  for (let step = 0; step < 2000 && answered < data.items.length; step += 1) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const element = document.activeElement;
      const itemElement = element?.closest('.item');
      return {
        id: element?.id ?? '',
        type: element?.getAttribute('type') ?? '',
        expanded: element?.getAttribute('aria-expanded'),
        toggle: element?.classList.contains('area-toggle') ?? false,
        itemId: itemElement ? itemElement.id.replace(/^item-/, '') : null,
        groupAnswered: itemElement ? itemElement.querySelector('input[type=radio]:checked') !== null : false,
      };
    });
    if (focus.toggle && focus.expanded === 'false') {
      await page.keyboard.press('Enter');
    } else if (focus.id === 'context-teams') {
      await page.keyboard.type('5');
    } else if (focus.type === 'radio' && focus.itemId && !focus.groupAnswered) {
      // Space picks the focused (first) option; arrows move to and pick the others.
      const choice = choices[answered % choices.length];
      if (choice === 'Yes') await page.keyboard.press('Space');
      if (choice === 'Partly') await page.keyboard.press('ArrowRight');
      if (choice === 'No') {
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('ArrowRight');
      }
      given[focus.itemId] = choice;
      answered += 1;
    }
  }
  expect(answered).toBe(data.items.length);
  await expect(page.locator('#progress-count')).toHaveText(`${data.items.length} of ${data.items.length} items answered`);

  // Back up to the tabs and open the results with the arrow keys.
  for (let step = 0; step < 1000; step += 1) {
    await page.keyboard.press('Shift+Tab');
    if (await page.evaluate(() => document.activeElement?.getAttribute('role') === 'tab')) break;
  }
  await expect(page.getByRole('tab', { name: /^Questions/ })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: /^Results/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: /^Results/ })).toBeFocused();
  await expect(overallScore(page)).toHaveText(expectedPercent(data, given));
  await expect(page.locator('.report-meta')).toContainText(`${data.items.length} of ${data.items.length} items answered.`);
});

test('a step of the plan links back to its question', async ({ page }) => {
  await openChecklist(page);
  const data = await loadChecklistData(page);
  await answer(page, data, 'resilience.timeouts', 'No');
  await showTab(page, 'Results');
  const first = page.locator('.plan-title a').first();
  const title = data.items.find((entry) => entry.id === 'resilience.timeouts').title;
  await expect(first).toHaveText(title);
  await first.click();
  await expect(page).toHaveURL(/\/checklist\/?\?item=resilience\.timeouts$/);
  await expect(page.getByRole('tab', { name: /^Questions/ })).toHaveAttribute('aria-selected', 'true');
  await expect(item(page, 'resilience.timeouts').locator('.item-title')).toBeFocused();
  // Only the first steps show until asked; every step is in the page for printing.
  await showTab(page, 'Results');
  const steps = page.locator('.plan-step');
  const total = await steps.count();
  expect(total).toBeGreaterThan(10);
  await expect(steps.nth(10)).toBeHidden();
  await page.getByRole('button', { name: `Show all ${total} steps` }).click();
  await expect(steps.nth(10)).toBeVisible();
});
