//! The article view, headless: selecting text with the mouse and keyboard, clicking
//! annotations, and rendering a huge single-line article.

mod article_support;

use article_support::*;
use eframe::egui::{self, Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use sourcemark::model::AnnotationId;
use sourcemark::text::DocText;

const SEED: &str = "Sayed Sadiq al-Hashemi said more than 2.5\u{a0}million took part.\n\n\
Huge crowds massed under gray skies in the Jadiriyah district, chanting \
“Get out, get out occupier!” and “Yes to sovereignty!”\n\n\
Iraq’s Al-Ahd news network reported that Iraqis gathered. Caf\u{e9} cafe\u{301}.\n";

#[test]
fn drag_across_curly_quotes_snaps_to_words_with_char_offsets() {
    let mut h = harness(state(SEED, &[]));
    h.run();
    let t = h.state().text.clone();
    // From inside "Get" to inside "occupier": snaps out to whole words.
    let g = find(&t, "Get out,") + 1;
    let o = find(&t, "occupier!") + 3;
    let (from, to) = (at(&h, g), at(&h, o));
    drag(&mut h, from, to, Modifiers::NONE);
    let sel = h.state().sel().expect("a selection");
    assert_eq!(t.slice(sel.clone()), "Get out, get out occupier");
    // Char offsets, not bytes: the curly quote before "Get" is one char.
    assert_eq!(sel.start, find(&t, "“Get") + 1);
}

#[test]
fn alt_drag_does_not_snap() {
    let mut h = harness(state(SEED, &[]));
    h.run();
    let t = h.state().text.clone();
    let g = find(&t, "Get out,") + 1;
    let o = find(&t, "occupier!") + 3;
    let (from, to) = (at(&h, g), at(&h, o));
    // Start at the left edge of char g, end at the left edge of char o.
    let from = Pos2::new(h.state().view.char_rect(g).unwrap().left() + 1.0, from.y);
    let to = Pos2::new(h.state().view.char_rect(o).unwrap().left() + 1.0, to.y);
    drag(&mut h, from, to, Modifiers::ALT);
    let sel = h.state().sel().expect("a selection");
    assert_eq!(sel, g..o);
    assert_eq!(t.slice(sel), "et out, get out occ");
}

#[test]
fn double_click_selects_a_word() {
    // Short frames, so the two clicks fall within the double-click delay.
    let mut h = harness_with(Harness::builder().with_step_dt(0.05), state(SEED, &[]));
    h.run();
    let t = h.state().text.clone();
    let c = find(&t, "Iraq’s") + 2;
    let p = at(&h, c);
    h.hover_at(p);
    for _ in 0..2 {
        h.event(Event::PointerButton {
            pos: p,
            button: PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::NONE,
        });
        h.event(Event::PointerButton {
            pos: p,
            button: PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
    let sel = h.state().sel().expect("a selection");
    assert_eq!(t.slice(sel), "Iraq’s");
}

#[test]
fn shift_arrows_extend_the_selection() {
    let mut h = harness(state(SEED, &[]));
    h.run();
    let t = h.state().text.clone();
    let s = find(&t, "Huge");
    h.state_mut().set_sel(s..s + 4);
    h.run();
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    assert_eq!(h.state().sel(), Some(s..s + 5));
    h.key_press_modifiers(Modifiers::SHIFT | Modifiers::COMMAND, Key::ArrowRight);
    h.run();
    let sel = h.state().sel().unwrap();
    assert_eq!(t.slice(sel), "Huge crowds");
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    assert_eq!(t.slice(h.state().sel().unwrap()), "Huge crowd");
    // By line: down then up comes back to the same place.
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    h.run();
    let down = h.state().sel().unwrap();
    assert!(down.end > s + 40, "a line down selects more: {down:?}");
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowUp);
    h.run();
    assert_eq!(h.state().sel(), Some(s..s + 10));
}

#[test]
fn clicking_a_painted_annotation_reports_the_innermost() {
    let t = DocText::new(SEED.to_owned());
    let q = find(&t, "“Get");
    let inner = find(&t, "occupier");
    let mut h = harness(state(
        SEED,
        &[(q, q + 28, "quote"), (inner, inner + 8, "claim")],
    ));
    h.run();
    let inner_id: AnnotationId = h
        .state()
        .anns
        .iter()
        .find(|a| a.start == inner)
        .unwrap()
        .id
        .clone();
    let outer_id = h
        .state()
        .anns
        .iter()
        .find(|a| a.start == q)
        .unwrap()
        .id
        .clone();

    let p = at(&h, inner + 2);
    h.hover_at(p);
    h.run();
    h.event(Event::PointerButton {
        pos: p,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(Event::PointerButton {
        pos: p,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    assert_eq!(h.state().resp.clicked_annotation, Some((inner_id, false)));

    let p = at(&h, q + 3);
    h.hover_at(p);
    h.run();
    h.event(Event::PointerButton {
        pos: p,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(Event::PointerButton {
        pos: p,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    assert_eq!(h.state().resp.clicked_annotation, Some((outer_id, false)));

    // Outside any annotation: an empty click.
    let p = at(&h, find(&t, "Huge") + 1);
    h.hover_at(p);
    h.run();
    h.event(Event::PointerButton {
        pos: p,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(Event::PointerButton {
        pos: p,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    assert!(
        h.state().caret_placed,
        "a click on plain text places the caret"
    );
    assert!(h.state().resp.clicked_annotation.is_none());
}

#[test]
fn two_megabyte_single_line_renders_and_scrolls() {
    let word = "naïve “quoted” 漢字 words ";
    let text = word.repeat(2_000_000 / word.len());
    let n = DocText::new(text.clone()).char_len();
    // CJK glyphs come with the app's fonts, not egui's defaults.
    let mut h = harness_with(
        Harness::builder().allow_missing_glyphs(),
        state(&text, &[(10, 20, "claim"), (n - 30, n - 10, "quote")]),
    );
    h.run();
    assert!(h.state().view.char_rect(0).is_some());
    // Jump to near the end: the frame that asks lays out the target, the next one shows
    // it, with exact offsets (no frame of delay in between).
    h.state_mut().view.scroll_to(n - 20..n - 15);
    h.step();
    h.step();
    let r = h.state().view.char_rect(n - 20).expect("end laid out");
    assert!(r.top() > 0.0 && r.bottom() < 600.0, "{r:?}");
    assert!(h.state().view.char_rect(0).is_none());
}

#[test]
fn offsets_stay_exact_after_arabic_cjk_emoji_and_combining_marks() {
    let text = "قال الصدر اخرج يا محتل 漢字 🎉 👍🏽 🇮🇶 cafe\u{301} then “Get out” now.\n";
    // Those scripts come with the app's fonts, not egui's defaults: with them, no glyph
    // is missing (the harness fails on a missing one).
    let mut h = harness_with(Harness::builder().allow_missing_glyphs(), state(text, &[]));
    sourcemark::ui::fonts::install(&h.ctx);
    h.run();
    h.run();
    let missing = h.ctx.fonts_mut(|f| {
        let font = egui::FontId::proportional(16.0);
        text.chars()
            .filter(|c| !c.is_whitespace() && !f.has_glyph(&font, *c))
            .collect::<Vec<_>>()
    });
    assert!(missing.is_empty(), "no font draws {missing:?}");
    let t = h.state().text.clone();
    let g = find(&t, "Get");
    let (from, to) = (at(&h, g + 1), at(&h, g + 5));
    drag(&mut h, from, to, Modifiers::NONE);
    let sel = h.state().sel().expect("a selection");
    assert_eq!(t.slice(sel), "Get out");
}

#[test]
fn span_across_paragraphs_is_hovered_and_clicked_in_both_but_orphans_are_not() {
    let t = DocText::new(SEED.to_owned());
    let s = find(&t, "took part");
    let e = find(&t, "Huge crowds") + 4;
    let o = find(&t, "Jadiriyah");
    let mut st = state(SEED, &[(s, e, "claim"), (o, o + 9, "figure")]);
    st.anns.iter_mut().find(|a| a.start == o).unwrap().orphaned = true;
    let id = st.anns[0].id.clone();
    let mut h = harness(st);
    h.run();
    h.hover_at(at(&h, s + 1));
    h.run();
    assert_eq!(h.state().hovered, Some(id.clone()));
    let p = at(&h, e - 2);
    click(&mut h, p, Modifiers::NONE);
    assert_eq!(h.state().resp.clicked_annotation, Some((id, false)));
    // The orphaned span's offsets are unreliable: nothing there to hover or click.
    h.hover_at(at(&h, o + 2));
    h.run();
    assert_eq!(h.state().hovered, None);
    let p = at(&h, o + 2);
    click(&mut h, p, Modifiers::NONE);
    assert!(h.state().caret_placed);
    assert!(h.state().resp.clicked_annotation.is_none());
}

#[test]
fn shift_click_extends_the_selection_to_whole_words() {
    let mut h = harness(state(SEED, &[]));
    h.run();
    let t = h.state().text.clone();
    let s = find(&t, "Huge");
    h.state_mut().set_sel(s..s + 4);
    h.run();
    let c = find(&t, "massed") + 2;
    let p = at(&h, c);
    click(&mut h, p, Modifiers::SHIFT);
    let sel = h.state().sel().unwrap();
    assert_eq!(t.slice(sel), "Huge crowds massed");
}
