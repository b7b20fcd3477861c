//! The club's training settings (`/club/training`): plates, rounding, fallback ratios and how
//! lifts are counted. Admins edit them; coaches read them; athletes are refused.
//!
//! The editor is one island. It keeps every input as typed and reads it only when saving: a
//! value that is not a number is reported next to its input without asking the server; the
//! server checks the rules ([`TrainingSettings::validate`](domain::settings::TrainingSettings::validate)) and its problems are shown next to
//! their fields too. A live example plans "80 % of 102 kg" with the settings being edited, so
//! the admin sees what the plates and the rounding give before saving.

mod draft;
mod editor;
mod form;
mod plates;
mod ratios;
mod rounding;

use super::{ClubTab, ClubTabs};
use crate::api::settings::load_training_settings;
use crate::components::{loaded, section_page};
use editor::SettingsEditor;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A neutral note above the form (default settings, read-only).
const NOTE: &str = "max-w-3xl rounded-md border border-line bg-surface-3/50 px-3 py-2 text-sm";

// ----- The page -----

#[component]
pub fn TrainingSettingsPage() -> impl IntoView {
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    let page = loaded(load_training_settings(), move |page| {
        let can_edit = page.can_edit;
        let defaults = page.version.is_none();
        view! {
            {can_edit.then(|| view! { <ClubTabs active=ClubTab::Training/> })}
            <p class="max-w-3xl text-muted">{tr!(settings.intro)}</p>
            {(saved && can_edit).then(|| view! {
                <p
                    role="status"
                    data-testid="settings-saved"
                    class="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100"
                >
                    {tr!(settings.saved)}
                </p>
            })}
            {defaults.then(|| view! { <p class=NOTE data-testid="settings-defaults">{tr!(settings.defaults_note)}</p> })}
            {(!can_edit).then(|| view! { <p class=NOTE data-testid="settings-read-only">{tr!(settings.read_only)}</p> })}
            <SettingsEditor page/>
        }
    });
    section_page(tr!(settings.title), tr!(settings.title), (), page)
}
