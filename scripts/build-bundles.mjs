// Builds the island bundles into the site (scripts/build-site.mjs runs it,
// before postbuild.mjs).
//
// Pages are prerendered HTML; what is interactive on them is an island, a
// wasm module that assets/boot.js loads on the pages that have one:
//   reading    the article index, the reader and search      (wasm-opt -Oz)
//   checklist  the readiness checklist                       (wasm-opt -Oz)
//   simulator  the simulator page and the article figures    (wasm-opt -O3)
//   engine     the engine's Web Worker, which the simulator
//              bundle starts to run simulations and sweeps   (wasm-opt -O3)
// Each is a crate of its own under crates/bundles/ (a cdylib), built with
// cargo, split where marked (below), bound with wasm-bindgen (--target web), optimised
// with wasm-opt, and written to bundles/NAME-HASH/ (the hash of its files, so
// a new build never meets a stale cached copy). Their addresses go into
// index.html as <meta name="faultline-bundle-NAME" content="..."> tags, which
// postbuild.mjs then copies into every route's page.
//
// Split: the simulator bundle has parts loaded on first use (its split
// points: crates/web/src/simulator/on_first_use.rs). wasm-split-cli (crates.io
// wasm_split_cli_support, installed by scripts/ensure-tools.sh) reads the
// linked module with its relocations (the bundle's build.rs asks the linker
// for them), moves what only a split point reaches into a wasm file of its
// own and writes __wasm_split.js, which fetches those files when a split
// function is first called. wasm-bindgen then binds the main module, keeping
// the exports the split files need (--keep-lld-exports), and every wasm file
// goes through wasm-opt.
//
// Usage: node scripts/build-bundles.mjs [SITE_DIR] [--dev]
//   SITE_DIR defaults to dist. --dev builds debug bundles without wasm-opt
//   (faster to build, far larger); the default is the optimised release.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const args = process.argv.slice(2);
const release = !args.includes('--dev');
const siteDir = args.find((arg) => !arg.startsWith('--')) ?? 'dist';
const target = 'wasm32-unknown-unknown';
const targetDir = process.env.CARGO_TARGET_DIR ?? 'target';

// The wasm-opt level of each bundle. All are built with the release
// profile, where the engine crate alone is compiled for speed (Cargo.toml).
const bundles = [
  { name: 'reading', opt: '-Oz' },
  { name: 'checklist', opt: '-Oz' },
  { name: 'simulator', opt: '-O3', split: true },
  { name: 'engine', opt: '-O3', entry: 'worker.js' },
];

// The engine worker's entry: a module worker script (same origin, as the
// Content-Security-Policy's worker-src 'self' requires) that loads the wasm
// and starts it; if that fails, it tells the page in the protocol's words
// (crates/worker/src/protocol.rs), as a failure of "every run" (id 0).
const workerEntry = `// The engine's module Web Worker (written by scripts/build-bundles.mjs).
import init, { start } from './engine.js';

init().then(start, (error) => {
  postMessage(JSON.stringify({ failed: { id: 0, message: \`the engine could not start: \${error}\` } }));
});
`;

// The wasm features rustc emits for wasm32 by default; wasm-opt must accept them.
const wasmFeatures = [
  '--enable-bulk-memory',
  '--enable-mutable-globals',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-reference-types',
  '--enable-multivalue',
];

function fail(message) {
  console.error(`build-bundles: ${message}`);
  process.exit(1);
}

function run(command, args) {
  try {
    execFileSync(command, args, { stdio: 'inherit' });
  } catch (error) {
    fail(`${command} ${args.join(' ')} failed (${error.message})`);
  }
}

function filesUnder(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function hashOf(dir) {
  const hash = createHash('sha256');
  for (const file of filesUnder(dir).sort()) {
    hash.update(relative(dir, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

const indexFile = join(siteDir, 'index.html');
if (!existsSync(indexFile)) fail(`${indexFile} not found: run this after the page template is built (scripts/build-site.mjs)`);

// One cargo call: the shared crates are compiled once; each bundle costs a
// link (with LTO).
const profile = release ? 'release' : 'dev';
const packages = bundles.flatMap((bundle) => ['-p', `faultline-bundle-${bundle.name}`]);
console.log(`build-bundles: cargo build --profile ${profile} (${bundles.map((bundle) => bundle.name).join(', ')})`);
run('cargo', ['build', '--target', target, '--profile', profile, '--lib', ...packages]);

const outRoot = join(siteDir, 'bundles');
rmSync(outRoot, { recursive: true, force: true });
const metas = [];
for (const bundle of bundles) {
  const profileDir = release ? 'release' : 'debug';
  const input = join(targetDir, target, profileDir, `faultline_bundle_${bundle.name}.wasm`);
  const work = join(outRoot, `${bundle.name}.tmp`);
  let bindgenInput = input;
  const bindgenFlags = [];
  if (bundle.split) {
    run('wasm-split-cli', ['--target', 'web', '--out-name', bundle.name, input, work]);
    bindgenInput = join(work, `${bundle.name}.wasm`);
    bindgenFlags.push('--keep-lld-exports');
  }
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', ...bindgenFlags, '--out-dir', work, '--out-name', bundle.name, bindgenInput]);
  if (bundle.split) rmSync(bindgenInput);
  if (release) {
    for (const wasm of readdirSync(work).filter((file) => file.endsWith('.wasm'))) {
      run('wasm-opt', [bundle.opt, ...wasmFeatures, join(work, wasm), '-o', join(work, wasm)]);
    }
  }
  if (bundle.entry) writeFileSync(join(work, bundle.entry), workerEntry);
  const dirName = `${bundle.name}-${hashOf(work)}`;
  renameSync(work, join(outRoot, dirName));
  const sizes = readdirSync(join(outRoot, dirName))
    .filter((file) => file.endsWith('.wasm'))
    .map((file) => `${file} ${(statSync(join(outRoot, dirName, file)).size / 1000).toFixed(0)} KB`);
  console.log(`build-bundles: bundles/${dirName}/ (raw: ${sizes.join(', ')})`);
  metas.push(`<meta name="faultline-bundle-${bundle.name}" content="bundles/${dirName}/${bundle.entry ?? `${bundle.name}.js`}">`);
}

// Into the head, replacing the tags of an earlier run.
const html = readFileSync(indexFile, 'utf8').replace(/\s*<meta name="faultline-bundle-[^>]*>/g, '');
if (!html.includes('</head>')) fail('index.html has no </head>');
writeFileSync(indexFile, html.replace('</head>', `  ${metas.join('\n  ')}\n</head>`));
