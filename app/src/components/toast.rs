//! Toasts: short messages reporting the result of an action, announced to screen readers.
//!
//! The region is plain server-rendered HTML. An island shows a toast by adding a text node to it
//! directly ([`Toaster::show`]): no reactive list and no island of its own, so a page whose
//! islands never toast loads no code for toasts, and one that does loads a few hundred bytes.
//! The server renders a toast itself for the error of a plain form post (`__err`, see
//! [`ToastRegion`]).

use crate::error::AppError;
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ToastKind {
    Success,
    Error,
}

impl ToastKind {
    fn class(self) -> &'static str {
        match self {
            ToastKind::Success => {
                "pointer-events-auto w-full max-w-md rounded-lg border-l-4 px-4 py-3 shadow-lg border-emerald-600 bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
            }
            ToastKind::Error => {
                "pointer-events-auto w-full max-w-md rounded-lg border-l-4 px-4 py-3 shadow-lg border-red-600 bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100"
            }
        }
    }
}

/// The id of the live region toasts go into.
const REGION: &str = "toasts";

/// How long a toast stays.
#[cfg(feature = "hydrate")]
const SHOWN_FOR: std::time::Duration = std::time::Duration::from_secs(6);

/// Shows toasts in the page's region.
#[derive(Clone, Copy, Debug, Default)]
pub struct Toaster;

impl Toaster {
    /// Adds a toast that leaves after a few seconds. The text goes in as text, never as markup.
    pub fn show(&self, kind: ToastKind, text: String) {
        #[cfg(feature = "hydrate")]
        {
            let document = document();
            let Some(region) = document.get_element_by_id(REGION) else {
                return;
            };
            let Ok(toast) = document.create_element("div") else {
                return;
            };
            toast.set_class_name(kind.class());
            let _ = toast.set_attribute("data-testid", "toast");
            toast.set_text_content(Some(&text));
            if region.append_child(&toast).is_ok() {
                set_timeout(move || toast.remove(), SHOWN_FOR);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (kind, text);
    }

    pub fn success(&self, text: String) {
        self.show(ToastKind::Success, text);
    }

    pub fn error(&self, text: String) {
        self.show(ToastKind::Error, text);
    }
}

/// Where toasts appear. When a plain form's server function failed, the server sent the browser
/// back here with the error in the address (`__err`); the page shows it as a toast.
#[component]
pub fn ToastRegion() -> impl IntoView {
    let locale = crate::lang::current();
    let failed = form_error().map(|e| {
        view! {
            <div data-testid="toast" role="alert" class=ToastKind::Error.class()>
                {super::messages::error_text(locale, &e)}
            </div>
        }
    });
    view! {
        <section
            aria-label=tr!(common.notifications)
            class="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex flex-col items-center gap-2 px-4 print:hidden"
        >
            <div id=REGION role="status" aria-live="polite" class="contents">
                {failed}
            </div>
        </section>
    }
}

/// The error a plain form post came back with, if the address carries one.
///
/// Anyone may write an address and send it around: only errors that carry nothing typed are
/// shown as they are (a refused name quotes the name, a transport error its message), and a
/// refused input is said in general terms.
fn form_error() -> Option<AppError> {
    let encoded = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("__err"))?;
    match leptos::server_fn::error::ServerFnUrlError::<AppError>::decode_err(&encoded) {
        e @ (AppError::Unauthenticated
        | AppError::Forbidden
        | AppError::NotFound
        | AppError::Conflict
        | AppError::LastOwner
        | AppError::EmailTaken
        | AppError::AlreadyMember
        | AppError::WrongAccount
        | AppError::InUse
        | AppError::InvitationUnusable(_)
        | AppError::Unavailable) => Some(e),
        AppError::Invalid(_) | AppError::InvalidSettings(_) => Some(AppError::Invalid(Vec::new())),
        AppError::InvalidCredentials
        | AppError::RateLimited { .. }
        | AppError::ImportRejected(_)
        | AppError::AthleteImportRejected(_)
        | AppError::Transport(_) => None,
    }
}
