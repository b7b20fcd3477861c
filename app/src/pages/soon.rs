//! Sections that later issues fill in: each says what is coming.

use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Planning,
}

#[component]
pub fn ComingSoon(section: Section) -> impl IntoView {
    let locale = crate::lang::current();
    let title = move || match section {
        Section::Planning => td_string!(locale, nav.planning).to_string(),
    };
    let body = move || match section {
        Section::Planning => td_string!(locale, soon.planning).to_string(),
    };
    view! {
        <Title text=title/>
        <section class="flex flex-col gap-4">
            <div class="flex items-center gap-3">
                <h1 class="text-3xl font-bold">{title}</h1>
                <span class="badge">{tr!(soon.badge)}</span>
            </div>
            <p class="card max-w-2xl text-muted">{body}</p>
        </section>
    }
}
