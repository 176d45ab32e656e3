// Lighthouse (mobile defaults: simulated slow 4G, 4x CPU slowdown) on the
// built site, served gzip-compressed on loopback as a static host serves it,
// in Debian's chromium. Prints the four category scores, LCP, TBT and CLS
// per route. A measurement for notes and budgets, not a test: the numbers
// move with the machine's load.
//
//   node scripts/lighthouse.mjs [DIST=dist] [PORT=0]     (make lighthouse)
//
// Lighthouse comes from the npm registry through npx, pinned to one major
// version, so `make test` does not install it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromiumFlags, chromiumPath } from './chromium.mjs';
import { startStaticServer } from './static-server.mjs';

const LIGHTHOUSE = 'lighthouse@13';
// Each page's own (folder) address, as the site's links give it: no redirect.
const ROUTES = ['', 'articles/', 'articles/timeouts-retries-backoff/', 'checklist/', 'simulator/'];
const CHROME_FLAGS = ['--headless=new', ...chromiumFlags];

const run = promisify(execFile);
const dist = process.argv[2] ?? 'dist';
const port = Number(process.argv[3] ?? 0);
const server = await startStaticServer({ root: dist, port, base: '/', gzip: true });
const profile = await mkdtemp(join(tmpdir(), 'faultline-lighthouse-'));
const rows = [];
try {
  for (const route of ROUTES) {
    const url = new URL(route, server.url).href;
    const { stdout } = await run(
      'npx',
      [
        '--yes',
        LIGHTHOUSE,
        url,
        '--output=json',
        '--output-path=stdout',
        '--quiet',
        `--chrome-flags=${CHROME_FLAGS.join(' ')} --user-data-dir=${profile}`,
      ],
      { env: { ...process.env, CHROME_PATH: chromiumPath }, maxBuffer: 256 * 1024 * 1024 },
    );
    const report = JSON.parse(stdout);
    const score = (id) => Math.round((report.categories[id]?.score ?? 0) * 100);
    const audit = (id) => report.audits[id]?.numericValue ?? NaN;
    rows.push({
      route: `/${route}`,
      performance: score('performance'),
      accessibility: score('accessibility'),
      'best-practices': score('best-practices'),
      seo: score('seo'),
      'LCP (s)': (audit('largest-contentful-paint') / 1000).toFixed(2),
      'TBT (ms)': Math.round(audit('total-blocking-time')),
      CLS: audit('cumulative-layout-shift').toFixed(3),
    });
    console.error(`lighthouse: ${url} done`);
  }
} finally {
  await server.close();
  await rm(profile, { recursive: true, force: true });
}
console.log(`Lighthouse ${LIGHTHOUSE} (mobile), ${dist}/ served gzip-compressed on loopback`);
console.table(rows);
