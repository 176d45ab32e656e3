//! Generated scenarios run through the engine, with the invariants of
//! [`crate::invariants`] checked after every run.

use faultline_engine::Scenario;

use crate::gen::Gen;
use crate::invariants::check_run;
use crate::target::{Case, Target};
use crate::topology;

/// Random valid topologies, run and checked.
pub struct EngineRun;

impl Target for EngineRun {
    fn name(&self) -> &'static str {
        "engine-run"
    }

    fn generate(&self, g: &mut Gen) -> Case {
        Case::valid(serde_json::to_string(&topology::scenario(g)).unwrap_or_default())
    }

    fn check(&self, case: &Case) -> Result<(), String> {
        let scenario = Scenario::from_json_str(&case.input)
            .map_err(|e| format!("a generated scenario was refused: {e}"))?;
        // The slicing is chosen from the scenario's own seed, so a case
        // replays from its input alone.
        let mut g = Gen::for_case(scenario.seed, 0);
        check_run(&scenario, &mut g)
    }
}
