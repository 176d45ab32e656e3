// How fast the in-browser engine runs the ten-service preset at full speed,
// and whether the page stays responsive meanwhile. Both are measured by the
// browser, not reported by the page: responsiveness by the Long Tasks API
// (every main-thread task over 50 ms), speed by the wall-clock time from the
// click on play to "Finished". The figures are printed on every run.
//
// The bounds hold on a busy 2-core machine yet catch a real regression.
// Measured alone: 311-412 ms per run and no long task at all; in the full
// suite, with another test sharing the two cores: 442-1193 ms per run and
// seven long tasks of 50-133 ms, which block the page for 218 ms of 2353 ms
// (9 %). An engine that ran unsliced would block for nearly the whole run;
// slices that grew past a frame would block in nearly every frame. Both push
// the blocking share far past the bound, whatever the machine's load.
import { test, expect } from './support/fixtures.mjs';
import { openSimulator, runToEnd } from './simulator-helpers.mjs';

const RUNS = 3;
/**
 * The share of the runs' wall-clock time during which the page could not
 * respond: the time each long task ran past 50 ms (the blocking time, as in
 * Lighthouse's TBT), summed, over the summed wall time.
 */
const MAX_BLOCKING_SHARE = 0.35;
/** No single task may freeze the page for long, however loaded the machine. */
const LONGEST_TASK_MS = 500;
/** The median run's wall-clock time: 0.3-0.7 s measured, a several-fold regression fails. */
const MEDIAN_WALL_MS = 3000;

test('ten-services at full speed stays responsive', async ({ page }) => {
  await openSimulator(page, '?preset=ten-services');
  await page.evaluate(() => {
    window.faultlineLongTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.faultlineLongTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  const wallMs = [];
  for (let i = 0; i < RUNS; i++) {
    if (i > 0) await page.locator('#sim-reset').click();
    const started = Date.now();
    await runToEnd(page);
    wallMs.push(Date.now() - started);
  }
  // Entries are delivered asynchronously: let the observer catch up.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  const longTasks = await page.evaluate(() => window.faultlineLongTasks.map(Math.round));
  const median = [...wallMs].sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  const blockingMs = longTasks.reduce((sum, duration) => sum + Math.max(0, duration - 50), 0);
  const blockingShare = blockingMs / wallMs.reduce((sum, ms) => sum + ms, 0);
  const report = { wallMs, medianWallMs: median, longTasksMs: longTasks, blockingMs, blockingShare: Number(blockingShare.toFixed(3)) };
  console.log(`ten-services in Chromium: ${JSON.stringify(report)}`);
  test.info().annotations.push({ type: 'speed', description: JSON.stringify(report) });

  expect(blockingShare, 'share of the run time the page was blocked').toBeLessThanOrEqual(MAX_BLOCKING_SHARE);
  expect(Math.max(0, ...longTasks), 'the longest main-thread task (ms)').toBeLessThanOrEqual(LONGEST_TASK_MS);
  expect(median, 'median wall-clock time of a full-speed run (ms)').toBeLessThanOrEqual(MEDIAN_WALL_MS);
});
