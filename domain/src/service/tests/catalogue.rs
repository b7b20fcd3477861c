//! The catalogue: athletes read it, coaches (and above) change it; versions and clubs.

use super::{Club, t0};
use crate::catalogue::cache::CatalogueCache;
use crate::catalogue::exchange::Format;
use crate::catalogue::{Complex, Exercise, ExerciseDraft, ExerciseInput, LabelKind, Names, label_names};
use crate::ids::{CategoryId, ExerciseId};
use crate::media::Slot;
use crate::membership::Member;
use crate::ports::{CatalogueStore, ComplexStore, ExerciseStore, InPlace};
use crate::service::ClubError;
use crate::service::catalogue::{self as service, ComplexInput};
use crate::testing::MemoryMedia;
use crate::{FieldError, FieldProblem};

/// A valid exercise of those names, without category or equipment.
pub(super) fn exercise_draft(fr: &str, en: &str) -> ExerciseDraft {
    let input = ExerciseInput {
        name_fr: fr.to_owned(),
        name_en: en.to_owned(),
        ..ExerciseInput::default()
    };
    ExerciseDraft::parse(&input).expect("a valid exercise")
}

fn complex_input(movements: Vec<ExerciseId>) -> ComplexInput {
    ComplexInput {
        movements,
        ..ComplexInput::default()
    }
}

/// The club's snatch and overhead squat, and a complex the coach made of them, in that order.
async fn snatch_complex(club: &Club) -> (Exercise, ExerciseId, Complex) {
    let snatch = club.exercise("Arraché").await;
    let ohs = club.exercise("Squat arraché").await.id;
    let built = service::create_complex(
        &club.store,
        &club.coach,
        &complex_input(vec![snatch.id, ohs]),
        t0(),
    )
    .await
    .expect("built");
    (snatch, ohs, built)
}

/// A list entry's names, as the lists page gives them.
fn names(fr: &str, en: &str) -> Names {
    label_names(fr, en).expect("valid names")
}

pub(super) fn invalid(field: &str, problem: FieldProblem) -> ClubError {
    ClubError::Invalid(vec![FieldError::new(field, problem)])
}

fn duplicate(field: &str, existing: &str) -> ClubError {
    invalid(
        field,
        FieldProblem::DuplicateName {
            existing: existing.to_owned(),
        },
    )
}

pub(super) async fn create(club: &Club, by: &Member, fr: &str, en: &str) -> Exercise {
    service::create_exercise(&club.store, by, &exercise_draft(fr, en), t0())
        .await
        .expect("created")
}

/// What each change to `exercise` answers `by`: editing, archiving and deleting it (alone or
/// with its media), uploading and removing its media.
async fn exercise_changes(
    club: &Club,
    by: &Member,
    exercise: &Exercise,
) -> Vec<(&'static str, Result<(), ClubError>)> {
    let store = &club.store;
    let media = MemoryMedia::default();
    let input = exercise_draft("Nouveau", "New");
    let (id, v) = (exercise.id, exercise.version);
    vec![
        (
            "edit an exercise",
            service::update_exercise(store, by, id, &input, v, t0())
                .await
                .map(drop),
        ),
        (
            "archive an exercise",
            service::set_exercise_archived(store, by, id, true, v, t0())
                .await
                .map(drop),
        ),
        (
            "delete an exercise",
            service::delete_exercise(store, by, id, v).await,
        ),
        (
            "delete an exercise and its media",
            service::delete_exercise_and_media(store, &media, by, id, v).await,
        ),
        (
            "upload media",
            service::may_set_exercise_media(store, by, id).await,
        ),
        (
            "remove media",
            service::remove_exercise_media(store, &media, by, id, Slot::Image).await,
        ),
    ]
}

#[tokio::test]
async fn athletes_read_the_catalogue_and_only_coaches_change_it() {
    let club = Club::new().await;
    let store = &club.store;
    let me = &club.athlete;
    let snatch = club.exercise("Arraché").await;
    let complex = store.complexes(club.id).await.expect("read")[0].clone();
    let version = store.catalogue_version(club.id).await.expect("read");

    let cache = CatalogueCache::default();
    assert!(service::exercises(store, &cache, me).await.is_ok());
    assert!(service::exercise(store, me, snatch.id).await.is_ok());
    assert!(service::complexes(store, me).await.is_ok());
    assert!(service::complex(store, me, complex.id).await.is_ok());

    let input = exercise_draft("Nouveau", "New");
    let movements = complex_input(complex.movements.clone());
    let jumps = names("Sauts", "Jumps");
    let category = store.categories(club.id).await.expect("read")[0].id;
    let mut answers = vec![
        (
            "create an exercise",
            service::create_exercise(store, me, &input, t0()).await.map(drop),
        ),
        (
            "create a complex",
            service::create_complex(store, me, &movements, t0())
                .await
                .map(drop),
        ),
        (
            "edit a complex",
            service::update_complex(store, me, complex.id, &movements, complex.version, t0())
                .await
                .map(drop),
        ),
        (
            "archive a complex",
            service::set_complex_archived(store, me, complex.id, true, complex.version, t0())
                .await
                .map(drop),
        ),
        (
            "delete a complex",
            service::delete_complex(store, me, complex.id, complex.version).await,
        ),
        (
            "read the lists' uses",
            service::labels(store, me, LabelKind::Category).await.map(drop),
        ),
        (
            "add to a list",
            service::save_label(store, me, LabelKind::Category, None, &jumps)
                .await
                .map(drop),
        ),
        (
            "delete from a list",
            service::delete_label(store, me, LabelKind::Category, category.0).await,
        ),
        (
            "export the catalogue",
            service::export_catalogue(store, me, Format::Json).await.map(drop),
        ),
        (
            "import a catalogue",
            service::import_catalogue(store, &InPlace, me, Format::Json, "{}".into(), t0())
                .await
                .map(drop),
        ),
    ];
    answers.extend(exercise_changes(&club, me, &snatch).await);
    for (attempt, answer) in answers {
        assert_eq!(answer, Err(ClubError::Forbidden), "{attempt}");
    }
    assert_eq!(
        store.catalogue_version(club.id).await,
        Ok(version),
        "nothing changed"
    );

    for coach in [&club.coach, &club.admin, &club.owner] {
        let created = create(&club, coach, &format!("Nouveau {}", coach.role), "").await;
        assert_eq!(created.version, 1);
    }
}

#[tokio::test]
async fn an_edit_based_on_a_stale_version_is_a_conflict() {
    let club = Club::new().await;
    let store = &club.store;
    let seen = create(&club, &club.coach, "Arraché élastiques", "Banded snatch").await;
    let edited = service::update_exercise(
        store,
        &club.admin,
        seen.id,
        &exercise_draft("Arraché avec élastiques", "Banded snatch"),
        seen.version,
        t0(),
    )
    .await
    .expect("a first edit");
    assert_eq!(edited.version, seen.version + 1);
    let stale = exercise_draft("Autre", "Other");
    assert_eq!(
        service::update_exercise(store, &club.coach, seen.id, &stale, seen.version, t0()).await,
        Err(ClubError::Conflict)
    );
    assert_eq!(
        service::set_exercise_archived(store, &club.coach, seen.id, true, seen.version, t0()).await,
        Err(ClubError::Conflict)
    );
    assert_eq!(
        service::delete_exercise(store, &club.coach, seen.id, seen.version).await,
        Err(ClubError::Conflict)
    );
    let kept = store.exercise(club.id, seen.id).await.expect("read");
    assert_eq!(kept, Some(edited), "the first edit stands");
}

#[tokio::test]
async fn another_clubs_exercise_is_not_found() {
    let club = Club::new().await;
    let store = &club.store;
    let theirs = club.foreign_exercise("Arraché").await;
    let coach = &club.coach;
    assert_eq!(
        service::exercise(store, coach, theirs.id).await.err(),
        Some(ClubError::NotFound)
    );
    for (attempt, answer) in exercise_changes(&club, coach, &theirs).await {
        assert_eq!(answer, Err(ClubError::NotFound), "{attempt}");
    }
    assert_eq!(club.foreign_exercise("Arraché").await, theirs, "untouched");
}

#[tokio::test]
async fn a_name_the_club_already_has_is_refused_naming_that_exercise() {
    let club = Club::new().await;
    let store = &club.store;
    assert_eq!(
        service::create_exercise(store, &club.coach, &exercise_draft("ARRACHE", "Snatch two"), t0()).await,
        Err(duplicate("name_fr", "Arraché"))
    );
    assert_eq!(
        service::create_exercise(
            store,
            &club.coach,
            &exercise_draft("Arraché deux", "snatch"),
            t0()
        )
        .await,
        Err(duplicate("name_en", "Arraché"))
    );
    let press = club.exercise("Développé poussé").await;
    assert_eq!(
        service::update_exercise(
            store,
            &club.coach,
            press.id,
            &exercise_draft("Squat  arraché", "Press"),
            press.version,
            t0()
        )
        .await,
        Err(duplicate("name_fr", "Squat arraché"))
    );
    // Another club's names are no obstacle.
    create(&club, &club.coach, "Arraché élastiques", "Banded snatch").await;
    create(&club, &club.stranger, "Arraché élastiques", "Banded snatch").await;
}

#[tokio::test]
async fn another_clubs_category_or_equipment_is_refused_next_to_its_field() {
    let club = Club::new().await;
    let store = &club.store;
    let their_category = store.categories(club.stranger.club_id).await.expect("read")[0].id;
    let their_equipment = store.equipment(club.stranger.club_id).await.expect("read")[0].id;
    let input = ExerciseDraft {
        category: Some(their_category),
        equipment: Some(their_equipment),
        ..exercise_draft("Nouveau", "New")
    };
    assert_eq!(
        service::create_exercise(store, &club.coach, &input, t0()).await,
        Err(ClubError::Invalid(vec![
            FieldError::new("category", FieldProblem::InvalidChoice),
            FieldError::new("equipment", FieldProblem::InvalidChoice),
        ]))
    );
}

#[tokio::test]
async fn a_used_exercise_is_archived_never_deleted() {
    let club = Club::new().await;
    let store = &club.store;
    let snatch = club.exercise("Arraché").await;
    assert_eq!(
        service::delete_exercise(store, &club.coach, snatch.id, snatch.version).await,
        Err(ClubError::InUse)
    );
    let archived = service::set_exercise_archived(store, &club.coach, snatch.id, true, snatch.version, t0())
        .await
        .expect("archived instead");
    assert!(archived.archived);
}

#[tokio::test]
async fn a_complex_is_made_of_the_clubs_exercises_and_named_after_them() {
    let club = Club::new().await;
    let store = &club.store;
    let snatch = club.exercise("Arraché").await.id;
    let ohs = club.exercise("Squat arraché").await.id;
    let built = service::create_complex(store, &club.coach, &complex_input(vec![snatch, ohs, ohs]), t0())
        .await
        .expect("built");
    assert_eq!(built.names.fr, "Arraché + Squat arraché + Squat arraché");
    assert_eq!(built.movements, [snatch, ohs, ohs]);

    let theirs = club.foreign_exercise("Arraché").await.id;
    assert_eq!(
        service::create_complex(store, &club.coach, &complex_input(vec![snatch, theirs]), t0()).await,
        Err(invalid("movements", FieldProblem::InvalidChoice))
    );
    let their_category = store.categories(club.stranger.club_id).await.expect("read")[0].id;
    let with_their_category = ComplexInput {
        category: Some(their_category),
        ..complex_input(vec![snatch, ohs])
    };
    assert_eq!(
        service::create_complex(store, &club.coach, &with_their_category, t0()).await,
        Err(invalid("category", FieldProblem::InvalidChoice))
    );
}

#[tokio::test]
async fn an_archived_exercise_stays_in_its_complexes_but_joins_no_new_one() {
    let club = Club::new().await;
    let store = &club.store;
    let (snatch, ohs, built) = snatch_complex(&club).await;
    service::set_exercise_archived(store, &club.coach, snatch.id, true, snatch.version, t0())
        .await
        .expect("archived");
    assert_eq!(
        service::create_complex(store, &club.coach, &complex_input(vec![snatch.id, ohs]), t0()).await,
        Err(invalid("movements", FieldProblem::InvalidChoice))
    );
    let reordered = service::update_complex(
        store,
        &club.coach,
        built.id,
        &complex_input(vec![ohs, snatch.id]),
        built.version,
        t0(),
    )
    .await
    .expect("kept where it was");
    assert_eq!(reordered.movements, [ohs, snatch.id]);
}

#[tokio::test]
async fn a_complex_changed_meanwhile_or_of_another_club_is_refused() {
    let club = Club::new().await;
    let store = &club.store;
    let (snatch, ohs, seen) = snatch_complex(&club).await;
    service::set_complex_archived(store, &club.admin, seen.id, true, seen.version, t0())
        .await
        .expect("archived");
    let input = complex_input(vec![ohs, snatch.id]);
    assert_eq!(
        service::update_complex(store, &club.coach, seen.id, &input, seen.version, t0()).await,
        Err(ClubError::Conflict)
    );
    assert_eq!(
        service::delete_complex(store, &club.coach, seen.id, seen.version).await,
        Err(ClubError::Conflict)
    );
    let stranger = &club.stranger;
    assert_eq!(
        service::complex(store, stranger, seen.id).await.err(),
        Some(ClubError::NotFound)
    );
    assert_eq!(
        service::update_complex(store, stranger, seen.id, &input, seen.version + 1, t0()).await,
        Err(ClubError::NotFound)
    );
    assert_eq!(
        service::delete_complex(store, stranger, seen.id, seen.version + 1).await,
        Err(ClubError::NotFound)
    );
    assert_eq!(
        service::set_complex_archived(store, stranger, seen.id, false, seen.version + 1, t0()).await,
        Err(ClubError::NotFound)
    );
}

#[tokio::test]
async fn a_list_entry_name_is_unique_and_another_clubs_entries_are_out_of_reach() {
    let club = Club::new().await;
    let store = &club.store;
    let kind = LabelKind::Category;
    let jumps = service::save_label(
        store,
        &club.coach,
        kind,
        None,
        &names("Pliométrie", "Plyometrics"),
    )
    .await
    .expect("added");
    assert_eq!(
        service::save_label(store, &club.coach, kind, None, &names("PLIOMETRIE", "")).await,
        Err(duplicate("name_fr", "Pliométrie"))
    );
    service::save_label(
        store,
        &club.coach,
        LabelKind::Equipment,
        None,
        &names("Pliométrie", ""),
    )
    .await
    .expect("the other list may have it");
    service::save_label(store, &club.coach, kind, Some(jumps), &names("Sauts", "Jumps"))
        .await
        .expect("renamed");
    let stranger = &club.stranger;
    assert_eq!(
        service::save_label(store, stranger, kind, Some(jumps), &names("Pris", "Taken")).await,
        Err(ClubError::NotFound)
    );
    assert_eq!(
        service::delete_label(store, stranger, kind, jumps).await,
        Err(ClubError::NotFound)
    );
    let listed = service::labels(store, &club.coach, kind).await.expect("read");
    let entry = listed.iter().find(|l| l.id == jumps).expect("listed");
    assert_eq!((entry.names.fr.as_str(), entry.uses), ("Sauts", 0));
}

#[tokio::test]
async fn deleting_a_category_leaves_its_exercises_without_one() {
    let club = Club::new().await;
    let store = &club.store;
    let snatch = club.exercise("Arraché").await;
    let category: CategoryId = snatch.category.expect("the snatch has a category");
    let uses = service::labels(store, &club.coach, LabelKind::Category)
        .await
        .expect("read");
    assert!(uses.iter().any(|l| l.id == category.0 && l.uses > 0));
    service::delete_label(store, &club.coach, LabelKind::Category, category.0)
        .await
        .expect("deleted");
    assert_eq!(club.exercise("Arraché").await.category, None);
}

#[tokio::test]
async fn the_cached_catalogue_follows_every_change() {
    let club = Club::new().await;
    let cache = CatalogueCache::default();
    let before = service::exercises(&club.store, &cache, &club.athlete)
        .await
        .expect("read");
    let again = service::exercises(&club.store, &cache, &club.coach)
        .await
        .expect("read");
    assert!(
        std::sync::Arc::ptr_eq(&before, &again),
        "an unchanged catalogue is served from the cache"
    );
    create(&club, &club.coach, "Arraché élastiques", "Banded snatch").await;
    let after = service::exercises(&club.store, &cache, &club.athlete)
        .await
        .expect("read");
    assert_eq!(after.exercises.len(), before.exercises.len() + 1);
}

#[tokio::test]
async fn everyone_reads_the_lists_and_only_coaches_get_the_forms() {
    let club = Club::new().await;
    let (categories, equipment) = service::lists(&club.store, &CatalogueCache::default(), &club.athlete)
        .await
        .expect("an athlete reads them");
    assert!(
        !categories.is_empty() && !equipment.is_empty(),
        "the default catalogue's"
    );
    assert_eq!(
        service::form_lists(&club.store, &CatalogueCache::default(), &club.athlete)
            .await
            .err(),
        Some(ClubError::Forbidden)
    );
    assert_eq!(service::require_editor(&club.athlete), Err(ClubError::Forbidden));
    assert!(!service::may_edit(&club.athlete));
    let (coach_categories, _) = service::form_lists(&club.store, &CatalogueCache::default(), &club.coach)
        .await
        .expect("a coach's form");
    assert_eq!(coach_categories, categories);
    assert!(service::may_edit(&club.coach) && service::require_editor(&club.coach).is_ok());
    let (foreign, _) = service::lists(&club.store, &CatalogueCache::default(), &club.stranger)
        .await
        .expect("the other club's");
    assert!(
        foreign.iter().all(|f| categories.iter().all(|c| c.id != f.id)),
        "each club reads its own lists"
    );
}
