//! Article text: decoding files, hashing, and the one place where char offsets (what is
//! stored and exported) meet byte offsets (what Rust strings and the renderer index by).

use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Why an article could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TextError {
    /// The file could not be read at all.
    #[error("{}: {source}", path.display())]
    Io {
        /// The article file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The path names something that is not a regular file (a folder, a device, a FIFO,
    /// a socket): reading it would fail, never end, or never stop growing.
    #[error("{}: {what}, not an article file", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
        /// What it is instead ("a folder", "a device", "a FIFO", "a socket").
        what: &'static str,
    },
    /// The file is larger than any article sourcemark opens.
    #[error(
        "{}: {len} bytes, more than the {max} bytes an article may have",
        path.display()
    )]
    TooLarge {
        /// The article file.
        path: PathBuf,
        /// Its size, as far as it was read.
        len: u64,
        /// [`MAX_ARTICLE_BYTES`].
        max: u64,
    },
    /// The bytes are not UTF-8.
    #[error(
        "{}: not UTF-8 text (invalid byte at offset {offset}); convert the file to UTF-8 first",
        path.display()
    )]
    NotUtf8 {
        /// The article file.
        path: PathBuf,
        /// Byte offset of the first invalid byte in the file.
        offset: usize,
    },
}

impl TextError {
    /// What is wrong, without the path (for a line that names the file already).
    pub fn reason(&self) -> String {
        match self {
            TextError::Io { source, .. } => source.to_string(),
            TextError::NotAFile { what, .. } => format!("{what}, not an article file"),
            TextError::TooLarge { len, max, .. } => {
                format!("{len} bytes, more than the {max} bytes an article may have")
            }
            TextError::NotUtf8 { offset, .. } => {
                format!("not UTF-8 text (invalid byte at offset {offset})")
            }
        }
    }
}

/// Decodes article bytes as the README's offset convention says: UTF-8, a leading BOM dropped, CRLF and CR
/// turned into LF, nothing else changed. On error, `offset` is into `bytes`.
pub fn decode(bytes: &[u8]) -> Result<String, usize> {
    let (body, skipped) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, 3),
        None => (bytes, 0),
    };
    let s = std::str::from_utf8(body).map_err(|e| e.valid_up_to() + skipped)?;
    if !s.contains('\r') {
        return Ok(s.to_owned());
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// The largest article file read: 1 GiB, a hundred times the largest article we time
/// and far beyond any news text, so that a path to `/dev/zero` or a runaway log file
/// is refused instead of filling memory.
pub const MAX_ARTICLE_BYTES: u64 = 1 << 30;

/// Reads and decodes an article file. Only a regular file (or a symlink to one) is read,
/// and at most [`MAX_ARTICLE_BYTES`] of it.
pub fn read_article(path: &Path) -> Result<String, TextError> {
    read_article_limited(path, MAX_ARTICLE_BYTES)
}

/// [`read_article`] with another size limit (tests use a small one).
pub fn read_article_limited(path: &Path, max: u64) -> Result<String, TextError> {
    let bytes = read_bytes_limited(path, max)?;
    decode(&bytes).map_err(|offset| TextError::NotUtf8 {
        path: path.to_owned(),
        offset,
    })
}

/// The bytes of a file, read as [`read_article`] reads them (a regular file only, never
/// blocking, at most `max` bytes), for a caller that decodes them itself: a saved web
/// page declares its own charset.
pub fn read_bytes_limited(path: &Path, max: u64) -> Result<Vec<u8>, TextError> {
    use std::io::Read;
    let io = |source| TextError::Io {
        path: path.to_owned(),
        source,
    };
    // The type is checked before opening, since opening a FIFO blocks until a writer
    // comes; the open itself never blocks (O_NONBLOCK), and the handle is checked again
    // so a file swapped in between is caught too.
    let what = std::fs::metadata(path).map_err(io)?.file_type();
    if let Some(what) = not_a_file(what) {
        return Err(TextError::NotAFile {
            path: path.to_owned(),
            what,
        });
    }
    let file = open_nonblocking(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if let Some(what) = not_a_file(meta.file_type()) {
        return Err(TextError::NotAFile {
            path: path.to_owned(),
            what,
        });
    }
    let too_large = |len| TextError::TooLarge {
        path: path.to_owned(),
        len,
        max,
    };
    if meta.len() > max {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > max {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// What a file type is when it is not a regular file.
fn not_a_file(t: std::fs::FileType) -> Option<&'static str> {
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    Some("something other than a file")
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// SHA-256 of a text, as lowercase hex.
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(64);
    for b in digest.iter() {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// Chars between two byte checkpoints of [`DocText`]'s index.
const STRIDE: usize = 64;

/// A decoded article with an index for converting char offsets to byte offsets and back
/// in O(1) plus a scan of at most 64 chars, whatever the length of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocText {
    text: String,
    char_len: usize,
    /// Byte offset of every `STRIDE`-th char; empty when the text is ASCII, where char
    /// and byte offsets agree.
    checkpoints: Vec<usize>,
}

impl DocText {
    /// Indexes a decoded text.
    pub fn new(text: String) -> Self {
        if text.is_ascii() {
            return Self {
                char_len: text.len(),
                text,
                checkpoints: Vec::new(),
            };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut char_len = 0;
        for (i, (b, _)) in text.char_indices().enumerate() {
            if i % STRIDE == 0 {
                checkpoints.push(b);
            }
            char_len += 1;
        }
        Self {
            text,
            char_len,
            checkpoints,
        }
    }

    /// The whole text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length in chars.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// SHA-256 of the text, as stored on the document.
    pub fn sha256(&self) -> String {
        sha256_hex(&self.text)
    }

    /// Byte offset of char `c`; `c == char_len()` gives the byte length. Offsets past the
    /// end are clamped to it.
    pub fn byte_of(&self, c: usize) -> usize {
        if c >= self.char_len {
            return self.text.len();
        }
        if self.checkpoints.is_empty() {
            return c;
        }
        let base = self.checkpoints[c / STRIDE];
        let skip = c % STRIDE;
        match self.text[base..].char_indices().nth(skip) {
            Some((b, _)) => base + b,
            None => self.text.len(),
        }
    }

    /// Char offset of byte `b`. A byte inside a char maps to that char; offsets past the
    /// end are clamped to `char_len()`.
    pub fn char_of(&self, b: usize) -> usize {
        if b >= self.text.len() {
            return self.char_len;
        }
        if self.checkpoints.is_empty() {
            return b;
        }
        let k = self.checkpoints.partition_point(|&cp| cp <= b) - 1;
        let base = self.checkpoints[k];
        k * STRIDE
            + self.text[base..]
                .char_indices()
                .take_while(|(i, _)| base + i < b)
                .count()
            - usize::from(!self.text.is_char_boundary(b))
    }

    /// Byte range of a char range.
    pub fn byte_range(&self, chars: Range<usize>) -> Range<usize> {
        self.byte_of(chars.start)..self.byte_of(chars.end)
    }

    /// The text of a char range (clamped to the text).
    pub fn slice(&self, chars: Range<usize>) -> &str {
        &self.text[self.byte_range(chars)]
    }

    /// Up to `n` chars before and after a char range.
    pub fn context(&self, chars: Range<usize>, n: usize) -> (&str, &str) {
        let before = self.slice(chars.start.saturating_sub(n)..chars.start);
        let after = self.slice(chars.end..chars.end.saturating_add(n));
        (before, after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks byte_of/char_of against a plain walk over every char.
    fn check_conversions(s: &str) {
        let t = DocText::new(s.to_owned());
        let walked: Vec<usize> = s
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(s.len()))
            .collect();
        assert_eq!(t.char_len(), walked.len() - 1);
        for (c, &b) in walked.iter().enumerate() {
            assert_eq!(t.byte_of(c), b, "byte_of({c}) in {s:?}");
            assert_eq!(t.char_of(b), c, "char_of({b}) in {s:?}");
        }
        // A byte in the middle of a multi-byte char belongs to that char.
        for (c, ch) in s.chars().enumerate() {
            for k in 1..ch.len_utf8() {
                assert_eq!(t.char_of(walked[c] + k), c);
            }
        }
    }

    #[test]
    fn conversions_on_mixed_scripts() {
        check_conversions("");
        check_conversions("plain ascii");
        check_conversions("Iran’s “historic” rally\u{a0}— 2.5\u{a0}million");
        check_conversions("👍🏽 family 👨‍👩‍👧 flags 🇮🇶");
        check_conversions("مليونية في بغداد: «اخرج يا محتل»");
        check_conversions("e\u{301}te\u{301} cafe\u{301} n\u{303}");
        check_conversions("中文测试，日本語のテキスト、한국어");
        // Long enough to cross many checkpoints.
        check_conversions(&"ab’c👍 ".repeat(500));
    }

    #[test]
    fn seeds_convert_and_slice() {
        // The sample project's articles are the seed articles, in the repository.
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/rally-coverage/articles");
        let entries = std::fs::read_dir(&dir).expect("the sample project's articles");
        for e in entries.flatten() {
            let s = read_article(&e.path()).unwrap();
            check_conversions(&s);
        }
    }

    #[test]
    fn slice_counts_chars_not_bytes() {
        let t = DocText::new("“Get out, get out occupier!” he said".to_owned());
        assert_eq!(t.slice(1..8), "Get out");
        assert_eq!(t.slice(0..1), "“");
        assert_eq!(t.context(1..8, 1), ("“", ","));
        assert_eq!(t.slice(29..100), "he said");
    }

    #[test]
    fn decode_drops_bom_and_normalises_newlines() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFa\r\nb\rc\n\r\nd").unwrap(),
            "a\nb\nc\n\nd"
        );
        assert_eq!(decode("x\u{a0}y".as_bytes()).unwrap(), "x\u{a0}y");
        // Unicode is not normalised: a combining accent stays two chars.
        assert_eq!(decode("e\u{301}".as_bytes()).unwrap().chars().count(), 2);
    }

    #[test]
    fn decode_reports_first_bad_byte() {
        assert_eq!(decode(b"abc\xFFdef"), Err(3));
        assert_eq!(decode(b"\xEF\xBB\xBFab\xC3"), Err(5));
        assert_eq!(decode("é".as_bytes()), Ok("é".to_owned()));
    }

    #[test]
    fn crlf_text_offsets_count_one_char_per_newline() {
        let t = DocText::new(decode(b"one\r\ntwo\r\n").unwrap());
        assert_eq!(t.char_len(), 8);
        assert_eq!(t.slice(4..7), "two");
    }

    #[test]
    fn hash_is_sha256_hex() {
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
