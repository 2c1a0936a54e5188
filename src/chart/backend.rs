//! The SVG backend every chart draws on: plotters' SVG backend with its own estimate of text
//! size, writing opacities rounded to three decimals and no element for an empty text.
//!
//! On wasm32, plotters measures text by adding a `<span>` with a `style` attribute to the page,
//! which the page's Content-Security-Policy (no inline styles) forbids, and which makes the
//! layout depend on the browser. Here text is measured from average glyph widths of a
//! sans-serif face instead: the same on every machine, natively and in the browser, and close
//! enough to place axis labels (the SVG text itself is laid out by the browser).

use plotters::coord::Shift;

use super::font;
use plotters::prelude::*;
use plotters_backend::text_anchor;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontFamily,
    FontStyle, FontTransform,
};

/// plotters' SVG backend, measuring text without the DOM.
pub struct Svg<'a>(SVGBackend<'a>);

impl<'a> Svg<'a> {
    /// A drawing area of `size` pixels that writes its SVG document into `buffer`.
    pub fn area(buffer: &'a mut String, size: (u32, u32)) -> DrawingArea<Svg<'a>, Shift> {
        Svg(SVGBackend::with_string(buffer, size)).into_drawing_area()
    }
}

/// The legend's font size, in pixels as given to [`font`].
const LEGEND_FONT_PX: f64 = 14.0;
/// The height of one line of a legend.
pub(crate) const LEGEND_LINE: u32 = 22;

/// Where each entry of a legend goes, from `corner` (top-left) in an area `width` pixels wide:
/// side by side, on a new line when the next one would not fit (a narrow chart).
fn legend_places(corner: (i32, i32), width: u32, entries: &[(&str, RGBColor)]) -> Vec<(i32, i32)> {
    let (left, mut y) = corner;
    let mut x = left;
    let right = i32::try_from(width).unwrap_or(i32::MAX).saturating_sub(8);
    entries
        .iter()
        .map(|(label, _)| {
            let entry = 24 + (text_width_em(label) * LEGEND_FONT_PX).ceil() as i32;
            if x > left && x + entry > right {
                x = left;
                y += LEGEND_LINE as i32;
            }
            let place = (x, y);
            x += entry + 24;
            place
        })
        .collect()
}

/// How many lines the legend of `entries` takes from `corner` in an area `width` pixels wide.
pub(crate) fn legend_lines(corner: (i32, i32), width: u32, entries: &[(&str, RGBColor)]) -> u32 {
    let places = legend_places(corner, width, entries);
    let last = places.last().map_or(corner.1, |&(_, y)| y);
    ((last - corner.1) / LEGEND_LINE as i32) as u32 + 1
}

/// Draws a legend starting at `corner` (top-left, in pixels of `area`): a short line in each
/// colour followed by its label, side by side, wrapped onto more lines where the area is
/// narrow. Used instead of plotters' series labels, which measure text through the DOM on
/// wasm32; it has no background, so it reads in light and dark schemes.
pub(crate) fn draw_legend(
    area: &DrawingArea<Svg<'_>, Shift>,
    corner: (i32, i32),
    entries: &[(&str, RGBColor)],
) -> Result<(), ()> {
    let (width, _) = area.dim_in_pixel();
    for ((label, colour), (x, y)) in entries.iter().zip(legend_places(corner, width, entries)) {
        area.draw(&PathElement::new(
            vec![(x, y + 8), (x + 18, y + 8)],
            Color::stroke_width(colour, 2),
        ))
        .map_err(|_| ())?;
        area.draw(&Text::new(
            label.to_string(),
            (x + 24, y),
            font(LEGEND_FONT_PX),
        ))
        .map_err(|_| ())?;
    }
    Ok(())
}

/// Width of `text` in units of the font size, from typical sans-serif advance widths.
pub fn text_width_em(text: &str) -> f64 {
    text.chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.28,
            'f' | 't' | 'r' | ' ' | '(' | ')' | '[' | ']' | '-' => 0.36,
            'm' | 'w' | 'M' | 'W' | '%' | '@' => 0.85,
            c if c.is_ascii_uppercase() => 0.68,
            c if c.is_ascii_digit() => 0.56,
            c if c.is_ascii() => 0.52,
            // Wider scripts and symbols (×, ≥, CJK): err on the wide side.
            _ => 0.9,
        })
        .sum()
}

/// A style as written into the SVG: its opacity rounded to three decimals, since a computed
/// shade (the heatmap's 0.08 + 0.9 × 0.4) would otherwise be written with float noise
/// (`opacity="0.44000000000000006"`) into every downloaded chart.
struct Written {
    color: BackendColor,
    stroke_width: u32,
}

impl Written {
    fn of<S: BackendStyle>(style: &S) -> Written {
        Written {
            color: rounded(style.color()),
            stroke_width: style.stroke_width(),
        }
    }
}

impl BackendStyle for Written {
    fn color(&self) -> BackendColor {
        self.color
    }

    fn stroke_width(&self) -> u32 {
        self.stroke_width
    }
}

/// A text style as written into the SVG: its font size rounded to two decimals (plotters turns
/// a 14 px font into `font-size="11.290322580645162"`) and its opacity to three.
struct WrittenText<'a, S>(&'a S);

impl<S: BackendTextStyle> BackendTextStyle for WrittenText<'_, S> {
    type FontError = S::FontError;

    fn color(&self) -> BackendColor {
        rounded(self.0.color())
    }

    /// plotters' SVG backend writes `size / 1.24` as the font size: the size handed to it is
    /// the one whose quotient is that font size rounded to two decimals.
    fn size(&self) -> f64 {
        const SVG_DIVISOR: f64 = 1.24;
        let written = (self.0.size() / SVG_DIVISOR * 100.0).round() / 100.0;
        let mut size = written * SVG_DIVISOR;
        for _ in 0..8 {
            let quotient = size / SVG_DIVISOR;
            if quotient == written {
                break;
            }
            size = if quotient < written {
                size.next_up()
            } else {
                size.next_down()
            };
        }
        size
    }

    fn transform(&self) -> FontTransform {
        self.0.transform()
    }

    fn style(&self) -> FontStyle {
        self.0.style()
    }

    fn anchor(&self) -> text_anchor::Pos {
        self.0.anchor()
    }

    fn family(&self) -> FontFamily<'_> {
        self.0.family()
    }

    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        self.0.layout_box(text)
    }

    fn draw<E, DrawFunc: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        text: &str,
        pos: BackendCoord,
        draw: DrawFunc,
    ) -> Result<Result<(), E>, Self::FontError> {
        self.0.draw(text, pos, draw)
    }
}

/// `color` with its opacity rounded to three decimals.
fn rounded(color: BackendColor) -> BackendColor {
    BackendColor {
        alpha: (color.alpha * 1000.0).round() / 1000.0,
        rgb: color.rgb,
    }
}

impl DrawingBackend for Svg<'_> {
    type ErrorType = <SVGBackend<'static> as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_pixel(point, rounded(color))
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_line(from, to, &Written::of(style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0
            .draw_rect(upper_left, bottom_right, &Written::of(style), fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_path(path, &Written::of(style))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0
            .draw_circle(center, radius, &Written::of(style), fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vertices: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.fill_polygon(vertices, &Written::of(style))
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        // An empty label (a tick left unlabelled on purpose) is no text element at all.
        if text.is_empty() {
            return Ok(());
        }
        self.0.draw_text(text, &WrittenText(style), pos)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        let size = style.size().max(0.0);
        let width = (text_width_em(text) * size).ceil();
        Ok((width as u32, size.ceil() as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_widths_grow_with_text_and_size() {
        assert_eq!(text_width_em(""), 0.0);
        assert!(text_width_em("100%") > text_width_em("10"));
        assert!(text_width_em("WWW") > text_width_em("iii"));
        let mut buffer = String::new();
        let backend = Svg(SVGBackend::with_string(&mut buffer, (10, 10)));
        let style = TextStyle::from(font(14.0));
        let (w, h) = backend.estimate_text_size("43m", &style).unwrap();
        assert_eq!((w, h), ((14.0 * (0.56 * 2.0 + 0.85_f64)).ceil() as u32, 14));
    }

    #[test]
    fn charts_drawn_here_have_no_style_attributes() {
        let mut svg = String::new();
        {
            let root = Svg::area(&mut svg, (200, 100));
            root.fill(&WHITE).unwrap();
            let mut chart = ChartBuilder::on(&root)
                .x_label_area_size(20)
                .y_label_area_size(30)
                .build_cartesian_2d(0.0..1.0, 0.0..1.0)
                .unwrap();
            chart.configure_mesh().draw().unwrap();
            root.present().unwrap();
        }
        assert!(svg.contains("<text"), "labels are drawn");
        assert!(!svg.contains("style="), "{svg}");
    }
}
