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
        write!(f, "{}", self.origin)?;
        if let Some((l, c)) = self.position {
            write!(f, ":{l}:{c}")?;
        }
        write!(f, ": ")?;
        if let Some(k) = &self.key {
            write!(f, "key `{k}`: ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(h) = &self.hint {
            write!(f, "\n  help: {h}")?;
        }
        Ok(())
    }
}

/// Every error carescale reports.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more problems in user input (all are listed, not just the first).
    #[error("{}", list(.0))]
    Input(Vec<InputError>),
    /// A file or folder could not be read or written.
    #[error("{path}: {message}\n  help: {hint}")]
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
    #[error("internal error: {0}")]
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
