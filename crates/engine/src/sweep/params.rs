//! The parameters a reader is offered to sweep on a scenario: the offered
//! load, each service's workers and queue, each call's timeout, the
//! client's timeout and retry attempts; each with a label, its value now
//! and a first range around it. Any other JSON path can still be typed in.

use super::{Axis, Range, Scale};
use crate::Scenario;

/// One parameter the page offers.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamChoice {
    /// The JSON path (`services[1].workers`).
    pub path: String,
    /// What a reader calls it ("api: workers").
    pub label: String,
    /// The scenario's value now.
    pub current: f64,
    /// A first range: from, to, and whether values are whole numbers.
    pub from: f64,
    pub to: f64,
    pub whole: bool,
}

impl ParamChoice {
    /// The axis for `steps` values from `from` to `to`: a range, or for a
    /// whole-number parameter the range's values rounded, without repeats
    /// (a worker count of 22.5 is no scenario).
    pub fn axis(&self, from: f64, to: f64, steps: u32, scale: Scale) -> Axis {
        axis_for(&self.path, self.whole, from, to, steps, scale)
    }
}

/// See [`ParamChoice::axis`]; a typed-in path is not whole.
pub fn axis_for(path: &str, whole: bool, from: f64, to: f64, steps: u32, scale: Scale) -> Axis {
    let range = Range {
        from,
        to,
        steps,
        scale,
    };
    if whole {
        if let Ok(values) = range.values("param.range") {
            let mut rounded: Vec<f64> = values.iter().map(|v| v.round()).collect();
            rounded.dedup();
            return Axis {
                path: path.to_string(),
                values: Some(rounded),
                range: None,
            };
        }
    }
    Axis {
        path: path.to_string(),
        values: None,
        range: Some(range),
    }
}

fn choice(path: String, label: String, current: f64, whole: bool) -> ParamChoice {
    let (from, to) = if whole {
        (
            (current / 4.0).floor().max(1.0),
            (current * 2.0).ceil().max(2.0),
        )
    } else {
        (current * 0.25, current * 2.0)
    };
    ParamChoice {
        path,
        label,
        current,
        from,
        to,
        whole,
    }
}

/// The parameters worth sweeping on `scenario`, the offered load first.
pub fn param_choices(scenario: &Scenario) -> Vec<ParamChoice> {
    let mut out = Vec::new();
    if scenario.load.users.is_none() {
        out.push(choice(
            "load.rate_rps".into(),
            "Offered load (requests/s)".into(),
            scenario.load.rate_rps,
            false,
        ));
    }
    for (i, service) in scenario.services.iter().enumerate() {
        out.push(choice(
            format!("services[{i}].workers"),
            format!("{}: workers", service.name),
            f64::from(service.workers),
            true,
        ));
        if let Some(queue) = service.queue_capacity {
            out.push(choice(
                format!("services[{i}].queue_capacity"),
                format!("{}: queue capacity", service.name),
                f64::from(queue),
                true,
            ));
        }
        for (j, call) in service.calls.iter().enumerate() {
            if let Some(timeout) = call.timeout_ms {
                out.push(choice(
                    format!("services[{i}].calls[{j}].timeout_ms"),
                    format!("{} → {}: timeout (ms)", service.name, call.to),
                    timeout,
                    false,
                ));
            }
        }
    }
    if let Some(timeout) = scenario.client.timeout_ms {
        out.push(choice(
            "client.timeout_ms".into(),
            "Client timeout (ms)".into(),
            timeout,
            false,
        ));
    }
    if let Some(retry) = &scenario.client.retry {
        out.push(choice(
            "client.retry.max_attempts".into(),
            "Client attempts per request".into(),
            f64::from(retry.max_attempts),
            true,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{GridPlan, Scale, SweepSpec};
    use super::*;

    #[test]
    fn every_choice_on_every_preset_is_a_valid_sweep() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content/scenarios");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).expect("presets") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("read");
            let scenario: Scenario = serde_json::from_str(&text).expect("parses");
            let choices = param_choices(&scenario);
            assert!(!choices.is_empty(), "{}", path.display());
            for c in choices {
                assert!(c.from < c.to, "{}: {c:?}", path.display());
                let spec = SweepSpec {
                    param: c.axis(c.from, c.to, 4, Scale::Linear),
                    param2: None,
                    seeds: 1,
                };
                GridPlan::new(&scenario, &spec)
                    .unwrap_or_else(|e| panic!("{}: {}: {e}", path.display(), c.path));
                checked += 1;
            }
        }
        assert!(checked > 40, "{checked}");
    }
}
