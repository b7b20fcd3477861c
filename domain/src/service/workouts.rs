//! The workouts' use-cases: coaches (and above) read and change the club's workouts; athletes
//! do not see the library (they will see their own sessions).

use super::error::{ClubError, require, require_found};
use crate::athlete::{Athlete, Group};
use crate::catalogue::cache::{CatalogueCache, ClubCatalogue};
use crate::catalogue::default::club_keys;
use crate::catalogue::search::fold;
use crate::catalogue::{Complex, Exercise, Label};
use crate::competition::Sex;
use crate::error::{FieldError, FieldProblem};
use crate::ids::{AthleteId, ClubId, ComplexId, ExerciseId, GroupId};
use crate::maxes::Max;
use crate::membership::Member;
use crate::ports::{
    AthleteStore, CatalogueStore, ComplexStore, ExerciseStore, GroupStore, MaxStore, RecordedMax, Store,
    Versioned, WorkoutStore,
};
use crate::role::Permission;
use crate::workout::metrics::{AthleteLoads, AthleteMaxes, LiftInfo, WorkoutPlan};
use crate::workout::{
    BlockProblem, CLASSIC_LIFTS, Lift, Workout, WorkoutCategoryId, WorkoutDraft, WorkoutId, main_lift,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

/// Whether the caller may see and change the club's workouts: coaches and above.
pub fn may_plan(actor: &Member) -> bool {
    actor.role.allows(Permission::Coach)
}

/// The club's workouts, archived ones included, by title.
pub async fn workouts(store: &dyn WorkoutStore, actor: &Member) -> Result<Vec<Workout>, ClubError> {
    require(actor, Permission::Coach)?;
    Ok(store.workouts(actor.club_id).await?)
}

/// One of the club's workouts.
pub async fn workout(store: &dyn WorkoutStore, actor: &Member, id: WorkoutId) -> Result<Workout, ClubError> {
    require_found(actor, Permission::Coach, |club| store.workout(club, id)).await
}

/// What the builder needs to know of an element's lift: the exercise its %-blocks refer to by
/// default (the exercise itself, or a complex's main lift) and its movements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiftFacts {
    pub reference: ExerciseId,
    /// The complex's movements in order (the exercise alone for an exercise).
    pub movements: Vec<ExerciseId>,
}

/// What the workout pages name: the club's exercises (the prepared catalogue, archived ones
/// included: an old workout may name them), its complexes and its workout categories.
#[derive(Debug, Clone)]
pub struct WorkoutCatalogue {
    pub catalogue: Arc<ClubCatalogue>,
    pub complexes: Vec<Complex>,
    pub categories: Vec<Label<WorkoutCategoryId>>,
}

impl WorkoutCatalogue {
    /// The club's exercises.
    pub fn exercises(&self) -> impl Iterator<Item = &Exercise> {
        self.catalogue.exercises.exercises()
    }

    /// The reference lift and movements of every exercise and complex of the club.
    pub fn facts(&self) -> HashMap<Lift, LiftFacts> {
        let keys = club_keys(self.exercises());
        let classic: Vec<ExerciseId> = CLASSIC_LIFTS
            .iter()
            .filter_map(|k| keys.get(k).copied())
            .collect();
        let mut facts: HashMap<Lift, LiftFacts> = self
            .exercises()
            .map(|e| {
                let own = LiftFacts {
                    reference: e.id,
                    movements: vec![e.id],
                };
                (Lift::Exercise(e.id), own)
            })
            .collect();
        for complex in &self.complexes {
            if let Some(reference) = main_lift(&complex.movements, &classic) {
                let movements = complex.movements.clone();
                facts.insert(Lift::Complex(complex.id), LiftFacts { reference, movements });
            }
        }
        facts
    }
}

/// The club's exercises, complexes and workout categories, for those who plan (the exercises
/// from `cache` while the catalogue has not changed).
pub async fn workout_catalogue<S: CatalogueStore + ExerciseStore + ComplexStore + ?Sized>(
    store: &S,
    cache: &CatalogueCache,
    actor: &Member,
) -> Result<WorkoutCatalogue, ClubError> {
    require(actor, Permission::Coach)?;
    read_catalogue(store, cache, actor).await
}

/// The club's exercises, complexes and workout categories, for whoever reads the catalogue (an
/// athlete's own sessions name them too).
pub(super) async fn read_catalogue<S: CatalogueStore + ExerciseStore + ComplexStore + ?Sized>(
    store: &S,
    cache: &CatalogueCache,
    actor: &Member,
) -> Result<WorkoutCatalogue, ClubError> {
    Ok(WorkoutCatalogue {
        catalogue: super::catalogue::exercises(store, cache, actor).await?,
        complexes: store.complexes(actor.club_id).await?,
        categories: store.workout_categories(actor.club_id).await?,
    })
}

/// Whom the builder's "Preview for" offers: the club's athletes and groups, archived ones
/// aside (coaches and above).
pub async fn preview_choices<S: AthleteStore + GroupStore + ?Sized>(
    store: &S,
    actor: &Member,
) -> Result<(Vec<Athlete>, Vec<Group>), ClubError> {
    require(actor, Permission::Coach)?;
    let athletes = store.athletes(actor.club_id).await?;
    let groups = store.groups(actor.club_id).await?;
    Ok((
        athletes.into_iter().filter(|a| !a.archived).collect(),
        groups.into_iter().filter(|g| !g.archived).collect(),
    ))
}

/// Checks a draft's lifts against the catalogue: every complex's blocks give one number of
/// reps per movement (`element-{i}`: `TooFew`/`TooMany` with the movements' count); an
/// exercise or complex that is not the club's is `NotFound`.
pub(super) async fn check_lifts<S: ExerciseStore + ComplexStore + ?Sized>(
    store: &S,
    actor: &Member,
    draft: &WorkoutDraft,
) -> Result<(), ClubError> {
    let complexes: HashMap<ComplexId, usize> = store
        .complexes(actor.club_id)
        .await?
        .into_iter()
        .map(|c| (c.id, c.movements.len()))
        .collect();
    match draft.content.check_lifts(|id| complexes.get(&id).copied()) {
        Ok(()) => Ok(()),
        Err((_, BlockProblem::Movements { expected: 0 })) => Err(ClubError::NotFound),
        Err((i, BlockProblem::Movements { expected })) => Err(ClubError::Invalid(vec![FieldError::new(
            &format!("element-{i}"),
            FieldProblem::TooFew { min: expected },
        )])),
        Err((i, _)) => Err(ClubError::Invalid(vec![FieldError::new(
            &format!("element-{i}"),
            FieldProblem::InvalidFormat,
        )])),
    }
}

/// A workout's category must be one of the club's: another club's id (or one deleted
/// meanwhile) is refused next to its field.
async fn check_category<S: CatalogueStore + ?Sized>(
    store: &S,
    actor: &Member,
    draft: &WorkoutDraft,
) -> Result<(), ClubError> {
    if let Some(category) = draft.category
        && !store
            .workout_categories(actor.club_id)
            .await?
            .iter()
            .any(|l| l.id == category)
    {
        return Err(ClubError::Invalid(vec![FieldError::new(
            "category",
            FieldProblem::InvalidChoice,
        )]));
    }
    Ok(())
}

/// Creates a workout (coaches and above).
pub async fn create_workout<S>(
    store: &S,
    actor: &Member,
    draft: &WorkoutDraft,
    now: DateTime<Utc>,
) -> Result<Workout, ClubError>
where
    S: WorkoutStore + CatalogueStore + ExerciseStore + ComplexStore + ?Sized,
{
    require(actor, Permission::Coach)?;
    check_category(store, actor, draft).await?;
    check_lifts(store, actor, draft).await?;
    Ok(store.create_workout(actor.club_id, draft, now).await?)
}

/// Saves a workout over the version the coach started from: a stale version is `Conflict`,
/// never a silent overwrite.
pub async fn update_workout<S>(
    store: &S,
    actor: &Member,
    id: WorkoutId,
    version: i64,
    draft: &WorkoutDraft,
    now: DateTime<Utc>,
) -> Result<Workout, ClubError>
where
    S: WorkoutStore + CatalogueStore + ExerciseStore + ComplexStore + ?Sized,
{
    require(actor, Permission::Coach)?;
    check_category(store, actor, draft).await?;
    check_lifts(store, actor, draft).await?;
    let edit = Versioned::new(actor.club_id, id, version).edit(draft, now);
    Ok(store.update_workout(edit).await?)
}

/// A copy of one of the club's workouts, titled `title(original title)` (the page's "Copy of
/// …"), cut to the longest title.
pub async fn duplicate_workout(
    store: &dyn WorkoutStore,
    actor: &Member,
    id: WorkoutId,
    title: impl FnOnce(&str) -> String,
    now: DateTime<Utc>,
) -> Result<Workout, ClubError> {
    let original = workout(store, actor, id).await?;
    let draft = WorkoutDraft {
        title: title(&original.title)
            .chars()
            .take(WorkoutDraft::TITLE_MAX)
            .collect(),
        category: original.category,
        description: original.description,
        content: original.content,
    };
    Ok(store.create_workout(actor.club_id, &draft, now).await?)
}

pub async fn set_workout_archived(
    store: &dyn WorkoutStore,
    actor: &Member,
    id: WorkoutId,
    archived: bool,
    version: i64,
    now: DateTime<Utc>,
) -> Result<Workout, ClubError> {
    require(actor, Permission::Coach)?;
    let edit = Versioned::new(actor.club_id, id, version).edit(archived, now);
    Ok(store.set_workout_archived(edit).await?)
}

/// Deletes a workout no planned session uses; a used one answers `InUse` (archive it instead).
pub async fn delete_workout(
    store: &dyn WorkoutStore,
    actor: &Member,
    id: WorkoutId,
    version: i64,
) -> Result<(), ClubError> {
    require(actor, Permission::Coach)?;
    Ok(store
        .delete_workout(Versioned::new(actor.club_id, id, version))
        .await?)
}

/// Whom the builder previews a workout for: one athlete, or the athletes of a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PreviewFor {
    Athlete(AthleteId),
    Group(GroupId),
}

/// An athlete as the builder previews loads for them: their sex (the bar) and every max.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewAthlete {
    pub id: AthleteId,
    pub first_name: String,
    pub last_name: String,
    pub sex: Sex,
    pub maxes: Vec<Max<ExerciseId>>,
}

impl PreviewAthlete {
    /// "First Last".
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

impl<'a> From<&'a PreviewAthlete> for AthleteMaxes<'a> {
    /// What an athlete's loads are worked out from.
    fn from(athlete: &'a PreviewAthlete) -> Self {
        AthleteMaxes {
            sex: athlete.sex,
            maxes: &athlete.maxes,
        }
    }
}

/// The athletes a preview is for, with their maxes, by name (coaches and above): the athlete,
/// or the group's athletes who are not archived. Another club's athlete or group is not found.
pub async fn preview_athletes<S>(
    store: &S,
    actor: &Member,
    who: PreviewFor,
) -> Result<Vec<PreviewAthlete>, ClubError>
where
    S: AthleteStore + GroupStore + MaxStore + ?Sized,
{
    require(actor, Permission::Coach)?;
    let club = actor.club_id;
    match who {
        PreviewFor::Athlete(id) => {
            let athlete = store.athlete(club, id).await?.ok_or(ClubError::NotFound)?;
            Ok(with_maxes(vec![athlete], store.maxes(club, id).await?))
        }
        PreviewFor::Group(id) => {
            let group = store
                .groups(club)
                .await?
                .into_iter()
                .find(|g| g.id == id)
                .ok_or(ClubError::NotFound)?;
            group_athletes(store, club, &group).await
        }
    }
}

/// A group's athletes who are not archived, by name, each with their maxes (the whole club's
/// maxes read once).
pub(super) async fn group_athletes<S>(
    store: &S,
    club: ClubId,
    group: &Group,
) -> Result<Vec<PreviewAthlete>, ClubError>
where
    S: AthleteStore + MaxStore + ?Sized,
{
    let mut members: Vec<Athlete> = store
        .athletes(club)
        .await?
        .into_iter()
        .filter(|a| !a.archived && group.athletes.contains(&a.id))
        .collect();
    members.sort_by_cached_key(|a| (fold(&a.last_name), fold(&a.first_name)));
    Ok(with_maxes(members, store.club_maxes(club).await?))
}

/// Each athlete with their own maxes among `all`.
pub(super) fn with_maxes(athletes: Vec<Athlete>, mut all: Vec<RecordedMax>) -> Vec<PreviewAthlete> {
    athletes
        .into_iter()
        .map(|a| {
            let maxes = all.extract_if(.., |m| m.athlete == a.id).map(|m| m.max).collect();
            PreviewAthlete {
                id: a.id,
                first_name: a.first_name,
                last_name: a.last_name,
                sex: a.sex,
                maxes,
            }
        })
        .collect()
}

/// A workout's sheet for the gym's wall: the workout and, for a group, each athlete's loads on
/// a day.
#[derive(Debug, Clone)]
pub struct WorkoutSheet {
    pub workout: Workout,
    pub catalogue: WorkoutCatalogue,
    /// The club's groups that are not archived: those a sheet can be printed for.
    pub groups: Vec<Group>,
    /// The group printed for and each of its athletes (by name) with their loads; `None`
    /// without a group.
    pub group: Option<(Group, Vec<(PreviewAthlete, AthleteLoads)>)>,
}

/// A workout's sheet, for `group` when one is chosen, with the loads of the maxes in force on
/// `date` (coaches and above). Another club's workout or group is not found, nor is an archived
/// group (the sheet offers the active ones).
pub async fn workout_sheet<S>(
    store: &S,
    cache: &CatalogueCache,
    actor: &Member,
    id: WorkoutId,
    group: Option<GroupId>,
    date: NaiveDate,
) -> Result<WorkoutSheet, ClubError>
where
    S: Store + ?Sized,
{
    let workout = require_found(actor, Permission::Coach, |club| store.workout(club, id)).await?;
    let catalogue = workout_catalogue(store, cache, actor).await?;
    let groups: Vec<Group> = store
        .groups(actor.club_id)
        .await?
        .into_iter()
        .filter(|g| !g.archived)
        .collect();
    let group = match group {
        None => None,
        Some(id) => {
            let group = groups
                .iter()
                .find(|g| g.id == id)
                .cloned()
                .ok_or(ClubError::NotFound)?;
            let athletes = group_athletes(store, actor.club_id, &group).await?;
            let (settings, _) = super::athletes::training_settings(store, cache, actor).await?;
            let facts = catalogue.facts();
            let plan = WorkoutPlan::new(&workout.content, |c| {
                let facts = facts.get(&Lift::Complex(c))?;
                LiftInfo::complex(&facts.movements, facts.reference)
            });
            let maxes: Vec<AthleteMaxes<'_>> = athletes.iter().map(AthleteMaxes::from).collect();
            let loads = plan.group(&settings, date, &maxes);
            Some((group, athletes.into_iter().zip(loads).collect()))
        }
    };
    Ok(WorkoutSheet {
        workout,
        catalogue,
        groups,
        group,
    })
}
