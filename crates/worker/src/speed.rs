//! How fast simulated time runs against the wall clock.

use serde::{Deserialize, Serialize};

/// Simulated seconds per wall second, or as fast as the engine goes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Speed {
    /// Simulated seconds per wall second.
    Times(f64),
    /// As many events as the slice budget allows.
    Max,
}

impl Speed {
    pub const OPTIONS: [Speed; 8] = [
        Speed::Times(1.0),
        Speed::Times(2.0),
        Speed::Times(5.0),
        Speed::Times(10.0),
        Speed::Times(25.0),
        Speed::Times(50.0),
        Speed::Times(100.0),
        Speed::Max,
    ];

    /// The value of the speed picker's option.
    pub fn id(self) -> String {
        match self {
            Speed::Times(x) => format!("{x}"),
            Speed::Max => "max".to_string(),
        }
    }

    pub fn from_id(id: &str) -> Option<Speed> {
        if id == "max" {
            return Some(Speed::Max);
        }
        let x: f64 = id.parse().ok()?;
        (x.is_finite() && x > 0.0).then_some(Speed::Times(x))
    }

    pub fn label(self) -> String {
        match self {
            Speed::Times(1.0) => "1× (real time)".to_string(),
            Speed::Times(x) => format!("{x}×"),
            Speed::Max => "As fast as possible".to_string(),
        }
    }

    /// A speed a message may carry: finite and positive, or `Max`.
    pub fn is_valid(self) -> bool {
        match self {
            Speed::Times(x) => x.is_finite() && x > 0.0,
            Speed::Max => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_bad_ids_are_refused() {
        for speed in Speed::OPTIONS {
            assert_eq!(Speed::from_id(&speed.id()), Some(speed));
        }
        for bad in ["", "0", "-2", "NaN", "inf", "fast"] {
            assert_eq!(Speed::from_id(bad), None, "{bad}");
        }
    }
}
