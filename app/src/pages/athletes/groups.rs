//! The club's groups (coaches): create one, rename it, archive or restore it, and choose who is
//! in it. The page is one island that asks the server for the groups again after each change.

use super::{AthleteTabs, athlete_href};
use crate::api::groups::{
    ArchiveGroup, CreateGroup, GroupView, Groups, GroupsPage, RenameGroup, SetInGroup, groups,
};
use crate::components::Field;
use crate::components::call::{Call, decode, post_action, send};
use crate::components::{Toaster, error_text, field_error, last_error};
use crate::components::{loaded, section_page};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::Choice;
use domain::{AthleteId, GroupId};
use leptos::prelude::*;

#[component]
pub fn AthleteGroupsPage() -> impl IntoView {
    let page = loaded(groups(), |page| view! { <GroupsEditor page/> });
    section_page(
        tr!(groups.title),
        tr!(athletes.title),
        view! { <AthleteTabs active="/athletes/groups"/> },
        page,
    )
}

/// The error line under a field, wired to it by `id`.
pub(super) fn error_line(id: String, message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <p id=id class="text-sm text-red-700 dark:text-red-400" role="alert">
            {move || message.get()}
        </p>
    }
}

/// The groups, active ones first (archived ones after them, dimmed), and the form creating one.
#[island(lazy = athletes)]
pub(super) fn GroupsEditor(page: GroupsPage) -> impl IntoView {
    let locale = crate::lang::current();
    let toaster = Toaster;
    let data = RwSignal::new(page);
    let refresh = move || {
        leptos::task::spawn_local(async move {
            match send(Call::new(&Groups {}))
                .await
                .and_then(|answer| decode(&answer))
            {
                Ok(fresh) => data.set(fresh),
                Err(e) => toaster.error(error_text(locale, &e)),
            }
        });
    };

    // Creating a group: a refused name is said under the field.
    let new_name = RwSignal::new(String::new());
    let create = post_action();
    let create_errors = last_error(create.value());
    let create_error = field_error(locale, create_errors, "name");
    Effect::new(move |_| match create.value().get() {
        Some(Ok(_)) => {
            new_name.set(String::new());
            toaster.success(td_string!(locale, groups.created).to_string());
            refresh();
        }
        Some(Err(AppError::Invalid(_))) | None => {}
        Some(Err(e)) => toaster.error(error_text(locale, &e)),
    });

    // Renaming: one group at a time, in place of its heading.
    let editing = RwSignal::new(None::<GroupId>);
    let edit_name = RwSignal::new(String::new());
    let rename_failed = RwSignal::new(None::<AppError>);
    let rename_error = field_error(locale, rename_failed.into(), "name");
    let rename = post_action();
    Effect::new(move |_| match rename.value().get() {
        Some(Ok(_)) => {
            editing.set(None);
            rename_failed.set(None);
            toaster.success(td_string!(locale, groups.renamed).to_string());
            refresh();
        }
        Some(Err(e @ AppError::Invalid(_))) => rename_failed.set(Some(e)),
        Some(Err(e)) => {
            editing.set(None);
            toaster.error(error_text(locale, &e));
            refresh();
        }
        None => {}
    });

    // Archiving, restoring, adding or removing an athlete: the message to show on success is
    // chosen when the change is sent; the groups are read again either way.
    let change = post_action();
    let done_message = StoredValue::new(String::new());
    let send_change = move |call: Call, done: String| {
        done_message.set_value(done);
        change.dispatch(call);
    };
    let archive = move |id: GroupId, version: i64, archived: bool| {
        let done = if archived {
            td_string!(locale, groups.archived_done)
        } else {
            td_string!(locale, groups.restored_done)
        };
        send_change(
            Call::new(&ArchiveGroup {
                id,
                version,
                archived,
            }),
            done.to_string(),
        );
    };
    let set_in_group = move |group_id: GroupId, athlete_id: AthleteId, member: bool| {
        let done = if member {
            td_string!(locale, groups.added)
        } else {
            td_string!(locale, groups.removed)
        };
        send_change(
            Call::new(&SetInGroup {
                group_id,
                athlete_id,
                member,
            }),
            done.to_string(),
        );
    };
    Effect::new(move |_| {
        match change.value().get() {
            Some(Ok(_)) => toaster.success(done_message.get_value()),
            Some(Err(e)) => toaster.error(error_text(locale, &e)),
            None => return,
        }
        refresh();
    });
    let busy = move || create.pending().get() || rename.pending().get() || change.pending().get();

    let card = move |group: GroupView, all: &[Choice]| {
        let GroupView {
            id,
            name,
            archived,
            version,
            athletes,
        } = group;
        let heading_id = format!("group-{id}-name");
        let rename_id = format!("group-{id}-rename");
        let rename_error_id = format!("group-{id}-rename-error");
        let add_id = format!("group-{id}-add");
        let candidates: Vec<Choice> = all
            .iter()
            .filter(|a| !athletes.iter().any(|m| m.id == a.id))
            .cloned()
            .collect();
        let club_has_athletes = !all.is_empty();
        let chosen = RwSignal::new(String::new());
        let count = athletes.len();

        let heading = {
            let (name, shown) = (name.clone(), name.clone());
            let (rename_label, archive_label) = (
                td_string!(locale, groups.rename_named, name = name.clone()).to_string(),
                if archived {
                    td_string!(locale, groups.restore_named, name = name.clone()).to_string()
                } else {
                    td_string!(locale, groups.archive_named, name = name.clone()).to_string()
                },
            );
            let heading_id = heading_id.clone();
            move || {
                let name = name.clone();
                view! {
                    <div class="flex flex-wrap items-center justify-between gap-2">
                        <div class="flex flex-wrap items-baseline gap-2">
                            <h2 id=heading_id.clone() class="text-lg font-semibold" data-testid="group-name">{shown.clone()}</h2>
                            {archived.then(|| view! { <span class="badge" data-testid="group-archived">{tr!(groups.archived_badge)}</span> })}
                            <span class="text-sm text-muted" data-testid="group-count">{tr!(groups.count, count = count)}</span>
                        </div>
                        <div class="flex flex-wrap gap-1">
                            <button
                                type="button"
                                class="btn-secondary text-sm"
                                aria-label=rename_label.clone()
                                disabled=busy
                                on:click=move |_| {
                                    rename_failed.set(None);
                                    edit_name.set(name.clone());
                                    editing.set(Some(id));
                                }
                            >
                                {tr!(groups.rename)}
                            </button>
                            <button
                                type="button"
                                class="btn-secondary text-sm"
                                aria-label=archive_label.clone()
                                disabled=busy
                                on:click=move |_| {
                                    archive(id, version, !archived);
                                }
                            >
                                {if archived { tr!(groups.restore) } else { tr!(groups.archive) }}
                            </button>
                        </div>
                    </div>
                }
            }
        };
        let rename_form = {
            let (rename_id, rename_error_id) = (rename_id.clone(), rename_error_id.clone());
            move || {
                let (rename_id, rename_error_id) = (rename_id.clone(), rename_error_id.clone());
                let described = rename_error_id.clone();
                // The field takes the focus as it replaces the heading.
                let field = NodeRef::<leptos::html::Input>::new();
                field.on_load(|input| {
                    let _ = input.focus();
                });
                view! {
                    <form
                        class="flex flex-wrap items-start gap-2"
                        novalidate=""
                        data-testid="rename-form"
                        on:submit=move |ev| {
                            ev.prevent_default();
                            rename.dispatch(Call::new(&RenameGroup { id, version, name: edit_name.get_untracked() }));
                        }
                    >
                        <Field id=rename_id.clone() label=tr!(groups.new_name) class="flex min-w-48 flex-1 flex-col gap-1">
                            <input
                                id=rename_id.clone()
                                node_ref=field
                                class="input"
                                autocomplete="off"
                                prop:value=move || edit_name.get()
                                on:input=move |ev| edit_name.set(event_target_value(&ev))
                                aria-invalid=move || rename_error.with(Option::is_some).then_some("true")
                                aria-describedby=described
                            />
                            {error_line(rename_error_id.clone(), rename_error)}
                        </Field>
                        <div class="flex gap-2 pt-6">
                            <button type="submit" class="btn-primary text-sm" disabled=busy>{tr!(groups.save)}</button>
                            <button type="button" class="btn-secondary text-sm" on:click=move |_| editing.set(None)>{tr!(groups.cancel)}</button>
                        </div>
                    </form>
                }
            }
        };
        let top = move || {
            if editing.get() == Some(id) {
                rename_form().into_any()
            } else {
                heading().into_any()
            }
        };

        let members = if athletes.is_empty() {
            view! { <p class="text-sm text-muted" data-testid="group-no-athletes">{tr!(groups.no_athletes)}</p> }.into_any()
        } else {
            view! {
                <ul class="divide-y divide-line" aria-labelledby=heading_id.clone() data-testid="group-athletes">
                    {athletes
                        .into_iter()
                        .map(|a| {
                            let athlete = AthleteId(a.id);
                            let remove_label = td_string!(locale, groups.remove_named, athlete = a.name.clone(), group = name.clone()).to_string();
                            view! {
                                <li class="flex items-center justify-between gap-2 py-1.5" data-testid="group-athlete">
                                    <a href=athlete_href(athlete) class="link">{a.name.clone()}</a>
                                    {(!archived).then(|| view! {
                                        <button
                                            type="button"
                                            class="btn-ghost-danger text-sm"
                                            aria-label=remove_label
                                            disabled=busy
                                            on:click=move |_| {
                                                set_in_group(id, athlete, false);
                                            }
                                        >
                                            {tr!(groups.remove)}
                                        </button>
                                    })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        };

        let adding = if archived {
            None
        } else if !club_has_athletes {
            Some(
                view! {
                    <p class="border-t border-line pt-3 text-sm text-muted">
                        {tr!(groups.club_has_no_athletes)} " "
                        <a href="/athletes/import" class="link">{tr!(groups.import_athletes)}</a>
                    </p>
                }
                .into_any(),
            )
        } else if candidates.is_empty() {
            Some(view! { <p class="border-t border-line pt-3 text-sm text-muted">{tr!(groups.everyone_in)}</p> }.into_any())
        } else {
            let add_label = td_string!(locale, groups.add_to, name = name.clone()).to_string();
            Some(view! {
                <form
                    class="flex flex-wrap items-end gap-2 border-t border-line pt-3"
                    data-testid="add-athlete-form"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        if let Ok(athlete) = chosen.get_untracked().parse::<i64>() {
                            set_in_group(id, AthleteId(athlete), true);
                        }
                    }
                >
                    <Field id=add_id.clone() label=tr!(groups.add_athlete) class="flex min-w-48 flex-1 flex-col gap-1">
                        <select
                            id=add_id.clone()
                            class="select"
                            prop:value=move || chosen.get()
                            on:change=move |ev| chosen.set(event_target_value(&ev))
                        >
                            <option value="">{tr!(groups.choose_athlete)}</option>
                            {candidates
                                .into_iter()
                                .map(|c| view! { <option value=c.id.to_string()>{c.name}</option> })
                                .collect_view()}
                        </select>
                    </Field>
                    <button
                        type="submit"
                        class="btn-secondary"
                        aria-label=add_label
                        disabled=move || busy() || chosen.with(String::is_empty)
                    >
                        {tr!(groups.add)}
                    </button>
                </form>
            }
            .into_any())
        };

        let class = if archived {
            "card flex flex-col gap-3 opacity-70"
        } else {
            "card flex flex-col gap-3"
        };
        view! {
            <li class=class aria-labelledby=heading_id data-testid="group-card" data-archived=archived.to_string()>
                {top}
                {members}
                {adding}
            </li>
        }
    };

    let list = move || {
        let GroupsPage { groups, athletes } = data.get();
        if groups.is_empty() {
            return view! { <p class="card text-muted" data-testid="groups-empty">{tr!(groups.empty)}</p> }
                .into_any();
        }
        let (active, archived): (Vec<GroupView>, Vec<GroupView>) =
            groups.into_iter().partition(|g| !g.archived);
        view! {
            <ul class="grid grid-cols-1 items-start gap-4 md:grid-cols-2" data-testid="groups">
                {active
                    .into_iter()
                    .chain(archived)
                    .map(|g| card(g, &athletes))
                    .collect_view()}
            </ul>
        }
        .into_any()
    };

    view! {
        <section class="card flex flex-col gap-3" aria-labelledby="new-group-title">
            <h2 id="new-group-title" class="text-lg font-semibold">{tr!(groups.new_group)}</h2>
            <p class="text-sm text-muted">{tr!(groups.help)}</p>
            <form
                class="flex flex-wrap items-start gap-3"
                novalidate=""
                data-testid="new-group-form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    create.dispatch(Call::new(&CreateGroup { name: new_name.get_untracked() }));
                }
            >
                <Field id="field-name" label=tr!(groups.name) class="flex min-w-60 flex-1 flex-col gap-1">
                    <input
                        id="field-name"
                        name="name"
                        class="input"
                        autocomplete="off"
                        prop:value=move || new_name.get()
                        on:input=move |ev| new_name.set(event_target_value(&ev))
                        aria-invalid=move || create_error.with(Option::is_some).then_some("true")
                        aria-describedby="field-name-error"
                    />
                    {error_line("field-name-error".to_owned(), create_error)}
                </Field>
                <div class="pt-6">
                    <button type="submit" class="btn-primary" disabled=busy>{tr!(groups.create)}</button>
                </div>
            </form>
        </section>
        {list}
    }
}
