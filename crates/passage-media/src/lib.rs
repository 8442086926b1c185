//! Pixel work for passage: decode once (orientation, colour profile, bit depth), resize with a SIMD
//! resizer, and encode with mozjpeg, libwebp and libaom. Nothing here copies metadata: every
//! encoder is given bare pixels, so EXIF, GPS, XMP, IPTC and comments cannot survive.

use std::io::Cursor;

pub mod avif;

/// The `image` crate, for callers that build or inspect pixels themselves (tests, fixtures).
pub use image;

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, RgbImage, RgbaImage};

/// Why a photo could not be used, in words for the person who supplied it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageProblem {
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

fn problem(message: impl Into<String>, hint: impl Into<String>) -> ImageProblem {
    ImageProblem {
        message: message.into(),
        hint: hint.into(),
    }
}

/// Decoded pixels, upright and in sRGB, with alpha only when some pixel is see-through.
#[derive(Debug, Clone)]
pub enum Pixels {
    /// Opaque.
    Rgb(RgbImage),
    /// With transparency.
    Rgba(RgbaImage),
}

impl Pixels {
    /// Width in pixels.
    pub fn width(&self) -> u32 {
        match self {
            Pixels::Rgb(i) => i.width(),
            Pixels::Rgba(i) => i.width(),
        }
    }

    /// Height in pixels.
    pub fn height(&self) -> u32 {
        match self {
            Pixels::Rgb(i) => i.height(),
            Pixels::Rgba(i) => i.height(),
        }
    }

    /// Whether some pixel is transparent.
    pub fn has_alpha(&self) -> bool {
        matches!(self, Pixels::Rgba(_))
    }

    /// Resized to exactly `width`×`height` (Lanczos3), cropping the centre to that aspect ratio.
    pub fn resize(&self, width: u32, height: u32) -> Pixels {
        if width == self.width() && height == self.height() {
            return self.clone();
        }
        let (sw, sh) = (self.width() as f64, self.height() as f64);
        let target = width as f64 / height as f64;
        let (cw, ch) = if sw / sh > target {
            (sh * target, sh)
        } else {
            (sw, sw / target)
        };
        let options = ResizeOptions::new()
            .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3))
            .crop((sw - cw) / 2.0, (sh - ch) / 2.0, cw, ch);
        let mut resizer = Resizer::new();
        match self {
            Pixels::Rgb(src) => {
                let mut dst = RgbImage::new(width, height);
                resizer
                    .resize(src, &mut dst, &options)
                    .expect("RGB8 to RGB8 resize is supported");
                Pixels::Rgb(dst)
            }
            Pixels::Rgba(src) => {
                let mut dst = RgbaImage::new(width, height);
                resizer
                    .resize(src, &mut dst, &options)
                    .expect("RGBA8 to RGBA8 resize is supported");
                Pixels::Rgba(dst)
            }
        }
    }

    /// Opaque pixels: transparent areas are laid on `background`, never on black.
    pub fn flatten(&self, background: [u8; 3]) -> RgbImage {
        match self {
            Pixels::Rgb(i) => i.clone(),
            Pixels::Rgba(i) => {
                let mut out = RgbImage::new(i.width(), i.height());
                for (o, p) in out.pixels_mut().zip(i.pixels()) {
                    let a = p[3] as u32;
                    for c in 0..3 {
                        o[c] = ((p[c] as u32 * a + background[c] as u32 * (255 - a) + 127) / 255)
                            as u8;
                    }
                }
                out
            }
        }
    }

    /// RGBA bytes (alpha 255 where opaque).
    pub fn to_rgba(&self) -> RgbaImage {
        match self {
            Pixels::Rgb(i) => DynamicImage::ImageRgb8(i.clone()).to_rgba8(),
            Pixels::Rgba(i) => i.clone(),
        }
    }
}

/// Colour of filled redactions: a dark grey that reads as "hidden" on light and dark pages.
pub const REDACTION_FILL: [u8; 3] = [52, 52, 52];

/// How a redacted region is hidden; neither can be undone, unlike a blur.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RedactStyle {
    /// One solid colour ([`REDACTION_FILL`]).
    #[default]
    Fill,
    /// Coarse blocks of their average colour, at most four across the region's shorter side.
    Pixelate,
}

/// A rectangle of the upright photo, in pixels, to hide in everything published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Redaction {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
    /// Solid fill or coarse pixelation.
    pub style: RedactStyle,
}

impl Redaction {
    /// Whether the rectangle lies inside a `width`×`height` photo and is not empty.
    pub fn fits(&self, width: u32, height: u32) -> bool {
        self.width > 0
            && self.height > 0
            && self.x.checked_add(self.width).is_some_and(|r| r <= width)
            && self.y.checked_add(self.height).is_some_and(|b| b <= height)
    }

    /// Explains a rectangle that does not fit a `width`×`height` photo.
    pub fn check(&self, width: u32, height: u32) -> Result<(), ImageProblem> {
        if self.fits(width, height) {
            return Ok(());
        }
        Err(problem(
            format!(
                "the redaction {}×{} at ({}, {}) reaches outside the photo, which is {width}×{height} pixels",
                self.width, self.height, self.x, self.y
            ),
            "measure the rectangle on the photo as it is shown (after rotation), in pixels",
        ))
    }

    /// Side of a pixelation block: coarse enough that no face or plate can be read back.
    pub fn block_size(&self) -> u32 {
        (self.width.min(self.height).div_ceil(4)).max(16)
    }
}

impl Pixels {
    /// Hides the regions for good: the pixels underneath are replaced before any resize, so no
    /// size, format or placeholder made from these pixels can show them.
    pub fn redact(&mut self, regions: &[Redaction]) -> Result<(), ImageProblem> {
        let (w, h) = (self.width(), self.height());
        for r in regions {
            r.check(w, h)?;
        }
        match self {
            Pixels::Rgb(img) => {
                for r in regions {
                    redact_region(img, r, image::Rgb, |p| [p[0], p[1], p[2]]);
                }
            }
            Pixels::Rgba(img) => {
                for r in regions {
                    redact_region(
                        img,
                        r,
                        |c| image::Rgba([c[0], c[1], c[2], 255]),
                        |p| [p[0], p[1], p[2]],
                    );
                }
            }
        }
        Ok(())
    }
}

fn redact_region<P: image::Pixel<Subpixel = u8>>(
    img: &mut image::ImageBuffer<P, Vec<u8>>,
    r: &Redaction,
    make: impl Fn([u8; 3]) -> P,
    rgb: impl Fn(&P) -> [u8; 3],
) {
    let block = match r.style {
        RedactStyle::Fill => r.width.max(r.height),
        RedactStyle::Pixelate => r.block_size(),
    };
    let mut by = r.y;
    while by < r.y + r.height {
        let bh = block.min(r.y + r.height - by);
        let mut bx = r.x;
        while bx < r.x + r.width {
            let bw = block.min(r.x + r.width - bx);
            let colour = match r.style {
                RedactStyle::Fill => REDACTION_FILL,
                RedactStyle::Pixelate => {
                    let mut sum = [0u64; 3];
                    for y in by..by + bh {
                        for x in bx..bx + bw {
                            let c = rgb(img.get_pixel(x, y));
                            for i in 0..3 {
                                sum[i] += c[i] as u64;
                            }
                        }
                    }
                    let n = (bw as u64 * bh as u64).max(1);
                    [(sum[0] / n) as u8, (sum[1] / n) as u8, (sum[2] / n) as u8]
                }
            };
            let p = make(colour);
            for y in by..by + bh {
                for x in bx..bx + bw {
                    img.put_pixel(x, y, p);
                }
            }
            bx += bw;
        }
        by += bh;
    }
}

/// Formats passage reads. HEIC, TIFF and RAW files must be converted first.
const READABLE: &[ImageFormat] = &[
    ImageFormat::Jpeg,
    ImageFormat::Png,
    ImageFormat::WebP,
    ImageFormat::Gif,
];

/// Width and height of a photo as it is shown (EXIF rotation applied), read from its header only.
pub fn dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    let mut decoder = reader.into_decoder().ok()?;
    let (w, h) = decoder.dimensions();
    use image::metadata::Orientation::*;
    Some(match decoder.orientation().unwrap_or(NoTransforms) {
        Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH => (h, w),
        _ => (w, h),
    })
}

/// Decodes a photo: refuses oversized ones from the header, applies EXIF orientation,
/// converts embedded colour profiles to sRGB and any bit depth or channel layout to 8-bit RGB(A).
pub fn decode(bytes: &[u8], max_megapixels: u32) -> Result<Pixels, ImageProblem> {
    let format = image::guess_format(bytes).map_err(|_| {
        problem(
            "this is not a photo passage can read",
            "save it as JPEG, PNG or WebP (phones' HEIC photos: export or share as JPEG)",
        )
    })?;
    if !READABLE.contains(&format) {
        return Err(problem(
            format!(
                "{} images are not supported",
                format!("{format:?}").to_uppercase()
            ),
            "save it as JPEG, PNG or WebP",
        ));
    }
    let size = imagesize::blob_size(bytes).map_err(|_| {
        problem(
            "the file is damaged: its size cannot be read",
            "export the photo again from the original",
        )
    })?;
    let pixels = size.width as u64 * size.height as u64;
    if pixels > max_megapixels as u64 * 1_000_000 {
        return Err(problem(
            format!(
                "the photo is {}×{} pixels ({} megapixels), more than the {max_megapixels} allowed",
                size.width,
                size.height,
                pixels / 1_000_000
            ),
            "resize it (a photo for the web needs at most about 3000 pixels across), or raise images.max_megapixels in site.toml",
        ));
    }
    if format == ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err(problem(
            "the file is damaged or incomplete (it ends before the picture does)",
            "copy or download the photo again: the transfer was cut short",
        ));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(size.width.max(1) as u32);
    limits.max_image_height = Some(size.height.max(1) as u32);
    limits.max_alloc = Some(pixels * 8 + (64 << 20));
    reader.limits(limits);
    let damaged = |e: image::ImageError| {
        problem(
            format!("the file is damaged or incomplete ({e})"),
            "export or download the photo again",
        )
    };
    let mut decoder = reader.into_decoder().map_err(damaged)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let icc = decoder.icc_profile().ok().flatten();
    let mut image = DynamicImage::from_decoder(decoder).map_err(damaged)?;
    image.apply_orientation(orientation);
    let see_through = image.color().has_alpha() && image.to_rgba8().pixels().any(|p| p[3] < 255);
    let mut pixels = if see_through {
        Pixels::Rgba(image.to_rgba8())
    } else {
        Pixels::Rgb(image.to_rgb8())
    };
    if let Some(icc) = icc {
        to_srgb(&mut pixels, &icc);
    }
    Ok(pixels)
}

/// Whether a JPEG ends its image data with an end-of-image marker. JPEG decoders fill a cut-off
/// file with grey rather than fail, so a half-copied photo would otherwise be published.
/// Only markers after the last start-of-scan count: an EXIF thumbnail has its own end marker.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let Some(sos) = bytes.windows(2).rposition(|w| w == [0xFF, 0xDA]) else {
        return false;
    };
    bytes[sos..].windows(2).any(|w| w == [0xFF, 0xD9])
}

/// Converts pixels described by an RGB ICC profile (Display P3, Adobe RGB…) to sRGB.
/// Profiles of other colour spaces (CMYK, grey) are ignored: the decoder already made RGB.
fn to_srgb(pixels: &mut Pixels, icc: &[u8]) {
    use moxcms::{ColorProfile, DataColorSpace, Layout, TransformOptions};
    let Ok(source) = ColorProfile::new_from_slice(icc) else {
        return;
    };
    if source.color_space != DataColorSpace::Rgb {
        return;
    }
    let srgb = ColorProfile::new_srgb();
    let layout = if pixels.has_alpha() {
        Layout::Rgba
    } else {
        Layout::Rgb
    };
    let Ok(transform) =
        source.create_transform_8bit(layout, &srgb, layout, TransformOptions::default())
    else {
        return;
    };
    let buffer: &mut [u8] = match pixels {
        Pixels::Rgb(i) => i,
        Pixels::Rgba(i) => i,
    };
    let mut out = vec![0u8; buffer.len()];
    if transform.transform(buffer, &mut out).is_ok() {
        buffer.copy_from_slice(&out);
    }
}

/// Progressive JPEG from mozjpeg (about a fifth smaller than baseline encoders).
pub fn encode_jpeg(rgb: &RgbImage, quality: u8) -> Result<Vec<u8>, ImageProblem> {
    let run = || -> std::io::Result<Vec<u8>> {
        let mut comp = mozjpeg::Compress::new(mozjpeg::ColorSpace::JCS_RGB);
        comp.set_size(rgb.width() as usize, rgb.height() as usize);
        comp.set_quality(quality as f32);
        comp.set_progressive_mode();
        comp.set_optimize_scans(true);
        let mut started = comp.start_compress(Vec::new())?;
        started.write_scanlines(rgb.as_raw())?;
        started.finish()
    };
    match std::panic::catch_unwind(run) {
        Ok(Ok(bytes)) => Ok(bytes),
        _ => Err(problem(
            "the JPEG encoder failed on this photo",
            "export the photo again and rebuild",
        )),
    }
}

/// Lossy WebP from libwebp (the `image` crate only writes lossless WebP, ten times larger).
pub fn encode_webp(pixels: &Pixels, quality: u8) -> Result<Vec<u8>, ImageProblem> {
    let encoder = match pixels {
        Pixels::Rgb(i) => webp::Encoder::from_rgb(i.as_raw(), i.width(), i.height()),
        Pixels::Rgba(i) => webp::Encoder::from_rgba(i.as_raw(), i.width(), i.height()),
    };
    let mut config = webp::WebPConfig::new()
        .map_err(|_| problem("the WebP encoder could not start", "rebuild"))?;
    config.quality = quality as f32;
    config.method = 4;
    config.alpha_quality = 90;
    encoder
        .encode_advanced(&config)
        .map(|m| m.to_vec())
        .map_err(|e| {
            problem(
                format!("the WebP encoder failed ({e:?})"),
                "export the photo again and rebuild",
            )
        })
}

/// AVIF from libaom (see [`avif`]). Seconds per photo: its results are always cached.
pub fn encode_avif(pixels: &Pixels, quality: u8, speed: u8) -> Result<Vec<u8>, ImageProblem> {
    avif::encode(pixels, quality, speed)
}

/// A few-hundred-byte blurred preview (ThumbHash rendered to a tiny WebP) and the average colour,
/// shown while the photo loads.
pub fn placeholder(pixels: &Pixels) -> (String, String) {
    let (w, h) = (pixels.width() as f64, pixels.height() as f64);
    let scale = 100.0 / w.max(h);
    let (tw, th) = (
        ((w * scale).round() as u32).max(1),
        ((h * scale).round() as u32).max(1),
    );
    let small = pixels.resize(tw, th).to_rgba();
    let hash = thumbhash::rgba_to_thumb_hash(tw as usize, th as usize, small.as_raw());
    let colour = thumbhash::thumb_hash_to_average_rgba(&hash)
        .map(|(r, g, b, _)| {
            format!(
                "#{:02x}{:02x}{:02x}",
                (r * 255.0) as u8,
                (g * 255.0) as u8,
                (b * 255.0) as u8
            )
        })
        .unwrap_or_else(|_| "#cccccc".into());
    let uri = thumbhash::thumb_hash_to_rgba(&hash)
        .ok()
        .and_then(|(pw, ph, rgba)| RgbaImage::from_raw(pw as u32, ph as u32, rgba))
        .and_then(|img| {
            let flat = Pixels::Rgba(img).flatten([255, 255, 255]);
            encode_webp(&Pixels::Rgb(flat), 40).ok()
        })
        .map(|bytes| {
            use base64::Engine;
            format!(
                "data:image/webp;base64,{}",
                base64::engine::general_purpose::STANDARD.encode(bytes)
            )
        })
        .unwrap_or_default();
    (colour, uri)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gradient(w: u32, h: u32) -> RgbImage {
        RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, 128])
        })
    }

    #[test]
    fn resize_crops_the_centre_to_the_target_aspect() {
        let p = Pixels::Rgb(gradient(400, 200));
        let r = p.resize(100, 100);
        assert_eq!((r.width(), r.height()), (100, 100));
    }

    #[test]
    fn flatten_uses_the_background_not_black() {
        let p = Pixels::Rgba(RgbaImage::from_pixel(2, 2, image::Rgba([0, 0, 0, 0])));
        assert_eq!(
            p.flatten([250, 240, 230]).get_pixel(0, 0).0,
            [250, 240, 230]
        );
    }

    #[test]
    fn encoders_produce_their_formats() {
        let p = Pixels::Rgb(gradient(64, 48));
        let jpeg = encode_jpeg(&gradient(64, 48), 80).unwrap();
        assert_eq!(image::guess_format(&jpeg).unwrap(), ImageFormat::Jpeg);
        let webp = encode_webp(&p, 75).unwrap();
        assert_eq!(image::guess_format(&webp).unwrap(), ImageFormat::WebP);
        let back = image::load_from_memory(&webp).unwrap();
        assert_eq!((back.width(), back.height()), (64, 48));
        let (colour, uri) = placeholder(&p);
        assert!(colour.starts_with('#') && colour.len() == 7);
        assert!(
            uri.starts_with("data:image/webp;base64,") && uri.len() < 800,
            "{}",
            uri.len()
        );
    }

    #[test]
    fn bad_bytes_are_explained() {
        assert!(
            decode(b"not an image at all", 100)
                .unwrap_err()
                .message
                .contains("not a photo")
        );
        let jpeg = encode_jpeg(&gradient(64, 48), 80).unwrap();
        let cut = &jpeg[..jpeg.len() / 3];
        assert!(decode(cut, 100).is_err());
        assert!(decode(&jpeg, 100).is_ok());
    }

    #[test]
    fn redaction_replaces_every_pixel_of_the_region() {
        let mut p = Pixels::Rgb(gradient(200, 100));
        let fill = Redaction {
            x: 10,
            y: 20,
            width: 50,
            height: 30,
            style: RedactStyle::Fill,
        };
        let coarse = Redaction {
            x: 100,
            y: 0,
            width: 80,
            height: 64,
            style: RedactStyle::Pixelate,
        };
        p.redact(&[fill, coarse]).unwrap();
        let Pixels::Rgb(img) = &p else { unreachable!() };
        for y in 20..50 {
            for x in 10..60 {
                assert_eq!(img.get_pixel(x, y).0, REDACTION_FILL);
            }
        }
        assert_ne!(img.get_pixel(9, 20).0, REDACTION_FILL);
        // Pixelation: blocks of 16 px (64 / 4) each hold one colour.
        assert_eq!(coarse.block_size(), 16);
        for by in 0..4 {
            for bx in 0..5 {
                let first = img.get_pixel(100 + bx * 16, by * 16).0;
                for y in by * 16..by * 16 + 16 {
                    for x in 100 + bx * 16..100 + bx * 16 + 16 {
                        assert_eq!(img.get_pixel(x, y).0, first);
                    }
                }
            }
        }
        let outside = Redaction {
            x: 190,
            y: 90,
            width: 20,
            height: 5,
            style: RedactStyle::Fill,
        };
        let err = p.redact(&[outside]).unwrap_err();
        assert!(
            err.message.contains("outside the photo, which is 200×100"),
            "{}",
            err.message
        );
    }
}
