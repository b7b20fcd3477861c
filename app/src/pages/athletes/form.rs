//! The athlete form: a new athlete, or an existing one edited.

use super::athlete_href;
use crate::api::athletes::{CreateAthlete, UpdateAthlete, load_athlete};
use crate::components::Field;
use crate::components::call::{create_or_update, post_action};
use crate::components::form_page;
use crate::components::format::sex_label;
use crate::components::{SaveForm, TextField, field_error};
use crate::components::{ViewerResource, id_param};
use crate::components::{editable, loaded};
use domain::AthleteId;
use domain::athlete::Athlete;
use domain::competition::Sex;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn NewAthletePage() -> impl IntoView {
    let viewer = expect_context::<ViewerResource>().0;
    let may_manage = |viewer: &Option<crate::model::Viewer>| {
        viewer
            .as_ref()
            .and_then(|v| v.role())
            .is_some_and(domain::service::athletes::may_manage_athletes)
    };
    let page = loaded(async move { editable(viewer.await?, may_manage) }, |_| {
        view! { <AthleteForm existing=None/> }
    });
    form_page(tr!(athletes.new_title), page)
}

#[component]
pub fn EditAthletePage() -> impl IntoView {
    let id = id_param(AthleteId);
    let page = loaded(
        async move { editable(load_athlete(id?).await?, |page| page.coaching) },
        |page| view! { <AthleteForm existing=Some(page.summary.athlete)/> },
    );
    form_page(tr!(athletes.edit_title), page)
}

/// Creates an athlete, or edits `existing` (at the version read, so a concurrent change is
/// refused rather than overwritten).
#[island(lazy = athletes)]
pub(super) fn AthleteForm(existing: Option<Athlete>) -> impl IntoView {
    let locale = crate::lang::current();
    let create = post_action();
    let update = post_action();
    let errors = create_or_update(create, update, athlete_href);
    let e = existing.clone();
    let value = move |f: fn(&Athlete) -> Option<String>| e.as_ref().and_then(f).unwrap_or_default();
    let sex = existing.as_ref().map(|a| a.sex);
    let sex_error = field_error(locale, errors, "sex");
    let notes_error = field_error(locale, errors, "notes");
    let fields = view! {
        <div class="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <TextField name="first_name" autocomplete="off" label=tr!(athletes.first_name) errors value=value(|a| Some(a.first_name.clone()))/>
            <TextField name="last_name" autocomplete="off" label=tr!(athletes.last_name) errors value=value(|a| Some(a.last_name.clone()))/>
        </div>
        <div class="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <TextField name="birth_date" kind="date" label=tr!(athletes.birth_date) errors value=value(|a| a.birth_date.map(|d| d.to_string()))/>
            <fieldset class="flex flex-col gap-1">
                <legend class="text-sm font-medium">{tr!(athletes.sex_category)}</legend>
                <div class="flex gap-4 pt-2">
                    {Sex::ALL
                        .into_iter()
                        .map(|s| view! {
                            <label class="flex items-center gap-2"><input type="radio" name="sex" value=s.as_str() checked=sex == Some(s)/>{sex_label(locale, s)}</label>
                        })
                        .collect_view()}
                </div>
                <p class="text-sm text-red-700 dark:text-red-400" role="alert">{move || sex_error.get()}</p>
            </fieldset>
        </div>
        <div class="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <TextField name="licence" label=tr!(athletes.licence) errors value=value(|a| a.licence.clone())/>
            <TextField name="email" kind="email" label=tr!(athletes.email) hint=tr!(athletes.email_hint) errors value=value(|a| a.email.clone())/>
        </div>
        <Field id="field-notes" label=tr!(athletes.notes)>
            <textarea id="field-notes" name="notes" rows="4" class="input">{value(|a| a.notes.clone())}</textarea>
            <p class="text-sm text-red-700 dark:text-red-400" role="alert">{move || notes_error.get()}</p>
        </Field>
    };
    let back = existing
        .as_ref()
        .map_or_else(|| "/athletes".to_owned(), |a| athlete_href(a.id));
    let saved = existing.as_ref().map(|a| (a.id.0, a.version));
    view! {
        <SaveForm to=(CreateAthlete::PATH, UpdateAthlete::PATH) actions=(create, update) existing=saved errors
            save=tr!(athletes.save) cancel=tr!(athletes.cancel) back testid="athlete-form">
            {fields}
        </SaveForm>
    }
}
