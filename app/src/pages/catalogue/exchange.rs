//! Import and export of the catalogue (coaches): CSV or JSON, all or nothing.

use super::{CatalogueTabs, Tab};
use crate::api::catalogue::{ExportCatalogue, ImportCatalogue, catalogue_choices};
use crate::components::ErrorNote;
use crate::components::Field;
use crate::components::call::{Call, decode, post_action};
use crate::components::import_report::{ImportDone, ImportReport, ReportRow};
use crate::components::{Toaster, error_text, field_text};
use crate::components::{loaded, section_page};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::ExportFile;
use domain::catalogue::exchange::{ImportCounts, ImportProblem};
use leptos::prelude::*;

#[component]
pub fn ExchangePage() -> impl IntoView {
    // Only coaches may import or export: the choices call answers "forbidden" to others.
    let page = loaded(catalogue_choices(), |_| view! { <CatalogueExchange/> });
    section_page(
        tr!(exchange.title),
        tr!(catalogue.title),
        view! { <CatalogueTabs active=Tab::Exchange can_edit=true/> },
        page,
    )
}

/// The label a person knows a file column or field by.
pub(super) fn field_label(locale: Locale, field: &str) -> String {
    match field {
        "name_fr" | "fr" => td_string!(locale, catalogue.name_fr).to_string(),
        "name_en" | "en" => td_string!(locale, catalogue.name_en).to_string(),
        "short_name" => td_string!(locale, catalogue.short_name).to_string(),
        "category" => td_string!(locale, catalogue.category).to_string(),
        "equipment" => td_string!(locale, catalogue.equipment).to_string(),
        "description" => td_string!(locale, catalogue.description).to_string(),
        "video_url" => td_string!(locale, catalogue.video_url).to_string(),
        "movements" => td_string!(locale, complexes.movements).to_string(),
        "archived" => td_string!(locale, catalogue.archived).to_string(),
        "file" => td_string!(locale, exchange.file).to_string(),
        other => other.to_owned(),
    }
}

/// Saves a file the server produced, as a download.
#[cfg(feature = "hydrate")]
pub(super) fn save(file: &ExportFile) -> Result<(), wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&file.content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&file.content_type);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(&file.filename);
    link.click();
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

#[cfg(not(feature = "hydrate"))]
pub(super) fn save(file: &ExportFile) -> Result<(), ()> {
    let _ = file;
    Ok(())
}

/// The chosen file's name and text.
#[cfg(feature = "hydrate")]
async fn read_chosen(input: Option<web_sys::HtmlInputElement>) -> Option<(String, String)> {
    let file = input?.files()?.get(0)?;
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()?
        .as_string()?;
    Some((file.name(), text))
}

#[cfg(not(feature = "hydrate"))]
async fn read_chosen(input: Option<()>) -> Option<(String, String)> {
    let _ = input;
    None
}

#[island(lazy = catalogue)]
pub(super) fn CatalogueExchange() -> impl IntoView {
    let locale = crate::lang::current();
    let toaster = Toaster;
    let export = post_action();
    Effect::new(move |_| {
        match export
            .value()
            .get()
            .map(|a| a.and_then(|text| decode::<ExportFile>(&text)))
        {
            Some(Ok(file)) if save(&file).is_err() => {
                toaster.error(td_string!(locale, exchange.save_failed).to_string());
            }
            Some(Err(e)) => toaster.error(error_text(locale, &e)),
            _ => {}
        }
    });
    let export_as = move |format: &str| {
        export.dispatch(Call::new(&ExportCatalogue {
            format: format.to_owned(),
        }));
    };

    let input = NodeRef::<leptos::html::Input>::new();
    let import = post_action();
    let outcome = Signal::derive(move || {
        import
            .value()
            .get()
            .map(|answer| answer.and_then(|text| decode::<ImportCounts>(&text)))
    });
    let missing = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        leptos::task::spawn_local(async move {
            #[cfg(feature = "hydrate")]
            let chosen = read_chosen(input.get_untracked()).await;
            #[cfg(not(feature = "hydrate"))]
            let chosen = read_chosen(None).await;
            missing.set(chosen.is_none());
            if let Some((name, content)) = chosen {
                let format = if name.to_ascii_lowercase().ends_with(".json") {
                    "json"
                } else {
                    "csv"
                };
                import.dispatch(Call::new(&ImportCatalogue {
                    format: format.to_owned(),
                    content,
                }));
            }
        });
    };
    let result = move || {
        outcome.get().map(|outcome| match outcome {
            Ok(ImportCounts { created, updated }) => view! {
                <ImportDone
                    text=td_string!(locale, exchange.done, created = created, updated = updated).to_string()
                    href="/catalogue"
                    link=td_string!(locale, exchange.see_catalogue).to_string()
                />
            }
            .into_any(),
            Err(AppError::ImportRejected(report)) => match report.open() {
                Some(report) => report_view(locale, report).into_any(),
                None => view! { <ErrorNote text=error_text(locale, &AppError::ImportRejected(report))/> }
                    .into_any(),
            },
            Err(e) => view! { <ErrorNote text=error_text(locale, &e)/> }.into_any(),
        })
    };

    view! {
        <div class="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
            <section class="card flex flex-col gap-3">
                <h2 class="text-xl font-semibold">{tr!(exchange.export_title)}</h2>
                <p class="text-sm text-muted">{tr!(exchange.export_help)}</p>
                <div class="flex flex-wrap gap-2">
                    <button type="button" class="btn-secondary" disabled=move || export.pending().get() on:click=move |_| export_as("csv")>
                        {tr!(exchange.export_csv)}
                    </button>
                    <button type="button" class="btn-secondary" disabled=move || export.pending().get() on:click=move |_| export_as("json")>
                        {tr!(exchange.export_json)}
                    </button>
                </div>
            </section>
            <section class="card flex flex-col gap-3">
                <h2 class="text-xl font-semibold">{tr!(exchange.import_title)}</h2>
                <p class="text-sm text-muted">{tr!(exchange.import_help)}</p>
                <form class="flex flex-col gap-3" on:submit=submit>
                    <Field id="import-file" label=tr!(exchange.file)>
                        <input
                            id="import-file"
                            node_ref=input
                            type="file"
                            accept=".csv,.json,text/csv,application/json"
                            class="input"
                            aria-describedby="import-file-error"
                        />
                        <p id="import-file-error" class="text-sm text-red-700 dark:text-red-400" role="alert">
                            {move || missing.get().then(|| td_string!(locale, exchange.choose_file).to_string())}
                        </p>
                    </Field>
                    <button type="submit" class="btn-primary self-start" disabled=move || import.pending().get()>
                        {tr!(exchange.import_submit)}
                    </button>
                </form>
            </section>
        </div>
        <div aria-live="polite">{result}</div>
    }
}

/// Every rejected row of a catalogue import: line, column, reason.
fn report_view(locale: Locale, report: domain::Report<ImportProblem>) -> impl IntoView {
    let summary = td_string!(locale, errors.import_rejected, count = report.total).to_string();
    let rows = report
        .problems
        .iter()
        .map(|p| ReportRow {
            line: p.line,
            column: field_label(locale, &p.error.field),
            reason: field_text(locale, &p.error),
        })
        .collect();
    view! { <ImportReport summary total=report.total rows/> }
}
