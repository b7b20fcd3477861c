//! Workouts: the club's library of templates and a workout's page (coaches and above).

pub mod library;
pub mod workout;

use domain::workout::WorkoutId;

/// The page of a workout.
pub fn workout_href(id: WorkoutId) -> String {
    format!("/workouts/{id}")
}
