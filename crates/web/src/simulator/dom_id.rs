//! Element ids: unique ones for repeated components (charts, embeds), and
//! stable ones for editor fields, derived from the field's scenario path so
//! a problem list can point at the field.

use std::cell::Cell;

thread_local! {
    static NEXT: Cell<u64> = const { Cell::new(0) };
}

/// A page-unique id starting with `prefix`.
pub fn unique_id(prefix: &str) -> String {
    let n = NEXT.with(|next| {
        let n = next.get();
        next.set(n + 1);
        n
    });
    format!("{prefix}-{n}")
}

/// Starts the page-unique ids over: the build renders every page in one
/// process, and each page's ids must come out as the island numbers them
/// in the browser (from 0, in the same order), so that the prerendered
/// markup and the island's agree.
pub fn restart_unique_ids() {
    NEXT.with(|next| next.set(0));
}

/// The id of the input for a scenario field on a side (`0` for A, `1` for
/// B): `services[1].calls[0].timeout_ms` on A becomes
/// `field-a-services-1-calls-0-timeout_ms`.
pub fn field_id(side: usize, path: &str) -> String {
    let side = if side == 0 { 'a' } else { 'b' };
    let mut out = format!("field-{side}-");
    let mut last_dash = true;
    for c in path.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
            last_dash = false;
        } else if !last_dash {
            out.push('-');
            last_dash = true;
        }
    }
    out.trim_end_matches('-').to_string()
}
