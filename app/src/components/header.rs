//! The page header: the brand, the club switcher, the language and theme switches, the user's
//! menu and the main navigation.

use super::browser::reload_to;
use super::messages::error_text;
use super::toast::use_toaster;
use crate::error::AppError;
use crate::i18n::*;
use crate::model::Viewer;
use domain::{Permission, Role};
use leptos::prelude::*;
use leptos_router::components::A;

/// The viewer, fetched once per page load and shared through context.
#[derive(Clone, Copy)]
pub struct ViewerResource(pub Resource<Result<Option<Viewer>, AppError>>);

/// Switches language: remembers the choice in the cookie the server reads, then reloads so the
/// whole page (and its title and `lang`) comes back in the other language.
#[island]
pub fn LanguageSwitch() -> impl IntoView {
    let locale = crate::lang::current();
    let current = locale;
    let button = move |locale: Locale, label: &'static str, name: &'static str| {
        view! {
            <button
                type="button"
                lang=locale.as_str()
                aria-label=name
                aria-pressed=(current == locale).to_string()
                class="rounded px-2 py-1 text-xs font-semibold aria-pressed:bg-brand-700 aria-pressed:text-white hover:bg-surface-3"
                on:click=move |_| {
                    if locale != current {
                        switch_language(locale);
                    }
                }
            >
                {label}
            </button>
        }
    };
    view! {
        <div role="group" aria-label=tr!(header.language) class="flex rounded-md border border-line p-0.5">
            {button(Locale::fr, "FR", "Français")}
            {button(Locale::en, "EN", "English")}
        </div>
    }
}

fn switch_language(locale: Locale) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Ok(html) = document().dyn_into::<web_sys::HtmlDocument>() {
            let _ = html.set_cookie(&format!(
                "{}={}; path=/; max-age=31536000; samesite=lax",
                crate::lang::COOKIE,
                locale.as_str()
            ));
        }
        let _ = window().location().reload();
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = locale;
}

/// Flips light/dark; the choice lives in a cookie so the server renders it on the next load.
#[island]
pub fn ThemeToggle() -> impl IntoView {
    let locale = crate::lang::current();
    let toggle = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let document = document();
            if let Some(root) = document.document_element() {
                let classes = root.class_list();
                let system_dark = window()
                    .match_media("(prefers-color-scheme: dark)")
                    .ok()
                    .flatten()
                    .is_some_and(|m| m.matches());
                let dark_now = classes.contains("dark") || (!classes.contains("light") && system_dark);
                let next = if dark_now { "light" } else { "dark" };
                let _ = classes.remove_2("dark", "light");
                let _ = classes.add_1(next);
                use wasm_bindgen::JsCast;
                if let Ok(html) = document.dyn_into::<web_sys::HtmlDocument>() {
                    let _ = html.set_cookie(&format!(
                        "dropit_theme={next}; path=/; max-age=31536000; samesite=lax"
                    ));
                }
            }
        }
    };
    view! {
        <button
            type="button"
            class="icon-btn"
            data-testid="theme-toggle"
            aria-label=move || format!("{} / {}", td_string!(locale, header.theme_dark), td_string!(locale, header.theme_light))
            on:click=toggle
        >
            <span aria-hidden="true" class="dark:hidden">"☾"</span>
            <span aria-hidden="true" class="hidden dark:inline">"☀"</span>
        </button>
    }
}

/// A club the person can switch to, as the header's club picker lists it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ClubChoice {
    pub id: domain::ClubId,
    pub name: String,
}

/// The current club's name; a picker when the person belongs to several clubs.
#[component]
fn ClubSwitcher(viewer: Viewer) -> impl IntoView {
    let current = viewer.club.clone();
    if viewer.clubs.len() < 2 {
        return view! {
            <span class="truncate text-sm font-medium" data-testid="current-club">
                {current.map(|c| c.name)}
            </span>
        }
        .into_any();
    }
    let clubs = viewer
        .clubs
        .into_iter()
        .map(|c| ClubChoice {
            id: c.club_id,
            name: c.club_name,
        })
        .collect();
    view! { <ClubPicker clubs current=current.map(|c| c.id)/> }.into_any()
}

#[island]
fn ClubPicker(clubs: Vec<ClubChoice>, current: Option<domain::ClubId>) -> impl IntoView {
    let locale = crate::lang::current();
    let toaster = use_toaster();
    let switch = Action::new(move |club: &domain::ClubId| crate::api::switch_club(*club));
    Effect::new(move |_| match switch.value().get() {
        Some(Ok(())) => reload_to("/"),
        Some(Err(e)) => toaster.error(error_text(locale, &e)),
        None => {}
    });
    view! {
        <label class="sr-only" for="club-switcher">{tr!(header.switch_club)}</label>
        <select
            id="club-switcher"
            data-testid="current-club"
            class="select max-w-44 truncate text-sm"
            on:change=move |ev| {
                if let Ok(id) = event_target_value(&ev).parse::<i64>() {
                    switch.dispatch(domain::ClubId(id));
                }
            }
        >
            {clubs
                .into_iter()
                .map(|c| {
                    let selected = Some(c.id) == current;
                    view! { <option value=c.id.0.to_string() selected=selected>{c.name}</option> }
                })
                .collect_view()}
        </select>
    }
}

#[component]
fn UserMenu(viewer: Viewer) -> impl IntoView {
    let initial = viewer
        .display_name
        .chars()
        .next()
        .unwrap_or('?')
        .to_uppercase()
        .to_string();
    let name = viewer.display_name.clone();
    view! {
        <details class="relative" data-testid="user-menu">
            <summary
                class="icon-btn list-none cursor-pointer font-semibold"
                aria-label=tr!(header.signed_in_as, name = name.clone())
            >
                {initial}
            </summary>
            <div class="absolute right-0 z-40 mt-2 w-60 rounded-lg border border-line bg-surface-1 p-2 shadow-xl">
                <p class="px-2 py-1 text-sm font-semibold">{viewer.display_name.clone()}</p>
                <p class="truncate px-2 pb-2 text-xs text-muted">{viewer.email.clone()}</p>
                <a href="/account" class="menu-item">{tr!(nav.account)}</a>
                <LogOutButton/>
            </div>
        </details>
    }
}

#[island]
fn LogOutButton() -> impl IntoView {
    let log_out = Action::new(|_: &()| crate::api::log_out());
    Effect::new(move |_| {
        if log_out.value().get().is_some() {
            reload_to("/login");
        }
    });
    view! {
        <button type="button" class="menu-item w-full text-left" on:click=move |_| { log_out.dispatch(()); }>
            {tr!(header.log_out)}
        </button>
    }
}

/// Marks the page as interactive (`<body data-hydrated>`), for people's scripts and for the
/// end-to-end tests. It is the page's last island, and islands hydrate in document order.
#[island]
pub fn HydrationMark() -> impl IntoView {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}

#[component]
fn MainNav(role: Option<Role>) -> impl IntoView {
    let link = |href: &'static str, label: String| {
        view! {
            <li>
                <A href=href attr:class="nav-link" exact=href == "/">{label}</A>
            </li>
        }
    };
    let may_manage = role.is_some_and(|r| r.allows(Permission::ManageMembers));
    view! {
        <nav aria-label=tr!(nav.main) class="border-t border-line">
            <ul class="mx-auto flex max-w-6xl gap-1 overflow-x-auto px-2 sm:px-4">
                {link("/", tr!(nav.home))}
                {link("/catalogue", tr!(nav.catalogue))}
                {link("/workouts", tr!(nav.workouts))}
                {link("/planning", tr!(nav.planning))}
                {if role.is_some_and(|r| r.allows(Permission::Coach)) {
                    link("/athletes", tr!(nav.athletes))
                } else {
                    link("/athletes", tr!(nav.my_page))
                }}
                {may_manage.then(|| link("/club", tr!(nav.club)))}
            </ul>
        </nav>
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let viewer = expect_context::<ViewerResource>().0;
    let bars = move || {
        Suspend::new(async move {
            match viewer.await.ok().flatten() {
                Some(v) => {
                    let role = v.role();
                    view! {
                        <div class="mx-auto flex h-14 max-w-6xl items-center gap-3 px-4">
                            <Brand/>
                            <ClubSwitcher viewer=v.clone()/>
                            <div class="ml-auto flex items-center gap-2">
                                <LanguageSwitch/>
                                <ThemeToggle/>
                                <UserMenu viewer=v/>
                            </div>
                        </div>
                        <MainNav role=role/>
                    }
                    .into_any()
                }
                None => view! {
                    <div class="mx-auto flex h-14 max-w-6xl items-center gap-3 px-4">
                        <Brand/>
                        <div class="ml-auto flex items-center gap-2">
                            <LanguageSwitch/>
                            <ThemeToggle/>
                        </div>
                    </div>
                }
                .into_any(),
            }
        })
    };
    view! {
        <header class="sticky top-0 z-30 border-b border-line bg-surface-1/95 backdrop-blur">
            <a href="#main" class="skip-link">{tr!(nav.skip)}</a>
            <Suspense fallback=|| ()>{bars}</Suspense>
        </header>
    }
}

#[component]
fn Brand() -> impl IntoView {
    view! {
        <a href="/" class="flex shrink-0 items-center gap-2 text-lg font-extrabold tracking-tight">
            <img src="/logo.svg" alt="" width="28" height="28"/>
            <span>"DropIt"</span>
        </a>
    }
}
