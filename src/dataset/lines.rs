//! Reading JSON Lines inputs (sourcemark's jsonl, doccano) a line at a time, with the
//! lines of a large input parsed on all cores. Records come back in input order and an
//! error names the first bad line, exactly as a one-thread reader would.

use super::record::{ImportError, Record};
use crate::par;

/// Inputs smaller than this are read on one thread: starting threads would cost more.
const MIN_PARALLEL_BYTES: usize = 1 << 20;

/// Reads `input` line by line. `parse` gets each non-blank line and its place
/// (`NAME: line N`); the first error in line order is returned.
pub(crate) fn read(
    name: &str,
    input: &str,
    parse: impl Fn(String, &str) -> Result<Record, ImportError> + Sync,
) -> Result<Vec<Record>, ImportError> {
    let threads = if input.len() < MIN_PARALLEL_BYTES {
        1
    } else {
        par::threads()
    };
    let pieces = par::map(&pieces(input, threads), |&(first_line, piece)| {
        let mut records = Vec::new();
        for (i, line) in piece.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            // Each piece stops at its first error, so the earliest piece with an
            // error holds the first bad line of the whole input.
            records.push(parse(format!("{name}: line {}", first_line + i), line)?);
        }
        Ok(records)
    });
    let mut records = Vec::new();
    for piece in pieces {
        records.extend(piece?);
    }
    Ok(records)
}

/// Cuts `input` at line ends into up to `parts` pieces of about equal size, each with
/// the 1-based number of its first line.
fn pieces(input: &str, parts: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::with_capacity(parts);
    let mut start = 0;
    let mut line = 1;
    for i in 1..=parts {
        if start >= input.len() {
            break;
        }
        let aim = input.len() * i / parts;
        let end = if i == parts || aim <= start {
            input.len()
        } else {
            memchr::memchr(b'\n', &input.as_bytes()[aim..]).map_or(input.len(), |k| aim + k + 1)
        };
        let piece = &input[start..end];
        out.push((line, piece));
        line += memchr::memchr_iter(b'\n', piece.as_bytes()).count();
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_cover_the_input_and_number_their_lines() {
        let input: String = (1..=100).map(|i| format!("line {i}\n")).collect();
        for parts in 1..6 {
            let ps = pieces(&input, parts);
            assert_eq!(ps.iter().map(|p| p.1).collect::<String>(), input);
            for (first, piece) in ps {
                assert!(
                    piece.starts_with(&format!("line {first}\n")),
                    "{parts}: {piece}"
                );
            }
        }
        assert_eq!(pieces("", 3), vec![]);
        assert_eq!(pieces("no newline", 3), vec![(1, "no newline")]);
    }
}
