//! Reusable view pieces shared by pages.

mod inline_style;
mod logo;
mod notice;
mod page_intro;

pub use inline_style::runtime_style;
pub use logo::Logo;
pub use notice::{Notice, Tone};
pub use page_intro::PageIntro;
