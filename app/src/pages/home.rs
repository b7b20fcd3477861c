//! The dashboard a member lands on.

use crate::components::{ViewerResource, role_label};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let locale = crate::lang::current();
    let viewer = expect_context::<ViewerResource>().0;
    let card = move |href: &'static str, title: String, body: String| {
        view! {
            <li>
                <a href=href class="card block h-full transition hover:border-brand-500 focus-visible:border-brand-500">
                    <h3 class="mb-1 text-lg font-semibold">{title}</h3>
                    <p class="text-sm text-muted">{body}</p>
                </a>
            </li>
        }
    };
    view! {
        <Title text=tr!(nav.home)/>
        <Suspense fallback=move || view! { <p>{tr!(common.loading)}</p> }>
            {move || Suspend::new(async move {
                let viewer = viewer.await.ok().flatten();
                viewer.map(|v| {
                    let name = v.display_name.clone();
                    view! {
                        <section class="flex flex-col gap-8">
                            <div>
                                <h1 class="text-3xl font-bold">{tr!(home.greeting, name = name.clone())}</h1>
                                {match v.club.clone() {
                                    Some(club) => view! {
                                        <p class="mt-2 text-muted" data-testid="home-role">
                                            {club.club_name.clone()} " · " {tr!(home.your_role)} " "
                                            <strong>{role_label(locale, club.role)}</strong>
                                        </p>
                                    }.into_any(),
                                    None => view! { <p class="mt-2 text-muted">{tr!(home.no_club)}</p> }.into_any(),
                                }}
                            </div>
                            <div>
                                <h2 class="mb-3 text-lg font-semibold">{tr!(home.sections)}</h2>
                                <ul class="grid grid-cols-1 gap-4 sm:grid-cols-2">
                                    {move || view! {
                                        {card("/catalogue", td_string!(locale, nav.catalogue).to_string(), td_string!(locale, soon.catalogue).to_string())}
                                        {card("/workouts", td_string!(locale, nav.workouts).to_string(), td_string!(locale, workouts.intro).to_string())}
                                        {card("/planning", td_string!(locale, nav.planning).to_string(), td_string!(locale, soon.planning).to_string())}
                                        {card("/athletes", td_string!(locale, nav.athletes).to_string(), td_string!(locale, soon.athletes).to_string())}
                                    }}
                                </ul>
                            </div>
                        </section>
                    }
                })
            })}
        </Suspense>
    }
}
