//! Sections that later issues fill in: each says what is coming.

use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Catalogue,
    Workouts,
    Planning,
    Athletes,
}

#[component]
pub fn ComingSoon(section: Section) -> impl IntoView {
    let i18n = use_i18n();
    let title = move || match section {
        Section::Catalogue => t_string!(i18n, nav.catalogue).to_string(),
        Section::Workouts => t_string!(i18n, nav.workouts).to_string(),
        Section::Planning => t_string!(i18n, nav.planning).to_string(),
        Section::Athletes => t_string!(i18n, nav.athletes).to_string(),
    };
    let body = move || match section {
        Section::Catalogue => t_string!(i18n, soon.catalogue).to_string(),
        Section::Workouts => t_string!(i18n, soon.workouts).to_string(),
        Section::Planning => t_string!(i18n, soon.planning).to_string(),
        Section::Athletes => t_string!(i18n, soon.athletes).to_string(),
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
