// Search across the guide: the index loads only when wanted, matches are
// highlighted, the count is announced, and the keyboard drives it all.
import { readFileSync } from 'node:fs';
import { test, expect, openRoute } from './support/fixtures.mjs';

const index = JSON.parse(readFileSync('generated/data/search.json', 'utf8'));

/**
 * A word that occurs in the body text of exactly one article, and in no title
 * or heading, so a search for it can only lead to that article. Words are
 * matched as prefixes (as the searcher does), so no other article may even
 * contain a word starting with it. Derived from the built index, so the test
 * follows the content as it changes.
 */
function termFromOneArticleBody() {
  const wordsOf = (text) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const bodyWords = index.articles.map(() => new Set());
  for (const section of index.sections) {
    for (const word of wordsOf(section.text)) bodyWords[section.article].add(word);
  }
  const labels = [...index.articles.map((article) => article.title), ...index.sections.map((section) => section.heading ?? '')]
    .flatMap(wordsOf);
  const candidates = [];
  for (const [article, words] of bodyWords.entries()) {
    for (const word of words) {
      if (word.length < 9 || !/^[a-z]+$/.test(word)) continue;
      if (labels.some((label) => label.startsWith(word))) continue;
      const elsewhere = bodyWords.some(
        (others, other) => other !== article && [...others].some((candidate) => candidate.startsWith(word)),
      );
      if (!elsewhere) candidates.push({ word, slug: index.articles[article].slug, title: index.articles[article].title });
    }
  }
  candidates.sort((a, b) => a.word.localeCompare(b.word));
  return candidates[0];
}

const searchBox = (page) => page.getByRole('combobox', { name: 'Search the guide' });

test('search finds a word from the body of one article and opens it with the keyboard', async ({ page }) => {
  const term = termFromOneArticleBody();
  expect(term, 'some word occurs in only one article').toBeTruthy();
  const searchRequests = [];
  page.on('request', (request) => request.url().endsWith('/data/search.json') && searchRequests.push(request.url()));

  await openRoute(page, '/articles');
  expect(searchRequests, 'the search index is not part of the page load').toEqual([]);
  const box = searchBox(page);
  await box.focus();
  await expect.poll(() => searchRequests.length, { message: 'focusing the box fetches the index' }).toBe(1);

  await box.fill(term.word);
  const results = page.getByRole('listbox', { name: 'Search results' });
  await expect(results).toBeVisible();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  const options = results.getByRole('option');
  const count = await options.count();
  expect(count).toBeGreaterThan(0);
  await expect(page.locator('.guide-search [role="status"]')).toHaveText(
    count === 1 ? '1 section matches.' : `${count} sections match.`,
  );
  for (let position = 0; position < count; position += 1) {
    await expect(options.nth(position)).toContainText(term.title);
  }
  // The matched word is highlighted with <mark>.
  await expect(options.first().locator('mark').first()).toHaveText(new RegExp(`^${term.word}`, 'i'));

  await box.press('ArrowDown');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  const firstId = await options.first().getAttribute('id');
  await expect(box).toHaveAttribute('aria-activedescendant', firstId);
  await expect(box).toBeFocused();
  const href = await options.first().getAttribute('href');

  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${href.replace(/[?#]/g, '\\$&')}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(term.title);
  await expect(page.locator('.article-body')).toContainText(new RegExp(term.word, 'i'));
  const anchor = new URL(href, page.url()).hash.slice(1);
  if (anchor) await expect(page.locator(`[id="${anchor}"]`)).toBeInViewport();
});

test('arrow keys move through the results and wrap; Escape closes, then clears', async ({ page }) => {
  await openRoute(page, '/articles');
  const box = searchBox(page);
  // The search island starts when the reader turns to the box.
  await box.click();
  await box.fill('retry');
  const options = page.getByRole('listbox', { name: 'Search results' }).getByRole('option');
  await expect(options.first()).toBeVisible();
  const count = await options.count();
  expect(count).toBeGreaterThan(2);
  await expect(page.locator('.guide-search [role="status"]')).toContainText('sections match');

  await box.press('ArrowUp');
  await expect(options.nth(count - 1), 'up from the box wraps to the last result').toHaveAttribute('aria-selected', 'true');
  await box.press('ArrowDown');
  await expect(options.first(), 'down from the last wraps to the first').toHaveAttribute('aria-selected', 'true');
  await box.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(options.first()).toHaveAttribute('aria-selected', 'false');

  await box.press('Escape');
  await expect(page.getByRole('listbox', { name: 'Search results' })).toBeHidden();
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(box).not.toHaveAttribute('aria-activedescendant');
  await expect(box).toHaveValue('retry');
  await box.press('Escape');
  await expect(box).toHaveValue('');
});

test('a search that matches nothing says so', async ({ page }) => {
  await openRoute(page, '/articles');
  await searchBox(page).click();
  await searchBox(page).fill('zzyzx');
  await expect(page.locator('.guide-search [role="status"]')).toHaveText('No section of the guide matches “zzyzx”.');
  await expect(page.getByRole('listbox', { name: 'Search results' })).toBeHidden();
});

test('an article page searches too, and a click on a result opens it', async ({ page }) => {
  await openRoute(page, '/articles/do-you-need-microservices');
  const box = searchBox(page);
  await box.fill('metastable');
  const hit = page
    .getByRole('listbox', { name: 'Search results' })
    .getByRole('option')
    .filter({ hasText: 'Cascading and metastable failures' })
    .first();
  await hit.click();
  await expect(page).toHaveURL(/\/articles\/cascading-and-metastable-failures/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cascading and metastable failures');
});
