//! Server-only context for server functions: the application state, and who is asking.
//!
//! Every server function starts here: [`member`] (or [`require_user`]) resolves the
//! session to a person and their membership of the current club, so the club id a use-case
//! works on always comes from the session, never from the request.

use crate::error::AppError;
use crate::model::Viewer;
use chrono::{NaiveDate, Utc};
use domain::account::User;
use domain::membership::{ClubMembership, Identity, Member};
use domain::ports::{Mailer, Offload, PasswordHasher, Pause, Store};
use domain::throttle::Limits;
use domain::{ClubId, UserId};
use serde::{Deserialize, Serialize};
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use tower_sessions::Session;

/// The state server functions reach through Leptos' context (provided by the server crate).
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub hasher: Arc<dyn PasswordHasher>,
    pub mailer: Arc<dyn Mailer>,
    /// Where exercise images and videos are stored.
    pub media: Arc<dyn domain::media::MediaStore>,
    /// Each club's catalogue, prepared for browsing, while it has not changed.
    pub catalogues: Arc<domain::catalogue::cache::CatalogueCache>,
    /// The throttle's limits on logins and sign-ups, and what waits for its delays.
    pub limits: Limits,
    pub pause: Arc<dyn Pause>,
    /// Where CPU-heavy steps of use-cases run (blocking threads).
    pub offload: Arc<dyn Offload>,
    /// The public base URL, used to build invitation links (no trailing slash).
    pub public_url: String,
    /// Whether cookies are `Secure` (DropIt is reached over https).
    pub secure_cookies: bool,
}

pub fn state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Unavailable
    })
}

const SESSION_KEY: &str = "auth";

/// What the session cookie stands for, kept server-side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct SessionAuth {
    user: UserId,
    /// The user's session generation at login: "log out everywhere" makes it stale.
    generation: i64,
    club: Option<ClubId>,
    /// The last day the session was written. The session store and the cookie only extend a
    /// session's life when it is written, so it is written again on the first request of
    /// each day: a person who uses DropIt stays logged in, at one write a day.
    #[serde(default)]
    seen: Option<NaiveDate>,
}

impl SessionAuth {
    /// What the session must now hold, when it differs from what it holds: the club the
    /// person works in and today's date.
    fn refreshed(&self, club: Option<ClubId>, today: NaiveDate) -> Option<SessionAuth> {
        let wanted = SessionAuth {
            club,
            seen: Some(today),
            ..self.clone()
        };
        (wanted != *self).then_some(wanted)
    }
}

async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|e| {
        tracing::error!(error = %e, "no session layer");
        AppError::Unavailable
    })
}

fn session_error(e: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %e, "session store failure");
    AppError::Unavailable
}

/// The client's network address, as the server found it for this request: the peer's, or the
/// one a trusted reverse proxy forwarded (the server's `client_address` layer puts it in the
/// request's extensions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

/// The network address of the caller, for throttling. A request the server did not mark (there
/// is none in DropIt's router) counts as one unknown address.
pub fn client_address() -> IpAddr {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<ClientAddress>().copied())
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |ClientAddress(ip)| ip)
}

/// The throttle's gate for a sign-up or a login from this request.
pub fn gate(state: &AppState) -> domain::service::Gate<'_> {
    domain::service::Gate {
        limits: &state.limits,
        pause: &*state.pause,
        address: client_address(),
    }
}

/// The logged-in person, their membership of the current club, if any, and all their clubs.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user: User,
    pub member: Option<Member>,
    /// Every club the person belongs to, by name (the header's club switcher).
    pub clubs: Vec<ClubMembership>,
}

/// The session's user with all their memberships, and what the session holds, if the session
/// is logged in and not stale ("log out everywhere" bumps the user's generation). A stale or
/// dangling session is cleared. One read of the store.
async fn session_identity(
    session: &Session,
    store: &dyn Store,
) -> Result<Option<(Identity, SessionAuth)>, AppError> {
    let Some(auth) = session
        .get::<SessionAuth>(SESSION_KEY)
        .await
        .map_err(session_error)?
    else {
        return Ok(None);
    };
    match store.identity(auth.user).await? {
        Some(identity) if identity.user.session_generation == auth.generation => Ok(Some((identity, auth))),
        _ => {
            session.flush().await.map_err(session_error)?;
            Ok(None)
        }
    }
}

/// Who is asking, resolved once per request: the server puts an empty cell in every request's
/// extensions, the page gate fills it, and the page's rendering and its server functions read it
/// instead of loading the session, the user and the membership again.
#[derive(Clone, Default)]
pub struct CallerCell(Arc<tokio::sync::OnceCell<Option<Caller>>>);

impl CallerCell {
    /// The caller, resolved from `session` the first time only.
    pub async fn get(&self, state: &AppState, session: &Session) -> Result<Option<Caller>, AppError> {
        self.0.get_or_try_init(|| resolve(state, session)).await.cloned()
    }
}

/// Resolves the session to the caller and their membership of the current club (once per
/// request when the request carries a [`CallerCell`]).
pub async fn caller(state: &AppState) -> Result<Option<Caller>, AppError> {
    let session = session().await?;
    let cell = leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CallerCell>().cloned());
    match cell {
        Some(cell) => cell.get(state, &session).await,
        None => resolve(state, &session).await,
    }
}

async fn resolve(state: &AppState, session: &Session) -> Result<Option<Caller>, AppError> {
    let Some((identity, auth)) = session_identity(session, &*state.store).await? else {
        return Ok(None);
    };
    // Removed from the session's club (or never chose one): fall back to another club of theirs.
    let member = auth
        .club
        .and_then(|club| identity.member_of(club))
        .or_else(|| identity.members.first())
        .cloned();
    let club = member.as_ref().map(|m| m.club_id).or(auth.club);
    if let Some(refreshed) = auth.refreshed(club, Utc::now().date_naive()) {
        session
            .insert(SESSION_KEY, refreshed)
            .await
            .map_err(session_error)?;
    }
    Ok(Some(Caller {
        user: identity.user,
        member,
        clubs: identity.clubs,
    }))
}

pub async fn require_user(state: &AppState) -> Result<User, AppError> {
    caller(state)
        .await?
        .map(|c| c.user)
        .ok_or(AppError::Unauthenticated)
}

/// The state and the caller's membership of the club they work in: every club-scoped server
/// function starts here. `Unauthenticated` without a session, `Forbidden` outside any club.
pub async fn member() -> Result<(AppState, Member), AppError> {
    let state = state()?;
    let caller = caller(&state).await?.ok_or(AppError::Unauthenticated)?;
    let member = caller.member.ok_or(AppError::Forbidden)?;
    Ok((state, member))
}

/// Logs `user` in: a fresh session id (no fixation), bound to the user's current generation.
pub async fn start_session(user: &User, club: Option<ClubId>) -> Result<(), AppError> {
    let session = session().await?;
    session.cycle_id().await.map_err(session_error)?;
    session
        .insert(
            SESSION_KEY,
            SessionAuth {
                user: user.id,
                generation: user.session_generation,
                club,
                seen: Some(Utc::now().date_naive()),
            },
        )
        .await
        .map_err(session_error)
}

/// Makes `club` the current club of this session (the caller checked membership).
pub async fn set_session_club(club: ClubId) -> Result<(), AppError> {
    remember_club(&session().await?, club).await
}

async fn remember_club(session: &Session, club: ClubId) -> Result<(), AppError> {
    let Some(auth) = session
        .get::<SessionAuth>(SESSION_KEY)
        .await
        .map_err(session_error)?
    else {
        return Err(AppError::Unauthenticated);
    };
    session
        .insert(
            SESSION_KEY,
            SessionAuth {
                club: Some(club),
                ..auth
            },
        )
        .await
        .map_err(session_error)
}

pub async fn end_session() -> Result<(), AppError> {
    session().await?.flush().await.map_err(session_error)
}

/// The first club of a user (by name), where a new session starts.
pub async fn default_club(state: &AppState, user: &User) -> Result<Option<ClubId>, AppError> {
    Ok(domain::service::default_club(&*state.store, user).await?)
}

pub async fn viewer(state: &AppState) -> Result<Option<Viewer>, AppError> {
    let Some(caller) = caller(state).await? else {
        return Ok(None);
    };
    let club = caller.member.and_then(|m| {
        caller
            .clubs
            .iter()
            .find(|c| c.club_id == m.club_id)
            .map(|c| ClubMembership {
                role: m.role,
                member_id: m.id,
                ..c.clone()
            })
    });
    Ok(Some(Viewer {
        display_name: caller.user.display_name,
        email: caller.user.email,
        club,
        clubs: caller.clubs,
    }))
}

/// Runs CPU-heavy work (a search over a big catalogue, checking an imported file) on tokio's
/// blocking threads, so the workers that serve every other request (and `/healthz`) stay free.
pub async fn cpu<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work).await.map_err(|e| {
        tracing::error!(error = %e, "a blocking task failed");
        AppError::Unavailable
    })
}

/// The cookie that tells a device which logged in to an account before.
const DEVICE_COOKIE: &str = "dropit_device";

/// The device token this request's browser carries, if any.
pub fn device_token() -> Option<domain::throttle::DeviceToken> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    parts
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == DEVICE_COOKIE)
                .then(|| domain::throttle::DeviceToken::parse(value))
                .flatten()
        })
}

/// Gives the browser its device token, for a year.
pub fn remember_device(state: &AppState, device: &domain::throttle::DeviceToken) {
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    set_cookie(&format!(
        "{DEVICE_COOKIE}={}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax{secure}",
        device.as_str()
    ));
}

/// Adds a `Set-Cookie` to the answer of the server function or page being served.
pub fn set_cookie(cookie: &str) {
    if let (Some(response), Ok(value)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(cookie),
    ) {
        response.append_header(http::header::SET_COOKIE, value);
    }
}

/// A new random device token.
pub fn new_device_token() -> domain::throttle::DeviceToken {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    domain::throttle::DeviceToken::from_random_bytes(bytes)
}

/// A new random invitation token.
pub fn new_invitation_token() -> domain::invitation::InvitationToken {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    domain::invitation::InvitationToken::from_random_bytes(bytes)
}

/// A new random calendar link's secret.
pub fn new_feed_token() -> domain::planning::feed::FeedToken {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    domain::planning::feed::FeedToken::from_random_bytes(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).expect("valid day")
    }

    fn auth(club: Option<i64>, seen: Option<NaiveDate>) -> SessionAuth {
        SessionAuth {
            user: UserId(7),
            generation: 3,
            club: club.map(ClubId),
            seen,
        }
    }

    #[test]
    fn a_session_is_written_once_a_day_to_keep_it_alive() {
        let today = auth(Some(1), Some(day(21)));
        assert_eq!(
            today.refreshed(Some(ClubId(1)), day(21)),
            None,
            "no write within the day"
        );
        assert_eq!(
            today.refreshed(Some(ClubId(1)), day(22)),
            Some(auth(Some(1), Some(day(22)))),
            "the first request of a new day writes it"
        );
        assert_eq!(
            auth(Some(1), None).refreshed(Some(ClubId(1)), day(21)),
            Some(auth(Some(1), Some(day(21)))),
            "sessions from before this rule are written once"
        );
    }

    #[test]
    fn a_session_follows_the_club_its_person_works_in() {
        let stale_club = auth(Some(1), Some(day(21)));
        assert_eq!(
            stale_club.refreshed(Some(ClubId(2)), day(21)),
            Some(auth(Some(2), Some(day(21))))
        );
    }
}
