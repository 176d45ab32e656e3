//! Radar axis labels: word wrapping and placement of the label block so it
//! grows away from the chart and never covers the spokes.

mod checklist_support;

use checklist_support::{all, real_checklist};
use faultline::checklist::chart::{axis_label, radar, wrap_words};
use faultline::checklist::{Answer, Report};

#[test]
fn words_wrap_at_the_limit_and_long_words_stand_alone() {
    assert_eq!(
        wrap_words("Health, discovery and load balancing", 16),
        ["Health,", "discovery and", "load balancing"]
    );
    assert_eq!(wrap_words("Delivery", 16), vec!["Delivery".to_string()]);
    assert_eq!(
        wrap_words("API contracts and versioning", 16),
        vec!["API contracts".to_string(), "and versioning".to_string()]
    );
    assert_eq!(
        wrap_words("Supercalifragilistic area", 10),
        vec!["Supercalifragilistic".to_string(), "area".to_string()]
    );
    assert_eq!(
        wrap_words("  spaced   out  ", 20),
        vec!["spaced out".to_string()]
    );
    assert!(wrap_words("", 10).is_empty());
}

#[test]
fn every_wrapped_line_fits_unless_it_is_one_long_word() {
    for text in [
        "Teams and ownership",
        "Platform and orchestration",
        "Health, discovery and load balancing",
        "Configuration and secrets",
        "Data ownership and consistency",
    ] {
        for max in [8, 12, 16, 24] {
            let lines = wrap_words(text, max);
            assert_eq!(lines.join(" "), text, "no word is lost or reordered");
            for line in &lines {
                assert!(
                    line.chars().count() <= max || !line.contains(' '),
                    "{line:?} is longer than {max}"
                );
            }
        }
    }
}

/// The page's radar layout (src/web/checklist/radar.rs).
const CENTRE: f64 = 200.0;
const RADIUS: f64 = 118.0;
const GAP: f64 = 12.0;
const LINE: f64 = 15.0;
const WRAP: usize = 16;
/// The page's label font size, and a generous width per character at it.
const FONT: f64 = 12.5;
const CHAR_WIDTH: f64 = 0.6 * FONT;

/// A label block's box: (left, top, right, bottom).
fn label_box(axis: &faultline::checklist::chart::RadarAxis) -> (f64, f64, f64, f64) {
    let lines = axis_label(axis, CENTRE, WRAP, LINE);
    let width = lines
        .iter()
        .map(|line| line.full_text().chars().count() as f64 * CHAR_WIDTH)
        .fold(0.0, f64::max);
    let x = lines[0].x;
    let (left, right) = match axis.label_anchor {
        "start" => (x, x + width),
        "end" => (x - width, x),
        _ => (x - width / 2.0, x + width / 2.0),
    };
    let top = lines[0].y - 0.8 * LINE;
    let bottom = lines[lines.len() - 1].y + 0.25 * LINE;
    (left, top, right, bottom)
}

#[test]
fn labels_list_the_title_then_the_score_on_even_lines() {
    let checklist = real_checklist();
    let report = Report::build(&checklist, &all(&checklist, Answer::Partly));
    let chart = radar(&report.scores, CENTRE, RADIUS, GAP);
    for axis in &chart.axes {
        let lines = axis_label(axis, CENTRE, WRAP, LINE);
        let last = &lines[lines.len() - 1];
        assert_eq!(last.value.as_deref(), Some("50 %"), "the score comes last");
        assert!(lines[..lines.len() - 1].iter().all(|l| l.value.is_none()));
        let read: Vec<String> = lines.iter().map(|l| l.full_text()).collect();
        assert_eq!(read.join(" "), format!("{} 50 %", axis.title));
        for line in &lines {
            assert!(line.full_text().chars().count() <= WRAP + 6 || !line.text.contains(' '));
        }
        for pair in lines.windows(2) {
            assert!(
                (pair[1].y - pair[0].y - LINE).abs() < 0.11,
                "even line spacing"
            );
            assert_eq!(pair[0].x, pair[1].x);
        }
    }
}

#[test]
fn the_top_label_grows_up_the_bottom_one_down_and_side_ones_are_centred() {
    let checklist = real_checklist();
    let report = Report::build(&checklist, &all(&checklist, Answer::Yes));
    let chart = radar(&report.scores, CENTRE, RADIUS, GAP);
    let top = &chart.axes[0];
    let (_, _, _, bottom_edge) = label_box(top);
    assert!(
        bottom_edge <= top.label_at.1 + 0.25 * LINE + 0.01,
        "{top:?}"
    );
    for axis in &chart.axes {
        let (dx, dy) = (axis.label_at.0 - CENTRE, axis.label_at.1 - CENTRE);
        let (_, upper, _, lower) = label_box(axis);
        if dy.abs() <= dx.abs() * 0.5 {
            let middle = (upper + lower) / 2.0;
            assert!((middle - axis.label_at.1).abs() <= LINE, "{}", axis.title);
        } else if dy > 0.0 {
            assert!(upper >= axis.label_at.1 - 0.01, "{}", axis.title);
        } else {
            assert!(
                lower <= axis.label_at.1 + 0.25 * LINE + 0.01,
                "{}",
                axis.title
            );
        }
    }
}

/// The boxes of a label's lines: (left, top, right, bottom) each.
fn line_boxes(axis: &faultline::checklist::chart::RadarAxis) -> Vec<(f64, f64, f64, f64)> {
    axis_label(axis, CENTRE, WRAP, LINE)
        .iter()
        .map(|line| {
            let width = line.full_text().chars().count() as f64 * CHAR_WIDTH;
            let (left, right) = match axis.label_anchor {
                "start" => (line.x, line.x + width),
                "end" => (line.x - width, line.x),
                _ => (line.x - width / 2.0, line.x + width / 2.0),
            };
            // Glyphs reach about 0.75 em above the baseline and 0.25 em below.
            (left, line.y - 0.75 * FONT, right, line.y + 0.25 * FONT)
        })
        .collect()
}

#[test]
fn no_two_labels_overlap_and_none_covers_the_chart() {
    let checklist = real_checklist();
    for answer in [Answer::No, Answer::Partly, Answer::Yes] {
        labels_stay_apart(&Report::build(&checklist, &all(&checklist, answer)));
    }
}

fn labels_stay_apart(report: &Report) {
    let chart = radar(&report.scores, CENTRE, RADIUS, GAP);
    let labels: Vec<Vec<(f64, f64, f64, f64)>> = chart.axes.iter().map(line_boxes).collect();
    for (i, lines) in labels.iter().enumerate() {
        for (j, others) in labels.iter().enumerate().skip(i + 1) {
            for a in lines {
                for b in others {
                    let apart = a.2 <= b.0 || b.2 <= a.0 || a.3 <= b.1 || b.3 <= a.1;
                    assert!(
                        apart,
                        "{:?} {a:?} overlaps {:?} {b:?}",
                        chart.axes[i].title, chart.axes[j].title
                    );
                }
            }
        }
        // The point of each line nearest the centre stays outside the chart.
        for a in lines {
            let nearest_x = CENTRE.clamp(a.0, a.2);
            let nearest_y = CENTRE.clamp(a.1, a.3);
            let distance = ((nearest_x - CENTRE).powi(2) + (nearest_y - CENTRE).powi(2)).sqrt();
            assert!(
                distance > RADIUS,
                "{:?} covers the chart",
                chart.axes[i].title
            );
        }
    }
}

#[test]
fn bars_carry_a_short_value_label_for_the_end_of_the_bar() {
    use checklist_support::{assessment, small_checklist};
    use faultline::checklist::chart::bars;
    use faultline::checklist::scoring::Scores;
    let checklist = small_checklist();
    let a = assessment(&[
        ("alpha.f-heavy", Answer::Yes),
        ("alpha.f-light", Answer::Partly),
        ("beta.f-mid", Answer::NotApplicable),
        ("beta.g-two", Answer::NotApplicable),
        ("beta.a-one", Answer::NotApplicable),
    ]);
    let bars = bars(&Scores::compute(&checklist, &a.answers));
    let values: Vec<(&str, &str)> = bars
        .iter()
        .map(|bar| (bar.area_id.as_str(), bar.value_label.as_str()))
        .collect();
    assert_eq!(values, [("alpha", "58 %"), ("beta", "n/a")]);
    assert!(bars[0].label.starts_with("58 % ("), "{}", bars[0].label);
}

#[test]
fn a_score_that_does_not_fit_after_the_title_gets_its_own_line() {
    let checklist = real_checklist();
    let report = Report::build(&checklist, &all(&checklist, Answer::Yes));
    let chart = radar(&report.scores, CENTRE, RADIUS, GAP);
    let mut axis = chart.axes[0].clone();
    axis.title = "Extraordinarily".to_string();
    let lines = axis_label(&axis, CENTRE, 10, LINE);
    let read: Vec<String> = lines.iter().map(|l| l.full_text()).collect();
    assert_eq!(read, ["Extraordinarily", "100 %"]);
    assert_eq!(lines[1].text, "");
    axis.title = "Data".to_string();
    let lines = axis_label(&axis, CENTRE, 10, LINE);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].full_text(), "Data 100 %");
}
