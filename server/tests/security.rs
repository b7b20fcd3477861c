//! What an attacker, or a careless user, meets at DropIt's door — through the real HTTP stack:
//! hostile names rendered inert, scripts only with the page's nonce, cross-origin writes refused,
//! private answers, bounded inputs and answers, login and sign-up throttling, uploads refused
//! before their body, connection timeouts and a bounded shutdown, invitations for their email.

#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a failed expectation is the test failing

mod support;

use chrono::Utc;
use domain::athlete::{AthleteInput, GroupChange};
use domain::catalogue::Names;
use domain::workout::WorkoutInput;
use domain::{ExerciseId, Role};
use std::time::{Duration, Instant};
use support::{
    PASSWORD, invalid, log_in, person, post_to, same_names, session_cookie, session_of, sign_up_form, spawn,
    spawn_in, walk,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A name that closes the title and runs a script, were it written raw.
const HOSTILE: &str = "</title><img src=x onerror=alert(1)>";

/// The text of a page's `<title>`.
fn title(html: &str) -> &str {
    let start = html.find("<title>").expect("a title") + "<title>".len();
    let end = html[start..].find("</title>").expect("closed") + start;
    &html[start..end]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_names_are_escaped_in_titles_and_pages() {
    let fx = spawn().await;
    let exercise = fx.exercise_named(fx.own, HOSTILE).await;
    let other = ExerciseId(fx.exercise(fx.own).await.0);
    let other_names = Names {
        fr: "Autre".into(),
        en: "Other".into(),
    };
    let movements = vec![(exercise.id, same_names(HOSTILE)), (other, other_names)];
    let complex = fx.complex_named(fx.own, HOSTILE, movements).await;
    let athlete = fx.profile(fx.own, person("Eve", HOSTILE, "women"), None).await;
    // A workout of that exercise, printed for a group of that name holding that athlete.
    let workout = WorkoutInput {
        title: HOSTILE.into(),
        ..support::workout_input(exercise.id)
    }
    .parse()
    .expect("a valid workout");
    let workout = fx
        .store
        .create_workout(fx.own, &workout, Utc::now())
        .await
        .expect("workout");
    let group = fx
        .store
        .create_group(fx.own, HOSTILE, Utc::now())
        .await
        .expect("group");
    let change = GroupChange {
        group: group.id,
        athlete: athlete.id,
        member: true,
    };
    fx.store.set_in_group(fx.own, change).await.expect("in the group");
    let coach = fx.client(Some(Role::Coach)).await;
    for path in [
        format!("/catalogue/exercises/{}", exercise.id.0),
        format!("/catalogue/complexes/{}", complex.id.0),
        format!("/athletes/{}", athlete.id.0),
        format!("/workouts/{}", workout.id.0),
        format!("/workouts/{}/print?group={}", workout.id.0, group.id.0),
    ] {
        let response = fx.get(&coach, &path).await;
        assert_eq!(response.status(), 200, "{path}");
        let html = response.text().await.expect("html");
        assert!(
            title(&html).contains("&lt;/title&gt;&lt;img src=x onerror=alert(1)&gt;"),
            "{path}: the title shows the name as text: {}",
            title(&html)
        );
        assert!(
            !html.contains("<img src=x"),
            "{path}: the name never becomes markup"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_run_only_their_own_inline_scripts() {
    let fx = spawn().await;
    let coach = fx.client(Some(Role::Coach)).await;
    let workout = fx.workout(fx.own).await.0;
    for path in [
        "/login",
        "/catalogue",
        "/athletes",
        &format!("/workouts/{workout}/print"),
    ] {
        let client = if path == "/login" {
            reqwest::Client::new()
        } else {
            coach.clone()
        };
        let response = fx.get(&client, path).await;
        let csp = response.headers()["content-security-policy"]
            .to_str()
            .expect("ascii")
            .to_owned();
        let scripts = csp
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src"))
            .expect("a script-src directive");
        assert!(!scripts.contains("unsafe-inline"), "{path}: {csp}");
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .expect("a nonce in the policy")
            .to_owned();
        let html = response.text().await.expect("html");
        let scripts = html.matches("<script").count();
        assert!(scripts > 0, "{path}: hydration scripts");
        assert_eq!(
            html.matches(&format!("nonce=\"{nonce}\"")).count(),
            scripts,
            "{path}: every script carries this response's nonce"
        );
        assert!(
            !csp.contains("ws://"),
            "no live-reload address outside development builds"
        );
        assert!(csp.contains("media-src 'self';"), "{csp}");
    }
    // Two responses, two nonces.
    let nonce = |csp: String| csp.split("'nonce-").nth(1).map(str::to_owned);
    let first = reqwest::get(format!("{}/login", fx.base)).await.expect("page");
    let second = reqwest::get(format!("{}/login", fx.base)).await.expect("page");
    let header = |r: &reqwest::Response| {
        r.headers()["content-security-policy"]
            .to_str()
            .expect("ascii")
            .to_owned()
    };
    assert_ne!(nonce(header(&first)), nonce(header(&second)));
    // Answers that are not pages allow no inline script at all.
    let health = reqwest::get(format!("{}/healthz", fx.base))
        .await
        .expect("healthz");
    assert!(!header(&health).contains("nonce-"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_from_another_origin_are_refused() {
    let fx = spawn().await;
    let owner = fx.client(Some(Role::Owner)).await;
    let port: u16 = fx
        .base
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("port");
    // A new group, asked for by a page of `origin`; `site`, the browser's word on whose page it
    // is (`sec-fetch-site`), when it sends one.
    let create_group = |site: Option<&'static str>, origin: String| {
        let (fx, owner) = (&fx, &owner);
        async move {
            let mut headers = vec![("origin", origin.as_str())];
            headers.extend(site.map(|site| ("sec-fetch-site", site)));
            let group = [("name", fx.fresh_email("groupe"))];
            post_to(owner, &fx.base, "create_group", &headers, &group)
                .await
                .status()
        }
    };
    // A page of the same site on another port, and a page of another site.
    let other_port = format!("http://127.0.0.1:{}", port.wrapping_add(1));
    let forged = create_group(None, other_port.clone()).await;
    assert_eq!(forged, 403);
    let cross_site = create_group(Some("same-site"), other_port).await;
    assert_eq!(cross_site, 403);
    assert!(
        fx.store.groups(fx.own).await.expect("groups").is_empty(),
        "no forged write went through"
    );
    // Logging a victim into the attacker's account is a cross-site write too.
    let cross_site = [
        ("sec-fetch-site", "cross-site"),
        ("origin", "https://evil.example"),
    ];
    let login = log_in(
        &reqwest::Client::new(),
        &fx.base,
        &cross_site,
        "owner@alpha.test",
        PASSWORD,
    )
    .await;
    assert_eq!(login.status(), 403);
    // The app's own pages write as before.
    let own = create_group(Some("same-origin"), fx.base.clone()).await;
    assert_eq!(own, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_stay_private() {
    let fx = spawn().await;
    let owner = fx.client(Some(Role::Owner)).await;
    for response in [
        reqwest::get(format!("{}/login", fx.base)).await.expect("login"),
        fx.get(&owner, "/club").await,
        owner
            .post(format!("{}/api/get_viewer", fx.base))
            .send()
            .await
            .expect("viewer"),
    ] {
        let headers = response.headers();
        assert_eq!(
            headers["cache-control"],
            "private, no-store",
            "{}",
            response.url()
        );
        assert!(
            headers
                .get_all("vary")
                .iter()
                .any(|v| v.to_str().is_ok_and(|v| v.contains("Cookie"))),
            "{}",
            response.url()
        );
    }
}

/// The code files a page loads keep `nosniff` and their year of cache, and go without the
/// headers that only a document reads (a page loads a dozen such files: every byte counts).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_files_carry_only_the_headers_they_need() {
    let site = std::env::temp_dir().join(format!("dropit-site-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    std::fs::write(site.join("pkg/dropit.js"), "export {};").unwrap();
    std::fs::write(site.join("pkg/dropit.wasm"), b"\0asm\x01\0\0\0").unwrap();
    let fx = spawn_in(&std::env::temp_dir(), &["--site-root", site.to_str().unwrap()]).await;
    for file in ["dropit.js", "dropit.wasm"] {
        let response = reqwest::get(format!("{}/pkg/{file}", fx.base))
            .await
            .expect("file");
        assert_eq!(response.status(), 200, "{file}");
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{file}");
        assert_eq!(
            headers["cache-control"], "public, max-age=31536000, immutable",
            "{file}"
        );
        for page_only in ["content-security-policy", "x-frame-options", "permissions-policy"] {
            assert!(headers.get(page_only).is_none(), "{file} carries {page_only}");
        }
    }
    let page = reqwest::get(format!("{}/login", fx.base)).await.expect("login");
    for header in ["content-security-policy", "x-frame-options", "permissions-policy"] {
        assert!(
            page.headers().get(header).is_some(),
            "the login page lacks {header}"
        );
    }
    std::fs::remove_dir_all(site).ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inputs_and_answers_are_bounded() {
    let fx = spawn().await;
    let coach = fx.client(Some(Role::Coach)).await;
    // A body far over what any form sends is refused before it is read.
    let huge = fx
        .post(&coach, "create_group", &[("name", "g".repeat(100_000))])
        .await;
    assert_eq!(huge.status(), 413);
    // A long search is refused with a message next to the search field.
    let search = fx
        .post(&coach, "catalogue", &[("query[q]", "arrache ".repeat(2_000))])
        .await;
    let problems = invalid(search).await;
    assert_eq!(problems[0]["field"], "q");
    assert_eq!(problems[0]["problem"]["TooLong"], 100);
    let page = fx
        .get(&coach, &format!("/catalogue?q={}", "a".repeat(5_000)))
        .await;
    assert_eq!(
        page.status(),
        200,
        "the page says what is wrong instead of failing"
    );
    // An invalid choice quoting a long value answers a short 400, never a 500.
    let role = "x".repeat(60_000);
    let choice = fx
        .post(
            &coach,
            "change_role",
            &[("member_id", "1"), ("role", &role), ("version", "1")],
        )
        .await;
    assert_eq!(choice.status(), 400);
    assert!(choice.text().await.expect("body").len() < 2_000);
    // A thousand bad rows: the first hundred and the count, in a small answer.
    let mut csv = String::from("type,name_fr\n");
    for _ in 0..1_000 {
        csv.push_str("nonsense,\n");
    }
    let import = fx
        .post(
            &coach,
            "import_catalogue",
            &[("format", "csv"), ("content", csv.as_str())],
        )
        .await;
    assert_eq!(import.status(), 422);
    let text = import.text().await.expect("body");
    assert!(text.len() < 64 * 1024, "{} bytes", text.len());
    let report: serde_json::Value = serde_json::from_str(&text).expect("json");
    // The report travels as its own JSON text, which the import's island decodes.
    let listed: serde_json::Value =
        serde_json::from_str(report["ImportRejected"].as_str().expect("report")).expect("report json");
    assert!(listed["total"].as_u64().expect("total") >= 1_000);
    assert_eq!(listed["problems"].as_array().map(Vec::len), Some(100));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn names_and_choices_are_checked_where_they_arrive() {
    let fx = spawn().await;
    let coach = fx.client(Some(Role::Coach)).await;
    let athlete = [
        ("first_name", "Ana"),
        ("last_name", "Smith\u{202E}lanrev"),
        ("sex", "women"),
    ];
    let problems = invalid(fx.post(&coach, "create_athlete", &athlete).await).await;
    assert_eq!(problems[0]["field"], "last_name");
    assert_eq!(problems[0]["problem"], "InvalidCharacters");
    // Another club's equipment is reported under "equipment".
    let foreign = fx.list_entry(fx.foreign).await;
    let exercise = [
        ("name_fr", fx.fresh_email("exo")),
        ("equipment", foreign.to_string()),
    ];
    let problems = invalid(fx.post(&coach, "create_exercise", &exercise).await).await;
    assert_eq!(problems[0]["field"], "equipment");
    // A common password is refused at sign-up.
    let signup = sign_up_form("Club commun", "Common", "common@club.test", "motdepasse123");
    let problems = invalid(fx.post(&reqwest::Client::new(), "sign_up", &signup).await).await;
    assert_eq!(problems[0]["problem"], "CommonPassword");
}

/// A login as if it came through the trusted proxy from `address`.
async fn log_in_from(base: &str, address: &str, email: &str, password: &str) -> u16 {
    let forwarded = [("x-forwarded-for", address)];
    log_in(&reqwest::Client::new(), base, &forwarded, email, password)
        .await
        .status()
        .as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_address_has_a_budget_of_failures_counted_atomically() {
    let fx = spawn_in(&std::env::temp_dir(), &["--trusted-proxies", "127.0.0.1"]).await;
    // Fifty wrong passwords at once, from one address, on as many (unknown) accounts.
    let attempts = (0..50).map(|i| {
        let base = fx.base.clone();
        async move {
            log_in_from(
                &base,
                "198.51.100.7",
                &format!("guess{i}@club.test"),
                "wrong password",
            )
            .await
        }
    });
    let statuses = futures_util::future::join_all(attempts).await;
    let checked = statuses.iter().filter(|s| **s == 401).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!((checked, refused), (20, 30), "{statuses:?}");
    // Another address is not concerned.
    assert_eq!(
        log_in_from(&fx.base, "198.51.100.8", "owner@alpha.test", PASSWORD).await,
        200
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failures_slow_an_account_down_but_the_right_password_still_logs_in() {
    let fx = spawn_in(&std::env::temp_dir(), &["--trusted-proxies", "127.0.0.1"]).await;
    for i in 0..5 {
        let address = format!("203.0.113.{}", 10 + i);
        assert_eq!(
            log_in_from(&fx.base, &address, "owner@alpha.test", "wrong password").await,
            401
        );
    }
    // The owner's right password, after five failures: it waits its turn, then it is accepted.
    let started = Instant::now();
    assert_eq!(
        log_in_from(&fx.base, "203.0.113.99", "owner@alpha.test", PASSWORD).await,
        200
    );
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "the sixth attempt on the account waited its turn"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_flood_of_guesses_is_bounded_and_the_owners_own_device_still_gets_in() {
    let fx = spawn_in(&std::env::temp_dir(), &["--trusted-proxies", "127.0.0.1"]).await;
    // The owner's phone logged in before: it carries a device token.
    let phone = fx.log_in_as("owner@alpha.test").await;
    let log_out = fx.post(&phone, "log_out", &[] as &[(&str, &str)]).await;
    assert_eq!(log_out.status(), 200);
    // Thirty guesses at once, each from its own address: they queue up on the account, and
    // those whose turn is too far away are refused without their password being checked.
    let guesses = (0..30).map(|i| {
        let base = fx.base.clone();
        async move {
            log_in_from(
                &base,
                &format!("198.51.100.{}", 100 + i),
                "owner@alpha.test",
                "a guess",
            )
            .await
        }
    });
    let started = Instant::now();
    let flood = tokio::spawn(futures_util::future::join_all(guesses));
    tokio::time::sleep(Duration::from_secs(1)).await;
    // While the flood queues, a new device with the right password finds the queue full …
    assert_eq!(
        log_in_from(&fx.base, "198.51.100.250", "owner@alpha.test", PASSWORD).await,
        429
    );
    // … but the owner's phone is not held back at all.
    let own_started = Instant::now();
    let forwarded = [("x-forwarded-for", "192.0.2.77")];
    let own = log_in(&phone, &fx.base, &forwarded, "owner@alpha.test", PASSWORD).await;
    assert_eq!(own.status(), 200);
    assert!(
        own_started.elapsed() < Duration::from_secs(5),
        "a known device waits for no turn"
    );
    let statuses = flood.await.expect("flood");
    let checked = statuses.iter().filter(|s| **s == 401).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(checked + refused, 30, "{statuses:?}");
    assert!(
        checked <= 8,
        "at most the attempts whose turn came within 20 s: {statuses:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(25),
        "nothing waited past its cap"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forwarded_address_is_believed_only_from_a_trusted_proxy() {
    let fx = spawn().await;
    let mut last = 0;
    for i in 0..21 {
        // A client claiming a new address each time is still the same peer.
        let email = format!("nobody{i}@club.test");
        last = log_in_from(&fx.base, &format!("192.0.2.{i}"), &email, "wrong password").await;
    }
    assert_eq!(last, 429);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_signs_up_a_few_clubs_an_hour() {
    let fx = spawn().await;
    let mut statuses = Vec::new();
    for i in 0..6 {
        let form = sign_up_form(
            &format!("Club {i}"),
            "Founder",
            &fx.fresh_email("founder"),
            "a long enough password",
        );
        let response = fx.post(&reqwest::Client::new(), "sign_up", &form).await;
        statuses.push(response.status().as_u16());
    }
    assert_eq!(statuses, [200, 200, 200, 200, 200, 429]);
}

/// Counts the verifications an unknown email makes.
struct CountingHasher {
    inner: server::hasher::Argon2Hasher,
    without_hash: std::sync::atomic::AtomicU32,
}

#[async_trait::async_trait]
impl domain::ports::PasswordHasher for CountingHasher {
    async fn hash(&self, password: &str) -> Result<String, domain::StoreError> {
        self.inner.hash(password).await
    }

    async fn verify(&self, password: &str, hash: Option<&str>) -> bool {
        if hash.is_none() {
            self.without_hash
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        self.inner.verify(password, hash).await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_email_costs_the_same_hash_work_as_a_wrong_password() {
    let fx = spawn().await;
    let hasher = CountingHasher {
        inner: server::hasher::Argon2Hasher::default(),
        without_hash: Default::default(),
    };
    let credentials = domain::service::Credentials {
        email: "nobody@club.test".into(),
        password: "whatever password".into(),
        device: None,
    };
    let device = domain::throttle::DeviceToken::from_random_bytes([1; 32]);
    let outcome = domain::service::log_in(
        &*fx.store,
        &hasher,
        &support::test_gate(),
        &credentials,
        device,
        Utc::now(),
    )
    .await;
    assert_eq!(outcome, Err(domain::service::AuthError::InvalidCredentials));
    assert_eq!(
        hasher.without_hash.load(std::sync::atomic::Ordering::Relaxed),
        1,
        "the password was checked against the stand-in hash"
    );
}

/// Sends `head` and then `body` on a raw connection, while reading the answer; returns the
/// answer's status line (`None` when the server closed without answering) and how many bytes
/// of the body had been sent when it came.
async fn raw(base: &str, head: &str, body: Vec<u8>) -> (Option<String>, usize) {
    let stream = TcpStream::connect(base.trim_start_matches("http://"))
        .await
        .expect("connect");
    let (mut reader, mut writer) = stream.into_split();
    writer.write_all(head.as_bytes()).await.expect("head");
    let sent = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let sending = {
        let sent = sent.clone();
        tokio::spawn(async move {
            for chunk in body.chunks(16 * 1024) {
                // The server may answer and close before the body is all sent: stop there.
                if writer.write_all(chunk).await.is_err() {
                    return;
                }
                sent.fetch_add(chunk.len(), std::sync::atomic::Ordering::SeqCst);
            }
            // Keep the connection open (a client still sending, for all the server knows).
            tokio::time::sleep(Duration::from_secs(30)).await;
        })
    };
    let mut answer = vec![0u8; 1024];
    let read = tokio::time::timeout(Duration::from_secs(10), reader.read(&mut answer))
        .await
        .expect("the server answers, and does not wait for the whole body")
        .unwrap_or(0);
    let sent_then = sent.load(std::sync::atomic::Ordering::SeqCst);
    sending.abort();
    let status = (read > 0).then(|| {
        String::from_utf8_lossy(&answer[..read])
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned()
    });
    (status, sent_then)
}

/// A chunked body of `megabytes` MB (its first bytes a PNG's).
fn chunked(megabytes: usize) -> Vec<u8> {
    let mut body = Vec::new();
    let mut chunk = vec![0u8; 1024 * 1024];
    chunk[..8].copy_from_slice(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]);
    for _ in 0..megabytes {
        body.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        body.extend_from_slice(&chunk);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(b"0\r\n\r\n");
    body
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploads_are_refused_before_their_body_is_read() {
    let fx = spawn().await;
    let exercise = fx.exercise(fx.own).await.0;
    let total = 40 * 1024 * 1024;
    // The head of a raw upload into the exercise's `slot`: the cookie of a login, if any, and
    // how the body is framed.
    let head = |slot: &str, cookie: Option<&str>, framing: &str| {
        let cookie = cookie.map(|c| format!("Cookie: {c}\r\n")).unwrap_or_default();
        format!("PUT /media/exercises/{exercise}/{slot} HTTP/1.1\r\nHost: test\r\n{cookie}{framing}\r\n\r\n")
    };
    let athlete = session_cookie(&fx.base, "athlete@alpha.test").await;
    let coach = session_cookie(&fx.base, "coach@alpha.test").await;
    // A visitor, then an athlete, announcing 40 MB: refused before the body is read. A coach's
    // chunked upload over the image limit (5 MB) is cut while it streams.
    for (who, slot, cookie, chunked_body, refusal) in [
        ("a visitor", "video", None, false, " 401 "),
        ("an athlete", "video", Some(athlete.as_str()), false, " 403 "),
        ("a coach", "image", Some(coach.as_str()), true, " 422 "),
    ] {
        let (framing, body) = if chunked_body {
            ("Transfer-Encoding: chunked".to_owned(), chunked(40))
        } else {
            (format!("Content-Length: {total}"), vec![0u8; total])
        };
        let length = body.len();
        let (status, sent) = raw(&fx.base, &head(slot, cookie, &framing), body).await;
        assert!(
            status.as_deref().is_some_and(|s| s.contains(refusal)),
            "{who}: {status:?}"
        );
        assert!(
            sent < length,
            "{who}: answered before the body was all sent ({sent} of {length} bytes were)"
        );
    }
    assert!(walk(&fx.media).is_empty(), "nothing is left behind");

    // A coach who hangs up in the middle of an upload leaves nothing behind either.
    let mut stream = TcpStream::connect(fx.base.trim_start_matches("http://"))
        .await
        .expect("connect");
    let head = head("image", Some(&coach), "Content-Length: 3000000");
    stream.write_all(head.as_bytes()).await.expect("head");
    stream
        .write_all(&chunked(1)[..1_000_000])
        .await
        .expect("part of the body");
    tokio::time::sleep(Duration::from_millis(300)).await;
    drop(stream);
    let mut leftovers = walk(&fx.media);
    for _ in 0..50 {
        if leftovers.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        leftovers = walk(&fx.media);
    }
    assert!(
        leftovers.is_empty(),
        "an interrupted upload leaves nothing: {leftovers:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invitations_are_for_their_email_unless_the_link_is_open() {
    let fx = spawn().await;
    let owner = fx.client(Some(Role::Owner)).await;
    let accept = |token: String| {
        let (fx, owner) = (&fx, &owner);
        async move {
            let answer = fx.post(owner, "accept_invitation", &[("token", token)]).await;
            answer.status().as_u16()
        }
    };
    let (_, for_someone_else) = fx.invitation_to(fx.spare, "someone@else.test", false).await;
    assert_eq!(
        accept(for_someone_else).await,
        403,
        "a forwarded link is of no use"
    );
    let (_, open) = fx.invitation_to(fx.spare, "someone@else.test", true).await;
    assert_eq!(accept(open).await, 200, "anyone with an open link may join");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stranger_with_an_open_link_gets_neither_the_invited_email_nor_their_profile() {
    let fx = spawn().await;
    let invited = "invited@club.test";
    // The coach prepared the invited person's profile, with their email.
    let input = AthleteInput {
        email: invited.into(),
        ..person("Ivy", "Invited", "women")
    };
    let profile = fx.profile(fx.spare, input, None).await;
    let (_, token) = fx.invitation_to(fx.spare, invited, true).await;
    let join = |email: &'static str| {
        let (fx, token) = (&fx, &token);
        async move {
            let form = [
                ("token", token.as_str()),
                ("display_name", "Stranger"),
                ("password", "a stranger's password"),
                ("email", email),
            ];
            fx.post(&reqwest::Client::new(), "join_with_new_account", &form)
                .await
        }
    };
    // An open link asks for the new account's own email …
    let without = join("").await;
    assert_eq!(invalid(without).await[0]["field"], "email");
    // … which the account gets; the invited email stays free and the profile unlinked.
    assert_eq!(join("stranger@club.test").await.status(), 200);
    assert!(
        fx.store
            .user_credentials("stranger@club.test")
            .await
            .expect("read")
            .is_some()
    );
    assert!(fx.store.user_credentials(invited).await.expect("read").is_none());
    let profile = fx
        .store
        .athlete(fx.spare, profile.id)
        .await
        .expect("read")
        .expect("profile");
    assert_eq!(
        profile.member, None,
        "a stranger does not get the invited person's history"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_and_half_sent_connections_are_closed_and_shutdown_is_bounded() {
    let dir = std::env::temp_dir().join(format!("dropit-conn-{}", uuid::Uuid::new_v4()));
    let cli = <server::config::Cli as clap::Parser>::parse_from([
        "dropit",
        "--database-url",
        &format!("sqlite://{}", dir.join("db.sqlite").display()),
        "--media-dir",
        &dir.join("media").display().to_string(),
    ]);
    let db = server::open_database(&cli.config, store::Creation::Allowed)
        .await
        .expect("database");
    let app = server::build(&cli.config, db).await.expect("app");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let limits = server::listen::ConnectionLimits {
        header_read: Duration::from_secs(1),
        io: Duration::from_secs(2),
        per_client: 4,
        shutdown_grace: Duration::from_secs(1),
        ..server::listen::ConnectionLimits::default()
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(server::listen::serve(listener, app.router, limits, async {
        let _ = stopped.await;
    }));

    // A connection that sends nothing, and one that sends half a request head, are closed.
    for head in ["", "GET /healthz HTTP/1.1\r\nHost: te"] {
        let (answer, _) = raw(&base, head, Vec::new()).await;
        assert!(
            answer.as_ref().is_none_or(|status| status.contains(" 408 ")),
            "{head:?}: closed (or timed out) instead of kept open: {answer:?}"
        );
    }

    // A client has its share of the connections: with four open, its fifth is closed unanswered.
    let address = base.trim_start_matches("http://").to_owned();
    let mut open = Vec::new();
    for _ in 0..4 {
        open.push(TcpStream::connect(&address).await.expect("connect"));
    }
    let request = "GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n";
    let (answer, _) = raw(&base, request, Vec::new()).await;
    assert_eq!(answer, None, "a fifth connection is closed");
    drop(open);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (answer, _) = raw(&base, request, Vec::new()).await;
    assert!(
        answer.expect("answered").contains(" 200 "),
        "closed connections free their places"
    );

    // A client that stops reading a long answer is dropped: the server does not wait on it.
    let client = support::cookie_client();
    let form = sign_up_form(
        "Club lent",
        "Lou Lent",
        "slow@club.test",
        "a slow reader's password",
    );
    let signed_up = post_to(&client, &base, "sign_up", &[], &form).await;
    assert_eq!(signed_up.status(), 200);
    // The only club of this database: its default catalogue's first exercise.
    let exercise = 1;
    let mut video = vec![0u8; 30 * 1024 * 1024];
    video[4..8].copy_from_slice(b"ftyp");
    let key: String = client
        .put(format!("{base}/media/exercises/{exercise}/video"))
        .body(video)
        .send()
        .await
        .expect("upload")
        .json()
        .await
        .expect("key");
    let cookie = session_of(&signed_up);
    let mut reader = TcpStream::connect(&address).await.expect("connect");
    reader
        .write_all(format!("GET /media/{key} HTTP/1.1\r\nHost: test\r\nCookie: {cookie}\r\n\r\n").as_bytes())
        .await
        .expect("request");
    // It reads nothing for longer than the server's write timeout (2 s here)…
    tokio::time::sleep(Duration::from_secs(5)).await;
    let mut received = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), reader.read_to_end(&mut received)).await;
    assert!(
        received.len() < 30 * 1024 * 1024,
        "… and finds the connection closed, the answer cut ({} bytes came)",
        received.len()
    );
    // A request whose body never finishes does not hold the shutdown longer than the grace.
    let mut slow = TcpStream::connect(base.trim_start_matches("http://"))
        .await
        .expect("connect");
    slow.write_all(b"POST /api/log_in HTTP/1.1\r\nHost: test\r\nContent-Length: 1000\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nemail=")
        .await
        .expect("write");
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.send(()).expect("stop");
    tokio::time::timeout(Duration::from_secs(10), serving)
        .await
        .expect("the shutdown ended within its grace period")
        .expect("served");
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_club_invitations_are_not_guessable() {
    let fx = spawn().await;
    server::seed::seed_demo(&*fx.store, &server::hasher::Argon2Hasher::default())
        .await
        .expect("seed");
    let db = sqlx::SqlitePool::connect(&format!("sqlite://{}", fx.database.display()))
        .await
        .expect("open");
    let hashes: Vec<(String,)> = sqlx::query_as(
        "SELECT i.token_hash FROM invitations i JOIN clubs c ON c.id = i.club_id WHERE c.name = $1",
    )
    .bind(server::seed::DEMO_CLUB)
    .fetch_all(&db)
    .await
    .expect("invitations");
    assert_eq!(hashes.len(), 2, "the coach's and the athlete's");
    // The demo's six workouts were typed as shorthand and read by the builder's parser.
    let (workouts,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM workouts")
        .fetch_one(&db)
        .await
        .expect("workouts");
    assert_eq!(workouts, 6);
    for seed in 0..=255u8 {
        let fixed = domain::invitation::InvitationToken::from_random_bytes([seed; 32]).hash();
        assert!(
            hashes.iter().all(|(h,)| *h != fixed.0),
            "a fixed token ({seed}) was used"
        );
    }
}
