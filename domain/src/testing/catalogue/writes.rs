//! The catalogue's writes that several calls share: checks, inserts, a plan copied in, an import.

use crate::catalogue::exchange::ImportCounts;
use crate::catalogue::file::{CataloguePlan, PlannedExercise};
use crate::catalogue::search::fold;
use crate::catalogue::{Complex, Exercise, ExerciseDraft, LabelKind, Names};
use crate::error::StoreError;
use crate::ids::{CategoryId, ClubId, ComplexId, EquipmentId, ExerciseId};
use crate::ports::StoreResult;
use crate::testing::tables::{HasVersion, LabelRow, Owned, State, change, of_club, of_club_mut};

impl State {
    /// What the database's triggers do: any change to a club's catalogue moves its version.
    pub(super) fn catalogue_changed(&mut self, club: ClubId) {
        if let Some(row) = self.clubs.iter_mut().find(|c| c.id == club) {
            row.catalogue_version += 1;
        }
    }

    /// What the database's triggers do for a change to one of the club's lists: the
    /// catalogue's lists move its version, the workout categories do not.
    pub(super) fn list_changed(&mut self, club: ClubId, kind: LabelKind) {
        if kind != LabelKind::Workout {
            self.catalogue_changed(club);
        }
    }

    pub(super) fn labels_of(&self, club: ClubId, kind: LabelKind) -> impl Iterator<Item = &LabelRow> {
        self.labels
            .iter()
            .filter(move |l| l.club == club && l.kind == kind)
    }

    pub(in crate::testing) fn has_label(&self, club: ClubId, kind: LabelKind, id: Option<i64>) -> bool {
        id.is_none_or(|id| self.labels_of(club, kind).any(|l| l.id == id))
    }

    /// `NotFound` when the draft's category or equipment is not an entry of the club's lists.
    pub(super) fn check_exercise_labels(&self, club: ClubId, draft: &ExerciseDraft) -> StoreResult<()> {
        if self.has_label(club, LabelKind::Category, draft.category.map(|c| c.0))
            && self.has_label(club, LabelKind::Equipment, draft.equipment.map(|e| e.0))
        {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }

    /// A guarded change to one of the club's exercises or complexes (see [`change`]): `table`
    /// picks the list, `pick` the record. Moves the catalogue's version too.
    pub(super) fn change_in_catalogue<T: HasVersion>(
        &mut self,
        club: ClubId,
        table: fn(&mut State) -> &mut Vec<Owned<T>>,
        pick: impl Fn(&T) -> bool,
        expected_version: i64,
        edit: impl FnOnce(&mut T),
    ) -> StoreResult<T> {
        let changed = change(of_club_mut(table(self), club, pick), expected_version, edit)?;
        self.catalogue_changed(club);
        Ok(changed)
    }

    /// `Duplicate` when the list has that French name (without case or accents).
    pub(in crate::testing) fn insert_label(
        &mut self,
        club: ClubId,
        kind: LabelKind,
        names: &Names,
    ) -> StoreResult<i64> {
        if self
            .labels_of(club, kind)
            .any(|l| fold(&l.names.fr) == fold(&names.fr))
        {
            return Err(StoreError::Duplicate);
        }
        let id = self.next_id();
        self.labels.push(LabelRow {
            kind,
            club,
            id,
            names: names.clone(),
        });
        self.list_changed(club, kind);
        Ok(id)
    }

    /// The unique names: `Duplicate` when another exercise of the club has the French or the
    /// English name (without case or accents).
    pub(super) fn check_exercise_names(
        &self,
        club: ClubId,
        draft: &ExerciseDraft,
        itself: Option<ExerciseId>,
    ) -> StoreResult<()> {
        let clash = of_club(&self.exercises, club).any(|e| {
            Some(e.id) != itself
                && (fold(&e.names.fr) == draft.name_fr.key() || fold(&e.names.en) == draft.name_en.key())
        });
        if clash { Err(StoreError::Duplicate) } else { Ok(()) }
    }

    pub(super) fn insert_exercise(
        &mut self,
        club: ClubId,
        draft: &ExerciseDraft,
        archived: bool,
    ) -> StoreResult<Exercise> {
        self.check_exercise_names(club, draft, None)?;
        let blank = Names {
            fr: String::new(),
            en: String::new(),
        };
        // `apply_draft` writes the names, with the rest of the draft.
        let mut exercise = Exercise {
            archived,
            ..Exercise::named(ExerciseId(self.next_id()), blank)
        };
        apply_draft(&mut exercise, draft);
        self.exercises.push(Owned {
            club,
            record: exercise.clone(),
        });
        self.catalogue_changed(club);
        Ok(exercise)
    }

    /// `NotFound` when a movement is not an exercise of the club.
    pub(super) fn check_movements(&self, club: ClubId, movements: &[ExerciseId]) -> StoreResult<()> {
        if movements
            .iter()
            .all(|m| of_club(&self.exercises, club).any(|e| e.id == *m))
        {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }

    pub(super) fn insert_complex(
        &mut self,
        club: ClubId,
        names: &Names,
        category: Option<CategoryId>,
        movements: Vec<ExerciseId>,
        archived: bool,
    ) -> StoreResult<Complex> {
        if !self.has_label(club, LabelKind::Category, category.map(|c| c.0)) {
            return Err(StoreError::NotFound);
        }
        self.check_movements(club, &movements)?;
        let complex = Complex {
            id: ComplexId(self.next_id()),
            names: names.clone(),
            category,
            movements,
            archived,
            version: 1,
        };
        self.complexes.push(Owned {
            club,
            record: complex.clone(),
        });
        self.catalogue_changed(club);
        Ok(complex)
    }

    /// Writes a validated catalogue into a club (a new club's, or one added whole).
    pub(in crate::testing) fn insert_catalogue(
        &mut self,
        club: ClubId,
        plan: &CataloguePlan,
    ) -> StoreResult<()> {
        let lists = self.write_lists(club, plan, Self::insert_label)?;
        let mut exercises = Vec::with_capacity(plan.exercises.len());
        for planned in &plan.exercises {
            let draft = lists.draft(planned);
            exercises.push(self.insert_exercise(club, &draft, planned.archived)?.id);
        }
        for planned in &plan.complexes {
            let category = lists.category(planned.category);
            let movements = planned_movements(&planned.movements, &exercises)?;
            self.insert_complex(club, &planned.names, category, movements, planned.archived)?;
        }
        Ok(())
    }

    /// Writes a plan's categories and equipment with `write` (an insert, or an upsert that
    /// matches them by French name).
    fn write_lists(
        &mut self,
        club: ClubId,
        plan: &CataloguePlan,
        write: fn(&mut Self, ClubId, LabelKind, &Names) -> StoreResult<i64>,
    ) -> StoreResult<ListIds> {
        let mut list = |kind, entries: &[Names]| -> StoreResult<Vec<i64>> {
            entries
                .iter()
                .map(|names| write(self, club, kind, names))
                .collect()
        };
        Ok(ListIds {
            categories: list(LabelKind::Category, &plan.categories)?,
            equipment: list(LabelKind::Equipment, &plan.equipment)?,
        })
    }

    /// The id of the club's label of that French name, renamed to `names`, or a new one.
    fn upsert_label(&mut self, club: ClubId, kind: LabelKind, names: &Names) -> StoreResult<i64> {
        let key = fold(&names.fr);
        match self
            .labels
            .iter_mut()
            .find(|l| l.club == club && l.kind == kind && fold(&l.names.fr) == key)
        {
            Some(found) => {
                found.names = names.clone();
                Ok(found.id)
            }
            None => self.insert_label(club, kind, names),
        }
    }

    /// Imports a validated catalogue, matching rows to the club's entries by French name:
    /// matches are updated, the rest created.
    pub(super) fn import_catalogue(
        &mut self,
        club: ClubId,
        plan: &CataloguePlan,
    ) -> StoreResult<ImportCounts> {
        let mut counts = ImportCounts::default();
        let lists = self.write_lists(club, plan, Self::upsert_label)?;
        let mut exercises = Vec::with_capacity(plan.exercises.len());
        for planned in &plan.exercises {
            let draft = lists.draft(planned);
            let key = draft.name_fr.key();
            let found = of_club(&self.exercises, club)
                .find(|e| fold(&e.names.fr) == key)
                .map(|e| e.id);
            let id = match found {
                Some(id) => {
                    self.check_exercise_names(club, &draft, Some(id))?;
                    if let Some(e) = of_club_mut(&mut self.exercises, club, |e| e.id == id) {
                        apply_draft(e, &draft);
                        e.archived = planned.archived;
                        e.version += 1;
                    }
                    self.catalogue_changed(club);
                    counts.updated += 1;
                    id
                }
                None => {
                    counts.created += 1;
                    self.insert_exercise(club, &draft, planned.archived)?.id
                }
            };
            exercises.push(id);
        }
        // Matched against the complexes the club had before this import.
        let existing: Vec<(ComplexId, String)> = of_club(&self.complexes, club)
            .map(|c| (c.id, fold(&c.names.fr)))
            .collect();
        for planned in &plan.complexes {
            let category = lists.category(planned.category);
            let movements = planned_movements(&planned.movements, &exercises)?;
            let key = fold(&planned.names.fr);
            match existing
                .iter()
                .filter(|(_, name)| *name == key)
                .map(|(id, _)| *id)
                .min()
            {
                Some(id) => {
                    self.check_movements(club, &movements)?;
                    if let Some(c) = of_club_mut(&mut self.complexes, club, |c| c.id == id) {
                        c.names = planned.names.clone();
                        c.category = category;
                        c.movements = movements;
                        c.archived = planned.archived;
                        c.version += 1;
                    }
                    self.catalogue_changed(club);
                    counts.updated += 1;
                }
                None => {
                    self.insert_complex(club, &planned.names, category, movements, planned.archived)?;
                    counts.created += 1;
                }
            }
        }
        Ok(counts)
    }
}

/// Copies a draft's fields onto an exercise (its id, media, archived state and version stay).
pub(super) fn apply_draft(exercise: &mut Exercise, draft: &ExerciseDraft) {
    exercise.names = Names {
        fr: draft.name_fr.as_str().to_owned(),
        en: draft.name_en.as_str().to_owned(),
    };
    exercise.short_name = draft.short_name.clone();
    exercise.category = draft.category;
    exercise.equipment = draft.equipment;
    exercise.description = draft.description.clone();
    exercise.video_url = draft.video_url.clone();
}

/// The club's ids of a plan's categories and equipment, in the plan's order.
struct ListIds {
    categories: Vec<i64>,
    equipment: Vec<i64>,
}

impl ListIds {
    /// The club's category at a plan's index.
    fn category(&self, index: Option<usize>) -> Option<CategoryId> {
        index
            .and_then(|i| self.categories.get(i))
            .map(|id| CategoryId(*id))
    }

    /// A planned exercise's draft with its category and equipment turned into the club's ids.
    fn draft(&self, planned: &PlannedExercise) -> ExerciseDraft {
        ExerciseDraft {
            category: self.category(planned.category),
            equipment: planned
                .equipment
                .and_then(|i| self.equipment.get(i))
                .map(|id| EquipmentId(*id)),
            ..planned.draft.clone()
        }
    }
}

/// A planned complex's movements (indexes into the plan's exercises) as the club's ids.
fn planned_movements(movements: &[usize], exercises: &[ExerciseId]) -> StoreResult<Vec<ExerciseId>> {
    movements
        .iter()
        .map(|m| exercises.get(*m).copied().ok_or(StoreError::NotFound))
        .collect()
}
