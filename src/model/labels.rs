//! The label scheme: which labels a project uses, their colours and keys.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// What a label means to the tool: it decides which attributes the inspector offers
/// and how exports describe the span. Custom labels are `Other`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LabelKind {
    /// A checkable statement.
    Claim,
    /// Words attributed to someone.
    Quote,
    /// A number that carries the story.
    Figure,
    /// A person or organisation named in the text as the origin of a quote, claim or
    /// figure: the other end of a "said by" link, whose text becomes the speaker.
    Source,
    /// A project-defined label with no built-in attributes.
    Other,
}

/// An sRGB colour, written as `"#rrggbb"` in the project file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Color(pub [u8; 3]);

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

impl Color {
    /// Parses `#rrggbb`.
    pub fn parse(s: &str) -> Option<Self> {
        let hex = s.strip_prefix('#')?;
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Self([byte(0)?, byte(2)?, byte(4)?]))
    }
}

impl Serialize for Color {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Color::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("colour {s:?} is not of the form \"#rrggbb\""))
        })
    }
}

/// One label of the scheme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Label {
    /// The name stored on annotations and written to exports, e.g. `claim`.
    pub id: String,
    /// What the window shows, e.g. `Claim`.
    pub name: String,
    /// Built-in meaning, which selects the attributes.
    pub kind: LabelKind,
    /// Highlight colour.
    pub color: Color,
    /// The key that applies this label to a selection (`'1'`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<char>,
}

/// The ordered list of labels a project uses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LabelScheme(pub Vec<Label>);

impl LabelKind {
    /// Whether a span of this kind can be attributed to a source (its `speaker`): a
    /// claim, a quote or a figure.
    pub fn is_attributable(self) -> bool {
        matches!(
            self,
            LabelKind::Claim | LabelKind::Quote | LabelKind::Figure
        )
    }
}

/// The colour of the default `source` label.
const SOURCE_COLOR: [u8; 3] = [0x8e, 0x5c, 0xc9];

impl Default for LabelScheme {
    /// claim, quote, figure and source on keys 1, 2, 3 and 4.
    fn default() -> Self {
        let label = |id: &str, name: &str, kind, color, key| Label {
            id: id.to_owned(),
            name: name.to_owned(),
            kind,
            color: Color(color),
            key: Some(key),
        };
        Self(vec![
            label("claim", "Claim", LabelKind::Claim, [0xe0, 0x8a, 0x1e], '1'),
            label("quote", "Quote", LabelKind::Quote, [0x2f, 0x80, 0xd1], '2'),
            label(
                "figure",
                "Figure",
                LabelKind::Figure,
                [0x2e, 0xa0, 0x5a],
                '3',
            ),
            label("source", "Source", LabelKind::Source, SOURCE_COLOR, '4'),
        ])
    }
}

impl LabelScheme {
    /// The label with this id.
    pub fn get(&self, id: &str) -> Option<&Label> {
        self.0.iter().find(|l| l.id == id)
    }

    /// The kind of the label with this id; `None` for a label the scheme lacks.
    pub fn kind(&self, id: &str) -> Option<LabelKind> {
        self.get(id).map(|l| l.kind)
    }

    /// The label bound to this key.
    pub fn by_key(&self, key: char) -> Option<&Label> {
        self.0.iter().find(|l| l.key == Some(key))
    }

    /// Adds a label of kind `Other` with a colour and the next free digit key.
    /// Returns false when a label with this id already exists.
    pub fn add(&mut self, id: &str) -> bool {
        if self.get(id).is_some() {
            return false;
        }
        const PALETTE: [[u8; 3]; 6] = [
            [0x8e, 0x5c, 0xc9],
            [0xc9, 0x4f, 0x7c],
            [0x1f, 0x9e, 0x9e],
            [0x9c, 0x7a, 0x2b],
            [0x6b, 0x7f, 0x99],
            [0xb5, 0x4a, 0x2f],
        ];
        let color = Color(PALETTE[self.0.len() % PALETTE.len()]);
        let key = ('1'..='9').find(|k| self.by_key(*k).is_none());
        let mut name = id.to_owned();
        if let Some(first) = name.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        self.0.push(Label {
            id: id.to_owned(),
            name,
            kind: LabelKind::Other,
            color,
            key,
        });
        true
    }

    /// The default `source` label as it would join this scheme (key 4, or the next
    /// free digit, or none), for a project made before it was a default; `None` when
    /// the scheme has a label called `source` or one of kind [`LabelKind::Source`].
    pub fn missing_source(&self) -> Option<Label> {
        if self.get("source").is_some() || self.0.iter().any(|l| l.kind == LabelKind::Source) {
            return None;
        }
        let key = std::iter::once('4')
            .chain('1'..='9')
            .find(|k| self.by_key(*k).is_none());
        Some(Label {
            id: "source".to_owned(),
            name: "Source".to_owned(),
            kind: LabelKind::Source,
            color: Color(SOURCE_COLOR),
            key,
        })
    }

    /// Iterates over the labels in scheme order.
    pub fn iter(&self) -> impl Iterator<Item = &Label> {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_scheme_binds_digits() {
        let s = LabelScheme::default();
        assert_eq!(s.by_key('2').map(|l| l.id.as_str()), Some("quote"));
        assert_eq!(s.get("figure").map(|l| l.kind), Some(LabelKind::Figure));
        let source = s.by_key('4').unwrap();
        assert_eq!(
            (source.id.as_str(), source.kind),
            ("source", LabelKind::Source)
        );
    }

    #[test]
    fn an_old_scheme_gets_the_source_label_on_a_free_key_once() {
        let mut old = LabelScheme::default();
        old.0.retain(|l| l.id != "source");
        let l = old.missing_source().expect("the old scheme lacks it");
        assert_eq!(
            (l.id.as_str(), l.kind, l.key),
            ("source", LabelKind::Source, Some('4'))
        );
        // Key 4 taken by a custom label: the next free digit.
        assert!(old.add("speaker name"));
        assert_eq!(old.missing_source().unwrap().key, Some('5'));
        old.0.push(l);
        assert_eq!(old.missing_source(), None, "not twice");
        assert_eq!(LabelScheme::default().missing_source(), None);
        // A source label under another name counts.
        let mut renamed = LabelScheme::default();
        renamed.0[3].id = "speaker".into();
        assert_eq!(renamed.missing_source(), None);
    }

    #[test]
    fn added_label_takes_next_key() {
        let mut s = LabelScheme::default();
        assert!(s.add("speaker"));
        assert!(!s.add("speaker"));
        let l = s.get("speaker").unwrap();
        assert_eq!(l.key, Some('5'));
        assert_eq!(l.name, "Speaker");
    }

    #[test]
    fn colour_round_trips_as_hex() {
        let c = Color([0x2f, 0x80, 0xd1]);
        assert_eq!(c.to_string(), "#2f80d1");
        assert_eq!(Color::parse("#2f80d1"), Some(c));
        assert_eq!(Color::parse("2f80d1"), None);
        assert_eq!(Color::parse("#2f80dé"), None);
    }
}
