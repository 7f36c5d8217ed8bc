//! Errors that reach the user. Each says where the problem is (file, line,
//! column, key path), what is allowed, what was given, and how to fix it.
//! Every user-input error exits with code 2; internal errors with 1.

use std::fmt;
use std::path::PathBuf;

/// A problem with something the user gave: a scenario file, a `--set`
/// override, a command-line value or an output folder.
#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    /// The file (or `--set`, or the flag) the problem is in.
    pub origin: String,
    /// 1-based line and column, where there is one.
    pub position: Option<(usize, usize)>,
    /// Dotted key path, where there is one.
    pub key: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What is allowed / how to fix it.
    pub hint: Option<String>,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", clean(&self.origin, false))?;
        if let Some((l, c)) = self.position {
            write!(f, ":{l}:{c}")?;
        }
        write!(f, ": ")?;
        if let Some(k) = &self.key {
            write!(f, "key `{}`: ", clean(k, false))?;
        }
        write!(f, "{}", clean(&self.message, true))?;
        if let Some(h) = &self.hint {
            write!(f, "\n  help: {}", clean(h, true))?;
        }
        Ok(())
    }
}

/// Text from user input made safe to print on a terminal: control
/// characters (escape sequences included) are shown as `\u{..}` escapes,
/// so a file can never move the cursor, recolour or retitle the terminal.
/// With `lines`, newlines and tabs are kept (messages may span lines).
pub fn clean(s: &str, lines: bool) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| c.is_control() && !(lines && (c == '\n' || c == '\t'));
    if !s.chars().any(bad) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if bad(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// User text shortened for a message: at most 60 characters, then `...`
/// and the full length, so a huge value is never echoed back whole.
pub fn short(s: &str) -> String {
    const MAX: usize = 60;
    match s.char_indices().nth(MAX) {
        None => s.to_string(),
        Some((i, _)) => format!("{}... ({} bytes)", &s[..i], s.len()),
    }
}

/// The longest key path `--set` or a sweep file may give (bytes): the
/// longest real one is under 80.
pub const MAX_KEY_PATH: usize = 256;

/// The longest name (scenario, sweep, site, group, tag, care model, cell
/// id) a file may give (characters): names become folder names and CSV
/// fields.
pub const MAX_NAME: usize = 64;

/// The longest value text in a design table (characters): a value becomes
/// part of its cell's label in `scenarios.csv`, plots and reports.
pub const MAX_VALUE: usize = 256;

fn show_path(p: &std::path::Path) -> String {
    clean(&p.to_string_lossy(), false).into_owned()
}

/// Every error carescale reports.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more problems in user input (all are listed, not just the first).
    #[error("{}", list(.0))]
    Input(Vec<InputError>),
    /// A file or folder could not be read or written.
    #[error(
        "{}: {}\n  help: {}",
        show_path(path),
        clean(message, true),
        clean(hint, true)
    )]
    Io {
        /// The path.
        path: PathBuf,
        /// What failed.
        message: String,
        /// How to fix it.
        hint: String,
    },
    /// The user interrupted the run; nothing partial was left as complete.
    #[error("interrupted: completed runs are kept, nothing half-written was left behind")]
    Interrupted,
    /// A bug: please report it.
    #[error("internal error: {}", clean(.0, true))]
    Internal(String),
}

fn list(errs: &[InputError]) -> String {
    let mut s = String::new();
    for (i, e) in errs.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        s.push_str(&e.to_string());
    }
    if errs.len() > 1 {
        s.push_str(&format!("\n({} problems)", errs.len()));
    }
    s
}

impl Error {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) | Error::Io { .. } => 2,
            Error::Interrupted => 130,
            Error::Internal(_) => 1,
        }
    }

    /// A single input error without a position.
    pub fn input(
        origin: impl Into<String>,
        key: Option<&str>,
        message: impl Into<String>,
        hint: Option<&str>,
    ) -> Error {
        Error::Input(vec![InputError {
            origin: origin.into(),
            position: None,
            key: key.map(str::to_string),
            message: message.into(),
            hint: hint.map(str::to_string),
        }])
    }

    /// An I/O error on `path`, with a hint.
    pub fn io(path: impl Into<PathBuf>, err: impl fmt::Display, hint: impl Into<String>) -> Error {
        Error::Io {
            path: path.into(),
            message: err.to_string(),
            hint: hint.into(),
        }
    }
}

/// Result with carescale's error.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let e = Error::input(
            "a\u{1b}[2Jb.toml",
            Some("x\u{1b}]0;title\u{7}"),
            "bad\u{1b}[31m value\nnext line",
            Some("fix \u{0}it"),
        );
        let text = e.to_string();
        assert!(!text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{0}'));
        assert!(text.contains("a\\u{1b}[2Jb.toml"), "{text}");
        assert!(
            text.contains("value\nnext line"),
            "newlines in messages are kept: {text}"
        );
        let io = Error::io("/tmp/\u{1b}x", "no", "check");
        assert!(!io.to_string().contains('\u{1b}'));
    }
}
