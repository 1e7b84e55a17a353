//! Layout and drawing of a [`Figure`] with plotters' SVG backend.
//!
//! Vertical layout, top to bottom: margin, figure title, then for every panel its title,
//! one row per marker kind present, the plot area and its x tick labels ("Time (days)"
//! below the last panel only). All plot areas have the same height and the same left
//! and right edges, so the panels share the time axis pixel for pixel. The legend
//! column lies to the right of the plot areas.

use super::axis::{clip_to_band, time_range, YAxis};
use super::legend::{self, Entry};
use super::style::{self, Theme};
use super::{Figure, MarkerKind, Panel, PlotError, TIME_LABEL};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Length of the axis tick marks (px at scale 1).
const TICK: f64 = 5.0;

/// The root drawing area of a figure.
pub type Root<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Converts any plotters error into a [`PlotError::Drawing`].
pub fn drawing<E: std::fmt::Display>(error: E) -> PlotError {
    PlotError::Drawing(error.to_string())
}

/// Horizontal geometry shared by all panels (px).
#[derive(Debug, Clone, Copy)]
pub struct Columns {
    /// Left edge of the chart areas (the y label area starts here).
    pub left: i32,
    /// Width of the y label area (tick labels and axis description).
    pub y_area: i32,
    /// Width of a chart area (y label area + plot area).
    pub chart_width: i32,
    /// Left edge of the legend column.
    pub legend_left: i32,
    /// Width of the legend column.
    pub legend_width: i32,
}

/// Vertical geometry of one panel (px).
#[derive(Debug, Clone)]
pub struct Rows {
    /// Vertical centre of the panel title.
    pub title_y: i32,
    /// Top of the marker strip.
    pub strip_top: i32,
    /// Marker kinds present, one row each, in [`MarkerKind::ALL`] order.
    pub kinds: Vec<MarkerKind>,
    /// Height of one marker row.
    pub row: i32,
    /// Top of the plot area.
    pub plot_top: i32,
    /// Height of the plot area.
    pub plot_height: i32,
    /// Height of the x label area below the plot area.
    pub x_area: i32,
}

/// Draws a validated figure (at least one panel, consistent series lengths).
pub fn render(figure: &Figure, width: u32, height: u32) -> Result<String, PlotError> {
    let theme = Theme::new(width, height);
    let too_small = || PlotError::TooSmall {
        width,
        height,
        panels: figure.panels.len(),
    };
    let (w, h) = (
        i32::try_from(width).map_err(|_| too_small())?,
        i32::try_from(height).map_err(|_| too_small())?,
    );
    let rows = rows(figure, &theme, h).ok_or_else(too_small)?;
    let columns = columns(figure, &theme, w, &rows);
    if columns.chart_width - columns.y_area < theme.px(120.0) {
        return Err(too_small());
    }
    let x_range = time_range(figure);

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing)?;
        if !figure.title.is_empty() {
            let centre = columns.left + columns.y_area + (columns.chart_width - columns.y_area) / 2;
            let font = theme
                .font(theme.title_size(), true)
                .color(&BLACK)
                .pos(Pos::new(HPos::Center, VPos::Center));
            let y = theme.px(16.0) + theme.px(18.0);
            root.draw(&Text::new(figure.title.clone(), (centre, y), font))
                .map_err(drawing)?;
        }
        let last = figure.panels.len() - 1;
        for (i, (panel, panel_rows)) in figure.panels.iter().zip(&rows).enumerate() {
            draw_panel(
                &root,
                panel,
                &columns,
                panel_rows,
                x_range,
                &theme,
                i == last,
            )?;
        }
        root.present().map_err(drawing)?;
    }
    Ok(svg)
}

/// Horizontal layout: the y label area fits the widest tick label of any panel plus the
/// rotated axis description; the legend column is as wide as its longest label (at most
/// 30 % of the canvas); the chart areas take the rest.
fn columns(figure: &Figure, theme: &Theme, width: i32, rows: &[Rows]) -> Columns {
    let margin = theme.px(16.0);
    let longest = figure
        .panels
        .iter()
        .flat_map(legend::labels)
        .map(|label| theme.text_width(&label, theme.legend_size()))
        .max();
    let legend_width = match longest {
        Some(text) => (legend::swatch_and_gap(theme) + text).min(width * 3 / 10),
        None => 0,
    };
    let widest_tick = figure
        .panels
        .iter()
        .zip(rows)
        .flat_map(|(panel, rows)| {
            let y = YAxis::for_panel(panel);
            y.tick_labels(y_label_count(&y, rows.plot_height, theme))
        })
        .map(|label| theme.text_width(&label, theme.tick_size()))
        .max()
        .unwrap_or(0);
    // Plotters puts tick labels 2 tick lengths left of the axis and the rotated
    // description at the outer edge of the label area.
    let y_area = widest_tick
        + 2 * theme.px(TICK)
        + theme.px(12.0)
        + (1.2 * theme.axis_desc_size()).ceil() as i32;
    let right_pad = theme.px(22.0);
    let chart_width = width - 2 * margin - legend_width - right_pad;
    Columns {
        left: margin,
        y_area,
        chart_width,
        legend_left: margin + chart_width + right_pad,
        legend_width,
    }
}

/// Largest number of y tick labels for a plot area `plot_height` px high: one per 2
/// label heights (1.6 on log axes, whose labels are short), at most one per decade on
/// log axes and 8 on linear ones.
fn y_label_count(y: &YAxis, plot_height: i32, theme: &Theme) -> usize {
    let spacing = if y.log { 1.6 } else { 2.0 };
    let fit = (f64::from(plot_height) / (spacing * theme.tick_size())).max(2.0) as usize;
    if y.log {
        fit.min(y.decades() + 1)
    } else {
        fit.min(8)
    }
}

/// Vertical layout, `None` if the plot areas would be less than 60 px (at scale 1) high.
fn rows(figure: &Figure, theme: &Theme, height: i32) -> Option<Vec<Rows>> {
    let margin = theme.px(16.0);
    let title = if figure.title.is_empty() {
        0
    } else {
        theme.px(44.0)
    };
    let gap = theme.px(12.0);
    let row = theme.row_height();
    let last = figure.panels.len().checked_sub(1)?;
    let mut fixed = 2 * margin + title + gap * i32::try_from(last).ok()?;
    let mut skeleton = Vec::with_capacity(figure.panels.len());
    for (i, panel) in figure.panels.iter().enumerate() {
        let kinds: Vec<MarkerKind> = MarkerKind::ALL
            .into_iter()
            .filter(|k| panel.markers.iter().any(|m| m.kind == *k))
            .collect();
        let title_height = if panel.title.is_empty() {
            theme.px(6.0)
        } else {
            theme.px(32.0)
        };
        let strip = match kinds.len() {
            0 => 0,
            n => row * i32::try_from(n).ok()? + theme.px(8.0),
        };
        let x_area = if i == last {
            theme.px(62.0)
        } else {
            theme.px(30.0)
        };
        fixed += title_height + strip + x_area;
        skeleton.push((title_height, kinds, strip, x_area));
    }
    let plot_height = (height - fixed) / i32::try_from(figure.panels.len()).ok()?;
    if plot_height < theme.px(60.0) {
        return None;
    }
    let mut top = margin + title;
    let mut out = Vec::with_capacity(skeleton.len());
    for (title_height, kinds, strip, x_area) in skeleton {
        let strip_top = top + title_height;
        let plot_top = strip_top + strip;
        out.push(Rows {
            title_y: top + title_height / 2,
            strip_top,
            kinds,
            row,
            plot_top,
            plot_height,
            x_area,
        });
        top = plot_top + plot_height + x_area + gap;
    }
    Some(out)
}

/// Draws one panel: title, grid and axes, thresholds, series, markers, legend.
fn draw_panel(
    root: &Root<'_>,
    panel: &Panel,
    columns: &Columns,
    rows: &Rows,
    x_range: (f64, f64),
    theme: &Theme,
    last: bool,
) -> Result<(), PlotError> {
    let y = YAxis::for_panel(panel);
    let area = root.clone().shrink(
        (columns.left, rows.plot_top),
        (columns.chart_width, rows.plot_height + rows.x_area),
    );
    let mut chart = ChartBuilder::on(&area)
        .x_label_area_size(rows.x_area)
        .y_label_area_size(columns.y_area)
        .build_cartesian_2d(x_range.0..x_range.1, y.lo..y.hi)
        .map_err(drawing)?;
    let (plot_x, plot_y) = chart.plotting_area().get_pixel_range();

    if !panel.title.is_empty() {
        let font = theme
            .font(theme.panel_title_size(), true)
            .color(&BLACK)
            .pos(Pos::new(HPos::Left, VPos::Center));
        root.draw(&Text::new(
            panel.title.clone(),
            (plot_x.start, rows.title_y),
            font,
        ))
        .map_err(drawing)?;
    }

    if y.log && y.decades() <= 3 {
        let minor = (y.lo as i32..y.hi as i32)
            .flat_map(|k| (2..10).map(move |m| f64::from(k) + f64::from(m).log10()));
        for v in minor {
            chart
                .draw_series(LineSeries::new(
                    [(x_range.0, v), (x_range.1, v)],
                    style::MINOR_GRID.stroke_width(1),
                ))
                .map_err(drawing)?;
        }
    }

    let tick_font = theme.font(theme.tick_size(), false).color(&style::AXIS);
    let desc_font = theme.font(theme.axis_desc_size(), false).color(&BLACK);
    let plot_width = plot_x.end - plot_x.start;
    let x_labels = (f64::from(plot_width) / (4.5 * theme.tick_size())).max(2.0) as usize;
    let y_labels = y_label_count(&y, rows.plot_height, theme);
    let x_format = |v: &f64| super::axis::format_number(*v);
    let y_format = |v: &f64| y.label(*v);
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(x_labels)
        .y_labels(y_labels)
        .x_label_formatter(&x_format)
        .y_label_formatter(&y_format)
        .label_style(tick_font)
        .axis_desc_style(desc_font)
        .y_desc(panel.y_label.as_str())
        .bold_line_style(style::GRID.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(style::AXIS.stroke_width(1))
        .set_all_tick_mark_size(theme.px(TICK));
    if last {
        mesh.x_desc(TIME_LABEL);
    }
    mesh.draw().map_err(drawing)?;

    for (i, threshold) in panel.thresholds.iter().enumerate() {
        let Some(v) = y.transform(threshold.value) else {
            continue;
        };
        let (colour, dash, gap) = style::threshold_style(i);
        chart
            .draw_series(DashedLineSeries::new(
                [(x_range.0, v), (x_range.1, v)],
                theme.px(dash),
                theme.px(gap),
                colour.stroke_width(theme.line_width()),
            ))
            .map_err(drawing)?;
    }

    let mut drawn_any = false;
    let mut entries = Vec::new();
    for (i, series) in panel.series.iter().enumerate() {
        let (colour, dashed) = style::series_colour(i);
        let line = colour.stroke_width(theme.line_width());
        let mut drawn = false;
        for piece in series_pieces(series, &y) {
            drawn = true;
            if let [single] = piece.as_slice() {
                chart
                    .draw_series(std::iter::once(Circle::new(
                        *single,
                        theme.px(3.0),
                        colour.filled(),
                    )))
                    .map_err(drawing)?;
            } else if dashed {
                chart
                    .draw_series(DashedLineSeries::new(
                        piece,
                        theme.px(8.0),
                        theme.px(5.0),
                        line,
                    ))
                    .map_err(drawing)?;
            } else {
                chart
                    .draw_series(LineSeries::new(piece, line))
                    .map_err(drawing)?;
            }
        }
        drawn_any |= drawn;
        let label = if drawn {
            series.label.clone()
        } else {
            format!("{} (no data)", series.label)
        };
        entries.push(Entry::line(label, colour, dashed));
    }
    for (i, threshold) in panel.thresholds.iter().enumerate() {
        entries.push(Entry::threshold(threshold.label.clone(), i));
    }

    if !drawn_any {
        let font = theme
            .font(theme.legend_size(), false)
            .color(&style::MUTED)
            .pos(Pos::new(HPos::Center, VPos::Center));
        let centre = (
            (plot_x.start + plot_x.end) / 2,
            (plot_y.start + plot_y.end) / 2,
        );
        root.draw(&Text::new("no data", centre, font))
            .map_err(drawing)?;
    }

    let to_pixel = |t: f64| chart.backend_coord(&(t, y.lo)).0;
    legend::draw_markers(
        root,
        panel,
        rows,
        (plot_x.start, plot_x.end),
        x_range,
        to_pixel,
        theme,
    )?;
    legend::draw_legend(root, &entries, rows, columns, theme)
}

/// The drawable pieces of a series in plotting coordinates: broken at non-finite or (on
/// a log axis) non-positive points and clipped to the vertical axis range.
fn series_pieces(series: &super::Series, y: &YAxis) -> Vec<Vec<(f64, f64)>> {
    let mut pieces = Vec::new();
    let mut run: Vec<(f64, f64)> = Vec::new();
    for (t, v) in series.times.iter().zip(&series.values) {
        match y.transform(*v) {
            Some(v) if super::axis::drawable(*t) => run.push((*t, v)),
            _ => {
                pieces.extend(clip_to_band(&run, y.lo, y.hi));
                run.clear();
            }
        }
    }
    pieces.extend(clip_to_band(&run, y.lo, y.hi));
    pieces
}
