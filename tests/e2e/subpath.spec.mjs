// The same site built for a sub-path (PUBLIC_URL=/faultline/, as a GitHub
// Pages project site) works there: deep links, links, history, the
// not-found page, all under /faultline/. `make e2e` builds it into
// target/dist-subpath/ and requires this spec to run.
import { test, expect, openRoute, waitForApp, notFoundDocuments } from './support/fixtures.mjs';

const subpathUrl = process.env.FAULTLINE_SUBPATH_URL;
const required = process.env.FAULTLINE_REQUIRE_SUBPATH === '1';

test.describe('sub-path deployment', () => {
  test.skip(!subpathUrl && !required, 'no sub-path build (make e2e builds one)');
  test.use({ baseURL: subpathUrl ?? 'http://127.0.0.1:9/missing-sub-path-build/' });

  test('deep links, clicks and back work under /faultline/', async ({ page }) => {
    expect(subpathUrl, 'make e2e serves target/dist-subpath under /faultline/').toBeTruthy();
    const response = await openRoute(page, '/checklist');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Readiness checklist');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Checklist' }))
      .toHaveAttribute('aria-current', 'page');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Guide' }).click();
    await expect(page).toHaveURL(/\/faultline\/articles\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('The guide');

    await page.getByRole('banner').getByRole('link', { name: 'Faultline' }).click();
    await expect(page).toHaveURL(/\/faultline\/$/);
    await expect(page.getByRole('link', { name: /Break a system/ })).toHaveAttribute('href', '/faultline/simulator/');

    await page.goBack();
    await expect(page).toHaveURL(/\/faultline\/articles\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('The guide');
  });

  test('the skip link stays on the page despite <base href>', async ({ page }) => {
    await openRoute(page, '/simulator');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.locator('main#main')).toBeFocused();
    await expect(page).toHaveURL(/\/faultline\/simulator\/(#main)?$/);
  });

  test.describe('an unknown path', () => {
    test.use({ allowedProblems: notFoundDocuments('/faultline/no-such-page') });

    test('under the sub-path shows the not-found page', async ({ page }) => {
      const response = await page.goto('no-such-page');
      expect(response?.status()).toBe(404);
      await waitForApp(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
      await expect(page.locator('main code.path')).toHaveText('/no-such-page');
    });
  });
});
