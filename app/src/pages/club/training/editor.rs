//! The settings editor: one island with the bars and plates, the rounding and its live
//! example, the fallback ratios and how lifts are counted. Each part is a component of its
//! own file; they share the [`Editor`].

use super::super::SETTINGS_HREF;
use super::draft::{Problem, build, dom_id};
use super::form::{Editor, Form, LEGEND};
use super::plates::{BarFields, PlateFields};
use super::ratios::RatioFields;
use super::rounding::RoundingFields;
use crate::api::settings::{SaveTrainingSettings, SettingsPage};
use crate::components::Field;
use crate::components::call::{Call, post_action};
use crate::components::{NumberInput, Toaster, error_text, focus_later, reload_to};
use crate::error::AppError;
use crate::i18n::*;
use domain::settings::ComplexCounting;
use leptos::prelude::*;

/// What went wrong when saving, besides the fields.
#[derive(Clone, PartialEq)]
enum Alert {
    /// Someone saved in the meantime.
    Conflict,
    /// Anything else, already in words.
    Other(String),
}

/// The settings form: editable for admins, the same inputs disabled for coaches.
#[island(lazy = club)]
pub(super) fn SettingsEditor(page: SettingsPage) -> impl IntoView {
    let locale = crate::lang::current();
    let toaster = Toaster;
    let readonly = !page.can_edit;
    let version = page.version;
    let form = Form::new(locale, &page.settings);
    let problems = RwSignal::new(Vec::<Problem>::new());
    let alert = RwSignal::new(None::<Alert>);
    let announcement = RwSignal::new(String::new());
    let editor = Editor {
        locale,
        form,
        problems,
        announcement,
        readonly,
    };
    let message = move |field: String| editor.message(field);
    // False on the server and until the browser has wired the form: saving needs the WASM.
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    // Saved: the page is reloading with the new version; no second save with the old one.
    let done = RwSignal::new(false);
    let show_problems = move |list: Vec<Problem>| {
        if let Some(first) = list.first() {
            focus_later(dom_id(&first.field));
        }
        problems.set(list);
    };

    let action = post_action();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(_)) => {
            done.set(true);
            toaster.success(td_string!(locale, settings.saved).to_string());
            reload_to(&format!("{SETTINGS_HREF}?saved=1"));
        }
        Some(Err(AppError::InvalidSettings(list))) => match list.open() {
            Some(list) => show_problems(list.into_iter().map(Problem::from).collect()),
            None => alert.set(Some(Alert::Other(error_text(
                locale,
                &AppError::InvalidSettings(list),
            )))),
        },
        Some(Err(AppError::Conflict)) => alert.set(Some(Alert::Conflict)),
        Some(Err(e)) => alert.set(Some(Alert::Other(error_text(locale, &e)))),
        None => {}
    });
    let save = move || {
        if readonly {
            return;
        }
        alert.set(None);
        match build(&untrack(|| form.draft())) {
            Ok(settings) => {
                problems.set(Vec::new());
                action.dispatch(Call::json(&SaveTrainingSettings { settings, version }));
            }
            Err(list) => show_problems(list),
        }
    };
    let counting_radio = move |mode: ComplexCounting, value: &'static str, label: String| {
        let id = format!("settings-counting-{value}");
        view! {
            <div class="flex items-start gap-2">
                <input
                    id=id.clone()
                    type="radio"
                    name="complex_counting"
                    value=value
                    class="mt-1"
                    checked=form.counting.get_untracked() == mode
                    disabled=readonly
                    on:change=move |_| form.counting.set(mode)
                />
                <label for=id class="text-sm">{label}</label>
            </div>
        }
    };
    let threshold_error = message("lift_count_threshold".to_owned());
    let fields_alert = move || {
        problems.with(|p| !p.is_empty()).then(|| {
            view! {
                <p class="alert-error">
                    {td_string!(locale, settings.check_fields).to_string()}
                </p>
            }
        })
    };
    let other_alert = move || {
        alert.get().map(|a| match a {
            Alert::Conflict => view! {
                <div class="flex flex-wrap items-center gap-3 alert-error">
                    <p>{td_string!(locale, settings.conflict).to_string()}</p>
                    <button type="button" class="btn-secondary text-sm" on:click=move |_| reload_to(SETTINGS_HREF)>
                        {td_string!(locale, settings.reload).to_string()}
                    </button>
                </div>
            }
            .into_any(),
            Alert::Other(text) => view! {
                <p class="alert-error">
                    {text}
                </p>
            }
            .into_any(),
        })
    };
    let legend = LEGEND;

    view! {
        <form
            class="flex flex-col gap-6"
            novalidate
            data-testid="settings-form"
            data-ready=move || ready.get().then_some("true")
            on:submit=move |ev| {
                ev.prevent_default();
                save();
            }
        >
            <BarFields editor/>
            <PlateFields editor/>
            <RoundingFields editor/>
            <RatioFields editor exercises=page.exercises/>

            <div class="card">
                <fieldset class="min-w-0 flex flex-col gap-4">
                    <legend class=legend>{tr!(settings.counting_legend)}</legend>
                    <Field id="settings-lift_count_threshold" label=tr!(settings.threshold)>
                        <NumberInput
                            id="settings-lift_count_threshold"
                            field="lift_count_threshold"
                            value=form.threshold
                            error=threshold_error
                            readonly
                            width="w-24"
                            numeric=true
                            hint_id=Some("settings-threshold-hint".to_owned())
                        />
                        <p id="settings-threshold-hint" class="text-xs text-muted">{tr!(settings.threshold_hint)}</p>
                    </Field>
                    <fieldset class="flex flex-col gap-2">
                        <legend class="mb-1 text-sm font-medium">{tr!(settings.complex_counting)}</legend>
                        {counting_radio(ComplexCounting::EveryMovement, "every_movement", tr!(settings.every_movement))}
                        {counting_radio(ComplexCounting::MainLiftOnly, "main_lift_only", tr!(settings.main_lift_only))}
                    </fieldset>
                    <div class="flex items-start gap-2">
                        <input
                            id="settings-athletes_record_maxes"
                            type="checkbox"
                            class="mt-1"
                            checked=form.athletes_record_maxes.get_untracked()
                            disabled=readonly
                            aria-describedby="settings-athletes-hint"
                            on:change=move |ev| form.athletes_record_maxes.set(event_target_checked(&ev))
                        />
                        <div>
                            <label for="settings-athletes_record_maxes" class="text-sm">{tr!(settings.athletes_record_maxes)}</label>
                            <p id="settings-athletes-hint" class="text-xs text-muted">{tr!(settings.athletes_record_maxes_hint)}</p>
                        </div>
                    </div>
                </fieldset>
            </div>

            <p class="sr-only" role="status" aria-live="polite" data-testid="settings-announcement">{move || announcement.get()}</p>
            {(!readonly).then(|| view! {
                <div role="alert" data-testid="form-alert" class="flex flex-col gap-2">
                    {fields_alert}
                    {other_alert}
                </div>
                <div>
                    <button
                        type="submit"
                        class="btn-primary"
                        data-testid="save-settings"
                        disabled=move || !ready.get() || done.get() || action.pending().get()
                        aria-busy=move || action.pending().get().to_string()
                    >
                        {move || if action.pending().get() {
                            td_string!(locale, auth.working).to_string()
                        } else {
                            td_string!(locale, settings.save).to_string()
                        }}
                    </button>
                </div>
            })}
        </form>
    }
}
