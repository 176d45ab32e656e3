// Loads a page bundle: a separate WebAssembly module (built by
// scripts/build-bundles.mjs) that renders one heavy part of the site, so the
// first load carries only the app shell.
//
// The build lists each bundle in a <meta name="faultline-bundle-NAME"
// content="bundles/NAME-HASH/NAME.js"> tag, relative to <base href>. A bundle
// is fetched and started at most once per page; the shell and the bundles
// share the cache through a global, because each wasm module gets its own
// copy of this file.

const cache = (globalThis.__faultlineBundles ??= new Map());

/** Resolves to the started bundle module (its wasm-bindgen exports). */
export function loadBundle(name) {
  let pending = cache.get(name);
  if (pending === undefined) {
    pending = start(name);
    cache.set(name, pending);
    // A failed load (offline, say) may be retried by the next page visit.
    pending.catch(() => cache.delete(name));
  }
  return pending;
}

async function start(name) {
  const meta = document.querySelector(`meta[name="faultline-bundle-${name}"]`);
  if (meta === null) {
    throw new Error(`this build of the site has no "${name}" bundle`);
  }
  const url = new URL(meta.getAttribute('content'), document.baseURI);
  const module = await import(url.href);
  // wasm-bindgen's default export fetches and instantiates the .wasm file
  // that sits next to the module.
  await module.default();
  return module;
}
