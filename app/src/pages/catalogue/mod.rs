//! The catalogue: exercises (list, page, form, media), complexes (list, page, builder), the
//! club's categories and equipment, and the import and export of the whole catalogue.

pub mod browse;
pub mod complex_builder;
pub mod complexes;
pub mod exchange;
pub mod exercise;
pub mod exercise_form;
pub mod lists;
mod media;
mod record_actions;

use domain::ExerciseId;
use leptos::prelude::*;

/// The page of an exercise.
pub fn exercise_href(id: ExerciseId) -> String {
    format!("/catalogue/exercises/{id}")
}

/// The catalogue's sections.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Exercises,
    Complexes,
    Lists,
    Exchange,
}

/// Switches between the exercises and the complexes.
#[component]
pub fn CatalogueTabs(active: Tab, can_edit: bool) -> impl IntoView {
    let tab = move |tab: Tab, href: &'static str, label: String| {
        let current = tab == active;
        view! {
            <a
                href=href
                class="nav-link"
                aria-current=current.then_some("page")
            >
                {label}
            </a>
        }
    };
    view! {
        <nav aria-label=tr!(catalogue.sections) class="flex gap-1 overflow-x-auto border-b border-line">
            {tab(Tab::Exercises, "/catalogue", tr!(catalogue.exercises))}
            {tab(Tab::Complexes, "/catalogue/complexes", tr!(catalogue.complexes))}
            {can_edit.then(|| tab(Tab::Lists, "/catalogue/lists", tr!(lists.tab)))}
            {can_edit.then(|| tab(Tab::Exchange, "/catalogue/exchange", tr!(exchange.tab)))}
        </nav>
    }
}
