//! [`Shard`]: one contiguous part of a cohort, `k/n` with `1 <= k <= n` (the form of
//! Slurm's `$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT` for `--array=1-n`).

use crate::error::{Error, Result};
use std::ops::Range;
use std::str::FromStr;

/// Shard `index` of `count` (1-based): patients `floor((k-1) N / n) .. floor(k N / n)` of
/// a cohort of `N`, so the shards of a split are contiguous, disjoint, cover the cohort and
/// differ in size by at most one patient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Shard {
    index: usize,
    count: usize,
}

impl Shard {
    /// Shard `index` of `count`, both 1-based: `1 <= index <= count`.
    pub fn new(index: usize, count: usize) -> Result<Self> {
        let spec = || format!("{index}/{count}");
        if count == 0 {
            return Err(Error::InvalidShard {
                spec: spec(),
                reason: "the number of shards must be at least 1",
            });
        }
        if index == 0 || index > count {
            return Err(Error::InvalidShard {
                spec: spec(),
                reason: "the shard number must be between 1 and the number of shards",
            });
        }
        Ok(Self { index, count })
    }

    /// Shard number, 1-based.
    pub fn index(&self) -> usize {
        self.index
    }

    /// Number of shards.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The patients (0-based indices) of this shard in a cohort of `patients`.
    pub fn range(&self, patients: usize) -> Range<usize> {
        let bound = |k: usize| {
            // k <= count and the product fits in u128; the quotient is <= patients.
            let value = (k as u128 * patients as u128) / self.count as u128;
            usize::try_from(value).unwrap_or(patients)
        };
        bound(self.index - 1)..bound(self.index)
    }

    /// File-name tag, `shard-3-of-10`.
    pub fn tag(&self) -> String {
        format!("shard-{}-of-{}", self.index, self.count)
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = Error;

    /// Parses `k/n` (e.g. `3/10`).
    fn from_str(spec: &str) -> Result<Self> {
        let invalid = |reason| Error::InvalidShard {
            spec: spec.to_string(),
            reason,
        };
        let (k, n) = spec
            .split_once('/')
            .ok_or_else(|| invalid("expected `k/n`, e.g. `3/10`"))?;
        let k = k
            .trim()
            .parse()
            .map_err(|_| invalid("the shard number is not a whole number"))?;
        let n = n
            .trim()
            .parse()
            .map_err(|_| invalid("the number of shards is not a whole number"))?;
        Shard::new(k, n).map_err(|_| match (k, n) {
            (_, 0) => invalid("the number of shards must be at least 1"),
            _ => invalid("the shard number must be between 1 and the number of shards"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn bad_specs_are_refused() {
        for spec in ["3/2", "0/0", "0/3", "1", "a/2", "1/b", "-1/2"] {
            assert!(
                matches!(spec.parse::<Shard>(), Err(Error::InvalidShard { .. })),
                "{spec}"
            );
        }
        let shard: Shard = "2/3".parse().unwrap();
        assert_eq!((shard.index(), shard.count()), (2, 3));
        assert_eq!(shard.to_string(), "2/3");
        assert_eq!(shard.tag(), "shard-2-of-3");
    }

    proptest! {
        #[test]
        fn shards_partition_the_cohort(patients in 0usize..500, count in 1usize..40) {
            let mut next = 0;
            for index in 1..=count {
                let range = Shard::new(index, count).unwrap().range(patients);
                prop_assert_eq!(range.start, next);
                prop_assert!(range.len() <= patients / count + 1);
                next = range.end;
            }
            prop_assert_eq!(next, patients);
        }
    }
}
