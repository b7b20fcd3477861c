//! Workouts: the club's library of templates and a workout's page (coaches and above).

pub mod builder;
pub mod draft;
pub mod library;
pub mod preview;
pub mod print;
pub mod workout;

use domain::workout::WorkoutId;

/// The page of a workout.
pub fn workout_href(id: WorkoutId) -> String {
    format!("/workouts/{id}")
}

/// The builder, opened on a workout.
pub fn edit_href(id: WorkoutId) -> String {
    format!("/workouts/{id}/edit")
}

/// A workout's sheet for the gym's wall (a group and a day are chosen on it).
pub fn sheet_href(id: WorkoutId) -> String {
    format!("/workouts/{id}/print")
}

pub(crate) use crate::components::lifts::{LiftNames, element_notes, lift_name};
