//! Reusable view pieces shared by pages.

mod logo;
mod notice;
mod page_intro;

pub use logo::Logo;
pub use notice::{Notice, Tone};
pub use page_intro::PageIntro;
