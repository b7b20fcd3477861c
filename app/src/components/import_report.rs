//! The report of a refused import: how many problems, then each one with its line, its column
//! and the reason, in words.

use crate::i18n::*;
use leptos::prelude::*;

/// One problem of a refused file, already in words.
pub struct ReportRow {
    pub line: usize,
    pub column: String,
    pub reason: String,
}

/// Every problem of a refused file (the first ones, when there are many: `total` says how many
/// there are in all).
#[component]
pub fn ImportReport(
    /// What happened, with the number of problems ("The file was not imported: …").
    summary: String,
    total: usize,
    rows: Vec<ReportRow>,
) -> impl IntoView {
    let locale = crate::lang::current();
    let shown = rows.len();
    let partial = (shown < total).then(|| {
        view! { <p class="text-sm text-muted">{td_string!(locale, errors.first_problems, shown = shown).to_string()}</p> }
    });
    view! {
        <section class="card flex flex-col gap-3 border-red-300 dark:border-red-800" data-testid="import-report">
            <p role="alert" class="font-medium text-red-800 dark:text-red-200">{summary}</p>
            {partial}
            <div class="overflow-x-auto">
                <table class="w-full text-left text-sm">
                    <caption class="sr-only">{td_string!(locale, import_report.caption).to_string()}</caption>
                    <thead class="text-xs uppercase text-muted">
                        <tr>
                            <th scope="col" class="pb-2 pr-3">{td_string!(locale, import_report.line).to_string()}</th>
                            <th scope="col" class="pb-2 pr-3">{td_string!(locale, import_report.column).to_string()}</th>
                            <th scope="col" class="pb-2">{td_string!(locale, import_report.reason).to_string()}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|row| view! {
                                <tr class="border-t border-line" data-testid="import-problem">
                                    <td class="py-1 pr-3 tabular-nums">{row.line}</td>
                                    <td class="py-1 pr-3">{row.column}</td>
                                    <td class="py-1">{row.reason}</td>
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// An import that went through: what it did, and the way to see it.
#[component]
pub fn ImportDone(text: String, href: &'static str, link: String) -> impl IntoView {
    view! {
        <div class="rounded-md border border-emerald-600 bg-emerald-50 p-3 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100" role="status" data-testid="import-done">
            <p>{text}</p>
            <a href=href class="link">{link}</a>
        </div>
    }
}
