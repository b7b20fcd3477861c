//! The friendly 404 and error pages.

use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=move || t_string!(i18n, not_found.title).to_string()/>
        <section class="mx-auto flex max-w-lg flex-col items-center gap-4 py-16 text-center">
            <p class="text-6xl font-black text-brand-600" aria-hidden="true">"404"</p>
            <h1 class="text-2xl font-bold">{t!(i18n, not_found.title)}</h1>
            <p class="text-muted">{t!(i18n, not_found.body)}</p>
            <a href="/" class="btn-primary">{t!(i18n, not_found.home)}</a>
        </section>
    }
}

#[component]
pub fn ErrorPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section role="alert" class="mx-auto flex max-w-lg flex-col items-center gap-4 py-16 text-center">
            <h1 class="text-2xl font-bold">{t!(i18n, error_page.title)}</h1>
            <p class="text-muted">{t!(i18n, error_page.body)}</p>
            <a href="/" class="btn-primary">{t!(i18n, not_found.home)}</a>
        </section>
    }
}
