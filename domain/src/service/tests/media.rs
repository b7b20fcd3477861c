//! Exercises' images and videos: who may upload them, what is accepted, what is kept.

use super::Club;
use super::catalogue::{create, invalid};
use crate::FieldProblem;
use crate::media::{MediaType, Slot, Staged, media_key};
use crate::ports::ExerciseStore;
use crate::service::ClubError;
use crate::service::catalogue as service;
use crate::testing::MemoryMedia;

/// An upload of `len` bytes whose first bytes say it is a PNG image.
fn png(id: &str) -> Staged {
    Staged {
        id: id.to_owned(),
        head: vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A],
        len: 2_000,
    }
}

/// An upload whose first bytes say it is an MP4 video.
fn mp4(id: &str) -> Staged {
    Staged {
        id: id.to_owned(),
        head: vec![0, 0, 0, 0x20, b'f', b't', b'y', b'p', b'i', b's', b'o', b'm'],
        len: 2_000,
    }
}

#[tokio::test]
async fn an_unused_exercise_is_deleted_with_its_media() {
    let club = Club::new().await;
    let store = &club.store;
    let media = MemoryMedia::default();
    let banded = create(&club, &club.coach, "Arraché élastiques", "Banded snatch").await;
    let key = service::set_exercise_media(
        store,
        &media,
        &club.coach,
        banded.id,
        Slot::Image,
        &png("up1"),
        "u1",
    )
    .await
    .expect("kept");
    assert_eq!(media.files(), [key]);
    let current = store
        .exercise(club.id, banded.id)
        .await
        .expect("read")
        .expect("found");
    assert_eq!(current.version, banded.version, "a media change is not an edit");
    service::delete_exercise_and_media(store, &media, &club.coach, banded.id, current.version)
        .await
        .expect("deleted");
    assert_eq!(store.exercise(club.id, banded.id).await, Ok(None));
    assert!(media.files().is_empty(), "its file went with it");
}

#[tokio::test]
async fn an_upload_of_the_wrong_type_is_refused_and_discarded() {
    let club = Club::new().await;
    let media = MemoryMedia::default();
    let snatch = club.exercise("Arraché").await;
    let refused = service::set_exercise_media(
        &club.store,
        &media,
        &club.coach,
        snatch.id,
        Slot::Image,
        &mp4("up1"),
        "u1",
    )
    .await;
    assert_eq!(refused, Err(invalid("file", FieldProblem::UnsupportedFile)));
    let visitor = service::set_exercise_media(
        &club.store,
        &media,
        &club.athlete,
        snatch.id,
        Slot::Image,
        &png("up2"),
        "u2",
    )
    .await;
    assert_eq!(visitor, Err(ClubError::Forbidden));
    assert!(media.files().is_empty());
    assert_eq!(media.discarded(), ["up1", "up2"]);
}

#[tokio::test]
async fn a_new_image_replaces_and_removes_the_previous_one() {
    let club = Club::new().await;
    let store = &club.store;
    let media = MemoryMedia::default();
    let snatch = club.exercise("Arraché").await;
    let first = service::set_exercise_media(
        store,
        &media,
        &club.coach,
        snatch.id,
        Slot::Image,
        &png("up1"),
        "u1",
    )
    .await
    .expect("kept");
    let second = service::set_exercise_media(
        store,
        &media,
        &club.coach,
        snatch.id,
        Slot::Image,
        &png("up2"),
        "u2",
    )
    .await
    .expect("kept");
    assert_ne!(first, second);
    assert_eq!(media.files(), std::slice::from_ref(&second));
    let stored = store
        .exercise(club.id, snatch.id)
        .await
        .expect("read")
        .expect("found");
    assert_eq!(stored.image, Some(second));
    service::remove_exercise_media(store, &media, &club.coach, snatch.id, Slot::Image)
        .await
        .expect("removed");
    assert!(media.files().is_empty());
}

#[tokio::test]
async fn a_media_file_is_read_in_its_own_club_only() {
    let club = Club::new().await;
    let snatch = club.exercise("Arraché").await;
    let ours = media_key(club.id, snatch.id, Slot::Image, "u1", MediaType::Png);
    assert!(service::media_access(&club.athlete, &ours).is_ok());
    assert_eq!(
        service::media_access(&club.stranger, &ours),
        Err(ClubError::NotFound)
    );
    assert_eq!(
        service::media_access(&club.athlete, "../etc/passwd"),
        Err(ClubError::NotFound)
    );
}
