//! WCAG 2 colour contrast: a campaign's own accent colour is checked before any visitor with
//! low vision meets it, and a failing one is answered with the nearest shade that passes.

/// An sRGB colour, a byte per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// Contrast text and links need against their background (WCAG 2.2 SC 1.4.3, level AA).
pub const AA_TEXT: f64 = 4.5;

impl Rgb {
    /// Reads any CSS colour (`#c8102e`, `rgb(…)`, `oklch(…)`, `teal`); `None` for anything
    /// else, or a colour that is not fully opaque (its contrast would depend on what is below).
    pub fn parse(text: &str) -> Option<Rgb> {
        use lightningcss::traits::Parse;
        use lightningcss::values::color::{CssColor, RGBA};
        let colour = CssColor::parse_string(text.trim()).ok()?;
        let rgba = RGBA::try_from(&colour).ok()?;
        (rgba.alpha == 255).then_some(Rgb(rgba.red, rgba.green, rgba.blue))
    }

    /// `#rrggbb`, as the stylesheet gets it.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance, as WCAG defines it.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// This colour mixed with `other`: `amount` 0 is this colour, 1 is `other`.
    fn mix(self, other: Rgb, amount: f64) -> Rgb {
        let m =
            |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * amount).round() as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }
}

/// The WCAG contrast ratio of two colours (1 to 21).
pub fn ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// The shade of `colour` closest to it with at least `min` contrast against every one of
/// `backgrounds`: the colour itself if it passes, else mixed with black on light backgrounds
/// or white on dark ones, in the smallest step that passes.
pub fn nearest_passing(colour: Rgb, backgrounds: &[Rgb], min: f64) -> Rgb {
    let passes = |c: Rgb| backgrounds.iter().all(|&b| ratio(c, b) >= min);
    if passes(colour) {
        return colour;
    }
    let dark_backgrounds = backgrounds.iter().all(|b| b.luminance() < 0.18);
    let towards = if dark_backgrounds {
        Rgb(255, 255, 255)
    } else {
        Rgb(0, 0, 0)
    };
    (1..=100)
        .map(|step| colour.mix(towards, f64::from(step) / 100.0))
        .find(|&c| passes(c))
        .unwrap_or(towards)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_match_wcag_examples() {
        let white = Rgb(255, 255, 255);
        assert!((ratio(Rgb(0, 0, 0), white) - 21.0).abs() < 1e-9);
        assert!((ratio(white, white) - 1.0).abs() < 1e-9);
        // #767676 on white is the well-known lightest grey that passes AA (4.54:1).
        assert!((ratio(Rgb(0x76, 0x76, 0x76), white) - 4.54).abs() < 0.01);
    }

    #[test]
    fn any_css_colour_is_read_and_transparent_ones_are_not() {
        assert_eq!(Rgb::parse("#C8102E"), Some(Rgb(0xc8, 0x10, 0x2e)));
        assert_eq!(Rgb::parse("rgb(0 128 0)"), Some(Rgb(0, 128, 0)));
        assert_eq!(Rgb::parse("teal"), Some(Rgb(0, 128, 128)));
        assert_eq!(Rgb::parse("#0000"), None);
        assert_eq!(Rgb::parse("blue-ish"), None);
    }

    #[test]
    fn a_failing_colour_gets_the_nearest_passing_shade() {
        let paper = [Rgb(255, 255, 255)];
        let yellow = Rgb(0xff, 0xcc, 0x00);
        let fixed = nearest_passing(yellow, &paper, AA_TEXT);
        assert!(ratio(fixed, paper[0]) >= AA_TEXT);
        // Darkened only as far as needed: a shade one step lighter fails.
        let step = (1..=100)
            .find(|&s| yellow.mix(Rgb(0, 0, 0), f64::from(s) / 100.0) == fixed)
            .unwrap();
        assert!(
            ratio(
                yellow.mix(Rgb(0, 0, 0), f64::from(step - 1) / 100.0),
                paper[0]
            ) < AA_TEXT
        );
        // On a dark page the same colour is lightened instead.
        let night = [Rgb(0x12, 0x14, 0x17)];
        let navy = Rgb(0x0b, 0x2a, 0x5c);
        let light = nearest_passing(navy, &night, AA_TEXT);
        assert!(light.luminance() > navy.luminance());
        assert!(ratio(light, night[0]) >= AA_TEXT);
        // A passing colour is kept.
        assert_eq!(
            nearest_passing(Rgb(0x0b, 0x53, 0x94), &paper, AA_TEXT),
            Rgb(0x0b, 0x53, 0x94)
        );
    }
}
