//! The club's workouts in memory (`WorkoutStore`), as the SQL adapters keep them.

use super::MemoryStore;
use super::tables::{Owned, State, change, guard, of_club, of_club_mut};
use crate::catalogue::{LabelKind, Names};
use crate::error::StoreError;
use crate::ids::ClubId;
use crate::ports::{Edit, StoreResult, Versioned, WorkoutStore};
use crate::workout::{DEFAULT_CATEGORIES, Workout, WorkoutDraft, WorkoutId};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

impl State {
    /// A new club's workout categories.
    pub(super) fn insert_workout_categories(&mut self, club: ClubId) -> StoreResult<()> {
        for (fr, en) in DEFAULT_CATEGORIES {
            let names = Names {
                fr: fr.to_owned(),
                en: en.to_owned(),
            };
            self.insert_label(club, LabelKind::Workout, &names)?;
        }
        Ok(())
    }

    /// `NotFound` unless the draft's category, exercises and complexes are the club's.
    fn check_workout(&self, club: ClubId, draft: &WorkoutDraft) -> StoreResult<()> {
        let category = self.has_label(club, LabelKind::Workout, draft.category.map(|c| c.0));
        let exercises = draft
            .content
            .exercises()
            .iter()
            .all(|id| of_club(&self.exercises, club).any(|e| e.id == *id));
        let complexes = draft
            .content
            .complexes()
            .iter()
            .all(|id| of_club(&self.complexes, club).any(|c| c.id == *id));
        if category && exercises && complexes {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }
}

fn apply(workout: &mut Workout, draft: &WorkoutDraft, now: DateTime<Utc>) {
    workout.title = draft.title.clone();
    workout.category = draft.category;
    workout.description = draft.description.clone();
    workout.content = draft.content.clone();
    workout.updated_at = now;
}

#[async_trait]
impl WorkoutStore for MemoryStore {
    async fn workouts(&self, club: ClubId) -> StoreResult<Vec<Workout>> {
        let mut workouts: Vec<Workout> = self.read(|s| of_club(&s.workouts, club).cloned().collect());
        workouts.sort_by(|a, b| (&a.title, a.id).cmp(&(&b.title, b.id)));
        Ok(workouts)
    }

    async fn workout(&self, club: ClubId, id: WorkoutId) -> StoreResult<Option<Workout>> {
        Ok(self.read(|s| of_club(&s.workouts, club).find(|w| w.id == id).cloned()))
    }

    async fn create_workout(
        &self,
        club: ClubId,
        draft: &WorkoutDraft,
        now: DateTime<Utc>,
    ) -> StoreResult<Workout> {
        self.write(|s| {
            s.check_workout(club, draft)?;
            let mut workout = Workout {
                id: WorkoutId(s.next_id()),
                title: String::new(),
                category: None,
                description: None,
                content: Default::default(),
                archived: false,
                version: 1,
                updated_at: now,
            };
            apply(&mut workout, draft, now);
            s.workouts.push(Owned {
                club,
                record: workout.clone(),
            });
            Ok(workout)
        })
    }

    async fn update_workout(&self, edit: Edit<WorkoutId, &WorkoutDraft>) -> StoreResult<Workout> {
        self.write(|s| {
            guard(
                of_club_mut(&mut s.workouts, edit.club, |w| w.id == edit.id),
                edit.version,
            )?;
            s.check_workout(edit.club, edit.value)?;
            let found = of_club_mut(&mut s.workouts, edit.club, |w| w.id == edit.id);
            change(found, edit.version, |w| apply(w, edit.value, edit.now))
        })
    }

    async fn set_workout_archived(&self, edit: Edit<WorkoutId, bool>) -> StoreResult<Workout> {
        self.write(|s| {
            let found = of_club_mut(&mut s.workouts, edit.club, |w| w.id == edit.id);
            change(found, edit.version, |w| {
                w.archived = edit.value;
                w.updated_at = edit.now;
            })
        })
    }

    async fn delete_workout(&self, Versioned { club, id, version }: Versioned<WorkoutId>) -> StoreResult<()> {
        self.write(|s| {
            guard(of_club_mut(&mut s.workouts, club, |w| w.id == id), version)?;
            if s.sessions
                .iter()
                .any(|x| x.record.template.is_some_and(|t| t.workout == id))
            {
                return Err(StoreError::InUse);
            }
            s.workouts.retain(|w| !(w.club == club && w.record.id == id));
            Ok(())
        })
    }
}
