//! The trial's figures: Kaplan–Meier curves with confidence bands (oncodyn-plot, shared
//! time axis), response-rate and neutropenia bars with intervals and waterfalls
//! ([`crate::svg`]).

use crate::error::{Error, Result};
use crate::run::TrialOutput;
use crate::stats::KaplanMeier;
use crate::summary::Analysis;
use crate::svg::{bar_chart, waterfall, BarSeries, Bars};
use oncodyn_plot::{render_svg, Figure, Panel, Series};

/// Height (px) of one panel of a Kaplan–Meier figure.
const KM_PANEL_HEIGHT: u32 = 260;

/// Curves with more distinct times than this are drawn sampled on this many equal time
/// steps (finer than a pixel of the 1000 px figure), keeping large cohorts' SVGs small.
pub const KM_MAX_STEPS: usize = 1500;

/// The step function to draw: exact below [`KM_MAX_STEPS`] points, else sampled.
fn drawn_steps(km: &KaplanMeier) -> (Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>) {
    if km.points.len() <= KM_MAX_STEPS {
        return km.steps();
    }
    let end = km.points.last().map_or(0.0, |p| p.time);
    let (mut t, mut s, mut lo, mut hi) = (vec![0.0], vec![1.0], vec![1.0], vec![1.0]);
    for k in 1..=KM_MAX_STEPS {
        let time = end * k as f64 / KM_MAX_STEPS as f64;
        let (value, lower, upper) = km.survival_at(time);
        for (series, v) in [(&mut s, value), (&mut lo, lower), (&mut hi, upper)] {
            let previous = series.last().copied().unwrap_or(1.0);
            series.extend([previous, v]);
        }
        t.extend([time, time]);
    }
    (t, s, lo, hi)
}

/// The Kaplan–Meier figure of one endpoint: every arm's curve in the top panel, then one
/// panel per arm with its curve and log(-log) band.
pub fn km_figure(endpoint: &str, arms: &[String], curves: &[KaplanMeier]) -> Result<String> {
    let y_label = format!("{endpoint} probability");
    let mut all = Panel::new(format!("{endpoint}: all arms"), y_label.clone());
    let mut per_arm = Vec::new();
    for (arm, km) in arms.iter().zip(curves) {
        let (t, s, lo, hi) = drawn_steps(km);
        all = all.with_series(Series::new(arm.clone(), t.clone(), s.clone()));
        let level = format!("{:.0}% band", 100.0 * km.confidence);
        per_arm.push(
            Panel::new(format!("{endpoint}: {arm}"), y_label.clone())
                .with_series(Series::new(arm.clone(), t.clone(), s))
                .with_series(Series::new(format!("{level}, lower"), t.clone(), lo))
                .with_series(Series::new(format!("{level}, upper"), t, hi)),
        );
    }
    let mut figure = Figure::new(format!("Kaplan–Meier {endpoint}")).with_panel(all);
    for panel in per_arm {
        figure = figure.with_panel(panel);
    }
    let height = KM_PANEL_HEIGHT * u32::try_from(figure.panels.len()).unwrap_or(1);
    render_svg(&figure, 1000, height).map_err(|e| {
        Error::Model(oncodyn_core::Error::Serialize {
            path: format!("km_{}.svg", endpoint.to_lowercase()).into(),
            reason: e.to_string(),
        })
    })
}

/// Objective response and disease control rates per arm with their intervals.
pub fn response_bars(analysis: &Analysis) -> String {
    let arms = &analysis.summary.arms;
    let series = |label: &str, pick: &dyn Fn(usize) -> crate::stats::Proportion| BarSeries {
        label: label.to_string(),
        values: (0..arms.len()).map(|k| 100.0 * pick(k).estimate).collect(),
        intervals: Some(
            (0..arms.len())
                .map(|k| (100.0 * pick(k).lower, 100.0 * pick(k).upper))
                .collect(),
        ),
    };
    bar_chart(&Bars {
        title: format!(
            "Response rates ({:.0}% Clopper–Pearson intervals)",
            100.0 * analysis.summary.confidence
        ),
        y_label: "Patients (%)".into(),
        y_range: (0.0, 100.0),
        groups: arms.iter().map(|a| a.arm.clone()).collect(),
        series: vec![
            series("Objective response (CR + PR)", &|k| {
                arms[k].objective_response
            }),
            series("Disease control (CR + PR + SD)", &|k| {
                arms[k].disease_control
            }),
        ],
    })
}

/// Grade >= 3 and grade 4 neutropenia incidence per arm (`None` without a neutrophil
/// model).
pub fn toxicity_bars(analysis: &Analysis) -> Option<String> {
    let arms = &analysis.summary.arms;
    let tox: Vec<_> = arms
        .iter()
        .map(|a| a.neutropenia)
        .collect::<Option<Vec<_>>>()?;
    let series = |label: &str, pick: &dyn Fn(usize) -> crate::stats::Proportion| BarSeries {
        label: label.to_string(),
        values: (0..tox.len()).map(|k| 100.0 * pick(k).estimate).collect(),
        intervals: Some(
            (0..tox.len())
                .map(|k| (100.0 * pick(k).lower, 100.0 * pick(k).upper))
                .collect(),
        ),
    };
    Some(bar_chart(&Bars {
        title: format!(
            "Neutropenia incidence ({:.0}% Clopper–Pearson intervals)",
            100.0 * analysis.summary.confidence
        ),
        y_label: "Patients (%)".into(),
        y_range: (0.0, 100.0),
        groups: arms.iter().map(|a| a.arm.clone()).collect(),
        series: vec![
            series("Grade ≥3 (< 1.0 × 10⁹/L)", &|k| tox[k].grade3_or_worse),
            series("Grade 4 (< 0.5 × 10⁹/L)", &|k| tox[k].grade4),
        ],
    }))
}

/// Waterfall of best % change of the target sum, one panel per arm.
pub fn waterfall_figure(output: &TrialOutput) -> String {
    let arms: Vec<(String, Vec<f64>)> = output
        .arms
        .iter()
        .enumerate()
        .map(|(k, a)| {
            let values = output
                .records
                .iter()
                .filter_map(|r| r.arms.get(k).and_then(|o| o.best_change_pct))
                .collect();
            (format!("{}: {}", a.name, a.label), values)
        })
        .collect();
    waterfall("Best change of the sum of target-lesion diameters", &arms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::kaplan_meier;

    #[test]
    fn large_curves_are_sampled_and_stay_monotone() {
        let times: Vec<f64> = (0..5000).map(|i| 0.1 * f64::from(i) + 0.05).collect();
        let events = vec![true; times.len()];
        let km = kaplan_meier(&times, &events, 0.95).unwrap();
        let (t, s, lo, hi) = drawn_steps(&km);
        assert_eq!(t.len(), 2 * KM_MAX_STEPS + 1);
        assert!(t.windows(2).all(|w| w[0] <= w[1]));
        assert!(s.windows(2).all(|w| w[1] <= w[0]));
        assert!(lo.iter().zip(&hi).all(|(l, h)| l <= h));
        let svg = km_figure("OS", &["A".to_string()], &[km]).unwrap();
        assert!(svg.starts_with("<svg") && svg.len() < 2_000_000);
    }
}
