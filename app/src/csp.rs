//! The Content Security Policy of DropIt's answers (server side only).
//!
//! Scripts run only from DropIt's own files and, on a page, inline scripts carrying the page's
//! nonce (Leptos' hydration and resource scripts carry it): a name typed by someone into an
//! exercise or an athlete, were it ever rendered raw, could not run. Videos come from DropIt's
//! media files; video links play in YouTube's and Vimeo's frames only.

/// The policy; `nonce` is the page's (`None` for answers that are not pages: no inline script).
/// `live_reload` allows the development server's web socket (`cargo leptos watch`).
pub fn policy(nonce: Option<&str>, live_reload: bool) -> String {
    let scripts = match nonce {
        Some(nonce) => format!("script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'"),
        None => "script-src 'self' 'wasm-unsafe-eval'".to_owned(),
    };
    // Development's live reload talks to cargo-leptos over a web socket.
    let connect = if live_reload {
        "connect-src 'self' ws://127.0.0.1:3001 ws://localhost:3001"
    } else {
        "connect-src 'self'"
    };
    format!(
        "default-src 'self'; {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
         font-src 'self'; media-src 'self'; \
         frame-src https://www.youtube-nocookie.com https://player.vimeo.com; {connect}; \
         frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
    )
}

/// Sets the page's policy, with the nonce Leptos gave this response, on the response.
pub fn set_page_policy(live_reload: bool) {
    use leptos::prelude::use_context;
    let Some(nonce) = leptos::nonce::use_nonce() else {
        return;
    };
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&policy(Some(&nonce), live_reload)),
    ) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_run_only_with_the_page_nonce() {
        let page = policy(Some("abc123"), false);
        assert!(page.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"));
        let scripts = page
            .split(';')
            .find(|d| d.trim_start().starts_with("script-src"))
            .unwrap_or_default();
        assert!(!scripts.contains("unsafe-inline"), "{page}");
        let other = policy(None, false);
        assert!(other.contains("script-src 'self' 'wasm-unsafe-eval';"));
        assert!(other.contains("media-src 'self';"));
        assert!(!other.contains("https:;"), "no media from any https site");
        assert!(!other.contains("ws://"), "no live reload outside development");
        assert!(policy(None, true).contains("connect-src 'self' ws://127.0.0.1:3001"));
    }
}
