//! Importing athletes from a CSV file (coaches), all or nothing: the columns it reads, an example
//! to start from, and the report of every problem when the file is refused.

use super::AthleteTabs;
use crate::api::athletes::ImportAthletes;
use crate::api::groups::groups;
use crate::components::ErrorNote;
use crate::components::Field;
use crate::components::call::{Call, decode, post_action};
use crate::components::import_report::{ImportDone, ImportReport, ReportRow};
use crate::components::{Toaster, error_text, field_text};
use crate::components::{loaded, section_page};
use crate::error::AppError;
use crate::i18n::*;
use domain::athlete_import::{AthleteImportProblem, ImportIssue};
use domain::{FieldError, FieldProblem};
use leptos::prelude::*;

#[component]
pub fn AthleteImportPage() -> impl IntoView {
    // Only coaches may import: the groups call answers "forbidden" to others.
    let page = loaded(groups(), |_| {
        view! {
            <div class="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
                <Columns/>
                <AthleteImport/>
            </div>
        }
    });
    section_page(
        tr!(athlete_import.title),
        tr!(athletes.title),
        view! { <AthleteTabs active="/athletes/import"/> },
        page,
    )
}

/// A small file to start from, with the headers of the page's language.
pub(super) fn example(locale: Locale) -> &'static str {
    match locale {
        Locale::fr => {
            "prénom;nom;date de naissance;sexe;email;groupes\n\
             Léa;Petit;14/03/2008;F;lea.petit@example.org;Juniors\n\
             Tom;Arnaud;02/11/1995;H;;\"Seniors;Compétition\"\n"
        }
        Locale::en => {
            "first name,last name,birth date,sex,email,groups\n\
             Lea,Petit,2008-03-14,F,lea.petit@example.org,Juniors\n\
             Tom,Arnaud,1995-11-02,M,,Seniors;Competition\n"
        }
    }
}

/// `text` as a `data:` address a link downloads (UTF-8, with a byte order mark so that
/// spreadsheets read the accents right).
pub(super) fn data_url(text: &str) -> String {
    let mut url = String::from("data:text/csv;charset=utf-8,%EF%BB%BF");
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            url.push(char::from(byte));
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

/// What the file holds: the columns, their headers and values, and an example.
#[component]
pub(super) fn Columns() -> impl IntoView {
    let locale = crate::lang::current();
    let row = |column: String, headers: &'static str, required: bool, values: Option<String>| {
        view! {
            <tr class="border-t border-line align-top">
                <th scope="row" class="py-1.5 pr-3 text-left font-medium">{column}</th>
                <td class="py-1.5 pr-3"><code class="text-xs">{headers}</code></td>
                <td class="py-1.5 pr-3">
                    {if required { tr!(athlete_import.required) } else { tr!(athlete_import.optional) }}
                </td>
                <td class="py-1.5">{values.unwrap_or_else(|| "—".to_owned())}</td>
            </tr>
        }
    };
    let sample = example(locale);
    view! {
        <section class="card flex flex-col gap-3" aria-labelledby="columns-title" data-testid="import-columns">
            <h2 id="columns-title" class="text-xl font-semibold">{tr!(athlete_import.columns_title)}</h2>
            <p class="text-sm text-muted">{tr!(athlete_import.columns_help)}</p>
            <div class="overflow-x-auto">
                <table class="w-full text-left text-sm">
                    <caption class="sr-only">{tr!(athlete_import.columns_title)}</caption>
                    <thead class="text-xs uppercase text-muted">
                        <tr>
                            <th scope="col" class="pb-2 pr-3">{tr!(athlete_import.column)}</th>
                            <th scope="col" class="pb-2 pr-3">{tr!(athlete_import.headers)}</th>
                            <th scope="col" class="pb-2 pr-3">{tr!(athlete_import.presence)}</th>
                            <th scope="col" class="pb-2">{tr!(athlete_import.values)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {row(tr!(athletes.first_name), "prénom, first name", true, None)}
                        {row(tr!(athletes.last_name), "nom, last name", true, None)}
                        {row(tr!(athletes.sex), "sexe, sex", true, Some(tr!(athlete_import.sex_values)))}
                        {row(tr!(athletes.birth_date), "date de naissance, birth date", false, Some(tr!(athlete_import.date_values)))}
                        {row(tr!(athletes.email), "email, e-mail, courriel", false, None)}
                        {row(tr!(athletes.licence), "licence, license", false, None)}
                        {row(tr!(athletes.groups), "groupe(s), group(s)", false, Some(tr!(athlete_import.group_values)))}
                    </tbody>
                </table>
            </div>
            <p class="text-sm text-muted">{tr!(athlete_import.rules)}</p>
            <h3 class="font-semibold">{tr!(athlete_import.example_title)}</h3>
            <pre class="overflow-x-auto rounded-md bg-surface-3/50 p-3 text-xs" data-testid="import-example">{sample}</pre>
            <a
                href=data_url(sample)
                download=tr!(athlete_import.example_filename)
                class="link self-start text-sm"
                data-testid="import-template"
            >
                {tr!(athlete_import.download_example)}
            </a>
        </section>
    }
}

/// The chosen file's text (read in the browser).
#[cfg(feature = "hydrate")]
async fn read_chosen(input: Option<web_sys::HtmlInputElement>) -> Option<String> {
    let file = input?.files()?.get(0)?;
    wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()?
        .as_string()
}

/// The file picker and the text: choosing a file puts its text in the box (to check or correct
/// it there); the Import button sends the box.
#[island(lazy = athletes)]
pub(super) fn AthleteImport() -> impl IntoView {
    let locale = crate::lang::current();
    let toaster = Toaster;
    let input = NodeRef::<leptos::html::Input>::new();
    let content = RwSignal::new(String::new());
    let reading = RwSignal::new(false);
    let missing = RwSignal::new(false);
    let import = post_action();
    let outcome = Signal::derive(move || {
        import
            .value()
            .get()
            .map(|answer| answer.and_then(|text| decode::<usize>(&text)))
    });
    Effect::new(move |_| {
        if let Some(Ok(count)) = outcome.get() {
            content.set(String::new());
            toaster.success(td_string!(locale, athlete_import.done, count = count).to_string());
        }
    });
    let chosen = move |_| {
        reading.set(true);
        leptos::task::spawn_local(async move {
            #[cfg(feature = "hydrate")]
            {
                let element = input.get_untracked();
                if let Some(text) = read_chosen(element.clone()).await {
                    content.set(text);
                    missing.set(false);
                }
                // Emptied, so that choosing the same file again (corrected) reads it again.
                if let Some(element) = element {
                    element.set_value("");
                }
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = input;
            reading.set(false);
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = content.get_untracked();
        let empty = text.trim().is_empty();
        missing.set(empty);
        if !empty {
            import.dispatch(Call::new(&ImportAthletes { content: text }));
        }
    };
    let result = move || {
        outcome.get().map(|outcome| match outcome {
            Ok(count) => view! {
                <ImportDone
                    text=td_string!(locale, athlete_import.done, count = count).to_string()
                    href="/athletes"
                    link=td_string!(locale, athlete_import.see_roster).to_string()
                />
            }
            .into_any(),
            Err(AppError::AthleteImportRejected(report)) => match report.open() {
                Some(report) => report_view(locale, report).into_any(),
                None => {
                    view! { <ErrorNote text=error_text(locale, &AppError::AthleteImportRejected(report))/> }
                        .into_any()
                }
            },
            Err(e) => view! { <ErrorNote text=error_text(locale, &e)/> }.into_any(),
        })
    };
    view! {
        <div class="flex flex-col gap-6">
            <section class="card flex flex-col gap-3" aria-labelledby="athlete-import-title">
                <h2 id="athlete-import-title" class="text-xl font-semibold">{tr!(athlete_import.import_title)}</h2>
                <p class="text-sm text-muted">{tr!(athlete_import.import_help)}</p>
                <form class="flex flex-col gap-3" novalidate="" on:submit=submit data-testid="athlete-import-form">
                    <Field id="athlete-import-file" label=tr!(athlete_import.file)>
                        <input
                            id="athlete-import-file"
                            node_ref=input
                            type="file"
                            accept=".csv,.txt,text/csv,text/plain"
                            class="input"
                            on:change=chosen
                        />
                    </Field>
                    <Field id="athlete-import-content" label=tr!(athlete_import.content)>
                        <textarea
                            id="athlete-import-content"
                            rows="8"
                            spellcheck="false"
                            class="input font-mono text-xs"
                            aria-describedby="athlete-import-content-hint athlete-import-content-error"
                            aria-invalid=move || missing.get().then_some("true")
                            prop:value=move || content.get()
                            on:input=move |ev| content.set(event_target_value(&ev))
                        ></textarea>
                        <p id="athlete-import-content-hint" class="text-xs text-muted">{tr!(athlete_import.content_hint)}</p>
                        <p id="athlete-import-content-error" class="text-sm text-red-700 dark:text-red-400" role="alert">
                            {move || missing.get().then(|| td_string!(locale, athlete_import.choose_file).to_string())}
                        </p>
                    </Field>
                    <button
                        type="submit"
                        class="btn-primary self-start"
                        disabled=move || import.pending().get() || reading.get()
                        aria-busy=move || import.pending().get().to_string()
                    >
                        {tr!(athlete_import.submit)}
                    </button>
                </form>
            </section>
            <div aria-live="polite">{result}</div>
        </div>
    }
}

/// The label a person knows a column by.
pub(super) fn field_label(locale: Locale, field: &str) -> String {
    match field {
        "first_name" => td_string!(locale, athletes.first_name).to_string(),
        "last_name" => td_string!(locale, athletes.last_name).to_string(),
        "birth_date" => td_string!(locale, athletes.birth_date).to_string(),
        "sex" => td_string!(locale, athletes.sex).to_string(),
        "email" => td_string!(locale, athletes.email).to_string(),
        "licence" => td_string!(locale, athletes.licence).to_string(),
        "notes" => td_string!(locale, athletes.notes).to_string(),
        "groups" => td_string!(locale, athletes.groups).to_string(),
        "file" => td_string!(locale, athlete_import.whole_file).to_string(),
        other => other.to_owned(),
    }
}

/// Why a line was refused, in words.
pub(super) fn reason(locale: Locale, problem: &AthleteImportProblem) -> String {
    match (&problem.problem, problem.field.as_str()) {
        (ImportIssue::Field(FieldProblem::InvalidChoice), "sex") => {
            td_string!(locale, athlete_import.sex_invalid).to_string()
        }
        (ImportIssue::Field(FieldProblem::InvalidDate), "birth_date") => {
            td_string!(locale, athlete_import.date_invalid).to_string()
        }
        (ImportIssue::Field(p), field) => field_text(locale, &FieldError::new(field, p.clone())),
        (ImportIssue::MissingColumn, _) => td_string!(locale, athlete_import.missing_column).to_string(),
        (ImportIssue::Duplicate, "email") => td_string!(locale, athlete_import.duplicate_email).to_string(),
        (ImportIssue::Duplicate, _) => td_string!(locale, athlete_import.duplicate_person).to_string(),
        (ImportIssue::Empty, _) => td_string!(locale, athlete_import.empty).to_string(),
        (ImportIssue::TooManyRows { max }, _) => {
            td_string!(locale, athlete_import.too_many_rows, max = *max).to_string()
        }
        (ImportIssue::Unreadable, _) => td_string!(locale, athlete_import.unreadable).to_string(),
    }
}

/// Every problem of a refused athletes file: line, column, reason.
fn report_view(locale: Locale, report: domain::Report<AthleteImportProblem>) -> impl IntoView {
    let summary = td_string!(locale, athlete_import.rejected, count = report.total).to_string();
    let rows = report
        .problems
        .iter()
        .map(|p| ReportRow {
            line: p.line,
            column: field_label(locale, &p.field),
            reason: reason(locale, p),
        })
        .collect();
    view! { <ImportReport summary total=report.total rows/> }
}
