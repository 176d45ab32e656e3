//! How chart lines are told apart: a colour (CSS classes `series-0` to
//! `series-7`, defined for both colour schemes in `assets/simulator.css`)
//! and, so that colour is never the only cue, a dash pattern. In compare
//! mode the dash pattern tells the runs apart instead (A solid, B dashed)
//! and colours stay tied to the series.

/// Distinct colours available.
pub const COLOURS: usize = 8;

/// Dash patterns for series in a single run (the first is solid).
const SERIES_DASHES: [&str; 4] = ["", "7 3", "2 3", "9 3 2 3"];

/// The dash pattern of run B in compare mode.
const VARIANT_DASH: &str = "5 4";

/// The CSS class giving series `index` its colour.
pub fn colour_class(index: usize) -> String {
    format!("series-{}", index % COLOURS)
}

/// The `stroke-dasharray` of a line: by series in a single run, by run
/// when two runs share the chart.
pub fn dash(series_index: usize, run_index: usize, runs: usize) -> &'static str {
    if runs > 1 {
        if run_index == 0 {
            ""
        } else {
            VARIANT_DASH
        }
    } else {
        SERIES_DASHES[series_index % SERIES_DASHES.len()]
    }
}
