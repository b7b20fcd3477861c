//! Bodyweights, competitor levels and maxes: record, correct, delete. Coaches and above (and an
//! athlete their own maxes, when the club lets them); see `domain::service::athletes`.

// A server function that a form posts to takes the form's fields as its arguments.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use chrono::NaiveDate;
use domain::competition::CompetitorLevel;
use domain::{AthleteId, ExerciseId, MaxId};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    crate::ssr,
    chrono::Utc,
    domain::service::athletes::{self as service, MaxInput},
};

/// What saving a max tells the page.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SavedMax {
    pub id: MaxId,
    /// Heavier than every earlier max of the exercise: the page shows the badge.
    pub record: bool,
}

#[server(endpoint = "record_weighing")]
pub async fn record_weighing(
    athlete_id: AthleteId,
    #[server(default)] weighed_on: String,
    #[server(default)] bodyweight: String,
) -> Result<(), AppError> {
    let state = ssr::state()?;
    let actor = ssr::require_member(&state).await?;
    service::record_weighing(
        &*state.store,
        &actor,
        athlete_id,
        &weighed_on,
        &bodyweight,
        Utc::now().date_naive(),
    )
    .await?;
    Ok(())
}

#[server(endpoint = "delete_weighing")]
pub async fn delete_weighing(athlete_id: AthleteId, date: NaiveDate) -> Result<(), AppError> {
    let state = ssr::state()?;
    let actor = ssr::require_member(&state).await?;
    service::delete_weighing(&*state.store, &actor, athlete_id, date).await?;
    Ok(())
}

#[server(endpoint = "record_level")]
pub async fn record_level(
    athlete_id: AthleteId,
    level: CompetitorLevel,
    #[server(default)] start: String,
) -> Result<(), AppError> {
    let state = ssr::state()?;
    let actor = ssr::require_member(&state).await?;
    service::record_level(
        &*state.store,
        &actor,
        athlete_id,
        level,
        &start,
        Utc::now().date_naive(),
    )
    .await?;
    Ok(())
}

#[server(endpoint = "record_max")]
pub async fn record_max(
    athlete_id: AthleteId,
    #[server(default)] exercise: Option<ExerciseId>,
    #[server(default)] weight: String,
    #[server(default)] date: String,
    #[server(default)] kind: String,
) -> Result<SavedMax, AppError> {
    let state = ssr::state()?;
    let actor = ssr::require_member(&state).await?;
    let input = MaxInput {
        exercise,
        weight,
        date,
        kind,
    };
    let (saved, record) = service::record_max(&*state.store, &actor, athlete_id, &input, Utc::now()).await?;
    Ok(SavedMax { id: saved.id, record })
}

#[server(endpoint = "update_max")]
pub async fn update_max(
    id: MaxId,
    version: i64,
    #[server(default)] exercise: Option<ExerciseId>,
    #[server(default)] weight: String,
    #[server(default)] date: String,
    #[server(default)] kind: String,
) -> Result<(), AppError> {
    let state = ssr::state()?;
    let actor = ssr::require_member(&state).await?;
    let input = MaxInput {
        exercise,
        weight,
        date,
        kind,
    };
    service::update_max(&*state.store, &actor, id, &input, version, Utc::now()).await?;
    Ok(())
}

#[server(endpoint = "delete_max")]
pub async fn delete_max(id: MaxId, version: i64) -> Result<(), AppError> {
    let state = ssr::state()?;
    let actor = ssr::require_member(&state).await?;
    service::delete_max(&*state.store, &actor, id, version).await?;
    Ok(())
}
