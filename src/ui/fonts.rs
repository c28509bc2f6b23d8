//! Fonts for articles in any script the seeds and their likes use. egui's built-in fonts
//! cover Latin, Greek and Cyrillic (with curly quotes and no-break spaces); Arabic and
//! CJK come from fonts shipped in `assets/fonts/` (licences beside them), added as
//! fallbacks so Latin text keeps egui's look.

use eframe::egui;

use egui::epaint::text::{FontData, FontInsert, FontPriority, InsertFontFamily};
use egui::{Context, FontFamily};

static ARABIC: &[u8] = include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf");
static CJK: &[u8] = include_bytes!("../../assets/fonts/DroidSansFallbackFull.ttf");

/// Adds the Arabic and CJK fallbacks to both font families.
pub fn install(ctx: &Context) {
    for (name, data) in [("noto-sans-arabic", ARABIC), ("droid-sans-fallback", CJK)] {
        let families = [FontFamily::Proportional, FontFamily::Monospace]
            .into_iter()
            .map(|family| InsertFontFamily {
                family,
                priority: FontPriority::Lowest,
            })
            .collect();
        ctx.add_font(FontInsert::new(name, FontData::from_static(data), families));
    }
}
