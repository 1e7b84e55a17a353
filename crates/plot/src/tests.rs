//! Tests of the plotting module.

use super::*;

/// A figure like the flagship arm plots: three tumor sites on a log scale with six
/// chemotherapy doses, neutrophils with CTCAE thresholds, effectors and stem cells.
pub(super) fn demo_figure() -> Figure {
    let days: Vec<f64> = (0..=730).map(f64::from).collect();
    let site = |n0: f64, kill: f64, regrow: f64| -> Vec<f64> {
        days.iter()
            .map(|t| {
                let dip = (-(kill) * t.min(126.0)).exp();
                let regrowth = (regrow * (t - 126.0).max(0.0)).exp();
                (n0 * dip * regrowth).min(1e12)
            })
            .collect()
    };
    let doses: Vec<Marker> = (0..6)
        .map(|k| Marker::new(f64::from(k) * 21.0, MarkerKind::Chemotherapy))
        .collect();
    let neutrophils: Vec<f64> = days
        .iter()
        .map(|t| {
            if *t < 140.0 {
                3.65 + 2.35 * (2.0 * std::f64::consts::PI * (t - 5.0) / 21.0).cos()
            } else {
                4.5
            }
        })
        .collect();
    let effectors: Vec<f64> = days
        .iter()
        .map(|t| 1e8 * (1.0 + 0.8 * (-(t - 60.0).powi(2) / 800.0).exp()))
        .collect();
    let stem: Vec<f64> = days
        .iter()
        .map(|t| {
            if *t < 30.0 {
                0.0
            } else {
                5e7 * (-(t - 30.0) / 40.0).exp()
            }
        })
        .collect();
    Figure::new("Arm A: docetaxel + MSC-TRAIL")
        .with_panel(
            Panel::new("Tumor burden", "Cells")
                .log_scale()
                .with_series(Series::new("lung", days.clone(), site(1e10, 0.02, 0.015)))
                .with_series(Series::new("liver", days.clone(), site(1e9, 0.03, 0.012)))
                .with_series(Series::new("bone", days.clone(), site(1e8, 0.01, 0.02)))
                .with_markers(doses.clone())
                .with_markers([
                    Marker::new(30.0, MarkerKind::StemCellInfusion),
                    Marker::new(60.0, MarkerKind::StemCellInfusion),
                ]),
        )
        .with_panel(
            Panel::new("Neutrophils", "Neutrophils (10⁹/L)")
                .with_series(Series::new("ANC", days.clone(), neutrophils))
                .with_threshold(1.0, "Grade 3 (< 1.0)")
                .with_threshold(0.5, "Grade 4 (< 0.5)")
                .with_markers(doses),
        )
        .with_panel(
            Panel::new("Effector cells and stem cells", "Cells")
                .log_scale()
                .with_series(Series::new("Effectors", days.clone(), effectors))
                .with_series(Series::new("MSC-TRAIL", days, stem)),
        )
}

/// Six arms in one panel per site, all marker kinds, a long label, an all-zero series
/// and an empty panel.
pub(super) fn comparison_figure() -> Figure {
    let days: Vec<f64> = (0..=365).map(|d| f64::from(d) * 2.0).collect();
    let arms = [
        "A: chemo + MSC",
        "B: chemo",
        "C: MSC",
        "D: radiation + antibody",
        "E: everything at once with a very long label",
        "F: control",
    ];
    let mut lung = Panel::new("Lung", "Tumor cells").log_scale();
    let mut liver = Panel::new("Liver", "Tumor cells").log_scale();
    for (i, arm) in arms.iter().enumerate() {
        let rate = 0.002 * i as f64 - 0.004;
        let values: Vec<f64> = days.iter().map(|t| 1e9 * (rate * t).exp()).collect();
        lung = lung.with_series(Series::new(*arm, days.clone(), values.clone()));
        let zeros = if i == 2 {
            vec![0.0; days.len()]
        } else {
            values.iter().map(|v| v * 0.1).collect()
        };
        liver = liver.with_series(Series::new(*arm, days.clone(), zeros));
    }
    let radiation = (0..30).map(|k| {
        Marker::new(
            f64::from(7 * (k / 5) + k % 5) + 200.0,
            MarkerKind::Radiation,
        )
    });
    let antibody = (0..10).map(|k| Marker::new(f64::from(k) * 14.0, MarkerKind::Antibody));
    let chemo = (0..6).map(|k| Marker::new(f64::from(k) * 21.0, MarkerKind::Chemotherapy));
    lung = lung
        .with_markers(radiation)
        .with_markers(antibody)
        .with_markers(chemo)
        .with_marker(Marker::new(28.0, MarkerKind::StemCellInfusion));
    let mut many = Panel::new("Ten series", "Concentration (µM)");
    for i in 0..10 {
        let values: Vec<f64> = days
            .iter()
            .map(|t| (i as f64 + 1.0) * (-(t / 100.0)).exp())
            .collect();
        many = many.with_series(Series::new(format!("drug {i}"), days.clone(), values));
    }
    Figure::new("Arm comparison")
        .with_panel(lung)
        .with_panel(liver)
        .with_panel(many)
        .with_panel(Panel::new("Nothing here", "Cells"))
}

/// The demo figures render at slide sizes from 700 to 2400 px wide.
#[test]
fn demo_figures_render_at_several_sizes() {
    let wide = Figure {
        title: "Tumor burden".into(),
        panels: demo_figure().panels.into_iter().take(1).collect(),
    };
    let figures = [
        (demo_figure(), 1200, 1300),
        (comparison_figure(), 1400, 1500),
        (demo_figure(), 700, 700),
        (demo_figure(), 2400, 2600),
        (wide, 1600, 700),
    ];
    for (figure, width, height) in figures {
        let svg = render_svg(&figure, width, height).unwrap();
        assert_clean_svg(&svg);
        assert!(svg.contains(&format!("width=\"{width}\"")));
    }
}

/// The SVG is a single well-formed-looking document without NaN or infinite coordinates.
fn assert_clean_svg(svg: &str) {
    assert!(svg.starts_with("<svg"), "{}", &svg[..svg.len().min(80)]);
    assert!(svg.trim_end().ends_with("</svg>"));
    assert_eq!(svg.matches("<svg").count(), 1);
    for bad in ["NaN", "inf\"", "\"-inf"] {
        assert!(!svg.contains(bad), "SVG contains {bad}");
    }
}

#[test]
fn several_panels_render_with_all_labels() {
    let figure = demo_figure();
    let svg = render_svg(&figure, 1200, 1300).unwrap();
    assert_clean_svg(&svg);
    let expected = [
        "Arm A: docetaxel + MSC-TRAIL",
        "Tumor burden",
        "Neutrophils (10⁹/L)",
        "Effector cells and stem cells",
        "lung",
        "liver",
        "bone",
        "Grade 3 (&lt; 1.0)",
        "Grade 4 (&lt; 0.5)",
        "Chemotherapy dose",
        "Stem-cell infusion",
        "10¹²",
        "10⁷",
        TIME_LABEL,
    ];
    for text in expected {
        assert!(svg.contains(text), "missing `{text}`");
    }
    // Only the kinds present get a legend entry.
    assert!(!svg.contains("Radiation fraction") && !svg.contains("Antibody dose"));
    // Series are drawn as 2 px polylines in Okabe–Ito blue.
    assert!(svg.contains("polyline") && svg.contains("#0072B2"));
}

#[test]
fn comparison_figure_renders_every_kind_and_many_series() {
    let svg = render_svg(&comparison_figure(), 1400, 1500).unwrap();
    assert_clean_svg(&svg);
    for kind in MarkerKind::ALL {
        assert!(svg.contains(kind.label()), "missing {kind:?}");
    }
    assert!(svg.contains("C: MSC (no data)"));
    assert!(svg.contains("no data"));
    assert!(svg.contains('…'), "long legend labels are shortened");
}

#[test]
fn log_panel_with_zeros_and_negatives_renders() {
    let times = vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0];
    let figure = Figure::new("zeros").with_panel(
        Panel::new("Tumor", "Cells")
            .log_scale()
            .with_series(Series::new(
                "eradicated",
                times.clone(),
                vec![1e9, 1e6, 0.0, -1e-12, 0.0, 0.0],
            ))
            .with_series(Series::new("all zero", times, vec![0.0; 6])),
    );
    let svg = render_svg(&figure, 900, 500).unwrap();
    assert_clean_svg(&svg);
    assert!(svg.contains("eradicated") && svg.contains("all zero (no data)"));
    assert!(svg.contains("10⁹") && svg.contains("10⁶"));
}

#[test]
fn empty_series_and_panels_render_a_note() {
    let figure = Figure::new("")
        .with_panel(Panel::new("Empty", "Cells").with_series(Series::new("x", vec![], vec![])))
        .with_panel(Panel::new("", "").log_scale());
    let svg = render_svg(&figure, 800, 600).unwrap();
    assert_clean_svg(&svg);
    assert!(svg.contains("x (no data)"));
    assert_eq!(svg.lines().filter(|l| l.trim() == "no data").count(), 2);
}

#[test]
fn bad_figures_are_errors() {
    assert!(matches!(
        render_svg(&Figure::new("nothing"), 800, 600),
        Err(PlotError::NoPanels)
    ));
    let mismatched = Figure::new("").with_panel(Panel::new("P", "y").with_series(Series::new(
        "s",
        vec![0.0, 1.0],
        vec![1.0],
    )));
    let error = render_svg(&mismatched, 800, 600).unwrap_err();
    assert!(matches!(
        error,
        PlotError::LengthMismatch {
            times: 2,
            values: 1,
            ..
        }
    ));
    assert!(error.to_string().contains("`s`"));
    for (width, height) in [(100, 600), (800, 100), (0, 0)] {
        assert!(matches!(
            render_svg(&demo_figure(), width, height),
            Err(PlotError::TooSmall { .. })
        ));
    }
}

#[test]
fn text_is_escaped() {
    let figure = Figure::new("A & B <test>").with_panel(
        Panel::new("\"quoted\"", "y").with_series(Series::new(
            "<b>",
            vec![0.0, 1.0],
            vec![1.0, 2.0],
        )),
    );
    let svg = render_svg(&figure, 800, 400).unwrap();
    assert_clean_svg(&svg);
    assert!(svg.contains("A &amp; B &lt;test&gt;") && !svg.contains("<b>"));
}

/// Deterministic sweep of hostile inputs: no panic, no hang, no NaN in the output.
#[test]
fn hostile_values_never_panic() {
    let specials = [
        0.0,
        -0.0,
        1.0,
        -1.0,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        5e-324,
        1e300,
        -1e300,
        1e-300,
        1e10,
        1e10 + 1e-5,
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        specials[(state % specials.len() as u64) as usize]
    };
    for case in 0..60 {
        let n = case % 5;
        let times: Vec<f64> = (0..n).map(|_| next()).collect();
        let values: Vec<f64> = (0..n).map(|_| next()).collect();
        let panel = Panel {
            title: format!("case {case}"),
            y_label: "y".into(),
            log_y: case % 2 == 0,
            series: vec![Series::new("s", times, values)],
            thresholds: vec![Threshold::new(next(), "t")],
            markers: vec![Marker::new(next(), MarkerKind::ALL[case % 4])],
        };
        let figure = Figure::new("hostile").with_panel(panel);
        let svg = render_svg(&figure, 640, 400).unwrap();
        assert_clean_svg(&svg);
    }
}

#[test]
fn write_svg_is_atomic_and_leaves_nothing_on_failure() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("figures").join("arm_a.svg");
    write_svg(&demo_figure(), &path, 1200, 1300).unwrap();
    let written = std::fs::read_to_string(&path).unwrap();
    assert_clean_svg(&written);
    let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, [std::ffi::OsString::from("arm_a.svg")]);

    let failed = dir.path().join("empty.svg");
    let error = write_svg(&Figure::new("none"), &failed, 800, 600).unwrap_err();
    assert!(matches!(error, oncodyn_core::Error::Serialize { .. }));
    assert!(!failed.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

    // A path under a regular file cannot be created: an I/O error, not a panic.
    let blocked = path.join("below_a_file.svg");
    assert!(matches!(
        write_svg(&demo_figure(), &blocked, 1200, 1300),
        Err(oncodyn_core::Error::Io { .. })
    ));
}

#[test]
fn types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Figure>();
    check::<PlotError>();
}
