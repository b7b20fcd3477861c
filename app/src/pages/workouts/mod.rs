//! Workouts: the club's library of templates and a workout's page (coaches and above).

pub mod library;
pub mod loads;
pub mod print;
pub mod workout;

use crate::i18n::*;
use crate::model::LiftChoice;
use domain::workout::shorthand::Language;
use domain::workout::{Element, WorkoutId};
use leptos::prelude::*;

/// The page of a workout.
pub fn workout_href(id: WorkoutId) -> String {
    format!("/workouts/{id}")
}

/// A workout's sheet for the gym's wall (a group and a day are chosen on it).
pub fn sheet_href(id: WorkoutId) -> String {
    format!("/workouts/{id}/print")
}

/// A lift's name in the page's language.
pub(crate) fn lift_name(locale: Locale, lift: &LiftChoice) -> String {
    match locale {
        Locale::fr => lift.name_fr.clone(),
        Locale::en => lift.name_en.clone(),
    }
}

/// What the shorthand names a reference lift by: its short name, else its name.
pub(crate) fn short_name(locale: Locale, lift: &LiftChoice) -> String {
    lift.short.clone().unwrap_or_else(|| lift_name(locale, lift))
}

/// The language blocks are described in, the page's.
pub(crate) fn shorthand_language(locale: Locale) -> Language {
    match locale {
        Locale::fr => Language::Fr,
        Locale::en => Language::En,
    }
}

/// An element's tempo and comment, each on a line of its own when there is one.
pub(crate) fn element_notes(locale: Locale, element: &Element) -> impl IntoView + use<> {
    // French puts a space before a colon, English does not.
    let colon = match locale {
        Locale::fr => "\u{a0}: ",
        Locale::en => ": ",
    };
    view! {
        {element.tempo.as_ref().map(|t| view! {
            <p class="text-sm"><span class="text-muted">{tr!(workouts.tempo)} {colon}</span><span class="font-mono">{t.as_str().to_owned()}</span></p>
        })}
        {element.comment.clone().map(|c| view! {
            <p class="text-sm"><span class="text-muted">{tr!(workouts.comment)} {colon}</span>{c}</p>
        })}
    }
}
