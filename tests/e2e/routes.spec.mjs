// Every route opens by direct URL (a deep link) from the static build, with
// its own title, description and heading, inside the shared layout.
import { test, expect, openRoute, routes, fullTitle } from './support/fixtures.mjs';

for (const route of routes) {
  test(`deep link to ${route.path} renders the page with its own title`, async ({ page }) => {
    const response = await openRoute(page, route.path);
    expect(response?.status(), 'a static host serves a real file for this route').toBe(200);
    await expect(page).toHaveTitle(fullTitle(route.title));
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', route.description);
    await expect(page.getByRole('banner').getByRole('link', { name: 'Faultline' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(page.getByRole('contentinfo')).toBeVisible();
    await expect(page.locator('h1')).toHaveCount(1);
  });
}

test('a trailing slash opens the same page', async ({ page }) => {
  await openRoute(page, '/checklist/');
  await expect(page).toHaveTitle(fullTitle(routes.find((route) => route.path === '/checklist').title));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Readiness checklist');
});

test('a folder without its slash redirects, as static hosts do, and still renders', async ({ page }) => {
  await openRoute(page, '/simulator');
  await expect(page).toHaveURL(/\/simulator\/?$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Failure simulator');
});

test('the navigation marks the current section', async ({ page }) => {
  await openRoute(page, '/checklist');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Checklist' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'Guide' })).not.toHaveAttribute('aria-current', 'page');
});

test('the home page offers the three ways in', async ({ page }) => {
  await openRoute(page, '/');
  for (const [name, path] of [
    ['Read the guide', '/articles/'],
    ['Score your team', '/checklist/'],
    ['Break a system', '/simulator/'],
  ]) {
    await expect(page.getByRole('link', { name: new RegExp(name) })).toHaveAttribute('href', path);
  }
});
