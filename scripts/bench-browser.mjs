// The engine in the browser against the engine natively, in one run of
// this script on this machine (a benchmark for notes, never a test):
//
// - native: `sim bench` (release build), the ten-services preset;
// - the engine worker: the simulator page in Debian's chromium runs the
//   same preset, made 900 simulated seconds long, at full speed, RUNS
//   times; the page reports the worker's engine speed (events per second
//   of engine work) and a Long Tasks observer records every main-thread
//   task over 50 ms while each run goes. Then three more runs with the
//   page's CPU slowed 4x (as Lighthouse's mobile test does): the longest
//   task and how busy the main thread was.
//
// - sweeps: a 10-point × 5-seed load sweep of the same preset on the
//   simulator page with a pool of 1 worker and of 2 workers (wall time from
//   the click to the result, runs per second, the longest main-thread task),
//   and natively `sim sweep` with --jobs 1 and --jobs 2.
//
//   node scripts/bench-browser.mjs [DIST=dist] [RUNS=5]       (make bench)
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright';
import { chromiumFlags, chromiumPath } from './chromium.mjs';
import { startStaticServer } from './static-server.mjs';

const dist = process.argv[2] ?? 'dist';
const RUNS = Number(process.argv[3] ?? 5);
const DURATION_S = 900;

function nativeEventsPerSecond() {
  execFileSync('cargo', ['build', '--quiet', '--release', '--bin', 'sim'], { stdio: 'inherit' });
  const out = execFileSync('target/release/sim', ['bench'], { encoding: 'utf8' });
  const block = out.slice(out.indexOf('ten-services'));
  const match = /([\d.]+) M events\/s/.exec(block);
  if (!match) throw new Error(`unexpected sim bench output:\n${out}`);
  return Number(match[1]) * 1e6;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const SWEEP = { from: 20, to: 200, points: 10, seeds: 5 };

/** `sim sweep` wall time with `jobs` threads, in ms (best of 3). */
function nativeSweepMs(jobs) {
  const times = [];
  for (let i = 0; i < 3; i++) {
    const started = process.hrtime.bigint();
    execFileSync('target/release/sim', [
      'sweep', 'ten-services', '--param', 'load.rate_rps',
      '--values', `${SWEEP.from}:${SWEEP.to}:${SWEEP.points}`, '--seeds', String(SWEEP.seeds), '--jobs', String(jobs), '--json',
    ], { stdio: ['ignore', 'ignore', 'ignore'] });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return Math.min(...times);
}

/** One sweep on the page with a pool of `workers`: wall ms and the longest main-thread task. */
async function browserSweep(page, workers) {
  // The sweep tools load when first opened.
  if (!(await page.locator('#sweep-param').isVisible())) {
    await page.locator('#sweep-open').click();
    await page.locator('#sweep-param').waitFor();
  }
  await page.locator('#sweep-param').selectOption('load.rate_rps');
  await page.locator('#sweep-from').fill(String(SWEEP.from));
  await page.locator('#sweep-to').fill(String(SWEEP.to));
  await page.locator('#sweep-steps').fill(String(SWEEP.points));
  await page.locator('#sweep-seeds').fill(String(SWEEP.seeds));
  await page.locator('#sweep-workers').selectOption(String(workers));
  await page.evaluate(() => {
    window.benchLongTasks = [];
  });
  const started = Date.now();
  await page.locator('#sweep-run').click();
  await page.locator('#sweep-summary').waitFor({ timeout: 300_000 });
  const wallMs = Date.now() - started;
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
  const longTasks = await page.evaluate(() => window.benchLongTasks.map(Math.round));
  return { workers, wallMs, runsPerS: Number(((SWEEP.points * SWEEP.seeds) / (wallMs / 1000)).toFixed(1)), longestTaskMs: Math.max(0, ...longTasks) };
}

const native = nativeEventsPerSecond();
const server = await startStaticServer({ root: dist, port: 0, base: '/', gzip: true });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
try {
  const page = await browser.newPage();
  await page.goto(new URL('simulator/?preset=ten-services', server.url).href);
  await page.locator('[data-island="simulator"][data-state="mounted"]').waitFor();
  await page.locator('.sim-loading').waitFor({ state: 'detached' });
  await page.locator('.editor-nav').getByRole('button', { name: 'Run and load' }).click();
  const duration = page.locator('.editor-body').getByLabel('Duration (s)', { exact: true });
  await duration.fill(String(DURATION_S));
  await duration.press('Enter');
  await page.locator('#sim-clock').filter({ hasText: `of ${DURATION_S} s` }).waitFor();
  await page.locator('#sim-speed').selectOption('max');
  await page.evaluate(() => {
    window.benchLongTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.benchLongTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  // Chrome's main-thread busy time so far (its TaskDuration metric), in ms.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const busyMs = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value * 1000;
  /** One full-speed run from its start: wall time, main-thread busy time, long tasks. */
  async function playRun(first) {
    if (!first) await page.locator('#sim-reset').click();
    await page.evaluate(() => {
      window.benchLongTasks = [];
    });
    const busyBefore = await busyMs();
    const started = Date.now();
    await page.locator('#sim-play').click();
    await page.locator('.run-status[data-status="Finished"]').waitFor({ timeout: 300_000 });
    const wallMs = Date.now() - started;
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
    const busy = Math.round((await busyMs()) - busyBefore);
    const longTasks = await page.evaluate(() => window.benchLongTasks.map(Math.round));
    return { wallMs, busyMs: busy, longestTaskMs: Math.max(0, ...longTasks), longTasks };
  }
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await playRun(i === 0);
    const eventsPerS = Number(await page.locator('[data-stat="events-per-s"]').getAttribute('data-value'));
    runs.push({ ...run, eventsPerS: Math.round(eventsPerS) });
  }
  // The same run with the page's CPU slowed 4x (Lighthouse's mobile
  // setting): the longest main-thread task and the main thread's busy time.
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const slowed = [];
  for (let i = 0; i < 3; i++) slowed.push(await playRun(false));
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

  // Sweeps: the preset as shipped (150 s, as `sim sweep` runs it; the runs
  // above made it 900 s long), alternating the pool sizes, three of each,
  // keeping the best.
  await page.goto(new URL('simulator/?preset=ten-services', server.url).href);
  await page.locator('[data-island="simulator"][data-state="mounted"]').waitFor();
  await page.locator('.sim-loading').waitFor({ state: 'detached' });
  await page.locator('#sim-clock').filter({ hasText: 'of 150 s' }).waitFor();
  const sweeps = [];
  for (let i = 0; i < 3; i++) for (const workers of [1, 2]) sweeps.push(await browserSweep(page, workers));
  const best = (n) => sweeps.filter((s) => s.workers === n).sort((a, b) => a.wallMs - b.wallMs)[0];
  const [one, two] = [best(1), best(2)];
  const [native1, native2] = [nativeSweepMs(1), nativeSweepMs(2)];
  const worker = median(runs.map((run) => run.eventsPerS));
  console.log(JSON.stringify({ runs }, null, 1));
  console.log(`native sim bench, ten-services: ${(native / 1e6).toFixed(2)} M events/s`);
  console.log(`engine worker in Chromium (median of ${RUNS}): ${(worker / 1e6).toFixed(2)} M events/s = ${(worker / native).toFixed(2)}x native`);
  console.log(`longest main-thread task during a full-speed run: ${Math.max(...runs.map((run) => run.longestTaskMs))} ms (runs: ${runs.map((run) => run.longestTaskMs).join(', ')} ms; 0 = none over 50 ms)`);
  console.log(JSON.stringify({ slowed }));
  console.log(`with the page's CPU slowed 4x: longest main-thread task ${Math.max(...slowed.map((r) => r.longestTaskMs))} ms (runs: ${slowed.map((r) => r.longestTaskMs).join(', ')} ms), main thread busy ${slowed.map((r) => r.busyMs).join(', ')} ms of ${slowed.map((r) => r.wallMs).join(', ')} ms`);
  console.log(JSON.stringify({ sweeps }));
  console.log(`sweep ${SWEEP.points} points x ${SWEEP.seeds} seeds of ten-services in Chromium: 1 worker ${one.wallMs} ms (${one.runsPerS} runs/s), 2 workers ${two.wallMs} ms (${two.runsPerS} runs/s): ${(one.wallMs / two.wallMs).toFixed(2)}x; longest main-thread task ${Math.max(...sweeps.map((s) => s.longestTaskMs))} ms (0 = none over 50 ms)`);
  console.log(`the same sweep natively, sim sweep: --jobs 1 ${native1.toFixed(0)} ms, --jobs 2 ${native2.toFixed(0)} ms: ${(native1 / native2).toFixed(2)}x`);
} finally {
  await browser.close();
  await server.close();
}
