//! `find_all` over running prose: what is found, where, and what is skipped; and that
//! neither entry point panics or returns a bad range on any text.

use super::*;

/// The found figures as (the text of their range, value or low, precision).
fn found(text: &str) -> Vec<(String, Option<f64>, Precision)> {
    let chars: Vec<char> = text.chars().collect();
    find_all(text)
        .into_iter()
        .map(|f| {
            let s: String = chars[f.chars.clone()].iter().collect();
            (s, f.reading.value.or(f.reading.low), f.reading.precision)
        })
        .collect()
}

fn texts(text: &str) -> Vec<String> {
    found(text).into_iter().map(|f| f.0).collect()
}

#[test]
fn a_news_paragraph_gives_its_figures_and_skips_the_rest() {
    let text = "TEHRAN, Jan. 01 (MNA) – Millions of Iraqi people are gathering in Baghdad. \
        On March 26, 2011, at 10:30 GMT, after the G20 and COVID-19 talks, Sayed Sadiq \
        al-Hashemi said more than 2.5\u{a0}million took part in 2020. Page 3 of 5. The \
        21st rally drew 5,000 protesters, up 25% from the 1990s; the five-year plan costs \
        $4bn. One of them said a 10m-high wall stood in Resolution 1441’s way.";
    assert_eq!(
        texts(text),
        [
            "Millions of Iraqi people",
            "more than 2.5\u{a0}million",
            "5,000 protesters",
            "25%",
            "$4bn",
        ]
    );
    let f = found(text);
    assert_eq!(f[0].1, Some(2e6));
    assert_eq!(f[1].2, Precision::AtLeast);
    assert_eq!(f[4].1, Some(4e9));
}

#[test]
fn ranges_are_char_offsets_past_non_ascii_text() {
    let text = "«Ça» 👍🏽 — about 3 million “people” and 2–3 million more";
    let all = find_all(text);
    assert_eq!(all.len(), 2);
    let chars: Vec<char> = text.chars().collect();
    let first: String = chars[all[0].chars.clone()].iter().collect();
    assert_eq!(first, "about 3 million");
    assert_eq!(all[0].chars.start, 10);
    assert_eq!(all[1].reading.low, Some(2e6));
    assert_eq!(all[1].reading.high, Some(3e6));
}

#[test]
fn years_are_dates_unless_they_count_something() {
    assert_eq!(
        texts("in 2011 and in 1999, and between 2011 and 2013"),
        Vec::<String>::new()
    );
    assert_eq!(texts("2011-2012 and 2011–12"), Vec::<String>::new());
    assert_eq!(texts("some 1950 people"), ["some 1950 people"]);
    assert_eq!(texts("They were 1950 people."), ["1950 people"]);
    assert_eq!(
        texts("in 2011 protesters, the 2020 rally, since 2003 troops"),
        Vec::<String>::new()
    );
    assert_eq!(texts("more than 2000"), ["more than 2000"]);
    assert_eq!(texts("2000 million"), ["2000 million"]);
    assert_eq!(texts("$2011"), ["$2011"]);
    assert_eq!(texts("year 2101 was"), ["2101"]);
}

#[test]
fn days_times_codes_and_names_are_skipped() {
    for text in [
        "on March 26, 2011",
        "26 March 2011",
        "on 5 May",
        "at 10:30",
        "at 3 p.m. and 4 pm",
        "at 10 o'clock",
        "the G20, the F-16, COVID-19, MH17",
        "24/7 and 3/4 and 1.2.3",
        "the 21st, 2nd and 3rd",
        "in the 1990s",
        "page 3, p. 5, No. 7, Article 5, Resolution 2334",
        "photo 1 of 5",
        "call 007 or #5",
        "one of them said one thing",
        "a five-year plan for a 20-year-old",
        "call +1 202-555-0143, ISBN 978-3-16-148410-0, on 2020-01-24",
    ] {
        assert_eq!(texts(text), Vec::<String>::new(), "{text}");
    }
    // A lowercase "may" is a verb, and "no" without a stop is "no".
    assert_eq!(texts("they may 5,000 times"), ["5,000"]);
    assert_eq!(texts("no 5 people"), ["5 people"]);
}

#[test]
fn votes_and_scores_are_not_ranges() {
    for text in [
        "voted 170-0",
        "a 3-2 win",
        "52–48",
        "fell from 7,000 to 5,000",
    ] {
        let all = find_all(text);
        assert!(!all.is_empty(), "{text}");
        assert!(
            all.iter().all(|f| f.reading.value.is_some()),
            "{text} read as a range"
        );
    }
    assert_eq!(texts("rose from 5,000 to 7,000"), ["from 5,000 to 7,000"]);
}

#[test]
fn counted_nouns_extend_the_range() {
    assert_eq!(
        texts("around 5,200 US troops in the country"),
        ["around 5,200 US troops"]
    );
    assert_eq!(
        texts("at least four of the seven vehicles"),
        ["at least four", "seven vehicles"]
    );
    assert_eq!(texts("3 million so far"), ["3 million"]);
    let all = find_all("thousands of pro-government protesters");
    assert_eq!(all[0].reading.counted.as_deref(), Some("protesters"));
}

#[test]
fn number_words_in_prose() {
    assert_eq!(
        texts("Two people died and twenty-one were hurt; half a million fled."),
        ["Two people", "twenty-one", "half a million"]
    );
    assert_eq!(texts("a man and a woman"), Vec::<String>::new());
    assert_eq!(texts("some said so, about that"), Vec::<String>::new());
}

#[test]
fn figures_come_in_order_and_do_not_overlap() {
    let text = "5, 6, 7 and 8 million, between 1 and 2, 3%";
    let all = find_all(text);
    assert!(all.windows(2).all(|w| w[0].chars.end <= w[1].chars.start));
    assert_eq!(all.len(), 6);
}

proptest::proptest! {
    #[test]
    fn any_text_reads_without_panic_and_ranges_are_valid(
        s in "([a-z .,;:%$£€\u{a0}\u{202f}\n–—-]|[0-9]{1,5}|million|thousand|half|a |of |more than |between |and |to |about |March |’|é|👍|🏽){0,40}"
    ) {
        let _ = parse(&s);
        let n = s.chars().count();
        let mut end = 0;
        for f in find_all(&s) {
            proptest::prop_assert!(f.chars.start >= end && f.chars.start < f.chars.end);
            proptest::prop_assert!(f.chars.end <= n);
            end = f.chars.end;
            let r = &f.reading;
            proptest::prop_assert!(r.value.is_some() || (r.low.is_some() && r.high.is_some()));
            if let (Some(l), Some(h)) = (r.low, r.high) {
                proptest::prop_assert!(l <= h);
            }
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(s in "\\PC{0,80}") {
        let _ = parse(&s);
        let n = s.chars().count();
        for f in find_all(&s) {
            proptest::prop_assert!(f.chars.start < f.chars.end && f.chars.end <= n);
        }
    }
}

#[test]
fn huge_numbers_are_refused_or_finite() {
    let digits = "9".repeat(400);
    assert!(parse(&digits).is_none_or(|r| r.value.is_some_and(f64::is_finite)));
    let long = format!("{} trillion trillion", "9".repeat(300));
    assert!(parse(&long).is_none_or(|r| r.value.is_some_and(f64::is_finite)));
}
