// Boots the Faultline WebAssembly app.
//
// This lives in a file because the site's Content-Security-Policy forbids
// inline scripts. Trunk writes the hashed names of the wasm-bindgen glue and
// the WASM module into the data attributes of the <script> tag that loads
// this file (see pattern_script in Trunk.toml).

// If the app cannot even start (the WASM fails to download or compile), say so
// on the page instead of leaving "Loading…" forever. Panics inside the app
// reveal the same notice from Rust (src/web/crash.rs), with their own detail.
function showStartFailure(error) {
  const notice = document.getElementById('crash');
  const detail = document.getElementById('crash-detail');
  if (notice === null || !notice.hidden) return;
  if (detail !== null) detail.textContent = String(error);
  notice.hidden = false;
}

try {
  const tag = document.querySelector('script[data-js][data-wasm]');
  if (tag === null) {
    throw new Error('index.html has no <script data-js data-wasm> tag to boot from');
  }
  const bindings = await import(tag.dataset.js);
  // Exposed for diagnostics, as trunk's own loader does (wasmBindings.panic_drill()).
  window.wasmBindings = bindings;
  const wasm = await bindings.default({ module_or_path: tag.dataset.wasm });
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
} catch (error) {
  showStartFailure(error);
  throw error;
}
