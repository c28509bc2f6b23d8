//! Comparing sources: the annotations that answer one question, one row each, with the
//! outlet and date, the span in its sentence, the figure's numbers, who it is
//! attributed to and the verdict. The window's comparison view and `sourcemark compare`
//! read the same rows; [`table`] writes them as CSV, Markdown, JSON or a plain table.

mod rows;
mod sentence;
pub mod table;

pub use rows::{Filter, Row, ValueFrom, fill_sentences, rows};
pub use sentence::{InSentence, in_sentence};
