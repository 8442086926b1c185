//! AVIF through libavif and libaom, the encoder libvips and most image services use: libaom in
//! all-intra mode makes files a little smaller than rav1e's in less than half its CPU time. The
//! only unsafe code of the crate lives here, each C object owned by a guard that frees it.

use libavif_sys as sys;

use crate::{ImageProblem, Pixels, problem};

/// Frees a libavif image when dropped, whatever path the encode takes.
struct Image(*mut sys::avifImage);

impl Drop for Image {
    fn drop(&mut self) {
        // SAFETY: the pointer came from avifImageCreate and is freed once, here.
        unsafe { sys::avifImageDestroy(self.0) }
    }
}

/// Frees a libavif encoder when dropped.
struct Encoder(*mut sys::avifEncoder);

impl Drop for Encoder {
    fn drop(&mut self) {
        // SAFETY: the pointer came from avifEncoderCreate and is freed once, here.
        unsafe { sys::avifEncoderDestroy(self.0) }
    }
}

/// Frees a libavif decoder when dropped.
struct Decoder(*mut sys::avifDecoder);

impl Drop for Decoder {
    fn drop(&mut self) {
        // SAFETY: the pointer came from avifDecoderCreate and is freed once, here.
        unsafe { sys::avifDecoderDestroy(self.0) }
    }
}

fn failed(what: &str, result: sys::avifResult) -> ImageProblem {
    // SAFETY: avifResultToString returns a static, NUL-terminated string for every code.
    let reason = unsafe { std::ffi::CStr::from_ptr(sys::avifResultToString(result)) };
    problem(
        format!("the AVIF {what} failed ({})", reason.to_string_lossy()),
        "rebuild, or remove \"avif\" from images.formats",
    )
}

fn check(what: &str, result: sys::avifResult) -> Result<(), ImageProblem> {
    if result == sys::AVIF_RESULT_OK {
        Ok(())
    } else {
        Err(failed(what, result))
    }
}

/// AVIF of these pixels, full-resolution chroma (4:4:4, as photos' fine colour edges need) in
/// sRGB, at libavif's `quality` (0–100) and `speed` (0 slowest to 10 fastest), on one thread:
/// the build runs one encode per core. Bare pixels only, so no metadata can be carried over.
pub fn encode(pixels: &Pixels, quality: u8, speed: u8) -> Result<Vec<u8>, ImageProblem> {
    let (width, height) = (pixels.width(), pixels.height());
    let (bytes, format, channels) = match pixels {
        Pixels::Rgb(i) => (i.as_raw().as_slice(), sys::AVIF_RGB_FORMAT_RGB, 3),
        Pixels::Rgba(i) => (i.as_raw().as_slice(), sys::AVIF_RGB_FORMAT_RGBA, 4),
    };
    // SAFETY: every pointer below comes from libavif and is checked for null before use; the
    // RGB view borrows `bytes`, which outlives the conversion that reads it, and libavif copies
    // the pixels into its own planes. The guards free each object exactly once.
    unsafe {
        let image = Image(sys::avifImageCreate(
            width,
            height,
            8,
            sys::AVIF_PIXEL_FORMAT_YUV444,
        ));
        if image.0.is_null() {
            return Err(failed("encoder", sys::AVIF_RESULT_OUT_OF_MEMORY));
        }
        let im = &mut *image.0;
        im.colorPrimaries = sys::AVIF_COLOR_PRIMARIES_BT709 as _;
        im.transferCharacteristics = sys::AVIF_TRANSFER_CHARACTERISTICS_SRGB as _;
        im.matrixCoefficients = sys::AVIF_MATRIX_COEFFICIENTS_BT601 as _;
        im.yuvRange = sys::AVIF_RANGE_FULL;

        let mut rgb = sys::avifRGBImage::default();
        sys::avifRGBImageSetDefaults(&mut rgb, image.0);
        rgb.format = format;
        rgb.depth = 8;
        rgb.pixels = bytes.as_ptr() as *mut u8;
        rgb.rowBytes = width * channels;
        check("colour conversion", sys::avifImageRGBToYUV(image.0, &rgb))?;

        let encoder = Encoder(sys::avifEncoderCreate());
        if encoder.0.is_null() {
            return Err(failed("encoder", sys::AVIF_RESULT_OUT_OF_MEMORY));
        }
        let enc = &mut *encoder.0;
        enc.codecChoice = sys::AVIF_CODEC_CHOICE_AOM;
        enc.maxThreads = 1;
        enc.speed = i32::from(speed.min(10));
        enc.quality = i32::from(quality.min(100));
        enc.qualityAlpha = i32::from(quality.min(100));

        let mut out = sys::avifRWData::default();
        let result = sys::avifEncoderWrite(encoder.0, image.0, &mut out);
        let bytes = if out.data.is_null() {
            Vec::new()
        } else {
            std::slice::from_raw_parts(out.data, out.size).to_vec()
        };
        sys::avifRWDataFree(&mut out);
        check("encoder", result)?;
        Ok(bytes)
    }
}

/// Decoded RGBA pixels of an AVIF file, for tests and benchmarks that read the output back.
pub fn decode(avif: &[u8]) -> Result<image::RgbaImage, ImageProblem> {
    // SAFETY: as in `encode`: libavif owns the decoded planes until the decoder is dropped, and
    // the RGB pixels are written into a buffer sized from the image's own dimensions.
    unsafe {
        let decoder = Decoder(sys::avifDecoderCreate());
        if decoder.0.is_null() {
            return Err(failed("decoder", sys::AVIF_RESULT_OUT_OF_MEMORY));
        }
        (*decoder.0).codecChoice = sys::AVIF_CODEC_CHOICE_AOM;
        let image = Image(sys::avifImageCreateEmpty());
        if image.0.is_null() {
            return Err(failed("decoder", sys::AVIF_RESULT_OUT_OF_MEMORY));
        }
        check(
            "decoder",
            sys::avifDecoderReadMemory(decoder.0, image.0, avif.as_ptr(), avif.len()),
        )?;
        let (width, height) = ((*image.0).width, (*image.0).height);
        let mut pixels = vec![0u8; width as usize * height as usize * 4];
        let mut rgb = sys::avifRGBImage::default();
        sys::avifRGBImageSetDefaults(&mut rgb, image.0);
        rgb.format = sys::AVIF_RGB_FORMAT_RGBA;
        rgb.depth = 8;
        rgb.pixels = pixels.as_mut_ptr();
        rgb.rowBytes = width * 4;
        check(
            "colour conversion",
            sys::avifImageYUVToRGB(image.0, &mut rgb),
        )?;
        image::RgbaImage::from_raw(width, height, pixels)
            .ok_or_else(|| failed("decoder", sys::AVIF_RESULT_UNKNOWN_ERROR))
    }
}
