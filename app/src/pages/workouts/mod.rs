//! Workouts: the club's library of templates and the builder (coaches and above).

pub mod builder;
mod draft;
pub mod library;
mod preview;

use domain::workout::WorkoutId;

/// The builder of a workout.
pub fn edit_href(id: WorkoutId) -> String {
    format!("/workouts/{id}/edit")
}
