//! The club's lists: exercise categories, equipment and workout categories; add, rename,
//! delete (coaches).

use super::{CatalogueTabs, Tab};
use crate::api::catalogue::{CatalogueList, DeleteListEntry, SaveListEntry, catalogue_list};
use crate::components::Field;
use crate::components::call::{Call, ask, post_action};
use crate::components::{Toaster, confirm, error_text, field_error};
use crate::components::{loaded, section_page};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::ListEntry;
use leptos::prelude::*;

#[component]
pub fn ListsPage() -> impl IntoView {
    let lists = async {
        let categories = catalogue_list("category".to_owned()).await?;
        let equipment = catalogue_list("equipment".to_owned()).await?;
        Ok((categories, equipment, catalogue_list("workout".to_owned()).await?))
    };
    let page = loaded(lists, |(categories, equipment, workout)| {
        view! {
            <div class="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
                <ListEditor kind="category".to_owned() entries=categories/>
                <ListEditor kind="equipment".to_owned() entries=equipment/>
                <ListEditor kind="workout".to_owned() entries=workout/>
            </div>
        }
    });
    section_page(
        tr!(lists.title),
        tr!(catalogue.title),
        view! { <CatalogueTabs active=Tab::Lists can_edit=true/> },
        page,
    )
}

/// One list (`category`, `equipment` or `workout`): its entries with rename and delete, and a
/// form to add one.
#[island(lazy = catalogue)]
pub(super) fn ListEditor(kind: String, entries: Vec<ListEntry>) -> impl IntoView {
    let locale = crate::lang::current();
    let toaster = Toaster;
    let kind = StoredValue::new(kind);
    let entries = RwSignal::new(entries);
    // The entry being renamed, if any.
    let editing = RwSignal::new(None::<i64>);
    let reload = move || {
        leptos::task::spawn_local(async move {
            match ask(&CatalogueList {
                kind: kind.get_value(),
            })
            .await
            {
                Ok(fresh) => entries.set(fresh),
                Err(e) => toaster.error(error_text(locale, &e)),
            }
        });
    };
    let save = post_action();
    let save_entry = move |id: Option<i64>, name_fr: String, name_en: String| {
        save.dispatch(Call::new(&SaveListEntry {
            kind: kind.get_value(),
            id,
            name_fr,
            name_en,
        }));
    };
    let delete = post_action();
    let delete_entry = move |id: i64| {
        delete.dispatch(Call::new(&DeleteListEntry {
            kind: kind.get_value(),
            id,
        }));
    };
    let new_fr = RwSignal::new(String::new());
    let new_en = RwSignal::new(String::new());
    let edit_fr = RwSignal::new(String::new());
    let edit_en = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            editing.set(None);
            new_fr.set(String::new());
            new_en.set(String::new());
            toaster.success(td_string!(locale, lists.saved).to_string());
            reload();
        }
    });
    Effect::new(move |_| match delete.value().get() {
        Some(Ok(_)) => {
            toaster.success(td_string!(locale, lists.deleted).to_string());
            reload();
        }
        Some(Err(e)) => toaster.error(error_text(locale, &e)),
        None => {}
    });
    let errors = Signal::derive(move || {
        save.value()
            .with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned()))
    });
    let name_error = field_error(locale, errors, "name_fr");
    let other_error = Signal::derive(move || {
        errors.with(|e| match e {
            None | Some(AppError::Invalid(_)) => None,
            Some(e) => Some(error_text(locale, e)),
        })
    });
    let (title, prefix) = match kind.get_value().as_str() {
        "category" => (tr!(lists.categories), "category"),
        "equipment" => (tr!(lists.equipment), "equipment"),
        _ => (tr!(lists.workout_categories), "workout"),
    };

    let row = move |entry: ListEntry| {
        let id = entry.id;
        let name = entry.name_fr.clone();
        let (name, count) = (name.clone(), entry.uses);
        let question = match prefix {
            "category" => {
                td_string!(locale, lists.delete_category_confirm, name = name, count = count).to_string()
            }
            "equipment" => {
                td_string!(locale, lists.delete_equipment_confirm, name = name, count = count).to_string()
            }
            _ => td_string!(
                locale,
                lists.delete_workout_category_confirm,
                name = name,
                count = count
            )
            .to_string(),
        };
        let (fr, en) = (entry.name_fr.clone(), entry.name_en.clone());
        view! {
            <li class="flex flex-col gap-2 py-2" data-testid="list-entry">
                {move || if editing.get() == Some(id) {
                    view! {
                        <form
                            class="flex flex-col gap-2"
                            on:submit=move |ev| {
                                ev.prevent_default();
                                save_entry(Some(id), edit_fr.get_untracked(), edit_en.get_untracked());
                            }
                        >
                            <div class="grid grid-cols-1 gap-2 sm:grid-cols-2">
                                <input class="input" aria-label=tr!(catalogue.name_fr) prop:value=move || edit_fr.get() on:input=move |ev| edit_fr.set(event_target_value(&ev))/>
                                <input class="input" aria-label=tr!(catalogue.name_en) prop:value=move || edit_en.get() on:input=move |ev| edit_en.set(event_target_value(&ev))/>
                            </div>
                            <p class="text-sm text-red-700 dark:text-red-400" role="alert">{move || name_error.get()}</p>
                            <div class="flex gap-2">
                                <button type="submit" class="btn-primary text-sm">{tr!(catalogue.save)}</button>
                                <button type="button" class="btn-secondary text-sm" on:click=move |_| editing.set(None)>{tr!(catalogue.cancel)}</button>
                            </div>
                        </form>
                    }
                    .into_any()
                } else {
                    let (fr, en, question) = (fr.clone(), en.clone(), question.clone());
                    let (fr_edit, en_edit) = (fr.clone(), en.clone());
                    view! {
                        <div class="flex flex-wrap items-center justify-between gap-2">
                            <span>
                                <span class="font-medium">{fr.clone()}</span>
                                {(en != fr).then(|| view! { <span class="text-sm text-muted">" · " {en.clone()}</span> })}
                                <span class="ml-2 text-xs text-muted">{td_string!(locale, lists.uses, count = entry.uses).to_string()}</span>
                            </span>
                            <span class="flex gap-1">
                                <button
                                    type="button"
                                    class="btn-secondary text-sm"
                                    aria-label=tr!(lists.rename_named, name = fr.clone())
                                    on:click=move |_| {
                                        edit_fr.set(fr_edit.clone());
                                        edit_en.set(en_edit.clone());
                                        editing.set(Some(id));
                                    }
                                >
                                    {tr!(lists.rename)}
                                </button>
                                <button
                                    type="button"
                                    class="btn-ghost-danger text-sm"
                                    aria-label=tr!(lists.delete_named, name = fr.clone())
                                    on:click=move |_| {
                                        if confirm(&question) {
                                            delete_entry(id);
                                        }
                                    }
                                >
                                    {tr!(catalogue.delete)}
                                </button>
                            </span>
                        </div>
                    }
                    .into_any()
                }}
            </li>
        }
    };

    let new_fr_id = format!("{prefix}-new-fr");
    let new_en_id = format!("{prefix}-new-en");
    view! {
        <section class="card flex flex-col gap-3" id=format!("list-{prefix}") data-testid=format!("list-{prefix}")>
            <h2 class="text-xl font-semibold">{title}</h2>
            <ul class="divide-y divide-line">
                {move || entries.get().into_iter().map(row).collect_view()}
            </ul>
            <form
                class="flex flex-col gap-2 border-t border-line pt-3"
                on:submit=move |ev| {
                    ev.prevent_default();
                    editing.set(None);
                    save_entry(None, new_fr.get_untracked(), new_en.get_untracked());
                }
            >
                <div class="grid grid-cols-1 gap-2 sm:grid-cols-2">
                    <Field id=new_fr_id.clone() label=tr!(catalogue.name_fr)>
                        <input id=new_fr_id class="input" prop:value=move || new_fr.get() on:input=move |ev| new_fr.set(event_target_value(&ev))/>
                    </Field>
                    <Field id=new_en_id.clone() label=tr!(catalogue.name_en)>
                        <input id=new_en_id class="input" prop:value=move || new_en.get() on:input=move |ev| new_en.set(event_target_value(&ev))/>
                    </Field>
                </div>
                <p class="text-sm text-red-700 dark:text-red-400" role="alert">
                    {move || editing.get().is_none().then(|| name_error.get().or_else(|| other_error.get())).flatten()}
                </p>
                <button type="submit" class="btn-secondary self-start" disabled=move || save.pending().get()>{tr!(lists.add)}</button>
            </form>
        </section>
    }
}
