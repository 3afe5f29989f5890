//! `--color auto|always|never` for the human reports (check, diff, lint). `auto` (the default)
//! colors only when stdout is a terminal, `NO_COLOR` is unset or empty (<https://no-color.org>)
//! and `TERM` is not `dumb`; `always` and `never` are what the user asked, NO_COLOR included.
//! Machine formats (JSON, Markdown, SARIF, GitHub commands) are never colored.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU8, Ordering};

use clap::ValueEnum;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorChoice {
    /// Color on a terminal, unless NO_COLOR is set or TERM=dumb.
    #[default]
    Auto,
    Always,
    Never,
}

const UNSET: u8 = 0;
const ON: u8 = 1;
const OFF: u8 = 2;

static STDOUT: AtomicU8 = AtomicU8::new(UNSET);

/// Whether to color, given the choice, the environment and whether the output is a terminal.
pub fn decide(choice: ColorChoice, no_color: Option<&str>, term: Option<&str>, tty: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => no_color.is_none_or(str::is_empty) && term != Some("dumb") && tty,
    }
}

/// Settles the choice for stdout once, from the flag (the binary calls this first).
pub fn init(choice: ColorChoice) {
    let no_color = std::env::var("NO_COLOR").ok();
    let term = std::env::var("TERM").ok();
    let on = decide(
        choice,
        no_color.as_deref(),
        term.as_deref(),
        std::io::stdout().is_terminal(),
    );
    STDOUT.store(if on { ON } else { OFF }, Ordering::Relaxed);
}

/// Whether human output on stdout is colored (off until [`init`]: the library alone never colors).
pub fn stdout() -> bool {
    STDOUT.load(Ordering::Relaxed) == ON
}

/// `text` in an ANSI SGR `code` (`31` red, `33` yellow, `1` bold) when `on`.
pub fn paint(on: bool, code: &str, text: &str) -> String {
    if on {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_needs_a_terminal_and_no_no_color() {
        assert!(decide(ColorChoice::Auto, None, Some("xterm"), true));
        assert!(decide(ColorChoice::Auto, Some(""), None, true));
        assert!(!decide(ColorChoice::Auto, Some("1"), Some("xterm"), true));
        assert!(!decide(ColorChoice::Auto, None, Some("dumb"), true));
        assert!(!decide(ColorChoice::Auto, None, Some("xterm"), false));
        assert!(decide(ColorChoice::Always, Some("1"), Some("dumb"), false));
        assert!(!decide(ColorChoice::Never, None, Some("xterm"), true));
    }
}
