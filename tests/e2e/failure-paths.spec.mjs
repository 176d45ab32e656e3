// The ways Faultline can fail in a reader's browser, each met as a reader
// meets it: storage that refuses to save or is not there, site data that does
// not arrive, a part of the site (an island) that does not load, and a panic
// inside one. Every case must say what went wrong, keep the rest of the page
// working, and lose nothing already saved.
import { test, expect, openRoute, failedLoads } from './support/fixtures.mjs';
import {
  answer,
  item,
  loadChecklistData,
  openChecklist,
  savedData,
  SET_ASIDE_KEY,
  STORAGE_KEY,
} from './checklist-helpers.mjs';
import { openSimulator, runToEnd } from './simulator-helpers.mjs';

/** Makes every localStorage write fail as a full store does (QuotaExceededError). */
async function fillStorage(page, { onlyKey } = {}) {
  await page.evaluate((onlyKey) => {
    const original = Storage.prototype.setItem;
    window.__faultlineRestoreStorage = () => {
      Storage.prototype.setItem = original;
    };
    Storage.prototype.setItem = function setItem(key, value) {
      if (onlyKey && key !== onlyKey) return original.call(this, key, value);
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  }, onlyKey ?? null);
}

test.describe('local storage', () => {
  test('a full store: the answer stays on screen, the message says it was not saved, saved data is intact', async ({ page }) => {
    await openChecklist(page);
    const data = await loadChecklistData(page);
    await answer(page, data, 'teams.single-owner', 'Yes');
    const before = (await savedData(page))[STORAGE_KEY];
    expect(JSON.parse(before).assessments[0].answers).toEqual({ 'teams.single-owner': { answer: 'yes' } });

    await fillStorage(page);
    await answer(page, data, 'teams.modular-boundaries', 'Partly');
    await expect(page.locator('.save-status')).toHaveText(/^Not saved: the browser refused to save \(its storage may be full or blocked\)\.$/);
    await expect(item(page, 'teams.modular-boundaries').getByRole('radio', { name: 'Partly' })).toBeChecked();
    // What was saved before the failure is untouched.
    expect((await savedData(page))[STORAGE_KEY]).toBe(before);

    // Once there is room again, the next change saves everything, the refused answer included.
    await page.evaluate(() => window.__faultlineRestoreStorage());
    await answer(page, data, 'teams.independent-delivery', 'No');
    await expect(page.locator('.save-status')).not.toHaveClass(/is-error/);
    const saved = JSON.parse((await savedData(page))[STORAGE_KEY]);
    expect(saved.assessments[0].answers).toEqual({
      'teams.single-owner': { answer: 'yes' },
      'teams.modular-boundaries': { answer: 'partly' },
      'teams.independent-delivery': { answer: 'no' },
    });
  });

  test('storage the browser does not offer: the page says answers are not kept and still scores them', async ({ page }) => {
    // As with cookies and site data blocked: reading window.localStorage throws.
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('Access is denied for this document.', 'SecurityError');
        },
      });
    });
    await openChecklist(page);
    await expect(page.locator('.save-status')).toHaveText(
      'This browser does not let the page keep data, so answers are not saved. Export them to keep them.',
    );
    const data = await loadChecklistData(page);
    await answer(page, data, 'teams.single-owner', 'Yes');
    await expect(page.locator('.save-status')).toHaveClass(/is-error/);
    await page.getByRole('tab', { name: /^Results/ }).click();
    await expect(page.locator('.score-card .score-big')).not.toHaveText('');
  });

  test('unreadable data that cannot be set aside stays where it is, and the reason is shown', async ({ page }) => {
    const corrupt = '{"version": 2, "assessments": [';
    await openChecklist(page);
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [STORAGE_KEY, corrupt]);
    // The copy into the set-aside slot is refused; everything else may be written.
    await page.addInitScript((slot) => {
      const original = Storage.prototype.setItem;
      Storage.prototype.setItem = function setItem(key, value) {
        if (key.startsWith(slot)) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return original.call(this, key, value);
      };
    }, SET_ASIDE_KEY);
    await page.reload();
    await expect(page.getByRole('tablist', { name: 'Checklist views' })).toBeVisible();
    const alert = page.getByRole('alert').filter({ hasText: 'Your saved checklist answers could not be read.' });
    await expect(alert).toContainText('They could not be set aside either (the browser refused to store a copy of it (its storage may be full))');
    await expect(page.locator('.save-status')).toHaveText(/Saving is paused so that the unreadable data is not overwritten/);

    // Answering does not write over the unreadable data.
    const data = await loadChecklistData(page);
    await answer(page, data, 'teams.single-owner', 'Yes');
    const saved = await savedData(page);
    expect(saved[STORAGE_KEY]).toBe(corrupt);
    expect(saved[SET_ASIDE_KEY]).toBeUndefined();
  });
});

test.describe('the checklist data fails to load', () => {
  test.use({ allowedProblems: failedLoads('data/checklist.json') });

  test('the page says so, keeps saved answers and the rest of the site works', async ({ page }) => {
    await openChecklist(page);
    const data = await loadChecklistData(page);
    await answer(page, data, 'teams.single-owner', 'Yes');
    const before = await savedData(page);

    await page.route('**/data/checklist.json', (route) => route.fulfill({ status: 404, body: 'Not Found' }));
    await page.reload();
    // The prerendered form stays to be read, with its controls turned off.
    const island = page.locator('[data-island="checklist"]');
    await expect(island).toHaveAttribute('data-state', 'failed');
    await expect(island.getByRole('alert')).toContainText(
      /^This part of Faultline could not be loaded: cannot load [^ ]*\/data\/checklist\.json: the server answered 404 Not Found\. Your saved answers are not affected\./,
    );
    await expect(page.getByText('Check the connection and reload the page to try again.')).toBeVisible();
    await expect(page.locator('.item').first().getByRole('radio', { name: 'Yes', exact: true })).toBeDisabled();
    expect(await savedData(page)).toEqual(before);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Guide' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('The guide');
  });
});

test.describe('a preset fails to load', () => {
  test.use({ allowedProblems: failedLoads('data/scenarios/retry-storm.json') });

  test('the simulator says which and keeps the scenario it has', async ({ page }) => {
    await openSimulator(page, '?preset=slow-dependency');
    await page.route('**/data/scenarios/retry-storm.json', (route) => route.abort('failed'));
    const picker = page.locator('#preset-select');
    await picker.selectOption('retry-storm');
    await expect(page.getByText(/cannot load [^ ]*\/data\/scenarios\/retry-storm\.json/)).toBeVisible();
    // The scenario on show still runs.
    await runToEnd(page);
  });
});

test.describe('an article\'s data fails to load', () => {
  test.use({ allowedProblems: failedLoads('data/articles/observability.json') });

  test('the prerendered article stays readable and the page says what did not start', async ({ page }) => {
    await page.route('**/data/articles/observability.json', (route) => route.fulfill({ status: 500, body: 'Server error' }));
    await openRoute(page, '/articles/observability');
    await expect(page.getByRole('alert')).toContainText(/^This part of Faultline could not be loaded: .*the server answered 500/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Observability/);
    await expect(page.locator('.article-body h2').first()).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Guide' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('The guide');
  });
});

test.describe('the search index fails to load', () => {
  test.use({ allowedProblems: failedLoads('data/search.json') });

  test('search says it is unavailable and the guide stays usable', async ({ page }) => {
    await page.route('**/data/search.json', (route) => route.fulfill({ status: 404, body: 'Not Found' }));
    await openRoute(page, '/articles');
    const search = page.getByRole('combobox', { name: 'Search the guide' });
    await search.click();
    await search.fill('retry');
    await expect(page.getByText(/^Search is unavailable: cannot load [^ ]*\/data\/search\.json/)).toBeVisible();
    await expect(page.locator('.article-list a, .index-articles a').first()).toBeVisible();
  });
});

test.describe('an island that fails to load', () => {
  test.use({ allowedProblems: failedLoads('_bg.wasm', 'simulator.js') });

  test('the simulator page says so and the site stays readable', async ({ page }) => {
    await page.route(/\/bundles\/simulator-[^/]+\//, (route) => route.fulfill({ status: 404, body: 'Not Found' }));
    await openRoute(page, '/simulator');
    await expect(page.getByText(/^This part of Faultline could not be loaded: /)).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Failure simulator');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Guide' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('The guide');
  });
});

test.describe('an engine worker that cannot start', () => {
  test.use({ allowedProblems: failedLoads('engine_bg.wasm') });

  test('the controls say the simulation could not run, and the rest of the page still works', async ({ page }) => {
    await page.route(/\/bundles\/engine-[^/]+\/engine_bg\.wasm$/, (route) => route.fulfill({ status: 404, body: 'Not Found' }));
    await openSimulator(page, '?preset=healthy-chain');
    await page.locator('#sim-play').click();
    // worker.js reports the failed start in the protocol's words.
    await expect(page.locator('#sim-failure')).toContainText('The simulation could not run: the engine could not start');
    // Another preset still opens, with its own description.
    await page.locator('#preset-select').selectOption('retry-storm');
    await expect(page.locator('.preset-name')).toContainText('retry');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Failure simulator');
  });
});

test.describe('a panic inside an island', () => {
  test.use({ allowedProblems: /panic drill|unreachable/ });

  test('the crash notice shows and the page text stays', async ({ page }) => {
    await openSimulator(page, '?preset=healthy-chain');
    const notice = page.getByRole('alert').filter({ hasText: 'Something broke' });
    await expect(notice).toBeHidden();
    await page.evaluate(async () => {
      const simulator = await globalThis.__faultlineBundles.get('simulator');
      try {
        simulator.panic_drill();
      } catch {
        // The panic aborts the call; the notice is what matters.
      }
    });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('panic drill');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Failure simulator');
    await expect(page.locator('main')).toContainText('Failure simulator');
  });
});
