//! The simulator's charts: a generic SVG line chart with its data table,
//! the colours and dashes that tell lines apart, and the grid of charts
//! (one per metric) for a chosen scope.

mod chart_grid;
mod data_table;
mod line_chart;
pub mod palette;

pub use chart_grid::{run_label, ChartGrid};
pub use line_chart::{ChartRun, LineChart};
