//! Media files: the local adapter of the domain's `MediaStore` port, and the HTTP routes that
//! upload, remove and serve an exercise's image and video.
//!
//! - `PUT /media/exercises/{id}/{image|video}` with the file as the body (its type is read from
//!   its content; the body is limited to the slot's size);
//! - `DELETE /media/exercises/{id}/{image|video}`;
//! - `GET /media/{key}`: the file, with range requests (a video can be scrubbed), to members of
//!   the club it belongs to — anyone else gets 404.
//!
//! Errors answer like server functions: the `AppError` as JSON, with its status.

use app::error::AppError;
use app::ssr::{AppState, CallerCell};
use async_trait::async_trait;
use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use domain::ExerciseId;
use domain::media::{MediaError, MediaStore, Slot};
use domain::service::catalogue as service;
use std::path::PathBuf;
use tower::ServiceExt;
use tower_http::services::ServeFile;

/// Media in a directory (`data/media` by default), one sub-folder per club.
#[derive(Debug, Clone)]
pub struct LocalMedia {
    root: PathBuf,
}

impl LocalMedia {
    pub fn new(root: PathBuf) -> Self {
        Self { root }
    }

    /// The file of a key; keys are checked by `domain::media::parse_key` before they get here.
    pub fn path(&self, key: &str) -> PathBuf {
        self.root.join(key)
    }
}

fn io_error(e: std::io::Error) -> MediaError {
    MediaError(e.to_string())
}

#[async_trait]
impl MediaStore for LocalMedia {
    async fn put(&self, key: &str, bytes: &[u8]) -> Result<(), MediaError> {
        let path = self.path(key);
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir).await.map_err(io_error)?;
        }
        // Written aside, then renamed: a reader never sees half a file.
        let partial = path.with_extension("partial");
        tokio::fs::write(&partial, bytes).await.map_err(io_error)?;
        tokio::fs::rename(&partial, &path).await.map_err(io_error)
    }

    async fn delete(&self, key: &str) -> Result<(), MediaError> {
        match tokio::fs::remove_file(self.path(key)).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io_error(e)),
            _ => Ok(()),
        }
    }
}

/// The state of the media routes.
#[derive(Clone)]
pub struct MediaState {
    pub app: AppState,
    pub files: LocalMedia,
}

struct Failure(AppError);

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        (self.0.status(), Json(self.0)).into_response()
    }
}

impl From<AppError> for Failure {
    fn from(e: AppError) -> Self {
        Failure(e)
    }
}

impl From<domain::service::ClubError> for Failure {
    fn from(e: domain::service::ClubError) -> Self {
        Failure(e.into())
    }
}

async fn member(
    state: &MediaState,
    session: &tower_sessions::Session,
) -> Result<domain::membership::Member, Failure> {
    let caller = CallerCell::default()
        .get(&state.app, session)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    Ok(caller.member.ok_or(AppError::Forbidden)?)
}

fn slot(raw: &str) -> Result<Slot, Failure> {
    Slot::parse(raw).ok_or(Failure(AppError::NotFound))
}

async fn upload(
    State(state): State<MediaState>,
    session: tower_sessions::Session,
    Path((id, slot_name)): Path<(i64, String)>,
    body: Bytes,
) -> Result<Json<String>, Failure> {
    let slot = slot(&slot_name)?;
    let actor = member(&state, &session).await?;
    let unique = uuid::Uuid::new_v4().simple().to_string();
    let key = service::set_exercise_media(
        &*state.app.store,
        &state.files,
        &actor,
        ExerciseId(id),
        slot,
        &body,
        &unique,
    )
    .await?;
    Ok(Json(key))
}

async fn remove(
    State(state): State<MediaState>,
    session: tower_sessions::Session,
    Path((id, slot_name)): Path<(i64, String)>,
) -> Result<StatusCode, Failure> {
    let slot = slot(&slot_name)?;
    let actor = member(&state, &session).await?;
    service::remove_exercise_media(&*state.app.store, &state.files, &actor, ExerciseId(id), slot).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn serve(
    State(state): State<MediaState>,
    session: tower_sessions::Session,
    Path(key): Path<String>,
    request: Request,
) -> Result<Response, Failure> {
    let actor = member(&state, &session).await?;
    let kind = service::media_access(&actor, &key)?;
    let response = ServeFile::new_with_mime(
        state.files.path(&key),
        &kind
            .content_type()
            .parse()
            .map_err(|_| Failure(AppError::Unavailable))?,
    )
    .oneshot(request)
    .await
    .map_err(|_| Failure(AppError::Unavailable))?;
    if response.status() == StatusCode::NOT_FOUND {
        return Err(Failure(AppError::NotFound));
    }
    let mut response = response.into_response();
    // Keys change with every upload: a file never changes, but it is the club's only.
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=31536000, immutable"),
    );
    Ok(response)
}

/// The media routes; the session layer is applied by the caller.
pub fn routes(state: MediaState) -> Router {
    Router::new()
        .route(
            "/media/exercises/{id}/{slot}",
            put(upload)
                .delete(remove)
                // Room for the largest video; each slot checks its own limit.
                .layer(DefaultBodyLimit::max(Slot::Video.max_bytes() + 1)),
        )
        .route("/media/{*key}", get(serve))
        .with_state(state)
}
