//! The simulator's address: `simulator?preset=ID` for an unchanged preset,
//! `simulator#scenario=CODE` (and `&compare=CODE` in compare mode) for
//! anything else, where CODE is a [`share_code`](super::share_code) holding
//! the whole scenario. A sweep adds `sweep=CODE` to the fragment
//! ([`SweepLink`](super::sweep::SweepLink)). The fragment never reaches a
//! server.

use super::scenario::Scenario;
use super::share_code;

/// What an address asks the simulator to open.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LinkRequest {
    pub preset: Option<String>,
    /// The scenario's share code, if the fragment carries one.
    pub scenario: Option<String>,
    /// Variant B's share code (compare mode).
    pub compare: Option<String>,
    /// A sweep to reopen (`#sweep=CODE`, see `sweep::SweepLink`).
    pub sweep: Option<String>,
}

impl LinkRequest {
    /// True when the address asks for nothing (the page's default).
    pub fn is_empty(&self) -> bool {
        self.preset.is_none()
            && self.scenario.is_none()
            && self.compare.is_none()
            && self.sweep.is_none()
    }
}

/// `key=value` pairs of a query or fragment (without its `?` or `#`).
fn pairs(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
}

/// Reads a `?query` and a `#fragment` (either may be empty). Unknown keys
/// are ignored; the last of a repeated key wins.
pub fn parse(search: &str, hash: &str) -> LinkRequest {
    let mut out = LinkRequest::default();
    for (k, v) in pairs(search.trim_start_matches('?')) {
        if k == "preset" {
            out.preset = Some(v.to_string());
        }
    }
    for (k, v) in pairs(hash.trim_start_matches('#')) {
        match k {
            "scenario" => out.scenario = Some(v.to_string()),
            "compare" => out.compare = Some(v.to_string()),
            "sweep" => out.sweep = Some(v.to_string()),
            _ => {}
        }
    }
    out
}

/// The address of what the simulator shows, on the page's `path`: the
/// preset's name when the scenario is an unchanged preset (and there is no
/// variant), the whole scenario otherwise.
pub fn address(
    path: &str,
    preset: Option<&str>,
    a: &Scenario,
    b: Option<&Scenario>,
    sweep: Option<&str>,
) -> String {
    let mut url = match (preset, b) {
        (Some(id), None) => format!("{path}?preset={id}"),
        _ => {
            let mut url = format!("{path}#scenario={}", share_code::encode(a));
            if let Some(b) = b {
                url.push_str(&format!("&compare={}", share_code::encode(b)));
            }
            url
        }
    };
    if let Some(code) = sweep {
        url.push(if url.contains('#') { '&' } else { '#' });
        url.push_str(&format!("sweep={code}"));
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(name: &str) -> Scenario {
        Scenario::from_json_str(&format!(
            r#"{{ "name": "{name}", "duration_s": 10, "load": {{ "rate_rps": 5 }}, "entry": "a",
                "services": [ {{ "name": "a", "workers": 1,
                                "service_time": {{ "dist": "constant", "mean_ms": 1 }} }} ] }}"#
        ))
        .expect("valid")
    }

    #[test]
    fn addresses_round_trip() {
        let (a, b) = (scenario("a"), scenario("b"));
        let preset = address("/faultline/simulator", Some("retry-storm"), &a, None, None);
        assert_eq!(preset, "/faultline/simulator?preset=retry-storm");
        let (_, query) = preset.split_once('?').expect("a query");
        assert_eq!(parse(query, "").preset.as_deref(), Some("retry-storm"));

        let own = address("/simulator", None, &a, None, None);
        let (_, hash) = own.split_once('#').expect("a fragment");
        let request = parse("", hash);
        assert_eq!(request.compare, None);
        assert_eq!(
            share_code::decode(request.scenario.as_deref().unwrap_or("")),
            Ok(a.clone())
        );

        // A variant always needs the full form, even on an unchanged preset.
        let both = address("/simulator", Some("retry-storm"), &a, Some(&b), None);
        let (_, hash) = both.split_once('#').expect("a fragment");
        let request = parse("", &format!("#{hash}"));
        assert_eq!(
            share_code::decode(request.compare.as_deref().unwrap_or("")),
            Ok(b)
        );
    }

    #[test]
    fn a_sweep_rides_along_in_the_fragment() {
        let a = scenario("a");
        let preset = address("/simulator", Some("retry-storm"), &a, None, Some("CODE"));
        assert_eq!(preset, "/simulator?preset=retry-storm#sweep=CODE");
        let (_, query) = preset.split_once('?').expect("a query");
        let (query, hash) = query.split_once('#').expect("a fragment");
        let request = parse(query, hash);
        assert_eq!(request.preset.as_deref(), Some("retry-storm"));
        assert_eq!(request.sweep.as_deref(), Some("CODE"));
        let own = address("/simulator", None, &a, None, Some("X"));
        let (_, hash) = own.split_once('#').expect("a fragment");
        assert_eq!(parse("", hash).sweep.as_deref(), Some("X"));
        assert!(!parse("", hash).is_empty());
    }

    #[test]
    fn odd_addresses_parse_without_surprises() {
        assert_eq!(parse("", ""), LinkRequest::default());
        assert_eq!(parse("?x=1&preset", "#&&junk").preset.as_deref(), Some(""));
        let r = parse("?preset=a&preset=b", "#scenario=1.x&other=2");
        assert_eq!(r.preset.as_deref(), Some("b"));
        assert_eq!(r.scenario.as_deref(), Some("1.x"));
    }
}
