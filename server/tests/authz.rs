//! The authorization matrix: every server function × every caller (visitor, athlete, coach,
//! admin, owner) × own club / foreign club, through the real HTTP stack on a fresh database.
//!
//! The table (in `support`) must name every registered server function: a new one fails this
//! test until its expected access is written down there.

#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a failed expectation is the test failing

mod support;

use chrono::Utc;
use domain::{AthleteId, Role};
use std::collections::BTreeSet;
use support::{MATRIX, Scope, expected, person, spawn};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_server_function_checks_who_asks_and_which_club() {
    // Every registered server function is in the table, and nothing else is.
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    let listed: BTreeSet<String> = MATRIX.iter().map(|c| c.endpoint.to_owned()).collect();
    assert_eq!(
        registered, listed,
        "add every new server function to the authorization matrix"
    );

    let fx = spawn().await;
    let callers = [
        None,
        Some(Role::Athlete),
        Some(Role::Coach),
        Some(Role::Admin),
        Some(Role::Owner),
    ];
    let mut failures = Vec::new();
    let mut calls = 0;
    for case in MATRIX {
        let scopes: &[Scope] = if case.scoped {
            &[Scope::Own, Scope::Foreign]
        } else {
            &[Scope::Own]
        };
        for &scope in scopes {
            for caller in callers {
                let client = fx.client(caller).await;
                let request = fx.matrix_call(&client, case, scope).await;
                let status = request.send().await.expect("call").status().as_u16();
                calls += 1;
                let want = expected(case, caller, scope);
                if status != want {
                    failures.push(format!(
                        "{} as {caller:?} ({scope:?}): got {status}, want {want}",
                        case.endpoint
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {calls} calls answered wrongly:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(calls >= 90, "the matrix made only {calls} calls");
}

/// An athlete reaches their own profile and maxes, and no other athlete's: through the server
/// functions and through the pages. Recording their own training maxes follows the club's
/// setting.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn athletes_reach_only_their_own_records() {
    let fx = spawn().await;
    let member = fx.member_of(fx.own, "athlete@alpha.test").await;
    let mine = fx
        .profile(fx.own, person("Mine", "Own", "men"), Some(member.id))
        .await
        .id;
    let other = AthleteId(fx.athlete(fx.own).await.0);
    let exercise = fx.exercise(fx.own).await.0.to_string();
    let client = fx.client(Some(Role::Athlete)).await;
    let call = |endpoint: &'static str, args: Vec<(&'static str, String)>| {
        let (fx, client) = (&fx, &client);
        async move {
            let response = fx.post(client, endpoint, &args).await;
            let status = response.status().as_u16();
            (status, response.text().await.expect("body"))
        }
    };
    let max = |athlete: AthleteId, kind: &str| {
        vec![
            ("athlete_id", athlete.0.to_string()),
            ("exercise", exercise.clone()),
            ("weight", "100".into()),
            ("date", Utc::now().date_naive().to_string()),
            ("kind", kind.to_owned()),
        ]
    };

    let (status, body) = call("own_profile", vec![]).await;
    assert_eq!((status, body), (200, mine.0.to_string()), "own profile");
    assert_eq!(
        call("load_athlete", vec![("id", mine.0.to_string())]).await.0,
        200
    );
    assert_eq!(
        call("load_athlete", vec![("id", other.0.to_string())]).await.0,
        403
    );

    // The club has not allowed athletes to record maxes.
    assert_eq!(call("record_max", max(mine, "training")).await.0, 403);
    let (mut settings, version) =
        domain::service::athletes::training_settings(&*fx.store, &fx.catalogues(), &member)
            .await
            .expect("settings");
    settings.athletes_record_maxes = true;
    fx.store
        .save_training_settings(fx.own, &settings, version, Utc::now())
        .await
        .expect("save");
    // Now their own training maxes only.
    assert_eq!(call("record_max", max(mine, "training")).await.0, 200);
    assert_eq!(call("record_max", max(mine, "tested")).await.0, 403);
    assert_eq!(call("record_max", max(other, "training")).await.0, 403);
    let maxes = fx.store.maxes(fx.own, mine).await.expect("maxes");
    assert_eq!(maxes.len(), 1, "only the training max was recorded");

    // The pages say the same.
    let page = |path: String| {
        let (fx, client) = (&fx, &client);
        async move { fx.get(client, &path).await.text().await.expect("html") }
    };
    let own_page = page(format!("/athletes/{}", mine.0)).await;
    assert!(
        own_page.contains("data-testid=\"athlete-name\""),
        "own page shows the profile"
    );
    let other_page = page(format!("/athletes/{}", other.0)).await;
    assert!(
        other_page.contains("data-testid=\"forbidden\""),
        "another athlete's page is refused"
    );
    assert!(!other_page.contains("data-testid=\"athlete-name\""));
    let roster = page("/athletes".into()).await;
    assert!(
        roster.contains("data-testid=\"athlete-name\""),
        "an athlete's Athletes is their own page"
    );
    assert!(!roster.contains("data-testid=\"roster-table\""));
}

#[tokio::test]
async fn operations_endpoints_and_headers() {
    let fx = spawn().await;
    let client = reqwest::Client::new();
    assert_eq!(fx.get(&client, "/healthz").await.status(), 200);
    let ready = fx.get(&client, "/readyz").await;
    assert_eq!(ready.status(), 200);
    assert!(
        ready.headers().contains_key("x-request-id"),
        "request ids are propagated"
    );
    assert_eq!(
        ready
            .headers()
            .get("x-content-type-options")
            .map(|v| v.as_bytes()),
        Some(&b"nosniff"[..])
    );
    assert!(ready.headers().contains_key("content-security-policy"));

    // A visitor asking for a member page is sent to the login page, with the way back.
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let page = fx.get(&no_redirects, "/club").await;
    assert_eq!(page.status(), 303);
    assert_eq!(
        page.headers().get("location").map(|v| v.as_bytes()),
        Some(&b"/login?next=/club"[..])
    );

    // Malformed calls are refused as bad requests, never as server errors.
    let bad = fx
        .post(&client, "change_role", &[("member_id", "not a number")])
        .await;
    assert!(bad.status().is_client_error(), "got {}", bad.status());
}
