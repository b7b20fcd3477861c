//! Athletes: the roster (a table a coach sorts and filters, cards on a phone), an athlete's page
//! (profile, maxes with history and records, the progression chart, bodyweights, levels,
//! groups), and the athlete form.
//!
//! The roster's sorting and filters are links and a GET form: they work before (and without)
//! the WASM, and the address keeps the view. The forms of the athlete page are small islands
//! that reload the page once saved.

pub mod athlete;
pub mod form;
pub mod groups;
pub mod import;
mod maxes;
mod profile;
pub mod progress;
mod records;
pub mod roster;

use crate::components::Tabs;
use domain::AthleteId;
use leptos::prelude::*;

pub fn athlete_href(id: AthleteId) -> String {
    format!("/athletes/{id}")
}

/// The page's sections and the way between them.
#[component]
pub(super) fn AthleteTabs(active: &'static str) -> impl IntoView {
    let tabs = vec![
        ("/athletes", tr!(athletes.roster)),
        ("/athletes/groups", tr!(athletes.groups)),
        ("/athletes/import", tr!(athletes.import)),
    ];
    view! { <Tabs label=tr!(athletes.sections) tabs current=active/> }
}
