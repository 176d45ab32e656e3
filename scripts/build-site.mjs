// Builds the static site into a folder: `make dist` and `make serve` run it.
//
//   node scripts/build-site.mjs [--public-url /] [--dist dist] [--dev]
//
// Steps, in order:
//   1. the content build renders content/ into generated/data/
//      (scripts/build-content.sh);
//   2. the page template: index.html with its stylesheets, icon and page
//      script copied under content-hashed names (with subresource integrity),
//      <base href> set to the public URL, and generated/data/ copied to data/;
//   3. the island bundles (scripts/build-bundles.mjs; --dev skips their
//      size optimisation);
//   4. every route's page, prerendered (scripts/postbuild.mjs).
//
// The pages are HTML from the build and load only their own islands, so
// nothing here compiles an app for the template itself: a bundler such as
// trunk would build one for every page.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

function fail(message) {
  console.error(`build-site: ${message}`);
  process.exit(1);
}

function parseArgs(args) {
  const options = { publicUrl: '/', dist: 'dist', release: true };
  for (let index = 0; index < args.length; index += 1) {
    const flag = args[index];
    const value = () => {
      index += 1;
      if (index >= args.length) fail(`${flag} needs a value`);
      return args[index];
    };
    if (flag === '--public-url') options.publicUrl = value();
    else if (flag === '--dist') options.dist = value();
    else if (flag === '--dev') options.release = false;
    else fail(`unknown option ${flag} (usage: build-site.mjs [--public-url /PATH/] [--dist DIR] [--dev])`);
  }
  if (!options.publicUrl.startsWith('/')) fail(`--public-url must start with /: ${options.publicUrl}`);
  if (!options.publicUrl.endsWith('/')) options.publicUrl += '/';
  return options;
}

function run(command, args) {
  try {
    execFileSync(command, args, { stdio: 'inherit' });
  } catch (error) {
    fail(`${command} ${args.join(' ')} failed (${error.message})`);
  }
}

const escapeAttribute = (text) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;');

/**
 * Copies `source` into `dist` as NAME-HASH.EXT, so a new build never meets a
 * stale cached copy; returns its name and its sha384 integrity value.
 */
function copyHashed(source, dist) {
  if (!existsSync(source)) fail(`index.html names ${source}, which does not exist`);
  const bytes = readFileSync(source);
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const extension = extname(source);
  const name = `${basename(source, extension)}-${hash}${extension}`;
  writeFileSync(join(dist, name), bytes);
  const integrity = `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
  return { name, integrity };
}

/**
 * The page template: every `<link rel="stylesheet|icon" href="assets/…">`
 * and `<script type="module" src="assets/…">` in index.html points at a
 * hashed copy, and <base href> at the public URL. Relative addresses resolve
 * against the base, so the same files work at the root and under a sub-path.
 */
function buildTemplate({ publicUrl, dist }) {
  let html = readFileSync('index.html', 'utf8');
  const base = /<base href="[^"]*">/;
  if (!base.test(html)) fail('index.html has no <base href="…"> to set');
  html = html.replace(base, `<base href="${escapeAttribute(publicUrl)}">`);
  html = html.replace(/<link rel="(stylesheet|icon)" href="(assets\/[^"]+)">/g, (_, rel, href) => {
    const { name, integrity } = copyHashed(href, dist);
    return `<link rel="${rel}" href="${name}" integrity="${integrity}">`;
  });
  html = html.replace(/<script type="module" src="(assets\/[^"]+)"><\/script>/g, (_, src) => {
    const { name, integrity } = copyHashed(src, dist);
    return `<script type="module" src="${name}" integrity="${integrity}"></script>`;
  });
  const unresolved = html.match(/(?:href|src)="assets\/[^"]*"/);
  if (unresolved) fail(`index.html refers to ${unresolved[0]} in a form this build does not copy`);
  writeFileSync(join(dist, 'index.html'), html);
}

const options = parseArgs(process.argv.slice(2));
const started = Date.now();

run('sh', ['scripts/build-content.sh']);

rmSync(options.dist, { recursive: true, force: true });
mkdirSync(options.dist, { recursive: true });
buildTemplate(options);
cpSync('generated/data', join(options.dist, 'data'), { recursive: true });

run('node', ['scripts/build-bundles.mjs', options.dist, ...(options.release ? [] : ['--dev'])]);
run('node', ['scripts/postbuild.mjs', options.dist]);

console.log(`build-site: ${options.dist}/ for ${options.publicUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
