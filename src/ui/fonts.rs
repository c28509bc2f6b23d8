//! Fonts for articles in any script the seeds and their likes use. egui's built-in fonts
//! cover Latin, Greek and Cyrillic (with curly quotes and no-break spaces) and the
//! older emoji; Arabic, Hebrew, CJK and the rest of the emoji (skin tones, the regional letters
//! of flags, newer symbols) come from fonts shipped in `assets/fonts/` (licences beside
//! them), added as fallbacks so Latin text keeps egui's look. egui draws glyphs in one
//! colour and does not join sequences, so a flag shows as its two regional letters and
//! a skin tone as a swatch beside the hand: no empty boxes, and every char is there to
//! select.

use eframe::egui;

use egui::epaint::text::{FontData, FontInsert, FontPriority, InsertFontFamily};
use egui::{Context, FontFamily};

static ARABIC: &[u8] = include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf");
static HEBREW: &[u8] = include_bytes!("../../assets/fonts/NotoSansHebrew-Regular.ttf");
static CJK: &[u8] = include_bytes!("../../assets/fonts/DroidSansFallbackFull.ttf");
static EMOJI: &[u8] = include_bytes!("../../assets/fonts/SymbolaEmoji.ttf");

/// Adds the Arabic, Hebrew, CJK and emoji fallbacks to both font families.
pub fn install(ctx: &Context) {
    for (name, data) in [
        ("noto-sans-arabic", ARABIC),
        ("noto-sans-hebrew", HEBREW),
        ("droid-sans-fallback", CJK),
        ("symbola-emoji", EMOJI),
    ] {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Letters each right-to-left language adds to Arabic's, and its digits.
    const SCRIPTS: &[(&str, &str)] = &[
        (
            "Arabic",
            "ابتثجحخدذرزسشصضطظعغفقكلمنهوي ءآأؤإئة ًٌٍَُِّْ ٠١٢٣٤٥٦٧٨٩ ٫٬،؛؟",
        ),
        ("Persian", "پچژگکی ۰۱۲۳۴۵۶۷۸۹ \u{200c}"),
        ("Urdu", "ٹڈڑںےۓھہ"),
        ("Kurdish (Sorani)", "ڕڵۆێ"),
        ("Pashto", "ټډړږښګڼۍې"),
        ("Sindhi", "ڄڃڦ"),
        ("Uyghur", "ۇۈۋ"),
        ("Hebrew", "אבגדהוזחטיכלמנסעפצקרשתךםןףץ ְֱֲֳִֵֶַָֹֻּ"),
    ];

    #[test]
    fn the_bundled_fonts_cover_the_right_to_left_scripts_the_readme_names() {
        let ctx = Context::default();
        install(&ctx);
        let mut out = ctx.run_ui(egui::RawInput::default(), |_| {});
        out.textures_delta.clear();
        let font = egui::FontId::proportional(16.0);
        let missing: Vec<(&str, Vec<char>)> = ctx.fonts_mut(|f| {
            SCRIPTS
                .iter()
                .map(|(name, letters)| {
                    let m: Vec<char> = letters
                        .chars()
                        .filter(|c| {
                            !c.is_whitespace() && *c != '\u{200c}' && !f.has_glyph(&font, *c)
                        })
                        .collect();
                    (*name, m)
                })
                .filter(|(_, m)| !m.is_empty())
                .collect()
        });
        assert!(missing.is_empty(), "{missing:?}");
    }
}
