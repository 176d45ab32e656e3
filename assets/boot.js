// Faultline's page script: mounts the page's islands.
//
// Every page is HTML from the build (scripts/postbuild.mjs), complete
// without this script: articles read, links are plain links to other
// pages. What is interactive is an island, a WebAssembly bundle built by
// scripts/build-bundles.mjs. The prerendered markup says where each one
// goes:
//
//   <div data-island="checklist" data-view="page" data-loading="the checklist">
//
// This script loads the named bundle (its address is in the page's
// <meta name="faultline-bundle-NAME">) and has it mount `view` there, in
// place of the prerendered content. A page loads only its own islands.
//
// An island loads at once, or, with data-when="interaction", at the
// reader's first interaction with the page (a key, a pointer, a scroll, a
// focus) or at once if the address names a place in the page or carries a
// query, or if the browser holds the island's saved data (data-stored). An
// island marked data-stand-in (the checklist, the simulator) prerenders what
// a new visitor with a bare address sees; when it loads at once for one of
// those reasons, that content is hidden (keeping its place) under a loading
// line (data-loading names what loads) until the island shows what was asked
// for. An article
// reads completely as it is, and its island (contents that follow the
// reading, copied heading links, the live figures, search) costs nothing
// until the reader does something. With data-when="focus" it waits until
// the reader turns to the island itself (a pointer, a key or focus inside
// it): the guide index's search box. The reader's focus, the answers given
// to a prerendered form and a button pressed while the island loaded carry
// over to the island. Each island's place gets data-state
// (loading, mounted, failed); when every island that loads at once has
// mounted or failed, #app gets data-mounted. The browser tests wait for both.
//
// It is a file, not an inline script, because the Content-Security-Policy
// forbids inline scripts.

// Started bundles by name, so that a bundle is fetched and started at most
// once per page; islands load each other's through the same global
// (crates/web/src/bundle_loader.rs), and the browser tests read it.
const bundles = (globalThis.__faultlineBundles ??= new Map());

/** Resolves to the started bundle module (its wasm-bindgen exports). */
function loadBundle(name) {
  let pending = bundles.get(name);
  if (pending === undefined) {
    pending = startBundle(name);
    bundles.set(name, pending);
    // A failed load (offline, say) may be tried again later.
    pending.catch(() => bundles.delete(name));
  }
  return pending;
}
globalThis.__faultlineLoadBundle = loadBundle;

async function startBundle(name) {
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

/** A paragraph with `text`. */
function paragraph(text) {
  const element = document.createElement('p');
  element.textContent = text;
  return element;
}

/**
 * Loads and mounts the island whose place is `host`. `replacing` says that
 * the prerendered content is only a stand-in here (what a new visitor with
 * a bare address sees, while this visit asks for something else): it is
 * hidden, keeping its place, and a loading line names what loads.
 */
async function mountIsland(host, replacing = false) {
  const { island, view, loading } = host.dataset;
  host.dataset.state = 'loading';
  if (replacing) host.dataset.replacing = '';
  let pressed = null;
  const stopWatchingPresses = watchPresses(host, (id) => {
    pressed = id;
  });
  let line = null;
  if (replacing && loading) {
    line = paragraph(`Loading ${loading}…`);
    line.className = 'loading';
    line.setAttribute('role', 'status');
    host.prepend(line);
  }
  try {
    const bundle = await loadBundle(island);
    // For diagnostics, as trunk's own loader does (wasmBindings.panic_drill()).
    globalThis.wasmBindings = bundle;
    // The island replaces the prerendered content (an island that loads
    // data first returns a promise, and keeps the page as it is if that
    // fails). It lives as long as the page: leaving the page ends the
    // document, and the island with it.
    // Focus stays where the reader put it: on the element with the same id
    // in the island's markup (the search box, say).
    const focused = host.contains(document.activeElement) ? document.activeElement.id : '';
    // So do the answers the reader gave the prerendered form, and the
    // button the reader pressed while the island loaded.
    const entered = enteredValues(host);
    await bundle.mount(host, view ?? '');
    host.dataset.state = 'mounted';
    delete host.dataset.replacing;
    stopWatchingPresses();
    enterAgain(host, entered);
    if (focused) document.getElementById(focused)?.focus();
    if (pressed !== null) document.getElementById(pressed)?.click();
  } catch (error) {
    stopWatchingPresses();
    host.dataset.state = 'failed';
    // The stand-in is shown again: the notice says it is all there is.
    delete host.dataset.replacing;
    // The prerendered content stays to be read, but its form controls would
    // take answers that nothing keeps: they are turned off.
    for (const control of host.querySelectorAll('input, select, textarea, button')) control.disabled = true;
    line?.remove();
    const notice = document.createElement('div');
    notice.className = 'notice notice-error';
    notice.setAttribute('role', 'alert');
    notice.append(
      paragraph(`This part of Faultline could not be loaded: ${error?.message ?? error}.`),
      paragraph('Check the connection and reload the page to try again.'),
    );
    host.prepend(notice);
    // A warning, not an error: the page has said so, and it still works.
    console.warn(`Faultline: the ${island} island did not start:`, error);
  }
}

/**
 * What the reader entered into the prerendered form controls inside `host`
 * (where it differs from what the page came with): a chosen radio button,
 * a ticked box, typed text, a picked option. Radio buttons and boxes are
 * named by name and value, other controls by id.
 */
function enteredValues(host) {
  const entered = [];
  for (const control of host.querySelectorAll('input, textarea, select')) {
    if (control.type === 'radio' || control.type === 'checkbox') {
      if (control.checked !== control.defaultChecked && control.name) {
        entered.push({ name: control.name, value: control.value, checked: control.checked });
      }
    } else if (control.id && control.type !== 'file' && !control.readOnly) {
      const initial =
        control.tagName === 'SELECT'
          ? ([...control.options].find((option) => option.defaultSelected)?.value ?? control.options[0]?.value)
          : control.defaultValue;
      if (control.value !== initial) entered.push({ id: control.id, value: control.value });
    }
  }
  return entered;
}

/**
 * Gives the island's controls what the reader entered before it mounted,
 * as if typed again (an input or change event, so the island's own
 * handlers save it). Radio buttons and boxes go first: choosing an answer
 * can add a field (a reason for "not applicable").
 */
function enterAgain(host, entered) {
  const css = (text) => CSS.escape(text);
  for (const { name, value, checked } of entered.filter((entry) => entry.name !== undefined)) {
    const control = host.querySelector(`input[name="${css(name)}"][value="${css(value)}"]`);
    if (control === null || control.disabled || control.checked === checked) continue;
    control.checked = checked;
    control.dispatchEvent(new Event('input', { bubbles: true }));
    control.dispatchEvent(new Event('change', { bubbles: true }));
  }
  for (const { id, value } of entered.filter((entry) => entry.id !== undefined)) {
    const control = document.getElementById(id);
    if (control === null || !host.contains(control) || control.disabled) continue;
    control.value = value;
    control.dispatchEvent(new Event('input', { bubbles: true }));
    control.dispatchEvent(new Event('change', { bubbles: true }));
  }
}

/**
 * While an island loads, a press on one of the prerendered buttons (which
 * do nothing without it) is remembered by the button's id, so the island's
 * own button can be pressed once it is there: the reader's first click is
 * not lost. Returns the function that stops watching.
 */
function watchPresses(host, remember) {
  const watching = new AbortController();
  host.addEventListener(
    'click',
    (event) => {
      const button = event.target instanceof Element ? event.target.closest('button[id]') : null;
      if (button !== null && host.contains(button)) remember(button.id);
    },
    { signal: watching.signal },
  );
  return () => watching.abort();
}

/**
 * The not-found page (404.html, served for any unknown address) names the
 * address that failed, relative to the site's base.
 */
function nameMissingAddress() {
  const sentence = document.querySelector('.missing-address');
  if (sentence === null) return;
  const base = new URL(document.baseURI).pathname.replace(/\/$/, '');
  let path = location.pathname;
  try {
    path = decodeURI(path);
  } catch {
    // A malformed escape: show the address as it came.
  }
  const shown = (path.startsWith(base) && path.slice(base.length)) || path;
  const code = document.createElement('code');
  code.className = 'path';
  code.textContent = shown;
  sentence.replaceChildren('There is no page at ', code, '.');
  // The prerendered skip link names 404.html's own folder; this page is at
  // the unknown address.
  const skip = document.querySelector('a.skip-link');
  if (skip !== null) skip.href = `${location.pathname}#main`;
}

/**
 * The skip link moves focus to <main> without leaving the page. Its href
 * names the page's own prerendered address (a bare #main would resolve
 * against <base href>), which is right without scripts; with them, the
 * address may have changed since (an island keeps its state in the query,
 * and the not-found page serves every unknown address), so a click focuses
 * <main> itself.
 */
function keepSkipLinkOnThePage() {
  const skip = document.querySelector('a.skip-link');
  const main = document.getElementById('main');
  if (skip === null || main === null) return;
  skip.addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  });
}

/**
 * An article's contents sit beside the text on a wide screen, open, as the
 * reading island shows them (crates/web/src/reading/toc.rs; the width is
 * the stylesheet's, assets/reading.css). The prerendered ones start closed,
 * for a narrow screen, where they would push the text down.
 */
function openContentsBesideTheText() {
  if (matchMedia('(min-width: 64rem)').matches) {
    document.querySelector('.toc details')?.setAttribute('open', '');
  }
}

/** The events that count as the reader's first interaction with the page. */
const INTERACTIONS = ['pointerdown', 'keydown', 'focusin', 'scroll', 'wheel', 'touchstart'];

/** The events inside an island's place that say the reader turned to it. */
const TURNS_TO = ['pointerdown', 'keydown', 'focusin'];

/** Calls `start` once, at the first of `events` on `target`. */
function atFirst(target, events, start) {
  const listening = new AbortController();
  const go = () => {
    listening.abort();
    start();
  };
  for (const type of events) {
    // Capturing sees events that do not bubble (focus, an element's
    // scroll) too.
    target.addEventListener(type, go, { capture: true, passive: true, signal: listening.signal });
  }
}

nameMissingAddress();
keepSkipLinkOnThePage();
openContentsBesideTheText();
/**
 * Whether an island that waits for the reader loads at once instead: the
 * address says what to show (a place in the page, an item, a shared link)
 * or the browser holds what the reader saved (the island's data-stored key)
 * and the page should show it.
 */
function wantedAtOnce(host) {
  if (location.hash !== '' || location.search !== '') return true;
  const key = host.dataset.stored;
  if (!key) return false;
  try {
    return localStorage.getItem(key) !== null;
  } catch {
    // Storage blocked: there is nothing saved to show.
    return false;
  }
}

const islands = [...document.querySelectorAll('[data-island]')];
const later = islands.filter(
  (host) => host.dataset.when === 'focus' || (host.dataset.when === 'interaction' && !wantedAtOnce(host)),
);
for (const host of later) {
  if (host.dataset.when === 'focus') atFirst(host, TURNS_TO, () => mountIsland(host));
  else atFirst(window, INTERACTIONS, () => mountIsland(host));
}
await Promise.all(
  islands
    .filter((host) => !later.includes(host))
    .map((host) => mountIsland(host, host.dataset.standIn !== undefined && wantedAtOnce(host))),
);
document.getElementById('app')?.setAttribute('data-mounted', '');
