//! Athletes, their bodyweights, levels and maxes, the club's groups and its training settings.
//!
//! Coaches (and above) read and change every athlete of their club. An athlete reads only the
//! profile linked to their own membership, and records their own training maxes only when the
//! club allows it ([`TrainingSettings::athletes_record_maxes`]). Another athlete's profile is
//! refused (`Forbidden`); another club's ids are "not found", as everywhere.

use super::error::{ClubError, require, require_found};
use crate::athlete::{Athlete, AthleteDraft, Group, GroupChange, parse_group_name};
use crate::athlete_import::{AthleteImportProblem, ImportIssue};
use crate::catalogue::cache::{CatalogueCache, ClubCatalogue};
use crate::catalogue::default::club_keys;
use crate::competition::{CompetitorLevel, LevelChange, LevelStatus, Weighing};
use crate::error::{FieldError, FieldProblem, Report, StoreError};
use crate::ids::{AthleteId, ClubId, ExerciseId, GroupId, MaxId, MemberId};
use crate::maxes::{Max, MaxKind};
use crate::membership::Member;
use crate::ports::{
    AthleteImportStore, AthleteStore, CatalogueStore, ClubStore, CompetitionStore, ExerciseStore, GroupStore,
    MaxStore, Offload, RecordedMax, SettingsStore, Versioned, offloaded,
};
use crate::role::Permission;
use crate::roster::{self, MainLifts, RosterData, RosterRow};
use crate::settings::TrainingSettings;
use chrono::{DateTime, NaiveDate, Utc};
use std::sync::Arc;

/// The club's main lifts, found among its exercises (see [`club_keys`]).
pub fn main_lifts(catalogue: &ClubCatalogue) -> MainLifts {
    let keys = club_keys(catalogue.exercises.exercises());
    MainLifts {
        snatch: keys.get("snatch").copied(),
        clean_and_jerk: keys.get("clean_and_jerk").copied(),
    }
}

/// The profile linked to the caller's membership, if any (an athlete's "my page").
pub async fn own_profile(store: &dyn AthleteStore, actor: &Member) -> Result<Option<Athlete>, ClubError> {
    require(actor, Permission::ViewClub)?;
    Ok(store.athlete_of_member(actor.club_id, actor.id).await?)
}

/// The roster: one row per athlete (archived ones included; the page filters), with the
/// values in force on `today`. Coaches only.
pub async fn roster<
    S: AthleteStore + CatalogueStore + CompetitionStore + ExerciseStore + GroupStore + MaxStore + ?Sized,
>(
    store: &S,
    cache: &CatalogueCache,
    actor: &Member,
    today: NaiveDate,
) -> Result<(Vec<RosterRow>, Vec<Group>), ClubError> {
    require(actor, Permission::Coach)?;
    let club = actor.club_id;
    let catalogue = super::catalogue::exercises(store, cache, actor).await?;
    let athletes = store.athletes(club).await?;
    let weighings = store.club_weighings(club).await?;
    let maxes = store.club_maxes(club).await?;
    let levels = store.current_levels(club).await?;
    let groups = store.groups(club).await?;
    let rows = roster::rows(
        &RosterData {
            athletes: &athletes,
            weighings: &weighings,
            maxes: &maxes,
            levels: &levels,
            groups: &groups,
            lifts: main_lifts(&catalogue),
        },
        today,
    );
    Ok((rows, groups))
}

/// Everything an athlete's page shows.
#[derive(Debug, Clone)]
pub struct AthleteFile {
    pub athlete: Athlete,
    /// Oldest first.
    pub weighings: Vec<Weighing>,
    /// Oldest first; the last one is open.
    pub levels: Vec<LevelStatus>,
    /// Oldest first.
    pub maxes: Vec<RecordedMax>,
    /// The club's groups (the athlete's are those listing them).
    pub groups: Vec<Group>,
    pub lifts: MainLifts,
    /// The club's prepared catalogue the file was read with (the exercises' names).
    pub catalogue: Arc<ClubCatalogue>,
    /// Whether the caller may record, change and delete this athlete's training maxes.
    pub may_record_training: bool,
    /// Whether the caller coaches (may change everything on the page).
    pub coaching: bool,
    /// For a coach: the member the profile is linked to, and the members it could be linked
    /// to (those without a profile).
    pub account: Option<Member>,
    pub linkable: Vec<Member>,
}

/// Loads an athlete the caller may see: any of the club's for a coach, only their own for an
/// athlete (`Forbidden` otherwise).
async fn readable<S: AthleteStore + ?Sized>(
    store: &S,
    actor: &Member,
    id: AthleteId,
) -> Result<Athlete, ClubError> {
    let athlete = require_found(actor, Permission::ViewClub, |club| store.athlete(club, id)).await?;
    if actor.role.allows(Permission::Coach) || athlete.member == Some(actor.id) {
        Ok(athlete)
    } else {
        Err(ClubError::Forbidden)
    }
}

/// The club's training settings: the saved ones with their version, or, until an admin first
/// saves them, the defaults with the default ratios applied to the club's exercises.
pub async fn training_settings<S: CatalogueStore + ExerciseStore + SettingsStore + ?Sized>(
    store: &S,
    cache: &CatalogueCache,
    actor: &Member,
) -> Result<(TrainingSettings<ExerciseId>, Option<i64>), ClubError> {
    require(actor, Permission::ViewClub)?;
    if let Some((settings, version)) = store.training_settings(actor.club_id).await? {
        return Ok((settings, Some(version)));
    }
    let catalogue = super::catalogue::exercises(store, cache, actor).await?;
    let keys = club_keys(catalogue.exercises.exercises());
    Ok((
        TrainingSettings::default().map_exercises(|key: &String| keys.get(key.as_str()).copied()),
        None,
    ))
}

/// Whether a member of `role` creates and changes the club's athlete profiles: coaches and
/// above. The pages offer the forms by it; every change checks it again.
pub fn may_manage_athletes(role: crate::role::Role) -> bool {
    role.allows(Permission::Coach)
}

/// The training settings as their page shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingsForm {
    pub settings: TrainingSettings<ExerciseId>,
    /// `None` while the club has the defaults.
    pub version: Option<i64>,
    /// Admins change them; coaches only read them.
    pub can_edit: bool,
}

/// The settings page: coaches and above read the club's settings (athletes are refused), admins
/// may change them.
pub async fn settings_form<S: CatalogueStore + ExerciseStore + SettingsStore + ?Sized>(
    store: &S,
    cache: &CatalogueCache,
    actor: &Member,
) -> Result<SettingsForm, ClubError> {
    require(actor, Permission::Coach)?;
    let (settings, version) = training_settings(store, cache, actor).await?;
    Ok(SettingsForm {
        settings,
        version,
        can_edit: actor.role.allows(Permission::ManageSettings),
    })
}

/// Whether the caller may record `kind` maxes for `athlete`.
fn may_record(actor: &Member, athlete: &Athlete, kind: MaxKind, allowed: bool) -> bool {
    let coaching = actor.role.allows(Permission::Coach);
    MaxKind::recordable(coaching).contains(&kind)
        && (coaching || (allowed && athlete.member == Some(actor.id)))
}

/// An athlete's page.
pub async fn athlete_file<
    S: AthleteStore
        + CatalogueStore
        + ClubStore
        + CompetitionStore
        + ExerciseStore
        + GroupStore
        + MaxStore
        + SettingsStore
        + ?Sized,
>(
    store: &S,
    cache: &CatalogueCache,
    actor: &Member,
    id: AthleteId,
) -> Result<AthleteFile, ClubError> {
    let athlete = readable(store, actor, id).await?;
    let club = actor.club_id;
    let catalogue = super::catalogue::exercises(store, cache, actor).await?;
    let allowed = athletes_record_maxes(store, actor).await?;
    let coaching = actor.role.allows(Permission::Coach);
    let (account, linkable) = if coaching {
        let members = store.members(club).await?;
        let profiles = store.athletes(club).await?;
        let account = members.iter().find(|m| athlete.member == Some(m.id)).cloned();
        let linkable = members
            .into_iter()
            .filter(|m| !profiles.iter().any(|a| a.member == Some(m.id)))
            .collect();
        (account, linkable)
    } else {
        (None, Vec::new())
    };
    Ok(AthleteFile {
        account,
        linkable,
        weighings: store.weighings(club, id).await?,
        levels: store.levels(club, id).await?,
        maxes: store.maxes(club, id).await?,
        groups: store.groups(club).await?,
        lifts: main_lifts(&catalogue),
        catalogue,
        may_record_training: may_record(actor, &athlete, MaxKind::Training, allowed),
        coaching,
        athlete,
    })
}

async fn athletes_record_maxes<S: SettingsStore + ?Sized>(
    store: &S,
    actor: &Member,
) -> Result<bool, ClubError> {
    Ok(store
        .training_settings(actor.club_id)
        .await?
        .is_some_and(|(s, _)| s.athletes_record_maxes))
}

/// Creates an athlete profile (not yet linked to an account).
pub async fn create_athlete(
    store: &dyn AthleteStore,
    actor: &Member,
    draft: &AthleteDraft,
    now: DateTime<Utc>,
) -> Result<Athlete, ClubError> {
    require(actor, Permission::Coach)?;
    Ok(store.create_athlete(actor.club_id, draft, None, now).await?)
}

/// Changes an athlete's profile; `version` is the one the coach saw.
pub async fn update_athlete(
    store: &dyn AthleteStore,
    actor: &Member,
    id: AthleteId,
    draft: &AthleteDraft,
    version: i64,
    now: DateTime<Utc>,
) -> Result<Athlete, ClubError> {
    require(actor, Permission::Coach)?;
    Ok(store
        .update_athlete(Versioned::new(actor.club_id, id, version).edit(draft, now))
        .await?)
}

/// Links an athlete's profile to a member of the club (their account: they then see it as
/// their page), or unlinks it. A member has at most one profile.
pub async fn link_account(
    store: &dyn AthleteStore,
    actor: &Member,
    id: AthleteId,
    member: Option<MemberId>,
    version: i64,
    now: DateTime<Utc>,
) -> Result<Athlete, ClubError> {
    require(actor, Permission::Coach)?;
    store
        .link_member(Versioned::new(actor.club_id, id, version).edit(member, now))
        .await
        .map_err(|e| match e {
            StoreError::Duplicate => {
                ClubError::Invalid(vec![FieldError::new("member", FieldProblem::InvalidChoice)])
            }
            other => other.into(),
        })
}

/// After someone joins a club: links the club's profile that carries their email and no
/// account yet, when there is exactly one. (A coach may create the profile first and invite
/// the athlete later; the invitation then finds it.)
pub async fn link_joining_member<S: AthleteStore + ?Sized>(
    store: &S,
    club: ClubId,
    member: MemberId,
    email: &str,
    now: DateTime<Utc>,
) -> Result<Option<Athlete>, StoreError> {
    if store.athlete_of_member(club, member).await?.is_some() {
        return Ok(None);
    }
    let athletes = store.athletes(club).await?;
    let mut waiting = athletes
        .iter()
        .filter(|a| a.member.is_none() && a.email.as_deref().is_some_and(|e| e.eq_ignore_ascii_case(email)));
    match (waiting.next(), waiting.next()) {
        (Some(profile), None) => Ok(Some(
            store
                .link_member(Versioned::new(club, profile.id, profile.version).edit(Some(member), now))
                .await?,
        )),
        _ => Ok(None),
    }
}

/// Archives an athlete (hidden from the roster and the planning, history kept) or brings them
/// back.
pub async fn set_athlete_archived(
    store: &dyn AthleteStore,
    actor: &Member,
    id: AthleteId,
    archived: bool,
    version: i64,
    now: DateTime<Utc>,
) -> Result<Athlete, ClubError> {
    require(actor, Permission::Coach)?;
    Ok(store
        .set_athlete_archived(Versioned::new(actor.club_id, id, version).edit(archived, now))
        .await?)
}

/// Records a bodyweight (a second one the same day replaces the first).
pub async fn record_weighing(
    store: &dyn CompetitionStore,
    actor: &Member,
    id: AthleteId,
    weighing: Weighing,
) -> Result<(), ClubError> {
    require(actor, Permission::Coach)?;
    Ok(store.record_weighing(actor.club_id, id, weighing).await?)
}

pub async fn delete_weighing(
    store: &dyn CompetitionStore,
    actor: &Member,
    id: AthleteId,
    date: NaiveDate,
) -> Result<(), ClubError> {
    require(actor, Permission::Coach)?;
    Ok(store.delete_weighing(actor.club_id, id, date).await?)
}

/// Starts a competitor level on `start`, closing the current one.
pub async fn record_level(
    store: &dyn CompetitionStore,
    actor: &Member,
    id: AthleteId,
    level: CompetitorLevel,
    start: NaiveDate,
) -> Result<(), ClubError> {
    require(actor, Permission::Coach)?;
    store
        .record_level(actor.club_id, id, LevelChange { level, start })
        .await
        .map_err(|e| match e {
            // The open level started on or after that day: a new one must start later.
            StoreError::Conflict => {
                ClubError::Invalid(vec![FieldError::new("start", FieldProblem::InvalidDate)])
            }
            other => other.into(),
        })
}

/// "The exercise is not the club's" becomes a message next to the exercise field.
fn unknown_exercise(e: StoreError) -> ClubError {
    match e {
        StoreError::NotFound => {
            ClubError::Invalid(vec![FieldError::new("exercise", FieldProblem::InvalidChoice)])
        }
        other => other.into(),
    }
}

/// The maxes the caller may record for `athlete`: refused unless they coach, or the athlete is
/// themselves, the club allows it and the max is a training max.
async fn check_recording<S: SettingsStore + ?Sized>(
    store: &S,
    actor: &Member,
    athlete: &Athlete,
    kind: MaxKind,
) -> Result<(), ClubError> {
    let allowed = actor.role.allows(Permission::Coach) || athletes_record_maxes(store, actor).await?;
    if may_record(actor, athlete, kind, allowed) {
        Ok(())
    } else {
        Err(ClubError::Forbidden)
    }
}

/// Records a max; returns it with whether it is a personal record (heavier than every max of
/// the exercise dated on or before it).
pub async fn record_max<S: AthleteStore + MaxStore + SettingsStore + ?Sized>(
    store: &S,
    actor: &Member,
    id: AthleteId,
    max: &Max<ExerciseId>,
    now: DateTime<Utc>,
) -> Result<(RecordedMax, bool), ClubError> {
    let athlete = readable(store, actor, id).await?;
    check_recording(store, actor, &athlete, max.kind).await?;
    let history: Vec<Max<ExerciseId>> = store
        .maxes(actor.club_id, id)
        .await?
        .into_iter()
        .map(|m| m.max)
        .collect();
    let record = crate::maxes::is_personal_record(&history, max);
    let saved = store
        .create_max(actor.club_id, id, max, now)
        .await
        .map_err(unknown_exercise)?;
    Ok((saved, record))
}

/// A recorded max the caller may change: the club's, of an athlete they may see, and one they
/// may record (a coach any; an athlete their own training maxes when the club allows it).
async fn changeable_max<S: AthleteStore + MaxStore + SettingsStore + ?Sized>(
    store: &S,
    actor: &Member,
    id: MaxId,
) -> Result<RecordedMax, ClubError> {
    let found = require_found(actor, Permission::ViewClub, |club| store.recorded_max(club, id)).await?;
    let athlete = readable(store, actor, found.athlete).await?;
    check_recording(store, actor, &athlete, found.max.kind).await?;
    Ok(found)
}

/// Changes a max; `version` is the one the person saw.
pub async fn update_max<S: AthleteStore + MaxStore + SettingsStore + ?Sized>(
    store: &S,
    actor: &Member,
    id: MaxId,
    max: &Max<ExerciseId>,
    version: i64,
) -> Result<RecordedMax, ClubError> {
    let found = changeable_max(store, actor, id).await?;
    // An athlete may not turn their training max into a tested one.
    let athlete = readable(store, actor, found.athlete).await?;
    check_recording(store, actor, &athlete, max.kind).await?;
    store
        .update_max(Versioned::new(actor.club_id, id, version), max)
        .await
        .map_err(unknown_exercise)
}

pub async fn delete_max<S: AthleteStore + MaxStore + SettingsStore + ?Sized>(
    store: &S,
    actor: &Member,
    id: MaxId,
    version: i64,
) -> Result<(), ClubError> {
    changeable_max(store, actor, id).await?;
    Ok(store
        .delete_max(Versioned::new(actor.club_id, id, version))
        .await?)
}

/// The club's groups, archived ones included, by name. Coaches only.
pub async fn groups<S: GroupStore + ?Sized>(store: &S, actor: &Member) -> Result<Vec<Group>, ClubError> {
    require(actor, Permission::Coach)?;
    Ok(store.groups(actor.club_id).await?)
}

/// The groups page: every group, and the club's athletes (to name the groups' members and to
/// add more). Coaches only.
pub async fn groups_page<S: AthleteStore + GroupStore + ?Sized>(
    store: &S,
    actor: &Member,
) -> Result<(Vec<Group>, Vec<Athlete>), ClubError> {
    let groups = groups(store, actor).await?;
    Ok((groups, store.athletes(actor.club_id).await?))
}

/// "The club already has a group of that name" becomes a message next to the name.
fn duplicate_group(name: &str) -> impl Fn(StoreError) -> ClubError + '_ {
    move |e| match e {
        StoreError::Duplicate => ClubError::Invalid(vec![FieldError::new(
            "name",
            FieldProblem::DuplicateName {
                existing: name.to_owned(),
            },
        )]),
        other => other.into(),
    }
}

pub async fn create_group(
    store: &dyn GroupStore,
    actor: &Member,
    name: &str,
    now: DateTime<Utc>,
) -> Result<Group, ClubError> {
    require(actor, Permission::Coach)?;
    let name = parse_group_name("name", name).map_err(|e| ClubError::Invalid(vec![e]))?;
    store
        .create_group(actor.club_id, &name, now)
        .await
        .map_err(duplicate_group(&name))
}

pub async fn rename_group(
    store: &dyn GroupStore,
    actor: &Member,
    id: GroupId,
    name: &str,
    version: i64,
) -> Result<Group, ClubError> {
    require(actor, Permission::Coach)?;
    let name = parse_group_name("name", name).map_err(|e| ClubError::Invalid(vec![e]))?;
    store
        .rename_group(Versioned::new(actor.club_id, id, version), &name)
        .await
        .map_err(duplicate_group(&name))
}

pub async fn set_group_archived(
    store: &dyn GroupStore,
    actor: &Member,
    id: GroupId,
    archived: bool,
    version: i64,
    now: DateTime<Utc>,
) -> Result<Group, ClubError> {
    require(actor, Permission::Coach)?;
    Ok(store
        .set_group_archived(Versioned::new(actor.club_id, id, version).edit(archived, now))
        .await?)
}

/// Puts an athlete in a group, or takes them out.
pub async fn set_in_group(
    store: &dyn GroupStore,
    actor: &Member,
    group: GroupId,
    athlete: AthleteId,
    member: bool,
) -> Result<(), ClubError> {
    require(actor, Permission::Coach)?;
    Ok(store
        .set_in_group(
            actor.club_id,
            GroupChange {
                group,
                athlete,
                member,
            },
        )
        .await?)
}

/// The largest file an athlete import accepts (a thousand athletes fit in far less).
pub const IMPORT_MAX_BYTES: usize = 1024 * 1024;

/// Imports a CSV file of athletes (see [`crate::athlete_import`]): every row is checked against
/// the club's athletes, archived ones included; any problem rejects the whole file with every
/// problem reported, otherwise the athletes and their groups are created in one transaction.
/// Returns the number of athletes created. Coaches only.
pub async fn import_athletes<S: AthleteImportStore + AthleteStore + ?Sized>(
    store: &S,
    offload: &dyn Offload,
    actor: &Member,
    csv: String,
    now: DateTime<Utc>,
) -> Result<usize, ClubError> {
    require(actor, Permission::Coach)?;
    if csv.len() > IMPORT_MAX_BYTES {
        return Err(ClubError::AthleteImportRejected(Report::of(vec![
            AthleteImportProblem {
                line: 1,
                field: "file".to_owned(),
                problem: ImportIssue::Field(FieldProblem::FileTooLarge {
                    max_mb: IMPORT_MAX_BYTES / (1024 * 1024),
                }),
            },
        ])));
    }
    let existing = store.athletes(actor.club_id).await?;
    let today = now.date_naive();
    // Checking a thousand rows against the club's athletes is CPU work.
    let plan = offloaded(offload, move || {
        crate::athlete_import::plan(&csv, &existing, today)
    })
    .await?
    .map_err(|problems| ClubError::AthleteImportRejected(Report::of(problems)))?;
    Ok(store.import_athletes(actor.club_id, &plan, now).await?)
}

/// Saves the club's training settings (admins), after checking them whole. Returns the new
/// version; `version` is the one the admin saw (`None` when the club still had the defaults).
pub async fn save_training_settings<S: ExerciseStore + SettingsStore + ?Sized>(
    store: &S,
    actor: &Member,
    settings: &TrainingSettings<ExerciseId>,
    version: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, SettingsFailure> {
    require(actor, Permission::ManageSettings)?;
    settings.validate().map_err(SettingsFailure::Invalid)?;
    let exercises = store.exercises(actor.club_id).await.map_err(ClubError::from)?;
    let unknown = settings.ratios.ratios.iter().any(|r| {
        ![r.exercise, r.base]
            .iter()
            .all(|id| exercises.iter().any(|e| e.id == *id))
    });
    if unknown {
        return Err(ClubError::NotFound.into());
    }
    Ok(store
        .save_training_settings(actor.club_id, settings, version, now)
        .await
        .map_err(ClubError::from)?)
}

/// Why training settings were not saved: refused like any change, or not valid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SettingsFailure {
    #[error("the settings have {} problem(s)", .0.len())]
    Invalid(Vec<crate::settings::SettingsError>),
    #[error(transparent)]
    Club(#[from] ClubError),
}
