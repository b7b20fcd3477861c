//! Form fields and their messages, wired for assistive technology.

use super::call::{PostAction, PostForm};
use super::messages::{error_text, field_text};
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;

/// The error of an action's last result, if it failed.
pub fn last_error<T>(value: MappedSignal<Option<Result<T, AppError>>>) -> Signal<Option<AppError>>
where
    T: Clone + Send + Sync + 'static,
{
    Signal::derive(move || value.with(|r| r.as_ref().and_then(|r| r.as_ref().err().cloned())))
}

/// The translated message for `field`, if the last result refused it.
pub fn field_error(
    locale: Locale,
    error: Signal<Option<AppError>>,
    field: &'static str,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        error.with(|e| {
            e.as_ref()
                .and_then(|e| e.field(field))
                .map(|f| field_text(locale, f))
        })
    })
}

/// The message for errors that concern the whole form rather than one field.
pub fn form_error(locale: Locale, error: Signal<Option<AppError>>) -> Signal<Option<String>> {
    Signal::derive(move || {
        error.with(|e| match e {
            None | Some(AppError::Invalid(_)) => None,
            Some(e) => Some(error_text(locale, e)),
        })
    })
}

/// A form control under its visible label: the label, then the control and what goes with it
/// (its hint, its message, suggestions), in one column.
///
/// The children keep their type (they are not erased into a view of any type), so an island
/// that uses it carries about the code it would with the markup written out. The field's HTML
/// is that markup's, at times with one more empty hydration marker (`<!>`) before the column
/// closes.
#[component]
pub fn Field<C>(
    /// The control's id, which the label is for.
    #[prop(into)]
    id: String,
    label: String,
    /// The column's classes, for a field that sizes itself in a row (`flex min-w-48 flex-1 …`).
    #[prop(default = "flex flex-col gap-1")]
    class: &'static str,
    children: TypedChildren<C>,
) -> impl IntoView
where
    C: IntoView + 'static,
{
    let control = children.into_inner();
    view! {
        <div class=class>
            <label for=id class="text-sm font-medium">{label}</label>
            {control()}
        </div>
    }
}

/// A labelled input with its hint and its error, wired for assistive technology.
#[component]
pub fn TextField(
    name: &'static str,
    label: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<String>,
    /// The form's last error: the field shows the part that concerns it.
    errors: Signal<Option<AppError>>,
    #[prop(optional, into)] value: Option<String>,
) -> impl IntoView {
    let error = field_error(crate::lang::current(), errors, name);
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let has_hint = hint.is_some();
    let described = move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(hint_id.clone());
        }
        if error.with(Option::is_some) {
            ids.push(error_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    view! {
        <Field id=id.clone() label>
            <input
                id=id.clone()
                name=name
                type=kind
                autocomplete=autocomplete
                value=value
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described
                class="input"
            />
            {hint.map(|hint| view! { <p id=format!("field-{name}-hint") class="text-xs text-muted">{hint}</p> })}
            <p id=format!("field-{name}-error") class="text-sm text-red-700 dark:text-red-400" role="alert">
                {move || error.get()}
            </p>
        </Field>
    }
}

/// A form-level message (e.g. wrong password), announced when it appears.
#[component]
pub fn FormAlert(errors: Signal<Option<AppError>>) -> impl IntoView {
    let message = form_error(crate::lang::current(), errors);
    view! {
        <div role="alert" data-testid="form-alert">
            {move || {
                message
                    .get()
                    .map(|m| {
                        view! {
                            <p class="alert-error">
                                {m}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

#[component]
pub fn SubmitButton(
    #[prop(into)] label: Signal<String>,
    #[prop(into)] pending: Signal<bool>,
) -> impl IntoView {
    let locale = crate::lang::current();
    view! {
        <button type="submit" class="btn-primary" disabled=move || pending.get() aria-busy=move || pending.get().to_string()>
            {move || if pending.get() { td_string!(locale, auth.working).to_string() } else { label.get() }}
        </button>
    }
}

/// A record's form (an athlete, an exercise): it creates one, or saves `existing` with the
/// version it was read at (so a change made meanwhile is refused rather than overwritten). The
/// fields are the children; the form's error and the Save and Cancel buttons follow them.
#[component]
pub fn SaveForm(
    /// The paths of the server functions that create the record and that update it.
    to: (&'static str, &'static str),
    /// The actions the creation and the update are sent through.
    actions: (PostAction, PostAction),
    /// The record edited: its id and the version read.
    existing: Option<(i64, i64)>,
    errors: Signal<Option<AppError>>,
    save: String,
    cancel: String,
    /// Where Cancel goes back to.
    back: String,
    #[prop(optional)] testid: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let ((create_path, update_path), (create, update)) = (to, actions);
    let (to, action) = match existing {
        Some(_) => (update_path, update),
        None => (create_path, create),
    };
    view! {
        <PostForm to action attr:class="card flex flex-col gap-4" attr:novalidate="" attr:data-testid=testid>
            {existing.map(|(id, version)| view! {
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="version" value=version.to_string()/>
            })}
            {children()}
            <FormAlert errors/>
            <div class="flex flex-wrap items-center gap-3">
                <SubmitButton label=save pending=action.pending()/>
                <a href=back class="btn-secondary">{cancel}</a>
            </div>
        </PostForm>
    }
}

/// The email field of the login and sign-up forms (the browser offers the saved login).
#[component]
pub fn EmailField(errors: Signal<Option<AppError>>) -> impl IntoView {
    view! { <TextField name="email" kind="email" autocomplete="username" label=tr!(auth.email) errors/> }
}

/// The name and new-password fields of a new account (sign-up, joining by invitation).
#[component]
pub fn NewAccountFields(errors: Signal<Option<AppError>>) -> impl IntoView {
    view! {
        <TextField name="display_name" autocomplete="name" label=tr!(auth.display_name) errors/>
        <TextField
            name="password"
            kind="password"
            autocomplete="new-password"
            label=tr!(auth.password)
            hint=tr!(auth.password_hint)
            errors
        />
    }
}

/// The message under an input, for the field it names (`data-testid="error-plates[2].count"`).
#[component]
pub fn FieldMessage(id: String, field: String, error: Signal<Option<String>>) -> impl IntoView {
    view! {
        <p id=id class="text-sm text-red-700 dark:text-red-400" data-testid=format!("error-{field}")>
            {move || error.get()}
        </p>
    }
}

/// A text input for a number (kilograms, counts, factors), with its message. Its label is
/// written by the caller (visible, or visually hidden in a table).
#[component]
pub fn NumberInput(
    #[prop(into)] id: String,
    #[prop(into)] field: String,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    readonly: bool,
    width: &'static str,
    #[prop(optional)] numeric: bool,
    #[prop(default = None)] hint_id: Option<String>,
    #[prop(optional, into)] placeholder: Option<Signal<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described = {
        let error_id = error_id.clone();
        move || {
            let mut ids: Vec<String> = hint_id.iter().cloned().collect();
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <input
            id=id
            class=format!("input {width} disabled:cursor-not-allowed disabled:bg-surface-3")
            type="text"
            inputmode=if numeric { "numeric" } else { "decimal" }
            autocomplete="off"
            data-testid=format!("input-{field}")
            value=value.get_untracked()
            placeholder=move || placeholder.map(|p| p.get())
            disabled=readonly
            aria-invalid=move || error.with(Option::is_some).then_some("true")
            aria-describedby=described
            on:input=move |ev| value.set(event_target_value(&ev))
        />
        <FieldMessage id=error_id field error/>
    }
}

/// An error in words, announced when it appears (a failed action outside a form's fields).
#[component]
pub fn ErrorNote(text: String) -> impl IntoView {
    view! {
        <p class="alert-error" role="alert">
            {text}
        </p>
    }
}
