//! Exercise media through the real HTTP stack: uploads checked by content and size, files kept
//! in step with the database, served with ranges to the club's members only.

#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a failed expectation is the test failing

mod support;

use domain::Role;
use support::{invalid, walk};

const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R',
];

/// Puts `body` at `url` (an exercise's image or video), as `client`.
async fn upload(client: &reqwest::Client, url: String, body: impl Into<reqwest::Body>) -> reqwest::Response {
    client.put(url).body(body).send().await.expect("put")
}

/// Announces an upload of `length` bytes to `path` with the session `cookie`, sends none of
/// them, and gives back the answer's status and body. A server that waited for the body would
/// leave this without an answer: the wait is bounded, and the test fails instead of hanging.
///
/// A real client that sends the body may see its connection closed under it once the refusal is
/// written (a broken pipe, depending on timing), so the refusal is read on a raw connection.
async fn announce(base: &str, cookie: &str, path: &str, length: u64) -> (u16, serde_json::Value) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let host = base.trim_start_matches("http://");
    let mut connection = tokio::net::TcpStream::connect(host).await.expect("connect");
    let head = format!(
        "PUT {path} HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\n\
         Content-Length: {length}\r\nConnection: close\r\n\r\n"
    );
    connection.write_all(head.as_bytes()).await.expect("write");
    let mut answer = Vec::new();
    tokio::time::timeout(
        std::time::Duration::from_secs(10),
        connection.read_to_end(&mut answer),
    )
    .await
    .expect("answered before any byte of the body was sent")
    .expect("read");
    let answer = String::from_utf8(answer).expect("text");
    let (head, body) = answer.split_once("\r\n\r\n").expect("a head and a body");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .expect("a status line");
    (status, serde_json::from_str(body).expect("json"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn images_are_checked_stored_served_and_removed() {
    let fx = support::spawn().await;
    let first = |club| {
        let store = fx.store.clone();
        async move { store.exercises(club).await.expect("exercises")[0].id.0 }
    };
    let (exercise, foreign_exercise) = (first(fx.own).await, first(fx.foreign).await);
    let coach = fx.client(Some(Role::Owner)).await;
    let url = |id: i64, slot: &str| format!("{}/media/exercises/{id}/{slot}", fx.base);

    // A text file in disguise, an image where a video goes, an oversized image: refused, no file.
    let disguised = upload(
        &coach,
        url(exercise, "image"),
        "<svg xmlns='http://www.w3.org/2000/svg'/>",
    )
    .await;
    assert_eq!(invalid(disguised).await[0]["problem"], "UnsupportedFile");
    let wrong_slot = upload(&coach, url(exercise, "video"), PNG).await;
    assert_eq!(wrong_slot.status(), 422);
    // Oversized uploads are refused from their announced length, before a byte is read.
    let cookie = support::session_cookie(&fx.base, "owner@alpha.test").await;
    for (slot, length, max_mb) in [
        ("image", 5 * 1024 * 1024 + 1, 5),
        ("video", 50 * 1024 * 1024 + 2, 50),
    ] {
        let path = format!("/media/exercises/{exercise}/{slot}");
        let (status, body) = announce(&fx.base, &cookie, &path, length).await;
        assert_eq!(status, 422, "{slot}");
        assert_eq!(body["Invalid"][0]["problem"]["FileTooLarge"], max_mb, "{slot}");
    }
    assert!(walk(&fx.media).is_empty(), "refused uploads leave no file");

    // A real PNG is stored and served, with ranges, to the club's members.
    let stored = upload(&coach, url(exercise, "image"), PNG).await;
    assert_eq!(stored.status(), 200);
    let key: String = stored.json().await.expect("key");
    assert!(
        key.starts_with(&format!("c{}/e{exercise}-image-", fx.own)) && key.ends_with(".png"),
        "{key}"
    );
    assert_eq!(walk(&fx.media).len(), 1);
    let file = format!("/media/{key}");
    let athlete = fx.client(Some(Role::Athlete)).await;
    let served = fx.get(&athlete, &file).await;
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(served.bytes().await.expect("bytes").as_ref(), PNG);
    let part = athlete
        .get(format!("{}{file}", fx.base))
        .header("Range", "bytes=1-3")
        .send()
        .await
        .expect("range");
    assert_eq!(part.status(), 206);
    assert_eq!(part.bytes().await.expect("bytes").as_ref(), b"PNG");
    let record = fx
        .store
        .exercise(fx.own, domain::ExerciseId(exercise))
        .await
        .expect("get")
        .expect("exists");
    assert_eq!(record.image.as_deref(), Some(key.as_str()));

    // Another club sees nothing: not its file, not its exercise; athletes cannot upload.
    let foreign = fx.log_in_as("owner@beta.test").await;
    assert_eq!(fx.get(&foreign, &file).await.status(), 404);
    let into_foreign = upload(&coach, url(foreign_exercise, "image"), PNG).await;
    assert_eq!(into_foreign.status(), 404);
    let by_athlete = upload(&athlete, url(exercise, "image"), PNG).await;
    assert_eq!(by_athlete.status(), 403);
    let visitor = fx.get(&reqwest::Client::new(), &file).await;
    assert_eq!(visitor.status(), 401);
    assert_eq!(walk(&fx.media).len(), 1);

    // A new image replaces the old one, file included; removing it removes the file.
    let replaced = upload(&coach, url(exercise, "image"), PNG).await;
    let new_key: String = replaced.json().await.expect("key");
    assert_ne!(new_key, key);
    assert_eq!(walk(&fx.media).len(), 1);
    assert_eq!(fx.get(&athlete, &file).await.status(), 404);
    let removed = coach.delete(url(exercise, "image")).send().await.expect("delete");
    assert_eq!(removed.status(), 204);
    assert!(walk(&fx.media).is_empty());
}
