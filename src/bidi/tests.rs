//! The algorithm on UAX #9's own kind of examples and on the mixed lines news in Arabic
//! has: numbers, Latin names and punctuation inside right-to-left text.

use super::*;

/// The chars of `text` in display order, left to right.
fn shown(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    match Paragraph::new(text) {
        None => text.to_owned(),
        Some(p) => visual_order(&p.line_levels(0..chars.len()))
            .into_iter()
            .map(|i| chars[i])
            .collect(),
    }
}

#[test]
fn left_to_right_text_needs_nothing() {
    assert_eq!(Paragraph::new("2.5 million people, (per police)."), None);
    assert_eq!(display("Crowd size"), "Crowd size");
}

#[test]
fn a_right_to_left_word_in_english_is_reversed_in_place() {
    // UAX #9's "car means CAR." with CAR in Hebrew: the Hebrew run is reversed, the rest
    // stays, the full stop belongs to the English sentence.
    let p = Paragraph::new("car means \u{5d0}\u{5d1}\u{5d2}.").unwrap();
    assert!(!p.rtl);
    assert_eq!(
        shown("car means \u{5d0}\u{5d1}\u{5d2}."),
        "car means \u{5d2}\u{5d1}\u{5d0}."
    );
}

#[test]
fn an_arabic_paragraph_is_right_to_left_and_keeps_numbers_and_latin_in_order() {
    // "من بغداد": two words, right to left.
    let p = Paragraph::new("من بغداد").unwrap();
    assert!(p.rtl);
    assert_eq!(shown("من بغداد"), "دادغب نم");
    // Arabic-Indic digits (class AN) and European ones keep their own order, at the
    // logical start of the line, which is its right end.
    assert_eq!(shown("٢٫٥ مليون"), "نويلم ٢٫٥");
    assert_eq!(shown("2.5 مليون"), "نويلم 2.5");
    // Latin inside Arabic is a left-to-right run where it falls. A number after an
    // Arabic word is Arabic-numeric (rule W2), so "2.5 million" is two runs, and the
    // line reads "million 2.5" from the left, as a browser shows it too.
    assert_eq!(shown("قال 2.5 million شخص"), "صخش million 2.5 لاق");
    assert_eq!(shown("قال million شخص"), "صخش million لاق");
}

#[test]
fn the_first_strong_char_decides_the_direction() {
    assert!(
        Paragraph::new("2020 بغداد").unwrap().rtl,
        "digits are not strong"
    );
    assert!(!Paragraph::new("Baghdad بغداد").unwrap().rtl);
    assert!(Paragraph::new("«بغداد» Baghdad").unwrap().rtl);
}

#[test]
fn a_lines_trailing_space_takes_the_paragraphs_level() {
    // "بغداد " wrapped after its space: the space stays at the logical end, the left.
    let p = Paragraph::new("بغداد مدينة").unwrap();
    let levels = p.line_levels(0..6);
    assert_eq!(levels, vec![1, 1, 1, 1, 1, 1]);
    // In an English paragraph a space after an Arabic word at the end of a line is
    // left to right (level 0), not the Arabic run's.
    let p = Paragraph::new("in بغداد today").unwrap();
    assert_eq!(p.line_levels(0..9), vec![0, 0, 0, 1, 1, 1, 1, 1, 0]);
}

#[test]
fn the_visual_order_is_a_permutation_of_the_line() {
    let text = "قال الناطق (John Smith): «وصل 3 ملايين»، أي 2.5 million.";
    let n = text.chars().count();
    let p = Paragraph::new(text).unwrap();
    let mut order = visual_order(&p.line_levels(0..n));
    order.sort_unstable();
    assert_eq!(order, (0..n).collect::<Vec<_>>());
}

#[test]
fn widgets_get_words_in_reading_order_and_each_word_as_written() {
    // egui turns each Arabic word itself; the words are put right to left here.
    assert_eq!(display("من بغداد"), "بغداد من");
    assert_eq!(display("قال 2.5 million شخص"), "شخص million 2.5 قال");
    // Brackets are mirrored, as the article shows them.
    assert_eq!(display("بغداد (يناير)"), "(يناير) بغداد");
    // In an English line the Arabic phrase reads right to left: ٣ first, at its right.
    assert_eq!(display("Crowd: ٣ ملايين"), "Crowd: ملايين ٣");
    assert_eq!(display("Crowd size"), "Crowd size");
}

#[test]
fn a_long_right_to_left_title_keeps_its_start_when_cut() {
    let title = "مئات الآلاف يتظاهرون في بغداد للمطالبة بخروج القوات الأجنبية";
    let fitted = display_fitted(title, |s| s.chars().count() <= 20);
    assert!(fitted.chars().count() <= 20, "{fitted}");
    // The first word is there; the ellipsis is at the logical end, the left.
    assert!(fitted.contains("مئات"), "{fitted}");
    assert!(fitted.starts_with('…'), "{fitted}");
    assert_eq!(
        display_fitted("Crowd size in Baghdad", |_| false),
        "Crowd size in Baghdad"
    );
    assert_eq!(display_fitted(title, |_| true), display(title));
}
