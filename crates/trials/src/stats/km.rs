//! The Kaplan–Meier estimator (Kaplan EL, Meier P (1958) Nonparametric estimation from
//! incomplete observations. J Am Stat Assoc 53(282):457-481) with Greenwood's variance
//! (Greenwood M (1926) The natural duration of cancer. Rep Public Health Med Subj 33) and
//! the log(-log) confidence band (Kalbfleisch JD, Prentice RL (1980) The statistical
//! analysis of failure time data, eq. 1.10; the `lifelines` default):
//!
//! ```text
//! S(t)   = prod_{t_j <= t} (1 - d_j / n_j)
//! G(t)   = sum_{t_j <= t} d_j / (n_j (n_j - d_j))            Var S = S² G
//! v(t)   = G(t) / ln(S(t))²
//! band   = [ S^exp(+z sqrt v),  S^exp(-z sqrt v) ]
//! ```
//!
//! `n_j` counts the subjects with a time `>= t_j` (a subject censored at `t_j` is still at
//! risk there). The median is the first time with `S <= 0.5`; its interval runs from the
//! first time the lower band reaches 0.5 to the first time the upper band does (`lifelines`
//! `median_survival_times` of the band).

use super::{check_confidence, check_survival, z_two_sided};
use oncodyn_core::{Error, Result};

/// Tolerance on `S <= q` so that an exact 0.5 reached through rounding counts.
const LEVEL_TOLERANCE: f64 = 1e-12;

/// The estimate at one distinct observed time.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct KmPoint {
    /// Time (day).
    pub time: f64,
    /// Subjects at risk just before `time`.
    pub at_risk: usize,
    /// Events at `time`.
    pub events: usize,
    /// Censorings at `time`.
    pub censored: usize,
    /// Survival just after `time`.
    pub survival: f64,
    /// Greenwood's variance of the survival estimate.
    pub variance: f64,
    /// Lower limit of the log(-log) band.
    pub lower: f64,
    /// Upper limit of the log(-log) band.
    pub upper: f64,
}

/// A Kaplan–Meier curve: one point per distinct time, ascending.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct KaplanMeier {
    /// Number of subjects.
    pub subjects: usize,
    /// Confidence level of the band.
    pub confidence: f64,
    /// The curve.
    pub points: Vec<KmPoint>,
}

/// The Kaplan–Meier estimate of `times` (day) with `events` (`true` = event, `false` =
/// censored) and a log(-log) band at `confidence`.
///
/// ```
/// use oncodyn_trials::stats::kaplan_meier;
/// let km = kaplan_meier(&[1.0, 2.0, 2.0, 3.0, 4.0], &[true, true, false, true, false], 0.95)?;
/// assert!((km.survival_at(2.5).0 - 0.6).abs() < 1e-12); // 4/5 × 3/4
/// assert_eq!(km.median(), Some(3.0));                    // 0.6 × 1/2 = 0.3 at t = 3
/// # Ok::<(), oncodyn_core::Error>(())
/// ```
pub fn kaplan_meier(times: &[f64], events: &[bool], confidence: f64) -> Result<KaplanMeier> {
    check_confidence(confidence)?;
    check_survival("kaplan-meier", times, events)?;
    if times.is_empty() {
        return Err(Error::InvalidAnalysis {
            analysis: "kaplan-meier",
            reason: "no subject".into(),
        });
    }
    let z = z_two_sided(confidence)?;
    let mut order: Vec<usize> = (0..times.len()).collect();
    order.sort_by(|&a, &b| times[a].total_cmp(&times[b]));
    let mut points = Vec::new();
    let (mut survival, mut greenwood) = (1.0_f64, 0.0_f64);
    let mut at_risk = times.len();
    let mut k = 0;
    while k < order.len() {
        let time = times[order[k]];
        let (mut n_events, mut n_censored) = (0, 0);
        while k < order.len() && times[order[k]].total_cmp(&time).is_eq() {
            if events[order[k]] {
                n_events += 1;
            } else {
                n_censored += 1;
            }
            k += 1;
        }
        if n_events > 0 {
            let (n, d) = (at_risk as f64, n_events as f64);
            survival *= 1.0 - d / n;
            greenwood = if n_events < at_risk {
                greenwood + d / (n * (n - d))
            } else {
                f64::INFINITY
            };
        }
        let (lower, upper) = band(survival, greenwood, z);
        let variance = if survival > 0.0 {
            survival * survival * greenwood
        } else {
            0.0
        };
        points.push(KmPoint {
            time,
            at_risk,
            events: n_events,
            censored: n_censored,
            survival,
            variance,
            lower,
            upper,
        });
        at_risk -= n_events + n_censored;
    }
    Ok(KaplanMeier {
        subjects: times.len(),
        confidence,
        points,
    })
}

/// The log(-log) band around `survival` with Greenwood sum `greenwood`.
fn band(survival: f64, greenwood: f64, z: f64) -> (f64, f64) {
    if survival <= 0.0 {
        return (0.0, 0.0);
    }
    let log_s = survival.ln();
    if log_s >= 0.0 || greenwood <= 0.0 {
        return (survival, survival);
    }
    let spread = z * (greenwood / (log_s * log_s)).sqrt();
    (survival.powf(spread.exp()), survival.powf((-spread).exp()))
}

impl KaplanMeier {
    /// Survival and band `(S, lower, upper)` at `time` (right-continuous; 1 before the
    /// first point).
    pub fn survival_at(&self, time: f64) -> (f64, f64, f64) {
        let after = self.points.partition_point(|p| p.time <= time);
        after
            .checked_sub(1)
            .and_then(|k| self.points.get(k))
            .map_or((1.0, 1.0, 1.0), |p| (p.survival, p.lower, p.upper))
    }

    /// First time at which `value(point) <= q`, if any.
    fn first_at_or_below(&self, q: f64, value: impl Fn(&KmPoint) -> f64) -> Option<f64> {
        self.points
            .iter()
            .find(|p| value(p) <= q + LEVEL_TOLERANCE)
            .map(|p| p.time)
    }

    /// Median survival time (`None`: not reached).
    pub fn median(&self) -> Option<f64> {
        self.first_at_or_below(0.5, |p| p.survival)
    }

    /// Confidence interval of the median from the band (`None`: limit not reached).
    pub fn median_interval(&self) -> (Option<f64>, Option<f64>) {
        (
            self.first_at_or_below(0.5, |p| p.lower),
            self.first_at_or_below(0.5, |p| p.upper),
        )
    }

    /// Number of events.
    pub fn events(&self) -> usize {
        self.points.iter().map(|p| p.events).sum()
    }

    /// Step function for plotting, from `(0, 1)` to the last time: `(times, survival,
    /// lower, upper)`, each jump drawn as two points at the same time.
    pub fn steps(&self) -> (Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>) {
        let n = 2 * self.points.len() + 1;
        let (mut t, mut s, mut lo, mut hi) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        t.push(0.0);
        s.push(1.0);
        lo.push(1.0);
        hi.push(1.0);
        for p in &self.points {
            if p.events > 0 {
                t.push(p.time);
                s.push(*s.last().unwrap_or(&1.0));
                lo.push(*lo.last().unwrap_or(&1.0));
                hi.push(*hi.last().unwrap_or(&1.0));
            }
            t.push(p.time);
            s.push(p.survival);
            lo.push(p.lower);
            hi.push(p.upper);
        }
        (t, s, lo, hi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use proptest::prelude::*;

    #[test]
    fn hand_computed_small_set() {
        // t: 1 2 2+ 3 4+ → S = 4/5, 3/5, 3/10; G(3) = 1/20 + 1/12 + 1/2.
        let km = kaplan_meier(
            &[1.0, 2.0, 2.0, 3.0, 4.0],
            &[true, true, false, true, false],
            0.95,
        )
        .unwrap();
        let s: Vec<f64> = km.points.iter().map(|p| p.survival).collect();
        assert_relative_eq!(s[0], 0.8, max_relative = 1e-14);
        assert_relative_eq!(s[1], 0.6, max_relative = 1e-14);
        assert_relative_eq!(s[2], 0.3, max_relative = 1e-14);
        assert_relative_eq!(s[3], 0.3, max_relative = 1e-14);
        let g: f64 = 1.0 / 20.0 + 1.0 / 12.0 + 0.5;
        assert_relative_eq!(km.points[2].variance, 0.09 * g, max_relative = 1e-14);
        assert_eq!(
            km.points.iter().map(|p| p.at_risk).collect::<Vec<_>>(),
            [5, 4, 2, 1]
        );
        assert_eq!(km.median(), Some(3.0));
        assert_eq!(km.events(), 3);
    }

    #[test]
    fn everyone_dying_gives_zero_with_a_closed_band() {
        let km = kaplan_meier(&[1.0, 2.0], &[true, true], 0.95).unwrap();
        let last = km.points[1];
        assert_relative_eq!(last.survival, 0.0);
        assert_relative_eq!(last.lower, 0.0);
        assert_relative_eq!(last.upper, 0.0);
        assert!(last.variance.is_finite());
    }

    #[test]
    fn bad_input_is_an_error() {
        for (t, e) in [
            (vec![], vec![]),
            (vec![1.0], vec![]),
            (vec![-1.0], vec![true]),
            (vec![f64::NAN], vec![true]),
        ] {
            assert!(matches!(
                kaplan_meier(&t, &e, 0.95),
                Err(Error::InvalidAnalysis { .. })
            ));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn survival_is_non_increasing_in_the_unit_interval(
            data in proptest::collection::vec((0.0f64..100.0, any::<bool>()), 1..60)
        ) {
            let (times, events): (Vec<f64>, Vec<bool>) = data.into_iter().unzip();
            let km = kaplan_meier(&times, &events, 0.95).unwrap();
            let mut previous = 1.0;
            for p in &km.points {
                prop_assert!((0.0..=1.0).contains(&p.survival));
                prop_assert!(p.survival <= previous);
                prop_assert!(p.lower <= p.survival + 1e-15 && p.survival <= p.upper + 1e-15);
                prop_assert!((0.0..=1.0).contains(&p.lower) && (0.0..=1.0).contains(&p.upper));
                previous = p.survival;
            }
            let (st, ss, _, _) = km.steps();
            prop_assert!(st.windows(2).all(|w| w[0] <= w[1]));
            prop_assert!(ss.windows(2).all(|w| w[1] <= w[0]));
        }
    }
}
