//! The workout builder: title, category, description, and the ordered exercises and complexes,
//! each with its blocks typed as shorthand, read live (in the browser, by the domain's parser)
//! and shown back in words, with the loads and metrics of the athletes previewed.

use super::draft::{Row, RowProblem, lexicon, read, read_blocks, split_at_span};
use super::preview::{AthletePreview, MetricsTable, PrilepinTable, athlete_preview};
use super::{edit_href, lift_name};
use crate::api::planning::EditSessionContent;
use crate::api::workouts::{CreateWorkout, UpdateWorkout, WorkoutPreview, workout_editor};
use crate::components::call::{Call, decode, post_action, send};
use crate::components::reorder::{keyboard_target, move_item};
use crate::components::{
    Field, Toaster, error_text, focus_later, id_param, loaded, reload_to, wide_form_page,
};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::{BuilderData, BuilderTarget, LiftChoice, PreviewData};
use crate::pages::planning::session_href;
use domain::catalogue::search::fold;
use domain::workout::metrics::{AthleteLoads, LiftInfo, WorkoutMetrics, WorkoutPlan};
use domain::workout::shorthand::{self, Language, ShorthandProblem, describe};
use domain::workout::{Element, Lift, WorkoutCategoryId, WorkoutContent, WorkoutId, WorkoutInput};
use domain::{AthleteId, ComplexId, ExerciseId, GroupId};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn NewWorkoutPage() -> impl IntoView {
    let page = loaded(workout_editor(None), |editor| view! { <WorkoutBuilder editor/> });
    wide_form_page(tr!(workouts.new_title), page)
}

#[component]
pub fn EditWorkoutPage() -> impl IntoView {
    let id = id_param(WorkoutId);
    // Server-rendered beside the builder (a new workout opens here once saved): plan it next.
    let plan = id.as_ref().ok().map(|id| {
        view! {
            <a href=crate::pages::planning::plan_href(*id) class="link w-fit text-sm" data-testid="plan-workout-link">{tr!(planning.plan_it)}</a>
        }
    });
    let page = loaded(
        async move { workout_editor(Some(id?)).await },
        |editor| view! { <WorkoutBuilder editor/> },
    );
    view! {
        {plan}
        {wide_form_page(tr!(workouts.edit_title), page)}
    }
}

/// The call that saves what the builder edits: a workout or a session over the version the
/// builder opened, or a new workout.
type SaveCall = fn(Option<BuilderTarget>, WorkoutInput) -> Call;

/// The code that makes [`SaveCall`]s, loaded on the first "Save": the JSON encoder of a
/// workout's content is needed only then. Like the athletes' preview it rides in the `account`
/// module (`preview.rs` says why), usually already cached.
async fn save_call() -> SaveCall {
    #[cfg(feature = "hydrate")]
    {
        save_call_code().await
    }
    #[cfg(not(feature = "hydrate"))]
    {
        save_call_code()
    }
}

#[cfg_attr(
    feature = "hydrate",
    leptos::wasm_split::wasm_split(account, wasm_split_path = ::leptos::wasm_split)
)]
fn save_call_code() -> SaveCall {
    |target, workout| match target {
        Some(BuilderTarget::Workout(id, version)) => Call::json(&UpdateWorkout { id, version, workout }),
        Some(BuilderTarget::Session(id, version)) => Call::json(&EditSessionContent { id, version, workout }),
        None => Call::json(&CreateWorkout { workout }),
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

/// What the preview shows: the metrics without an athlete, or the loads and metrics of each
/// athlete previewed.
#[derive(Debug, Clone, PartialEq)]
enum Computed {
    Preview(WorkoutMetrics),
    Athletes(Vec<AthleteLoads>),
}

/// The block move a click asks for: the `data-move` ("from to") of the button clicked (for a
/// key, of the button focused).
fn block_move(ev: &leptos::ev::Event) -> Option<(usize, usize)> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
        let button = target.closest("button[data-move]").ok()??;
        let text = button.get_attribute("data-move")?;
        let (from, to) = text.split_once(' ')?;
        Some((from.parse().ok()?, to.parse().ok()?))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        None
    }
}

/// What a pointer drags: an element (its key), or a block of an element (the element's key
/// and the block's index). Only the browser starts drags.
#[derive(Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Drag {
    Element(u32),
    Block(u32, usize),
}

/// What a pointer pressed on a drag handle starts dragging; the handle captures the pointer.
#[cfg(feature = "hydrate")]
fn drag_start(ev: &leptos::ev::PointerEvent) -> Option<Drag> {
    use wasm_bindgen::JsCast;
    let handle = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let key = handle
        .closest("[data-element-key]")
        .ok()??
        .get_attribute("data-element-key")?
        .parse()
        .ok()?;
    let drag = if handle.has_attribute("data-element-handle") {
        Drag::Element(key)
    } else if handle.has_attribute("data-block-handle") {
        Drag::Block(
            key,
            handle
                .parent_element()?
                .get_attribute("data-block")?
                .parse()
                .ok()?,
        )
    } else {
        return None;
    };
    let _ = handle.set_pointer_capture(ev.pointer_id());
    Some(drag)
}

/// The block under the point (`clientX`, `clientY`) among the blocks of the element `key`,
/// while a pointer drags one of them; that line is marked as where the block would go.
#[cfg(feature = "hydrate")]
fn block_at(key: u32, x: i32, y: i32) -> Option<usize> {
    let hit = document().element_from_point(x as f32, y as f32)?;
    let line = hit.closest("li[data-block]").ok()??;
    if line.parent_element()?.id() != format!("element-{key}-words") {
        return None;
    }
    let over = line.get_attribute("data-block")?.parse().ok()?;
    mark_block(key, Some(&line));
    Some(over)
}

/// Marks `line` of the element `key`'s blocks as the drop target (`data-over`; none: no line).
#[cfg(feature = "hydrate")]
fn mark_block(key: u32, line: Option<&web_sys::Element>) {
    if let Some(list) = document().get_element_by_id(&format!("element-{key}-words"))
        && let Ok(Some(marked)) = list.query_selector("[data-over]")
    {
        let _ = marked.remove_attribute("data-over");
    }
    if let Some(line) = line {
        let _ = line.set_attribute("data-over", "");
    }
}

/// The key of the element under the point (`clientX`, `clientY`), while a pointer drags.
#[cfg(feature = "hydrate")]
fn element_key_at(x: i32, y: i32) -> Option<u32> {
    let hit = document().element_from_point(x as f32, y as f32)?;
    let row = hit.closest("[data-element-key]").ok()??;
    row.get_attribute("data-element-key")?.parse().ok()
}

/// Builds a workout. Elements are added from a search of the club's lifts; each element's
/// blocks are typed as shorthand and read at every keystroke, in the browser. Elements move by
/// dragging their handle (mouse, pen or touch), with Alt+↑/↓ or with their buttons, and so do
/// an element's blocks (in its text), each move announced; a removed element comes back with
/// "Undo". "Preview for" fetches an athlete's or a
/// group's maxes once; their kilograms and the metrics then follow every keystroke. Saving
/// sends the version the builder opened, so a save made meanwhile in another tab is refused
/// with a message, never overwritten.
#[island(lazy = workouts)]
pub(crate) fn WorkoutBuilder(editor: BuilderData) -> impl IntoView {
    let locale = crate::lang::current();
    let language = if locale == Locale::en {
        Language::En
    } else {
        Language::Fr
    };
    let lifts = StoredValue::new(editor.lifts);
    let lexicon = StoredValue::new(lifts.with_value(|l| lexicon(l)));
    let counting = editor.counting;
    let lift = move |l: Lift| lifts.with_value(|all| all.iter().find(|c| c.lift == l).cloned());
    let movements = move |l: Lift| lift(l).map_or(1, |c| c.movements);
    let exercise_name = move |id: ExerciseId| {
        lifts.with_value(|all| {
            all.iter()
                .find(|c| c.lift == Lift::Exercise(id))
                .map(|c| c.short.clone().unwrap_or_else(|| lift_name(locale, c)))
        })
    };
    let full_name = move |id: ExerciseId| {
        lift(Lift::Exercise(id))
            .map(|c| lift_name(locale, &c))
            .unwrap_or_default()
    };
    let title = RwSignal::new(editor.title);
    let category = RwSignal::new(editor.category);
    let description = RwSignal::new(editor.description);
    let initial_rows = editor.rows;
    let next_key = StoredValue::new(u32::try_from(initial_rows.len()).unwrap_or(0));
    let elements = RwSignal::new(initial_rows);
    let target = StoredValue::new(editor.target);
    let (for_session, cancel) = match editor.target {
        Some(BuilderTarget::Session(id, _)) => (true, session_href(id)),
        _ => (false, "/workouts".to_owned()),
    };
    let dirty = RwSignal::new(false);
    let announcement = RwSignal::new(String::new());
    let dragging = RwSignal::new(None::<u32>);
    let drop_on = RwSignal::new(None::<u32>);
    let removed = RwSignal::new(None::<(usize, Row)>);
    let conflict = RwSignal::new(false);
    let fix_first = RwSignal::new(false);
    let search = RwSignal::new(String::new());
    let preview_date = RwSignal::new(editor.today.to_string());
    // The athletes previewed, with the preview's code that works their loads out.
    let previewed = RwSignal::new(None::<(AthletePreview, Arc<PreviewData>)>);
    let asked = StoredValue::new(0u32);

    let position = move |key: u32| elements.with(|list| list.iter().position(|r| r.key == key));
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
        focus_later(format!("element-{key}-blocks"));
    };
    let duplicate = move |key: u32| {
        let copy = next_key.get_value();
        next_key.set_value(copy + 1);
        let Some(index) = position(key) else { return };
        elements.update(|list| {
            if let Some(row) = list.get(index).cloned() {
                list.insert(index + 1, Row { key: copy, ..row });
            }
        });
        announce_position(index + 1);
        changed();
    };
    let remove = move |key: u32| {
        let Some(index) = position(key) else { return };
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
    // A block of an element moves in its text (kept as typed), announced; the focus goes to the
    // moved block's button that can still move it the same way, else the other one.
    // A block a pointer drags (see `Drag::Block`) and the line it is over.
    let block_drag = StoredValue::new(None::<(Drag, usize)>);
    let move_block = move |key: u32, from: usize, to: usize, count: usize| {
        let moved = elements
            .try_update(|list| {
                let row = list.iter_mut().find(|r| r.key == key)?;
                row.text = lexicon.with_value(|lx| shorthand::move_block(&row.text, lx, from, to))?;
                Some(())
            })
            .flatten()
            .is_some();
        if moved {
            announcement
                .set(td_string!(locale, workouts.block_moved, position = to + 1, count = count).to_string());
            changed();
            let up = (to < from && to > 0) || (to > from && to + 1 == count);
            focus_later(format!(
                "element-{key}-block-{to}-{}",
                if up { "up" } else { "down" }
            ));
        }
    };
    let end_drag = move || {
        dragging.set(None);
        drop_on.set(None);
        #[cfg(feature = "hydrate")]
        if let Some((Drag::Block(key, ..), _)) = block_drag.get_value() {
            mark_block(key, None);
        }
        block_drag.set_value(None);
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
    let field_of = move |key: u32, read: fn(&Row) -> &String| {
        move || {
            elements.with(|list| {
                list.iter()
                    .find(|r| r.key == key)
                    .map(|r| read(r).clone())
                    .unwrap_or_default()
            })
        }
    };

    // The content as far as it reads (a row that does not read has no block yet), and what the
    // preview makes of it.
    let content = Memo::new(move |_| {
        elements.with(|list| {
            lexicon.with_value(|lx| WorkoutContent {
                elements: list
                    .iter()
                    .map(|r| Element::new(r.lift, read_blocks(r, lx, movements(r.lift)).unwrap_or_default()))
                    .collect(),
            })
        })
    });
    let info = move |id: ComplexId| {
        lift(Lift::Complex(id)).map(|c| LiftInfo {
            reference: c.reference,
            main_movement: c.main_movement,
        })
    };
    let computed = Memo::new(move |_| {
        let plan = content.with(|c| WorkoutPlan::new(c, info));
        let date = preview_date.with(|d| domain::day::parse(d));
        previewed.with(|p| match (p, date) {
            (Some((kit, data)), Some(date)) if !data.athletes.is_empty() => {
                Computed::Athletes((kit.loads)(&plan, data, date))
            }
            _ => Computed::Preview(plan.preview(counting)),
        })
    });
    let choose = move |value: String| {
        let (athlete, group) = match value.split_once('-') {
            Some(("a", id)) => (id.parse().ok().map(AthleteId), None),
            Some(("g", id)) => (None, id.parse().ok().map(GroupId)),
            _ => (None, None),
        };
        let ask_id = asked.get_value() + 1;
        asked.set_value(ask_id);
        if athlete.is_none() && group.is_none() {
            previewed.set(None);
            return;
        }
        leptos::task::spawn_local(async move {
            let answer = send(Call::new(&WorkoutPreview { athlete, group })).await;
            let kit = athlete_preview().await;
            let found = answer.and_then(|text| (kit.open)(&text));
            if asked.get_value() == ask_id {
                match found {
                    Ok(found) => previewed.set(Some((kit, Arc::new(found)))),
                    Err(e) => Toaster.error(error_text(locale, &e)),
                }
            }
        });
    };

    // Leaving with unsaved changes asks first.
    #[cfg(feature = "hydrate")]
    {
        let guard = window_event_listener(leptos::ev::beforeunload, move |ev| {
            if dirty.get_untracked() {
                ev.prevent_default();
                ev.set_return_value("");
            }
        });
        on_cleanup(move || guard.remove());
    }

    let save_action = post_action();
    let pending = save_action.pending();
    // Between "Save" and the call: the save's code is loading (see `save_call`).
    let preparing = RwSignal::new(false);
    Effect::new(move |_| {
        let Some(answer) = save_action.value().get() else {
            return;
        };
        match (answer, target.get_value()) {
            (Ok(text), None) => {
                if let Ok(id) = decode::<WorkoutId>(&text) {
                    dirty.set(false);
                    reload_to(&edit_href(id));
                }
            }
            (Ok(text), Some(BuilderTarget::Workout(id, _))) => {
                if let Ok(version) = decode::<i64>(&text) {
                    target.set_value(Some(BuilderTarget::Workout(id, version)));
                    dirty.set(false);
                    Toaster.success(td_string!(locale, workouts.saved).to_string());
                }
            }
            // A session's content saved: back to the session, with its kilograms.
            (Ok(_), Some(BuilderTarget::Session(id, _))) => {
                dirty.set(false);
                reload_to(&session_href(id));
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
                if let Some((i, _)) = problems.first()
                    && let Some(key) = elements.with_untracked(|l| l.get(*i).map(|r| r.key))
                {
                    focus_later(format!("element-{key}-blocks"));
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
        let target = target.get_value();
        preparing.set(true);
        leptos::task::spawn_local(async move {
            let call = save_call().await;
            preparing.set(false);
            save_action.dispatch(call(target, workout));
        });
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

    // One element, made once for its key: what it shows follows the list reactively, so typing
    // in it never rebuilds it (the focus stays), and a move only moves it.
    let element_row = move |key: u32| {
        let row = elements.with_untracked(|l| l.iter().find(|r| r.key == key).cloned());
        let Some(row) = row else { return ().into_any() };
        let name = name_of(&row);
        let choice = lift(row.lift);
        let is_complex = matches!(row.lift, Lift::Complex(_));
        let own = choice.as_ref().and_then(|c| exercise_name(c.reference));
        let index = Memo::new(move |_| position(key).unwrap_or(0));
        let count = Memo::new(move |_| elements.with(Vec::len));
        let text_of = field_of(key, |r| &r.text);
        let parsed = Memo::new(move |_| {
            elements.with(|list| {
                list.iter()
                    .find(|r| r.key == key)
                    .map(|r| lexicon.with_value(|lx| read_blocks(r, lx, movements(r.lift))))
            })
        });
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
        let invalid = move || parsed.with(|p| matches!(p, Some(Err(_)))) && !text_of().trim().is_empty();
        let label_name = name.clone();
        let block_count =
            move || parsed.with(|p| p.as_ref().and_then(|r| r.as_ref().ok()).map_or(0, Vec::len));
        view! {
            <li
                tabindex="0"
                data-testid="workout-element"
                data-element-key=key.to_string()
                aria-label=move || td_string!(locale, workouts.position, name = label_name.clone(), position = index.get() + 1).to_string()
                class=move || {
                    let base = "card flex flex-col gap-3 focus-visible:outline-2 focus-visible:outline-brand-600";
                    if dragging.get() == Some(key) {
                        format!("{base} opacity-60")
                    } else if drop_on.get() == Some(key) && dragging.get().is_some() {
                        format!("{base} ring-2 ring-brand-500")
                    } else {
                        base.to_owned()
                    }
                }
                on:keydown=move |ev| {
                    // Only the element itself: Alt+arrows in its fields belong to them.
                    if ev.target() != ev.current_target() {
                        return;
                    }
                    if let Some(to) = keyboard_target(&ev.key(), ev.alt_key(), index.get_untracked(), count.get_untracked()) {
                        ev.prevent_default();
                        shift(index.get_untracked(), to);
                        focus_later(format!("element-{key}"));
                    }
                }
                id=format!("element-{key}")
            >
                <div class="flex flex-wrap items-center gap-2">
                    <span
                        aria-hidden="true"
                        class="cursor-grab touch-none select-none px-1 text-lg text-muted"
                        data-testid="element-handle"
                        data-element-handle=""
                    >"⠿"</span>
                    <span class="badge">{move || index.get() + 1}</span>
                    <h3 class="min-w-0 flex-1 font-semibold" data-testid="element-name">{name.clone()}</h3>
                    {is_complex.then(|| view! { <span class="badge">{tr!(workouts.complex)}</span> })}
                    // On a phone the buttons take a row of their own: a long name keeps its width.
                    <div class="ml-auto flex w-full justify-end gap-1 sm:w-auto">
                        <button type="button" class="icon-btn" aria-label=up disabled=move || { index.get() == 0 } on:click=move |_| shift(index.get_untracked(), index.get_untracked().saturating_sub(1))>"↑"</button>
                        <button type="button" class="icon-btn" aria-label=down disabled=move || { index.get() + 1 >= count.get() } on:click=move |_| shift(index.get_untracked(), index.get_untracked() + 1)>"↓"</button>
                        <button type="button" class="icon-btn" aria-label=copy data-testid="duplicate-element" on:click=move |_| duplicate(key)>"❐"</button>
                        <button type="button" class="icon-btn text-red-700 dark:text-red-400" aria-label=out data-testid="remove-element" on:click=move |_| remove(key)>"✕"</button>
                    </div>
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
                    <ul id=words_id class="text-sm text-muted" aria-live="polite" data-testid="element-words"
                        on:click=move |ev| {
                            let count = block_count();
                            if let Some((from, to)) = block_move(&ev)
                                && from != to
                            {
                                move_block(key, from, to, count);
                            }
                        }
                        // Alt+↑/↓ on a block's button moves it too, as on an element.
                        on:keydown=move |ev| {
                            let count = block_count();
                            if let Some((from, _)) = block_move(&ev)
                                && let Some(to) = keyboard_target(&ev.key(), ev.alt_key(), from, count)
                            {
                                ev.prevent_default();
                                move_block(key, from, to, count);
                            }
                        }>
                        {move || parsed.with(|p| match p {
                            Some(Ok(blocks)) => {
                                describe(blocks, language, own.as_deref(), exercise_name)
                                    .into_iter()
                                    .enumerate()
                                    .map(|(j, line)| view! {
                                        // Each block moves up or down in the text (one handler, on
                                        // the list). The first block has no "up", the last no
                                        // "down" (hidden by CSS: invisible buttons take no focus);
                                        // the glyphs are hidden so that the live region reads the
                                        // words only.
                                        <li class="group flex items-center gap-1 rounded ring-brand-500 data-[over]:ring-2" data-block=j.to_string()>
                                            <span aria-hidden="true" data-block-handle="" class="cursor-grab touch-none select-none px-1 text-muted group-only:invisible">"⠿"</span>
                                            <span class="min-w-0 flex-1">{line}</span>
                                            <button type="button" class="icon-btn group-first:invisible" id=format!("element-{key}-block-{j}-up")
                                                aria-label=td_string!(locale, workouts.block_up, n = j + 1).to_string()
                                                data-move=format!("{j} {}", j.saturating_sub(1))>
                                                <span aria-hidden="true">"↑"</span>
                                            </button>
                                            <button type="button" class="icon-btn group-last:invisible" id=format!("element-{key}-block-{j}-down")
                                                aria-label=td_string!(locale, workouts.block_down, n = j + 1).to_string()
                                                data-move=format!("{j} {}", j + 1)>
                                                <span aria-hidden="true">"↓"</span>
                                            </button>
                                        </li>
                                    })
                                    .collect_view()
                                    .into_any()
                            }
                            _ => ().into_any(),
                        })}
                    </ul>
                    {move || match computed.get() {
                        Computed::Athletes(loads) if block_count() > 0 => previewed.with(|p| {
                            p.as_ref().map(|(kit, data)| {
                                let lines = (kit.block_loads)(locale, data, &loads, index.get(), block_count());
                                view! {
                                    <ul class="flex flex-col gap-1 rounded-lg bg-surface-2 p-2" data-testid="element-loads">{lines}</ul>
                                }
                            })
                        }),
                        _ => None,
                    }}
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
                            prop:value=field_of(key, |r| &r.tempo)
                            on:input=edit_row(key, |r, v| r.tempo = v)/>
                    </div>
                    <div class="flex flex-col gap-1">
                        <label for=comment_id.clone() class="text-sm font-medium">{tr!(workouts.comment)}</label>
                        <input id=comment_id class="input" maxlength="500"
                            prop:value=field_of(key, |r| &r.comment)
                            on:input=edit_row(key, |r, v| r.comment = v)/>
                    </div>
                </div>
            </li>
        }
        .into_any()
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
    let athletes = editor.athletes;
    let groups = editor.groups;
    let element_names = move || elements.with(|list| list.iter().map(name_of).collect::<Vec<_>>());

    view! {
        <form
            class="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,1fr)_26rem] lg:items-start"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                save();
            }
        >
            <div class="flex min-w-0 flex-col gap-5">
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
                    // A session has no description of its own (its workout's stays on the workout).
                    {(!for_session).then(|| view! {
                        <div class="sm:col-span-2">
                            <Field id="field-description" label=tr!(workouts.description)>
                                <textarea id="field-description" class="input min-h-20" maxlength="4000"
                                    prop:value=move || description.get()
                                    on:input=move |ev| { description.set(event_target_value(&ev)); changed(); }></textarea>
                            </Field>
                        </div>
                    })}
                </div>

                <section class="flex flex-col gap-3" aria-labelledby="elements-title">
                    <h2 id="elements-title" class="text-xl font-semibold">{tr!(workouts.elements)}</h2>
                    <p class="text-xs text-muted" id="elements-help">{tr!(workouts.reorder_help)} " " {tr!(workouts.shorthand_help)}</p>
                    // Drags start on a handle, an element's or a block's: one set of handlers here
                    // for both (mouse, pen or touch; the handle captures the pointer).
                    <ol class="flex flex-col gap-3" data-testid="workout-elements" aria-describedby="elements-help"
                        on:pointerdown=move |ev| {
                            #[cfg(feature = "hydrate")]
                            match drag_start(&ev) {
                                Some(Drag::Element(key)) => {
                                    ev.prevent_default();
                                    dragging.set(Some(key));
                                    drop_on.set(Some(key));
                                }
                                Some(block @ Drag::Block(_, from)) => {
                                    ev.prevent_default();
                                    block_drag.set_value(Some((block, from)));
                                }
                                None => {}
                            }
                            #[cfg(not(feature = "hydrate"))]
                            let _ = ev;
                        }
                        on:pointermove=move |ev| {
                            #[cfg(feature = "hydrate")]
                            if dragging.get_untracked().is_some() {
                                if let Some(over) = element_key_at(ev.client_x(), ev.client_y()) {
                                    drop_on.set(Some(over));
                                }
                            } else if let Some((block @ Drag::Block(key, ..), _)) = block_drag.get_value()
                                && let Some(over) = block_at(key, ev.client_x(), ev.client_y())
                            {
                                block_drag.set_value(Some((block, over)));
                            }
                            #[cfg(not(feature = "hydrate"))]
                            let _ = ev;
                        }
                        on:pointerup=move |_| {
                            if let Some(key) = dragging.get_untracked()
                                && let Some(over) = drop_on.get_untracked()
                                && let (Some(from), Some(to)) = (position(key), position(over))
                            {
                                shift(from, to);
                            }
                            if let Some((Drag::Block(key, from), to)) = block_drag.get_value()
                                && from != to
                            {
                                let count = elements.with_untracked(|list| {
                                    list.iter().find(|r| r.key == key).map_or(0, |r| {
                                        lexicon.with_value(|lx| read_blocks(r, lx, movements(r.lift)).map_or(0, |b| b.len()))
                                    })
                                });
                                move_block(key, from, to, count);
                            }
                            end_drag();
                        }
                        on:pointercancel=move |_| end_drag()
                    >
                        <For each=move || elements.with(|l| l.iter().map(|r| r.key).collect::<Vec<_>>()) key=|key| *key let:key>
                            {element_row(key)}
                        </For>
                    </ol>
                    {move || elements.with(Vec::is_empty).then(|| view! {
                        <p class="rounded-lg border border-dashed border-line p-3 text-sm text-muted">{tr!(workouts.no_element)}</p>
                    })}
                    {move || removed.get().map(|(_, row)| view! {
                        // A toast under the list, held at the screen's bottom while the list goes
                        // past it (sticky: it keeps its place in the page, so it never covers the
                        // buttons below the list). It stays until Undo or Close, never timed.
                        <div class="sticky bottom-4 z-40 flex items-center gap-3 rounded-lg border-l-4 border-brand-600 bg-surface px-4 py-3 text-sm shadow-lg sm:max-w-md print:hidden" data-testid="undo-bar">
                            <span class="min-w-0 flex-1">{td_string!(locale, workouts.removed, name = name_of(&row)).to_string()}</span>
                            <button type="button" class="btn-secondary text-sm" on:click=undo data-testid="undo-remove">{tr!(workouts.undo)}</button>
                            <button type="button" class="icon-btn" aria-label=tr!(common.close) on:click=move |_| removed.set(None)>"✕"</button>
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
                    <button type="submit" class="btn-primary" disabled=move || pending.get() || preparing.get() data-testid="save-workout">{tr!(workouts.save)}</button>
                    <a href=cancel class="btn-secondary">{tr!(workouts.cancel)}</a>
                </div>
            </div>

            <aside class="card flex flex-col gap-4 lg:sticky lg:top-4" aria-labelledby="preview-title">
                <h2 id="preview-title" class="text-lg font-semibold">{tr!(workouts.metrics_title)}</h2>
                <div class="grid grid-cols-1 gap-3 sm:grid-cols-2">
                    <Field id="preview-for" label=tr!(workouts.preview_for)>
                        <select id="preview-for" class="select" data-testid="preview-for" on:change=move |ev| choose(event_target_value(&ev))>
                            <option value="">{tr!(workouts.preview_none)}</option>
                            <optgroup label=tr!(workouts.preview_athletes)>
                                {athletes.into_iter().map(|a| view! { <option value=format!("a-{}", a.id)>{a.name}</option> }).collect_view()}
                            </optgroup>
                            <optgroup label=tr!(workouts.preview_groups)>
                                {groups.into_iter().map(|g| view! { <option value=format!("g-{}", g.id)>{g.name}</option> }).collect_view()}
                            </optgroup>
                        </select>
                    </Field>
                    <Field id="preview-date" label=tr!(workouts.preview_date)>
                        <input id="preview-date" type="date" class="input" prop:value=move || preview_date.get()
                            on:change=move |ev| preview_date.set(event_target_value(&ev))/>
                    </Field>
                </div>
                {move || match computed.get() {
                    Computed::Preview(metrics) => view! {
                        <MetricsTable metrics=metrics.clone() names=element_names() with_loads=false/>
                        <h3 class="font-semibold">{tr!(workouts.prilepin_title)}</h3>
                        <p class="text-xs text-muted">{tr!(workouts.prilepin_help)}</p>
                        <PrilepinTable names=metrics.prilepin.iter().map(|p| full_name(p.exercise)).collect() prilepin=metrics.prilepin/>
                    }.into_any(),
                    Computed::Athletes(loads) => {
                        let first = loads.into_iter().next();
                        // For one athlete, the maxes their loads come from.
                        let maxes_used = previewed.with(|p| {
                            p.as_ref()
                                .filter(|(_, data)| data.athletes.len() == 1)
                                .map(|(kit, _)| kit.maxes_used)
                        });
                        let single = maxes_used.is_some();
                        first.map(|loads| {
                            let maxes = maxes_used.map(|show| show(locale, &loads, &full_name));
                            let metrics = loads.metrics;
                            view! {
                                {maxes}
                                <MetricsTable metrics=metrics.clone() names=element_names() with_loads=single/>
                                <h3 class="font-semibold">{tr!(workouts.prilepin_title)}</h3>
                                <p class="text-xs text-muted">{tr!(workouts.prilepin_help)}</p>
                                <PrilepinTable names=metrics.prilepin.iter().map(|p| full_name(p.exercise)).collect() prilepin=metrics.prilepin/>
                            }
                        }).into_any()
                    }
                }}
            </aside>
        </form>
    }
}
