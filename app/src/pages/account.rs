//! The person's own account: their clubs, and logging out everywhere.

use crate::api::{LogOutEverywhere, SwitchClub};
use crate::components::call::{Call, on_success, post_action};
use crate::components::{ViewerResource, reload_to, role_label};
use domain::ClubId;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountPage() -> impl IntoView {
    let locale = crate::lang::current();
    let viewer = expect_context::<ViewerResource>().0;
    view! {
        <Title text=tr!(account.title)/>
        <section class="flex max-w-2xl flex-col gap-6">
            <h1 class="text-3xl font-bold">{tr!(account.title)}</h1>
            <Suspense fallback=move || view! { <p>{tr!(common.loading)}</p> }>
                {move || Suspend::new(async move {
                    viewer.await.ok().flatten().map(|v| {
                        let current = v.club.as_ref().map(|c| c.club_id);
                        view! {
                            <div class="card">
                                <p class="font-semibold">{v.display_name.clone()}</p>
                                <p class="text-sm text-muted">{v.email.clone()}</p>
                            </div>
                            <div class="card">
                                <h2 class="mb-3 text-lg font-semibold">{tr!(account.clubs)}</h2>
                                <ul class="divide-y divide-line">
                                    {v.clubs.into_iter().map(|c| {
                                        let id = c.club_id;
                                        let is_current = Some(id) == current;
                                        view! {
                                            <li class="flex flex-wrap items-center justify-between gap-2 py-2">
                                                <span>
                                                    <span class="font-medium">{c.club_name.clone()}</span>
                                                    " · " {role_label(locale, c.role)}
                                                    {is_current.then(|| view! { <span class="badge ml-2">{tr!(account.current)}</span> })}
                                                </span>
                                                {(!is_current).then(|| view! { <SwitchClubButton club_id=id/> })}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </div>
                        }
                    })
                })}
            </Suspense>
            <div class="card flex flex-col gap-3" data-testid="calendar-link">
                <h2 class="text-lg font-semibold">{tr!(account.calendar)}</h2>
                <p class="text-sm text-muted">{tr!(account.calendar_help)}</p>
                <Suspense fallback=move || view! { <p>{tr!(common.loading)}</p> }>
                    {move || Suspend::new(async move {
                        let linked = crate::api::planning::feed_link().await.unwrap_or(false);
                        view! { <CalendarLink linked=linked/> }
                    })}
                </Suspense>
            </div>
            <div class="card">
                <h2 class="mb-2 text-lg font-semibold">{tr!(account.security)}</h2>
                <p class="mb-4 text-sm text-muted">{tr!(account.log_out_everywhere_help)}</p>
                <LogOutEverywhereButton/>
            </div>
        </section>
    }
}

/// Makes another of the person's clubs the current one, then opens its home page.
#[island(lazy = account)]
fn SwitchClubButton(club_id: ClubId) -> impl IntoView {
    let switch = post_action();
    on_success(switch, move || reload_to("/"));
    view! {
        <button type="button" class="btn-secondary" on:click=move |_| { switch.dispatch(Call::new(&SwitchClub { club_id })); }>
            {tr!(account.switch)}
        </button>
    }
}

/// Ends every session of the account, this one included.
#[island(lazy = account)]
fn LogOutEverywhereButton() -> impl IntoView {
    let everywhere = post_action();
    on_success(everywhere, move || reload_to("/login"));
    view! {
        <button type="button" class="btn-danger" on:click=move |_| { everywhere.dispatch(Call::new(&LogOutEverywhere {})); }>
            {tr!(account.log_out_everywhere)}
        </button>
    }
}

/// The person's private calendar link: made (or made again, which revokes the previous one)
/// and shown once to copy into their phone's calendar, or revoked.
#[island(lazy = account)]
fn CalendarLink(linked: bool) -> impl IntoView {
    use crate::api::planning::{CreateFeedLink, RevokeFeedLink};
    use crate::components::call::{decode, send};
    let linked = RwSignal::new(linked);
    let link = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let locale = crate::lang::current();
    let create = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            match send(Call::new(&CreateFeedLink {}))
                .await
                .and_then(|a| decode::<String>(&a))
            {
                Ok(url) => {
                    link.set(Some(url));
                    linked.set(true);
                    failed.set(None);
                }
                Err(e) => failed.set(Some(crate::components::error_text(locale, &e))),
            }
            busy.set(false);
        });
    };
    let revoke = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            match send(Call::new(&RevokeFeedLink {})).await {
                Ok(_) => {
                    link.set(None);
                    linked.set(false);
                    failed.set(None);
                }
                Err(e) => failed.set(Some(crate::components::error_text(locale, &e))),
            }
            busy.set(false);
        });
    };
    view! {
        <Show when=move || link.with(Option::is_some)>
            <label class="flex flex-col gap-1 text-sm">
                {tr!(account.calendar_copy)}
                <input type="text" readonly class="input font-mono text-xs" prop:value=move || link.get().unwrap_or_default()
                    data-testid="calendar-url"/>
            </label>
        </Show>
        <p class="text-sm" data-testid="calendar-state">
            {move || if linked.get() { tr!(account.calendar_active) } else { tr!(account.calendar_none) }}
        </p>
        <p class="text-sm text-red-700 dark:text-red-400" role="alert">{move || failed.get()}</p>
        <div class="flex flex-wrap gap-2">
            <button type="button" class="btn-primary" disabled=move || busy.get() on:click=create data-testid="calendar-create">
                {move || if linked.get() { tr!(account.calendar_renew) } else { tr!(account.calendar_create) }}
            </button>
            <Show when=move || linked.get()>
                <button type="button" class="btn-secondary" disabled=move || busy.get() on:click=revoke data-testid="calendar-revoke">
                    {tr!(account.calendar_revoke)}
                </button>
            </Show>
        </div>
    }
}
