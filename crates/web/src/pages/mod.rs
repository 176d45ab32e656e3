//! One module per route.

mod article;
mod articles;
mod checklist;
mod home;
mod not_found;
mod simulator;

pub use article::Article;
pub use articles::Articles;
pub use checklist::Checklist;
pub use home::Home;
pub use not_found::NotFound;
pub use simulator::Simulator;

// What only the prerenderer uses (the browser renders these through the pages).
#[cfg(feature = "ssr")]
pub use {
    articles::GuideIntro, checklist::ChecklistIntro, not_found::NotFoundView,
    simulator::SimulatorIntro,
};
