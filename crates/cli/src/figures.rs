//! The figures of `oncodyn run`: one per arm (tumor burden per site on a log scale with
//! treatment markers, neutrophils with the CTCAE grade 3/4 thresholds, effectors and
//! stem cells) and one comparing the arms.

use oncodyn_core::{Broadcast, Event, Result, Trajectory};
use oncodyn_plot::{Figure, Marker, MarkerKind, Panel, Series};
use oncodyn_scenario::{ArmResult, Scenario, GRADE3_BELOW, GRADE4_BELOW};

/// Figure width and height (px).
pub const SIZE: (u32, u32) = (1200, 1300);

/// Treatment markers of an arm's events.
pub fn markers(scenario: &Scenario, events: &[Event]) -> Vec<Marker> {
    let file = scenario.file();
    let kind_of_state = |state: &str| -> Option<MarkerKind> {
        let owner = state.split('.').next().unwrap_or_default();
        if file.drug.iter().any(|d| d.name.get_ref() == owner) {
            Some(MarkerKind::Chemotherapy)
        } else if file.antibody.iter().any(|a| a.name.get_ref() == owner) {
            Some(MarkerKind::Antibody)
        } else if file.stem_cells.iter().any(|s| s.name.get_ref() == owner)
            || file
                .regenerative_cells
                .iter()
                .any(|s| s.name.get_ref() == owner)
        {
            Some(MarkerKind::StemCellInfusion)
        } else {
            None
        }
    };
    let mut markers = Vec::new();
    for event in events {
        match event {
            Event::Dose { time, state, .. } => {
                if let Some(kind) = kind_of_state(state) {
                    markers.push(Marker::new(*time, kind));
                }
            }
            Event::Infusion { start, state, .. } => {
                if let Some(kind) = kind_of_state(state) {
                    markers.push(Marker::new(*start, kind));
                }
            }
            Event::Broadcast {
                time,
                action: Broadcast::RadiationFraction { .. },
                ..
            } => markers.push(Marker::new(*time, MarkerKind::Radiation)),
            _ => {}
        }
    }
    markers
}

fn series(trajectory: &Trajectory, column: &str, label: &str) -> Result<Series> {
    Ok(Series::new(
        label,
        trajectory.times().to_vec(),
        trajectory.column(column)?,
    ))
}

/// The figure of one arm.
pub fn arm_figure(
    scenario: &Scenario,
    result: &ArmResult,
    trajectory: &Trajectory,
) -> Result<Figure> {
    let markers = markers(scenario, &result.plan.events);
    let mut tumor = Panel::new("Tumor burden per site", "Cells").log_scale();
    for site in scenario.lesions() {
        tumor = tumor.with_series(series(trajectory, &format!("{site}.cells"), site)?);
    }
    let mut figure = Figure::new(format!(
        "{}: arm {} ({})",
        scenario.name(),
        result.plan.name,
        result.plan.label
    ))
    .with_panel(tumor.with_markers(markers.iter().copied()));
    if let Some(signal) = scenario.neutrophil_signal() {
        figure = figure.with_panel(
            Panel::new("Neutrophils", "Neutrophils (10^9/L)")
                .with_series(series(trajectory, signal, "circulating")?)
                .with_threshold(GRADE3_BELOW, "Grade 3 (< 1.0)")
                .with_threshold(GRADE4_BELOW, "Grade 4 (< 0.5)")
                .with_markers(
                    markers
                        .iter()
                        .copied()
                        .filter(|m| m.kind == MarkerKind::Chemotherapy),
                ),
        );
    }
    let file = scenario.file();
    let mut cells = Panel::new("Effector cells and stem cells", "Cells").log_scale();
    for effectors in &file.effectors {
        let name = effectors.name.get_ref();
        cells = cells.with_series(series(
            trajectory,
            &format!("{name}.cells"),
            &format!("{name} (effector cells)"),
        )?);
    }
    for stem in &file.stem_cells {
        let name = stem.name.get_ref();
        let mut at_sites = vec![0.0; trajectory.len()];
        for site in &stem.sites {
            let column = trajectory.column(&format!("{name}.at_{}", site.get_ref()))?;
            for (total, v) in at_sites.iter_mut().zip(column) {
                *total += v;
            }
        }
        cells = cells
            .with_series(series(
                trajectory,
                &format!("{name}.lung"),
                &format!("{name} in lung"),
            )?)
            .with_series(Series::new(
                format!("{name} at tumor sites"),
                trajectory.times().to_vec(),
                at_sites,
            ));
    }
    for regen in &file.regenerative_cells {
        let name = regen.name.get_ref();
        cells = cells.with_series(series(
            trajectory,
            &format!("{name}.engrafted"),
            &format!("{name} (marrow)"),
        )?);
    }
    // Pools this arm never fills (no infusion) would only add empty legend entries.
    cells.series.retain(|s| s.values.iter().any(|v| *v > 0.0));
    if !cells.series.is_empty() {
        figure = figure.with_panel(cells);
    }
    Ok(figure)
}

/// Total burden and neutrophils of every arm.
pub fn comparison_figure(scenario: &Scenario, arms: &[(&ArmResult, Trajectory)]) -> Result<Figure> {
    let mut burden = Panel::new("Total tumor burden", "Cells").log_scale();
    let mut neutrophils = Panel::new("Neutrophils", "Neutrophils (10^9/L)")
        .with_threshold(GRADE3_BELOW, "Grade 3 (< 1.0)")
        .with_threshold(GRADE4_BELOW, "Grade 4 (< 0.5)");
    for (result, trajectory) in arms {
        let label = format!("{} {}", result.plan.name, result.plan.label);
        let mut total = vec![0.0; trajectory.len()];
        for site in scenario.lesions() {
            for (t, v) in total
                .iter_mut()
                .zip(trajectory.column(&format!("{site}.cells"))?)
            {
                *t += v;
            }
        }
        burden = burden.with_series(Series::new(
            label.clone(),
            trajectory.times().to_vec(),
            total,
        ));
        if let Some(signal) = scenario.neutrophil_signal() {
            neutrophils = neutrophils.with_series(series(trajectory, signal, &label)?);
        }
    }
    let mut figure = Figure::new(format!("{}: arm comparison", scenario.name())).with_panel(burden);
    if scenario.neutrophil_signal().is_some() {
        figure = figure.with_panel(neutrophils);
    }
    Ok(figure)
}
