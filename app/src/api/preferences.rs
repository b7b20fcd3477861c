//! The header's preferences: the page's language and theme, kept in cookies the server reads
//! when it renders a page.
//!
//! The header posts to these as plain HTML forms (no WASM): the server sets the cookie and
//! sends the browser back to the page it came from, which comes back in the chosen language or
//! theme.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The languages DropIt speaks, as a form sends them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Fr,
    En,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }
}

/// The themes a person may choose over the system's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    Dark,
    Light,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Dark => "dark",
            Theme::Light => "light",
        }
    }

    /// The theme a `Cookie` header chose, if any.
    pub fn chosen(cookie_header: &str) -> Option<Theme> {
        cookie_header.split(';').find_map(|pair| {
            match pair.trim().strip_prefix(THEME_COOKIE)?.strip_prefix('=')? {
                "dark" => Some(Theme::Dark),
                "light" => Some(Theme::Light),
                _ => None,
            }
        })
    }
}

/// The cookie that keeps the chosen theme.
pub const THEME_COOKIE: &str = "dropit_theme";

/// A preference cookie: readable by the server on every page, kept a year (and, like the
/// session's, only sent over HTTPS where DropIt is served so).
#[cfg(feature = "ssr")]
fn remember(name: &str, value: &str) -> Result<(), AppError> {
    let secure = if crate::ssr::state()?.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    crate::ssr::set_cookie(&format!(
        "{name}={value}; Path=/; Max-Age=31536000; SameSite=Lax{secure}"
    ));
    Ok(())
}

/// Keeps the page's language; anyone may choose, logged in or not.
#[server(endpoint = "set_language")]
pub async fn set_language(language: Language) -> Result<(), AppError> {
    remember(crate::lang::COOKIE, language.as_str())
}

/// Keeps the theme; anyone may choose, logged in or not.
#[server(endpoint = "set_theme")]
pub async fn set_theme(theme: Theme) -> Result<(), AppError> {
    remember(THEME_COOKIE, theme.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_theme_cookie_is_read_among_others_and_nothing_else_counts() {
        assert_eq!(Theme::chosen("a=1; dropit_theme=dark; b=2"), Some(Theme::Dark));
        assert_eq!(Theme::chosen("dropit_theme=light"), Some(Theme::Light));
        assert_eq!(Theme::chosen("dropit_theme=purple"), None);
        assert_eq!(Theme::chosen("dropit_themes=dark"), None);
        assert_eq!(Theme::chosen(""), None);
    }
}
