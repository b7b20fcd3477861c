//! Workouts: coaches build them, athletes do not see the library; versions, clubs and uses.

use super::{Club, t0};
use crate::catalogue::Complex;
use crate::load::Percent;
use crate::membership::Member;
use crate::ports::{CatalogueStore, ComplexStore};
use crate::service::ClubError;
use crate::service::catalogue as catalogue_service;
use crate::service::workouts as service;
use crate::workout::{Block, Element, Intensity, Lift, WorkoutContent, WorkoutDraft, WorkoutInput};
use crate::{FieldError, FieldProblem, GroupId};
use chrono::NaiveDate;

fn block(sets: u16, reps: &[u16], percent: i64) -> Block {
    Block {
        sets,
        reps: reps.to_vec(),
        intensity: Intensity::Percent {
            percent: Percent::whole(percent),
            of: None,
        },
        rest: None,
    }
}

fn draft(title: &str, elements: Vec<Element>) -> WorkoutDraft {
    WorkoutInput {
        title: title.to_owned(),
        content: WorkoutContent { elements },
        ..WorkoutInput::default()
    }
    .parse()
    .expect("a valid workout")
}

/// The club's complex of these movements (French names).
async fn complex(club: &Club, name: &str) -> Complex {
    club.store
        .complexes(club.id)
        .await
        .expect("complexes")
        .into_iter()
        .find(|c| c.names.fr == name)
        .unwrap_or_else(|| panic!("no complex {name}"))
}

/// A snatch day: 5 × 3 at 75 % of the snatch.
async fn snatch_day(club: &Club) -> WorkoutDraft {
    let snatch = club.exercise("Arraché").await.id;
    draft(
        "Arraché lourd",
        vec![Element::new(Lift::Exercise(snatch), vec![block(5, &[3], 75)])],
    )
}

#[tokio::test]
async fn coaches_build_workouts_and_athletes_are_refused_the_library() {
    let club = Club::new().await;
    let draft = snatch_day(&club).await;
    for who in [&club.coach, &club.admin, &club.owner] {
        let made = service::create_workout(&club.store, who, &draft, t0())
            .await
            .expect("made");
        assert_eq!(made.content, draft.content);
        assert_eq!(made.version, 1);
    }
    let listed = service::workouts(&club.store, &club.coach).await.expect("listed");
    assert_eq!(listed.len(), 3);
    let first = &listed[0];
    assert_eq!(
        service::workout(&club.store, &club.coach, first.id)
            .await
            .as_ref(),
        Ok(first)
    );

    assert_eq!(
        service::create_workout(&club.store, &club.athlete, &draft, t0()).await,
        Err(ClubError::Forbidden)
    );
    assert_eq!(
        service::workouts(&club.store, &club.athlete).await,
        Err(ClubError::Forbidden)
    );
    assert_eq!(
        service::workout(&club.store, &club.athlete, first.id).await,
        Err(ClubError::Forbidden)
    );
    assert!(!service::may_plan(&club.athlete));
    assert!(service::may_plan(&club.coach));
}

#[tokio::test]
async fn another_clubs_workouts_exercises_and_categories_are_not_found() {
    let club = Club::new().await;
    let made = service::create_workout(&club.store, &club.coach, &snatch_day(&club).await, t0())
        .await
        .expect("made");
    let stranger = &club.stranger;
    assert_eq!(
        service::workout(&club.store, stranger, made.id).await,
        Err(ClubError::NotFound)
    );
    assert_eq!(
        service::update_workout(&club.store, stranger, made.id, 1, &snatch_day(&club).await, t0()).await,
        Err(ClubError::NotFound)
    );
    assert_eq!(
        service::delete_workout(&club.store, stranger, made.id, 1).await,
        Err(ClubError::NotFound)
    );

    // A workout naming another club's exercise, as a reference lift too.
    let foreign = club.foreign_exercise("Arraché").await.id;
    let own = draft(
        "Étranger",
        vec![Element::new(Lift::Exercise(foreign), vec![block(5, &[3], 75)])],
    );
    assert_eq!(
        service::create_workout(&club.store, &club.coach, &own, t0()).await,
        Err(ClubError::NotFound)
    );
    let snatch = club.exercise("Arraché").await.id;
    let mut reference = block(5, &[3], 90);
    reference.intensity = Intensity::Percent {
        percent: Percent::whole(90),
        of: Some(foreign),
    };
    let pulls = draft(
        "Tirages",
        vec![Element::new(Lift::Exercise(snatch), vec![reference])],
    );
    assert_eq!(
        service::create_workout(&club.store, &club.coach, &pulls, t0()).await,
        Err(ClubError::NotFound)
    );

    // Another club's category is refused next to the field.
    let foreign_category = club
        .store
        .workout_categories(stranger.club_id)
        .await
        .expect("categories")[0]
        .id;
    let mut categorised = snatch_day(&club).await;
    categorised.category = Some(foreign_category);
    assert_eq!(
        service::create_workout(&club.store, &club.coach, &categorised, t0()).await,
        Err(ClubError::Invalid(vec![FieldError::new(
            "category",
            FieldProblem::InvalidChoice
        )]))
    );
}

#[tokio::test]
async fn a_save_over_a_stale_version_is_a_conflict() {
    let club = Club::new().await;
    let made = service::create_workout(&club.store, &club.coach, &snatch_day(&club).await, t0())
        .await
        .expect("made");
    let mut changed = snatch_day(&club).await;
    changed.title = "Arraché technique".into();
    let saved = service::update_workout(&club.store, &club.coach, made.id, made.version, &changed, t0())
        .await
        .expect("saved");
    assert_eq!(saved.version, made.version + 1);
    assert_eq!(saved.title, "Arraché technique");

    // A second tab still holds version 1.
    changed.title = "Autre".into();
    assert_eq!(
        service::update_workout(&club.store, &club.admin, made.id, made.version, &changed, t0()).await,
        Err(ClubError::Conflict)
    );
    let kept = service::workout(&club.store, &club.coach, made.id)
        .await
        .expect("read");
    assert_eq!(kept.title, "Arraché technique");
}

#[tokio::test]
async fn a_complex_block_gives_reps_for_each_movement() {
    let club = Club::new().await;
    let complex = complex(&club, "Tirage lourd d'arraché + Arraché").await;
    let wrong = draft(
        "Complexe",
        vec![Element::new(
            Lift::Complex(complex.id),
            vec![block(3, &[1, 1, 2], 80)],
        )],
    );
    assert_eq!(
        service::create_workout(&club.store, &club.coach, &wrong, t0()).await,
        Err(ClubError::Invalid(vec![FieldError::new(
            "element-0",
            FieldProblem::TooFew { min: 2 }
        )]))
    );
    let right = draft(
        "Complexe",
        vec![Element::new(
            Lift::Complex(complex.id),
            vec![block(3, &[1, 1], 80)],
        )],
    );
    let made = service::create_workout(&club.store, &club.coach, &right, t0())
        .await
        .expect("made");
    assert_eq!(made.content.elements[0].blocks[0].reps, vec![1, 1]);

    // Its %-blocks refer to its main lift, the snatch, not to its first movement.
    let cache = crate::catalogue::cache::CatalogueCache::default();
    let facts = service::workout_catalogue(&club.store, &cache, &club.coach)
        .await
        .expect("facts")
        .facts();
    let snatch = club.exercise("Arraché").await.id;
    assert_eq!(facts[&Lift::Complex(complex.id)].reference, snatch);
    assert_eq!(facts[&Lift::Complex(complex.id)].movements.len(), 2);
    assert_eq!(facts[&Lift::Exercise(snatch)].reference, snatch);
    assert_eq!(
        service::workout_catalogue(&club.store, &cache, &club.athlete)
            .await
            .map(|c| c.facts()),
        Err(ClubError::Forbidden)
    );

    // A used complex cannot be deleted.
    assert_eq!(
        catalogue_service::delete_complex(&club.store, &club.coach, complex.id, complex.version).await,
        Err(ClubError::InUse)
    );
}

#[tokio::test]
async fn duplicate_archive_and_delete() {
    let club = Club::new().await;
    let made = service::create_workout(&club.store, &club.coach, &snatch_day(&club).await, t0())
        .await
        .expect("made");
    let copy = service::duplicate_workout(
        &club.store,
        &club.coach,
        made.id,
        |t| format!("{t} (copie)"),
        t0(),
    )
    .await
    .expect("copied");
    assert_ne!(copy.id, made.id);
    assert_eq!(copy.title, "Arraché lourd (copie)");
    assert_eq!(copy.content, made.content);
    let long = "x".repeat(300);
    let cut = service::duplicate_workout(&club.store, &club.coach, made.id, |_| long.clone(), t0())
        .await
        .expect("copied");
    assert_eq!(cut.title.chars().count(), WorkoutDraft::TITLE_MAX);
    assert_eq!(
        service::duplicate_workout(&club.store, &club.athlete, made.id, |t| t.to_owned(), t0()).await,
        Err(ClubError::Forbidden)
    );

    let archived = service::set_workout_archived(&club.store, &club.coach, made.id, true, 1, t0())
        .await
        .expect("archived");
    assert!(archived.archived);
    assert_eq!(
        service::set_workout_archived(&club.store, &club.coach, made.id, false, 1, t0()).await,
        Err(ClubError::Conflict)
    );
    let restored = service::set_workout_archived(&club.store, &club.coach, made.id, false, 2, t0())
        .await
        .expect("restored");
    assert!(!restored.archived);

    // The snatch is used by the workouts: it cannot be deleted, only archived.
    let snatch = club.exercise("Arraché").await;
    assert_eq!(
        catalogue_service::delete_exercise(&club.store, &club.coach, snatch.id, snatch.version).await,
        Err(ClubError::InUse)
    );
    assert_eq!(
        service::delete_workout(&club.store, &club.coach, made.id, 1).await,
        Err(ClubError::Conflict)
    );
    service::delete_workout(&club.store, &club.coach, made.id, 3)
        .await
        .expect("deleted");
    assert_eq!(
        service::workout(&club.store, &club.coach, made.id).await,
        Err(ClubError::NotFound)
    );
}

#[tokio::test]
async fn every_club_starts_with_the_workout_categories() {
    let club = Club::new().await;
    let categories = club.store.workout_categories(club.id).await.expect("categories");
    let names: Vec<(&str, &str)> = categories
        .iter()
        .map(|c| (c.names.fr.as_str(), c.names.en.as_str()))
        .collect();
    assert_eq!(
        names,
        vec![
            ("Compétition", "Competition"),
            ("Décharge", "Deload"),
            ("Fond", "Base"),
            ("Saison", "Season"),
            ("Technique", "Technique"),
        ]
    );
    // A category in use counts its workouts.
    let mut categorised = snatch_day(&club).await;
    categorised.category = Some(categories[3].id);
    service::create_workout(&club.store, &club.coach, &categorised, t0())
        .await
        .expect("made");
    let uses = catalogue_service::labels(&club.store, &club.coach, crate::catalogue::LabelKind::Workout)
        .await
        .expect("uses");
    assert_eq!(
        uses.iter().find(|l| l.id == categories[3].id.0).map(|l| l.uses),
        Some(1)
    );
}

/// A max of `kg` in `exercise`, tested today.
fn tested(exercise: crate::ids::ExerciseId, kg: i64) -> crate::maxes::Max<crate::ids::ExerciseId> {
    crate::maxes::Max {
        exercise,
        date: super::today(),
        weight: crate::weight::Kg::whole(kg),
        kind: crate::maxes::MaxKind::Tested,
    }
}

async fn record(
    club: &Club,
    athlete: crate::ids::AthleteId,
    max: &crate::maxes::Max<crate::ids::ExerciseId>,
) {
    crate::service::athletes::record_max(&club.store, &club.coach, athlete, max, t0())
        .await
        .expect("recorded");
}

/// Zoé Martin and Ana Bernard in the group "Seniors". Zoé's clean & jerk is 110 kg (tested
/// today; returned); Ana has no max.
async fn seniors(
    club: &Club,
) -> (
    crate::athlete::Athlete,
    crate::athlete::Athlete,
    crate::athlete::Group,
    crate::maxes::Max<crate::ids::ExerciseId>,
) {
    use crate::service::athletes;
    use crate::service::tests::athletes::athlete_draft;
    let coach = &club.coach;
    let zoe = athletes::create_athlete(&club.store, coach, &athlete_draft("Zoé", "Martin"), t0())
        .await
        .expect("made");
    let ana = athletes::create_athlete(&club.store, coach, &athlete_draft("Ana", "Bernard"), t0())
        .await
        .expect("made");
    let max = tested(club.exercise("Épaulé-jeté").await.id, 110);
    record(club, zoe.id, &max).await;
    let group = athletes::create_group(&club.store, coach, "Seniors", t0())
        .await
        .expect("group");
    for a in [&zoe, &ana] {
        athletes::set_in_group(&club.store, coach, group.id, a.id, true)
            .await
            .expect("in the group");
    }
    (zoe, ana, group, max)
}

#[tokio::test]
async fn a_preview_brings_the_athletes_maxes_of_one_athlete_or_a_group() {
    use crate::service::workouts::PreviewFor;
    let club = Club::new().await;
    let coach = &club.coach;
    let (zoe, _, group, max) = seniors(&club).await;

    let one = service::preview_athletes(&club.store, coach, PreviewFor::Athlete(zoe.id))
        .await
        .expect("preview");
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].maxes, vec![max]);
    // A group's athletes by name, each with their own maxes.
    let both = service::preview_athletes(&club.store, coach, PreviewFor::Group(group.id))
        .await
        .expect("preview");
    let names: Vec<&str> = both.iter().map(|a| a.last_name.as_str()).collect();
    assert_eq!(names, ["Bernard", "Martin"]);
    assert!(both[0].maxes.is_empty());

    assert_eq!(
        service::preview_athletes(&club.store, &club.athlete, PreviewFor::Athlete(zoe.id)).await,
        Err(ClubError::Forbidden)
    );
    assert_eq!(
        service::preview_athletes(&club.store, &club.stranger, PreviewFor::Group(group.id)).await,
        Err(ClubError::NotFound)
    );
    assert_eq!(
        service::preview_athletes(&club.store, &club.stranger, PreviewFor::Athlete(zoe.id)).await,
        Err(ClubError::NotFound)
    );
}

#[tokio::test]
async fn a_sheet_gives_each_athlete_of_the_group_their_loads_on_the_day() {
    use crate::service::athletes;
    use crate::service::tests::athletes::athlete_draft;
    use crate::weight::Kg;
    use crate::workout::metrics::BlockLoad;
    let club = Club::new().await;
    let coach = &club.coach;
    let cache = crate::catalogue::cache::CatalogueCache::default();
    // Zoé has no snatch max: hers comes from her clean & jerk (110 kg) through the club's ratio
    // (0.80). Léa is not in the group.
    let (_, ana, group, _) = seniors(&club).await;
    let outside = athletes::create_athlete(&club.store, coach, &athlete_draft("Léa", "Autre"), t0())
        .await
        .expect("made");
    let snatch = club.exercise("Arraché").await.id;
    record(&club, ana.id, &tested(snatch, 80)).await;
    record(&club, outside.id, &tested(snatch, 100)).await;
    let made = service::create_workout(&club.store, coach, &snatch_day(&club).await, t0())
        .await
        .expect("made");
    // The sheet of this workout, as `actor` asks for it.
    let sheet_for = async |actor: &Member, group: Option<GroupId>, on: NaiveDate| {
        service::workout_sheet(&club.store, &cache, actor, made.id, group, on).await
    };

    let sheet = sheet_for(coach, Some(group.id), super::today())
        .await
        .expect("sheet");
    assert_eq!(sheet.workout.id, made.id);
    assert_eq!(sheet.groups.iter().map(|g| g.id).collect::<Vec<_>>(), [group.id]);
    let (printed, athletes) = sheet.group.expect("a group");
    assert_eq!(printed.id, group.id);
    let rows: Vec<(&str, Option<&BlockLoad>)> = athletes
        .iter()
        .map(|(a, loads)| (a.last_name.as_str(), loads.block(0, 0)))
        .collect();
    assert_eq!(
        rows,
        [
            (
                "Bernard",
                Some(&BlockLoad::Planned {
                    load: Kg::whole(60),
                    flag: None,
                    max: Kg::whole(80),
                    derived: false
                })
            ),
            (
                "Martin",
                Some(&BlockLoad::Planned {
                    load: Kg::whole(66),
                    flag: None,
                    max: Kg::whole(88),
                    derived: true
                })
            ),
        ]
    );

    // Before the maxes were tested, nobody has a load.
    let before = super::today() - chrono::Days::new(1);
    let sheet = sheet_for(coach, Some(group.id), before).await.expect("sheet");
    let (_, athletes) = sheet.group.expect("a group");
    assert_eq!(athletes.len(), 2);
    assert!(
        athletes
            .iter()
            .all(|(_, l)| l.block(0, 0).and_then(BlockLoad::load).is_none())
    );
    // Without a group, the workout alone.
    let sheet = sheet_for(coach, None, super::today()).await.expect("sheet");
    assert!(sheet.group.is_none());

    assert_eq!(
        sheet_for(&club.athlete, None, super::today()).await.err(),
        Some(ClubError::Forbidden)
    );
    assert_eq!(
        sheet_for(&club.stranger, None, super::today()).await.err(),
        Some(ClubError::NotFound)
    );
    // An archived athlete leaves the sheet; an archived group is no longer offered, and its
    // sheet is not found.
    athletes::set_athlete_archived(&club.store, coach, ana.id, true, ana.version, t0())
        .await
        .expect("archived");
    let sheet = sheet_for(coach, Some(group.id), super::today())
        .await
        .expect("sheet");
    let names: Vec<String> = sheet
        .group
        .expect("a group")
        .1
        .into_iter()
        .map(|(a, _)| a.last_name)
        .collect();
    assert_eq!(names, ["Martin"]);
    let group = athletes::set_group_archived(&club.store, coach, group.id, true, group.version, t0())
        .await
        .expect("archived");
    let sheet = sheet_for(coach, None, super::today()).await.expect("sheet");
    assert!(sheet.groups.is_empty());
    assert_eq!(
        sheet_for(coach, Some(group.id), super::today()).await.err(),
        Some(ClubError::NotFound)
    );

    // Another club's group answers not found, as if it did not exist.
    let theirs = athletes::create_group(&club.store, &club.stranger, "Leurs", t0())
        .await
        .expect("their group");
    assert_eq!(
        sheet_for(coach, Some(theirs.id), super::today()).await.err(),
        Some(ClubError::NotFound)
    );
}
