//! A club's catalogue as a file: exported by coaches, imported whole or not at all.

use super::catalogue::{create, invalid};
use super::{Club, t0};
use crate::FieldProblem;
use crate::catalogue::exchange::Format;
use crate::ports::{ExerciseStore, InPlace};
use crate::service::ClubError;
use crate::service::catalogue as service;

#[tokio::test]
async fn an_export_imported_into_another_club_adds_what_it_lacks() {
    let club = Club::new().await;
    let store = &club.store;
    create(&club, &club.coach, "Arraché élastiques", "Banded snatch").await;
    let file = service::export_catalogue(store, &club.coach, Format::Json)
        .await
        .expect("exported");
    let counts = service::import_catalogue(store, &InPlace, &club.stranger, Format::Json, file, t0())
        .await
        .expect("imported");
    assert_eq!(counts.created, 1, "only the new exercise");
    club.foreign_exercise("Arraché élastiques").await;
}

#[tokio::test]
async fn a_file_with_a_problem_is_rejected_whole() {
    let club = Club::new().await;
    let store = &club.store;
    let before = store.exercises(club.id).await.expect("read");
    let file = r#"{"exercises": [
        {"key": "new", "fr": "Nouveau", "en": "New"},
        {"key": "bad", "fr": "", "en": ""}
    ]}"#;
    let refused =
        service::import_catalogue(store, &InPlace, &club.coach, Format::Json, file.into(), t0()).await;
    assert!(
        matches!(&refused, Err(ClubError::ImportRejected(report)) if report.total == 1),
        "{refused:?}"
    );
    assert_eq!(
        store.exercises(club.id).await.expect("read"),
        before,
        "nothing was written"
    );
    let huge = " ".repeat(service::IMPORT_MAX_BYTES + 1);
    assert_eq!(
        service::import_catalogue(store, &InPlace, &club.coach, Format::Csv, huge, t0()).await,
        Err(invalid(
            "file",
            FieldProblem::TooLong {
                max: service::IMPORT_MAX_BYTES
            }
        ))
    );
}
