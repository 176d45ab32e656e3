//! `sim sweep`: a grid sweep, a hysteresis load sweep or a capacity search
//! over a scenario, run on every core, printed as a table, JSON or CSV.

use faultline::engine::sweep::{
    Axis, Batch, CapacityPlan, CapacityResult, CapacitySpec, Estimate, GridPlan, HysteresisPlan,
    HysteresisResult, HysteresisSpec, Range, StudySpec, SweepError, SweepResult, SweepSpec,
};

use super::parallel::{default_jobs, run_batch};

pub const USAGE: &str = "  sim sweep FILE|PRESET --param PATH --values LIST|FROM:TO:STEPS[:log]
            [--param2 PATH --values2 LIST|FROM:TO:STEPS[:log]]
            [--seeds N] [--jobs N] [--json | --csv]
                          mean and 95 % interval of each metric at each point
  sim sweep FILE|PRESET --hysteresis HOLD_S:SETTLE_S --values LOADS ...
                          load.rate_rps up then down in one timeline
  sim sweep FILE|PRESET --capacity P99_MS:SHARE:FROM:TO[:TOLERANCE] ...
                          highest load with p99 < P99_MS and goodput >= SHARE of offered
  sim sweep FILE|PRESET --spec STUDY.json [--jobs N] [--json | --csv]
                          a study in its JSON form (docs/sweeps.md)";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Table,
    Json,
    Csv,
}

/// `1,2,5` or `from:to:steps[:log]` as an axis on `path`.
fn axis(path: &str, text: &str, flag: &str) -> Result<Axis, String> {
    if text.contains(':') {
        let range = Range::parse_cli(text)
            .ok_or_else(|| format!("{flag}: expected FROM:TO:STEPS[:log], got {text}"))?;
        return Ok(Axis {
            path: path.to_string(),
            values: None,
            range: Some(range),
        });
    }
    let values = text
        .split(',')
        .map(|v| {
            v.trim()
                .parse::<f64>()
                .map_err(|_| format!("{flag}: not a number: {v}"))
        })
        .collect::<Result<Vec<f64>, String>>()?;
    Ok(Axis {
        path: path.to_string(),
        values: Some(values),
        range: None,
    })
}

fn number<T: std::str::FromStr>(text: &str, flag: &str) -> Result<T, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("{flag}: not a valid number: {text}"))
}

pub fn cmd_sweep(args: &[String]) -> Result<(), String> {
    let usage = || format!("usage:\n{USAGE}");
    let mut file = None;
    let (mut param, mut values, mut param2, mut values2) = (None, None, None, None);
    let (mut hysteresis, mut capacity, mut spec_file) = (None, None, None);
    let mut seeds = 5u32;
    let mut jobs = default_jobs();
    let mut format = Format::Table;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value\n{}", usage()))
        };
        match arg.as_str() {
            "--param" => param = Some(value("--param")?),
            "--values" => values = Some(value("--values")?),
            "--param2" => param2 = Some(value("--param2")?),
            "--values2" => values2 = Some(value("--values2")?),
            "--hysteresis" => hysteresis = Some(value("--hysteresis")?),
            "--capacity" => capacity = Some(value("--capacity")?),
            "--spec" => spec_file = Some(value("--spec")?),
            "--seeds" => seeds = number(&value("--seeds")?, "--seeds")?,
            "--jobs" => {
                jobs = number(&value("--jobs")?, "--jobs")?;
                if jobs == 0 {
                    return Err("--jobs: at least 1".into());
                }
            }
            "--json" => format = Format::Json,
            "--csv" => format = Format::Csv,
            other if other.starts_with("--") => {
                return Err(format!("unknown option {other}\n{}", usage()))
            }
            other => file = Some(other.to_string()),
        }
    }
    let file =
        file.ok_or_else(|| format!("sim sweep needs a scenario file or preset id\n{}", usage()))?;
    let base = super::load(&file)?;

    let study = if let Some(path) = spec_file {
        if param.is_some() || values.is_some() || hysteresis.is_some() || capacity.is_some() {
            return Err("--spec holds the whole study: give no --param, --values, --hysteresis or --capacity with it".into());
        }
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
        StudySpec::from_json_str(&text).map_err(|e| format!("{path}: {e}"))?
    } else if let Some(spec) = capacity {
        let parts: Vec<&str> = spec.split(':').collect();
        if !(4..=5).contains(&parts.len()) {
            return Err(format!(
                "--capacity: expected P99_MS:SHARE:FROM:TO[:TOLERANCE], got {spec}"
            ));
        }
        let (from_rps, to_rps): (f64, f64) = (
            number(parts[2], "--capacity FROM")?,
            number(parts[3], "--capacity TO")?,
        );
        StudySpec::Capacity(CapacitySpec {
            p99_ms: number(parts[0], "--capacity P99_MS")?,
            goodput_share: number(parts[1], "--capacity SHARE")?,
            from_rps,
            to_rps,
            tolerance_rps: match parts.get(4) {
                Some(t) => number(t, "--capacity TOLERANCE")?,
                None => (to_rps - from_rps).abs() / 100.0,
            },
            seeds,
        })
    } else if let Some(spec) = hysteresis {
        let (hold, settle) = spec
            .split_once(':')
            .ok_or_else(|| format!("--hysteresis: expected HOLD_S:SETTLE_S, got {spec}"))?;
        let values = values.ok_or("--hysteresis needs --values (the loads, lowest first)")?;
        let path = param.unwrap_or_else(|| "load.rate_rps".to_string());
        StudySpec::Hysteresis(HysteresisSpec {
            load: axis(&path, &values, "--values")?,
            hold_s: number(hold, "--hysteresis HOLD_S")?,
            settle_s: number(settle, "--hysteresis SETTLE_S")?,
            seeds,
        })
    } else {
        let param = param.ok_or_else(|| format!("sim sweep needs --param\n{}", usage()))?;
        let values = values.ok_or("--param needs --values")?;
        let param2 = match (param2, values2) {
            (Some(p), Some(v)) => Some(axis(&p, &v, "--values2")?),
            (None, None) => None,
            _ => return Err("--param2 and --values2 go together".into()),
        };
        StudySpec::Sweep(SweepSpec {
            param: axis(&param, &values, "--values")?,
            param2,
            seeds,
        })
    };

    let out = match study {
        StudySpec::Sweep(spec) => render(
            GridPlan::new(&base, &spec),
            (&file, jobs, "runs", format),
            SweepResult::to_csv,
            grid_table,
        )?,
        StudySpec::Hysteresis(spec) => render(
            HysteresisPlan::new(&base, &spec),
            (&file, jobs, "timelines", format),
            HysteresisResult::to_csv,
            hysteresis_table,
        )?,
        StudySpec::Capacity(spec) => render(
            CapacityPlan::new(&base, &spec),
            (&file, jobs, "seeds", format),
            CapacityResult::to_csv,
            capacity_table,
        )?,
    };
    crate::stdout::out!("{out}");
    Ok(())
}

/// Runs a checked plan on `jobs` threads and formats its result.
fn render<B, T>(
    plan: Result<B, SweepError>,
    (file, jobs, unit, format): (&str, usize, &'static str, Format),
    csv: fn(&T) -> String,
    table: fn(&T) -> String,
) -> Result<String, String>
where
    B: Batch<Output = Result<T, SweepError>>,
    T: serde::Serialize,
{
    let plan = plan.map_err(|e| format!("{file}: {e}"))?;
    let result = run_batch(&plan, jobs, unit)?.map_err(|e| e.to_string())?;
    Ok(match format {
        Format::Json => json(&result)?,
        Format::Csv => csv(&result),
        Format::Table => table(&result),
    })
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string_pretty(value)
        .map(|t| t + "\n")
        .map_err(|e| e.to_string())
}

/// `mean ± half-width` (just the mean with one seed).
fn pm(e: &Estimate, digits: usize) -> String {
    if !e.mean.is_finite() {
        return "–".into();
    }
    match e.ci95 {
        Some(ci) => format!("{:.digits$} ± {:.digits$}", e.mean, ci),
        None => format!("{:.digits$}", e.mean),
    }
}

fn percent(e: &Estimate) -> String {
    if !e.mean.is_finite() {
        return "–".into();
    }
    match e.ci95 {
        Some(ci) => format!("{:.1} ± {:.1}", e.mean * 100.0, ci * 100.0),
        None => format!("{:.1}", e.mean * 100.0),
    }
}

fn grid_table(r: &SweepResult) -> String {
    let mut out = format!(
        "{}: {} points × {} (mean ± 95 % interval)\n",
        r.scenario,
        r.points.len(),
        seeds(r.seeds.len())
    );
    let mut head = format!("{:>14}", short(&r.spec.param.path));
    if let Some(p2) = &r.spec.param2 {
        head += &format!(" {:>14}", short(&p2.path));
    }
    out += &format!(
        "{head} {:>20} {:>13} {:>20} {:>20} {:>16}\n",
        "goodput rps", "failed %", "p50 ms", "p99 ms", "busiest util %"
    );
    for p in &r.points {
        let mut row = String::new();
        for v in &p.values {
            row += &format!("{:>14} ", compact(*v));
        }
        out += &format!(
            "{row}{:>20} {:>13} {:>20} {:>20} {:>16}  {}\n",
            pm(&p.goodput_rps, 1),
            percent(&p.failure_share),
            pm(&p.p50_ms, 1),
            pm(&p.p99_ms, 1),
            percent(&p.busiest_utilization),
            p.busiest_service
        );
    }
    out
}

fn hysteresis_table(r: &HysteresisResult) -> String {
    let mut out = format!(
        "{}: load up then down, {} s per step, measured over the last {} s; {}\n",
        r.scenario,
        r.spec.hold_s,
        r.spec.hold_s - r.spec.settle_s,
        seeds(r.seeds.len())
    );
    out += &format!(
        "{:>10} {:>18} {:>18} {:>13} {:>13} {:>16} {:>16}\n",
        "load rps",
        "goodput up",
        "goodput down",
        "failed % up",
        "failed % down",
        "p99 ms up",
        "p99 ms down"
    );
    for (up, down) in r.up.iter().zip(&r.down) {
        out += &format!(
            "{:>10} {:>18} {:>18} {:>13} {:>13} {:>16} {:>16}\n",
            up.values[0],
            pm(&up.goodput_rps, 1),
            pm(&down.goodput_rps, 1),
            percent(&up.failure_share),
            percent(&down.failure_share),
            pm(&up.p99_ms, 0),
            pm(&down.p99_ms, 0)
        );
    }
    out
}

fn capacity_table(r: &CapacityResult) -> String {
    let s = &r.spec;
    let mut out = format!(
        "{}: highest load with p99 < {} ms and goodput >= {} % of offered, in {}..{} rps\n",
        r.scenario,
        s.p99_ms,
        s.goodput_share * 100.0,
        s.from_rps,
        s.to_rps
    );
    for seed in &r.per_seed {
        let what = match seed.capacity_rps {
            Some(c) => format!(
                "{c:.2} rps (passes {:.2}, fails {:.2})",
                seed.passed_rps, seed.failed_rps
            ),
            None if seed.below_range => format!("below {} rps", s.from_rps),
            None => format!("above {} rps", s.to_rps),
        };
        out += &format!("  seed {:>20}: {what}, {} runs\n", seed.seed, seed.probes);
    }
    out += &format!(
        "capacity: {} rps (mean ± 95 % interval over {} seeds in range)\n",
        pm(&r.capacity_rps, 2),
        r.capacity_rps.n
    );
    out
}

/// A parameter value for the table: at most four decimals (CSV and JSON
/// keep every digit).
fn compact(v: f64) -> String {
    let text = format!("{v:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `N seed` or `N seeds`.
fn seeds(n: usize) -> String {
    format!("{n} seed{}", if n == 1 { "" } else { "s" })
}

/// The last part of a path, for a column header.
fn short(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}
