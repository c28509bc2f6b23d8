//! Who says something in news prose: the speech verbs, and the noun phrase that names
//! the speaker before a verb ("Karim Jassim, a teacher, said"), after one ("said the
//! defence ministry") or after "according to". Phrases are read off [`Tok`]s with
//! rules any English news article follows: names are runs of capitalised words (with
//! "al-", "bin", "of" and the like between them), other speakers a determiner and a few
//! words ("a spokesman for the ministry"), or a group noun ("police").

use super::prose::Tok;
use std::ops::Range;

/// A speaker as the words name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Who {
    /// A phrase that names the speaker: its bytes.
    Named(Range<usize>),
    /// "he", "she", "they", or a document ("the statement"): someone named earlier.
    Earlier,
    /// "the official", "the Iranian cleric": someone named earlier if anyone was, else
    /// this phrase.
    Described(Range<usize>),
}

/// Verbs that report speech or writing.
const SAY: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "stated",
    "states",
    "declared",
    "declares",
    "announced",
    "announces",
    "explained",
    "explains",
    "noted",
    "notes",
    "wrote",
    "writes",
    "tweeted",
    "posted",
    "warned",
    "warns",
    "insisted",
    "insists",
    "claimed",
    "claims",
    "argued",
    "argues",
    "asked",
    "asks",
    "replied",
    "replies",
    "responded",
    "continued",
    "stressed",
    "stresses",
    "emphasised",
    "emphasized",
    "urged",
    "urges",
    "shouted",
    "chanted",
    "recalled",
    "acknowledged",
    "admitted",
    "confirmed",
    "confirms",
    "denied",
    "reported",
    "reports",
    "observed",
    "remarked",
    "commented",
    "exclaimed",
    "cautioned",
    "vowed",
    "pledged",
    "promised",
    "predicted",
    "suggested",
    "concluded",
    "mentioned",
    "boasted",
    "complained",
    "conceded",
    "countered",
    "lamented",
    "proclaimed",
    "affirmed",
    "asserted",
    "contended",
    "maintained",
    "reiterated",
    "threatened",
    "hailed",
    "described",
    "called",
    "dubbed",
    "branded",
    "labelled",
    "labeled",
    "termed",
    "quipped",
    "agreed",
    "believes",
    "thinks",
    "estimated",
    "estimates",
];

/// Verbs that report a statement whose content can be checked: what the claim rule
/// reads after ("X said that …").
const STATE: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "stated",
    "declared",
    "announced",
    "explained",
    "noted",
    "wrote",
    "warned",
    "insisted",
    "claimed",
    "claims",
    "argued",
    "confirmed",
    "reported",
    "reports",
    "maintained",
    "asserted",
    "contended",
    "estimated",
    "believes",
    "acknowledged",
    "admitted",
    "denied",
    "reiterated",
    "stressed",
    "predicted",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you"];

/// Nouns for what says something without being someone: "the statement said" names
/// no speaker, the one who made the statement is named earlier.
const DOCUMENTS: &[&str] = &[
    "statement",
    "report",
    "letter",
    "message",
    "tweet",
    "post",
    "communique",
    "release",
    "video",
    "article",
    "note",
    "document",
    "memo",
    "sermon",
    "speech",
    "announcement",
];

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "one", "another", "some", "several", "two",
    "three", "four", "many", "other", "this", "these", "those", "both",
];

/// Lower-case words that join the capitalised parts of a name.
const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "abu", "de", "del", "della", "da", "di", "du", "van", "von",
    "der", "den", "la", "le", "of", "for", "the", "and", "on", "y",
];

/// Lower-case titles that come before a name ("Shia cleric Muqtada al-Sadr"): the name
/// is what follows them.
const TITLES: &[&str] = &[
    "cleric",
    "president",
    "minister",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "commander",
    "leader",
    "envoy",
    "ambassador",
    "general",
    "chief",
    "secretary",
    "director",
    "official",
    "chairman",
    "head",
    "adviser",
    "advisor",
    "analyst",
    "senator",
    "governor",
    "mayor",
    "lawmaker",
    "deputy",
    "representative",
    "professor",
    "activist",
];

/// Groups that speak as one without a determiner ("police said").
const GROUPS: &[&str] = &[
    "police",
    "officials",
    "witnesses",
    "organisers",
    "organizers",
    "protesters",
    "residents",
    "analysts",
    "experts",
    "sources",
    "authorities",
    "demonstrators",
    "activists",
    "medics",
    "doctors",
    "lawmakers",
    "diplomats",
    "observers",
    "critics",
    "supporters",
    "troops",
    "soldiers",
    "militants",
    "prosecutors",
    "investigators",
    "rescuers",
    "researchers",
    "scientists",
    "officers",
    "participants",
    "locals",
];

/// Words between a speaker and the verb that change nothing ("Sadr also said").
const BETWEEN: &[&str] = &[
    "also",
    "later",
    "then",
    "has",
    "had",
    "have",
    "was",
    "is",
    "reportedly",
    "previously",
    "earlier",
    "further",
    "once",
    "again",
    "repeatedly",
    "however",
    "recently",
    "publicly",
    "separately",
    "initially",
    "simply",
    "only",
    "just",
    "would",
    "will",
    "had",
    "has",
    "had",
    "subsequently",
    "privately",
];

/// Lower-case nouns that end an organisation's name ("Al-Ahd news network").
const ORG_TAILS: &[&str] = &[
    "news",
    "network",
    "agency",
    "ministry",
    "office",
    "council",
    "committee",
    "party",
    "group",
    "forces",
    "force",
    "police",
    "army",
    "military",
    "government",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "channel",
    "television",
    "newspaper",
    "website",
    "movement",
    "coalition",
    "alliance",
    "organisation",
    "organization",
];

/// Whether `w`, in lower case, is in `list` (of ASCII words). Allocates nothing: a
/// rule asks this of every word of a 10 MB article.
fn is_in(list: &[&str], w: &str) -> bool {
    let n = w.len();
    if n > 24 || !w.is_ascii() {
        return false;
    }
    let mut buf = [0u8; 24];
    for (b, c) in buf.iter_mut().zip(w.bytes()) {
        *b = c.to_ascii_lowercase();
    }
    let l = &buf[..n];
    list.iter().any(|x| x.len() == n && x.as_bytes() == l)
}

/// Whether `w`, in lower case, is one of `list`'s words.
pub(super) fn is_in_list(list: &[&str], w: &str) -> bool {
    is_in(list, w)
}

/// A list of lower-case ASCII words with a quick test that turns most other words
/// away without comparing: which lengths occur for each first letter. The rules ask
/// whether each word of an article is a speech verb, and nearly none is.
struct WordSet {
    words: &'static [&'static str],
    /// Bit `n` of entry `c` is set when a word of `n` letters starts with `a + c`.
    lengths: [u32; 26],
}

impl WordSet {
    fn new(words: &'static [&'static str]) -> Self {
        let mut lengths = [0u32; 26];
        for w in words {
            if let Some(&f) = w.as_bytes().first()
                && f.is_ascii_lowercase()
                && w.len() < 32
            {
                lengths[usize::from(f - b'a')] |= 1 << w.len();
            }
        }
        Self { words, lengths }
    }

    /// Whether `w` (in lower case already) is one of the words.
    fn has(&self, w: &str) -> bool {
        let b = w.as_bytes();
        match b.first() {
            Some(&f) if f.is_ascii_lowercase() && b.len() < 32 => {
                self.lengths[usize::from(f - b'a')] & (1 << b.len()) != 0 && self.words.contains(&w)
            }
            _ => false,
        }
    }
}

static SAY_SET: std::sync::LazyLock<WordSet> = std::sync::LazyLock::new(|| WordSet::new(SAY));
static STATE_SET: std::sync::LazyLock<WordSet> = std::sync::LazyLock::new(|| WordSet::new(STATE));

/// A speech verb (in lower case: "the United States" states nothing).
pub(super) fn is_say(w: &str) -> bool {
    SAY_SET.has(w)
}

/// A verb that reports a checkable statement.
pub(super) fn is_state(w: &str) -> bool {
    STATE_SET.has(w)
}

/// A definite description of someone ("the official", "The Iranian cleric"): "the"
/// and a title at the end.
fn described(text: &str, toks: &[Tok], first: usize, last: usize, r: Range<usize>) -> Who {
    let definite = toks[first].text(text).eq_ignore_ascii_case("the");
    if definite && is_in(TITLES, toks[last].text(text)) {
        Who::Described(r)
    } else {
        Who::Named(r)
    }
}

/// Whether a word is part of a name: capitalised, or a prefix joined to a capitalised
/// part ("al-Sadr").
pub(super) fn namey(w: &str) -> bool {
    let mut c = w.chars();
    match c.next() {
        Some(f) if f.is_uppercase() => true,
        Some(f) if f.is_lowercase() => w
            .split_once(['-', '‑'])
            .is_some_and(|(_, rest)| rest.starts_with(char::is_uppercase)),
        _ => false,
    }
}

/// The words of the speaker phrase starting at token `i`, and the token after it.
pub(super) fn phrase_after(text: &str, toks: &[Tok], i: usize) -> Option<(Who, usize)> {
    let first = toks.get(i).filter(|t| t.word)?;
    let w = first.text(text);
    if is_in(PRONOUNS, w) {
        return Some((Who::Earlier, i + 1));
    }
    if is_in(DETERMINERS, w) {
        // "a spokesman for the ministry", "the defence ministry": up to seven words,
        // to a verb, a comma or a relative word.
        let mut j = i + 1;
        while j < toks.len() && j - i < 8 {
            let t = toks[j];
            let tw = t.text(text);
            if !t.word
                || is_say(tw)
                || is_in(
                    &[
                        "who", "which", "that", "on", "in", "at", "as", "when", "after", "before",
                    ],
                    tw,
                )
                || is_in(BETWEEN, tw)
            {
                break;
            }
            j += 1;
        }
        if j == i + 1 {
            return None;
        }
        let last = toks[j - 1].text(text);
        if is_in(DOCUMENTS, last) {
            return Some((Who::Earlier, j));
        }
        // The phrase must not end on a joining word.
        let mut k = j;
        while k > i + 1 && is_in(PARTICLES, toks[k - 1].text(text)) {
            k -= 1;
        }
        return Some((described(text, toks, i, k - 1, first.s..toks[k - 1].e), j));
    }
    if namey(w) || is_in(TITLES, w) {
        let mut j = i;
        let mut start = i;
        while j < toks.len() && toks[j].word {
            let tw = toks[j].text(text);
            if namey(tw) {
                j += 1;
            } else if is_in(TITLES, tw) {
                j += 1;
                start = j;
            } else if is_in(PARTICLES, tw)
                && toks
                    .get(j + 1)
                    .is_some_and(|n| n.word && namey(n.text(text)))
                && j > start
            {
                j += 1;
            } else {
                break;
            }
        }
        // Trailing organisation nouns ("Al-Ahd news network").
        let mut end = j;
        while end < toks.len()
            && toks[end].word
            && end - j < 3
            && is_in(ORG_TAILS, toks[end].text(text))
        {
            end += 1;
        }
        if start >= end {
            return None;
        }
        let start = drop_possessive(text, toks, start, end);
        return Some((Who::Named(toks[start].s..toks[end - 1].e), end));
    }
    if is_in(GROUPS, w) {
        return Some((Who::Named(first.s..first.e), i + 1));
    }
    None
}

/// The speaker of a verb at token `v`: the phrase right before it, over words that
/// change nothing ("also", "has") and appositions between commas ("Karim Jassim, a
/// teacher, said"; "the envoy, James Jeffrey, said" names James Jeffrey).
pub(super) fn subject_before(text: &str, toks: &[Tok], v: usize, floor: usize) -> Option<Who> {
    let mut end = v;
    while end > floor && toks[end - 1].word && is_in(BETWEEN, toks[end - 1].text(text)) {
        end -= 1;
    }
    // Appositions: a comma-closed run of words that starts in lower case.
    let mut hops = 0;
    while end > floor && toks[end - 1].text(text) == "," && hops < 3 {
        let close = end - 1;
        let mut open = close;
        while open > floor && toks[open - 1].text(text) != "," && close - open < 14 {
            if !toks[open - 1].word
                && !matches!(toks[open - 1].text(text), "’" | "'" | "-" | "(" | ")")
            {
                return None;
            }
            open -= 1;
        }
        let segment = &toks[open..close];
        let first = segment.first()?;
        let lead = first.text(text);
        let appositive = !namey(lead) || is_in(DETERMINERS, lead);
        if appositive && open > floor && toks[open - 1].text(text) == "," {
            end = open;
            hops += 1;
            continue;
        }
        if !appositive {
            // "…, James Jeffrey, said": the name between the commas.
            return name_back(text, toks, close, open);
        }
        return None;
    }
    name_back(text, toks, end, floor)
}

/// The phrase ending right before token `end` (not before `floor`).
fn name_back(text: &str, toks: &[Tok], end: usize, floor: usize) -> Option<Who> {
    if end <= floor || !toks[end - 1].word {
        return None;
    }
    let w = toks[end - 1].text(text);
    if is_in(PRONOUNS, w) {
        return Some(Who::Earlier);
    }
    let mut i = end;
    // Lower-case nouns first ("the statement", "Al-Ahd news network", "police").
    let mut lowers = 0;
    while i > floor
        && toks[i - 1].word
        && (!namey(toks[i - 1].text(text)) || is_in(DETERMINERS, toks[i - 1].text(text)))
        && lowers < 3
    {
        let tw = toks[i - 1].text(text);
        if is_in(DETERMINERS, tw) {
            i -= 1;
            let last = toks[end - 1].text(text);
            if is_in(DOCUMENTS, last) {
                return Some(Who::Earlier);
            }
            return Some(described(
                text,
                toks,
                i,
                end - 1,
                toks[i].s..toks[end - 1].e,
            ));
        }
        if is_in(PARTICLES, tw) || is_in(BETWEEN, tw) || is_say(tw) {
            break;
        }
        i -= 1;
        lowers += 1;
    }
    if lowers > 0 && !(i > floor && toks[i - 1].word && namey(toks[i - 1].text(text))) {
        // No name or determiner before the nouns: a group noun alone, or nothing.
        return (lowers == 1 && is_in(GROUPS, w))
            .then(|| Who::Named(toks[end - 1].s..toks[end - 1].e));
    }
    if lowers > 0
        && !toks[i..end]
            .iter()
            .all(|t| is_in(ORG_TAILS, t.text(text)) || is_in(TITLES, t.text(text)))
    {
        return None;
    }
    // The capitalised run, with particles inside it.
    let mut start = i;
    while start > floor && toks[start - 1].word {
        let tw = toks[start - 1].text(text);
        let particle = is_in(PARTICLES, tw)
            && start - 1 > floor
            && namey(toks[start - 2].text(text))
            && !is_in(&["the", "and", "on", "for"], tw);
        if !(namey(tw) || particle) {
            break;
        }
        start -= 1;
    }
    if start == i {
        return None;
    }
    // A capitalised determiner opening a sentence ("The ministry") belongs to it; a
    // possessive before the name ("Iraq’s Al-Ahd") does not.
    if start > floor && is_in(DETERMINERS, toks[start - 1].text(text)) {
        start -= 1;
    }
    let start = drop_possessive(text, toks, start, end);
    Some(described(
        text,
        toks,
        start,
        end - 1,
        toks[start].s..toks[end - 1].e,
    ))
}

/// Skips a leading possessive ("Iraq’s Al-Ahd news network" is Al-Ahd's).
fn drop_possessive(text: &str, toks: &[Tok], start: usize, end: usize) -> usize {
    let w = toks[start].text(text);
    let name_follows = toks.get(start + 1).is_some_and(|t| namey(t.text(text)));
    if end - start > 1 && name_follows && (w.ends_with("’s") || w.ends_with("'s")) {
        start + 1
    } else {
        start
    }
}

/// "according to X" in `toks`: X, and where the phrase "according" starts.
pub(super) fn according_to(text: &str, toks: &[Tok]) -> Option<(Who, usize, usize)> {
    let i = toks.windows(2).position(|w| {
        w[0].text(text).eq_ignore_ascii_case("according")
            && w[1].text(text).eq_ignore_ascii_case("to")
    })?;
    let (who, end) = phrase_after(text, toks, i + 2)?;
    Some((who, i, end))
}

/// Whether a word is a day or time word that may stand between a verb and what was
/// said ("said Thursday there was").
pub(super) fn is_when(w: &str) -> bool {
    is_in(
        &[
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "yesterday",
            "today",
            "tonight",
            "earlier",
            "later",
            "recently",
            "previously",
            "again",
            "also",
            "repeatedly",
            "publicly",
            "separately",
        ],
        w,
    )
}

#[cfg(test)]
mod tests {
    use super::super::prose::tokens;
    use super::*;

    fn before(s: &str) -> Option<String> {
        let toks = tokens(s, 0..s.len());
        let v = toks.iter().rposition(|t| is_say(t.text(s)))?;
        match subject_before(s, &toks, v, 0)? {
            Who::Named(r) => Some(s[r].to_owned()),
            Who::Earlier => Some("<earlier>".to_owned()),
            Who::Described(r) => Some(format!("<described {}>", &s[r])),
        }
    }

    fn after(s: &str) -> Option<String> {
        let toks = tokens(s, 0..s.len());
        match phrase_after(s, &toks, 0)?.0 {
            Who::Named(r) => Some(s[r].to_owned()),
            Who::Earlier => Some("<earlier>".to_owned()),
            Who::Described(r) => Some(format!("<described {}>", &s[r])),
        }
    }

    #[test]
    fn the_speaker_before_a_verb_skips_appositions_and_adverbs() {
        assert_eq!(
            before("Karim Jassim, a teacher, said").as_deref(),
            Some("Karim Jassim")
        );
        assert_eq!(
            before("US special envoy, James Jeffrey, said").as_deref(),
            Some("James Jeffrey")
        );
        assert_eq!(
            before("Qais al-Khazali, leader of Asa'ib Ahl al-Haq, which is part of the PMU, has described").as_deref(),
            Some("Qais al-Khazali")
        );
        assert_eq!(before("Sadr also said").as_deref(), Some("Sadr"));
        assert_eq!(
            before("Iraq’s Al-Ahd news network reported").as_deref(),
            Some("Al-Ahd news network")
        );
        assert_eq!(before("the statement said").as_deref(), Some("<earlier>"));
        assert_eq!(before("he tweeted").as_deref(), Some("<earlier>"));
        assert_eq!(
            before("The Iranian official added").as_deref(),
            Some("<described The Iranian official>")
        );
        assert_eq!(
            before("the United States insisted").as_deref(),
            Some("the United States")
        );
        assert_eq!(
            before("The Iraqi government said").as_deref(),
            Some("The Iraqi government")
        );
        assert_eq!(before("after it, police said").as_deref(), Some("police"));
        assert_eq!(
            before("a demonstrator told").as_deref(),
            Some("a demonstrator")
        );
        assert_eq!(
            before("Shia cleric Muqtada al-Sadr called").as_deref(),
            Some("Muqtada al-Sadr")
        );
        assert_eq!(
            before("the people’s message of rejection was clear and said"),
            None
        );
    }

    #[test]
    fn the_speaker_after_a_verb_or_according_to() {
        assert_eq!(
            after("Karim Jassim, a teacher").as_deref(),
            Some("Karim Jassim")
        );
        assert_eq!(
            after("a spokesman for the ministry, adding").as_deref(),
            Some("a spokesman for the ministry")
        );
        assert_eq!(
            after("Shia cleric Muqtada al-Sadr.").as_deref(),
            Some("Muqtada al-Sadr")
        );
        assert_eq!(
            after("the Iraqi Center for Studies.").as_deref(),
            Some("the Iraqi Center for Studies")
        );
        let s = "The crowd was 3 million, according to the defence ministry.";
        let toks = tokens(s, 0..s.len());
        let (who, _, _) = according_to(s, &toks).unwrap();
        assert_eq!(who, Who::Named(s.find("the defence").unwrap()..s.len() - 1));
    }
}
