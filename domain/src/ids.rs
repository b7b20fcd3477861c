//! Typed identifiers: a member id can never be passed where a club id is expected.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }
    )*};
}

id_type!(
    /// A person's account, shared by all the clubs they belong to.
    UserId,
    /// A club: the tenant every record belongs to.
    ClubId,
    /// A person's membership of one club (their role lives here).
    MemberId,
    /// An invitation to join a club.
    InvitationId,
    /// An exercise of a club's catalogue.
    ExerciseId,
    /// A complex: exercises done in one set with one load.
    ComplexId,
    /// A category of a club's catalogue (snatch, squat…).
    CategoryId,
    /// A piece of equipment of a club's catalogue (barbell, blocks…).
    EquipmentId,
    /// An athlete's profile in a club (with or without an account).
    AthleteId,
    /// A named set of a club's athletes ("Juniors").
    GroupId,
    /// One recorded max of an athlete.
    MaxId,
    /// A club's workout (template).
    WorkoutId,
    /// A category of the club's workouts (season, deload…).
    WorkoutCategoryId,
    /// A planned session: a workout's copy on a day of the calendar.
    SessionId,
);
