//! The words the figure grammar knows, looked up once per word token.
//!
//! A word is classified into a [`Lex`] by its ASCII-lowercased spelling (a curly
//! apostrophe counts as a straight one), so the grammar matches on small enums and never
//! compares strings. Words that are not ASCII, or longer than any entry, are
//! [`Lex::Other`]. The one case-sensitive entry is "May", a month only when capitalised.

/// What a word is to the grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Lex {
    /// A word the grammar does not use (a possible counted noun).
    Other,
    /// "zero" … "nineteen".
    Unit(u8),
    /// "twenty" … "ninety", by value.
    Tens(u8),
    /// "hundred".
    Hundred,
    /// "thousand", "million", "billion", "trillion", by power of ten.
    Scale(u8),
    /// "hundreds", "thousands", "millions", "billions", by power of ten.
    Plural(u8),
    /// "dozen".
    Dozen,
    /// "dozens".
    Dozens,
    /// "scores" (as in "scores of").
    Scores,
    /// "tens" (as in "tens of thousands").
    TensOf,
    /// "half", "halves".
    Half,
    /// "quarter", "quarters".
    Quarter,
    /// "third", "thirds".
    Third,
    /// A scale abbreviation written after digits: "k" (3), "bn" (9), "tn" (12).
    Abbrev(u8),
    /// "m" or "M": millions after digits, unless it is metres ("a 10m-high wall").
    AbbrevM,
    /// A currency named after the number ("dollars", "euros") or as a code ("USD").
    Currency(&'static str),
    /// A nationality that picks the currency of a following currency word.
    CurrencyAdj(Adj),
    /// "percent", "pct".
    Percent,
    /// "cent" (of "per cent").
    Cent,
    /// "percentage" (of "percentage points").
    Percentage,
    /// "point", "points".
    Points,
    /// A month name or abbreviation ("March", "Jan", "Sept").
    Month,
    /// "am", "pm", "gmt", "utc", "o'clock": the number before is a time.
    Time,
    /// A word that makes the number after it a name: "page", "article", "resolution".
    Label,
    /// A word after "m" that makes it metres: "high", "long", "sprint".
    Dimension,
    /// A plural noun that counts people or things even without an "s" ("people", "police").
    Counted,
    /// A function word or common verb that ends a search for the counted noun.
    Stop,
    /// A preposition of time ("since", "by", "during"): a year after it is a date.
    Before,
    /// A keyword of the hedges, ranges and compounds.
    Key(Key),
}

/// Nationalities that choose a currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Adj {
    /// "US", "American".
    Us,
    /// "Canadian".
    Canadian,
    /// "Australian".
    Australian,
    /// "Iraqi".
    Iraqi,
    /// "Kuwaiti".
    Kuwaiti,
    /// "Jordanian".
    Jordanian,
    /// "Iranian".
    Iranian,
    /// "Saudi".
    Saudi,
}

impl Adj {
    /// The currency code of this nationality followed by the word `text` of class
    /// `lex` ("Iraqi dinars" is IQD, "Canadian dollars" CAD); `None` when the pair is
    /// not a currency the grammar knows. Dinars alone (the currency of several
    /// countries) are no currency, so "dinar" is an ordinary word.
    pub(super) fn currency(self, lex: Lex, text: &str) -> Option<&'static str> {
        let dinar = text.eq_ignore_ascii_case("dinars") || text.eq_ignore_ascii_case("dinar");
        Some(match (self, lex) {
            (Adj::Us, Lex::Currency("USD")) => "USD",
            (Adj::Canadian, Lex::Currency("USD")) => "CAD",
            (Adj::Australian, Lex::Currency("USD")) => "AUD",
            (Adj::Iranian, Lex::Currency("IRR")) => "IRR",
            (Adj::Saudi, Lex::Currency("SAR")) => "SAR",
            (Adj::Iraqi, Lex::Other) if dinar => "IQD",
            (Adj::Kuwaiti, Lex::Other) if dinar => "KWD",
            (Adj::Jordanian, Lex::Other) if dinar => "JOD",
            _ => return None,
        })
    }
}

/// The words the hedges, ranges and compounds are made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub(super) enum Key {
    A,
    About,
    Above,
    Almost,
    And,
    Approximately,
    Around,
    As,
    At,
    Below,
    Between,
    Circa,
    Close,
    Estimated,
    Exactly,
    Excess,
    Few,
    Fewer,
    From,
    Greater,
    In,
    Just,
    Least,
    Less,
    Man,
    Many,
    Maximum,
    Minimum,
    Minus,
    More,
    Most,
    Much,
    Nearly,
    No,
    Not,
    Of,
    Or,
    Order,
    Out,
    Over,
    Per,
    Plus,
    Region,
    Roughly,
    Several,
    So,
    Some,
    Strong,
    The,
    Than,
    To,
    Under,
    Up,
    Upwards,
    Well,
}

/// The [`Lex`] of a word token's text.
pub(super) fn lookup(word: &str) -> Lex {
    if word == "May" {
        return Lex::Month;
    }
    let mut buf = [0u8; 14];
    let mut n = 0;
    for c in word.chars() {
        let b = match c {
            'A'..='Z' | 'a'..='z' | '\'' => c.to_ascii_lowercase() as u8,
            '\u{2019}' => b'\'',
            _ => return Lex::Other,
        };
        match buf.get_mut(n) {
            Some(slot) => *slot = b,
            None => return Lex::Other,
        }
        n += 1;
    }
    classify(&buf[..n])
}

fn classify(w: &[u8]) -> Lex {
    use self::Key as K;
    use Lex::*;
    match w {
        b"zero" => Unit(0),
        b"one" => Unit(1),
        b"two" => Unit(2),
        b"three" => Unit(3),
        b"four" => Unit(4),
        b"five" => Unit(5),
        b"six" => Unit(6),
        b"seven" => Unit(7),
        b"eight" => Unit(8),
        b"nine" => Unit(9),
        b"ten" => Unit(10),
        b"eleven" => Unit(11),
        b"twelve" => Unit(12),
        b"thirteen" => Unit(13),
        b"fourteen" => Unit(14),
        b"fifteen" => Unit(15),
        b"sixteen" => Unit(16),
        b"seventeen" => Unit(17),
        b"eighteen" => Unit(18),
        b"nineteen" => Unit(19),
        b"twenty" => Tens(20),
        b"thirty" => Tens(30),
        b"forty" | b"fourty" => Tens(40),
        b"fifty" => Tens(50),
        b"sixty" => Tens(60),
        b"seventy" => Tens(70),
        b"eighty" => Tens(80),
        b"ninety" => Tens(90),
        b"hundred" => Hundred,
        b"thousand" => Scale(3),
        b"million" => Scale(6),
        b"billion" => Scale(9),
        b"trillion" => Scale(12),
        b"hundreds" => Plural(2),
        b"thousands" => Plural(3),
        b"millions" => Plural(6),
        b"billions" => Plural(9),
        b"dozen" => Dozen,
        b"dozens" => Dozens,
        b"scores" => Scores,
        b"tens" => TensOf,
        b"half" | b"halves" => Half,
        b"quarter" | b"quarters" => Quarter,
        b"third" | b"thirds" => Third,
        b"k" => Abbrev(3),
        b"m" => AbbrevM,
        b"mn" | b"mln" => Abbrev(6),
        b"b" | b"bn" | b"bln" => Abbrev(9),
        b"tn" | b"trn" => Abbrev(12),
        b"dollar" | b"dollars" | b"usd" => Currency("USD"),
        b"euro" | b"euros" | b"eur" => Currency("EUR"),
        b"pound" | b"pounds" | b"sterling" | b"gbp" => Currency("GBP"),
        b"iqd" => Currency("IQD"),
        b"rial" | b"rials" | b"irr" => Currency("IRR"),
        b"riyal" | b"riyals" | b"sar" => Currency("SAR"),
        b"yen" | b"jpy" => Currency("JPY"),
        b"yuan" | b"renminbi" | b"cny" => Currency("CNY"),
        b"rupee" | b"rupees" | b"inr" => Currency("INR"),
        b"rouble" | b"roubles" | b"ruble" | b"rubles" => Currency("RUB"),
        b"lira" | b"liras" => Currency("TRY"),
        b"cad" => Currency("CAD"),
        b"aud" => Currency("AUD"),
        b"chf" => Currency("CHF"),
        b"us" | b"american" => CurrencyAdj(Adj::Us),
        b"canadian" => CurrencyAdj(Adj::Canadian),
        b"australian" => CurrencyAdj(Adj::Australian),
        b"iraqi" => CurrencyAdj(Adj::Iraqi),
        b"kuwaiti" => CurrencyAdj(Adj::Kuwaiti),
        b"jordanian" => CurrencyAdj(Adj::Jordanian),
        b"iranian" => CurrencyAdj(Adj::Iranian),
        b"saudi" => CurrencyAdj(Adj::Saudi),
        b"percent" | b"pct" => Percent,
        b"cent" => Cent,
        b"percentage" => Percentage,
        b"point" | b"points" => Points,
        b"january" | b"february" | b"march" | b"april" | b"june" | b"july" | b"august"
        | b"september" | b"october" | b"november" | b"december" | b"jan" | b"feb" | b"mar"
        | b"apr" | b"jun" | b"jul" | b"aug" | b"sep" | b"sept" | b"oct" | b"nov" | b"dec" => Month,
        b"am" | b"pm" | b"gmt" | b"utc" | b"o'clock" | b"hrs" => Time,
        b"page" | b"pages" | b"p" | b"pp" | b"article" | b"resolution" | b"chapter"
        | b"section" | b"vol" | b"volume" | b"issue" | b"episode" | b"part" | b"room"
        | b"flight" | b"route" | b"highway" | b"platform" | b"gate" | b"version" | b"photo"
        | b"image" | b"fig" | b"figure" | b"table" | b"paragraph" | b"clause" | b"item"
        | b"number" | b"nos" | b"code" => Label,
        b"high" | b"long" | b"wide" | b"deep" | b"tall" | b"sprint" | b"hurdles" | b"freestyle"
        | b"relay" | b"dash" | b"radius" => Dimension,
        b"people" | b"persons" | b"men" | b"women" | b"children" | b"police" | b"personnel"
        | b"staff" | b"dead" | b"wounded" | b"injured" | b"troops" | b"soldiers"
        | b"protesters" | b"demonstrators" | b"civilians" | b"refugees" | b"workers"
        | b"voters" | b"votes" | b"residents" | b"fighters" | b"deaths" | b"casualties"
        | b"cattle" | b"livestock" | b"aircraft" | b"youth" | b"faithful" => Counted,
        b"by" | b"since" | b"until" | b"till" | b"during" | b"before" | b"after" => Before,
        b"about" => Key(K::About),
        b"above" => Key(K::Above),
        b"almost" => Key(K::Almost),
        b"and" => Key(K::And),
        b"approximately" | b"approx" => Key(K::Approximately),
        b"around" => Key(K::Around),
        b"as" => Key(K::As),
        b"at" => Key(K::At),
        b"below" => Key(K::Below),
        b"between" => Key(K::Between),
        b"circa" => Key(K::Circa),
        b"close" => Key(K::Close),
        b"estimated" => Key(K::Estimated),
        b"exactly" | b"precisely" => Key(K::Exactly),
        b"excess" => Key(K::Excess),
        b"few" => Key(K::Few),
        b"fewer" => Key(K::Fewer),
        b"from" => Key(K::From),
        b"greater" => Key(K::Greater),
        b"in" => Key(K::In),
        b"just" => Key(K::Just),
        b"least" => Key(K::Least),
        b"less" => Key(K::Less),
        b"man" | b"member" | b"person" => Key(K::Man),
        b"many" => Key(K::Many),
        b"maximum" => Key(K::Maximum),
        b"minimum" => Key(K::Minimum),
        b"minus" | b"negative" => Key(K::Minus),
        b"more" => Key(K::More),
        b"most" => Key(K::Most),
        b"much" => Key(K::Much),
        b"nearly" => Key(K::Nearly),
        b"no" => Key(K::No),
        b"not" => Key(K::Not),
        b"of" => Key(K::Of),
        b"or" => Key(K::Or),
        b"order" => Key(K::Order),
        b"out" => Key(K::Out),
        b"over" => Key(K::Over),
        b"per" => Key(K::Per),
        b"plus" => Key(K::Plus),
        b"region" => Key(K::Region),
        b"roughly" => Key(K::Roughly),
        b"several" => Key(K::Several),
        b"so" => Key(K::So),
        b"some" => Key(K::Some),
        b"strong" => Key(K::Strong),
        b"the" => Key(K::The),
        b"than" => Key(K::Than),
        b"to" => Key(K::To),
        b"under" => Key(K::Under),
        b"up" => Key(K::Up),
        b"upwards" | b"upward" => Key(K::Upwards),
        b"well" => Key(K::Well),
        b"a" | b"an" => Key(K::A),
        b"on" | b"for" | b"with" | b"but" | b"that" | b"which" | b"who" | b"whom" | b"whose"
        | b"this" | b"these" | b"those" | b"his" | b"her" | b"its" | b"their" | b"our" | b"was"
        | b"were" | b"is" | b"are" | b"be" | b"been" | b"has" | b"have" | b"had" | b"will"
        | b"would" | b"could" | b"should" | b"may" | b"might" | b"can" | b"did" | b"do"
        | b"does" | b"said" | b"says" | b"far" | b"also" | b"each" | b"last" | b"next" | b"ago"
        | b"remains" | b"seems" | b"means" | b"includes" | b"comes" | b"goes" | b"makes"
        | b"shows" | b"stands" | b"looks" | b"takes" | b"gets" | b"lives" | b"times" | b"into"
        | b"onto" | b"if" | b"when" | b"while" | b"across" | b"against" | b"through"
        | b"towards" | b"toward" | b"unless" | b"whereas" | b"it's" | b"there" | b"here" => Stop,
        _ => Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_ignores_case_and_curly_apostrophes() {
        assert_eq!(lookup("MILLION"), Lex::Scale(6));
        assert_eq!(lookup("Thousands"), Lex::Plural(3));
        assert_eq!(lookup("o’clock"), Lex::Time);
        assert_eq!(lookup("Dollars"), Lex::Currency("USD"));
    }

    #[test]
    fn may_is_a_month_only_capitalised() {
        assert_eq!(lookup("May"), Lex::Month);
        assert_eq!(lookup("may"), Lex::Stop);
    }

    #[test]
    fn non_ascii_and_long_words_are_other() {
        assert_eq!(lookup("millón"), Lex::Other);
        assert_eq!(lookup("internationalisation"), Lex::Other);
        assert_eq!(lookup("protesters"), Lex::Counted);
    }
}
