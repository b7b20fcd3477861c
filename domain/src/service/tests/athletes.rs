//! Athlete profiles, groups, training settings and imports: coaches manage them, an athlete
//! reads their own profile, admins set the club's training settings.

use super::{Club, t0, today};
use crate::athlete::{Athlete, AthleteDraft, AthleteInput};
use crate::catalogue::cache::CatalogueCache;
use crate::ids::ExerciseId;
use crate::membership::Member;
use crate::ports::{AthleteStore, GroupStore, InPlace};
use crate::ratios::{Factor, Ratio};
use crate::service::ClubError;
use crate::service::athletes::{self as service, SettingsFailure};
use crate::settings::TrainingSettings;
use crate::testing::MemoryStore;
use crate::{FieldError, FieldProblem};

/// A club with two athlete profiles: `mine`, linked to the club's athlete member, and
/// `teammate`, a profile without an account.
pub(super) struct Team {
    pub(super) club: Club,
    pub(super) mine: Athlete,
    pub(super) teammate: Athlete,
    pub(super) cache: CatalogueCache,
}

/// A valid profile of that name, as the athlete form gives it.
pub(super) fn athlete_draft(first: &str, last: &str) -> AthleteDraft {
    let input = AthleteInput {
        first_name: first.to_owned(),
        last_name: last.to_owned(),
        birth_date: "2008-03-14".to_owned(),
        sex: "women".to_owned(),
        ..AthleteInput::default()
    };
    AthleteDraft::parse(&input, today()).expect("a valid profile")
}

/// `by` links `athlete`, as they saw it, to `member`'s account (or unlinks it).
async fn link(
    store: &MemoryStore,
    by: &Member,
    athlete: &Athlete,
    member: Option<&Member>,
) -> Result<Athlete, ClubError> {
    service::link_account(store, by, athlete.id, member.map(|m| m.id), athlete.version, t0()).await
}

/// Asserts that `by` may neither change `seen` to `draft` nor archive it: both answer
/// `refusal`.
async fn assert_profile_unchangeable(
    store: &MemoryStore,
    by: &Member,
    seen: &Athlete,
    draft: &AthleteDraft,
    refusal: ClubError,
) {
    assert_eq!(
        service::update_athlete(store, by, seen.id, draft, seen.version, t0()).await,
        Err(refusal.clone()),
        "changing"
    );
    assert_eq!(
        service::set_athlete_archived(store, by, seen.id, true, seen.version, t0()).await,
        Err(refusal),
        "archiving"
    );
}

impl Team {
    pub(super) async fn new() -> Team {
        let club = Club::new().await;
        let teammate =
            service::create_athlete(&club.store, &club.coach, &athlete_draft("Zoé", "Martin"), t0())
                .await
                .expect("a profile");
        let mine = service::create_athlete(&club.store, &club.coach, &athlete_draft("Léa", "Petit"), t0())
            .await
            .expect("a profile");
        let mine = link(&club.store, &club.coach, &mine, Some(&club.athlete))
            .await
            .expect("linked to the athlete's account");
        Team {
            club,
            mine,
            teammate,
            cache: CatalogueCache::default(),
        }
    }

    /// The club's training settings and their version, as `by` reads them.
    async fn settings(&self, by: &Member) -> (TrainingSettings<ExerciseId>, Option<i64>) {
        service::training_settings(&self.club.store, &self.cache, by)
            .await
            .expect("the settings read")
    }

    /// The club's settings as an admin sees them, with athletes allowed to record their own
    /// training maxes (or not), saved.
    pub(super) async fn let_athletes_record_maxes(&self, allowed: bool) {
        let (mut settings, version) = self.settings(&self.club.admin).await;
        settings.athletes_record_maxes = allowed;
        service::save_training_settings(&self.club.store, &self.club.admin, &settings, version, t0())
            .await
            .expect("saved");
    }
}

#[tokio::test]
async fn coaches_read_every_athlete_and_an_athlete_only_their_own() {
    let team = Team::new().await;
    let (club, store, cache) = (&team.club, &team.club.store, &team.cache);
    let coaching = service::athlete_file(store, cache, &club.coach, team.teammate.id)
        .await
        .expect("a coach reads any profile");
    assert!(coaching.coaching);
    assert_eq!(coaching.linkable.len(), 3, "the members without a profile");

    let own = service::athlete_file(store, cache, &club.athlete, team.mine.id)
        .await
        .expect("an athlete reads their own");
    assert!(!own.coaching);
    assert_eq!(
        (own.account, own.linkable),
        (None, Vec::new()),
        "no view of the members"
    );
    assert_eq!(
        service::athlete_file(store, cache, &club.athlete, team.teammate.id)
            .await
            .err(),
        Some(ClubError::Forbidden)
    );
    assert_eq!(
        service::athlete_file(store, cache, &club.stranger, team.mine.id)
            .await
            .err(),
        Some(ClubError::NotFound)
    );
}

#[tokio::test]
async fn an_athlete_finds_the_profile_linked_to_their_account() {
    let team = Team::new().await;
    let store = &team.club.store;
    assert_eq!(
        service::own_profile(store, &team.club.athlete).await,
        Ok(Some(team.mine.clone()))
    );
    assert_eq!(service::own_profile(store, &team.club.coach).await, Ok(None));
}

#[tokio::test]
async fn only_coaches_see_the_roster_and_the_groups() {
    let team = Team::new().await;
    let (club, store, cache) = (&team.club, &team.club.store, &team.cache);
    assert_eq!(
        service::roster(store, cache, &club.athlete, today()).await.err(),
        Some(ClubError::Forbidden)
    );
    assert_eq!(
        service::groups(store, &club.athlete).await,
        Err(ClubError::Forbidden)
    );
    let (rows, _) = service::roster(store, cache, &club.coach, today())
        .await
        .expect("the roster");
    let names: Vec<String> = rows.iter().map(|r| r.athlete.full_name()).collect();
    assert_eq!(names, ["Zoé Martin", "Léa Petit"], "this club's, by last name");
}

#[tokio::test]
async fn only_coaches_create_and_change_profiles() {
    let team = Team::new().await;
    let (club, store) = (&team.club, &team.club.store);
    let me = &club.athlete;
    let mine = &team.mine;
    let input = athlete_draft("Léa", "Grand");
    assert_eq!(
        service::create_athlete(store, me, &input, t0()).await,
        Err(ClubError::Forbidden)
    );
    // Not even their own profile.
    assert_profile_unchangeable(store, me, mine, &input, ClubError::Forbidden).await;
    assert_eq!(
        link(store, me, &team.teammate, Some(me)).await,
        Err(ClubError::Forbidden)
    );
    assert_eq!(store.athlete(club.id, mine.id).await, Ok(Some(mine.clone())));
}

#[tokio::test]
async fn a_profile_changed_meanwhile_is_a_conflict() {
    let team = Team::new().await;
    let (club, store) = (&team.club, &team.club.store);
    let seen = &team.teammate;
    let edited = service::update_athlete(
        store,
        &club.coach,
        seen.id,
        &athlete_draft("Zoé", "Roux"),
        seen.version,
        t0(),
    )
    .await
    .expect("a first edit");
    let stale = athlete_draft("Zoé", "Blanc");
    assert_profile_unchangeable(store, &club.admin, seen, &stale, ClubError::Conflict).await;
    assert_eq!(
        link(store, &club.admin, seen, Some(&club.coach)).await,
        Err(ClubError::Conflict)
    );
    assert_eq!(store.athlete(club.id, seen.id).await, Ok(Some(edited)));
}

#[tokio::test]
async fn another_clubs_profiles_and_groups_are_not_found() {
    let team = Team::new().await;
    let (club, store) = (&team.club, &team.club.store);
    let stranger = &club.stranger;
    let mine = &team.mine;
    let draft = athlete_draft("X", "Y");
    assert_profile_unchangeable(store, stranger, mine, &draft, ClubError::NotFound).await;
    assert_eq!(link(store, stranger, mine, None).await, Err(ClubError::NotFound));
    let juniors = service::create_group(store, &club.coach, "Juniors", t0())
        .await
        .expect("a group");
    assert_eq!(
        service::rename_group(store, stranger, juniors.id, "Pris", juniors.version).await,
        Err(ClubError::NotFound)
    );
    assert_eq!(
        service::set_group_archived(store, stranger, juniors.id, true, juniors.version, t0()).await,
        Err(ClubError::NotFound)
    );
    let theirs = service::create_group(store, stranger, "Juniors", t0())
        .await
        .expect("another club may use the name");
    assert_eq!(
        service::set_in_group(store, stranger, theirs.id, mine.id, true).await,
        Err(ClubError::NotFound),
        "our athlete in their group"
    );
    assert_eq!(
        service::set_in_group(store, &club.coach, theirs.id, mine.id, true).await,
        Err(ClubError::NotFound),
        "their group for our athlete"
    );
}

#[tokio::test]
async fn a_member_has_at_most_one_profile_of_their_own_club() {
    let team = Team::new().await;
    let (club, store, cache) = (&team.club, &team.club.store, &team.cache);
    let other = &team.teammate;
    assert_eq!(
        link(store, &club.coach, other, Some(&club.athlete)).await,
        Err(ClubError::Invalid(vec![FieldError::new(
            "member",
            FieldProblem::InvalidChoice
        )]))
    );
    assert_eq!(
        link(store, &club.coach, other, Some(&club.stranger)).await,
        Err(ClubError::NotFound)
    );
    link(store, &club.coach, other, Some(&club.admin))
        .await
        .expect("linked");
    let file = service::athlete_file(store, cache, &club.coach, other.id)
        .await
        .expect("read");
    assert_eq!(file.account.map(|m| m.id), Some(club.admin.id));
}

#[tokio::test]
async fn group_names_are_unique_in_a_club_and_only_coaches_manage_groups() {
    let team = Team::new().await;
    let (club, store) = (&team.club, &team.club.store);
    assert_eq!(
        service::create_group(store, &club.athlete, "Juniors", t0()).await,
        Err(ClubError::Forbidden)
    );
    let juniors = service::create_group(store, &club.coach, "Juniors", t0())
        .await
        .expect("a group");
    let again = service::create_group(store, &club.coach, "JUNIORS", t0()).await;
    assert!(
        matches!(&again, Err(ClubError::Invalid(errors))
            if errors.len() == 1 && errors[0].field == "name"
                && matches!(errors[0].problem, FieldProblem::DuplicateName { .. })),
        "{again:?}"
    );
    assert_eq!(
        service::set_in_group(store, &club.athlete, juniors.id, team.mine.id, true).await,
        Err(ClubError::Forbidden)
    );
    service::set_in_group(store, &club.coach, juniors.id, team.mine.id, true)
        .await
        .expect("in");
    let groups = service::groups(store, &club.coach).await.expect("read");
    assert_eq!(groups[0].athletes, [team.mine.id]);
}

#[tokio::test]
async fn a_group_changed_meanwhile_is_a_conflict() {
    let team = Team::new().await;
    let (club, store) = (&team.club, &team.club.store);
    let seen = service::create_group(store, &club.coach, "Juniors", t0())
        .await
        .expect("a group");
    service::rename_group(store, &club.coach, seen.id, "Juniors U17", seen.version)
        .await
        .expect("renamed");
    assert_eq!(
        service::rename_group(store, &club.admin, seen.id, "U20", seen.version).await,
        Err(ClubError::Conflict)
    );
    assert_eq!(
        service::set_group_archived(store, &club.admin, seen.id, true, seen.version, t0()).await,
        Err(ClubError::Conflict)
    );
}

#[tokio::test]
async fn the_settings_page_is_for_coaches_and_only_admins_may_change_it() {
    let team = Team::new().await;
    let (club, store, cache) = (&team.club, &team.club.store, &team.cache);
    assert_eq!(
        service::settings_form(store, cache, &club.athlete).await.err(),
        Some(ClubError::Forbidden)
    );
    let coach = service::settings_form(store, cache, &club.coach)
        .await
        .expect("a coach reads them");
    assert!(!coach.can_edit, "a coach only reads");
    assert_eq!(coach.version, None, "the defaults");
    let admin = service::settings_form(store, cache, &club.admin)
        .await
        .expect("an admin reads them");
    assert!(admin.can_edit);
    assert_eq!(admin.settings, coach.settings);
}

#[tokio::test]
async fn the_groups_page_names_the_clubs_athletes_for_coaches_only() {
    let team = Team::new().await;
    let (club, store) = (&team.club, &team.club.store);
    assert_eq!(
        service::groups_page(store, &club.athlete).await.err(),
        Some(ClubError::Forbidden)
    );
    let (_, athletes) = service::groups_page(store, &club.coach).await.expect("the page");
    let mut names: Vec<String> = athletes.iter().map(Athlete::full_name).collect();
    names.sort();
    assert_eq!(names, ["Léa Petit", "Zoé Martin"], "this club's athletes only");
}

#[tokio::test]
async fn everyone_reads_the_training_settings_and_only_admins_save_them() {
    let team = Team::new().await;
    let (club, store) = (&team.club, &team.club.store);
    let (defaults, version) = team.settings(&club.athlete).await;
    assert_eq!(version, None, "never saved");
    assert_eq!(
        defaults.ratios.ratios.len(),
        TrainingSettings::default().ratios.ratios.len(),
        "every default ratio is found among the club's exercises"
    );
    let (settings, _) = team.settings(&club.admin).await;
    // Saves in turn: who saves, on which version, and the answer.
    let saves = [
        (
            &club.coach,
            None,
            Err(SettingsFailure::Club(ClubError::Forbidden)),
        ),
        (&club.admin, None, Ok(1)),
        // A second first save.
        (&club.owner, None, Err(SettingsFailure::Club(ClubError::Conflict))),
        (&club.owner, Some(1), Ok(2)),
        (
            &club.admin,
            Some(1),
            Err(SettingsFailure::Club(ClubError::Conflict)),
        ),
    ];
    for (step, (actor, version, answer)) in saves.into_iter().enumerate() {
        assert_eq!(
            service::save_training_settings(store, actor, &settings, version, t0()).await,
            answer,
            "save {step}"
        );
    }
    let (read, version) = team.settings(&club.athlete).await;
    assert_eq!((read, version), (settings, Some(2)));
}

#[tokio::test]
async fn settings_naming_another_clubs_exercise_or_out_of_range_are_refused() {
    let team = Team::new().await;
    let (club, store, cache) = (&team.club, &team.club.store, &team.cache);
    let (settings, _) = team.settings(&club.admin).await;
    let snatch = club.exercise("Arraché").await.id;
    let theirs = club.foreign_exercise("Épaulé").await.id;
    let mut foreign = settings.clone();
    foreign.ratios.ratios = vec![Ratio {
        exercise: snatch,
        base: theirs,
        factor: Factor::from_ten_thousandths(8_000),
    }];
    assert_eq!(
        service::save_training_settings(store, &club.admin, &foreign, None, t0()).await,
        Err(SettingsFailure::Club(ClubError::NotFound))
    );
    let invalid = TrainingSettings {
        lift_count_threshold: 0,
        ..settings
    };
    assert!(matches!(
        service::save_training_settings(store, &club.admin, &invalid, None, t0()).await,
        Err(SettingsFailure::Invalid(_))
    ));
    assert_eq!(
        service::training_settings(store, cache, &club.admin)
            .await
            .map(|(_, v)| v),
        Ok(None),
        "nothing was saved"
    );
}

#[tokio::test]
async fn only_coaches_import_athletes_and_a_file_with_a_problem_writes_nothing() {
    let team = Team::new().await;
    let (club, store) = (&team.club, &team.club.store);
    let csv = "Prénom;Nom;Date de naissance;Sexe;Groupes\n\
               Tom;Arnaud;2007-01-02;H;Juniors\n\
               Inès;Roux;2009-05-06;F;JUNIORS\n";
    assert_eq!(
        service::import_athletes(store, &InPlace, &club.athlete, csv.into(), t0()).await,
        Err(ClubError::Forbidden)
    );
    let before = store.athletes(club.id).await.expect("read");
    let with_a_duplicate = format!("{csv}Léa;Petit;2008-03-14;F;\n");
    let refused = service::import_athletes(store, &InPlace, &club.coach, with_a_duplicate, t0()).await;
    assert!(
        matches!(&refused, Err(ClubError::AthleteImportRejected(report)) if report.total == 1),
        "{refused:?}"
    );
    assert_eq!(store.athletes(club.id).await.expect("read"), before);
    assert!(store.groups(club.id).await.expect("read").is_empty());

    assert_eq!(
        service::import_athletes(store, &InPlace, &club.coach, csv.into(), t0()).await,
        Ok(2)
    );
    let groups = service::groups(store, &club.coach).await.expect("read");
    assert_eq!(groups.len(), 1, "one group, whatever its case");
    assert_eq!(groups[0].athletes.len(), 2);

    let huge = "x".repeat(service::IMPORT_MAX_BYTES + 1);
    assert!(matches!(
        service::import_athletes(store, &InPlace, &club.coach, huge, t0()).await,
        Err(ClubError::AthleteImportRejected(_))
    ));
}

#[test]
fn coaches_and_above_get_the_athlete_forms() {
    use crate::role::Role;
    assert!(!service::may_manage_athletes(Role::Athlete));
    for role in [Role::Coach, Role::Admin, Role::Owner] {
        assert!(service::may_manage_athletes(role), "{role:?}");
    }
}
