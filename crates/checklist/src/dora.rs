//! DORA's four keys: the answer choices a team picks from, and the cluster of
//! the 2024 Accelerate State of DevOps report each answer falls in.
//!
//! The 2024 report is the last one that published clusters (2025 replaced them
//! with team archetypes), and clusters are re-derived every year, so every text
//! says which year's bands it compares against ([`BANDS_NAME`]).
//!
//! Classification rules:
//! - Deployment frequency, lead time and recovery time are chosen from bands.
//!   Each answer goes to the best cluster whose band it reaches. Answers worse
//!   than every band (deploying less than every six months, lead time over six
//!   months, recovery over a month) count as Low, with a note saying so.
//! - Recovery time: in 2024 High and Medium share the band "less than a day";
//!   such an answer is reported as High. "A day to a week" falls between the
//!   Medium band (< 1 day) and the Low band (1 week – 1 month): it does not
//!   reach Medium, so it is Low.
//! - Change failure rate is a whole percentage (0–100). The 2024 report gives
//!   each cluster one typical rate, not a range: Elite 5 %, Medium 10 %, High
//!   20 %, Low 40 % (Medium below High: the two swapped that year). A rate goes
//!   to the cluster with the nearest typical rate, an exact midpoint to the
//!   lower rate: 0–7 % Elite, 8–15 % Medium, 16–30 % High, 31 % and more Low.
//! - "At least High" on a key means performing at or better than the High
//!   cluster on that key: Elite or High, and also Medium for change failure rate
//!   (whose Medium rate, 10 %, is better than High's 20 %).

use std::fmt;

use serde::{Deserialize, Serialize};

/// The year of the clusters used.
pub const BANDS_YEAR: u16 = 2024;

/// How texts name the reference bands.
pub const BANDS_NAME: &str = "DORA 2024 bands";

/// A delivery-performance cluster of the 2024 report, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Cluster {
    Elite,
    High,
    Medium,
    Low,
}

impl Cluster {
    pub const ALL: [Cluster; 4] = [Cluster::Elite, Cluster::High, Cluster::Medium, Cluster::Low];

    pub fn label(self) -> &'static str {
        match self {
            Cluster::Elite => "Elite",
            Cluster::High => "High",
            Cluster::Medium => "Medium",
            Cluster::Low => "Low",
        }
    }
}

impl fmt::Display for Cluster {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One of the four keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DoraKey {
    DeploymentFrequency,
    LeadTime,
    ChangeFailureRate,
    RecoveryTime,
}

impl DoraKey {
    pub const ALL: [DoraKey; 4] = [
        DoraKey::DeploymentFrequency,
        DoraKey::LeadTime,
        DoraKey::ChangeFailureRate,
        DoraKey::RecoveryTime,
    ];

    pub fn title(self) -> &'static str {
        match self {
            DoraKey::DeploymentFrequency => "Deployment frequency",
            DoraKey::LeadTime => "Lead time for changes",
            DoraKey::ChangeFailureRate => "Change failure rate",
            DoraKey::RecoveryTime => "Failed deployment recovery time",
        }
    }

    /// The question the form asks.
    pub fn question(self) -> &'static str {
        match self {
            DoraKey::DeploymentFrequency => {
                "How often does your team deploy to production?"
            }
            DoraKey::LeadTime => {
                "How long does a committed change usually take to be running in production?"
            }
            DoraKey::ChangeFailureRate => {
                "What percentage of deployments cause a failure in production that needs a fix, rollback or hotfix?"
            }
            DoraKey::RecoveryTime => {
                "When a deployment causes a failure, how long does it usually take to restore service?"
            }
        }
    }

    /// The band of a cluster on this key, as the 2024 report gives it.
    pub fn band(self, cluster: Cluster) -> &'static str {
        use Cluster::*;
        match (self, cluster) {
            (DoraKey::DeploymentFrequency, Elite) => "on demand, several times a day",
            (DoraKey::DeploymentFrequency, High) => "daily to weekly",
            (DoraKey::DeploymentFrequency, Medium) => "weekly to monthly",
            (DoraKey::DeploymentFrequency, Low) => "monthly to every six months",
            (DoraKey::LeadTime, Elite) => "less than a day",
            (DoraKey::LeadTime, High) => "a day to a week",
            (DoraKey::LeadTime, Medium) => "a week to a month",
            (DoraKey::LeadTime, Low) => "one to six months",
            (DoraKey::ChangeFailureRate, Elite) => "5 %",
            (DoraKey::ChangeFailureRate, High) => "20 %",
            (DoraKey::ChangeFailureRate, Medium) => "10 %",
            (DoraKey::ChangeFailureRate, Low) => "40 %",
            (DoraKey::RecoveryTime, Elite) => "less than an hour",
            (DoraKey::RecoveryTime, High) => "less than a day",
            (DoraKey::RecoveryTime, Medium) => "less than a day",
            (DoraKey::RecoveryTime, Low) => "a week to a month",
        }
    }
}

/// Declares a band-choice enum with its ids, labels, 2024 cluster, and an
/// optional note for answers outside every band.
macro_rules! band_choice {
    (
        $(#[$meta:meta])*
        $name:ident {
            $($variant:ident = $id:literal, $label:literal, $cluster:ident, $note:expr;)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $id)] $variant,)+
        }

        impl $name {
            /// Every choice, best first (the order a form lists them).
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The identifier used in saved data.
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id,)+ }
            }

            /// The text the form shows.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            /// The 2024 cluster this answer falls in.
            pub fn cluster(self) -> Cluster {
                match self { $($name::$variant => Cluster::$cluster,)+ }
            }

            /// Why the answer was placed where it was, when that is not
            /// obvious from the band.
            pub fn note(self) -> Option<&'static str> {
                match self { $($name::$variant => $note,)+ }
            }

            /// Parses an identifier from `id()`.
            pub fn from_id(id: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|choice| choice.id() == id)
            }

            /// The position in [`Self::ALL`], used by the compact link format.
            pub(crate) fn code(self) -> u8 {
                $name::ALL.iter().position(|&choice| choice == self).unwrap_or(0) as u8
            }

            pub(crate) fn from_code(code: u8) -> Option<$name> {
                $name::ALL.get(usize::from(code)).copied()
            }
        }
    };
}

band_choice! {
    /// How often the team deploys to production.
    DeployFrequency {
        OnDemand = "on-demand", "On demand (several times a day)", Elite, None;
        DailyToWeekly = "daily-to-weekly", "Between once a day and once a week", High, None;
        WeeklyToMonthly = "weekly-to-monthly", "Between once a week and once a month", Medium, None;
        MonthlyToSixMonths = "monthly-to-six-months", "Between once a month and once every six months", Low, None;
        LessOften = "less-often", "Less often than once every six months", Low,
            Some("Deploying less often than every six months is below the Low band; counted as Low.");
    }
}

band_choice! {
    /// How long a committed change takes to reach production.
    LeadTime {
        UnderDay = "under-day", "Less than a day", Elite, None;
        DayToWeek = "day-to-week", "Between a day and a week", High, None;
        WeekToMonth = "week-to-month", "Between a week and a month", Medium, None;
        MonthToSixMonths = "month-to-six-months", "Between one and six months", Low, None;
        OverSixMonths = "over-six-months", "More than six months", Low,
            Some("A lead time over six months is beyond the Low band; counted as Low.");
    }
}

band_choice! {
    /// How long restoring service takes after a failed deployment.
    RecoveryTime {
        UnderHour = "under-hour", "Less than an hour", Elite, None;
        UnderDay = "under-day", "Between an hour and a day", High,
            Some("In 2024 High and Medium share the band \"less than a day\"; reported as High.");
        DayToWeek = "day-to-week", "Between a day and a week", Low,
            Some("This falls between the Medium band (less than a day) and the Low band (a week to a month); it does not reach Medium, so it counts as Low.");
        WeekToMonth = "week-to-month", "Between a week and a month", Low, None;
        OverMonth = "over-month", "More than a month", Low,
            Some("Recovery slower than a month is beyond the Low band; counted as Low.");
    }
}

/// A change failure rate in whole percent, 0 to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct FailureRate(u8);

impl FailureRate {
    /// `None` above 100 %.
    pub fn new(percent: u8) -> Option<FailureRate> {
        (percent <= 100).then_some(FailureRate(percent))
    }

    pub fn percent(self) -> u8 {
        self.0
    }

    /// Parses a rate typed into a form: blank means unanswered; otherwise a
    /// whole number from 0 to 100, optionally followed by `%`.
    pub fn parse(text: &str) -> Result<Option<FailureRate>, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let digits = text.strip_suffix('%').unwrap_or(text).trim_end();
        digits
            .parse::<u8>()
            .ok()
            .and_then(FailureRate::new)
            .map(Some)
            .ok_or_else(|| format!("{text:?} is not a whole percentage from 0 to 100"))
    }

    /// The cluster with the nearest typical 2024 rate (see the module docs).
    pub fn cluster(self) -> Cluster {
        match self.0 {
            0..=7 => Cluster::Elite,
            8..=15 => Cluster::Medium,
            16..=30 => Cluster::High,
            _ => Cluster::Low,
        }
    }

    pub fn label(self) -> String {
        format!("{} %", self.0)
    }

    /// Explains the placement, since nearest-typical-rate is not obvious.
    pub fn note(self) -> &'static str {
        match self.cluster() {
            Cluster::Elite => "Nearest to the Elite cluster's typical 5 %.",
            Cluster::Medium => {
                "Nearest to the Medium cluster's typical 10 %; in 2024 Medium teams had fewer failed changes than High teams (20 %)."
            }
            Cluster::High => {
                "Nearest to the High cluster's typical 20 %; in 2024 High teams deployed more often than Medium teams but failed more often (Medium: 10 %)."
            }
            Cluster::Low => "Nearest to the Low cluster's typical 40 %.",
        }
    }
}

impl TryFrom<u8> for FailureRate {
    type Error = String;

    fn try_from(percent: u8) -> Result<Self, Self::Error> {
        FailureRate::new(percent)
            .ok_or_else(|| format!("change failure rate {percent} % is above 100 %"))
    }
}

impl From<FailureRate> for u8 {
    fn from(rate: FailureRate) -> u8 {
        rate.0
    }
}

/// The team's answers to the four keys; each may be left blank.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DoraAnswers {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment_frequency: Option<DeployFrequency>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_time: Option<LeadTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_failure_rate: Option<FailureRate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery_time: Option<RecoveryTime>,
}

/// How one key was answered and classified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyResult {
    pub key: DoraKey,
    pub title: &'static str,
    /// The answer as the form showed it; `None` when left blank.
    pub answer: Option<String>,
    pub cluster: Option<Cluster>,
    /// The band of that cluster on this key, for "your answer: X (High: daily to weekly)".
    pub band: Option<&'static str>,
    /// At or better than the High cluster on this key (see the module docs).
    pub at_least_high: bool,
    /// Why the answer was placed in its cluster, when that needs saying.
    pub note: Option<&'static str>,
}

/// The classification of all four keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DoraProfile {
    /// The year of the bands ([`BANDS_YEAR`]).
    pub year: u16,
    /// One entry per key, in [`DoraKey::ALL`] order.
    pub keys: Vec<KeyResult>,
}

impl DoraProfile {
    /// Classifies the team's answers.
    pub fn classify(answers: &DoraAnswers) -> DoraProfile {
        let keys = DoraKey::ALL
            .into_iter()
            .map(|key| {
                let (answer, cluster, note) = match key {
                    DoraKey::DeploymentFrequency => answers
                        .deployment_frequency
                        .map(|a| (a.label().to_string(), a.cluster(), a.note())),
                    DoraKey::LeadTime => answers
                        .lead_time
                        .map(|a| (a.label().to_string(), a.cluster(), a.note())),
                    DoraKey::ChangeFailureRate => answers
                        .change_failure_rate
                        .map(|a| (a.label(), a.cluster(), Some(a.note()))),
                    DoraKey::RecoveryTime => answers
                        .recovery_time
                        .map(|a| (a.label().to_string(), a.cluster(), a.note())),
                }
                .map_or((None, None, None), |(answer, cluster, note)| {
                    (Some(answer), Some(cluster), note)
                });
                KeyResult {
                    key,
                    title: key.title(),
                    answer,
                    cluster,
                    band: cluster.map(|cluster| key.band(cluster)),
                    at_least_high: cluster.is_some_and(|cluster| at_least_high(key, cluster)),
                    note,
                }
            })
            .collect();
        DoraProfile {
            year: BANDS_YEAR,
            keys,
        }
    }

    /// How many keys were answered.
    pub fn answered(&self) -> usize {
        self.keys.iter().filter(|key| key.cluster.is_some()).count()
    }

    /// How many keys are at or better than the High cluster.
    pub fn at_least_high(&self) -> usize {
        self.keys.iter().filter(|key| key.at_least_high).count()
    }

    /// The result for one key.
    pub fn key(&self, key: DoraKey) -> Option<&KeyResult> {
        self.keys.iter().find(|result| result.key == key)
    }

    /// A one-line summary, e.g. "3 of 4 keys at High or better (DORA 2024 bands)".
    pub fn summary(&self) -> String {
        if self.answered() == 0 {
            return format!("Delivery performance not answered ({BANDS_NAME}).");
        }
        format!(
            "{} of 4 keys at High or better, {} answered ({BANDS_NAME}).",
            self.at_least_high(),
            self.answered()
        )
    }
}

fn at_least_high(key: DoraKey, cluster: Cluster) -> bool {
    match cluster {
        Cluster::Elite | Cluster::High => true,
        Cluster::Medium => key == DoraKey::ChangeFailureRate,
        Cluster::Low => false,
    }
}
