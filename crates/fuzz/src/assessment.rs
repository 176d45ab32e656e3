//! Random valid checklist assessments over the real checklist: every answer
//! state, notes and not-applicable reasons with tricky text, names, team
//! context and DORA answers.

use faultline::checklist::dora::{
    DeployFrequency, DoraAnswers, FailureRate, LeadTime, RecoveryTime,
};
use faultline::checklist::{Answer, Assessment, Checklist, TeamContext, MAX_COUNT};

use crate::gen::Gen;

const STATES: [Option<Answer>; 5] = [
    None,
    Some(Answer::Yes),
    Some(Answer::Partly),
    Some(Answer::No),
    Some(Answer::NotApplicable),
];

/// The checklist the site ships (read from `content/checklist.toml`).
pub fn real_checklist() -> Result<Checklist, String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content/checklist.toml");
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    Checklist::from_toml_str(&text).map_err(|e| format!("{path}: {e}"))
}

fn count(g: &mut Gen) -> Option<u32> {
    match g.below(4) {
        0 => None,
        1 => Some(MAX_COUNT),
        _ => Some(g.between(1, 200) as u32),
    }
}

fn choice<T: Copy>(g: &mut Gen, all: &[T]) -> Option<T> {
    (!g.one_in(4)).then(|| *g.pick(all))
}

/// A random assessment that the checklist's own validation accepts.
pub fn assessment(g: &mut Gen, checklist: &Checklist) -> Assessment {
    let name = if g.one_in(8) {
        "é".repeat(faultline::checklist::MAX_NAME_CHARS)
    } else {
        g.words(6)
    };
    let mut a = Assessment::named(&name);
    let ids: Vec<String> = checklist.item_ids().map(str::to_string).collect();
    let answered = g.below(ids.len() + 1);
    for _ in 0..answered {
        let id = g.pick(&ids).clone();
        let state = *g.pick(&STATES);
        a.answers.set_answer(&id, state);
        if g.one_in(6) {
            let note = g.text(60);
            a.answers.set_note(&id, &note);
        }
        if state == Some(Answer::NotApplicable) && g.one_in(3) {
            let reason = g.text(40);
            a.answers.set_reason(&id, &reason);
        }
    }
    a.context = TeamContext {
        teams: count(g),
        services: count(g),
        dora: DoraAnswers {
            deployment_frequency: choice(g, DeployFrequency::ALL),
            lead_time: choice(g, LeadTime::ALL),
            change_failure_rate: (!g.one_in(4))
                .then(|| FailureRate::new(g.below(101) as u8))
                .flatten(),
            recovery_time: choice(g, RecoveryTime::ALL),
        },
    };
    if g.one_in(3) {
        a.updated = Some(format!(
            "2026-{:02}-{:02}T10:00:00Z",
            g.between(1, 12),
            g.between(1, 28)
        ));
    }
    a
}
