//! Athletes: the roster (a table a coach sorts and filters, cards on a phone), an athlete's page
//! (profile, maxes with history and records, the progression chart, bodyweights, levels,
//! groups), and the athlete form.
//!
//! The roster's sorting and filters are links and a GET form: they work before (and without)
//! the WASM, and the address keeps the view. The forms of the athlete page are small islands
//! that reload the page once saved.

use super::catalogue::{detail_page, failure, form_page};
use crate::api::athletes::{
    AthletePage, CreateAthlete, LinkChoice, RecordLevel, RecordMax, RecordWeighing, RosterPage,
    UpdateAthlete, UpdateMax, archive_athlete, delete_max, delete_weighing, link_account, load_athlete,
    own_profile, roster, set_in_group,
};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::Choice;
use crate::ui::{
    FormAlert, SubmitButton, TextField, confirm, error_text, field_error, last_error, reload_to, use_toaster,
};
use chrono::NaiveDate;
use domain::athlete::Athlete;
use domain::competition::{CompetitorLevel, Sex};
use domain::maxes::{MaxKind, OneRepFormula, estimate_one_rep_max};
use domain::roster::{RosterQuery, RosterRow, RosterSort};
use domain::weight::Kg;
use domain::{AthleteId, ExerciseId, GroupId, MaxId, MemberId};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

pub fn athlete_href(id: AthleteId) -> String {
    format!("/athletes/{id}")
}

fn id_param() -> Option<AthleteId> {
    use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse().ok()).map(AthleteId))
}

// ----- Shared wording -----

/// Kilograms as the page's language writes them ("102,5" in French).
pub fn kg(locale: Locale, weight: Kg) -> String {
    let text = weight.to_string();
    match locale {
        Locale::fr => text.replace('.', ","),
        Locale::en => text,
    }
}

fn kg_or_dash(locale: Locale, weight: Option<Kg>) -> String {
    weight.map_or_else(|| "—".to_owned(), |w| kg(locale, w))
}

/// A Sinclair total with two decimals.
fn sinclair(locale: Locale, value: Option<f64>) -> String {
    match value {
        Some(v) => {
            let text = format!("{v:.2}");
            match locale {
                Locale::fr => text.replace('.', ","),
                Locale::en => text,
            }
        }
        None => "—".to_owned(),
    }
}

pub fn date(locale: Locale, day: NaiveDate) -> String {
    match locale {
        Locale::fr => day.format("%d/%m/%Y").to_string(),
        Locale::en => day.format("%Y-%m-%d").to_string(),
    }
}

pub fn sex_label(locale: Locale, sex: Sex) -> String {
    match sex {
        Sex::Women => td_string!(locale, athletes.women).to_string(),
        Sex::Men => td_string!(locale, athletes.men).to_string(),
    }
}

pub fn level_label(locale: Locale, level: CompetitorLevel) -> String {
    match level {
        CompetitorLevel::Rookie => td_string!(locale, athletes.level_rookie).to_string(),
        CompetitorLevel::Regional => td_string!(locale, athletes.level_regional).to_string(),
        CompetitorLevel::National => td_string!(locale, athletes.level_national).to_string(),
        CompetitorLevel::International => td_string!(locale, athletes.level_international).to_string(),
        CompetitorLevel::Elite => td_string!(locale, athletes.level_elite).to_string(),
    }
}

pub fn kind_label(locale: Locale, kind: MaxKind) -> String {
    match kind {
        MaxKind::Tested => td_string!(locale, athletes.kind_tested).to_string(),
        MaxKind::Competition => td_string!(locale, athletes.kind_competition).to_string(),
        MaxKind::Training => td_string!(locale, athletes.kind_training).to_string(),
        MaxKind::Estimated => td_string!(locale, athletes.kind_estimated).to_string(),
    }
}

/// The page's sections and the way between them.
#[component]
pub(crate) fn AthleteTabs(active: &'static str) -> impl IntoView {
    let tab = move |href: &'static str, label: String| {
        let current = href == active;
        view! {
            <a
                href=href
                class="nav-link"
                aria-current=current.then_some("page")
            >
                {label}
            </a>
        }
    };
    view! {
        <nav aria-label=tr!(athletes.sections) class="flex flex-wrap gap-1 border-b border-line pb-2">
            {tab("/athletes", tr!(athletes.roster))}
            {tab("/athletes/groups", tr!(athletes.groups))}
            {tab("/athletes/import", tr!(athletes.import))}
        </nav>
    }
}

// ----- The roster -----

#[component]
pub fn AthletesPage() -> impl IntoView {
    let locale = crate::lang::current();
    let query = use_query_map().with_untracked(|q| {
        let pairs: Vec<(String, String)> = q
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_owned()))
            .collect();
        RosterQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    });
    let page = Suspend::new(async move {
        match roster(query.clone()).await {
            Ok(page) => view! { <Roster page query/> }.into_any(),
            // An athlete's "Athletes" is their own page.
            Err(AppError::Forbidden) => match own_profile().await {
                Ok(Some(id)) => match load_athlete(id).await {
                    Ok(page) => view! { <AthleteDetails page/> }.into_any(),
                    Err(e) => failure(locale, e),
                },
                Ok(None) => view! {
                    <Title text=tr!(athletes.my_page)/>
                    <h1 class="text-3xl font-bold">{tr!(athletes.my_page)}</h1>
                    <p class="card max-w-2xl text-muted" data-testid="no-profile">{tr!(athletes.no_profile)}</p>
                }
                .into_any(),
                Err(e) => failure(locale, e),
            },
            Err(e) => failure(locale, e),
        }
    });
    view! {
        <section class="flex flex-col gap-6">
            <Suspense fallback=move || view! { <p>{tr!(common.loading)}</p> }>{page}</Suspense>
        </section>
    }
}

#[component]
fn Roster(page: RosterPage, query: RosterQuery) -> impl IntoView {
    let locale = crate::lang::current();
    let shown = page.rows.len();
    let empty = page.active == 0;
    view! {
        <Title text=tr!(athletes.title)/>
        <div class="flex flex-wrap items-center justify-between gap-3">
            <h1 class="text-3xl font-bold">{tr!(athletes.title)}</h1>
            <a href="/athletes/new" class="btn-primary" data-testid="new-athlete">{tr!(athletes.new_athlete)}</a>
        </div>
        <AthleteTabs active="/athletes"/>
        <RosterFilters groups=page.groups.clone() query=query.clone()/>
        <p class="text-sm text-muted" role="status" data-testid="roster-count">
            {tr!(athletes.count, shown = shown, count = page.active)}
        </p>
        {if empty {
            view! { <p class="card text-muted" data-testid="roster-empty">{tr!(athletes.empty)}</p> }.into_any()
        } else {
            view! {
                <RosterTable rows=page.rows.clone() query=query.clone()/>
                <ul class="flex flex-col gap-3 md:hidden" data-testid="roster-cards">
                    {page.rows.iter().map(|r| roster_card(locale, r)).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}

/// The filters: a GET form, so it works without the WASM and the address keeps the view.
#[component]
fn RosterFilters(groups: Vec<Choice>, query: RosterQuery) -> impl IntoView {
    let locale = crate::lang::current();
    view! {
        <form method="get" action="/athletes" class="card flex flex-wrap items-end gap-3" role="search" data-testid="roster-filters">
            <div class="flex min-w-48 flex-1 flex-col gap-1">
                <label for="roster-q" class="text-sm font-medium">{tr!(athletes.search)}</label>
                <input id="roster-q" name="q" type="search" maxlength=domain::catalogue::search::QUERY_MAX class="input" value=query.q.clone() placeholder=tr!(athletes.search_hint)/>
            </div>
            <div class="flex flex-col gap-1">
                <label for="roster-sex" class="text-sm font-medium">{tr!(athletes.sex)}</label>
                <select id="roster-sex" name="sex" class="select">
                    <option value="">{tr!(athletes.all)}</option>
                    {Sex::ALL
                        .into_iter()
                        .map(|s| view! { <option value=s.as_str() selected=query.sex == Some(s)>{sex_label(locale, s)}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="flex flex-col gap-1">
                <label for="roster-group" class="text-sm font-medium">{tr!(athletes.group)}</label>
                <select id="roster-group" name="group" class="select">
                    <option value="">{tr!(athletes.all)}</option>
                    {groups
                        .into_iter()
                        .map(|g| view! { <option value=g.id.to_string() selected=query.group == Some(GroupId(g.id))>{g.name}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="flex flex-col gap-1">
                <label for="roster-level" class="text-sm font-medium">{tr!(athletes.level)}</label>
                <select id="roster-level" name="level" class="select">
                    <option value="">{tr!(athletes.all)}</option>
                    {CompetitorLevel::ALL
                        .into_iter()
                        .map(|l| view! { <option value=l.as_str() selected=query.level == Some(l)>{level_label(locale, l)}</option> })
                        .collect_view()}
                </select>
            </div>
            <label class="flex items-center gap-2 pb-2 text-sm">
                <input type="checkbox" name="archived" value="true" checked=query.archived/>
                {tr!(athletes.show_archived)}
            </label>
            {(query.sort != RosterSort::default()).then(|| view! { <input type="hidden" name="sort" value=query.sort.as_str()/> })}
            {query.desc.then(|| view! { <input type="hidden" name="desc" value="true"/> })}
            <button type="submit" class="btn-secondary">{tr!(athletes.filter)}</button>
        </form>
    }
}

fn roster_href(query: &RosterQuery) -> String {
    let search = query.to_query_string();
    if search.is_empty() {
        "/athletes".to_owned()
    } else {
        format!("/athletes?{search}")
    }
}

/// The table (from tablet width): each header sorts by its column; a second click reverses.
#[component]
fn RosterTable(rows: Vec<RosterRow>, query: RosterQuery) -> impl IntoView {
    let locale = crate::lang::current();
    let header = |sort: RosterSort, label: String, numeric: bool| {
        let active = query.sort == sort;
        let order = match (active, query.desc) {
            (true, false) => "ascending",
            (true, true) => "descending",
            (false, _) => "none",
        };
        let arrow = match (active, query.desc) {
            (true, false) => " ↑",
            (true, true) => " ↓",
            (false, _) => "",
        };
        view! {
            <th scope="col" aria-sort=order class=if numeric { "px-3 py-2 text-right" } else { "px-3 py-2 text-left" }>
                <a href=roster_href(&query.sorted_by(sort)) class="hover:underline focus-visible:underline" data-testid=format!("sort-{}", sort.as_str())>
                    {label}{arrow}
                </a>
            </th>
        }
    };
    view! {
        <div class="card hidden overflow-x-auto p-0 md:block">
            <table class="w-full text-sm" data-testid="roster-table">
                <caption class="sr-only">{tr!(athletes.title)}</caption>
                <thead class="border-b border-line bg-surface-3/50 text-xs uppercase tracking-wide text-muted">
                    <tr>
                        {header(RosterSort::Name, tr!(athletes.name), false)}
                        {header(RosterSort::Age, tr!(athletes.age), true)}
                        {header(RosterSort::Sex, tr!(athletes.sex), false)}
                        {header(RosterSort::Class, tr!(athletes.class), true)}
                        {header(RosterSort::Bodyweight, tr!(athletes.bodyweight), true)}
                        {header(RosterSort::Snatch, tr!(athletes.snatch), true)}
                        {header(RosterSort::CleanAndJerk, tr!(athletes.clean_and_jerk), true)}
                        {header(RosterSort::Total, tr!(athletes.total), true)}
                        {header(RosterSort::Sinclair, tr!(athletes.sinclair), true)}
                        {header(RosterSort::Level, tr!(athletes.level), false)}
                        <th scope="col" class="px-3 py-2 text-left">{tr!(athletes.groups)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.iter().map(|r| roster_row(locale, r)).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn roster_row(locale: Locale, r: &RosterRow) -> impl IntoView {
    let a = &r.athlete;
    let num = "px-3 py-2 text-right tabular-nums";
    view! {
        <tr class="border-b border-line last:border-0 hover:bg-surface-3/40" data-testid="roster-row">
            <th scope="row" class="px-3 py-2 text-left font-medium">
                <a href=athlete_href(a.id) class="link">{format!("{} {}", a.last_name.to_uppercase(), a.first_name)}</a>
                {a.archived.then(|| view! { <span class="badge ml-2">{tr!(athletes.archived)}</span> })}
            </th>
            <td class=num>{r.age.map(|a| a.to_string()).unwrap_or_else(|| "—".into())}</td>
            <td class="px-3 py-2">{sex_label(locale, a.sex)}</td>
            <td class=num data-testid="cell-class">{r.class.map(|c| c.to_string()).unwrap_or_else(|| "—".into())}</td>
            <td class=num>{kg_or_dash(locale, r.bodyweight.map(|b| b.weight))}</td>
            <td class=num data-testid="cell-snatch">{kg_or_dash(locale, r.snatch)}</td>
            <td class=num data-testid="cell-cj">{kg_or_dash(locale, r.clean_and_jerk)}</td>
            <td class=format!("{num} font-semibold") data-testid="cell-total">{kg_or_dash(locale, r.total)}</td>
            <td class=num data-testid="cell-sinclair">{sinclair(locale, r.sinclair)}</td>
            <td class="px-3 py-2">{r.level.map(|l| level_label(locale, l)).unwrap_or_else(|| "—".into())}</td>
            <td class="px-3 py-2 text-xs text-muted">{r.groups.iter().map(|g| g.name.clone()).collect::<Vec<_>>().join(", ")}</td>
        </tr>
    }
}

/// A roster row as a card (phone width).
fn roster_card(locale: Locale, r: &RosterRow) -> impl IntoView {
    let a = &r.athlete;
    let fact = |label: String, value: String| {
        view! {
            <div class="flex flex-col">
                <dt class="text-xs text-muted">{label}</dt>
                <dd class="font-semibold tabular-nums">{value}</dd>
            </div>
        }
    };
    view! {
        <li>
            <a href=athlete_href(a.id) class="card flex flex-col gap-3 transition hover:border-brand-500 focus-visible:border-brand-500" data-testid="roster-card">
                <div class="flex flex-wrap items-baseline justify-between gap-2">
                    <span class="text-lg font-semibold">{a.full_name()}</span>
                    <span class="text-sm text-muted">
                        {sex_label(locale, a.sex)}
                        {r.class.map(|c| format!(" · {c} kg"))}
                        {r.age.map(|age| format!(" · {}", td_string!(locale, athletes.years_old, age = age)))}
                    </span>
                </div>
                <dl class="grid grid-cols-4 gap-2 text-sm">
                    {fact(tr!(athletes.snatch_short), kg_or_dash(locale, r.snatch))}
                    {fact(tr!(athletes.clean_and_jerk_short), kg_or_dash(locale, r.clean_and_jerk))}
                    {fact(tr!(athletes.total), kg_or_dash(locale, r.total))}
                    {fact(tr!(athletes.sinclair), sinclair(locale, r.sinclair))}
                </dl>
                {(!r.groups.is_empty() || r.level.is_some() || a.archived).then(|| view! {
                    <div class="flex flex-wrap gap-1">
                        {r.level.map(|l| view! { <span class="badge">{level_label(locale, l)}</span> })}
                        {r.groups.iter().map(|g| view! { <span class="badge">{g.name.clone()}</span> }).collect_view()}
                        {a.archived.then(|| view! { <span class="badge">{tr!(athletes.archived)}</span> })}
                    </div>
                })}
            </a>
        </li>
    }
}

// ----- An athlete -----

#[component]
pub fn AthletePageView() -> impl IntoView {
    let locale = crate::lang::current();
    let id = id_param();
    let page = Suspend::new(async move {
        let found = match id {
            Some(id) => load_athlete(id).await,
            None => Err(AppError::NotFound),
        };
        match found {
            Ok(page) => view! { <AthleteDetails page/> }.into_any(),
            Err(e) => failure(locale, e),
        }
    });
    detail_page("/athletes", tr!(athletes.back), page)
}

#[component]
fn AthleteDetails(page: AthletePage) -> impl IntoView {
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
                    <MaxForm athlete_id=a.id exercises=page.exercises.clone() coaching=page.coaching main=[page.snatch, page.clean_and_jerk].into_iter().flatten().map(|e| e.0).collect() today=today()/>
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
                                                                    <DeleteMax id=e.id version=e.version/>
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
                <section class="card flex flex-col gap-3" aria-labelledby="bodyweight-title">
                    <h2 id="bodyweight-title" class="text-lg font-semibold">{tr!(athletes.bodyweights)}</h2>
                    {page.coaching.then(|| view! { <WeighingForm athlete_id=a.id today=today()/> })}
                    {if page.weighings.is_empty() {
                        view! { <p class="text-muted">{tr!(athletes.no_bodyweight)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="flex flex-col" data-testid="weighings">
                                {page.weighings.iter().map(|w| view! {
                                    <li class="flex items-center justify-between gap-2 border-t border-line py-1.5 first:border-0">
                                        <span>{date(locale, w.date)}</span>
                                        <span class="flex items-center gap-2">
                                            <span class="font-semibold tabular-nums">{format!("{} kg", kg(locale, w.weight))}</span>
                                            {page.coaching.then(|| view! { <DeleteWeighing athlete_id=a.id day=w.date/> })}
                                        </span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }}
                </section>
                <section class="card flex flex-col gap-3" aria-labelledby="level-title">
                    <h2 id="level-title" class="text-lg font-semibold">{tr!(athletes.levels)}</h2>
                    {page.coaching.then(|| view! { <LevelForm athlete_id=a.id today=today()/> })}
                    {if page.levels.is_empty() {
                        view! { <p class="text-muted">{tr!(athletes.no_level)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="flex flex-col" data-testid="levels">
                                {page.levels.iter().map(|l| view! {
                                    <li class="flex items-center justify-between gap-2 border-t border-line py-1.5 first:border-0">
                                        <span class="font-medium">{level_label(locale, l.level)}</span>
                                        <span class="text-sm text-muted">
                                            {match l.end {
                                                Some(end) => td_string!(locale, athletes.from_to, start = date(locale, l.start), end = date(locale, end)).to_string(),
                                                None => td_string!(locale, athletes.since, start = date(locale, l.start)).to_string(),
                                            }}
                                        </span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }}
                </section>
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

/// Reloads the page (after a change on it), optionally with extra query text.
fn reload_here(extra: Option<String>) {
    #[cfg(feature = "hydrate")]
    {
        let path = window().location().pathname().unwrap_or_default();
        let url = match extra {
            Some(q) => format!("{path}?{q}"),
            None => path,
        };
        reload_to(&url);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = extra;
}

/// Links the profile to a member's account, or unlinks it.
#[island(lazy)]
fn AccountLink(athlete_id: AthleteId, version: i64, linked: bool, choices: Vec<LinkChoice>) -> impl IntoView {
    let locale = crate::lang::current();
    let toaster = use_toaster();
    let chosen = RwSignal::new(String::new());
    let action = Action::new(move |member: &Option<MemberId>| link_account(athlete_id, version, *member));
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => reload_here(None),
        Some(Err(e)) => toaster.error(error_text(locale, &e)),
        None => {}
    });
    if linked {
        return view! {
            <div>
                <button type="button" class="btn-secondary" disabled=move || action.pending().get() on:click=move |_| { action.dispatch(None); }>
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
            <div class="flex flex-col gap-1">
                <label for="link-member" class="text-sm font-medium">{tr!(athletes.link_to)}</label>
                <select id="link-member" class="select" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {choices.into_iter().map(|c| view! { <option value=c.id.0.to_string()>{format!("{} ({})", c.name, c.email)}</option> }).collect_view()}
                </select>
            </div>
            <button
                type="button"
                class="btn-secondary"
                disabled=move || action.pending().get() || chosen.with(String::is_empty)
                on:click=move |_| {
                    if let Ok(id) = chosen.get_untracked().parse() {
                        action.dispatch(Some(MemberId(id)));
                    }
                }
            >
                {tr!(athletes.link)}
            </button>
        </div>
    }
    .into_any()
}

#[island(lazy)]
fn ArchiveAthlete(id: AthleteId, version: i64, archived: bool) -> impl IntoView {
    let locale = crate::lang::current();
    let toaster = use_toaster();
    let action = Action::new(move |_: &()| archive_athlete(id, version, !archived));
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => reload_here(None),
        Some(Err(e)) => toaster.error(error_text(locale, &e)),
        None => {}
    });
    view! {
        <button type="button" class="btn-secondary" disabled=move || action.pending().get() on:click=move |_| { action.dispatch(()); } data-testid="archive-athlete">
            {if archived { tr!(athletes.restore) } else { tr!(athletes.archive) }}
        </button>
    }
}

/// Today on the server, the default date of the forms (passed to the islands as a prop).
fn today() -> String {
    #[cfg(feature = "ssr")]
    {
        chrono::Utc::now().date_naive().format("%Y-%m-%d").to_string()
    }
    #[cfg(not(feature = "ssr"))]
    String::new()
}

#[island(lazy)]
fn WeighingForm(athlete_id: AthleteId, today: String) -> impl IntoView {
    let action = ServerAction::<RecordWeighing>::new();
    let error = last_error(action.value());
    Effect::new(move |_| {
        if action.value().with(|v| matches!(v, Some(Ok(())))) {
            reload_here(None);
        }
    });
    view! {
        <ActionForm action attr:class="flex flex-wrap items-start gap-3" attr:novalidate="" attr:data-testid="weighing-form">
            <input type="hidden" name="athlete_id" value=athlete_id.0.to_string()/>
            <TextField name="weighed_on" kind="date" label=tr!(athletes.date) errors=error value=today.clone()/>
            <TextField name="bodyweight" kind="text" label=tr!(athletes.bodyweight_kg) errors=error/>
            <div class="pt-6"><SubmitButton label=tr!(athletes.record_bodyweight) pending=action.pending()/></div>
            <FormAlert errors=error/>
        </ActionForm>
    }
}

#[island(lazy)]
fn DeleteWeighing(athlete_id: AthleteId, day: NaiveDate) -> impl IntoView {
    let locale = crate::lang::current();
    let toaster = use_toaster();
    let action = Action::new(move |_: &()| delete_weighing(athlete_id, day));
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => reload_here(None),
        Some(Err(e)) => toaster.error(error_text(locale, &e)),
        None => {}
    });
    let question = td_string!(locale, athletes.confirm_delete).to_string();
    view! {
        <button type="button" class="icon-btn" aria-label=tr!(athletes.delete) title=tr!(athletes.delete)
            disabled=move || action.pending().get()
            on:click=move |_| if confirm(&question) { action.dispatch(()); }>
            "×"
        </button>
    }
}

#[island(lazy)]
fn LevelForm(athlete_id: AthleteId, today: String) -> impl IntoView {
    let locale = crate::lang::current();
    let action = ServerAction::<RecordLevel>::new();
    let error = last_error(action.value());
    Effect::new(move |_| {
        if action.value().with(|v| matches!(v, Some(Ok(())))) {
            reload_here(None);
        }
    });
    view! {
        <ActionForm action attr:class="flex flex-wrap items-start gap-3" attr:novalidate="" attr:data-testid="level-form">
            <input type="hidden" name="athlete_id" value=athlete_id.0.to_string()/>
            <div class="flex flex-col gap-1">
                <label for="field-level" class="text-sm font-medium">{tr!(athletes.level)}</label>
                <select id="field-level" name="level" class="select">
                    {CompetitorLevel::ALL.into_iter().map(|l| view! { <option value=l.as_str()>{level_label(locale, l)}</option> }).collect_view()}
                </select>
            </div>
            <TextField name="start" kind="date" label=tr!(athletes.since_date) errors=error value=today.clone()/>
            <div class="pt-6"><SubmitButton label=tr!(athletes.record_level) pending=action.pending()/></div>
            <FormAlert errors=error/>
        </ActionForm>
    }
}

/// Records a max; the estimator fills the weight from a set (weight × reps) and makes it an
/// estimated max.
#[island(lazy)]
fn MaxForm(
    athlete_id: AthleteId,
    exercises: Vec<Choice>,
    coaching: bool,
    main: Vec<i64>,
    today: String,
) -> impl IntoView {
    let locale = crate::lang::current();
    let action = ServerAction::<RecordMax>::new();
    let error = last_error(action.value());
    Effect::new(move |_| {
        if let Some(Ok(saved)) = action.value().get() {
            reload_here(saved.record.then(|| format!("record={}", saved.id)));
        }
    });
    let weight = RwSignal::new(String::new());
    let first_kind = if coaching {
        MaxKind::Tested
    } else {
        MaxKind::Training
    };
    let kind = RwSignal::new(first_kind.as_str().to_owned());
    let set_weight = RwSignal::new(String::new());
    let set_reps = RwSignal::new(String::new());
    let estimates = Signal::derive(move || {
        let w: Kg = set_weight.get().parse().ok()?;
        let r: u32 = set_reps.get().trim().parse().ok()?;
        let epley = estimate_one_rep_max(w, r, OneRepFormula::Epley).ok()?;
        let brzycki = estimate_one_rep_max(w, r, OneRepFormula::Brzycki).ok()?;
        Some((epley, brzycki))
    });
    let use_estimate = move |value: Kg| {
        weight.set(value.to_string());
        kind.set(MaxKind::Estimated.as_str().to_owned());
    };
    let (first, rest): (Vec<Choice>, Vec<Choice>) = exercises.into_iter().partition(|c| main.contains(&c.id));
    let exercise_error = field_error(locale, error, "exercise");
    let kind_error = field_error(locale, error, "kind");
    view! {
        <ActionForm action attr:class="flex flex-col gap-3 rounded-lg border border-line p-4" attr:novalidate="" attr:data-testid="max-form">
            <input type="hidden" name="athlete_id" value=athlete_id.0.to_string()/>
            <div class="grid grid-cols-1 gap-3 sm:grid-cols-4">
                <div class="flex flex-col gap-1 sm:col-span-2">
                    <label for="field-exercise" class="text-sm font-medium">{tr!(athletes.exercise)}</label>
                    <select id="field-exercise" name="exercise" class="select" aria-invalid=move || exercise_error.with(Option::is_some).then_some("true")>
                        <option value="">"—"</option>
                        {first.into_iter().chain(rest).map(|c| view! { <option value=c.id.to_string()>{c.name}</option> }).collect_view()}
                    </select>
                    <p class="text-sm text-red-700 dark:text-red-400" role="alert">{move || exercise_error.get()}</p>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="field-weight" class="text-sm font-medium">{tr!(athletes.weight_kg)}</label>
                    <input id="field-weight" name="weight" class="input" inputmode="decimal" prop:value=move || weight.get() on:input=move |ev| weight.set(event_target_value(&ev))/>
                    <p class="text-sm text-red-700 dark:text-red-400" role="alert">{move || field_error(locale, error, "weight").get()}</p>
                </div>
                <TextField name="date" kind="date" label=tr!(athletes.date) errors=error value=today.clone()/>
            </div>
            <div class="flex flex-col gap-1">
                <label for="field-kind" class="text-sm font-medium">{tr!(athletes.kind)}</label>
                <select id="field-kind" name="kind" class="select max-w-xs" prop:value=move || kind.get() on:change=move |ev| kind.set(event_target_value(&ev))>
                    {MaxKind::recordable(coaching).iter().map(|&k| view! { <option value=k.as_str()>{kind_label(locale, k)}</option> }).collect_view()}
                </select>
                <p class="text-sm text-red-700 dark:text-red-400" role="alert">{move || kind_error.get()}</p>
            </div>
            {coaching.then(|| view! {
                <details class="rounded-md bg-surface-3/50 p-3" data-testid="estimator">
                    <summary class="cursor-pointer text-sm font-medium">{tr!(athletes.estimator)}</summary>
                    <div class="mt-3 flex flex-wrap items-end gap-3">
                        <div class="flex flex-col gap-1">
                            <label for="estimate-weight" class="text-sm">{tr!(athletes.set_weight)}</label>
                            <input id="estimate-weight" class="input w-28" inputmode="decimal" on:input=move |ev| set_weight.set(event_target_value(&ev))/>
                        </div>
                        <div class="flex flex-col gap-1">
                            <label for="estimate-reps" class="text-sm">{tr!(athletes.set_reps)}</label>
                            <input id="estimate-reps" class="input w-20" inputmode="numeric" on:input=move |ev| set_reps.set(event_target_value(&ev))/>
                        </div>
                    </div>
                    <div class="mt-3 flex flex-wrap gap-2" aria-live="polite">
                        {move || match estimates.get() {
                            Some((epley, brzycki)) => view! {
                                <button type="button" class="btn-secondary" data-testid="use-epley" on:click=move |_| use_estimate(epley)>
                                    {td_string!(locale, athletes.use_epley, weight = kg(locale, epley)).to_string()}
                                </button>
                                <button type="button" class="btn-secondary" data-testid="use-brzycki" on:click=move |_| use_estimate(brzycki)>
                                    {td_string!(locale, athletes.use_brzycki, weight = kg(locale, brzycki)).to_string()}
                                </button>
                            }.into_any(),
                            None => view! { <p class="text-sm text-muted">{td_string!(locale, athletes.estimator_hint).to_string()}</p> }.into_any(),
                        }}
                    </div>
                </details>
            })}
            <FormAlert errors=error/>
            <div><SubmitButton label=tr!(athletes.record_max) pending=action.pending()/></div>
        </ActionForm>
    }
}

/// Corrects a recorded max in place: a dialog with its weight, date and kind (the exercise
/// stays). The max's version guards against someone else's change in between.
#[allow(clippy::too_many_arguments)]
#[island(lazy)]
fn EditMax(
    id: MaxId,
    version: i64,
    exercise: ExerciseId,
    lift: String,
    weight: Kg,
    day: NaiveDate,
    kind: MaxKind,
    coaching: bool,
) -> impl IntoView {
    let locale = crate::lang::current();
    let action = ServerAction::<UpdateMax>::new();
    let error = last_error(action.value());
    Effect::new(move |_| {
        if action.value().with(|v| matches!(v, Some(Ok(())))) {
            reload_here(None);
        }
    });
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let open = move |_| {
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    let close = move |_| {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    // Ids unique on the page: every max row has its dialog, and the page has the max form too.
    let field = move |name: &str| format!("max-{}-{name}", id.0);
    let weight_error = field_error(locale, error, "weight");
    let date_error = field_error(locale, error, "date");
    let kind_error = field_error(locale, error, "kind");
    let button_label = td_string!(
        locale,
        athletes.edit_max,
        lift = lift.clone(),
        weight = kg(locale, weight)
    )
    .to_string();
    let title = td_string!(locale, athletes.edit_max_title, lift = lift).to_string();
    let error_line = |message: Signal<Option<String>>| {
        view! { <p class="text-sm text-red-700 dark:text-red-400" role="alert">{move || message.get()}</p> }
    };
    view! {
        <button type="button" class="icon-btn" aria-haspopup="dialog" aria-label=button_label.clone() title=button_label on:click=open data-testid="edit-max">
            "✎"
        </button>
        <dialog node_ref=dialog class="card m-auto w-[min(28rem,calc(100vw-2rem))] text-left text-ink backdrop:bg-black/50" aria-labelledby=field("title") data-testid="edit-max-dialog">
            <ActionForm action attr:class="flex flex-col gap-3" attr:novalidate="">
                <h2 id=field("title") class="text-lg font-semibold">{title}</h2>
                <input type="hidden" name="id" value=id.0.to_string()/>
                <input type="hidden" name="version" value=version.to_string()/>
                <input type="hidden" name="exercise" value=exercise.0.to_string()/>
                <div class="grid grid-cols-1 gap-3 sm:grid-cols-2">
                    <div class="flex flex-col gap-1">
                        <label for=field("weight") class="text-sm font-medium">{tr!(athletes.weight_kg)}</label>
                        <input id=field("weight") name="weight" class="input" inputmode="decimal" value=kg(locale, weight)
                            aria-invalid=move || weight_error.with(Option::is_some).then_some("true")/>
                        {error_line(weight_error)}
                    </div>
                    <div class="flex flex-col gap-1">
                        <label for=field("date") class="text-sm font-medium">{tr!(athletes.date)}</label>
                        <input id=field("date") name="date" type="date" class="input" value=day.format("%Y-%m-%d").to_string()
                            aria-invalid=move || date_error.with(Option::is_some).then_some("true")/>
                        {error_line(date_error)}
                    </div>
                </div>
                <div class="flex flex-col gap-1">
                    <label for=field("kind") class="text-sm font-medium">{tr!(athletes.kind)}</label>
                    <select id=field("kind") name="kind" class="select">
                        {MaxKind::recordable(coaching).iter().map(|&k| view! { <option value=k.as_str() selected=k == kind>{kind_label(locale, k)}</option> }).collect_view()}
                    </select>
                    {error_line(kind_error)}
                </div>
                <FormAlert errors=error/>
                <div class="flex flex-wrap justify-end gap-2">
                    <button type="button" class="btn-secondary" on:click=close>{tr!(athletes.cancel)}</button>
                    <SubmitButton label=tr!(athletes.save) pending=action.pending()/>
                </div>
            </ActionForm>
        </dialog>
    }
}

#[island(lazy)]
fn DeleteMax(id: MaxId, version: i64) -> impl IntoView {
    let locale = crate::lang::current();
    let toaster = use_toaster();
    let action = Action::new(move |_: &()| delete_max(id, version));
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => reload_here(None),
        Some(Err(e)) => toaster.error(error_text(locale, &e)),
        None => {}
    });
    let question = td_string!(locale, athletes.confirm_delete).to_string();
    view! {
        <button type="button" class="icon-btn" aria-label=tr!(athletes.delete) title=tr!(athletes.delete)
            disabled=move || action.pending().get()
            on:click=move |_| if confirm(&question) { action.dispatch(()); }>
            "×"
        </button>
    }
}

#[island(lazy)]
fn GroupToggles(athlete_id: AthleteId, groups: Vec<(GroupId, String, bool)>) -> impl IntoView {
    let locale = crate::lang::current();
    let toaster = use_toaster();
    let action =
        Action::new(move |(group, member): &(GroupId, bool)| set_in_group(*group, athlete_id, *member));
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => toaster.success(td_string!(locale, athletes.groups_saved).to_string()),
        Some(Err(e)) => toaster.error(error_text(locale, &e)),
        None => {}
    });
    view! {
        <fieldset class="flex flex-col gap-2" data-testid="group-toggles">
            <legend class="sr-only">{tr!(athletes.groups)}</legend>
            {groups.into_iter().map(|(id, name, member)| view! {
                <label class="flex items-center gap-2">
                    <input type="checkbox" checked=member on:change=move |ev| { action.dispatch((id, event_target_checked(&ev))); }/>
                    {name}
                </label>
            }).collect_view()}
        </fieldset>
    }
}

// ----- The form -----

#[component]
pub fn NewAthletePage() -> impl IntoView {
    form_page(
        tr!(athletes.new_title),
        Suspend::new(async move { view! { <AthleteForm existing=None/> }.into_any() }),
    )
}

#[component]
pub fn EditAthletePage() -> impl IntoView {
    let locale = crate::lang::current();
    let id = id_param();
    let page = Suspend::new(async move {
        let loaded = match id {
            Some(id) => match load_athlete(id).await {
                Ok(page) if !page.coaching => Err(AppError::Forbidden),
                other => other,
            },
            None => Err(AppError::NotFound),
        };
        match loaded {
            Ok(page) => view! { <AthleteForm existing=Some(page.summary.athlete)/> }.into_any(),
            Err(e) => failure(locale, e),
        }
    });
    form_page(tr!(athletes.edit_title), page)
}

/// Creates an athlete, or edits `existing` (at the version read, so a concurrent change is
/// refused rather than overwritten).
#[island(lazy)]
fn AthleteForm(existing: Option<Athlete>) -> impl IntoView {
    let locale = crate::lang::current();
    let create = ServerAction::<CreateAthlete>::new();
    let update = ServerAction::<UpdateAthlete>::new();
    let create_error = last_error(create.value());
    let update_error = last_error(update.value());
    let errors = Signal::derive(move || create_error.get().or_else(|| update_error.get()));
    Effect::new(move |_| {
        let saved = create
            .value()
            .with(|v| v.as_ref().and_then(|r| r.as_ref().ok().copied()))
            .or_else(|| {
                update
                    .value()
                    .with(|v| v.as_ref().and_then(|r| r.as_ref().ok().copied()))
            });
        if let Some(id) = saved {
            reload_to(&athlete_href(id));
        }
    });
    let e = existing.clone();
    let value = move |f: fn(&Athlete) -> Option<String>| e.as_ref().and_then(f).unwrap_or_default();
    let sex = existing.as_ref().map(|a| a.sex);
    let sex_error = field_error(locale, errors, "sex");
    let notes_error = field_error(locale, errors, "notes");
    let fields = view! {
        <div class="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <TextField name="first_name" autocomplete="off" label=tr!(athletes.first_name) errors value=value(|a| Some(a.first_name.clone()))/>
            <TextField name="last_name" autocomplete="off" label=tr!(athletes.last_name) errors value=value(|a| Some(a.last_name.clone()))/>
        </div>
        <div class="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <TextField name="birth_date" kind="date" label=tr!(athletes.birth_date) errors value=value(|a| a.birth_date.map(|d| d.format("%Y-%m-%d").to_string()))/>
            <fieldset class="flex flex-col gap-1">
                <legend class="text-sm font-medium">{tr!(athletes.sex_category)}</legend>
                <div class="flex gap-4 pt-2">
                    {Sex::ALL
                        .into_iter()
                        .map(|s| view! {
                            <label class="flex items-center gap-2"><input type="radio" name="sex" value=s.as_str() checked=sex == Some(s)/>{sex_label(locale, s)}</label>
                        })
                        .collect_view()}
                </div>
                <p class="text-sm text-red-700 dark:text-red-400" role="alert">{move || sex_error.get()}</p>
            </fieldset>
        </div>
        <div class="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <TextField name="licence" label=tr!(athletes.licence) errors value=value(|a| a.licence.clone())/>
            <TextField name="email" kind="email" label=tr!(athletes.email) hint=tr!(athletes.email_hint) errors value=value(|a| a.email.clone())/>
        </div>
        <div class="flex flex-col gap-1">
            <label for="field-notes" class="text-sm font-medium">{tr!(athletes.notes)}</label>
            <textarea id="field-notes" name="notes" rows="4" class="input">{value(|a| a.notes.clone())}</textarea>
            <p class="text-sm text-red-700 dark:text-red-400" role="alert">{move || notes_error.get()}</p>
        </div>
    };
    let cancel = existing
        .as_ref()
        .map_or_else(|| "/athletes".to_owned(), |a| athlete_href(a.id));
    let buttons = move |pending: Signal<bool>| {
        view! {
            <div class="flex flex-wrap items-center gap-3">
                <SubmitButton label=tr!(athletes.save) pending/>
                <a href=cancel.clone() class="btn-secondary">{tr!(athletes.cancel)}</a>
            </div>
        }
    };
    match existing {
        Some(a) => view! {
            <ActionForm action=update attr:class="card flex flex-col gap-4" attr:novalidate="" attr:data-testid="athlete-form">
                <input type="hidden" name="id" value=a.id.0.to_string()/>
                <input type="hidden" name="version" value=a.version.to_string()/>
                {fields}
                <FormAlert errors/>
                {buttons(update.pending().into())}
            </ActionForm>
        }
        .into_any(),
        None => view! {
            <ActionForm action=create attr:class="card flex flex-col gap-4" attr:novalidate="" attr:data-testid="athlete-form">
                {fields}
                <FormAlert errors/>
                {buttons(create.pending().into())}
            </ActionForm>
        }
        .into_any(),
    }
}
