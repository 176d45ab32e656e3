// How fast the engine runs the ten-service preset at full speed in the
// browser, and whether the page stays responsive meanwhile. The engine runs
// in its module Web Worker; the main thread only renders what it posts.
// Both are measured by the browser, not reported by the page:
// responsiveness by the Long Tasks API (every main-thread task over 50 ms),
// speed by the wall-clock time from the click on play to "Finished". The
// figures are printed on every run.
//
// The run is made six times the preset's length (900 simulated seconds), so
// that an engine that ran a whole run on the main thread in one go would
// block the page far longer than any hiccup of a busy machine.
// Measured on the 2-core machine, 900 s runs:
// - with the engine in the worker, alone: 868-1016 ms per run, no long task
//   in most runs (one of 57 ms); in a full e2e run with another test sharing
//   the cores: 1051-3178 ms, long tasks of 52-534 ms, blocking 9-15 % of
//   the time; since the worker reports a slice only once the page has drawn
//   the last one: 1207-1794 ms, long tasks of 57-134 ms, blocking 5 %;
// - before (the engine sliced on the main thread), alone: about 1900 ms per
//   run and no long task; a deliberately broken build that ran the engine
//   unsliced on the main thread: one task of 76-77 % of its run, blocking
//   58 % of the time, which both bounds below reject.
import { test, expect } from './support/fixtures.mjs';
import { openSimulator, runToEnd, setField } from './simulator-helpers.mjs';

const RUNS = 3;
const DURATION_S = 900;
/** No task may take more than this share of its run: an unsliced run is one task. */
const MAX_TASK_SHARE_OF_RUN = 0.5;
/**
 * The share of the runs' wall-clock time during which the page could not
 * respond: the time each long task ran past 50 ms (the blocking time, as in
 * Lighthouse's TBT), summed, over the summed wall time.
 */
const MAX_BLOCKING_SHARE = 0.3;
/** The median run's wall-clock time (about 2-3 s expected): a several-fold slowdown fails. */
const MEDIAN_WALL_MS = 12000;

test('ten-services at full speed stays responsive', async ({ page }) => {
  test.setTimeout(120_000);
  await openSimulator(page, '?preset=ten-services');
  await page.locator('.editor-nav').getByRole('button', { name: 'Run and load' }).click();
  await setField(page, 'Duration (s)', DURATION_S);
  await expect(page.locator('#sim-clock')).toContainText(`of ${DURATION_S} s`);
  await page.evaluate(() => {
    window.faultlineLongTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.faultlineLongTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    if (i > 0) await page.locator('#sim-reset').click();
    await page.evaluate(() => {
      window.faultlineLongTasks = [];
    });
    const started = Date.now();
    await runToEnd(page);
    const wallMs = Date.now() - started;
    // Entries are delivered asynchronously: let the observer catch up.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    const longTasksMs = await page.evaluate(() => window.faultlineLongTasks.map(Math.round));
    runs.push({ wallMs, longTasksMs, longestShare: Math.max(0, ...longTasksMs) / wallMs });
  }
  const totalWall = runs.reduce((sum, run) => sum + run.wallMs, 0);
  const blockingMs = runs.flatMap((run) => run.longTasksMs).reduce((sum, ms) => sum + Math.max(0, ms - 50), 0);
  const blockingShare = blockingMs / totalWall;
  const median = runs.map((run) => run.wallMs).sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  const report = { runs, medianWallMs: median, blockingMs, blockingShare: Number(blockingShare.toFixed(3)) };
  console.log(`ten-services (${DURATION_S} s) in Chromium: ${JSON.stringify(report)}`);
  test.info().annotations.push({ type: 'speed', description: JSON.stringify(report) });

  for (const run of runs) {
    expect(run.longestShare, `the longest task's share of a ${run.wallMs} ms run`).toBeLessThanOrEqual(MAX_TASK_SHARE_OF_RUN);
  }
  expect(blockingShare, 'share of the run time the page was blocked').toBeLessThanOrEqual(MAX_BLOCKING_SHARE);
  expect(median, 'median wall-clock time of a full-speed run (ms)').toBeLessThanOrEqual(MEDIAN_WALL_MS);
});
