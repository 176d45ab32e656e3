// Browser tests: Playwright driving Debian's chromium against the release
// build in dist/, served on loopback by scripts/static-server.mjs (started in
// tests/e2e/support/global-setup.mjs). Run them with `make e2e` or `make test`.
import { defineConfig } from '@playwright/test';
import { chromiumFlags, chromiumPath } from './scripts/chromium.mjs';

export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/support/global-setup.mjs',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    // Never `playwright install`: the system chromium is the browser.
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumFlags,
    },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
