// axe-core finds nothing on the guide's index (also with search results
// open) or on any article, in the light and the dark theme, and on a phone.
import { readFileSync } from 'node:fs';
import { bringFiguresToLife } from './articles-helpers.mjs';
import { test, expect, openRoute } from './support/fixtures.mjs';
import { expectNoAxeViolations, colorSchemes } from './support/axe.mjs';

const articles = JSON.parse(readFileSync('generated/data/articles/index.json', 'utf8'));

/** Waits until an article's body and its live simulator figures are in place. */
async function openArticle(page, slug) {
  await openRoute(page, `/articles/${slug}`);
  await expect(page.locator('.article-body h2').first()).toBeVisible();
  const { embeds } = JSON.parse(readFileSync(`generated/data/articles/${slug}.json`, 'utf8'));
  await bringFiguresToLife(page, embeds.length);
}

for (const colorScheme of colorSchemes) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('the index, with search results open, has no axe violations', async ({ page }) => {
      await openRoute(page, '/articles');
      await expect(page.locator('.article-list > li')).toHaveCount(articles.length);
      await expectNoAxeViolations(page);
      const box = page.getByRole('combobox', { name: 'Search the guide' });
      await box.click();
      await box.fill('backoff jitter');
      await expect(page.getByRole('option').first()).toBeVisible();
      await box.press('ArrowDown');
      await expect(page.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
      await expectNoAxeViolations(page);
    });

    for (const article of articles) {
      test(`${article.slug} has no axe violations`, async ({ page }) => {
        await openArticle(page, article.slug);
        await expectNoAxeViolations(page);
      });
    }
  });
}

test('an article at 360 px has no axe violations, with its contents open', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openArticle(page, 'timeouts-retries-backoff');
  await page.getByRole('navigation', { name: 'On this page' }).getByText('On this page').click();
  await expectNoAxeViolations(page);
});
