//! Unit tests of axis ranges, tick labels and clipping.

use super::*;
use crate::{Series, Threshold};

/// Asserts `|actual - expected| <= 1e-12 max(1, |expected|)`.
fn assert_close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() <= 1e-12 * expected.abs().max(1.0),
        "{actual} != {expected}"
    );
}

fn panel(log_y: bool, values: Vec<f64>) -> Panel {
    let times = (0..values.len()).map(|i| i as f64).collect();
    Panel {
        log_y,
        series: vec![Series::new("s", times, values)],
        ..Panel::default()
    }
}

#[test]
fn log_axis_spans_whole_decades_of_positive_values() {
    let y = YAxis::for_panel(&panel(true, vec![0.0, 1e7, 3e9, 1e12, -5.0, f64::NAN]));
    assert_close(y.lo, 7.0);
    assert_close(y.hi, 12.0);
    assert_eq!(y.decades(), 5);
    assert!(y.transform(0.0).is_none() && y.transform(-1.0).is_none());
    assert_close(y.transform(1e9).unwrap_or(f64::NAN), 9.0);
}

#[test]
fn log_axis_has_at_least_one_and_at_most_max_decades() {
    let single = YAxis::for_panel(&panel(true, vec![2.0, 2.0]));
    assert_close(single.lo, 0.0);
    assert_close(single.hi, 1.0);
    let wide = YAxis::for_panel(&panel(true, vec![1e-30, 1e12]));
    assert_close(wide.hi, 12.0);
    assert_close(wide.hi - wide.lo, MAX_LOG_DECADES);
    let nothing = YAxis::for_panel(&panel(true, vec![0.0, -1.0]));
    assert!(nothing.lo < nothing.hi);
}

#[test]
fn log_axis_includes_positive_thresholds() {
    let mut p = panel(true, vec![2.0, 6.0]);
    p.thresholds = vec![Threshold::new(0.5, "g4"), Threshold::new(-1.0, "ignored")];
    let y = YAxis::for_panel(&p);
    assert_close(y.lo, -1.0);
    assert_close(y.hi, 1.0);
}

#[test]
fn linear_axis_starts_at_zero_for_non_negative_data() {
    let y = YAxis::for_panel(&panel(false, vec![1.3, 6.0]));
    assert_close(y.lo, 0.0);
    assert!(y.hi > 6.0 && y.hi < 6.5);
    let negative = YAxis::for_panel(&panel(false, vec![-4.0, -2.0]));
    assert!(negative.lo < -4.0);
    assert_close(negative.hi, 0.0);
    let zeros = YAxis::for_panel(&panel(false, vec![0.0, 0.0]));
    assert!(zeros.lo < zeros.hi);
    let huge = YAxis::for_panel(&panel(false, vec![1.0, 1e300, f64::INFINITY]));
    assert!(huge.hi < 2.0);
}

#[test]
fn time_range_covers_series_and_markers() {
    let figure = Figure {
        title: String::new(),
        panels: vec![panel(false, vec![1.0, 2.0, 3.0])
            .with_marker(crate::Marker::new(-7.0, crate::MarkerKind::Radiation))],
    };
    let ranges = [
        (time_range(&figure), (-7.0, 2.0)),
        (
            time_range(&Figure::new("").with_panel(panel(false, vec![1.0]))),
            (-0.5, 0.5),
        ),
        (time_range(&Figure::new("")), (0.0, 1.0)),
    ];
    for (actual, expected) in ranges {
        assert_close(actual.0, expected.0);
        assert_close(actual.1, expected.1);
    }
}

#[test]
fn numbers_are_short_and_readable() {
    let cases = [
        (0.0, "0"),
        (0.5, "0.5"),
        (730.0, "730"),
        (0.30000000000000004, "0.3"),
        (12345.0, "12345"),
        (2.5e8, "2.5×10⁸"),
        (1e8, "10⁸"),
        (-3e-5, "-3×10⁻⁵"),
        (9.999e6, "10⁷"),
    ];
    for (value, text) in cases {
        assert_eq!(format_number(value), text, "{value}");
    }
    assert_eq!(format_decade(12.0, false), "10¹²");
    assert_eq!(format_decade(-2.0, false), "10⁻²");
    assert_eq!(format_decade(-1.0, true), "0.1");
    assert_eq!(format_decade(2.0, true), "100");
    assert_eq!(format_decade(7.5, false), "");
    assert_eq!(superscript(-10), "⁻¹⁰");
}

#[test]
fn tick_labels_are_decades_on_log_axes() {
    let y = YAxis::for_panel(&panel(true, vec![1e7, 1e12]));
    let labels = y.tick_labels(6);
    assert_eq!(labels, ["10⁷", "10⁸", "10⁹", "10¹⁰", "10¹¹", "10¹²"]);
    assert!(y.tick_labels(3).iter().all(|l| !l.is_empty()));
}

#[test]
fn clipping_inserts_crossings_and_splits_pieces() {
    let points = [(0.0, 0.5), (1.0, 1.5), (2.0, 3.0), (3.0, 1.0), (4.0, -1.0)];
    let pieces = clip_to_band(&points, 0.0, 2.0);
    assert_eq!(pieces.len(), 2);
    let first = &pieces[0];
    assert_eq!(first.len(), 3);
    assert_close(first[2].0, 1.0 + 1.0 / 3.0);
    assert_close(first[2].1, 2.0);
    let second = &pieces[1];
    assert_close(second[0].1, 2.0);
    assert_close(second.last().map_or(f64::NAN, |p| p.1), 0.0);
    assert_eq!(clip_to_band(&[(0.0, 1.0)], 0.0, 2.0).len(), 1);
    assert!(clip_to_band(&[(0.0, 5.0)], 0.0, 2.0).is_empty());
    assert!(clip_to_band(&[], 0.0, 2.0).is_empty());
    // A segment crossing the whole band from below to above.
    let through = clip_to_band(&[(0.0, -1.0), (1.0, 3.0)], 0.0, 2.0);
    assert_eq!(through.len(), 1);
    assert_close(through[0][0].0, 0.25);
    assert_close(through[0][1].0, 0.75);
}
