//! The builder's rows read into a workout, and a workout written back into rows: pure, tested.
//!
//! Each element is a row of typed text (the shorthand of its blocks, its tempo, its comment);
//! the text stays as typed whatever it holds, and is read into blocks by the domain's shorthand
//! parser, the same code the server would use.

use crate::model::LiftChoice;
use domain::workout::shorthand::{self, Lexicon, ShorthandError};
use domain::workout::{Block, Element, Lift, Tempo, WorkoutContent};
use serde::{Deserialize, Serialize};

/// One element as the builder holds it: what the coach typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "RowWire", into = "RowWire")]
pub struct Row {
    /// Stable while the row lives (reordering keeps it): names its fields.
    pub key: u32,
    pub lift: Lift,
    pub text: String,
    pub tempo: String,
    pub comment: String,
}

/// A [`Row`] on the wire: a tuple, whose decoder is smaller than a struct's.
type RowWire = (u32, Lift, String, String, String);

impl From<RowWire> for Row {
    fn from((key, lift, text, tempo, comment): RowWire) -> Self {
        Row {
            key,
            lift,
            text,
            tempo,
            comment,
        }
    }
}

impl From<Row> for RowWire {
    fn from(row: Row) -> Self {
        (row.key, row.lift, row.text, row.tempo, row.comment)
    }
}

/// What is wrong with a row's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    /// The shorthand cannot be read: where and why.
    Shorthand(ShorthandError),
    /// A complex's block does not give reps for each of its `movements`.
    Movements { movements: usize },
    /// The tempo is not four digits or X.
    Tempo,
}

/// A row's blocks, or what is wrong with its text. `movements` is the number of movements of
/// the row's lift (1 for an exercise).
pub fn read_blocks(row: &Row, lexicon: &Lexicon, movements: usize) -> Result<Vec<Block>, RowProblem> {
    let blocks = shorthand::parse(&row.text, lexicon).map_err(RowProblem::Shorthand)?;
    if blocks.iter().any(|b| b.reps.len() != movements) {
        return Err(RowProblem::Movements { movements });
    }
    Ok(blocks)
}

/// The workout's content, or each row's problem (by position).
pub fn read(
    rows: &[Row],
    lexicon: &Lexicon,
    movements: impl Fn(Lift) -> usize,
) -> Result<WorkoutContent, Vec<(usize, RowProblem)>> {
    let mut elements = Vec::with_capacity(rows.len());
    let mut problems = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let blocks = read_blocks(row, lexicon, movements(row.lift));
        let tempo = if row.tempo.trim().is_empty() {
            Ok(None)
        } else {
            Tempo::parse("tempo", &row.tempo)
                .map(Some)
                .map_err(|_| RowProblem::Tempo)
        };
        match (blocks, tempo) {
            (Ok(blocks), Ok(tempo)) => {
                let comment = row.comment.trim();
                elements.push(Element {
                    lift: row.lift,
                    blocks,
                    tempo,
                    comment: (!comment.is_empty()).then(|| comment.to_owned()),
                });
            }
            (Err(problem), _) | (_, Err(problem)) => problems.push((i, problem)),
        }
    }
    if problems.is_empty() {
        Ok(WorkoutContent { elements })
    } else {
        Err(problems)
    }
}

/// A saved workout's elements as rows: each one's blocks written in the canonical shorthand,
/// reference lifts by `name` (a name the lexicon reads back). The server writes them; the
/// builder receives text.
#[cfg(feature = "ssr")]
pub fn rows(content: &WorkoutContent, name: impl Fn(domain::ExerciseId) -> Option<String>) -> Vec<Row> {
    content
        .elements
        .iter()
        .enumerate()
        .map(|(i, e)| Row {
            key: u32::try_from(i).unwrap_or(u32::MAX),
            lift: e.lift,
            text: shorthand::print(&e.blocks, &name),
            tempo: e
                .tempo
                .as_ref()
                .map(|t| t.as_str().to_owned())
                .unwrap_or_default(),
            comment: e.comment.clone().unwrap_or_default(),
        })
        .collect()
}

/// The lexicon the shorthand reads reference lifts with: the club's exercises, by their French,
/// English and short names.
pub fn lexicon(lifts: &[LiftChoice]) -> Lexicon {
    Lexicon::new(lifts.iter().filter_map(|l| match l.lift {
        Lift::Exercise(id) => Some((id, l.name_fr.as_str(), l.name_en.as_str(), l.short.as_deref())),
        Lift::Complex(_) => None,
    }))
}

/// The text split around a problem's span (in characters): before, the span, after.
pub fn split_at_span(text: &str, error: &ShorthandError) -> (String, String, String) {
    let before: String = text.chars().take(error.start).collect();
    let span: String = text
        .chars()
        .skip(error.start)
        .take(error.end - error.start)
        .collect();
    let after: String = text.chars().skip(error.end).collect();
    (before, span, after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::{ComplexId, ExerciseId};

    fn lifts() -> Vec<LiftChoice> {
        let exercise = |id: i64, fr: &str, en: &str, short: Option<&str>| LiftChoice {
            lift: Lift::Exercise(ExerciseId(id)),
            name_fr: fr.into(),
            name_en: en.into(),
            short: short.map(Into::into),
            reference: ExerciseId(id),
            movements: 1,
            main_movement: 0,
            archived: false,
        };
        vec![
            exercise(1, "Arraché", "Snatch", None),
            exercise(2, "Tirage lourd d'arraché", "Snatch pull", Some("TLA")),
            LiftChoice {
                lift: Lift::Complex(ComplexId(9)),
                name_fr: "Tirage lourd d'arraché + Arraché".into(),
                name_en: "Snatch pull + Snatch".into(),
                short: None,
                reference: ExerciseId(1),
                movements: 2,
                main_movement: 1,
                archived: false,
            },
        ]
    }

    fn row(key: u32, lift: Lift, text: &str) -> Row {
        Row {
            key,
            lift,
            text: text.into(),
            tempo: String::new(),
            comment: String::new(),
        }
    }

    fn movements(lift: Lift) -> usize {
        match lift {
            Lift::Exercise(_) => 1,
            Lift::Complex(_) => 2,
        }
    }

    #[test]
    fn rows_read_into_content_and_back() {
        let lexicon = lexicon(&lifts());
        let mut first = row(0, Lift::Exercise(ExerciseId(1)), "75%x2, 80%x2, 85%x1x3");
        first.tempo = "30x1".into();
        first.comment = "  Coudes hauts ".into();
        let typed = vec![
            first,
            row(1, Lift::Complex(ComplexId(9)), "3x(1+1) @80% arraché 120s"),
            row(2, Lift::Exercise(ExerciseId(2)), "4x2 @90% of snatch"),
        ];
        let content = read(&typed, &lexicon, movements).expect("readable");
        assert_eq!(content.elements.len(), 3);
        assert_eq!(content.elements[0].blocks.len(), 3);
        assert_eq!(
            content.elements[0].tempo.as_ref().map(Tempo::as_str),
            Some("30X1")
        );
        assert_eq!(content.elements[0].comment.as_deref(), Some("Coudes hauts"));
        assert_eq!(content.elements[1].blocks[0].reps, vec![1, 1]);
        assert_eq!(content.elements[1].blocks[0].rest, Some(120));

        // Written back and read again: the same content.
        let names = |id: ExerciseId| match id.0 {
            1 => Some("Arraché".to_owned()),
            2 => Some("TLA".to_owned()),
            _ => None,
        };
        let again = rows(&content, names);
        assert_eq!(read(&again, &lexicon, movements), Ok(content));
    }

    #[test]
    fn each_rows_problem_is_reported_at_its_place() {
        let lexicon = lexicon(&lifts());
        let mut bad_tempo = row(3, Lift::Exercise(ExerciseId(1)), "5x3 @75%");
        bad_tempo.tempo = "fast".into();
        let typed = vec![
            row(0, Lift::Exercise(ExerciseId(1)), "5x @75%"),
            row(1, Lift::Complex(ComplexId(9)), "3x2 @80%"),
            row(2, Lift::Exercise(ExerciseId(1)), "5x3 @75%"),
            bad_tempo,
        ];
        let problems = read(&typed, &lexicon, movements).expect_err("refused");
        assert_eq!(problems.len(), 3);
        let (at, RowProblem::Shorthand(error)) = &problems[0] else {
            panic!("{problems:?}")
        };
        assert_eq!(*at, 0);
        // The number is missing where the intensity starts.
        assert_eq!(split_at_span(&typed[0].text, error).0, "5x ");
        assert_eq!(problems[1], (1, RowProblem::Movements { movements: 2 }));
        assert_eq!(problems[2], (3, RowProblem::Tempo));
        // What was typed is untouched.
        assert_eq!(typed[0].text, "5x @75%");
    }
}
