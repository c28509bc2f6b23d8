//! Decoding a saved page's bytes into text, by the charset it declares.
//!
//! Saved pages keep the bytes the server sent, often in a legacy encoding
//! (windows-1256 for Arabic, ISO-8859-1 for older European sites) declared in a
//! `<meta charset>` near the top. The order follows the HTML standard's sniffing, with
//! one change for saved pages: a byte order mark wins; then the declared charset,
//! unless the bytes are valid UTF-8 with non-ASCII in them (a page re-saved as UTF-8
//! whose old declaration was kept); then UTF-8 when the bytes are valid UTF-8; then
//! windows-1252, what browsers assume for an undeclared legacy page.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How many bytes are searched for a `<meta>` charset declaration. The standard's
/// prescan looks at 1024; saved pages often carry a long comment before it.
const PRESCAN_BYTES: usize = 8192;

/// The page's text and the encoding it was decoded from.
pub fn decode_page(bytes: &[u8]) -> (String, &'static Encoding) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), enc);
    }
    let utf8 = std::str::from_utf8(bytes).ok();
    let declared = declared_charset(bytes);
    let enc = match (declared, utf8) {
        (Some(d), Some(s)) if d != UTF_8 && !s.is_ascii() => UTF_8,
        (Some(d), _) => d,
        (None, Some(_)) => UTF_8,
        (None, None) => WINDOWS_1252,
    };
    if enc == UTF_8
        && let Some(s) = utf8
    {
        return (s.to_owned(), UTF_8);
    }
    let (text, _) = enc.decode_without_bom_handling(bytes);
    (text.into_owned(), enc)
}

/// The encoding a `<meta charset=…>` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">` in the first bytes declares, if any is known. As the
/// standard says, a declared UTF-16 means UTF-8 (the bytes were ASCII-compatible to
/// be read at all) and `x-user-defined` means windows-1252.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut at = 0;
    while let Some(i) = find(&lower[at..], b"<meta") {
        let start = at + i + 5;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(label) = charset_in(tag)
            && let Some(enc) = Encoding::for_label(label)
        {
            return Some(match enc.name() {
                "UTF-16LE" | "UTF-16BE" => UTF_8,
                "x-user-defined" => WINDOWS_1252,
                _ => enc,
            });
        }
        at = end;
    }
    None
}

/// The value after `charset=` in one tag's attributes, quotes and spaces dropped.
fn charset_in(tag: &[u8]) -> Option<&[u8]> {
    let i = find(tag, b"charset")?;
    let rest = &tag[i + 7..];
    let rest = rest
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    (len > 0).then(|| &rest[..len])
}

/// The first place `needle` occurs in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declared_legacy_charset_decodes_arabic() {
        // "سلام" in windows-1256.
        let mut page = b"<html><head><meta charset=\"windows-1256\"></head><body>".to_vec();
        page.extend_from_slice(&[0xD3, 0xE1, 0xC7, 0xE3]);
        let (text, enc) = decode_page(&page);
        assert_eq!(enc.name(), "windows-1256");
        assert!(text.contains("سلام"), "{text}");
    }

    #[test]
    fn the_http_equiv_form_is_read_too() {
        let page =
            b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>caf\xe9";
        let (text, enc) = decode_page(page);
        assert_eq!(
            enc.name(),
            "windows-1252",
            "ISO-8859-1 is decoded as windows-1252"
        );
        assert!(text.ends_with("café"), "{text}");
    }

    #[test]
    fn utf8_bytes_win_over_a_stale_declaration_and_a_bom_over_all() {
        let page = "<meta charset=iso-8859-1>café".as_bytes();
        assert_eq!(decode_page(page).0, "<meta charset=iso-8859-1>café");
        let mut bom = b"\xEF\xBB\xBF<meta charset=windows-1256>".to_vec();
        bom.extend_from_slice("é".as_bytes());
        let (text, enc) = decode_page(&bom);
        assert_eq!((enc.name(), text.ends_with('é')), ("UTF-8", true));
    }

    #[test]
    fn undeclared_bytes_that_are_not_utf8_are_windows_1252() {
        let (text, enc) = decode_page(b"<p>na\xefve</p>");
        assert_eq!(
            (enc.name(), text.as_str()),
            ("windows-1252", "<p>naïve</p>")
        );
    }

    #[test]
    fn an_unknown_label_is_ignored() {
        assert_eq!(
            declared_charset(b"<meta charset=klingon><meta charset=utf-8>"),
            Some(UTF_8)
        );
        assert_eq!(declared_charset(b"<meta name=x>"), None);
    }
}
