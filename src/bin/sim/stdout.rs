//! Printing to standard output without panicking when the reader goes away.
//!
//! `println!` panics when stdout is a pipe whose reader has closed it
//! (`sim run X --json | head`). Like other Unix tools, `sim` then stops
//! quietly with success: whoever read the output has what they wanted.

use std::io::{ErrorKind, Write};

/// Writes `text` to stdout; a closed pipe ends the program with status 0,
/// any other write error with status 1 and a message.
pub fn write(text: std::fmt::Arguments) {
    let mut out = std::io::stdout().lock();
    if let Err(error) = out.write_fmt(text).and_then(|()| out.flush()) {
        if error.kind() == ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("sim: cannot write the output: {error}");
        std::process::exit(1);
    }
}

/// `print!` that stops quietly on a closed pipe (see [`write`]).
macro_rules! out {
    ($($arg:tt)*) => { $crate::stdout::write(format_args!($($arg)*)) };
}

/// `println!` that stops quietly on a closed pipe (see [`write`]).
macro_rules! outln {
    ($($arg:tt)*) => { $crate::stdout::write(format_args!("{}\n", format_args!($($arg)*))) };
}

pub(crate) use {out, outln};
