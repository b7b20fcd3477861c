//! The club's exercises by name, for the references of percentages: exact names, names being
//! typed, and names with typos.

use super::MAX_CANDIDATES;
use crate::catalogue::Exercise;
use crate::catalogue::search::fold;
use crate::ids::ExerciseId;
use std::collections::HashMap;

/// One exercise as the lexicon knows it: its names (French, English, short), folded.
#[derive(Debug, Clone)]
struct Entry {
    id: ExerciseId,
    names: Vec<LexName>,
}

/// A folded name and its words.
#[derive(Debug, Clone)]
struct LexName {
    folded: String,
    words: Vec<LexWord>,
}

/// A word of a name, ready for comparisons with typos.
#[derive(Debug, Clone)]
struct LexWord {
    text: String,
    chars: Vec<char>,
    letters: u64,
}

impl LexName {
    fn new(folded: String) -> Self {
        let words = folded
            .split(' ')
            .map(|w| LexWord {
                text: w.to_owned(),
                chars: w.chars().collect(),
                letters: letters(w.chars()),
            })
            .collect();
        Self { folded, words }
    }

    /// How well `query` (folded, of `words`) matches without typos: 1 the name starts with it,
    /// 2 each word typed starts a word of the name, 3 the name contains it.
    fn score(&self, query: &str, words: &[Query]) -> Option<u32> {
        if self.folded.starts_with(query) {
            Some(1)
        } else if words
            .iter()
            .all(|q| self.words.iter().any(|w| w.text.starts_with(&q.text)))
        {
            Some(2)
        } else if self.folded.contains(query) {
            Some(3)
        } else {
            None
        }
    }

    /// How well `words` match with typos: each word typed is, within its typos, the start of a
    /// word of the name. Fewer typos first, then a name of as many words as typed ("squat
    /// nuqe" is "squat nuque" rather than "squat nuque avec pause").
    fn score_with_typos(&self, words: &[Query]) -> Option<u32> {
        let mut total: u32 = 0;
        for q in words {
            let best = self.words.iter().filter_map(|w| typos(q, w)).min()?;
            total = total.saturating_add(best);
        }
        let other_length = u32::from(self.words.len() != words.len());
        Some(
            TYPO_SCORE
                .saturating_add(total.saturating_mul(2))
                .saturating_add(other_length),
        )
    }
}

/// A word of a typed name.
struct Query {
    text: String,
    chars: Vec<char>,
    letters: u64,
}

/// The characters of a word as bits (a character may share its bit with others): a character
/// typed that is not among a word's is at least one typo.
fn letters(chars: impl Iterator<Item = char>) -> u64 {
    chars.fold(0, |bits, c| bits | 1 << (u32::from(c) % 64))
}

/// Typos are tolerated in words of at most this many characters.
const MAX_TYPO_WORD: usize = 24;

/// The typos a typed word may carry: none for short words, where one typo is another word.
fn allowed_typos(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        8..=MAX_TYPO_WORD => 2,
        _ => 0,
    }
}

/// The typos (insertions, deletions, substitutions, swaps of two neighbours) between a typed
/// word and the start of a name's word (or the whole word), if within the word's allowance.
fn typos(q: &Query, w: &LexWord) -> Option<u32> {
    let allowed = allowed_typos(q.chars.len());
    if allowed == 0 {
        return w.text.starts_with(&q.text).then_some(0);
    }
    if (q.letters & !w.letters).count_ones() as usize > allowed {
        return None;
    }
    let n = q.chars.len();
    let target = w.chars.get(..w.chars.len().min(n + allowed))?;
    let m = target.len();
    // Three rows of the distances between the word typed and the starts of the target.
    const ROW: usize = MAX_TYPO_WORD + 4;
    let (mut before, mut previous, mut current) = ([0_usize; ROW], [0_usize; ROW], [0_usize; ROW]);
    for (j, cell) in previous.iter_mut().enumerate().take(m + 1) {
        *cell = j;
    }
    for i in 1..=n {
        current[0] = i;
        for j in 1..=m {
            let (a, b) = (q.chars[i - 1], target[j - 1]);
            let mut d = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + usize::from(a != b));
            if i > 1 && j > 1 && a == target[j - 2] && q.chars[i - 2] == b {
                d = d.min(before[j - 2] + 1);
            }
            current[j] = d;
        }
        before = previous;
        previous = current;
    }
    // The word typed against the starts of about its length, and against the whole word.
    let shortest = n.saturating_sub(allowed);
    let best = previous.get(shortest..=m)?.iter().copied().min()?;
    (best <= allowed).then(|| u32::try_from(best).unwrap_or(u32::MAX))
}

/// The club's exercises by name, folded once (lower case, no accents): what
/// [`parse`](super::parse) resolves the reference of a percentage with.
///
/// Build it once per page (or per request) and reuse it on every keystroke: an exact name is
/// one hash lookup per span of words tried; a name being typed is compared with each name's
/// start and words; only a name that matches nothing so is compared with typos.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Every folded name and short name, with the exercises that bear it.
    exact: HashMap<String, Vec<ExerciseId>>,
    entries: Vec<Entry>,
    /// The most words of a name.
    pub(super) max_words: usize,
}

impl Lexicon {
    /// A lexicon of `(id, French name, English name, short name)`. Pass them sorted by name:
    /// the candidates of an ambiguous name keep that order.
    pub fn new<'a>(
        exercises: impl IntoIterator<Item = (ExerciseId, &'a str, &'a str, Option<&'a str>)>,
    ) -> Self {
        let mut lexicon = Lexicon::default();
        for (id, fr, en, short) in exercises {
            let names: Vec<LexName> = [fr, en]
                .into_iter()
                .chain(short)
                .map(fold)
                .filter(|n| !n.is_empty())
                .map(LexName::new)
                .collect();
            for name in &names {
                lexicon.max_words = lexicon.max_words.max(name.words.len());
                let ids = lexicon.exact.entry(name.folded.clone()).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            lexicon.entries.push(Entry { id, names });
        }
        lexicon
    }

    /// A lexicon of the club's exercises (archived ones included if the workouts may still
    /// name them).
    pub fn from_exercises<'a>(exercises: impl IntoIterator<Item = &'a Exercise>) -> Self {
        Self::new(exercises.into_iter().map(|e| {
            (
                e.id,
                e.names.fr.as_str(),
                e.names.en.as_str(),
                e.short_name.as_deref(),
            )
        }))
    }

    /// The number of exercises.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True without any exercise.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The exercises of exactly this folded name.
    pub(super) fn exact(&self, folded: &str) -> Option<&[ExerciseId]> {
        self.exact.get(folded).map(Vec::as_slice)
    }

    /// The exercise a folded name that is not exact means: the one best match without typos
    /// (a name being typed), else the one best match with typos, else the candidates.
    pub(super) fn fuzzy(&self, query: &str) -> Fuzzy {
        let words: Vec<Query> = query
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(|w| Query {
                text: w.to_owned(),
                chars: w.chars().collect(),
                letters: letters(w.chars()),
            })
            .collect();
        // No name has more words: nothing to compare.
        if words.is_empty() || words.len() > self.max_words {
            return Fuzzy::None;
        }
        let plain = self.best(|name| name.score(query, &words));
        match plain {
            Fuzzy::None => self.best(|name| name.score_with_typos(&words)),
            found => found,
        }
    }

    /// The exercises of the best (lowest) score by `score`.
    fn best(&self, score: impl Fn(&LexName) -> Option<u32>) -> Fuzzy {
        let mut best = u32::MAX;
        let mut ids: Vec<ExerciseId> = Vec::new();
        for entry in &self.entries {
            match entry.names.iter().filter_map(&score).min() {
                Some(s) if s < best => {
                    best = s;
                    ids.clear();
                    ids.push(entry.id);
                }
                // One more than listed is enough to know the name is ambiguous.
                Some(s) if s == best && ids.len() <= MAX_CANDIDATES && !ids.contains(&entry.id) => {
                    ids.push(entry.id);
                }
                _ => {}
            }
        }
        match ids.as_slice() {
            [] => Fuzzy::None,
            [id] => Fuzzy::One(*id),
            _ => Fuzzy::Many(ids.into_iter().take(MAX_CANDIDATES).collect()),
        }
    }
}

/// The scores of matches with typos start here, above those without.
const TYPO_SCORE: u32 = 10;

/// What a name that is not exact may mean.
pub(super) enum Fuzzy {
    None,
    One(ExerciseId),
    Many(Vec<ExerciseId>),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Percent;
    use crate::workout::Intensity;
    use crate::workout::shorthand::fixtures::{
        BACK_SQUAT, FRONT_SQUAT, OVERHEAD_SQUAT, PAUSE_BACK_SQUAT, SNATCH, SNATCH_BALANCE, SNATCH_PULL,
        assert_reads, assert_refused, block, pct_of,
    };
    use crate::workout::shorthand::{ShorthandError, ShorthandProblem, parse};

    #[test]
    fn a_name_with_a_typo_or_half_typed_is_taken_only_when_unambiguous() {
        assert_reads(&[
            // One letter swapped or missing.
            ("5x3 @80% sntach", vec![block(5, &[3], pct_of(80, SNATCH))]),
            ("5x3 @80% arache", vec![block(5, &[3], pct_of(80, SNATCH))]),
            // Of as many words as typed: not "squat nuque avec pause".
            (
                "5x3 @80% squat nuqe",
                vec![block(5, &[3], pct_of(80, BACK_SQUAT))],
            ),
            // Being typed, and only one name starts so.
            (
                "5x3 @80% tirage lourd d'arr",
                vec![block(5, &[3], pct_of(80, SNATCH_PULL))],
            ),
            ("5x3 @80% snatch p", vec![block(5, &[3], pct_of(80, SNATCH_PULL))]),
        ]);
        assert_refused(&[
            (
                "5x3 @75% snatc",
                9,
                14,
                ShorthandProblem::AmbiguousExercise {
                    // Names that start so, not "power snatch".
                    candidates: vec![SNATCH, SNATCH_PULL, SNATCH_BALANCE],
                },
            ),
            (
                "5x3 @75% de l'sq",
                14,
                16,
                ShorthandProblem::AmbiguousExercise {
                    candidates: vec![BACK_SQUAT, FRONT_SQUAT, OVERHEAD_SQUAT, PAUSE_BACK_SQUAT],
                },
            ),
            ("5x3 @75% bench press", 9, 20, ShorthandProblem::UnknownExercise),
            ("5x3 @75% of xyz 2min", 12, 15, ShorthandProblem::UnknownExercise),
            ("5x3 @75% de", 9, 11, ShorthandProblem::UnknownExercise),
        ]);
    }

    #[test]
    fn a_lexicon_is_built_from_the_club_s_exercises() {
        use crate::catalogue::{Exercise, Names};
        let mut snatch = Exercise::named(
            SNATCH,
            Names {
                fr: "Arraché".into(),
                en: "Snatch".into(),
            },
        );
        snatch.short_name = Some("A".into());
        let lexicon = Lexicon::from_exercises([&snatch]);
        assert_eq!(lexicon.len(), 1);
        assert!(!lexicon.is_empty());
        assert_eq!(
            parse("5x3 @80% a", &lexicon),
            Ok(vec![block(5, &[3], pct_of(80, SNATCH))])
        );
        assert!(Lexicon::default().is_empty());
        assert_eq!(
            parse("5x3 @80% snatch", &Lexicon::default()),
            Err(ShorthandError::new(9, 15, ShorthandProblem::UnknownExercise))
        );
    }

    #[test]
    fn the_default_catalogue_resolves_its_names() {
        let file = crate::catalogue::default::file().unwrap();
        let lexicon = Lexicon::new(file.exercises.iter().enumerate().map(|(i, e)| {
            (
                ExerciseId(i as i64),
                e.fr.as_str(),
                e.en.as_str(),
                e.short.as_deref(),
            )
        }));
        let id = |fr: &str| {
            file.exercises
                .iter()
                .position(|e| e.fr == fr)
                .map(|i| ExerciseId(i as i64))
        };
        for (typed, fr) in [
            ("snatch", "Arraché"),
            ("de l'arraché", "Arraché"),
            ("TLA", "Tirage lourd d'arraché"),
            ("snatch pull", "Tirage lourd d'arraché"),
            ("du squat nuque", "Squat nuque"),
            ("squat clavicules", "Squat clavicules"),
            ("OHS", "Squat arraché"),
            ("EJ", "Épaulé-jeté"),
            ("hang power snatch", "Arraché debout suspendu"),
        ] {
            let of = id(fr);
            assert!(of.is_some(), "{fr}");
            assert_eq!(
                parse(&format!("3x2 @80% {typed}"), &lexicon).map(|b| b[0].intensity),
                Ok(Intensity::Percent {
                    percent: Percent::whole(80),
                    of
                }),
                "{typed}"
            );
        }
        let ambiguous = parse("3x2 @80% snatc", &lexicon);
        assert!(
            matches!(
                ambiguous,
                Err(ShorthandError {
                    start: 9,
                    end: 14,
                    problem: ShorthandProblem::AmbiguousExercise { ref candidates },
                }) if candidates.len() == MAX_CANDIDATES
            ),
            "{ambiguous:?}"
        );
    }
}
