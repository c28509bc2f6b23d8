//! Writing an export as it goes: JSON arrays serialised from iterators, so that no
//! format holds its whole output (or a tree of it) in memory, and the errors of a
//! failed write told apart from those of serialisation.

use super::export::{ExportError, Progress};
use serde::ser::{Serialize, SerializeSeq, Serializer};
use std::cell::RefCell;
use std::io;

/// A JSON array whose elements come from an iterator, made when it is serialised.
/// Serialises once: a second serialisation writes an empty array.
pub(crate) struct Seq<I>(RefCell<Option<I>>);

impl<I> Seq<I> {
    /// The array of the items `iter` yields.
    pub(crate) fn new(iter: I) -> Self {
        Self(RefCell::new(Some(iter)))
    }
}

impl<I> Serialize for Seq<I>
where
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let iter = self.0.borrow_mut().take();
        let mut seq = s.serialize_seq(None)?;
        for item in iter.into_iter().flatten() {
            seq.serialize_element(&item)?;
        }
        seq.end()
    }
}

/// The items of `I`, telling [`Progress`] how many were taken each time the next one is
/// asked for: `(0, n)` first, `(n, n)` when the iterator ends. A lazily written array
/// asks for its next item once the one before is written, so this reports progress
/// from inside the serialisation, as [`super::select::each_view`] does outside it.
pub(crate) struct Progressed<'p, I> {
    inner: I,
    done: usize,
    total: usize,
    progress: Progress<'p>,
}

impl<'p, I: ExactSizeIterator> Progressed<'p, I> {
    /// Wraps `inner`; its length is the total reported.
    pub(crate) fn new(inner: I, progress: Progress<'p>) -> Self {
        Self {
            total: inner.len(),
            inner,
            done: 0,
            progress,
        }
    }
}

impl<I: Iterator> Iterator for Progressed<'_, I> {
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        if self.done > self.total {
            return None;
        }
        (self.progress)(self.done, self.total);
        let item = self.inner.next();
        self.done += 1;
        item
    }
}

/// serde_json's pretty output (two-space indent), byte for byte, with each line break
/// and its indent written in one piece rather than two bytes at a time: the W3C and
/// Label Studio exports are mostly indentation.
#[derive(Default)]
struct Pretty {
    depth: usize,
    has_value: bool,
}

/// A line break and up to 64 levels of indent.
const NEWLINE_INDENT: &[u8; 129] = &{
    let mut b = [b' '; 129];
    b[0] = b'\n';
    b
};

impl Pretty {
    fn newline<W: ?Sized + io::Write>(&self, w: &mut W) -> io::Result<()> {
        let mut spaces = 2 * self.depth;
        let first = spaces.min(NEWLINE_INDENT.len() - 1);
        w.write_all(&NEWLINE_INDENT[..1 + first])?;
        spaces -= first;
        while spaces > 0 {
            let n = spaces.min(NEWLINE_INDENT.len() - 1);
            w.write_all(&NEWLINE_INDENT[1..1 + n])?;
            spaces -= n;
        }
        Ok(())
    }

    fn begin<W: ?Sized + io::Write>(&mut self, w: &mut W, open: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(open)
    }

    fn end<W: ?Sized + io::Write>(&mut self, w: &mut W, close: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.newline(w)?;
        }
        w.write_all(close)
    }

    fn item<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, b"[")
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"]")
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, b"{")
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"}")
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes `value` as [`serde_json::to_writer_pretty`] does, faster.
pub(crate) fn to_writer_pretty<W: io::Write, T: Serialize + ?Sized>(
    out: W,
    value: &T,
) -> Result<(), ExportError> {
    let mut ser = serde_json::Serializer::with_formatter(out, Pretty::default());
    value.serialize(&mut ser).map_err(json_error)
}

/// A serde_json error as an export error: a failed write is a stream error (the disk
/// is full, the pipe closed), anything else a JSON one.
pub(crate) fn json_error(e: serde_json::Error) -> ExportError {
    if e.is_io() {
        ExportError::Stream(io::Error::from(e))
    } else {
        ExportError::Json(e)
    }
}

/// A csv error as an export error, telling a failed write apart as [`json_error`] does.
pub(crate) fn csv_error(e: csv::Error) -> ExportError {
    match e.kind() {
        csv::ErrorKind::Io(io) => ExportError::Stream(io::Error::new(io.kind(), e)),
        _ => ExportError::Csv(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seq_writes_the_same_json_as_a_vec() {
        let v = vec![(1, "a"), (2, "é\n\"")];
        let lazy = serde_json::to_string_pretty(&Seq::new(v.iter())).unwrap();
        assert_eq!(lazy, serde_json::to_string_pretty(&v).unwrap());
        let empty = Seq::new(std::iter::empty::<u8>());
        assert_eq!(serde_json::to_string_pretty(&empty).unwrap(), "[]");
        assert_eq!(serde_json::to_string(&Seq::new(1..4)).unwrap(), "[1,2,3]");
    }

    #[test]
    fn pretty_output_is_serde_jsons() {
        let mut deep = serde_json::json!([]);
        for k in 0..70 {
            deep = serde_json::json!({"k": [k, deep, {}], "e": []});
        }
        let values = [
            serde_json::json!({"a": [1, {"b": [], "c": {}}], "d": "x\ny", "e": [[[]]]}),
            serde_json::json!([]),
            serde_json::json!("s"),
            deep,
        ];
        for v in values {
            let mut ours = Vec::new();
            to_writer_pretty(&mut ours, &v).unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                serde_json::to_string_pretty(&v).unwrap()
            );
        }
    }

    #[test]
    fn progress_is_told_as_each_item_is_asked_for() {
        let mut told = Vec::new();
        let mut record = |done, total| told.push((done, total));
        let items: Vec<char> =
            Progressed::new("abc".chars().collect::<Vec<_>>().into_iter(), &mut record)
                .fuse()
                .collect();
        assert_eq!(items, ['a', 'b', 'c']);
        assert_eq!(told, [(0, 3), (1, 3), (2, 3), (3, 3)]);
    }

    #[test]
    fn a_failed_write_is_a_stream_error() {
        struct Full;
        impl io::Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let e = serde_json::to_writer(Full, &[1, 2]).unwrap_err();
        assert!(
            matches!(json_error(e), ExportError::Stream(ref io) if io.kind() == io::ErrorKind::StorageFull)
        );
        let mut w = csv::Writer::from_writer(Full);
        w.write_record(["a"]).unwrap();
        let e = w.flush().map_err(csv::Error::from).unwrap_err();
        assert!(matches!(csv_error(e), ExportError::Stream(_)));
    }
}
