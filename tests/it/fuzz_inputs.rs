//! A fuzz corpus over scenario and sweep parsing, driven by proptest with a
//! fixed budget: the shipped scenario and sweep files mutated at random
//! (byte flips, truncations, deletions, duplicated lines, huge numbers, odd
//! Unicode, quoted control characters), read from a file as the commands
//! read them, then checked (and sweeps expanded into their plan). Never a
//! panic; every error is an input or I/O error with text and no raw control
//! characters. A fixed seed and case count make every run the same, well
//! under a minute in release.

use carescale::error::Error;
use carescale::experiment::sweep::{Overrides, Plan, Sweep};
use carescale::scenario::Scenario;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::path::{Path, PathBuf};

/// Cases per kind of file; raise locally for a longer hunt.
const CASES: u32 = 300;
/// The fixed seed of the corpus.
const SEED: [u8; 32] = *b"carescale-fuzz-inputs-corpus-v1!";

#[derive(Clone, Debug)]
enum Mutation {
    Flip(usize, u8),
    Truncate(usize),
    Delete(usize, usize),
    DuplicateLine(usize),
    HugeNumber(usize, usize),
    Insert(usize, usize),
}

/// Things worth inserting: odd Unicode, control characters, TOML syntax.
const INSERTS: &[&str] = &[
    "\u{1b}[2J",
    "\"\\u001b]0;x\\u0007\" = 1\n",
    "\u{202e}",
    "\u{feff}",
    "\u{10ffff}",
    "é",
    "𝕏",
    "\0",
    "\r",
    "[[",
    "]]",
    "=",
    "\"",
    "'''",
    "\n[run]\n",
    "\n[[sites]]\nname = \"z\"\npopulation = 1\n",
    "seed = \"18446744073709551616\"\n",
    "nan",
    "-inf",
    "1e309",
    "9223372036854775808",
    "-9223372036854775809",
    "0x7fffffffffffffff",
    "9999-12-31",
    "1979-05-27T07:32:00Z",
];

const HUGE: &[&str] = &[
    "1e308",
    "-1e308",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551615",
    "4294967296",
    "0.0000000000000000000001",
    "inf",
    "nan",
    "-0",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), 0..HUGE.len()).prop_map(|(i, k)| Mutation::HugeNumber(i, k)),
        (any::<usize>(), 0..INSERTS.len()).prop_map(|(i, k)| Mutation::Insert(i, k)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let n = bytes.len().max(1);
    match *m {
        Mutation::Flip(i, b) => {
            if !bytes.is_empty() {
                bytes[i % n] ^= b.max(1);
            }
        }
        Mutation::Truncate(i) => bytes.truncate(i % n),
        Mutation::Delete(i, len) => {
            let s = (i % n).min(bytes.len());
            let e = (s + len).min(bytes.len());
            bytes.drain(s..e);
        }
        Mutation::DuplicateLine(i) => {
            let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
            let k = i % lines.len();
            let mut out = Vec::with_capacity(bytes.len() * 2);
            for (j, l) in lines.iter().enumerate() {
                out.extend_from_slice(l);
                out.push(b'\n');
                if j == k {
                    out.extend_from_slice(l);
                    out.push(b'\n');
                }
            }
            *bytes = out;
        }
        Mutation::HugeNumber(i, k) => {
            // Replace the next number after a position with a huge one.
            let start = i % n;
            if let Some(s) = (start..bytes.len()).find(|&j| bytes[j].is_ascii_digit()) {
                let e = (s..bytes.len())
                    .find(|&j| !(bytes[j].is_ascii_digit() || bytes[j] == b'.'))
                    .unwrap_or(bytes.len());
                bytes.splice(s..e, HUGE[k].bytes());
            }
        }
        Mutation::Insert(i, k) => {
            let at = (i % n).min(bytes.len());
            bytes.splice(at..at, INSERTS[k].bytes());
        }
    }
}

/// The shipped files of a folder (`.toml`).
fn shipped(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect();
    v.sort();
    v
}

/// Every error is a user error with text and no raw control characters.
fn check_error(e: &Error) -> Result<(), TestCaseError> {
    prop_assert!(
        matches!(e, Error::Input(_) | Error::Io { .. }),
        "not an input or I/O error: {e:?}"
    );
    let text = e.to_string();
    prop_assert!(!text.trim().is_empty(), "empty error text");
    prop_assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "raw control character in: {text:?}"
    );
    if let Error::Input(v) = e {
        prop_assert!(!v.is_empty());
        for ie in v {
            prop_assert!(!ie.message.trim().is_empty(), "empty message: {ie:?}");
        }
    }
    Ok(())
}

fn runner(cases: u32) -> TestRunner {
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &SEED))
}

fn corpus(n: usize) -> impl Strategy<Value = (usize, Vec<Mutation>)> {
    (0..n, prop::collection::vec(mutation(), 1..6))
}

#[test]
fn fuzzed_scenarios_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let files = shipped(&root);
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("fuzzed.toml");
    runner(CASES)
        .run(&corpus(files.len()), |(k, muts)| {
            let mut bytes = files[k].1.clone();
            for m in &muts {
                apply(&mut bytes, m);
            }
            std::fs::write(&target, &bytes).unwrap();
            let sets = ["run.replicates=1".to_string()];
            for overrides in [&[][..], &sets[..]] {
                if let Err(e) = Scenario::from_file(&target, overrides) {
                    check_error(&e)?;
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn fuzzed_sweeps_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let files = shipped(&root.join("sweeps"));
    // The sweeps name their scenarios relative to their folder: mirror the
    // layout (scenarios beside, sweeps in `sweeps/`).
    let tmp = tempfile::tempdir().unwrap();
    for (p, b) in shipped(&root) {
        std::fs::write(tmp.path().join(p.file_name().unwrap()), b).unwrap();
    }
    std::fs::create_dir(tmp.path().join("sweeps")).unwrap();
    let target = tmp.path().join("sweeps").join("fuzzed.toml");
    runner(CASES / 2)
        .run(&corpus(files.len()), |(k, muts)| {
            let mut bytes = files[k].1.clone();
            for m in &muts {
                apply(&mut bytes, m);
            }
            std::fs::write(&target, &bytes).unwrap();
            let ov = Overrides {
                replicates: Some(1),
                scale: Some(0.01),
                ..Overrides::default()
            };
            match Sweep::from_file(&target, &ov) {
                Err(e) => check_error(&e)?,
                // Expanding the plan checks every cell's scenario.
                Ok(sw) => {
                    if let Err(e) = Plan::build(&sw) {
                        check_error(&e)?;
                    }
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_mutations_do_change_the_files() {
    let mut b = b"a = 1\nb = 2\n".to_vec();
    apply(&mut b, &Mutation::DuplicateLine(0));
    assert_eq!(b, b"a = 1\na = 1\nb = 2\n\n");
    let mut b = b"x = 12.5\n".to_vec();
    apply(&mut b, &Mutation::HugeNumber(0, 0));
    assert_eq!(b, b"x = 1e308\n");
}
