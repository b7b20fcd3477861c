//! The catalogue's server functions: athletes read, coaches and above change.

use crate::error::AppError;
use crate::model::{CatalogueView, ExerciseChoices, ExerciseDetail};
use domain::ExerciseId;
use domain::catalogue::ExerciseForm;
use domain::catalogue::browse::CatalogueQuery;
use domain::service::catalogue::ComplexInput;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{label_choices, name_in},
    crate::i18n::Locale,
    crate::model::{Choice, ExerciseItem},
    crate::ssr,
    chrono::Utc,
    domain::catalogue::Label,
    domain::service::catalogue as service,
    domain::{CategoryId, EquipmentId},
    domain::{FieldError, FieldProblem},
};

/// The club's two lists in the viewer's language.
#[cfg(feature = "ssr")]
fn lists(
    locale: Locale,
    categories: &[Label<CategoryId>],
    equipment: &[Label<EquipmentId>],
) -> ExerciseChoices {
    ExerciseChoices {
        categories: label_choices(locale, categories),
        equipment: label_choices(locale, equipment),
    }
}

#[cfg(feature = "ssr")]
fn find<Id: Copy + PartialEq>(
    locale: Locale,
    labels: &[Label<Id>],
    id: Option<Id>,
    raw: impl Fn(Id) -> i64,
) -> Option<Choice> {
    let id = id?;
    labels.iter().find(|l| l.id == id).map(|l| Choice {
        id: raw(l.id),
        name: name_in(locale, &l.names),
    })
}

/// How many exercises the list shows at first, and adds each time the coach asks for more.
pub const PAGE: usize = 60;

/// The first `limit` exercises matching a query (a page when 0), with the lists its filters
/// offer.
#[server(endpoint = "catalogue")]
pub async fn catalogue(
    query: CatalogueQuery,
    #[server(default)] limit: usize,
) -> Result<CatalogueView, AppError> {
    let (state, actor) = ssr::member().await?;
    query.check()?;
    let locale = crate::lang::detect();
    let all = service::exercises(&*state.store, &state.catalogues, &actor).await?;
    let can_edit = service::may_edit(&actor);
    ssr::cpu(move || {
        let total = all.exercises.len();
        let category_of = |id: CategoryId| find(locale, &all.categories, Some(id), |c| c.0).map(|c| c.name);
        let found = all.exercises.browse(&query, locale == Locale::en, category_of);
        let matching = found.len();
        let limit = if limit == 0 { PAGE } else { limit };
        let items = found
            .into_iter()
            .take(limit)
            .map(|e| {
                let (name, other_name) = crate::lang::name_pair(locale, &e.names.fr, &e.names.en);
                ExerciseItem {
                    id: e.id,
                    other_name,
                    name,
                    short_name: e.short_name.clone(),
                    category: find(locale, &all.categories, e.category, |c| c.0).map(|c| c.name),
                    equipment: find(locale, &all.equipment, e.equipment, |c| c.0).map(|c| c.name),
                    archived: e.archived,
                }
            })
            .collect();
        CatalogueView {
            items,
            matching,
            total,
            lists: lists(locale, &all.categories, &all.equipment),
            can_edit,
        }
    })
    .await
}

/// The categories and equipment an exercise form offers (to those who may edit).
#[server(endpoint = "catalogue_choices")]
pub async fn catalogue_choices() -> Result<ExerciseChoices, AppError> {
    let (state, actor) = ssr::member().await?;
    let (categories, equipment) = service::form_lists(&*state.store, &state.catalogues, &actor).await?;
    Ok(lists(crate::lang::detect(), &categories, &equipment))
}

#[server(endpoint = "exercise")]
pub async fn exercise(id: ExerciseId) -> Result<ExerciseDetail, AppError> {
    let (state, actor) = ssr::member().await?;
    let locale = crate::lang::detect();
    let (exercise, used_in) = service::exercise(&*state.store, &actor, id).await?;
    let (categories, equipment) = service::lists(&*state.store, &state.catalogues, &actor).await?;
    Ok(ExerciseDetail {
        id: exercise.id,
        version: exercise.version,
        category: find(locale, &categories, exercise.category, |c| c.0),
        equipment: find(locale, &equipment, exercise.equipment, |c| c.0),
        name_fr: exercise.names.fr,
        name_en: exercise.names.en,
        short_name: exercise.short_name,
        description: exercise.description,
        video_link: exercise.video_url.as_deref().map(domain::media::video_link),
        video_url: exercise.video_url,
        image: exercise.image.map(|key| format!("/media/{key}")),
        video: exercise.video.map(|key| format!("/media/{key}")),
        archived: exercise.archived,
        used_in: used_in
            .iter()
            .map(|c| Choice {
                id: c.id.0,
                name: name_in(locale, &c.names),
            })
            .collect(),
        can_edit: service::may_edit(&actor),
    })
}

#[server(endpoint = "create_exercise")]
pub async fn create_exercise(#[server(flatten)] exercise: ExerciseForm) -> Result<ExerciseId, AppError> {
    let (state, actor) = ssr::member().await?;
    let draft = exercise.parse()?;
    let created = service::create_exercise(&*state.store, &actor, &draft, Utc::now()).await?;
    Ok(created.id)
}

#[server(endpoint = "update_exercise")]
pub async fn update_exercise(
    id: ExerciseId,
    version: i64,
    #[server(flatten)] exercise: ExerciseForm,
) -> Result<ExerciseId, AppError> {
    let (state, actor) = ssr::member().await?;
    let draft = exercise.parse()?;
    let updated = service::update_exercise(&*state.store, &actor, id, &draft, version, Utc::now()).await?;
    Ok(updated.id)
}

/// Archives an exercise (it leaves the list but stays wherever it is used), or restores it.
#[server(endpoint = "archive_exercise")]
pub async fn archive_exercise(id: ExerciseId, version: i64, archived: bool) -> Result<(), AppError> {
    let (state, actor) = ssr::member().await?;
    service::set_exercise_archived(&*state.store, &actor, id, archived, version, Utc::now()).await?;
    Ok(())
}

/// Deletes an exercise nothing uses.
#[server(endpoint = "delete_exercise")]
pub async fn delete_exercise(id: ExerciseId, version: i64) -> Result<(), AppError> {
    let (state, actor) = ssr::member().await?;
    service::delete_exercise_and_media(&*state.store, &*state.media, &actor, id, version).await?;
    Ok(())
}

// ----- Complexes -----

#[cfg(feature = "ssr")]
fn movement(e: &domain::catalogue::Exercise) -> crate::model::Movement {
    crate::model::Movement {
        id: e.id,
        name_fr: e.names.fr.clone(),
        name_en: e.names.en.clone(),
        archived: e.archived,
    }
}

/// The club's complexes: active ones first, by name.
#[server(endpoint = "complexes")]
pub async fn complexes() -> Result<crate::model::ComplexList, AppError> {
    let (state, actor) = ssr::member().await?;
    let locale = crate::lang::detect();
    let complexes = service::complexes(&*state.store, &actor).await?;
    // The categories come from the cached catalogue: the complexes list needs no exercise.
    let all = service::exercises(&*state.store, &state.catalogues, &actor).await?;
    let mut items: Vec<crate::model::ComplexItem> = complexes
        .iter()
        .map(|c| crate::model::ComplexItem {
            id: c.id,
            name: name_in(locale, &c.names),
            category: find(locale, &all.categories, c.category, |k| k.0).map(|k| k.name),
            movements: c.movements.len(),
            archived: c.archived,
        })
        .collect();
    items.sort_by_cached_key(|c| (c.archived, domain::catalogue::search::fold(&c.name)));
    Ok(crate::model::ComplexList {
        items,
        can_edit: service::may_edit(&actor),
    })
}

#[server(endpoint = "complex")]
pub async fn complex(id: domain::ComplexId) -> Result<crate::model::ComplexDetail, AppError> {
    let (state, actor) = ssr::member().await?;
    let locale = crate::lang::detect();
    let (complex, movements) = service::complex(&*state.store, &actor, id).await?;
    let (categories, _) = service::lists(&*state.store, &state.catalogues, &actor).await?;
    Ok(crate::model::ComplexDetail {
        id: complex.id,
        version: complex.version,
        name_fr: complex.names.fr,
        name_en: complex.names.en,
        category: find(locale, &categories, complex.category, |c| c.0),
        movements: movements.iter().map(movement).collect(),
        archived: complex.archived,
        can_edit: service::may_edit(&actor),
    })
}

/// Exercises a coach can add to a complex: active ones matching `q`, best first.
#[server(endpoint = "movement_candidates")]
pub async fn movement_candidates(q: String) -> Result<Vec<crate::model::Movement>, AppError> {
    let (state, actor) = ssr::member().await?;
    service::require_editor(&actor)?;
    let query = CatalogueQuery {
        q,
        ..CatalogueQuery::default()
    };
    query.check()?;
    let english = crate::lang::detect() == Locale::en;
    let all = service::exercises(&*state.store, &state.catalogues, &actor).await?;
    ssr::cpu(move || {
        let found = all.exercises.browse(&query, english, |_| None);
        found.into_iter().take(8).map(movement).collect()
    })
    .await
}

#[server(endpoint = "create_complex", input = leptos::server_fn::codec::Json)]
pub async fn create_complex(complex: ComplexInput) -> Result<domain::ComplexId, AppError> {
    let (state, actor) = ssr::member().await?;
    let created = service::create_complex(&*state.store, &actor, &complex, Utc::now()).await?;
    Ok(created.id)
}

#[server(endpoint = "update_complex", input = leptos::server_fn::codec::Json)]
pub async fn update_complex(
    id: domain::ComplexId,
    version: i64,
    complex: ComplexInput,
) -> Result<domain::ComplexId, AppError> {
    let (state, actor) = ssr::member().await?;
    let updated = service::update_complex(&*state.store, &actor, id, &complex, version, Utc::now()).await?;
    Ok(updated.id)
}

#[server(endpoint = "archive_complex")]
pub async fn archive_complex(id: domain::ComplexId, version: i64, archived: bool) -> Result<(), AppError> {
    let (state, actor) = ssr::member().await?;
    service::set_complex_archived(&*state.store, &actor, id, archived, version, Utc::now()).await?;
    Ok(())
}

#[server(endpoint = "delete_complex")]
pub async fn delete_complex(id: domain::ComplexId, version: i64) -> Result<(), AppError> {
    let (state, actor) = ssr::member().await?;
    service::delete_complex(&*state.store, &actor, id, version).await?;
    Ok(())
}

// ----- Import and export -----

#[cfg(feature = "ssr")]
fn format(raw: &str) -> Result<domain::catalogue::exchange::Format, AppError> {
    domain::catalogue::exchange::Format::parse(raw)
        .ok_or_else(|| FieldError::new("format", FieldProblem::InvalidChoice).into())
}

/// The club's catalogue as a CSV or JSON file.
#[server(endpoint = "export_catalogue")]
pub async fn export_catalogue(format: String) -> Result<crate::model::ExportFile, AppError> {
    let (state, actor) = ssr::member().await?;
    let format = self::format(&format)?;
    let content = service::export_catalogue(&*state.store, &actor, format).await?;
    let club = domain::service::club_name(&*state.store, &actor).await?;
    let slug = domain::catalogue::search::fold(&club).replace(' ', "-");
    Ok(crate::model::ExportFile {
        filename: format!(
            "catalogue-{slug}-{}.{}",
            Utc::now().date_naive(),
            format.extension()
        ),
        content_type: format.content_type().to_owned(),
        content,
    })
}

/// Imports a CSV or JSON catalogue file: all of it, or nothing and a report of every problem.
#[server(endpoint = "import_catalogue")]
pub async fn import_catalogue(
    format: String,
    content: String,
) -> Result<domain::catalogue::exchange::ImportCounts, AppError> {
    let (state, actor) = ssr::member().await?;
    let format = self::format(&format)?;
    Ok(service::import_catalogue(
        &*state.store,
        &*state.offload,
        &actor,
        format,
        content,
        Utc::now(),
    )
    .await?)
}

// ----- Categories and equipment -----

#[cfg(feature = "ssr")]
fn label_kind(raw: &str) -> Result<domain::catalogue::LabelKind, AppError> {
    domain::catalogue::LabelKind::parse(raw)
        .ok_or_else(|| FieldError::new("kind", FieldProblem::InvalidChoice).into())
}

/// The entries of one of the club's lists (`category` or `equipment`), with their uses.
#[server(endpoint = "catalogue_list")]
pub async fn catalogue_list(kind: String) -> Result<Vec<crate::model::ListEntry>, AppError> {
    let (state, actor) = ssr::member().await?;
    let entries = service::labels(&*state.store, &actor, label_kind(&kind)?).await?;
    let mut list: Vec<crate::model::ListEntry> = entries
        .into_iter()
        .map(|l| crate::model::ListEntry {
            id: l.id,
            name_fr: l.names.fr,
            name_en: l.names.en,
            uses: l.uses,
        })
        .collect();
    list.sort_by_cached_key(|e| domain::catalogue::search::fold(&e.name_fr));
    Ok(list)
}

/// Adds an entry to a list (no `id`) or renames one.
#[server(endpoint = "save_list_entry")]
pub async fn save_list_entry(
    kind: String,
    #[server(default)] id: Option<i64>,
    #[server(default)] name_fr: String,
    #[server(default)] name_en: String,
) -> Result<i64, AppError> {
    let (state, actor) = ssr::member().await?;
    let kind = label_kind(&kind)?;
    let names = domain::catalogue::label_names(&name_fr, &name_en)?;
    Ok(service::save_label(&*state.store, &actor, kind, id, &names).await?)
}

#[server(endpoint = "delete_list_entry")]
pub async fn delete_list_entry(kind: String, id: i64) -> Result<(), AppError> {
    let (state, actor) = ssr::member().await?;
    service::delete_label(&*state.store, &actor, label_kind(&kind)?, id).await?;
    Ok(())
}
