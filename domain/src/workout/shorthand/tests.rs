//! Reading and printing together: what is printed reads back the same, and any text is read
//! without panic.

use super::fixtures::{EXERCISES, lexicon, name_of};
use super::*;
use crate::load::Percent;
use crate::weight::Kg;
use crate::workout::{Block, Element, Intensity, MAX_MOVEMENTS, Rpe};
use proptest::prelude::*;

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

#[test]
fn a_block_moves_with_its_text_as_typed_and_the_separators_in_place() {
    let lexicon = lexicon();
    let moved = |text: &str, from: usize, to: usize| move_block(text, &lexicon, from, to);
    assert_eq!(
        moved("75%x2, 80%x2, 85%x1x3", 2, 0).as_deref(),
        Some("85%x1x3, 75%x2, 80%x2")
    );
    assert_eq!(
        moved("5x3 @75% 120s;3x2 @80% TLA", 0, 1).as_deref(),
        Some("3x2 @80% TLA;5x3 @75% 120s")
    );
    // A decimal comma stays inside its block; spaces around the text stay where they were.
    assert_eq!(
        moved(" 82,5%x2 ,  80%x2 ", 1, 0).as_deref(),
        Some(" 80%x2 ,  82,5%x2 ")
    );
    assert_eq!(moved("75%x2, 80%x2", 1, 1).as_deref(), Some("75%x2, 80%x2"));
    // No block there, or a text that does not read: nothing moves.
    assert_eq!(moved("75%x2, 80%x2", 0, 2), None);
    assert_eq!(moved("5x @75%, 80%x2", 1, 0), None);
}

proptest! {
    #[test]
    fn a_moved_block_reads_back_in_its_new_place(
        blocks in proptest::collection::vec(block_strategy(), 1..=Element::MAX_BLOCKS),
        which in 0_usize..3,
        from in any::<prop::sample::Index>(),
        to in any::<prop::sample::Index>(),
    ) {
        let text = print(&blocks, |id| name_of(id, which));
        let (from, to) = (from.index(blocks.len()), to.index(blocks.len()));
        let mut expected = blocks.clone();
        let block = expected.remove(from);
        expected.insert(to, block);
        let moved = move_block(&text, &lexicon(), from, to);
        prop_assert_eq!(moved.map(|t| parse(&t, &lexicon())), Some(Ok(expected)), "{}", text);
    }

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
