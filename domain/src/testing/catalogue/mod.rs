//! A club's catalogue in memory: categories, equipment, exercises and complexes.

mod writes;

use super::MemoryStore;
use super::tables::{LabelRow, Owned, State, guard, of_club, of_club_mut};
use crate::catalogue::exchange::ImportCounts;
use crate::catalogue::file::CataloguePlan;
use crate::catalogue::search::fold;
use crate::catalogue::{Complex, ComplexDraft, Exercise, ExerciseDraft, Label, LabelKind, Names};
use crate::error::StoreError;
use crate::ids::{CategoryId, ClubId, ComplexId, EquipmentId, ExerciseId};
use crate::media::Slot;
use crate::ports::{CatalogueStore, ComplexStore, Edit, ExerciseStore, StoreResult, Versioned};
use crate::workout::WorkoutCategoryId;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use writes::apply_draft;

/// The tables of [`State::change_in_catalogue`].
fn exercises(s: &mut State) -> &mut Vec<Owned<Exercise>> {
    &mut s.exercises
}

fn complexes(s: &mut State) -> &mut Vec<Owned<Complex>> {
    &mut s.complexes
}

/// A list's entries, by French name.
fn sorted_labels<Id>(mut rows: Vec<&LabelRow>, id: fn(i64) -> Id) -> Vec<Label<Id>> {
    rows.sort_by(|a, b| (&a.names.fr, a.id).cmp(&(&b.names.fr, b.id)));
    rows.into_iter()
        .map(|l| Label {
            id: id(l.id),
            names: l.names.clone(),
        })
        .collect()
}

#[async_trait]
impl CatalogueStore for MemoryStore {
    async fn add_catalogue(
        &self,
        club: ClubId,
        plan: &CataloguePlan,
        _now: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.write(|s| s.insert_catalogue(club, plan))
    }

    async fn import_catalogue(
        &self,
        club: ClubId,
        plan: &CataloguePlan,
        _now: DateTime<Utc>,
    ) -> StoreResult<ImportCounts> {
        self.write(|s| s.import_catalogue(club, plan))
    }

    async fn catalogue_version(&self, club: ClubId) -> StoreResult<i64> {
        self.read(|s| {
            s.clubs
                .iter()
                .find(|c| c.id == club)
                .map(|c| c.catalogue_version)
                .ok_or(StoreError::NotFound)
        })
    }

    async fn categories(&self, club: ClubId) -> StoreResult<Vec<Label<CategoryId>>> {
        Ok(self.read(|s| sorted_labels(s.labels_of(club, LabelKind::Category).collect(), CategoryId)))
    }

    async fn equipment(&self, club: ClubId) -> StoreResult<Vec<Label<EquipmentId>>> {
        Ok(self.read(|s| sorted_labels(s.labels_of(club, LabelKind::Equipment).collect(), EquipmentId)))
    }

    async fn workout_categories(&self, club: ClubId) -> StoreResult<Vec<Label<WorkoutCategoryId>>> {
        Ok(self.read(|s| sorted_labels(s.labels_of(club, LabelKind::Workout).collect(), WorkoutCategoryId)))
    }

    async fn create_label(&self, club: ClubId, kind: LabelKind, names: &Names) -> StoreResult<i64> {
        self.write(|s| s.insert_label(club, kind, names))
    }

    async fn rename_label(&self, club: ClubId, kind: LabelKind, id: i64, names: &Names) -> StoreResult<()> {
        self.write(|s| {
            let key = fold(&names.fr);
            if s.labels_of(club, kind)
                .any(|l| l.id != id && fold(&l.names.fr) == key)
            {
                return Err(StoreError::Duplicate);
            }
            let label = s
                .labels
                .iter_mut()
                .find(|l| l.club == club && l.kind == kind && l.id == id)
                .ok_or(StoreError::NotFound)?;
            label.names = names.clone();
            s.catalogue_changed(club);
            Ok(())
        })
    }

    async fn delete_label(&self, club: ClubId, kind: LabelKind, id: i64) -> StoreResult<()> {
        self.write(|s| {
            if !s.labels_of(club, kind).any(|l| l.id == id) {
                return Err(StoreError::NotFound);
            }
            s.labels.retain(|l| !(l.kind == kind && l.id == id));
            // What used it keeps none (without a new version: the database's `SET NULL`).
            for e in s.exercises.iter_mut().map(|e| &mut e.record) {
                match kind {
                    LabelKind::Category if e.category == Some(CategoryId(id)) => e.category = None,
                    LabelKind::Equipment if e.equipment == Some(EquipmentId(id)) => e.equipment = None,
                    _ => {}
                }
            }
            for c in s.complexes.iter_mut().map(|c| &mut c.record) {
                if kind == LabelKind::Category && c.category == Some(CategoryId(id)) {
                    c.category = None;
                }
            }
            for w in s.workouts.iter_mut().map(|w| &mut w.record) {
                if kind == LabelKind::Workout && w.category == Some(WorkoutCategoryId(id)) {
                    w.category = None;
                }
            }
            s.list_changed(club, kind);
            Ok(())
        })
    }

    async fn label_uses(&self, club: ClubId, kind: LabelKind) -> StoreResult<Vec<(i64, i64)>> {
        Ok(self.read(|s| {
            s.labels_of(club, kind)
                .map(|l| {
                    let exercises = of_club(&s.exercises, club).filter(|e| match kind {
                        LabelKind::Category => e.category == Some(CategoryId(l.id)),
                        LabelKind::Equipment => e.equipment == Some(EquipmentId(l.id)),
                        LabelKind::Workout => false,
                    });
                    let complexes = of_club(&s.complexes, club)
                        .filter(|c| kind == LabelKind::Category && c.category == Some(CategoryId(l.id)));
                    let workouts = of_club(&s.workouts, club).filter(|w| {
                        kind == LabelKind::Workout && w.category == Some(WorkoutCategoryId(l.id))
                    });
                    let uses = exercises.count() + complexes.count() + workouts.count();
                    (l.id, i64::try_from(uses).unwrap_or(i64::MAX))
                })
                .collect()
        }))
    }
}

#[async_trait]
impl ExerciseStore for MemoryStore {
    async fn exercises(&self, club: ClubId) -> StoreResult<Vec<Exercise>> {
        Ok(self.read(|s| {
            let mut all: Vec<Exercise> = of_club(&s.exercises, club).cloned().collect();
            all.sort_by_cached_key(|e| (fold(&e.names.fr), e.id));
            all
        }))
    }

    async fn exercise(&self, club: ClubId, id: ExerciseId) -> StoreResult<Option<Exercise>> {
        Ok(self.read(|s| of_club(&s.exercises, club).find(|e| e.id == id).cloned()))
    }

    async fn create_exercise(
        &self,
        club: ClubId,
        draft: &ExerciseDraft,
        _now: DateTime<Utc>,
    ) -> StoreResult<Exercise> {
        self.write(|s| {
            let created = s.insert_exercise(club, draft, false)?;
            s.check_exercise_labels(club, draft)?;
            Ok(created)
        })
    }

    async fn update_exercise(&self, edit: Edit<ExerciseId, &ExerciseDraft>) -> StoreResult<Exercise> {
        self.write(|s| {
            guard(
                of_club_mut(&mut s.exercises, edit.club, |e| e.id == edit.id),
                edit.version,
            )?;
            s.check_exercise_names(edit.club, edit.value, Some(edit.id))?;
            s.check_exercise_labels(edit.club, edit.value)?;
            s.change_in_catalogue(
                edit.club,
                exercises,
                |e| e.id == edit.id,
                edit.version,
                |e| apply_draft(e, edit.value),
            )
        })
    }

    async fn set_exercise_archived(&self, edit: Edit<ExerciseId, bool>) -> StoreResult<Exercise> {
        self.write(|s| {
            s.change_in_catalogue(
                edit.club,
                exercises,
                |e| e.id == edit.id,
                edit.version,
                |e| e.archived = edit.value,
            )
        })
    }

    async fn set_exercise_media(
        &self,
        club: ClubId,
        id: ExerciseId,
        slot: Slot,
        key: Option<&str>,
    ) -> StoreResult<Option<String>> {
        self.write(|s| {
            let exercise = of_club_mut(&mut s.exercises, club, |e| e.id == id).ok_or(StoreError::NotFound)?;
            let field = match slot {
                Slot::Image => &mut exercise.image,
                Slot::Video => &mut exercise.video,
            };
            // Not an edit of the exercise: its version stays.
            let previous = std::mem::replace(field, key.map(str::to_owned));
            s.catalogue_changed(club);
            Ok(previous)
        })
    }

    async fn delete_exercise(
        &self,
        Versioned { club, id, version }: Versioned<ExerciseId>,
    ) -> StoreResult<()> {
        self.write(|s| {
            guard(of_club_mut(&mut s.exercises, club, |e| e.id == id), version)?;
            let in_complex = s.complexes.iter().any(|c| c.record.movements.contains(&id));
            let has_max = s.maxes.iter().any(|m| m.record.max.exercise == id);
            let in_workout = s
                .workouts
                .iter()
                .any(|w| w.record.content.exercises().contains(&id))
                || s.sessions.iter().any(|x| x.record.exercises().contains(&id));
            if in_complex || has_max || in_workout {
                return Err(StoreError::InUse);
            }
            s.exercises.retain(|e| e.record.id != id);
            s.catalogue_changed(club);
            Ok(())
        })
    }
}

#[async_trait]
impl ComplexStore for MemoryStore {
    async fn complexes(&self, club: ClubId) -> StoreResult<Vec<Complex>> {
        Ok(self.read(|s| {
            let mut all: Vec<Complex> = of_club(&s.complexes, club).cloned().collect();
            all.sort_by(|a, b| (&a.names.fr, a.id).cmp(&(&b.names.fr, b.id)));
            all
        }))
    }

    async fn complexes_using(&self, club: ClubId, id: ExerciseId) -> StoreResult<Vec<Label<ComplexId>>> {
        Ok(self.read(|s| {
            let mut using: Vec<&Complex> = of_club(&s.complexes, club)
                .filter(|c| c.movements.contains(&id))
                .collect();
            using.sort_by(|a, b| (&a.names.fr, a.id).cmp(&(&b.names.fr, b.id)));
            using
                .into_iter()
                .map(|c| Label {
                    id: c.id,
                    names: c.names.clone(),
                })
                .collect()
        }))
    }

    async fn complex(&self, club: ClubId, id: ComplexId) -> StoreResult<Option<Complex>> {
        Ok(self.read(|s| of_club(&s.complexes, club).find(|c| c.id == id).cloned()))
    }

    async fn create_complex(
        &self,
        club: ClubId,
        draft: &ComplexDraft,
        _now: DateTime<Utc>,
    ) -> StoreResult<Complex> {
        self.write(|s| s.insert_complex(club, &draft.names, draft.category, draft.movements.clone(), false))
    }

    async fn update_complex(&self, edit: Edit<ComplexId, &ComplexDraft>) -> StoreResult<Complex> {
        self.write(|s| {
            guard(
                of_club_mut(&mut s.complexes, edit.club, |c| c.id == edit.id),
                edit.version,
            )?;
            if !s.has_label(edit.club, LabelKind::Category, edit.value.category.map(|c| c.0)) {
                return Err(StoreError::NotFound);
            }
            s.check_movements(edit.club, &edit.value.movements)?;
            s.change_in_catalogue(
                edit.club,
                complexes,
                |c| c.id == edit.id,
                edit.version,
                |c| {
                    c.names = edit.value.names.clone();
                    c.category = edit.value.category;
                    c.movements = edit.value.movements.clone();
                },
            )
        })
    }

    async fn set_complex_archived(&self, edit: Edit<ComplexId, bool>) -> StoreResult<Complex> {
        self.write(|s| {
            s.change_in_catalogue(
                edit.club,
                complexes,
                |c| c.id == edit.id,
                edit.version,
                |c| c.archived = edit.value,
            )
        })
    }

    async fn delete_complex(&self, Versioned { club, id, version }: Versioned<ComplexId>) -> StoreResult<()> {
        self.write(|s| {
            guard(of_club_mut(&mut s.complexes, club, |c| c.id == id), version)?;
            if s.workouts
                .iter()
                .any(|w| w.record.content.complexes().contains(&id))
                || s.sessions
                    .iter()
                    .any(|x| x.record.content.complexes().contains(&id))
            {
                return Err(StoreError::InUse);
            }
            s.complexes.retain(|c| c.record.id != id);
            s.catalogue_changed(club);
            Ok(())
        })
    }
}
