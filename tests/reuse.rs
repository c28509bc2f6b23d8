//! The shared-passage finder as a user relies on it: on the sample project it finds
//! what Radio Habana Cuba took from other outlets; on generated text it finds every
//! planted passage whole and invents none; it ignores reuse inside one document and
//! boilerplate; its offsets are chars in non-ASCII text.

mod reuse_corpus;

use reuse_corpus::{Spec, Variant, check, corpus};
use sourcemark::model::DocId;
use sourcemark::reuse::{Params, Passage, find, find_in_workspace};
use sourcemark::workspace::Workspace;
use std::path::PathBuf;

/// `text[start:end]` as Python computes it: chars, end-exclusive, independent of
/// `DocText`.
fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// The char range of `needle` in `text` (its first occurrence).
fn range_of(text: &str, needle: &str) -> (usize, usize) {
    let b = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in the text"));
    let start = text[..b].chars().count();
    (start, start + needle.chars().count())
}

fn covers(p: &sourcemark::reuse::Side, (start, end): (usize, usize)) -> bool {
    p.start <= start && end <= p.end
}

fn doc(id: &str) -> DocId {
    DocId::from(id)
}

#[test]
fn radio_habana_cubas_two_borrowed_passages_are_found_in_the_sample() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("projects/rally-coverage/project.ron");
    let (ws, _) = Workspace::open(&path).unwrap();
    let found = find_in_workspace(&ws, &Params::default());
    let text = |id: &str| ws.text(&doc(id)).unwrap().as_str().to_owned();
    let (rhc, iran_news, poster) = (
        text("radio-habana-cuba"),
        text("iran-news"),
        text("poster-speaks"),
    );
    // Between two documents, `x` in the one and `y` in the other, whichever is `a`.
    let shared = |d1: &str, x: (usize, usize), d2: &str, y: (usize, usize)| {
        found.iter().any(|p| {
            (p.a.doc == doc(d1) && p.b.doc == doc(d2) && covers(&p.a, x) && covers(&p.b, y))
                || (p.a.doc == doc(d2) && p.b.doc == doc(d1) && covers(&p.a, y) && covers(&p.b, x))
        })
    };

    // Iran News's sentence on the crowd size, word for word (the project's note on it
    // says so).
    let hashemi = "Sayed Sadiq al-Hashemi, the director of the Iraqi Center for Studies, said \
                   more than 2.5 million took part in the demonstrations on Friday";
    assert!(
        shared(
            "radio-habana-cuba",
            range_of(&rhc, hashemi),
            "iran-news",
            range_of(&iran_news, hashemi)
        ),
        "{found:#?}"
    );
    // Poster Speaks's quotation of Sadr's tweets, with one word changed
    // ("dependence" there, "independence" here).
    let tweet = "Oh women, men and youth of the country, the time is now upon us to defend the \
                 country, its sovereignty and ";
    let rhc_tweet = range_of(&rhc, &format!("{tweet}independence"));
    let poster_tweet = range_of(&poster, &format!("{tweet}dependence"));
    assert!(
        shared(
            "radio-habana-cuba",
            rhc_tweet,
            "poster-speaks",
            poster_tweet
        ),
        "{found:#?}"
    );
    let spread = "Spread the word of an independent future Iraq";
    assert!(shared(
        "radio-habana-cuba",
        range_of(&rhc, spread),
        "poster-speaks",
        range_of(&poster, spread)
    ));

    // Every passage found is shared text indeed: its two sides have the same words,
    // but for a few.
    for p in &found {
        let side = |s: &sourcemark::reuse::Side| {
            let t = ws.text(&s.doc).unwrap().as_str().to_owned();
            words(&chars(&t, s.start, s.end))
        };
        let (x, y) = (side(&p.a), side(&p.b));
        let same = x.iter().filter(|w| y.contains(w)).count();
        assert!(same * 10 >= x.len() * 9, "{p:?}: {x:?} / {y:?}");
        assert!(p.words >= 12);
        assert_ne!(p.a.doc, p.b.doc);
    }
    // Iran News quotes Sadr's call twice, word for word; that is not reuse.
    assert!(found.iter().all(|p| p.a.doc != p.b.doc));
}

/// Lower-cased letters-and-digits words, for comparing two sides loosely.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn unrelated_generated_articles_share_no_passage() {
    let c = corpus(Spec {
        docs: 200,
        bytes: 3_000,
        planted: 0,
        repeated: 0,
        footer: false,
        seed: 1,
    });
    let found = find(&c.input(), &Params::default());
    assert!(
        found.is_empty(),
        "invented: {:#?}",
        &found[..found.len().min(3)]
    );
    // Even when asked for passages of 8 words.
    let short = Params {
        min_words: 8,
        ..Params::default()
    };
    assert_eq!(find(&c.input(), &short), []);
}

#[test]
fn every_planted_passage_is_found_whole_and_nothing_else() {
    let c = corpus(Spec {
        docs: 150,
        bytes: 3_000,
        planted: 80,
        repeated: 10,
        footer: true,
        seed: 2,
    });
    for v in [
        Variant::Exact,
        Variant::ChangedWord,
        Variant::Spelling,
        Variant::DroppedWord,
    ] {
        assert!(c.planted.iter().filter(|p| p.variant == v).count() >= 10);
    }
    let found = find(&c.input(), &Params::default());
    if let Err(e) = check(&c, &found) {
        panic!("{e}");
    }
    // The footer in all 150 documents is boilerplate (check saw no passage in it);
    // counted as reuse when boilerplate starts above 200 documents, every pair has it.
    let all = find(
        &c.input(),
        &Params {
            max_docs: 200,
            ..Params::default()
        },
    );
    assert_eq!(all.len(), found.len() + 150 * 149 / 2);
}

const LEDE: &str = "Iraqis have rallied in Baghdad in massive numbers to call for an end to U.S. \
     military presence in the country following high-profile assassinations and airstrikes \
     targeting anti-terror forces, the agency said on Friday.";

#[test]
fn a_passage_with_a_changed_word_and_us_for_u_s_is_found_whole() {
    let a = format!("Rally report.\n\nOur correspondent writes: {LEDE} More to come.");
    let copy = LEDE
        .replace("U.S.", "US")
        .replace("massive", "huge")
        .replace("high-profile", "high–profile");
    let b = format!("From the wires — {copy} Nothing else is alike here at all.");
    let found = find(&[(doc("a"), &a), (doc("b"), &b)], &Params::default());
    assert_eq!(found.len(), 1, "{found:#?}");
    let p = &found[0];
    let lede = LEDE.trim_end_matches('.');
    assert_eq!(chars(&a, p.a.start, p.a.end), lede);
    assert_eq!(chars(&b, p.b.start, p.b.end), copy.trim_end_matches('.'));
    assert_eq!(
        p.words,
        words(lede).len() - 1,
        "U.S. is one word, high-profile two"
    );
    // In the other order, the sides swap.
    let swapped = find(&[(doc("b"), &b), (doc("a"), &a)], &Params::default());
    assert_eq!(swapped[0].a, p.b);
    assert_eq!(swapped[0].b, p.a);
}

#[test]
fn a_dropped_word_does_not_split_a_passage() {
    let a = format!("Lead in. {LEDE}");
    let b = format!(
        "Other lead. {}",
        LEDE.replace(" in massive numbers", " in numbers")
    );
    let found = find(&[(doc("a"), &a), (doc("b"), &b)], &Params::default());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(chars(&a, found[0].a.start, found[0].a.end).starts_with("Iraqis have"));
    assert!(chars(&a, found[0].a.start, found[0].a.end).ends_with("on Friday"));
}

#[test]
fn reuse_inside_one_document_is_ignored() {
    let a = format!("{LEDE}\n\nIn between, some words of its own.\n\n{LEDE}");
    let b = "Nothing of the kind in this one, which talks of the weather in Basra.";
    assert_eq!(
        find(&[(doc("a"), &a), (doc("b"), b)], &Params::default()),
        []
    );
    // With a third document that has it once, each copy pairs with that document.
    let c = format!("Wire copy: {LEDE}");
    let found = find(
        &[(doc("a"), &a), (doc("b"), b), (doc("c"), &c)],
        &Params::default(),
    );
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found
            .iter()
            .all(|p| p.a.doc == doc("a") && p.b.doc == doc("c"))
    );
    assert_ne!(found[0].a.start, found[1].a.start);
}

#[test]
fn offsets_are_chars_in_arabic_accented_and_emoji_text() {
    let shared = "قال مقتدى الصدر إن التظاهرة المليونية في بغداد تطالب بخروج القوات الأجنبية \
                  من العراق، and the café owners of Jadriyah 👍🏽 said “the crowd was naïve \
                  and huge” before noon";
    let a = format!("👨‍👩‍👧 🇮🇶 Élan: {shared}. Fin 🏳️‍🌈.");
    let b = format!("Ça va — مرحبا بكم 😀😀 {shared}! Autre chose ici, rien à voir.");
    let found = find(&[(doc("a"), &a), (doc("b"), &b)], &Params::default());
    assert_eq!(found.len(), 1, "{found:#?}");
    let p: &Passage = &found[0];
    assert_eq!(chars(&a, p.a.start, p.a.end), shared);
    assert_eq!(chars(&b, p.b.start, p.b.end), shared);
    assert_eq!((p.a.start, p.a.end), range_of(&a, shared));
    assert_eq!((p.b.start, p.b.end), range_of(&b, shared));
}

#[test]
fn passages_shorter_than_min_words_are_not_reported() {
    // Nine words in common.
    let a = "One two. The rally in Baghdad drew a huge crowd today. Three four five.";
    let b = "Six seven. The rally in Baghdad drew a huge crowd today. Eight nine.";
    let docs = [(doc("a"), a), (doc("b"), b)];
    assert_eq!(find(&docs, &Params::default()), []);
    let eight = Params {
        min_words: 8,
        ..Params::default()
    };
    let found = find(&docs, &eight);
    assert_eq!(found.len(), 1);
    assert_eq!(
        chars(a, found[0].a.start, found[0].a.end),
        "The rally in Baghdad drew a huge crowd today"
    );
    assert_eq!(found[0].words, 9);
}

#[test]
fn the_corpus_check_catches_a_missed_and_an_invented_passage() {
    let c = corpus(Spec {
        docs: 20,
        bytes: 1_500,
        planted: 6,
        repeated: 0,
        footer: false,
        seed: 3,
    });
    let mut found = find(&c.input(), &Params::default());
    assert_eq!(check(&c, &found), Ok(()));
    let missed = found.pop().unwrap();
    assert!(check(&c, &found).unwrap_err().contains("not found whole"));
    found.push(missed.clone());
    // The same passage between other documents, and one grown far past the planted one.
    let mut elsewhere = missed.clone();
    elsewhere.b.doc = c.docs[c.docs.len() - 1].0.clone();
    elsewhere.a.doc = c.docs[0].0.clone();
    let mut longer = missed;
    longer.words += 10;
    for wrong in [elsewhere, longer] {
        let mut with = found.clone();
        with.push(wrong);
        assert!(check(&c, &with).unwrap_err().contains("not planted"));
    }
}

#[test]
fn a_passage_holding_a_stock_phrase_is_found_whole() {
    // The phrase is in four documents, over `max_docs`, so it seeds nothing alone; the
    // passage around it is in two, and is reported whole, phrase and all.
    let phrase = "according to a statement released by the press office";
    let passage = format!(
        "Sadr's office said the rally would be peaceful, {phrase} on Thursday evening, and \
         that the organisers expected protesters from every province of the country"
    );
    let docs = [
        format!("One. {passage}. Other words entirely here."),
        format!("Two. {passage}! Nothing alike follows it."),
        format!("The prime minister resigned, {phrase} late at night."),
        format!("Markets fell, {phrase} in a brief note to investors."),
    ];
    let ids = ["one", "two", "three", "four"];
    let input: Vec<(DocId, &str)> = ids
        .iter()
        .zip(&docs)
        .map(|(id, t)| (doc(id), t.as_str()))
        .collect();
    let params = Params {
        max_docs: 3,
        ..Params::default()
    };
    let found = find(&input, &params);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        (found[0].a.doc.as_str(), found[0].b.doc.as_str()),
        ("one", "two")
    );
    assert_eq!(chars(&docs[0], found[0].a.start, found[0].a.end), passage);
    // The phrase alone, between the other documents, is boilerplate.
    let only_phrase = [
        (doc("three"), docs[2].as_str()),
        (doc("four"), docs[3].as_str()),
    ];
    let low = Params {
        min_words: 8,
        max_docs: 3,
        ..Params::default()
    };
    assert_eq!(
        find(&only_phrase, &low).len(),
        1,
        "two documents: not boilerplate"
    );
    assert_eq!(find(&input, &low).len(), 1, "four documents: boilerplate");
}
