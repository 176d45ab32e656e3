// With scripts off, the site is still a site: every page is prerendered at
// build time (crates/prerender), so the guide reads in full, navigation works
// by plain links, and the interactive pages say what they need. Nothing
// loads that only scripts could use: no page preloads an island.
import { readFileSync } from 'node:fs';
import { test, expect, routeTable, fullTitle, notFoundDocuments } from './support/fixtures.mjs';

test.use({ javaScriptEnabled: false });

const articles = JSON.parse(readFileSync('generated/data/articles/index.json', 'utf8'));

test('the home page and the guide index read without scripts', async ({ page }) => {
  const islandFiles = [];
  page.on('request', (request) => /\/bundles\/|\.wasm$/.test(request.url()) && islandFiles.push(request.url()));
  await page.goto('');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Split your system only when it pays.');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Guide' }).click();
  await expect(page).toHaveURL(/\/articles\/?$/);
  await expect(page).toHaveTitle(fullTitle('The guide'));
  const cards = page.locator('.article-list .article-card');
  await expect(cards).toHaveCount(articles.length);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Guide' }))
    .toHaveAttribute('aria-current', 'page');
  // Search needs its island: without scripts the box is not offered at all.
  await expect(page.getByRole('combobox', { name: 'Search the guide' })).toBeHidden();
  // The topic filter is HTML and CSS, so it works.
  const resilience = articles.filter((summary) => summary.topic === 'Resilience');
  await page.getByRole('group', { name: 'Filter by topic' }).getByText('Resilience', { exact: true }).click();
  await expect(page.locator('.article-list > li:visible')).toHaveCount(resilience.length);
  expect(islandFiles, 'no island file loads without scripts').toEqual([]);
});

test('every article reads in full without scripts', async ({ page }) => {
  for (const article of articles) {
    const data = JSON.parse(readFileSync(`generated/data/articles/${article.slug}.json`, 'utf8'));
    await page.goto(`articles/${article.slug}`);
    await expect(page).toHaveTitle(fullTitle(article.title));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.title);
    // The body is all there: every heading of the table of contents, and
    // the sources when the article has footnotes.
    for (const entry of data.toc) {
      await expect(page.locator(`.article-body [id="${entry.id}"]`)).toHaveCount(1);
    }
    if (data.html.includes('id="footnotes"')) {
      await expect(page.locator('.article-body #footnotes')).toHaveCount(1);
    }
    // Each simulator figure shows its run, computed by the build: charts
    // drawn and the figures line; the replay button needs scripts.
    const figures = page.locator('.article-body figure.sim-embed');
    await expect(figures).toHaveCount(data.embeds.length);
    for (const figure of await figures.all()) {
      await expect(figure.locator('.embed-charts path.chart-line').first()).toHaveAttribute('d', /^M[\d.]+ [\d.]+ L/);
      await expect(figure.locator('.embed-figures')).toHaveText(/failed [\d.]+ %/);
      await expect(figure.locator('.embed-controls button')).toBeHidden();
      await expect(figure.locator('.chart-table table')).toHaveCount(await figure.locator('.chart').count());
      for (const table of await figure.locator('.chart-table table').all()) await expect(table).toBeVisible();
    }
    // Head: canonical link and Open Graph tags for link previews.
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', new RegExp(`articles/${article.slug}/$`));
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', fullTitle(article.title));
    await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article');
  }
});

test('links between articles and the next article work as plain links', async ({ page }) => {
  await page.goto(`articles/${articles[0].slug}`);
  await page.locator('.prev-next a[rel="next"]').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(articles[1].title);
});

test('the skip link points at the main content of the page itself', async ({ page }) => {
  await page.goto(`articles/${articles[0].slug}`);
  const href = await page.locator('a.skip-link').getAttribute('href');
  expect(href).toMatch(new RegExp(`articles/${articles[0].slug}/#main$`));
});

test('the checklist shows every question and explanation, and says that scoring needs scripts', async ({ page }) => {
  const data = JSON.parse(readFileSync('generated/data/checklist.json', 'utf8'));
  await page.goto('checklist');
  const title = routeTable.routes.find((entry) => entry.path === '/checklist').title;
  await expect(page).toHaveTitle(fullTitle(title));
  await expect(page.getByText('Scoring, saving and sharing need JavaScript and WebAssembly.')).toBeVisible();
  // Every area is open and every item is there, with its answers as a form
  // and its explanation.
  await expect(page.locator('.area-body:visible')).toHaveCount(data.areas.length + 1);
  await expect(page.locator('.item:visible')).toHaveCount(data.items.length);
  const first = data.items[0];
  const item = page.locator(`[id="item-${first.id}"]`);
  const answers = item.getByRole('group', { name: `Answer for: ${first.title}` });
  await expect(answers.getByRole('radio')).toHaveCount(4);
  await answers.getByRole('radio', { name: 'Partly', exact: true }).check();
  await item.getByText('What “yes” looks like, and why it matters').click();
  await expect(item.getByText(first.why)).toBeVisible();
  // What only works with scripts is not offered.
  await expect(page.getByRole('tablist')).toBeHidden();
  await expect(page.getByRole('region', { name: 'Saved assessments' })).toBeHidden();
});

test('the simulator shows the default scenario as the build ran it', async ({ page }) => {
  await page.goto('simulator');
  const title = routeTable.routes.find((entry) => entry.path === '/simulator').title;
  await expect(page).toHaveTitle(fullTitle(title));
  await expect(page.getByText('Running, editing and sharing scenarios need JavaScript and WebAssembly.')).toBeVisible();
  await expect(page.locator('.preset-name')).toHaveText('One slow dependency exhausts the pools');
  // The system, the run's results and its charts, with their tables as text.
  await expect(page.locator('.topology-svg .topo-node, .topology-svg g').first()).toBeVisible();
  await expect(page.locator('[data-figure]').first()).toBeVisible();
  const requests = Number(await page.locator('[data-figure] dd').first().getAttribute('data-value'));
  expect(requests).toBeGreaterThan(0);
  const charts = page.locator('.sim-charts .chart');
  expect(await charts.count()).toBeGreaterThan(3);
  for (const chart of await charts.all()) {
    await expect(chart.locator('path.chart-line').first()).toHaveAttribute('d', /^M[\d.]+ [\d.]+ L/);
    await expect(chart.locator('.chart-table table')).toBeVisible();
  }
  // What needs scripts is not offered.
  await expect(page.locator('#sim-play')).toBeHidden();
  await expect(page.locator('.sim-editor')).toBeHidden();
});

test.describe('an unknown address', () => {
  // Chromium logs the 404 status of the document itself as a console error.
  test.use({ allowedProblems: notFoundDocuments('/no-such-page') });

  test('gets the not-found page without scripts', async ({ page }) => {
    const response = await page.goto('no-such-page');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page.getByText('There is no page at this address.')).toBeVisible();
  });
});
