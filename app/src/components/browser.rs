//! What only a browser can do (leave the page, ask for confirmation, move the focus); on the
//! server these do nothing.

use crate::error::AppError;
use leptos::prelude::*;

/// Reloads the page at `target` once the action succeeds: after a login, a sign-up or joining a
/// club, every part of the page must reflect the new session.
pub fn reload_on_success<T>(
    value: MappedSignal<Option<Result<T, AppError>>>,
    target: impl Fn() -> String + 'static,
) where
    T: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if value.with(|v| matches!(v, Some(Ok(_)))) {
            reload_to(&target());
        }
    });
}

/// Leaves the single-page app: a full load, so every part of the page reflects the new session.
pub fn reload_to(url: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().location().set_href(url);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = url;
}

/// Asks the person to confirm a destructive action (always yes where there is no browser).
pub fn confirm(message: &str) -> bool {
    #[cfg(feature = "hydrate")]
    {
        window().confirm_with_message(message).unwrap_or(false)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = message;
        true
    }
}

/// Moves the focus to the element with `id`, once the page has drawn it.
pub fn focus_later(id: String) {
    #[cfg(feature = "hydrate")]
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(element) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

/// Reloads the page (after a change on it), optionally with extra query text.
pub fn reload_here(extra: Option<String>) {
    #[cfg(feature = "hydrate")]
    {
        let path = window().location().pathname().unwrap_or_default();
        let url = match extra {
            Some(q) => format!("{path}?{q}"),
            None => path,
        };
        reload_to(&url);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = extra;
}
