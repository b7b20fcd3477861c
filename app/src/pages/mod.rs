//! One module per page.

pub mod account;
pub mod athlete_import;
pub mod athletes;
pub mod auth;
pub mod catalogue;
pub mod club;
pub mod complexes;
pub mod errors;
pub mod exchange;
pub mod groups;
pub mod home;
pub mod invite;
pub mod lists;
pub mod progress;
pub mod settings;
pub mod soon;
