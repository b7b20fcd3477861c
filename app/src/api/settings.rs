//! The club's training settings: coaches read them, admins change them.

use crate::error::AppError;
use crate::model::Choice;
use domain::ExerciseId;
use domain::settings::TrainingSettings;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::exercise_choices,
    crate::ssr,
    chrono::Utc,
    domain::service::athletes::{self as service},
};

/// The training settings page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SettingsPage {
    pub settings: TrainingSettings<ExerciseId>,
    /// `None` until an admin first saves them (the defaults are shown).
    pub version: Option<i64>,
    /// The club's exercises, for the ratios.
    pub exercises: Vec<Choice>,
    /// Only admins save; coaches read.
    pub can_edit: bool,
}

/// The club's training settings (the defaults until an admin saves them). Coaches read them
/// (the workout builder uses them); admins change them.
#[server(endpoint = "load_training_settings")]
pub async fn load_training_settings() -> Result<SettingsPage, AppError> {
    let (state, actor) = ssr::member().await?;
    let form = service::settings_form(&*state.store, &state.catalogues, &actor).await?;
    let locale = crate::lang::detect();
    let catalogue = domain::service::catalogue::exercises(&*state.store, &state.catalogues, &actor).await?;
    Ok(SettingsPage {
        settings: form.settings,
        version: form.version,
        exercises: exercise_choices(locale, catalogue.exercises.exercises()),
        can_edit: form.can_edit,
    })
}

/// Saves the club's training settings whole; `version` is the one the admin saw (none while
/// the club has the defaults). Admins only.
#[server(endpoint = "save_training_settings", input = leptos::server_fn::codec::Json)]
pub async fn save_training_settings(
    settings: TrainingSettings<ExerciseId>,
    version: Option<i64>,
) -> Result<i64, AppError> {
    let (state, actor) = ssr::member().await?;
    Ok(service::save_training_settings(&*state.store, &actor, &settings, version, Utc::now()).await?)
}
