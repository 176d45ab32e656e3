//! The page's three views as tabs (the WAI-ARIA tabs pattern: arrow keys
//! move between tabs, Tab moves into the panel).
//!
//! Questions and Results stay in the document when hidden: the print
//! stylesheet prints the results whatever view is open, and answers keep
//! their place. Compare is built only while open.

use leptos::prelude::*;

use super::browser::focus_later;
use super::session::{use_session, Tab};

fn tab_id(tab: Tab) -> String {
    format!("checklist-tab-{}", tab.id())
}

pub fn panel_id(tab: Tab) -> String {
    format!("checklist-panel-{}", tab.id())
}

/// The row of tabs.
#[component]
pub fn TabList() -> impl IntoView {
    let session = use_session();
    let on_keydown = move |event: web_sys::KeyboardEvent| {
        let tabs = Tab::ALL;
        let current = session.tab.get_untracked();
        let index = tabs.iter().position(|tab| *tab == current).unwrap_or(0);
        let next = match event.key().as_str() {
            "ArrowRight" => (index + 1) % tabs.len(),
            "ArrowLeft" => (index + tabs.len() - 1) % tabs.len(),
            "Home" => 0,
            "End" => tabs.len() - 1,
            _ => return,
        };
        event.prevent_default();
        session.tab.set(tabs[next]);
        focus_tab(tabs[next]);
    };
    let badge = move |tab: Tab| {
        move || {
            session.report.with(|report| match tab {
                Tab::Questions => format!(
                    "{} of {}",
                    report.completeness.answered, report.completeness.total
                ),
                Tab::Results => report.scores.overall.label(),
                Tab::Compare => String::new(),
            })
        }
    };
    view! {
        <div class="checklist-tabs" role="tablist" aria-label="Checklist views" on:keydown=on_keydown>
            {Tab::ALL
                .into_iter()
                .map(|tab| {
                    let selected = move || session.tab.get() == tab;
                    view! {
                        <button
                            type="button"
                            role="tab"
                            class="checklist-tab"
                            id=tab_id(tab)
                            aria-controls=panel_id(tab)
                            aria-selected=move || selected().to_string()
                            tabindex=move || if selected() { "0" } else { "-1" }
                            on:click=move |_| session.tab.set(tab)
                        >
                            <span class="checklist-tab-label">{tab.label()}</span>
                            <span class="checklist-tab-badge">{badge(tab)}</span>
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// One view's panel.
#[component]
pub fn TabPanel(tab: Tab, children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let selected = move || session.tab.get() == tab;
    let content = move || {
        // Compare is only built while it is open; the others always are.
        (tab != Tab::Compare || selected()).then(|| children())
    };
    view! {
        <section
            role="tabpanel"
            class=format!("checklist-panel checklist-panel-{}", tab.id())
            id=panel_id(tab)
            aria-labelledby=tab_id(tab)
            hidden=move || !selected()
        >
            {content}
        </section>
    }
}

fn focus_tab(tab: Tab) {
    focus_later(tab_id(tab));
}
