//! DropIt's server: the composition root. It reads the configuration, opens the database, wires
//! the adapters into the domain's ports and serves the Leptos app with its HTTP layers.

pub mod config;
pub mod feed;
pub mod guard;
pub mod hasher;
pub mod listen;
pub mod mailer;
pub mod media;
pub mod seed;
pub mod sessions;

use app::ssr::AppState;
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use config::Config;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use sessions::Sessions;
use std::sync::Arc;
use std::time::Duration;
use store::{Creation, Database};
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// Sessions end after this long without a request.
pub const SESSION_IDLE: tower_sessions::cookie::time::Duration =
    tower_sessions::cookie::time::Duration::days(14);

/// The longest a page or a server function may take (the login throttle's longest delay is
/// 16 s); after it the client gets 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The longest a client may pause while sending a request's body.
pub const BODY_IDLE_TIMEOUT: Duration = Duration::from_secs(15);

/// Everything a running DropIt needs, built from the configuration.
pub struct Application {
    pub router: Router,
    pub db: Database,
    pub connections: listen::ConnectionLimits,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error(transparent)]
    Database(#[from] store::ConnectError),
    #[error("cannot prepare the session store: {0}")]
    Sessions(#[from] sqlx::Error),
}

/// Opens and migrates the database named by the configuration. `creation` says whether a
/// missing SQLite file may be created (see [`Creation`]).
pub async fn open_database(config: &Config, creation: Creation) -> Result<Database, StartError> {
    let db = Database::connect(&config.database_url, creation).await?;
    db.migrate().await?;
    Ok(db)
}

fn leptos_options(config: &Config) -> LeptosOptions {
    // cargo-leptos writes hash.txt next to the binary when it fingerprints the assets.
    let hashed = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")))
        .is_some_and(|path| path.exists());
    let dev = std::env::var("LEPTOS_ENV").is_ok_and(|v| v.eq_ignore_ascii_case("dev"));
    LeptosOptions::builder()
        .output_name("dropit")
        .site_root(config.site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(config.listen)
        .env(if dev {
            leptos::config::Env::DEV
        } else {
            leptos::config::Env::PROD
        })
        .hash_files(hashed)
        .build()
}

/// The app's routes, listed once per process.
///
/// Listing them renders the whole app with resource loading switched off, and Leptos keeps that
/// switch in a process-wide flag: a page rendered meanwhile by another application of the same
/// process (one per test in the HTTP tests) would wait forever for its resources. Listed once,
/// before any application serves, no page can be rendered during it.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(app::App)).clone()
}

/// Builds the whole HTTP application over an open database.
pub async fn build(config: &Config, db: Database) -> Result<Application, StartError> {
    let store = db.store();
    let files = media::LocalMedia::new(config.media_dir.clone());
    files.sweep_staging();
    let state = AppState {
        store: store.clone(),
        hasher: Arc::new(hasher::Argon2Hasher::default()),
        pause: Arc::new(hasher::TokioPause),
        offload: Arc::new(hasher::BlockingOffload),
        mailer: Arc::new(mailer::LogMailer),
        media: Arc::new(files.clone()),
        catalogues: Arc::default(),
        limits: config.throttle(),
        public_url: config.public_url(),
        secure_cookies: config.secure_cookies(),
    };

    let sessions = Sessions::open(&db).await?;
    spawn_expired_session_cleanup(sessions.clone());
    spawn_throttle_cleanup(state.clone());
    let session_layer = SessionManagerLayer::new(sessions)
        .with_name("dropit_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.secure_cookies())
        .with_expiry(Expiry::OnInactivity(SESSION_IDLE));

    let options = leptos_options(config);
    let live_reload = options.env == leptos::config::Env::DEV;
    let routes = route_list();
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let pkg_dir = config.site_root.join("pkg");

    let pages = Router::new()
        .leptos_routes_with_context(&options, routes, context.clone(), {
            let options = options.clone();
            move || app::shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context(
            context,
            app::shell,
        ))
        .with_state(options)
        .layer(middleware::from_fn_with_state(state.clone(), page_gate))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ));

    let assets = Router::new()
        .nest_service(
            "/pkg",
            ServeDir::new(pkg_dir).precompressed_br().precompressed_gzip(),
        )
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ));

    let ops = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .with_state(Readiness::new(db.clone()));

    let feeds = feed::routes(state.clone());
    let media = media::routes(media::MediaState {
        app: state.clone(),
        files,
    });

    let request_id = HeaderName::from_static("x-request-id");
    let trusted: Arc<[ipnet::IpNet]> = config.trusted_proxies.clone().into();
    let public_origin: Arc<str> = config.public_url().into();
    // Layers run outside in: the last one added sees the request first.
    let router = Router::new()
        .merge(feeds)
        .merge(media)
        .merge(ops)
        .merge(assets)
        .merge(pages)
        .layer(middleware::from_fn(server_fn_status))
        .layer(middleware::from_fn(guard::limit_body))
        .layer(session_layer)
        .layer(middleware::from_fn_with_state(
            public_origin,
            guard::refuse_cross_origin,
        ))
        .layer(middleware::from_fn_with_state(trusted, guard::client_address))
        .layer(middleware::from_fn(guard::private_answers))
        .layer(RequestBodyTimeoutLayer::new(BODY_IDLE_TIMEOUT));
    let router = with_security_headers(router, config.secure_cookies(), live_reload)
        // Pages and server-function answers: brotli in one piece (see `compress`), gzip for
        // clients without brotli; static assets are precompressed.
        .layer(
            CompressionLayer::new()
                .quality(tower_http::CompressionLevel::Precise(1)),
        )
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(|req: &Request<Body>| {
                    let id = req
                        .headers()
                        .get("x-request-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
                }))
                .layer(PropagateRequestIdLayer::new(request_id)),
        )
        // A code file's answer is immutable and cached: its request id would only weigh on the
        // twenty of them a page loads (the request is still logged with it).
        .layer(middleware::map_response(|mut response: Response<Body>| async move {
            if is_code_file(&response) {
                response.headers_mut().remove("x-request-id");
            }
            response
        }));
    let connections = listen::ConnectionLimits {
        uncapped: config.trusted_proxies.clone(),
        ..listen::ConnectionLimits::default()
    };
    Ok(Application {
        router,
        db,
        connections,
    })
}

/// Forgets throttle counters whose window is over, hourly.
fn spawn_throttle_cleanup(state: AppState) {
    tokio::spawn(async move {
        let mut hourly = tokio::time::interval(Duration::from_secs(3600));
        loop {
            hourly.tick().await;
            let oldest = chrono::Utc::now() - state.limits.window.max(state.limits.signup_window);
            if let Err(e) = state.store.forget_throttles(oldest).await {
                tracing::warn!(error = %e, "throttle cleanup failed");
            }
        }
    });
}

fn spawn_expired_session_cleanup(sessions: Sessions) {
    use tower_sessions::session_store::ExpiredDeletion;
    tokio::spawn(async move {
        if let Err(e) = sessions
            .continuously_delete_expired(Duration::from_secs(3600))
            .await
        {
            tracing::warn!(error = %e, "expired-session cleanup stopped");
        }
    });
}

/// Adds the security headers to every response of `router`. Pages replace the CSP with one
/// that allows their own inline scripts by their nonce (see `app::csp`); every other answer
/// allows none.
fn with_security_headers(router: Router, https: bool, live_reload: bool) -> Router {
    let csp = HeaderValue::from_str(&app::csp::policy(None, live_reload))
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'"));
    let hsts = https.then(|| HeaderValue::from_static("max-age=63072000; includeSubDomains"));
    let header = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    // Headers that only mean something for a document: a script, a WASM module or a style
    // sheet (the files under /pkg, a page loads up to twenty) goes without them, which keeps
    // each of those responses a third lighter. `nosniff` stays: it is what keeps such a file
    // from ever being taken for a document. (The referrer policy of the requests a style sheet
    // makes is then the default one, which sends DropIt's own addresses to DropIt only, as
    // `same-origin` does: a style sheet only reaches DropIt's own fonts and images.)
    let document_only = |name: HeaderName, value: HeaderValue| {
        SetResponseHeaderLayer::if_not_present(name, move |response: &Response<Body>| {
            (!is_code_file(response)).then(|| value.clone())
        })
    };
    router
        .layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            move |_: &Response<Body>| hsts.clone(),
        ))
        .layer(document_only(header::CONTENT_SECURITY_POLICY, csp))
        .layer(header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(document_only(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(document_only(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(document_only(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
        ))
}

/// Whether an answer is a script, a WASM module or a style sheet.
fn is_code_file(response: &Response<Body>) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|kind| {
            [
                "text/javascript",
                "application/javascript",
                "application/wasm",
                "text/css",
            ]
            .iter()
            .any(|code| kind.starts_with(code))
        })
}

/// The answer of `/readyz`: whether the database takes a write. The probe (a committed
/// one-row update) runs at most once per [`Readiness::FRESH`], one at a time, whoever asks and
/// however often: a flood of probes cannot hold the database's write lock.
#[derive(Clone)]
struct Readiness {
    db: Database,
    last: Arc<tokio::sync::Mutex<Option<(std::time::Instant, bool)>>>,
}

impl Readiness {
    /// How long a probe's answer is reused.
    const FRESH: Duration = Duration::from_secs(2);

    fn new(db: Database) -> Self {
        Self {
            db,
            last: Arc::default(),
        }
    }

    async fn ready(&self) -> bool {
        let mut last = self.last.lock().await;
        if let Some((at, ready)) = *last
            && at.elapsed() < Self::FRESH
        {
            return ready;
        }
        let probe = tokio::time::timeout(Duration::from_secs(3), self.db.check_writable(chrono::Utc::now()));
        let ready = match probe.await {
            Ok(Ok(())) => true,
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "not ready");
                false
            }
            Err(_) => {
                tracing::warn!("not ready: the database did not take a write within 3 s");
                false
            }
        };
        *last = Some((std::time::Instant::now(), ready));
        ready
    }
}

/// Ready when the database takes a write within a few seconds (and, on SQLite, its file is
/// still there): a full disk, a lost file or a stuck connection answer 503.
async fn readyz(State(readiness): State<Readiness>) -> Response {
    if readiness.ready().await {
        (StatusCode::OK, "ready").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database cannot take writes").into_response()
    }
}

/// Gives every server-function error response the HTTP status its [`app::error::AppError`]
/// stands for (server_fn answers them all with 500): 401, 403, 404, 409, 422, 429…, and 400 for
/// arguments that cannot be decoded. Refusals of bad input never look like server failures.
/// A plain HTML form's failed post keeps its redirect back to the form's page, which shows the
/// error it carries in the address.
async fn server_fn_status(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    if response.status().is_redirection() {
        tidy_location(&mut response);
        return response;
    }
    if !response
        .headers()
        .contains_key(leptos::server_fn::error::SERVER_FN_ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "unreadable error").into_response();
    };
    if let Ok(error) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        parts.status = error.status();
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Drops the empty query server_fn leaves on the page a plain form goes back to (`/club?`).
fn tidy_location(response: &mut Response) {
    let tidy = response
        .headers()
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .and_then(|l| l.strip_suffix('?'))
        .and_then(|l| HeaderValue::from_str(l).ok());
    if let Some(location) = tidy {
        response.headers_mut().insert(header::LOCATION, location);
    }
}

/// Pages anyone may open without logging in.
fn is_public_page(path: &str) -> bool {
    matches!(path, "/login" | "/signup") || path.starts_with("/invite/")
}

/// Sends visitors to the login page before a member page renders (so it works without WASM),
/// and logged-in people away from the login page. Server functions check access themselves.
async fn page_gate(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    mut req: Request,
    next: Next,
) -> Response {
    // Who is asking is resolved at most once per request (see `app::ssr::CallerCell`).
    let cell = app::ssr::CallerCell::default();
    req.extensions_mut().insert(cell.clone());
    let path = req.uri().path().to_owned();
    let is_page = req.method() == axum::http::Method::GET
        && !path.starts_with("/api/")
        && !path.rsplit('/').next().is_some_and(|last| last.contains('.'));
    if !is_page {
        return next.run(req).await;
    }
    let logged_in = match cell.get(&state, &session).await {
        Ok(caller) => caller.is_some(),
        Err(_) => return (StatusCode::SERVICE_UNAVAILABLE, "service unavailable").into_response(),
    };
    if !logged_in && !is_public_page(&path) {
        let target = req.uri().path_and_query().map(|pq| pq.as_str()).unwrap_or("/");
        let next_param: String = url_encode(target);
        return Redirect::to(&format!("/login?next={next_param}")).into_response();
    }
    if logged_in && path == "/login" {
        return Redirect::to("/").into_response();
    }
    next.run(req).await
}

fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Serves until Ctrl-C or SIGTERM, then lets requests in flight finish within the grace
/// period (see [`listen`]).
pub async fn serve(app: Application, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    listen::serve(listener, app.router, app.connections, shutdown_signal()).await;
    app.db.close().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn code_files_carry_only_the_headers_that_mean_something_for_them() {
        use tower::ServiceExt;
        let app = with_security_headers(
            Router::new()
                .route(
                    "/pkg/app.wasm",
                    get(|| async { ([(header::CONTENT_TYPE, "application/wasm")], "wasm") }),
                )
                .route("/page", get(|| async { axum::response::Html("<p>page</p>") })),
            false,
            false,
        );
        let get = |path: &'static str| {
            let app = app.clone();
            async move {
                let request = axum::http::Request::get(path)
                    .body(Body::empty())
                    .expect("a request");
                app.oneshot(request).await.expect("an answer")
            }
        };
        let code = get("/pkg/app.wasm").await;
        assert_eq!(
            code.headers()
                .get(header::X_CONTENT_TYPE_OPTIONS)
                .map(|v| v.as_bytes()),
            Some(&b"nosniff"[..])
        );
        for name in [
            header::CONTENT_SECURITY_POLICY,
            header::X_FRAME_OPTIONS,
            header::REFERRER_POLICY,
        ] {
            assert!(!code.headers().contains_key(&name), "{name} on a code file");
        }
        let page = get("/page").await;
        for name in [
            header::CONTENT_SECURITY_POLICY,
            header::X_FRAME_OPTIONS,
            header::REFERRER_POLICY,
        ] {
            assert!(page.headers().contains_key(&name), "{name} missing on a page");
        }
    }

    #[test]
    fn public_pages_are_few() {
        assert!(is_public_page("/login"));
        assert!(is_public_page("/signup"));
        assert!(is_public_page("/invite/abc"));
        assert!(!is_public_page("/"));
        assert!(!is_public_page("/club"));
        assert!(!is_public_page("/loginx"));
    }

    #[test]
    fn next_targets_are_encoded() {
        assert_eq!(url_encode("/club?tab=a&b=c"), "/club%3Ftab%3Da%26b%3Dc");
    }
}
