//! The page's language: chosen on the server, fixed for the page's life.
//!
//! The server picks it from the `dropit_lang` cookie (the person's choice), else from the
//! browser's `Accept-Language`, else French; it writes it into `<html lang>`, and the browser
//! reads it back from there when it hydrates. Switching language sets the cookie and reloads.

use crate::i18n::Locale;
use leptos::prelude::*;

/// The cookie that keeps the chosen language.
pub const COOKIE: &str = "dropit_lang";

fn parse(tag: &str) -> Option<Locale> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    match primary.as_str() {
        "fr" => Some(Locale::fr),
        "en" => Some(Locale::en),
        _ => None,
    }
}

/// The value of the cookie `name` in a `Cookie` header, if it is there.
pub fn cookie_value<'a>(cookie_header: &'a str, name: &str) -> Option<&'a str> {
    cookie_header.split(';').find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        (key == name).then_some(value)
    })
}

/// The language for a request: the cookie's choice, else the browser's preference (by quality),
/// else French.
pub fn negotiate(cookie_header: Option<&str>, accept_language: Option<&str>) -> Locale {
    let chosen = cookie_header
        .and_then(|h| cookie_value(h, COOKIE))
        .and_then(parse);
    if let Some(locale) = chosen {
        return locale;
    }
    let mut preferences: Vec<(f32, Locale)> = accept_language
        .unwrap_or_default()
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let locale = parse(parts.next()?)?;
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            (quality > 0.0).then_some((quality, locale))
        })
        .collect();
    // Stable: equal qualities keep the browser's order.
    preferences.sort_by(|a, b| b.0.total_cmp(&a.0));
    preferences.first().map_or(Locale::fr, |(_, locale)| *locale)
}

/// The language of the current page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageLocale(pub Locale);

/// Works out the page's language and provides it to every component.
pub fn provide() -> Locale {
    let locale = detect();
    provide_context(PageLocale(locale));
    locale
}

/// The page's language (French outside a page, e.g. in tests).
pub fn current() -> Locale {
    use_context::<PageLocale>().map_or(Locale::fr, |p| p.0)
}

/// A bilingual name in `locale`, with the other language's name when it differs (pages show
/// it under the first).
pub fn name_pair(locale: Locale, fr: &str, en: &str) -> (String, Option<String>) {
    let (name, other) = match locale {
        Locale::fr => (fr, en),
        Locale::en => (en, fr),
    };
    (name.to_owned(), (other != name).then(|| other.to_owned()))
}

#[cfg(feature = "ssr")]
pub fn detect() -> Locale {
    let parts = use_context::<http::request::Parts>();
    let header = |name: http::header::HeaderName| {
        parts
            .as_ref()
            .and_then(|p| p.headers.get(&name)?.to_str().ok().map(str::to_owned))
    };
    negotiate(
        header(http::header::COOKIE).as_deref(),
        header(http::header::ACCEPT_LANGUAGE).as_deref(),
    )
}

#[cfg(not(feature = "ssr"))]
pub fn detect() -> Locale {
    #[cfg(feature = "hydrate")]
    {
        document()
            .document_element()
            .and_then(|root| root.get_attribute("lang"))
            .and_then(|tag| parse(&tag))
            .unwrap_or(Locale::fr)
    }
    #[cfg(not(feature = "hydrate"))]
    Locale::fr
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_by_default() {
        assert_eq!(negotiate(None, None), Locale::fr);
        assert_eq!(negotiate(None, Some("de-DE,es;q=0.8")), Locale::fr);
    }

    #[test]
    fn the_browser_language_comes_first() {
        assert_eq!(negotiate(None, Some("en-GB,en;q=0.9")), Locale::en);
        assert_eq!(negotiate(None, Some("de;q=1.0, en;q=0.5, fr;q=0.8")), Locale::fr);
        assert_eq!(negotiate(None, Some("fr;q=0, en")), Locale::en);
        assert_eq!(negotiate(None, Some("en_US")), Locale::en);
    }

    #[test]
    fn the_persons_choice_wins() {
        assert_eq!(
            negotiate(Some("theme=dark; dropit_lang=en"), Some("fr-FR")),
            Locale::en
        );
        assert_eq!(negotiate(Some("dropit_lang=fr"), Some("en-US")), Locale::fr);
        // An unknown value in the cookie is ignored.
        assert_eq!(negotiate(Some("dropit_lang=xx"), Some("en-US")), Locale::en);
    }
}
