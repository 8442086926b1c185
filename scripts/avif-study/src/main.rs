//! Usage: avif-study PHOTO_DIR WIDTHS SETTINGS...
//! WIDTHS: comma-separated, e.g. 480,960,1600. SETTINGS: `rav1e:QUALITY:SPEED` or
//! `libaom:QUALITY:SPEED`. Prints one tab-separated row per setting: total bytes, encode seconds
//! on one thread, mean and lowest SSIMULACRA2 (higher is better; 90 is visually lossless,
//! 70 high quality) over every photo and width.

use passage_media::{Pixels, avif, decode};
use ssimulacra2::{ColorPrimaries, Rgb, TransferCharacteristic, compute_frame_ssimulacra2};
use std::time::Instant;

fn to_rgb(p: &passage_media::image::RgbaImage) -> Rgb {
    let data = p
        .pixels()
        .map(|px| {
            [
                px[0] as f32 / 255.0,
                px[1] as f32 / 255.0,
                px[2] as f32 / 255.0,
            ]
        })
        .collect();
    Rgb::new(
        data,
        p.width() as usize,
        p.height() as usize,
        TransferCharacteristic::SRGB,
        ColorPrimaries::BT709,
    )
    .expect("rgb")
}

fn rav1e(p: &Pixels, quality: u8, speed: u8) -> Vec<u8> {
    let rgba = p.to_rgba();
    let px: Vec<ravif::RGBA8> = rgba
        .pixels()
        .map(|c| ravif::RGBA8::new(c[0], c[1], c[2], c[3]))
        .collect();
    ravif::Encoder::new()
        .with_quality(f32::from(quality))
        .with_alpha_quality(f32::from(quality))
        .with_speed(speed)
        .with_bit_depth(ravif::BitDepth::Eight)
        .with_num_threads(Some(1))
        .encode_rgba(ravif::Img::new(
            &px,
            rgba.width() as usize,
            rgba.height() as usize,
        ))
        .expect("ravif")
        .avif_file
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let widths: Vec<u32> = args[2].split(',').map(|w| w.parse().unwrap()).collect();
    let mut photos: Vec<_> = std::fs::read_dir(&args[1])
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jpg" || e == "jpeg"))
        .collect();
    photos.sort();
    let mut sources = Vec::new();
    for photo in &photos {
        let pixels = decode(&std::fs::read(photo).unwrap(), 100).expect("decode");
        for &w in &widths {
            let h = (u64::from(pixels.height()) * u64::from(w) / u64::from(pixels.width())) as u32;
            let small = pixels.resize(w, h);
            let reference = to_rgb(&small.to_rgba());
            sources.push((small, reference));
        }
    }
    println!("setting\tbytes\tencode_s\tssimulacra2_mean\tssimulacra2_min");
    for setting in &args[3..] {
        let parts: Vec<&str> = setting.split(':').collect();
        let (q, s): (u8, u8) = (parts[1].parse().unwrap(), parts[2].parse().unwrap());
        let (mut bytes, mut secs, mut scores) = (0usize, 0f64, Vec::new());
        for (small, reference) in &sources {
            let t = Instant::now();
            let file = match parts[0] {
                "rav1e" => rav1e(small, q, s),
                _ => avif::encode(small, q, s).expect("libaom"),
            };
            secs += t.elapsed().as_secs_f64();
            bytes += file.len();
            let back = avif::decode(&file).expect("decode avif");
            let score = compute_frame_ssimulacra2(reference.clone(), to_rgb(&back)).expect("score");
            scores.push(score);
        }
        let mean = scores.iter().sum::<f64>() / scores.len() as f64;
        let min = scores.iter().cloned().fold(f64::MAX, f64::min);
        println!("{setting}\t{bytes}\t{secs:.2}\t{mean:.2}\t{min:.2}");
    }
}
