//! The shipped presets: their index and their scenarios, fetched from the
//! site data when a simulator first needs them (never on other pages), and
//! kept for the rest of the visit so embeds and comparisons reuse them.

use std::cell::RefCell;
use std::collections::HashMap;

use super::runner::FinishedRun;
use crate::data::fetch_json;
use faultline_engine::{validate, Scenario};
use faultline_site_data::{run_path, scenario_path, ScenarioSummary, SCENARIO_INDEX_PATH};
use faultline_worker::Snapshot;

/// The preset a simulator opens when it is given none (or a bad link).
pub const DEFAULT_PRESET: &str = "slow-dependency";

thread_local! {
    static INDEX: RefCell<Option<Vec<ScenarioSummary>>> = const { RefCell::new(None) };
    static SCENARIOS: RefCell<HashMap<String, Scenario>> = RefCell::new(HashMap::new());
}

/// The list of presets (id, name, description, article).
pub async fn index() -> Result<Vec<ScenarioSummary>, String> {
    if let Some(cached) = INDEX.with(|index| index.borrow().clone()) {
        return Ok(cached);
    }
    let list: Vec<ScenarioSummary> = fetch_json(SCENARIO_INDEX_PATH).await?;
    INDEX.with(|index| *index.borrow_mut() = Some(list.clone()));
    Ok(list)
}

/// True for ids that can name a preset file (kebab-case), so a hostile
/// `?preset=` value never becomes a path.
fn is_preset_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// One preset's scenario, validated.
pub async fn scenario(id: &str) -> Result<Scenario, String> {
    if !is_preset_id(id) {
        return Err(format!("\"{id}\" is not a preset name"));
    }
    if let Some(cached) = SCENARIOS.with(|s| s.borrow().get(id).cloned()) {
        return Ok(cached);
    }
    let known = index().await?;
    if !known.iter().any(|p| p.id == id) {
        return Err(format!("there is no preset called \"{id}\""));
    }
    let scenario: Scenario = fetch_json(&scenario_path(id)).await?;
    validate(&scenario).map_err(|e| format!("the preset \"{id}\" is not valid: {e}"))?;
    SCENARIOS.with(|s| s.borrow_mut().insert(id.to_string(), scenario.clone()));
    Ok(scenario)
}

/// One preset and its run to the end, as the build computed it (the engine
/// is deterministic, so this is the run the worker would compute): what the
/// simulator page and the article figures open with, without loading the
/// engine until the reader runs something.
pub async fn finished(id: &str) -> Result<FinishedRun, String> {
    let scenario = scenario(id).await?;
    let result: Vec<Snapshot> = fetch_json(&run_path(id)).await?;
    if result.len() != 1 || !result.iter().all(|lane| lane.finished) {
        return Err(format!(
            "the run shipped for \"{id}\" is not a finished run"
        ));
    }
    Ok(FinishedRun { scenario, result })
}
