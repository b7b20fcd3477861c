//! What the tests of the shorthand share: a small catalogue, its lexicon, and blocks in a few
//! words.

use super::{Lexicon, ShorthandError, ShorthandProblem, parse};
use crate::ids::ExerciseId;
use crate::load::Percent;
use crate::weight::Kg;
use crate::workout::{Block, Intensity, Rpe};

pub(super) const SNATCH: ExerciseId = ExerciseId(1);
pub(super) const CLEAN: ExerciseId = ExerciseId(2);
pub(super) const CLEAN_AND_JERK: ExerciseId = ExerciseId(3);
pub(super) const SNATCH_PULL: ExerciseId = ExerciseId(4);
pub(super) const BACK_SQUAT: ExerciseId = ExerciseId(5);
pub(super) const FRONT_SQUAT: ExerciseId = ExerciseId(6);
pub(super) const OVERHEAD_SQUAT: ExerciseId = ExerciseId(7);
pub(super) const POWER_SNATCH: ExerciseId = ExerciseId(8);
pub(super) const SNATCH_BALANCE: ExerciseId = ExerciseId(9);
pub(super) const PAUSE_BACK_SQUAT: ExerciseId = ExerciseId(10);
pub(super) const CLEAN_HIGH_PULL: ExerciseId = ExerciseId(11);
pub(super) const DUMBBELL_PRESS: ExerciseId = ExerciseId(12);

/// (id, French, English, short name)
pub(super) const EXERCISES: &[(ExerciseId, &str, &str, Option<&str>)] = &[
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

pub(super) fn lexicon() -> Lexicon {
    Lexicon::new(EXERCISES.iter().copied())
}

/// The name of `id`: 0 French, 1 English, 2 the short name (else French).
pub(super) fn name_of(id: ExerciseId, which: usize) -> Option<String> {
    let &(_, fr, en, short) = EXERCISES.iter().find(|e| e.0 == id)?;
    let name = match which {
        0 => fr,
        1 => en,
        _ => short.unwrap_or(fr),
    };
    Some(name.to_owned())
}

pub(super) fn read(text: &str) -> Result<Vec<Block>, ShorthandError> {
    parse(text, &lexicon())
}

pub(super) fn pct(percent: i64) -> Intensity {
    Intensity::Percent {
        percent: Percent::whole(percent),
        of: None,
    }
}

pub(super) fn pct_of(percent: i64, of: ExerciseId) -> Intensity {
    Intensity::Percent {
        percent: Percent::whole(percent),
        of: Some(of),
    }
}

pub(super) fn block(sets: u16, reps: &[u16], intensity: Intensity) -> Block {
    Block {
        sets,
        reps: reps.to_vec(),
        intensity,
        rest: None,
    }
}

pub(super) fn rested(mut b: Block, seconds: u16) -> Block {
    b.rest = Some(seconds);
    b
}

pub(super) fn kg(grams: i64) -> Intensity {
    Intensity::Kg(Kg::from_grams(grams))
}

pub(super) fn rpe(halves: u8) -> Intensity {
    Intensity::Rpe(Rpe::from_halves(halves).unwrap())
}

/// Each text reads as these blocks.
pub(super) fn assert_reads(cases: &[(&str, Vec<Block>)]) {
    for (text, blocks) in cases {
        assert_eq!(read(text).as_ref(), Ok(blocks), "{text:?}");
    }
}

/// Each text is refused with this problem at these characters.
pub(super) fn assert_refused(cases: &[(&str, usize, usize, ShorthandProblem)]) {
    for (text, start, end, problem) in cases {
        assert_eq!(
            read(text),
            Err(ShorthandError::new(*start, *end, problem.clone())),
            "{text:?}"
        );
    }
}
