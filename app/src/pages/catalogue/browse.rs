//! The catalogue's list: search, filters, sort and the exercises.

use super::{CatalogueSearch, RecordCard};
use super::{CatalogueTabs, Tab, exercise_href};
use crate::api::catalogue::{Catalogue, catalogue};
use crate::components::Field;
use crate::components::call::ask;
use crate::components::{Toaster, error_text};
use crate::components::{failure, loading};
use crate::i18n::*;
use crate::model::{CatalogueView, Choice, ExerciseItem};
use domain::catalogue::browse::{CatalogueQuery, Sort, Status};
use domain::{CategoryId, EquipmentId};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CataloguePage() -> impl IntoView {
    let locale = crate::lang::current();
    let query = use_query_map().with_untracked(|q| CatalogueQuery {
        q: q.get("q").unwrap_or_default(),
        category: q.get("category").and_then(|c| c.parse().ok()).map(CategoryId),
        equipment: q.get("equipment").and_then(|e| e.parse().ok()).map(EquipmentId),
        status: Status::parse(&q.get("status").unwrap_or_default()),
        sort: Sort::parse(&q.get("sort").unwrap_or_default()),
    });
    let page = Suspend::new(async move {
        match catalogue(query.clone(), 0).await {
            Ok(view) => {
                let can_edit = view.can_edit;
                view! {
                    <div class="flex flex-wrap items-center justify-between gap-3">
                        <h1 class="text-3xl font-bold">{tr!(catalogue.title)}</h1>
                        {can_edit.then(|| view! {
                            <a href="/catalogue/new" class="btn-primary" data-testid="new-exercise">{tr!(catalogue.new_exercise)}</a>
                        })}
                    </div>
                    <CatalogueTabs active=Tab::Exercises can_edit/>
                    <CatalogueBrowser query view/>
                }
                .into_any()
            }
            Err(e) => view! {
                <h1 class="text-3xl font-bold">{tr!(catalogue.title)}</h1>
                {failure(locale, e)}
            }
            .into_any(),
        }
    });
    view! {
        <Title text=tr!(catalogue.title)/>
        <section class="flex flex-col gap-6">
            {loading(page)}
        </section>
    }
}

/// Search, filters, sort and the list. Without WASM the filters are a plain GET form; once
/// hydrated, the list follows every keystroke and the address keeps the query, so a reload or a
/// shared link shows the same view.
#[island(lazy = catalogue)]
pub(super) fn CatalogueBrowser(query: CatalogueQuery, view: CatalogueView) -> impl IntoView {
    let locale = crate::lang::current();
    let toaster = Toaster;
    let query = RwSignal::new(query);
    let view = RwSignal::new(view);
    // Responses can arrive out of order: only the latest request's answer is shown.
    let latest = StoredValue::new(0u64);
    // How many exercises to show: a page, and another each time the coach asks for more.
    let limit = StoredValue::new(crate::api::catalogue::PAGE);
    let load = move || {
        let asked = latest.get_value() + 1;
        latest.set_value(asked);
        let wanted = query.get_untracked();
        keep_in_address(&wanted);
        leptos::task::spawn_local(async move {
            let answer = ask::<_, CatalogueView>(&Catalogue {
                query: wanted,
                limit: limit.get_value(),
            })
            .await;
            if latest.get_value() != asked {
                return;
            }
            match answer {
                Ok(fresh) => view.set(fresh),
                Err(e) => toaster.error(error_text(locale, &e)),
            }
        });
    };
    // A new query starts again from the first page.
    let refresh = move || {
        limit.set_value(crate::api::catalogue::PAGE);
        load();
    };
    let more = move |_| {
        limit.set_value(limit.get_value() + crate::api::catalogue::PAGE);
        load();
    };
    // Typing waits for a short pause before asking the server.
    let typed = move |text: String| {
        query.update(|q| q.q = text);
        let asked = latest.get_value();
        set_timeout(
            move || {
                if latest.get_value() == asked {
                    refresh();
                }
            },
            std::time::Duration::from_millis(150),
        );
    };
    // What a filter does when it changes: `apply` reads the value chosen into the query.
    let changed = move |apply: fn(&mut CatalogueQuery, &str)| {
        move |value: String| {
            query.update(|q| apply(q, &value));
            refresh();
        }
    };

    let categories = view.with_untracked(|v| v.lists.categories.clone());
    let equipment = view.with_untracked(|v| v.lists.equipment.clone());
    let CatalogueQuery {
        q: initial_q,
        category,
        equipment: equipment_id,
        status,
        sort,
    } = query.get_untracked();
    let options = |list: Vec<Choice>, selected: Option<i64>| {
        list.into_iter()
            .map(|c| view! { <option value=c.id.to_string() selected=Some(c.id) == selected>{c.name}</option> })
            .collect_view()
    };
    let count = move || {
        view.with(|v| td_string!(locale, catalogue.count, matching = v.matching, total = v.total).to_string())
    };
    let remaining = move || view.with(|v| v.matching.saturating_sub(v.items.len()));

    view! {
        <form
            method="get"
            action="/catalogue"
            role="search"
            class="card flex flex-col gap-4"
            on:submit=move |ev| {
                ev.prevent_default();
                refresh();
            }
        >
            <Field id="catalogue-search" label=tr!(catalogue.search)>
                <CatalogueSearch
                    id="catalogue-search"
                    attr:name="q"
                    attr:value=initial_q
                    on:input=move |ev| typed(event_target_value(&ev))
                />
            </Field>
            <div class="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
                <Filter
                    id="catalogue-category"
                    name="category"
                    label=tr!(catalogue.category)
                    on_change=changed(|q, v| q.category = v.parse().ok().map(CategoryId))
                >
                    <option value="">{tr!(catalogue.all_categories)}</option>
                    {options(categories, category.map(|c| c.0))}
                </Filter>
                <Filter
                    id="catalogue-equipment"
                    name="equipment"
                    label=tr!(catalogue.equipment)
                    on_change=changed(|q, v| q.equipment = v.parse().ok().map(EquipmentId))
                >
                    <option value="">{tr!(catalogue.all_equipment)}</option>
                    {options(equipment, equipment_id.map(|e| e.0))}
                </Filter>
                <Filter
                    id="catalogue-status"
                    name="status"
                    label=tr!(catalogue.status)
                    on_change=changed(|q, v| q.status = Status::parse(v))
                >
                    <option value="active" selected=status == Status::Active>{tr!(catalogue.status_active)}</option>
                    <option value="archived" selected=status == Status::Archived>{tr!(catalogue.status_archived)}</option>
                    <option value="all" selected=status == Status::All>{tr!(catalogue.status_all)}</option>
                </Filter>
                <Filter id="catalogue-sort" name="sort" label=tr!(catalogue.sort) on_change=changed(|q, v| q.sort = Sort::parse(v))>
                    <option value="relevance" selected=sort == Sort::Relevance>{tr!(catalogue.sort_relevance)}</option>
                    <option value="name" selected=sort == Sort::Name>{tr!(catalogue.sort_name)}</option>
                    <option value="category" selected=sort == Sort::Category>{tr!(catalogue.sort_category)}</option>
                </Filter>
            </div>
            <noscript>
                <button type="submit" class="btn-secondary self-start">{tr!(catalogue.apply)}</button>
            </noscript>
        </form>
        <p class="text-sm text-muted" role="status" aria-live="polite" data-testid="catalogue-count">{count}</p>
        <ul class="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="exercise-list">
            {move || view.with(|v| v.items.iter().cloned().map(exercise_card).collect_view())}
        </ul>
        {move || view.with(|v| v.items.is_empty()).then(|| view! {
            <p class="card text-muted" data-testid="catalogue-empty">{tr!(catalogue.empty)}</p>
        })}
        {move || (remaining() > 0).then(|| view! {
            <button type="button" class="btn-secondary self-center" on:click=more>
                {td_string!(locale, catalogue.more, count = remaining().min(crate::api::catalogue::PAGE)).to_string()}
            </button>
        })}
    }
}

/// One of the list's filters: a choice among its options (the children); `on_change` is given
/// the value chosen.
#[component]
fn Filter<C, F>(
    id: &'static str,
    name: &'static str,
    label: String,
    on_change: F,
    children: TypedChildren<C>,
) -> impl IntoView
where
    C: IntoView + 'static,
    F: Fn(String) + Send + 'static,
{
    let options = children.into_inner();
    view! {
        <Field id label>
            <select id=id name=name class="select" on:change=move |ev| on_change(event_target_value(&ev))>
                {options()}
            </select>
        </Field>
    }
}

pub(super) fn exercise_card(item: ExerciseItem) -> impl IntoView {
    view! {
        <RecordCard href=exercise_href(item.id) testid="exercise-item">
            <span class="flex items-start justify-between gap-2">
                <span class="font-semibold">{item.name.clone()}</span>
                {item.short_name.clone().map(|s| view! { <span class="badge shrink-0">{s}</span> })}
            </span>
            {item.other_name.clone().map(|n| view! { <span class="text-sm text-muted">{n}</span> })}
            <span class="mt-1 flex flex-wrap gap-1 text-xs text-muted">
                {item.category.clone().map(|c| view! { <span>{c}</span> })}
                {item.equipment.clone().map(|e| view! { <span>" · " {e}</span> })}
                {item.archived.then(|| view! { <span class="badge">{tr!(catalogue.archived)}</span> })}
            </span>
        </RecordCard>
    }
}

/// Writes the query into the address bar without reloading, so reload and share keep the view.
pub(super) fn keep_in_address(query: &CatalogueQuery) {
    #[cfg(feature = "hydrate")]
    {
        let search = query.to_query_string();
        let url = if search.is_empty() {
            "/catalogue".to_owned()
        } else {
            format!("/catalogue?{search}")
        };
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = query;
}
