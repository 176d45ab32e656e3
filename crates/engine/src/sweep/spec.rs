//! The JSON form of a study: what a user asks for, small enough to travel
//! in a share link or to a Web Worker. Field names are part of the public
//! format (see `docs/sweeps.md`).

use serde::{Deserialize, Serialize};

use super::{limits, SweepError};

/// Any study, tagged by `kind`: the one JSON form a share link or a Web
/// Worker carries (`{ "kind": "sweep", "param": …, "seeds": 5 }`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StudySpec {
    Sweep(SweepSpec),
    Hysteresis(HysteresisSpec),
    Capacity(CapacitySpec),
}

impl StudySpec {
    /// Parses a study; serde's message names the field that is wrong.
    pub fn from_json_str(text: &str) -> Result<StudySpec, SweepError> {
        serde_json::from_str(text).map_err(|e| SweepError::new("spec", e.to_string()))
    }
}

/// A grid sweep: one parameter (optionally two) over values, `seeds` runs
/// per point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SweepSpec {
    pub param: Axis,
    /// A second parameter: every value of `param` with every value of this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub param2: Option<Axis>,
    pub seeds: u32,
}

/// One swept parameter: a JSON path into the scenario and its values,
/// given as a list (`values`) or a range (`range`), exactly one of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Axis {
    /// `load.rate_rps`, `services[1].workers`, `client.retry.max_attempts`…
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<f64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<Range>,
}

/// `steps` values from `from` to `to` (both included), evenly spaced or
/// evenly spaced in logarithm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    pub from: f64,
    pub to: f64,
    pub steps: u32,
    #[serde(default, skip_serializing_if = "is_linear")]
    pub scale: Scale,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    #[default]
    Linear,
    Log,
}

fn is_linear(s: &Scale) -> bool {
    *s == Scale::Linear
}

impl Axis {
    /// The values, checked: finite, one to [`limits::MAX_VALUES`] of them.
    /// `field` is this axis's name in the spec (`param`, `param2`).
    pub fn resolve(&self, field: &str) -> Result<Vec<f64>, SweepError> {
        let values = match (&self.values, &self.range) {
            (Some(_), Some(_)) => {
                return Err(SweepError::new(
                    field,
                    "give either values or range, not both",
                ))
            }
            (None, None) => return Err(SweepError::new(field, "needs values or range")),
            (Some(list), None) => {
                for (i, v) in list.iter().enumerate() {
                    if !v.is_finite() {
                        return Err(SweepError::new(
                            &format!("{field}.values[{i}]"),
                            "must be a finite number",
                        ));
                    }
                }
                list.clone()
            }
            (None, Some(range)) => range.values(&format!("{field}.range"))?,
        };
        if values.is_empty() || values.len() > limits::MAX_VALUES {
            return Err(SweepError::new(
                &format!("{field}.values"),
                format!(
                    "needs 1 to {} values, got {}",
                    limits::MAX_VALUES,
                    values.len()
                ),
            ));
        }
        Ok(values)
    }
}

impl Range {
    /// The range's values; errors name `field.from`, `field.steps`….
    pub fn values(&self, field: &str) -> Result<Vec<f64>, SweepError> {
        for (name, v) in [("from", self.from), ("to", self.to)] {
            if !v.is_finite() {
                return Err(SweepError::new(
                    &format!("{field}.{name}"),
                    "must be a finite number",
                ));
            }
            if self.scale == Scale::Log && v <= 0.0 {
                return Err(SweepError::new(
                    &format!("{field}.{name}"),
                    format!("a log scale needs values above 0, got {v}"),
                ));
            }
        }
        let steps = self.steps as usize;
        if steps == 0 || steps > limits::MAX_VALUES {
            return Err(SweepError::new(
                &format!("{field}.steps"),
                format!("must be between 1 and {}, got {steps}", limits::MAX_VALUES),
            ));
        }
        if steps == 1 {
            return Ok(vec![self.from]);
        }
        let last = (steps - 1) as f64;
        Ok((0..steps)
            .map(|i| {
                let f = i as f64 / last;
                if i == steps - 1 {
                    self.to
                } else if self.scale == Scale::Log {
                    // libm keeps the values bit-identical natively and in wasm32.
                    self.from * libm::pow(self.to / self.from, f)
                } else {
                    self.from + (self.to - self.from) * f
                }
            })
            .collect())
    }

    /// Parses the command line's `from:to:steps[:log]`.
    pub fn parse_cli(text: &str) -> Option<Range> {
        let parts: Vec<&str> = text.split(':').collect();
        let scale = match parts.get(3).copied() {
            None | Some("lin" | "linear") => Scale::Linear,
            Some("log") => Scale::Log,
            Some(_) => return None,
        };
        if !(3..=4).contains(&parts.len()) {
            return None;
        }
        Some(Range {
            from: parts[0].trim().parse().ok()?,
            to: parts[1].trim().parse().ok()?,
            steps: parts[2].trim().parse().ok()?,
            scale,
        })
    }
}

/// A load sweep up and back down inside one simulated timeline: the arrival
/// rate steps through `load` (ascending as given), then back down through
/// the same values, each held `hold_s` seconds; each step is measured over
/// its last `hold_s − settle_s` seconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HysteresisSpec {
    /// The arrival rates (`load.rate_rps`), lowest first.
    pub load: Axis,
    pub hold_s: f64,
    /// Time left to settle after each change before measuring; a whole
    /// multiple of the window `hold_s − settle_s`.
    pub settle_s: f64,
    pub seeds: u32,
}

/// The highest arrival rate in `[from_rps, to_rps]` at which the p99 of
/// successful requests stays under `p99_ms` and goodput is at least
/// `goodput_share` of the offered load, bisected to `tolerance_rps`,
/// separately for each of `seeds` seeds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapacitySpec {
    pub p99_ms: f64,
    pub goodput_share: f64,
    pub from_rps: f64,
    pub to_rps: f64,
    pub tolerance_rps: f64,
    pub seeds: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn studies_read_from_json_by_kind() {
        let grid = StudySpec::from_json_str(
            r#"{ "kind": "sweep", "seeds": 3,
                 "param": { "path": "load.rate_rps", "range": { "from": 1, "to": 9, "steps": 3, "scale": "log" } } }"#,
        )
        .expect("valid");
        let StudySpec::Sweep(spec) = &grid else {
            panic!("a sweep: {grid:?}");
        };
        assert_eq!(spec.param.range.as_ref().map(|r| r.scale), Some(Scale::Log));
        let text = serde_json::to_string(&grid).expect("serialisable");
        assert_eq!(StudySpec::from_json_str(&text), Ok(grid));
        let capacity = r#"{ "kind": "capacity", "p99_ms": 100, "goodput_share": 0.99,
            "from_rps": 1, "to_rps": 50, "tolerance_rps": 1, "seeds": 4 }"#;
        assert!(matches!(
            StudySpec::from_json_str(capacity),
            Ok(StudySpec::Capacity(_))
        ));
        let e = StudySpec::from_json_str(r#"{ "kind": "sweep", "seeds": 3, "parm": {} }"#)
            .expect_err("typo");
        assert!(e.message.contains("parm"), "{e}");
        assert!(StudySpec::from_json_str(r#"{ "kind": "grid" }"#).is_err());
    }

    #[test]
    fn ranges_include_both_ends() {
        let lin = Range::parse_cli("100:300:5").expect("parses");
        assert_eq!(lin.values("r"), Ok(vec![100.0, 150.0, 200.0, 250.0, 300.0]));
        let log = Range::parse_cli("1:1000:4:log").expect("parses");
        let v = log.values("r").expect("valid");
        assert_eq!(v.len(), 4);
        assert!((v[1] - 10.0).abs() < 1e-9 && (v[2] - 100.0).abs() < 1e-9);
        assert_eq!(v[3], 1000.0);
        assert!(Range::parse_cli("1:2").is_none());
        assert!(Range::parse_cli("1:2:3:cubic").is_none());
    }

    #[test]
    fn bad_axes_name_their_field() {
        let axis = |values: Option<Vec<f64>>, range: Option<Range>| Axis {
            path: "load.rate_rps".into(),
            values,
            range,
        };
        let err = |a: Axis| a.resolve("param").expect_err("invalid").field;
        assert_eq!(err(axis(None, None)), "param");
        assert_eq!(err(axis(Some(vec![]), None)), "param.values");
        assert_eq!(
            err(axis(Some(vec![1.0, f64::NAN]), None)),
            "param.values[1]"
        );
        let range = |from: f64, steps: u32, scale: Scale| Range {
            from,
            to: 10.0,
            steps,
            scale,
        };
        assert_eq!(
            err(axis(None, Some(range(1.0, 0, Scale::Linear)))),
            "param.range.steps"
        );
        assert_eq!(
            err(axis(None, Some(range(0.0, 3, Scale::Log)))),
            "param.range.from"
        );
    }
}
