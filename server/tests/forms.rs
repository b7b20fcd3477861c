//! Forms as a browser posts them. The header's controls are plain HTML forms: they work before
//! (and without) any WASM, and a failure comes back to the page as a message. A form's server
//! function reads its fields into domain values at the edge and answers every problem at once,
//! each under its field's name.

#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a failed expectation is the test failing

mod support;

use domain::{ClubId, Role};
use reqwest::header::{ACCEPT, LOCATION, REFERER, SET_COOKIE};
use reqwest::redirect::Policy;
use support::{Fixture, invalid, post_to, spawn};

/// What a browser sends with a form post: it accepts HTML and says which page the form was on.
const BROWSER_ACCEPT: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/// A browser-like client that does not follow redirects, so each answer can be looked at.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .expect("client")
}

/// Posts `fields` to a server function as a browser posts a plain form of the page `from`.
async fn post_form(
    client: &reqwest::Client,
    base: &str,
    endpoint: &str,
    from: &str,
    fields: &[(&str, String)],
) -> reqwest::Response {
    let headers = [(ACCEPT.as_str(), BROWSER_ACCEPT), (REFERER.as_str(), from)];
    post_to(client, base, endpoint, &headers, fields).await
}

/// The page at `url`, as the browser gets it.
async fn page_text(client: &reqwest::Client, url: &str) -> String {
    client
        .get(url)
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body")
}

/// Where a redirect sends the browser.
fn location(answer: &reqwest::Response) -> String {
    answer.headers()[LOCATION].to_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn language_and_theme_are_kept_and_the_browser_goes_back_to_its_page() {
    let fx = spawn().await;
    let client = browser();
    let from = format!("{}/login", fx.base);

    let answer = post_form(
        &client,
        &fx.base,
        "set_language",
        &from,
        &[("language", "en".into())],
    )
    .await;
    assert_eq!(answer.status(), 302);
    // The page it came from, its address as it was.
    assert_eq!(location(&answer), from);
    let cookie = answer.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("dropit_lang=en;"), "{cookie}");

    let answer = post_form(&client, &fx.base, "set_theme", &from, &[("theme", "dark".into())]).await;
    assert_eq!(answer.status(), 302);

    let page = page_text(&client, &from).await;
    assert!(
        page.contains(r#"<html lang="en" class="dark""#),
        "{}",
        &page[..200.min(page.len())]
    );
    assert!(page.contains("Log in"), "the login page in English");

    // Anything but the offered choices is refused, and nothing is kept.
    let answer = fx.post(&client, "set_theme", &[("theme", "<script>")]).await;
    assert_eq!(answer.status(), 400);
    assert!(answer.headers().get(SET_COOKIE).is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logging_out_and_switching_club_lead_where_a_person_expects() {
    let fx = spawn().await;
    let client = browser();
    fx.log_in_with(&client, &format!("{}@alpha.test", Role::Coach.as_str()))
        .await;

    // Another club's id: the browser comes back to its page, which says why.
    let from = format!("{}/athletes", fx.base);
    let switch_to = |club: ClubId| {
        let (client, base, from) = (&client, &fx.base, &from);
        async move {
            post_form(
                client,
                base,
                "switch_club",
                from,
                &[("club_id", club.0.to_string())],
            )
            .await
        }
    };
    let answer = switch_to(fx.foreign).await;
    assert_eq!(answer.status(), 302);
    let back = location(&answer);
    assert!(back.starts_with(&from) && back.contains("__err="), "{back}");
    let page = page_text(&client, &back).await;
    assert!(
        page.contains(r#"data-testid="toast""#) && page.contains("Introuvable"),
        "the page shows the error"
    );

    // The club the person is in: home page of that club.
    let answer = switch_to(fx.own).await;
    assert_eq!(
        (answer.status().as_u16(), location(&answer)),
        (302, "/".to_owned())
    );

    let answer = post_form(&client, &fx.base, "log_out", &from, &[]).await;
    assert_eq!(
        (answer.status().as_u16(), location(&answer)),
        (302, "/login".to_owned())
    );
    let after = client.get(&from).send().await.expect("page");
    assert_eq!(
        after.status(),
        303,
        "the session is over: member pages send to the login page"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_cannot_make_a_page_say_what_an_attacker_wrote() {
    use base64::Engine;
    let fx = spawn().await;
    let client = browser();
    // Errors that quote free text (a transport error's message, the name a refused name is
    // taken by), written into an address: the text is not shown.
    let text = "Your account is locked: call 555-0100";
    let forged = [
        serde_json::json!({ "Transport": { "ServerError": text } }),
        serde_json::json!({ "Invalid": [{ "field": "name", "problem": { "DuplicateName": text } }] }),
        serde_json::json!({ "RateLimited": { "retry_after_secs": i64::MAX } }),
    ];
    for error in forged {
        let encoded = base64::engine::general_purpose::URL_SAFE.encode(error.to_string());
        let answer = fx.get(&client, &format!("/login?__err={encoded}")).await;
        assert_eq!(answer.status(), 200, "{error}");
        let page = answer.text().await.expect("body");
        assert!(!page.contains("555-0100"), "{error}");
    }
}

/// Posts a form that must be refused as invalid (422); the problems it came back with, as
/// (field, problem) pairs.
async fn refused(
    fx: &Fixture,
    client: &reqwest::Client,
    endpoint: &str,
    form: &[(&str, String)],
) -> Vec<(String, String)> {
    invalid(fx.post(client, endpoint, form).await)
        .await
        .as_array()
        .expect("field problems")
        .iter()
        .map(|e| {
            let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
            (text(&e["field"]), text(&e["problem"]))
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(field, problem)| ((*field).to_owned(), (*problem).to_owned()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_problem_of_a_form_comes_back_next_to_its_field() {
    let fx = spawn().await;
    let coach = fx.client(Some(Role::Coach)).await;
    let admin = fx.client(Some(Role::Admin)).await;
    let (athlete, _) = fx.athlete(fx.own).await;
    let (profile, version) = fx.athlete(fx.own).await;
    // Who posts, to which server function, which fields; the problems that come back.
    let cases = [
        (
            &coach,
            "record_max",
            vec![
                ("athlete_id", athlete.to_string()),
                ("exercise", String::new()),
                ("weight", "heavy".into()),
                ("date", "2999-01-01".into()),
                ("kind", "guessed".into()),
            ],
            vec![
                ("exercise", "Required"),
                ("weight", "InvalidNumber"),
                ("date", "FutureDate"),
                ("kind", "InvalidChoice"),
            ],
        ),
        (
            &coach,
            "record_weighing",
            vec![
                ("athlete_id", athlete.to_string()),
                ("weighed_on", "someday".into()),
                ("bodyweight", "630".into()),
            ],
            vec![("weighed_on", "InvalidDate"), ("bodyweight", "InvalidNumber")],
        ),
        (
            &coach,
            "update_athlete",
            vec![
                ("id", profile.to_string()),
                ("version", version.to_string()),
                ("first_name", String::new()),
                ("last_name", "Martin".into()),
                ("birth_date", "14/03/2008".into()),
                ("sex", "women".into()),
            ],
            vec![("first_name", "Required"), ("birth_date", "InvalidDate")],
        ),
        (
            &admin,
            "invite",
            vec![("email", "not an email".to_owned()), ("role", "athlete".into())],
            vec![("email", "InvalidEmail")],
        ),
    ];
    for (client, endpoint, form, expected) in cases {
        assert_eq!(
            refused(&fx, client, endpoint, &form).await,
            pairs(&expected),
            "{endpoint}"
        );
    }
}
