// Helpers shared by the article browser tests.
import { expect, wakeIslands } from './support/fixtures.mjs';

/**
 * An article's simulator figures start when the reader nears one: scrolls
 * to the first figure, waits until all `count` are live, then back to the
 * top, where a reader starts.
 */
export async function bringFiguresToLife(page, count) {
  // The figures in the prerendered page are replaced when the reading
  // island mounts: start it and wait for it, as after any page load.
  await wakeIslands(page);
  const figures = page.locator('.article-body figure.sim-embed');
  await expect(figures).toHaveCount(count);
  if (count === 0) return;
  await figures.first().scrollIntoViewIfNeeded();
  // Live: the figure is marked, and its Replay button (disabled in the
  // prerendered run) works.
  await expect(page.locator('.article-body figure.sim-embed[data-sim-mounted]')).toHaveCount(count);
  const play = figures.getByRole('button', { name: /Replay/ });
  await expect(play).toHaveCount(count);
  for (const button of await play.all()) await expect(button).toBeEnabled();
  await page.evaluate(() => window.scrollTo(0, 0));
}
