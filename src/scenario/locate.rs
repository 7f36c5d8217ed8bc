//! Locating problems in TOML text: line and column of a byte offset, the key
//! path at an offset, the position of a key path, and toml errors turned
//! into located [`InputError`]s.

use crate::error::InputError;

/// Turn a toml error into an [`InputError`] with line, column and key path.
pub(crate) fn toml_error(e: &toml::de::Error, text: &str, origin: &str) -> InputError {
    let mut err = toml_input_error(
        e,
        text,
        origin,
        "remove or rename the key; every allowed key is listed in docs/PARAMETERS.md",
        "add the missing key; see scenarios/england_baseline.toml for a complete example",
    );
    if err.message.contains("unknown field") {
        if let Some(s) = err
            .key
            .as_deref()
            .and_then(crate::scenario::params::suggest_key)
        {
            err.hint = Some(format!(
                "did you mean `{s}`? Every allowed key is listed in docs/PARAMETERS.md"
            ));
        }
    }
    err
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
    let msg = e.message().trim().to_string();
    // The parser gives no position when a dotted key is nested too deeply
    // ("recursion limit"): find it in the text.
    let span = span.or_else(|| {
        msg.contains("recurs")
            .then(|| too_deep_at(text))
            .flatten()
            .map(|o| o..o)
    });
    let position = span.as_ref().map(|s| line_col(text, s.start));
    let key = span.as_ref().and_then(|s| key_at(text, s.start));
    let hint = if msg.contains("unknown field") {
        unknown_hint
    } else if msg.contains("invalid type") {
        "give a value of the type shown (numbers without quotes, text in quotes)"
    } else if msg.contains("missing field") {
        missing_hint
    } else if msg.contains("recurs") {
        "nest keys, tables and lists less deeply (at most 80 levels); carescale's files need only a few"
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

/// How deeply the TOML parser lets keys, lists and inline tables nest.
const NESTING_LIMIT: usize = 80;

/// The byte offset of the first key with [`NESTING_LIMIT`] or more dotted
/// parts (`a.b.c…`, in a table header or before `=`), or the first list or
/// inline table opened beyond that depth: where the parser stopped when it
/// reports a recursion limit without a position.
pub fn too_deep_at(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = 0;
    let mut depth = 0usize;
    let mut line_start = true;
    while i < b.len() {
        let c = b[i];
        if line_start && depth == 0 {
            // Skip indentation, then read a key or a table header.
            while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
                i += 1;
            }
            line_start = false;
            let start = i;
            while i < b.len() && b[i] == b'[' {
                i += 1;
            }
            let mut parts = 1;
            while i < b.len() && !matches!(b[i], b'=' | b']' | b'\n' | b'#') {
                match b[i] {
                    b'.' => parts += 1,
                    q @ (b'"' | b'\'') => i = skip_string(b, i, q),
                    _ => {}
                }
                i += 1;
            }
            if parts >= NESTING_LIMIT {
                return Some(start);
            }
            if i < b.len() && b[i] == b']' {
                while i < b.len() && b[i] == b']' {
                    i += 1;
                }
            }
            continue;
        }
        match c {
            b'\n' => line_start = true,
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' | b'\'' => i = skip_string(b, i, c),
            b'[' | b'{' => {
                depth += 1;
                if depth > NESTING_LIMIT {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The offset of the last byte of the string starting at `i` (quote `q`,
/// single-line or tripled), or the end of the text.
fn skip_string(b: &[u8], i: usize, q: u8) -> usize {
    let triple = b.len() >= i + 3 && b[i + 1] == q && b[i + 2] == q;
    let mut j = if triple { i + 3 } else { i + 1 };
    while j < b.len() {
        if q == b'"' && b[j] == b'\\' {
            j += 2;
            continue;
        }
        if b[j] == q && (!triple || (j + 2 < b.len() && b[j + 1] == q && b[j + 2] == q)) {
            return if triple { j + 2 } else { j };
        }
        if !triple && b[j] == b'\n' {
            return j - 1;
        }
        j += 1;
    }
    b.len()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deeply_nested_keys_and_lists_are_found() {
        let key = vec!["a"; 100].join(".");
        let text = format!("# \"a.b\" [x\n[run]\ns = \"[[[{{.\"\n{key} = 1\n");
        assert_eq!(too_deep_at(&text).map(|o| line_col(&text, o)), Some((4, 1)));
        let text = format!("[run]\n[{key}]\n");
        assert_eq!(too_deep_at(&text).map(|o| line_col(&text, o)), Some((2, 1)));
        let text = format!("[run]\nx = {}1{}\n", "[".repeat(200), "]".repeat(200));
        assert_eq!(
            too_deep_at(&text).map(|o| line_col(&text, o)),
            Some((2, 85))
        );
        assert_eq!(
            too_deep_at("[run]\nx = [[1, 2], [3]]\ny.z = 'a.b.c'\n"),
            None
        );
    }

    #[test]
    fn a_too_deep_key_is_reported_at_its_line() {
        let key = vec!["a"; 100].join(".");
        let text = format!("[run]\nseed = 1\n{key} = 1\n");
        let e = toml::from_str::<toml::Table>(&text).unwrap_err();
        let ie = toml_error(&e, &text, "t.toml");
        assert_eq!(ie.position, Some((3, 1)), "{ie}");
        assert!(ie.to_string().starts_with("t.toml:3:1: "), "{ie}");
    }
}
