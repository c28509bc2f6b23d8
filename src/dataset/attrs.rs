//! Attributes as exports write them: only the fields that are set, and the precision by
//! its export name (`at-least`) rather than the project file's (`AtLeast`).

use crate::model::{Attributes, Precision};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The JSON shape of [`Attributes`] in exports.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct AttrsJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    low: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    high: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    counted: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    precision: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    from_text: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    check_worthy: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    verdict: Option<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    custom: BTreeMap<String, String>,
}

/// [`AttrsJson`] borrowed from the [`Attributes`] it shows, for writing: the same JSON
/// without copying a string.
#[derive(Serialize)]
pub(crate) struct AttrsOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    low: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    high: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    counted: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    precision: Option<&'static str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    from_text: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    check_worthy: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    verdict: Option<&'a str>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    custom: &'a BTreeMap<String, String>,
}

impl<'a> From<&'a Attributes> for AttrsOut<'a> {
    fn from(a: &'a Attributes) -> Self {
        Self {
            value: a.value,
            low: a.low,
            high: a.high,
            unit: a.unit.as_deref(),
            counted: a.counted.as_deref(),
            precision: a.precision.map(|p| p.as_str()),
            from_text: a.from_text,
            speaker: a.speaker.as_deref(),
            check_worthy: a.check_worthy,
            verdict: a.verdict.as_deref(),
            custom: &a.custom,
        }
    }
}

impl AttrsJson {
    /// The attributes, or why the precision is not one sourcemark knows.
    pub(crate) fn into_attrs(self) -> Result<Attributes, String> {
        let precision = match self.precision.as_deref() {
            None => None,
            Some(s) => Some(Precision::parse(s).ok_or_else(|| {
                format!("precision {s:?} is not exact, approximate, at-least or at-most")
            })?),
        };
        Ok(Attributes {
            value: self.value,
            low: self.low,
            high: self.high,
            unit: self.unit,
            counted: self.counted,
            precision,
            from_text: self.from_text,
            speaker: self.speaker,
            check_worthy: self.check_worthy,
            verdict: self.verdict,
            custom: self.custom,
        })
    }
}
