//! SVG figures of simulated trajectories: stacked panels sharing a time axis (days).
//!
//! A [`Figure`] is a title and a list of [`Panel`]s drawn one below the other with the
//! same horizontal axis, "Time (days)", spanning all series and marker times of the
//! figure. A panel holds line [`Series`], horizontal dashed [`Threshold`] lines (e.g.
//! CTCAE grade 3 and 4 neutropenia) and treatment [`Marker`]s, drawn in one row per
//! [`MarkerKind`] in a strip above the plot area so they never hide the data.
//!
//! Styling is fixed and meant for slides: the colour-blind-safe Okabe–Ito palette
//! (Okabe & Ito 2008), 2 px lines, thin light-grey grid, tick labels of 15 px and titles
//! of 19–23 px on a 1000 px wide canvas (all sizes scale with the canvas), and a legend
//! column to the right of every panel, outside the data area.
//!
//! Data handling, so that any trajectory can be drawn without panicking:
//! - points with a non-finite time or value are dropped, and the line is broken there
//!   (magnitudes above 10^100 on a linear axis count as non-finite);
//! - on a log-scale panel (`log_y`) non-positive values are dropped likewise (a tumor
//!   that reaches zero cells simply ends its line), the axis spans whole decades and at
//!   most [`MAX_LOG_DECADES`] below the top decade (lower values are clipped at the axis);
//! - linear panels start at 0 when the data are non-negative;
//! - a panel without drawable data is drawn with empty axes and the note "no data"; a
//!   series without drawable points keeps its legend entry, marked "(no data)".
//!
//! ```
//! use oncodyn_plot::{render_svg, Figure, Marker, MarkerKind, Panel, Series};
//!
//! let days: Vec<f64> = (0..=100).map(f64::from).collect();
//! let cells: Vec<f64> = days.iter().map(|t| 1e9 * (-0.02 * t).exp()).collect();
//! let figure = Figure::new("Arm A").with_panel(
//!     Panel::new("Tumor burden", "Cells")
//!         .log_scale()
//!         .with_series(Series::new("lung", days, cells))
//!         .with_marker(Marker::new(0.0, MarkerKind::Chemotherapy)),
//! );
//! let svg = render_svg(&figure, 1000, 500)?;
//! assert!(svg.starts_with("<svg") && svg.contains("lung"));
//! # Ok::<(), oncodyn_plot::PlotError>(())
//! ```

mod axis;
mod draw;
mod legend;
mod style;
#[cfg(test)]
mod tests;

use std::path::Path;

/// Largest number of decades a log-scale panel spans; values further below the top
/// decade are clipped at the bottom of the panel.
pub const MAX_LOG_DECADES: f64 = 12.0;

/// Smallest canvas width (px) [`render_svg`] accepts.
pub const MIN_WIDTH: u32 = 320;

/// Smallest canvas height (px) per panel [`render_svg`] accepts (titles and marker rows
/// come on top of the plot area, so crowded panels may need more).
pub const MIN_PANEL_HEIGHT: u32 = 140;

/// Label of the shared horizontal axis.
pub const TIME_LABEL: &str = "Time (days)";

/// One line: a variable over time.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend label, e.g. `lung` or `Arm B`.
    pub label: String,
    /// Sample times (day), ascending.
    pub times: Vec<f64>,
    /// Values at `times` (in the unit of the panel's `y_label`); same length as `times`.
    pub values: Vec<f64>,
}

impl Series {
    /// A series labelled `label` with `values` at `times` (day).
    pub fn new(label: impl Into<String>, times: Vec<f64>, values: Vec<f64>) -> Self {
        Self {
            label: label.into(),
            times,
            values,
        }
    }
}

/// A horizontal dashed reference line across a panel, listed in the legend.
#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    /// Height of the line, in the unit of the panel's `y_label` (not drawn if it is not
    /// finite, or not positive on a log panel).
    pub value: f64,
    /// Legend label, e.g. `Grade 3 (1.0)`.
    pub label: String,
}

impl Threshold {
    /// A threshold line at `value` labelled `label`.
    pub fn new(value: f64, label: impl Into<String>) -> Self {
        Self {
            value,
            label: label.into(),
        }
    }
}

/// Kind of treatment event, each with its own colour, shape and marker row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MarkerKind {
    /// A chemotherapy dose (vermillion downward triangle).
    Chemotherapy,
    /// A stem-cell infusion (bluish-green circle).
    StemCellInfusion,
    /// An antibody dose (reddish-purple diamond).
    Antibody,
    /// A radiation fraction (orange tick).
    Radiation,
}

impl MarkerKind {
    /// Every kind, in the order of the marker rows and legend entries.
    pub const ALL: [MarkerKind; 4] = [
        MarkerKind::Chemotherapy,
        MarkerKind::StemCellInfusion,
        MarkerKind::Antibody,
        MarkerKind::Radiation,
    ];

    /// Legend label of the kind, e.g. `Chemotherapy dose`.
    pub fn label(self) -> &'static str {
        match self {
            MarkerKind::Chemotherapy => "Chemotherapy dose",
            MarkerKind::StemCellInfusion => "Stem-cell infusion",
            MarkerKind::Antibody => "Antibody dose",
            MarkerKind::Radiation => "Radiation fraction",
        }
    }
}

/// A treatment event drawn above a panel at its time (not drawn if the time is not finite).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Marker {
    /// Event time (day).
    pub time: f64,
    /// What happened.
    pub kind: MarkerKind,
}

impl Marker {
    /// A marker of `kind` at `time` (day).
    pub fn new(time: f64, kind: MarkerKind) -> Self {
        Self { time, kind }
    }
}

/// One plot area of a figure: series, thresholds and markers over the shared time axis.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Panel {
    /// Title drawn above the panel, e.g. `Tumor burden`.
    pub title: String,
    /// Vertical axis label with unit, e.g. `Neutrophils (10⁹/L)`.
    pub y_label: String,
    /// Logarithmic vertical axis (whole decades; non-positive values are not drawn).
    pub log_y: bool,
    /// Lines, coloured in palette order.
    pub series: Vec<Series>,
    /// Horizontal dashed lines.
    pub thresholds: Vec<Threshold>,
    /// Treatment events.
    pub markers: Vec<Marker>,
}

impl Panel {
    /// An empty linear-scale panel with a title and a vertical axis label (with unit).
    pub fn new(title: impl Into<String>, y_label: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            y_label: y_label.into(),
            ..Self::default()
        }
    }

    /// The same panel on a logarithmic vertical axis.
    pub fn log_scale(mut self) -> Self {
        self.log_y = true;
        self
    }

    /// The same panel with one more series.
    pub fn with_series(mut self, series: Series) -> Self {
        self.series.push(series);
        self
    }

    /// The same panel with one more threshold line at `value` labelled `label`.
    pub fn with_threshold(mut self, value: f64, label: impl Into<String>) -> Self {
        self.thresholds.push(Threshold::new(value, label));
        self
    }

    /// The same panel with one more treatment marker.
    pub fn with_marker(mut self, marker: Marker) -> Self {
        self.markers.push(marker);
        self
    }

    /// The same panel with more treatment markers.
    pub fn with_markers(mut self, markers: impl IntoIterator<Item = Marker>) -> Self {
        self.markers.extend(markers);
        self
    }
}

/// A titled stack of panels sharing the time axis.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figure {
    /// Figure title, e.g. `Arm A: chemotherapy + stem cells`.
    pub title: String,
    /// Panels from top to bottom.
    pub panels: Vec<Panel>,
}

impl Figure {
    /// A figure without panels.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            panels: Vec::new(),
        }
    }

    /// The same figure with one more panel at the bottom.
    pub fn with_panel(mut self, panel: Panel) -> Self {
        self.panels.push(panel);
        self
    }
}

/// Why a figure could not be drawn.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum PlotError {
    /// The figure has no panel.
    NoPanels,
    /// The canvas is too small for the number of panels.
    TooSmall {
        /// Requested width (px).
        width: u32,
        /// Requested height (px).
        height: u32,
        /// Number of panels.
        panels: usize,
    },
    /// A series has different numbers of times and values.
    LengthMismatch {
        /// Title of the panel.
        panel: String,
        /// Label of the series.
        series: String,
        /// Number of times.
        times: usize,
        /// Number of values.
        values: usize,
    },
    /// The drawing backend failed.
    Drawing(String),
}

impl std::fmt::Display for PlotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlotError::NoPanels => write!(f, "the figure has no panel to draw"),
            PlotError::TooSmall {
                width,
                height,
                panels,
            } => write!(
                f,
                "a {width}×{height} px canvas is too small for {panels} panel(s): \
                 need at least {MIN_WIDTH} px wide and {MIN_PANEL_HEIGHT} px of height per panel"
            ),
            PlotError::LengthMismatch {
                panel,
                series,
                times,
                values,
            } => write!(
                f,
                "series `{series}` of panel `{panel}` has {times} times but {values} values"
            ),
            PlotError::Drawing(reason) => write!(f, "drawing failed: {reason}"),
        }
    }
}

impl std::error::Error for PlotError {}

/// Draws `figure` on a `width` × `height` px canvas and returns the SVG document.
///
/// # Errors
/// [`PlotError::NoPanels`], [`PlotError::TooSmall`] (narrower than [`MIN_WIDTH`] or less
/// than [`MIN_PANEL_HEIGHT`] per panel), [`PlotError::LengthMismatch`], or
/// [`PlotError::Drawing`] if the backend fails.
pub fn render_svg(figure: &Figure, width: u32, height: u32) -> Result<String, PlotError> {
    if figure.panels.is_empty() {
        return Err(PlotError::NoPanels);
    }
    let panels = figure.panels.len();
    let min_height = u64::from(MIN_PANEL_HEIGHT) * panels as u64;
    if width < MIN_WIDTH || u64::from(height) < min_height {
        return Err(PlotError::TooSmall {
            width,
            height,
            panels,
        });
    }
    for panel in &figure.panels {
        for series in &panel.series {
            if series.times.len() != series.values.len() {
                return Err(PlotError::LengthMismatch {
                    panel: panel.title.clone(),
                    series: series.label.clone(),
                    times: series.times.len(),
                    values: series.values.len(),
                });
            }
        }
    }
    draw::render(figure, width, height)
}

/// Draws `figure` (see [`render_svg`]) and writes the SVG to `path` atomically (temporary
/// file in the same folder, then rename), creating missing parent folders. Nothing is
/// written if drawing fails.
///
/// # Errors
/// [`oncodyn_core::Error::Serialize`] if the figure cannot be drawn (the reason is the
/// [`PlotError`] message), [`oncodyn_core::Error::Io`] if the file cannot be written.
pub fn write_svg(
    figure: &Figure,
    path: impl AsRef<Path>,
    width: u32,
    height: u32,
) -> oncodyn_core::Result<()> {
    let path = path.as_ref();
    let svg = render_svg(figure, width, height).map_err(|e| oncodyn_core::Error::Serialize {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    oncodyn_core::io::write_atomically(path, |w| {
        w.write_all(svg.as_bytes())
            .map_err(|source| oncodyn_core::Error::Io {
                path: path.to_path_buf(),
                source,
            })
    })
}
