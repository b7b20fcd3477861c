//! How an island calls a server function: one path for all of them.
//!
//! Leptos' own client (`ServerAction`, `ActionForm`, calling the `#[server]` function) is generic
//! over each server function: every one brings its own copy of the request, the fetch, the
//! answer's decoding and the action's future into the WASM, and every `ActionForm` its own
//! decoder of the form's fields. Here a call is plain data — the function's path and its
//! url-encoded arguments, exactly what Leptos' client would send — and [`send`] is compiled
//! once. The server side does not change: the same server functions, the same encoding.
//!
//! - [`Call::new`] encodes a server function's own argument struct (`ArchiveAthlete { … }`), so
//!   the names and types of the arguments are checked by the compiler;
//! - [`PostForm`] posts a form's fields as they are, like a plain HTML form (which is what it is
//!   until the WASM arrives, and where there is none);
//! - [`post_action`] makes the action an island dispatches calls to; its value is the answer's
//!   text, read with [`decode`] when the function answers more than `()`.

use super::messages::error_text;
use super::toast::Toaster;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// What a server function answered: its JSON text, or the error.
pub type Answer = Result<String, AppError>;

/// The action an island posts its calls through.
pub type PostAction = Action<Call, Answer>;

/// A server function call: where it goes and its url-encoded arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    path: &'static str,
    /// The encoded arguments, or why they could not be encoded.
    body: Result<String, String>,
    /// The arguments are JSON (a server function declared with `input = Json`), not a form.
    json: bool,
}

impl Call {
    /// A call of the server function whose argument struct `args` is.
    pub fn new<F: ServerFn + Serialize>(args: &F) -> Self {
        Call {
            path: F::PATH,
            body: serde_qs::to_string(args).map_err(|e| e.to_string()),
            json: false,
        }
    }

    /// A call of a server function that takes its arguments as JSON (`input = Json`): nested
    /// data such as the training settings.
    pub fn json<F: ServerFn + Serialize>(args: &F) -> Self {
        Call {
            path: F::PATH,
            body: serde_json::to_string(args).map_err(|e| e.to_string()),
            json: true,
        }
    }

    /// A call of the server function at `path` with a form's fields, as the browser would send
    /// them.
    #[cfg(feature = "hydrate")]
    fn form(path: &'static str, form: &web_sys::HtmlFormElement) -> Option<Self> {
        let fields = web_sys::FormData::new_with_form(form).ok()?;
        let encoded = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&fields).ok()?;
        Some(Call {
            path,
            body: Ok(encoded.to_string().into()),
            json: false,
        })
    }
}

/// An action that sends the calls dispatched to it; its value is the answer of the latest one.
pub fn post_action() -> PostAction {
    Action::new_local(|call: &Call| send(call.clone()))
}

/// Follows `action`'s answers: `done` once a call succeeds (the page loads again, or a toast
/// says it is done), the error in a toast when one fails.
pub fn on_success(action: PostAction, done: impl Fn() + 'static) {
    let locale = crate::lang::current();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(_)) => done(),
        Some(Err(e)) => Toaster.error(error_text(locale, &e)),
        None => {}
    });
}

/// An action for a form that saves something the page shows: once a call succeeds the page
/// loads again; until then, the last error, for the form's fields.
pub fn reloading_action() -> (PostAction, Signal<Option<AppError>>) {
    let action = post_action();
    Effect::new(move |_| {
        if action.value().with(|v| matches!(v, Some(Ok(_)))) {
            super::browser::reload_here(None);
        }
    });
    (action, super::fields::last_error(action.value()))
}

/// A server function's answer, decoded.
pub fn decode<T: DeserializeOwned>(answer: &str) -> Result<T, AppError> {
    serde_json::from_str(answer).map_err(|e| {
        AppError::Transport(leptos::server_fn::error::ServerFnErrorErr::Deserialization(
            e.to_string(),
        ))
    })
}

/// Calls a server function that answers data (a search, a list to show again) and decodes
/// its answer.
pub async fn ask<F, T>(args: &F) -> Result<T, AppError>
where
    F: ServerFn + Serialize,
    T: DeserializeOwned,
{
    send(Call::new(args)).await.and_then(|answer| decode(&answer))
}

/// The two actions of a record's form, creating it or updating it: once one has saved, a full
/// load of the saved record's page (`href` of the id it answered); until then, the last error
/// of either.
pub fn create_or_update<I>(
    create: PostAction,
    update: PostAction,
    href: fn(I) -> String,
) -> Signal<Option<AppError>>
where
    I: DeserializeOwned + 'static,
{
    // The id the last call saved, or why it failed (an answer that does not decode included).
    let outcome = move |action: PostAction| {
        action.value().with(|v| {
            v.as_ref()
                .map(|r| r.clone().and_then(|answer| decode::<I>(&answer)))
        })
    };
    Effect::new(move |_| {
        if let Some(Ok(id)) = outcome(create).or_else(|| outcome(update)) {
            super::reload_to(&href(id));
        }
    });
    Signal::derive(move || {
        [create, update]
            .into_iter()
            .find_map(|action| outcome(action).and_then(Result::err))
    })
}

/// Posts a call and waits for its answer. An error answer is the server's `AppError`; a
/// network failure is a transport error.
pub async fn send(call: Call) -> Answer {
    #[cfg(feature = "hydrate")]
    {
        fetch(&call).await
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = call;
        Err(AppError::Unavailable)
    }
}

#[cfg(feature = "hydrate")]
async fn fetch(call: &Call) -> Answer {
    use leptos::server_fn::error::ServerFnErrorErr;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    let failed = |e: JsValue| {
        AppError::Transport(ServerFnErrorErr::Request(
            e.as_string().unwrap_or_else(|| "the request failed".to_owned()),
        ))
    };
    let body = call
        .body
        .as_ref()
        .map_err(|e| AppError::Transport(ServerFnErrorErr::Serialization(e.clone())))?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    let headers = web_sys::Headers::new().map_err(failed)?;
    let content_type = if call.json {
        "application/json"
    } else {
        "application/x-www-form-urlencoded"
    };
    headers.set("Content-Type", content_type).map_err(failed)?;
    headers.set("Accept", "application/json").map_err(failed)?;
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(body));
    let request = web_sys::Request::new_with_str_and_init(call.path, &init).map_err(failed)?;
    let response: web_sys::Response = JsFuture::from(window().fetch_with_request(&request))
        .await
        .and_then(|r| r.dyn_into())
        .map_err(failed)?;
    let text = JsFuture::from(response.text().map_err(failed)?)
        .await
        .map_err(failed)?
        .as_string()
        .unwrap_or_default();
    if response.ok() {
        Ok(text)
    } else {
        Err(serde_json::from_str(&text).unwrap_or_else(|_| {
            AppError::Transport(ServerFnErrorErr::Response(format!("HTTP {}", response.status())))
        }))
    }
}

/// A form that posts its fields to the server function at `to` through `action`. Without the
/// WASM it is a plain HTML form, which the server function answers with a redirect back.
#[component]
pub fn PostForm(
    to: &'static str,
    action: PostAction,
    /// The form element, for an island that resets it after a success.
    #[prop(optional)]
    node_ref: NodeRef<leptos::html::Form>,
    children: Children,
) -> impl IntoView {
    // Without a call (a browser that cannot read the form), the browser posts it itself.
    let submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            if let Some(call) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
                .and_then(|form| Call::form(to, &form))
            {
                ev.prevent_default();
                action.dispatch(call);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, action);
    };
    view! {
        <form method="post" action=to node_ref=node_ref on:submit=submit>
            {children()}
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_sends_what_the_server_function_decodes() {
        let call = Call::new(&crate::api::records::DeleteWeighing {
            athlete_id: domain::AthleteId(7),
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default(),
        });
        assert_eq!(call.path, "/api/delete_weighing");
        let body = call.body.expect("encodes");
        let decoded: crate::api::records::DeleteWeighing = serde_qs::from_str(&body).expect("decodes");
        assert_eq!(decoded.athlete_id, domain::AthleteId(7));
        assert_eq!(decoded.date.to_string(), "2026-03-01");
    }

    #[test]
    fn an_answer_decodes_or_says_why_not() {
        assert_eq!(decode::<Option<i64>>("12"), Ok(Some(12)));
        assert!(matches!(decode::<i64>("{"), Err(AppError::Transport(_))));
    }
}
