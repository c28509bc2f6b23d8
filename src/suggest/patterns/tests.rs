//! Each pattern feature, with the examples of spaCy's rule-based matching guide where it
//! has one (https://spacy.io/usage/rule-based-matching).

use super::*;

fn set(lines: &str) -> PatternSet {
    let mut s = PatternSet::new();
    s.add_text(lines, Path::new("test.jsonl"), "test.jsonl")
        .unwrap();
    s.build().unwrap();
    s
}

fn found(lines: &str, text: &str) -> Vec<String> {
    let t = DocText::new(text.to_owned());
    set(lines)
        .find(&t)
        .iter()
        .map(|m| t.slice(m.chars.clone()).to_owned())
        .collect()
}

#[test]
fn the_guides_hello_world_pattern_needs_its_punctuation() {
    let p = r#"{"label": "HelloWorld", "pattern": [{"LOWER": "hello"}, {"IS_PUNCT": true}, {"LOWER": "world"}]}"#;
    assert_eq!(found(p, "Hello, world! Hello world!"), ["Hello, world"]);
}

#[test]
fn question_mark_makes_a_token_optional() {
    let p = r#"{"label": "HelloWorld", "pattern": [{"LOWER": "hello"}, {"IS_PUNCT": true, "OP": "?"}, {"LOWER": "world"}]}"#;
    assert_eq!(
        found(p, "Hello, world! Hello world!"),
        ["Hello, world", "Hello world"]
    );
}

#[test]
fn bang_is_one_token_that_fails_the_spec() {
    let p = r#"{"label": "x", "pattern": [{"LOWER": "hello"}, {"IS_PUNCT": true, "OP": "!"}, {"LOWER": "world"}]}"#;
    assert_eq!(
        found(p, "Hello, world! Hello big world!"),
        ["Hello big world"]
    );
}

#[test]
fn plus_and_star_repeat_and_the_longest_match_wins() {
    let plus = r#"{"label": "x", "pattern": [{"LOWER": {"IN": ["very", "really"]}, "OP": "+"}, {"LOWER": "good"}]}"#;
    assert_eq!(
        found(plus, "very really very good, and good."),
        ["very really very good"]
    );
    let star = r#"{"label": "x", "pattern": [{"LOWER": {"IN": ["very", "really"]}, "OP": "*"}, {"LOWER": "good"}]}"#;
    assert_eq!(
        found(star, "very really very good, and good."),
        ["very really very good", "good"]
    );
}

#[test]
fn an_empty_spec_is_any_token_as_in_the_guides_user_name_example() {
    let p =
        r#"{"label": "USER", "pattern": [{"ORTH": "User"}, {"ORTH": "name"}, {"ORTH": ":"}, {}]}"#;
    assert_eq!(
        found(p, "User name: Eddard. user name: x"),
        ["User name: Eddard"]
    );
}

#[test]
fn counted_operators_take_that_many_tokens() {
    let two = r#"{"label": "x", "pattern": [{"ORTH": "a", "OP": "{2}"}]}"#;
    assert_eq!(found(two, "a a a a a"), ["a a", "a a"]);
    let range = r#"{"label": "x", "pattern": [{"ORTH": "a", "OP": "{1,3}"}]}"#;
    assert_eq!(found(range, "a a a a"), ["a a a", "a"]);
}

#[test]
fn numbers_digits_and_text_attributes() {
    let p = r#"{"label": "figure", "pattern": [{"LIKE_NUM": true}, {"LOWER": "troops"}]}
{"label": "code", "pattern": [{"IS_DIGIT": true, "LENGTH": 4}]}
{"label": "name", "pattern": [{"TEXT": "Sadr"}]}"#;
    assert_eq!(
        found(
            p,
            "Some 5,200 troops and five Troops; code 1234 or 12; Sadr, not sadr."
        ),
        ["5,200 troops", "five Troops", "1234", "Sadr"]
    );
}

#[test]
fn phrases_match_whole_words_only_and_the_longest_wins() {
    let p = r#"{"label": "source", "pattern": "Muqtada al-Sadr"}
{"label": "source", "pattern": "Sadr"}"#;
    assert_eq!(
        found(
            p,
            "Muqtada al-Sadr spoke; Sadr’s men, Sadrists and the Sadr movement."
        ),
        ["Muqtada al-Sadr", "Sadr", "Sadr"]
    );
    let t = DocText::new("« Sadr »".to_owned());
    let m = set(p).find(&t);
    assert_eq!(m[0].chars, 2..6, "offsets count chars");
    assert_eq!(m[0].rule, "test.jsonl:2");
}

#[test]
fn a_malformed_line_names_its_file_and_line() {
    let mut s = PatternSet::new();
    let err = s
        .add_text(
            "{\"label\": \"a\", \"pattern\": \"x\"}\n\n{\"label\": \"a\"}\n",
            Path::new("dir/p.jsonl"),
            "p",
        )
        .unwrap_err();
    assert_eq!(err.to_string(), "dir/p.jsonl:3: no \"pattern\"");
    assert_eq!(s.labels(), ["a"]);
    let scheme = LabelScheme::default();
    assert_eq!(s.label_in("SOURCE", &scheme).as_deref(), Some("source"));
    assert_eq!(s.label_in("PERSON", &scheme), None);
}

#[test]
fn lines_without_a_patterns_words_are_not_read_and_case_still_folds() {
    let p = r#"{"label": "figure", "pattern": [{"LIKE_NUM": true}, {"LOWER": {"IN": ["troops", "soldiers"]}}]}"#;
    let s = set(p);
    assert!(
        s.token_words.is_some(),
        "every match holds troops or soldiers"
    );
    assert_eq!(
        found(
            p,
            "No match here: 5 men.\nFive TROOPS and 3 Soldiers.\n7 troops"
        ),
        ["Five TROOPS", "3 Soldiers", "7 troops"]
    );
    // A pattern that names no word reads every line.
    let any = r#"{"label": "x", "pattern": [{"LIKE_NUM": true}, {"IS_PUNCT": true}]}"#;
    assert!(set(any).token_words.is_none());
    assert_eq!(found(any, "a 5, b\n6."), ["5,", "6."]);
}
