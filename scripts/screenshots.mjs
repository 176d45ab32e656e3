// Saves full-page screenshots of routes at desktop and phone widths, in the
// light and dark themes, for looking at the design by eye.
//
//   node scripts/screenshots.mjs [OUT_DIR=/tmp/faultline-shots] [PATH ...]
//
// Builds nothing: serves the existing dist/ (run `make dist` first), or the
// folder in $FAULTLINE_DIST.
import { chromium } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { chromiumFlags, chromiumPath } from './chromium.mjs';
import { startStaticServer } from './static-server.mjs';

const [outDir = '/tmp/faultline-shots', ...requested] = process.argv.slice(2);
const table = JSON.parse(readFileSync('crates/web/src/routes.json', 'utf8'));
const paths = requested.length > 0
  ? requested
  : [...table.routes.filter((route) => route.path.startsWith('/')).map((route) => route.path), '/no-such-page'];
const widths = [1280, 360];
const schemes = ['light', 'dark'];

mkdirSync(outDir, { recursive: true });
const server = await startStaticServer({ root: process.env.FAULTLINE_DIST ?? 'dist', port: 0 });
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: chromiumFlags,
});
try {
  for (const width of widths) {
    for (const colorScheme of schemes) {
      const page = await browser.newPage({ viewport: { width, height: 800 }, colorScheme });
      for (const path of paths) {
        await page.goto(new URL(path.replace(/^\//, ''), server.url).href);
        // The page's islands mount after the prerendered page has loaded.
        await page.locator('#app[data-mounted] main#main h1').waitFor();
        await page.waitForLoadState('networkidle');
        const name = (path.replace(/^\/|\/$/g, '').replaceAll('/', '_') || 'home') + `-${width}-${colorScheme}.png`;
        await page.screenshot({ path: `${outDir}/${name}`, fullPage: true });
        console.log(`${outDir}/${name}`);
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
