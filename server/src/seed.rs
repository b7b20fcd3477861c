//! The demo club: an owner, a coach and an athlete, created through the real use-cases.

use chrono::Utc;
use domain::ports::{PasswordHasher, Store};
use domain::service::{self, ClubError};
use domain::{Role, StoreError};

pub const DEMO_CLUB: &str = "Club Haltéro Démo";
pub const DEMO_PASSWORD: &str = "dropit-demo";
pub const DEMO_LOGINS: [(&str, &str, Role); 3] = [
    ("owner@demo.dropit.club", "Olga Owner", Role::Owner),
    ("coach@demo.dropit.club", "Camille Coach", Role::Coach),
    ("athlete@demo.dropit.club", "Arthur Athlete", Role::Athlete),
];

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("cannot seed the demo club: {0}")]
    Auth(#[from] service::AuthError),
    #[error("cannot seed the demo club: {0}")]
    Club(#[from] ClubError),
    #[error("cannot seed the demo club: {0}")]
    Store(#[from] StoreError),
}

/// Creates the demo club unless its owner exists. Returns whether it created it.
pub async fn seed_demo(store: &dyn Store, hasher: &dyn PasswordHasher) -> Result<bool, SeedError> {
    let (owner_email, owner_name, _) = DEMO_LOGINS[0];
    if store.user_credentials(owner_email).await?.is_some() {
        return Ok(false);
    }
    let now = Utc::now();
    let input = domain::account::SignUp::parse(DEMO_CLUB, owner_name, owner_email, DEMO_PASSWORD)
        .map_err(service::AuthError::Invalid)?;
    let (owner, club) = service::sign_up(store, hasher, input, now).await?;
    let owner_member = store
        .member_by_user(club, owner.id)
        .await?
        .ok_or(StoreError::NotFound)?;
    for (seed, (email, name, role)) in DEMO_LOGINS.iter().enumerate().skip(1) {
        let token =
            domain::invitation::InvitationToken::from_random_bytes([u8::try_from(seed).unwrap_or(0); 32]);
        service::invite(store, &owner_member, email, *role, &token, now).await?;
        service::accept_invitation_as_new_user(store, hasher, token.as_str(), name, DEMO_PASSWORD, now)
            .await?;
    }
    Ok(true)
}

/// The benchmark club: a coach, and a catalogue of [`BENCH_EXERCISES`] exercises (the default
/// catalogue plus generated variations), for the load test in `bench/`.
pub const BENCH_CLUB: &str = "Club Banc d'essai";
pub const BENCH_COACH: &str = "coach@bench.dropit.club";
pub const BENCH_EXERCISES: usize = 500;

/// Creates the benchmark club unless its owner exists. Returns whether it created it.
pub async fn seed_bench(store: &dyn Store, hasher: &dyn PasswordHasher) -> Result<bool, SeedError> {
    use domain::catalogue::exchange::{Lines, check};
    use domain::catalogue::file::{CatalogueFile, ExerciseRow};

    let owner_email = "owner@bench.dropit.club";
    if store.user_credentials(owner_email).await?.is_some() {
        return Ok(false);
    }
    let now = Utc::now();
    let input = domain::account::SignUp::parse(BENCH_CLUB, "Bench Owner", owner_email, DEMO_PASSWORD)
        .map_err(service::AuthError::Invalid)?;
    let (owner, club) = service::sign_up(store, hasher, input, now).await?;
    let owner_member = store
        .member_by_user(club, owner.id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let token = domain::invitation::InvitationToken::from_random_bytes([42; 32]);
    service::invite(store, &owner_member, BENCH_COACH, Role::Coach, &token, now).await?;
    service::accept_invitation_as_new_user(store, hasher, token.as_str(), "Bench Coach", DEMO_PASSWORD, now)
        .await?;

    let default = domain::catalogue::default::file().map_err(StoreError::Backend)?;
    let missing = BENCH_EXERCISES.saturating_sub(default.exercises.len());
    let exercises = (1..=missing)
        .map(|i| {
            let base = &default.exercises[i % default.exercises.len()];
            ExerciseRow {
                key: format!("bench-{i}"),
                fr: format!("{} — variante {i:03}", base.fr),
                en: format!("{} — variation {i:03}", base.en),
                short: None,
                category: base.category.clone(),
                equipment: base.equipment.clone(),
                description: Some(format!(
                    "Variante d'entraînement numéro {i} pour le banc d'essai."
                )),
                video_url: None,
                archived: false,
            }
        })
        .collect();
    let file = CatalogueFile {
        categories: default.categories,
        equipment: default.equipment,
        exercises,
        complexes: Vec::new(),
    };
    let existing = store.exercises(club).await?;
    let plan = check(&file, &Lines::default(), &existing)
        .map_err(|problems| StoreError::Backend(format!("bench catalogue: {problems:?}")))?;
    store.import_catalogue(club, &plan, now).await?;
    Ok(true)
}
