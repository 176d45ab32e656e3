// The shipped release build (wasm32, optimised for size, the engine at
// opt-level 3) computes exactly the headline figures the native command line
// does for the same scenario and seed: the engine is deterministic on every
// platform, and nothing in the release pipeline (wasm-opt, LTO) may change that.
import { execFileSync } from 'node:child_process';
import { test, expect } from './support/fixtures.mjs';
import { openSimulator, runToEnd, figure } from './simulator-helpers.mjs';

const PRESET = 'retry-storm';
const SEED = 7;

/** The native summary, from `sim run --json` (built by cargo if needed). */
function nativeSummary() {
  const out = execFileSync(
    'cargo',
    ['run', '--quiet', '--bin', 'sim', '--', 'run', `content/scenarios/${PRESET}.json`, '--seed', String(SEED), '--json'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(out);
}

test(`the release build's figures for ${PRESET} seed ${SEED} equal native sim run --json`, async ({ page }) => {
  test.setTimeout(300_000);
  const native = nativeSummary();
  await openSimulator(page, `?preset=${PRESET}`);
  await page.locator('#sim-seed').fill(String(SEED));
  await page.locator('#sim-seed').press('Enter');
  await expect(page.locator('#sim-seed')).toHaveValue(String(SEED));
  await runToEnd(page);

  const requests = native.requests;
  const finished = requests.succeeded + requests.failed;
  const expected = {
    offered: requests.offered,
    failed: (requests.failed * 100) / finished,
    throughput: native.throughput_rps,
    goodput: native.goodput_rps,
    p50: native.latency_ms.p50,
    p99: native.latency_ms.p99,
    retries: native.retries + native.services.reduce((sum, service) => sum + service.retries_sent, 0),
    wasted: native.wasted_work_s,
  };
  const shown = {};
  for (const key of Object.keys(expected)) shown[key] = await figure(page, key);
  console.log(`${PRESET} seed ${SEED}: browser ${JSON.stringify(shown)}`);
  // Exactly equal: the same f64 operations in the same order on both platforms.
  expect(shown).toEqual(expected);
  // A run that failed nothing would prove little: this one is a retry storm.
  expect(expected.failed).toBeGreaterThan(1);
  expect(expected.retries).toBeGreaterThan(100);
});
