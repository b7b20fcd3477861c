//! The club: its members and invitations, and its training settings.

pub mod members;
pub mod training;

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
    let tab = move |tab: ClubTab, href: &'static str, label: String| {
        view! {
            <a href=href class="nav-link" aria-current=(tab == active).then_some("page")>
                {label}
            </a>
        }
    };
    view! {
        <nav aria-label=tr!(settings.sections) class="flex gap-1 overflow-x-auto border-b border-line" data-testid="club-tabs">
            {tab(ClubTab::Members, "/club", tr!(settings.tab_members))}
            {tab(ClubTab::Training, SETTINGS_HREF, tr!(settings.tab_training))}
        </nav>
    }
}
