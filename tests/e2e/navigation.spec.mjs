// Moving around by clicking links and with the browser's back and forward
// buttons: every page is its own prerendered document at its folder address
// (no redirect on the way), with its own title, restored from history.
import { test, expect, openRoute, waitForApp, routes, fullTitle } from './support/fixtures.mjs';

const titleOf = (path) => fullTitle(routes.find((route) => route.path === path).title);

test('clicking through the site, then back and forward', async ({ page }) => {
  await openRoute(page, '/');
  // Every link names the page's folder address, so the host answers it at
  // once rather than with a redirect.
  const redirects = [];
  page.on('response', (response) => {
    if (response.request().isNavigationRequest() && response.status() >= 300 && response.status() < 400) {
      redirects.push(response.url());
    }
  });

  await page.getByRole('link', { name: /Read the guide/ }).click();
  await expect(page).toHaveURL(/\/articles\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The guide');
  await expect(page).toHaveTitle(titleOf('/articles'));

  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Checklist' }).click();
  await expect(page).toHaveURL(/\/checklist\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Readiness checklist');
  await expect(page).toHaveTitle(titleOf('/checklist'));

  await nav.getByRole('link', { name: 'Simulator' }).click();
  await expect(page).toHaveURL(/\/simulator\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Failure simulator');
  await expect(page).toHaveTitle(titleOf('/simulator'));

  await page.getByRole('banner').getByRole('link', { name: 'Faultline' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page).toHaveTitle(titleOf('/'));

  await page.goBack();
  await expect(page).toHaveURL(/\/simulator\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Failure simulator');
  await page.goBack();
  await expect(page).toHaveURL(/\/checklist\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Readiness checklist');
  await expect(page).toHaveTitle(titleOf('/checklist'));
  await page.goForward();
  await expect(page).toHaveURL(/\/simulator\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Failure simulator');

  expect(redirects, 'no link goes through a redirect').toEqual([]);
});

test('footer links navigate too', async ({ page }) => {
  await openRoute(page, '/simulator');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Guide' }).click();
  await expect(page).toHaveURL(/\/articles\/$/);
  await waitForApp(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The guide');
});

test('the skip link moves focus to the main content', async ({ page }) => {
  await openRoute(page, '/articles');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
  await expect(page).toHaveURL(/\/articles\/(#main)?$/);
});
