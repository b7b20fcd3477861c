//! The club page (admins): members and their roles, invitations.

use super::{ClubTab, ClubTabs};
use crate::api::{
    ChangeRole, ClubMembers, Invite, PendingInvitations, RemoveMember, RevokeInvitation, club_members,
    pending_invitations,
};
use crate::components::Field;
use crate::components::call::{Answer, Call, PostForm, ask, decode, post_action};
use crate::components::format::short_date;
use crate::components::{
    FormAlert, SubmitButton, TextField, Toaster, confirm, error_text, field_error, last_error, loading,
    refused, role_label,
};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::{CreatedInvitation, MemberList, MemberRow, PendingInvitation};
use domain::Role;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::task::spawn_local;
use leptos_meta::Title;

#[component]
pub fn ClubPage() -> impl IntoView {
    let locale = crate::lang::current();
    let page = Suspend::new(async move {
        let lists = match club_members().await {
            Ok(roster) => pending_invitations()
                .await
                .map(|invitations| (roster, invitations)),
            Err(e) => Err(e),
        };
        match lists {
            Ok((roster, invitations)) => view! {
                <ClubTabs active=ClubTab::Members/>
                <ClubAdmin roster invitations/>
            }
            .into_any(),
            Err(AppError::Forbidden) => {
                refused(&AppError::Forbidden);
                view! {
                <p class="card" role="alert" data-testid="forbidden">{tr!(common.forbidden_page)}</p>
                }
                .into_any()
            }
            Err(e) => view! { <p class="card" role="alert">{error_text(locale, &e)}</p> }.into_any(),
        }
    });
    view! {
        <Title text=tr!(club.title)/>
        <section class="flex flex-col gap-8">
            <h1 class="text-3xl font-bold">{tr!(club.title)}</h1>
            {loading(page)}
        </section>
    }
}

/// Members, the invitation form and the pending invitations: the interactive part of the page.
/// It starts from the lists the server rendered and reloads a list after each change to it.
#[island(lazy = club)]
pub(super) fn ClubAdmin(roster: MemberList, invitations: Vec<PendingInvitation>) -> impl IntoView {
    let locale = crate::lang::current();
    let toaster = Toaster;
    let roster = RwSignal::new(roster);
    let invitations = RwSignal::new(invitations);
    // The last invitation link, kept here so a reload of the lists does not hide it.
    let created = RwSignal::new(None::<CreatedInvitation>);

    let reload_members = move || {
        spawn_local(async move {
            match ask(&ClubMembers {}).await {
                Ok(fresh) => roster.set(fresh),
                Err(e) => toaster.error(error_text(locale, &e)),
            }
        });
    };
    let reload_invitations = move || {
        spawn_local(async move {
            match ask(&PendingInvitations {}).await {
                Ok(fresh) => invitations.set(fresh),
                Err(e) => toaster.error(error_text(locale, &e)),
            }
        });
    };

    let change_role = post_action();
    let remove = post_action();
    let revoke = post_action();
    // The message to show on success, computed when the action is dispatched.
    let pending_message = StoredValue::new(String::new());
    // Reports an action's result, then reloads what it changed (also after a failure: a
    // conflict means someone else changed the data, which the person should now see).
    let report = move |result: Option<Answer>, reload: &dyn Fn()| {
        match result {
            Some(Ok(_)) => toaster.success(pending_message.get_value()),
            Some(Err(e)) => toaster.error(error_text(locale, &e)),
            None => return,
        }
        reload();
    };
    Effect::new(move |_| report(change_role.value().get(), &reload_members));
    Effect::new(move |_| report(remove.value().get(), &reload_members));
    Effect::new(move |_| report(revoke.value().get(), &reload_invitations));

    let on_role = move |member: MemberRow, role: Role| {
        pending_message.set_value(
            td_string!(
                locale,
                club.role_changed,
                name = member.display_name.clone(),
                role = role_label(locale, role)
            )
            .to_string(),
        );
        change_role.dispatch(Call::new(&ChangeRole {
            member_id: member.id,
            role,
            version: member.version,
        }));
    };
    let on_remove = move |member: MemberRow| {
        let question =
            td_string!(locale, club.remove_confirm, name = member.display_name.clone()).to_string();
        if confirm(&question) {
            pending_message
                .set_value(td_string!(locale, club.removed, name = member.display_name.clone()).to_string());
            remove.dispatch(Call::new(&RemoveMember {
                member_id: member.id,
                version: member.version,
            }));
        }
    };
    let on_revoke = move |invitation: PendingInvitation| {
        pending_message
            .set_value(td_string!(locale, club.revoked, email = invitation.email.clone()).to_string());
        revoke.dispatch(Call::new(&RevokeInvitation {
            invitation_id: invitation.id,
        }));
    };
    let assignable = roster.with_untracked(|r| r.assignable.clone());

    view! {
        {move || {
            let roster = roster.get();
            view! { <MembersTable members=roster.members assignable=roster.assignable on_role on_remove/> }
        }}
        <div class="grid grid-cols-1 gap-8 lg:grid-cols-2">
            <InviteForm assignable created on_created=reload_invitations/>
            <div class="card">
                <h2 class="mb-4 text-xl font-semibold">{tr!(club.pending_title)}</h2>
                {move || view! { <PendingList list=invitations.get() on_revoke/> }}
            </div>
        </div>
    }
}

#[component]
pub(super) fn MembersTable(
    members: Vec<MemberRow>,
    assignable: Vec<Role>,
    on_role: impl Fn(MemberRow, Role) + Copy + Send + Sync + 'static,
    on_remove: impl Fn(MemberRow) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let locale = crate::lang::current();
    let count = members.len();
    let heading = move || format!("{} ({count})", td_string!(locale, club.members));
    let rows = members
        .into_iter()
        .map(|m| {
            let can_edit = assignable.contains(&m.role);
            let options = if can_edit { assignable.clone() } else { vec![m.role] };
            let current = m.role;
            let for_select = m.clone();
            let for_remove = m.clone();
            let name = m.display_name.clone();
            let name_for_remove = m.display_name.clone();
            view! {
                <tr class="border-t border-line" data-testid="member-row" data-email=m.email.clone()>
                    <td class="py-2 pr-3 font-medium">
                        {m.display_name.clone()}
                        {m.is_me.then(|| view! { <span class="ml-1 text-xs text-muted">"(" {tr!(club.you)} ")"</span> })}
                    </td>
                    <td class="hidden py-2 pr-3 text-sm text-muted sm:table-cell">{m.email.clone()}</td>
                    <td class="py-2 pr-3">
                        <select
                            class="select text-sm"
                            disabled=!can_edit
                            aria-label=tr!(club.role_of, name = name.clone())
                            on:change=move |ev| {
                                if let Some(role) = Role::parse(&event_target_value(&ev)) {
                                    on_role(for_select.clone(), role);
                                }
                            }
                        >
                            {options
                                .into_iter()
                                .map(|r| view! { <option value=r.as_str() selected=r == current>{role_label(locale, r)}</option> })
                                .collect_view()}
                        </select>
                    </td>
                    <td class="hidden py-2 pr-3 text-sm text-muted md:table-cell">{short_date(locale, m.joined_at)}</td>
                    <td class="py-2 text-right">
                        {can_edit.then(|| view! {
                            <button
                                type="button"
                                class="btn-ghost-danger text-sm"
                                aria-label=tr!(club.remove_label, name = name_for_remove.clone())
                                on:click=move |_| on_remove(for_remove.clone())
                            >
                                <span class="hidden sm:inline">{tr!(club.remove)}</span>
                                <span class="sm:hidden" aria-hidden="true">"✕"</span>
                            </button>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="card overflow-x-auto">
            <h2 class="mb-4 text-xl font-semibold">{heading}</h2>
            <table class="w-full text-left">
                <thead class="text-xs uppercase text-muted">
                    <tr>
                        <th scope="col" class="pb-2 pr-3">{tr!(club.name)}</th>
                        <th scope="col" class="hidden pb-2 pr-3 sm:table-cell">{tr!(club.email)}</th>
                        <th scope="col" class="pb-2 pr-3">{tr!(club.role)}</th>
                        <th scope="col" class="hidden pb-2 pr-3 md:table-cell">{tr!(club.joined)}</th>
                        <th scope="col" class="pb-2 text-right"><span class="sr-only">{tr!(club.actions)}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
pub(super) fn InviteForm(
    assignable: Vec<Role>,
    created: RwSignal<Option<CreatedInvitation>>,
    on_created: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let locale = crate::lang::current();
    let toaster = Toaster;
    let action = post_action();
    let error = last_error(action.value());
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        let created_now = action
            .value()
            .get()
            .map(|answer| answer.and_then(|text| decode::<CreatedInvitation>(&text)));
        if let Some(Err(AppError::Transport(e))) = &created_now {
            toaster.error(error_text(locale, &AppError::Transport(e.clone())));
        }
        if let Some(Ok(invitation)) = created_now {
            if let Some(form) = form.get_untracked() {
                form.reset();
            }
            toaster.success(
                td_string!(locale, club.invite_created, email = invitation.email.clone()).to_string(),
            );
            created.set(Some(invitation));
            on_created();
        }
    });
    let copy = move |link: String| {
        #[cfg(feature = "hydrate")]
        {
            let _ = window().navigator().clipboard().write_text(&link);
            toaster.success(td_string!(locale, club.copied).to_string());
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = link;
    };
    let default_role = if assignable.contains(&Role::Athlete) {
        Role::Athlete
    } else {
        Role::Coach
    };
    view! {
        <div class="card">
            <h2 class="mb-2 text-xl font-semibold">{tr!(club.invite_title)}</h2>
            <p class="mb-4 text-sm text-muted">{tr!(club.invite_intro)}</p>
            <PostForm to=Invite::PATH action=action node_ref=form attr:class="flex flex-col gap-4" attr:novalidate="">
                <TextField
                    name="email"
                    kind="email"
                    autocomplete="off"
                    label=tr!(club.invite_email)
                    errors=error
                />
                <Field id="invite-role" label=tr!(club.invite_role)>
                    <select id="invite-role" name="role" class="select">
                        {assignable
                            .iter()
                            .map(|r| {
                                let r = *r;
                                view! { <option value=r.as_str() selected=r == default_role>{role_label(locale, r)}</option> }
                            })
                            .collect_view()}
                    </select>
                    <p class="text-sm text-red-700 dark:text-red-400" role="alert">{move || field_error(locale, error, "role").get()}</p>
                </Field>
                <div class="flex flex-col gap-1">
                    <label class="flex items-center gap-2 text-sm font-medium">
                        <input type="checkbox" name="open_link" value="true" class="size-4 accent-brand-600" aria-describedby="invite-open-link-hint"/>
                        {tr!(club.invite_open_link)}
                    </label>
                    <p id="invite-open-link-hint" class="pl-6 text-sm text-muted">{tr!(club.invite_open_link_hint)}</p>
                    <p class="pl-6 text-sm text-red-700 dark:text-red-400" role="alert" data-testid="error-open_link">{move || field_error(locale, error, "open_link").get()}</p>
                </div>
                <FormAlert errors=error/>
                <SubmitButton label=tr!(club.invite_submit) pending=action.pending()/>
            </PostForm>
            {move || created.get().map(|c| {
                let link = c.link.clone();
                view! {
                    <div class="mt-6 flex flex-col gap-2 rounded-lg border border-brand-500/40 bg-brand-50 p-3 dark:bg-brand-950">
                        <label for="invite-link" class="text-sm font-medium">{tr!(club.invite_link)}</label>
                        <div class="flex gap-2">
                            <input id="invite-link" data-testid="invite-link" class="input flex-1 font-mono text-xs" readonly value=c.link.clone()/>
                            <button type="button" class="btn-secondary" on:click=move |_| copy(link.clone())>{tr!(club.copy)}</button>
                        </div>
                    </div>
                }
            })}
        </div>
    }
}

#[component]
pub(super) fn PendingList(
    list: Vec<PendingInvitation>,
    on_revoke: impl Fn(PendingInvitation) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let locale = crate::lang::current();
    if list.is_empty() {
        return view! { <p class="text-sm text-muted">{tr!(club.pending_empty)}</p> }.into_any();
    }
    view! {
        <ul class="divide-y divide-line" data-testid="pending-invitations">
            {list
                .into_iter()
                .map(|inv| {
                    let email = inv.email.clone();
                    let by = inv.invited_by.clone();
                    let expires = short_date(locale, inv.expires_at);
                    let for_revoke = inv.clone();
                    view! {
                        <li class="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="pending-invitation">
                            <div>
                                <p class="font-medium">{inv.email.clone()}</p>
                                <p class="text-xs text-muted">
                                    {role_label(locale, inv.role)} " · "
                                    {tr!(club.invited_by, name = by.clone())} " · "
                                    {tr!(club.expires, date = expires.clone())}
                                    {inv.open_link.then(|| view! { " · " {tr!(club.open_link_badge)} })}
                                </p>
                            </div>
                            <button
                                type="button"
                                class="btn-ghost-danger text-sm"
                                aria-label=tr!(club.revoke_label, email = email.clone())
                                on:click=move |_| on_revoke(for_revoke.clone())
                            >
                                {tr!(club.revoke)}
                            </button>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
