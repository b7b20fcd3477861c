//! The catalogue's use-cases: athletes read it, coaches (and above) change it.

use super::error::{ClubError, require, require_found};
use crate::catalogue::browse::CatalogueIndex;
use crate::catalogue::cache::{CatalogueCache, ClubCatalogue};
use crate::catalogue::exchange::{self, Format, ImportCounts};
use crate::catalogue::{
    Complex, ComplexDraft, Exercise, ExerciseDraft, Label, LabelKind, Names, movement_names,
};
use crate::error::{FieldError, FieldProblem, Report, StoreError};
use crate::ids::{CategoryId, ComplexId, EquipmentId, ExerciseId};
use crate::media::{MediaStore, Slot, Staged};
use crate::membership::Member;
use crate::ports::{CatalogueStore, ComplexStore, ExerciseStore, Offload, Versioned, offloaded};
use crate::role::Permission;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Whether the caller may change the club's catalogue: coaches and above. Pages show their
/// edit buttons by it; every change checks it again.
pub fn may_edit(actor: &Member) -> bool {
    actor.role.allows(Permission::Coach)
}

/// Refuses a caller who may not change the catalogue (searching movements for a complex, say).
pub fn require_editor(actor: &Member) -> Result<(), ClubError> {
    require(actor, Permission::Coach)
}

/// The club's categories and equipment, as every member reads them: from the prepared
/// catalogue of [`exercises`], so a page that names them costs no query while it is kept.
pub async fn lists<S: CatalogueStore + ExerciseStore + ?Sized>(
    store: &S,
    cache: &CatalogueCache,
    actor: &Member,
) -> Result<(Vec<Label<CategoryId>>, Vec<Label<EquipmentId>>), ClubError> {
    let catalogue = exercises(store, cache, actor).await?;
    Ok((catalogue.categories.clone(), catalogue.equipment.clone()))
}

/// The categories and equipment an exercise form offers: to those who may edit.
pub async fn form_lists<S: CatalogueStore + ExerciseStore + ?Sized>(
    store: &S,
    cache: &CatalogueCache,
    actor: &Member,
) -> Result<(Vec<Label<CategoryId>>, Vec<Label<EquipmentId>>), ClubError> {
    require_editor(actor)?;
    lists(store, cache, actor).await
}

/// The club's complexes, archived ones included.
pub async fn complexes(store: &dyn ComplexStore, actor: &Member) -> Result<Vec<Complex>, ClubError> {
    require(actor, Permission::ReadCatalogue)?;
    Ok(store.complexes(actor.club_id).await?)
}

/// The club's exercises, prepared for browsing, and the lists that describe them: what the
/// exercise list needs (without the complexes, which it does not show). Served from `cache`
/// while the club's catalogue has not changed. (Generic: the athletes' use-cases call it with
/// their own store.)
pub async fn exercises<S: CatalogueStore + ExerciseStore + ?Sized>(
    store: &S,
    cache: &CatalogueCache,
    actor: &Member,
) -> Result<Arc<ClubCatalogue>, ClubError> {
    require(actor, Permission::ReadCatalogue)?;
    let club = actor.club_id;
    // The version is read first: what is loaded next is at least that recent.
    let version = store.catalogue_version(club).await?;
    if let Some(kept) = cache.get(club, version) {
        return Ok(kept);
    }
    let loaded = Arc::new(ClubCatalogue {
        version,
        exercises: CatalogueIndex::new(store.exercises(club).await?),
        categories: store.categories(club).await?,
        equipment: store.equipment(club).await?,
    });
    cache.put(club, loaded.clone());
    Ok(loaded)
}

/// An exercise and the complexes it is a movement of.
pub async fn exercise<S: ComplexStore + ExerciseStore + ?Sized>(
    store: &S,
    actor: &Member,
    id: ExerciseId,
) -> Result<(Exercise, Vec<Label<ComplexId>>), ClubError> {
    let found = require_found(actor, Permission::ReadCatalogue, |club| store.exercise(club, id)).await?;
    let used_in = store.complexes_using(actor.club_id, id).await?;
    Ok((found, used_in))
}

/// Refuses a name another exercise of the club already has, naming that exercise.
fn check_unique(
    others: &[Exercise],
    draft: &ExerciseDraft,
    itself: Option<ExerciseId>,
) -> Result<(), ClubError> {
    let fr = draft.name_fr.key();
    let en = draft.name_en.key();
    let mut errors = Vec::new();
    for other in others.iter().filter(|o| Some(o.id) != itself) {
        let keys = [
            crate::catalogue::search::fold(&other.names.fr),
            crate::catalogue::search::fold(&other.names.en),
        ];
        for (field, key) in [("name_fr", &fr), ("name_en", &en)] {
            if keys.contains(key) && !errors.iter().any(|e: &FieldError| e.field == field) {
                errors.push(FieldError::new(
                    field,
                    FieldProblem::DuplicateName {
                        existing: other.names.fr.clone(),
                    },
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ClubError::Invalid(errors))
    }
}

/// A write refused by the database's unique index (two people saving the same name at once).
fn duplicate_name(draft: &ExerciseDraft) -> impl FnOnce(StoreError) -> ClubError + '_ {
    move |e| match e {
        StoreError::Duplicate => ClubError::Invalid(vec![FieldError::new(
            "name_fr",
            FieldProblem::DuplicateName {
                existing: draft.name_fr.as_str().to_owned(),
            },
        )]),
        other => other.into(),
    }
}

pub async fn create_exercise<S: CatalogueStore + ExerciseStore + ?Sized>(
    store: &S,
    actor: &Member,
    draft: &ExerciseDraft,
    now: DateTime<Utc>,
) -> Result<Exercise, ClubError> {
    require(actor, Permission::Coach)?;
    check_lists(store, actor, draft).await?;
    check_unique(&store.exercises(actor.club_id).await?, draft, None)?;
    store
        .create_exercise(actor.club_id, draft, now)
        .await
        .map_err(duplicate_name(draft))
}

/// An exercise's category and equipment must be entries of the club's lists: another club's
/// id (or one deleted meanwhile) is refused next to its own field.
async fn check_lists<S: CatalogueStore + ?Sized>(
    store: &S,
    actor: &Member,
    draft: &ExerciseDraft,
) -> Result<(), ClubError> {
    let mut errors = Vec::new();
    if let Some(category) = draft.category
        && !store
            .categories(actor.club_id)
            .await?
            .iter()
            .any(|l| l.id == category)
    {
        errors.push(FieldError::new("category", FieldProblem::InvalidChoice));
    }
    if let Some(equipment) = draft.equipment
        && !store
            .equipment(actor.club_id)
            .await?
            .iter()
            .any(|l| l.id == equipment)
    {
        errors.push(FieldError::new("equipment", FieldProblem::InvalidChoice));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ClubError::Invalid(errors))
    }
}

pub async fn update_exercise<S: CatalogueStore + ExerciseStore + ?Sized>(
    store: &S,
    actor: &Member,
    id: ExerciseId,
    draft: &ExerciseDraft,
    version: i64,
    now: DateTime<Utc>,
) -> Result<Exercise, ClubError> {
    require(actor, Permission::Coach)?;
    check_lists(store, actor, draft).await?;
    let others = store.exercises(actor.club_id).await?;
    if !others.iter().any(|e| e.id == id) {
        return Err(ClubError::NotFound);
    }
    check_unique(&others, draft, Some(id))?;
    store
        .update_exercise(Versioned::new(actor.club_id, id, version).edit(draft, now))
        .await
        .map_err(duplicate_name(draft))
}

pub async fn set_exercise_archived(
    store: &dyn ExerciseStore,
    actor: &Member,
    id: ExerciseId,
    archived: bool,
    version: i64,
    now: DateTime<Utc>,
) -> Result<Exercise, ClubError> {
    require(actor, Permission::Coach)?;
    Ok(store
        .set_exercise_archived(Versioned::new(actor.club_id, id, version).edit(archived, now))
        .await?)
}

/// Deletes an exercise nothing uses; a used one answers `InUse` (archive it instead).
pub async fn delete_exercise(
    store: &dyn ExerciseStore,
    actor: &Member,
    id: ExerciseId,
    version: i64,
) -> Result<(), ClubError> {
    require(actor, Permission::Coach)?;
    Ok(store
        .delete_exercise(Versioned::new(actor.club_id, id, version))
        .await?)
}

/// What a coach sends to create or edit a complex. A field left out is empty, as an empty
/// field of the form: the draft's checks then name it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ComplexInput {
    pub name_fr: String,
    pub name_en: String,
    pub category: Option<CategoryId>,
    pub movements: Vec<ExerciseId>,
}

async fn complex_draft<S: CatalogueStore + ExerciseStore + ?Sized>(
    store: &S,
    actor: &Member,
    input: &ComplexInput,
    already_in: &[ExerciseId],
) -> Result<ComplexDraft, ClubError> {
    if let Some(category) = input.category
        && !store
            .categories(actor.club_id)
            .await?
            .iter()
            .any(|l| l.id == category)
    {
        return Err(ClubError::Invalid(vec![FieldError::new(
            "category",
            FieldProblem::InvalidChoice,
        )]));
    }
    let exercises = store.exercises(actor.club_id).await?;
    let names =
        movement_names(&input.movements, &exercises, already_in).map_err(|e| ClubError::Invalid(vec![e]))?;
    ComplexDraft::parse(
        &input.name_fr,
        &input.name_en,
        input.category,
        input.movements.clone(),
        &names,
    )
    .map_err(ClubError::Invalid)
}

/// A complex with its movements named, in order.
pub async fn complex<S: ComplexStore + ExerciseStore + ?Sized>(
    store: &S,
    actor: &Member,
    id: ComplexId,
) -> Result<(Complex, Vec<Exercise>), ClubError> {
    let found = require_found(actor, Permission::ReadCatalogue, |club| store.complex(club, id)).await?;
    let exercises = store.exercises(actor.club_id).await?;
    let movements = found
        .movements
        .iter()
        .filter_map(|m| exercises.iter().find(|e| e.id == *m).cloned())
        .collect();
    Ok((found, movements))
}

pub async fn create_complex<S: CatalogueStore + ComplexStore + ExerciseStore + ?Sized>(
    store: &S,
    actor: &Member,
    input: &ComplexInput,
    now: DateTime<Utc>,
) -> Result<Complex, ClubError> {
    require(actor, Permission::Coach)?;
    let draft = complex_draft(store, actor, input, &[]).await?;
    Ok(store.create_complex(actor.club_id, &draft, now).await?)
}

pub async fn update_complex<S: CatalogueStore + ComplexStore + ExerciseStore + ?Sized>(
    store: &S,
    actor: &Member,
    id: ComplexId,
    input: &ComplexInput,
    version: i64,
    now: DateTime<Utc>,
) -> Result<Complex, ClubError> {
    let current = require_found(actor, Permission::Coach, |club| store.complex(club, id)).await?;
    let draft = complex_draft(store, actor, input, &current.movements).await?;
    Ok(store
        .update_complex(Versioned::new(actor.club_id, id, version).edit(&draft, now))
        .await?)
}

pub async fn set_complex_archived(
    store: &dyn ComplexStore,
    actor: &Member,
    id: ComplexId,
    archived: bool,
    version: i64,
    now: DateTime<Utc>,
) -> Result<Complex, ClubError> {
    require(actor, Permission::Coach)?;
    Ok(store
        .set_complex_archived(Versioned::new(actor.club_id, id, version).edit(archived, now))
        .await?)
}

pub async fn delete_complex(
    store: &dyn ComplexStore,
    actor: &Member,
    id: ComplexId,
    version: i64,
) -> Result<(), ClubError> {
    require(actor, Permission::Coach)?;
    Ok(store
        .delete_complex(Versioned::new(actor.club_id, id, version))
        .await?)
}

/// The club's catalogue as a file (coaches: it is their working material).
pub async fn export_catalogue<S: CatalogueStore + ComplexStore + ExerciseStore + ?Sized>(
    store: &S,
    actor: &Member,
    format: Format,
) -> Result<String, ClubError> {
    require(actor, Permission::Coach)?;
    let club = actor.club_id;
    let file = exchange::export(
        &store.exercises(club).await?,
        &store.complexes(club).await?,
        &store.categories(club).await?,
        &store.equipment(club).await?,
    );
    Ok(match format {
        Format::Json => exchange::to_json(&file),
        Format::Csv => exchange::to_csv(&file),
    })
}

/// The largest file an import accepts (a catalogue of thousands of exercises is far smaller).
pub const IMPORT_MAX_BYTES: usize = 2 * 1024 * 1024;

/// Imports a file: every row is checked first; any problem rejects the whole file (with every
/// problem reported), otherwise it is applied in one transaction. Reading and checking the
/// file run through `offload` (thousands of rows are CPU work).
pub async fn import_catalogue<S: CatalogueStore + ExerciseStore + ?Sized>(
    store: &S,
    offload: &dyn Offload,
    actor: &Member,
    format: Format,
    text: String,
    now: DateTime<Utc>,
) -> Result<ImportCounts, ClubError> {
    require(actor, Permission::Coach)?;
    if text.len() > IMPORT_MAX_BYTES {
        return Err(ClubError::Invalid(vec![FieldError::new(
            "file",
            FieldProblem::TooLong {
                max: IMPORT_MAX_BYTES,
            },
        )]));
    }
    let existing = store.exercises(actor.club_id).await?;
    let plan = offloaded(offload, move || {
        let (file, lines) = match format {
            Format::Json => exchange::from_json(&text),
            Format::Csv => exchange::from_csv(&text),
        }?;
        exchange::check(&file, &lines, &existing)
    })
    .await?
    .map_err(|problems| ClubError::ImportRejected(Report::of(problems)))?;
    Ok(store.import_catalogue(actor.club_id, &plan, now).await?)
}

/// An entry of one of the club's lists, and how many exercises and complexes use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelUse {
    pub id: i64,
    pub names: crate::catalogue::Names,
    pub uses: i64,
}

/// The club's categories or equipment, with their uses (coaches, who edit them).
pub async fn labels(
    store: &dyn CatalogueStore,
    actor: &Member,
    kind: LabelKind,
) -> Result<Vec<LabelUse>, ClubError> {
    require(actor, Permission::Coach)?;
    let club = actor.club_id;
    /// A list's entries by their raw ids.
    fn raw<Id: Into<i64>>(labels: Vec<Label<Id>>) -> Vec<(i64, crate::catalogue::Names)> {
        labels.into_iter().map(|l| (l.id.into(), l.names)).collect()
    }
    let entries = match kind {
        LabelKind::Category => raw(store.categories(club).await?),
        LabelKind::Equipment => raw(store.equipment(club).await?),
        LabelKind::Workout => raw(store.workout_categories(club).await?),
    };
    let uses = store.label_uses(club, kind).await?;
    Ok(entries
        .into_iter()
        .map(|(id, names)| LabelUse {
            id,
            names,
            uses: uses.iter().find(|(u, _)| *u == id).map_or(0, |(_, n)| *n),
        })
        .collect())
}

/// Adds an entry to a list (`id` none) or renames one. A name the list already has is refused,
/// naming the entry that has it.
pub async fn save_label(
    store: &dyn CatalogueStore,
    actor: &Member,
    kind: LabelKind,
    id: Option<i64>,
    names: &Names,
) -> Result<i64, ClubError> {
    let existing = labels(store, actor, kind).await?;
    let key = crate::catalogue::search::fold(&names.fr);
    if let Some(other) = existing
        .iter()
        .find(|l| Some(l.id) != id && crate::catalogue::search::fold(&l.names.fr) == key)
    {
        return Err(ClubError::Invalid(vec![FieldError::new(
            "name_fr",
            FieldProblem::DuplicateName {
                existing: other.names.fr.clone(),
            },
        )]));
    }
    let duplicate = |e: StoreError| match e {
        StoreError::Duplicate => ClubError::Invalid(vec![FieldError::new(
            "name_fr",
            FieldProblem::DuplicateName {
                existing: names.fr.clone(),
            },
        )]),
        other => other.into(),
    };
    match id {
        Some(id) => {
            store
                .rename_label(actor.club_id, kind, id, names)
                .await
                .map_err(duplicate)?;
            Ok(id)
        }
        None => store
            .create_label(actor.club_id, kind, names)
            .await
            .map_err(duplicate),
    }
}

/// Removes an entry from a list; what used it keeps no category or equipment.
pub async fn delete_label(
    store: &dyn CatalogueStore,
    actor: &Member,
    kind: LabelKind,
    id: i64,
) -> Result<(), ClubError> {
    require(actor, Permission::Coach)?;
    Ok(store.delete_label(actor.club_id, kind, id).await?)
}

// ----- Media -----

fn media_failure(e: crate::media::MediaError) -> ClubError {
    ClubError::Store(StoreError::Backend(e.0))
}

/// Whether `actor` may upload media for exercise `id`: asked before the upload's body is read,
/// so that a visitor, an athlete or another club's coach cannot make the server receive (and
/// store) megabytes only to refuse them.
pub async fn may_set_exercise_media(
    store: &dyn ExerciseStore,
    actor: &Member,
    id: ExerciseId,
) -> Result<(), ClubError> {
    require_found(actor, Permission::Coach, |club| store.exercise(club, id)).await?;
    Ok(())
}

/// Keeps an uploaded image or video for an exercise, replacing (and removing) the previous one.
/// The type is read from the content; a refused upload leaves no file behind. `unique` makes
/// the file's key unguessable and new for every upload.
pub async fn set_exercise_media(
    store: &dyn ExerciseStore,
    media: &dyn MediaStore,
    actor: &Member,
    id: ExerciseId,
    slot: Slot,
    upload: &Staged,
    unique: &str,
) -> Result<String, ClubError> {
    let checked = async {
        may_set_exercise_media(store, actor, id).await?;
        crate::media::check_upload(slot, &upload.head, upload.len)
            .map_err(|problem| ClubError::Invalid(vec![FieldError::new("file", problem)]))
    };
    let kind = match checked.await {
        Ok(kind) => kind,
        Err(e) => {
            media.discard(upload).await;
            return Err(e);
        }
    };
    let key = crate::media::media_key(actor.club_id, id, slot, unique, kind);
    if let Err(e) = media.keep(upload, &key).await {
        media.discard(upload).await;
        return Err(media_failure(e));
    }
    match store
        .set_exercise_media(actor.club_id, id, slot, Some(&key))
        .await
    {
        Ok(previous) => {
            if let Some(previous) = previous {
                media.delete(&previous).await.map_err(media_failure)?;
            }
            Ok(key)
        }
        Err(e) => {
            // Keep no file the database does not know of.
            let _ = media.delete(&key).await;
            Err(e.into())
        }
    }
}

/// Removes an exercise's image or video, file included.
pub async fn remove_exercise_media(
    store: &dyn ExerciseStore,
    media: &dyn MediaStore,
    actor: &Member,
    id: ExerciseId,
    slot: Slot,
) -> Result<(), ClubError> {
    require(actor, Permission::Coach)?;
    if let Some(previous) = store.set_exercise_media(actor.club_id, id, slot, None).await? {
        media.delete(&previous).await.map_err(media_failure)?;
    }
    Ok(())
}

/// Whether the caller may read a media file: it belongs to their club. Another club's file (or
/// a malformed key) is "not found".
pub fn media_access(actor: &Member, key: &str) -> Result<crate::media::MediaType, ClubError> {
    require(actor, Permission::ReadCatalogue)?;
    match crate::media::parse_key(key) {
        Some((club, kind)) if club == actor.club_id => Ok(kind),
        _ => Err(ClubError::NotFound),
    }
}

/// Deletes an unused exercise and its media files.
pub async fn delete_exercise_and_media(
    store: &dyn ExerciseStore,
    media: &dyn MediaStore,
    actor: &Member,
    id: ExerciseId,
    version: i64,
) -> Result<(), ClubError> {
    let exercise = require_found(actor, Permission::Coach, |club| store.exercise(club, id)).await?;
    store
        .delete_exercise(Versioned::new(actor.club_id, id, version))
        .await?;
    for key in [exercise.image, exercise.video].into_iter().flatten() {
        media.delete(&key).await.map_err(media_failure)?;
    }
    Ok(())
}
