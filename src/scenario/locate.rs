//! Locating problems in TOML text: line and column of a byte offset, the key
//! path at an offset, the position of a key path, and toml errors turned
//! into located [`InputError`]s.

use crate::error::InputError;

/// Turn a toml error into an [`InputError`] with line, column and key path.
pub(crate) fn toml_error(e: &toml::de::Error, text: &str, origin: &str) -> InputError {
    toml_input_error(
        e,
        text,
        origin,
        "remove or rename the key; every allowed key is listed in docs/PARAMETERS.md",
        "add the missing key; see scenarios/england_baseline.toml for a complete example",
    )
}

/// A toml error as an [`InputError`] with line, column and key path; the
/// hints for an unknown key and a missing key name the file format's docs.
pub fn toml_input_error(
    e: &toml::de::Error,
    text: &str,
    origin: &str,
    unknown_hint: &str,
    missing_hint: &str,
) -> InputError {
    let span = e.span();
    let position = span.as_ref().map(|s| line_col(text, s.start));
    let key = span.as_ref().and_then(|s| key_at(text, s.start));
    let msg = e.message().trim().to_string();
    let hint = if msg.contains("unknown field") {
        unknown_hint
    } else if msg.contains("invalid type") {
        "give a value of the type shown (numbers without quotes, text in quotes)"
    } else if msg.contains("missing field") {
        missing_hint
    } else if position.is_some() {
        "fix the TOML syntax at this position"
    } else {
        "fix the TOML syntax (the parser gives no position for this problem: look for deeply nested arrays or tables)"
    };
    InputError {
        origin: origin.to_string(),
        position,
        key,
        message: msg,
        hint: Some(hint.to_string()),
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    (line, before[line_start..].chars().count() + 1)
}

/// The key path whose key or value span contains `offset`.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let root = toml::de::DeTable::parse(text).ok()?;
    let mut best: Option<String> = None;
    walk_table(root.get_ref(), "", &mut |path, key_span, value_span| {
        if key_span.contains(&offset) || value_span.contains(&offset) || key_span.start == offset {
            best = Some(path.to_string());
        }
    });
    best
}

type Visit<'a> = dyn FnMut(&str, std::ops::Range<usize>, std::ops::Range<usize>) + 'a;

fn walk_table(t: &toml::de::DeTable, prefix: &str, f: &mut Visit) {
    for (k, v) in t.iter() {
        let path = if prefix.is_empty() {
            k.get_ref().to_string()
        } else {
            format!("{prefix}.{}", k.get_ref())
        };
        f(&path, k.span(), v.span());
        walk_value(v.get_ref(), &path, f);
    }
}

fn walk_value(v: &toml::de::DeValue, path: &str, f: &mut Visit) {
    match v {
        toml::de::DeValue::Table(t) => walk_table(t, path, f),
        toml::de::DeValue::Array(a) => {
            for (i, item) in a.iter().enumerate() {
                let p = format!("{path}[{i}]");
                f(&p, item.span(), item.span());
                walk_value(item.get_ref(), &p, f);
            }
        }
        _ => {}
    }
}

/// Line and column of the value at `path` in `text`, if the file has it.
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let root = toml::de::DeTable::parse(text).ok()?;
    let mut found = None;
    let mut section = None;
    // The exact key, or failing that its section (a missing key defaults).
    let parent = path.rsplit_once('.').map(|(p, _)| p.to_string());
    walk_table(root.get_ref(), "", &mut |p, _k, v| {
        if p == path {
            found = Some(v.start);
        } else if Some(p) == parent.as_deref() && section.is_none() {
            section = Some(v.start);
        }
    });
    found.or(section).map(|o| line_col(text, o))
}
