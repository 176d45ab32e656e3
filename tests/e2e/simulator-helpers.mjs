// Helpers for the simulator's browser tests (not a spec file itself).
import { readdirSync } from 'node:fs';
import { expect, wakeIslands } from './support/fixtures.mjs';

/** Every shipped preset id (the scenario files' stems). */
export const presetIds = readdirSync('content/scenarios')
  .filter((name) => name.endsWith('.json'))
  .map((name) => name.replace(/\.json$/, ''))
  .sort();

/**
 * Opens the simulator (with an optional `?query` or `#fragment`), wakes its
 * island (which waits for a first interaction when the address asks for
 * nothing) and waits for its scenario.
 */
export async function openSimulator(page, suffix = '') {
  await page.goto(`simulator${suffix}`);
  await wakeIslands(page);
  await expect(page.locator('[data-island="simulator"]')).toHaveAttribute('data-state', 'mounted');
  await expect(page.locator('#app[data-mounted] main#main h1')).toHaveText('Failure simulator');
  await expect(page.locator('.preset-name')).not.toHaveText(/^(Loading the scenario…)?$/);
  await expect(page.locator('.sim-loading')).toHaveCount(0);
}

/** Runs the loaded scenario to its end at full speed. */
export async function runToEnd(page, timeout = 60_000) {
  await page.locator('#sim-speed').selectOption('max');
  const play = page.locator('#sim-play');
  await expect(play).toBeEnabled();
  await play.click();
  await expect(page.locator('.run-status')).toHaveText('Finished', { timeout });
}

/** A headline figure's value as the page computed it (NaN when it shows a dash). */
export async function figure(page, key) {
  const value = await page.locator(`[data-figure="${key}"] dd`).getAttribute('data-value');
  return Number(value);
}

/** All headline figures as displayed text, keyed by figure name. */
export async function figureTexts(page) {
  return page.locator('[data-figure]').evaluateAll((cards) =>
    Object.fromEntries(cards.map((card) => [card.dataset.figure, card.querySelector('dd').textContent])),
  );
}

/** The peak utilisation (percent) the service table shows for a service. */
export async function peakUtilization(page, service) {
  const cell = page.locator(`tr[data-service="${service}"] td[data-col="peak-utilization"]`);
  return Number(await cell.getAttribute('data-value'));
}

/** Opens a service in the editor through the editor's list of parts. */
export async function editService(page, name) {
  await page.locator('.editor-nav').getByRole('button', { name, exact: true }).click();
  await expect(page.locator('#sim-editor-part')).toHaveText(`Service ${name}`);
}

/** Types a value into a field and commits it (a change event). */
export async function setField(page, label, value) {
  const input = page.locator('.editor-body').getByLabel(label, { exact: true });
  await input.fill(String(value));
  await input.press('Enter');
  await input.blur();
}

/** The simulated time the run has reached, in seconds, from the clock ("12 s of 60 s"). */
export async function simulatedSeconds(page) {
  const text = await page.locator('#sim-clock').textContent();
  const match = /^([\d.,]+) s of/.exec(text ?? '');
  if (!match) throw new Error(`unexpected clock text: ${text}`);
  return Number(match[1].replace(/,/g, ''));
}

/** Waits until the run has reached more than `seconds` of simulated time. */
export async function waitForSimulatedTime(page, seconds) {
  await expect.poll(() => simulatedSeconds(page), { timeout: 30_000 }).toBeGreaterThan(seconds);
}

/**
 * Waits for `count` animation frames: every one is a chance for a running
 * loop to advance, so "nothing changed after N frames" means it is stopped.
 */
export async function framesPass(page, count) {
  await page.evaluate(
    (frames) =>
      new Promise((resolve) => {
        let seen = 0;
        const next = () => (++seen >= frames ? resolve() : requestAnimationFrame(next));
        requestAnimationFrame(next);
      }),
    count,
  );
}
