//! The athletes' server functions: the roster, an athlete's page, the athlete form and the
//! athlete import (records, groups and the training settings have their own modules). Coaches and above change; an athlete reads
//! their own page (see `domain::service::athletes`).

use crate::error::AppError;
use crate::model::Choice;
use domain::athlete::AthleteInput;
use domain::competition::{LevelStatus, Weighing};
use domain::roster::{MainLifts, RosterQuery, RosterRow};
use domain::{AthleteId, GroupId, MemberId};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::{exercise_choices, name_in},
    crate::ssr,
    chrono::Utc,
    domain::ExerciseId,
    domain::athlete::AthleteDraft,
    domain::catalogue::Exercise,
    domain::service::athletes as service,
};

/// The roster page: the rows the query keeps, in its order, and what its filters offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RosterPage {
    pub rows: Vec<RosterRow>,
    /// Athletes in the club, archived ones aside (the query may show fewer).
    pub active: usize,
    pub groups: Vec<Choice>,
}

pub use domain::service::athlete_page::{LiftHistory, MaxEntry};

/// A group on the athlete's page: whether the athlete is in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupMembership {
    pub id: GroupId,
    pub name: String,
    pub member: bool,
}

/// Everything an athlete's page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AthletePage {
    /// The athlete with the values in force today (class, total, Sinclair, level, groups).
    pub summary: RosterRow,
    /// Newest first.
    pub weighings: Vec<Weighing>,
    /// Newest first.
    pub levels: Vec<LevelStatus>,
    /// The main lifts first (snatch, clean and jerk), then by name.
    pub lifts: Vec<LiftHistory>,
    /// The club's snatch and clean and jerk, which the charts and the max form put first.
    pub main_lifts: MainLifts,
    /// The club's active groups, for a coach.
    pub groups: Vec<GroupMembership>,
    /// The exercises a max may be recorded for (active ones, by name), when the viewer may.
    pub exercises: Vec<Choice>,
    pub may_record_training: bool,
    pub coaching: bool,
    /// For a coach: the name of the member the profile is linked to, and the members it could
    /// be linked to.
    pub account: Option<String>,
    pub linkable: Vec<LinkChoice>,
}

/// A member a profile may be linked to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkChoice {
    pub id: MemberId,
    pub name: String,
    pub email: String,
}

/// The roster, filtered and sorted as the query asks. Coaches only.
#[server(endpoint = "roster")]
pub async fn roster(#[server(default)] query: RosterQuery) -> Result<RosterPage, AppError> {
    let (state, actor) = ssr::member().await?;
    query.check()?;
    let (rows, groups) =
        service::roster(&*state.store, &state.catalogues, &actor, Utc::now().date_naive()).await?;
    let active = rows.iter().filter(|r| !r.athlete.archived).count();
    let kept = domain::roster::browse(&rows, &query)
        .into_iter()
        .cloned()
        .collect();
    Ok(RosterPage {
        rows: kept,
        active,
        groups: super::active_group_choices(groups),
    })
}

/// The caller's own athlete profile, if the club has linked one to them.
#[server(endpoint = "own_profile")]
pub async fn own_profile() -> Result<Option<AthleteId>, AppError> {
    let (state, actor) = ssr::member().await?;
    Ok(service::own_profile(&*state.store, &actor).await?.map(|a| a.id))
}

/// An athlete's page: a coach sees any of the club's, an athlete only their own.
#[server(endpoint = "load_athlete")]
pub async fn load_athlete(id: AthleteId) -> Result<AthletePage, AppError> {
    let (state, actor) = ssr::member().await?;
    let locale = crate::lang::detect();
    let today = Utc::now().date_naive();
    let file = service::athlete_file(&*state.store, &state.catalogues, &actor, id).await?;
    let catalogue = file.catalogue.clone();
    let exercises: Vec<&Exercise> = catalogue.exercises.exercises().collect();
    let name_of = |id: ExerciseId| {
        exercises
            .iter()
            .find(|e| e.id == id)
            .map(|e| name_in(locale, &e.names))
            .unwrap_or_default()
    };
    let lifts = file.lift_histories(today, name_of);
    let summary = file.summary(today).ok_or(AppError::NotFound)?;
    let may_record = file.coaching || file.may_record_training;
    Ok(AthletePage {
        summary,
        weighings: file.weighings.into_iter().rev().collect(),
        levels: file.levels.into_iter().rev().collect(),
        lifts,
        main_lifts: file.lifts,
        groups: if file.coaching {
            file.groups
                .iter()
                .filter(|g| !g.archived)
                .map(|g| GroupMembership {
                    id: g.id,
                    name: g.name.clone(),
                    member: g.athletes.contains(&id),
                })
                .collect()
        } else {
            Vec::new()
        },
        exercises: if may_record {
            exercise_choices(locale, exercises.iter().copied())
        } else {
            Vec::new()
        },
        may_record_training: file.may_record_training,
        coaching: file.coaching,
        account: file.account.map(|m| m.display_name),
        linkable: file
            .linkable
            .into_iter()
            .map(|m| LinkChoice {
                id: m.id,
                name: m.display_name,
                email: m.email,
            })
            .collect(),
    })
}

#[server(endpoint = "create_athlete")]
pub async fn create_athlete(#[server(flatten)] athlete: AthleteInput) -> Result<AthleteId, AppError> {
    let (state, actor) = ssr::member().await?;
    let draft = AthleteDraft::parse(&athlete, Utc::now().date_naive())?;
    Ok(service::create_athlete(&*state.store, &actor, &draft, Utc::now())
        .await?
        .id)
}

#[server(endpoint = "update_athlete")]
pub async fn update_athlete(
    id: AthleteId,
    version: i64,
    #[server(flatten)] athlete: AthleteInput,
) -> Result<AthleteId, AppError> {
    let (state, actor) = ssr::member().await?;
    let draft = AthleteDraft::parse(&athlete, Utc::now().date_naive())?;
    Ok(
        service::update_athlete(&*state.store, &actor, id, &draft, version, Utc::now())
            .await?
            .id,
    )
}

#[server(endpoint = "archive_athlete")]
pub async fn archive_athlete(id: AthleteId, version: i64, archived: bool) -> Result<(), AppError> {
    let (state, actor) = ssr::member().await?;
    service::set_athlete_archived(&*state.store, &actor, id, archived, version, Utc::now()).await?;
    Ok(())
}

/// Links the profile to a member's account (`None` unlinks it).
#[server(endpoint = "link_account")]
pub async fn link_account(
    athlete_id: AthleteId,
    version: i64,
    #[server(default)] member_id: Option<MemberId>,
) -> Result<(), AppError> {
    let (state, actor) = ssr::member().await?;
    service::link_account(&*state.store, &actor, athlete_id, member_id, version, Utc::now()).await?;
    Ok(())
}

/// Imports a CSV file of athletes, all or nothing: a file with any problem imports nothing and
/// comes back with every problem (`AthleteImportRejected`). Returns the number of athletes
/// created. Coaches only.
#[server(endpoint = "import_athletes")]
pub async fn import_athletes(#[server(default)] content: String) -> Result<usize, AppError> {
    let (state, actor) = ssr::member().await?;
    Ok(service::import_athletes(&*state.store, &*state.offload, &actor, content, Utc::now()).await?)
}
