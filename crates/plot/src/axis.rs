//! Axis ranges, tick label formatting and clipping of data to an axis range.
//!
//! Log-scale panels are drawn on a linear axis of `log10(value)`; their tick labels are
//! the decades `10^k`. All functions here are pure and never panic.

use super::{Figure, Panel, MAX_LOG_DECADES};
use plotters::coord::ranged1d::Ranged;
use plotters::coord::types::RangedCoordf64;

/// Largest magnitude drawn on a linear axis (times included); larger values are treated
/// like non-finite ones, which keeps every axis span finite.
pub const LARGEST: f64 = 1e100;

/// Whether `v` can be placed on a linear axis: finite and at most [`LARGEST`] in magnitude.
pub fn drawable(v: f64) -> bool {
    v.is_finite() && v.abs() <= LARGEST
}

/// Shared time axis of a figure (day): the span of all drawable series times and marker
/// times, or `[0, 1]` if there are none. A (nearly) single instant `t` is widened to
/// `t ± 0.5` day.
pub fn time_range(figure: &Figure) -> (f64, f64) {
    let times = figure.panels.iter().flat_map(|panel| {
        let series = panel.series.iter().flat_map(|s| s.times.iter().copied());
        series.chain(panel.markers.iter().map(|m| m.time))
    });
    match min_max(times.filter(|t| drawable(*t))) {
        None => (0.0, 1.0),
        Some((lo, hi)) => {
            let magnitude = lo.abs().max(hi.abs()).max(1.0);
            if hi - lo > 1e-9 * magnitude {
                (lo, hi)
            } else {
                let half = (0.5e-6 * magnitude).max(0.5);
                (lo - half, hi + half)
            }
        }
    }
}

/// Vertical axis of one panel in plotting coordinates (the value itself, or `log10` of it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YAxis {
    /// Lower end in plotting coordinates.
    pub lo: f64,
    /// Upper end in plotting coordinates.
    pub hi: f64,
    /// Whether the plotting coordinate is `log10(value)`.
    pub log: bool,
}

impl YAxis {
    /// Chooses the axis of `panel` from its finite data and thresholds.
    ///
    /// Log scale: whole decades from `floor(log10(min))` to `ceil(log10(max))` of the
    /// positive values (at least one decade, at most [`MAX_LOG_DECADES`] below the top;
    /// lower values are clipped). Linear scale: from `min(0, data)` to `max(0, data)` plus
    /// 5 % head room on the open side(s), so non-negative data start at 0.
    pub fn for_panel(panel: &Panel) -> Self {
        let data = panel
            .series
            .iter()
            .flat_map(|s| s.values.iter().copied())
            .chain(panel.thresholds.iter().map(|t| t.value));
        if panel.log_y {
            let positive = data.filter(|v| *v > 0.0).map(f64::log10);
            let (lo, hi) = match min_max(positive) {
                None => (0.0, 1.0),
                Some((lo, hi)) => {
                    // Tolerance so that exact decades (log10(1e12) = 12.000000000000002) stay put.
                    let lo = (lo + 1e-9).floor();
                    let hi = (hi - 1e-9).ceil().max(lo + 1.0);
                    (lo.max(hi - MAX_LOG_DECADES), hi)
                }
            };
            Self { lo, hi, log: true }
        } else {
            let (lo, hi) = match min_max(data.filter(|v| drawable(*v))) {
                None => (0.0, 0.0),
                Some((lo, hi)) => (lo.min(0.0), hi.max(0.0)),
            };
            let span = hi - lo;
            if span > 0.0 {
                let pad = 0.05 * span;
                let lo = if lo < 0.0 { lo - pad } else { lo };
                let hi = if hi > 0.0 { hi + pad } else { hi };
                Self { lo, hi, log: false }
            } else {
                Self {
                    lo: 0.0,
                    hi: 1.0,
                    log: false,
                }
            }
        }
    }

    /// Plotting coordinate of a data value, `None` if it cannot be shown (not finite; on
    /// a log axis not positive; on a linear axis larger than [`LARGEST`] in magnitude).
    /// The result may lie outside `[lo, hi]`.
    pub fn transform(&self, value: f64) -> Option<f64> {
        if !value.is_finite() {
            None
        } else if self.log {
            (value > 0.0).then(|| value.log10())
        } else {
            drawable(value).then_some(value)
        }
    }

    /// Tick label at plotting coordinate `v`.
    pub fn label(&self, v: f64) -> String {
        if self.log {
            format_decade(v, self.lo >= -3.0 && self.hi <= 4.0)
        } else {
            format_number(v)
        }
    }

    /// Tick labels plotters will draw when asked for at most `max_labels` labels.
    pub fn tick_labels(&self, max_labels: usize) -> Vec<String> {
        RangedCoordf64::from(self.lo..self.hi)
            .key_points(max_labels)
            .into_iter()
            .map(|v| self.label(v))
            .collect()
    }

    /// Number of decades spanned (log axes; 0 for linear ones).
    pub fn decades(&self) -> usize {
        if self.log {
            // lo and hi are whole numbers at most MAX_LOG_DECADES apart.
            (self.hi - self.lo).round().max(0.0) as usize
        } else {
            0
        }
    }
}

/// Smallest and largest finite value, `None` if there is none.
fn min_max(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

/// A number in at most four significant digits, without trailing zeros: `0`, `0.5`,
/// `730`, `12345`; magnitudes from 10^5 up and below 10^-3 as `2.5×10⁸`, `10⁻⁴`.
pub fn format_number(v: f64) -> String {
    let a = v.abs();
    if !v.is_finite() {
        return String::new();
    }
    if a < 1e-12 {
        return "0".to_string();
    }
    let exponent = a.log10().floor();
    if (1e-3..1e5).contains(&a) {
        let decimals = (3.0 - exponent).clamp(0.0, 6.0) as usize;
        trim_zeros(format!("{v:.decimals$}"))
    } else {
        let mut exponent = exponent as i32;
        let mut mantissa = v / 10f64.powi(exponent);
        if mantissa.abs() >= 9.995 {
            mantissa /= 10.0;
            exponent += 1;
        }
        let mantissa = trim_zeros(format!("{mantissa:.2}"));
        match mantissa.as_str() {
            "1" => format!("10{}", superscript(exponent)),
            "-1" => format!("-10{}", superscript(exponent)),
            _ => format!("{mantissa}×10{}", superscript(exponent)),
        }
    }
}

/// Label of the decade at `log10` coordinate `v`: `10⁷` (or `0.1`, `1`, `10` when `plain`);
/// empty if `v` is not a whole number (no label between decades).
pub fn format_decade(v: f64, plain: bool) -> String {
    let k = v.round();
    if (v - k).abs() > 1e-6 || !k.is_finite() {
        return String::new();
    }
    if plain {
        format_number(10f64.powf(k))
    } else {
        // |k| is bounded by the f64 exponent range.
        format!("10{}", superscript(k as i32))
    }
}

fn trim_zeros(text: String) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// An integer in Unicode superscript digits (`-12` → `⁻¹²`).
pub fn superscript(n: i32) -> String {
    n.to_string()
        .chars()
        .map(|c| match c {
            '-' => '⁻',
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            _ => '⁹',
        })
        .collect()
}

/// Splits a polyline into the pieces that lie within `lo <= y <= hi`, inserting the
/// crossing points where it leaves or enters the band. A piece may be a single point
/// (an isolated point inside the band).
pub fn clip_to_band(points: &[(f64, f64)], lo: f64, hi: f64) -> Vec<Vec<(f64, f64)>> {
    let inside = |p: &(f64, f64)| p.1 >= lo && p.1 <= hi;
    let mut pieces = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    if points.len() == 1 && inside(&points[0]) {
        pieces.push(points.to_vec());
        return pieces;
    }
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        match clip_segment(a, b, lo, hi) {
            None => {
                if !current.is_empty() {
                    pieces.push(std::mem::take(&mut current));
                }
            }
            Some((t0, t1)) => {
                let at = |t: f64| (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1));
                if t0 > 0.0 || current.is_empty() {
                    if !current.is_empty() {
                        pieces.push(std::mem::take(&mut current));
                    }
                    current.push(at(t0));
                }
                current.push(at(t1));
                if t1 < 1.0 {
                    pieces.push(std::mem::take(&mut current));
                }
            }
        }
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

/// Parameter interval `[t0, t1]` ⊂ `[0, 1]` of segment `a → b` inside the band, if any.
fn clip_segment(a: (f64, f64), b: (f64, f64), lo: f64, hi: f64) -> Option<(f64, f64)> {
    let dy = b.1 - a.1;
    if dy.abs() < f64::MIN_POSITIVE {
        return (a.1 >= lo && a.1 <= hi).then_some((0.0, 1.0));
    }
    let (ta, tb) = ((lo - a.1) / dy, (hi - a.1) / dy);
    let t0 = ta.min(tb).max(0.0);
    let t1 = ta.max(tb).min(1.0);
    (t0 <= t1).then_some((t0, t1))
}

#[cfg(test)]
#[path = "axis_tests.rs"]
mod tests;
