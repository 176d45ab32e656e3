//! Runs a sweep's independent jobs on a pool of `jobs` threads (rayon), with
//! a progress line on stderr. The results come back in job order and every
//! job's seed is fixed by the sweep, so the output is the same for any
//! number of threads.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use faultline::engine::sweep::Batch;

/// `done/total` on one stderr line, redrawn at most five times a second.
struct Progress {
    total: usize,
    unit: &'static str,
    done: AtomicUsize,
    last: Mutex<Instant>,
    started: Instant,
}

impl Progress {
    fn new(total: usize, unit: &'static str) -> Progress {
        let now = Instant::now();
        Progress {
            total,
            unit,
            done: AtomicUsize::new(0),
            last: Mutex::new(now),
            started: now,
        }
    }

    fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let Ok(mut last) = self.last.try_lock() else {
            return; // another thread is drawing
        };
        if last.elapsed() >= Duration::from_millis(200) || done == self.total {
            *last = Instant::now();
            eprint!("\rsweep: {done}/{} {}", self.total, self.unit);
        }
    }

    fn finish(&self) {
        eprintln!(
            "\rsweep: {}/{} {} in {:.1} s",
            self.done.load(Ordering::Relaxed),
            self.total,
            self.unit,
            self.started.elapsed().as_secs_f64()
        );
    }
}

/// The number of threads when `--jobs` is not given: every core.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Runs every job of `batch` on `jobs` threads and reduces the results.
pub fn run_batch<B: Batch>(
    batch: &B,
    jobs: usize,
    unit: &'static str,
) -> Result<B::Output, String> {
    let progress = Progress::new(batch.len(), unit);
    let run = |job: usize| {
        let out = batch.run(job);
        progress.tick();
        out
    };
    let runs = map_jobs(batch.len(), jobs, run)?;
    progress.finish();
    Ok(batch.finish(runs))
}

/// `run` over `0..n` on a pool of `jobs` threads, results in job order.
fn map_jobs<T: Send>(
    n: usize,
    jobs: usize,
    run: impl Fn(usize) -> T + Sync + Send,
) -> Result<Vec<T>, String> {
    use rayon::prelude::*;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
        .map_err(|e| format!("--jobs: cannot start {jobs} threads: {e}"))?;
    // One job per task: runs are long and uneven, so let idle threads steal.
    Ok(pool.install(|| (0..n).into_par_iter().with_max_len(1).map(run).collect()))
}
