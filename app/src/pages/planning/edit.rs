//! Changing one session's content (`/planning/sessions/:id/edit`): the workout builder, opened
//! on the session's own copy. Saving changes that session only (its workout and the other
//! sessions keep theirs) and goes back to it.

use super::session_href;
use crate::api::planning::session_editor;
use crate::components::{id_param, loaded, loading};
use crate::pages::workouts::builder::WorkoutBuilder;
use domain::planning::SessionId;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn EditSessionContentPage() -> impl IntoView {
    let id = id_param(SessionId);
    let back = id.as_ref().ok().map(|id| {
        view! { <a href=session_href(*id) class="text-sm text-muted hover:underline" data-testid="back-to-session">{tr!(planning.back_to_session)}</a> }
    });
    let page = loaded(async move { session_editor(id?).await }, |editor| {
        view! { <WorkoutBuilder editor/> }
    });
    view! {
        <Title text=tr!(planning.edit_content_title)/>
        <section class="flex flex-col gap-6">
            {back}
            <header class="flex flex-col gap-1">
                <h1 class="text-3xl font-bold">{tr!(planning.edit_content_title)}</h1>
                <p class="text-sm text-muted" data-testid="session-only">{tr!(planning.edit_content_help)}</p>
            </header>
            {loading(page)}
        </section>
    }
}
