//! The club: its members and invitations, and its training settings.

pub mod members;
pub mod training;

use crate::components::Tabs;
use leptos::prelude::*;

/// Where the training settings live.
pub const SETTINGS_HREF: &str = "/club/training";

// ----- The club's sections -----

/// The club's pages an admin switches between.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ClubTab {
    Members,
    Training,
}

/// Tabs between the club's members and its training settings (admins only: coaches cannot
/// open the members page).
#[component]
pub fn ClubTabs(active: ClubTab) -> impl IntoView {
    let current = match active {
        ClubTab::Members => "/club",
        ClubTab::Training => SETTINGS_HREF,
    };
    let tabs = vec![
        ("/club", tr!(settings.tab_members)),
        (SETTINGS_HREF, tr!(settings.tab_training)),
    ];
    view! { <Tabs label=tr!(settings.sections) tabs current testid="club-tabs"/> }
}
