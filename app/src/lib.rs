//! DropIt's user interface: the Leptos app, rendered on the server, with islands of
//! interactivity hydrated in the browser.
//!
//! Pages are plain server-rendered HTML: every route, its data and its static markup stay on the
//! server. Only the components marked `#[island]` (forms, buttons, the header controls, the
//! club's member table…) are compiled into the WASM and hydrate; they receive what they need as
//! serialisable props and talk to the server through server functions. Moving between pages is
//! an ordinary page load.
//!
//! - [`api`]: server functions (the only way the browser reaches data);
//! - [`pages`]: a folder per feature, a file per page or island; [`components`]: what
//!   several pages share;
//! - `ssr` (server only): the application state and who is asking.

#![recursion_limit = "512"]

/// Translations generated at build time from `locales/fr.json` and `locales/en.json` (the
/// generated code parses its two locale ids with `expect`, which cannot fail).
#[allow(clippy::expect_used, clippy::unwrap_used)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
}
pub use generated::i18n;

/// A translated text in the page's language, as a plain `String`.
///
/// The language is fixed for the life of a page (switching it reloads the page, and the server
/// renders the other language), so texts are not reactive: no closure per text, which keeps the
/// WASM small. Keys are checked at compile time by leptos_i18n.
macro_rules! tr {
    ($($args:tt)*) => {{
        let locale = $crate::lang::current();
        $crate::i18n::td_string!(locale, $($args)*).to_string()
    }};
}

pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod csp;
pub mod error;
pub mod lang;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, Link, Meta, MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The theme the person chose (cookie), or none to follow the system setting.
fn theme_class() -> &'static str {
    #[cfg(feature = "ssr")]
    {
        let chosen = use_context::<http::request::Parts>().and_then(|parts| {
            let cookies = parts.headers.get(http::header::COOKIE)?.to_str().ok()?;
            api::preferences::Theme::chosen(cookies)
        });
        if let Some(theme) = chosen {
            return theme.as_str();
        }
    }
    ""
}

/// The HTML document around the app (server side only).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    csp::set_page_policy(options.env == leptos::config::Env::DEV);
    view! {
        <!DOCTYPE html>
        <html lang=lang::detect().as_str() class=theme_class()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body class="min-h-screen bg-surface-0 text-ink antialiased">
                <App/>
            </body>
        </html>
    }
}

/// The document title of a page: its own title, escaped for HTML, then the product's name.
pub fn page_title(page: String) -> String {
    if page.is_empty() {
        "DropIt".to_owned()
    } else {
        format!("{} · DropIt", html_escape::encode_text(&page))
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    lang::provide();
    let viewer = Resource::new_blocking(|| (), |_| api::get_viewer());
    provide_context(components::ViewerResource(viewer));

    view! {
        <Link rel="icon" type_="image/svg+xml" href="/logo.svg"/>
        <Link rel="manifest" href="/manifest.webmanifest"/>
        <Meta name="theme-color" content="#b91c1c"/>
        // Every page's title passes here, escaped: leptos_meta 0.8 writes `<title>` text raw,
        // and a title often carries a name someone typed (an athlete, an exercise).
        <Title formatter=page_title/>
        <Meta name="description" content="DropIt"/>
        // Every route renders in `SsrMode::Async`: the page is complete before its first byte (no
        // streaming), so the islands find their final markup when they hydrate.
        <Router>
            <components::Header/>
            <main id="main" tabindex="-1" class="mx-auto w-full max-w-6xl px-4 py-6 sm:py-10 print:max-w-none print:p-0">
                <ErrorBoundary fallback=|_| view! { <pages::errors::ErrorPage/> }>
                    <Routes fallback=|| view! { <pages::errors::NotFound/> }>
                        <Route path=path!("/") view=pages::home::HomePage ssr=SsrMode::Async/>
                        <Route path=path!("/login") view=pages::auth::LoginPage ssr=SsrMode::Async/>
                        <Route path=path!("/signup") view=pages::auth::SignupPage ssr=SsrMode::Async/>
                        <Route path=path!("/invite/:token") view=pages::invite::InvitePage ssr=SsrMode::Async/>
                        <Route path=path!("/account") view=pages::account::AccountPage ssr=SsrMode::Async/>
                        <Route path=path!("/club") view=pages::club::members::ClubPage ssr=SsrMode::Async/>
                        <Route path=path!("/club/training") view=pages::club::training::TrainingSettingsPage ssr=SsrMode::Async/>
                        <Route path=path!("/catalogue") view=pages::catalogue::browse::CataloguePage ssr=SsrMode::Async/>
                        <Route path=path!("/catalogue/new") view=pages::catalogue::exercise_form::NewExercisePage ssr=SsrMode::Async/>
                        <Route path=path!("/catalogue/exercises/:id") view=pages::catalogue::exercise::ExercisePage ssr=SsrMode::Async/>
                        <Route path=path!("/catalogue/exercises/:id/edit") view=pages::catalogue::exercise_form::EditExercisePage ssr=SsrMode::Async/>
                        <Route path=path!("/catalogue/lists") view=pages::catalogue::lists::ListsPage ssr=SsrMode::Async/>
                        <Route path=path!("/catalogue/exchange") view=pages::catalogue::exchange::ExchangePage ssr=SsrMode::Async/>
                        <Route path=path!("/catalogue/complexes") view=pages::catalogue::complexes::ComplexesPage ssr=SsrMode::Async/>
                        <Route path=path!("/catalogue/complexes/new") view=pages::catalogue::complex_builder::NewComplexPage ssr=SsrMode::Async/>
                        <Route path=path!("/catalogue/complexes/:id") view=pages::catalogue::complexes::ComplexPage ssr=SsrMode::Async/>
                        <Route path=path!("/catalogue/complexes/:id/edit") view=pages::catalogue::complex_builder::EditComplexPage ssr=SsrMode::Async/>
                        <Route path=path!("/workouts") view=pages::workouts::library::WorkoutLibraryPage ssr=SsrMode::Async/>
                        <Route path=path!("/workouts/new") view=pages::workouts::builder::NewWorkoutPage ssr=SsrMode::Async/>
                        <Route path=path!("/workouts/:id/edit") view=pages::workouts::builder::EditWorkoutPage ssr=SsrMode::Async/>
                        <Route path=path!("/workouts/:id") view=pages::workouts::workout::WorkoutPage ssr=SsrMode::Async/>
                        <Route path=path!("/workouts/:id/print") view=pages::workouts::print::WorkoutPrintPage ssr=SsrMode::Async/>
                        <Route path=path!("/planning") view=pages::planning::calendar::PlanningPage ssr=SsrMode::Async/>
                        <Route path=path!("/planning/new") view=pages::planning::new::NewSessionPage ssr=SsrMode::Async/>
                        <Route path=path!("/planning/copy") view=pages::planning::copy::WeekCopyPage ssr=SsrMode::Async/>
                        <Route path=path!("/planning/print") view=pages::planning::print::WeekSheetPage ssr=SsrMode::Async/>
                        <Route path=path!("/planning/sessions/:id") view=pages::planning::session::SessionPageView ssr=SsrMode::Async/>
                        <Route path=path!("/planning/sessions/:id/edit") view=pages::planning::edit::EditSessionContentPage ssr=SsrMode::Async/>
                        <Route path=path!("/athletes") view=pages::athletes::roster::AthletesPage ssr=SsrMode::Async/>
                        <Route path=path!("/athletes/new") view=pages::athletes::form::NewAthletePage ssr=SsrMode::Async/>
                        <Route path=path!("/athletes/groups") view=pages::athletes::groups::AthleteGroupsPage ssr=SsrMode::Async/>
                        <Route path=path!("/athletes/import") view=pages::athletes::import::AthleteImportPage ssr=SsrMode::Async/>
                        <Route path=path!("/athletes/:id") view=pages::athletes::athlete::AthletePageView ssr=SsrMode::Async/>
                        <Route path=path!("/athletes/:id/edit") view=pages::athletes::form::EditAthletePage ssr=SsrMode::Async/>
                    </Routes>
                </ErrorBoundary>
            </main>
            <components::ToastRegion/>
            // Last on the page: islands hydrate in document order, so once this one has, all have.
            <components::HydrationMark/>
        </Router>
    }
}
