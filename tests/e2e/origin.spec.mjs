// Nothing leaves the origin, and the shipped HTML keeps a strict
// Content-Security-Policy the app actually runs under. (Every test also fails
// on an off-origin request, through the shared fixture.)
import { test, expect, openRoute, routes } from './support/fixtures.mjs';

test('every request of every route stays on the site origin', async ({ page, baseURL }) => {
  const origin = new URL(baseURL).origin;
  const requested = [];
  page.on('request', (request) => requested.push(request.url()));
  for (const route of routes) {
    await openRoute(page, route.path);
    await page.waitForLoadState('networkidle');
  }
  expect(requested.length).toBeGreaterThan(0);
  const elsewhere = requested.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
  expect(elsewhere).toEqual([]);
});

test('the Content-Security-Policy allows only the site itself and WASM compilation', async ({ page }) => {
  await openRoute(page, '/');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  const directives = Object.fromEntries(
    policy.split(';').map((part) => part.trim().split(/\s+/)).filter((words) => words[0]).map(([name, ...values]) => [name, values]),
  );
  expect(directives['default-src']).toEqual(["'self'"]);
  expect(directives['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toMatch(/https?:/);
});

test('the shipped HTML pages contain no inline scripts', async ({ request }) => {
  for (const path of ['', 'articles/', 'checklist/', 'simulator/', '404.html']) {
    const html = await (await request.get(path)).text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length, `${path || 'index.html'} loads the app`).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes, `${path || 'index.html'}: every script is a file`).toMatch(/\ssrc=/);
      expect(body.trim()).toBe('');
    }
  }
});

test.describe('enforcement', () => {
  // The refusal is logged as a console error; that is the point here.
  test.use({ allowedProblems: /Executing inline script violates the following Content Security Policy/ });

  test('an inline script is refused, so the policy is enforced', async ({ page }) => {
  await openRoute(page, '/');
  const ran = await page.evaluate(() => {
    window.inlineScriptRan = false;
    const script = document.createElement('script');
    script.textContent = 'window.inlineScriptRan = true;';
    document.body.append(script);
    return window.inlineScriptRan;
  });
  expect(ran).toBe(false);
});
});
