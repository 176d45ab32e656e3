//! The static part of each route, which the prerenderer renders into the
//! route's page (`prerender.rs`); the interactive parts are islands that
//! `assets/boot.js` mounts in the browser.

mod articles;
mod checklist;
mod home;
mod not_found;
mod simulator;

pub use articles::GuideIntro;
pub use checklist::ChecklistIntro;
pub use home::Home;
pub use not_found::NotFoundView;
pub use simulator::SimulatorIntro;
