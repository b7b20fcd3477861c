//! The page header: the brand, the club switcher, the language and theme switches, the user's
//! menu and the main navigation.

use crate::api::preferences::{SetLanguage, SetTheme, Theme};
use crate::api::{LogOut, SwitchClub};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::Viewer;
use domain::{Permission, Role};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;

/// The viewer, fetched once per page load and shared through context.
#[derive(Clone, Copy)]
pub struct ViewerResource(pub Resource<Result<Option<Viewer>, AppError>>);

/// Switches language: a plain form (no WASM) whose server function keeps the choice in the
/// cookie the server reads, then sends the browser back to the page, which comes back whole
/// (its title and `lang` too) in the other language.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let current = crate::lang::current();
    let button = move |locale: Locale, label: &'static str, name: &'static str| {
        view! {
            <button
                type="submit"
                name="language"
                value=locale.as_str()
                lang=locale.as_str()
                // The name starts with what the button shows (axe's label-content-name-mismatch).
                aria-label=format!("{label}, {name}")
                aria-pressed=(current == locale).to_string()
                class="rounded px-2 py-1 text-xs font-semibold aria-pressed:bg-brand-700 aria-pressed:text-white hover:bg-surface-3"
            >
                {label}
            </button>
        }
    };
    view! {
        // The group is inside the form: a form may not be a group (axe's aria-allowed-role).
        <form method="post" action=SetLanguage::PATH>
            <div role="group" aria-label=tr!(header.language) class="flex rounded-md border border-line p-0.5">
                {button(Locale::fr, "FR", "Français")}
                {button(Locale::en, "EN", "English")}
            </div>
        </form>
    }
}

/// Flips light/dark: a plain form whose server function keeps the choice in a cookie. Of its two
/// buttons the style sheet shows the one that leads away from the theme on screen, whether the
/// person chose it or the system did.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    view! {
        <form method="post" action=SetTheme::PATH id=THEME_FORM data-testid="theme-toggle">
            <button type="submit" name="theme" value=Theme::Dark.as_str() class="icon-btn dark:hidden" aria-label=tr!(header.theme_dark)>
                <span aria-hidden="true">"☾"</span>
            </button>
            <button type="submit" name="theme" value=Theme::Light.as_str() class="icon-btn hidden dark:inline-flex" aria-label=tr!(header.theme_light)>
                <span aria-hidden="true">"☀"</span>
            </button>
        </form>
    }
}

/// The id of the theme toggle's form.
const THEME_FORM: &str = "theme-toggle";

/// Once the WASM runs, the theme toggle flips the page in place (no reload, nothing typed is
/// lost) and keeps the choice in the same cookie its server function writes. A few lines of DOM
/// code attached to the server-rendered form, not an island: no view code for it in the WASM.
pub fn enhance_theme_toggle() {
    #[cfg(feature = "hydrate")]
    {
        use crate::api::preferences::{THEME_COOKIE, preference_cookie};
        use wasm_bindgen::JsCast;
        use wasm_bindgen::closure::Closure;
        let Some(form) = document().get_element_by_id(THEME_FORM) else {
            return;
        };
        let flip = Closure::<dyn FnMut(web_sys::SubmitEvent)>::new(|ev: web_sys::SubmitEvent| {
            // The button pressed says where to go: the style sheet shows only the one leading away
            // from the theme on screen.
            let Some(next) = ev
                .submitter()
                .and_then(|b| b.get_attribute("value"))
                .and_then(|v| Theme::parse(&v))
            else {
                return;
            };
            ev.prevent_default();
            let document = document();
            if let Some(root) = document.document_element() {
                let classes = root.class_list();
                let _ = classes.remove_2("dark", "light");
                let _ = classes.add_1(next.as_str());
            }
            let https = window().location().protocol().is_ok_and(|p| p == "https:");
            if let Ok(html) = document.dyn_into::<web_sys::HtmlDocument>() {
                let _ = html.set_cookie(&preference_cookie(THEME_COOKIE, next.as_str(), https));
            }
        });
        let _ = form.add_event_listener_with_callback("submit", flip.as_ref().unchecked_ref());
        // The listener lives as long as the page.
        flip.forget();
    }
}

/// The current club's name; a menu of the person's other clubs when there are several, each a
/// plain form button (no WASM) that switches and goes to the home page.
#[component]
fn ClubSwitcher(viewer: Viewer) -> impl IntoView {
    let current = viewer.club.clone();
    let name = current.as_ref().map(|c| c.club_name.clone());
    let others: Vec<_> = viewer
        .clubs
        .into_iter()
        .filter(|c| Some(c.club_id) != current.as_ref().map(|c| c.club_id))
        .collect();
    if others.is_empty() {
        return view! {
            <span class="truncate text-sm font-medium" data-testid="current-club">
                {name}
            </span>
        }
        .into_any();
    }
    view! {
        <details class="relative min-w-0" data-testid="club-menu">
            <summary class="flex max-w-44 cursor-pointer list-none items-center gap-1 rounded-md px-2 py-1 text-sm font-medium hover:bg-surface-3">
                <span class="truncate" data-testid="current-club">{name}</span>
                <span aria-hidden="true">"▾"</span>
                <span class="sr-only">{tr!(header.switch_club)}</span>
            </summary>
            <form method="post" action=SwitchClub::PATH class="absolute left-0 z-40 mt-2 w-64 rounded-lg border border-line bg-surface-1 p-2 shadow-xl">
                <p class="px-2 pb-1 text-xs text-muted">{tr!(header.switch_club)}</p>
                {others
                    .into_iter()
                    .map(|c| view! {
                        <button type="submit" name="club_id" value=c.club_id.0.to_string() class="menu-item w-full truncate text-left">
                            {c.club_name}
                        </button>
                    })
                    .collect_view()}
            </form>
        </details>
    }
    .into_any()
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

/// Logs out: a plain form; the server function ends the session and sends the browser to the
/// login page.
#[component]
fn LogOutButton() -> impl IntoView {
    view! {
        <form method="post" action=LogOut::PATH>
            <button type="submit" class="menu-item w-full text-left">
                {tr!(header.log_out)}
            </button>
        </form>
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
    // Athletes see their own sessions through the planning, not the club's workout library.
    let may_plan = role.is_some_and(|r| r.allows(Permission::Coach));
    view! {
        <nav aria-label=tr!(nav.main) class="border-t border-line">
            <ul class="mx-auto flex max-w-6xl gap-1 overflow-x-auto px-2 sm:px-4">
                {link("/", tr!(nav.home))}
                {link("/catalogue", tr!(nav.catalogue))}
                {may_plan.then(|| link("/workouts", tr!(nav.workouts)))}
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
        <header class="sticky top-0 z-30 border-b border-line bg-surface-1/95 backdrop-blur print:hidden">
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
