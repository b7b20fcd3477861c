//! The header's controls are plain HTML forms: they work before (and without) any WASM, as a
//! browser posts them, and a failure comes back to the page as a message.

#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a failed expectation is the test failing

mod support;

use domain::Role;
use reqwest::header::{ACCEPT, LOCATION, REFERER, SET_COOKIE};
use reqwest::redirect::Policy;
use support::{PASSWORD, spawn};

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn language_and_theme_are_kept_and_the_browser_goes_back_to_its_page() {
    let fx = spawn().await;
    let client = browser();
    let from = format!("{}/login", fx.base);

    let answer = client
        .post(format!("{}/api/set_language", fx.base))
        .header(ACCEPT, BROWSER_ACCEPT)
        .header(REFERER, &from)
        .form(&[("language", "en")])
        .send()
        .await
        .expect("post");
    assert_eq!(answer.status(), 302);
    // The page it came from, its address as it was.
    assert_eq!(answer.headers()[LOCATION], from.as_str());
    let cookie = answer.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("dropit_lang=en;"), "{cookie}");

    let answer = client
        .post(format!("{}/api/set_theme", fx.base))
        .header(ACCEPT, BROWSER_ACCEPT)
        .header(REFERER, &from)
        .form(&[("theme", "dark")])
        .send()
        .await
        .expect("post");
    assert_eq!(answer.status(), 302);

    let page = client
        .get(&from)
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(
        page.contains(r#"<html lang="en" class="dark""#),
        "{}",
        &page[..200.min(page.len())]
    );
    assert!(page.contains("Log in"), "the login page in English");

    // Anything but the offered choices is refused, and nothing is kept.
    let answer = client
        .post(format!("{}/api/set_theme", fx.base))
        .form(&[("theme", "<script>")])
        .send()
        .await
        .expect("post");
    assert_eq!(answer.status(), 400);
    assert!(answer.headers().get(SET_COOKIE).is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logging_out_and_switching_club_lead_where_a_person_expects() {
    let fx = spawn().await;
    let client = browser();
    let logged_in = client
        .post(format!("{}/api/log_in", fx.base))
        .form(&[
            ("email", format!("{}@alpha.test", Role::Coach.as_str())),
            ("password", PASSWORD.into()),
        ])
        .send()
        .await
        .expect("log in");
    assert_eq!(logged_in.status(), 200);

    // Another club's id: the browser comes back to its page, which says why.
    let from = format!("{}/athletes", fx.base);
    let answer = client
        .post(format!("{}/api/switch_club", fx.base))
        .header(ACCEPT, BROWSER_ACCEPT)
        .header(REFERER, &from)
        .form(&[("club_id", fx.foreign.0.to_string())])
        .send()
        .await
        .expect("post");
    assert_eq!(answer.status(), 302);
    let back = answer.headers()[LOCATION].to_str().unwrap().to_owned();
    assert!(back.starts_with(&from) && back.contains("__err="), "{back}");
    let page = client
        .get(&back)
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(
        page.contains(r#"data-testid="toast""#) && page.contains("Introuvable"),
        "the page shows the error"
    );

    // The club the person is in: home page of that club.
    let answer = client
        .post(format!("{}/api/switch_club", fx.base))
        .header(ACCEPT, BROWSER_ACCEPT)
        .header(REFERER, &from)
        .form(&[("club_id", fx.own.0.to_string())])
        .send()
        .await
        .expect("post");
    assert_eq!(answer.status(), 302);
    assert_eq!(answer.headers()[LOCATION], "/");

    let answer = client
        .post(format!("{}/api/log_out", fx.base))
        .header(ACCEPT, BROWSER_ACCEPT)
        .header(REFERER, &from)
        .send()
        .await
        .expect("post");
    assert_eq!(answer.status(), 302);
    assert_eq!(answer.headers()[LOCATION], "/login");
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
    // A transport error carries free text: written into an address, it is not shown.
    let forged =
        serde_json::json!({ "Transport": { "ServerError": "Your account is locked: call 555-0100" } });
    let encoded = base64::engine::general_purpose::URL_SAFE.encode(forged.to_string());
    let page = client
        .get(format!("{}/login?__err={encoded}", fx.base))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(!page.contains("555-0100"));
    assert!(!page.contains(r#"data-testid="toast""#));
}
