//! The workout builder: title, category, description, and the ordered exercises and complexes,
//! each with its blocks typed as shorthand, read live (in the browser, by the domain's parser)
//! and shown back in words.

use super::draft::{Row, RowProblem, lexicon, read, read_blocks, rows, split_at_span};
use super::edit_href;
use crate::api::workouts::{CreateWorkout, UpdateWorkout, workout_editor};
use crate::components::call::{Call, decode, post_action};
use crate::components::reorder::{keyboard_target, move_item};
use crate::components::{Field, Toaster, error_text, form_page, loaded};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::{BuilderData, LiftChoice};
use domain::ExerciseId;
use domain::catalogue::search::fold;
use domain::workout::shorthand::{Language, ShorthandProblem, describe};
use domain::workout::{Lift, WorkoutCategoryId, WorkoutId, WorkoutInput};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn NewWorkoutPage() -> impl IntoView {
    let page = loaded(workout_editor(None), |editor| view! { <WorkoutBuilder editor/> });
    form_page(tr!(workouts.new_title), page)
}

#[component]
pub fn EditWorkoutPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse().ok()).map(WorkoutId));
    let page = loaded(
        async move {
            match id {
                Some(id) => workout_editor(Some(id)).await,
                None => Err(AppError::NotFound),
            }
        },
        |editor| view! { <WorkoutBuilder editor/> },
    );
    form_page(tr!(workouts.edit_title), page)
}

/// A lift's name in the page's language.
fn lift_name(locale: Locale, lift: &LiftChoice) -> String {
    match locale {
        Locale::fr => lift.name_fr.clone(),
        Locale::en => lift.name_en.clone(),
    }
}

/// A shorthand problem in words.
fn problem_text(locale: Locale, problem: &RowProblem) -> String {
    let shorthand = |p: &ShorthandProblem| match p {
        ShorthandProblem::Empty => td_string!(locale, workouts.problem_empty).to_string(),
        ShorthandProblem::TooLong { max } => {
            td_string!(locale, workouts.problem_too_long, max = *max).to_string()
        }
        ShorthandProblem::ExpectedNumber => td_string!(locale, workouts.problem_expected_number).to_string(),
        ShorthandProblem::ExpectedTimes => td_string!(locale, workouts.problem_expected_times).to_string(),
        ShorthandProblem::ExpectedIntensity => {
            td_string!(locale, workouts.problem_expected_intensity).to_string()
        }
        ShorthandProblem::MissingIntensity => {
            td_string!(locale, workouts.problem_missing_intensity).to_string()
        }
        ShorthandProblem::MissingUnit => td_string!(locale, workouts.problem_missing_unit).to_string(),
        ShorthandProblem::UnclosedParenthesis => td_string!(locale, workouts.problem_unclosed).to_string(),
        ShorthandProblem::UnknownExercise => {
            td_string!(locale, workouts.problem_unknown_exercise).to_string()
        }
        ShorthandProblem::AmbiguousExercise { .. } => {
            td_string!(locale, workouts.problem_ambiguous_exercise).to_string()
        }
        ShorthandProblem::OutOfRange { .. } => td_string!(locale, workouts.problem_out_of_range).to_string(),
        ShorthandProblem::TooManyBlocks { max } => {
            td_string!(locale, workouts.problem_too_many_blocks, max = *max).to_string()
        }
        ShorthandProblem::UnexpectedText => td_string!(locale, workouts.problem_unexpected).to_string(),
    };
    match problem {
        RowProblem::Shorthand(e) => format!(
            "{} {}",
            td_string!(locale, workouts.error_at, position = e.start + 1),
            shorthand(&e.problem)
        ),
        RowProblem::Movements { movements } => {
            td_string!(locale, workouts.reps_per_movement, count = *movements).to_string()
        }
        RowProblem::Tempo => td_string!(locale, workouts.tempo_help).to_string(),
    }
}

/// Builds a workout. Elements are added from a search of the club's lifts; each element's
/// blocks are typed as shorthand and read at every keystroke, in the browser. Elements move by
/// dragging, with Alt+↑/↓ or with their buttons, each move announced; a removed element comes
/// back with "Undo". Saving sends the version the builder opened, so a save made meanwhile in
/// another tab is refused with a message, never overwritten.
#[island(lazy = workouts)]
fn WorkoutBuilder(editor: BuilderData) -> impl IntoView {
    let locale = crate::lang::current();
    let language = if locale == Locale::en {
        Language::En
    } else {
        Language::Fr
    };
    let lifts = StoredValue::new(editor.lifts);
    let lexicon = StoredValue::new(lifts.with_value(|l| lexicon(l)));
    let lift = move |l: Lift| lifts.with_value(|all| all.iter().find(|c| c.lift == l).cloned());
    let movements = move |l: Lift| lift(l).map_or(1, |c| c.movements);
    let exercise_name = move |id: ExerciseId| {
        lifts.with_value(|all| {
            all.iter()
                .find(|c| c.lift == Lift::Exercise(id))
                .map(|c| c.short.clone().unwrap_or_else(|| lift_name(locale, c)))
        })
    };
    let input = editor.workout.unwrap_or_default();
    let title = RwSignal::new(input.title.clone());
    let category = RwSignal::new(input.category);
    let description = RwSignal::new(input.description.clone());
    let initial_rows = rows(&input.content, exercise_name);
    let next_key = StoredValue::new(u32::try_from(initial_rows.len()).unwrap_or(0));
    let elements = RwSignal::new(initial_rows);
    let target = StoredValue::new(editor.target);
    let dirty = RwSignal::new(false);
    let announcement = RwSignal::new(String::new());
    let dragging = RwSignal::new(None::<usize>);
    let removed = RwSignal::new(None::<(usize, Row)>);
    let conflict = RwSignal::new(false);
    let fix_first = RwSignal::new(false);
    let search = RwSignal::new(String::new());

    let changed = move || {
        dirty.set(true);
        fix_first.set(false);
    };
    let name_of = move |row: &Row| lift(row.lift).map(|c| lift_name(locale, &c)).unwrap_or_default();
    let announce_position = move |index: usize| {
        elements.with(|list| {
            if let Some(row) = list.get(index) {
                let text = td_string!(
                    locale,
                    workouts.moved,
                    name = name_of(row),
                    position = index + 1,
                    count = list.len()
                );
                announcement.set(text.to_string());
            }
        });
    };
    let shift = move |from: usize, to: usize| {
        elements.update(|list| move_item(list, from, to));
        announce_position(to);
        changed();
    };
    let add = move |choice: LiftChoice| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        elements.update(|list| {
            list.push(Row {
                key,
                lift: choice.lift,
                text: String::new(),
                tempo: String::new(),
                comment: String::new(),
            })
        });
        let count = elements.with(Vec::len);
        announcement.set(
            td_string!(
                locale,
                workouts.added,
                name = lift_name(locale, &choice),
                count = count
            )
            .to_string(),
        );
        search.set(String::new());
        changed();
        crate::components::browser::focus_later(format!("element-{key}-blocks"));
    };
    let duplicate = move |index: usize| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        elements.update(|list| {
            if let Some(row) = list.get(index).cloned() {
                list.insert(index + 1, Row { key, ..row });
            }
        });
        announce_position(index + 1);
        changed();
    };
    let remove = move |index: usize| {
        let taken = elements.try_update(|list| (index < list.len()).then(|| list.remove(index)));
        if let Some(Some(row)) = taken {
            announcement.set(td_string!(locale, workouts.removed, name = name_of(&row)).to_string());
            removed.set(Some((index, row)));
            changed();
        }
    };
    let undo = move |_| {
        if let Some((index, row)) = removed.get_untracked() {
            let name = name_of(&row);
            elements.update(|list| list.insert(index.min(list.len()), row));
            removed.set(None);
            announcement.set(td_string!(locale, workouts.restored, name = name).to_string());
        }
    };
    let edit_row = move |key: u32, apply: fn(&mut Row, String)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            elements.update(|list| {
                if let Some(row) = list.iter_mut().find(|r| r.key == key) {
                    apply(row, value);
                }
            });
            changed();
        }
    };

    // Leaving with unsaved changes asks first.
    #[cfg(feature = "hydrate")]
    {
        let guard = leptos::prelude::window_event_listener(leptos::ev::beforeunload, move |ev| {
            if dirty.get_untracked() {
                ev.prevent_default();
                ev.set_return_value("");
            }
        });
        on_cleanup(move || guard.remove());
    }

    let save_action = post_action();
    let pending = save_action.pending();
    Effect::new(move |_| {
        let Some(answer) = save_action.value().get() else {
            return;
        };
        match (answer, target.get_value()) {
            (Ok(text), None) => {
                if let Ok(id) = decode::<WorkoutId>(&text) {
                    dirty.set(false);
                    crate::components::browser::reload_to(&edit_href(id));
                }
            }
            (Ok(text), Some((id, _))) => {
                if let Ok(version) = decode::<i64>(&text) {
                    target.set_value(Some((id, version)));
                    dirty.set(false);
                    Toaster.success(td_string!(locale, workouts.saved).to_string());
                }
            }
            (Err(AppError::Conflict), _) => conflict.set(true),
            (Err(e), _) => Toaster.error(error_text(locale, &e)),
        }
    });
    let save = move || {
        let content = elements.with_untracked(|list| lexicon.with_value(|lx| read(list, lx, movements)));
        let content = match content {
            Ok(content) => content,
            Err(problems) => {
                fix_first.set(true);
                if let Some((i, _)) = problems.first() {
                    let key = elements.with_untracked(|l| l.get(*i).map(|r| r.key));
                    if let Some(key) = key {
                        crate::components::browser::focus_later(format!("element-{key}-blocks"));
                    }
                }
                return;
            }
        };
        let workout = WorkoutInput {
            title: title.get_untracked(),
            category: category.get_untracked(),
            description: description.get_untracked(),
            content,
        };
        match target.get_value() {
            Some((id, version)) => save_action.dispatch(Call::json(&UpdateWorkout { id, version, workout })),
            None => save_action.dispatch(Call::json(&CreateWorkout { workout })),
        };
    };
    let title_error = Signal::derive(move || {
        save_action.value().with(|v| match v {
            Some(Err(AppError::Invalid(fields))) => fields
                .iter()
                .find(|f| f.field == "title")
                .map(|f| crate::components::field_text(locale, f)),
            _ => None,
        })
    });

    let element_row = move |index: usize, row: Row| {
        let key = row.key;
        let name = name_of(&row);
        let choice = lift(row.lift);
        let is_complex = matches!(row.lift, Lift::Complex(_));
        let own = choice.as_ref().and_then(|c| exercise_name(c.reference));
        let parsed = Memo::new(move |_| {
            elements.with(|list| {
                list.iter()
                    .find(|r| r.key == key)
                    .map(|r| lexicon.with_value(|lx| read_blocks(r, lx, movements(r.lift))))
            })
        });
        let text_of = move || {
            elements.with(|list| {
                list.iter()
                    .find(|r| r.key == key)
                    .map(|r| r.text.clone())
                    .unwrap_or_default()
            })
        };
        let last = elements.with_untracked(Vec::len).saturating_sub(1);
        let (up, down, copy, out) = (
            tr!(workouts.move_up, name = name.clone()),
            tr!(workouts.move_down, name = name.clone()),
            tr!(workouts.duplicate_element, name = name.clone()),
            tr!(workouts.remove, name = name.clone()),
        );
        let blocks_id = format!("element-{key}-blocks");
        let words_id = format!("element-{key}-words");
        let error_id = format!("element-{key}-error");
        let tempo_id = format!("element-{key}-tempo");
        let comment_id = format!("element-{key}-comment");
        let invalid = move || parsed.with(|p| matches!(p, Some(Err(_))) && !text_of().trim().is_empty());
        view! {
            <li
                draggable="true"
                tabindex="0"
                data-testid="workout-element"
                aria-label=tr!(workouts.position, name = name.clone(), position = index + 1)
                class=move || {
                    let base = "card flex flex-col gap-3 focus-visible:outline-2 focus-visible:outline-brand-600";
                    if dragging.get() == Some(index) { format!("{base} opacity-60") } else { base.to_owned() }
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
                        crate::components::browser::focus_later(format!("element-{key}-blocks"));
                    }
                }
            >
                <div class="flex flex-wrap items-center gap-2">
                    <span aria-hidden="true" class="cursor-grab select-none px-1 text-muted">"⠿"</span>
                    <span class="badge">{index + 1}</span>
                    <h3 class="flex-1 font-semibold" data-testid="element-name">{name.clone()}</h3>
                    {is_complex.then(|| view! { <span class="badge">{tr!(workouts.complex)}</span> })}
                    <button type="button" class="icon-btn" aria-label=up disabled={index == 0} on:click=move |_| shift(index, index - 1)>"↑"</button>
                    <button type="button" class="icon-btn" aria-label=down disabled={index >= last} on:click=move |_| shift(index, index + 1)>"↓"</button>
                    <button type="button" class="icon-btn" aria-label=copy on:click=move |_| duplicate(index)>"⧉"</button>
                    <button type="button" class="icon-btn text-red-700 dark:text-red-400" aria-label=out on:click=move |_| remove(index)>"✕"</button>
                </div>
                <div class="flex flex-col gap-1">
                    <label for=blocks_id.clone() class="text-sm font-medium">{tr!(workouts.blocks)}</label>
                    <input
                        id=blocks_id.clone()
                        class="input font-mono"
                        autocomplete="off"
                        spellcheck="false"
                        prop:value=text_of
                        aria-invalid=move || invalid().to_string()
                        aria-describedby=format!("{words_id} {error_id}")
                        data-testid="element-blocks"
                        on:input=edit_row(key, |r, v| r.text = v)
                    />
                    <ul id=words_id class="text-sm text-muted" aria-live="polite" data-testid="element-words">
                        {move || parsed.with(|p| match p {
                            Some(Ok(blocks)) => describe(blocks, language, own.as_deref(), exercise_name)
                                .into_iter()
                                .map(|line| view! { <li>{line}</li> })
                                .collect_view()
                                .into_any(),
                            _ => ().into_any(),
                        })}
                    </ul>
                    <div id=error_id role="alert" data-testid="element-error">
                        {move || {
                            let text = text_of();
                            if text.trim().is_empty() {
                                return None;
                            }
                            parsed.with(|p| match p {
                                Some(Err(problem)) => {
                                    let marked = match problem {
                                        RowProblem::Shorthand(e) => {
                                            let (before, span, after) = split_at_span(&text, e);
                                            let span = if span.is_empty() { "␣".to_owned() } else { span };
                                            Some(view! {
                                                <code class="block font-mono text-xs" data-testid="element-error-span">
                                                    {before}<mark class="rounded bg-red-200 px-0.5 text-red-900 dark:bg-red-900 dark:text-red-100">{span}</mark>{after}
                                                </code>
                                            })
                                        }
                                        _ => None,
                                    };
                                    Some(view! {
                                        <p class="text-sm text-red-700 dark:text-red-400">{problem_text(locale, problem)}</p>
                                        {marked}
                                    })
                                }
                                _ => None,
                            })
                        }}
                    </div>
                </div>
                <div class="grid grid-cols-1 gap-3 sm:grid-cols-[8rem_1fr]">
                    <div class="flex flex-col gap-1">
                        <label for=tempo_id.clone() class="text-sm font-medium">{tr!(workouts.tempo)}</label>
                        <input id=tempo_id class="input font-mono" maxlength="4" placeholder="30X1" title=tr!(workouts.tempo_help)
                            prop:value=move || elements.with(|l| l.iter().find(|r| r.key == key).map(|r| r.tempo.clone()).unwrap_or_default())
                            on:input=edit_row(key, |r, v| r.tempo = v)/>
                    </div>
                    <div class="flex flex-col gap-1">
                        <label for=comment_id.clone() class="text-sm font-medium">{tr!(workouts.comment)}</label>
                        <input id=comment_id class="input" maxlength="500"
                            prop:value=move || elements.with(|l| l.iter().find(|r| r.key == key).map(|r| r.comment.clone()).unwrap_or_default())
                            on:input=edit_row(key, |r, v| r.comment = v)/>
                    </div>
                </div>
            </li>
        }
    };

    let results = move || {
        let query = fold(&search.get());
        if query.trim().is_empty() {
            return Vec::new();
        }
        lifts.with_value(|all| {
            all.iter()
                .filter(|c| !c.archived)
                .filter(|c| {
                    fold(&c.name_fr).contains(&query)
                        || fold(&c.name_en).contains(&query)
                        || c.short.as_deref().is_some_and(|s| fold(s) == query)
                })
                .take(8)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let categories = editor.categories;

    view! {
        <form
            class="flex flex-col gap-5"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                save();
            }
        >
            <div class="card grid grid-cols-1 gap-4 sm:grid-cols-2">
                <Field id="field-title" label=tr!(workouts.workout_title)>
                    <input id="field-title" class="input" maxlength="120" required
                        prop:value=move || title.get()
                        aria-invalid=move || title_error.get().is_some().to_string()
                        aria-describedby="field-title-error"
                        on:input=move |ev| { title.set(event_target_value(&ev)); changed(); }/>
                    <p id="field-title-error" class="text-sm text-red-700 dark:text-red-400" role="alert">{move || title_error.get()}</p>
                </Field>
                <Field id="field-category" label=tr!(workouts.category)>
                    <select id="field-category" class="select" on:change=move |ev| {
                        category.set(event_target_value(&ev).parse().ok().map(WorkoutCategoryId));
                        changed();
                    }>
                        <option value="">"—"</option>
                        {categories.into_iter().map(|c| {
                            let selected = category.get_untracked().map(|k| k.0) == Some(c.id);
                            view! { <option value=c.id.to_string() selected=selected>{c.name}</option> }
                        }).collect_view()}
                    </select>
                </Field>
                <div class="sm:col-span-2">
                    <Field id="field-description" label=tr!(workouts.description)>
                        <textarea id="field-description" class="input min-h-20" maxlength="4000"
                            prop:value=move || description.get()
                            on:input=move |ev| { description.set(event_target_value(&ev)); changed(); }></textarea>
                    </Field>
                </div>
            </div>

            <section class="flex flex-col gap-3" aria-labelledby="elements-title">
                <h2 id="elements-title" class="text-xl font-semibold">{tr!(workouts.elements)}</h2>
                <p class="text-xs text-muted" id="elements-help">{tr!(workouts.reorder_help)} " " {tr!(workouts.shorthand_help)}</p>
                <ol class="flex flex-col gap-3" data-testid="workout-elements" aria-describedby="elements-help">
                    {move || elements.get().into_iter().enumerate().map(|(i, row)| element_row(i, row)).collect_view()}
                </ol>
                {move || elements.with(Vec::is_empty).then(|| view! {
                    <p class="rounded-lg border border-dashed border-line p-3 text-sm text-muted">{tr!(workouts.no_element)}</p>
                })}
                {move || removed.get().map(|(_, row)| view! {
                    <div class="flex items-center gap-3 rounded-lg border border-line bg-surface-2 p-2 text-sm" data-testid="undo-bar">
                        <span>{td_string!(locale, workouts.removed, name = name_of(&row)).to_string()}</span>
                        <button type="button" class="btn-secondary text-sm" on:click=undo data-testid="undo-remove">{tr!(workouts.undo)}</button>
                    </div>
                })}
                <p class="sr-only" role="status" aria-live="polite" data-testid="builder-announcement">{move || announcement.get()}</p>
            </section>

            <Field id="lift-search" label=tr!(workouts.add)>
                <input id="lift-search" type="search" class="input" autocomplete="off" maxlength="100"
                    prop:value=move || search.get()
                    on:input=move |ev| search.set(event_target_value(&ev))
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            if let Some(first) = results().into_iter().next() {
                                add(first);
                            }
                        }
                    }/>
                <ul class="flex flex-wrap gap-2" data-testid="lift-results">
                    {move || results().into_iter().map(|c| {
                        let name = lift_name(locale, &c);
                        let label = tr!(workouts.add_named, name = name.clone());
                        view! {
                            <li>
                                <button type="button" class="btn-secondary text-sm" aria-label=label on:click=move |_| add(c.clone())>
                                    "+ " {name}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Field>

            <div role="alert" data-testid="form-alert">
                {move || fix_first.get().then(|| view! { <p class="alert-error">{tr!(workouts.fix_first)}</p> })}
                {move || conflict.get().then(|| view! {
                    <div class="alert-error flex flex-wrap items-center gap-3" data-testid="conflict">
                        <p>{tr!(workouts.conflict)}</p>
                        <button type="button" class="btn-secondary text-sm" on:click=move |_| {
                            dirty.set(false);
                            crate::components::browser::reload_here(None);
                        }>{tr!(workouts.reload)}</button>
                    </div>
                })}
            </div>
            <div class="flex flex-wrap items-center gap-3">
                <button type="submit" class="btn-primary" disabled=move || pending.get() data-testid="save-workout">{tr!(workouts.save)}</button>
                <a href="/workouts" class="btn-secondary">{tr!(workouts.cancel)}</a>
            </div>
        </form>
    }
}
