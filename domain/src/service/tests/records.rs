//! What is recorded of an athlete: maxes (who may record which kind), weighings and levels.

use super::athletes::Team;
use super::{t0, today};
use crate::competition::CompetitorLevel;
use crate::competition::Weighing;
use crate::ids::{AthleteId, ExerciseId};
use crate::maxes::Max;
use crate::maxes::MaxKind;
use crate::membership::Member;
use crate::ports::{CompetitionStore, MaxStore, RecordedMax};
use crate::service::ClubError;
use crate::service::athletes as service;
use crate::weight::Kg;
use crate::{FieldError, FieldProblem};

fn day(raw: &str) -> chrono::NaiveDate {
    raw.parse().expect("a day")
}

fn max(exercise: ExerciseId, weight: &str, kind: MaxKind) -> Max<ExerciseId> {
    Max {
        exercise,
        weight: Kg::parse("weight", weight).expect("a weight"),
        date: day("2026-10-12"),
        kind,
    }
}

fn weighing(date: &str, weight: &str) -> Weighing {
    Weighing {
        date: day(date),
        weight: Kg::parse("bodyweight", weight).expect("a weight"),
    }
}

fn invalid(field: &str, problem: FieldProblem) -> ClubError {
    ClubError::Invalid(vec![FieldError::new(field, problem)])
}

impl Team {
    async fn snatch(&self) -> ExerciseId {
        self.club.exercise("Arraché").await.id
    }

    async fn record(
        &self,
        by: &Member,
        athlete: AthleteId,
        input: &Max<ExerciseId>,
    ) -> Result<RecordedMax, ClubError> {
        service::record_max(&self.club.store, by, athlete, input, t0())
            .await
            .map(|(saved, _)| saved)
    }

    /// Changes a max, as `by` saw it, to `input`.
    async fn update(
        &self,
        by: &Member,
        seen: &RecordedMax,
        input: &Max<ExerciseId>,
    ) -> Result<RecordedMax, ClubError> {
        service::update_max(&self.club.store, by, seen.id, input, seen.version).await
    }

    /// Deletes a max, as `by` saw it.
    async fn delete(&self, by: &Member, seen: &RecordedMax) -> Result<(), ClubError> {
        service::delete_max(&self.club.store, by, seen.id, seen.version).await
    }

    /// Asserts that `by` may neither change `seen` to `input` nor delete it: both answer
    /// `refusal`.
    async fn assert_unchangeable(
        &self,
        by: &Member,
        seen: &RecordedMax,
        input: &Max<ExerciseId>,
        refusal: ClubError,
    ) {
        assert_eq!(
            self.update(by, seen, input).await,
            Err(refusal.clone()),
            "changing"
        );
        assert_eq!(self.delete(by, seen).await, Err(refusal), "deleting");
    }
}

#[tokio::test]
async fn a_coach_records_every_kind_of_max_and_hears_of_personal_records() {
    let team = Team::new().await;
    let snatch = team.snatch().await;
    let store = &team.club.store;
    let coach = &team.club.coach;
    let is_record = async |input| {
        let (_, record) = service::record_max(store, coach, team.teammate.id, &input, t0())
            .await
            .expect("recorded");
        record
    };
    assert!(
        is_record(max(snatch, "70", MaxKind::Tested)).await,
        "a first max is a record"
    );
    assert!(!is_record(max(snatch, "65", MaxKind::Training)).await);
    for kind in MaxKind::ALL {
        team.record(coach, team.mine.id, &max(snatch, "60", kind))
            .await
            .expect("a coach records every kind");
    }
}

#[tokio::test]
async fn an_athlete_records_their_own_training_maxes_only_where_the_club_allows_it() {
    let team = Team::new().await;
    let snatch = team.snatch().await;
    let me = &team.club.athlete;
    let (store, cache) = (&team.club.store, &team.cache);
    let training = max(snatch, "60", MaxKind::Training);
    assert_eq!(
        team.record(me, team.mine.id, &training).await,
        Err(ClubError::Forbidden),
        "not by default"
    );
    let file = service::athlete_file(store, cache, me, team.mine.id)
        .await
        .expect("read");
    assert!(!file.may_record_training);

    team.let_athletes_record_maxes(true).await;
    team.record(me, team.mine.id, &training)
        .await
        .expect("their own training max");
    let file = service::athlete_file(store, cache, me, team.mine.id)
        .await
        .expect("read");
    assert!(file.may_record_training);
    for kind in [MaxKind::Tested, MaxKind::Competition, MaxKind::Estimated] {
        assert_eq!(
            team.record(me, team.mine.id, &max(snatch, "60", kind)).await,
            Err(ClubError::Forbidden),
            "{kind:?} is the coach's to record"
        );
    }
    assert_eq!(
        team.record(me, team.teammate.id, &training).await,
        Err(ClubError::Forbidden),
        "another athlete's"
    );
}

#[tokio::test]
async fn an_athlete_never_turns_a_training_max_into_a_tested_one_nor_touches_a_coachs() {
    let team = Team::new().await;
    team.let_athletes_record_maxes(true).await;
    let snatch = team.snatch().await;
    let store = &team.club.store;
    let me = &team.club.athlete;
    let mine = team
        .record(me, team.mine.id, &max(snatch, "60", MaxKind::Training))
        .await
        .expect("recorded");
    assert_eq!(
        team.update(me, &mine, &max(snatch, "60", MaxKind::Tested)).await,
        Err(ClubError::Forbidden)
    );
    let corrected = team
        .update(me, &mine, &max(snatch, "62.5", MaxKind::Training))
        .await
        .expect("corrected");
    assert_eq!(corrected.version, mine.version + 1);

    let tested = team
        .record(
            &team.club.coach,
            team.mine.id,
            &max(snatch, "65", MaxKind::Tested),
        )
        .await
        .expect("recorded by the coach");
    let training = max(snatch, "66", MaxKind::Training);
    team.assert_unchangeable(me, &tested, &training, ClubError::Forbidden)
        .await;
    team.delete(me, &corrected).await.expect("their own training max");
    let left = store.maxes(team.club.id, team.mine.id).await.expect("read");
    assert_eq!(left, [tested]);
}

#[tokio::test]
async fn a_max_changed_meanwhile_is_a_conflict_and_another_clubs_is_not_found() {
    let team = Team::new().await;
    let snatch = team.snatch().await;
    let coach = &team.club.coach;
    let seen = team
        .record(coach, team.mine.id, &max(snatch, "70", MaxKind::Tested))
        .await
        .expect("recorded");
    let changed = team
        .update(coach, &seen, &max(snatch, "72", MaxKind::Tested))
        .await
        .expect("a first change");
    assert_eq!(changed.version, seen.version + 1);
    team.assert_unchangeable(
        coach,
        &seen,
        &max(snatch, "75", MaxKind::Tested),
        ClubError::Conflict,
    )
    .await;
    let stranger = &team.club.stranger;
    let theirs = team.club.foreign_exercise("Arraché").await.id;
    team.assert_unchangeable(
        stranger,
        &changed,
        &max(theirs, "1", MaxKind::Tested),
        ClubError::NotFound,
    )
    .await;
    assert_eq!(
        team.record(stranger, team.mine.id, &max(theirs, "1", MaxKind::Tested))
            .await,
        Err(ClubError::NotFound)
    );
}

#[tokio::test]
async fn a_max_of_another_clubs_exercise_is_refused_next_to_the_exercise() {
    let team = Team::new().await;
    let theirs = team.club.foreign_exercise("Arraché").await.id;
    let coach = &team.club.coach;
    assert_eq!(
        team.record(coach, team.mine.id, &max(theirs, "70", MaxKind::Tested))
            .await,
        Err(invalid("exercise", FieldProblem::InvalidChoice))
    );
    let seen = team
        .record(
            coach,
            team.mine.id,
            &max(team.snatch().await, "70", MaxKind::Tested),
        )
        .await
        .expect("recorded");
    assert_eq!(
        team.update(coach, &seen, &max(theirs, "70", MaxKind::Tested))
            .await,
        Err(invalid("exercise", FieldProblem::InvalidChoice))
    );
}

#[tokio::test]
async fn only_coaches_weigh_athletes_and_a_second_weighing_that_day_replaces_the_first() {
    let team = Team::new().await;
    let (club, store) = (&team.club, &team.club.store);
    let id = team.mine.id;
    assert_eq!(
        service::record_weighing(store, &club.athlete, id, weighing("2026-10-01", "63.4")).await,
        Err(ClubError::Forbidden),
        "not even their own"
    );
    service::record_weighing(store, &club.coach, id, weighing("2026-10-01", "63.4"))
        .await
        .expect("weighed");
    service::record_weighing(store, &club.coach, id, weighing("2026-10-01", "63.2"))
        .await
        .expect("weighed again");
    let weighings = store.weighings(club.id, id).await.expect("read");
    assert_eq!(weighings.len(), 1);
    assert_eq!(weighings[0].weight, Kg::from_grams(63_200));
    assert_eq!(
        service::record_weighing(store, &club.stranger, id, weighing("2026-10-02", "63")).await,
        Err(ClubError::NotFound)
    );
    let day = chrono::NaiveDate::from_ymd_opt(2026, 9, 1).expect("a day");
    assert_eq!(
        service::delete_weighing(store, &club.coach, id, day).await,
        Err(ClubError::NotFound),
        "no weighing that day"
    );
    assert_eq!(
        service::delete_weighing(store, &club.athlete, id, day).await,
        Err(ClubError::Forbidden)
    );
}

#[tokio::test]
async fn a_new_level_starts_after_the_current_one() {
    let team = Team::new().await;
    let (club, store) = (&team.club, &team.club.store);
    let id = team.mine.id;
    let record_level =
        async |by: &Member, level, start: &str| service::record_level(store, by, id, level, day(start)).await;
    assert_eq!(
        record_level(&club.athlete, CompetitorLevel::Elite, "2026-06-01").await,
        Err(ClubError::Forbidden)
    );
    record_level(&club.coach, CompetitorLevel::Regional, "2025-09-01")
        .await
        .expect("recorded");
    record_level(&club.coach, CompetitorLevel::National, "2026-06-01")
        .await
        .expect("recorded");
    assert_eq!(
        record_level(&club.coach, CompetitorLevel::Elite, "2026-06-01").await,
        Err(invalid("start", FieldProblem::InvalidDate))
    );
    assert_eq!(
        record_level(&club.stranger, CompetitorLevel::Elite, "2026-07-01").await,
        Err(ClubError::NotFound)
    );
    let levels = store.levels(club.id, id).await.expect("read");
    let current: Vec<_> = levels
        .iter()
        .filter(|l| l.end.is_none())
        .map(|l| l.level)
        .collect();
    assert_eq!(current, [CompetitorLevel::National]);
}

#[tokio::test]
async fn the_page_lists_each_lift_newest_first_with_its_records_and_the_max_in_force() {
    let team = Team::new().await;
    let (store, coach, cache) = (&team.club.store, &team.club.coach, &team.cache);
    let snatch = team.snatch().await;
    let clean_and_jerk = team.club.exercise("Épaulé-jeté").await.id;
    let squat = team.club.exercise("Squat nuque").await.id;
    let at = |exercise, weight: &str, date: &str| Max {
        date: day(date),
        ..max(exercise, weight, MaxKind::Tested)
    };
    for input in [
        at(squat, "120", "2026-09-01"),
        at(snatch, "70", "2026-09-01"),
        at(snatch, "68", "2026-09-15"),
        at(snatch, "75", "2026-10-01"),
        at(clean_and_jerk, "90", "2026-10-01"),
    ] {
        service::record_max(store, coach, team.teammate.id, &input, t0())
            .await
            .expect("recorded");
    }
    let file = service::athlete_file(store, cache, coach, team.teammate.id)
        .await
        .expect("the file");
    let lifts = file.lift_histories(today(), |id| format!("exercise {}", id.0));
    let order: Vec<_> = lifts.iter().map(|l| l.exercise).collect();
    assert_eq!(order, [snatch, clean_and_jerk, squat], "the main lifts first");
    let snatches = &lifts[0];
    assert_eq!(
        snatches.current,
        Some(Kg::whole(75)),
        "the latest tested max is in force"
    );
    let seen: Vec<(Kg, bool)> = snatches.entries.iter().map(|e| (e.weight, e.record)).collect();
    assert_eq!(
        seen,
        [
            (Kg::whole(75), true),
            (Kg::whole(68), false),
            (Kg::whole(70), true)
        ],
        "newest first; 68 after 70 was no record"
    );
    let summary = file.summary(today()).expect("a summary");
    assert_eq!(summary.athlete.id, team.teammate.id);
    assert_eq!(summary.total, Some(Kg::whole(165)), "75 + 90");
}
