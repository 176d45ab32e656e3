//! The verdict: stay a (modular) monolith, extract a first few services, or
//! scale out, with reasons drawn from the answers and the team context.
//!
//! The rules are checked top to bottom and the first that applies decides
//! ([`RULES`]):
//!
//! | # | rule                   | applies when                                   | verdict                  |
//! |---|------------------------|------------------------------------------------|--------------------------|
//! | 1 | `OneTeam`              | one team ships the system                      | stay a modular monolith  |
//! | 2 | `FoundationGap`        | the foundation gate is not met                 | stay a modular monolith  |
//! | 3 | `TeamCountUnknown`     | the team count is not answered                 | needs the team count     |
//! | 4 | `GrowthGap`            | the growth gate is not met                     | extract a first few      |
//! | 5 | `FewTeams`             | fewer than [`SCALE_OUT_MIN_TEAMS`] teams       | extract a first few      |
//! | 6 | `DeliveryBelowHigh`    | fewer than [`DORA_KEYS_AT_HIGH`] keys at High+ | extract a first few      |
//! | 7 | `Ready`                | otherwise                                      | ready to scale out       |
//!
//! Rule 1 comes first on purpose: a single team gains nothing from independent
//! deployment, so it is told a modular monolith serves it better whatever its
//! score. The number of services today does not change the verdict (the gates
//! and teams decide whether more services would pay); it changes the advice:
//! running many services without the gates behind them is called out, with a
//! suggestion to consolidate or to pause extraction. Unanswered DORA keys
//! count as not at High.

use serde::Serialize;

use super::context::TeamContext;
use super::dora::{DoraProfile, BANDS_NAME};
use super::levels::{join_limited, Levels};
use super::model::{Checklist, Level};

/// Scaling out needs at least this many teams: with two, one or two services
/// per team already give each team its own deployable.
pub const SCALE_OUT_MIN_TEAMS: u32 = 3;

/// Scaling out needs at least this many of the four DORA keys at High or better.
pub const DORA_KEYS_AT_HIGH: usize = 3;

/// From this many services on, a team that has not met the growth gate is
/// told to stop extracting until it has.
pub const MANY_SERVICES: u32 = 5;

/// What the team should do about splitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VerdictKind {
    StayMonolith,
    ExtractFew,
    ScaleOut,
    /// The answers so far cannot decide between the other three.
    NeedsTeamCount,
}

impl VerdictKind {
    pub fn id(self) -> &'static str {
        match self {
            VerdictKind::StayMonolith => "stay-monolith",
            VerdictKind::ExtractFew => "extract-few",
            VerdictKind::ScaleOut => "scale-out",
            VerdictKind::NeedsTeamCount => "needs-team-count",
        }
    }

    /// The verdict as a headline.
    pub fn title(self) -> &'static str {
        match self {
            VerdictKind::StayMonolith => "Stay a modular monolith",
            VerdictKind::ExtractFew => "Extract a first few services",
            VerdictKind::ScaleOut => "Ready to scale out",
            VerdictKind::NeedsTeamCount => "Tell us how many teams ship the system",
        }
    }
}

/// Which rule of the table decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VerdictRule {
    OneTeam,
    FoundationGap,
    TeamCountUnknown,
    GrowthGap,
    FewTeams,
    DeliveryBelowHigh,
    Ready,
}

/// The facts the rules look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerdictFacts {
    pub teams: Option<u32>,
    pub services: Option<u32>,
    pub foundation_met: bool,
    pub growth_met: bool,
    pub dora_keys_at_high: usize,
}

/// One row of the rule table.
pub struct Rule {
    pub rule: VerdictRule,
    pub verdict: VerdictKind,
    pub applies: fn(&VerdictFacts) -> bool,
}

/// The rule table, checked in order; the last row always applies.
pub const RULES: [Rule; 7] = [
    Rule {
        rule: VerdictRule::OneTeam,
        verdict: VerdictKind::StayMonolith,
        applies: |f| f.teams.is_some_and(|teams| teams <= 1),
    },
    Rule {
        rule: VerdictRule::FoundationGap,
        verdict: VerdictKind::StayMonolith,
        applies: |f| !f.foundation_met,
    },
    Rule {
        rule: VerdictRule::TeamCountUnknown,
        verdict: VerdictKind::NeedsTeamCount,
        applies: |f| f.teams.is_none(),
    },
    Rule {
        rule: VerdictRule::GrowthGap,
        verdict: VerdictKind::ExtractFew,
        applies: |f| !f.growth_met,
    },
    Rule {
        rule: VerdictRule::FewTeams,
        verdict: VerdictKind::ExtractFew,
        applies: |f| f.teams.is_some_and(|teams| teams < SCALE_OUT_MIN_TEAMS),
    },
    Rule {
        rule: VerdictRule::DeliveryBelowHigh,
        verdict: VerdictKind::ExtractFew,
        applies: |f| f.dora_keys_at_high < DORA_KEYS_AT_HIGH,
    },
    Rule {
        rule: VerdictRule::Ready,
        verdict: VerdictKind::ScaleOut,
        applies: |_| true,
    },
];

/// The first rule of [`RULES`] that applies.
pub fn decide(facts: &VerdictFacts) -> (VerdictRule, VerdictKind) {
    RULES
        .iter()
        .find(|row| (row.applies)(facts))
        .map_or((VerdictRule::Ready, VerdictKind::ScaleOut), |row| {
            (row.rule, row.verdict)
        })
}

/// The verdict with its reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub kind: VerdictKind,
    pub rule: VerdictRule,
    /// `kind.title()`, kept here so exports need nothing else.
    pub title: String,
    /// Plain sentences, most important first, built from the answers.
    pub reasons: Vec<String>,
}

impl Verdict {
    /// Applies the rules to the gates, the context and the DORA profile.
    pub fn derive(
        checklist: &Checklist,
        levels: &Levels,
        context: &TeamContext,
        dora: &DoraProfile,
    ) -> Verdict {
        let facts = VerdictFacts {
            teams: context.teams,
            services: context.services,
            foundation_met: levels.gate(Level::Foundation).is_met(),
            growth_met: levels.gate(Level::Growth).is_met(),
            dora_keys_at_high: dora.at_least_high(),
        };
        let (rule, kind) = decide(&facts);
        let writer = ReasonWriter {
            checklist,
            levels,
            dora,
            facts,
        };
        Verdict {
            kind,
            rule,
            title: kind.title().to_string(),
            reasons: writer.reasons(rule),
        }
    }
}

struct ReasonWriter<'a> {
    checklist: &'a Checklist,
    levels: &'a Levels,
    dora: &'a DoraProfile,
    facts: VerdictFacts,
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

impl ReasonWriter<'_> {
    fn reasons(&self, rule: VerdictRule) -> Vec<String> {
        let mut reasons = Vec::new();
        match rule {
            VerdictRule::OneTeam => {
                reasons.push(
                    "One team ships the whole system. Microservices pay off when several teams need to release without waiting for each other; a single team gets clear boundaries from a modular monolith without network calls, split data or extra deployments, whatever its score."
                        .to_string(),
                );
                if let Some(services) = self.facts.services.filter(|&s| s > 1) {
                    reasons.push(format!(
                        "You already run {services} services with one team: consider merging the ones that always change together, and keep the others only where a part must scale or fail on its own."
                    ));
                }
                if self.facts.foundation_met {
                    reasons.push(
                        "Your foundation items are all met: spend the effort on module boundaries inside the monolith, so a split stays cheap if more teams join."
                            .to_string(),
                    );
                } else {
                    reasons.push(format!(
                        "{} still open ({}); they make a monolith easier to run too.",
                        self.gate_gap(Level::Foundation),
                        self.gate_titles(Level::Foundation)
                    ));
                }
            }
            VerdictRule::FoundationGap => {
                reasons.push(format!(
                    "{} not met yet: {}. These are what you need before the first split; without them each new service multiplies the problems they cause.",
                    self.gate_gap(Level::Foundation),
                    self.gate_titles(Level::Foundation)
                ));
                self.push_unanswered(&mut reasons, Level::Foundation);
                match self.facts.teams {
                    Some(teams) => reasons.push(format!(
                        "With {teams} teams, splitting may well pay off later: fix the foundations in the monolith first, then extract."
                    )),
                    None => reasons.push(
                        "Answer how many teams ship the system: with one team, a modular monolith stays the better choice even after the foundations are fixed."
                            .to_string(),
                    ),
                }
                if let Some(services) = self.facts.services.filter(|&s| s > 1) {
                    reasons.push(format!(
                        "You already run {services} services without these foundations: fix them before adding more, and consider merging services that always change together."
                    ));
                }
            }
            VerdictRule::TeamCountUnknown => {
                reasons.push(
                    "Your foundation items are all met. Whether splitting pays off depends on how many teams ship the system: answer the team question to get a verdict."
                        .to_string(),
                );
            }
            VerdictRule::GrowthGap => {
                reasons.push(format!(
                    "Foundation met with {}: you can extract a first service or two, where a team needs to release on its own schedule or a part must scale on its own.",
                    plural(self.teams(), "team", "teams")
                ));
                reasons.push(format!(
                    "{} still open ({}): they are what running many services takes, so close them before extracting more.",
                    self.gate_gap(Level::Growth),
                    self.gate_titles(Level::Growth)
                ));
                self.push_unanswered(&mut reasons, Level::Growth);
                if let Some(services) = self.facts.services.filter(|&s| s >= MANY_SERVICES) {
                    reasons.push(format!(
                        "You already run {services} services, more than a first step needs: pause new extractions until the growth items are met."
                    ));
                }
            }
            VerdictRule::FewTeams => {
                reasons.push(format!(
                    "Foundation and growth items are met, but {} ship the system. About one or two services per team give each team its own deployable; more would add running cost without adding independence.",
                    plural(self.teams(), "team", "teams")
                ));
                reasons.push(format!(
                    "Scale out further when {SCALE_OUT_MIN_TEAMS} or more teams need to ship independently."
                ));
            }
            VerdictRule::DeliveryBelowHigh => {
                reasons.push(format!(
                    "Foundation and growth items are met and {} ship the system, but only {} of 4 delivery keys are at High or better ({BANDS_NAME}). Many services need frequent, safe, quickly repaired deploys: extract gradually until at least {DORA_KEYS_AT_HIGH} keys are there.",
                    plural(self.teams(), "team", "teams"),
                    self.facts.dora_keys_at_high
                ));
                let below: Vec<String> = self
                    .dora
                    .keys
                    .iter()
                    .filter(|key| !key.at_least_high)
                    .map(|key| match key.cluster {
                        Some(cluster) => format!("{} ({})", key.title, cluster.label()),
                        None => format!("{} (not answered)", key.title),
                    })
                    .collect();
                let below: Vec<&str> = below.iter().map(String::as_str).collect();
                reasons.push(format!("Below High: {}.", join_limited(&below, 4)));
            }
            VerdictRule::Ready => {
                reasons.push(format!(
                    "Foundation and growth items are met, {} ship the system, and {} of 4 delivery keys are at High or better ({BANDS_NAME}).",
                    plural(self.teams(), "team", "teams"),
                    self.facts.dora_keys_at_high
                ));
                reasons.push(
                    "Split further as teams need to ship independently; keep each service small enough for one person to understand, and review every new cross-service dependency."
                        .to_string(),
                );
                let advanced = self.levels.gate(Level::Advanced);
                if !advanced.is_met() {
                    reasons.push(format!(
                        "{} still open ({}): worth closing as the number of services grows.",
                        self.gate_gap(Level::Advanced),
                        self.gate_titles(Level::Advanced)
                    ));
                }
            }
        }
        reasons
    }

    fn teams(&self) -> usize {
        self.facts.teams.map_or(0, |teams| teams as usize)
    }

    /// "3 of 21 foundation items are" / "1 of 21 foundation items is".
    fn gate_gap(&self, level: Level) -> String {
        let gate = self.levels.gate(level);
        let open = gate.unmet.len();
        format!(
            "{open} of {} {} {} {}",
            gate.applicable,
            level.id(),
            if gate.applicable == 1 {
                "item"
            } else {
                "items"
            },
            if open == 1 { "is" } else { "are" }
        )
    }

    fn gate_titles(&self, level: Level) -> String {
        let titles: Vec<&str> = self
            .levels
            .gate(level)
            .unmet
            .iter()
            .filter_map(|id| self.checklist.item(id))
            .map(|item| item.title.as_str())
            .collect();
        join_limited(&titles, 4)
    }

    fn push_unanswered(&self, reasons: &mut Vec<String>, level: Level) {
        let unanswered = self.levels.gate(level).unanswered;
        if unanswered > 0 {
            reasons.push(format!(
                "{} not answered yet; answer {} to see whether the gap is real.",
                plural(
                    unanswered,
                    &format!("{} item is", level.id()),
                    &format!("{} items are", level.id())
                ),
                if unanswered == 1 { "it" } else { "them" }
            ));
        }
    }
}
