// Leaving a page while a simulation runs must stop it cleanly: nothing the
// run owned is touched after the page is gone (a disposed reactive value once
// panicked the simulator bundle this way), no console error, no stray work.
// Ten times in a row, at the root and under the sub-path; the fixture fails
// the test on any console error or uncaught exception.
import { readFileSync } from 'node:fs';
import { test, expect, openRoute, wakeIslands } from './support/fixtures.mjs';
import { openSimulator, waitForSimulatedTime } from './simulator-helpers.mjs';

const articles = JSON.parse(readFileSync('generated/data/articles/index.json', 'utf8'));
const withFigure = articles
  .map((summary) => JSON.parse(readFileSync(`generated/data/articles/${summary.slug}.json`, 'utf8')))
  .find((article) => article.embeds.length > 0);

const ROUNDS = 10;
const subpathUrl = process.env.FAULTLINE_SUBPATH_URL;
const required = process.env.FAULTLINE_REQUIRE_SUBPATH === '1';

/** The work left behind, if any, shows up within a few frames: let them pass. */
async function settle(page) {
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        let frames = 0;
        const next = () => (++frames >= 10 ? resolve() : requestAnimationFrame(next));
        requestAnimationFrame(next);
      }),
  );
}

function leaveMidRun() {
  test(`leaving the simulator mid-run ${ROUNDS} times logs no error`, async ({ page }) => {
    await openSimulator(page, '?preset=retry-storm');
    for (let round = 0; round < ROUNDS; round += 1) {
      await page.locator('#sim-speed').selectOption(round % 2 === 0 ? '100' : '25');
      await page.locator('#sim-play').click();
      await waitForSimulatedTime(page, 1);
      await expect(page.locator('.run-status')).toHaveText('Running');
      // Away by a plain link while the run is going.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Guide' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('The guide');
      await settle(page);
      await page.goBack();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Failure simulator');
      await expect(page.locator('[data-island="simulator"]')).toHaveAttribute('data-state', 'mounted');
      await expect(page.locator('.sim-loading')).toHaveCount(0);
      await expect(page.locator('#sim-play')).toBeEnabled();
    }
  });

  test(`leaving an article mid-figure ${ROUNDS} times logs no error`, async ({ page }) => {
    const slug = withFigure.meta.slug;
    await openRoute(page, `/articles/${slug}`);
    for (let round = 0; round < ROUNDS; round += 1) {
      const figure = page.locator('.article-body figure.sim-embed').first();
      await figure.scrollIntoViewIfNeeded();
      // The live figure opens finished (Replay); one the back-forward cache
      // kept may still be running (Pause) or paused (Resume).
      const play = figure.locator('.embed-controls button');
      await expect(play).toBeEnabled();
      await expect(play).toHaveText(/Replay|Resume|Pause/);
      const clock = figure.locator('.embed-clock');
      if (!(await play.textContent()).includes('Pause')) {
        const before = await clock.textContent();
        await play.click();
        await expect(clock).not.toHaveText(before);
      }
      // Away to the checklist while the figure runs, then back.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Checklist' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Readiness checklist');
      await settle(page);
      await page.goBack();
      // The article is a new document again (or the same one, from the
      // back-forward cache): its island mounts before the next round.
      await wakeIslands(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(withFigure.meta.title);
    }
  });

  test(`leaving an article while its figures are still loading ${ROUNDS} times logs no error`, async ({ page }) => {
    // The network holds every preset of the article until the reader has
    // left: the figures' loads are in flight when the article goes. Each
    // round opens the article afresh, since a preset that arrived is kept
    // for the visit.
    const presets = [...new Set(withFigure.embeds.map((embed) => embed.preset))].join('|');
    const presetRequest = new RegExp(`/data/scenarios/(?:${presets})\\.json$`);
    const held = [];
    await page.route(presetRequest, (route) => {
      held.push(route);
    });
    for (let round = 0; round < ROUNDS; round += 1) {
      await openRoute(page, `/articles/${withFigure.meta.slug}`);
      const asked = page.waitForRequest(presetRequest);
      await page.locator('.article-body figure.sim-embed').first().scrollIntoViewIfNeeded();
      await asked;
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Checklist' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Readiness checklist');
      // The article's document went, and its requests with it: the browser
      // has dropped them, so letting them go may fail, which is the point.
      await Promise.all(held.splice(0).map((route) => route.continue().catch(() => {})));
      await settle(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Readiness checklist');
    }
  });
}

test.describe('at the root', () => {
  leaveMidRun();
});

test.describe('under the sub-path', () => {
  test.skip(!subpathUrl && !required, 'no sub-path build (make e2e builds one)');
  test.use({ baseURL: subpathUrl ?? 'http://127.0.0.1:9/missing-sub-path-build/' });
  leaveMidRun();
});
