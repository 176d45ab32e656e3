// Reading the guide: the index, an article opened by deep link, its table of
// contents and anchors, links between articles, and the way out of an
// article (previous/next, related, checklist, presets).
import { readFileSync, readdirSync } from 'node:fs';
import { bringFiguresToLife } from './articles-helpers.mjs';
import { test, expect, openRoute, wakeIslands, fullTitle, notFoundDocuments } from './support/fixtures.mjs';

/** The site data the content build wrote (the same files dist/data serves). */
const data = (path) => JSON.parse(readFileSync(`generated/data/${path}`, 'utf8'));
const articles = data('articles/index.json');
const article = (slug) => data(`articles/${slug}.json`);
const sourceFiles = readdirSync('content/articles').filter((name) => name.endsWith('.md'));

/** Counts full document loads from now on: following an in-page link makes none. */
function countDocumentLoads(page) {
  const counter = { loads: 0 };
  page.on('load', () => (counter.loads += 1));
  return counter;
}

/**
 * Opens an article by deep link and waits until it has settled: the body is
 * in, and its simulator figures (if any; they start when the reader nears
 * one, so this scrolls to the first and back) have loaded their scenarios,
 * so nothing moves after.
 */
async function openArticle(page, slug) {
  await openRoute(page, `/articles/${slug}`);
  await expect(page.locator('.article-body h2').first()).toBeAttached();
  await bringFiguresToLife(page, article(slug).embeds.length);
}

/** The article body's heading with this id. */
const bodyHeading = (page, id) => page.locator(`.article-body :is(h2, h3)[id="${id}"]`);

test('the index lists every article with its summary, topic and reading time', async ({ page }) => {
  await openRoute(page, '/articles');
  expect(articles.length, 'every Markdown file is in the index').toBe(sourceFiles.length);
  const cards = page.locator('.article-list > li');
  await expect(cards).toHaveCount(articles.length);
  for (const [position, summary] of articles.entries()) {
    const card = cards.nth(position);
    await expect(card.getByRole('heading', { level: 3 })).toHaveText(summary.title);
    await expect(card.getByRole('link', { name: summary.title })).toHaveAttribute('href', `/articles/${summary.slug}/`);
    await expect(card).toContainText(summary.summary);
    await expect(card.locator('.topic-tag')).toHaveText(summary.topic);
    await expect(card).toContainText(`${summary.reading_minutes} min read`);
  }
});

test('the topic filter shows each topic and back, without any island', async ({ page }) => {
  const islandRequests = [];
  page.on('request', (request) => request.url().includes('/bundles/') && islandRequests.push(request.url()));
  await openRoute(page, '/articles');
  const filter = page.getByRole('group', { name: 'Filter by topic' });
  const status = page.locator('.index-status > p:visible');
  const topics = [...new Set(articles.map((summary) => summary.topic))];
  expect(topics.length).toBeGreaterThan(3);
  for (const topic of topics) {
    const shown = articles.filter((summary) => summary.topic === topic);
    await filter.getByText(topic, { exact: true }).click();
    await expect(filter.getByRole('radio', { name: topic })).toBeChecked();
    await expect(page.locator('.article-list > li:visible')).toHaveCount(shown.length);
    await expect(status).toHaveText(
      `Showing ${shown.length} of ${articles.length} ${shown.length === 1 ? 'article' : 'articles'}: ${topic}.`,
    );
    for (const summary of shown) {
      await expect(page.getByRole('link', { name: summary.title })).toBeVisible();
    }
  }
  // The keyboard moves through the choices as through any radio group
  // (from the last, round to the first).
  await filter.getByRole('radio').last().click();
  await filter.getByRole('radio').last().focus();
  await page.keyboard.press('ArrowRight');
  await expect(filter.getByRole('radio', { name: 'All topics' })).toBeChecked();
  await expect(page.locator('.article-list > li:visible')).toHaveCount(articles.length);
  await expect(status).toHaveText(new RegExp(`^${articles.length} articles, about \\d+ minutes of reading in all\\.$`));
  expect(islandRequests, 'the filter needs no island').toEqual([]);
});

test('a card opens its article at its own address', async ({ page }) => {
  await openRoute(page, '/articles');
  const second = articles[1];
  await page.locator('.article-list > li').nth(1).click();
  // The article's folder address, which a static host serves without a redirect.
  await expect(page).toHaveURL(new RegExp(`/articles/${second.slug}/$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(second.title);
});

test('an article reads without its island, which starts at the first interaction and keeps what the reader opened', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const islandRequests = [];
  page.on('request', (request) => {
    if (/\/bundles\/|\/data\//.test(new URL(request.url()).pathname)) islandRequests.push(request.url());
  });
  await page.goto('articles/observability/');
  await expect(page.locator('#app[data-mounted]')).toBeAttached();
  await page.waitForLoadState('networkidle');
  expect(islandRequests, 'nothing loads for the island before the reader does anything').toEqual([]);
  const island = page.locator('[data-island="reading"]');
  await expect(island).not.toHaveAttribute('data-state');
  // The whole article is there already.
  await expect(page.locator('.article-body h2').first()).toBeVisible();
  await expect(page.locator('.footnotes li').first()).toBeAttached();

  // The reader opens the contents: that starts the island, which keeps them open.
  const toc = page.getByRole('navigation', { name: 'On this page' });
  await toc.getByText('On this page').click();
  await expect(island).toHaveAttribute('data-state', 'mounted');
  expect(islandRequests.some((url) => url.includes('/bundles/reading-'))).toBe(true);
  await expect(toc.getByRole('link', { name: article('observability').toc[0].text, exact: true })).toBeVisible();
});

test('on a wide screen the contents sit open beside the text, before the island starts and after', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const slug = 'observability';
  const first = article(slug).toc[0];
  await page.goto(`articles/${slug}/`);
  await expect(page.locator('#app[data-mounted]')).toBeAttached();
  await expect(page.locator('[data-island="reading"]')).not.toHaveAttribute('data-state');
  const toc = page.getByRole('navigation', { name: 'On this page' });
  await expect(toc.getByRole('link', { name: first.text, exact: true })).toBeVisible();
  await wakeIslands(page);
  await expect(toc.getByRole('link', { name: first.text, exact: true })).toBeVisible();
});

test('an article opened by deep link renders its headings, table of contents and metadata', async ({ page }) => {
  const slug = 'timeouts-retries-backoff';
  const expected = article(slug);
  await openArticle(page, slug);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(expected.meta.title);
  await expect(page).toHaveTitle(fullTitle(expected.meta.title));
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', expected.meta.summary);
  await expect(page.locator('.article-header')).toContainText(`${expected.meta.reading_minutes} min read`);

  expect(expected.toc.length).toBeGreaterThan(3);
  const toc = page.getByRole('navigation', { name: 'On this page' });
  await expect(toc).toBeVisible();
  for (const entry of expected.toc) {
    await expect(bodyHeading(page, entry.id)).toHaveCount(1);
    await expect(bodyHeading(page, entry.id)).toContainText(entry.text);
    expect(await bodyHeading(page, entry.id).evaluate((node) => node.tagName)).toBe(`H${entry.level}`);
    await expect(toc.getByRole('link', { name: entry.text, exact: true })).toHaveAttribute(
      'href',
      `/articles/${slug}/#${entry.id}`,
    );
  }
  // The headings come in order: one h1, then h2/h3 without skipping a level.
  const levels = await page.locator('main :is(h1, h2, h3, h4)').evaluateAll((nodes) =>
    nodes.filter((node) => node.checkVisibility()).map((node) => Number(node.tagName[1])),
  );
  expect(levels[0]).toBe(1);
  for (let index = 1; index < levels.length; index += 1) {
    expect(levels[index] - levels[index - 1], `heading ${index} skips a level`).toBeLessThanOrEqual(1);
  }
});

test('a deep link with a fragment lands on that section once the article has loaded', async ({ page }) => {
  const slug = 'timeouts-retries-backoff';
  const target = article(slug).toc.at(-1);
  await page.goto(`articles/${slug}#${target.id}`);
  const heading = bodyHeading(page, target.id);
  await expect(heading).toBeInViewport();
  await expect(heading).toBeFocused();
  const top = await heading.evaluate((node) => node.getBoundingClientRect().top);
  expect(top, 'the heading sits near the top of the viewport').toBeLessThan(120);
});

test('table of contents links and footnotes scroll to their targets', async ({ page }) => {
  const slug = 'timeouts-retries-backoff';
  const expected = article(slug);
  await openArticle(page, slug);
  const loads = countDocumentLoads(page);
  const last = expected.toc.at(-1);
  await expect(bodyHeading(page, last.id)).not.toBeInViewport();
  await page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: last.text, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/articles/${slug}/#${last.id}$`));
  await expect(bodyHeading(page, last.id)).toBeInViewport();
  await expect(page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: last.text, exact: true }))
    .toHaveAttribute('aria-current', 'location');

  // A footnote reference jumps to its source, and the source links back.
  await page.evaluate(() => window.scrollTo(0, 0));
  const reference = page.locator('.article-body .footnote-ref a').first();
  await reference.click();
  const note = page.locator('.footnotes li').first();
  await expect(note).toBeInViewport();
  await note.locator('.footnote-backref').first().click();
  await expect(reference).toBeInViewport();
  expect(loads.loads).toBe(0);
});

test('a heading anchor goes to its section and copies the link', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL).origin });
  const slug = 'queues-and-backpressure';
  const entry = article(slug).toc[1];
  await openArticle(page, slug);
  const heading = bodyHeading(page, entry.id);
  await heading.hover();
  const anchor = heading.getByRole('link', { name: 'Link to this section' });
  await expect(anchor).toHaveCSS('opacity', '1');
  await anchor.click();
  await expect(page).toHaveURL(new RegExp(`/articles/${slug}/#${entry.id}$`));
  await expect(heading).toBeInViewport();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(new URL(`articles/${slug}/#${entry.id}`, baseURL).href);
});

test('links between articles land on the right section', async ({ page }) => {
  // Find an article whose body links to a section of another article.
  const linking = articles
    .map((summary) => ({ slug: summary.slug, html: article(summary.slug).html }))
    .map(({ slug, html }) => ({ slug, match: html.match(/href="articles\/([a-z0-9-]+)\/#([a-z0-9-]+)" class="link-article"/) }))
    .find(({ slug, match }) => match && match[1] !== slug);
  expect(linking, 'some article links to a section of another').toBeTruthy();
  const [, targetSlug, anchor] = linking.match;

  await openArticle(page, linking.slug);
  await page.locator(`.article-body a.link-article[href="articles/${targetSlug}/#${anchor}"]`).first().click();
  await expect(page).toHaveURL(new RegExp(`/articles/${targetSlug}/#${anchor}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(article(targetSlug).meta.title);
  await expect(page.locator(`[id="${anchor}"]`)).toBeInViewport();

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(article(linking.slug).meta.title);
});

test('after the body: checklist questions, presets, previous and next, related, last update', async ({ page }) => {
  const slug = 'timeouts-retries-backoff';
  const expected = article(slug);
  await openArticle(page, slug);

  const team = page.getByRole('region', { name: 'Check your team' });
  for (const item of expected.checklist) {
    await expect(team.getByRole('link', { name: item.title })).toHaveAttribute('href', `/checklist/?item=${item.id}`);
    await expect(team).toContainText(item.question);
  }
  const presets = page.getByRole('region', { name: 'See it happen' });
  for (const preset of expected.presets) {
    await expect(presets.getByRole('link', { name: preset.name })).toHaveAttribute('href', `/simulator/?preset=${preset.id}`);
  }
  const related = page.getByRole('region', { name: 'Related articles' });
  for (const link of expected.related) {
    await expect(related.getByRole('link', { name: link.title })).toHaveAttribute('href', `/articles/${link.slug}/`);
  }
  await expect(page.locator('.article-updated time')).toHaveAttribute('datetime', expected.meta.updated);

  const steps = page.getByRole('navigation', { name: 'Previous and next article' });
  await expect(steps.getByRole('link', { name: new RegExp(`Previous.*${expected.prev.title}`) })).toBeVisible();
  await steps.getByRole('link', { name: new RegExp(`Next.*${expected.next.title}`) }).click();
  await expect(page).toHaveURL(new RegExp(`/articles/${expected.next.slug}/$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(expected.next.title);
});

test('the first and last articles have one way to go', async ({ page }) => {
  await openRoute(page, `/articles/${articles[0].slug}`);
  const steps = page.getByRole('navigation', { name: 'Previous and next article' });
  await expect(steps.getByRole('link')).toHaveCount(1);
  await expect(steps.getByRole('link', { name: new RegExp(`Next.*${articles[1].title}`) })).toBeVisible();
  await openRoute(page, `/articles/${articles.at(-1).slug}`);
  await expect(steps.getByRole('link')).toHaveCount(1);
  await expect(steps.getByRole('link', { name: new RegExp(`Previous.*${articles.at(-2).title}`) })).toBeVisible();
});

test('a checklist link in the text opens the checklist at that item', async ({ page }) => {
  const slug = 'timeouts-retries-backoff';
  await openArticle(page, slug);
  const link = page.locator('.article-body a.link-checklist').first();
  const href = await link.getAttribute('href');
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/${href.replace('?', '\\?')}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Readiness checklist');
  const item = new URLSearchParams(href.split('?')[1]).get('item');
  await expect(page.locator(`[id="item-${item}"] .item-title`)).toBeFocused();
});

test.describe('an unknown article', () => {
  // The static host has no page for this address: it answers 404 with the
  // site's not-found page, which names the address and lists the articles.
  test.use({ allowedProblems: notFoundDocuments('/articles/no-such-article') });

  test('says so and lists the real ones', async ({ page }) => {
    const response = await openRoute(page, '/articles/no-such-article');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page.locator('main code.path')).toHaveText('/articles/no-such-article');
    for (const summary of articles) {
      await expect(page.getByRole('main').getByRole('link', { name: summary.title, exact: true })).toHaveAttribute(
        'href',
        `/articles/${summary.slug}/`,
      );
    }
  });
});

test('the table of contents is collapsed on a narrow screen and opens on demand', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const slug = 'observability';
  const first = article(slug).toc[0];
  await openArticle(page, slug);
  const toc = page.getByRole('navigation', { name: 'On this page' });
  const link = toc.getByRole('link', { name: first.text, exact: true });
  await expect(link).toBeHidden();
  await toc.getByText('On this page').click();
  await link.click();
  await expect(bodyHeading(page, first.id)).toBeInViewport();
  // It folds away again so it does not cover the text.
  await expect(link).toBeHidden();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'nothing makes the page scroll sideways at 360 px').toBeLessThanOrEqual(0);
});

test.describe('under a sub-path', () => {
  // `make e2e` also serves a build made for /faultline/ (see subpath.spec.mjs).
  const subpathUrl = process.env.FAULTLINE_SUBPATH_URL;
  test.skip(!subpathUrl && process.env.FAULTLINE_REQUIRE_SUBPATH !== '1', 'no sub-path build (make e2e builds one)');
  test.use({ baseURL: subpathUrl ?? 'http://127.0.0.1:9/missing-sub-path-build/' });

  test('article links, anchors and search stay under the base', async ({ page }) => {
    const slug = 'timeouts-retries-backoff';
    const expected = article(slug);
    await openRoute(page, `/articles/${slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(expected.meta.title);
    const entry = expected.toc[2];
    await page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: entry.text, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/faultline/articles/${slug}/#${entry.id}$`));
    await expect(bodyHeading(page, entry.id)).toBeInViewport();

    const other = page.locator(`.article-body a.link-article:not([href^="articles/${slug}"])`).first();
    const target = (await other.getAttribute('href')).replace(/#.*/, '');
    await other.click();
    await expect(page).toHaveURL(new RegExp(`/faultline/${target}(#[a-z0-9-]+)?$`));
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(expected.meta.title);
    await wakeIslands(page);

    const box = page.getByRole('combobox', { name: 'Search the guide' });
    await box.fill('jitter');
    await expect(page.getByRole('option').first()).toHaveAttribute('href', /^\/faultline\/articles\//);
    await box.press('Enter');
    await expect(page).toHaveURL(/\/faultline\/articles\/[a-z0-9-]+/);
  });
});
