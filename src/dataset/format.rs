//! The dataset formats, each described once: its name, the extension of its file, whether
//! it is a folder, whether it can be read back, and which offset units it takes. Adding a
//! format is a variant here, its file, and a line in the two dispatchers
//! ([`super::write`], [`super::read`]).

use super::offsets::OffsetUnit;
use std::fmt;

/// A dataset format. Its command-line name (`jsonl`, `label-studio`, …) comes from the
/// derive.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Format {
    /// One JSON object per document with all span fields: sourcemark's own dataset.
    Jsonl,
    /// doccano's sequence-labelling JSONL: `text`, `label: [[start, end, label]]`, `meta`.
    Doccano,
    /// doccano's relation-extraction JSONL: `text`, `entities` with ids, `relations`
    /// between them, `meta`.
    DoccanoRel,
    /// A Label Studio task array, plus its `<Labels>` labeling config.
    LabelStudio,
    /// A brat standoff folder: `DOC.txt`, `DOC.ann`, `annotation.conf`.
    Brat,
    /// W3C Web Annotation JSON-LD with quote and position selectors.
    W3c,
    /// One CSV row per annotation, with document metadata and attributes.
    Csv,
    /// Token-per-line BIO tags.
    Conll,
    /// schema.org `ClaimReview` JSON-LD: one review per claim that has a verdict, for
    /// search engines and fact-check aggregators.
    Claimreview,
}

impl Format {
    /// Every format, in the order the command line lists them.
    pub const ALL: &[Format] = <Self as strum::VariantArray>::VARIANTS;

    /// The command-line name.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Parses the command-line name.
    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }

    /// What the format is, in one table.
    pub fn spec(self) -> FormatSpec {
        use LinkScope::{Document, None, Project};
        use OffsetUnit::{Chars, Utf16};
        type Row = (
            &'static str,
            bool,
            bool,
            &'static [OffsetUnit],
            LinkScope,
            bool,
        );
        // extension, folder, can import, offset units, links, extra ranges
        let (extension, folder, can_import, offsets, links, ranges): Row = match self {
            Format::Jsonl => ("jsonl", false, true, &[Chars, Utf16], Project, true),
            Format::Doccano => ("jsonl", false, true, &[Chars, Utf16], None, false),
            // Relations and entities of one text; a range is an entity of its own.
            Format::DoccanoRel => ("jsonl", false, true, &[Chars, Utf16], Document, true),
            // Relations between the regions of one task; a range is a region.
            Format::LabelStudio => ("json", false, true, &[Chars, Utf16], Document, true),
            // `R` lines join the `T` lines of one `.ann` file.
            Format::Brat => ("", true, true, &[Chars, Utf16], Document, true),
            // The TextPositionSelector counts code points by definition.
            Format::W3c => ("jsonld", false, false, &[Chars], Project, true),
            Format::Csv => ("csv", false, false, &[Chars, Utf16], Project, true),
            // Tokens and tags, no offsets: the unit changes nothing.
            Format::Conll => ("conll", false, false, &[Chars, Utf16], None, false),
            // Claim texts, no offsets: the unit changes nothing. A discontinuous claim's
            // ranges are joined into its claimReviewed text.
            Format::Claimreview => ("jsonld", false, false, &[Chars, Utf16], None, true),
        };
        FormatSpec {
            name: self.into(),
            extension,
            folder,
            can_import,
            offsets,
            links,
            ranges,
        }
    }

    /// True for formats that can be read back with [`super::import`].
    pub fn can_import(self) -> bool {
        self.spec().can_import
    }

    /// True for formats written as a folder of files rather than one file.
    pub fn is_folder(self) -> bool {
        self.spec().folder
    }

    /// The usual file extension of a single-file export, for save dialogs.
    pub fn extension(self) -> &'static str {
        self.spec().extension
    }

    /// True when exported offsets can count `unit`.
    pub fn takes_offsets(self, unit: OffsetUnit) -> bool {
        self.spec().offsets.contains(&unit)
    }
}

/// A format, described once: what the command line, the export dialog and the two
/// dispatchers need to know of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormatSpec {
    /// The command-line name.
    pub name: &'static str,
    /// The extension of a single-file export (empty for a folder).
    pub extension: &'static str,
    /// Written as a folder of files.
    pub folder: bool,
    /// Can be read back with [`super::import`].
    pub can_import: bool,
    /// The offset units its export can count.
    pub offsets: &'static [OffsetUnit],
    /// Which links it can carry.
    pub links: LinkScope,
    /// Carries the extra ranges of a discontinuous span (otherwise only the first).
    pub ranges: bool,
}

/// Which links a format can carry: what decides, at export, which links are left out
/// (and counted) rather than written as references to nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkScope {
    /// None: spans only.
    None,
    /// Links between two spans of one document (brat's `R` lines, Label Studio's and
    /// doccano's relations all join spans of one text).
    Document,
    /// Any link, across documents too: the format names spans by project-wide ids.
    Project,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
