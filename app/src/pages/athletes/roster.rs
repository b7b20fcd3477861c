//! The roster: a table a coach sorts and filters (cards on a phone); an athlete's own page.

use super::athlete::AthleteDetails;
use super::{AthleteTabs, athlete_href};
use crate::api::athletes::{RosterPage, load_athlete, own_profile, roster};
use crate::components::Field;
use crate::components::format::{kg_or_dash, level_label, sex_label, sinclair};
use crate::components::{failure, loading};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::Choice;
use domain::competition::{CompetitorLevel, Sex};
use domain::roster::{RosterQuery, RosterRow, RosterSort};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

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
            {loading(page)}
        </section>
    }
}

#[component]
pub(super) fn Roster(page: RosterPage, query: RosterQuery) -> impl IntoView {
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

/// One of the roster's filters (`sex`, `group`, `level`): all, or one of its options, the one
/// the roster is filtered by selected.
#[component]
fn RosterFilter(
    name: &'static str,
    label: String,
    /// Each choice's value and label, after "all".
    #[prop(into)]
    options: Vec<(String, String)>,
    /// The value the roster is filtered by, if any.
    current: Option<String>,
) -> impl IntoView {
    let id = format!("roster-{name}");
    let options = options
        .into_iter()
        .map(|(value, text)| {
            let selected = current.as_ref() == Some(&value);
            view! { <option value=value selected=selected>{text}</option> }
        })
        .collect_view();
    view! {
        <Field id=id.clone() label>
            <select id=id name=name class="select">
                <option value="">{tr!(athletes.all)}</option>
                {options}
            </select>
        </Field>
    }
}

/// The filters: a GET form, so it works without the WASM and the address keeps the view.
#[component]
pub(super) fn RosterFilters(groups: Vec<Choice>, query: RosterQuery) -> impl IntoView {
    let locale = crate::lang::current();
    let sexes = Sex::ALL.map(|s| (s.as_str().to_owned(), sex_label(locale, s)));
    let groups: Vec<_> = groups.into_iter().map(|g| (g.id.to_string(), g.name)).collect();
    let levels = CompetitorLevel::ALL.map(|l| (l.as_str().to_owned(), level_label(locale, l)));
    view! {
        <form method="get" action="/athletes" class="card flex flex-wrap items-end gap-3" role="search" data-testid="roster-filters">
            <Field id="roster-q" label=tr!(athletes.search) class="flex min-w-48 flex-1 flex-col gap-1">
                <input id="roster-q" name="q" type="search" maxlength=domain::catalogue::search::QUERY_MAX class="input" value=query.q.clone() placeholder=tr!(athletes.search_hint)/>
            </Field>
            <RosterFilter name="sex" label=tr!(athletes.sex) options=sexes current=query.sex.map(|s| s.as_str().to_owned())/>
            <RosterFilter name="group" label=tr!(athletes.group) options=groups current=query.group.map(|g| g.0.to_string())/>
            <RosterFilter name="level" label=tr!(athletes.level) options=levels current=query.level.map(|l| l.as_str().to_owned())/>
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

pub(super) fn roster_href(query: &RosterQuery) -> String {
    let search = query.to_query_string();
    if search.is_empty() {
        "/athletes".to_owned()
    } else {
        format!("/athletes?{search}")
    }
}

/// The table (from tablet width): each header sorts by its column; a second click reverses.
#[component]
pub(super) fn RosterTable(rows: Vec<RosterRow>, query: RosterQuery) -> impl IntoView {
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

pub(super) fn roster_row(locale: Locale, r: &RosterRow) -> impl IntoView {
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
pub(super) fn roster_card(locale: Locale, r: &RosterRow) -> impl IntoView {
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
