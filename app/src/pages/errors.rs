//! The friendly 404 and error pages.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=tr!(not_found.title)/>
        <section class="mx-auto flex max-w-lg flex-col items-center gap-4 py-16 text-center">
            <p class="text-6xl font-black text-brand-600" aria-hidden="true">"404"</p>
            <h1 class="text-2xl font-bold">{tr!(not_found.title)}</h1>
            <p class="text-muted">{tr!(not_found.body)}</p>
            <a href="/" class="btn-primary">{tr!(not_found.home)}</a>
        </section>
    }
}

#[component]
pub fn ErrorPage() -> impl IntoView {
    view! {
        <section role="alert" class="mx-auto flex max-w-lg flex-col items-center gap-4 py-16 text-center">
            <h1 class="text-2xl font-bold">{tr!(error_page.title)}</h1>
            <p class="text-muted">{tr!(error_page.body)}</p>
            <a href="/" class="btn-primary">{tr!(not_found.home)}</a>
        </section>
    }
}
