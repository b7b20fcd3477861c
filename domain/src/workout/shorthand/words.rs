//! Blocks written back: in the canonical shorthand ([`print`]) and in full words
//! ([`describe`]).

use super::Language;
use crate::catalogue::search::fold;
use crate::ids::ExerciseId;
use crate::text::{is_capital, is_small, push_lowercase};
use crate::workout::{Block, Intensity};

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

/// The blocks in the canonical shorthand, which [`parse`](super::parse) reads back to the
/// same blocks.
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
    use crate::load::Percent;
    use crate::workout::shorthand::fixtures::{
        BACK_SQUAT, OVERHEAD_SQUAT, SNATCH, SNATCH_PULL, block, kg, name_of, pct, pct_of, read, rested, rpe,
    };

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
}
