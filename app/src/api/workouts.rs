//! The workouts' server functions: coaches and above; athletes do not see the library.

use crate::error::AppError;
use crate::model::{BuilderData, LibraryView};
use domain::workout::library::LibraryQuery;
use domain::workout::{WorkoutId, WorkoutInput};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{by_name, name_in},
    crate::i18n::Locale,
    crate::model::{Choice, LiftChoice, WorkoutItem},
    crate::ssr,
    chrono::Utc,
    domain::catalogue::Label,
    domain::service::workouts as service,
    domain::workout::{Lift, WorkoutCategoryId},
    std::collections::HashMap,
};

/// The club's workout categories in the viewer's language, by name.
#[cfg(feature = "ssr")]
fn category_choices(locale: Locale, labels: &[Label<WorkoutCategoryId>]) -> Vec<Choice> {
    by_name(
        labels
            .iter()
            .map(|l| Choice {
                id: l.id.0,
                name: name_in(locale, &l.names),
            })
            .collect(),
    )
}

/// The club's exercises and complexes as the builder offers them, with their names in both
/// languages (the shorthand reads either) and what their %-blocks refer to.
#[cfg(feature = "ssr")]
async fn lift_choices(
    state: &crate::ssr::AppState,
    actor: &domain::membership::Member,
) -> Result<Vec<LiftChoice>, AppError> {
    let facts = service::lift_facts(&*state.store, actor).await?;
    let exercises = state.store.exercises(actor.club_id).await?;
    let complexes = state.store.complexes(actor.club_id).await?;
    let mut lifts: Vec<LiftChoice> = exercises
        .into_iter()
        .map(|e| LiftChoice {
            lift: Lift::Exercise(e.id),
            name_fr: e.names.fr,
            name_en: e.names.en,
            short: e.short_name,
            reference: e.id,
            movements: 1,
            main_movement: 0,
            archived: e.archived,
        })
        .collect();
    lifts.extend(complexes.into_iter().filter_map(|c| {
        let facts = facts.get(&Lift::Complex(c.id))?;
        Some(LiftChoice {
            lift: Lift::Complex(c.id),
            name_fr: c.names.fr,
            name_en: c.names.en,
            short: None,
            reference: facts.reference,
            movements: facts.movements.len(),
            main_movement: facts
                .movements
                .iter()
                .position(|m| *m == facts.reference)
                .unwrap_or(0),
            archived: c.archived,
        })
    }));
    Ok(lifts)
}

/// The club's workouts matching a query, with the categories its filter offers.
#[server(endpoint = "workout_library")]
pub async fn workout_library(query: LibraryQuery) -> Result<LibraryView, AppError> {
    let (state, actor) = ssr::member().await?;
    query.check()?;
    let locale = crate::lang::detect();
    let workouts = service::workouts(&*state.store, &actor).await?;
    let categories = state.store.workout_categories(actor.club_id).await?;
    let exercises = state.store.exercises(actor.club_id).await?;
    let complexes = state.store.complexes(actor.club_id).await?;
    ssr::cpu(move || {
        let mut names: HashMap<Lift, (String, String, Option<String>)> = HashMap::new();
        for e in exercises {
            names.insert(Lift::Exercise(e.id), (e.names.fr, e.names.en, e.short_name));
        }
        for c in complexes {
            names.insert(Lift::Complex(c.id), (c.names.fr, c.names.en, None));
        }
        let lift_names = |w: &domain::workout::Workout| {
            w.content
                .elements
                .iter()
                .filter_map(|e| names.get(&e.lift))
                .flat_map(|(fr, en, short)| [Some(fr.clone()), Some(en.clone()), short.clone()])
                .flatten()
                .collect::<Vec<String>>()
        };
        let found = domain::workout::library::browse(&workouts, &query, lift_names);
        let category_name = |id: Option<WorkoutCategoryId>| {
            let id = id?;
            categories
                .iter()
                .find(|c| c.id == id)
                .map(|c| name_in(locale, &c.names))
        };
        let items = found
            .into_iter()
            .map(|w| {
                let lifts: Vec<String> = w
                    .content
                    .elements
                    .iter()
                    .filter_map(|e| names.get(&e.lift))
                    .map(|(fr, en, _)| {
                        if locale == Locale::en {
                            en.clone()
                        } else {
                            fr.clone()
                        }
                    })
                    .collect();
                WorkoutItem {
                    id: w.id,
                    version: w.version,
                    title: w.title.clone(),
                    category: category_name(w.category),
                    lifts,
                    archived: w.archived,
                }
            })
            .collect();
        LibraryView {
            items,
            total: workouts.len(),
            categories: category_choices(locale, &categories),
        }
    })
    .await
}

/// What the builder opens with: the workout (none for a new one), the categories and the
/// club's lifts.
#[server(endpoint = "workout_editor")]
pub async fn workout_editor(#[server(default)] id: Option<WorkoutId>) -> Result<BuilderData, AppError> {
    let (state, actor) = ssr::member().await?;
    let workout = match id {
        Some(id) => Some(service::workout(&*state.store, &actor, id).await?),
        None => None,
    };
    let locale = crate::lang::detect();
    let categories = state.store.workout_categories(actor.club_id).await?;
    let (settings, _) =
        domain::service::athletes::training_settings(&*state.store, &state.catalogues, &actor).await?;
    let athletes = state.store.athletes(actor.club_id).await?;
    let groups = state.store.groups(actor.club_id).await?;
    Ok(BuilderData {
        settings,
        athletes: by_name(
            athletes
                .into_iter()
                .filter(|a| !a.archived)
                .map(|a| Choice {
                    id: a.id.0,
                    name: format!("{} {}", a.first_name, a.last_name),
                })
                .collect(),
        ),
        groups: by_name(
            groups
                .into_iter()
                .filter(|g| !g.archived)
                .map(|g| Choice {
                    id: g.id.0,
                    name: g.name,
                })
                .collect(),
        ),
        today: Utc::now().date_naive(),
        target: workout.as_ref().map(|w| (w.id, w.version)),
        workout: workout.map(|w| WorkoutInput {
            title: w.title,
            category: w.category,
            description: w.description.unwrap_or_default(),
            content: w.content,
        }),
        categories: category_choices(locale, &categories),
        lifts: lift_choices(&state, &actor).await?,
    })
}

/// The athletes "Preview for" shows loads for, with their maxes: one athlete, or a group's.
#[server(endpoint = "workout_preview")]
pub async fn workout_preview(
    #[server(default)] athlete: Option<domain::AthleteId>,
    #[server(default)] group: Option<domain::GroupId>,
) -> Result<Vec<domain::service::workouts::PreviewAthlete>, AppError> {
    use domain::service::workouts::PreviewFor;
    let (state, actor) = ssr::member().await?;
    let who = match (athlete, group) {
        (Some(athlete), None) => PreviewFor::Athlete(athlete),
        (None, Some(group)) => PreviewFor::Group(group),
        _ => return Err(domain::FieldError::new("athlete", domain::FieldProblem::InvalidChoice).into()),
    };
    Ok(service::preview_athletes(&*state.store, &actor, who).await?)
}

#[server(endpoint = "create_workout", input = leptos::server_fn::codec::Json)]
pub async fn create_workout(workout: WorkoutInput) -> Result<WorkoutId, AppError> {
    let (state, actor) = ssr::member().await?;
    let draft = workout.parse()?;
    Ok(service::create_workout(&*state.store, &actor, &draft, Utc::now())
        .await?
        .id)
}

/// Saves a workout over the version the coach started from; answers the new version.
#[server(endpoint = "update_workout", input = leptos::server_fn::codec::Json)]
pub async fn update_workout(id: WorkoutId, version: i64, workout: WorkoutInput) -> Result<i64, AppError> {
    let (state, actor) = ssr::member().await?;
    let draft = workout.parse()?;
    let saved = service::update_workout(&*state.store, &actor, id, version, &draft, Utc::now()).await?;
    Ok(saved.version)
}

/// Copies a workout and opens the copy (the library posts to it as a plain form).
#[server(endpoint = "duplicate_workout")]
pub async fn duplicate_workout(id: WorkoutId) -> Result<(), AppError> {
    let (state, actor) = ssr::member().await?;
    let original = service::workout(&*state.store, &actor, id).await?;
    let locale = crate::lang::detect();
    let title = crate::i18n::td_string!(locale, workouts.copy_of, title = original.title.clone()).to_string();
    let copy = service::duplicate_workout(&*state.store, &actor, id, &title, Utc::now()).await?;
    leptos_axum::redirect(&format!("/workouts/{}", copy.id));
    Ok(())
}

/// Archives a workout (it leaves the library's list) or restores it.
#[server(endpoint = "archive_workout")]
pub async fn archive_workout(id: WorkoutId, version: i64, archived: bool) -> Result<(), AppError> {
    let (state, actor) = ssr::member().await?;
    service::set_workout_archived(&*state.store, &actor, id, archived, version, Utc::now()).await?;
    Ok(())
}

/// Deletes a workout no planned session uses.
#[server(endpoint = "delete_workout")]
pub async fn delete_workout(id: WorkoutId, version: i64) -> Result<(), AppError> {
    let (state, actor) = ssr::member().await?;
    service::delete_workout(&*state.store, &actor, id, version).await?;
    leptos_axum::redirect("/workouts");
    Ok(())
}
