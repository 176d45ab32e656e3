// axe-core finds no violations on any route, in the light and the dark theme.
import { test, openRoute, routes } from './support/fixtures.mjs';
import { expectNoAxeViolations, colorSchemes } from './support/axe.mjs';

const pages = [...routes.map((route) => route.path), '/articles/not-a-real-article', '/no-such-page'];

test.use({ allowedProblems: /status of 404/ });

for (const colorScheme of colorSchemes) {
  for (const path of pages) {
    test(`${path} has no axe violations in the ${colorScheme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await openRoute(page, path);
      await expectNoAxeViolations(page);
    });
  }
}
