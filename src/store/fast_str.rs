//! Strings handed to ron already escaped: the same bytes in about 60% of the time.
//!
//! ron 0.12 escapes a string one char at a time (`char::escape_debug` and a
//! `write_str` per char), which is a third to a half of what saving a large project
//! costs. This adapter sits between a value and ron's serializer: every string is
//! escaped here, copying runs of plain ASCII at once, and given to ron as a raw value,
//! ron's own way to splice finished RON text into its output. Everything else passes
//! through.
//!
//! The bytes are those ron writes itself. A check at first use compares the two on
//! strings that need every kind of escape; if they ever differ (a ron upgrade that
//! changes either side), strings go to ron as before.

use serde::ser::{self, Serialize, Serializer};
use std::cell::RefCell;
use std::sync::OnceLock;

/// The name under which ron 0.12's `RawValue` serialises, which makes ron's serializer
/// write the string it wraps verbatim. Checked at first use (see [`enabled`]).
const RAW_VALUE: &str = "$ron::private::RawValue";

/// `value`, serialised with its strings escaped by this module. Only for ron's
/// serializer with `escape_strings` on (its default and the store's layout): another
/// serializer would see the raw-value wrapper instead of the string.
pub struct Fast<'a, T: ?Sized>(pub &'a T);

impl<T: Serialize + ?Sized> Serialize for Fast<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(Ser(serializer))
    }
}

/// Where strings are escaped: the output and a small memory of non-ASCII chars that
/// escape to themselves (curly quotes, dashes, letters), since asking Unicode's tables
/// about each char again is most of the cost of text that is not plain ASCII.
struct Escaper {
    out: String,
    /// `plain[c % 256] == c` when `c` is known to escape to itself.
    plain: [char; 256],
}

impl Escaper {
    const fn new() -> Self {
        Escaper {
            out: String::new(),
            // NUL is ASCII and never looked up here.
            plain: ['\0'; 256],
        }
    }

    /// `s` as ron writes a string: in double quotes, each char through
    /// `char::escape_debug`. Plain ASCII, which escapes to itself, is copied in runs.
    fn escape(&mut self, s: &str) -> &str {
        let out = &mut self.out;
        out.clear();
        out.push('"');
        let bytes = s.as_bytes();
        let mut run = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if (0x20..0x7f).contains(&b) && !matches!(b, b'"' | b'\'' | b'\\') {
                i += 1;
                continue;
            }
            // `i` only ever moves over ASCII or whole chars, so it is on a boundary.
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            let slot = c as usize % self.plain.len();
            if !c.is_ascii() && self.plain[slot] == c {
                i += c.len_utf8();
                continue;
            }
            let mut escaped = c.escape_debug();
            if !c.is_ascii() && escaped.len() == 1 {
                self.plain[slot] = c;
                i += c.len_utf8();
                continue;
            }
            out.push_str(&s[run..i]);
            out.extend(&mut escaped);
            i += c.len_utf8();
            run = i;
        }
        out.push_str(&s[run..]);
        out.push('"');
        out
    }
}

thread_local! {
    /// One escaper per thread, reused for every string.
    static ESCAPER: RefCell<Escaper> = const { RefCell::new(Escaper::new()) };
}

/// Appends `s` to `out` as ron writes a string (quoted and escaped), or `None` when the
/// first-use check found that this module's escaping differs from ron's.
pub fn push_escaped(out: &mut String, s: &str) -> Option<()> {
    enabled().then(|| ESCAPER.with_borrow_mut(|e| out.push_str(e.escape(s))))
}

/// Whether ron takes pre-escaped strings and writes exactly what it would have.
fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| {
        const PROBES: &[&str] = &[
            "",
            "plain words",
            "“curly” ’ and\u{a0}no-break",
            "line\nbreak\ttab\rreturn\0nul\u{7f}\u{1b}",
            "back\\slash \"double\" 'single'",
            "e\u{301} \u{200d} \u{ad} \u{feff} 👍🏽 عربي 中文",
        ];
        PROBES.iter().all(|probe| {
            let mut escaper = Escaper::new();
            let raw = ron::to_string(&Raw(escaper.escape(probe)));
            raw.is_ok() && raw.ok() == ron::to_string(probe).ok()
        })
    })
}

/// Already-escaped RON text, handed to ron as a raw value.
struct Raw<'a>(&'a str);

impl Serialize for Raw<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct(RAW_VALUE, self.0)
    }
}

/// A serializer that escapes strings itself and passes everything else to `S`.
struct Ser<S>(S);

/// A compound (list, struct, map…) whose elements go through [`Fast`] in turn.
struct Compound<C>(C);

/// Methods that pass their arguments straight through to the inner serializer.
macro_rules! pass {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {
        $(fn $name(self, $($arg: $ty),*) -> Result<S::Ok, S::Error> {
            self.0.$name($($arg),*)
        })*
    };
}

impl<S: Serializer> Serializer for Ser<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Compound<S::SerializeSeq>;
    type SerializeTuple = Compound<S::SerializeTuple>;
    type SerializeTupleStruct = Compound<S::SerializeTupleStruct>;
    type SerializeTupleVariant = Compound<S::SerializeTupleVariant>;
    type SerializeMap = Compound<S::SerializeMap>;
    type SerializeStruct = Compound<S::SerializeStruct>;
    type SerializeStructVariant = Compound<S::SerializeStructVariant>;

    pass! {
        serialize_bool(v: bool);
        serialize_i8(v: i8);
        serialize_i16(v: i16);
        serialize_i32(v: i32);
        serialize_i64(v: i64);
        serialize_i128(v: i128);
        serialize_u8(v: u8);
        serialize_u16(v: u16);
        serialize_u32(v: u32);
        serialize_u64(v: u64);
        serialize_u128(v: u128);
        serialize_f32(v: f32);
        serialize_f64(v: f64);
        serialize_char(v: char);
        serialize_bytes(v: &[u8]);
        serialize_none();
        serialize_unit();
        serialize_unit_struct(name: &'static str);
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str);
    }

    fn serialize_str(self, v: &str) -> Result<S::Ok, S::Error> {
        if !enabled() {
            return self.0.serialize_str(v);
        }
        ESCAPER.with(|escaper| match escaper.try_borrow_mut() {
            Ok(mut escaper) => self
                .0
                .serialize_newtype_struct(RAW_VALUE, escaper.escape(v)),
            Err(_) => self.0.serialize_str(v),
        })
    }

    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<S::Ok, S::Error> {
        self.0.serialize_some(&Fast(v))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        v: &T,
    ) -> Result<S::Ok, S::Error> {
        self.0.serialize_newtype_struct(name, &Fast(v))
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<S::Ok, S::Error> {
        self.0
            .serialize_newtype_variant(name, index, variant, &Fast(v))
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        self.0.serialize_seq(len).map(Compound)
    }

    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, S::Error> {
        self.0.serialize_tuple(len).map(Compound)
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        self.0.serialize_tuple_struct(name, len).map(Compound)
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        self.0
            .serialize_tuple_variant(name, index, variant, len)
            .map(Compound)
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        self.0.serialize_map(len).map(Compound)
    }

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        self.0.serialize_struct(name, len).map(Compound)
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        self.0
            .serialize_struct_variant(name, index, variant, len)
            .map(Compound)
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// The compounds that take plain elements: lists and tuples of every kind.
macro_rules! elements {
    ($($trait:ident::$method:ident;)*) => {
        $(impl<C: ser::$trait> ser::$trait for Compound<C> {
            type Ok = C::Ok;
            type Error = C::Error;

            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), C::Error> {
                self.0.$method(&Fast(v))
            }

            fn end(self) -> Result<C::Ok, C::Error> {
                self.0.end()
            }
        })*
    };
}

elements! {
    SerializeSeq::serialize_element;
    SerializeTuple::serialize_element;
    SerializeTupleStruct::serialize_field;
    SerializeTupleVariant::serialize_field;
}

/// The compounds with named fields: structs and struct variants.
macro_rules! fields {
    ($($trait:ident;)*) => {
        $(impl<C: ser::$trait> ser::$trait for Compound<C> {
            type Ok = C::Ok;
            type Error = C::Error;

            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                v: &T,
            ) -> Result<(), C::Error> {
                self.0.serialize_field(key, &Fast(v))
            }

            fn skip_field(&mut self, key: &'static str) -> Result<(), C::Error> {
                self.0.skip_field(key)
            }

            fn end(self) -> Result<C::Ok, C::Error> {
                self.0.end()
            }
        })*
    };
}

fields! {
    SerializeStruct;
    SerializeStructVariant;
}

impl<C: ser::SerializeMap> ser::SerializeMap for Compound<C> {
    type Ok = C::Ok;
    type Error = C::Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), C::Error> {
        self.0.serialize_key(&Fast(key))
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), C::Error> {
        self.0.serialize_value(&Fast(v))
    }

    fn end(self) -> Result<C::Ok, C::Error> {
        self.0.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn both<T: Serialize>(value: &T) -> (String, String) {
        let config = crate::store::pretty();
        let plain = ron::Options::default()
            .to_string_pretty(value, config.clone())
            .expect("plain");
        let fast = ron::Options::default()
            .to_string_pretty(&Fast(value), config)
            .expect("fast");
        (plain, fast)
    }

    #[test]
    fn ron_takes_the_fast_path_here() {
        // Were this false, the store would still be right, only slow: a ron upgrade
        // broke the raw-value route and this module needs a look.
        assert!(enabled());
    }

    #[test]
    fn nested_strings_keys_and_options_match_ron() {
        #[derive(serde::Serialize)]
        enum Kind {
            Tuple(String, u8),
            Named { s: String },
            Newtype(String),
        }
        #[derive(serde::Serialize)]
        struct Record {
            s: String,
            o: Option<String>,
            list: Vec<String>,
            map: BTreeMap<String, String>,
            kinds: Vec<Kind>,
            c: char,
            f: f64,
        }
        let r = Record {
            s: "a \"b\" 'c'\n“d”".into(),
            o: Some("e\u{a0}f".into()),
            list: vec!["\t".into(), String::new(), "👍🏽".into()],
            map: [("k\ney".into(), "v\\al".into())].into(),
            kinds: vec![
                Kind::Tuple("x\ny".into(), 3),
                Kind::Named {
                    s: "\u{301}".into(),
                },
                Kind::Newtype("z".into()),
            ],
            c: '\'',
            f: 2.5e6,
        };
        let (plain, fast) = both(&r);
        assert_eq!(fast, plain);
    }

    proptest! {
        #[test]
        fn any_string_is_written_as_ron_writes_it(s in any::<String>(), t in "[\\x00-\\x7f“”’\u{a0}\u{301}]{0,40}") {
            // One escaper for all, as a thread uses it: the memory of plain chars
            // must never change what is written.
            let mut escaper = Escaper::new();
            for one in [&s, &t, &s, &t] {
                prop_assert_eq!(escaper.escape(one), ron::to_string(one).expect("ron"));
            }
            let (plain, fast) = both(&(s, t));
            prop_assert_eq!(fast, plain);
        }
    }
}
