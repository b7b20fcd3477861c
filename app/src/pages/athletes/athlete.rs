//! An athlete's page: profile, maxes with history and records, the progression chart,
//! bodyweights, levels and groups.

use super::athlete_href;
use super::maxes::{EditMax, MaxForm};
use super::profile::{AccountLink, ArchiveAthlete, GroupToggles};
use super::records::{DeleteRecord, Deletion, LevelForm, WeighingForm, today};
use crate::api::athletes::{AthletePage, load_athlete};
use crate::components::detail_page;
use crate::components::format::{date, kg, kg_or_dash, kind_label, level_label, sex_label, sinclair};
use crate::i18n::*;
use domain::maxes::MaxKind;
use domain::{AthleteId, MaxId};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AthletePageView() -> impl IntoView {
    detail_page(
        "/athletes",
        tr!(athletes.back),
        AthleteId,
        load_athlete,
        |page| view! { <AthleteDetails page/> },
    )
}

#[component]
pub(super) fn AthleteDetails(page: AthletePage) -> impl IntoView {
    let locale = crate::lang::current();
    let s = page.summary.clone();
    let a = s.athlete.clone();
    let name = a.full_name();
    let record_param =
        use_query_map().with_untracked(|q| q.get("record").and_then(|r| r.parse().ok()).map(MaxId));
    let new_record = record_param.and_then(|id| {
        page.lifts.iter().find_map(|l| {
            l.entries
                .iter()
                .find(|e| e.id == id && e.record)
                .map(|e| (l.name.clone(), e.weight))
        })
    });
    let stat = |label: String, value: String, testid: &'static str| {
        view! {
            <div class="card flex flex-col gap-1 p-4">
                <dt class="text-xs font-medium uppercase tracking-wide text-muted">{label}</dt>
                <dd class="text-2xl font-bold tabular-nums" data-testid=testid>{value}</dd>
            </div>
        }
    };
    let subtitle = {
        let mut parts = vec![sex_label(locale, a.sex)];
        if let Some(age) = s.age {
            parts.push(td_string!(locale, athletes.years_old, age = age).to_string());
        }
        if let Some(c) = s.class {
            parts.push(td_string!(locale, athletes.class_of, class = c.to_string()).to_string());
        }
        parts.join(" · ")
    };
    let may_record = page.coaching || page.may_record_training;
    view! {
        <Title text=name.clone()/>
        <article class="flex flex-col gap-6">
            <header class="flex flex-wrap items-start justify-between gap-3">
                <div>
                    <h1 class="text-3xl font-bold" data-testid="athlete-name">{name.clone()}</h1>
                    <p class="text-muted" data-testid="athlete-subtitle">{subtitle}</p>
                    <div class="mt-2 flex flex-wrap gap-1">
                        {s.level.map(|l| view! { <span class="badge">{level_label(locale, l)}</span> })}
                        {s.groups.iter().map(|g| view! { <span class="badge">{g.name.clone()}</span> }).collect_view()}
                        {a.archived.then(|| view! { <span class="badge" data-testid="archived-badge">{tr!(athletes.archived)}</span> })}
                    </div>
                </div>
                {page.coaching.then(|| view! {
                    <div class="flex flex-wrap gap-2">
                        <a href=format!("{}/edit", athlete_href(a.id)) class="btn-secondary">{tr!(athletes.edit)}</a>
                        <ArchiveAthlete id=a.id version=a.version archived=a.archived/>
                    </div>
                })}
            </header>
            {new_record.map(|(lift, weight)| view! {
                <p class="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 font-semibold text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100" role="status" data-testid="record-banner">
                    "🏆 " {tr!(athletes.new_record, lift = lift, weight = kg(locale, weight))}
                </p>
            })}
            <dl class="grid grid-cols-2 gap-3 sm:grid-cols-5">
                {stat(tr!(athletes.bodyweight), kg_or_dash(locale, s.bodyweight.map(|b| b.weight)), "stat-bodyweight")}
                {stat(tr!(athletes.snatch), kg_or_dash(locale, s.snatch), "stat-snatch")}
                {stat(tr!(athletes.clean_and_jerk), kg_or_dash(locale, s.clean_and_jerk), "stat-cj")}
                {stat(tr!(athletes.total), kg_or_dash(locale, s.total), "stat-total")}
                {stat(tr!(athletes.sinclair), sinclair(locale, s.sinclair), "stat-sinclair")}
            </dl>
            <super::progress::ProgressSection page=page.clone()/>
            <section class="card flex flex-col gap-4" aria-labelledby="maxes-title">
                <h2 id="maxes-title" class="text-lg font-semibold">{tr!(athletes.maxes)}</h2>
                {may_record.then(|| view! {
                    <MaxForm athlete_id=a.id exercises=page.exercises.clone() coaching=page.coaching main=[page.main_lifts.snatch, page.main_lifts.clean_and_jerk].into_iter().flatten().map(|e| e.0).collect() today=today()/>
                })}
                {if page.lifts.is_empty() {
                    view! { <p class="text-muted" data-testid="no-maxes">{tr!(athletes.no_maxes)}</p> }.into_any()
                } else {
                    view! {
                        <div class="flex flex-col gap-5" data-testid="lifts">
                            {page.lifts.iter().map(|lift| {
                                let editable = move |kind: MaxKind| page.coaching || (page.may_record_training && kind == MaxKind::Training);
                                view! {
                                    <section class="flex flex-col gap-2" data-testid="lift">
                                        <h3 class="flex flex-wrap items-baseline gap-2 font-semibold">
                                            <span>{lift.name.clone()}</span>
                                            <span class="text-sm font-normal text-muted">{lift.current.map(|c| td_string!(locale, athletes.in_force, weight = kg(locale, c)).to_string())}</span>
                                        </h3>
                                        <table class="w-full text-sm">
                                            <caption class="sr-only">{tr!(athletes.history_of, lift = lift.name.clone())}</caption>
                                            <thead class="text-xs text-muted">
                                                <tr>
                                                    <th scope="col" class="py-1 text-left font-medium">{tr!(athletes.date)}</th>
                                                    <th scope="col" class="py-1 text-right font-medium">{tr!(athletes.weight)}</th>
                                                    <th scope="col" class="py-1 pl-3 text-left font-medium">{tr!(athletes.kind)}</th>
                                                    <th scope="col" class="py-1 text-right font-medium"><span class="sr-only">{tr!(athletes.actions)}</span></th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {lift.entries.iter().map(|e| view! {
                                                    <tr class="border-t border-line" data-testid="max-entry">
                                                        <td class="py-1.5">{date(locale, e.date)}</td>
                                                        <td class="py-1.5 text-right font-semibold tabular-nums">{kg(locale, e.weight)}</td>
                                                        <td class="py-1.5 pl-3" data-testid="max-kind">
                                                            {kind_label(locale, e.kind)}
                                                            {e.record.then(|| view! {
                                                                <span class="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-900 dark:text-amber-100" data-testid="record-badge">
                                                                    {tr!(athletes.record)}
                                                                </span>
                                                            })}
                                                        </td>
                                                        <td class="py-1.5 text-right">
                                                            {editable(e.kind).then(|| view! {
                                                                <div class="flex flex-wrap justify-end gap-1">
                                                                    <EditMax
                                                                        id=e.id
                                                                        version=e.version
                                                                        exercise=lift.exercise
                                                                        lift=lift.name.clone()
                                                                        weight=e.weight
                                                                        day=e.date
                                                                        kind=e.kind
                                                                        coaching=page.coaching
                                                                    />
                                                                    <DeleteRecord what={Deletion::Max { id: e.id, version: e.version }}/>
                                                                </div>
                                                            })}
                                                        </td>
                                                    </tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    </section>
                                }
                            }).collect_view()}
                        </div>
                    }
                    .into_any()
                }}
            </section>
            <div class="grid grid-cols-1 gap-6 md:grid-cols-2">
                <History
                    id="bodyweight"
                    title=tr!(athletes.bodyweights)
                    form=page.coaching.then(|| view! { <WeighingForm athlete_id=a.id today=today()/> }.into_any())
                    empty=tr!(athletes.no_bodyweight)
                    testid="weighings"
                    items=page.weighings.iter().map(|w| view! {
                        <span>{date(locale, w.date)}</span>
                        <span class="flex items-center gap-2">
                            <span class="font-semibold tabular-nums">{format!("{} kg", kg(locale, w.weight))}</span>
                            {page.coaching.then(|| view! { <DeleteRecord what={Deletion::Weighing { athlete: a.id, day: w.date }}/> })}
                        </span>
                    }.into_any()).collect()
                />
                <History
                    id="level"
                    title=tr!(athletes.levels)
                    form=page.coaching.then(|| view! { <LevelForm athlete_id=a.id today=today()/> }.into_any())
                    empty=tr!(athletes.no_level)
                    testid="levels"
                    items=page.levels.iter().map(|l| view! {
                        <span class="font-medium">{level_label(locale, l.level)}</span>
                        <span class="text-sm text-muted">
                            {match l.end {
                                Some(end) => td_string!(locale, athletes.from_to, start = date(locale, l.start), end = date(locale, end)).to_string(),
                                None => td_string!(locale, athletes.since, start = date(locale, l.start)).to_string(),
                            }}
                        </span>
                    }.into_any()).collect()
                />
            </div>
            <div class="grid grid-cols-1 gap-6 md:grid-cols-2">
                <section class="card flex flex-col gap-2" aria-labelledby="profile-title">
                    <h2 id="profile-title" class="text-lg font-semibold">{tr!(athletes.profile)}</h2>
                    <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                        <dt class="text-muted">{tr!(athletes.birth_date)}</dt>
                        <dd>{a.birth_date.map(|d| date(locale, d)).unwrap_or_else(|| "—".into())}</dd>
                        <dt class="text-muted">{tr!(athletes.licence)}</dt>
                        <dd>{a.licence.clone().unwrap_or_else(|| "—".into())}</dd>
                        <dt class="text-muted">{tr!(athletes.email)}</dt>
                        <dd>{a.email.clone().unwrap_or_else(|| "—".into())}</dd>
                        <dt class="text-muted">{tr!(athletes.account)}</dt>
                        <dd data-testid="account">
                            {match (&page.account, a.member.is_some()) {
                                (Some(name), _) => name.clone(),
                                (None, true) => tr!(athletes.account_linked),
                                (None, false) => tr!(athletes.account_none),
                            }}
                        </dd>
                    </dl>
                    {a.notes.clone().map(|n| view! { <p class="whitespace-pre-line text-sm">{n}</p> })}
                    {page.coaching.then(|| view! {
                        <AccountLink athlete_id=a.id version=a.version linked=a.member.is_some() choices=page.linkable.clone()/>
                    })}
                </section>
                {page.coaching.then(|| view! {
                    <section class="card flex flex-col gap-2" aria-labelledby="groups-title">
                        <h2 id="groups-title" class="text-lg font-semibold">{tr!(athletes.groups)}</h2>
                        {if page.groups.is_empty() {
                            view! { <p class="text-sm text-muted">{tr!(athletes.no_groups)} " " <a href="/athletes/groups" class="link">{tr!(athletes.manage_groups)}</a></p> }.into_any()
                        } else {
                            view! { <GroupToggles athlete_id=a.id groups=page.groups.iter().map(|g| (g.id, g.name.clone(), g.member)).collect()/> }.into_any()
                        }}
                    </section>
                })}
            </div>
        </article>
    }
}

/// A dated history of the athlete (bodyweights, levels): the coach's form to add to it, then its
/// entries, newest first, or a line saying there are none.
#[component]
fn History(
    id: &'static str,
    title: String,
    form: Option<AnyView>,
    empty: String,
    testid: &'static str,
    items: Vec<AnyView>,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    let entries = if items.is_empty() {
        view! { <p class="text-muted">{empty}</p> }.into_any()
    } else {
        view! {
            <ul class="flex flex-col" data-testid=testid>
                {items
                    .into_iter()
                    .map(|item| view! {
                        <li class="flex items-center justify-between gap-2 border-t border-line py-1.5 first:border-0">{item}</li>
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="card flex flex-col gap-3" aria-labelledby=labelled_by>
            <h2 id=title_id class="text-lg font-semibold">{title}</h2>
            {form}
            {entries}
        </section>
    }
}
