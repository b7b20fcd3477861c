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

use crate::api::catalogue::catalogue_choices;
use crate::components::{Tabs, editable, form_page, id_param, loaded};
use crate::error::AppError;
use crate::model::ExerciseChoices;
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

/// A record in a list of the catalogue (an exercise, a complex): a card that links to its page.
#[component]
pub(super) fn RecordCard<C>(href: String, testid: &'static str, children: TypedChildren<C>) -> impl IntoView
where
    C: IntoView + 'static,
{
    let content = children.into_inner();
    view! {
        <li>
            <a
                href=href
                class="card flex h-full flex-col gap-1 transition hover:border-brand-500 focus-visible:border-brand-500"
                data-testid=testid
            >
                {content()}
            </a>
        </li>
    }
}

/// A search box of the catalogue (the exercises, a complex's movements), as long as the
/// server's query may be; the page adds its name, value and handlers.
#[component]
pub(super) fn CatalogueSearch(id: &'static str) -> impl IntoView {
    view! {
        <input
            id=id
            type="search"
            maxlength=domain::catalogue::search::QUERY_MAX
            autocomplete="off"
            class="input"
            placeholder=tr!(catalogue.search_hint)
        />
    }
}

/// The page that edits a record of the catalogue (an exercise, a complex): the record whose id
/// the page's address holds (as the id type `make` builds), as `load` answers it, refused to a
/// person who may not edit it (`can_edit`); then `show`'s form of it, with the catalogue's
/// choices.
pub(super) fn edit_page<I, T, F, V>(
    title: String,
    make: fn(i64) -> I,
    load: impl FnOnce(I) -> F + Send + 'static,
    can_edit: fn(&T) -> bool,
    show: impl FnOnce(ExerciseChoices, T) -> V + Send + 'static,
) -> impl IntoView
where
    I: Send + 'static,
    T: Send + 'static,
    F: Future<Output = Result<T, AppError>> + Send + 'static,
    V: IntoView + 'static,
{
    let id = id_param(make);
    let page = loaded(
        async move {
            let record = editable(load(id?).await?, can_edit)?;
            Ok((catalogue_choices().await?, record))
        },
        |(choices, record)| show(choices, record),
    );
    form_page(title, page)
}
