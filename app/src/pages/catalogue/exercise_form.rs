//! The exercise form: a new exercise, or an existing one edited.

use super::edit_page;
use super::exercise_href;
use crate::api::catalogue::{CreateExercise, UpdateExercise, catalogue_choices, exercise};
use crate::components::Field;
use crate::components::call::{create_or_update, post_action};
use crate::components::form_page;
use crate::components::loaded;
use crate::components::{SaveForm, TextField, field_error};
use crate::error::AppError;
use crate::model::{Choice, ExerciseChoices, ExerciseDetail};
use domain::ExerciseId;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn NewExercisePage() -> impl IntoView {
    let page = loaded(
        catalogue_choices(),
        |choices| view! { <ExerciseForm choices existing=None/> },
    );
    form_page(tr!(catalogue.new_title), page)
}

#[component]
pub fn EditExercisePage() -> impl IntoView {
    edit_page(
        tr!(catalogue.edit_title),
        ExerciseId,
        exercise,
        |d| d.can_edit,
        |choices, detail| {
            view! { <ExerciseForm choices existing=Some(detail)/> }
        },
    )
}

/// Creates an exercise, or edits `existing` (with the version it was read at, so a concurrent
/// change is refused rather than overwritten). Each problem shows next to its field.
#[island(lazy = catalogue)]
pub(super) fn ExerciseForm(choices: ExerciseChoices, existing: Option<ExerciseDetail>) -> impl IntoView {
    let create = post_action();
    let update = post_action();
    let error = create_or_update(create, update, exercise_href);
    let fields = view! { <ExerciseFields choices existing=existing.clone() errors=error/> };
    let back = existing
        .as_ref()
        .map_or_else(|| "/catalogue".to_owned(), |e| exercise_href(e.id));
    let saved = existing.as_ref().map(|e| (e.id.0, e.version));
    view! {
        <SaveForm to=(CreateExercise::PATH, UpdateExercise::PATH) actions=(create, update) existing=saved errors=error
            save=tr!(catalogue.save) cancel=tr!(catalogue.cancel) back>
            {fields}
        </SaveForm>
    }
}

#[component]
pub(super) fn ExerciseFields(
    choices: ExerciseChoices,
    existing: Option<ExerciseDetail>,
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let locale = crate::lang::current();
    let e = existing.clone();
    let value = move |f: fn(&ExerciseDetail) -> Option<String>| e.as_ref().and_then(f).unwrap_or_default();
    let description = value(|e| e.description.clone());
    let select = move |name: &'static str, label: String, list: Vec<Choice>, selected: Option<i64>| {
        let id = format!("field-{name}");
        let error = field_error(locale, errors, name);
        view! {
            <Field id=id.clone() label>
                <select id=id name=name class="select">
                    <option value="">"—"</option>
                    {list
                        .into_iter()
                        .map(|c| view! { <option value=c.id.to_string() selected=Some(c.id) == selected>{c.name}</option> })
                        .collect_view()}
                </select>
                <p class="text-sm text-red-700 dark:text-red-400" role="alert">{move || error.get()}</p>
            </Field>
        }
    };
    let description_error = field_error(locale, errors, "description");
    view! {
        <div class="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <TextField name="name_fr" label=tr!(catalogue.name_fr) errors value=value(|e| Some(e.name_fr.clone()))/>
            <TextField name="name_en" label=tr!(catalogue.name_en) errors value=value(|e| Some(e.name_en.clone()))/>
        </div>
        <TextField
            name="short_name"
            label=tr!(catalogue.short_name)
            hint=tr!(catalogue.short_name_hint)
            errors
            value=value(|e| e.short_name.clone())
        />
        <div class="grid grid-cols-1 gap-4 sm:grid-cols-2">
            {select("category", tr!(catalogue.category), choices.categories, existing.as_ref().and_then(|e| e.category.as_ref().map(|c| c.id)))}
            {select("equipment", tr!(catalogue.equipment), choices.equipment, existing.as_ref().and_then(|e| e.equipment.as_ref().map(|c| c.id)))}
        </div>
        <Field id="field-description" label=tr!(catalogue.description)>
            <textarea id="field-description" name="description" rows="5" class="input">
                {description}
            </textarea>
            <p class="text-sm text-red-700 dark:text-red-400" role="alert">{move || description_error.get()}</p>
        </Field>
        <TextField
            name="video_url"
            kind="url"
            label=tr!(catalogue.video_url)
            hint=tr!(catalogue.video_url_hint)
            errors
            value=value(|e| e.video_url.clone())
        />
    }
}
