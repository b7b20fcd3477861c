//! Media files: the local adapter of the domain's `MediaStore` port, and the HTTP routes that
//! upload, remove and serve an exercise's image and video.
//!
//! - `PUT /media/exercises/{id}/{image|video}` with the file as the body: who asks, and for
//!   which exercise, is checked before a byte of the body is read; the body then streams to a
//!   staging file, cut at the slot's size; its type is read from its content;
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
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use domain::ExerciseId;
use domain::media::{HEAD_BYTES, MediaError, MediaStore, Slot, Staged};
use domain::service::catalogue as service;
use domain::{FieldError, FieldProblem};
use futures_util::StreamExt;
use std::path::PathBuf;
use tokio::io::AsyncWriteExt;
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

    /// Where uploads wait while they arrive (on the same file system as the media, so keeping
    /// one is a rename).
    fn staging(&self) -> PathBuf {
        self.root.join("staging")
    }

    fn staged_path(&self, staged: &Staged) -> PathBuf {
        self.staging().join(format!("{}.part", staged.id))
    }

    /// Forgets the uploads a previous run left half-received (it stopped mid-upload).
    pub fn sweep_staging(&self) {
        let _ = std::fs::remove_dir_all(self.staging());
    }

    /// Receives an upload's body into a staging file, at most `max` bytes: a longer body is cut
    /// off as soon as it passes the limit. The file is on disk (synced) when this answers.
    /// Whatever happens next (kept, refused, or the client gone), the file is removed when the
    /// answer's [`Received`] is dropped, unless it was kept (moved away).
    pub async fn receive(&self, body: Body, max: usize) -> Result<Received, Receive> {
        tokio::fs::create_dir_all(self.staging())
            .await
            .map_err(Receive::Io)?;
        let mut staged = Staged {
            id: uuid::Uuid::new_v4().simple().to_string(),
            head: Vec::with_capacity(HEAD_BYTES),
            len: 0,
        };
        let path = self.staged_path(&staged);
        // Also when this future is dropped half-way (the client hung up).
        let cleanup = StagedCleanup(path.clone());
        let mut file = tokio::fs::File::create(&path).await.map_err(Receive::Io)?;
        let mut stream = body.into_data_stream();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|_| Receive::Interrupted)?;
            staged.len += chunk.len() as u64;
            if staged.len > max as u64 {
                return Err(Receive::TooLarge);
            }
            let missing = HEAD_BYTES.saturating_sub(staged.head.len());
            staged.head.extend(chunk.iter().take(missing));
            file.write_all(&chunk).await.map_err(Receive::Io)?;
        }
        file.sync_all().await.map_err(Receive::Io)?;
        Ok(Received {
            staged,
            _cleanup: cleanup,
        })
    }
}

/// An upload received in the staging folder.
pub struct Received {
    pub staged: Staged,
    _cleanup: StagedCleanup,
}

/// Removes a staged file when dropped (once kept, it has moved: nothing is left to remove).
struct StagedCleanup(PathBuf);

impl Drop for StagedCleanup {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Why an upload's body was not received.
#[derive(Debug)]
pub enum Receive {
    TooLarge,
    /// The client stopped sending (or sent too slowly).
    Interrupted,
    Io(std::io::Error),
}

fn io_error(e: std::io::Error) -> MediaError {
    MediaError(e.to_string())
}

#[async_trait]
impl MediaStore for LocalMedia {
    async fn keep(&self, staged: &Staged, key: &str) -> Result<(), MediaError> {
        let path = self.path(key);
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir).await.map_err(io_error)?;
        }
        // Received aside, then renamed: a reader never sees half a file.
        tokio::fs::rename(self.staged_path(staged), &path)
            .await
            .map_err(io_error)
    }

    async fn discard(&self, staged: &Staged) {
        let _ = tokio::fs::remove_file(self.staged_path(staged)).await;
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

fn file_problem(problem: FieldProblem) -> Failure {
    Failure(AppError::Invalid(vec![FieldError::new("file", problem)]))
}

async fn upload(
    State(state): State<MediaState>,
    session: tower_sessions::Session,
    Path((id, slot_name)): Path<(i64, String)>,
    request: Request,
) -> Result<Json<String>, Failure> {
    let slot = slot(&slot_name)?;
    let actor = member(&state, &session).await?;
    let exercise = ExerciseId(id);
    // Who asks and for what, before a byte of the body is read.
    service::may_set_exercise_media(&*state.app.store, &actor, exercise).await?;
    if crate::guard::announced_length(request.headers()).is_some_and(|len| len > slot.max_bytes() as u64) {
        return Err(file_problem(slot.too_large()));
    }
    let received = match state.files.receive(request.into_body(), slot.max_bytes()).await {
        Ok(received) => received,
        Err(Receive::TooLarge) => return Err(file_problem(slot.too_large())),
        Err(Receive::Interrupted) => return Err(file_problem(FieldProblem::InvalidFormat)),
        Err(Receive::Io(e)) => {
            tracing::error!(error = %e, "cannot receive an upload");
            return Err(Failure(AppError::Unavailable));
        }
    };
    let unique = uuid::Uuid::new_v4().simple().to_string();
    let key = service::set_exercise_media(
        &*state.app.store,
        &state.files,
        &actor,
        exercise,
        slot,
        &received.staged,
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
        .route("/media/exercises/{id}/{slot}", put(upload).delete(remove))
        .route("/media/{*key}", get(serve))
        .with_state(state)
}

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used)] // test code: a failed expectation is the test failing
mod tests {
    use super::*;

    /// A body sent in `chunks` of `size` bytes each, announcing no length (as a chunked upload).
    fn chunked(chunks: usize, size: usize) -> Body {
        let parts = (0..chunks).map(move |_| Ok::<_, std::io::Error>(vec![b'x'; size]));
        Body::from_stream(futures_util::stream::iter(parts))
    }

    /// A body that never ends: only a cut while it is read answers.
    fn endless() -> Body {
        Body::from_stream(futures_util::stream::repeat_with(|| {
            Ok::<_, std::io::Error>(vec![b'x'; 1000])
        }))
    }

    fn staged_files(media: &LocalMedia) -> usize {
        std::fs::read_dir(media.staging()).map_or(0, |dir| dir.count())
    }

    #[tokio::test]
    async fn a_body_is_cut_as_it_passes_the_limit_and_its_staged_file_removed() {
        let root = std::env::temp_dir().join(format!("dropit-media-{}", uuid::Uuid::new_v4().simple()));
        let media = LocalMedia::new(root.clone());

        let refused = tokio::time::timeout(std::time::Duration::from_secs(5), media.receive(endless(), 4500))
            .await
            .expect("cut while it is read, not read to its end");
        assert!(matches!(refused, Err(Receive::TooLarge)), "{:?}", refused.err());
        assert_eq!(staged_files(&media), 0, "a refused upload leaves no staged file");

        let at_the_limit = media.receive(chunked(4, 1000), 4000).await;
        assert_eq!(
            at_the_limit.map(|r| r.staged.len).ok(),
            Some(4000),
            "the limit itself is allowed"
        );
        let received = media
            .receive(chunked(4, 1000), 4500)
            .await
            .expect("within the limit");
        assert_eq!(received.staged.len, 4000);
        assert_eq!(received.staged.head.len(), HEAD_BYTES.min(4000));
        assert_eq!(staged_files(&media), 1);
        drop(received);
        assert_eq!(staged_files(&media), 0, "an upload nobody kept is removed");

        let _ = std::fs::remove_dir_all(root);
    }
}
