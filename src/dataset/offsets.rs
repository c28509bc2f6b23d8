//! Offsets in UTF-16 code units, for tools that count them: doccano's editor (JavaScript
//! string indices), WebAnno TSV and UIMA (Java string indices). Label Studio is not one
//! of them: its editor counts code points, as chars do.
//!
//! The conversion goes through [`DocText`]: astral chars (those UTF-16 writes as a
//! surrogate pair, such as most emoji) are found by their byte offsets and turned into
//! char offsets with [`DocText::char_of`]; a char offset then maps to UTF-16 by adding the
//! number of astral chars before it.

use crate::text::DocText;

/// Which unit exported and imported offsets count; its names (`chars`, `utf16`, also
/// read as `utf-16`) come from the derive.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
pub enum OffsetUnit {
    /// Unicode scalar values, as Python's `str` counts (the default everywhere).
    #[default]
    #[strum(serialize = "chars")]
    Chars,
    /// UTF-16 code units, as JavaScript and Java strings count: an emoji counts 2
    /// (doccano's editor, WebAnno TSV, UIMA).
    #[strum(to_string = "utf16", serialize = "utf-16")]
    Utf16,
}

impl OffsetUnit {
    /// Every unit, for the command line's help and error messages.
    pub const ALL: &[OffsetUnit] = <Self as strum::VariantArray>::VARIANTS;

    /// The command-line name.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Parses the command-line name.
    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }
}

/// A UTF-16 offset that falls between the two halves of a surrogate pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "UTF-16 offset {0} falls inside a surrogate pair (the middle of an emoji or other astral char)"
)]
pub struct SplitSurrogate(pub usize);

/// Converts the offsets of one text between chars and the chosen unit.
#[derive(Clone, Debug)]
pub struct OffsetMap {
    unit: OffsetUnit,
    /// Char offsets of the chars that take two UTF-16 units, ascending. Empty for
    /// [`OffsetUnit::Chars`] and for texts without astral chars.
    astral: Vec<usize>,
    char_len: usize,
}

impl OffsetMap {
    /// The map for `text` in `unit`.
    pub fn new(text: &DocText, unit: OffsetUnit) -> Self {
        let astral = match unit {
            OffsetUnit::Chars => Vec::new(),
            OffsetUnit::Utf16 => text
                .as_str()
                .char_indices()
                .filter(|(_, c)| c.len_utf16() == 2)
                .map(|(b, _)| text.char_of(b))
                .collect(),
        };
        Self {
            unit,
            astral,
            char_len: text.char_len(),
        }
    }

    /// The unit this map converts to.
    pub fn unit(&self) -> OffsetUnit {
        self.unit
    }

    /// The offset of char `c` in the map's unit.
    pub fn to_unit(&self, c: usize) -> usize {
        c + self.astral.partition_point(|&a| a < c)
    }

    /// The length of the text in the map's unit.
    pub fn len(&self) -> usize {
        self.to_unit(self.char_len)
    }

    /// True for an empty text.
    pub fn is_empty(&self) -> bool {
        self.char_len == 0
    }

    /// The char offset of an offset `u` in the map's unit. Offsets past the end are
    /// returned past the end (the caller checks them against the text).
    pub fn to_char(&self, u: usize) -> Result<usize, SplitSurrogate> {
        // Astral char i starts at UTF-16 offset astral[i] + i and covers two units.
        // `astral[i] + i` increases strictly with i: binary search for the count below u.
        let (mut lo, mut hi) = (0, self.astral.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.astral[mid] + mid < u {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let before = lo;
        if before > 0 {
            let i = before - 1;
            if self.astral[i] + i + 1 == u {
                return Err(SplitSurrogate(u));
            }
        }
        Ok(u - before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_counts_two_units() {
        let t = DocText::new("a👍b🇮🇶c".to_owned());
        let m = OffsetMap::new(&t, OffsetUnit::Utf16);
        // a=0, 👍=1..3, b=3, 🇮=4..6, 🇶=6..8, c=8
        assert_eq!(m.to_unit(0), 0);
        assert_eq!(m.to_unit(1), 1);
        assert_eq!(m.to_unit(2), 3);
        assert_eq!(m.to_unit(3), 4);
        assert_eq!(m.to_unit(6), 9);
        assert_eq!(m.len(), 9);
        for c in 0..=6 {
            assert_eq!(m.to_char(m.to_unit(c)), Ok(c));
        }
        assert_eq!(m.to_char(2), Err(SplitSurrogate(2)));
        assert_eq!(m.to_char(7), Err(SplitSurrogate(7)));
    }

    #[test]
    fn agrees_with_encode_utf16_on_mixed_text() {
        let s = "“Get out” 👨‍👩‍👧 مليونية e\u{301} 2.5\u{a0}million 𝐀";
        let t = DocText::new(s.to_owned());
        let m = OffsetMap::new(&t, OffsetUnit::Utf16);
        for c in 0..=t.char_len() {
            let expected = t.slice(0..c).encode_utf16().count();
            assert_eq!(m.to_unit(c), expected, "char {c}");
            assert_eq!(m.to_char(expected), Ok(c));
        }
    }

    proptest::proptest! {
        #[test]
        fn utf16_map_matches_encode_utf16(
            s in "([a-z \u{a0}\n]|é|e\u{301}|مل|👍|🏽|🇮|\u{200d}|𝐁){0,60}"
        ) {
            let t = DocText::new(s.clone());
            let m = OffsetMap::new(&t, OffsetUnit::Utf16);
            for c in 0..=t.char_len() {
                let u = t.slice(0..c).encode_utf16().count();
                proptest::prop_assert_eq!(m.to_unit(c), u);
                proptest::prop_assert_eq!(m.to_char(u), Ok(c));
            }
        }
    }

    #[test]
    fn chars_unit_is_identity() {
        let t = DocText::new("👍👍".to_owned());
        let m = OffsetMap::new(&t, OffsetUnit::Chars);
        assert_eq!(m.to_unit(2), 2);
        assert_eq!(m.to_char(1), Ok(1));
    }
}

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn unit_and_format_names_come_from_one_place_and_parse_back() {
        assert_eq!(OffsetUnit::parse("utf-16"), Some(OffsetUnit::Utf16));
        for &u in OffsetUnit::ALL {
            assert_eq!(OffsetUnit::parse(u.as_str()), Some(u));
        }
        let names: Vec<&str> = crate::dataset::Format::ALL
            .iter()
            .map(|f| f.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "jsonl",
                "doccano",
                "doccano-rel",
                "label-studio",
                "brat",
                "w3c",
                "csv",
                "conll",
                "claimreview"
            ]
        );
        let precisions: Vec<&str> = crate::model::Precision::ALL
            .iter()
            .map(|p| p.as_str())
            .collect();
        assert_eq!(precisions, ["exact", "approximate", "at-least", "at-most"]);
    }
}
