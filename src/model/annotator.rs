//! Who is annotating: the name written on the annotations this machine's person makes,
//! in the window and from the command line alike. Kept in the core so that the command
//! line does not depend on the window to find it.

/// `$SOURCEMARK_ANNOTATOR`, else the OS user name (`$USER`, `$LOGNAME`, `%USERNAME%`,
/// else asked of the system, since a desktop session's or a service's environment often
/// has none of them), else "unknown": the name written on new annotations when nobody
/// chose one.
pub fn default_annotator() -> String {
    let name = annotator_from(|v| std::env::var(v).ok());
    if name != UNKNOWN {
        return name;
    }
    whoami::username()
        .ok()
        .map(|u| u.trim().to_owned())
        .filter(|u| !u.is_empty())
        .unwrap_or(name)
}

/// The name when nothing gives one.
const UNKNOWN: &str = "unknown";

/// [`default_annotator`] over any source of variables (tests pass a map, so they never
/// change the process's environment). Blank values are skipped.
pub fn annotator_from(var: impl Fn(&str) -> Option<String>) -> String {
    ["SOURCEMARK_ANNOTATOR", "USER", "LOGNAME", "USERNAME"]
        .iter()
        .filter_map(|v| var(v))
        .map(|v| v.trim().to_owned())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| UNKNOWN.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn from(pairs: &[(&str, &str)]) -> String {
        let m: HashMap<&str, &str> = pairs.iter().copied().collect();
        annotator_from(|v| m.get(v).map(|s| s.to_string()))
    }

    #[test]
    fn sourcemark_annotator_wins_then_the_user_name_then_unknown() {
        assert_eq!(
            from(&[("SOURCEMARK_ANNOTATOR", "maria"), ("USER", "root")]),
            "maria"
        );
        assert_eq!(
            from(&[("SOURCEMARK_ANNOTATOR", "  "), ("USER", "ali")]),
            "ali"
        );
        assert_eq!(from(&[("LOGNAME", "bo")]), "bo");
        assert_eq!(from(&[("USERNAME", "Chen Wei ")]), "Chen Wei");
        assert_eq!(from(&[]), "unknown");
    }
}
