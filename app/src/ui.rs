//! Shared UI pieces: translated messages, toasts, form fields, and the page header.

use crate::error::AppError;
use crate::i18n::*;
use crate::model::Viewer;
use domain::invitation::InvitationStatus;
use domain::{FieldError, FieldProblem, Permission, Role};
use leptos::prelude::*;
use leptos_router::components::A;

/// The viewer, fetched once per page load and shared through context.
#[derive(Clone, Copy)]
pub struct ViewerResource(pub Resource<Result<Option<Viewer>, AppError>>);

pub fn role_label(locale: Locale, role: Role) -> String {
    match role {
        Role::Athlete => td_string!(locale, roles.athlete).to_string(),
        Role::Coach => td_string!(locale, roles.coach).to_string(),
        Role::Admin => td_string!(locale, roles.admin).to_string(),
        Role::Owner => td_string!(locale, roles.owner).to_string(),
    }
}

pub fn field_text(locale: Locale, error: &FieldError) -> String {
    match &error.problem {
        FieldProblem::Required => td_string!(locale, field.required).to_string(),
        FieldProblem::TooShort { min } => td_string!(locale, field.too_short, min = *min).to_string(),
        FieldProblem::TooLong { max } => td_string!(locale, field.too_long, max = *max).to_string(),
        FieldProblem::InvalidEmail => td_string!(locale, field.invalid_email).to_string(),
        FieldProblem::InvalidChoice => td_string!(locale, field.invalid_choice).to_string(),
        FieldProblem::InvalidCharacters => td_string!(locale, field.invalid_characters).to_string(),
        FieldProblem::CommonPassword => td_string!(locale, field.common_password).to_string(),
        FieldProblem::TooFew { min } => td_string!(locale, field.too_few, min = *min).to_string(),
        FieldProblem::TooMany { max } => td_string!(locale, field.too_many, max = *max).to_string(),
        FieldProblem::InvalidUrl => td_string!(locale, field.invalid_url).to_string(),
        FieldProblem::InvalidNumber => td_string!(locale, field.invalid_number).to_string(),
        FieldProblem::InvalidDate => td_string!(locale, field.invalid_date).to_string(),
        FieldProblem::FutureDate => td_string!(locale, field.future_date).to_string(),
        FieldProblem::InvalidFormat => td_string!(locale, field.invalid_format).to_string(),
        FieldProblem::UnsupportedFile => td_string!(locale, field.unsupported_file).to_string(),
        FieldProblem::FileTooLarge { max_mb } => {
            td_string!(locale, field.file_too_large, max = *max_mb).to_string()
        }
        FieldProblem::DuplicateName { existing } => {
            td_string!(locale, field.duplicate_name, existing = existing.clone()).to_string()
        }
    }
}

/// The sentence shown to a person for an error.
pub fn error_text(locale: Locale, error: &AppError) -> String {
    match error {
        AppError::Unauthenticated => td_string!(locale, errors.unauthenticated).to_string(),
        AppError::Forbidden => td_string!(locale, errors.forbidden).to_string(),
        AppError::NotFound => td_string!(locale, errors.not_found).to_string(),
        AppError::Conflict => td_string!(locale, errors.conflict).to_string(),
        // One problem (a search too long, say) is said as it is; several, next to their fields.
        AppError::Invalid(fields) if fields.len() == 1 => fields.first().map_or_else(
            || td_string!(locale, errors.invalid).to_string(),
            |field| field_text(locale, field),
        ),
        AppError::Invalid(_) => td_string!(locale, errors.invalid).to_string(),
        AppError::InvalidCredentials => td_string!(locale, errors.invalid_credentials).to_string(),
        AppError::RateLimited { retry_after_secs } => {
            let minutes = (retry_after_secs + 59) / 60;
            td_string!(locale, errors.rate_limited, minutes = minutes).to_string()
        }
        AppError::LastOwner => td_string!(locale, errors.last_owner).to_string(),
        AppError::EmailTaken => td_string!(locale, errors.email_taken).to_string(),
        AppError::AlreadyMember => td_string!(locale, errors.already_member).to_string(),
        AppError::InvitationUnusable(InvitationStatus::Expired) => {
            td_string!(locale, errors.invitation_expired).to_string()
        }
        AppError::InvitationUnusable(InvitationStatus::Revoked) => {
            td_string!(locale, errors.invitation_revoked).to_string()
        }
        AppError::InvitationUnusable(_) => td_string!(locale, errors.invitation_accepted).to_string(),
        AppError::WrongAccount => td_string!(locale, errors.wrong_account).to_string(),
        AppError::InUse => td_string!(locale, errors.in_use).to_string(),
        AppError::ImportRejected(report) => {
            td_string!(locale, errors.import_rejected, count = report.total).to_string()
        }
        AppError::AthleteImportRejected(report) => {
            td_string!(locale, athlete_import.rejected, count = report.total).to_string()
        }
        AppError::InvalidSettings(_) => td_string!(locale, errors.invalid).to_string(),
        AppError::Unavailable => td_string!(locale, errors.unavailable).to_string(),
        AppError::Transport(_) => td_string!(locale, errors.network).to_string(),
    }
}

/// Reloads the page at `target` once the action succeeds: after a login, a sign-up or joining a
/// club, every part of the page must reflect the new session.
pub fn reload_on_success<T>(
    value: MappedSignal<Option<Result<T, AppError>>>,
    target: impl Fn() -> String + 'static,
) where
    T: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if value.with(|v| matches!(v, Some(Ok(_)))) {
            reload_to(&target());
        }
    });
}

/// The email field of the login and sign-up forms (the browser offers the saved login).
#[component]
pub fn EmailField(errors: Signal<Option<AppError>>) -> impl IntoView {
    view! { <TextField name="email" kind="email" autocomplete="username" label=tr!(auth.email) errors/> }
}

/// The name and new-password fields of a new account (sign-up, joining by invitation).
#[component]
pub fn NewAccountFields(errors: Signal<Option<AppError>>) -> impl IntoView {
    view! {
        <TextField name="display_name" autocomplete="name" label=tr!(auth.display_name) errors/>
        <TextField
            name="password"
            kind="password"
            autocomplete="new-password"
            label=tr!(auth.password)
            hint=tr!(auth.password_hint)
            errors
        />
    }
}

/// Leaves the single-page app: a full load, so every part of the page reflects the new session.
pub fn reload_to(url: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().location().set_href(url);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = url;
}

/// Asks the person to confirm a destructive action (always yes where there is no browser).
pub fn confirm(message: &str) -> bool {
    #[cfg(feature = "hydrate")]
    {
        window().confirm_with_message(message).unwrap_or(false)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = message;
        true
    }
}

/// A local date as the viewer's language writes it.
pub fn short_date(locale: Locale, at: chrono::DateTime<chrono::Utc>) -> String {
    match locale {
        Locale::fr => at.format("%d/%m/%Y").to_string(),
        Locale::en => at.format("%Y-%m-%d").to_string(),
    }
}

// ----- Toasts -----

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ToastKind {
    Success,
    Error,
}

#[derive(Clone, Debug)]
struct Toast {
    id: u64,
    kind: ToastKind,
    text: String,
}

/// Short messages reporting the result of an action, announced to screen readers.
#[derive(Clone, Copy)]
pub struct Toaster {
    items: RwSignal<Vec<Toast>>,
    next: StoredValue<u64>,
}

impl Toaster {
    pub fn provide() -> Self {
        let toaster = Toaster {
            items: RwSignal::new(Vec::new()),
            next: StoredValue::new(0),
        };
        provide_context(toaster);
        toaster
    }

    pub fn show(&self, kind: ToastKind, text: String) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.items.update(|items| items.push(Toast { id, kind, text }));
        let items = self.items;
        set_timeout(
            move || items.update(|items| items.retain(|t| t.id != id)),
            std::time::Duration::from_secs(6),
        );
    }

    pub fn success(&self, text: String) {
        self.show(ToastKind::Success, text);
    }

    pub fn error(&self, text: String) {
        self.show(ToastKind::Error, text);
    }
}

pub fn use_toaster() -> Toaster {
    use_context::<Toaster>().unwrap_or_else(Toaster::provide)
}

/// Where toasts appear: an island, so any other island of the page can show one.
#[island]
pub fn ToastRegion() -> impl IntoView {
    let toaster = use_toaster();
    view! {
        <section
            aria-label=tr!(common.notifications)
            class="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex flex-col items-center gap-2 px-4"
        >
            <div role="status" aria-live="polite" class="contents">
                <For each=move || toaster.items.get() key=|t| t.id let:toast>
                    <div
                        data-testid="toast"
                        class=move || {
                            let tone = match toast.kind {
                                ToastKind::Success => "border-emerald-600 bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100",
                                ToastKind::Error => "border-red-600 bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100",
                            };
                            format!("pointer-events-auto w-full max-w-md rounded-lg border-l-4 px-4 py-3 shadow-lg {tone}")
                        }
                    >
                        {toast.text.clone()}
                    </div>
                </For>
            </div>
        </section>
    }
}

// ----- Forms -----

/// The error of an action's last result, if it failed.
pub fn last_error<T>(value: MappedSignal<Option<Result<T, AppError>>>) -> Signal<Option<AppError>>
where
    T: Clone + Send + Sync + 'static,
{
    Signal::derive(move || value.with(|r| r.as_ref().and_then(|r| r.as_ref().err().cloned())))
}

/// The translated message for `field`, if the last result refused it.
pub fn field_error(
    locale: Locale,
    error: Signal<Option<AppError>>,
    field: &'static str,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        error.with(|e| {
            e.as_ref()
                .and_then(|e| e.field(field))
                .map(|f| field_text(locale, f))
        })
    })
}

/// The message for errors that concern the whole form rather than one field.
pub fn form_error(locale: Locale, error: Signal<Option<AppError>>) -> Signal<Option<String>> {
    Signal::derive(move || {
        error.with(|e| match e {
            None | Some(AppError::Invalid(_)) => None,
            Some(e) => Some(error_text(locale, e)),
        })
    })
}

/// A labelled input with its hint and its error, wired for assistive technology.
#[component]
pub fn TextField(
    name: &'static str,
    label: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<String>,
    /// The form's last error: the field shows the part that concerns it.
    errors: Signal<Option<AppError>>,
    #[prop(optional, into)] value: Option<String>,
) -> impl IntoView {
    let error = field_error(crate::lang::current(), errors, name);
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let has_hint = hint.is_some();
    let described = move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(hint_id.clone());
        }
        if error.with(Option::is_some) {
            ids.push(error_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    view! {
        <div class="flex flex-col gap-1">
            <label for=id.clone() class="text-sm font-medium">{label}</label>
            <input
                id=id.clone()
                name=name
                type=kind
                autocomplete=autocomplete
                value=value
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described
                class="input"
            />
            {hint.map(|hint| view! { <p id=format!("field-{name}-hint") class="text-xs text-muted">{hint}</p> })}
            <p id=format!("field-{name}-error") class="text-sm text-red-700 dark:text-red-400" role="alert">
                {move || error.get()}
            </p>
        </div>
    }
}

/// A form-level message (e.g. wrong password), announced when it appears.
#[component]
pub fn FormAlert(errors: Signal<Option<AppError>>) -> impl IntoView {
    let message = form_error(crate::lang::current(), errors);
    view! {
        <div role="alert" data-testid="form-alert">
            {move || {
                message
                    .get()
                    .map(|m| {
                        view! {
                            <p class="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
                                {m}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

#[component]
pub fn SubmitButton(
    #[prop(into)] label: Signal<String>,
    #[prop(into)] pending: Signal<bool>,
) -> impl IntoView {
    let locale = crate::lang::current();
    view! {
        <button type="submit" class="btn-primary" disabled=move || pending.get() aria-busy=move || pending.get().to_string()>
            {move || if pending.get() { td_string!(locale, auth.working).to_string() } else { label.get() }}
        </button>
    }
}

/// A centred card for the pages a visitor sees (login, sign-up, invitation).
#[component]
pub fn AuthCard(title: String, children: Children) -> impl IntoView {
    view! {
        <div class="mx-auto w-full max-w-md py-8 sm:py-16">
            <div class="card">
                <h1 class="mb-6 text-2xl font-bold">{title}</h1>
                {children()}
            </div>
        </div>
    }
}

// ----- Header -----

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
