//! The simulator page's state: the scenario being edited (and, in compare
//! mode, its variant), what is selected, what is wrong with it, and the
//! runner that plays it.
//!
//! Data flows one way: drafts (signals) → validation → the runnable pair of
//! scenarios → the [`Runner`] → buckets and summaries → views. The run
//! never starts from an invalid draft: while a draft has problems, the
//! runner keeps its last valid scenarios and the controls refuse to play.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::runner::{Runner, Speed};
use faultline_engine::sweep::SweepLink;
use faultline_engine::{validate, FieldError, Scenario};

/// Variant A (the scenario) or B (the variant it is compared with).
pub type Side = usize;
pub const A: Side = 0;
pub const B: Side = 1;

/// What the editor shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Duration, load, the entry service and the client's behaviour.
    Run,
    Service(usize),
    /// A service's call, by service and call index.
    Call(usize, usize),
    Faults,
}

/// Where the current scenario came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    /// The preset it was loaded from, if any.
    pub preset: Option<String>,
    /// The scenario as loaded (to tell whether it was edited since).
    pub loaded: Scenario,
}

#[derive(Clone, Copy)]
pub struct Workbench {
    pub drafts: [RwSignal<Option<Scenario>>; 2],
    pub compare: RwSignal<bool>,
    /// Which draft the editor edits.
    pub editing: RwSignal<Side>,
    pub selection: RwSignal<Selection>,
    /// Field text that is not a number (the draft keeps its last good
    /// value), by side and field path; a field removes its entry when it
    /// goes away.
    pub parse_errors: RwSignal<BTreeMap<(Side, String), String>>,
    pub problems: [Memo<Vec<FieldError>>; 2],
    pub origin: RwSignal<Option<Origin>>,
    /// A message about the link or preset that could not be opened.
    pub link_notice: RwSignal<Option<String>>,
    pub runner: Runner,
    /// The sweep the address holds (`#sweep=CODE`): the last one started.
    pub sweep_code: RwSignal<Option<String>>,
    /// A sweep a link asks to reopen, once the scenario is open.
    pub sweep_request: RwSignal<Option<SweepLink>>,
}

impl Workbench {
    pub fn new() -> Workbench {
        let drafts = [RwSignal::new(None), RwSignal::new(None)];
        let parse_errors = RwSignal::new(BTreeMap::new());
        let compare = RwSignal::new(false);
        let problems = [A, B].map(|side| {
            Memo::new(move |_| {
                let mut errors: Vec<FieldError> =
                    parse_errors.with(|p: &BTreeMap<(Side, String), String>| {
                        p.iter()
                            .filter(|((s, _), _)| *s == side)
                            .map(|((_, path), message)| FieldError {
                                path: path.clone(),
                                message: message.clone(),
                            })
                            .collect()
                    });
                let scenario = if side == A {
                    drafts[A].get()
                } else {
                    effective_variant(drafts[A].get().as_ref(), drafts[B].get().as_ref())
                };
                if let Some(scenario) = scenario {
                    if let Err(error) = validate(&scenario) {
                        errors.extend(error.errors);
                    }
                }
                errors
            })
        });
        let wb = Workbench {
            drafts,
            compare,
            editing: RwSignal::new(A),
            selection: RwSignal::new(Selection::Run),
            parse_errors,
            problems,
            origin: RwSignal::new(None),
            link_notice: RwSignal::new(None),
            runner: Runner::new(Speed::Times(10.0)),
            sweep_code: RwSignal::new(None),
            sweep_request: RwSignal::new(None),
        };
        wb.feed_runner();
        wb
    }

    /// The scenarios to run, when every draft in use is valid.
    fn runnable(&self) -> Memo<Option<(Scenario, Option<Scenario>)>> {
        let wb = *self;
        Memo::new(move |_| {
            let a = wb.drafts[A].get()?;
            if !wb.problems[A].with(Vec::is_empty) {
                return None;
            }
            if !wb.compare.get() {
                return Some((a, None));
            }
            let b = effective_variant(Some(&a), wb.drafts[B].get().as_ref())?;
            wb.problems[B].with(Vec::is_empty).then_some((a, Some(b)))
        })
    }

    /// Loads every new valid pair of scenarios into the runner (from time 0).
    fn feed_runner(&self) {
        let runnable = self.runnable();
        let runner = self.runner;
        Effect::new(move |_| {
            if let Some((a, b)) = runnable.get() {
                // The page may have loaded (and run) these already.
                if runner.holds(&a, b.as_ref()) {
                    return;
                }
                // Validated just above, so loading cannot fail; if it ever
                // did, the runner would simply keep its previous run.
                let _ = runner.load(a, b);
            }
        });
    }

    /// True when the drafts in use have no problems (the run may start).
    pub fn is_valid(&self) -> bool {
        self.problems[A].with(Vec::is_empty)
            && (!self.compare.get() || self.problems[B].with(Vec::is_empty))
            && self.drafts[A].with(Option::is_some)
    }

    /// Changes the draft the editor edits.
    pub fn edit(&self, change: impl FnOnce(&mut Scenario)) {
        let side = self.editing.get_untracked();
        self.edit_side(side, change);
    }

    pub fn edit_side(&self, side: Side, change: impl FnOnce(&mut Scenario)) {
        self.drafts[side].update(|draft| {
            if let Some(scenario) = draft.as_mut() {
                change(scenario);
            }
        });
    }

    /// Reads the draft the editor edits.
    pub fn read<T>(&self, read: impl FnOnce(&Scenario) -> T) -> Option<T> {
        let side = self.editing.get();
        self.drafts[side].with(|draft| draft.as_ref().map(read))
    }

    /// The names of a draft's services, in order.
    pub fn service_names(&self, side: Side) -> Memo<Vec<String>> {
        let draft = self.drafts[side];
        Memo::new(move |_| {
            draft.with(|d| {
                d.as_ref()
                    .map(|s| s.services.iter().map(|x| x.name.clone()).collect())
                    .unwrap_or_default()
            })
        })
    }

    /// The services service `i` may call: every other one.
    pub fn call_targets(&self, side: Side, i: usize) -> Memo<Vec<String>> {
        let names = self.service_names(side);
        Memo::new(move |_| {
            names.with(|all| {
                all.iter()
                    .enumerate()
                    .filter(|(k, _)| *k != i)
                    .map(|(_, n)| n.clone())
                    .collect()
            })
        })
    }

    /// Opens a scenario as A (leaving compare mode's B as it is).
    pub fn open(&self, scenario: Scenario, preset: Option<String>) {
        self.parse_errors.update(BTreeMap::clear);
        self.origin.set(Some(Origin {
            preset,
            loaded: scenario.clone(),
        }));
        self.drafts[A].set(Some(scenario));
        self.editing.set(A);
        self.selection.set(Selection::Run);
    }

    /// True when A differs from what was loaded.
    pub fn is_modified(&self) -> bool {
        let loaded = self.origin.with(|o| o.as_ref().map(|o| o.loaded.clone()));
        self.drafts[A].with(|draft| draft.as_ref() != loaded.as_ref())
    }
}

impl Default for Workbench {
    fn default() -> Self {
        Workbench::new()
    }
}

/// Variant B as it runs: its own services and policies, but A's seed, load,
/// duration, warm-up and buckets, so the two runs see identical arrivals.
pub fn effective_variant(a: Option<&Scenario>, b: Option<&Scenario>) -> Option<Scenario> {
    let (a, b) = (a?, b?);
    let mut out = b.clone();
    out.seed = a.seed;
    out.load = a.load.clone();
    out.duration_s = a.duration_s;
    out.warmup_s = a.warmup_s;
    out.metrics = a.metrics.clone();
    Some(out)
}
