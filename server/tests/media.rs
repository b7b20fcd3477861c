//! Exercise media through the real HTTP stack: uploads checked by content and size, files kept
//! in step with the database, served with ranges to the club's members only.

#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a failed expectation is the test failing

mod support;

use chrono::Utc;
use clap::Parser;
use domain::Role;
use domain::invitation::InvitationToken;
use domain::ports::Store;
use server::config::Cli;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const PASSWORD: &str = "media password";
const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R',
];

struct Fixture {
    base: String,
    store: Arc<dyn Store>,
    media: PathBuf,
    exercise: i64,
    foreign_exercise: i64,
}

async fn spawn() -> Fixture {
    let dir = std::env::temp_dir().join(format!("dropit-media-{}", uuid::Uuid::new_v4()));
    let media = dir.join("media");
    let cli = Cli::parse_from([
        "dropit",
        "--database-url",
        &format!("sqlite://{}", dir.join("db.sqlite").display()),
        "--media-dir",
        &media.display().to_string(),
        "--listen",
        "127.0.0.1:0",
    ]);
    std::fs::create_dir_all(&dir).expect("dir");
    let db = server::open_database(&cli.config, store::Creation::Allowed)
        .await
        .expect("database");
    let store = db.store();
    let hasher = server::hasher::Argon2Hasher::default();
    let gate = support::test_gate();
    let now = Utc::now();
    let mut clubs = Vec::new();
    for (name, email) in [("Alpha", "owner@alpha.test"), ("Beta", "owner@beta.test")] {
        let input = domain::account::SignUp::parse(name, "Owner", email, PASSWORD).expect("valid");
        let (user, club) = domain::service::sign_up(&*store, &hasher, &gate, input, now)
            .await
            .expect("sign up");
        clubs.push((user, club));
    }
    let owner = store
        .member_by_user(clubs[0].1, clubs[0].0.id)
        .await
        .expect("m")
        .expect("owner");
    let token = InvitationToken::from_random_bytes([7; 32]);
    let request = domain::service::InvitationRequest {
        email: "athlete@alpha.test".into(),
        role: Role::Athlete,
        open_link: false,
    };
    domain::service::invite(&*store, &owner, &request, &token, now)
        .await
        .expect("invite");
    domain::service::accept_invitation_as_new_user(
        &*store,
        &hasher,
        token.as_str(),
        "Athlete",
        PASSWORD,
        now,
    )
    .await
    .expect("join");
    let first = |club| {
        let store = store.clone();
        async move { store.exercises(club).await.expect("exercises")[0].id.0 }
    };
    let exercise = first(clubs[0].1).await;
    let foreign_exercise = first(clubs[1].1).await;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let app = server::build(&cli.config, db).await.expect("app");
    tokio::spawn(server::serve(app, listener));
    Fixture {
        base,
        store,
        media,
        exercise,
        foreign_exercise,
    }
}

async fn client(base: &str, email: &str) -> reqwest::Client {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let response = client
        .post(format!("{base}/api/log_in"))
        .form(&[("email", email), ("password", PASSWORD)])
        .send()
        .await
        .expect("log in");
    assert_eq!(response.status(), 200);
    client
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    if let Ok(clubs) = std::fs::read_dir(dir) {
        for club in clubs.flatten() {
            for file in std::fs::read_dir(club.path()).into_iter().flatten().flatten() {
                found.push(file.path());
            }
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn images_are_checked_stored_served_and_removed() {
    let fx = spawn().await;
    let coach = client(&fx.base, "owner@alpha.test").await;
    let url = |id: i64, slot: &str| format!("{}/media/exercises/{id}/{slot}", fx.base);

    // A text file in disguise, an image where a video goes, an oversized image: refused, no file.
    let disguised = coach
        .put(url(fx.exercise, "image"))
        .body("<svg xmlns='http://www.w3.org/2000/svg'/>")
        .send()
        .await
        .expect("put");
    assert_eq!(disguised.status(), 422);
    let body: serde_json::Value = disguised.json().await.expect("json");
    assert_eq!(body["Invalid"][0]["problem"], "UnsupportedFile");
    let wrong_slot = coach
        .put(url(fx.exercise, "video"))
        .body(PNG.to_vec())
        .send()
        .await
        .expect("put");
    assert_eq!(wrong_slot.status(), 422);
    let mut big = PNG.to_vec();
    big.resize(5 * 1024 * 1024 + 1, 0);
    let oversized = coach
        .put(url(fx.exercise, "image"))
        .body(big)
        .send()
        .await
        .expect("put");
    assert_eq!(oversized.status(), 422);
    let body: serde_json::Value = oversized.json().await.expect("json");
    assert_eq!(body["Invalid"][0]["problem"]["FileTooLarge"]["max_mb"], 5);
    let huge = coach
        .put(url(fx.exercise, "video"))
        .body(vec![0u8; 50 * 1024 * 1024 + 2])
        .send()
        .await
        .expect("put");
    assert_eq!(
        huge.status(),
        422,
        "refused from its announced length, before it is read"
    );
    let body: serde_json::Value = huge.json().await.expect("json");
    assert_eq!(body["Invalid"][0]["problem"]["FileTooLarge"]["max_mb"], 50);
    assert!(files(&fx.media).is_empty(), "refused uploads leave no file");

    // A real PNG is stored and served, with ranges, to the club's members.
    let stored = coach
        .put(url(fx.exercise, "image"))
        .body(PNG.to_vec())
        .send()
        .await
        .expect("put");
    assert_eq!(stored.status(), 200);
    let key: String = stored.json().await.expect("key");
    assert!(
        key.starts_with(&format!("c1/e{}-image-", fx.exercise)) && key.ends_with(".png"),
        "{key}"
    );
    assert_eq!(files(&fx.media).len(), 1);
    let athlete = client(&fx.base, "athlete@alpha.test").await;
    let served = athlete
        .get(format!("{}/media/{key}", fx.base))
        .send()
        .await
        .expect("get");
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(served.bytes().await.expect("bytes").as_ref(), PNG);
    let part = athlete
        .get(format!("{}/media/{key}", fx.base))
        .header("Range", "bytes=1-3")
        .send()
        .await
        .expect("range");
    assert_eq!(part.status(), 206);
    assert_eq!(part.bytes().await.expect("bytes").as_ref(), b"PNG");
    let exercise = fx
        .store
        .exercise(domain::ClubId(1), domain::ExerciseId(fx.exercise))
        .await
        .expect("get")
        .expect("exists");
    assert_eq!(exercise.image.as_deref(), Some(key.as_str()));

    // Another club sees nothing: not its file, not its exercise; athletes cannot upload.
    let foreign = client(&fx.base, "owner@beta.test").await;
    let peek = foreign
        .get(format!("{}/media/{key}", fx.base))
        .send()
        .await
        .expect("get");
    assert_eq!(peek.status(), 404);
    let into_foreign = coach
        .put(url(fx.foreign_exercise, "image"))
        .body(PNG.to_vec())
        .send()
        .await
        .expect("put");
    assert_eq!(into_foreign.status(), 404);
    let by_athlete = athlete
        .put(url(fx.exercise, "image"))
        .body(PNG.to_vec())
        .send()
        .await
        .expect("put");
    assert_eq!(by_athlete.status(), 403);
    let visitor = reqwest::Client::new()
        .get(format!("{}/media/{key}", fx.base))
        .send()
        .await
        .expect("get");
    assert_eq!(visitor.status(), 401);
    assert_eq!(files(&fx.media).len(), 1);

    // A new image replaces the old one, file included; removing it removes the file.
    let replaced = coach
        .put(url(fx.exercise, "image"))
        .body(PNG.to_vec())
        .send()
        .await
        .expect("put");
    let new_key: String = replaced.json().await.expect("key");
    assert_ne!(new_key, key);
    assert_eq!(files(&fx.media).len(), 1);
    let gone = athlete
        .get(format!("{}/media/{key}", fx.base))
        .send()
        .await
        .expect("get");
    assert_eq!(gone.status(), 404);
    let removed = coach
        .delete(url(fx.exercise, "image"))
        .send()
        .await
        .expect("delete");
    assert_eq!(removed.status(), 204);
    assert!(files(&fx.media).is_empty());
}
