//! What the commands print on stdout. A reader that goes away early (`rectify tasks |
//! head`) closes the pipe: writing then fails with a broken pipe, which `println!` turns
//! into a panic. Here a failed write is dropped instead: the command finishes quietly,
//! as every command-line tool does when its reader stops listening.

use std::io::Write;

/// Write `text` to stdout; a closed pipe (or any other write failure) is ignored.
pub fn out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

/// `print!` that never panics on a closed pipe.
macro_rules! say {
    ($($arg:tt)*) => { $crate::console::out(&format!($($arg)*)) };
}

/// `println!` that never panics on a closed pipe.
macro_rules! sayln {
    ($($arg:tt)*) => {{
        let mut line = format!($($arg)*);
        line.push('\n');
        $crate::console::out(&line)
    }};
}

pub(crate) use {say, sayln};
