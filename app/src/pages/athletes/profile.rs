//! The profile's islands: the link to a member's account, archiving, and the groups.

use crate::api::athletes::{ArchiveAthlete, LinkAccount, LinkChoice};
use crate::api::groups::SetInGroup;
use crate::components::Field;
use crate::components::Toaster;
use crate::components::browser::reload_here;
use crate::components::call::{Call, on_success, post_action};
use crate::i18n::*;
use domain::{AthleteId, GroupId, MemberId};
use leptos::prelude::*;

/// Links the profile to a member's account, or unlinks it.
#[island(lazy = athletes)]
pub(super) fn AccountLink(
    athlete_id: AthleteId,
    version: i64,
    linked: bool,
    choices: Vec<LinkChoice>,
) -> impl IntoView {
    let chosen = RwSignal::new(String::new());
    let action = post_action();
    let link = move |member_id: Option<MemberId>| {
        action.dispatch(Call::new(&LinkAccount {
            athlete_id,
            version,
            member_id,
        }));
    };
    on_success(action, move || reload_here(None));
    if linked {
        return view! {
            <div>
                <button type="button" class="btn-secondary" disabled=move || action.pending().get() on:click=move |_| link(None)>
                    {tr!(athletes.unlink)}
                </button>
            </div>
        }
        .into_any();
    }
    if choices.is_empty() {
        return view! { <p class="text-xs text-muted">{tr!(athletes.link_hint)}</p> }.into_any();
    }
    view! {
        <div class="flex flex-wrap items-end gap-2">
            <Field id="link-member" label=tr!(athletes.link_to)>
                <select id="link-member" class="select" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {choices.into_iter().map(|c| view! { <option value=c.id.0.to_string()>{format!("{} ({})", c.name, c.email)}</option> }).collect_view()}
                </select>
            </Field>
            <button
                type="button"
                class="btn-secondary"
                disabled=move || action.pending().get() || chosen.with(String::is_empty)
                on:click=move |_| {
                    if let Ok(id) = chosen.get_untracked().parse() {
                        link(Some(MemberId(id)));
                    }
                }
            >
                {tr!(athletes.link)}
            </button>
        </div>
    }
    .into_any()
}

#[island(lazy = athletes)]
pub(super) fn ArchiveAthlete(id: AthleteId, version: i64, archived: bool) -> impl IntoView {
    let action = post_action();
    let call = Call::new(&ArchiveAthlete {
        id,
        version,
        archived: !archived,
    });
    on_success(action, move || reload_here(None));
    view! {
        <button type="button" class="btn-secondary" disabled=move || action.pending().get() on:click=move |_| { action.dispatch(call.clone()); } data-testid="archive-athlete">
            {if archived { tr!(athletes.restore) } else { tr!(athletes.archive) }}
        </button>
    }
}

#[island(lazy = athletes)]
pub(super) fn GroupToggles(athlete_id: AthleteId, groups: Vec<(GroupId, String, bool)>) -> impl IntoView {
    let locale = crate::lang::current();
    let toaster = Toaster;
    let action = post_action();
    on_success(action, move || {
        toaster.success(td_string!(locale, athletes.groups_saved).to_string())
    });
    view! {
        <fieldset class="flex flex-col gap-2" data-testid="group-toggles">
            <legend class="sr-only">{tr!(athletes.groups)}</legend>
            {groups.into_iter().map(|(id, name, member)| view! {
                <label class="flex items-center gap-2">
                    <input type="checkbox" checked=member on:change=move |ev| {
                        action.dispatch(Call::new(&SetInGroup { group_id: id, athlete_id, member: event_target_checked(&ev) }));
                    }/>
                    {name}
                </label>
            }).collect_view()}
        </fieldset>
    }
}
