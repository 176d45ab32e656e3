//! Validation paths (`services[1].calls[0].timeout_ms`, see
//! [`FieldError`](super::FieldError)) read back: which part of the scenario
//! a path is in, and where that is in words, so an editor can take the
//! reader to the field and a list of problems can say where each one is.

use super::scenario::Scenario;

/// The part of a scenario a field belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The run as a whole: duration, load, entry, client, metrics.
    Run,
    Service(usize),
    /// A call, by service and call index.
    Call(usize, usize),
    Fault(usize),
}

/// The number inside the `[...]` right after `prefix`, and what follows
/// (without its leading dot).
fn index_after<'a>(path: &'a str, prefix: &str) -> Option<(usize, &'a str)> {
    let rest = path.strip_prefix(prefix)?.strip_prefix('[')?;
    let (n, rest) = rest.split_once(']')?;
    Some((n.parse().ok()?, rest.trim_start_matches('.')))
}

/// The part holding the field at `path`, and the field's own name.
pub fn locate(path: &str) -> (Part, &str) {
    if let Some((i, rest)) = index_after(path, "services") {
        if let Some((j, field)) = index_after(rest, "calls") {
            return (Part::Call(i, j), field);
        }
        return (Part::Service(i), rest);
    }
    if let Some((k, field)) = index_after(path, "faults") {
        return (Part::Fault(k), field);
    }
    (Part::Run, path)
}

/// A field name in words: `backoff.base_ms` → `backoff base`.
fn words(field: &str) -> String {
    field
        .split(['.', '_'])
        .filter(|w| !w.is_empty() && !matches!(*w, "ms" | "s" | "rps"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where a path points, in words, with the names the scenario gives:
/// `call orders → payments, timeout`.
pub fn describe(scenario: Option<&Scenario>, path: &str) -> String {
    let service = |i: usize| {
        scenario
            .and_then(|s| s.services.get(i))
            .map_or_else(|| format!("service {}", i + 1), |s| s.name.clone())
    };
    let (part, field) = locate(path);
    let field = words(field);
    let place = match part {
        Part::Run if field.is_empty() => return "the scenario".to_string(),
        Part::Run => return field,
        Part::Service(i) => format!("service {}", service(i)),
        Part::Call(i, j) => {
            let to = scenario
                .and_then(|s| s.services.get(i))
                .and_then(|s| s.calls.get(j))
                .map_or_else(|| format!("call {}", j + 1), |c| c.to.clone());
            format!("call {} → {to}", service(i))
        }
        Part::Fault(k) => format!("fault {}", k + 1),
    };
    if field.is_empty() {
        place
    } else {
        format!("{place}, {field}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_locate_their_part() {
        assert_eq!(locate("services[2].workers"), (Part::Service(2), "workers"));
        assert_eq!(
            locate("services[1].calls[0].retry.backoff.base_ms"),
            (Part::Call(1, 0), "retry.backoff.base_ms")
        );
        assert_eq!(locate("services[1].calls[3]"), (Part::Call(1, 3), ""));
        assert_eq!(locate("faults[4].to_s"), (Part::Fault(4), "to_s"));
        assert_eq!(locate("load.rate_rps"), (Part::Run, "load.rate_rps"));
        assert_eq!(locate("services"), (Part::Run, "services"));
        // Malformed indexes fall back to the run, never panic.
        assert_eq!(locate("services[x].workers").0, Part::Run);
        assert_eq!(locate("services[").0, Part::Run);
    }

    #[test]
    fn descriptions_use_the_scenario_names() {
        let s = Scenario::from_json_str(
            r#"{ "name": "n", "duration_s": 10, "load": { "rate_rps": 5 }, "entry": "api",
                "services": [
                  { "name": "api", "workers": 1, "service_time": { "dist": "constant", "mean_ms": 1 },
                    "calls": [ { "to": "db", "mode": "sync" } ] },
                  { "name": "db", "workers": 1, "service_time": { "dist": "constant", "mean_ms": 1 } } ] }"#,
        )
        .expect("valid");
        assert_eq!(
            describe(Some(&s), "services[0].calls[0].timeout_ms"),
            "call api → db, timeout"
        );
        assert_eq!(
            describe(Some(&s), "services[1].workers"),
            "service db, workers"
        );
        assert_eq!(
            describe(None, "services[7].queue_capacity"),
            "service service 8, queue capacity"
        );
        assert_eq!(describe(Some(&s), "faults[0].from_s"), "fault 1, from");
        assert_eq!(describe(Some(&s), "load.rate_rps"), "load rate");
        assert_eq!(describe(Some(&s), ""), "the scenario");
    }
}
