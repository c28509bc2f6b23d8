//! A figure's attributes filled from its words when it is tagged, and kept in step with
//! them while they are the words' and not the annotator's (`Attributes::from_text`).

use super::parse;
use crate::model::Attributes;

/// Fills the number fields of `attrs` from `text` when none were typed (or those there
/// were read from the text before): value, low, high, precision, the unit when there is
/// none, and what is counted when nothing is. Marks them as read from the text. Returns
/// whether anything changed. Words that say no number leave typed fields alone and take
/// away numbers they had given.
pub fn fill_attributes(attrs: &mut Attributes, text: &str) -> bool {
    let typed =
        !attrs.from_text && (attrs.value.is_some() || attrs.low.is_some() || attrs.high.is_some());
    if typed {
        return false;
    }
    let before = attrs.clone();
    match parse(text) {
        Some(r) => {
            if attrs.from_text {
                // The fields the words gave last time are the words' to change.
                attrs.unit = None;
                attrs.counted = None;
            }
            attrs.value = r.value;
            attrs.low = r.low;
            attrs.high = r.high;
            attrs.precision = Some(r.precision);
            if attrs.unit.is_none() {
                attrs.unit = r.unit.map(str::to_owned);
            }
            if attrs.counted.is_none() {
                attrs.counted = r.counted;
            }
            attrs.from_text = true;
        }
        None if attrs.from_text => {
            attrs.value = None;
            attrs.low = None;
            attrs.high = None;
            attrs.precision = None;
            attrs.unit = None;
            attrs.counted = None;
            attrs.from_text = false;
        }
        None => {}
    }
    *attrs != before
}

/// Whether `after` differs from `before` in a field the words fill: an edit there is the
/// annotator's, so the fields are no longer the words'.
pub fn typed_over(before: &Attributes, after: &Attributes) -> bool {
    before.value != after.value
        || before.low != after.low
        || before.high != after.high
        || before.precision != after.precision
        || before.unit != after.unit
        || before.counted != after.counted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Precision;

    #[test]
    fn words_fill_a_new_figure_follow_its_span_and_give_way_to_typing() {
        let mut at = Attributes::default();
        assert!(fill_attributes(&mut at, "more than 2.5 million people"));
        assert_eq!(
            (at.value, at.low, at.precision, at.from_text),
            (
                Some(2_500_000.0),
                Some(2_500_000.0),
                Some(Precision::AtLeast),
                true
            )
        );
        assert_eq!(at.counted.as_deref(), Some("people"));
        // The span moved: the words are read again.
        assert!(fill_attributes(&mut at, "$4 billion"));
        assert_eq!((at.value, at.unit.as_deref()), (Some(4e9), Some("USD")));
        assert_eq!(at.counted, None, "the old noun went with the old words");
        // Words with no number take away what the words gave.
        assert!(fill_attributes(&mut at, "the rally"));
        assert_eq!((at.value, at.precision, at.from_text), (None, None, false));
        // Typed numbers are the annotator's: the words leave them alone.
        let mut typed = Attributes {
            value: Some(1e6),
            unit: Some("people".into()),
            ..Attributes::default()
        };
        assert!(!fill_attributes(&mut typed, "3 million"));
        assert_eq!(typed.value, Some(1e6));
        // A typed unit stays when the words fill the numbers.
        let mut unit = Attributes {
            unit: Some("marchers".into()),
            ..Attributes::default()
        };
        fill_attributes(&mut unit, "3 million");
        assert_eq!(
            (unit.value, unit.unit.as_deref()),
            (Some(3e6), Some("marchers"))
        );
        assert!(typed_over(
            &unit,
            &Attributes {
                value: Some(2.0),
                ..unit.clone()
            }
        ));
        assert!(
            !typed_over(&unit, &note_free(&unit)),
            "a speaker is not a number"
        );
    }

    fn note_free(a: &Attributes) -> Attributes {
        Attributes {
            speaker: Some("someone".into()),
            ..a.clone()
        }
    }
}
