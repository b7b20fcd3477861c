//! Bodyweights and competitor levels recorded; a recorded bodyweight or max deleted.

use crate::api::records::{DeleteMax, DeleteWeighing, RecordLevel, RecordWeighing};
use crate::components::Field;
use crate::components::browser::reload_here;
use crate::components::call::{Call, PostForm, on_success, post_action, reloading_action};
use crate::components::format::level_label;
use crate::components::{FormAlert, SubmitButton, TextField, confirm};
use crate::i18n::*;
use chrono::NaiveDate;
use domain::competition::CompetitorLevel;
use domain::{AthleteId, MaxId};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Today on the server, the default date of the forms (passed to the islands as a prop).
pub(super) fn today() -> String {
    #[cfg(feature = "ssr")]
    {
        chrono::Utc::now().date_naive().to_string()
    }
    #[cfg(not(feature = "ssr"))]
    String::new()
}

#[island(lazy = athletes)]
pub(super) fn WeighingForm(athlete_id: AthleteId, today: String) -> impl IntoView {
    let (action, error) = reloading_action();
    view! {
        <PostForm to=RecordWeighing::PATH action attr:class="flex flex-wrap items-start gap-3" attr:novalidate="" attr:data-testid="weighing-form">
            <input type="hidden" name="athlete_id" value=athlete_id.0.to_string()/>
            <TextField name="weighed_on" kind="date" label=tr!(athletes.date) errors=error value=today.clone()/>
            <TextField name="bodyweight" kind="text" label=tr!(athletes.bodyweight_kg) errors=error/>
            <div class="pt-6"><SubmitButton label=tr!(athletes.record_bodyweight) pending=action.pending()/></div>
            <FormAlert errors=error/>
        </PostForm>
    }
}

#[island(lazy = athletes)]
pub(super) fn LevelForm(athlete_id: AthleteId, today: String) -> impl IntoView {
    let locale = crate::lang::current();
    let (action, error) = reloading_action();
    view! {
        <PostForm to=RecordLevel::PATH action attr:class="flex flex-wrap items-start gap-3" attr:novalidate="" attr:data-testid="level-form">
            <input type="hidden" name="athlete_id" value=athlete_id.0.to_string()/>
            <Field id="field-level" label=tr!(athletes.level)>
                <select id="field-level" name="level" class="select">
                    {CompetitorLevel::ALL.into_iter().map(|l| view! { <option value=l.as_str()>{level_label(locale, l)}</option> }).collect_view()}
                </select>
            </Field>
            <TextField name="start" kind="date" label=tr!(athletes.since_date) errors=error value=today.clone()/>
            <div class="pt-6"><SubmitButton label=tr!(athletes.record_level) pending=action.pending()/></div>
            <FormAlert errors=error/>
        </PostForm>
    }
}

/// A recorded bodyweight or max, to delete.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(super) enum Deletion {
    Weighing { athlete: AthleteId, day: NaiveDate },
    Max { id: MaxId, version: i64 },
}

/// Deletes a recorded bodyweight or max, once the person confirms.
#[island(lazy = athletes)]
pub(super) fn DeleteRecord(what: Deletion) -> impl IntoView {
    let locale = crate::lang::current();
    let action = post_action();
    let call = match what {
        Deletion::Weighing { athlete, day } => Call::new(&DeleteWeighing {
            athlete_id: athlete,
            date: day,
        }),
        Deletion::Max { id, version } => Call::new(&DeleteMax { id, version }),
    };
    on_success(action, move || reload_here(None));
    let question = td_string!(locale, athletes.confirm_delete).to_string();
    view! {
        <button type="button" class="icon-btn" aria-label=tr!(athletes.delete) title=tr!(athletes.delete)
            disabled=move || action.pending().get()
            on:click=move |_| if confirm(&question) { action.dispatch(call.clone()); }>
            "×"
        </button>
    }
}
