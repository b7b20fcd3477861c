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

use crate::components::Tabs;
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

/// Switches between the exercises and the complexes (and, for those who edit, the lists and the
/// exchange).
#[component]
pub fn CatalogueTabs(active: Tab, can_edit: bool) -> impl IntoView {
    let current = match active {
        Tab::Exercises => "/catalogue",
        Tab::Complexes => "/catalogue/complexes",
        Tab::Lists => "/catalogue/lists",
        Tab::Exchange => "/catalogue/exchange",
    };
    let mut tabs = vec![
        ("/catalogue", tr!(catalogue.exercises)),
        ("/catalogue/complexes", tr!(catalogue.complexes)),
    ];
    if can_edit {
        tabs.push(("/catalogue/lists", tr!(lists.tab)));
        tabs.push(("/catalogue/exchange", tr!(exchange.tab)));
    }
    view! { <Tabs label=tr!(catalogue.sections) tabs current/> }
}
