//! Reading the times in a project file.
//!
//! chrono's serde support parses times with its relaxed RFC 3339 parser, a general
//! format interpreter that costs about 1,300 instructions a time: 8% of loading a
//! large project, which holds two times per annotation. What sourcemark writes is
//! strict RFC 3339, which chrono's dedicated parser reads several times faster; any
//! other text gets the relaxed parser, its result and its error, as before.

use chrono::{DateTime, FixedOffset, Utc};
use serde::de::{self, Deserializer, Visitor};
use std::fmt;

/// `#[serde(deserialize_with = "time::deserialize")]` for a `DateTime<Utc>`.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    d.deserialize_str(Rfc3339)
}

/// Reads a time as [`deserialize`] does: strict RFC 3339 first, then chrono's relaxed
/// parser, whose error is returned.
pub fn parse(v: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    DateTime::parse_from_rfc3339(v)
        .or_else(|_| v.parse::<DateTime<FixedOffset>>())
        .map(|t| t.with_timezone(&Utc))
}

struct Rfc3339;

impl Visitor<'_> for Rfc3339 {
    type Value = DateTime<Utc>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an RFC 3339 formatted date and time string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        parse(v).map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    /// What chrono's own `Deserialize` gives, for comparison.
    fn chrono_reads(s: &str) -> Result<DateTime<Utc>, String> {
        s.parse::<DateTime<FixedOffset>>()
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| e.to_string())
    }

    fn ours(s: &str) -> Result<DateTime<Utc>, String> {
        Rfc3339
            .visit_str::<serde::de::value::Error>(s)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn relaxed_forms_and_errors_are_chrono_s() {
        for s in [
            "2026-11-22T01:31:26Z",
            "2026-11-22 01:31:26Z",
            "2026-11-22t01:31:26z",
            "2026-11-22T01:31:26.5+02:00",
            "2026-11-22T01:31:26 +0200",
            "+12026-11-22T01:31:26Z",
            "2026-02-30T01:31:26Z",
            "2026-11-22T25:31:26Z",
            "yesterday",
            "",
        ] {
            assert_eq!(ours(s), chrono_reads(s), "{s:?}");
        }
    }

    proptest! {
        #[test]
        fn any_time_chrono_writes_is_read_as_chrono_reads_it(
            secs in -62_000_000_000i64..250_000_000_000,
            nanos in prop_oneof![Just(0u32), 0u32..1_000_000_000],
        ) {
            let t = Utc.timestamp_opt(secs, nanos).single().expect("in range");
            // As serde writes it into the project file.
            let written = serde_json::to_value(t).expect("serialize");
            let s = written.as_str().expect("a string");
            prop_assert_eq!(ours(s), Ok(t));
            prop_assert_eq!(ours(s), chrono_reads(s));
        }
    }
}
