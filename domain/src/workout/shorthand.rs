//! The shorthand a coach types for an element's blocks (`5x3 @75%`), read and written back.
//!
//! One text field per element holds its blocks. [`parse`] reads it, live in the browser and
//! again on the server, against a [`Lexicon`] of the club's exercises (built once per page);
//! [`print`] writes blocks back in the canonical shorthand, and [`describe`] in full words, in
//! French or English, so the coach can check what was understood.
//!
//! # What is read
//!
//! Blocks are separated by `,` or `;`. A comma directly between two digits is a decimal comma
//! (`82,5%`), except right after a whole number of sets or reps (`75%x2,80%x2` is two blocks).
//! A block is one of:
//!
//! - **sets × reps at an intensity**: `5x3 @75%`, `4x2 @100kg`, `3x5 @RPE8`. The times sign is
//!   `x`, `X` or `×`; the `@` may be left out (`5x3 75%`). Reps per movement of a complex are
//!   joined by `+`, in parentheses or not: `3x(1+1) @80%`, `3x1+1 @80%`.
//! - **a pyramid step**: `75%x2` (one set of 2 at 75 %), `85%x1x3` (3 sets of 1), `100kgx3`.
//!
//! An intensity is a percentage (`75%`, `82,5 %`), kilograms (`100kg`, `102.5 kg`) or an RPE
//! (`RPE8`, `rpe 8,5`, `8.5 RPE`); its unit is required. A percentage may be followed by the
//! exercise it is a percentage of (else it is of the element's own reference lift): its French
//! or English name or its short name, in any case and with or without accents, after an
//! optional `of`, `de`, `du`, `d'`, `de l'`… (`@80% snatch`, `@80% de l'arraché`, `@80 % TLA`).
//! A block may end with the rest between its sets: `120s`, `90"`, `2min`, `2 min`, `2'`,
//! `1'30`, `1 min 30 s`, `1,5 min`.
//!
//! Numbers are written with a dot or a comma; spaces are optional between the parts. A name
//! is matched as the catalogue search compares names: punctuation separates words and is
//! otherwise ignored, so a name can hold any character but `,` and `;` (which end the block).
//! The longest exact name wins; a name typed in part or with a typo is taken when only one
//! exercise fits best (else [`ShorthandProblem::AmbiguousExercise`] lists them).
//!
//! # Errors
//!
//! [`parse`] answers the first problem with its span, in **characters** (not bytes) of the text
//! as typed, so the builder can underline it. An empty span (`start == end`) marks where
//! something is missing (at the end of the text, or right after the reps for a missing
//! intensity): the builder shows a mark at that position. The text itself is never changed.

use super::{Block, BlockProblem, Element, Intensity, MAX_MOVEMENTS, Rpe};
use crate::catalogue::Exercise;
use crate::catalogue::search::fold;
use crate::ids::ExerciseId;
use crate::load::Percent;
use crate::text::{is_capital, is_small, push_lowercase};
use crate::weight::Kg;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::RangeInclusive;
use unicode_normalization::char::is_combining_mark;

/// The longest text [`parse`] reads, in characters: enough for [`Element::MAX_BLOCKS`] blocks of
/// the longest kind (eight movements, a reference of [`crate::catalogue::Name::MAX`] characters,
/// a rest), so that whatever [`print`] writes for valid blocks can be read back.
pub const MAX_CHARS: usize = 2_500;

/// The most candidates an [`ShorthandProblem::AmbiguousExercise`] lists.
pub const MAX_CANDIDATES: usize = 5;

/// The UI's language for [`describe`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// French.
    #[default]
    Fr,
    /// English.
    En,
}

/// What a value out of bounds is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quantity {
    /// Sets: a whole number within [`Block::SETS`].
    Sets,
    /// Reps of one movement: a whole number within [`Block::REPS`].
    Reps,
    /// Movements of a complex: at most [`MAX_MOVEMENTS`] numbers of reps.
    Movements,
    /// A percentage within [`Block::PERCENT`], to the hundredth.
    Percent,
    /// Kilograms within [`Block::KG`], to the gram.
    Kg,
    /// An RPE of 6 to 10 by halves.
    Rpe,
    /// A rest within [`Block::REST`] seconds, in whole seconds.
    Rest,
}

/// What is wrong with a shorthand, for the message under the field (the UI translates it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShorthandProblem {
    /// Nothing but spaces.
    Empty,
    /// Longer than `max` characters (the span is the excess).
    TooLong { max: usize },
    /// A number (sets, reps, a value) was expected here.
    ExpectedNumber,
    /// A times sign (`x`, `X` or `×`) was expected here.
    ExpectedTimes,
    /// An intensity (`75%`, `100kg`, `RPE8`) was expected here.
    ExpectedIntensity,
    /// The block has sets and reps but no intensity (`3x10`): the span is empty, right after
    /// the reps.
    MissingIntensity,
    /// A number without its unit (`@75`, a rest of `120`): `%`, `kg`, `RPE`, `s` or `min`.
    MissingUnit,
    /// A `(` without its `)` (the span is the `(`).
    UnclosedParenthesis,
    /// No exercise of the club has this name.
    UnknownExercise,
    /// Several exercises could be meant: the best `candidates` (at most [`MAX_CANDIDATES`]).
    AmbiguousExercise { candidates: Vec<ExerciseId> },
    /// A value out of its bounds, or more precise than it may be.
    OutOfRange { what: Quantity },
    /// More than `max` blocks (the span runs from the first block too many to the end).
    TooManyBlocks { max: usize },
    /// Text that has no place here (after kilograms or an RPE, after a name…).
    UnexpectedText,
}

/// A shorthand that could not be read: the problem and where it is.
///
/// `start` and `end` are offsets in **characters** (Unicode scalar values: not bytes, and not
/// the UTF-16 units of a JavaScript string) of the text as typed; `start <= end`, and `end` is
/// at most the text's length in characters. An empty span marks where something is missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{problem:?} at characters {start}..{end}")]
pub struct ShorthandError {
    pub start: usize,
    pub end: usize,
    pub problem: ShorthandProblem,
}

impl ShorthandError {
    /// The `problem` at characters `start..end`.
    pub fn new(start: usize, end: usize, problem: ShorthandProblem) -> Self {
        Self { start, end, problem }
    }
}

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

/// The club's exercises by name, folded once (lower case, no accents): what [`parse`] resolves
/// the reference of a percentage with.
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
    max_words: usize,
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
    fn exact(&self, folded: &str) -> Option<&[ExerciseId]> {
        self.exact.get(folded).map(Vec::as_slice)
    }

    /// The exercise a folded name that is not exact means: the one best match without typos
    /// (a name being typed), else the one best match with typos, else the candidates.
    fn fuzzy(&self, query: &str) -> Fuzzy {
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
enum Fuzzy {
    None,
    One(ExerciseId),
    Many(Vec<ExerciseId>),
}

/// Reads a shorthand into blocks, resolving reference exercises through `lexicon`.
///
/// Every block answered is within the model's bounds ([`Block::check`] is `None`), and there
/// are 1 to [`Element::MAX_BLOCKS`] of them. See the module's documentation for what is read;
/// the error's span is in characters.
pub fn parse(text: &str, lexicon: &Lexicon) -> Result<Vec<Block>, ShorthandError> {
    if text.chars().nth(MAX_CHARS).is_some() {
        return Err(ShorthandError::new(
            MAX_CHARS,
            text.chars().count(),
            ShorthandProblem::TooLong { max: MAX_CHARS },
        ));
    }
    Parser {
        chars: text.chars().collect(),
        pos: 0,
        lexicon,
    }
    .blocks()
}

/// The units a number may carry in a rest, in seconds or minutes.
const SECONDS: &[&str] = &[
    "secondes", "seconde", "seconds", "second", "secs", "sec", "s", "\"", "″", "''",
];
const MINUTES: &[&str] = &["minutes", "minute", "min", "mn", "'", "’", "′"];

/// A rest takes at most this many words ("1 min 30 s").
const MAX_REST_WORDS: usize = 4;

/// Words that may come before a reference's name and are not part of it.
const CONNECTORS: &[&str] = &["of", "the", "de", "du", "des", "d", "l", "la", "le", "les"];

fn is_times(c: char) -> bool {
    matches!(c, 'x' | 'X' | '×')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// A number as typed, with its span.
struct Num {
    start: usize,
    end: usize,
    text: String,
}

/// Whether a number may have a decimal comma (a dot is always read, to be refused where a
/// whole number is expected).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Comma {
    Decimal,
    Separator,
}

/// A word of a name: a run of letters and digits, folded, with its span.
struct Word {
    start: usize,
    end: usize,
    folded: String,
}

/// What the end of a block's text says about a rest.
enum RestRead {
    NotRest,
    Rest(u16),
    OutOfRange(usize, usize),
}

fn out_of_range(start: usize, end: usize, what: Quantity) -> ShorthandError {
    ShorthandError::new(start, end, ShorthandProblem::OutOfRange { what })
}

/// A whole number within `range`.
fn whole(num: &Num, what: Quantity, range: RangeInclusive<u16>) -> Result<u16, ShorthandError> {
    crate::decimal::parse(&num.text, 0)
        .ok()
        .and_then(|n| u16::try_from(n).ok())
        .filter(|n| range.contains(n))
        .ok_or_else(|| out_of_range(num.start, num.end, what))
}

fn percent(num: &Num, end: usize) -> Result<Intensity, ShorthandError> {
    crate::decimal::parse(&num.text, 2)
        .ok()
        .map(Percent::from_hundredths)
        .filter(|p| Block::PERCENT.contains(p))
        .map(|percent| Intensity::Percent { percent, of: None })
        .ok_or_else(|| out_of_range(num.start, end, Quantity::Percent))
}

fn kg(num: &Num, end: usize) -> Result<Intensity, ShorthandError> {
    crate::decimal::parse(&num.text, 3)
        .ok()
        .map(Kg::from_grams)
        .filter(|kg| Block::KG.contains(kg))
        .map(Intensity::Kg)
        .ok_or_else(|| out_of_range(num.start, end, Quantity::Kg))
}

fn rpe(num: &Num, start: usize, end: usize) -> Result<Intensity, ShorthandError> {
    crate::decimal::parse(&num.text, 1)
        .ok()
        .filter(|tenths| tenths % 5 == 0)
        .and_then(|tenths| u8::try_from(tenths / 5).ok())
        .and_then(Rpe::from_halves)
        .map(Intensity::Rpe)
        .ok_or_else(|| out_of_range(start, end, Quantity::Rpe))
}

/// A reader of one text, by characters.
struct Parser<'l> {
    chars: Vec<char>,
    pos: usize,
    lexicon: &'l Lexicon,
}

impl Parser<'_> {
    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    fn peek(&self) -> Option<char> {
        self.at(self.pos)
    }

    fn is_digit_at(&self, i: usize) -> bool {
        self.at(i).is_some_and(|c| c.is_ascii_digit())
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        if found {
            self.pos += 1;
        }
        found
    }

    fn text(&self, start: usize, end: usize) -> String {
        self.chars
            .get(start..end)
            .map(|s| s.iter().collect())
            .unwrap_or_default()
    }

    /// The span of what is at `at`: a word, one other character, or nothing at the end.
    fn token(&self, at: usize) -> (usize, usize) {
        match self.at(at) {
            None => (self.chars.len(), self.chars.len()),
            Some(c) if is_word_char(c) => {
                let mut end = at;
                while self.at(end).is_some_and(is_word_char) {
                    end += 1;
                }
                (at, end)
            }
            Some(_) => (at, at + 1),
        }
    }

    fn expected<T>(&self, problem: ShorthandProblem) -> Result<T, ShorthandError> {
        let (start, end) = self.token(self.pos);
        Err(ShorthandError::new(start, end, problem))
    }

    /// `start..end` without the spaces at either end (empty at `start` if only spaces).
    fn trim(&self, start: usize, end: usize) -> (usize, usize) {
        let mut s = start;
        let mut e = end;
        while s < e && self.at(s).is_some_and(char::is_whitespace) {
            s += 1;
        }
        while e > s && self.at(e - 1).is_some_and(char::is_whitespace) {
            e -= 1;
        }
        (s, e)
    }

    /// Where the block's text starting at `from` ends: at the next `;`, or `,` that is not a
    /// decimal comma (between two digits, the first within the block's rest of text), or at
    /// the end.
    fn separator(&self, from: usize) -> usize {
        let mut i = from;
        while let Some(c) = self.at(i) {
            let decimal = c == ',' && i > from && self.is_digit_at(i - 1) && self.is_digit_at(i + 1);
            if c == ';' || (c == ',' && !decimal) {
                return i;
            }
            i += 1;
        }
        self.chars.len()
    }

    /// The end of `unit` (lower-case ASCII, matched in any case) typed at `at`, when it ends
    /// there: a unit of letters must not run on into another letter, but for a times sign
    /// (`100kgx3`).
    fn unit(&self, at: usize, unit: &str) -> Option<usize> {
        let mut i = at;
        for u in unit.chars() {
            if !self.at(i)?.eq_ignore_ascii_case(&u) {
                return None;
            }
            i += 1;
        }
        let word = unit.chars().last().is_some_and(char::is_alphabetic);
        let runs_on = self.at(i).is_some_and(|c| c.is_alphabetic() && !is_times(c));
        (!(word && runs_on)).then_some(i)
    }

    fn units(&self, at: usize, units: &[&str]) -> Option<usize> {
        units.iter().find_map(|u| self.unit(at, u))
    }

    /// Digits, with a decimal part after a dot (or a comma, by `comma`) followed by a digit.
    fn number(&mut self, comma: Comma) -> Option<Num> {
        let start = self.pos;
        while self.is_digit_at(self.pos) {
            self.pos += 1;
        }
        if self.pos == start {
            return None;
        }
        let decimal = match self.peek() {
            Some('.') => true,
            Some(',') => comma == Comma::Decimal,
            _ => false,
        };
        if decimal && self.is_digit_at(self.pos + 1) {
            self.pos += 1;
            while self.is_digit_at(self.pos) {
                self.pos += 1;
            }
        }
        Some(Num {
            start,
            end: self.pos,
            text: self.text(start, self.pos),
        })
    }

    fn expect_number(&mut self, comma: Comma) -> Result<Num, ShorthandError> {
        match self.number(comma) {
            Some(num) => Ok(num),
            None => self.expected(ShorthandProblem::ExpectedNumber),
        }
    }

    fn expect_times(&mut self) -> Result<(), ShorthandError> {
        self.skip_ws();
        if self.peek().is_some_and(is_times) {
            self.pos += 1;
            Ok(())
        } else {
            self.expected(ShorthandProblem::ExpectedTimes)
        }
    }

    fn blocks(mut self) -> Result<Vec<Block>, ShorthandError> {
        self.skip_ws();
        if self.peek().is_none() {
            return Err(ShorthandError::new(0, self.chars.len(), ShorthandProblem::Empty));
        }
        let mut blocks = Vec::new();
        loop {
            self.skip_ws();
            let start = self.pos;
            if blocks.len() == Element::MAX_BLOCKS {
                let (_, end) = self.trim(start, self.chars.len());
                return Err(ShorthandError::new(
                    start,
                    end.max(start),
                    ShorthandProblem::TooManyBlocks {
                        max: Element::MAX_BLOCKS,
                    },
                ));
            }
            let block = self.block()?;
            if let Some(problem) = block.check() {
                // Every value is checked as it is read: a safety net only.
                let what = match problem {
                    BlockProblem::Sets => Quantity::Sets,
                    BlockProblem::Reps => Quantity::Reps,
                    BlockProblem::Percent => Quantity::Percent,
                    BlockProblem::Kg => Quantity::Kg,
                    BlockProblem::Rest => Quantity::Rest,
                    BlockProblem::Movements { .. } => Quantity::Movements,
                };
                let (s, e) = self.trim(start, self.pos);
                return Err(out_of_range(s, e, what));
            }
            blocks.push(block);
            // A block ends at a separator or at the end.
            if self.peek().is_none() {
                return Ok(blocks);
            }
            self.pos += 1;
        }
    }

    fn block(&mut self) -> Result<Block, ShorthandError> {
        self.skip_ws();
        let first = self.expect_number(Comma::Decimal)?;
        self.skip_ws();
        if self.eat('%') {
            let intensity = percent(&first, self.pos)?;
            return self.step(intensity);
        }
        if let Some(end) = self.unit(self.pos, "kg") {
            self.pos = end;
            let intensity = kg(&first, end)?;
            return self.step(intensity);
        }
        self.expect_times()?;
        let sets = whole(&first, Quantity::Sets, Block::SETS)?;
        let reps = self.reps()?;
        let reps_end = self.pos;
        self.skip_ws();
        match self.intensity()? {
            Some(intensity) => self.finish(sets, reps, intensity),
            None => {
                let to = self.separator(self.pos);
                if self.pos == to || !matches!(self.rest_at(self.pos, to), RestRead::NotRest) {
                    Err(ShorthandError::new(
                        reps_end,
                        reps_end,
                        ShorthandProblem::MissingIntensity,
                    ))
                } else {
                    self.expected(ShorthandProblem::ExpectedIntensity)
                }
            }
        }
    }

    /// A pyramid step after its load: `x` reps, optionally `x` sets.
    fn step(&mut self, intensity: Intensity) -> Result<Block, ShorthandError> {
        self.expect_times()?;
        let reps = self.reps()?;
        let after_reps = self.pos;
        self.skip_ws();
        let sets = if self.peek().is_some_and(is_times) {
            self.pos += 1;
            self.skip_ws();
            let sets = self.expect_number(Comma::Separator)?;
            whole(&sets, Quantity::Sets, Block::SETS)?
        } else {
            self.pos = after_reps;
            1
        };
        self.finish(sets, reps, intensity)
    }

    /// The reps of a set: `3`, `1+1` or `(1+1)`; the position is left after the last of them.
    fn reps(&mut self) -> Result<Vec<u16>, ShorthandError> {
        self.skip_ws();
        let start = self.pos;
        let open = self.eat('(');
        let mut reps = Vec::new();
        loop {
            self.skip_ws();
            let num = self.expect_number(Comma::Separator)?;
            reps.push(whole(&num, Quantity::Reps, Block::REPS)?);
            let after = self.pos;
            self.skip_ws();
            if !self.eat('+') {
                self.pos = after;
                break;
            }
        }
        if open {
            self.skip_ws();
            if !self.eat(')') {
                return Err(ShorthandError::new(
                    start,
                    start + 1,
                    ShorthandProblem::UnclosedParenthesis,
                ));
            }
        }
        if reps.len() > MAX_MOVEMENTS {
            return Err(out_of_range(start, self.pos, Quantity::Movements));
        }
        Ok(reps)
    }

    /// An intensity after the reps, `None` if nothing there looks like one.
    fn intensity(&mut self) -> Result<Option<Intensity>, ShorthandError> {
        let at_sign = self.eat('@');
        if at_sign {
            self.skip_ws();
        }
        let start = self.pos;
        if let Some(end) = self.unit(start, "rpe") {
            self.pos = end;
            self.skip_ws();
            let num = self.expect_number(Comma::Decimal)?;
            return rpe(&num, start, num.end).map(Some);
        }
        if !self.is_digit_at(start) {
            return match at_sign {
                true => self.expected(ShorthandProblem::ExpectedIntensity),
                false => Ok(None),
            };
        }
        if !at_sign {
            let to = self.separator(start);
            if !matches!(self.rest_at(start, to), RestRead::NotRest) {
                return Ok(None);
            }
        }
        let num = self.expect_number(Comma::Decimal)?;
        self.skip_ws();
        if self.eat('%') {
            return percent(&num, self.pos).map(Some);
        }
        if let Some(end) = self.unit(self.pos, "kg") {
            self.pos = end;
            return kg(&num, end).map(Some);
        }
        if let Some(end) = self.unit(self.pos, "rpe") {
            self.pos = end;
            return rpe(&num, start, end).map(Some);
        }
        Err(ShorthandError::new(
            num.start,
            num.end,
            ShorthandProblem::MissingUnit,
        ))
    }

    /// The end of a block: its reference (after a percentage) and its rest.
    fn finish(
        &mut self,
        sets: u16,
        reps: Vec<u16>,
        mut intensity: Intensity,
    ) -> Result<Block, ShorthandError> {
        let is_percent = matches!(intensity, Intensity::Percent { .. });
        let (reference, rest) = self.tail(is_percent)?;
        if let Intensity::Percent { of, .. } = &mut intensity {
            *of = reference;
        }
        Ok(Block {
            sets,
            reps,
            intensity,
            rest,
        })
    }

    /// Reads the rest of the block's text: an optional name (if `named`), an optional rest.
    fn tail(&mut self, named: bool) -> Result<(Option<ExerciseId>, Option<u16>), ShorthandError> {
        let from = self.pos;
        let to = self.separator(from);
        self.pos = to;
        let words = self.words(from, to);
        let mut split = to;
        let mut rest = None;
        for word in words.iter().skip(words.len().saturating_sub(MAX_REST_WORDS)) {
            if !self.is_digit_at(word.start) {
                continue;
            }
            match self.rest_at(word.start, to) {
                RestRead::NotRest => {}
                RestRead::Rest(seconds) => {
                    split = word.start;
                    rest = Some(seconds);
                    break;
                }
                RestRead::OutOfRange(s, e) => return Err(out_of_range(s, e, Quantity::Rest)),
            }
        }
        let (start, end) = self.trim(from, split);
        if start == end {
            return Ok((None, rest));
        }
        let unexpected = |s: usize| Err(ShorthandError::new(s, end, ShorthandProblem::UnexpectedText));
        if !named {
            return unexpected(start);
        }
        if let Some(at) = (start..end).find(|&i| self.at(i) == Some('@')) {
            return unexpected(at);
        }
        let name: Vec<&Word> = words.iter().take_while(|w| w.end <= split).collect();
        if name.is_empty() {
            return unexpected(start);
        }
        self.reference(&name, end).map(|id| (Some(id), rest))
    }

    /// The words of `from..to`.
    fn words(&self, from: usize, to: usize) -> Vec<Word> {
        let mut words = Vec::new();
        let mut i = from;
        while i < to {
            if self.at(i).is_some_and(is_word_char) {
                let start = i;
                while i < to && self.at(i).is_some_and(is_word_char) {
                    i += 1;
                }
                let folded = fold(&self.text(start, i));
                if !folded.is_empty() {
                    words.push(Word {
                        start,
                        end: i,
                        folded,
                    });
                }
            } else {
                i += 1;
            }
        }
        words
    }

    /// Whether `from..to` is exactly a rest, reading it without moving.
    fn rest_at(&mut self, from: usize, to: usize) -> RestRead {
        let saved = self.pos;
        self.pos = from;
        let read = self.read_rest(to);
        self.pos = saved;
        read
    }

    fn read_rest(&mut self, to: usize) -> RestRead {
        let start = self.pos;
        let Some(first) = self.number(Comma::Decimal) else {
            return RestRead::NotRest;
        };
        self.skip_ws();
        let seconds: Option<i64> = if let Some(end) = self.units(self.pos, SECONDS) {
            self.pos = end;
            crate::decimal::parse(&first.text, 0).ok()
        } else if let Some(end) = self.units(self.pos, MINUTES) {
            self.pos = end;
            // Minutes to the hundredth, as long as they make whole seconds (1,5 min).
            let minutes = crate::decimal::parse(&first.text, 2)
                .ok()
                .and_then(|h| h.checked_mul(60))
                .filter(|h| h % 100 == 0)
                .map(|h| h / 100);
            let after_minutes = self.pos;
            self.skip_ws();
            match self.number(Comma::Separator) {
                Some(more) => {
                    let after_number = self.pos;
                    self.skip_ws();
                    match self.units(self.pos, SECONDS) {
                        Some(end) => self.pos = end,
                        None => self.pos = after_number,
                    }
                    let more = crate::decimal::parse(&more.text, 0).ok().filter(|s| *s < 60);
                    minutes.zip(more).map(|(m, s)| m + s)
                }
                None => {
                    self.pos = after_minutes;
                    minutes
                }
            }
        } else {
            return RestRead::NotRest;
        };
        let end = self.pos;
        self.skip_ws();
        if self.pos != to {
            return RestRead::NotRest;
        }
        match seconds
            .and_then(|s| u16::try_from(s).ok())
            .filter(|s| Block::REST.contains(s))
        {
            Some(seconds) => RestRead::Rest(seconds),
            None => RestRead::OutOfRange(start, end),
        }
    }

    /// The exercise the words of a reference name mean (the name's text ends at `end`).
    fn reference(&self, words: &[&Word], end: usize) -> Result<ExerciseId, ShorthandError> {
        let join = |words: &[&Word]| {
            words
                .iter()
                .map(|w| w.folded.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let found = |ids: &[ExerciseId], start: usize| match ids {
            [id] => Ok(*id),
            _ => Err(ShorthandError::new(
                start,
                end,
                ShorthandProblem::AmbiguousExercise {
                    candidates: ids.iter().copied().take(MAX_CANDIDATES).collect(),
                },
            )),
        };
        // The name as typed, then without "of", "de l'"… in front, one word at a time.
        let mut levels = vec![0];
        while let Some(word) = words.get(levels.len() - 1)
            && CONNECTORS.contains(&word.folded.as_str())
        {
            levels.push(levels.len());
        }
        let max_words = self.lexicon.max_words;
        for &level in &levels {
            if let Some(name) = words.get(level..).filter(|w| w.len() <= max_words)
                && let Some(ids) = self.lexicon.exact(&join(name))
                && let Some(word) = name.first()
            {
                return found(ids, word.start);
            }
        }
        let core = levels.len() - 1;
        let (Some(first), Some(name)) = (words.get(core), words.get(core..)) else {
            // Only "de", "of"…
            let start = words.first().map_or(end, |w| w.start);
            return Err(ShorthandError::new(start, end, ShorthandProblem::UnknownExercise));
        };
        let fuzzy = self.lexicon.fuzzy(&join(name));
        if let Fuzzy::One(id) = fuzzy {
            return Ok(id);
        }
        // A known name followed by something else: the longest, then the rest is out of place.
        for &level in &levels {
            let longest = (level + 1..words.len().min(level + max_words + 1))
                .rev()
                .find(|&j| {
                    words
                        .get(level..j)
                        .is_some_and(|w| self.lexicon.exact(&join(w)).is_some())
                });
            if let Some(leftover) = longest.and_then(|j| words.get(j)) {
                return Err(self.leftover(leftover, end));
            }
        }
        if first.folded.chars().all(|c| c.is_ascii_digit()) {
            return Err(self.leftover(first, end));
        }
        Err(match fuzzy {
            Fuzzy::Many(candidates) => ShorthandError::new(
                first.start,
                end,
                ShorthandProblem::AmbiguousExercise { candidates },
            ),
            _ => ShorthandError::new(first.start, end, ShorthandProblem::UnknownExercise),
        })
    }

    /// The error for what follows a name: a number without its unit, or text out of place.
    fn leftover(&self, word: &Word, end: usize) -> ShorthandError {
        if word.folded.chars().all(|c| c.is_ascii_digit()) {
            ShorthandError::new(word.start, word.end, ShorthandProblem::MissingUnit)
        } else {
            ShorthandError::new(word.start, end, ShorthandProblem::UnexpectedText)
        }
    }
}

/// A reference's name as printed: `,`, `;` and `@` (which would end or break the block) become
/// spaces, which change nothing to how the name is matched.
fn printable_name(name: &str) -> String {
    name.chars()
        .map(|c| if matches!(c, ',' | ';' | '@') { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// The reps of a set: `3` or `(1+1)`, joined by `plus`.
fn reps_text(reps: &[u16], plus: &str) -> String {
    let list: Vec<String> = reps.iter().map(u16::to_string).collect();
    match list.as_slice() {
        [one] => one.clone(),
        _ => format!("({})", list.join(plus)),
    }
}

/// The blocks in the canonical shorthand, which [`parse`] reads back to the same blocks.
///
/// Blocks are written `5x3 @75%`, `3x(1+1) @80% snatch`, `4x2 @100kg`, `3x5 @RPE8.5`, with the
/// rest as ` 120s`, joined by `, `, with dots for decimals. A list of several blocks that
/// starts with a single set and whose loads are all percentages of the element's own lift or
/// kilograms is written as a pyramid: `75%x2, 80%x2, 85%x1x3`.
///
/// `name` gives the name of a reference exercise (the short name, or the name in the page's
/// language); with `None` the reference is left out. For the text to read back to the same
/// reference, the name must be one the lexicon resolves to that exercise (names of several
/// words are fine).
pub fn print(blocks: &[Block], name: impl Fn(ExerciseId) -> Option<String>) -> String {
    let pyramid = blocks.len() > 1
        && blocks.first().is_some_and(|b| b.sets == 1)
        && blocks.iter().all(|b| {
            matches!(
                b.intensity,
                Intensity::Percent { of: None, .. } | Intensity::Kg(_)
            )
        });
    let mut parts = Vec::with_capacity(blocks.len());
    for block in blocks {
        let reps = reps_text(&block.reps, "+");
        let mut part = match (pyramid, block.intensity) {
            (true, intensity) => {
                let load = match intensity {
                    Intensity::Percent { percent, .. } => format!("{percent}%"),
                    Intensity::Kg(kg) => format!("{kg}kg"),
                    Intensity::Rpe(rpe) => format!("RPE{rpe}"),
                };
                match block.sets {
                    1 => format!("{load}x{reps}"),
                    sets => format!("{load}x{reps}x{sets}"),
                }
            }
            (false, Intensity::Percent { percent, of }) => {
                let reference = of
                    .and_then(&name)
                    .map(|n| printable_name(&n))
                    .filter(|n| !n.is_empty());
                match reference {
                    Some(n) => format!("{}x{reps} @{percent}% {n}", block.sets),
                    None => format!("{}x{reps} @{percent}%", block.sets),
                }
            }
            (false, Intensity::Kg(kg)) => format!("{}x{reps} @{kg}kg", block.sets),
            (false, Intensity::Rpe(rpe)) => format!("{}x{reps} @RPE{rpe}", block.sets),
        };
        if let Some(rest) = block.rest {
            part.push_str(&format!(" {rest}s"));
        }
        parts.push(part);
    }
    parts.join(", ")
}

/// A name inside a sentence: a capital followed by a small letter is lowered ("Arraché" →
/// "arraché"), acronyms stay ("TLA").
fn in_sentence(name: &str) -> String {
    let name = name.trim();
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if is_capital(first) && is_small(second) => {
            let mut lowered = String::with_capacity(name.len());
            push_lowercase(&mut lowered, first);
            lowered.extend(name.chars().skip(1));
            lowered
        }
        _ => name.to_owned(),
    }
}

/// A decimal number ("82.5") in the language's form ("82,5" in French).
fn localised(number: String, language: Language) -> String {
    match language {
        Language::Fr => number.replace('.', ","),
        Language::En => number,
    }
}

/// A rest in words: "2 min", "1 min 30 s", "45 s", with `space` between numbers and units.
fn rest_text(seconds: u16, space: &str) -> String {
    match (seconds / 60, seconds % 60) {
        (0, s) => format!("{s}{space}s"),
        (m, 0) => format!("{m}{space}min"),
        (m, s) => format!("{m}{space}min{space}{s}{space}s"),
    }
}

/// The blocks in full words, one sentence per block, in `language`: "5 séries de 3 à 75 % de
/// l'arraché, repos 2 min", "5 sets of 3 at 75% of snatch, rest 2 min".
///
/// `own` is the name of the element's own reference lift (a percentage with no reference is
/// of it; `None` leaves it out), `name` the name of a reference exercise (`None` leaves it
/// out). French puts a non-breaking space before units and writes decimal commas; names that
/// start with a capital followed by a small letter are lowered ("Arraché" → "arraché").
pub fn describe(
    blocks: &[Block],
    language: Language,
    own: Option<&str>,
    name: impl Fn(ExerciseId) -> Option<String>,
) -> Vec<String> {
    let (space, plus) = match language {
        Language::Fr => ("\u{a0}", " + "),
        Language::En => (" ", " + "),
    };
    blocks
        .iter()
        .map(|block| {
            let sets = match (language, block.sets) {
                (Language::Fr, 1) => "1 série".to_owned(),
                (Language::Fr, n) => format!("{n} séries"),
                (Language::En, 1) => "1 set".to_owned(),
                (Language::En, n) => format!("{n} sets"),
            };
            let reps = reps_text(&block.reps, plus);
            let intensity = match block.intensity {
                Intensity::Percent { percent, of } => {
                    let number = localised(percent.to_string(), language);
                    let unit = match language {
                        Language::Fr => format!("{number}\u{a0}%"),
                        Language::En => format!("{number}%"),
                    };
                    let reference = match of {
                        Some(id) => name(id),
                        None => own.map(str::to_owned),
                    }
                    .map(|n| in_sentence(&n))
                    .filter(|n| !n.is_empty());
                    match (reference, language) {
                        (None, _) => unit,
                        (Some(n), Language::En) => format!("{unit} of {n}"),
                        (Some(n), Language::Fr) => {
                            let elided = fold(&n)
                                .chars()
                                .next()
                                .is_some_and(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'h'));
                            match elided {
                                true => format!("{unit} de l'{n}"),
                                false => format!("{unit} de {n}"),
                            }
                        }
                    }
                }
                Intensity::Kg(kg) => format!("{}{space}kg", localised(kg.to_string(), language)),
                Intensity::Rpe(rpe) => format!("RPE{space}{}", localised(rpe.to_string(), language)),
            };
            let rest = match (block.rest, language) {
                (None, _) => String::new(),
                (Some(0), Language::Fr) => ", sans repos".to_owned(),
                (Some(0), Language::En) => ", no rest".to_owned(),
                (Some(s), Language::Fr) => format!(", repos {}", rest_text(s, space)),
                (Some(s), Language::En) => format!(", rest {}", rest_text(s, space)),
            };
            match language {
                Language::Fr => format!("{sets} de {reps} à {intensity}{rest}"),
                Language::En => format!("{sets} of {reps} at {intensity}{rest}"),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SNATCH: ExerciseId = ExerciseId(1);
    const CLEAN: ExerciseId = ExerciseId(2);
    const CLEAN_AND_JERK: ExerciseId = ExerciseId(3);
    const SNATCH_PULL: ExerciseId = ExerciseId(4);
    const BACK_SQUAT: ExerciseId = ExerciseId(5);
    const FRONT_SQUAT: ExerciseId = ExerciseId(6);
    const OVERHEAD_SQUAT: ExerciseId = ExerciseId(7);
    const POWER_SNATCH: ExerciseId = ExerciseId(8);
    const SNATCH_BALANCE: ExerciseId = ExerciseId(9);
    const PAUSE_BACK_SQUAT: ExerciseId = ExerciseId(10);
    const CLEAN_HIGH_PULL: ExerciseId = ExerciseId(11);
    const DUMBBELL_PRESS: ExerciseId = ExerciseId(12);

    /// (id, French, English, short name)
    const EXERCISES: &[(ExerciseId, &str, &str, Option<&str>)] = &[
        (SNATCH, "Arraché", "Snatch", None),
        (CLEAN, "Épaulé", "Clean", None),
        (CLEAN_AND_JERK, "Épaulé-jeté", "Clean and jerk", Some("EJ")),
        (SNATCH_PULL, "Tirage lourd d'arraché", "Snatch pull", Some("TLA")),
        (BACK_SQUAT, "Squat nuque", "Back squat", None),
        (FRONT_SQUAT, "Squat clavicules", "Front squat", None),
        (OVERHEAD_SQUAT, "Squat arraché", "Overhead squat", Some("OHS")),
        (POWER_SNATCH, "Arraché debout", "Power snatch", None),
        (SNATCH_BALANCE, "Snatch balance", "Snatch balance", None),
        (
            PAUSE_BACK_SQUAT,
            "Squat nuque avec pause",
            "Pause back squat",
            None,
        ),
        (
            CLEAN_HIGH_PULL,
            "Tirage haut d'épaulé",
            "Clean high pull",
            Some("THE"),
        ),
        (DUMBBELL_PRESS, "Développé haltères", "Dumbbell press", None),
    ];

    fn lexicon() -> Lexicon {
        Lexicon::new(EXERCISES.iter().copied())
    }

    /// The name of `id`: 0 French, 1 English, 2 the short name (else French).
    fn name_of(id: ExerciseId, which: usize) -> Option<String> {
        let &(_, fr, en, short) = EXERCISES.iter().find(|e| e.0 == id)?;
        let name = match which {
            0 => fr,
            1 => en,
            _ => short.unwrap_or(fr),
        };
        Some(name.to_owned())
    }

    fn read(text: &str) -> Result<Vec<Block>, ShorthandError> {
        parse(text, &lexicon())
    }

    fn pct(percent: i64) -> Intensity {
        Intensity::Percent {
            percent: Percent::whole(percent),
            of: None,
        }
    }

    fn pct_of(percent: i64, of: ExerciseId) -> Intensity {
        Intensity::Percent {
            percent: Percent::whole(percent),
            of: Some(of),
        }
    }

    fn block(sets: u16, reps: &[u16], intensity: Intensity) -> Block {
        Block {
            sets,
            reps: reps.to_vec(),
            intensity,
            rest: None,
        }
    }

    fn rested(mut b: Block, seconds: u16) -> Block {
        b.rest = Some(seconds);
        b
    }

    fn kg(grams: i64) -> Intensity {
        Intensity::Kg(Kg::from_grams(grams))
    }

    fn rpe(halves: u8) -> Intensity {
        Intensity::Rpe(Rpe::from_halves(halves).unwrap())
    }

    /// Each text reads as these blocks.
    fn assert_reads(cases: &[(&str, Vec<Block>)]) {
        for (text, blocks) in cases {
            assert_eq!(read(text).as_ref(), Ok(blocks), "{text:?}");
        }
    }

    /// Each text is refused with this problem at these characters.
    fn assert_refused(cases: &[(&str, usize, usize, ShorthandProblem)]) {
        for (text, start, end, problem) in cases {
            assert_eq!(
                read(text),
                Err(ShorthandError::new(*start, *end, problem.clone())),
                "{text:?}"
            );
        }
    }

    #[test]
    fn sets_reps_and_a_percentage_of_the_element_s_own_lift() {
        let five_by_three = vec![block(5, &[3], pct(75))];
        assert_reads(&[
            ("5x3 @75%", five_by_three.clone()),
            ("5X3 @75%", five_by_three.clone()),
            ("5×3 @75%", five_by_three.clone()),
            ("5x3@75%", five_by_three.clone()),
            ("5x3 75%", five_by_three.clone()),
            ("  5 x 3  @ 75 %  ", five_by_three.clone()),
            ("5\u{a0}x\u{a0}3\u{a0}@75\u{a0}%", five_by_three),
            (
                "5x3 @82.5%",
                vec![block(
                    5,
                    &[3],
                    Intensity::Percent {
                        percent: Percent::from_hundredths(8_250),
                        of: None,
                    },
                )],
            ),
            (
                "5x3 @82,25 %",
                vec![block(
                    5,
                    &[3],
                    Intensity::Percent {
                        percent: Percent::from_hundredths(8_225),
                        of: None,
                    },
                )],
            ),
        ]);
    }

    #[test]
    fn a_complex_has_reps_per_movement_and_a_reference_by_name() {
        assert_reads(&[
            ("3x(1+1) @80% snatch", vec![block(3, &[1, 1], pct_of(80, SNATCH))]),
            ("3 x ( 1 + 1 + 2 ) @80%", vec![block(3, &[1, 1, 2], pct(80))]),
            ("3x1+1 @80%", vec![block(3, &[1, 1], pct(80))]),
        ]);
    }

    #[test]
    fn kilograms_and_rpe() {
        assert_reads(&[
            ("4x2 @100kg", vec![block(4, &[2], kg(100_000))]),
            ("4x2 @100 kg", vec![block(4, &[2], kg(100_000))]),
            ("4x2 @102.5kg", vec![block(4, &[2], kg(102_500))]),
            ("4x2 @102,5kg", vec![block(4, &[2], kg(102_500))]),
            ("4x2 @102,5 KG", vec![block(4, &[2], kg(102_500))]),
            ("3x5 @RPE8", vec![block(3, &[5], rpe(16))]),
            ("3x5 @RPE 8.5", vec![block(3, &[5], rpe(17))]),
            ("3x5 @rpe8,5", vec![block(3, &[5], rpe(17))]),
            ("3x5 RPE 10", vec![block(3, &[5], rpe(20))]),
            ("3x5 @8.5 RPE", vec![block(3, &[5], rpe(17))]),
        ]);
    }

    #[test]
    fn a_pyramid_is_read_as_blocks() {
        let pyramid = vec![
            block(1, &[2], pct(75)),
            block(1, &[2], pct(80)),
            block(3, &[1], pct(85)),
        ];
        assert_reads(&[
            ("75%x2, 80%x2, 85%x1x3", pyramid.clone()),
            ("75%x2,80%x2;85%x1x3", pyramid.clone()),
            ("75 % × 2 ; 80 % × 2 ; 85 % × 1 × 3", pyramid),
            (
                "82,5%x2, 85%x1",
                vec![
                    block(
                        1,
                        &[2],
                        Intensity::Percent {
                            percent: Percent::from_hundredths(8_250),
                            of: None,
                        },
                    ),
                    block(1, &[1], pct(85)),
                ],
            ),
            (
                "100kgx3, 105 kg x 2 x 2",
                vec![block(1, &[3], kg(100_000)), block(2, &[2], kg(105_000))],
            ),
            ("80%x(1+1) snatch", vec![block(1, &[1, 1], pct_of(80, SNATCH))]),
            (
                "5x3 @75%, 3x2 @85%",
                vec![block(5, &[3], pct(75)), block(3, &[2], pct(85))],
            ),
            (
                "5x3 @75%;3x2 @RPE9, 2x1 @110kg",
                vec![
                    block(5, &[3], pct(75)),
                    block(3, &[2], rpe(18)),
                    block(2, &[1], kg(110_000)),
                ],
            ),
        ]);
    }

    #[test]
    fn a_rest_ends_a_block() {
        let b = || block(5, &[3], pct(75));
        assert_reads(&[
            ("5x3 @75% 120s", vec![rested(b(), 120)]),
            ("5x3 @75%120s", vec![rested(b(), 120)]),
            ("5x3 @75% 120 s", vec![rested(b(), 120)]),
            ("5x3 @75% 90\"", vec![rested(b(), 90)]),
            ("5x3 @75% 2min", vec![rested(b(), 120)]),
            ("5x3 @75% 2 min", vec![rested(b(), 120)]),
            ("5x3 @75% 2'", vec![rested(b(), 120)]),
            ("5x3 @75% 2’", vec![rested(b(), 120)]),
            ("5x3 @75% 1'30", vec![rested(b(), 90)]),
            ("5x3 @75% 1'30\"", vec![rested(b(), 90)]),
            ("5x3 @75% 1 min 30 s", vec![rested(b(), 90)]),
            ("5x3 @75% 1min30", vec![rested(b(), 90)]),
            ("5x3 @75% 1,5 min", vec![rested(b(), 90)]),
            ("5x3 @75% 0s", vec![rested(b(), 0)]),
            ("5x3 @75% 15min", vec![rested(b(), 900)]),
            (
                "5x3 @80% snatch 2 min, 4x2 @100kg 90s",
                vec![
                    rested(block(5, &[3], pct_of(80, SNATCH)), 120),
                    rested(block(4, &[2], kg(100_000)), 90),
                ],
            ),
            ("85%x1x3 3min", vec![rested(block(3, &[1], pct(85)), 180)]),
            ("3x5 @RPE8 2min", vec![rested(block(3, &[5], rpe(16)), 120)]),
        ]);
    }

    #[test]
    fn references_by_french_english_and_short_names_in_any_case() {
        let cases = [
            ("snatch", SNATCH),
            ("Snatch", SNATCH),
            ("arraché", SNATCH),
            ("ARRACHE", SNATCH),
            ("of snatch", SNATCH),
            ("of the snatch", SNATCH),
            ("de l'arraché", SNATCH),
            ("d'arraché", SNATCH),
            ("de l’arraché", SNATCH),
            ("du squat nuque", BACK_SQUAT),
            ("squat nuque", BACK_SQUAT),
            ("back squat", BACK_SQUAT),
            ("squat clavicules", FRONT_SQUAT),
            ("snatch pull", SNATCH_PULL),
            ("tirage lourd d'arraché", SNATCH_PULL),
            ("Tirage lourd d’arrache", SNATCH_PULL),
            ("TLA", SNATCH_PULL),
            ("tla", SNATCH_PULL),
            ("du TLA", SNATCH_PULL),
            ("OHS", OVERHEAD_SQUAT),
            ("EJ", CLEAN_AND_JERK),
            ("épaulé-jeté", CLEAN_AND_JERK),
            ("clean and jerk", CLEAN_AND_JERK),
            ("clean", CLEAN),
            // A short name that is also a little word is still the short name.
            ("THE", CLEAN_HIGH_PULL),
            ("snatch balance", SNATCH_BALANCE),
            ("power snatch", POWER_SNATCH),
            ("squat nuque avec pause", PAUSE_BACK_SQUAT),
            // Decomposed accents.
            ("arrache\u{301}", SNATCH),
        ];
        for (name, id) in cases {
            assert_eq!(
                read(&format!("5x3 @80% {name}")),
                Ok(vec![block(5, &[3], pct_of(80, id))]),
                "{name}"
            );
            assert_eq!(
                read(&format!("5x3 @80 % {name} 2min, 1x1 @90%")),
                Ok(vec![
                    rested(block(5, &[3], pct_of(80, id)), 120),
                    block(1, &[1], pct(90)),
                ]),
                "{name}"
            );
        }
    }

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
    fn the_first_problem_is_reported_with_its_span() {
        use Quantity::*;
        use ShorthandProblem as P;
        let range = |what| P::OutOfRange { what };
        assert_refused(&[
            ("", 0, 0, P::Empty),
            ("   ", 0, 3, P::Empty),
            ("5x @75%", 3, 4, P::ExpectedNumber),
            ("x3 @75%", 0, 2, P::ExpectedNumber),
            ("5x", 2, 2, P::ExpectedNumber),
            ("5x3 @75%,", 9, 9, P::ExpectedNumber),
            ("5x3 @75%, , 3x2 @80%", 10, 11, P::ExpectedNumber),
            ("5 @75%", 2, 3, P::ExpectedTimes),
            ("5", 1, 1, P::ExpectedTimes),
            ("5.x3 @75%", 1, 2, P::ExpectedTimes),
            ("75%x2 snatch x3", 13, 15, P::UnexpectedText),
            ("5x3 @", 5, 5, P::ExpectedIntensity),
            ("5x3 @kg", 5, 7, P::ExpectedIntensity),
            ("3x10 pull-ups", 5, 9, P::ExpectedIntensity),
            ("3x10", 4, 4, P::MissingIntensity),
            ("3x10 120s", 4, 4, P::MissingIntensity),
            ("3x10, 3x5 @80%", 4, 4, P::MissingIntensity),
            ("5x3 @75", 5, 7, P::MissingUnit),
            ("5x3 75", 4, 6, P::MissingUnit),
            ("5x3 @75% 120", 9, 12, P::MissingUnit),
            ("5x3 @75% snatch 120", 16, 19, P::MissingUnit),
            ("3x(1+1 @80%", 2, 3, P::UnclosedParenthesis),
            ("3x(1+1", 2, 3, P::UnclosedParenthesis),
            ("3x(1+", 5, 5, P::ExpectedNumber),
            ("5x3 @175%", 5, 9, range(Percent)),
            ("5x3 @175 %", 5, 10, range(Percent)),
            ("5x3 @0.5%", 5, 9, range(Percent)),
            ("5x3 @75.125%", 5, 12, range(Percent)),
            ("25x3 @75%", 0, 2, range(Sets)),
            ("0x3 @75%", 0, 1, range(Sets)),
            ("5.5x3 @75%", 0, 3, range(Sets)),
            ("5x31 @75%", 2, 4, range(Reps)),
            ("5x(1+0) @75%", 5, 6, range(Reps)),
            ("5x1.5 @75%", 2, 5, range(Reps)),
            ("5x(1+1+1+1+1+1+1+1+1) @75%", 2, 21, range(Movements)),
            ("5x3 @600kg", 5, 10, range(Kg)),
            ("5x3 @0.25 kg", 5, 12, range(Kg)),
            ("5x3 @RPE5", 5, 9, range(Rpe)),
            ("5x3 @RPE 8.3", 5, 12, range(Rpe)),
            ("5x3 @11 rpe", 5, 11, range(Rpe)),
            ("5x3 @75% 20min", 9, 14, range(Rest)),
            ("5x3 @75% 1'75", 9, 13, range(Rest)),
            ("5x3 @75% 90.5s", 9, 14, range(Rest)),
            ("99999999999999999999x3 @75%", 0, 20, range(Sets)),
            ("75%x2x25", 6, 8, range(Sets)),
            ("4x2 @100kg snatch", 11, 17, P::UnexpectedText),
            ("3x5 @RPE8 !", 10, 11, P::UnexpectedText),
            ("5x3 @75% snatch blah", 16, 20, P::UnexpectedText),
            ("5x3 @75% @80%", 9, 13, P::UnexpectedText),
            ("5x3 @75% !!", 9, 11, P::UnexpectedText),
        ]);
    }

    #[test]
    fn spans_count_characters_not_bytes() {
        use ShorthandProblem as P;
        assert_refused(&[
            (
                "5×3 @175 % arraché",
                5,
                10,
                P::OutOfRange {
                    what: Quantity::Percent,
                },
            ),
            ("5×3 @75 % arraché, 3×2 @85 % ŭŭŭ", 29, 32, P::UnknownExercise),
            ("épaulé 5x3", 0, 6, P::ExpectedNumber),
            (
                "5×3 @75 % épaulé-jeté 20′",
                22,
                25,
                P::OutOfRange { what: Quantity::Rest },
            ),
        ]);
    }

    #[test]
    fn there_are_at_most_so_many_blocks() {
        let max = "75%x1, ".repeat(Element::MAX_BLOCKS);
        let text = format!("{max}80%x1, 85%x1");
        assert_eq!(
            read(text.trim_end_matches(", ")).map(|b| b.len()),
            Err(ShorthandError::new(
                max.len(),
                text.len(),
                ShorthandProblem::TooManyBlocks {
                    max: Element::MAX_BLOCKS,
                },
            ))
        );
        assert_eq!(
            read(max.trim_end_matches(", ")).map(|b| b.len()),
            Ok(Element::MAX_BLOCKS)
        );
    }

    #[test]
    fn long_names_of_repeated_words_are_read_in_bounded_time() {
        let connectors = format!("5x3 @80% {}", "de ".repeat(800));
        assert_eq!(
            read(connectors.trim_end()).map_err(|e| (e.start, e.problem)),
            Err((9, ShorthandProblem::UnknownExercise))
        );
        let repeated = format!("5x3 @80% {}", "snatch ".repeat(340));
        assert_eq!(
            read(repeated.trim_end()).map_err(|e| (e.start, e.problem)),
            Err((16, ShorthandProblem::UnexpectedText))
        );
        let typos = format!("5x3 @80% {}", "sntach ".repeat(340));
        assert_eq!(
            read(typos.trim_end()).map_err(|e| (e.start, e.problem)),
            Err((9, ShorthandProblem::UnknownExercise))
        );
    }

    #[test]
    fn a_text_too_long_is_refused_before_it_is_read() {
        let text = "é".repeat(MAX_CHARS + 10);
        assert_eq!(
            read(&text),
            Err(ShorthandError::new(
                MAX_CHARS,
                MAX_CHARS + 10,
                ShorthandProblem::TooLong { max: MAX_CHARS },
            ))
        );
        // Exactly the maximum is read (and refused for what it says).
        let text = format!("5x3 @75%{}", " ".repeat(MAX_CHARS - 8));
        assert_eq!(read(&text), Ok(vec![block(5, &[3], pct(75))]));
    }

    #[test]
    fn the_longest_element_prints_within_bounds_and_reads_back() {
        let long_name = format!("Exercice{}", " très long".repeat(7));
        assert_eq!(long_name.chars().count(), crate::catalogue::Name::MAX - 2);
        let lexicon = Lexicon::new([(ExerciseId(99), long_name.as_str(), "Long", None)]);
        let heaviest = Block {
            sets: *Block::SETS.end(),
            reps: vec![*Block::REPS.end(); MAX_MOVEMENTS],
            intensity: Intensity::Percent {
                percent: Percent::from_hundredths(14_999),
                of: Some(ExerciseId(99)),
            },
            rest: Some(*Block::REST.end()),
        };
        let blocks = vec![heaviest; Element::MAX_BLOCKS];
        let text = print(&blocks, |_| Some(long_name.clone()));
        assert!(text.chars().count() <= MAX_CHARS, "{}", text.chars().count());
        assert_eq!(parse(&text, &lexicon), Ok(blocks));
    }

    #[test]
    fn blocks_are_printed_in_the_canonical_shorthand() {
        let fr = |id| name_of(id, 0);
        let short = |id| name_of(id, 2);
        let cases: Vec<(Vec<Block>, &str)> = vec![
            (vec![block(5, &[3], pct(75))], "5x3 @75%"),
            (
                vec![block(3, &[1, 1], pct_of(80, SNATCH))],
                "3x(1+1) @80% Arraché",
            ),
            (
                vec![block(3, &[1], pct_of(80, SNATCH_PULL))],
                "3x1 @80% Tirage lourd d'arraché",
            ),
            (vec![block(4, &[2], kg(102_500))], "4x2 @102.5kg"),
            (vec![block(3, &[5], rpe(17))], "3x5 @RPE8.5"),
            (vec![rested(block(5, &[3], pct(75)), 120)], "5x3 @75% 120s"),
            (
                vec![block(5, &[3], pct(75)), block(3, &[2], pct(85))],
                "5x3 @75%, 3x2 @85%",
            ),
            (
                vec![
                    block(1, &[2], pct(75)),
                    block(1, &[2], pct(80)),
                    rested(block(3, &[1], pct(85)), 180),
                ],
                "75%x2, 80%x2, 85%x1x3 180s",
            ),
            (
                vec![block(1, &[3], kg(100_000)), block(2, &[2], kg(105_000))],
                "100kgx3, 105kgx2x2",
            ),
            // A pyramid with a reference elsewhere is written in full.
            (
                vec![block(1, &[2], pct(75)), block(1, &[2], pct_of(80, SNATCH))],
                "1x2 @75%, 1x2 @80% Arraché",
            ),
        ];
        for (blocks, text) in cases {
            assert_eq!(print(&blocks, fr), text);
            assert_eq!(read(text), Ok(blocks));
        }
        assert_eq!(
            print(&[block(3, &[1], pct_of(80, SNATCH_PULL))], short),
            "3x1 @80% TLA"
        );
        // Without a name, the reference is left out.
        assert_eq!(print(&[block(3, &[1], pct_of(80, SNATCH))], |_| None), "3x1 @80%");
        // Characters that would end the block are not printed.
        assert_eq!(
            print(&[block(3, &[1], pct_of(80, SNATCH))], |_| Some("a, b;c@".into())),
            "3x1 @80% a  b c"
        );
    }

    #[test]
    fn blocks_are_described_in_french() {
        let name = |id| name_of(id, 0);
        let said = |blocks: &[Block], own| describe(blocks, Language::Fr, own, name);
        let nb = '\u{a0}';
        assert_eq!(
            said(&[block(5, &[3], pct(75))], Some("Arraché")),
            [format!("5 séries de 3 à 75{nb}% de l'arraché")]
        );
        assert_eq!(
            said(&[block(1, &[2], pct(75))], None),
            [format!("1 série de 2 à 75{nb}%")]
        );
        assert_eq!(
            said(&[block(3, &[1, 1], pct_of(80, SNATCH))], Some("Squat nuque")),
            [format!("3 séries de (1 + 1) à 80{nb}% de l'arraché")]
        );
        assert_eq!(
            said(&[block(3, &[1], pct_of(80, BACK_SQUAT))], None),
            [format!("3 séries de 1 à 80{nb}% de squat nuque")]
        );
        assert_eq!(
            said(&[block(3, &[1], pct_of(80, SNATCH_PULL))], None),
            [format!("3 séries de 1 à 80{nb}% de tirage lourd d'arraché")]
        );
        assert_eq!(
            describe(
                &[block(3, &[1], pct_of(90, SNATCH_PULL))],
                Language::Fr,
                None,
                |id| { name_of(id, 2) }
            ),
            [format!("3 séries de 1 à 90{nb}% de TLA")]
        );
        assert_eq!(
            said(&[block(3, &[1], pct(80))], Some("Épaulé")),
            [format!("3 séries de 1 à 80{nb}% de l'épaulé")]
        );
        assert_eq!(
            said(&[block(3, &[10], pct(60))], Some("Haltères")),
            [format!("3 séries de 10 à 60{nb}% de l'haltères")]
        );
        assert_eq!(
            said(
                &[
                    block(
                        4,
                        &[2],
                        Intensity::Percent {
                            percent: Percent::from_hundredths(8_250),
                            of: None,
                        },
                    ),
                    block(4, &[2], kg(100_000)),
                    rested(block(4, &[2], kg(102_500)), 120),
                    rested(block(3, &[5], rpe(16)), 90),
                    rested(block(3, &[5], rpe(17)), 45),
                    rested(block(3, &[5], rpe(17)), 0),
                ],
                None
            ),
            [
                format!("4 séries de 2 à 82,5{nb}%"),
                format!("4 séries de 2 à 100{nb}kg"),
                format!("4 séries de 2 à 102,5{nb}kg, repos 2{nb}min"),
                format!("3 séries de 5 à RPE{nb}8, repos 1{nb}min{nb}30{nb}s"),
                format!("3 séries de 5 à RPE{nb}8,5, repos 45{nb}s"),
                format!("3 séries de 5 à RPE{nb}8,5, sans repos"),
            ]
        );
    }

    #[test]
    fn blocks_are_described_in_english() {
        let name = |id| name_of(id, 1);
        let said = |blocks: &[Block], own| describe(blocks, Language::En, own, name);
        assert_eq!(
            said(&[block(5, &[3], pct(75))], Some("Snatch")),
            ["5 sets of 3 at 75% of snatch"]
        );
        assert_eq!(said(&[block(1, &[2], pct(75))], None), ["1 set of 2 at 75%"]);
        assert_eq!(
            said(&[block(3, &[1, 1], pct_of(80, SNATCH))], None),
            ["3 sets of (1 + 1) at 80% of snatch"]
        );
        assert_eq!(
            said(&[block(3, &[1], pct_of(80, OVERHEAD_SQUAT))], None),
            ["3 sets of 1 at 80% of overhead squat"]
        );
        assert_eq!(
            describe(
                &[block(3, &[1], pct_of(80, OVERHEAD_SQUAT))],
                Language::En,
                None,
                |id| { name_of(id, 2) }
            ),
            ["3 sets of 1 at 80% of OHS"]
        );
        assert_eq!(
            said(
                &[
                    block(
                        4,
                        &[2],
                        Intensity::Percent {
                            percent: Percent::from_hundredths(8_250),
                            of: None,
                        },
                    ),
                    rested(block(4, &[2], kg(102_500)), 120),
                    rested(block(3, &[5], rpe(17)), 90),
                    rested(block(3, &[5], rpe(16)), 0),
                ],
                None
            ),
            [
                "4 sets of 2 at 82.5%",
                "4 sets of 2 at 102.5 kg, rest 2 min",
                "3 sets of 5 at RPE 8.5, rest 1 min 30 s",
                "3 sets of 5 at RPE 8, no rest",
            ]
        );
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

    fn intensity_strategy() -> impl Strategy<Value = Intensity> {
        let ids: Vec<ExerciseId> = EXERCISES.iter().map(|e| e.0).collect();
        prop_oneof![
            (
                prop_oneof![(1_i64..=150).prop_map(|p| p * 100), 100_i64..=15_000],
                proptest::option::of(proptest::sample::select(ids)),
            )
                .prop_map(|(hundredths, of)| Intensity::Percent {
                    percent: Percent::from_hundredths(hundredths),
                    of,
                }),
            prop_oneof![(1_i64..=500).prop_map(|kg| kg * 1000), 500_i64..=500_000]
                .prop_map(|grams| Intensity::Kg(Kg::from_grams(grams))),
            (12_u8..=20).prop_map(|halves| Intensity::Rpe(Rpe(halves))),
        ]
    }

    fn block_strategy() -> impl Strategy<Value = Block> {
        (
            Block::SETS,
            proptest::collection::vec(Block::REPS, 1..=MAX_MOVEMENTS),
            intensity_strategy(),
            proptest::option::of(Block::REST),
        )
            .prop_map(|(sets, reps, intensity, rest)| Block {
                sets,
                reps,
                intensity,
                rest,
            })
    }

    /// Characters of the shorthand and around it, to reach deep into the reader.
    fn shorthand_like() -> impl Strategy<Value = String> {
        let alphabet: Vec<char> = "0123456789xX×@%()+,;.  kgKGRPErpesmin'\"’′snatchrééTLAdeof\u{a0}\u{301}ŭ"
            .chars()
            .collect();
        proptest::collection::vec(proptest::sample::select(alphabet), 0..60)
            .prop_map(|chars| chars.into_iter().collect())
    }

    /// Whatever `text` is, reading it does not panic, a problem's span is within the text, and
    /// what is read is valid and reads back the same once printed.
    fn check_any_text(text: &str) -> Result<(), TestCaseError> {
        let lexicon = lexicon();
        match parse(text, &lexicon) {
            Err(e) => {
                prop_assert!(e.start <= e.end, "{:?} {:?}", text, e);
                prop_assert!(e.end <= text.chars().count(), "{:?} {:?}", text, e);
            }
            Ok(blocks) => {
                prop_assert!(!blocks.is_empty() && blocks.len() <= Element::MAX_BLOCKS);
                prop_assert!(blocks.iter().all(|b| b.check().is_none()), "{:?}", text);
                let printed = print(&blocks, |id| name_of(id, 0));
                prop_assert_eq!(
                    parse(&printed, &lexicon),
                    Ok(blocks),
                    "{:?} → {:?}",
                    text,
                    printed
                );
            }
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn printed_blocks_read_back_the_same(
            blocks in proptest::collection::vec(block_strategy(), 1..=Element::MAX_BLOCKS),
            which in 0_usize..3,
        ) {
            let text = print(&blocks, |id| name_of(id, which));
            prop_assert!(text.chars().count() <= MAX_CHARS);
            prop_assert_eq!(parse(&text, &lexicon()), Ok(blocks), "{}", text);
        }

        #[test]
        fn any_text_is_read_without_panic_and_errors_stay_within_it(text in ".{0,120}") {
            check_any_text(&text)?;
        }

        #[test]
        fn shorthand_like_text_is_read_without_panic(text in shorthand_like()) {
            check_any_text(&text)?;
        }
    }
}
