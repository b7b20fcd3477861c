//! Signing up and logging in: accounts, and the throttle in front of them.

use super::{PASSWORD, club_of, t0};
use crate::account::{SignUp, User};
use crate::ports::{AccountStore, ClubStore, ExerciseStore, ThrottleStore};
use crate::role::Role;
use crate::service::{self, AuthError, Credentials, Gate};
use crate::testing::{MemoryStore, PlainHasher, RecordedPauses};
use crate::throttle::{DeviceToken, Limits};
use chrono::{DateTime, Duration, Utc};
use std::net::{IpAddr, Ipv4Addr};

fn address(last: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(192, 0, 2, last))
}

/// The throttle's limits and a recorder of the waits it imposes.
#[derive(Default)]
struct Door {
    limits: Limits,
    pauses: RecordedPauses,
}

impl Door {
    /// The default limits but for the failures an address may have in its window.
    fn with_address_budget(failures_per_address: u32) -> Self {
        Self {
            limits: Limits {
                failures_per_address,
                ..Limits::default()
            },
            pauses: RecordedPauses::default(),
        }
    }

    fn from(&self, address: IpAddr) -> Gate<'_> {
        Gate {
            limits: &self.limits,
            pause: &self.pauses,
            address,
        }
    }
}

fn form(email: &str) -> SignUp {
    SignUp::parse("Haltéro Lyon", "Ana", email, PASSWORD).expect("a valid form")
}

async fn sign_up(
    store: &MemoryStore,
    door: &Door,
    from: IpAddr,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), AuthError> {
    service::sign_up(store, &PlainHasher, &door.from(from), form(email), now)
        .await
        .map(|_| ())
}

fn credentials(email: &str, password: &str, device: Option<&DeviceToken>) -> Credentials {
    Credentials {
        email: email.to_owned(),
        password: password.to_owned(),
        device: device.cloned(),
    }
}

/// The email of Alpha's owner.
const OWNER: &str = "owner@alpha.test";

/// A store with one club, Alpha, and its owner's account ([`OWNER`]).
async fn alpha() -> (MemoryStore, User) {
    let store = MemoryStore::new();
    let (user, ..) = club_of(&store, OWNER, "Alpha").await;
    (store, user)
}

/// Alpha's owner logging in with the right password, from `device` if any.
fn owner_login(device: Option<&DeviceToken>) -> Credentials {
    credentials(OWNER, PASSWORD, device)
}

fn device(seed: u8) -> DeviceToken {
    DeviceToken::from_random_bytes([seed; 32])
}

async fn log_in(
    store: &MemoryStore,
    door: &Door,
    from: IpAddr,
    credentials: &Credentials,
) -> Result<service::LoggedIn, AuthError> {
    service::log_in(
        store,
        &PlainHasher,
        &door.from(from),
        credentials,
        device(99),
        t0(),
    )
    .await
}

/// Alpha's owner logging in with the right password from the usual address, on `device` if
/// any (a new device otherwise).
async fn owner_logs_in(
    store: &MemoryStore,
    door: &Door,
    device: Option<&DeviceToken>,
) -> Result<service::LoggedIn, AuthError> {
    log_in(store, door, address(1), &owner_login(device)).await
}

#[tokio::test]
async fn signing_up_makes_the_creator_owner_of_a_club_with_the_default_catalogue() {
    let store = MemoryStore::new();
    let door = Door::default();
    let (user, club) = service::sign_up(
        &store,
        &PlainHasher,
        &door.from(address(1)),
        form("ana@club.test"),
        t0(),
    )
    .await
    .expect("signed up");
    let member = store.member_by_user(club, user.id).await.expect("read");
    assert_eq!(member.map(|m| m.role), Some(Role::Owner));
    let plan = crate::catalogue::default::plan().expect("the default catalogue");
    assert_eq!(
        store.exercises(club).await.expect("read").len(),
        plan.exercises.len()
    );
    let (_, stored_hash) = store
        .user_credentials("ana@club.test")
        .await
        .expect("read")
        .expect("an account");
    assert_eq!(
        stored_hash,
        PlainHasher::hash_of(PASSWORD),
        "the password is kept hashed"
    );
}

#[tokio::test]
async fn an_email_has_one_account_only() {
    let store = MemoryStore::new();
    let door = Door::default();
    sign_up(&store, &door, address(1), "ana@club.test", t0())
        .await
        .expect("first");
    assert_eq!(
        sign_up(&store, &door, address(2), "ana@club.test", t0()).await,
        Err(AuthError::EmailTaken)
    );
}

#[tokio::test]
async fn an_address_signs_up_a_few_clubs_an_hour() {
    let store = MemoryStore::new();
    let door = Door::default();
    for n in 0..door.limits.signups_per_address {
        sign_up(&store, &door, address(1), &format!("owner{n}@club.test"), t0())
            .await
            .expect("within the budget");
    }
    assert_eq!(
        sign_up(&store, &door, address(1), "one-more@club.test", t0()).await,
        Err(AuthError::RateLimited {
            retry_after_secs: 3600
        })
    );
    sign_up(&store, &door, address(2), "elsewhere@club.test", t0())
        .await
        .expect("another address has its own budget");
    sign_up(
        &store,
        &door,
        address(1),
        "later@club.test",
        t0() + Duration::hours(1),
    )
    .await
    .expect("an hour later");
}

#[tokio::test]
async fn the_right_password_logs_in_and_a_new_device_gets_a_token() {
    let (store, user) = alpha().await;
    let door = Door::default();
    let first = owner_logs_in(&store, &door, None).await.expect("logged in");
    assert_eq!(first.user, user);
    let token = first.new_device.expect("a token for the new device");
    assert_eq!(
        store.device_owner(&token.hash()).await.expect("read"),
        Some(user.id)
    );
    let again = log_in(
        &store,
        &door,
        address(1),
        &credentials(" Owner@Alpha.TEST ", PASSWORD, Some(&token)),
    )
    .await
    .expect("logged in, email typed loosely");
    assert_eq!(again.new_device, None, "a known device keeps its token");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let (store, _) = alpha().await;
    let door = Door::default();
    for attempt in [
        credentials(OWNER, "not the password", None),
        credentials("nobody@alpha.test", PASSWORD, None),
    ] {
        assert_eq!(
            log_in(&store, &door, address(1), &attempt).await.err(),
            Some(AuthError::InvalidCredentials)
        );
    }
}

#[tokio::test]
async fn an_oversized_password_is_refused_before_it_is_checked() {
    let store = MemoryStore::new();
    let door = Door::default();
    let huge = "x".repeat(10_000);
    let refused = log_in(&store, &door, address(1), &credentials("a@b.test", &huge, None)).await;
    assert!(matches!(refused, Err(AuthError::Invalid(_))), "{refused:?}");
    assert!(door.pauses.taken().is_empty(), "it took no turn on the account");
}

#[tokio::test]
async fn after_a_few_failures_each_attempt_on_an_account_waits_longer() {
    let (store, _) = alpha().await;
    let door = Door::default();
    for _ in 0..6 {
        let wrong = credentials(OWNER, "not the password", None);
        let _ = log_in(&store, &door, address(1), &wrong).await;
    }
    let waits: Vec<i64> = door.pauses.taken().iter().map(|d| d.num_seconds()).collect();
    assert_eq!(waits, [0, 0, 0, 0, 1, 3]);
}

#[tokio::test]
async fn a_flood_on_an_account_locks_out_new_devices_but_not_the_owners_own() {
    let (store, _) = alpha().await;
    let door = Door::default();
    let phone = owner_logs_in(&store, &door, None)
        .await
        .expect("logged in")
        .new_device
        .expect("a device token");

    let mut answers = Vec::new();
    for _ in 0..12 {
        let guess = credentials(OWNER, "a guess", None);
        answers.push(log_in(&store, &door, address(66), &guess).await.err());
    }
    assert!(
        answers
            .iter()
            .any(|a| matches!(a, Some(AuthError::RateLimited { .. }))),
        "the flood is refused: {answers:?}"
    );
    let new_device = owner_logs_in(&store, &door, None).await;
    assert!(
        matches!(new_device, Err(AuthError::RateLimited { .. })),
        "{new_device:?}"
    );
    let pauses_before = door.pauses.taken().len();
    owner_logs_in(&store, &door, Some(&phone))
        .await
        .expect("the owner's phone gets in");
    assert_eq!(
        door.pauses.taken().len(),
        pauses_before,
        "without waiting for a turn"
    );
}

#[tokio::test]
async fn an_address_over_its_budget_is_refused_whatever_the_account() {
    let (store, _) = alpha().await;
    let door = Door::with_address_budget(3);
    for n in 0..3 {
        let guess = credentials(&format!("user{n}@alpha.test"), "a guess", None);
        assert_eq!(
            log_in(&store, &door, address(66), &guess).await.err(),
            Some(AuthError::InvalidCredentials)
        );
    }
    let right = owner_login(None);
    assert!(matches!(
        log_in(&store, &door, address(66), &right).await,
        Err(AuthError::RateLimited { .. })
    ));
    log_in(&store, &door, address(1), &right)
        .await
        .expect("another address is not concerned");
}

#[tokio::test]
async fn logging_in_successfully_never_spends_the_address_budget() {
    let (store, _) = alpha().await;
    let door = Door::with_address_budget(2);
    for _ in 0..6 {
        owner_logs_in(&store, &door, None)
            .await
            .expect("a right password always gets in");
    }
}

#[tokio::test]
async fn logging_out_everywhere_ends_the_sessions_and_forgets_the_devices() {
    let (store, user) = alpha().await;
    let token = DeviceToken::parse(&"d".repeat(64)).expect("a token");
    store
        .remember_device(user.id, &token.hash(), t0())
        .await
        .expect("remembered");
    let generation = async || {
        let account = store.user(user.id).await.expect("read");
        account.expect("the user").session_generation
    };
    let before = generation().await;
    service::log_out_everywhere(&store, &user)
        .await
        .expect("logged out");
    let after = generation().await;
    assert!(after > before, "older sessions are refused");
    assert_eq!(
        store.device_owner(&token.hash()).await.expect("read"),
        None,
        "a stranger again"
    );
}
