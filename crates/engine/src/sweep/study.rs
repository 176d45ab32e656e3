//! Any study, checked and ready to run job by job where the jobs travel as
//! text: a Web Worker builds the same [`Study`] from the same spec and base
//! scenario, runs the jobs it is sent and posts each run back as JSON; the
//! page collects them in job order and reduces them. JSON carries every
//! `f64` exactly (shortest round-trip form, read back correctly rounded),
//! so the reduced result is bit-identical to [`run_all`](super::run_all)'s.

use serde::{Deserialize, Serialize};

use super::{
    Batch, CapacityPlan, CapacityResult, GridPlan, HysteresisPlan, HysteresisResult, StudySpec,
    SweepError, SweepResult,
};
use crate::Scenario;

/// A checked study of any kind.
#[derive(Debug, Clone)]
pub enum Study {
    Grid(GridPlan),
    Hysteresis(HysteresisPlan),
    Capacity(CapacityPlan),
}

/// The result of any study, tagged by `kind` like its spec.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StudyResult {
    Sweep(SweepResult),
    Hysteresis(HysteresisResult),
    Capacity(CapacityResult),
}

impl Study {
    /// Checks `spec` against `base`; errors name the spec's field.
    pub fn new(base: &Scenario, spec: &StudySpec) -> Result<Study, SweepError> {
        Ok(match spec {
            StudySpec::Sweep(s) => Study::Grid(GridPlan::new(base, s)?),
            StudySpec::Hysteresis(s) => Study::Hysteresis(HysteresisPlan::new(base, s)?),
            StudySpec::Capacity(s) => Study::Capacity(CapacityPlan::new(base, s)?),
        })
    }

    /// How many independent jobs the study has.
    pub fn len(&self) -> usize {
        match self {
            Study::Grid(p) => p.len(),
            Study::Hysteresis(p) => p.len(),
            Study::Capacity(p) => p.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Runs job `job` and returns its run as JSON (an error, if the job
    /// number is out of range, is a run's error like any other).
    pub fn run_json(&self, job: usize) -> String {
        if job >= self.len() {
            let error: Result<(), SweepError> = Err(SweepError::new(
                "job",
                format!("no job {job} in a study of {}", self.len()),
            ));
            return to_json(&error);
        }
        match self {
            Study::Grid(p) => to_json(&p.run(job)),
            Study::Hysteresis(p) => to_json(&p.run(job)),
            Study::Capacity(p) => to_json(&p.run(job)),
        }
    }

    /// Reduces the runs, given in job order as [`Study::run_json`] wrote them.
    pub fn finish_json(&self, runs: &[String]) -> Result<StudyResult, SweepError> {
        if runs.len() != self.len() {
            return Err(SweepError::new(
                "runs",
                format!("{} runs for a study of {} jobs", runs.len(), self.len()),
            ));
        }
        Ok(match self {
            Study::Grid(p) => StudyResult::Sweep(p.finish(from_json(runs)?)?),
            Study::Hysteresis(p) => StudyResult::Hysteresis(p.finish(from_json(runs)?)?),
            Study::Capacity(p) => StudyResult::Capacity(p.finish(from_json(runs)?)?),
        })
    }
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Every run type is plain data (numbers, strings, vectors): serialising
    // it cannot fail, and a non-finite number becomes `null`, which reads
    // back as an error rather than a wrong value.
    serde_json::to_string(value).unwrap_or_else(|e| {
        format!(r#"{{"Err":{{"field":"run","message":"could not be written: {e}"}}}}"#)
    })
}

fn from_json<T: for<'de> Deserialize<'de>>(runs: &[String]) -> Result<Vec<T>, SweepError> {
    runs.iter()
        .enumerate()
        .map(|(job, text)| {
            serde_json::from_str(text).map_err(|e| {
                SweepError::new("runs", format!("job {job}'s run could not be read: {e}"))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::{run_all, Axis, SweepSpec};
    use super::*;

    fn base() -> Scenario {
        serde_json::from_str(include_str!(
            "../../../../content/scenarios/healthy-chain.json"
        ))
        .expect("the preset parses")
    }

    #[test]
    fn jobs_as_json_reduce_to_the_direct_result() {
        let spec = SweepSpec {
            param: Axis {
                path: "load.rate_rps".into(),
                values: Some(vec![20.0, 60.0]),
                range: None,
            },
            param2: None,
            seeds: 2,
        };
        let mut scenario = base();
        scenario.duration_s = scenario.duration_s.min(20.0);
        let direct = run_all(&GridPlan::new(&scenario, &spec).expect("valid")).expect("runs");
        let study = Study::new(&scenario, &StudySpec::Sweep(spec)).expect("valid");
        // Run out of order, as a pool of workers would.
        let mut runs = vec![String::new(); study.len()];
        for job in (0..study.len()).rev() {
            runs[job] = study.run_json(job);
        }
        assert_eq!(study.finish_json(&runs), Ok(StudyResult::Sweep(direct)));
    }

    #[test]
    fn bad_jobs_and_runs_are_errors() {
        let spec: StudySpec = serde_json::from_str(
            r#"{"kind":"sweep","param":{"path":"load.rate_rps","values":[10]},"seeds":1}"#,
        )
        .expect("parses");
        let study = Study::new(&base(), &spec).expect("valid");
        assert!(study.run_json(5).contains("no job 5"));
        assert!(study.finish_json(&[]).is_err());
        let error = study
            .finish_json(&["{".to_string()])
            .expect_err("unreadable");
        assert!(error.message.contains("job 0"), "{error}");
    }
}
