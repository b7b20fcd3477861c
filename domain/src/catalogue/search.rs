//! Finding an exercise the way a coach types it: by its French name, its English name or its
//! short name, ignoring case and accents, tolerating small typos, best matches first.

#[cfg(not(target_arch = "wasm32"))]
use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// A text reduced to what search compares: lower case, no accents, words separated by one
/// space (apostrophes, hyphens and punctuation separate words).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in without_accents(text) {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            crate::text::push_lowercase(&mut out, c);
        } else {
            pending_space = true;
        }
    }
    out
}

/// The text's letters without their accents: Unicode's canonical decomposition, marks left out.
#[cfg(not(target_arch = "wasm32"))]
fn without_accents(text: &str) -> impl Iterator<Item = char> + '_ {
    text.nfd().filter(|c| !is_combining_mark(*c))
}

/// In the browser, the Latin letters' accents only (see [`latin_without_accent`]): the full
/// decomposition tables would make every page that searches or reads shorthand in the browser
/// about 45 KB heavier. What the browser folds it only compares with what it folded itself.
#[cfg(target_arch = "wasm32")]
fn without_accents(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .filter(|c| !COMBINING_ACCENTS.contains(c))
        .map(latin_without_accent)
}

/// The combining accents typed as characters of their own (U+0300 to U+036F).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
const COMBINING_ACCENTS: std::ops::RangeInclusive<char> = '\u{300}'..='\u{36f}';

/// The letters of Latin-1 and Latin Extended-A (U+00C0 to U+017F) without their accent, as
/// Unicode's canonical decomposition gives them ('é' → 'e'); a letter that does not decompose
/// ('æ', 'ø', 'ł') stays as it is.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
const LATIN_BASES: [char; 192] = [
    'A', 'A', 'A', 'A', 'A', 'A', 'Æ', 'C', 'E', 'E', 'E', 'E', 'I', 'I', 'I', 'I', 'Ð', 'N', 'O', 'O', 'O',
    'O', 'O', '×', 'Ø', 'U', 'U', 'U', 'U', 'Y', 'Þ', 'ß', 'a', 'a', 'a', 'a', 'a', 'a', 'æ', 'c', 'e', 'e',
    'e', 'e', 'i', 'i', 'i', 'i', 'ð', 'n', 'o', 'o', 'o', 'o', 'o', '÷', 'ø', 'u', 'u', 'u', 'u', 'y', 'þ',
    'y', 'A', 'a', 'A', 'a', 'A', 'a', 'C', 'c', 'C', 'c', 'C', 'c', 'C', 'c', 'D', 'd', 'Đ', 'đ', 'E', 'e',
    'E', 'e', 'E', 'e', 'E', 'e', 'E', 'e', 'G', 'g', 'G', 'g', 'G', 'g', 'G', 'g', 'H', 'h', 'Ħ', 'ħ', 'I',
    'i', 'I', 'i', 'I', 'i', 'I', 'i', 'I', 'ı', 'Ĳ', 'ĳ', 'J', 'j', 'K', 'k', 'ĸ', 'L', 'l', 'L', 'l', 'L',
    'l', 'Ŀ', 'ŀ', 'Ł', 'ł', 'N', 'n', 'N', 'n', 'N', 'n', 'ŉ', 'Ŋ', 'ŋ', 'O', 'o', 'O', 'o', 'O', 'o', 'Œ',
    'œ', 'R', 'r', 'R', 'r', 'R', 'r', 'S', 's', 'S', 's', 'S', 's', 'S', 's', 'T', 't', 'T', 't', 'Ŧ', 'ŧ',
    'U', 'u', 'U', 'u', 'U', 'u', 'U', 'u', 'U', 'u', 'U', 'u', 'W', 'w', 'Y', 'y', 'Y', 'Z', 'z', 'Z', 'z',
    'Z', 'z', 'ſ',
];

/// `c` without its accent when it is one of [`LATIN_BASES`]' letters; any other character as it is.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn latin_without_accent(c: char) -> char {
    let offset = (c as usize).wrapping_sub(0xC0);
    LATIN_BASES.get(offset).copied().unwrap_or(c)
}

/// Little words left out of initials: "Tirage lourd d'arraché" → "tla".
const SMALL_WORDS: &[&str] = &[
    "d", "de", "du", "des", "l", "la", "le", "les", "a", "au", "en", "of", "the",
];

fn initials(folded: &str) -> String {
    folded
        .split(' ')
        .filter(|w| !SMALL_WORDS.contains(w))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// The longest search a person may type, in characters; a longer one is refused where it
/// arrives, with a message.
pub const QUERY_MAX: usize = 100;

/// Only the first words of a search count: the cost of a search is bounded by design, whatever
/// reaches it.
pub const MAX_QUERY_WORDS: usize = 8;

/// Typos are tolerated in words of at most this many characters (no name has longer words):
/// comparing two words with typos costs the product of their lengths.
pub const MAX_TYPO_WORD: usize = 24;

/// How many typos a query word may carry: none for short words, where one typo is another word,
/// and none for words too long to be a name's.
fn allowed_typos(word: &str) -> usize {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        8..=MAX_TYPO_WORD => 2,
        _ => 0,
    }
}

/// A search as it is compared: folded, and cut to its first [`MAX_QUERY_WORDS`] words of at
/// most [`QUERY_MAX`] characters in all.
pub fn fold_query(query: &str) -> String {
    let bounded: String = query.chars().take(QUERY_MAX).collect();
    let folded = fold(&bounded);
    folded
        .split(' ')
        .take(MAX_QUERY_WORDS)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The number of typos between a query word and a name word, if within the allowance. A word
/// being typed matches the start of a longer word ("arach" finds "arraché").
fn typos(query_word: &str, word: &str) -> Option<usize> {
    let allowed = allowed_typos(query_word);
    if allowed == 0 {
        return None;
    }
    // A name word far longer than the query cannot be within the typos allowed, but for its
    // start (compared below): its whole need not be compared.
    let whole = if word.chars().count() > MAX_TYPO_WORD * 2 {
        usize::MAX
    } else {
        strsim::damerau_levenshtein(query_word, word)
    };
    let query_len = query_word.chars().count();
    let prefix: String = word.chars().take(query_len + 1).collect();
    let partial = if word.chars().count() > query_len + 1 {
        // Compare with the word's start, allowing the query to be one letter short or long.
        let shorter: String = word.chars().take(query_len).collect();
        strsim::damerau_levenshtein(query_word, &prefix)
            .min(strsim::damerau_levenshtein(query_word, &shorter))
    } else {
        whole
    };
    let best = whole.min(partial);
    (best <= allowed).then_some(best)
}

/// How well a query matches one name; lower is better, `None` is no match.
fn name_score(query: &str, query_words: &[&str], name: &str) -> Option<u32> {
    if name.is_empty() {
        return None;
    }
    if name == query {
        return Some(0);
    }
    if name.starts_with(query) {
        return Some(1);
    }
    let words: Vec<&str> = name.split(' ').collect();
    if query_words.iter().all(|q| words.iter().any(|w| w.starts_with(q))) {
        return Some(2);
    }
    if !query.contains(' ') && query.chars().count() >= 2 && initials(name) == query {
        return Some(2);
    }
    if name.contains(query) {
        return Some(3);
    }
    // With typos: the whole name first ("arache" → "Arraché"), then names starting with the
    // word typed, then names containing it further on.
    if let Some(d) = typos(query, name).filter(|_| !query.contains(' ') && !name.contains(' ')) {
        return u32::try_from(d).ok().map(|d| 5 + d);
    }
    let mut total = 0;
    for q in query_words {
        total += words.iter().filter_map(|w| typos(q, w)).min()?;
    }
    let first = query_words
        .first()
        .zip(words.first())
        .and_then(|(q, w)| typos(q, w))
        .is_some();
    u32::try_from(total)
        .ok()
        .map(|t| if first { 8 + t } else { 10 + t })
}

/// The names of one searchable item, folded once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchNames {
    names: Vec<String>,
    short: Option<String>,
}

impl SearchNames {
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>, short: Option<&str>) -> Self {
        Self {
            names: names.into_iter().map(fold).filter(|n| !n.is_empty()).collect(),
            short: short.map(fold).filter(|s| !s.is_empty()),
        }
    }

    /// How well `query` (already folded) matches; lower is better, `None` is no match.
    pub fn score(&self, query: &str) -> Option<u32> {
        if query.is_empty() {
            return Some(0);
        }
        let short = self.short.as_deref().and_then(|short| {
            if short == query {
                Some(0)
            } else if short.starts_with(query) {
                Some(1)
            } else {
                None
            }
        });
        let query_words: Vec<&str> = query.split(' ').collect();
        let names = self
            .names
            .iter()
            .filter_map(|n| name_score(query, &query_words, n));
        short.into_iter().chain(names).min()
    }
}

/// The items matching `query`, best first; equally good matches keep their order (callers pass
/// them sorted by name). An empty query keeps every item. `score` rates an item against the
/// folded query (see [`SearchNames::score`]), so names can be folded once, ahead of searches.
pub fn rank<T>(query: &str, items: Vec<T>, score: impl Fn(&T, &str) -> Option<u32>) -> Vec<T> {
    let query = fold_query(query);
    if query.is_empty() {
        return items;
    }
    let mut scored: Vec<(u32, usize, T)> = items
        .into_iter()
        .enumerate()
        .filter_map(|(i, item)| score(&item, &query).map(|s| (s, i, item)))
        .collect();
    scored.sort_by_key(|(score, i, _)| (*score, *i));
    scored.into_iter().map(|(_, _, item)| item).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browsers_latin_table_agrees_with_the_full_decomposition() {
        for c in ('\u{c0}'..='\u{17f}').chain('a'..='z') {
            let full: String = c.to_string().nfd().filter(|c| !is_combining_mark(*c)).collect();
            assert_eq!(latin_without_accent(c).to_string(), full, "{c}");
        }
        assert!(COMBINING_ACCENTS.clone().all(is_combining_mark));
    }

    fn catalogue() -> Vec<(&'static str, &'static str, Option<&'static str>)> {
        vec![
            ("Arraché", "Snatch", None),
            ("Arraché debout", "Power snatch", None),
            ("Arraché suspendu", "Hang snatch", None),
            ("Épaulé", "Clean", None),
            ("Épaulé-jeté", "Clean and jerk", Some("EJ")),
            ("Jeté fendu", "Split jerk", None),
            ("Squat clavicules", "Front squat", None),
            ("Tirage lourd d'arraché", "Snatch pull", Some("TLA")),
            ("Tirage lourd d'épaulé", "Clean pull", Some("TLE")),
            ("Développé militaire", "Strict press", None),
        ]
    }

    /// The French names of `list` that `query` finds, best first.
    fn search_in(
        query: &str,
        list: Vec<(&'static str, &'static str, Option<&'static str>)>,
    ) -> Vec<&'static str> {
        rank(query, list, |(fr, en, short), q| {
            SearchNames::new([*fr, *en], *short).score(q)
        })
        .into_iter()
        .map(|(fr, _, _)| fr)
        .collect()
    }

    fn search(query: &str) -> Vec<&'static str> {
        search_in(query, catalogue())
    }

    /// Checks that each query finds its exercise first.
    fn assert_found_first(cases: &[(&str, &str)]) {
        for &(query, first) in cases {
            assert_eq!(search(query).first(), Some(&first), "{query}");
        }
    }

    #[test]
    fn the_cost_of_a_search_is_bounded_whatever_is_typed() {
        let words = "arrache ".repeat(100_000);
        let folded = fold_query(&words);
        assert!(folded.split(' ').count() <= MAX_QUERY_WORDS);
        assert!(folded.chars().count() <= QUERY_MAX);
        let long_word = "a".repeat(300_000);
        assert!(fold_query(&long_word).chars().count() <= QUERY_MAX);
        assert_eq!(allowed_typos(&"a".repeat(MAX_TYPO_WORD + 1)), 0);
        // A long search still finds by its first words.
        assert_eq!(search(&"arrache ".repeat(50)).first(), Some(&"Arraché"));
    }

    #[test]
    fn folding_drops_case_accents_and_punctuation() {
        assert_eq!(fold("Tirage lourd d'Arraché"), "tirage lourd d arrache");
        assert_eq!(fold("  Épaulé-jeté "), "epaule jete");
        assert_eq!(fold("Développé"), "developpe");
        assert_eq!(fold("1/4 squat"), "1 4 squat");
    }

    #[test]
    fn accents_and_case_do_not_matter() {
        assert_found_first(&[
            ("ARRACHE", "Arraché"),
            ("epaule", "Épaulé"),
            ("développé", "Développé militaire"),
        ]);
    }

    #[test]
    fn a_small_typo_still_finds_the_exercise() {
        assert_found_first(&[
            // One missing letter.
            ("arache", "Arraché"),
            // Two swapped letters.
            ("sanTch", "Arraché"),
        ]);
        // While typing, with a typo in the part already typed.
        assert!(search("devlop").contains(&"Développé militaire"));
        // Short words must be exact: "jet" is not "jeu" and not "set".
        assert!(search("set").is_empty());
    }

    #[test]
    fn short_names_and_initials_find_their_exercise_first() {
        assert_found_first(&[
            ("TLA", "Tirage lourd d'arraché"),
            ("tle", "Tirage lourd d'épaulé"),
            ("ej", "Épaulé-jeté"),
        ]);
    }

    #[test]
    fn the_english_name_finds_the_french_exercise() {
        assert_found_first(&[("snatch", "Arraché"), ("power sn", "Arraché debout")]);
        assert_eq!(search("front squat"), vec!["Squat clavicules"]);
    }

    #[test]
    fn best_matches_come_first() {
        let found = search("arrache");
        // The exact name, then names starting with it, then names containing it.
        assert_eq!(found[..3], ["Arraché", "Arraché debout", "Arraché suspendu"]);
        assert_eq!(found.last(), Some(&"Tirage lourd d'arraché"));
        // Every snatch variant, and nothing else.
        assert_eq!(found.len(), 4);
    }

    #[test]
    fn with_a_typo_the_closest_whole_name_comes_first_in_either_language() {
        // Listed in English order, as an English-speaking coach sees them.
        let mut english = catalogue();
        english.sort_by_key(|(_, en, _)| *en);
        let found = search_in("arache", english);
        assert_eq!(found[0], "Arraché");
        // Then the names that start with the word (in the list's order: Hang…, Power…), before
        // those that contain it later.
        assert_eq!(found[1..3], ["Arraché suspendu", "Arraché debout"]);
        assert_eq!(found.last(), Some(&"Tirage lourd d'arraché"));
    }

    #[test]
    fn several_words_in_any_order() {
        assert_eq!(search("snatch hang"), vec!["Arraché suspendu"]);
        assert_eq!(search("lourd tirage epaule"), vec!["Tirage lourd d'épaulé"]);
    }

    #[test]
    fn an_empty_query_keeps_everything_in_order() {
        assert_eq!(search("  ").len(), catalogue().len());
        assert_eq!(search("")[0], "Arraché");
    }
}
