//! Workouts: the club's library of templates and a workout's page (coaches and above).

pub mod library;
pub mod loads;
pub mod print;
pub mod workout;

use domain::workout::WorkoutId;

/// The page of a workout.
pub fn workout_href(id: WorkoutId) -> String {
    format!("/workouts/{id}")
}

/// A workout's sheet for the gym's wall (a group and a day are chosen on it).
pub fn sheet_href(id: WorkoutId) -> String {
    format!("/workouts/{id}/print")
}
