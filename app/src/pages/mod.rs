//! The pages, by feature: a folder per feature with a file per page or island, a file per
//! page for the features that have one page.

pub mod account;
pub mod athletes;
pub mod auth;
pub mod catalogue;
pub mod club;
pub mod errors;
pub mod home;
pub mod invite;
pub mod planning;
pub mod workouts;
