// Simulator figures inside articles: at least four articles embed one, and an
// embedded figure runs in the text when its play button is pressed.
import { readFileSync } from 'node:fs';
import { bringFiguresToLife } from './articles-helpers.mjs';
import { test, expect, openRoute } from './support/fixtures.mjs';

const articles = JSON.parse(readFileSync('generated/data/articles/index.json', 'utf8'));
const pages = articles.map((summary) => JSON.parse(readFileSync(`generated/data/articles/${summary.slug}.json`, 'utf8')));
const withFigures = pages.filter((page) => page.embeds.length > 0);

test('at least four articles embed a runnable simulator figure', () => {
  expect(withFigures.length).toBeGreaterThanOrEqual(4);
});

test('an embedded figure runs in the text', async ({ page }) => {
  const article = withFigures[0];
  await openRoute(page, `/articles/${article.meta.slug}`);
  const figure = page.locator('.article-body figure.sim-embed').first();
  await expect(figure).toHaveAttribute('data-preset', article.embeds[0].preset);
  await expect(figure.locator(':scope > figcaption')).toHaveText(article.embeds[0].caption);
  // The figure comes alive as the reader scrolls to it.
  await figure.scrollIntoViewIfNeeded();

  const play = figure.getByRole('button', { name: /Replay/ });
  await expect(play).toBeEnabled();
  await expect(figure).toHaveAttribute('data-sim-mounted', /./);
  // The plain link to the simulator is not needed beside the embed's own.
  await expect(figure.locator('.sim-embed-fallback')).toBeHidden();
  // The figure opens with its run finished; Replay plays it again.
  await expect(figure.locator('.embed-clock')).toHaveText(/^(\d+) s of \1 s simulated$/);
  const clock = figure.locator('.embed-clock');
  const clockBefore = await clock.textContent();
  const chartsBefore = await figure.locator('.embed-charts svg').evaluateAll((svgs) => svgs.map((svg) => svg.innerHTML));
  expect(chartsBefore.length, 'the figure shows charts').toBeGreaterThan(0);

  await play.click();
  await expect(clock).not.toHaveText(clockBefore);
  await expect
    .poll(() => figure.locator('.embed-charts svg').evaluateAll((svgs) => svgs.map((svg) => svg.innerHTML)), {
      message: 'the charts draw the run',
    })
    .not.toEqual(chartsBefore);
  await expect(figure.locator('.embed-figures')).not.toBeEmpty();
});

test('every figure of an article gets its own live simulator, and leaving the article removes them', async ({ page }) => {
  const article = withFigures.reduce((most, candidate) => (candidate.embeds.length > most.embeds.length ? candidate : most));
  await openRoute(page, `/articles/${article.meta.slug}`);
  const figures = page.locator('.article-body figure.sim-embed');
  await expect(figures).toHaveCount(article.embeds.length);
  await figures.first().scrollIntoViewIfNeeded();
  for (let position = 0; position < article.embeds.length; position += 1) {
    await expect(figures.nth(position)).toHaveAttribute('data-preset', article.embeds[position].preset);
    await expect(figures.nth(position).getByRole('button', { name: /Replay/ })).toBeEnabled();
  }
  await figures.first().getByRole('button', { name: /Replay/ }).click();

  // Away to the next article (or the previous one for the last): only its own figures remain.
  const destination = pages.find((candidate) => candidate.meta.slug === (article.next ?? article.prev).slug);
  await page.getByRole('navigation', { name: 'Previous and next article' }).getByRole('link').last().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(destination.meta.title);
  await bringFiguresToLife(page, destination.embeds.length);
  await expect(page.locator('.sim-embed-mount')).toHaveCount(destination.embeds.length);
});

test('the simulator bundle loads only when the reader nears a figure', async ({ page }) => {
  // The article with the most text before its first figure, so the figure
  // starts well below the first screen.
  const depth = (candidate) => candidate.html.indexOf('sim-embed');
  const article = [...withFigures].sort((a, b) => depth(b) - depth(a))[0];
  const bundleRequests = [];
  page.on('request', (request) => {
    if (request.url().includes('/bundles/simulator-')) bundleRequests.push(request.url());
  });
  await openRoute(page, `/articles/${article.meta.slug}`);
  const figure = page.locator('.article-body figure.sim-embed').first();
  const top = await figure.evaluate((element) => element.getBoundingClientRect().top - window.innerHeight);
  expect(top, `the first figure of ${article.meta.slug} must start well below the first screen`).toBeGreaterThanOrEqual(1000);
  await page.waitForLoadState('networkidle');
  expect(bundleRequests, 'nothing loads for figures far below').toEqual([]);
  // Until then the figure shows the run the build computed…
  await expect(figure).not.toHaveAttribute('data-sim-mounted', /./);
  await expect(figure.locator('.embed-charts .chart')).not.toHaveCount(0);
  const line = await figure.locator('.embed-figures').textContent();
  expect(line).toMatch(/failed [\d.]+ %/);

  await figure.scrollIntoViewIfNeeded();
  const size = await figure.boundingBox();
  await expect(figure.getByRole('button', { name: /Replay/ })).toBeEnabled();
  expect(bundleRequests.length).toBeGreaterThan(0);
  // …and the live figure, computed in the browser, shows the same, at the same size.
  await expect(figure).toHaveAttribute('data-sim-mounted', /./);
  await expect(figure.locator('.embed-figures')).toHaveText(line);
  expect((await figure.boundingBox()).height).toBe(size.height);
});
