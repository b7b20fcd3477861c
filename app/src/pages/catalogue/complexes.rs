//! Complexes: the list, a complex's page, and the builder (add movements from the catalogue,
//! reorder them by dragging, with the keyboard or with buttons).

use super::RecordCard;
use super::record_actions::{Record, RecordActions};
use super::{CatalogueTabs, Tab, exercise_href};
use crate::api::catalogue::{complex, complexes};
use crate::components::detail_page;
use crate::components::{loaded, loading};
use crate::i18n::*;
use crate::model::{ComplexDetail, ComplexItem, Movement};
use domain::ComplexId;
use leptos::prelude::*;
use leptos_meta::Title;

pub fn complex_href(id: ComplexId) -> String {
    format!("/catalogue/complexes/{id}")
}

/// A movement's name in the page's language.
pub(super) fn movement_name(locale: Locale, m: &Movement) -> String {
    match locale {
        Locale::fr => m.name_fr.clone(),
        Locale::en => m.name_en.clone(),
    }
}

// ----- The list -----

#[component]
pub fn ComplexesPage() -> impl IntoView {
    let page = loaded(complexes(), |list| {
        let count = list.items.len();
        view! {
            <div class="flex flex-wrap items-center justify-between gap-3">
                <h1 class="text-3xl font-bold">{tr!(catalogue.title)}</h1>
                {list.can_edit.then(|| view! {
                    <a href="/catalogue/complexes/new" class="btn-primary" data-testid="new-complex">{tr!(complexes.new_complex)}</a>
                })}
            </div>
            <CatalogueTabs active=Tab::Complexes can_edit=list.can_edit/>
            <p class="text-sm text-muted">{tr!(complexes.count, count = count)}</p>
            <ul class="grid grid-cols-1 gap-3 sm:grid-cols-2" data-testid="complex-list">
                {list.items.into_iter().map(complex_card).collect_view()}
            </ul>
        }
    });
    view! {
        <Title text=tr!(complexes.title)/>
        <section class="flex flex-col gap-6">
            {loading(page)}
        </section>
    }
}

pub(super) fn complex_card(item: ComplexItem) -> impl IntoView {
    view! {
        <RecordCard href=complex_href(item.id) testid="complex-item">
            <span class="font-semibold">{item.name.clone()}</span>
            <span class="flex flex-wrap gap-1 text-xs text-muted">
                {item.category.clone().map(|c| view! { <span>{c}</span> })}
                <span>" · " {tr!(complexes.movements_count, count = item.movements)}</span>
                {item.archived.then(|| view! { <span class="badge">{tr!(catalogue.archived)}</span> })}
            </span>
        </RecordCard>
    }
}

// ----- A complex -----

#[component]
pub fn ComplexPage() -> impl IntoView {
    detail_page(
        "/catalogue/complexes",
        tr!(complexes.back),
        ComplexId,
        complex,
        |detail| view! { <ComplexDetails detail/> },
    )
}

#[component]
pub(super) fn ComplexDetails(detail: ComplexDetail) -> impl IntoView {
    let locale = crate::lang::current();
    let (name, other) = crate::lang::name_pair(locale, &detail.name_fr, &detail.name_en);
    view! {
        <Title text=name.clone()/>
        <article class="flex flex-col gap-6">
            <header class="flex flex-wrap items-start justify-between gap-3">
                <div>
                    <h1 class="text-3xl font-bold" data-testid="complex-name">{name.clone()}</h1>
                    {other.map(|o| view! { <p class="text-lg text-muted">{o}</p> })}
                    {detail.category.clone().map(|c| view! { <p class="mt-1 text-sm text-muted">{c.name}</p> })}
                    {detail.archived.then(|| view! { <span class="badge mt-2 inline-block" data-testid="archived-badge">{tr!(catalogue.archived)}</span> })}
                </div>
                {detail.can_edit.then(|| view! {
                    <div class="flex flex-wrap gap-2">
                        <a href=format!("{}/edit", complex_href(detail.id)) class="btn-secondary">{tr!(catalogue.edit)}</a>
                        <RecordActions record=Record::Complex(detail.id) version=detail.version archived=detail.archived deletable=true name=name.clone()/>
                    </div>
                })}
            </header>
            <section class="card">
                <h2 class="mb-3 text-lg font-semibold">{tr!(complexes.movements)}</h2>
                <ol class="flex flex-col gap-2" data-testid="movements">
                    {detail
                        .movements
                        .iter()
                        .enumerate()
                        .map(|(i, m)| view! {
                            <li class="flex items-center gap-3" data-testid="movement">
                                <span class="badge">{i + 1}</span>
                                <a href=exercise_href(m.id) class="link">{movement_name(locale, m)}</a>
                                {m.archived.then(|| view! { <span class="badge">{tr!(catalogue.archived)}</span> })}
                            </li>
                        })
                        .collect_view()}
                </ol>
            </section>
        </article>
    }
}
