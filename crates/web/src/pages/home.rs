//! `/`: what Faultline is for, for whom, and the three ways in.

use crate::base::href;
use leptos::prelude::*;

/// One way into the site: a card linking to a section.
struct WayIn {
    route: &'static str,
    action: &'static str,
    line: &'static str,
}

const WAYS_IN: [WayIn; 3] = [
    WayIn {
        route: "/articles",
        action: "Read the guide",
        line: "When splitting a system pays off, what running services costs, and how calls between them fail.",
    },
    WayIn {
        route: "/checklist",
        action: "Score your team",
        line: "Rate your delivery, platform and operations area by area, and get a verdict with a plan.",
    },
    WayIn {
        route: "/simulator",
        action: "Break a system",
        line: "Slow one service down in a simulation and watch timeouts, retries and queues spread the damage.",
    },
];

/// The home page.
#[component]
pub fn Home() -> impl IntoView {
    view! {
        <section class="hero" aria-labelledby="home-title">
            <p class="eyebrow">"Microservices readiness"</p>
            <h1 id="home-title">"Split your system only when it pays."</h1>
            <p class="lead">
                "Faultline helps you decide whether to break a system into microservices, "
                "how to do it if you should, and what it will cost to run. Read the trade-offs, "
                "score your team, then watch the failure modes happen in a simulator."
            </p>
        </section>
        <section aria-labelledby="ways-in">
            <h2 id="ways-in" class="visually-hidden">"Three ways in"</h2>
            <ul class="cards">
                {WAYS_IN
                    .iter()
                    .map(|way| {
                        view! {
                            <li>
                                <a class="card" href=href(way.route)>
                                    <span class="card-title">{way.action}<span aria-hidden="true">" →"</span></span>
                                    <span class="card-line">{way.line}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
        <section class="audience" aria-labelledby="who-for">
            <h2 id="who-for">"Who it is for"</h2>
            <ul class="audience-list">
                <li>
                    <strong>"Engineers and tech leads"</strong>
                    " weighing a split, who want the costs on the table before the first service ships."
                </li>
                <li>
                    <strong>"Teams"</strong>
                    " who want an honest reading of their operational maturity, and a list of what to fix first."
                </li>
                <li>
                    <strong>"Learners"</strong>
                    " who want to see cascades, retry storms and overloaded queues without running a large system."
                </li>
            </ul>
            <p>
                "The three parts feed each other: articles point to the checklist items they explain and to "
                "simulations that show the failure; checklist items point back to the reading."
            </p>
        </section>
    }
}
