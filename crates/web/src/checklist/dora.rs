//! The DORA profile: each of the four keys placed in a cluster of the 2024
//! bands, as the core classified it.

use leptos::prelude::*;

use super::session::use_session;
use faultline_checklist::dora::BANDS_NAME;

/// The DORA profile section.
#[component]
pub fn DoraProfileView() -> impl IntoView {
    let session = use_session();
    let profile = Memo::new(move |_| session.report.with(|report| report.dora.clone()));
    let rows = move || {
        profile.with(|profile| {
            profile
                .keys
                .iter()
                .map(|key| {
                    let answer = key
                        .answer
                        .clone()
                        .unwrap_or_else(|| "Not answered".to_string());
                    let cluster = match key.cluster {
                        Some(cluster) if key.at_least_high => format!("{cluster} (High or better)"),
                        Some(cluster) => cluster.to_string(),
                        None => "–".to_string(),
                    };
                    let band = key.band.unwrap_or("–");
                    view! {
                        <tr>
                            <th scope="row">{key.title}</th>
                            <td>{answer}</td>
                            <td>{cluster}</td>
                            <td>{band}</td>
                        </tr>
                        {key.note.map(|note| view! {
                            <tr class="dora-note">
                                <td colspan="4">{note}</td>
                            </tr>
                        })}
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="report-section" aria-labelledby="dora-heading">
            <h3 id="dora-heading">"DORA profile (" {BANDS_NAME} ")"</h3>
            <p class="section-lead">{move || profile.with(|profile| profile.summary())}</p>
            <div class="table-scroll" role="region" aria-labelledby="dora-caption" tabindex="0">
                <table class="dora-table">
                    <caption id="dora-caption">
                        "The four keys, each placed in a cluster of the " {BANDS_NAME}
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">"Key"</th>
                            <th scope="col">"Your answer"</th>
                            <th scope="col">"2024 cluster"</th>
                            <th scope="col">"That cluster’s band"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
