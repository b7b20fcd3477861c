//! Workouts: saved whole with a version, scoped to their club; what they name stays.

use super::{exercise_named, names, t0, two_clubs};
use domain::StoreError;
use domain::catalogue::LabelKind;
use domain::load::Percent;
use domain::ports::{Store, Versioned};
use domain::weight::Kg;
use domain::workout::{
    Block, Element, Intensity, Lift, Rpe, Tempo, Workout, WorkoutContent, WorkoutDraft, WorkoutInput,
};
use std::sync::Arc;

fn block(sets: u16, reps: &[u16], intensity: Intensity) -> Block {
    Block {
        sets,
        reps: reps.to_vec(),
        intensity,
        rest: Some(120),
    }
}

fn percent(p: i64, of: Option<domain::ExerciseId>) -> Intensity {
    Intensity::Percent {
        percent: Percent::whole(p),
        of,
    }
}

fn draft(title: &str, elements: Vec<Element>) -> WorkoutDraft {
    WorkoutInput {
        title: title.into(),
        description: "Semaine 3 — <b>lourd</b>".into(),
        content: WorkoutContent { elements },
        ..WorkoutInput::default()
    }
    .parse()
    .expect("a valid workout")
}

/// A snatch day of the small catalogue: snatches at 75 % with a tempo and a comment, its complex
/// at 80 % of the snatch with reps per movement, presses in kilograms and at an RPE.
pub(super) async fn snatch_day(store: &dyn Store, club: domain::ClubId) -> WorkoutDraft {
    let snatch = exercise_named(store, club, "Arraché").await.id;
    let press = exercise_named(store, club, "Développé militaire").await.id;
    let complex = store.complexes(club).await.expect("complexes")[0].id;
    let mut first = Element::new(
        Lift::Exercise(snatch),
        vec![
            block(5, &[3], percent(75, None)),
            block(2, &[2], percent(82, None)),
        ],
    );
    first.tempo = Some(Tempo::parse("tempo", "30x1").expect("a tempo"));
    first.comment = Some("Coudes hauts".into());
    draft(
        "Arraché lourd",
        vec![
            first,
            Element::new(
                Lift::Complex(complex),
                vec![block(3, &[1, 1, 2], percent(80, Some(snatch)))],
            ),
            Element::new(
                Lift::Exercise(press),
                vec![
                    block(3, &[5], Intensity::Kg(Kg::from_grams(42_500))),
                    block(2, &[5], Intensity::Rpe(Rpe::from_halves(17).expect("8.5"))),
                ],
            ),
        ],
    )
}

pub(super) async fn workouts_are_saved_whole_with_a_version_and_scoped(store: Arc<dyn Store>) {
    let (club, other) = two_clubs(&*store).await;
    let categories = store.workout_categories(club).await.expect("categories");
    let mut draft = snatch_day(&*store, club).await;
    draft.category = Some(categories[0].id);
    let made = store.create_workout(club, &draft, t0()).await.expect("create");
    assert_eq!(made.title, "Arraché lourd");
    assert_eq!(made.category, draft.category);
    assert_eq!(made.description, draft.description);
    assert_eq!(made.content, draft.content);
    assert_eq!((made.version, made.archived), (1, false));
    assert_eq!(
        store.workout(club, made.id).await.expect("read"),
        Some(made.clone())
    );
    assert_eq!(store.workouts(club).await.expect("list"), vec![made.clone()]);

    // Saved over the version read; a second save over the same version is a conflict.
    let mut changed = draft.clone();
    changed.title = "Arraché technique".into();
    changed.content.elements.swap(0, 2);
    changed.category = None;
    let edit = Versioned::new(club, made.id, made.version);
    let saved = store
        .update_workout(edit.edit(&changed, t0()))
        .await
        .expect("save");
    assert_eq!((saved.version, saved.category), (2, None));
    assert_eq!(saved.content, changed.content);
    assert_eq!(
        store.update_workout(edit.edit(&draft, t0())).await,
        Err(StoreError::Conflict)
    );

    // Archived and restored with the version.
    let archived = store
        .set_workout_archived(Versioned::new(club, made.id, 2).edit(true, t0()))
        .await
        .expect("archive");
    assert!(archived.archived);
    assert_eq!(
        store
            .set_workout_archived(Versioned::new(club, made.id, 2).edit(false, t0()))
            .await,
        Err(StoreError::Conflict)
    );

    // Another club sees nothing and changes nothing.
    assert_eq!(store.workout(other, made.id).await.expect("read"), None);
    assert!(store.workouts(other).await.expect("list").is_empty());
    assert_eq!(
        store
            .update_workout(Versioned::new(other, made.id, 3).edit(&draft, t0()))
            .await,
        Err(StoreError::NotFound)
    );
    assert_eq!(
        store.delete_workout(Versioned::new(other, made.id, 3)).await,
        Err(StoreError::NotFound)
    );

    // A workout naming another club's exercise, complex or category is not written.
    let foreign = snatch_day(&*store, other).await;
    assert_eq!(
        store.create_workout(club, &foreign, t0()).await,
        Err(StoreError::NotFound)
    );
    let mut foreign_category = snatch_day(&*store, club).await;
    foreign_category.category = Some(store.workout_categories(other).await.expect("k")[0].id);
    assert_eq!(
        store.create_workout(club, &foreign_category, t0()).await,
        Err(StoreError::NotFound)
    );
    assert_eq!(
        store
            .update_workout(Versioned::new(club, made.id, 3).edit(&foreign, t0()))
            .await,
        Err(StoreError::NotFound)
    );
    let kept: Vec<Workout> = store.workouts(club).await.expect("list");
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].content, changed.content);

    // Deleted with its version.
    assert_eq!(
        store.delete_workout(Versioned::new(club, made.id, 2)).await,
        Err(StoreError::Conflict)
    );
    store
        .delete_workout(Versioned::new(club, made.id, 3))
        .await
        .expect("delete");
    assert_eq!(store.workout(club, made.id).await.expect("read"), None);
}

pub(super) async fn what_a_workout_names_is_archived_never_deleted(store: Arc<dyn Store>) {
    let (club, _) = two_clubs(&*store).await;
    let press = exercise_named(&*store, club, "Développé militaire").await;
    let complex = store.complexes(club).await.expect("complexes")[0].clone();
    let made = store
        .create_workout(club, &snatch_day(&*store, club).await, t0())
        .await
        .expect("create");
    assert_eq!(
        store
            .delete_exercise(Versioned::new(club, press.id, press.version))
            .await,
        Err(StoreError::InUse)
    );
    assert_eq!(
        store
            .delete_complex(Versioned::new(club, complex.id, complex.version))
            .await,
        Err(StoreError::InUse)
    );
    // A stale version is still a conflict, not a use.
    assert_eq!(
        store
            .delete_complex(Versioned::new(club, complex.id, complex.version + 1))
            .await,
        Err(StoreError::Conflict)
    );

    // Once the workout no longer names them, they can go.
    let snatch = exercise_named(&*store, club, "Arraché").await.id;
    let only_snatch = draft(
        "Arraché seul",
        vec![Element::new(
            Lift::Exercise(snatch),
            vec![block(5, &[2], percent(70, None))],
        )],
    );
    store
        .update_workout(Versioned::new(club, made.id, made.version).edit(&only_snatch, t0()))
        .await
        .expect("save");
    store
        .delete_complex(Versioned::new(club, complex.id, complex.version))
        .await
        .expect("delete the complex");
    store
        .delete_exercise(Versioned::new(club, press.id, press.version))
        .await
        .expect("delete the press");
}

pub(super) async fn workout_categories_are_the_clubs_list(store: Arc<dyn Store>) {
    let (club, other) = two_clubs(&*store).await;
    let categories = store.workout_categories(club).await.expect("categories");
    let english: Vec<&str> = categories.iter().map(|c| c.names.en.as_str()).collect();
    assert_eq!(english, ["Competition", "Deload", "Base", "Season", "Technique"]);
    let before = store.catalogue_version(club).await.expect("version");

    let peak = store
        .create_label(club, LabelKind::Workout, &names("Affûtage", "Peaking"))
        .await
        .expect("create");
    assert_eq!(
        store
            .create_label(club, LabelKind::Workout, &names("AFFUTAGE", "x"))
            .await,
        Err(StoreError::Duplicate)
    );
    let mut draft = snatch_day(&*store, club).await;
    draft.category = Some(domain::workout::WorkoutCategoryId(peak));
    let made = store.create_workout(club, &draft, t0()).await.expect("create");
    let uses = store.label_uses(club, LabelKind::Workout).await.expect("uses");
    assert!(uses.contains(&(peak, 1)), "{uses:?}");
    assert_eq!(uses.len(), 6);

    // Deleting a category leaves its workouts without one; the catalogue did not change.
    store
        .delete_label(club, LabelKind::Workout, peak)
        .await
        .expect("delete");
    let read = store.workout(club, made.id).await.expect("read").expect("kept");
    assert_eq!(read.category, None);
    assert_eq!(store.catalogue_version(club).await.expect("version"), before);
    assert_eq!(
        store
            .delete_label(other, LabelKind::Workout, categories[0].id.0)
            .await,
        Err(StoreError::NotFound)
    );
}
