//! Typed identifiers, so a document id is never passed where an annotation id belongs,
//! and the rules an id must follow.
//!
//! Ids are short strings in the project file. Annotation and link ids are random (48 bits
//! as 12 hex digits) rather than counters, so two annotators adding work to copies of the
//! same project do not mint the same id and their files can be merged through git.
//!
//! A document id is a *name*, not a path: brat export writes it as a file name
//! (`ID.txt`, `ID.ann`), so it must be one on every common system. [`file_name_error`]
//! holds that rule; [`validate_id`] applies it to document ids and a looser one (no
//! control characters, bounded length) to annotation, link and label ids, which only
//! ever appear inside files. The project loader, `check`, import and the writers all call
//! these, so the rule lives here alone.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Component, Path, PathBuf};

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id as it is written in the project file.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
    };
}

string_id!(
    /// Identifies a document within a project; derived from the article's file name.
    DocId
);
string_id!(
    /// Identifies an annotation across the whole project.
    AnnotationId
);
string_id!(
    /// Identifies a link between two annotations.
    LinkId
);
string_id!(
    /// Identifies a cluster of annotations (random, like annotation ids, so that two
    /// annotators' clusters never share one by accident).
    ClusterId
);

fn random_hex() -> String {
    format!("{:012x}", fastrand::u64(..) & 0xffff_ffff_ffff)
}

impl AnnotationId {
    /// A fresh random id; see the module docs for why it is not a counter.
    pub fn random() -> Self {
        Self(random_hex())
    }
}

impl LinkId {
    /// A fresh random id.
    pub fn random() -> Self {
        Self(random_hex())
    }
}

impl ClusterId {
    /// A fresh random id.
    pub fn random() -> Self {
        Self(random_hex())
    }

    /// Checks the id against the rule for cluster ids (see [`validate_id`]).
    pub fn validate(&self) -> Result<(), IdError> {
        validate_id(IdKind::Cluster, &self.0)
    }
}

impl DocId {
    /// A readable id from a file stem: lowercase ASCII letters, digits and dashes, at
    /// most [`SLUG_CHARS`] of them, so it always passes [`DocId::validate`] even with a
    /// numbered suffix.
    ///
    /// Falls back to `doc` for names with nothing usable (for example all Arabic).
    pub fn slug(stem: &str) -> Self {
        let mut out = String::new();
        for c in stem.chars() {
            if out.len() >= SLUG_CHARS {
                break;
            }
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        while out.ends_with('-') {
            out.pop();
        }
        if out.is_empty() {
            out.push_str("doc");
        }
        Self(out)
    }

    /// Checks that the id can be a file name everywhere (see [`file_name_error`]).
    pub fn validate(&self) -> Result<(), IdError> {
        validate_id(IdKind::Document, &self.0)
    }
}

impl AnnotationId {
    /// Checks the id against the rule for annotation ids (see [`validate_id`]).
    pub fn validate(&self) -> Result<(), IdError> {
        validate_id(IdKind::Annotation, &self.0)
    }
}

impl LinkId {
    /// Checks the id against the rule for link ids (see [`validate_id`]).
    pub fn validate(&self) -> Result<(), IdError> {
        validate_id(IdKind::Link, &self.0)
    }
}

/// The longest slug [`DocId::slug`] makes: room for `-N` suffixes under [`MAX_ID_BYTES`].
pub const SLUG_CHARS: usize = 100;

/// The longest id, in bytes of UTF-8. Common file systems allow 255 bytes per file name
/// (ext4, APFS, and NTFS's 255 UTF-16 units are never fewer); 200 leaves room for the
/// extension and a numbered suffix that writers add (`ID.ann`, `ID-2.txt`). Counting
/// bytes rather than chars is what keeps a non-ASCII id inside that limit.
pub const MAX_ID_BYTES: usize = 200;

/// Characters Windows refuses in file names. `:` is worse than refused on NTFS: `a:b.txt`
/// writes a hidden stream `b.txt` of a file `a`. Projects travel between machines (a zip,
/// a git repository), so a document id made on Linux must still export on Windows.
pub const NOT_IN_FILE_NAMES: [char; 7] = ['<', '>', ':', '"', '|', '?', '*'];

/// Which kind of id is checked: the rule and the messages depend on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IdKind {
    /// A document id, which becomes a file name.
    Document,
    /// An annotation id.
    Annotation,
    /// A link id.
    Link,
    /// A label id (the label scheme's `id`, stored on annotations).
    Label,
    /// A cluster id.
    Cluster,
}

impl IdKind {
    /// How messages name it: "document id".
    pub fn noun(self) -> &'static str {
        match self {
            IdKind::Document => "document id",
            IdKind::Annotation => "annotation id",
            IdKind::Link => "link id",
            IdKind::Cluster => "cluster id",
            IdKind::Label => "label",
        }
    }
}

impl fmt::Display for IdKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.noun())
    }
}

/// Why an id (or a name that becomes a file name) is refused. The message completes
/// "… is not valid: ".
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Nothing, or only spaces.
    #[error("it is empty")]
    Empty,
    /// Longer than [`MAX_ID_BYTES`].
    #[error(
        "it is {} bytes long, and at most {MAX_ID_BYTES} are allowed",
        super::quote::thousands(*bytes)
    )]
    TooLong {
        /// Its length in bytes.
        bytes: usize,
    },
    /// Holds `/` or `\`.
    #[error("it contains {0:?}, a path separator")]
    Separator(char),
    /// Is `.`, `..` or only dots: a folder, not a file.
    #[error("it is only dots, which name a folder, not a file")]
    Dots,
    /// Holds a control character (NUL, a line break, a tab …) or a bidirectional
    /// formatting character, which could make a message or a file name lie about itself.
    #[error("it contains the control character {}", .0.escape_unicode())]
    Control(char),
    /// Holds one of [`NOT_IN_FILE_NAMES`].
    #[error("it contains {0:?}, which cannot be in a file name on Windows")]
    NotInFileNames(char),
}

/// A control character, a Unicode line or paragraph separator, or a bidirectional
/// formatting character (the "Trojan source" ones): none belongs in an id, and each can
/// break a one-line message or disguise a name.
fn is_forbidden_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
        )
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// The rule shared by every id: not empty, not too long, no control characters.
fn common_error(s: &str) -> Option<IdError> {
    if s.trim().is_empty() {
        return Some(IdError::Empty);
    }
    if s.len() > MAX_ID_BYTES {
        return Some(IdError::TooLong { bytes: s.len() });
    }
    s.chars()
        .find(|&c| is_forbidden_control(c))
        .map(IdError::Control)
}

/// Why `name` cannot be used as one file name inside a folder on Linux, macOS and
/// Windows, or `None` when it can: it must be non-empty, at most [`MAX_ID_BYTES`] bytes,
/// free of path separators, control characters and [`NOT_IN_FILE_NAMES`], and not only
/// dots. Every writer that turns project data into a file name checks it with this.
pub fn file_name_error(name: &str) -> Option<IdError> {
    if let Some(e) = common_error(name) {
        return Some(e);
    }
    if let Some(c) = name.chars().find(|&c| c == '/' || c == '\\') {
        return Some(IdError::Separator(c));
    }
    if name.chars().all(|c| c == '.') {
        return Some(IdError::Dots);
    }
    name.chars()
        .find(|c| NOT_IN_FILE_NAMES.contains(c))
        .map(IdError::NotInFileNames)
}

/// `dir/name` when `name` is one file name that passes [`file_name_error`]; the result
/// is then always directly inside `dir`. The component check repeats the rule's intent
/// in the platform's own terms, so no writer can leave its folder even if the rule
/// missed a case.
pub fn join_file_name(dir: &Path, name: &str) -> Result<PathBuf, IdError> {
    if let Some(e) = file_name_error(name) {
        return Err(e);
    }
    let mut parts = Path::new(name).components();
    match (parts.next(), parts.next()) {
        (Some(Component::Normal(n)), None) if n == name => Ok(dir.join(name)),
        _ => Err(IdError::Separator(std::path::MAIN_SEPARATOR)),
    }
}

/// Checks an id of `kind`. A document id must be a file name (see [`file_name_error`]);
/// the other kinds only appear inside files, so they need only be non-empty, at most
/// [`MAX_ID_BYTES`] bytes and free of control characters.
pub fn validate_id(kind: IdKind, id: &str) -> Result<(), IdError> {
    let error = match kind {
        IdKind::Document => file_name_error(id),
        IdKind::Annotation | IdKind::Link | IdKind::Label | IdKind::Cluster => common_error(id),
    };
    error.map_or(Ok(()), Err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_keeps_ascii_words() {
        assert_eq!(
            DocId::slug("Press TV – Rally (2020)").0,
            "press-tv-rally-2020"
        );
        assert_eq!(DocId::slug("العراق").0, "doc");
    }

    #[test]
    fn slug_is_bounded_and_valid() {
        let long = DocId::slug(&"word ".repeat(1000));
        assert!(long.0.len() <= SLUG_CHARS, "{}", long.0.len());
        assert_eq!(long.validate(), Ok(()));
        assert_eq!(
            DocId(format!("{}-99999", long.0)).validate(),
            Ok(()),
            "room for a numbered suffix"
        );
        assert_eq!(DocId::slug("../../PWNED").0, "pwned");
    }

    #[test]
    fn document_ids_are_file_names() {
        let bad = |s: &str| DocId::from(s).validate().unwrap_err();
        assert_eq!(bad(""), IdError::Empty);
        assert_eq!(bad("  "), IdError::Empty);
        assert_eq!(bad("../../PWNED"), IdError::Separator('/'));
        assert_eq!(bad("/tmp/PWNED"), IdError::Separator('/'));
        assert_eq!(bad("a\\b"), IdError::Separator('\\'));
        assert_eq!(bad(".."), IdError::Dots);
        assert_eq!(bad("."), IdError::Dots);
        assert_eq!(bad("a\nb"), IdError::Control('\n'));
        assert_eq!(bad("a\0b"), IdError::Control('\0'));
        assert_eq!(bad("evil\u{202e}txt"), IdError::Control('\u{202e}'));
        assert_eq!(bad("c:x"), IdError::NotInFileNames(':'));
        assert_eq!(bad("a?"), IdError::NotInFileNames('?'));
        assert_eq!(bad(&"a".repeat(201)), IdError::TooLong { bytes: 201 });
        // 67 three-byte chars are 201 bytes: the limit counts bytes.
        assert_eq!(bad(&"€".repeat(67)), IdError::TooLong { bytes: 201 });
        for ok in [
            "iran-news",
            "a..b",
            ".hidden",
            "Café 2020",
            "العراق",
            &"a".repeat(200),
        ] {
            assert_eq!(DocId::from(ok).validate(), Ok(()), "{ok}");
        }
    }

    #[test]
    fn joined_names_stay_in_their_folder() {
        let dir = Path::new("/out");
        assert_eq!(
            join_file_name(dir, "a.txt"),
            Ok(PathBuf::from("/out/a.txt"))
        );
        for bad in [
            "../x.txt",
            "/etc/passwd",
            "..",
            ".",
            "",
            "a/b",
            "a\\b",
            "c:x",
        ] {
            assert!(join_file_name(dir, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn other_ids_may_hold_punctuation_but_no_controls() {
        assert_eq!(AnnotationId::from("ls/region:1").validate(), Ok(()));
        assert_eq!(LinkId::from("l 1").validate(), Ok(()));
        assert_eq!(
            AnnotationId::from("a\nb").validate(),
            Err(IdError::Control('\n'))
        );
        assert_eq!(validate_id(IdKind::Label, " "), Err(IdError::Empty));
        assert_eq!(validate_id(IdKind::Label, "my label"), Ok(()));
    }

    #[test]
    fn messages_name_the_character() {
        assert_eq!(
            IdError::Control('\0').to_string(),
            "it contains the control character \\u{0}"
        );
        assert_eq!(
            IdError::Separator('/').to_string(),
            "it contains '/', a path separator"
        );
    }

    #[test]
    fn random_ids_are_twelve_hex_digits() {
        let id = AnnotationId::random();
        assert_eq!(id.0.len(), 12);
        assert!(id.0.chars().all(|c| c.is_ascii_hexdigit()));
    }
}
