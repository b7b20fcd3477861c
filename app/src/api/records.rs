//! Bodyweights, competitor levels and maxes: record, correct, delete. Coaches and above (and an
//! athlete their own maxes, when the club lets them); see `domain::service::athletes`.

use crate::error::AppError;
use chrono::NaiveDate;
use domain::athlete::WeighingInput;
use domain::competition::CompetitorLevel;
use domain::maxes::MaxInput;
use domain::{AthleteId, MaxId};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {crate::ssr, chrono::Utc, domain::service::athletes as service};

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
    #[server(flatten)] weighing: WeighingInput,
) -> Result<(), AppError> {
    let (state, actor) = ssr::member().await?;
    let weighing = weighing.parse(Utc::now().date_naive())?;
    service::record_weighing(&*state.store, &actor, athlete_id, weighing).await?;
    Ok(())
}

#[server(endpoint = "delete_weighing")]
pub async fn delete_weighing(athlete_id: AthleteId, date: NaiveDate) -> Result<(), AppError> {
    let (state, actor) = ssr::member().await?;
    service::delete_weighing(&*state.store, &actor, athlete_id, date).await?;
    Ok(())
}

#[server(endpoint = "record_level")]
pub async fn record_level(
    athlete_id: AthleteId,
    level: CompetitorLevel,
    #[server(default)] start: String,
) -> Result<(), AppError> {
    let (state, actor) = ssr::member().await?;
    let start = domain::athlete::required_past_date("start", &start, Utc::now().date_naive())?;
    service::record_level(&*state.store, &actor, athlete_id, level, start).await?;
    Ok(())
}

#[server(endpoint = "record_max")]
pub async fn record_max(
    athlete_id: AthleteId,
    #[server(flatten)] max: MaxInput,
) -> Result<SavedMax, AppError> {
    let (state, actor) = ssr::member().await?;
    let max = max.parse(Utc::now().date_naive())?;
    let (saved, record) = service::record_max(&*state.store, &actor, athlete_id, &max, Utc::now()).await?;
    Ok(SavedMax { id: saved.id, record })
}

#[server(endpoint = "update_max")]
pub async fn update_max(id: MaxId, version: i64, #[server(flatten)] max: MaxInput) -> Result<(), AppError> {
    let (state, actor) = ssr::member().await?;
    let max = max.parse(Utc::now().date_naive())?;
    service::update_max(&*state.store, &actor, id, &max, version).await?;
    Ok(())
}

#[server(endpoint = "delete_max")]
pub async fn delete_max(id: MaxId, version: i64) -> Result<(), AppError> {
    let (state, actor) = ssr::member().await?;
    service::delete_max(&*state.store, &actor, id, version).await?;
    Ok(())
}
