//! DropIt's domain: the rules of the club, free of IO.
//!
//! Everything a rule needs arrives as an argument (including "now"), so every rule is a plain
//! function that unit tests can pin down. Storage is reached through the ports in [`ports`],
//! implemented by the `store` crate; use-cases that combine rules and ports live in [`service`].
//! With the `testing` feature (and in its own tests), `testing` offers the ports in memory.

pub mod account;
pub mod athlete;
pub mod athlete_import;
pub mod catalogue;
pub mod competition;
pub mod day;
mod decimal;
pub mod error;
pub mod ids;
pub mod invitation;
pub mod load;
pub mod maxes;
pub mod media;
pub mod membership;
pub mod planning;
pub mod ports;
pub mod progression;
pub mod ratios;
pub mod role;
pub mod roster;
pub mod service;
pub mod settings;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
mod text;
pub mod throttle;
mod token;
pub mod weight;
pub mod workout;

pub use error::{FieldError, FieldProblem, Report, StoreError};
pub use ids::{
    AthleteId, CategoryId, ClubId, ComplexId, EquipmentId, ExerciseId, GroupId, InvitationId, MaxId,
    MemberId, UserId,
};
pub use role::{Permission, Role};
