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
    // What the file means with its defaults filled in: an override of a
    // part of a key the file leaves out (`population.age_band_share.0=…`)
    // starts from the default, not from nothing.
    let defaults = toml::Value::try_from(&parsed).ok();
    seed_built_in_care_models(&mut table, overrides);
    let start = table.clone();
    for o in overrides {
        apply_override_with(&mut table, o, defaults.as_ref())?;
    }
    toml::Value::Table(table)
        .try_into::<ScenarioFile>()
        .map_err(|e| {
            // Name the override at fault: the first after which the file
            // no longer reads (only on this error path).
            let culprit = culprit(start, overrides, defaults.as_ref());
            let msg = e.message().trim();
            let Some(o) = culprit else {
                return Error::input(
                    "--set",
                    None,
                    format!("the overrides do not fit the scenario: {msg}"),
                    Some("check the key path and the value's type against docs/PARAMETERS.md"),
                );
            };
            let (key, value) = o.split_once('=').unwrap_or((o.as_str(), ""));
            let key = key.trim();
            let (what, hint) = if msg.contains("unknown field") {
                let hint = match crate::scenario::params::suggest_key(key) {
                    Some(s) => format!("did you mean `{s}`? Every key is listed in docs/PARAMETERS.md"),
                    None => "check the key path against docs/PARAMETERS.md".to_string(),
                };
                (format!("no such key in the scenario file format ({msg})"), hint)
            } else {
                (
                    format!(
                        "`{}`: the value `{}` does not fit: {msg}",
                        crate::error::short(o),
                        crate::error::short(value.trim())
                    ),
                    "give a value of the type shown (numbers without quotes, text in quotes); see docs/PARAMETERS.md".to_string(),
                )
            };
            Error::input("--set", Some(crate::error::short(key).as_ref()), what, Some(&hint))
        })
}

/// An override inside a built-in care model the file does not redefine
/// (`--set care_models.pacs.effects.uec_conversion_rr=0.9`) changes that
/// model: the file's table starts from the built-in definition, so the
/// model keeps its segment, levers and other effects. Without this the
/// override would define a model with that one key and nothing else.
fn seed_built_in_care_models(table: &mut toml::Table, overrides: &[String]) {
    let mut built_in: Option<toml::Table> = None;
    for o in overrides {
        let key = o.split('=').next().unwrap_or("").trim();
        let mut parts = key.split('.');
        if parts.next() != Some("care_models") {
            continue;
        }
        let (Some(name), Some(_)) = (parts.next(), parts.next()) else {
            continue;
        };
        let models = table
            .entry("care_models")
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        let toml::Value::Table(models) = models else {
            continue;
        };
        if models.contains_key(name) {
            continue;
        }
        let built_in = built_in.get_or_insert_with(crate::scenario::built_in_care_models_table);
        if let Some(model) = built_in.get(name) {
            models.insert(name.to_string(), model.clone());
        }
    }
}

/// The first override after which the table no longer deserialises.
fn culprit<'a>(
    mut table: toml::Table,
    overrides: &'a [String],
    defaults: Option<&toml::Value>,
) -> Option<&'a String> {
    for o in overrides {
        apply_override_with(&mut table, o, defaults).ok()?;
        if toml::Value::Table(table.clone())
            .try_into::<ScenarioFile>()
            .is_err()
        {
            return Some(o);
        }
    }
    None
}

/// The last override that sets the key at `path`, a table or list holding
/// it (`sites[2].levers.x` is overridden by `sites.2.levers.x` or
/// `sites.2.levers=…`), or a part of it where that part is an entry of a
/// list (a rule on `population.age_band_share` is broken by
/// `population.age_band_share.0=…`; a rule on `sites[1].adopts[0]` by
/// `sites.1.adopts.0.from=…`). Key paths are compared segment by segment,
/// list indexes as numbers (`sites.01` is `sites[1]`), so an override of
/// one site is never blamed for a rule about another (`sites.0.population`
/// for `sites[1].population`) nor for a rule about the whole list
/// (`sites`).
pub(crate) fn overridden_by<'a>(path: &str, overrides: &'a [String]) -> Option<&'a String> {
    let rule_path = strip_index(path);
    let rule = segments(&rule_path);
    overrides.iter().rev().find(|o| {
        let Some(k) = o.split('=').next().map(str::trim) else {
            return false;
        };
        let key = segments(k);
        if key.len() <= rule.len() {
            // The override sets the rule's key or a table or list holding it.
            return rule[..key.len()] == key[..];
        }
        if key[..rule.len()] != rule[..] {
            return false;
        }
        // The override sets a part of the rule's key: blame it only if the
        // rule is about one entry of a list (its path ends in an index) or
        // the part is an entry of the list the rule is about.
        let tail = &key[rule.len()..];
        matches!(rule.last(), Some(Segment::Index(_)))
            || tail.iter().all(|s| matches!(s, Segment::Index(_)))
    })
}

/// One step of a key path: a key, or an index into a list.
#[derive(Debug, PartialEq, Eq)]
enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

fn segments(path: &str) -> Vec<Segment<'_>> {
    path.split('.')
        .map(|s| match s.parse::<usize>() {
            Ok(i) => Segment::Index(i),
            Err(_) => Segment::Key(s),
        })
        .collect()
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
        .map(
            |(path, message, hint)| match overridden_by(&path, overrides) {
                Some(o) => InputError {
                    origin: "--set".to_string(),
                    position: None,
                    key: Some(path),
                    message: format!("{message} (after --set {})", crate::error::short(o)),
                    hint: Some(hint),
                },
                None => InputError {
                    origin: origin.to_string(),
                    position: crate::scenario::locate::locate(text, &path),
                    key: Some(path),
                    message,
                    hint: Some(hint),
                },
            },
        )
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
    apply_override_with(table, spec, None)
}

/// [`apply_override`], taking a key the table leaves out from `defaults`
/// (the same file with every default filled in) where it has it.
fn apply_override_with(
    table: &mut toml::Table,
    spec: &str,
    defaults: Option<&toml::Value>,
) -> Result<()> {
    let bad = |msg: &str| {
        Error::input(
            "--set",
            None,
            format!("`{}`: {msg}", crate::error::short(spec)),
            Some("write --set section.key=value, e.g. --set routing.share_ae=0.5 or --set sites.0.levers.case_management=1"),
        )
    };
    let (path, value) = spec.split_once('=').ok_or_else(|| bad("missing `=`"))?;
    let path = path.trim();
    if path.is_empty() || path.split('.').any(str::is_empty) {
        return Err(bad("empty key path"));
    }
    if path.len() > crate::error::MAX_KEY_PATH {
        return Err(bad(&format!(
            "the key path is {} bytes long; key paths have at most {}",
            path.len(),
            crate::error::MAX_KEY_PATH
        )));
    }
    let value: toml::Value = match toml::from_str::<toml::Table>(&format!("v = {}", value.trim())) {
        Ok(mut t) => t
            .remove("v")
            .unwrap_or_else(|| toml::Value::String(value.trim().to_string())),
        Err(_) => toml::Value::String(value.trim().to_string()),
    };
    let parts: Vec<&str> = path.split('.').collect();
    let mut root = toml::Value::Table(std::mem::take(table));
    let res = set_path(&mut root, &parts, value, defaults, &bad);
    if let toml::Value::Table(t) = root {
        *table = t;
    }
    res
}

fn set_path(
    cur: &mut toml::Value,
    parts: &[&str],
    value: toml::Value,
    defaults: Option<&toml::Value>,
    bad: &dyn Fn(&str) -> Error,
) -> Result<()> {
    let (head, rest) = (parts[0], &parts[1..]);
    let def = defaults.and_then(|d| match d {
        toml::Value::Table(t) => t.get(head),
        toml::Value::Array(a) => head.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    });
    let slot: &mut toml::Value = match cur {
        toml::Value::Table(t) => {
            if rest.is_empty() {
                t.insert(head.to_string(), value);
                return Ok(());
            }
            let next_is_index = rest[0].parse::<usize>().is_ok();
            t.entry(head.to_string()).or_insert_with(|| {
                if let Some(d) = def {
                    d.clone()
                } else if next_is_index {
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
                    "the list has {len} entries (indexes 0 to {}); index {idx} is out of range",
                    len.saturating_sub(1)
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
    set_path(slot, rest, value, def, bad)
}

#[cfg(test)]
mod tests {
    use super::overridden_by;

    fn blamed(path: &str, sets: &[&str]) -> Option<String> {
        let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
        overridden_by(path, &sets).cloned()
    }

    #[test]
    fn an_override_is_blamed_only_for_rules_it_can_break() {
        let pop0 = "sites.0.population=5";
        // The same key, or a table or list holding it.
        assert_eq!(
            blamed("sites[0].population", &[pop0]).as_deref(),
            Some(pop0)
        );
        assert!(blamed("sites[0].levers.x", &["sites.0.levers={}"]).is_some());
        assert!(blamed("sites[0].levers.x", &["sites.0={}"]).is_some());
        // Another site's rule, or a rule on the whole list of sites.
        assert_eq!(blamed("sites[1].population", &[pop0]), None);
        assert_eq!(blamed("sites[1]", &[pop0]), None);
        assert_eq!(blamed("sites", &[pop0]), None);
        assert_eq!(
            blamed("sites[10].population", &["sites.1.population=5"]),
            None
        );
        // Replacing a whole site can break a rule on the list.
        assert!(blamed("sites", &["sites.0={}"]).is_some());
        // An entry of a list the rule is about, or a field of the entry the
        // rule is about.
        assert!(blamed(
            "population.age_band_share",
            &["population.age_band_share.0=0.9"]
        )
        .is_some());
        assert!(blamed("sites[1].adopts[0]", &["sites.1.adopts.0.from=2016-04-01"]).is_some());
        assert_eq!(
            blamed("sites[1].adopts[0]", &["sites.1.adopts.1.from=2016-04-01"]),
            None
        );
        // Indexes compare as numbers, as the override applies them.
        assert!(blamed("sites[1].population", &["sites.01.population=5"]).is_some());
        // The last override that matches.
        assert_eq!(
            blamed("run.seed", &["run.seed=1", pop0, "run.seed=2"]).as_deref(),
            Some("run.seed=2")
        );
    }
}
