// The editor's forms are code the simulator island fetches the first time
// the reader turns to the editor (crates/web/src/simulator/editor/body.rs).
// Until then the prerendered forms stand in: they can be focused and typed
// into, and what the reader enters there is carried over to the live forms.
import { test, expect, failedLoads, holdIsland, waitForApp } from './support/fixtures.mjs';
import { editService, openSimulator, presetIds } from './simulator-helpers.mjs';
import { expectNoAxeViolations, colorSchemes } from './support/axe.mjs';

const EDITOR_CODE = /\/bundles\/simulator-[^/]+\/split_editor_forms\.wasm$/;

/** Holds the editor's split-off code until the returned function is called. */
async function holdEditor(page) {
  let release;
  const released = new Promise((resolve) => {
    release = resolve;
  });
  await page.route(EDITOR_CODE, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** Counts the fetches of the editor's code. */
function countEditorFetches(page) {
  const fetched = { count: 0 };
  page.on('request', (request) => EDITOR_CODE.test(request.url()) && fetched.count++);
  return fetched;
}

const body = (page) => page.locator('#sim-editor-body');
const duration = (page) => body(page).locator('#field-a-duration_s');

test('a plain visit runs without the editor code; the first focus in the editor fetches it', async ({ page }) => {
  const fetched = countEditorFetches(page);
  await openSimulator(page);
  await page.locator('#sim-speed').selectOption('max');
  await page.locator('#sim-play').click();
  await expect(page.locator('.run-status')).toHaveText('Finished', { timeout: 60_000 });
  expect(fetched.count, 'no editor code for a plain run').toBe(0);
  await expect(body(page)).toHaveAttribute('aria-busy', 'true');

  await duration(page).focus();
  await expect(body(page)).not.toHaveAttribute('aria-busy');
  await expect.poll(() => fetched.count).toBe(1);
  // The live form has the focus the reader gave the stand-in.
  await expect(duration(page)).toBeFocused();
});

test('what the reader types into the stand-in reaches the scenario once the live forms arrive', async ({ page }) => {
  const release = await holdEditor(page);
  await openSimulator(page);
  const field = duration(page);
  const before = await field.inputValue();
  await field.fill('42');
  await field.press('Tab');
  // The code is still on its way: the stand-in keeps the text.
  await expect(body(page)).toHaveAttribute('aria-busy', 'true');
  await expect(field).toHaveValue('42');
  release();
  await expect(body(page)).not.toHaveAttribute('aria-busy');
  await expect(duration(page)).toHaveValue('42');
  // The draft took it: the preset is marked edited and the address holds the scenario.
  await expect(page.locator('.preset-bar .badge')).toHaveText('edited');
  await expect(page.locator('#sim-clock')).toContainText('of 42 s');
  expect(before).not.toBe('42');
});

test('a part picked in the list while the code loads shows once it is in, and earlier typing is kept', async ({ page }) => {
  const release = await holdEditor(page);
  await openSimulator(page);
  await duration(page).fill('37');
  const service = await page.locator('.editor-nav .chip').nth(1).textContent();
  await page.locator('.editor-nav .chip').nth(1).click();
  // The stand-in no longer shows the part in view: it is inert under a loading line.
  await expect(body(page).getByRole('status')).toHaveText('Loading the editor…');
  await expect(body(page).locator('.editor-stand-in-host')).toHaveAttribute('inert', '');
  release();
  await expect(page.locator('#sim-editor-part')).toHaveText(`Service ${service}`);
  await expect(body(page).getByRole('status')).toHaveCount(0);
  await page.locator('.editor-nav').getByRole('button', { name: 'Run and load' }).click();
  await expect(duration(page)).toHaveValue('37');
  await expect(page.locator('.preset-bar .badge')).toHaveText('edited');
});

test.describe('when the editor code cannot load', () => {
  // The failed fetch is logged by the browser and by the split loader.
  test.use({ allowedProblems: /split_editor_forms|Failed to fetch|ERR_FAILED/ });

  test('the editor says so, nothing typed is lost, and Try again brings the forms', async ({ page }) => {
    let block = true;
    await page.route(EDITOR_CODE, (route) => (block ? route.abort() : route.continue()));
    await openSimulator(page);
    await duration(page).fill('55');
    await expect(page.locator('#sim-editor-failed')).toContainText('The editor could not be loaded');
    // The rest of the page works: a run plays to its end.
    await page.locator('#sim-speed').selectOption('max');
    await page.locator('#sim-play').click();
    await expect(page.locator('.run-status')).toHaveText('Finished', { timeout: 60_000 });
    block = false;
    await page.locator('#sim-editor-retry').click();
    await expect(page.locator('#sim-editor-failed')).toHaveCount(0);
    await expect(duration(page)).toHaveValue('55');
    await expect(page.locator('.preset-bar .badge')).toHaveText('edited');
  });

  for (const colorScheme of colorSchemes) {
    test(`the editor has no axe violations while its code loads, when it fails, and live, in the ${colorScheme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      let block = true;
      const release = await holdEditor(page);
      await page.route(EDITOR_CODE, (route) => (block ? route.abort() : route.fallback()));
      await openSimulator(page);
      await expectNoAxeViolations(page, '.sim-editor');
      await duration(page).fill('61');
      await expect(page.locator('#sim-editor-failed')).toBeVisible();
      await expectNoAxeViolations(page, '.sim-editor');
      block = false;
      // Another part picked: the stand-in no longer fits, and the forms are fetched again.
      await page.locator('.editor-nav .chip').nth(1).click();
      await expect(body(page).getByRole('status')).toHaveText('Loading the editor…');
      await expectNoAxeViolations(page, '.sim-editor');
      release();
      await expect(body(page)).not.toHaveAttribute('aria-busy');
      await expectNoAxeViolations(page, '.sim-editor');
    });
  }
});

test('text typed before the island itself mounted survives both hand-overs', async ({ page }) => {
  const releaseIsland = await holdIsland(page, 'simulator');
  const releaseEditor = await holdEditor(page);
  await page.goto('simulator');
  await waitForApp(page);
  await duration(page).fill('48');
  await expect(page.locator('[data-island="simulator"]')).toHaveAttribute('data-state', 'loading');
  releaseIsland();
  await expect(page.locator('[data-island="simulator"]')).toHaveAttribute('data-state', 'mounted');
  await expect(duration(page)).toHaveValue('48');
  await expect(duration(page)).toBeFocused();
  releaseEditor();
  await expect(body(page)).not.toHaveAttribute('aria-busy');
  await expect(duration(page)).toHaveValue('48');
  await expect(duration(page)).toBeFocused();
  await expect(page.locator('.preset-bar .badge')).toHaveText('edited');
});

test('a link to a preset gets that preset\'s forms from the build as the stand-in', async ({ page }) => {
  const fetched = countEditorFetches(page);
  const release = await holdEditor(page);
  await openSimulator(page, '?preset=retry-storm');
  await expect(page.locator('#preset-select')).toHaveValue('retry-storm');
  const shown = await duration(page).inputValue();
  await page.locator('#sim-speed').selectOption('max');
  await page.locator('#sim-play').click();
  await expect(page.locator('.run-status')).toHaveText('Finished', { timeout: 60_000 });
  expect(fetched.count, 'no editor code for a plain run').toBe(0);
  await duration(page).fill(String(Number(shown) + 5));
  await expect.poll(() => fetched.count).toBe(1);
  release();
  await expect(body(page)).not.toHaveAttribute('aria-busy');
  await expect(duration(page)).toHaveValue(String(Number(shown) + 5));
  await expect(page.locator('.preset-bar .badge')).toHaveText('edited');
});

test.describe('when a preset\'s forms file cannot be loaded', () => {
  test.use({ allowedProblems: failedLoads('data/editor-forms/retry-storm.html') });

  test('the link opens the preset anyway, with the editor code fetched at once', async ({ page }) => {
    await page.route(/\/data\/editor-forms\/retry-storm\.html$/, (route) => route.fulfill({ status: 404, body: 'Not Found' }));
    const fetched = countEditorFetches(page);
    await openSimulator(page, '?preset=retry-storm');
    await expect(page.locator('#preset-select')).toHaveValue('retry-storm');
    await expect(body(page)).not.toHaveAttribute('aria-busy');
    await expect.poll(() => fetched.count).toBe(1);
    await expect(page.locator('#link-notice')).toHaveCount(0);
    await duration(page).fill('71');
    await duration(page).press('Enter');
    await expect(page.locator('.preset-bar .badge')).toHaveText('edited');
  });
});

test('a shared scenario has no stand-in: the editor code is fetched at once', async ({ page }) => {
  await openSimulator(page, '?preset=retry-storm');
  await page.locator('#sim-seed').fill('4243');
  await page.locator('#sim-seed').press('Enter');
  // The share box follows the scenario once the edit is in.
  await expect(page.locator('#share-url')).toHaveValue(/#scenario=/);
  const link = await page.locator('#share-url').inputValue();

  const fetched = countEditorFetches(page);
  await page.goto(link);
  await page.reload();
  await waitForApp(page);
  await expect(page.locator('[data-island="simulator"]')).toHaveAttribute('data-state', 'mounted');
  await expect(body(page)).not.toHaveAttribute('aria-busy');
  await expect.poll(() => fetched.count).toBe(1);
  await expect(page.locator('#sim-seed')).toHaveValue('4243');
  await editService(page, (await page.locator('.editor-nav .chip').nth(1).textContent()).trim());
});

test('every preset\'s stand-in is the markup of its live forms', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('simulator');
  await waitForApp(page);
  // The page's own forms are the default preset's file.
  const same = await page.evaluate(async () => {
    const template = document.createElement('template');
    template.innerHTML = await (await fetch('data/editor-forms/slow-dependency.html')).text();
    const drawn = document.createElement('div');
    drawn.append(template.content);
    const shown = document.createElement('div');
    for (const node of document.getElementById('sim-editor-body').childNodes) shown.append(node.cloneNode(true));
    return drawn.isEqualNode(shown);
  });
  expect(same).toBe(true);

  await page.keyboard.press('Shift');
  await expect(page.locator('[data-island="simulator"]')).toHaveAttribute('data-state', 'mounted');
  await duration(page).focus();
  await expect(body(page)).not.toHaveAttribute('aria-busy');
  for (const id of presetIds) {
    await page.locator('#preset-select').selectOption(id);
    await expect(page.locator('.preset-name')).not.toHaveText(/^(Loading the scenario…)?$/);
    await page.locator('.editor-nav').getByRole('button', { name: 'Run and load' }).click();
    await expect(page.locator('#sim-editor-part')).toHaveText('Run, load and users');
    const { drawn, live } = await page.evaluate(async (file) => {
      const controls = (root) =>
        [...root.querySelectorAll('input, select, textarea, button, label, h3')].map((element) =>
          [element.tagName, element.id, element.getAttribute('for'), element.getAttribute('type'), element.value ?? ''].join(' '),
        );
      const template = document.createElement('template');
      template.innerHTML = await (await fetch(file)).text();
      return { drawn: controls(template.content), live: controls(document.getElementById('sim-editor-body')) };
    }, `data/editor-forms/${id}.html`);
    expect(live, `${id}: the live forms have the stand-in's controls, ids, labels and values`).toEqual(drawn);
  }
});

test('leaving the page while the editor code loads logs nothing, and the next visit edits as usual', async ({ page }) => {
  const release = await holdEditor(page);
  await openSimulator(page);
  await duration(page).fill('33');
  await expect(body(page)).toHaveAttribute('aria-busy', 'true');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Guide' }).click();
  await expect(page.locator('main#main h1')).toHaveText('The guide');
  release();
  await page.goBack();
  await waitForApp(page);
  await page.keyboard.press('Shift');
  await expect(page.locator('[data-island="simulator"]')).toHaveAttribute('data-state', 'mounted');
  await duration(page).fill('34');
  await expect(body(page)).not.toHaveAttribute('aria-busy');
  await expect(duration(page)).toHaveValue('34');
  await expect(page.locator('.preset-bar .badge')).toHaveText('edited');
});
