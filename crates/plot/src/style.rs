//! Colours, line styles, fonts and sizes of oncodyn figures.
//!
//! Series colours follow the colour-blind-safe palette of Okabe & Ito (2008), "Color
//! Universal Design (CUD): how to make figures and presentations that are friendly to
//! colorblind people", J*FLY. Its yellow is left out because it is too pale on white.

use super::MarkerKind;
use plotters::style::{FontDesc, FontFamily, FontStyle, RGBColor};

/// Okabe–Ito palette in the order series are coloured: blue, vermillion, bluish green,
/// reddish purple, orange, sky blue, black. Series beyond the seventh reuse the colours
/// with dashed lines.
pub const PALETTE: [RGBColor; 7] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(0, 0, 0),
];

/// Colour of the `index`-th series of a panel, and whether it is drawn dashed (from the
/// eighth series on, once the palette is exhausted).
pub fn series_colour(index: usize) -> (RGBColor, bool) {
    (PALETTE[index % PALETTE.len()], index >= PALETTE.len())
}

/// Colour and dash pattern (dash, gap; in units of the figure scale) of the `index`-th
/// threshold line of a panel: dark grey long dashes, then black short dashes, then a
/// mid grey.
pub fn threshold_style(index: usize) -> (RGBColor, f64, f64) {
    const STYLES: [(RGBColor, f64, f64); 3] = [
        (RGBColor(90, 90, 90), 10.0, 6.0),
        (RGBColor(0, 0, 0), 4.0, 4.0),
        (RGBColor(150, 150, 150), 14.0, 4.0),
    ];
    STYLES[index % STYLES.len()]
}

/// How a treatment marker is drawn along the top of a panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Downward-pointing triangle.
    TriangleDown,
    /// Filled circle.
    Circle,
    /// Filled diamond.
    Diamond,
    /// Vertical bar (tick).
    Tick,
}

/// Colour (Okabe–Ito, distinct between kinds) and shape of a marker kind.
pub fn marker_style(kind: MarkerKind) -> (RGBColor, Shape) {
    match kind {
        MarkerKind::Chemotherapy => (PALETTE[1], Shape::TriangleDown),
        MarkerKind::StemCellInfusion => (PALETTE[2], Shape::Circle),
        MarkerKind::Antibody => (PALETTE[3], Shape::Diamond),
        MarkerKind::Radiation => (PALETTE[4], Shape::Tick),
    }
}

/// Grid line colour: a light grey.
pub const GRID: RGBColor = RGBColor(220, 220, 220);
/// Minor (log-decade subdivision) grid line colour: a very light grey.
pub const MINOR_GRID: RGBColor = RGBColor(240, 240, 240);
/// Axis line and tick label colour: near black.
pub const AXIS: RGBColor = RGBColor(40, 40, 40);
/// Colour of secondary text (notes such as "no data").
pub const MUTED: RGBColor = RGBColor(110, 110, 110);

/// Average glyph advance of a sans-serif font as a fraction of its size (DejaVu Sans is
/// about 0.55–0.6; narrower fonts such as Arial make the estimate conservative).
const GLYPH_WIDTH: f64 = 0.6;

/// Pixel sizes of a figure, all proportional to one scale factor so a larger canvas gets
/// proportionally larger text and lines. At scale 1 (a 1000 px wide canvas) tick labels
/// are 15 px, panel titles 19 px and the figure title 23 px.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    scale: f64,
}

impl Theme {
    /// Theme for a canvas of `width` × `height` px.
    pub fn new(width: u32, height: u32) -> Self {
        let scale = (f64::from(width) / 1000.0)
            .min(f64::from(height) / 600.0)
            .clamp(0.8, 4.0);
        Self { scale }
    }

    /// `base` px at scale 1, scaled and rounded (at least 1 px).
    pub fn px(&self, base: f64) -> i32 {
        // The scale is clamped to [0.8, 4] and `base` is a small constant: no overflow.
        ((base * self.scale).round() as i32).max(1)
    }

    /// Series line width: 2 px at scale 1 (never thinner than 2 px).
    pub fn line_width(&self) -> u32 {
        self.px(2.0).max(2).unsigned_abs()
    }

    /// Font size (px as rendered) of the figure title.
    pub fn title_size(&self) -> f64 {
        23.0 * self.scale
    }
    /// Font size (px) of panel titles.
    pub fn panel_title_size(&self) -> f64 {
        19.0 * self.scale
    }
    /// Font size (px) of axis descriptions ("Time (days)").
    pub fn axis_desc_size(&self) -> f64 {
        17.0 * self.scale
    }
    /// Font size (px) of tick labels.
    pub fn tick_size(&self) -> f64 {
        15.0 * self.scale
    }
    /// Font size (px) of legend entries.
    pub fn legend_size(&self) -> f64 {
        15.0 * self.scale
    }

    /// Height (px) of one legend entry or marker row.
    pub fn row_height(&self) -> i32 {
        self.px(23.0)
    }

    /// Estimated width (px) of `text` at font size `size`.
    pub fn text_width(&self, text: &str, size: f64) -> i32 {
        (text.chars().count() as f64 * size * GLYPH_WIDTH).ceil() as i32
    }

    /// Sans-serif font of `size` px. Plotters' SVG backend writes `font-size = size / 1.24`,
    /// so the requested size is pre-multiplied to get exactly `size` px in the file.
    pub fn font(&self, size: f64, bold: bool) -> FontDesc<'static> {
        let style = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        FontDesc::new(FontFamily::SansSerif, size * 1.24, style)
    }
}
