//! Sharding a plan across machines: shard *K* of *N* (K from 0) runs every
//! run whose index in plan order leaves remainder K when divided by N.
//! Round-robin keeps shards balanced whatever the design (each gets its
//! share of every cell). The index can come from the batch system's
//! environment: Slurm job arrays, Kubernetes Indexed Jobs, AWS Batch array
//! jobs.

use crate::error::{Error, Result};

/// Shard `index` of `count` (0 <= index < count).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// This shard, from 0.
    pub index: u32,
    /// Number of shards.
    pub count: u32,
}

/// Environment variables holding an array index, in the order they are read.
pub const INDEX_VARS: [&str; 3] = [
    "SLURM_ARRAY_TASK_ID",
    "JOB_COMPLETION_INDEX",
    "AWS_BATCH_JOB_ARRAY_INDEX",
];

fn bad(origin: &str, msg: String, hint: &str) -> Error {
    Error::input(origin, None, msg, Some(hint))
}

impl Shard {
    /// The whole plan.
    pub const ALL: Shard = Shard { index: 0, count: 1 };

    /// A checked shard.
    pub fn new(index: u32, count: u32, origin: &str) -> Result<Shard> {
        if count == 0 || index >= count {
            return Err(bad(
                origin,
                format!("shard {index}/{count} does not exist"),
                "shards are numbered from 0: --shard 0/4 ... --shard 3/4",
            ));
        }
        Ok(Shard { index, count })
    }

    /// Parse `K/N`.
    pub fn parse(s: &str) -> Result<Shard> {
        let hint = "write --shard K/N with K from 0 to N-1, e.g. --shard 0/4";
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| bad("--shard", format!("`{s}` is not K/N"), hint))?;
        let k: u32 = k
            .trim()
            .parse()
            .map_err(|_| bad("--shard", format!("`{k}` is not a shard number"), hint))?;
        let n: u32 = n
            .trim()
            .parse()
            .map_err(|_| bad("--shard", format!("`{n}` is not a number of shards"), hint))?;
        Shard::new(k, n, "--shard")
    }

    /// The shard from the batch system's environment; `count` from
    /// `--shards`, or for Slurm from `SLURM_ARRAY_TASK_COUNT`. Slurm indices
    /// are taken relative to `SLURM_ARRAY_TASK_MIN`, so `--array=1-8` and
    /// `--array=0-7` both work.
    pub fn from_env(count: Option<u32>, get: impl Fn(&str) -> Option<String>) -> Result<Shard> {
        let hint = "run inside a Slurm job array, a Kubernetes Indexed Job or an AWS Batch array job, or give --shard K/N";
        let var = INDEX_VARS
            .iter()
            .find_map(|v| get(v).map(|x| (*v, x)))
            .ok_or_else(|| {
                bad(
                    "--shard-from-env",
                    format!("none of {} is set", INDEX_VARS.join(", ")),
                    hint,
                )
            })?;
        let num = |name: &str, v: &str| {
            v.trim().parse::<u32>().map_err(|_| {
                bad(
                    "--shard-from-env",
                    format!("{name}=`{v}` is not a whole number"),
                    hint,
                )
            })
        };
        let mut index = num(var.0, &var.1)?;
        let mut env_count = None;
        if var.0 == "SLURM_ARRAY_TASK_ID" {
            if let Some(min) = get("SLURM_ARRAY_TASK_MIN") {
                let min = num("SLURM_ARRAY_TASK_MIN", &min)?;
                index = index.checked_sub(min).ok_or_else(|| {
                    bad(
                        "--shard-from-env",
                        "SLURM_ARRAY_TASK_ID is below SLURM_ARRAY_TASK_MIN".into(),
                        hint,
                    )
                })?;
            }
            if let Some(c) = get("SLURM_ARRAY_TASK_COUNT") {
                env_count = Some(num("SLURM_ARRAY_TASK_COUNT", &c)?);
            }
        }
        let count = count.or(env_count).ok_or_else(|| {
            bad(
                "--shard-from-env",
                format!("{} gives the index but not the number of shards", var.0),
                "add --shards N (the number of array tasks)",
            )
        })?;
        Shard::new(
            index,
            count,
            &format!("--shard-from-env ({}={})", var.0, var.1),
        )
    }

    /// Does this shard run the run at `run_index` (in plan order)?
    pub fn owns(&self, run_index: u64) -> bool {
        run_index % self.count as u64 == self.index as u64
    }

    /// The shard of `count` that owns `run_index`.
    pub fn owner(run_index: u64, count: u32) -> u32 {
        (run_index % count as u64) as u32
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn every_run_is_in_exactly_one_shard(runs in 0u64..5000, n in 1u32..64) {
            let mut count = vec![0u32; runs as usize];
            for k in 0..n {
                let s = Shard::new(k, n, "t").unwrap();
                for (i, c) in count.iter_mut().enumerate() {
                    if s.owns(i as u64) {
                        *c += 1;
                    }
                }
            }
            prop_assert!(count.iter().all(|&c| c == 1));
        }

        #[test]
        fn shards_are_balanced(runs in 0u64..5000, n in 1u32..64) {
            let sizes: Vec<u64> = (0..n)
                .map(|k| (0..runs).filter(|&i| Shard::owner(i, n) == k).count() as u64)
                .collect();
            let (lo, hi) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
            prop_assert!(hi - lo <= 1);
        }
    }

    #[test]
    fn parse_and_env() {
        assert_eq!(Shard::parse("2/7").unwrap(), Shard { index: 2, count: 7 });
        assert!(Shard::parse("7/7").is_err());
        assert!(Shard::parse("x").is_err());
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        let s = Shard::from_env(
            None,
            env(&[
                ("SLURM_ARRAY_TASK_ID", "3"),
                ("SLURM_ARRAY_TASK_MIN", "1"),
                ("SLURM_ARRAY_TASK_COUNT", "7"),
            ]),
        )
        .unwrap();
        assert_eq!(s, Shard { index: 2, count: 7 });
        let s = Shard::from_env(Some(4), env(&[("JOB_COMPLETION_INDEX", "3")])).unwrap();
        assert_eq!(s, Shard { index: 3, count: 4 });
        let s = Shard::from_env(Some(4), env(&[("AWS_BATCH_JOB_ARRAY_INDEX", "0")])).unwrap();
        assert_eq!(s, Shard { index: 0, count: 4 });
        assert!(Shard::from_env(None, env(&[("JOB_COMPLETION_INDEX", "3")])).is_err());
        assert!(Shard::from_env(Some(4), env(&[])).is_err());
        assert!(Shard::from_env(Some(4), env(&[("JOB_COMPLETION_INDEX", "4")])).is_err());
    }
}
