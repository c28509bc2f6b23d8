//! The comparison written out: CSV (for spreadsheets and pandas), Markdown (for a
//! report), JSON (for scripts) and a plain table (for a terminal). Every writer takes an
//! `io::Write`, so the window's "Copy as Markdown" and the command line share them.

use super::rows::Row;
use serde::Serialize;
use std::io::{self, Write};

/// The columns of the CSV, Markdown and plain tables, in order.
pub const COLUMNS: [&str; 15] = [
    "cluster",
    "outlet",
    "published",
    "label",
    "text",
    "value",
    "low",
    "high",
    "unit",
    "precision",
    "value_from",
    "speaker",
    "verdict",
    "doc",
    "id",
];

/// A number as a reader wants it: no ".0" on whole numbers.
pub fn number(v: Option<f64>) -> String {
    match v {
        Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{x:.0}"),
        Some(x) => x.to_string(),
        None => String::new(),
    }
}

/// A number for reading: thousands grouped with commas ("2,500,000"), a fraction kept
/// ("12.5"), nothing for `None`.
pub fn grouped(v: Option<f64>) -> String {
    let plain = number(v);
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", plain.as_str()),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    if int.len() <= 4 || !int.bytes().all(|b| b.is_ascii_digit()) {
        return plain;
    }
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A number in few characters, for a chart's axis: "2.5M", "200k", "5,200".
pub fn compact(v: f64) -> String {
    let a = v.abs();
    let (scaled, suffix) = if a >= 1e9 {
        (v / 1e9, "bn")
    } else if a >= 1e6 {
        (v / 1e6, "M")
    } else if a >= 1e5 {
        (v / 1e3, "k")
    } else {
        return grouped(Some((v * 100.0).round() / 100.0));
    };
    let rounded = (scaled * 100.0).round() / 100.0;
    format!("{}{suffix}", number(Some(rounded)))
}

/// The cells of one row, in [`COLUMNS`] order.
pub fn cells(r: &Row) -> [String; 15] {
    [
        r.cluster.clone().unwrap_or_default(),
        r.outlet.clone(),
        r.published.map(|d| d.to_string()).unwrap_or_default(),
        r.label.clone(),
        r.text.clone(),
        number(r.value),
        number(r.low),
        number(r.high),
        r.unit.clone().unwrap_or_default(),
        r.precision
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default(),
        r.value_from
            .map(|v| v.as_str().to_owned())
            .unwrap_or_default(),
        r.speaker.clone().unwrap_or_default(),
        r.verdict.clone().unwrap_or_default(),
        r.doc.to_string(),
        r.id.to_string(),
    ]
}

/// CSV with a header row.
pub fn write_csv(rows: &[Row], out: impl Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(COLUMNS).map_err(io::Error::other)?;
    for r in rows {
        w.write_record(cells(r)).map_err(io::Error::other)?;
    }
    w.flush()
}

/// A Markdown (GitHub) table; `|` and line breaks in cells are escaped.
pub fn write_markdown(rows: &[Row], mut out: impl Write) -> io::Result<()> {
    let cell = |s: &str| {
        s.replace('\\', "\\\\")
            .replace('|', "\\|")
            .replace('\n', " ")
    };
    writeln!(out, "| {} |", COLUMNS.join(" | "))?;
    writeln!(out, "|{}", " --- |".repeat(COLUMNS.len()))?;
    for r in rows {
        let cs: Vec<String> = cells(r).iter().map(|c| cell(c)).collect();
        writeln!(out, "| {} |", cs.join(" | "))?;
    }
    Ok(())
}

/// Aligned columns for a terminal; long texts are shortened.
pub fn write_plain(rows: &[Row], mut out: impl Write) -> io::Result<()> {
    const SHOWN: [usize; 9] = [0, 1, 2, 3, 4, 5, 9, 10, 11];
    let short = |s: &str, n: usize| -> String {
        if s.chars().count() <= n {
            s.to_owned()
        } else {
            let mut t: String = s.chars().take(n - 1).collect();
            t.push('…');
            t
        }
    };
    let table: Vec<Vec<String>> = std::iter::once(SHOWN.map(|i| COLUMNS[i].to_owned()).to_vec())
        .chain(rows.iter().map(|r| {
            let c = cells(r);
            SHOWN.iter().map(|&i| short(&c[i], 40)).collect()
        }))
        .collect();
    let widths: Vec<usize> = (0..SHOWN.len())
        .map(|j| {
            table
                .iter()
                .map(|r| r[j].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for r in &table {
        let mut line = String::new();
        for (j, c) in r.iter().enumerate() {
            if j > 0 {
                line.push_str("  ");
            }
            line.push_str(c);
            if j + 1 < r.len() {
                line.extend(std::iter::repeat_n(' ', widths[j] - c.chars().count()));
            }
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonRow<'a> {
    id: &'a str,
    doc: &'a str,
    outlet: &'a str,
    published: Option<String>,
    label: &'a str,
    text: &'a str,
    sentence: Option<&'a str>,
    cluster: Option<&'a str>,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    unit: Option<&'a str>,
    counted: Option<&'a str>,
    precision: Option<&'static str>,
    value_from: Option<&'static str>,
    speaker: Option<&'a str>,
    verdict: Option<&'a str>,
    status: Option<&'static str>,
}

/// `{"rows": [...]}`, one object per row with every field (null when not set).
pub fn write_json(rows: &[Row], mut out: impl Write) -> io::Result<()> {
    let rows: Vec<JsonRow<'_>> = rows
        .iter()
        .map(|r| JsonRow {
            id: r.id.as_str(),
            doc: r.doc.as_str(),
            outlet: &r.outlet,
            published: r.published.map(|d| d.to_string()),
            label: &r.label,
            text: &r.text,
            sentence: r.sentence.as_ref().map(|s| s.text.as_str()),
            cluster: r.cluster.as_deref(),
            value: r.value,
            low: r.low,
            high: r.high,
            unit: r.unit.as_deref(),
            counted: r.counted.as_deref(),
            precision: r.precision.map(|p| p.as_str()),
            value_from: r.value_from.map(|v| v.as_str()),
            speaker: r.speaker.as_deref(),
            verdict: r.verdict.as_deref(),
            status: r.status.map(|s| s.as_str()),
        })
        .collect();
    serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "rows": rows }))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_plainly_grouped_and_compact() {
        assert_eq!(number(Some(2_500_000.0)), "2500000");
        assert_eq!(number(Some(12.5)), "12.5");
        assert_eq!(grouped(Some(2_500_000.0)), "2,500,000");
        assert_eq!(grouped(Some(5200.0)), "5200");
        assert_eq!(grouped(Some(-12_345.5)), "-12,345.5");
        assert_eq!(grouped(None), "");
        assert_eq!(compact(2_500_000.0), "2.5M");
        assert_eq!(compact(200_000.0), "200k");
        assert_eq!(compact(4e9), "4bn");
        assert_eq!(compact(5200.0), "5200");
        assert_eq!(compact(0.25), "0.25");
    }
}
