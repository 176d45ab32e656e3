// Accessibility checks with axe-core. Usage:
//
//   import { expectNoAxeViolations } from './support/axe.mjs';
//   await expectNoAxeViolations(page);            // the whole page
//   await expectNoAxeViolations(page, '#results'); // one region
//
// axe runs through Playwright's evaluate (not an injected <script> tag), so
// the site's Content-Security-Policy does not block it.
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';

/** One line per violating node: rule, impact, selector and what to fix. */
function describe(violations) {
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) => `${violation.id} (${violation.impact}): ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ')}`,
    ),
  );
}

export async function expectNoAxeViolations(page, include) {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']);
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  expect(describe(results.violations), 'axe-core violations').toEqual([]);
}

/** Both colour schemes, for tests that loop over them. */
export const colorSchemes = ['light', 'dark'];
