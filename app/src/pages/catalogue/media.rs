//! An exercise's image and video: shown to everyone, uploaded and removed by coaches.

use super::exercise_href;
use crate::components::{error_text, field_text, reload_to};
use crate::error::AppError;
use crate::model::ExerciseDetail;
use domain::ExerciseId;
use domain::media::{Slot, VideoLink};
use leptos::prelude::*;

/// The exercise's image and video: shown to everyone, uploaded and removed by coaches.
#[component]
pub(super) fn MediaSection(detail: ExerciseDetail, name: String) -> impl IntoView {
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
#[island(lazy = catalogue)]
pub(super) fn MediaEditor(id: ExerciseId, place: Slot, present: bool) -> impl IntoView {
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
