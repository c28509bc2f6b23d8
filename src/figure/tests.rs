//! The phrase table: what `parse` reads from the text of a figure span.

use super::*;
use Precision::{Approximate as Ap, AtLeast as Al, AtMost as Am, Exact as Ex};

type Bounds = (Option<f64>, Option<f64>, Option<f64>, Precision);

fn ex(v: f64) -> Bounds {
    (Some(v), Some(v), Some(v), Ex)
}
fn ap(v: f64) -> Bounds {
    (Some(v), None, None, Ap)
}
fn al(v: f64) -> Bounds {
    (Some(v), Some(v), None, Al)
}
fn am(v: f64) -> Bounds {
    (Some(v), None, Some(v), Am)
}
fn rg(l: f64, h: f64) -> Bounds {
    (None, Some(l), Some(h), Ap)
}

const M: f64 = 1e6;

/// (text, bounds, unit, counted)
fn table() -> Vec<(
    &'static str,
    Bounds,
    Option<&'static str>,
    Option<&'static str>,
)> {
    vec![
        // Digits, separators, decimals.
        ("5,200", ex(5200.0), None, None),
        ("12.5", ex(12.5), None, None),
        ("1.000", ex(1.0), None, None),
        ("1,234,567", ex(1_234_567.0), None, None),
        ("5\u{202f}200 people", ex(5200.0), None, Some("people")),
        ("5 200", ex(5.0), None, None),
        ("0.5", ex(0.5), None, None),
        ("seven vehicles", ex(7.0), None, Some("vehicles")),
        ("at least four", al(4.0), None, None),
        // Scale words and abbreviations.
        ("2.5 million", ap(2.5 * M), None, None),
        ("3 million", ap(3.0 * M), None, None),
        ("1.2bn", ap(1.2e9), None, None),
        ("1.2 bn", ap(1.2e9), None, None),
        ("3.5m people", ap(3.5 * M), None, Some("people")),
        ("3.5M", ap(3.5 * M), None, None),
        ("5.2k", ap(5200.0), None, None),
        ("10K", ap(10_000.0), None, None),
        ("1.5 trillion", ap(1.5e12), None, None),
        ("4tn", ap(4e12), None, None),
        ("5 thousand", ap(5000.0), None, None),
        ("3 hundred thousand", ap(300_000.0), None, None),
        ("2 hundred", ex(200.0), None, None),
        ("a $4-billion deal", ap(4e9), Some("USD"), None),
        // Number words.
        ("two and a half million", ap(2.5 * M), None, None),
        ("eleven thousand", ap(11_000.0), None, None),
        ("twenty-one", ex(21.0), None, None),
        ("twenty one", ex(21.0), None, None),
        ("ninety-nine", ex(99.0), None, None),
        ("one hundred and five", ex(105.0), None, None),
        ("a hundred", ex(100.0), None, None),
        ("a hundred thousand", ap(100_000.0), None, None),
        ("a dozen", ap(12.0), None, None),
        ("two dozen", ap(24.0), None, None),
        ("half a dozen", ap(6.0), None, None),
        ("half a million", ap(0.5 * M), None, None),
        ("a half million", ap(0.5 * M), None, None),
        ("a million", ap(M), None, None),
        ("one million", ap(M), None, None),
        ("one and a half million", ap(1.5 * M), None, None),
        ("a million and a half", ap(1.5 * M), None, None),
        ("three-quarters of a million", ap(0.75 * M), None, None),
        ("three quarters of a million", ap(0.75 * M), None, None),
        ("a quarter of a million", ap(0.25 * M), None, None),
        ("two-thirds of a million", ap(2.0 / 3.0 * M), None, None),
        ("five thousand two hundred", ex(5200.0), None, None),
        ("two thousand and ten", ex(2010.0), None, None),
        (
            "two million three hundred thousand",
            ap(2_300_000.0),
            None,
            None,
        ),
        ("TWENTY-FIVE THOUSAND", ap(25_000.0), None, None),
        ("zero", ex(0.0), None, None),
        ("one person", ex(1.0), None, Some("person")),
        ("one", ex(1.0), None, None),
        // Compounds.
        ("million-man", ap(M), None, None),
        ("million-man rally", ap(M), None, None),
        ("Million-Man March", ap(M), None, None),
        ("million-man-march", ap(M), None, None),
        ("a million-strong crowd", ap(M), None, None),
        ("million-strong", ap(M), None, None),
        ("10,000-strong", ap(10_000.0), None, None),
        ("a 5,000-strong force", ap(5000.0), None, None),
        ("5,000-plus", al(5000.0), None, None),
        ("5,000+ protesters", al(5000.0), None, Some("protesters")),
        ("five-year plan", ex(5.0), None, None),
        // Vague plurals.
        ("millions of Iraqis", al(2.0 * M), None, Some("Iraqis")),
        (
            "Millions of Iraqi people",
            al(2.0 * M),
            None,
            Some("people"),
        ),
        (
            "Millions of Responses",
            al(2.0 * M),
            None,
            Some("Responses"),
        ),
        ("thousands of", al(2000.0), None, None),
        (
            "thousands of protesters",
            al(2000.0),
            None,
            Some("protesters"),
        ),
        ("hundreds of", al(200.0), None, None),
        ("Hundreds of Iraqis", al(200.0), None, Some("Iraqis")),
        ("dozens of", al(24.0), None, None),
        ("dozens", al(24.0), None, None),
        ("tens of thousands of", al(20_000.0), None, None),
        ("tens of millions", al(2e7), None, None),
        ("hundreds of thousands", al(200_000.0), None, None),
        (
            "hundreds of millions of dollars",
            al(2e8),
            Some("USD"),
            None,
        ),
        ("scores of", al(40.0), None, None),
        ("scores of people", al(40.0), None, Some("people")),
        ("several thousand", al(2000.0), None, None),
        ("a few hundred", al(200.0), None, None),
        (
            "many thousands of demonstrators",
            al(2000.0),
            None,
            Some("demonstrators"),
        ),
        ("billions", al(2e9), None, None),
        // Bounds and hedges: at least.
        ("more than 2.5 million", al(2.5 * M), None, None),
        (
            "more than 2.5 million people",
            al(2.5 * M),
            None,
            Some("people"),
        ),
        ("over 5,000", al(5000.0), None, None),
        ("at least 5,000", al(5000.0), None, None),
        ("in excess of 100,000", al(100_000.0), None, None),
        ("upwards of 300", al(300.0), None, None),
        ("no fewer than 40", al(40.0), None, None),
        ("well over a million", al(M), None, None),
        ("just over 3,000", al(3000.0), None, None),
        ("above 20", al(20.0), None, None),
        ("a minimum of 12", al(12.0), None, None),
        ("5,000 or more", al(5000.0), None, None),
        (
            "More Than Half Of voters",
            al(50.0),
            Some("percent"),
            Some("voters"),
        ),
        // At most.
        ("up to 3 million", am(3.0 * M), None, None),
        ("fewer than 200", am(200.0), None, None),
        ("less than 10%", am(10.0), Some("percent"), None),
        ("no more than 50", am(50.0), None, None),
        ("as many as 3 million", am(3.0 * M), None, None),
        ("under 1,000", am(1000.0), None, None),
        ("nearly 3,000", am(3000.0), None, None),
        ("almost two million", am(2.0 * M), None, None),
        ("just under 500", am(500.0), None, None),
        ("at most 9", am(9.0), None, None),
        ("a maximum of 30", am(30.0), None, None),
        ("100 or fewer", am(100.0), None, None),
        // Approximate.
        ("about 5,200", ap(5200.0), None, None),
        ("around 5,200 US troops", ap(5200.0), None, Some("troops")),
        ("some 5,000", ap(5000.0), None, None),
        ("roughly 300", ap(300.0), None, None),
        ("an estimated 3 million", ap(3.0 * M), None, None),
        ("approximately 40", ap(40.0), None, None),
        ("close to 70", ap(70.0), None, None),
        ("in the region of 800", ap(800.0), None, None),
        ("500 or so", ap(500.0), None, None),
        ("~200", ap(200.0), None, None),
        ("exactly 3 million", ex(3.0 * M), None, None),
        // Ranges.
        ("between 2 and 3 million", rg(2.0 * M, 3.0 * M), None, None),
        ("2-3 million", rg(2.0 * M, 3.0 * M), None, None),
        ("2–3 million", rg(2.0 * M, 3.0 * M), None, None),
        ("2 - 3 million", rg(2.0 * M, 3.0 * M), None, None),
        ("2 to 3 million", rg(2.0 * M, 3.0 * M), None, None),
        ("two to three million", rg(2.0 * M, 3.0 * M), None, None),
        ("from 5,000 to 7,000", rg(5000.0, 7000.0), None, None),
        (
            "between 500,000 and 1 million",
            rg(500_000.0, M),
            None,
            None,
        ),
        (
            "between 5,000 and 7,000 people",
            rg(5000.0, 7000.0),
            None,
            Some("people"),
        ),
        ("$2-3 billion", rg(2e9, 3e9), Some("USD"), None),
        ("25-30%", rg(25.0, 30.0), Some("percent"), None),
        // Currencies.
        ("$4 billion", ap(4e9), Some("USD"), None),
        ("$4bn", ap(4e9), Some("USD"), None),
        ("US$4 billion", ap(4e9), Some("USD"), None),
        ("£3.2m", ap(3_200_000.0), Some("GBP"), None),
        ("€1bn", ap(1e9), Some("EUR"), None),
        ("$250", ex(250.0), Some("USD"), None),
        ("4 billion dollars", ap(4e9), Some("USD"), None),
        ("4 billion US dollars", ap(4e9), Some("USD"), None),
        ("500 euros", ex(500.0), Some("EUR"), None),
        ("20 pounds", ex(20.0), Some("GBP"), None),
        ("5 billion Iraqi dinars", ap(5e9), Some("IQD"), None),
        ("USD 4 million", ap(4.0 * M), Some("USD"), None),
        ("more than $1.5 trillion", al(1.5e12), Some("USD"), None),
        ("100 Canadian dollars", ex(100.0), Some("CAD"), None),
        ("3,000 dinars", ex(3000.0), None, Some("dinars")),
        // Percentages.
        ("25%", ex(25.0), Some("percent"), None),
        ("25 %", ex(25.0), Some("percent"), None),
        ("40 percent", ex(40.0), Some("percent"), None),
        ("40 per cent", ex(40.0), Some("percent"), None),
        (
            "40 percent of voters",
            ex(40.0),
            Some("percent"),
            Some("voters"),
        ),
        (
            "2 percentage points",
            ex(2.0),
            Some("percentage points"),
            None,
        ),
        ("half of", ap(50.0), Some("percent"), None),
        (
            "a third of Iraqis",
            ap(100.0 / 3.0),
            Some("percent"),
            Some("Iraqis"),
        ),
        (
            "one in five Iraqis",
            ap(20.0),
            Some("percent"),
            Some("Iraqis"),
        ),
        ("nine out of ten", ap(90.0), Some("percent"), None),
        ("3 in 2011", ex(3.0), None, None),
        ("-5%", ex(-5.0), Some("percent"), None),
        ("+5%", ex(5.0), Some("percent"), None),
        ("minus 5", ex(-5.0), None, None),
        // Case, curly punctuation, no-break spaces.
        ("MORE THAN 2.5 MILLION", al(2.5 * M), None, None),
        (
            "more\u{a0}than\u{a0}2.5\u{a0}million",
            al(2.5 * M),
            None,
            None,
        ),
        ("“3 million”", ap(3.0 * M), None, None),
        // A year standing alone is still a figure when it is the whole span.
        ("2011", ex(2011.0), None, None),
        ("more than 2000 people", al(2000.0), None, Some("people")),
    ]
}

#[test]
fn the_table_reads_as_expected() {
    let rows = table();
    assert!(rows.len() >= 100, "{} rows", rows.len());
    let mut failed = Vec::new();
    for (text, (value, low, high, precision), unit, counted) in rows {
        let got = parse(text);
        let want = Reading {
            value,
            low,
            high,
            unit,
            counted: counted.map(str::to_owned),
            precision,
        };
        if got.as_ref() != Some(&want) {
            failed.push(format!("{text:?}\n   got  {got:?}\n   want {want:?}"));
        }
    }
    assert!(
        failed.is_empty(),
        "{} failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

#[test]
fn words_that_are_not_figures_read_as_none() {
    for text in [
        "several",
        "many",
        "the rally",
        "a",
        "",
        "a few",
        "some",
        "more than",
        "between",
        "half",
        "a third",
        "a 10m-high wall",
        "100m sprint",
        "G20",
        "COVID-19",
        "10:30",
        "21st",
        "the 1990s",
        "March 26",
        "Jan. 01",
        "3 p.m.",
        "10 o’clock",
    ] {
        let got = parse(text);
        assert!(got.is_none(), "{text:?} read as {got:?}");
    }
}

#[test]
fn the_first_figure_wins_and_dates_before_it_are_skipped() {
    let r = parse("On March 26, 2011, more than 5,000 people marched").unwrap();
    assert_eq!(r.value, Some(5000.0));
    assert_eq!(r.precision, Al);
    let r = parse("in 2011 a million-strong crowd").unwrap();
    assert_eq!(r.value, Some(M));
}

#[test]
fn central_is_the_value_or_the_middle_of_a_range() {
    assert_eq!(parse("2-3 million").unwrap().central(), Some(2.5 * M));
    assert_eq!(parse("about 7").unwrap().central(), Some(7.0));
}

#[test]
fn one_billion_two_is_exact_in_binary() {
    // 1.2 × 1e9 in floats is 1199999999.9999998; the digits are scaled instead.
    assert_eq!(parse("1.2bn").unwrap().value, Some(1_200_000_000.0));
    assert_eq!(parse("0.3 million").unwrap().value, Some(300_000.0));
}
