//! Page frames: a record's form page, its detail page, the card of the visitor's pages, a
//! section's tabs, and a page's error in place of its content.

use super::messages::error_text;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// A page's error in place of its content: forbidden, not found, or anything else, with the
/// status that goes with it ([`refused`]).
pub fn failure(locale: Locale, error: AppError) -> AnyView {
    refused(&error);
    let testid = match error {
        AppError::Forbidden => "forbidden",
        AppError::NotFound => "not-found",
        _ => "error",
    };
    let text = match error {
        AppError::Forbidden => td_string!(locale, catalogue.coaches_only).to_string(),
        e => error_text(locale, &e),
    };
    view! { <p class="card" role="alert" data-testid=testid>{text}</p> }.into_any()
}

/// Answers a page that is refused with the error's status: 404 for a record that does not
/// exist (or belongs to another club), 403 for a page the person may not see. Other errors
/// keep the page's status.
pub fn refused(error: &AppError) {
    #[cfg(feature = "ssr")]
    if matches!(error, AppError::NotFound | AppError::Forbidden)
        && let Some(response) = use_context::<leptos_axum::ResponseOptions>()
    {
        response.set_status(error.status());
    }
    #[cfg(not(feature = "ssr"))]
    let _ = error;
}

/// What a page shows once `load` has answered: `show`'s view of the data, or the failure in
/// its place.
pub fn loaded<T, V>(
    load: impl Future<Output = Result<T, AppError>> + Send + 'static,
    show: impl FnOnce(T) -> V + Send + 'static,
) -> Suspend<AnyView>
where
    V: IntoView + 'static,
{
    let locale = crate::lang::current();
    Suspend::new(async move {
        match load.await {
            Ok(data) => show(data).into_any(),
            Err(e) => failure(locale, e),
        }
    })
}

/// A page of one section (athletes, catalogue…): its title, the section's heading and tabs,
/// then the page's content once it has loaded.
pub fn section_page(
    title: String,
    heading: String,
    tabs: impl IntoView,
    page: Suspend<AnyView>,
) -> impl IntoView {
    view! {
        <Title text=title/>
        <section class="flex flex-col gap-6">
            <h1 class="text-3xl font-bold">{heading}</h1>
            {tabs}
            {loading(page)}
        </section>
    }
}

/// A page that creates or edits a record: its title and heading, then the form once its data
/// has loaded, as wide as a form's column.
pub fn form_page(title: String, page: Suspend<AnyView>) -> impl IntoView {
    titled_form(title, page, "flex max-w-3xl flex-col gap-6")
}

/// A [`form_page`] on the page's whole width, for a form with a side panel (the workout
/// builder: its elements beside the metrics).
pub fn wide_form_page(title: String, page: Suspend<AnyView>) -> impl IntoView {
    titled_form(title, page, "flex flex-col gap-6")
}

fn titled_form(title: String, page: Suspend<AnyView>, class: &'static str) -> impl IntoView {
    view! {
        <Title text=title.clone()/>
        <section class=class>
            <h1 class="text-3xl font-bold">{title}</h1>
            {loading(page)}
        </section>
    }
}

/// A record's page: the way back to its list, then the record once it has loaded. The record
/// is the one whose id the page's address holds (as the id type `make` builds): what `load`
/// answers for it, drawn by `show`.
pub fn detail_page<I, T, F, V>(
    back: &'static str,
    label: String,
    make: fn(i64) -> I,
    load: impl FnOnce(I) -> F + Send + 'static,
    show: impl FnOnce(T) -> V + Send + 'static,
) -> impl IntoView
where
    I: Send + 'static,
    F: Future<Output = Result<T, AppError>> + Send + 'static,
    V: IntoView + 'static,
{
    let id = id_param(make);
    let page = loaded(async move { load(id?).await }, show);
    view! {
        <nav aria-label=tr!(catalogue.breadcrumb) class="mb-4 text-sm">
            <a href=back class="link">{label}</a>
        </nav>
        {loading(page)}
    }
}

/// The page's content once it has loaded; until then, "loading".
pub fn loading(page: Suspend<AnyView>) -> impl IntoView {
    view! { <Suspense fallback=move || view! { <p>{tr!(common.loading)}</p> }>{page}</Suspense> }
}

/// A section's tabs: links between its pages, the current one marked for screen readers (and
/// underlined). On a phone they scroll sideways rather than wrap.
#[component]
pub fn Tabs(
    /// What the tabs are for, for screen readers.
    label: String,
    /// Each tab's address and text, in order.
    tabs: Vec<(&'static str, String)>,
    /// The address of the page shown.
    current: &'static str,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    view! {
        <nav aria-label=label class="flex gap-1 overflow-x-auto border-b border-line" data-testid=testid>
            {tabs
                .into_iter()
                .map(|(href, text)| view! {
                    <a href=href class="nav-link" aria-current=(href == current).then_some("page")>{text}</a>
                })
                .collect_view()}
        </nav>
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

/// The record id in the page's address (`/…/:id`), as the id type `make` builds; "not found"
/// when the address holds no id.
pub fn id_param<T>(make: fn(i64) -> T) -> Result<T, AppError> {
    use_params_map()
        .with_untracked(|p| p.get("id").and_then(|id| id.parse().ok()).map(make))
        .ok_or(AppError::NotFound)
}

/// Refuses a page to a person who may not edit the record: "forbidden".
pub fn editable<T>(record: T, can_edit: impl FnOnce(&T) -> bool) -> Result<T, AppError> {
    if can_edit(&record) {
        Ok(record)
    } else {
        Err(AppError::Forbidden)
    }
}
