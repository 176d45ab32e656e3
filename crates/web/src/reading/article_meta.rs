//! The small print about an article: its topic, how long it takes to read and
//! when it last changed. Shared by the index cards and the article header.

use leptos::prelude::*;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `2026-11-21` as `21 November 2026`. Anything that is not a plain
/// `YYYY-MM-DD` date is shown as it is rather than guessed at (the content
/// build validates dates, so this is only a safety net).
pub fn long_date(iso: &str) -> String {
    let mut parts = iso.splitn(3, '-');
    let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_string();
    };
    let month_name = month
        .parse::<usize>()
        .ok()
        .and_then(|month| month.checked_sub(1))
        .and_then(|index| MONTHS.get(index));
    let day = day.parse::<u8>().ok().filter(|day| (1..=31).contains(day));
    match (month_name, day, year.len() == 4) {
        (Some(month), Some(day), true) => format!("{day} {month} {year}"),
        _ => iso.to_string(),
    }
}

/// `7 min read`.
pub fn reading_time(minutes: u32) -> String {
    format!("{} min read", minutes.max(1))
}

/// A date as a `<time>` element, machine-readable and in words.
#[component]
pub fn DateText(
    /// `YYYY-MM-DD`.
    #[prop(into)]
    iso: String,
) -> impl IntoView {
    let words = long_date(&iso);
    view! { <time datetime=iso>{words}</time> }
}
