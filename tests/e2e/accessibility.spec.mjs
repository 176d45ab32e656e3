// axe-core finds no violations on any route, in the light and the dark theme.
import { test, openRoute, routes, notFoundDocuments } from './support/fixtures.mjs';
import { expectNoAxeViolations, colorSchemes } from './support/axe.mjs';

const notFoundPages = ['/articles/not-a-real-article', '/no-such-page'];

function checkAxe(path, colorScheme) {
  test(`${path} has no axe violations in the ${colorScheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openRoute(page, path);
    await expectNoAxeViolations(page);
  });
}

for (const colorScheme of colorSchemes) {
  for (const route of routes) checkAxe(route.path, colorScheme);
}

test.describe('not-found pages', () => {
  // Only the 404 of the document itself is expected.
  test.use({ allowedProblems: notFoundDocuments(...notFoundPages) });
  for (const colorScheme of colorSchemes) {
    for (const path of notFoundPages) checkAxe(path, colorScheme);
  }
});
