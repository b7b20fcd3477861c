//! The club's lifts as pages name them (a workout's, a session's, a sheet's): names in the
//! page's language, blocks in the coach's shorthand and in words, an element's notes.

use crate::i18n::*;
use crate::model::LiftChoice;
use domain::ExerciseId;
use domain::workout::shorthand::{Language, describe, print};
use domain::workout::{Block, Element, Lift};
use leptos::prelude::*;

/// A lift's name in the page's language.
pub(crate) fn lift_name(locale: Locale, lift: &LiftChoice) -> String {
    match locale {
        Locale::fr => lift.name_fr.clone(),
        Locale::en => lift.name_en.clone(),
    }
}

/// The club's lifts as a workout's pages name them, in the page's language: by name in
/// headings, by short name (else name) where the shorthand names a reference lift.
pub(crate) struct LiftNames<'a> {
    locale: Locale,
    lifts: &'a [LiftChoice],
}

impl<'a> LiftNames<'a> {
    pub(crate) fn new(locale: Locale, lifts: &'a [LiftChoice]) -> Self {
        Self { locale, lifts }
    }

    fn choice(&self, lift: Lift) -> Option<&'a LiftChoice> {
        self.lifts.iter().find(|c| c.lift == lift)
    }

    /// The lift's name, when the club has it.
    pub(crate) fn name(&self, lift: Lift) -> Option<String> {
        self.choice(lift).map(|c| lift_name(self.locale, c))
    }

    /// A reference lift as the shorthand reads it back: its short name, else its name.
    pub(crate) fn short(&self, id: ExerciseId) -> Option<String> {
        self.choice(Lift::Exercise(id))
            .map(|c| c.short.clone().unwrap_or_else(|| lift_name(self.locale, c)))
    }

    /// Blocks in the coach's shorthand.
    pub(crate) fn shorthand(&self, blocks: &[Block]) -> String {
        print(blocks, |id| self.short(id))
    }

    /// An element's blocks in words, a line a block, its own reference lift named by its short
    /// name.
    pub(crate) fn words(&self, element: &Element) -> Vec<String> {
        let language = match self.locale {
            Locale::fr => Language::Fr,
            Locale::en => Language::En,
        };
        let own = self.choice(element.lift).and_then(|c| self.short(c.reference));
        describe(&element.blocks, language, own.as_deref(), |id| self.short(id))
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
