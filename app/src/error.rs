//! The one error type every server function returns: serialisable, so the browser receives it as
//! data and shows a translated message; each variant maps to one HTTP status.

use domain::FieldError;
use domain::invitation::InvitationStatus;
use http::StatusCode;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::marker::PhantomData;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("log in first")]
    Unauthenticated,
    #[error("your role does not allow this")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("changed by someone else meanwhile")]
    Conflict,
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("wrong email or password")]
    InvalidCredentials,
    #[error("too many attempts")]
    RateLimited { retry_after_secs: i64 },
    #[error("a club always keeps at least one owner")]
    LastOwner,
    #[error("an account already uses this email")]
    EmailTaken,
    #[error("already a member of this club")]
    AlreadyMember,
    #[error("this invitation cannot be used any more")]
    InvitationUnusable(InvitationStatus),
    #[error("this invitation is for another email's account")]
    WrongAccount,
    #[error("in use: archive it instead")]
    InUse,
    #[error("the imported file was refused")]
    ImportRejected(Deferred<domain::Report<domain::catalogue::exchange::ImportProblem>>),
    #[error("the imported athletes file was refused")]
    AthleteImportRejected(Deferred<domain::Report<domain::athlete_import::AthleteImportProblem>>),
    #[error("the training settings were refused")]
    InvalidSettings(Deferred<Vec<domain::settings::SettingsError>>),
    #[error("the service is unavailable")]
    Unavailable,
    #[error("request failed: {0}")]
    Transport(ServerFnErrorErr),
}

/// A part of an error that one island alone shows (an import's report, the training settings'
/// problems), carried as its JSON text. Every island decodes `AppError`, so whatever it holds is
/// decoded by code every page loads; held as text, a report is decoded by the island that lists
/// it, and its decoder is loaded with that island only.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Deferred<T> {
    json: String,
    #[serde(skip)]
    of: PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for Deferred<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Deferred").field(&self.json).finish()
    }
}

impl<T: Serialize> Deferred<T> {
    /// Writes the part as text. A part that cannot be written (none can: they are plain data)
    /// reads back as nothing.
    pub fn new(value: &T) -> Self {
        Self {
            json: serde_json::to_string(value).unwrap_or_default(),
            of: PhantomData,
        }
    }
}

impl<T: DeserializeOwned> Deferred<T> {
    /// Reads the part back; `None` if the text is not such a part.
    pub fn open(&self) -> Option<T> {
        serde_json::from_str(&self.json).ok()
    }
}

impl AppError {
    /// The message for one form field, if this error concerns it.
    pub fn field(&self, name: &str) -> Option<&FieldError> {
        match self {
            AppError::Invalid(errors) => errors.iter().find(|e| e.field == name),
            _ => None,
        }
    }
}

/// One field's problem: the input is refused with it.
impl From<FieldError> for AppError {
    fn from(error: FieldError) -> Self {
        AppError::Invalid(vec![error])
    }
}

/// Every problem a form's parser found: the input is refused with all of them.
impl From<Vec<FieldError>> for AppError {
    fn from(errors: Vec<FieldError>) -> Self {
        AppError::Invalid(errors)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// Keeps the first characters of a transport error's message: they may quote what the
    /// request sent (a megabyte typed into a choice), and an answer must stay small.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(capped(value))
    }
}

/// The longest message a transport error carries.
const MESSAGE_MAX: usize = 200;

fn capped(error: ServerFnErrorErr) -> ServerFnErrorErr {
    let cut = |text: String| -> String {
        if text.chars().nth(MESSAGE_MAX).is_some() {
            let mut kept: String = text.chars().take(MESSAGE_MAX).collect();
            kept.push('…');
            kept
        } else {
            text
        }
    };
    match error {
        ServerFnErrorErr::Registration(m) => ServerFnErrorErr::Registration(cut(m)),
        ServerFnErrorErr::UnsupportedRequestMethod(m) => ServerFnErrorErr::UnsupportedRequestMethod(cut(m)),
        ServerFnErrorErr::Request(m) => ServerFnErrorErr::Request(cut(m)),
        ServerFnErrorErr::ServerError(m) => ServerFnErrorErr::ServerError(cut(m)),
        ServerFnErrorErr::MiddlewareError(m) => ServerFnErrorErr::MiddlewareError(cut(m)),
        ServerFnErrorErr::Deserialization(m) => ServerFnErrorErr::Deserialization(cut(m)),
        ServerFnErrorErr::Serialization(m) => ServerFnErrorErr::Serialization(cut(m)),
        ServerFnErrorErr::Args(m) => ServerFnErrorErr::Args(cut(m)),
        ServerFnErrorErr::MissingArg(m) => ServerFnErrorErr::MissingArg(cut(m)),
        ServerFnErrorErr::Response(m) => ServerFnErrorErr::Response(cut(m)),
    }
}

impl AppError {
    /// The HTTP status this error answers with. The server sets it on every server-function
    /// error response (see the server crate's `server_fn_status` layer), including the errors
    /// raised before a function runs, such as undecodable arguments.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthenticated | AppError::InvalidCredentials => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::WrongAccount => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Conflict
            | AppError::LastOwner
            | AppError::EmailTaken
            | AppError::AlreadyMember
            | AppError::InUse => StatusCode::CONFLICT,
            AppError::Invalid(_)
            | AppError::ImportRejected(_)
            | AppError::AthleteImportRejected(_)
            | AppError::InvalidSettings(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::InvitationUnusable(_) => StatusCode::GONE,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Transport(
                ServerFnErrorErr::Args(_)
                | ServerFnErrorErr::MissingArg(_)
                | ServerFnErrorErr::Deserialization(_),
            ) => StatusCode::BAD_REQUEST,
            AppError::Transport(ServerFnErrorErr::Registration(_)) => StatusCode::NOT_FOUND,
            AppError::Transport(_) => StatusCode::BAD_GATEWAY,
        }
    }
}

#[cfg(feature = "ssr")]
mod from_domain {
    use super::{AppError, Deferred};
    use domain::StoreError;
    use domain::service::athletes::SettingsFailure;
    use domain::service::{AuthError, ClubError};

    impl From<StoreError> for AppError {
        fn from(e: StoreError) -> Self {
            match e {
                StoreError::NotFound => AppError::NotFound,
                StoreError::Conflict | StoreError::Duplicate => AppError::Conflict,
                StoreError::InUse => AppError::InUse,
                StoreError::Backend(_) => AppError::Unavailable,
            }
        }
    }

    impl From<AuthError> for AppError {
        fn from(e: AuthError) -> Self {
            match e {
                AuthError::Invalid(fields) => AppError::Invalid(fields),
                AuthError::EmailTaken => AppError::EmailTaken,
                AuthError::InvalidCredentials => AppError::InvalidCredentials,
                AuthError::RateLimited { retry_after_secs } => AppError::RateLimited { retry_after_secs },
                AuthError::Store(e) => e.into(),
            }
        }
    }

    impl From<ClubError> for AppError {
        fn from(e: ClubError) -> Self {
            match e {
                ClubError::Invalid(fields) => AppError::Invalid(fields),
                ClubError::Forbidden => AppError::Forbidden,
                ClubError::NotFound => AppError::NotFound,
                ClubError::Conflict => AppError::Conflict,
                ClubError::LastOwner => AppError::LastOwner,
                ClubError::AlreadyMember => AppError::AlreadyMember,
                ClubError::EmailTaken => AppError::EmailTaken,
                ClubError::InvitationUnusable(status) => AppError::InvitationUnusable(status),
                ClubError::WrongAccount => AppError::WrongAccount,
                ClubError::InUse => AppError::InUse,
                ClubError::ImportRejected(report) => AppError::ImportRejected(Deferred::new(&report)),
                ClubError::AthleteImportRejected(report) => {
                    AppError::AthleteImportRejected(Deferred::new(&report))
                }
                ClubError::Store(e) => e.into(),
            }
        }
    }

    impl From<SettingsFailure> for AppError {
        fn from(e: SettingsFailure) -> Self {
            match e {
                SettingsFailure::Invalid(problems) => AppError::InvalidSettings(Deferred::new(&problems)),
                SettingsFailure::Club(e) => e.into(),
            }
        }
    }
}
