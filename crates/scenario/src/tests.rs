//! Tests of scenario files: the flagship parses and runs, and bad input is located.

use crate::file::Source;
use crate::{Error, Scenario, FLAGSHIP_TOML};

fn scenario_with(edit: impl Fn(&str) -> String) -> Result<Scenario, Error> {
    Scenario::from_source(Source::from_text("test.toml", &edit(FLAGSHIP_TOML)))
}

fn located(result: Result<Scenario, Error>) -> (usize, usize, String, Option<String>) {
    match result {
        Err(Error::File {
            line,
            column,
            message,
            hint,
            ..
        }) => (line, column, message, hint),
        other => panic!("expected a located error, got {other:?}"),
    }
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn flagship_parses_with_six_arms() {
    let scenario = Scenario::flagship().unwrap();
    assert_eq!(scenario.arms().len(), 6);
    assert_eq!(scenario.lesions(), ["primary", "lung", "liver"]);
    assert_eq!(
        scenario.neutrophil_signal(),
        Some("neutrophils.circulating")
    );
    let model = scenario.model().unwrap();
    // 20 flagship states plus the docetaxel AUC.
    assert_eq!(model.n_states(), 21);
    let arm_a = &scenario.arms()[0];
    assert_eq!(arm_a.events.len(), 6);
}

#[test]
fn unknown_table_gets_a_hint() {
    let edited = |t: &str| {
        t.replace(
            "[[tumor_site]]\nname = \"lung\"",
            "[[tumour_site]]\nname = \"lung\"",
        )
    };
    let (line, _, message, hint) = located(scenario_with(edited));
    assert!(message.contains("tumour_site"), "{message}");
    assert_eq!(hint.as_deref(), Some("tumor_site"));
    assert!(line > 1);
}

#[test]
fn unknown_preset_is_located_with_hint() {
    let text = FLAGSHIP_TOML.replace("\"docetaxel_bruno_1996\"", "\"docetaxel_bruno_1969\"");
    let expected_line = line_of(&text, "docetaxel_bruno_1969");
    let (line, column, message, hint) =
        located(Scenario::from_source(Source::from_text("t.toml", &text)));
    assert_eq!(line, expected_line);
    assert!(column > 1);
    assert!(message.contains("unknown drug preset"), "{message}");
    assert_eq!(hint.as_deref(), Some("docetaxel_bruno_1996"));
}

#[test]
fn unknown_treatment_in_an_arm_is_located() {
    let text = FLAGSHIP_TOML.replace(
        "treatments = [\"docetaxel_75\"]",
        "treatments = [\"docetaxel_57\"]",
    );
    let (line, _, message, hint) =
        located(Scenario::from_source(Source::from_text("t.toml", &text)));
    assert_eq!(line, line_of(&text, "docetaxel_57"));
    assert!(message.contains("no treatment"), "{message}");
    assert_eq!(hint.as_deref(), Some("docetaxel_75"));
}

#[test]
fn type_errors_and_invalid_values_are_located() {
    let text = FLAGSHIP_TOML.replace("horizon_days = 730.0", "horizon_days = \"two years\"");
    let (line, _, _, _) = located(Scenario::from_source(Source::from_text("t.toml", &text)));
    assert_eq!(line, line_of(&text, "two years"));
    let text = FLAGSHIP_TOML.replace("initial_cells = 1e10", "initial_cells = -1e10");
    let (line, _, message, _) = located(Scenario::from_source(Source::from_text("t.toml", &text)));
    assert!(message.contains("-10000000000"), "{message}");
    assert!(line < line_of(&text, "-1e10"));
}

#[test]
fn unknown_parameter_override_is_a_hinted_error() {
    let text = FLAGSHIP_TOML.replace("params = { s = 1.3e4 }", "params = { ss = 1.3e4 }");
    let (_, _, message, hint) = located(Scenario::from_source(Source::from_text("t.toml", &text)));
    assert!(message.contains("`ss`"), "{message}");
    assert_eq!(hint.as_deref(), Some("s"));
}

#[test]
fn references_to_missing_sites_and_drugs_are_errors() {
    let text = FLAGSHIP_TOML.replace("target = \"liver\"", "target = \"livr\"");
    let (_, _, message, hint) = located(Scenario::from_source(Source::from_text("t.toml", &text)));
    assert!(message.contains("livr"), "{message}");
    assert_eq!(hint.as_deref(), Some("liver"));
    let text = FLAGSHIP_TOML.replace("drug = \"anti_pd1\"", "drug = \"anti_pd2\"");
    let (_, _, _, hint) = located(Scenario::from_source(Source::from_text("t.toml", &text)));
    assert_eq!(hint.as_deref(), Some("anti_pd1"));
}

#[test]
fn values_can_be_read_and_replaced_by_path() {
    let scenario = Scenario::flagship().unwrap();
    approx::assert_relative_eq!(
        scenario.value_at("tumor_site.primary.growth.r").unwrap(),
        0.002
    );
    approx::assert_relative_eq!(scenario.value_at("tumor_site.lung.kill.0.kd").unwrap(), 2.5);
    let changed = scenario
        .with_values(&[
            ("tumor_site.primary.initial_cells", 2e10),
            ("effectors.effectors.params.s", 2e4),
        ])
        .unwrap();
    approx::assert_relative_eq!(
        changed
            .value_at("tumor_site.primary.initial_cells")
            .unwrap(),
        2e10
    );
    let model = changed.model().unwrap();
    let y0 = model.initial_state();
    let index = model.state_index("primary.cells").unwrap();
    approx::assert_relative_eq!(y0[index], 2e10);
    assert!(scenario.value_at("tumor_site.nowhere.growth.r").is_err());
    assert!(scenario.with_values(&[("scenario.name", 1.0)]).is_err());
}

#[test]
fn population_of_the_flagship_is_read() {
    let scenario = Scenario::flagship().unwrap();
    let population = scenario.file().population.as_ref().unwrap();
    assert_eq!(population.parameter.len(), 9);
    for parameter in &population.parameter {
        for path in &parameter.paths {
            assert!(
                scenario.value_at(path.get_ref()).is_ok(),
                "{}",
                path.get_ref()
            );
        }
    }
}

#[test]
fn quick_flagship_validation_passes() {
    let records = crate::validation::run(oncodyn_core::validation::Fidelity::Quick).unwrap();
    oncodyn_core::testing::assert_all_passed(&records);
}

/// The step monitor (BDF dense output) and a 0.002-day grid give the same endpoints on
/// every flagship arm, to the grid's own accuracy: linear interpolation between rows puts a
/// crossing within `h^2 |x''| / (8 |x'|)` of the truth and a parabola through three rows
/// puts a nadir within about `h^2` (h = 0.002 day), i.e. a few 1e-6 day: the day bounds
/// below (2e-5 day) leave a factor 5 over that (measured 2026-11-27: death within 1.6e-9
/// day, nadir days within 1.2e-6 day, days below grade 3 within 2.5e-6 day).
#[test]
fn monitored_endpoints_match_a_fine_grid_on_every_flagship_arm() {
    let scenario = Scenario::flagship().unwrap();
    let model = scenario.model().unwrap();
    let options = scenario.solver_options(0.002).unwrap();
    let day_bound = 2e-5;
    for arm in scenario.arms() {
        let (_, monitored) =
            crate::simulate_endpoints(&scenario, &model, &arm.events, &options, None).unwrap();
        let grid = oncodyn_core::simulate(&model, (0.0, scenario.horizon()), &arm.events, &options)
            .unwrap();
        let gridded = crate::endpoints(&scenario, &grid).unwrap();
        let name = &arm.name;
        assert_eq!(
            monitored.best_overall_response, gridded.best_overall_response,
            "{name}"
        );
        assert_eq!(monitored.progression_day, gridded.progression_day, "{name}");
        assert!(
            (monitored.pfs_days - gridded.pfs_days).abs() < day_bound,
            "{name}"
        );
        match (monitored.death_day, gridded.death_day) {
            (Some(a), Some(b)) => assert!((a - b).abs() < day_bound, "{name}: death {a} vs {b}"),
            (a, b) => assert_eq!(a, b, "{name}"),
        }
        assert_eq!(
            monitored.neutrophil_nadirs.len(),
            gridded.neutrophil_nadirs.len()
        );
        for (a, b) in monitored
            .neutrophil_nadirs
            .iter()
            .zip(&gridded.neutrophil_nadirs)
        {
            assert!(
                (a.day - b.day).abs() < day_bound,
                "{name}: nadir day {} vs {}",
                a.day,
                b.day
            );
            assert!(
                (a.value - b.value).abs() <= 1e-6 * b.value,
                "{name}: nadir {} vs {}",
                a.value,
                b.value
            );
        }
        for (a, b) in [
            (monitored.days_grade3_or_worse, gridded.days_grade3_or_worse),
            (monitored.days_grade4, gridded.days_grade4),
        ] {
            let (a, b) = (a.unwrap(), b.unwrap());
            assert!((a - b).abs() < day_bound, "{name}: days below {a} vs {b}");
        }
        let (a, b) = (monitored.final_burden_cells, gridded.final_burden_cells);
        assert!(
            (a - b).abs() <= 1e-9 * b.abs(),
            "{name}: final burden {a} vs {b}"
        );
    }
}

#[test]
fn a_dose_after_the_horizon_is_located() {
    let text = FLAGSHIP_TOML.replace("horizon_days = 730.0", "horizon_days = 100.0");
    let (line, _, message, _) = located(Scenario::from_source(Source::from_text("t.toml", &text)));
    assert!(message.contains("after the horizon"), "{message}");
    assert_eq!(line, line_of(&text, "treatments = [\"docetaxel_75\"]"));
}

#[test]
fn a_negative_dose_is_an_error() {
    let text = FLAGSHIP_TOML.replace("dose_mg = 200.0", "dose_mg = -200.0");
    let (_, _, message, _) = located(Scenario::from_source(Source::from_text("t.toml", &text)));
    assert!(message.contains("-200"), "{message}");
}

#[test]
fn empty_and_malformed_files_are_errors_not_panics() {
    for text in [
        "",
        "[scenario",
        "name = ",
        "\u{0}\u{1}",
        "[[arm]]\nname = 1",
    ] {
        let result = Scenario::from_source(Source::from_text("t.toml", text));
        assert!(
            matches!(result, Err(Error::File { .. })),
            "{text:?}: {result:?}"
        );
    }
}

#[test]
fn unreadable_inputs_are_io_errors() {
    let dir = tempfile::tempdir().unwrap();
    // A directory instead of a file.
    assert!(matches!(Scenario::read(dir.path()), Err(Error::Io { .. })));
    // Invalid UTF-8.
    let path = dir.path().join("latin1.toml");
    std::fs::write(&path, [0x6e, 0x61, 0x6d, 0x65, 0x20, 0x3d, 0x20, 0xe9]).unwrap();
    assert!(matches!(Scenario::read(&path), Err(Error::Io { .. })));
    // A missing file.
    assert!(matches!(
        Scenario::read(&dir.path().join("absent.toml")),
        Err(Error::Io { .. })
    ));
}

#[test]
fn a_ten_megabyte_file_is_handled() {
    let mut text = String::from(FLAGSHIP_TOML);
    text.push('\n');
    while text.len() < 10 * 1024 * 1024 {
        text.push_str("# padding comment line for a large scenario file\n");
    }
    let scenario = Scenario::from_source(Source::from_text("big.toml", &text)).unwrap();
    assert_eq!(scenario.arms().len(), 6);
}

mod fuzz {
    //! Random edits of the flagship file: the parser and checks never panic.
    use super::*;
    use proptest::prelude::*;

    /// Cases per fuzz test: 64, or `ONCODYN_FUZZ_CASES` for long fuzzing runs.
    fn fuzz_cases() -> u32 {
        std::env::var("ONCODYN_FUZZ_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(64)
    }

    /// Values of every TOML type and edge case, put in place of valid values.
    const VALUES: &[&str] = &[
        "0",
        "-1",
        "1",
        "0.5",
        "-0.0",
        "1e308",
        "-1e308",
        "1e-320",
        "nan",
        "-nan",
        "inf",
        "-inf",
        "9223372036854775807",
        "-9223372036854775808",
        "730",
        "731",
        "1e6",
        "true",
        "\"\"",
        "\"x\"",
        "\"flagship\"",
        "\"lognormal\"",
        "\"normal\"",
        "\"uniform\"",
        "\"docetaxel\"",
        "\"A\"",
        "\"liver\"",
        "\"a.b\"",
        "[]",
        "[1, 2]",
        "[-1]",
        "[\"A\"]",
        "[[]]",
        "{}",
        "{ x = 1 }",
        "1979-05-27",
        "\"\\u0000\"",
    ];

    /// The document cut into its tables (each starting at a header line).
    fn tables_of(text: &str) -> Vec<String> {
        let mut tables: Vec<String> = vec![String::new()];
        for line in text.lines() {
            if line.starts_with('[') {
                tables.push(String::new());
            }
            if let Some(last) = tables.last_mut() {
                last.push_str(line);
                last.push('\n');
            }
        }
        tables
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(fuzz_cases()))]

        #[test]
        fn random_byte_edits_never_panic(edits in proptest::collection::vec((0usize..1_000_000, any::<u8>()), 1..8)) {
            let mut bytes = FLAGSHIP_TOML.as_bytes().to_vec();
            for (position, byte) in edits {
                let at = position % bytes.len();
                bytes[at] = byte;
            }
            let text = String::from_utf8_lossy(&bytes);
            let _ = Scenario::from_source(Source::from_text("fuzz.toml", &text));
        }

        #[test]
        fn random_values_never_panic(
            edits in proptest::collection::vec((0usize..400, 0usize..VALUES.len()), 1..8),
        ) {
            let mut lines: Vec<String> = FLAGSHIP_TOML.lines().map(str::to_string).collect();
            let assignments: Vec<usize> = (0..lines.len()).filter(|&k| lines[k].contains(" = ")).collect();
            for (line, value) in edits {
                let at = assignments[line % assignments.len()];
                if let Some((key, _)) = lines[at].split_once(" = ") {
                    lines[at] = format!("{key} = {}", VALUES[value]);
                }
            }
            let _ = Scenario::from_source(Source::from_text("fuzz.toml", &lines.join("\n")));
        }

        #[test]
        fn random_table_shuffles_never_panic(
            moves in proptest::collection::vec((0usize..64, 0usize..64, any::<bool>()), 1..6),
        ) {
            let mut tables = tables_of(FLAGSHIP_TOML);
            for (from, to, duplicate) in moves {
                let (from, to) = (from % tables.len(), to % tables.len());
                if duplicate {
                    let copy = tables[from].clone();
                    tables.insert(to, copy);
                } else {
                    tables.swap(from, to);
                }
            }
            let _ = Scenario::from_source(Source::from_text("fuzz.toml", &tables.concat()));
        }

        #[test]
        fn random_line_deletions_never_panic(lines in proptest::collection::vec(0usize..400, 1..6)) {
            let mut all: Vec<&str> = FLAGSHIP_TOML.lines().collect();
            for line in lines {
                if !all.is_empty() {
                    let at = line % all.len();
                    all.remove(at);
                }
            }
            let _ = Scenario::from_source(Source::from_text("fuzz.toml", &all.join("\n")));
        }
    }
}
