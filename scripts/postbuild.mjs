// Post-build step for static hosting (scripts/build-site.mjs runs it last).
//
// Writes the page a static host serves for every route, each with its content
// prerendered at build time (crates/prerender renders the same Leptos
// components the browser runs, for this build's <base href>), so every page
// reads without scripts and deep links need no server configuration:
//   - index.html and a folder per route in crates/web/src/routes.json
//     (checklist/index.html, ...)
//   - a folder per article listed in generated/data/articles/index.json
//   - 404.html, so unknown paths still get the site's own not-found page
// Each page carries its own <title>, meta description, canonical link and
// Open Graph tags. It also refuses to ship an inline <script>, which the
// Content-Security-Policy would block.
//
// Usage: node scripts/postbuild.mjs [SITE_DIR]   (default: dist)
// FAULTLINE_SITE_ORIGIN (for example https://example.github.io, as `make dist
// SITE_ORIGIN=...` passes it) makes canonical links absolute and adds og:url;
// without it they are absolute paths, since the host is not known.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const siteDir = process.argv[2] ?? 'dist';
const siteOrigin = siteOriginFromEnvironment(process.env.FAULTLINE_SITE_ORIGIN ?? '');
const routesFile = 'crates/web/src/routes.json';
const articleIndexFile = 'generated/data/articles/index.json';
const presetIndexFile = 'generated/data/scenarios/index.json';

function fail(message) {
  console.error(`postbuild: ${message}`);
  process.exit(1);
}

/** The site's origin without a trailing slash, or '' when not given; anything else is refused. */
function siteOriginFromEnvironment(value) {
  if (value === '') return '';
  let url;
  try {
    url = new URL(value);
  } catch {
    fail(`FAULTLINE_SITE_ORIGIN is not a URL: ${value}`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search || url.hash) {
    fail(`FAULTLINE_SITE_ORIGIN must be an origin such as https://example.org (the base path comes from PUBLIC_URL), not ${value}`);
  }
  return url.origin;
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

/**
 * The canonical link and Open Graph tags for the page at `path` (base
 * included), put before </head>. With the site's origin they are absolute
 * URLs and og:url is given; without it the canonical link is an absolute
 * path and og:url is left out.
 */
function withSharing(html, path, title, description, type) {
  const href = `${siteOrigin}${path}`;
  const tags = [
    `<link rel="canonical" href="${escapeHtml(href)}">`,
    ...(siteOrigin ? [`<meta property="og:url" content="${escapeHtml(href)}">`] : []),
    `<meta property="og:type" content="${type}">`,
    `<meta property="og:site_name" content="Faultline">`,
    `<meta property="og:title" content="${escapeHtml(title)}">`,
    `<meta property="og:description" content="${escapeHtml(description)}">`,
  ];
  if (!html.includes('</head>')) fail('index.html has no </head>');
  return html.replace('</head>', `  ${tags.join('\n  ')}\n</head>`);
}

/**
 * The page with its prerendered content (the fragment `name` that
 * crates/prerender wrote) inside the empty <div id="app"></div> of index.html.
 */
function withContent(html, name) {
  const file = join(fragmentsDir, name);
  if (!existsSync(file)) fail(`the prerenderer wrote no ${file}`);
  const fragment = readFileSync(file, 'utf8');
  const placeholder = /<div id="app"><\/div>/;
  if (!placeholder.test(html)) fail('index.html has no empty <div id="app"></div> to fill');
  return html.replace(placeholder, () => `<div id="app">${fragment}</div>`);
}

/** One finished page: meta, sharing tags and content. */
function pageHtml(template, { path, title, description, type, fragment }) {
  return withContent(withSharing(withMeta(template, title, description), path, title, description, type), fragment);
}

/** Fails on any <script> without a src: the CSP would block it and the islands would not start. */
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
if (!existsSync(indexFile)) fail(`${indexFile} does not exist; build the page template first (scripts/build-site.mjs)`);
const index = readFileSync(indexFile, 'utf8');
checkNoInlineScripts(index);

// Prerender every route with the site's own components, for this build's base.
const base = index.match(/<base href="([^"]*)"/)?.[1] ?? '/';
const fragmentsDir = join('target', 'prerender', base === '/' ? 'root' : base.replace(/[^a-z0-9]+/gi, '-'));
try {
  execFileSync('cargo', ['run', '--quiet', '-p', 'faultline-prerender', '--', '--base', base, '--out', fragmentsDir], { stdio: 'inherit' });
} catch (error) {
  fail(`the prerenderer failed (${error.message})`);
}
const routePath = (route) => `${base}${route.replace(/^\//, '')}`;

const table = readJson(routesFile);
let written = 0;
for (const route of table.routes) {
  const title = fullTitle(table.site, route.title);
  const meta = { title, description: route.description, type: 'website' };
  if (route.path === '404') {
    const html = pageHtml(index, { ...meta, path: routePath('404.html'), fragment: '404.html' });
    writeFileSync(join(siteDir, '404.html'), html);
    written += 1;
  } else if (route.path === '/') {
    writeFileSync(indexFile, pageHtml(index, { ...meta, path: base, fragment: 'index.html' }));
  } else {
    const name = route.path.replace(/^\//, '');
    writePage(name, pageHtml(index, { ...meta, path: `${routePath(name)}/`, fragment: `${name}.html` }));
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
    writePage(`articles/${slug}`, pageHtml(index, {
      title: fullTitle(table.site, pageTitle),
      description,
      type: 'article',
      path: `${routePath(`articles/${slug}`)}/`,
      fragment: `articles/${slug}.html`,
    }));
    written += 1;
  }
}

// Every preset's editor forms, as the prerenderer drew them: site data the
// simulator island fetches for a link to that preset
// (crates/web/src/simulator/editor/stand_in.rs).
// Only the presets this build has (the prerenderer's folder may hold a
// removed one's).
const formsOut = join(siteDir, 'data', 'editor-forms');
mkdirSync(formsOut, { recursive: true });
const presets = readJson(presetIndexFile);
if (!Array.isArray(presets)) fail(`${presetIndexFile} is not an array of presets`);
for (const { id } of presets) {
  const file = join(fragmentsDir, 'editor-forms', `${id}.html`);
  if (!existsSync(file)) fail(`the prerenderer wrote no ${file}`);
  writeFileSync(join(formsOut, `${id}.html`), readFileSync(file));
}
const forms = presets.length;

console.log(`postbuild: wrote ${written} route pages and 404.html, and ${forms} presets' editor forms, into ${siteDir}`);
