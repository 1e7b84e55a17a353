//! Treatment marker rows above a panel and the legend column to its right.
//!
//! Each marker kind present in a panel gets its own row in a strip between the panel
//! title and the plot area, so simultaneous events of different kinds (chemotherapy and
//! antibody on the same day) stay distinguishable and no marker hides data. The legend
//! entry of a kind sits at the height of its row; line and threshold entries follow
//! from the top of the plot area downwards.

use super::draw::{drawing, Columns, Root, Rows};
use super::style::{self, Shape, Theme};
use super::{MarkerKind, Panel, PlotError};
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// What a legend entry shows next to its label.
#[derive(Debug, Clone, Copy)]
enum Swatch {
    /// A series line of this colour, dashed or solid.
    Line(RGBColor, bool),
    /// The `index`-th threshold line style.
    Threshold(usize),
}

/// A legend entry for a series or threshold line.
#[derive(Debug, Clone)]
pub struct Entry {
    label: String,
    swatch: Swatch,
}

impl Entry {
    /// Entry for a series line.
    pub fn line(label: String, colour: RGBColor, dashed: bool) -> Self {
        Self {
            label,
            swatch: Swatch::Line(colour, dashed),
        }
    }

    /// Entry for the `index`-th threshold of a panel.
    pub fn threshold(label: String, index: usize) -> Self {
        Self {
            label,
            swatch: Swatch::Threshold(index),
        }
    }
}

/// Every legend label a panel can show (for sizing the legend column); series labels
/// include the longest possible suffix.
pub fn labels(panel: &Panel) -> Vec<String> {
    let series = panel
        .series
        .iter()
        .map(|s| format!("{} (no data)", s.label));
    let thresholds = panel.thresholds.iter().map(|t| t.label.clone());
    let markers = panel.markers.iter().map(|m| m.kind.label().to_string());
    series.chain(thresholds).chain(markers).collect()
}

/// Width (px) of a legend swatch plus the gap before its label.
pub fn swatch_and_gap(theme: &Theme) -> i32 {
    theme.px(40.0)
}

/// Draws the marker rows of a panel: a faint guide line per row and one symbol per event
/// with a finite time. `to_pixel` maps a time (day) to its backend x coordinate.
pub fn draw_markers(
    root: &Root<'_>,
    panel: &Panel,
    rows: &Rows,
    plot_x: (i32, i32),
    x_range: (f64, f64),
    to_pixel: impl Fn(f64) -> i32,
    theme: &Theme,
) -> Result<(), PlotError> {
    for (j, kind) in rows.kinds.iter().enumerate() {
        let centre = row_centre(rows, j);
        root.draw(&PathElement::new(
            vec![(plot_x.0, centre), (plot_x.1, centre)],
            style::MINOR_GRID.stroke_width(1),
        ))
        .map_err(drawing)?;
        for marker in panel.markers.iter().filter(|m| m.kind == *kind) {
            if marker.time >= x_range.0 && marker.time <= x_range.1 {
                draw_symbol(root, *kind, (to_pixel(marker.time), centre), theme)?;
            }
        }
    }
    Ok(())
}

/// Draws the legend column of a panel: marker kinds beside their rows, then `entries`
/// from the top of the plot area down, packed closer if needed; entries that still do
/// not fit are replaced by a note "+ n more".
pub fn draw_legend(
    root: &Root<'_>,
    entries: &[Entry],
    rows: &Rows,
    columns: &Columns,
    theme: &Theme,
) -> Result<(), PlotError> {
    if columns.legend_width <= 0 {
        return Ok(());
    }
    let size = theme.legend_size();
    let swatch = theme.px(30.0);
    let x = columns.legend_left;
    let text_x = x + swatch_and_gap(theme);
    let available = columns.legend_width - swatch_and_gap(theme);
    let font = theme
        .font(size, false)
        .color(&BLACK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let label = |text: &str, y: i32| {
        root.draw(&Text::new(
            fit(text, available, size, theme),
            (text_x, y),
            font.clone(),
        ))
        .map_err(drawing)
    };

    for (j, kind) in rows.kinds.iter().enumerate() {
        let centre = row_centre(rows, j);
        draw_symbol(root, *kind, (x + swatch / 2, centre), theme)?;
        label(kind.label(), centre)?;
    }

    // Entries go from the top of the plot area to the bottom of the x label area; if
    // they do not fit they are packed closer, and as a last resort the tail is summarised.
    let available = rows.plot_top + rows.plot_height + rows.x_area - rows.plot_top;
    let count = i32::try_from(entries.len()).unwrap_or(i32::MAX);
    let row = theme
        .row_height()
        .min(available / count.max(1))
        .max((1.15 * size).ceil() as i32);
    let capacity = usize::try_from(available / row).unwrap_or(0);
    let (shown, hidden) = if entries.len() > capacity {
        let shown = capacity.saturating_sub(1);
        (&entries[..shown], entries.len() - shown)
    } else {
        (entries, 0)
    };
    let mut centre = rows.plot_top + row / 2;
    for entry in shown {
        let ends = vec![(x, centre), (x + swatch, centre)];
        match entry.swatch {
            Swatch::Line(colour, false) => root.draw(&PathElement::new(
                ends,
                colour.stroke_width(theme.line_width()),
            )),
            Swatch::Line(colour, true) => root.draw(&DashedPathElement::new(
                ends,
                theme.px(8.0),
                theme.px(5.0),
                colour.stroke_width(theme.line_width()),
            )),
            Swatch::Threshold(index) => {
                let (colour, dash, gap) = style::threshold_style(index);
                root.draw(&DashedPathElement::new(
                    ends,
                    theme.px(dash * 0.7),
                    theme.px(gap * 0.7),
                    colour.stroke_width(theme.line_width()),
                ))
            }
        }
        .map_err(drawing)?;
        label(&entry.label, centre)?;
        centre += row;
    }
    if hidden > 0 {
        let muted = theme
            .font(size, false)
            .color(&style::MUTED)
            .pos(Pos::new(HPos::Left, VPos::Center));
        root.draw(&Text::new(
            format!("+ {hidden} more"),
            (text_x, centre),
            muted,
        ))
        .map_err(drawing)?;
    }
    Ok(())
}

/// Vertical centre of the `j`-th marker row.
fn row_centre(rows: &Rows, j: usize) -> i32 {
    // j < 4 (one row per marker kind).
    rows.strip_top + i32::try_from(j).unwrap_or(0) * rows.row + rows.row / 2
}

/// `text`, shortened with an ellipsis if wider than `available` px at font `size`.
fn fit(text: &str, available: i32, size: f64, theme: &Theme) -> String {
    if theme.text_width(text, size) <= available {
        return text.to_string();
    }
    let per_char = (size * 0.6).max(1.0);
    let keep = ((f64::from(available.max(0)) / per_char) as usize).saturating_sub(1);
    let mut short: String = text.chars().take(keep).collect();
    short.push('…');
    short
}

/// Draws the symbol of a marker kind centred at `centre` (backend px).
fn draw_symbol(
    root: &Root<'_>,
    kind: MarkerKind,
    centre: (i32, i32),
    theme: &Theme,
) -> Result<(), PlotError> {
    let (colour, shape) = style::marker_style(kind);
    let (x, y) = centre;
    let r = theme.px(6.0);
    let style = colour.filled();
    match shape {
        Shape::TriangleDown => {
            let top = y - r * 4 / 5;
            root.draw(&Polygon::new(
                vec![(x - r, top), (x + r, top), (x, y + r)],
                style,
            ))
        }
        Shape::Circle => root.draw(&Circle::new((x, y), r * 4 / 5, style)),
        Shape::Diamond => root.draw(&Polygon::new(
            vec![
                (x, y - r),
                (x + r * 4 / 5, y),
                (x, y + r),
                (x - r * 4 / 5, y),
            ],
            style,
        )),
        Shape::Tick => {
            let half = (theme.px(3.0) / 2).max(1);
            root.draw(&Rectangle::new(
                [(x - half, y - r), (x + half, y + r)],
                style,
            ))
        }
    }
    .map_err(drawing)
}
