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

    /// The shard from the batch system's environment.
    ///
    /// The rule, the same for a full submission and for resubmitting some
    /// tasks: the shard index is the array index minus `base` (the first
    /// index of the array as *declared* in the job script, `--shard-base`,
    /// 0 by default), and the number of shards is `count` (`--shards`).
    /// Slurm's `SLURM_ARRAY_TASK_MIN` and `SLURM_ARRAY_TASK_COUNT` describe
    /// the array *as submitted*: `sbatch --array=2` to rerun one task sets
    /// them to 2 and 1, so they cannot say which shard a task is. They are
    /// used only to check a full submission (`COUNT` equal to `--shards`
    /// with `MIN` not equal to the base is an error naming the fix), and,
    /// without `--shards`, `SLURM_ARRAY_TASK_COUNT` is taken as the number of
    /// shards only when the array starts at the base (a full submission).
    pub fn from_env(
        count: Option<u32>,
        base: u32,
        get: impl Fn(&str) -> Option<String>,
    ) -> Result<Shard> {
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
        let origin = format!("--shard-from-env ({}={})", var.0, var.1);
        let id = num(var.0, &var.1)?;
        let index = id.checked_sub(base).ok_or_else(|| {
            bad(
                &origin,
                format!("the array index {id} is below --shard-base {base}"),
                "give --shard-base the first index of the array as declared in the job script (#SBATCH --array=0-7: 0)",
            )
        })?;
        let mut env_count = None;
        if var.0 == "SLURM_ARRAY_TASK_ID" {
            let min = get("SLURM_ARRAY_TASK_MIN")
                .map(|m| num("SLURM_ARRAY_TASK_MIN", &m))
                .transpose()?;
            let task_count = get("SLURM_ARRAY_TASK_COUNT")
                .map(|c| num("SLURM_ARRAY_TASK_COUNT", &c))
                .transpose()?;
            if let (Some(min), Some(tc)) = (min, task_count) {
                let full = count == Some(tc);
                if full && min != base {
                    return Err(bad(
                        &origin,
                        format!(
                            "the array starts at {min} (SLURM_ARRAY_TASK_MIN) but shards are counted from --shard-base {base}"
                        ),
                        &format!(
                            "add --shard-base {min} to the job script, and keep it when resubmitting single tasks"
                        ),
                    ));
                }
                if min == base {
                    env_count = Some(tc);
                }
            }
        }
        let count = count.or(env_count).ok_or_else(|| {
            bad(
                &origin,
                format!("{} gives the index but not the number of shards", var.0),
                "add --shards N (the number of array tasks of the whole sweep; needed to resubmit single tasks), and --shard-base B if the array is declared from B",
            )
        })?;
        Shard::new(index, count, &origin).map_err(|_| {
            bad(
                &origin,
                format!(
                    "array index {id} minus --shard-base {base} is shard {index}, but there are {count} shards (0 to {})",
                    count.saturating_sub(1)
                ),
                "declare the array as --array=BASE-(BASE+N-1) with --shard-base BASE and --shards N",
            )
        })
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
            1,
            env(&[
                ("SLURM_ARRAY_TASK_ID", "3"),
                ("SLURM_ARRAY_TASK_MIN", "1"),
                ("SLURM_ARRAY_TASK_COUNT", "7"),
            ]),
        )
        .unwrap();
        assert_eq!(s, Shard { index: 2, count: 7 });
        let s = Shard::from_env(Some(4), 0, env(&[("JOB_COMPLETION_INDEX", "3")])).unwrap();
        assert_eq!(s, Shard { index: 3, count: 4 });
        let s = Shard::from_env(Some(4), 0, env(&[("AWS_BATCH_JOB_ARRAY_INDEX", "0")])).unwrap();
        assert_eq!(s, Shard { index: 0, count: 4 });
        assert!(Shard::from_env(None, 0, env(&[("JOB_COMPLETION_INDEX", "3")])).is_err());
        assert!(Shard::from_env(Some(4), 0, env(&[])).is_err());
        assert!(Shard::from_env(Some(4), 0, env(&[("JOB_COMPLETION_INDEX", "4")])).is_err());
    }

    #[test]
    fn slurm_resubmission_of_one_task() {
        let env = |id: &'static str, min: &'static str, n: &'static str| {
            move |k: &str| match k {
                "SLURM_ARRAY_TASK_ID" => Some(id.to_string()),
                "SLURM_ARRAY_TASK_MIN" => Some(min.to_string()),
                "SLURM_ARRAY_TASK_COUNT" => Some(n.to_string()),
                _ => None,
            }
        };
        // Full submission --array=0-7, then `sbatch --array=2` to rerun one.
        let full = Shard::from_env(Some(8), 0, env("2", "0", "8")).unwrap();
        let again = Shard::from_env(Some(8), 0, env("2", "2", "1")).unwrap();
        assert_eq!(full, Shard { index: 2, count: 8 });
        assert_eq!(again, full);
        // Arrays declared from 1: --array=1-8 with --shard-base 1.
        let again = Shard::from_env(Some(8), 1, env("3", "3", "1")).unwrap();
        assert_eq!(again, Shard { index: 2, count: 8 });
        // A full array from 1 without --shard-base is refused, naming the fix.
        let e = Shard::from_env(Some(8), 0, env("3", "1", "8")).unwrap_err();
        assert!(e.to_string().contains("--shard-base 1"), "{e}");
        // Without --shards a resubmitted task cannot know the number of shards.
        let e = Shard::from_env(None, 0, env("2", "2", "1")).unwrap_err();
        assert!(e.to_string().contains("--shards"), "{e}");
        // Beyond the last shard.
        assert!(Shard::from_env(Some(8), 0, env("8", "8", "1")).is_err());
    }
}
