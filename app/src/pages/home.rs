//! The dashboard a member lands on.

use crate::i18n::*;
use crate::ui::{ViewerResource, role_label};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
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
                                            {club.name.clone()} " · " {tr!(home.your_role)} " "
                                            <strong>{role_label(i18n, club.role)}</strong>
                                        </p>
                                    }.into_any(),
                                    None => view! { <p class="mt-2 text-muted">{tr!(home.no_club)}</p> }.into_any(),
                                }}
                            </div>
                            <div>
                                <h2 class="mb-3 text-lg font-semibold">{tr!(home.sections)}</h2>
                                <ul class="grid gap-4 sm:grid-cols-2">
                                    {move || view! {
                                        {card("/catalogue", t_string!(i18n, nav.catalogue).to_string(), t_string!(i18n, soon.catalogue).to_string())}
                                        {card("/workouts", t_string!(i18n, nav.workouts).to_string(), t_string!(i18n, soon.workouts).to_string())}
                                        {card("/planning", t_string!(i18n, nav.planning).to_string(), t_string!(i18n, soon.planning).to_string())}
                                        {card("/athletes", t_string!(i18n, nav.athletes).to_string(), t_string!(i18n, soon.athletes).to_string())}
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
