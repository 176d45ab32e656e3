//! The readiness checklist: its model, and everything computed from a team's
//! answers — scores, level, DORA profile, verdict, plan — plus the formats an
//! assessment travels in (local storage, share link, Markdown and JSON).
//!
//! Plain Rust with no web dependency: the web page calls these pure functions
//! and renders what they return. Nothing here reads a clock or panics on
//! user data; bad input comes back as an error that says what is wrong.
//!
//! # Rules
//!
//! **Answers.** Yes, partly, no, or not applicable (with an optional reason),
//! plus an optional note per item. An item may also be unanswered.
//!
//! **Scores** ([`scoring`]). Weighted per area and overall: yes earns the
//! item's weight (1–3), partly half of it, no nothing. Not-applicable items are
//! left out of both earned and possible points. Unanswered items earn nothing
//! but stay in the possible points, and the report says how many there are.
//!
//! **Levels** ([`levels`]). Foundation (before the first split), growth (as
//! services multiply), advanced. A level's gate is met when every applicable
//! item at that level is "yes": partly and unanswered do not meet a gate,
//! not-applicable items are left out. A team holds a level only when its gate
//! and every gate below are met (strict gating).
//!
//! **DORA** ([`dora`]). The four keys, each placed in a cluster of the 2024
//! State of DevOps report (the last one with clusters); texts say "DORA 2024
//! bands". Band-edge rules are in the module's documentation.
//!
//! **Verdict** ([`verdict`]). A rule table, first match wins: one team → stay a
//! modular monolith; foundation gate open → stay a monolith and fix the
//! foundations; team count unknown → ask for it; growth gate open → extract a
//! first few services; fewer than three teams → a few services; fewer than
//! three DORA keys at High or better → a few services; otherwise ready to scale
//! out. Reasons are sentences built from the answers.
//!
//! **Plan** ([`plan`]). Unmet applicable items ordered by gate (foundation
//! first), then weight (highest first), then no before partly before
//! unanswered, then checklist order.
//!
//! **Share link** ([`share_link`]). URL-safe base64 of a versioned binary
//! record: a checklist fingerprint, 3 bits per answer, the team context,
//! optional name, notes and reasons, and a CRC-32 so truncated or edited links
//! are reported instead of misread.
//!
//! **Storage** ([`storage`]). Versioned JSON holding several named
//! assessments and the checklist edition their answers refer to; versions 1
//! (one unnamed assessment) and 2 (no edition: edition 1) migrate on read;
//! unreadable data is reported, never silently replaced.
//!
//! **Editions** ([`revision`]). Item ids never change. When the checklist is
//! revised, it records the previous edition's item list, the items it
//! retired (each merged into a current item) and the items split off an
//! older one. Saved data, share links and imports made with an earlier
//! edition still open: a merged item's answer combines its parts' (yes only
//! if all were yes, no only if all were no, partly otherwise), a split-off
//! part takes the old item's answer, new items start unanswered, and
//! [`revision::Changes`] lists what was added, merged and split.
//!
//! # What the web page calls
//!
//! - Load: [`Checklist::from_json_str`] on the site data
//!   (`Checklist::from_toml_str` natively, in the content build).
//! - Keep: [`Store::parse`], [`Store::to_json`] and the `Store` edit methods.
//! - Results: [`Report::build`] (scores, levels, DORA, verdict, plan),
//!   [`chart::radar`], [`chart::bars`].
//! - Keep across editions: [`Store::upgrade`] after [`Store::parse`].
//! - Share: [`share_link::encode`], [`share_link::decode_with_changes`].
//! - Export and import: [`export::to_markdown`], [`export::to_json`],
//!   [`export::import_json`].
//! - Compare: [`compare::compare`].
//! - Progress: [`progress::next_unanswered`], [`progress::context_answered`].

mod answers;
mod assessment;
mod bytes;
pub mod chart;
pub mod compare;
mod context;
pub mod dora;
pub mod export;
mod json_value;
pub mod levels;
mod model;
pub mod plan;
pub mod progress;
mod report;
pub mod revision;
pub mod scoring;
pub mod share_link;
pub mod storage;
pub mod verdict;

pub use answers::{Answer, Answers, ItemResponse, ItemStatus};
pub use assessment::{check_name, Assessment, MAX_NAME_CHARS};
pub use context::{TeamContext, MAX_COUNT};
pub use model::{
    Area, ArticleRef, Checklist, ChecklistError, History, Item, ItemLink, Level, LinkKind,
    PastEdition, RetiredItem, MAX_ITEMS,
};
pub use report::{Completeness, Report};
pub use storage::Store;
