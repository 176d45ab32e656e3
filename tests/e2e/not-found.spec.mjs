// Unknown addresses get a real not-found page: HTTP 404 from the static host
// with the site's prerendered 404.html, whose script names the address.
import { test, expect, openRoute, routeTable, fullTitle, notFoundDocuments } from './support/fixtures.mjs';

const unknownPaths = ['/no-such-page', '/checklist/extra/segments', '/articles/a/b'];

// Chromium logs the 404 status of the document itself as a console error.
test.use({ allowedProblems: notFoundDocuments(...unknownPaths, '/does-not-exist') });

const notFoundTitle = fullTitle(routeTable.routes.find((route) => route.path === '404').title);

for (const path of unknownPaths) {
  test(`unknown path ${path} shows the not-found page`, async ({ page }) => {
    const response = await openRoute(page, path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page.locator('main code.path')).toHaveText(path);
    await expect(page).toHaveTitle(notFoundTitle);
  });
}

test('the not-found page leads back into the site', async ({ page }) => {
  await openRoute(page, '/no-such-page');
  await page.getByRole('main').getByRole('link', { name: 'The readiness checklist' }).click();
  await expect(page).toHaveURL(/\/checklist\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Readiness checklist');
});

test('a link to an unknown path shows the not-found page', async ({ page }) => {
  await openRoute(page, '/');
  await page.evaluate(() => {
    const link = document.createElement('a');
    link.href = 'does-not-exist';
    link.textContent = 'broken';
    document.querySelector('main').append(link);
  });
  await page.getByRole('link', { name: 'broken' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page).toHaveTitle(notFoundTitle);
});
