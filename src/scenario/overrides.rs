//! `--set key.path=value`: overrides applied to the file's TOML table before
//! it is deserialised and checked.

use crate::error::{Error, InputError, Result};
use crate::scenario::locate::toml_error;
use crate::scenario::raw::ScenarioFile;

/// Parse the text and apply the overrides: the raw file as resolved.
/// Syntax, unknown keys and wrong types are located in the file itself;
/// overrides that do not fit are reported against `--set`.
pub(crate) fn resolve(text: &str, origin: &str, overrides: &[String]) -> Result<ScenarioFile> {
    let parsed: ScenarioFile =
        toml::from_str(text).map_err(|e| Error::Input(vec![toml_error(&e, text, origin)]))?;
    if overrides.is_empty() {
        return Ok(parsed);
    }
    let mut table: toml::Table =
        toml::from_str(text).map_err(|e| Error::Input(vec![toml_error(&e, text, origin)]))?;
    for o in overrides {
        apply_override(&mut table, o)?;
    }
    toml::Value::Table(table)
        .try_into::<ScenarioFile>()
        .map_err(|e| {
            Error::input(
                "--set",
                None,
                format!(
                    "the overrides do not fit the scenario: {}",
                    e.message().trim()
                ),
                Some("check the key path and the value's type against docs/PARAMETERS.md"),
            )
        })
}

/// True if one of the overrides sets the key at `path` (`sites[2].levers.x`
/// is overridden as `sites.2.levers.x`).
pub(crate) fn is_overridden(path: &str, overrides: &[String]) -> bool {
    overrides.iter().any(|o| {
        o.split('=').next().map(str::trim) == Some(strip_index(path).as_str())
            || o.split('=').next().map(str::trim) == Some(path)
    })
}

/// Turn every problem into an [`InputError`], located in the file unless an
/// override set the key.
pub(crate) fn located(
    problems: Vec<(String, String, String)>,
    text: &str,
    origin: &str,
    overrides: &[String],
) -> Vec<InputError> {
    problems
        .into_iter()
        .map(|(path, message, hint)| {
            let overridden = is_overridden(&path, overrides);
            InputError {
                origin: if overridden {
                    "--set".to_string()
                } else {
                    origin.to_string()
                },
                position: if overridden {
                    None
                } else {
                    crate::scenario::locate::locate(text, &path)
                },
                key: Some(path),
                message,
                hint: Some(hint),
            }
        })
        .collect()
}

fn strip_index(path: &str) -> String {
    // `sites[2].levers.x` is overridden as `sites.2.levers.x`.
    path.replace('[', ".").replace(']', "")
}

/// Apply one `key.path=value` override to a TOML table. The value is parsed
/// as TOML (so `0.5`, `"text"`, `[1, 2]` all work); bare words are taken as
/// text. Lists are indexed by number: `sites.0.adopts.1.from=2016-04-01`.
pub fn apply_override(table: &mut toml::Table, spec: &str) -> Result<()> {
    let bad = |msg: &str| {
        Error::input(
            "--set",
            None,
            format!("`{spec}`: {msg}"),
            Some("write --set section.key=value, e.g. --set routing.share_ae=0.5 or --set sites.0.levers.case_management=1"),
        )
    };
    let (path, value) = spec.split_once('=').ok_or_else(|| bad("missing `=`"))?;
    let path = path.trim();
    if path.is_empty() || path.split('.').any(str::is_empty) {
        return Err(bad("empty key path"));
    }
    let value: toml::Value = match toml::from_str::<toml::Table>(&format!("v = {}", value.trim())) {
        Ok(mut t) => t.remove("v").expect("parsed"),
        Err(_) => toml::Value::String(value.trim().to_string()),
    };
    let parts: Vec<&str> = path.split('.').collect();
    let mut root = toml::Value::Table(std::mem::take(table));
    let res = set_path(&mut root, &parts, value, &bad);
    if let toml::Value::Table(t) = root {
        *table = t;
    }
    res
}

fn set_path(
    cur: &mut toml::Value,
    parts: &[&str],
    value: toml::Value,
    bad: &dyn Fn(&str) -> Error,
) -> Result<()> {
    let (head, rest) = (parts[0], &parts[1..]);
    let slot: &mut toml::Value = match cur {
        toml::Value::Table(t) => {
            if rest.is_empty() {
                t.insert(head.to_string(), value);
                return Ok(());
            }
            let next_is_index = rest[0].parse::<usize>().is_ok();
            t.entry(head.to_string()).or_insert_with(|| {
                if next_is_index {
                    toml::Value::Array(Vec::new())
                } else {
                    toml::Value::Table(toml::Table::new())
                }
            })
        }
        toml::Value::Array(arr) => {
            let len = arr.len();
            let idx: usize = head
                .parse()
                .map_err(|_| bad(&format!("`{head}` is not an index into a list")))?;
            let item = arr.get_mut(idx).ok_or_else(|| {
                bad(&format!(
                    "the list has {len} entries; index {idx} is out of range"
                ))
            })?;
            if rest.is_empty() {
                *item = value;
                return Ok(());
            }
            item
        }
        _ => {
            return Err(bad(&format!(
                "`{head}` is inside a value that is neither a table nor a list"
            )))
        }
    };
    set_path(slot, rest, value, bad)
}
