//! Simulator presets: every `content/scenarios/*.json`, validated by the
//! engine itself (the same check the simulator page runs).

use std::path::{Path, PathBuf};

use super::anchors::is_kebab;
use super::error::{ContentError, ErrorKind};
use super::source::{files_or_report, read_text};
use faultline_engine::scenario_file;
use faultline_site_data::{PresetLink, ScenarioSummary};

/// A valid preset file.
#[derive(Debug, Clone)]
pub struct LoadedScenario {
    pub summary: ScenarioSummary,
    pub path: PathBuf,
    /// The file as written; copied verbatim so the browser parses exactly
    /// the bytes the engine validated.
    pub json: String,
}

impl LoadedScenario {
    pub fn preset_link(&self) -> PresetLink {
        PresetLink {
            id: self.summary.id.clone(),
            name: self.summary.name.clone(),
            description: self.summary.description.clone(),
        }
    }
}

/// Loads the presets in `scenarios_dir` (sorted by id). Invalid ones are
/// reported and left out, so links to them fail as unknown presets too.
pub fn load(scenarios_dir: &Path, errors: &mut Vec<ContentError>) -> Vec<LoadedScenario> {
    if !scenarios_dir.is_dir() {
        return Vec::new();
    }
    let files = files_or_report(scenarios_dir, "json", errors);
    let mut scenarios = Vec::new();
    for (id, path) in files {
        if !is_kebab(&id) {
            errors.push(ContentError::new(
                &path,
                None,
                ErrorKind::InvalidFileName {
                    name: id.clone(),
                    reason: "a preset id (the file stem) must be lower-case kebab-case".to_string(),
                },
            ));
            continue;
        }
        let json = match read_text(&path) {
            Ok(json) => json,
            Err(error) => {
                errors.push(error);
                continue;
            }
        };
        match scenario_file::parse(&json) {
            Ok(scenario) => scenarios.push(LoadedScenario {
                summary: ScenarioSummary {
                    id,
                    name: scenario.name,
                    description: scenario.description,
                    article: scenario.article,
                },
                path,
                json,
            }),
            Err(error) => errors.push(ContentError::new(
                &path,
                error.line(),
                ErrorKind::InvalidScenario {
                    detail: error.detail(),
                },
            )),
        }
    }
    scenarios
}
