//! The HTCondor example (`examples/htcondor`), run through an emulation of
//! the part of HTCondor it uses. This is not a real HTCondor pool: HTCondor
//! cannot be installed on CI (no Debian package, and only package
//! registries are reachable). What is emulated, strictly:
//!
//! - the DAG (`sweep.dag`): `JOB name file` and `PARENT ... CHILD ...`
//!   lines, run in dependency order; a node runs only when every parent
//!   succeeded (any other line is an error);
//! - each submit file as `condor_submit -append 'NAME = value' FILE` would
//!   read it: `name = value` lines, `$(name)` macros (with `$(Process)`,
//!   `$(ProcId)`, `$(Cluster)` and `$(ClusterId)`), one `queue [N]` at the
//!   end; the submit commands `executable`, `arguments` (old and new
//!   syntax), `environment` (new syntax), `getenv` (true or false),
//!   `initialdir`, `universe = vanilla`, `request_cpus`, `request_memory`,
//!   `request_disk`, `should_transfer_files = NO` (a shared file system),
//!   `output`, `error` and `log`. A name that is not one of those commands
//!   must be a macro the file uses; an unknown command, a macro used but
//!   never defined, or anything not emulated is an error, so a mistake in
//!   the files fails the test rather than being skipped;
//! - each job: the executable run with its arguments in the submit folder,
//!   with only the environment the file gives it (jobs do not get the
//!   submitter's environment unless `getenv = true`), standard output and
//!   error to the files named, which must be in folders that exist (HTCondor
//!   holds the job otherwise), all jobs of a cluster at once.
//!
//! The shards and the merge are then checked against a single-machine
//! sweep of the same file: every file but `manifest.json` byte-identical,
//! as `.ci/slurm_test.sh` checks the Slurm example.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Submit commands the emulation understands.
const COMMANDS: [&str; 15] = [
    "executable",
    "arguments",
    "environment",
    "getenv",
    "initialdir",
    "universe",
    "request_cpus",
    "request_memory",
    "request_disk",
    "should_transfer_files",
    "when_to_transfer_output",
    "output",
    "error",
    "log",
    "notification",
];

/// Macros HTCondor defines for every job.
const AUTOMATIC: [&str; 4] = ["process", "procid", "cluster", "clusterid"];

/// One job of a cluster, ready to run.
#[derive(Debug, PartialEq)]
struct Job {
    executable: String,
    arguments: Vec<String>,
    environment: Vec<(String, String)>,
    getenv: bool,
    initialdir: String,
    output: Option<String>,
    error: Option<String>,
    log: Option<String>,
}

/// Every `$(name)` in `text`, lower-cased.
fn macro_uses(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("$(") {
        let after = &rest[i + 2..];
        match after.find(')') {
            Some(j) => {
                out.push(after[..j].trim().to_ascii_lowercase());
                rest = &after[j + 1..];
            }
            None => break,
        }
    }
    out
}

/// Expand the macros of `text` from `vars` (lower-case names), recursively;
/// an unknown macro, a default (`$(name:x)`), `$$(...)` or a loop is an error.
fn expand(text: &str, vars: &BTreeMap<String, String>, depth: u32) -> Result<String, String> {
    if depth > 20 {
        return Err(format!("macros nest too deep (a loop?) in `{text}`"));
    }
    if text.contains("$$(") {
        return Err(format!("`$$(...)` is not emulated: `{text}`"));
    }
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("$(") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let j = after
            .find(')')
            .ok_or_else(|| format!("unclosed `$(` in `{text}`"))?;
        let name = after[..j].trim().to_ascii_lowercase();
        let value = vars
            .get(&name)
            .ok_or_else(|| format!("macro `$({})` is not defined", &after[..j]))?;
        out.push_str(&expand(value, vars, depth + 1)?);
        rest = &after[j + 1..];
    }
    out.push_str(rest);
    if out.contains("$(") {
        return Err(format!("unexpanded macro left in `{out}`"));
    }
    Ok(out)
}

/// Split `arguments` as HTCondor does: the new syntax (the whole value in
/// double quotes; whitespace separates, single quotes group, `''` and `""`
/// are a literal quote) or the old one (whitespace separates, `\"` is a
/// double quote).
fn split_arguments(value: &str) -> Result<Vec<String>, String> {
    let v = value.trim();
    if let Some(inner) = v.strip_prefix('"') {
        let inner = inner
            .strip_suffix('"')
            .ok_or_else(|| format!("arguments open a double quote and do not close it: {v}"))?;
        let chars: Vec<char> = inner.chars().collect();
        let mut args = Vec::new();
        let mut cur = String::new();
        let (mut in_arg, mut quoted) = (false, false);
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let next = chars.get(i + 1).copied();
            if c == '"' {
                if next == Some('"') {
                    cur.push('"');
                    in_arg = true;
                    i += 2;
                    continue;
                }
                return Err(format!("a lone double quote inside quoted arguments: {v}"));
            }
            if c == '\'' {
                if quoted && next == Some('\'') {
                    cur.push('\'');
                    i += 2;
                    continue;
                }
                quoted = !quoted;
                in_arg = true;
            } else if c.is_whitespace() && !quoted {
                if in_arg {
                    args.push(std::mem::take(&mut cur));
                    in_arg = false;
                }
            } else {
                cur.push(c);
                in_arg = true;
            }
            i += 1;
        }
        if quoted {
            return Err(format!("a single quote is not closed in arguments: {v}"));
        }
        if in_arg {
            args.push(cur);
        }
        Ok(args)
    } else {
        if v.contains('\'') {
            return Err(format!(
                "single quotes do not group in the old arguments syntax (quote the whole value): {v}"
            ));
        }
        Ok(v.split_whitespace()
            .map(|a| a.replace("\\\"", "\""))
            .collect())
    }
}

/// A submit file as `condor_submit -append ...` reads it: the jobs of its
/// one cluster.
fn submit(text: &str, append: &[(&str, &str)], cluster: u32) -> Result<Vec<Job>, String> {
    // Logical lines: comments and blank lines dropped, `\` continues.
    let mut lines: Vec<(usize, String)> = Vec::new();
    let mut pending: Option<(usize, String)> = None;
    for (i, raw) in text.lines().enumerate() {
        let t = raw.trim();
        if pending.is_none() && (t.is_empty() || t.starts_with('#')) {
            continue;
        }
        let (n, mut acc) = pending.take().unwrap_or((i + 1, String::new()));
        match t.strip_suffix('\\') {
            Some(head) => {
                acc.push_str(head);
                acc.push(' ');
                pending = Some((n, acc));
            }
            None => {
                acc.push_str(t);
                lines.push((n, acc));
            }
        }
    }
    if pending.is_some() {
        return Err("the last line ends with `\\`".into());
    }
    let mut assigned: Vec<(usize, String, String)> = Vec::new();
    let mut queue: Option<(usize, String)> = None;
    for (n, l) in &lines {
        if queue.is_some() {
            return Err(format!(
                "line {n}: `{l}` after `queue` (one cluster per file is emulated)"
            ));
        }
        let lower = l.to_ascii_lowercase();
        if lower == "queue" || lower.starts_with("queue ") {
            queue = Some((*n, l[5..].trim().to_string()));
            continue;
        }
        let (k, v) = l
            .split_once('=')
            .ok_or_else(|| format!("line {n}: `{l}` is neither `name = value` nor `queue`"))?;
        let k = k.trim();
        if k.is_empty()
            || !k
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        {
            return Err(format!(
                "line {n}: `{k}` is not a submit command or macro name"
            ));
        }
        if k.starts_with('+') || k.contains('.') {
            return Err(format!("line {n}: job attributes (`{k}`) are not emulated"));
        }
        assigned.push((*n, k.to_ascii_lowercase(), v.trim().to_string()));
    }
    let (_, count) = queue.ok_or("no `queue` statement: nothing would be submitted")?;
    // A name that is not a command must be a macro this file uses.
    let uses: BTreeSet<String> = assigned
        .iter()
        .flat_map(|(_, _, v)| macro_uses(v))
        .chain(macro_uses(&count))
        .collect();
    for (n, k, _) in &assigned {
        if !COMMANDS.contains(&k.as_str()) && !uses.contains(k) {
            return Err(format!(
                "line {n}: `{k}` is not a submit command this emulation knows, and no $({k}) uses it as a macro"
            ));
        }
        if AUTOMATIC.contains(&k.as_str()) {
            return Err(format!(
                "line {n}: `{k}` is set by HTCondor, not by the file"
            ));
        }
    }
    // `-append` commands come just before `queue`, so they win.
    let mut vars: BTreeMap<String, String> = BTreeMap::new();
    for (_, k, v) in &assigned {
        vars.insert(k.clone(), v.clone());
    }
    for (k, v) in append {
        vars.insert(k.to_ascii_lowercase(), v.to_string());
    }
    let mut base = vars.clone();
    for a in AUTOMATIC {
        base.insert(
            a.into(),
            if a.starts_with("cluster") {
                cluster.to_string()
            } else {
                "0".into()
            },
        );
    }
    let count = if count.is_empty() {
        1
    } else {
        let c = expand(&count, &base, 0)?;
        c.trim()
            .parse::<u32>()
            .map_err(|_| format!("`queue {c}`: only `queue` and `queue N` are emulated"))?
    };
    if count == 0 {
        return Err("`queue 0` submits nothing".into());
    }
    // Values HTCondor checks at submit time.
    let get = |k: &str| vars.get(k).map(String::as_str);
    if let Some(u) = get("universe") {
        if !u.eq_ignore_ascii_case("vanilla") {
            return Err(format!("universe `{u}` is not emulated (vanilla only)"));
        }
    }
    match get("should_transfer_files") {
        Some(s) if s.eq_ignore_ascii_case("no") => {}
        Some(s) => {
            return Err(format!(
                "should_transfer_files = {s}: file transfer is not emulated (a shared file system only)"
            ))
        }
        None => {
            return Err("should_transfer_files is not given: say NO for a shared file system".into())
        }
    }
    if get("when_to_transfer_output").is_some() {
        return Err("when_to_transfer_output needs file transfer, which is not emulated".into());
    }
    if let Some(c) = get("request_cpus") {
        expand(c, &base, 0)?
            .parse::<u32>()
            .map_err(|_| format!("request_cpus = {c} is not a whole number"))?;
    }
    for k in ["request_memory", "request_disk"] {
        if let Some(v) = get(k) {
            let v = expand(v, &base, 0)?;
            let digits = v.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let unit = &v[digits.len()..];
            let unit_ok = ["", "K", "KB", "M", "MB", "G", "GB", "T", "TB"]
                .iter()
                .any(|u| u.eq_ignore_ascii_case(unit));
            if digits.trim().parse::<f64>().is_err() || !unit_ok {
                return Err(format!(
                    "{k} = {v} is not a size (a number and K, M, G or T)"
                ));
            }
        }
    }
    let getenv = match get("getenv") {
        None => false,
        Some(g) if ["true", "false"].contains(&g.to_ascii_lowercase().as_str()) => {
            g.eq_ignore_ascii_case("true")
        }
        Some(g) => return Err(format!("getenv = {g}: only true or false is emulated")),
    };
    let mut jobs = Vec::new();
    for p in 0..count {
        let mut v = base.clone();
        v.insert("process".into(), p.to_string());
        v.insert("procid".into(), p.to_string());
        let field = |k: &str| -> Result<Option<String>, String> {
            vars.get(k).map(|t| expand(t, &v, 0)).transpose()
        };
        let executable = field("executable")?.ok_or("no `executable`")?;
        if !Path::new(&executable).is_absolute() {
            return Err(format!(
                "executable = {executable}: without file transfer it must be a full path on the execute node"
            ));
        }
        let arguments = match field("arguments")? {
            Some(a) => split_arguments(&a)?,
            None => Vec::new(),
        };
        let environment = match field("environment")? {
            None => Vec::new(),
            Some(e) if e.trim_start().starts_with('"') => split_arguments(&e)?
                .into_iter()
                .map(|kv| {
                    kv.split_once('=')
                        .map(|(a, b)| (a.to_string(), b.to_string()))
                        .ok_or_else(|| format!("environment entry `{kv}` is not NAME=value"))
                })
                .collect::<Result<_, _>>()?,
            Some(e) => {
                return Err(format!(
                    "environment = {e}: only the new syntax (in double quotes) is emulated"
                ))
            }
        };
        jobs.push(Job {
            executable,
            arguments,
            environment,
            getenv,
            initialdir: field("initialdir")?.unwrap_or_else(|| ".".into()),
            output: field("output")?,
            error: field("error")?,
            log: field("log")?,
        });
    }
    Ok(jobs)
}

/// A DAG's nodes (name, submit file) in an order that respects every
/// `PARENT ... CHILD ...` line.
fn dag(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut nodes: Vec<(String, String)> = Vec::new();
    let mut edges: Vec<(String, String)> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let t = raw.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let words: Vec<&str> = t.split_whitespace().collect();
        match words[0].to_ascii_uppercase().as_str() {
            "JOB" => {
                if words.len() != 3 {
                    return Err(format!(
                        "line {n}: `JOB name file` (options are not emulated)"
                    ));
                }
                if nodes.iter().any(|(a, _)| a == words[1]) {
                    return Err(format!("line {n}: node `{}` twice", words[1]));
                }
                nodes.push((words[1].into(), words[2].into()));
            }
            "PARENT" => {
                let c = words
                    .iter()
                    .position(|w| w.eq_ignore_ascii_case("CHILD"))
                    .ok_or_else(|| format!("line {n}: PARENT without CHILD"))?;
                let (parents, children) = (&words[1..c], &words[c + 1..]);
                if parents.is_empty() || children.is_empty() {
                    return Err(format!("line {n}: PARENT and CHILD each need a node"));
                }
                for p in parents {
                    for ch in children {
                        edges.push((p.to_string(), ch.to_string()));
                    }
                }
            }
            w => {
                return Err(format!(
                    "line {n}: `{w}` is not emulated (JOB, PARENT only)"
                ))
            }
        }
    }
    for (p, c) in &edges {
        for x in [p, c] {
            if !nodes.iter().any(|(a, _)| a == x) {
                return Err(format!("PARENT/CHILD names `{x}`, which no JOB defines"));
            }
        }
    }
    // Kahn's algorithm, in file order among the ready nodes.
    let mut order = Vec::new();
    let mut done: BTreeSet<String> = BTreeSet::new();
    while order.len() < nodes.len() {
        let next = nodes.iter().find(|(a, _)| {
            !done.contains(a) && edges.iter().all(|(p, c)| c != a || done.contains(p))
        });
        let Some(node) = next else {
            return Err("the DAG has a cycle".into());
        };
        done.insert(node.0.clone());
        order.push(node.clone());
    }
    Ok(order)
}

/// Run a cluster's jobs at once in `dir` (the submit folder); `Err` names
/// the first job that failed, with its standard error.
fn run_cluster(jobs: &[Job], dir: &Path) -> Result<(), String> {
    let mut running = Vec::new();
    for (p, j) in jobs.iter().enumerate() {
        let cwd = dir.join(&j.initialdir);
        if !cwd.is_dir() {
            return Err(format!("initialdir {} does not exist", j.initialdir));
        }
        for f in [&j.output, &j.error, &j.log].into_iter().flatten() {
            let parent = cwd
                .join(f)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            if !parent.is_dir() {
                return Err(format!(
                    "job {p}: {f}: folder {} does not exist (HTCondor would refuse or hold the job)",
                    parent.display()
                ));
            }
        }
        if !Path::new(&j.executable).is_file() {
            return Err(format!(
                "job {p}: executable {} does not exist",
                j.executable
            ));
        }
        let mut c = Command::new(&j.executable);
        c.args(&j.arguments).current_dir(&cwd);
        if !j.getenv {
            c.env_clear();
        }
        c.envs(j.environment.iter().map(|(a, b)| (a, b)));
        let file = |f: &Option<String>| -> Stdio {
            match f {
                Some(f) => std::fs::File::create(cwd.join(f)).unwrap().into(),
                None => Stdio::null(),
            }
        };
        c.stdin(Stdio::null())
            .stdout(file(&j.output))
            .stderr(file(&j.error));
        if let Some(l) = &j.log {
            use std::io::Write as _;
            let mut log = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(cwd.join(l))
                .unwrap();
            writeln!(log, "000 job {p} submitted (emulated)").unwrap();
        }
        running.push((p, c.spawn().map_err(|e| format!("job {p}: {e}"))?, cwd));
    }
    let mut failed = None;
    for (p, mut child, cwd) in running {
        let status = child.wait().unwrap();
        if !status.success() && failed.is_none() {
            let err = jobs[p]
                .error
                .as_ref()
                .and_then(|e| std::fs::read_to_string(cwd.join(e)).ok())
                .unwrap_or_default();
            failed = Some(format!("job {p} exited with {status}: {err}"));
        }
    }
    failed.map_or(Ok(()), Err)
}

/// Files under `dir` (relative paths), recursively.
fn files(dir: &Path) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out
}

/// Options every shard gets on top of the shipped ones: a tiny sweep.
const EXTRA: &str = "--scale 0.0005 --replicates 2 --set run.horizon_months=24";

#[test]
fn shipped_htcondor_dag_merges_to_the_single_machine_sweep() {
    let w = tempfile::tempdir().unwrap();
    let w = w.path();
    // The repository's top folder, as the files expect: they are submitted
    // from there and read scenarios/ from it.
    for d in ["examples", "scenarios"] {
        std::os::unix::fs::symlink(repo().join(d), w.join(d)).unwrap();
    }
    std::fs::create_dir(w.join("logs")).unwrap();
    let bin = env!("CARGO_BIN_EXE_carescale");
    let append = [("CARESCALE", bin), ("EXTRA", EXTRA)];
    let dag_text = std::fs::read_to_string(w.join("examples/htcondor/sweep.dag")).unwrap();
    let nodes = dag(&dag_text).unwrap_or_else(|e| panic!("sweep.dag: {e}"));
    let names: Vec<&str> = nodes.iter().map(|n| n.0.as_str()).collect();
    assert_eq!(names, ["shards", "merge"]);
    let mut sweep_file = None;
    for (cluster, (name, file)) in nodes.iter().enumerate() {
        let text = std::fs::read_to_string(w.join(file)).unwrap();
        // As `condor_submit -append 'CARESCALE = ...' -append 'EXTRA = ...'`.
        let jobs =
            submit(&text, &append, cluster as u32 + 1).unwrap_or_else(|e| panic!("{file}: {e}"));
        if name == "shards" {
            assert_eq!(jobs.len(), 8, "{file}: one job per shard");
            let sw = jobs[0].arguments.get(1).cloned().unwrap();
            sweep_file = Some(sw);
            // EXTRA reached the shards (or they would run the full sweep).
            assert!(
                jobs[0].arguments.contains(&"0.0005".to_string()),
                "{:?}",
                jobs[0].arguments
            );
            for (k, j) in jobs.iter().enumerate() {
                assert!(
                    j.arguments
                        .windows(2)
                        .any(|a| a[0] == "--shard" && a[1] == format!("{k}/8")),
                    "job {k}: {:?}",
                    j.arguments
                );
            }
        }
        run_cluster(&jobs, w).unwrap_or_else(|e| panic!("node {name} ({file}): {e}"));
    }
    // Every shard's log and output files were written where the file says.
    assert!(w.join("logs/sweep-1.log").is_file());
    assert!(w.join("logs/sweep-1.7.err").is_file());
    let merged = w.join("results/rollout_pace_x_support");
    assert!(
        merged.join("summary.csv").is_file(),
        "the merge wrote no results"
    );
    // The same sweep on one machine.
    let sweep = sweep_file.unwrap();
    let mut args = vec!["sweep", sweep.as_str(), "--quiet", "--out", "single"];
    args.extend(EXTRA.split_whitespace());
    let out = Command::new(bin)
        .args(&args)
        .current_dir(w)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let single = w.join("single");
    let skip = |p: &PathBuf| p.file_name().is_some_and(|n| n == "manifest.json");
    let (a, b): (BTreeSet<PathBuf>, BTreeSet<PathBuf>) = (
        files(&single).into_iter().filter(|p| !skip(p)).collect(),
        files(&merged).into_iter().filter(|p| !skip(p)).collect(),
    );
    assert_eq!(
        a, b,
        "the merged folder has other files than the single-machine one"
    );
    assert!(a.len() >= 5, "{a:?}");
    for f in &a {
        assert!(
            std::fs::read(single.join(f)).unwrap() == std::fs::read(merged.join(f)).unwrap(),
            "{} differs between the HTCondor merge and the single-machine sweep",
            f.display()
        );
    }
}

/// The emulation refuses what it does not know, so a mistake in the
/// shipped files fails the test above instead of being ignored.
#[test]
fn the_submit_emulation_is_strict() {
    let sub = std::fs::read_to_string(repo().join("examples/htcondor/sweep.sub")).unwrap();
    let app = [("CARESCALE", "/bin/true")];
    let jobs = submit(&sub, &app, 7).unwrap();
    assert_eq!(jobs.len(), 8);
    assert_eq!(jobs[3].output.as_deref(), Some("logs/sweep-7.3.out"));
    assert!(jobs[3]
        .arguments
        .contains(&"results/parts/part-3".to_string()));
    assert!(!jobs[0].arguments.iter().any(|a| a.contains("$(")));
    let bad = |edit: &dyn Fn(&str) -> String, want: &str| {
        let e = submit(&edit(&sub), &app, 1).expect_err(want);
        assert!(e.contains(want), "{e}");
    };
    // A misspelt command is neither a command nor a macro in use.
    bad(
        &|s| s.replace("executable  =", "executible  ="),
        "`executible` is not a submit command",
    );
    // A misspelt macro is never defined.
    bad(
        &|s| s.replace("part-$(Process)", "part-$(Proces)"),
        "macro `$(Proces)` is not defined",
    );
    bad(&|s| s.replace("queue $(N)", ""), "no `queue`");
    bad(
        &|s| s.replace("queue $(N)", "queue 2 from list.txt"),
        "only `queue` and `queue N`",
    );
    bad(
        &|s| s.replace("should_transfer_files = NO", "should_transfer_files = YES"),
        "file transfer is not emulated",
    );
    bad(
        &|s| s.replace("request_memory = 4GB", "request_memory = four"),
        "not a size",
    );
    bad(&|s| format!("{s}\nqueue\n"), "after `queue`");
    let e = submit(&sub, &[("CARESCALE", "carescale")], 1).unwrap_err();
    assert!(e.contains("must be a full path"), "{e}");
    // Arguments, both syntaxes.
    assert_eq!(
        split_arguments(r#""-c 'a b' x ''''""#).unwrap(),
        ["-c", "a b", "x", "'"]
    );
    assert_eq!(
        split_arguments(r#"a  \"b\" c"#).unwrap(),
        ["a", "\"b\"", "c"]
    );
    assert!(split_arguments(r#""a 'b""#).is_err());
    // The DAG: unknown nodes, cycles and unknown keywords.
    assert!(dag("JOB a a.sub\nPARENT a CHILD b\n")
        .unwrap_err()
        .contains("`b`"));
    assert!(
        dag("JOB a a.sub\nJOB b b.sub\nPARENT a CHILD b\nPARENT b CHILD a\n")
            .unwrap_err()
            .contains("cycle")
    );
    assert!(dag("JOB a a.sub\nRETRY a 3\n")
        .unwrap_err()
        .contains("RETRY"));
    assert_eq!(
        dag("JOB m m.sub\nJOB s s.sub\nPARENT s CHILD m\n").unwrap(),
        [
            ("s".to_string(), "s.sub".to_string()),
            ("m".into(), "m.sub".into())
        ]
    );
    // A job whose log folder is missing is not run.
    let d = tempfile::tempdir().unwrap();
    let jobs = submit(&sub, &app, 1).unwrap();
    let e = run_cluster(&jobs, d.path()).unwrap_err();
    assert!(e.contains("does not exist"), "{e}");
}
