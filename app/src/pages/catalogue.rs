//! The catalogue: the list with search and filters, an exercise's page, and the exercise form.

use crate::api::catalogue::{
    CreateExercise, UpdateExercise, archive_complex, archive_exercise, catalogue, catalogue_choices,
    delete_complex, delete_exercise, exercise,
};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::{CatalogueView, Choice, ExerciseChoices, ExerciseDetail, ExerciseItem};
use crate::ui::{
    FormAlert, SubmitButton, TextField, confirm, error_text, field_error, field_text, last_error, reload_to,
    use_toaster,
};
use domain::catalogue::browse::{CatalogueQuery, Sort, Status};
use domain::media::{Slot, VideoLink};
use domain::{CategoryId, EquipmentId};
use domain::{ComplexId, ExerciseId};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The page of an exercise.
pub fn exercise_href(id: ExerciseId) -> String {
    format!("/catalogue/exercises/{id}")
}

/// A page's error in place of its content: forbidden, not found, or anything else.
pub(crate) fn failure(locale: Locale, error: AppError) -> AnyView {
    let testid = match error {
        AppError::Forbidden => "forbidden",
        AppError::NotFound => "not-found",
        _ => "error",
    };
    let text = match error {
        AppError::Forbidden => td_string!(locale, catalogue.coaches_only).to_string(),
        e => error_text(locale, &e),
    };
    view! { <p class="card" role="alert" data-testid=testid>{text}</p> }.into_any()
}

/// A page that creates or edits a record: its title and heading, then the form once its data
/// has loaded.
pub(crate) fn form_page(title: String, page: Suspend<AnyView>) -> impl IntoView {
    view! {
        <Title text=title.clone()/>
        <section class="flex max-w-3xl flex-col gap-6">
            <h1 class="text-3xl font-bold">{title}</h1>
            <Suspense fallback=move || view! { <p>{tr!(common.loading)}</p> }>{page}</Suspense>
        </section>
    }
}

/// A record's page: the way back to its list, then the record once it has loaded.
pub(crate) fn detail_page(back: &'static str, label: String, page: Suspend<AnyView>) -> impl IntoView {
    view! {
        <nav aria-label=tr!(catalogue.breadcrumb) class="mb-4 text-sm">
            <a href=back class="link">{label}</a>
        </nav>
        <Suspense fallback=move || view! { <p>{tr!(common.loading)}</p> }>{page}</Suspense>
    }
}

/// The catalogue's sections.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Exercises,
    Complexes,
    Lists,
    Exchange,
}

/// Switches between the exercises and the complexes.
#[component]
pub fn CatalogueTabs(active: Tab, can_edit: bool) -> impl IntoView {
    let tab = move |tab: Tab, href: &'static str, label: String| {
        let current = tab == active;
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
        <nav aria-label=tr!(catalogue.sections) class="flex gap-1 overflow-x-auto border-b border-line">
            {tab(Tab::Exercises, "/catalogue", tr!(catalogue.exercises))}
            {tab(Tab::Complexes, "/catalogue/complexes", tr!(catalogue.complexes))}
            {can_edit.then(|| tab(Tab::Lists, "/catalogue/lists", tr!(lists.tab)))}
            {can_edit.then(|| tab(Tab::Exchange, "/catalogue/exchange", tr!(exchange.tab)))}
        </nav>
    }
}

// ----- The list -----

#[component]
pub fn CataloguePage() -> impl IntoView {
    let locale = crate::lang::current();
    let query = use_query_map().with_untracked(|q| CatalogueQuery {
        q: q.get("q").unwrap_or_default(),
        category: q.get("category").and_then(|c| c.parse().ok()).map(CategoryId),
        equipment: q.get("equipment").and_then(|e| e.parse().ok()).map(EquipmentId),
        status: Status::parse(&q.get("status").unwrap_or_default()),
        sort: Sort::parse(&q.get("sort").unwrap_or_default()),
    });
    let page = Suspend::new(async move {
        match catalogue(query.clone(), 0).await {
            Ok(view) => {
                let can_edit = view.can_edit;
                view! {
                    <div class="flex flex-wrap items-center justify-between gap-3">
                        <h1 class="text-3xl font-bold">{tr!(catalogue.title)}</h1>
                        {can_edit.then(|| view! {
                            <a href="/catalogue/new" class="btn-primary" data-testid="new-exercise">{tr!(catalogue.new_exercise)}</a>
                        })}
                    </div>
                    <CatalogueTabs active=Tab::Exercises can_edit/>
                    <CatalogueBrowser query view/>
                }
                .into_any()
            }
            Err(e) => view! {
                <h1 class="text-3xl font-bold">{tr!(catalogue.title)}</h1>
                {failure(locale, e)}
            }
            .into_any(),
        }
    });
    view! {
        <Title text=tr!(catalogue.title)/>
        <section class="flex flex-col gap-6">
            <Suspense fallback=move || view! { <p>{tr!(common.loading)}</p> }>{page}</Suspense>
        </section>
    }
}

/// Search, filters, sort and the list. Without WASM the filters are a plain GET form; once
/// hydrated, the list follows every keystroke and the address keeps the query, so a reload or a
/// shared link shows the same view.
#[island(lazy)]
fn CatalogueBrowser(query: CatalogueQuery, view: CatalogueView) -> impl IntoView {
    let locale = crate::lang::current();
    let toaster = use_toaster();
    let query = RwSignal::new(query);
    let view = RwSignal::new(view);
    // Responses can arrive out of order: only the latest request's answer is shown.
    let latest = StoredValue::new(0u64);
    // How many exercises to show: a page, and another each time the coach asks for more.
    let limit = StoredValue::new(crate::api::catalogue::PAGE);
    let load = move || {
        let asked = latest.get_value() + 1;
        latest.set_value(asked);
        let wanted = query.get_untracked();
        keep_in_address(&wanted);
        leptos::task::spawn_local(async move {
            let answer = catalogue(wanted, limit.get_value()).await;
            if latest.get_value() != asked {
                return;
            }
            match answer {
                Ok(fresh) => view.set(fresh),
                Err(e) => toaster.error(error_text(locale, &e)),
            }
        });
    };
    // A new query starts again from the first page.
    let refresh = move || {
        limit.set_value(crate::api::catalogue::PAGE);
        load();
    };
    let more = move |_| {
        limit.set_value(limit.get_value() + crate::api::catalogue::PAGE);
        load();
    };
    // Typing waits for a short pause before asking the server.
    let typed = move |text: String| {
        query.update(|q| q.q = text);
        let asked = latest.get_value();
        set_timeout(
            move || {
                if latest.get_value() == asked {
                    refresh();
                }
            },
            std::time::Duration::from_millis(150),
        );
    };
    let changed = move |apply: Box<dyn FnOnce(&mut CatalogueQuery)>| {
        query.update(|q| apply(q));
        refresh();
    };

    let categories = view.with_untracked(|v| v.categories.clone());
    let equipment = view.with_untracked(|v| v.equipment.clone());
    let initial = query.get_untracked();
    let options = |list: Vec<Choice>, selected: Option<i64>| {
        list.into_iter()
            .map(|c| view! { <option value=c.id.to_string() selected=Some(c.id) == selected>{c.name}</option> })
            .collect_view()
    };
    let count = move || {
        view.with(|v| td_string!(locale, catalogue.count, matching = v.matching, total = v.total).to_string())
    };
    let remaining = move || view.with(|v| v.matching.saturating_sub(v.items.len()));

    view! {
        <form
            method="get"
            action="/catalogue"
            role="search"
            class="card flex flex-col gap-4"
            on:submit=move |ev| {
                ev.prevent_default();
                refresh();
            }
        >
            <div class="flex flex-col gap-1">
                <label for="catalogue-search" class="text-sm font-medium">{tr!(catalogue.search)}</label>
                <input
                    id="catalogue-search"
                    name="q"
                    type="search"
                    maxlength=domain::catalogue::search::QUERY_MAX
                    autocomplete="off"
                    class="input"
                    placeholder=tr!(catalogue.search_hint)
                    value=initial.q.clone()
                    on:input=move |ev| typed(event_target_value(&ev))
                />
            </div>
            <div class="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
                <div class="flex flex-col gap-1">
                    <label for="catalogue-category" class="text-sm font-medium">{tr!(catalogue.category)}</label>
                    <select
                        id="catalogue-category"
                        name="category"
                        class="select"
                        on:change=move |ev| {
                            let id = event_target_value(&ev).parse().ok().map(CategoryId);
                            changed(Box::new(move |q| q.category = id));
                        }
                    >
                        <option value="">{tr!(catalogue.all_categories)}</option>
                        {options(categories, initial.category.map(|c| c.0))}
                    </select>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="catalogue-equipment" class="text-sm font-medium">{tr!(catalogue.equipment)}</label>
                    <select
                        id="catalogue-equipment"
                        name="equipment"
                        class="select"
                        on:change=move |ev| {
                            let id = event_target_value(&ev).parse().ok().map(EquipmentId);
                            changed(Box::new(move |q| q.equipment = id));
                        }
                    >
                        <option value="">{tr!(catalogue.all_equipment)}</option>
                        {options(equipment, initial.equipment.map(|e| e.0))}
                    </select>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="catalogue-status" class="text-sm font-medium">{tr!(catalogue.status)}</label>
                    <select
                        id="catalogue-status"
                        name="status"
                        class="select"
                        on:change=move |ev| {
                            let status = Status::parse(&event_target_value(&ev));
                            changed(Box::new(move |q| q.status = status));
                        }
                    >
                        <option value="active" selected=initial.status == Status::Active>{tr!(catalogue.status_active)}</option>
                        <option value="archived" selected=initial.status == Status::Archived>{tr!(catalogue.status_archived)}</option>
                        <option value="all" selected=initial.status == Status::All>{tr!(catalogue.status_all)}</option>
                    </select>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="catalogue-sort" class="text-sm font-medium">{tr!(catalogue.sort)}</label>
                    <select
                        id="catalogue-sort"
                        name="sort"
                        class="select"
                        on:change=move |ev| {
                            let sort = Sort::parse(&event_target_value(&ev));
                            changed(Box::new(move |q| q.sort = sort));
                        }
                    >
                        <option value="relevance" selected=initial.sort == Sort::Relevance>{tr!(catalogue.sort_relevance)}</option>
                        <option value="name" selected=initial.sort == Sort::Name>{tr!(catalogue.sort_name)}</option>
                        <option value="category" selected=initial.sort == Sort::Category>{tr!(catalogue.sort_category)}</option>
                    </select>
                </div>
            </div>
            <noscript>
                <button type="submit" class="btn-secondary self-start">{tr!(catalogue.apply)}</button>
            </noscript>
        </form>
        <p class="text-sm text-muted" role="status" aria-live="polite" data-testid="catalogue-count">{count}</p>
        <ul class="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="exercise-list">
            {move || view.with(|v| v.items.iter().cloned().map(exercise_card).collect_view())}
        </ul>
        {move || view.with(|v| v.items.is_empty()).then(|| view! {
            <p class="card text-muted" data-testid="catalogue-empty">{tr!(catalogue.empty)}</p>
        })}
        {move || (remaining() > 0).then(|| view! {
            <button type="button" class="btn-secondary self-center" on:click=more>
                {td_string!(locale, catalogue.more, count = remaining().min(crate::api::catalogue::PAGE)).to_string()}
            </button>
        })}
    }
}

fn exercise_card(item: ExerciseItem) -> impl IntoView {
    view! {
        <li>
            <a
                href=exercise_href(item.id)
                class="card flex h-full flex-col gap-1 transition hover:border-brand-500 focus-visible:border-brand-500"
                data-testid="exercise-item"
            >
                <span class="flex items-start justify-between gap-2">
                    <span class="font-semibold">{item.name.clone()}</span>
                    {item.short_name.clone().map(|s| view! { <span class="badge shrink-0">{s}</span> })}
                </span>
                {item.other_name.clone().map(|n| view! { <span class="text-sm text-muted">{n}</span> })}
                <span class="mt-1 flex flex-wrap gap-1 text-xs text-muted">
                    {item.category.clone().map(|c| view! { <span>{c}</span> })}
                    {item.equipment.clone().map(|e| view! { <span>" · " {e}</span> })}
                    {item.archived.then(|| view! { <span class="badge">{tr!(catalogue.archived)}</span> })}
                </span>
            </a>
        </li>
    }
}

/// Writes the query into the address bar without reloading, so reload and share keep the view.
fn keep_in_address(query: &CatalogueQuery) {
    #[cfg(feature = "hydrate")]
    {
        let search = query.to_query_string();
        let url = if search.is_empty() {
            "/catalogue".to_owned()
        } else {
            format!("/catalogue?{search}")
        };
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = query;
}

// ----- An exercise -----

fn id_param() -> Option<ExerciseId> {
    use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse().ok()).map(ExerciseId))
}

#[component]
pub fn ExercisePage() -> impl IntoView {
    let locale = crate::lang::current();
    let id = id_param();
    let page = Suspend::new(async move {
        let found = match id {
            Some(id) => exercise(id).await,
            None => Err(AppError::NotFound),
        };
        match found {
            Ok(detail) => view! { <ExerciseDetails detail/> }.into_any(),
            Err(e) => failure(locale, e),
        }
    });
    detail_page("/catalogue", tr!(catalogue.back), page)
}

#[component]
fn ExerciseDetails(detail: ExerciseDetail) -> impl IntoView {
    let locale = crate::lang::current();
    let (name, other) = crate::lang::name_pair(locale, &detail.name_fr, &detail.name_en);
    let row = |label: String, value: Option<String>| {
        view! {
            <div class="flex flex-col gap-0.5 sm:flex-row sm:gap-4">
                <dt class="w-40 shrink-0 text-sm text-muted">{label}</dt>
                <dd>{value.unwrap_or_else(|| "—".to_owned())}</dd>
            </div>
        }
    };
    let used_in = detail.used_in.clone();
    let deletable = used_in.is_empty();
    view! {
        <Title text=name.clone()/>
        <article class="flex flex-col gap-6">
            <header class="flex flex-wrap items-start justify-between gap-3">
                <div>
                    <h1 class="text-3xl font-bold" data-testid="exercise-name">{name.clone()}</h1>
                    {other.map(|o| view! { <p class="text-lg text-muted">{o}</p> })}
                    {detail.archived.then(|| view! { <span class="badge mt-2 inline-block" data-testid="archived-badge">{tr!(catalogue.archived)}</span> })}
                </div>
                {detail.can_edit.then(|| view! {
                    <div class="flex flex-wrap gap-2">
                        <a href=format!("{}/edit", exercise_href(detail.id)) class="btn-secondary">{tr!(catalogue.edit)}</a>
                        <RecordActions record=Record::Exercise(detail.id) version=detail.version archived=detail.archived deletable name=name.clone()/>
                    </div>
                })}
            </header>
            <dl class="card flex flex-col gap-3">
                {row(tr!(catalogue.name_fr), Some(detail.name_fr.clone()))}
                {row(tr!(catalogue.name_en), Some(detail.name_en.clone()))}
                {row(tr!(catalogue.short_name), detail.short_name.clone())}
                {row(tr!(catalogue.category), detail.category.clone().map(|c| c.name))}
                {row(tr!(catalogue.equipment), detail.equipment.clone().map(|e| e.name))}
            </dl>
            {detail.description.clone().map(|d| view! {
                <section class="card">
                    <h2 class="mb-2 text-lg font-semibold">{tr!(catalogue.description)}</h2>
                    <p class="whitespace-pre-line">{d}</p>
                </section>
            })}
            <MediaSection detail=detail.clone() name=name.clone()/>
            <section class="card">
                <h2 class="mb-2 text-lg font-semibold">{tr!(catalogue.used_in)}</h2>
                {if used_in.is_empty() {
                    view! { <p class="text-sm text-muted">{tr!(catalogue.unused)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="list-inside list-disc" data-testid="used-in">
                            {used_in.into_iter().map(|c| view! { <li>{c.name}</li> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>
        </article>
    }
}

/// The exercise's image and video: shown to everyone, uploaded and removed by coaches.
#[component]
fn MediaSection(detail: ExerciseDetail, name: String) -> impl IntoView {
    let link = detail.video_link.clone().map(|link| match link {
        VideoLink::Embed(src) => view! {
            <iframe
                src=src
                title=tr!(catalogue.video)
                class="aspect-video w-full rounded-lg"
                allow="encrypted-media; picture-in-picture; fullscreen"
                referrerpolicy="strict-origin-when-cross-origin"
            ></iframe>
        }
        .into_any(),
        VideoLink::File(src) => view! { <video src=src controls preload="metadata" class="w-full rounded-lg"></video> }.into_any(),
        VideoLink::Link(href) => view! {
            <a href=href.clone() class="link break-all" rel="noopener noreferrer" target="_blank">{href.clone()}</a>
        }
        .into_any(),
    });
    let has_media = detail.image.is_some() || detail.video.is_some() || link.is_some();
    if !has_media && !detail.can_edit {
        return ().into_any();
    }
    view! {
        <section class="card flex flex-col gap-4" data-testid="media">
            <h2 class="text-lg font-semibold">{tr!(catalogue.media)}</h2>
            <div class="grid grid-cols-1 gap-4 md:grid-cols-2">
                <figure class="flex flex-col gap-2">
                    {detail.image.clone().map(|src| view! {
                        <img src=src alt=name.clone() class="max-h-80 w-full rounded-lg object-contain" data-testid="exercise-image"/>
                    })}
                    {detail.can_edit.then(|| view! {
                        <MediaEditor id=detail.id place=Slot::Image present=detail.image.is_some()/>
                    })}
                </figure>
                <figure class="flex flex-col gap-2">
                    {detail.video.clone().map(|src| view! {
                        <video src=src controls preload="metadata" class="w-full rounded-lg" data-testid="exercise-video"></video>
                    })}
                    {(detail.video.is_none()).then_some(link)}
                    {detail.can_edit.then(|| view! {
                        <MediaEditor id=detail.id place=Slot::Video present=detail.video.is_some()/>
                    })}
                </figure>
            </div>
        </section>
    }
    .into_any()
}

/// Uploads or removes one media of an exercise (coaches). The file goes as the request's body;
/// the server reads its type from its content and answers problems as `AppError`s.
#[island(lazy)]
fn MediaEditor(id: ExerciseId, place: Slot, present: bool) -> impl IntoView {
    let slot = place;
    let locale = crate::lang::current();
    let input = NodeRef::<leptos::html::Input>::new();
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let url = format!("/media/exercises/{id}/{}", slot.as_str());
    let href = exercise_href(id);
    let run = move |method: &'static str| {
        let (url, href) = (url.clone(), href.clone());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let outcome = send_media(method, &url, input.get_untracked(), slot).await;
            busy.set(false);
            match outcome {
                Ok(()) => reload_to(&href),
                Err(e) => error.set(Some(match &e {
                    AppError::Invalid(fields) => {
                        fields.first().map(|f| field_text(locale, f)).unwrap_or_default()
                    }
                    other => error_text(locale, other),
                })),
            }
        });
    };
    let run_remove = run.clone();
    let (label, accept) = match slot {
        Slot::Image => (tr!(catalogue.image_file), "image/png,image/jpeg,image/webp"),
        Slot::Video => (tr!(catalogue.video_file), "video/mp4,video/webm"),
    };
    let input_id = format!("media-{}", slot.as_str());
    let error_id = format!("{input_id}-error");
    view! {
        <div class="flex flex-col gap-2">
            <label for=input_id.clone() class="text-sm font-medium">{label}</label>
            <input
                id=input_id
                node_ref=input
                type="file"
                accept=accept
                class="input text-sm"
                aria-describedby=error_id.clone()
                aria-invalid=move || error.with(Option::is_some).then_some("true")
            />
            <p id=error_id class="text-sm text-red-700 dark:text-red-400" role="alert">{move || error.get()}</p>
            <div class="flex flex-wrap gap-2">
                <button type="button" class="btn-secondary text-sm" disabled=move || busy.get() on:click=move |_| run("PUT")>
                    {tr!(catalogue.upload)}
                </button>
                {present.then(|| view! {
                    <button type="button" class="btn-ghost-danger text-sm" disabled=move || busy.get() on:click=move |_| run_remove("DELETE")>
                        {tr!(catalogue.remove_media)}
                    </button>
                })}
            </div>
        </div>
    }
}

/// Sends the chosen file (PUT) or removes the media (DELETE).
#[cfg(feature = "hydrate")]
async fn send_media(
    method: &str,
    url: &str,
    input: Option<web_sys::HtmlInputElement>,
    slot: Slot,
) -> Result<(), AppError> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let network = |_| {
        AppError::Transport(leptos::server_fn::error::ServerFnErrorErr::Request(
            "fetch".into(),
        ))
    };
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    if method == "PUT" {
        let file = input
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
            .ok_or_else(|| {
                AppError::Invalid(vec![domain::FieldError::new(
                    "file",
                    domain::FieldProblem::Required,
                )])
            })?;
        init.set_body(&file);
    }
    let request = web_sys::Request::new_with_str_and_init(url, &init).map_err(network)?;
    let response: web_sys::Response = JsFuture::from(window().fetch_with_request(&request))
        .await
        .map_err(network)?
        .dyn_into()
        .map_err(network)?;
    if response.ok() {
        return Ok(());
    }
    if response.status() == 413 {
        return Err(AppError::Invalid(vec![domain::FieldError::new(
            "file",
            domain::FieldProblem::FileTooLarge {
                max_mb: slot.max_bytes() / (1024 * 1024),
            },
        )]));
    }
    let text = JsFuture::from(response.text().map_err(network)?)
        .await
        .map_err(network)?
        .as_string()
        .unwrap_or_default();
    Err(leptos::serde_json::from_str(&text).unwrap_or(AppError::Unavailable))
}

#[cfg(not(feature = "hydrate"))]
async fn send_media(
    method: &str,
    url: &str,
    input: Option<leptos::web_sys::HtmlInputElement>,
    slot: Slot,
) -> Result<(), AppError> {
    let _ = (method, url, input, slot);
    Ok(())
}

/// A catalogue record that can be archived, restored and deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Record {
    Exercise(ExerciseId),
    Complex(ComplexId),
}

impl Record {
    fn href(self) -> String {
        match self {
            Record::Exercise(id) => exercise_href(id),
            Record::Complex(id) => super::complexes::complex_href(id),
        }
    }

    fn list(self) -> &'static str {
        match self {
            Record::Exercise(_) => "/catalogue",
            Record::Complex(_) => "/catalogue/complexes",
        }
    }
}

/// Archive or restore a record; delete it when nothing uses it (after confirmation).
#[island(lazy)]
pub fn RecordActions(
    record: Record,
    version: i64,
    archived: bool,
    deletable: bool,
    name: String,
) -> impl IntoView {
    let locale = crate::lang::current();
    let toaster = use_toaster();
    let archive = Action::new(move |archived: &bool| {
        let archived = *archived;
        async move {
            match record {
                Record::Exercise(id) => archive_exercise(id, version, archived).await,
                Record::Complex(id) => archive_complex(id, version, archived).await,
            }
        }
    });
    let delete = Action::new(move |_: &()| async move {
        match record {
            Record::Exercise(id) => delete_exercise(id, version).await,
            Record::Complex(id) => delete_complex(id, version).await,
        }
    });
    Effect::new(move |_| match archive.value().get() {
        Some(Ok(())) => reload_to(&record.href()),
        Some(Err(e)) => toaster.error(error_text(locale, &e)),
        None => {}
    });
    Effect::new(move |_| match delete.value().get() {
        Some(Ok(())) => reload_to(record.list()),
        Some(Err(e)) => toaster.error(error_text(locale, &e)),
        None => {}
    });
    let label = if archived {
        tr!(catalogue.restore)
    } else {
        tr!(catalogue.archive)
    };
    let question = tr!(catalogue.delete_confirm, name = name.clone());
    view! {
        <button
            type="button"
            class="btn-secondary"
            disabled=move || archive.pending().get()
            on:click=move |_| {
                archive.dispatch(!archived);
            }
        >
            {label}
        </button>
        {deletable.then(|| view! {
            <button
                type="button"
                class="btn-danger"
                disabled=move || delete.pending().get()
                on:click=move |_| {
                    if confirm(&question) {
                        delete.dispatch(());
                    }
                }
            >
                {tr!(catalogue.delete)}
            </button>
        })}
    }
}

// ----- The form -----

#[component]
pub fn NewExercisePage() -> impl IntoView {
    let locale = crate::lang::current();
    let page = Suspend::new(async move {
        match catalogue_choices().await {
            Ok(choices) => view! { <ExerciseForm choices existing=None/> }.into_any(),
            Err(e) => failure(locale, e),
        }
    });
    form_page(tr!(catalogue.new_title), page)
}

#[component]
pub fn EditExercisePage() -> impl IntoView {
    let locale = crate::lang::current();
    let id = id_param();
    let page = Suspend::new(async move {
        let loaded = match id {
            Some(id) => match exercise(id).await {
                Ok(detail) if !detail.can_edit => Err(AppError::Forbidden),
                Ok(detail) => catalogue_choices().await.map(|choices| (choices, detail)),
                Err(e) => Err(e),
            },
            None => Err(AppError::NotFound),
        };
        match loaded {
            Ok((choices, detail)) => view! { <ExerciseForm choices existing=Some(detail)/> }.into_any(),
            Err(e) => failure(locale, e),
        }
    });
    form_page(tr!(catalogue.edit_title), page)
}

/// Creates an exercise, or edits `existing` (with the version it was read at, so a concurrent
/// change is refused rather than overwritten). Each problem shows next to its field.
#[island(lazy)]
fn ExerciseForm(choices: ExerciseChoices, existing: Option<ExerciseDetail>) -> impl IntoView {
    let create = ServerAction::<CreateExercise>::new();
    let update = ServerAction::<UpdateExercise>::new();
    let create_error = last_error(create.value());
    let update_error = last_error(update.value());
    let error = Signal::derive(move || create_error.get().or_else(|| update_error.get()));
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
            reload_to(&exercise_href(id));
        }
    });
    let fields = view! { <ExerciseFields choices existing=existing.clone() errors=error/> };
    let cancel = existing
        .as_ref()
        .map_or_else(|| "/catalogue".to_owned(), |e| exercise_href(e.id));
    let buttons = move |pending: Signal<bool>| {
        view! {
            <div class="flex flex-wrap items-center gap-3">
                <SubmitButton label=tr!(catalogue.save) pending/>
                <a href=cancel.clone() class="btn-secondary">{tr!(catalogue.cancel)}</a>
            </div>
        }
    };
    match existing {
        Some(e) => view! {
            <ActionForm action=update attr:class="card flex flex-col gap-4" attr:novalidate="">
                <input type="hidden" name="id" value=e.id.0.to_string()/>
                <input type="hidden" name="version" value=e.version.to_string()/>
                {fields}
                <FormAlert errors=error/>
                {buttons(update.pending().into())}
            </ActionForm>
        }
        .into_any(),
        None => view! {
            <ActionForm action=create attr:class="card flex flex-col gap-4" attr:novalidate="">
                {fields}
                <FormAlert errors=error/>
                {buttons(create.pending().into())}
            </ActionForm>
        }
        .into_any(),
    }
}

#[component]
fn ExerciseFields(
    choices: ExerciseChoices,
    existing: Option<ExerciseDetail>,
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let locale = crate::lang::current();
    let e = existing.clone();
    let value = move |f: fn(&ExerciseDetail) -> Option<String>| e.as_ref().and_then(f).unwrap_or_default();
    let select = move |name: &'static str, label: String, list: Vec<Choice>, selected: Option<i64>| {
        let id = format!("field-{name}");
        let error = field_error(locale, errors, name);
        view! {
            <div class="flex flex-col gap-1">
                <label for=id.clone() class="text-sm font-medium">{label}</label>
                <select id=id name=name class="select">
                    <option value="">"—"</option>
                    {list
                        .into_iter()
                        .map(|c| view! { <option value=c.id.to_string() selected=Some(c.id) == selected>{c.name}</option> })
                        .collect_view()}
                </select>
                <p class="text-sm text-red-700 dark:text-red-400" role="alert">{move || error.get()}</p>
            </div>
        }
    };
    let description_error = field_error(locale, errors, "description");
    view! {
        <div class="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <TextField name="name_fr" label=tr!(catalogue.name_fr) errors value=value(|e| Some(e.name_fr.clone()))/>
            <TextField name="name_en" label=tr!(catalogue.name_en) errors value=value(|e| Some(e.name_en.clone()))/>
        </div>
        <TextField
            name="short_name"
            label=tr!(catalogue.short_name)
            hint=tr!(catalogue.short_name_hint)
            errors
            value=value(|e| e.short_name.clone())
        />
        <div class="grid grid-cols-1 gap-4 sm:grid-cols-2">
            {select("category", tr!(catalogue.category), choices.categories, existing.as_ref().and_then(|e| e.category.as_ref().map(|c| c.id)))}
            {select("equipment", tr!(catalogue.equipment), choices.equipment, existing.as_ref().and_then(|e| e.equipment.as_ref().map(|c| c.id)))}
        </div>
        <div class="flex flex-col gap-1">
            <label for="field-description" class="text-sm font-medium">{tr!(catalogue.description)}</label>
            <textarea id="field-description" name="description" rows="5" class="input">
                {value(|e| e.description.clone())}
            </textarea>
            <p class="text-sm text-red-700 dark:text-red-400" role="alert">{move || description_error.get()}</p>
        </div>
        <TextField
            name="video_url"
            kind="url"
            label=tr!(catalogue.video_url)
            hint=tr!(catalogue.video_url_hint)
            errors
            value=value(|e| e.video_url.clone())
        />
    }
}
