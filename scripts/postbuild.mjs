// Post-build step for static hosting (run by trunk as a post_build hook).
//
// A plain static host (GitHub Pages and the like) has no SPA fallback, so a
// deep link such as /checklist would 404 before the app could route it. This
// writes, next to index.html:
//   - a folder per route listed in crates/web/src/routes.json (checklist/index.html, ...)
//   - a folder per article listed in generated/data/articles/index.json
//   - 404.html, so unknown paths still boot the app, which shows its not-found page
// Each copy carries its own <title> and meta description, so the right text is
// there before the WASM loads. It also refuses to ship an inline <script>,
// which the Content-Security-Policy would block.
//
// Usage: node scripts/postbuild.mjs [SITE_DIR]   (default: $TRUNK_STAGING_DIR, else dist)

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const siteDir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
const routesFile = 'crates/web/src/routes.json';
const articleIndexFile = 'generated/data/articles/index.json';

function fail(message) {
  console.error(`postbuild: ${message}`);
  process.exit(1);
}

function escapeHtml(text) {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`cannot read ${file}: ${error.message}`);
  }
}

/** The document title for a page title, as crates/web/src/site_meta.rs builds it. */
function fullTitle(site, title) {
  return title.startsWith(site) ? title : `${title} · ${site}`;
}

/** index.html with another title and description; fails if either is missing. */
function withMeta(html, title, description) {
  const titlePattern = /<title>[^<]*<\/title>/;
  const descriptionPattern = /<meta name="description" content="[^"]*">/;
  if (!titlePattern.test(html)) fail('index.html has no <title> to replace');
  if (!descriptionPattern.test(html)) fail('index.html has no <meta name="description"> to replace');
  return html
    .replace(titlePattern, `<title>${escapeHtml(title)}</title>`)
    .replace(descriptionPattern, `<meta name="description" content="${escapeHtml(description)}">`);
}

/** Fails on any <script> without a src: the CSP would block it and the app would not boot. */
function checkNoInlineScripts(html) {
  for (const match of html.matchAll(/<script\b([^>]*)>/g)) {
    if (!/\ssrc=/.test(match[1])) {
      fail(`index.html contains an inline <script${match[1]}>, which the Content-Security-Policy blocks`);
    }
  }
}

function writePage(relativeDir, html) {
  const dir = join(siteDir, relativeDir);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), html);
}

const indexFile = join(siteDir, 'index.html');
if (!existsSync(indexFile)) fail(`${indexFile} does not exist; run trunk build first`);
const index = readFileSync(indexFile, 'utf8');
checkNoInlineScripts(index);

const table = readJson(routesFile);
let written = 0;
for (const route of table.routes) {
  const title = fullTitle(table.site, route.title);
  if (route.path === '404') {
    writeFileSync(join(siteDir, '404.html'), withMeta(index, title, route.description));
    written += 1;
  } else if (route.path === '/') {
    writeFileSync(indexFile, withMeta(index, title, route.description));
  } else {
    writePage(route.path.replace(/^\//, ''), withMeta(index, title, route.description));
    written += 1;
  }
}

if (existsSync(articleIndexFile)) {
  const articles = readJson(articleIndexFile);
  if (!Array.isArray(articles)) fail(`${articleIndexFile} is not an array of articles`);
  for (const [position, article] of articles.entries()) {
    const { slug, title, summary } = article ?? {};
    if (typeof slug !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) {
      fail(`${articleIndexFile}: article ${position} has no valid slug (lower-case words joined by -): ${JSON.stringify(slug)}`);
    }
    const pageTitle = typeof title === 'string' ? title : slug;
    const description = typeof summary === 'string' ? summary : table.routes.find((r) => r.path === '/articles')?.description ?? '';
    writePage(`articles/${slug}`, withMeta(index, fullTitle(table.site, pageTitle), description));
    written += 1;
  }
}

console.log(`postbuild: wrote ${written} route pages and 404.html into ${siteDir}`);
