//! A study drawn as a figure in an article: which preset, which study,
//! which metric. Articles write it as a ```` ```sweep ```` block (TOML, read
//! by the content build); the page carries it as URL-safe base64 of its
//! JSON in the figure's `data-figure` attribute; the build runs it natively
//! and prerenders the curve (`prerender::article`).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

use super::{Study, StudyResult, StudySpec, SweepError, SweepMetric};
use crate::Scenario;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureSpec {
    pub preset: String,
    pub study: StudySpec,
    pub metric: SweepMetric,
    /// Run the preset without its injected faults (the load itself is the
    /// trigger, as in a hysteresis sweep of a metastable system).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub without_faults: bool,
}

impl FigureSpec {
    pub fn encode(&self) -> String {
        // Plain data: serialising cannot fail.
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).unwrap_or_default())
    }

    pub fn decode(code: &str) -> Result<FigureSpec, String> {
        let bytes = URL_SAFE_NO_PAD
            .decode(code.trim())
            .map_err(|_| "the figure's code is not URL-safe base64".to_string())?;
        serde_json::from_slice(&bytes).map_err(|e| format!("the figure's code holds no study: {e}"))
    }

    /// The scenario the study runs on: the preset, less its faults if asked.
    pub fn base(&self, preset: &Scenario) -> Scenario {
        let mut base = preset.clone();
        if self.without_faults {
            base.faults.clear();
        }
        base
    }

    /// Checks and runs the study on this thread (the build's prerenderer),
    /// through the same JSON the browser's workers send back.
    pub fn run(&self, preset: &Scenario) -> Result<StudyResult, SweepError> {
        let study = Study::new(&self.base(preset), &self.study)?;
        let runs: Vec<String> = (0..study.len()).map(|job| study.run_json(job)).collect();
        study.finish_json(&runs)
    }
}
