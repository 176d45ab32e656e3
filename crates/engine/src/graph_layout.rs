//! Where the topology diagram puts each service: left to right along the
//! calls, the client first, each service one column right of its deepest
//! caller, and within a column in the order that keeps lines short.
//!
//! The call graph is acyclic (validation refuses cycles), so "deepest
//! caller" is well defined; the code still bounds every walk, so a cyclic
//! shape gives a layout rather than a hang.

use super::series::RunShape;

/// Sizes of the drawing, in SVG units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    pub node_w: f64,
    pub node_h: f64,
    pub client_w: f64,
    pub gap_x: f64,
    pub gap_y: f64,
    pub pad: f64,
}

impl Default for Metrics {
    fn default() -> Metrics {
        Metrics {
            node_w: 168.0,
            node_h: 104.0,
            client_w: 96.0,
            gap_x: 136.0,
            gap_y: 30.0,
            pad: 12.0,
        }
    }
}

/// A box's top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn right_mid(&self) -> (f64, f64) {
        (self.x + self.w, self.y + self.h / 2.0)
    }
    pub fn left_mid(&self) -> (f64, f64) {
        (self.x, self.y + self.h / 2.0)
    }
}

/// One edge's curve, the point halfway along it, and where it ends (the
/// callee's side: labels sit just before it, clear of the other lines
/// leaving the same caller).
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeGeometry {
    pub path: String,
    pub mid: (f64, f64),
    pub end: (f64, f64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub client: Rect,
    /// One per service, in scenario order.
    pub services: Vec<Rect>,
    /// One per edge, in the engine's edge order (edge 0 is the client's).
    pub edges: Vec<EdgeGeometry>,
    pub width: f64,
    pub height: f64,
}

/// Lays out a run's services and calls.
pub fn layout(shape: &RunShape, m: &Metrics) -> Layout {
    let n = shape.services.len();
    let index = |name: &str| shape.services.iter().position(|s| s == name);
    // Calls between services (the client's edge is drawn separately).
    let calls: Vec<(usize, usize)> = shape
        .edges
        .iter()
        .filter_map(|(from, to, _)| Some((index(from)?, index(to)?)))
        .collect();

    // Column: the longest chain of calls leading to the service. Relaxing
    // n times settles any acyclic graph; more rounds could not help.
    let mut column = vec![0usize; n];
    for _ in 0..n {
        let mut changed = false;
        for &(from, to) in &calls {
            if column[to] < column[from] + 1 && column[from] + 1 < n.max(1) {
                column[to] = column[from] + 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let columns = column.iter().max().map_or(0, |c| c + 1);

    // Rows: scenario order first, then two sweeps placing each service at
    // the mean row of its callers.
    let mut order: Vec<Vec<usize>> = vec![Vec::new(); columns];
    for (s, &c) in column.iter().enumerate() {
        order[c].push(s);
    }
    let mut row = vec![0.0f64; n];
    let assign = |order: &Vec<Vec<usize>>, row: &mut Vec<f64>| {
        for col in order {
            for (r, &s) in col.iter().enumerate() {
                row[s] = r as f64;
            }
        }
    };
    assign(&order, &mut row);
    for _ in 0..2 {
        for col in order.iter_mut().skip(1) {
            let key = |s: usize| {
                let callers: Vec<f64> = calls
                    .iter()
                    .filter(|(_, to)| *to == s)
                    .map(|(from, _)| row[*from])
                    .collect();
                if callers.is_empty() {
                    f64::MAX
                } else {
                    callers.iter().sum::<f64>() / callers.len() as f64
                }
            };
            let mut keyed: Vec<(f64, usize)> = col.iter().map(|&s| (key(s), s)).collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
            *col = keyed.into_iter().map(|(_, s)| s).collect();
        }
        assign(&order, &mut row);
    }

    let tallest = order.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let height = m.pad * 2.0 + tallest as f64 * m.node_h + (tallest - 1) as f64 * m.gap_y;
    let x0 = m.pad + m.client_w + m.gap_x;
    let mut services = vec![
        Rect {
            x: x0,
            y: m.pad,
            w: m.node_w,
            h: m.node_h
        };
        n
    ];
    for (c, col) in order.iter().enumerate() {
        let used = col.len() as f64 * m.node_h + col.len().saturating_sub(1) as f64 * m.gap_y;
        let top = (height - used) / 2.0;
        for (r, &s) in col.iter().enumerate() {
            services[s] = Rect {
                x: x0 + c as f64 * (m.node_w + m.gap_x),
                y: top + r as f64 * (m.node_h + m.gap_y),
                w: m.node_w,
                h: m.node_h,
            };
        }
    }
    let client_h = m.node_h * 0.7;
    let entry = shape
        .edges
        .first()
        .and_then(|(_, to, _)| index(to))
        .and_then(|e| services.get(e).copied());
    let client = Rect {
        x: m.pad,
        y: entry.map_or(m.pad, |r| r.y + (r.h - client_h) / 2.0),
        w: m.client_w,
        h: client_h,
    };
    let width = m.pad * 2.0 + m.client_w + columns as f64 * (m.node_w + m.gap_x);

    // Edges: a curve from the caller's right side to the callee's left
    // side; repeated calls between the same pair fan out a little.
    let mut seen: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    let edges = shape
        .edges
        .iter()
        .enumerate()
        .map(|(e, (from, to, _))| {
            let key = (if e == 0 { None } else { index(from) }, index(to));
            let repeat = seen.iter().filter(|k| **k == key).count() as f64;
            seen.push(key);
            let start = match key.0 {
                None => client.right_mid(),
                Some(f) => services[f].right_mid(),
            };
            let end = key.1.map_or(start, |t| services[t].left_mid());
            let offset = repeat * 10.0;
            curve((start.0, start.1 + offset), (end.0, end.1 + offset))
        })
        .collect();

    Layout {
        client,
        services,
        edges,
        width,
        height,
    }
}

/// A horizontal S-curve between two points, and its midpoint.
fn curve(a: (f64, f64), b: (f64, f64)) -> EdgeGeometry {
    let dx = ((b.0 - a.0) / 2.0).max(24.0);
    let c1 = (a.0 + dx, a.1);
    let c2 = (b.0 - dx, b.1);
    // A cubic Bézier at t = 1/2.
    let mid = (
        (a.0 + 3.0 * c1.0 + 3.0 * c2.0 + b.0) / 8.0,
        (a.1 + 3.0 * c1.1 + 3.0 * c2.1 + b.1) / 8.0,
    );
    EdgeGeometry {
        path: format!(
            "M{:.1} {:.1} C{:.1} {:.1} {:.1} {:.1} {:.1} {:.1}",
            a.0, a.1, c1.0, c1.1, c2.0, c2.1, b.0, b.1
        ),
        mid,
        end: b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::CallMode;

    fn shape(services: &[&str], calls: &[(&str, &str)]) -> RunShape {
        let mut edges = vec![(
            "client".to_string(),
            services[0].to_string(),
            CallMode::Sync,
        )];
        edges.extend(
            calls
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string(), CallMode::Sync)),
        );
        RunShape {
            services: services.iter().map(|s| s.to_string()).collect(),
            edges,
        }
    }

    fn overlaps(a: &Rect, b: &Rect) -> bool {
        a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
    }

    #[test]
    fn callees_sit_right_of_their_deepest_caller() {
        // a → b → c and a → c: c goes right of b, not next to it.
        let s = shape(&["a", "b", "c"], &[("a", "b"), ("b", "c"), ("a", "c")]);
        let l = layout(&s, &Metrics::default());
        assert!(l.services[0].x < l.services[1].x);
        assert!(l.services[1].x < l.services[2].x);
        assert!(l.client.x + l.client.w < l.services[0].x);
        assert_eq!(l.edges.len(), 4);
        assert!(l.edges[1].path.starts_with('M'));
    }

    #[test]
    fn nothing_overlaps_and_everything_fits() {
        let s = shape(
            &[
                "gw",
                "auth",
                "catalog",
                "cart",
                "search",
                "recs",
                "pricing",
                "inv",
                "wh",
                "analytics",
            ],
            &[
                ("gw", "auth"),
                ("gw", "catalog"),
                ("gw", "cart"),
                ("gw", "analytics"),
                ("catalog", "search"),
                ("catalog", "recs"),
                ("cart", "pricing"),
                ("cart", "inv"),
                ("inv", "wh"),
            ],
        );
        let l = layout(&s, &Metrics::default());
        for (i, a) in l.services.iter().enumerate() {
            assert!(a.x >= 0.0 && a.y >= 0.0);
            assert!(a.x + a.w <= l.width + 1e-9 && a.y + a.h <= l.height + 1e-9);
            for b in &l.services[i + 1..] {
                assert!(!overlaps(a, b), "{a:?} {b:?}");
            }
        }
        // search and recommendations (catalog's callees) sit next to each
        // other, above cart's callees.
        let y = |i: usize| l.services[i].y;
        assert!(y(4) < y(6) && y(5) < y(6));
    }

    #[test]
    fn a_cycle_still_gives_a_bounded_layout() {
        let s = shape(&["a", "b"], &[("a", "b"), ("b", "a")]);
        let l = layout(&s, &Metrics::default());
        assert!(l.width.is_finite() && l.width < 2000.0);
    }
}
