//! Minimal SVG charts whose horizontal axis is not time (oncodyn-plot draws time series
//! only): grouped bars with confidence intervals, and waterfall panels. Same palette as
//! oncodyn-plot, the colour-blind-safe Okabe–Ito colours (Okabe M, Ito K (2008) Color
//! Universal Design).

use std::fmt::Write as _;

/// Okabe–Ito blue, vermillion, bluish green, reddish purple, orange, sky blue, black.
const PALETTE: [&str; 7] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
];
const GREY: &str = "#9A9A9A";
const FONT: &str = "font-family=\"sans-serif\"";

/// One series of a grouped bar chart: a value per group and optional intervals.
#[derive(Debug, Clone, PartialEq)]
pub struct BarSeries {
    /// Legend label.
    pub label: String,
    /// One value per group (non-finite values are not drawn).
    pub values: Vec<f64>,
    /// `(lower, upper)` per group, drawn as error bars.
    pub intervals: Option<Vec<(f64, f64)>>,
}

/// A grouped bar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bars {
    /// Title.
    pub title: String,
    /// Vertical axis label (with unit).
    pub y_label: String,
    /// Vertical range.
    pub y_range: (f64, f64),
    /// Group labels along the horizontal axis.
    pub groups: Vec<String>,
    /// Series, one bar per group each.
    pub series: Vec<BarSeries>,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// About `count` round tick values covering `[lo, hi]`.
fn ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    let span = hi - lo;
    if !(span > 0.0 && span.is_finite()) {
        return vec![lo];
    }
    let raw = span / count.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last).map(|k| k as f64 * step).collect()
}

fn tick_label(v: f64) -> String {
    let rounded = (v * 1e6).round() / 1e6;
    if rounded.fract().abs() < 1e-9 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}")
    }
}

/// A plot area: pixel box and vertical range.
struct Area {
    left: f64,
    top: f64,
    width: f64,
    height: f64,
    lo: f64,
    hi: f64,
}

impl Area {
    fn y(&self, v: f64) -> f64 {
        let v = v.clamp(self.lo, self.hi);
        self.top + self.height * (self.hi - v) / (self.hi - self.lo)
    }

    /// Grid, ticks, axes and the vertical label.
    fn axes(&self, svg: &mut String, y_label: &str) {
        for t in ticks(self.lo, self.hi, 6) {
            let y = self.y(t);
            let _ = write!(
                svg,
                "<line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#E5E5E5\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"14\" text-anchor=\"end\" {FONT}>{}</text>",
                self.left,
                self.left + self.width,
                self.left - 6.0,
                y + 5.0,
                tick_label(t)
            );
        }
        let _ = write!(
            svg,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"none\" stroke=\"#444\"/>\
             <text transform=\"translate({:.1},{:.1}) rotate(-90)\" font-size=\"15\" text-anchor=\"middle\" {FONT}>{}</text>",
            self.left,
            self.top,
            self.width,
            self.height,
            self.left - 52.0,
            self.top + self.height / 2.0,
            escape(y_label)
        );
    }
}

fn document(width: f64, height: f64, title: &str, body: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" \
         viewBox=\"0 0 {width:.0} {height:.0}\"><rect width=\"100%\" height=\"100%\" fill=\"white\"/>\
         <text x=\"{:.1}\" y=\"32\" font-size=\"22\" text-anchor=\"middle\" {FONT}>{}</text>{body}</svg>\n",
        width / 2.0,
        escape(title)
    )
}

/// The SVG document of a grouped bar chart (1000 px wide, legend under the chart).
pub fn bar_chart(bars: &Bars) -> String {
    let width = 1000.0;
    let height = 530.0 + 26.0 * bars.series.len() as f64;
    let area = Area {
        left: 100.0,
        top: 60.0,
        width: 860.0,
        height: 380.0,
        lo: bars.y_range.0,
        hi: bars.y_range.1,
    };
    let mut svg = String::new();
    area.axes(&mut svg, &bars.y_label);
    let n_groups = bars.groups.len().max(1) as f64;
    let group_width = area.width / n_groups;
    let n_series = bars.series.len().max(1) as f64;
    let bar_width = 0.8 * group_width / n_series;
    for (g, label) in bars.groups.iter().enumerate() {
        let x0 = area.left + g as f64 * group_width;
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"14\" text-anchor=\"middle\" {FONT}>{}</text>",
            x0 + group_width / 2.0,
            area.top + area.height + 22.0,
            escape(label)
        );
        for (s, series) in bars.series.iter().enumerate() {
            let Some(&value) = series.values.get(g) else {
                continue;
            };
            if !value.is_finite() {
                continue;
            }
            let x = x0 + 0.1 * group_width + s as f64 * bar_width;
            let (y_top, y_base) = (area.y(value.max(area.lo)), area.y(0f64.max(area.lo)));
            let _ = write!(
                svg,
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"/>",
                y_top.min(y_base),
                bar_width * 0.92,
                (y_base - y_top).abs(),
                PALETTE[s % PALETTE.len()]
            );
            if let Some(&(lower, upper)) = series.intervals.as_ref().and_then(|i| i.get(g)) {
                let xc = x + bar_width * 0.46;
                let (ya, yb) = (area.y(lower), area.y(upper));
                let cap = bar_width * 0.2;
                let _ = write!(
                    svg,
                    "<path d=\"M{xc:.1} {ya:.1}V{yb:.1}M{:.1} {ya:.1}H{:.1}M{:.1} {yb:.1}H{:.1}\" stroke=\"#222\" stroke-width=\"1.5\" fill=\"none\"/>",
                    xc - cap,
                    xc + cap,
                    xc - cap,
                    xc + cap
                );
            }
        }
    }
    // Legend: one row per series under the group labels.
    for (s, series) in bars.series.iter().enumerate() {
        let y = area.top + area.height + 44.0 + 26.0 * s as f64;
        let _ = write!(
            svg,
            "<rect x=\"{:.1}\" y=\"{y:.1}\" width=\"18\" height=\"18\" fill=\"{}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"14\" {FONT}>{}</text>",
            area.left,
            PALETTE[s % PALETTE.len()],
            area.left + 26.0,
            y + 14.0,
            escape(&series.label)
        );
    }
    document(width, height, &bars.title, &svg)
}

/// Most bars drawn per waterfall panel; larger arms are drawn as this many evenly spaced
/// quantiles of their sorted values.
pub const MAX_WATERFALL_BARS: usize = 300;

/// Waterfall panels (one per arm, three per row): each patient's best % change, sorted
/// from largest to smallest, blue at or below -30 % (partial-response range), vermillion
/// at or above +20 %, grey otherwise; values above `+100 %` are cut at the top.
pub fn waterfall(title: &str, arms: &[(String, Vec<f64>)]) -> String {
    let columns = arms.len().clamp(1, 3);
    let rows = arms.len().div_ceil(columns).max(1);
    let (panel_w, panel_h) = (420.0, 300.0);
    let width = columns as f64 * panel_w + 40.0;
    let height = rows as f64 * panel_h + 60.0;
    let mut svg = String::new();
    for (k, (label, values)) in arms.iter().enumerate() {
        let (col, row) = ((k % columns) as f64, (k / columns) as f64);
        let area = Area {
            left: 40.0 + col * panel_w + 70.0,
            top: 60.0 + row * panel_h + 30.0,
            width: panel_w - 90.0,
            height: panel_h - 70.0,
            lo: -100.0,
            hi: 100.0,
        };
        area.axes(&mut svg, "Best change (%)");
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"16\" text-anchor=\"middle\" {FONT}>{} (n = {})</text>",
            area.left + area.width / 2.0,
            area.top - 10.0,
            escape(label),
            values.len()
        );
        let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        sorted.sort_by(|a, b| b.total_cmp(a));
        let bars: Vec<f64> = if sorted.len() <= MAX_WATERFALL_BARS {
            sorted
        } else {
            (0..MAX_WATERFALL_BARS)
                .map(|i| {
                    let q = i * (sorted.len() - 1) / (MAX_WATERFALL_BARS - 1);
                    sorted[q]
                })
                .collect()
        };
        let bar_w = area.width / bars.len().max(1) as f64;
        let zero = area.y(0.0);
        for (i, &v) in bars.iter().enumerate() {
            let colour = if v <= -30.0 {
                PALETTE[0]
            } else if v >= 20.0 {
                PALETTE[1]
            } else {
                GREY
            };
            let y = area.y(v);
            let _ = write!(
                svg,
                "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"{colour}\"/>",
                area.left + i as f64 * bar_w,
                y.min(zero),
                (bar_w * 0.9).max(0.5),
                (zero - y).abs()
            );
        }
        for (level, dash) in [(20.0, "6 4"), (-30.0, "6 4")] {
            let y = area.y(level);
            let _ = write!(
                svg,
                "<line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#555\" stroke-dasharray=\"{dash}\"/>",
                area.left,
                area.left + area.width
            );
        }
    }
    document(width, height, title, &svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        let t = ticks(0.0, 100.0, 6);
        assert!(t.len() >= 5);
        assert!(t.iter().all(|v| (v / 20.0).fract().abs() < 1e-12));
    }

    #[test]
    fn charts_are_well_formed_and_escape_labels() {
        let svg = bar_chart(&Bars {
            title: "ORR <&>".into(),
            y_label: "Patients (%)".into(),
            y_range: (0.0, 100.0),
            groups: vec!["A".into(), "B".into()],
            series: vec![BarSeries {
                label: "ORR".into(),
                values: vec![30.0, f64::NAN],
                intervals: Some(vec![(20.0, 40.0), (0.0, 0.0)]),
            }],
        });
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("ORR &lt;&amp;&gt;"));
        let w = waterfall(
            "W",
            &[(
                "A".into(),
                (0..1000).map(|i| i as f64 / 5.0 - 100.0).collect(),
            )],
        );
        assert_eq!(w.matches("<rect x").count(), MAX_WATERFALL_BARS + 1);
    }
}
