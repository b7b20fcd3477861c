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
