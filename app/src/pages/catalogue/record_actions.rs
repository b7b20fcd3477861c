//! Archive, restore and delete a catalogue record (an exercise or a complex).

use super::exercise_href;
use crate::api::catalogue::{ArchiveComplex, ArchiveExercise, DeleteComplex, DeleteExercise};
use crate::components::call::{Call, on_success, post_action};
use crate::components::{confirm, reload_to};
use domain::{ComplexId, ExerciseId};
use leptos::prelude::*;

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
#[island(lazy = catalogue)]
pub fn RecordActions(
    record: Record,
    version: i64,
    archived: bool,
    deletable: bool,
    name: String,
) -> impl IntoView {
    let archive = post_action();
    let delete = post_action();
    let archive_call = move |archived: bool| match record {
        Record::Exercise(id) => Call::new(&ArchiveExercise {
            id,
            version,
            archived,
        }),
        Record::Complex(id) => Call::new(&ArchiveComplex {
            id,
            version,
            archived,
        }),
    };
    let delete_call = match record {
        Record::Exercise(id) => Call::new(&DeleteExercise { id, version }),
        Record::Complex(id) => Call::new(&DeleteComplex { id, version }),
    };
    on_success(archive, move || reload_to(&record.href()));
    on_success(delete, move || reload_to(record.list()));
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
                archive.dispatch(archive_call(!archived));
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
                        delete.dispatch(delete_call.clone());
                    }
                }
            >
                {tr!(catalogue.delete)}
            </button>
        })}
    }
}
