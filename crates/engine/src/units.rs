//! Units of the figures a run produces, and how numbers are written for
//! people: the same text in chart axes, readouts, tables and exports.

/// The unit of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Events per simulated second (requests, retries).
    PerSecond,
    Percent,
    Milliseconds,
    Seconds,
    /// Requests present (waiting or in flight); may be a mean, so fractional.
    Requests,
    /// A plain count.
    Count,
}

impl Unit {
    /// The axis label.
    pub fn label(self) -> &'static str {
        match self {
            Unit::PerSecond => "per second",
            Unit::Percent => "%",
            Unit::Milliseconds => "ms",
            Unit::Seconds => "s",
            Unit::Requests => "requests",
            Unit::Count => "count",
        }
    }

    /// A value with its unit: `12.5/s`, `38 %`, `1 250 ms`.
    pub fn format(self, value: f64) -> String {
        if !value.is_finite() {
            return NONE.to_string();
        }
        let n = number(value);
        match self {
            Unit::PerSecond => format!("{n}/s"),
            Unit::Percent => format!("{n} %"),
            Unit::Milliseconds => format!("{n} ms"),
            Unit::Seconds => format!("{n} s"),
            Unit::Requests | Unit::Count => n,
        }
    }
}

/// What a missing value reads as.
pub const NONE: &str = "–";

/// A number with the precision a reader needs: whole numbers from 100 up
/// (thousands grouped with a thin space), one decimal from 10, two below.
/// Integers are written without decimals. `NaN` reads as [`NONE`].
pub fn number(value: f64) -> String {
    if !value.is_finite() {
        return NONE.to_string();
    }
    let magnitude = value.abs();
    let decimals = if value.fract() == 0.0 || magnitude >= 100.0 {
        0
    } else if magnitude >= 10.0 {
        1
    } else {
        2
    };
    let text = format!("{value:.decimals$}");
    // "-0" after rounding a tiny negative reads badly.
    let text = if text
        .trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        text.trim_start_matches('-').to_string()
    } else {
        text
    };
    group_thousands(&text)
}

/// Reads a number a person typed: spaces, thin spaces and underscores
/// between digits are ignored. `whole` accepts only whole numbers from 0
/// up to `u32::MAX` (counts). Errors say what to type instead.
pub fn parse_number(text: &str, whole: bool) -> Result<f64, String> {
    let text = text.trim().replace(['\u{2009}', ' ', '_'], "");
    if text.is_empty() {
        return Err("enter a number".to_string());
    }
    let value: f64 = text
        .parse()
        .map_err(|_| format!("\"{text}\" is not a number"))?;
    if !value.is_finite() {
        return Err("enter a finite number".to_string());
    }
    if whole && (value.fract() != 0.0 || value < 0.0) {
        return Err("enter a whole number, 0 or more".to_string());
    }
    if whole && value > f64::from(u32::MAX) {
        return Err("that number is too large".to_string());
    }
    Ok(value)
}

/// Inserts a thin space between groups of three digits (`12 345.6`).
fn group_thousands(text: &str) -> String {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (rest, None),
    };
    if int.len() <= 4 {
        return text.to_string();
    }
    let mut grouped = String::with_capacity(int.len() + int.len() / 3 * 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('\u{2009}');
        }
        grouped.push(c);
    }
    match frac {
        Some(frac) => format!("{sign}{grouped}.{frac}"),
        None => format!("{sign}{grouped}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_get_the_precision_a_reader_needs() {
        assert_eq!(number(0.0), "0");
        assert_eq!(number(1.234), "1.23");
        assert_eq!(number(42.0), "42");
        assert_eq!(number(42.26), "42.3");
        assert_eq!(number(1234.0), "1234");
        assert_eq!(number(12345.6), "12\u{2009}346");
        assert_eq!(number(-1234567.0), "-1\u{2009}234\u{2009}567");
        assert_eq!(number(-0.0001), "0.00");
        assert_eq!(number(f64::NAN), NONE);
        assert_eq!(number(f64::INFINITY), NONE);
    }

    #[test]
    fn typed_numbers_are_read_or_explained() {
        assert_eq!(parse_number(" 1 500 ", false), Ok(1500.0));
        assert_eq!(parse_number("2.5", false), Ok(2.5));
        assert_eq!(parse_number("-3", false), Ok(-3.0));
        assert_eq!(parse_number("12", true), Ok(12.0));
        assert!(parse_number("", false).is_err_and(|e| e.contains("enter a number")));
        assert!(parse_number("lots", false).is_err_and(|e| e.contains("is not a number")));
        assert!(parse_number("inf", false).is_err_and(|e| e.contains("finite")));
        assert!(parse_number("2.5", true).is_err_and(|e| e.contains("whole")));
        assert!(parse_number("-1", true).is_err_and(|e| e.contains("whole")));
        assert!(parse_number("1e12", true).is_err_and(|e| e.contains("too large")));
    }

    #[test]
    fn units_are_written_after_the_number() {
        assert_eq!(Unit::PerSecond.format(12.5), "12.5/s");
        assert_eq!(Unit::Percent.format(38.0), "38 %");
        assert_eq!(Unit::Milliseconds.format(1250.0), "1250 ms");
        assert_eq!(Unit::Requests.format(f64::NAN), NONE);
    }
}
