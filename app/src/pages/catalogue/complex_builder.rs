//! The complex builder: search the catalogue and add movements, order them, name the complex.

use super::complexes::{complex_href, movement_name};
use super::{CatalogueSearch, edit_page};
use crate::api::catalogue::{CreateComplex, MovementCandidates, UpdateComplex, catalogue_choices, complex};
use crate::components::Field;
use crate::components::call::{Call, ask, create_or_update, post_action};
use crate::components::form_page;
use crate::components::loaded;
use crate::components::reorder::{keyboard_target, move_item};
use crate::components::{FormAlert, Toaster, error_text, field_error};
use crate::i18n::*;
use crate::model::{Choice, ComplexDetail, Movement};
use domain::catalogue::complex_name;
use domain::service::catalogue::ComplexInput;
use domain::{CategoryId, ComplexId};
use leptos::prelude::*;

// ----- The builder -----

#[component]
pub fn NewComplexPage() -> impl IntoView {
    let page = loaded(catalogue_choices(), |choices| {
        view! { <ComplexBuilder categories=choices.categories existing=None/> }
    });
    form_page(tr!(complexes.new_title), page)
}

#[component]
pub fn EditComplexPage() -> impl IntoView {
    edit_page(
        tr!(complexes.edit_title),
        ComplexId,
        complex,
        |d| d.can_edit,
        |choices, detail| {
            view! { <ComplexBuilder categories=choices.categories existing=Some(detail)/> }
        },
    )
}

/// Builds a complex: search the catalogue and add movements, order them by dragging, with
/// Alt+↑/↓ on a focused movement, or with its buttons; each move is announced to screen readers.
/// The names default to the movements joined by " + " (shown as the fields' placeholders).
#[island(lazy = catalogue)]
pub(super) fn ComplexBuilder(categories: Vec<Choice>, existing: Option<ComplexDetail>) -> impl IntoView {
    let locale = crate::lang::current();
    let toaster = Toaster;
    let movements = RwSignal::new(existing.as_ref().map(|e| e.movements.clone()).unwrap_or_default());
    let name_fr = RwSignal::new(existing.as_ref().map(|e| e.name_fr.clone()).unwrap_or_default());
    let name_en = RwSignal::new(existing.as_ref().map(|e| e.name_en.clone()).unwrap_or_default());
    // An existing complex named after its movements keeps following them.
    if let Some(e) = &existing {
        let fr = complex_name(e.movements.iter().map(|m| m.name_fr.as_str()));
        let en = complex_name(e.movements.iter().map(|m| m.name_en.as_str()));
        if e.name_fr == fr && e.name_en == en {
            name_fr.set(String::new());
            name_en.set(String::new());
        }
    }
    let category = RwSignal::new(existing.as_ref().and_then(|e| e.category.as_ref().map(|c| c.id)));
    let announcement = RwSignal::new(String::new());
    let dragging = RwSignal::new(None::<usize>);
    let results = RwSignal::new(Vec::<Movement>::new());
    let latest = StoredValue::new(0u64);

    let default_fr = move || movements.with(|m| complex_name(m.iter().map(|m| m.name_fr.as_str())));
    let default_en = move || movements.with(|m| complex_name(m.iter().map(|m| m.name_en.as_str())));

    let announce_position = move |index: usize| {
        movements.with(|list| {
            if let Some(m) = list.get(index) {
                announcement.set(
                    td_string!(
                        locale,
                        complexes.moved,
                        name = movement_name(locale, m),
                        position = index + 1,
                        count = list.len()
                    )
                    .to_string(),
                );
            }
        });
    };
    let shift = move |from: usize, to: usize| {
        movements.update(|list| move_item(list, from, to));
        announce_position(to);
    };
    let add = move |m: Movement| {
        let name = movement_name(locale, &m);
        movements.update(|list| list.push(m));
        let count = movements.with(Vec::len);
        announcement.set(td_string!(locale, complexes.added, name = name, count = count).to_string());
    };
    let remove = move |index: usize| {
        let removed = movements.try_update(|list| (index < list.len()).then(|| list.remove(index)));
        if let Some(Some(m)) = removed {
            announcement
                .set(td_string!(locale, complexes.removed, name = movement_name(locale, &m)).to_string());
        }
    };
    let search = move |text: String| {
        let asked = latest.get_value() + 1;
        latest.set_value(asked);
        if text.trim().is_empty() {
            results.set(Vec::new());
            return;
        }
        leptos::task::spawn_local(async move {
            let found = ask::<_, Vec<Movement>>(&MovementCandidates { q: text }).await;
            if latest.get_value() == asked {
                match found {
                    Ok(found) => results.set(found),
                    Err(e) => toaster.error(error_text(locale, &e)),
                }
            }
        });
    };

    let create = post_action();
    let update = post_action();
    let errors = create_or_update(create, update, complex_href);
    let pending = Signal::derive(move || create.pending().get() || update.pending().get());
    let target = existing.as_ref().map(|e| (e.id, e.version));
    let save = move || {
        let ids = movements.with(|list| list.iter().map(|m| m.id).collect::<Vec<_>>());
        let (fr, en, cat) = (
            name_fr.get_untracked(),
            name_en.get_untracked(),
            category.get_untracked(),
        );
        let complex = ComplexInput {
            name_fr: fr,
            name_en: en,
            category: cat.map(CategoryId),
            movements: ids,
        };
        match target {
            Some((id, version)) => {
                update.dispatch(Call::json(&UpdateComplex { id, version, complex }));
            }
            None => {
                create.dispatch(Call::json(&CreateComplex { complex }));
            }
        }
    };
    let movements_error = field_error(locale, errors, "movements");
    let name_fr_error = field_error(locale, errors, "name_fr");
    let name_en_error = field_error(locale, errors, "name_en");
    let cancel = existing
        .as_ref()
        .map_or_else(|| "/catalogue/complexes".to_owned(), |e| complex_href(e.id));

    let movement_row = move |index: usize, m: Movement| {
        let name = movement_name(locale, &m);
        let (up, down, out) = (
            tr!(complexes.move_up, name = name.clone()),
            tr!(complexes.move_down, name = name.clone()),
            tr!(complexes.remove, name = name.clone()),
        );
        let last = movements.with_untracked(Vec::len).saturating_sub(1);
        view! {
            <li
                draggable="true"
                tabindex="0"
                data-testid="builder-movement"
                aria-label=tr!(complexes.position, name = name.clone(), position = index + 1)
                class=move || {
                    let base = "flex items-center gap-2 rounded-lg border bg-surface-1 p-2 focus-visible:outline-2 focus-visible:outline-brand-600";
                    if dragging.get() == Some(index) { format!("{base} border-brand-500 opacity-60") } else { format!("{base} border-line") }
                }
                on:dragstart=move |ev| {
                    dragging.set(Some(index));
                    #[cfg(feature = "hydrate")]
                    if let Some(data) = ev.data_transfer() {
                        let _ = data.set_data("text/plain", &index.to_string());
                        data.set_effect_allowed("move");
                    }
                    #[cfg(not(feature = "hydrate"))]
                    let _ = ev;
                }
                on:dragend=move |_| dragging.set(None)
                on:dragover=move |ev| ev.prevent_default()
                on:drop=move |ev| {
                    ev.prevent_default();
                    if let Some(from) = dragging.get_untracked() {
                        shift(from, index);
                    }
                    dragging.set(None);
                }
                on:keydown=move |ev| {
                    if let Some(to) = keyboard_target(&ev.key(), ev.alt_key(), index, last + 1) {
                        ev.prevent_default();
                        shift(index, to);
                    }
                }
            >
                <span aria-hidden="true" class="cursor-grab select-none px-1 text-muted">"⠿"</span>
                <span class="badge">{index + 1}</span>
                <span class="flex-1 font-medium" data-testid="builder-movement-name">{name.clone()}</span>
                {m.archived.then(|| view! { <span class="badge">{tr!(catalogue.archived)}</span> })}
                <button type="button" class="icon-btn" aria-label=up disabled={index == 0} on:click=move |_| shift(index, index - 1)>"↑"</button>
                <button type="button" class="icon-btn" aria-label=down disabled={index >= last} on:click=move |_| shift(index, index + 1)>"↓"</button>
                <button type="button" class="icon-btn text-red-700 dark:text-red-400" aria-label=out on:click=move |_| remove(index)>"✕"</button>
            </li>
        }
    };

    view! {
        <form
            class="card flex flex-col gap-5"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                save();
            }
        >
            <fieldset class="flex flex-col gap-2">
                <legend class="mb-1 text-sm font-medium">{tr!(complexes.movements)}</legend>
                <p class="text-xs text-muted" id="movements-help">{tr!(complexes.reorder_help)}</p>
                <ol class="flex flex-col gap-2" data-testid="builder-movements" aria-describedby="movements-help">
                    {move || movements.get().into_iter().enumerate().map(|(i, m)| movement_row(i, m)).collect_view()}
                </ol>
                {move || movements.with(Vec::is_empty).then(|| view! {
                    <p class="rounded-lg border border-dashed border-line p-3 text-sm text-muted">{tr!(complexes.no_movement)}</p>
                })}
                <p id="field-movements-error" class="text-sm text-red-700 dark:text-red-400" role="alert">{move || movements_error.get()}</p>
                <p class="sr-only" role="status" aria-live="polite" data-testid="builder-announcement">{move || announcement.get()}</p>
            </fieldset>

            <Field id="movement-search" label=tr!(complexes.add)>
                <CatalogueSearch
                    id="movement-search"
                    on:input=move |ev| search(event_target_value(&ev))
                    on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); }
                />
                <ul class="flex flex-wrap gap-2" data-testid="movement-results">
                    {move || results.get().into_iter().map(|m| {
                        let name = movement_name(locale, &m);
                        let label = tr!(complexes.add_named, name = name.clone());
                        view! {
                            <li>
                                <button type="button" class="btn-secondary text-sm" aria-label=label on:click=move |_| add(m.clone())>
                                    "+ " {name}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Field>

            <div class="grid grid-cols-1 gap-4 sm:grid-cols-2">
                {name_field("field-name_fr", tr!(catalogue.name_fr), name_fr, default_fr, name_fr_error)}
                {name_field("field-name_en", tr!(catalogue.name_en), name_en, default_en, name_en_error)}
            </div>
            <p id="names-hint" class="-mt-3 text-xs text-muted">{tr!(complexes.names_hint)}</p>

            <Field id="field-category" label=tr!(catalogue.category)>
                <select
                    id="field-category"
                    class="select"
                    on:change=move |ev| category.set(event_target_value(&ev).parse().ok())
                >
                    <option value="">"—"</option>
                    {categories
                        .into_iter()
                        .map(|c| {
                            let selected = category.get_untracked() == Some(c.id);
                            view! { <option value=c.id.to_string() selected=selected>{c.name}</option> }
                        })
                        .collect_view()}
                </select>
            </Field>

            <FormAlert errors/>
            <div class="flex flex-wrap items-center gap-3">
                <button type="submit" class="btn-primary" disabled=move || pending.get()>{tr!(catalogue.save)}</button>
                <a href=cancel class="btn-secondary">{tr!(catalogue.cancel)}</a>
            </div>
        </form>
    }
}

/// One of the complex's names (French or English): its default, the movements joined, shows
/// as the placeholder.
fn name_field(
    id: &'static str,
    label: String,
    value: RwSignal<String>,
    default: impl Fn() -> String + Send + Sync + 'static,
    error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <Field id label>
            <input
                id=id
                class="input"
                prop:value=move || value.get()
                placeholder=default
                aria-describedby="names-hint"
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <p class="text-sm text-red-700 dark:text-red-400" role="alert">{move || error.get()}</p>
        </Field>
    }
}
