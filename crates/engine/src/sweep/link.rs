//! A sweep in a share link: the spec and the metric the chart shows, as
//! URL-safe base64 of their JSON (`#sweep=CODE`, beside the scenario's own
//! part of the address). Decoding checks the form only; the plan checks the
//! values against the scenario, and names the field that is wrong.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

use super::{SweepMetric, SweepSpec};

/// The longest code accepted: far beyond any real spec (200 listed values
/// fit in a few KB), short enough that a hostile link costs nothing.
const MAX_CODE_LEN: usize = 16_384;

/// What a sweep link reopens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SweepLink {
    pub spec: SweepSpec,
    pub metric: SweepMetric,
}

impl SweepLink {
    pub fn encode(&self) -> String {
        // Plain data: serialising cannot fail.
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).unwrap_or_default())
    }

    /// Reads a code back; the error says in words what is wrong with it.
    pub fn decode(code: &str) -> Result<SweepLink, String> {
        if code.len() > MAX_CODE_LEN {
            return Err(format!(
                "the sweep code is {} characters long, more than a sweep needs",
                code.len()
            ));
        }
        let bytes = URL_SAFE_NO_PAD
            .decode(code.trim())
            .map_err(|_| "the sweep code is damaged (not URL-safe base64)".to_string())?;
        serde_json::from_slice(&bytes)
            .map_err(|e| format!("the sweep code does not hold a sweep: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::super::Axis;
    use super::*;

    #[test]
    fn links_round_trip_and_bad_codes_say_why() {
        let link = SweepLink {
            spec: SweepSpec {
                param: Axis {
                    path: "load.rate_rps".into(),
                    values: Some(vec![10.0, 20.5, 1e-3]),
                    range: None,
                },
                param2: None,
                seeds: 5,
            },
            metric: SweepMetric::P99Ms,
        };
        assert_eq!(SweepLink::decode(&link.encode()), Ok(link.clone()));
        assert!(SweepLink::decode("%%%").unwrap_err().contains("damaged"));
        assert!(SweepLink::decode(&URL_SAFE_NO_PAD.encode(b"{\"spec\":1}"))
            .unwrap_err()
            .contains("does not hold a sweep"));
        assert!(SweepLink::decode(&"A".repeat(MAX_CODE_LEN + 1)).is_err());
    }
}
