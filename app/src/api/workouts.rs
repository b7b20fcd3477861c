//! The workouts' server functions: coaches and above; athletes do not see the library.

use crate::error::AppError;
use crate::model::{BuilderData, LibraryView, PreviewData, WorkoutDetail, WorkoutSheetView};
use domain::workout::library::LibraryQuery;
use domain::workout::{WorkoutId, WorkoutInput};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{active_group_choices, athlete_choices, label_choices, name_in},
    crate::i18n::Locale,
    crate::model::{BuilderTarget, Choice, LiftChoice, SheetAthlete, WorkoutItem},
    crate::ssr,
    chrono::Utc,
    domain::service::workouts as service,
    domain::workout::{Lift, WorkoutCategoryId},
    std::collections::HashMap,
};

/// The club's exercises and complexes as the builder offers them, with their names in both
/// languages (the shorthand reads either) and what their %-blocks refer to.
#[cfg(feature = "ssr")]
pub(crate) fn lift_choices(catalogue: &service::WorkoutCatalogue) -> Vec<LiftChoice> {
    let facts = catalogue.facts();
    let mut lifts: Vec<LiftChoice> = catalogue
        .exercises()
        .map(|e| LiftChoice {
            lift: Lift::Exercise(e.id),
            name_fr: e.names.fr.clone(),
            name_en: e.names.en.clone(),
            short: e.short_name.clone(),
            reference: e.id,
            movements: 1,
            main_movement: 0,
            archived: e.archived,
        })
        .collect();
    lifts.extend(catalogue.complexes.iter().filter_map(|c| {
        let facts = facts.get(&Lift::Complex(c.id))?;
        Some(LiftChoice {
            lift: Lift::Complex(c.id),
            name_fr: c.names.fr.clone(),
            name_en: c.names.en.clone(),
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
    lifts
}

/// The club's workouts matching a query, with the categories its filter offers.
#[server(endpoint = "workout_library")]
pub async fn workout_library(query: LibraryQuery) -> Result<LibraryView, AppError> {
    let (state, actor) = ssr::member().await?;
    query.check()?;
    let locale = crate::lang::detect();
    let workouts = service::workouts(&*state.store, &actor).await?;
    let catalogue = service::workout_catalogue(&*state.store, &state.catalogues, &actor).await?;
    ssr::cpu(move || {
        let mut names: HashMap<Lift, (&str, &str, Option<&str>)> = HashMap::new();
        for e in catalogue.exercises() {
            let short = e.short_name.as_deref();
            names.insert(Lift::Exercise(e.id), (&e.names.fr, &e.names.en, short));
        }
        for c in &catalogue.complexes {
            names.insert(Lift::Complex(c.id), (&c.names.fr, &c.names.en, None));
        }
        let categories = &catalogue.categories;
        let lift_names = |w: &domain::workout::Workout| {
            w.content
                .elements
                .iter()
                .filter_map(|e| names.get(&e.lift))
                .flat_map(|&(fr, en, short)| [Some(fr), Some(en), short])
                .flatten()
                .map(str::to_owned)
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
                    .map(|&(fr, en, _)| if locale == Locale::en { en } else { fr }.to_owned())
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
            categories: label_choices(locale, categories),
        }
    })
    .await
}

/// A workout as its pages show it, with the names of what it contains.
#[cfg(feature = "ssr")]
fn workout_detail(
    locale: Locale,
    catalogue: &service::WorkoutCatalogue,
    workout: domain::workout::Workout,
) -> WorkoutDetail {
    let category = workout
        .category
        .and_then(|c| catalogue.categories.iter().find(|k| k.id == c))
        .map(|c| name_in(locale, &c.names));
    WorkoutDetail {
        id: workout.id,
        category,
        lifts: lift_choices(catalogue),
        workout: WorkoutInput {
            title: workout.title,
            category: workout.category,
            description: workout.description.unwrap_or_default(),
            content: workout.content,
        },
    }
}

/// A workout's page: the workout and the names of what it contains.
#[server(endpoint = "workout_view")]
pub async fn workout_view(id: WorkoutId) -> Result<WorkoutDetail, AppError> {
    let (state, actor) = ssr::member().await?;
    let workout = service::workout(&*state.store, &actor, id).await?;
    let catalogue = service::workout_catalogue(&*state.store, &state.catalogues, &actor).await?;
    Ok(workout_detail(crate::lang::detect(), &catalogue, workout))
}

/// A workout's sheet: for a group, each athlete's loads with the maxes in force on `date`
/// (today when none is given).
#[server(endpoint = "workout_sheet")]
pub async fn workout_sheet(
    id: WorkoutId,
    #[server(default)] group: Option<domain::GroupId>,
    #[server(default)] date: Option<chrono::NaiveDate>,
) -> Result<WorkoutSheetView, AppError> {
    let (state, actor) = ssr::member().await?;
    let date = date.unwrap_or_else(|| Utc::now().date_naive());
    let sheet = service::workout_sheet(&*state.store, &state.catalogues, &actor, id, group, date).await?;
    let locale = crate::lang::detect();
    let (group, athletes) = match sheet.group {
        Some((group, athletes)) => (
            Some(Choice {
                id: group.id.0,
                name: group.name,
            }),
            athletes
                .into_iter()
                .map(|(a, loads)| SheetAthlete {
                    name: a.full_name(),
                    blocks: loads.blocks,
                })
                .collect(),
        ),
        None => (None, Vec::new()),
    };
    Ok(WorkoutSheetView {
        detail: workout_detail(locale, &sheet.catalogue, sheet.workout),
        groups: active_group_choices(sheet.groups),
        group,
        date,
        athletes,
    })
}

/// What the builder opens with: the workout (none for a new one), the categories and the
/// club's lifts.
#[server(endpoint = "workout_editor")]
pub async fn workout_editor(#[server(default)] id: Option<WorkoutId>) -> Result<BuilderData, AppError> {
    let (state, actor) = ssr::member().await?;
    let opened = match id {
        Some(id) => {
            let w = service::workout(&*state.store, &actor, id).await?;
            let target = BuilderTarget::Workout(w.id, w.version);
            Some((
                target,
                w.title,
                w.category,
                w.description.unwrap_or_default(),
                w.content,
            ))
        }
        None => None,
    };
    builder_data(&state, &actor, opened).await
}

/// What the builder opens: its target, title, category, description and content.
#[cfg(feature = "ssr")]
pub(crate) type Opened = (
    BuilderTarget,
    String,
    Option<WorkoutCategoryId>,
    String,
    domain::workout::WorkoutContent,
);

/// The builder's data for what it opens (none: a new workout), with the categories, the club's
/// lifts and whom it previews for.
#[cfg(feature = "ssr")]
pub(crate) async fn builder_data(
    state: &ssr::AppState,
    actor: &domain::membership::Member,
    opened: Option<Opened>,
) -> Result<BuilderData, AppError> {
    let locale = crate::lang::detect();
    let catalogue = service::workout_catalogue(&*state.store, &state.catalogues, actor).await?;
    let (settings, _) =
        domain::service::athletes::training_settings(&*state.store, &state.catalogues, actor).await?;
    let (athletes, groups) = service::preview_choices(&*state.store, actor).await?;
    let lifts = lift_choices(&catalogue);
    // Each element's blocks as the coach would type them, reference lifts by their short name
    // (or name): the builder holds typed text, and sends no workout to decode.
    let short_name = |id: domain::ExerciseId| {
        lifts.iter().find(|l| l.lift == Lift::Exercise(id)).map(|l| {
            l.short.clone().unwrap_or_else(|| match locale {
                Locale::fr => l.name_fr.clone(),
                Locale::en => l.name_en.clone(),
            })
        })
    };
    let rows = opened
        .as_ref()
        .map(|(_, _, _, _, content)| crate::pages::workouts::draft::rows(content, short_name))
        .unwrap_or_default();
    let (target, title, category, description) = match opened {
        Some((target, title, category, description, _)) => (Some(target), title, category, description),
        None => (None, String::new(), None, String::new()),
    };
    Ok(BuilderData {
        counting: settings.counting(),
        athletes: athlete_choices(&athletes),
        groups: active_group_choices(groups),
        today: Utc::now().date_naive(),
        target,
        rows,
        title,
        category,
        description,
        categories: label_choices(locale, &catalogue.categories),
        lifts,
    })
}

/// What "Preview for" works loads out from: one athlete or a group's athletes with their maxes,
/// and the club's training settings (plates, rounding, ratios).
#[server(endpoint = "workout_preview")]
pub async fn workout_preview(
    #[server(default)] athlete: Option<domain::AthleteId>,
    #[server(default)] group: Option<domain::GroupId>,
) -> Result<PreviewData, AppError> {
    use domain::service::workouts::PreviewFor;
    let (state, actor) = ssr::member().await?;
    let who = match (athlete, group) {
        (Some(athlete), None) => PreviewFor::Athlete(athlete),
        (None, Some(group)) => PreviewFor::Group(group),
        _ => return Err(domain::FieldError::new("athlete", domain::FieldProblem::InvalidChoice).into()),
    };
    let athletes = service::preview_athletes(&*state.store, &actor, who).await?;
    let (settings, _) =
        domain::service::athletes::training_settings(&*state.store, &state.catalogues, &actor).await?;
    Ok(PreviewData { settings, athletes })
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
    let locale = crate::lang::detect();
    let title =
        |original: &str| crate::i18n::td_string!(locale, workouts.copy_of, title = original).to_string();
    let copy = service::duplicate_workout(&*state.store, &actor, id, title, Utc::now()).await?;
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
