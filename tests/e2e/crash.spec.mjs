// A panic in the app shows a visible "Something broke" notice instead of
// leaving a frozen page. wasmBindings.panic_drill() panics on purpose.
import { test, expect, openRoute } from './support/fixtures.mjs';

test.use({ allowedProblems: /panic drill|unreachable/ });

test('a panic reveals the crash notice with its detail', async ({ page }) => {
  // The home page is static; the checklist page runs an island.
  await openRoute(page, '/checklist');
  const notice = page.getByRole('alert').filter({ hasText: 'Something broke' });
  await expect(notice).toBeHidden();
  await page.evaluate(() => {
    try {
      window.wasmBindings.panic_drill();
    } catch {
      // The panic aborts the call; the notice is what matters.
    }
  });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('panic drill');
  await expect(notice.getByRole('link', { name: 'Reload Faultline' })).toBeVisible();
});
