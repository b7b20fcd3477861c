//! The reader of the shorthand: blocks, their intensities, references and rests.

use super::lexicon::Fuzzy;
use super::{Lexicon, MAX_CANDIDATES, MAX_CHARS, Quantity, ShorthandError, ShorthandProblem};
use crate::catalogue::search::fold;
use crate::ids::ExerciseId;
use crate::load::Percent;
use crate::weight::Kg;
use crate::workout::{Block, BlockProblem, Element, Intensity, MAX_MOVEMENTS, Rpe};
use std::ops::RangeInclusive;
use unicode_normalization::char::is_combining_mark;

/// Reads a shorthand into blocks, resolving reference exercises through `lexicon`.
///
/// Every block answered is within the model's bounds ([`Block::check`] is `None`), and there
/// are 1 to [`Element::MAX_BLOCKS`] of them. See the [module's documentation](super) for what
/// is read; the error's span is in characters.
pub fn parse(text: &str, lexicon: &Lexicon) -> Result<Vec<Block>, ShorthandError> {
    read(text, lexicon).map(|blocks| blocks.into_iter().map(|(block, _)| block).collect())
}

/// A block read, with its span in the text (in characters, without the spaces around it).
type Spanned = (Block, (usize, usize));

/// Each block of `text` with its span.
fn read(text: &str, lexicon: &Lexicon) -> Result<Vec<Spanned>, ShorthandError> {
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

/// `text` with its block `from` moved to position `to`, each block's text kept as typed and
/// the separators where they were (the text's length does not change). `None` when the text
/// does not read or a position is not a block's.
pub fn move_block(text: &str, lexicon: &Lexicon, from: usize, to: usize) -> Option<String> {
    let read = read(text, lexicon).ok()?;
    if from >= read.len() || to >= read.len() {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let piece = |start: usize, end: usize| chars.get(start..end).map(|c| c.iter().collect::<String>());
    let mut order: Vec<usize> = (0..read.len()).collect();
    let moved = order.remove(from);
    order.insert(to, moved);
    let expected: Vec<Block> = order
        .iter()
        .filter_map(|&i| read.get(i).map(|(b, _)| b.clone()))
        .collect();
    // The separators as typed; then, should a block read otherwise beside its new neighbours
    // (a decimal comma), with ", " between them.
    let mut kept = String::new();
    let mut joined = Vec::with_capacity(order.len());
    let mut end = 0;
    for (&i, &(_, (start, stop))) in order.iter().zip(&read) {
        let &(_, (s, e)) = read.get(i)?;
        kept.push_str(&piece(end, start)?);
        let block = piece(s, e)?;
        kept.push_str(&block);
        joined.push(block);
        end = stop;
    }
    kept.push_str(&piece(end, chars.len())?);
    [kept, joined.join(", ")]
        .into_iter()
        .find(|candidate| parse(candidate, lexicon).as_ref() == Ok(&expected))
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

    fn blocks(mut self) -> Result<Vec<Spanned>, ShorthandError> {
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
            blocks.push((block, self.trim(start, self.pos)));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workout::shorthand::fixtures::{
        BACK_SQUAT, CLEAN, CLEAN_AND_JERK, CLEAN_HIGH_PULL, FRONT_SQUAT, OVERHEAD_SQUAT, PAUSE_BACK_SQUAT,
        POWER_SNATCH, SNATCH, SNATCH_BALANCE, SNATCH_PULL, assert_reads, assert_refused, block, kg, pct,
        pct_of, read, rested, rpe,
    };

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
}
