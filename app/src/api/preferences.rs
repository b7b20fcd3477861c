//! The header's preferences: the page's language and theme, kept in cookies the server reads
//! when it renders a page.
//!
//! The header posts to these as plain HTML forms (no WASM): the server sets the cookie and
//! sends the browser back to the page it came from, which comes back in the chosen language or
//! theme.

use crate::error::AppError;
use crate::i18n::Locale;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

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

    /// The theme a value names (a cookie's, a button's), if any.
    pub fn parse(value: &str) -> Option<Theme> {
        [Theme::Dark, Theme::Light]
            .into_iter()
            .find(|t| t.as_str() == value)
    }

    /// The theme a `Cookie` header chose, if any.
    pub fn chosen(cookie_header: &str) -> Option<Theme> {
        crate::lang::cookie_value(cookie_header, THEME_COOKIE).and_then(Theme::parse)
    }
}

/// The cookie that keeps the chosen theme.
pub const THEME_COOKIE: &str = "dropit_theme";

/// A preference cookie, as the server sends it and as the browser sets it itself (the theme
/// toggle once the WASM runs): readable on every page, kept a year, and, like the session's,
/// only sent over HTTPS where DropIt is served so.
pub fn preference_cookie(name: &str, value: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; Max-Age=31536000; SameSite=Lax{secure}")
}

#[cfg(feature = "ssr")]
fn remember(name: &str, value: &str) -> Result<(), AppError> {
    let secure = crate::ssr::state()?.secure_cookies;
    crate::ssr::set_cookie(&preference_cookie(name, value, secure));
    Ok(())
}

/// Keeps the page's language; anyone may choose, logged in or not.
#[server(endpoint = "set_language")]
pub async fn set_language(language: Locale) -> Result<(), AppError> {
    use crate::i18n::I18nLocaleTrait;
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
        assert_eq!(
            Theme::chosen("dropit_theme=dark; dropit_theme=light"),
            Some(Theme::Dark)
        );
        assert_eq!(Theme::chosen(""), None);
    }
}
