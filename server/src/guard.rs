//! What every request passes before DropIt's pages and server functions see it, and what every
//! answer carries: the client's address, the refusal of cross-origin writes (CSRF), the limits
//! on request bodies, and the cache and security headers.

use app::error::AppError;
use app::ssr::ClientAddress;
use axum::Json;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::{FieldError, FieldProblem};
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// The largest body of an ordinary request (a form, a server-function call): every field of
/// DropIt's forms fits many times over.
pub const BODY_LIMIT: usize = 64 * 1024;

/// The largest body of an import: a 2 MB file, percent-encoded in a form (up to three bytes per
/// byte), with room to spare. The import itself refuses files over 2 MB with a message.
pub const IMPORT_BODY_LIMIT: usize = 8 * 1024 * 1024;

/// The body limit of a path; `None` where the route sets its own (media uploads stream their
/// body to disk with their slot's limit).
pub fn body_limit(path: &str) -> Option<usize> {
    use app::api::{athletes::ImportAthletes, catalogue::ImportCatalogue};
    use leptos::server_fn::ServerFn;
    if path.starts_with("/media/") {
        None
    } else if path == ImportCatalogue::PATH || path == ImportAthletes::PATH {
        Some(IMPORT_BODY_LIMIT)
    } else {
        Some(BODY_LIMIT)
    }
}

/// Refuses a body announced larger than its limit at once, and cuts one that grows past it
/// while it is read (a chunked body announces nothing).
pub async fn limit_body(req: Request, next: Next) -> Response {
    let Some(limit) = body_limit(req.uri().path()) else {
        return next.run(req).await;
    };
    if announced_length(req.headers()).is_some_and(|len| len > limit as u64) {
        return too_large(limit);
    }
    let req = req.map(|body| Body::new(http_body_util::Limited::new(body, limit)));
    next.run(req).await
}

/// The body length a request announces (`Content-Length`), if it does.
pub fn announced_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}

/// The refusal of a body too large. The body is never read, so the connection cannot carry
/// another request: the answer says so (`Connection: close`), and a client does not send its
/// next call on a connection the server is closing.
fn too_large(limit: usize) -> Response {
    let error = AppError::Invalid(vec![FieldError::new(
        "request",
        FieldProblem::TooLong { max: limit },
    )]);
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        [(header::CONNECTION, "close")],
        Json(error),
    )
        .into_response()
}

/// The client's address: the connection's peer, unless the peer is a trusted proxy; then the
/// last address of `X-Forwarded-For` that is not a trusted proxy (addresses further left are
/// whatever the client claimed, and are not believed).
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    // Listening on IPv6, an IPv4 peer arrives as `::ffff:a.b.c.d`: compare it as IPv4.
    let peer = peer.to_canonical();
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        let Ok(ip) = hop.trim().parse::<IpAddr>().map(|ip| ip.to_canonical()) else {
            break;
        };
        client = ip;
        if !is_trusted(&ip) {
            break;
        }
    }
    client
}

/// Puts the client's address into the request (see [`client_ip`]), for the login throttle.
pub async fn client_address(State(trusted): State<Arc<[IpNet]>>, mut req: Request, next: Next) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::from([0, 0, 0, 0]), |ConnectInfo(addr)| addr.ip());
    let ip = client_ip(peer, req.headers(), &trusted);
    req.extensions_mut().insert(ClientAddress(ip));
    next.run(req).await
}

/// Whether a request that changes something comes from another site or another origin of the
/// same site (another port, another sub-domain): a forged form or script on someone else's
/// page. Browsers say where a request comes from in `Sec-Fetch-Site`; older ones only send
/// `Origin`, compared with the `Host` the request was sent to and with DropIt's public URL.
/// A request with neither header does not come from a browser page (a script, a test): it
/// carries no one's cookies by accident, so it is not refused.
pub fn is_cross_origin(method: &Method, headers: &HeaderMap, public_origin: &str) -> bool {
    if matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    ) {
        return false;
    }
    if let Some(site) = headers.get("sec-fetch-site") {
        return !matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    if origin.eq_ignore_ascii_case(public_origin) {
        return false;
    }
    let origin_host = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match (origin_host, host) {
        (Some(origin_host), Some(host)) => !origin_host.eq_ignore_ascii_case(host),
        _ => true,
    }
}

/// Refuses cross-origin writes (see [`is_cross_origin`]) with 403, before anything runs.
pub async fn refuse_cross_origin(
    State(public_origin): State<Arc<str>>,
    req: Request,
    next: Next,
) -> Response {
    if is_cross_origin(req.method(), req.headers(), &public_origin) {
        tracing::warn!(
            origin = ?req.headers().get(header::ORIGIN),
            site = ?req.headers().get("sec-fetch-site"),
            "cross-origin write refused"
        );
        return (StatusCode::FORBIDDEN, Json(AppError::Forbidden)).into_response();
    }
    next.run(req).await
}

/// Answers that depend on who asks are kept by no cache but the browser's own, and never
/// stored: a shared computer's back button, or a proxy, shows nobody else's page. Fingerprinted
/// assets and media set their own caching.
pub async fn private_answers(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
        headers.append(header::VARY, HeaderValue::from_static("Cookie"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    const PUBLIC: &str = "https://club.example";

    #[test]
    fn writes_from_other_sites_and_origins_are_refused() {
        let post = Method::POST;
        for refused in [
            headers(&[("sec-fetch-site", "cross-site")]),
            headers(&[("sec-fetch-site", "same-site")]),
            headers(&[("origin", "http://127.0.0.1:4000"), ("host", "127.0.0.1:3000")]),
            headers(&[("origin", "null"), ("host", "127.0.0.1:3000")]),
            headers(&[("origin", "https://evil.example"), ("host", "club.example")]),
        ] {
            assert!(is_cross_origin(&post, &refused, PUBLIC), "{refused:?}");
        }
        for allowed in [
            headers(&[
                ("sec-fetch-site", "same-origin"),
                ("origin", "https://club.example"),
            ]),
            headers(&[("sec-fetch-site", "none")]),
            headers(&[("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")]),
            headers(&[("origin", "https://club.example"), ("host", "10.0.0.5:3000")]),
            headers(&[]),
        ] {
            assert!(!is_cross_origin(&post, &allowed, PUBLIC), "{allowed:?}");
        }
        let cross = headers(&[("sec-fetch-site", "cross-site")]);
        assert!(
            !is_cross_origin(&Method::GET, &cross, PUBLIC),
            "reading is not refused"
        );
        assert!(is_cross_origin(&Method::PUT, &cross, PUBLIC));
        assert!(is_cross_origin(&Method::DELETE, &cross, PUBLIC));
    }

    #[test]
    fn the_client_address_comes_from_a_trusted_proxy_only() {
        let proxy: IpAddr = "10.0.0.2".parse().expect("ip");
        let stranger: IpAddr = "203.0.113.9".parse().expect("ip");
        let trusted: Vec<IpNet> = vec!["10.0.0.0/24".parse().expect("net")];
        let forwarded = headers(&[("x-forwarded-for", "198.51.100.1, 192.0.2.7")]);
        assert_eq!(
            client_ip(stranger, &forwarded, &trusted),
            stranger,
            "a stranger's header is ignored"
        );
        assert_eq!(
            client_ip(proxy, &forwarded, &[]),
            proxy,
            "no proxy configured: the peer"
        );
        assert_eq!(
            client_ip(proxy, &forwarded, &trusted),
            "192.0.2.7".parse::<IpAddr>().expect("ip"),
            "the address the proxy saw, not what the client claimed further left"
        );
        let chained = headers(&[("x-forwarded-for", "192.0.2.7, 10.0.0.3")]);
        assert_eq!(
            client_ip(proxy, &chained, &trusted),
            "192.0.2.7".parse::<IpAddr>().expect("ip")
        );
        let garbage = headers(&[("x-forwarded-for", "not-an-ip")]);
        assert_eq!(client_ip(proxy, &garbage, &trusted), proxy);
        // The proxy seen through an IPv6 socket is the same proxy.
        let mapped = match proxy {
            IpAddr::V4(v4) => IpAddr::V6(v4.to_ipv6_mapped()),
            v6 => v6,
        };
        assert_eq!(
            client_ip(mapped, &forwarded, &trusted),
            "192.0.2.7".parse::<IpAddr>().expect("ip")
        );
    }

    #[test]
    fn imports_have_room_and_everything_else_is_small() {
        assert_eq!(body_limit("/api/log_in"), Some(BODY_LIMIT));
        assert_eq!(body_limit("/api/import_catalogue"), Some(IMPORT_BODY_LIMIT));
        assert_eq!(body_limit("/api/import_athletes"), Some(IMPORT_BODY_LIMIT));
        assert_eq!(body_limit("/media/exercises/1/video"), None);
        assert_eq!(body_limit("/catalogue"), Some(BODY_LIMIT));
    }
}
