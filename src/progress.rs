//! Progress on stderr for work that takes more than a second (introspection, the scratch
//! database's DDL batches, squash verification): one line rewritten in place, only when stderr
//! is a terminal, never with `--quiet` (or `PGDRIFT_QUIET=1`), and cleared when the work ends, so
//! piped output and logs never see it.
//!
//! No dependency: a line with `\r` and "erase to end of line" is all a terminal needs.
//! `PGDRIFT_PROGRESS_AFTER_MS` changes the one-second delay (tests set 0).

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

static QUIET: AtomicBool = AtomicBool::new(false);

/// `--quiet`: no progress at all.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

fn enabled() -> bool {
    !QUIET.load(Ordering::Relaxed)
        && std::env::var_os("PGDRIFT_QUIET").is_none_or(|v| v.is_empty() || v == "0")
        && std::io::stderr().is_terminal()
}

fn delay() -> Duration {
    let ms = std::env::var("PGDRIFT_PROGRESS_AFTER_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    Duration::from_millis(ms)
}

/// What the drawing thread reads.
struct State {
    label: String,
    total: Option<usize>,
    done: AtomicUsize,
    stop: AtomicBool,
    start: Instant,
}

impl State {
    fn draw(&self) {
        let count = match self.total {
            Some(t) => format!(" {}/{t}", self.done.load(Ordering::Relaxed).min(t)),
            None => String::new(),
        };
        let line = format!(
            "\r{}{count} ({:.1}s)\x1b[K",
            self.label,
            self.start.elapsed().as_secs_f64()
        );
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(line.as_bytes());
        let _ = err.flush();
    }
}

/// One piece of work: `label`, and a count out of `total` when there is one. A thread redraws
/// the line every 100 ms once the delay has passed (only when progress is enabled at all), so
/// a single long wait shows its elapsed time too.
pub struct Progress {
    state: Arc<State>,
    thread: Option<std::thread::JoinHandle<bool>>,
}

impl Progress {
    pub fn start(label: impl Into<String>, total: Option<usize>) -> Progress {
        let state = Arc::new(State {
            label: label.into(),
            total,
            done: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            start: Instant::now(),
        });
        let thread = if enabled() {
            let (st, delay) = (Arc::clone(&state), delay());
            std::thread::Builder::new()
                .name("pgdrift-progress".into())
                .spawn(move || ticker(&st, delay))
                .ok()
        } else {
            None
        };
        Progress { state, thread }
    }

    /// `n` more units done.
    pub fn inc(&self, n: usize) {
        self.state.done.fetch_add(n, Ordering::Relaxed);
    }
}

/// Draws until stopped; returns whether it drew anything.
fn ticker(st: &State, delay: Duration) -> bool {
    let mut shown = false;
    loop {
        if st.stop.load(Ordering::Relaxed) {
            return shown;
        }
        if st.start.elapsed() >= delay {
            st.draw();
            shown = true;
        }
        std::thread::park_timeout(Duration::from_millis(100));
    }
}

impl Drop for Progress {
    /// Stops the thread and clears the line, so what follows starts on a clean one.
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::Relaxed);
        let Some(t) = self.thread.take() else {
            return;
        };
        t.thread().unpark();
        if t.join().unwrap_or(false) {
            let mut err = std::io::stderr().lock();
            let _ = err.write_all(b"\r\x1b[K");
            let _ = err.flush();
        }
    }
}
