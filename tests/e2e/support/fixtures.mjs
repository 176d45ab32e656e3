// Shared fixtures for every browser test. Import `test` and `expect` from here,
// not from @playwright/test:
//
//   import { test, expect, openRoute } from './support/fixtures.mjs';
//
// What every test gets for free:
//   - baseURL points at the served dist/ (page.goto('checklist') works).
//   - The test fails if the page logs a console error, throws an uncaught
//     exception, or requests anything outside the site's origin (such
//     requests are also blocked, so nothing leaves the machine).
//   - A test that expects some of those (say, a 404 page load) allows them
//     with one regular expression (use | for several):
//       test.use({ allowedProblems: /status of 404|another message/ });
import { test as base, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';

/** The route table the app and the static-host build step share. */
export const routeTable = JSON.parse(readFileSync('crates/web/src/routes.json', 'utf8'));

/** The routes with a fixed path ('/', '/articles', ...), without the 404 entry. */
export const routes = routeTable.routes.filter((route) => route.path.startsWith('/'));

/** The document title the app builds from a route title (see crates/web/src/site_meta.rs). */
export function fullTitle(title) {
  return title.startsWith(routeTable.site) ? title : `${title} · ${routeTable.site}`;
}

/** A route path relative to the base URL: '/checklist' -> 'checklist', '/' -> ''. */
export function relative(path) {
  return path.replace(/^\//, '');
}

/**
 * Opens a route by direct URL (a deep link, as if typed or bookmarked),
 * then acts as a reader who starts using the page: every island, including
 * those that wait for a first interaction, has mounted when it returns.
 * Returns the navigation response.
 */
export async function openRoute(page, path) {
  const response = await page.goto(relative(path));
  await wakeIslands(page);
  return response;
}

/**
 * Waits until the islands that load with the page have mounted over the
 * prerendered page (assets/boot.js marks #app with data-mounted) and the
 * page heading shows.
 */
export async function waitForApp(page) {
  await expect(page.locator('#app[data-mounted] main#main h1')).toBeVisible();
}

/**
 * After a page load: presses a key that does nothing (Shift), the reader's
 * first interaction, which starts the islands that wait for one (an
 * article's), and waits until they and the ones that load with the page
 * have mounted. An island that waits until the reader turns to it (the
 * guide index's search box, data-when="focus") starts when a test uses it.
 */
export async function wakeIslands(page) {
  await waitForApp(page);
  await page.keyboard.press('Shift');
  await expect(
    page.locator('[data-island]:not([data-when="focus"], [data-state="mounted"], [data-state="failed"])'),
  ).toHaveCount(0);
}

/**
 * Holds island `name`'s wasm file until the returned function is called, so
 * a test can act on the prerendered page while the island loads.
 */
export async function holdIsland(page, name) {
  let release;
  const released = new Promise((resolve) => {
    release = resolve;
  });
  await page.route(new RegExp(`/bundles/${name}-[0-9a-f]+/${name}_bg\\.wasm$`), async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How Chromium words a failed load in the console; `causes` are regular expression sources. */
function failedLoadMessages(paths, causes) {
  const ends = paths.map((path) => escapeRegExp(path.replace(/^\//, ''))).join('|');
  return new RegExp(`^console error: Failed to load resource: (?:${causes.join('|')}) \\([^ ]*/(?:${ends})\\)$`);
}

const NOT_FOUND = 'the server responded with a status of 404 \\(Not Found\\)';
const ANY_HTTP_ERROR = 'the server responded with a status of [45]\\d\\d \\([^)]*\\)';

/**
 * The allowance a not-found test needs, and no more: Chromium logs the 404
 * status of a document it loads as a console error, so this matches that
 * message for the documents at the given paths only (a missing script, data
 * file or image elsewhere still fails the test). Use with test.use:
 *   test.use({ allowedProblems: notFoundDocuments('/no-such-page') });
 */
export function notFoundDocuments(...paths) {
  return failedLoadMessages(paths, [NOT_FOUND]);
}

/**
 * The allowance for files a test makes fail on purpose (an HTTP error status
 * or a network error), for the given paths only:
 *   test.use({ allowedProblems: failedLoads('data/checklist.json') });
 */
export function failedLoads(...paths) {
  return failedLoadMessages(paths, [ANY_HTTP_ERROR, 'net::ERR_FAILED']);
}

/**
 * Watches a browser context: every page opened in it (the first tab, a second
 * tab, a popup) has its console errors and uncaught exceptions recorded in
 * `problems`, and every request that leaves the site's origin is recorded and
 * blocked, so nothing leaves the machine.
 */
async function watchContext(context, origin, problems) {
  const leavesOrigin = (url) => {
    const parsed = new URL(url);
    return !['data:', 'blob:', 'about:'].includes(parsed.protocol) && parsed.origin !== origin;
  };
  await context.route(leavesOrigin, (route) => {
    problems.push(`off-origin request: ${route.request().url()}`);
    return route.abort('blockedbyclient');
  });
  const watchPage = (page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') {
        const where = message.location()?.url ? ` (${message.location().url})` : '';
        problems.push(`console error: ${message.text()}${where}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
}

export const test = base.extend({
  // The static server's URL, set by global-setup.mjs.
  baseURL: async ({}, use) => {
    const url = process.env.FAULTLINE_BASE_URL;
    if (!url) throw new Error('FAULTLINE_BASE_URL is not set: run the tests with `make e2e`');
    await use(url);
  },

  // Problems a test expects: one regular expression matched against each
  // message, or null. (A single value: Playwright reads a two-element array
  // given to test.use as [value, options].)
  allowedProblems: [null, { option: true }],

  // Everything the watched pages reported (see watchContext).
  problems: async ({}, use) => {
    await use([]);
  },

  // Watches the fixture's context, so its page and any second tab a test opens
  // with context.newPage() are guarded; fails the test on anything not expected.
  pageProblems: [
    async ({ page, context, baseURL, allowedProblems, problems }, use) => {
      await watchContext(context, new URL(baseURL).origin, problems);
      await use(problems);
      const unexpected = problems.filter((problem) => !allowedProblems?.test(problem));
      expect(unexpected, 'console errors, uncaught exceptions or off-origin requests').toEqual([]);
    },
    { auto: true },
  ],

  // Opens a fresh browser context (a new visitor: no storage, no cookies)
  // watched like the fixture's own; closed after the test. The only way a
  // test should open one:
  //   const fresh = await freshContext();
  //   const other = await fresh.newPage();
  freshContext: async ({ browser, baseURL, problems }, use) => {
    const opened = [];
    await use(async (options = {}) => {
      const context = await browser.newContext({ baseURL, ...options });
      await watchContext(context, new URL(baseURL).origin, problems);
      opened.push(context);
      return context;
    });
    await Promise.all(opened.map((context) => context.close().catch(() => {})));
  },
});

export { expect };
