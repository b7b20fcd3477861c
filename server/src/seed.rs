//! The demo club: an owner, a coach and an athlete, created through the real use-cases.

use chrono::{DateTime, Duration, Utc};
use domain::account::Email;
use domain::athlete::{AthleteDraft, AthleteInput, Group, WeighingInput};
use domain::competition::CompetitorLevel;
use domain::maxes::{MaxInput, MaxKind};
use domain::membership::Member;
use domain::ports::{PasswordHasher, Store};
use domain::service::{self, ClubError};
use domain::{Role, StoreError};

pub const DEMO_CLUB: &str = "Club Haltéro Démo";
pub const DEMO_PASSWORD: &str = "dropit-demo";
pub const DEMO_LOGINS: [(&str, &str, Role); 3] = [
    ("owner@demo.dropit.club", "Olga Owner", Role::Owner),
    ("coach@demo.dropit.club", "Camille Coach", Role::Coach),
    ("athlete@demo.dropit.club", "Arthur Athlete", Role::Athlete),
];

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("cannot seed the demo club: {0}")]
    Auth(#[from] service::AuthError),
    #[error("cannot seed the demo club: {0}")]
    Club(#[from] ClubError),
    #[error("cannot seed the demo club: {0}")]
    Store(#[from] StoreError),
}

/// A new random invitation token: the demo's links are as unguessable as any club's (a fixed
/// token would let anyone who read this code use a leftover demo invitation).
fn random_token() -> domain::invitation::InvitationToken {
    app::ssr::new_invitation_token()
}

/// The throttle's gate for the seeds: the person running them is no client, and the planning
/// benchmark signs up a hundred clubs.
fn seed_gate() -> service::Gate<'static> {
    static LIMITS: std::sync::LazyLock<domain::throttle::Limits> =
        std::sync::LazyLock::new(|| domain::throttle::Limits {
            signups_per_address: u32::MAX,
            ..domain::throttle::Limits::default()
        });
    service::Gate {
        limits: &LIMITS,
        pause: &crate::hasher::TokioPause,
        // Not a client's address: the seeds' sign-ups count against no one's budget.
        address: std::net::IpAddr::from([0, 0, 0, 0]),
    }
}

/// A seeded account: email, display name, and role in its club.
type Login<'a> = (&'a str, &'a str, Role);

/// Signs up `club_name` with its owner (email and display name), unless the owner's account
/// exists (`None`); returns the owner's membership. Every seeded account has the password [`DEMO_PASSWORD`].
async fn found_club(
    store: &dyn Store,
    hasher: &dyn PasswordHasher,
    club_name: &str,
    (owner_email, owner_name): (&str, &str),
    now: DateTime<Utc>,
) -> Result<Option<Member>, SeedError> {
    if store.user_credentials(owner_email).await?.is_some() {
        return Ok(None);
    }
    let input = domain::account::SignUp::parse(club_name, owner_name, owner_email, DEMO_PASSWORD)
        .map_err(service::AuthError::Invalid)?;
    let (owner, club) = service::sign_up(store, hasher, &seed_gate(), input, now).await?;
    let member = store
        .member_by_user(club, owner.id)
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(Some(member))
}

/// Invites `login` into the club of `owner`, and accepts the invitation as a new account.
async fn add_member(
    store: &dyn Store,
    hasher: &dyn PasswordHasher,
    owner: &Member,
    (email, name, role): Login<'_>,
    now: DateTime<Utc>,
) -> Result<(), SeedError> {
    let token = random_token();
    let request = service::InvitationRequest {
        email: Email::parse("email", email).map_err(|e| ClubError::Invalid(vec![e]))?,
        role,
        open_link: false,
    };
    service::invite(store, owner, &request, &token, now).await?;
    let account = service::NewAccount {
        display_name: name,
        password: DEMO_PASSWORD,
        email: "",
    };
    service::accept_invitation_as_new_user(store, hasher, token.as_str(), &account, now).await?;
    Ok(())
}

/// Creates the demo club unless its owner exists. Returns whether it created it.
pub async fn seed_demo(store: &dyn Store, hasher: &dyn PasswordHasher) -> Result<bool, SeedError> {
    let now = Utc::now();
    let Some(owner) = found_club(
        store,
        hasher,
        DEMO_CLUB,
        (DEMO_LOGINS[0].0, DEMO_LOGINS[0].1),
        now,
    )
    .await?
    else {
        return Ok(false);
    };
    // The athletes come first: the demo athlete's invitation then finds and links their profile.
    seed_athletes(store, &owner, now).await?;
    seed_workouts(store, &owner, now).await?;
    seed_sessions(store, &owner, now).await?;
    for login in DEMO_LOGINS.into_iter().skip(1) {
        add_member(store, hasher, &owner, login, now).await?;
    }
    Ok(true)
}

/// A demo athlete: names, sex, birth date, email; then (days ago, bodyweight) weighings,
/// (days ago, kind, snatch, clean and jerk) maxes, level, and group.
struct DemoAthlete {
    first: &'static str,
    last: &'static str,
    sex: &'static str,
    born: &'static str,
    email: &'static str,
    weighings: &'static [(i64, &'static str)],
    maxes: &'static [(i64, MaxKind, &'static str, &'static str)],
    level: (CompetitorLevel, i64),
    group: &'static str,
}

const DEMO_ATHLETES: [DemoAthlete; 4] = [
    DemoAthlete {
        first: "Arthur",
        last: "Athlete",
        sex: "men",
        born: "2001-05-12",
        email: "athlete@demo.dropit.club",
        weighings: &[(200, "86.4"), (90, "87.2"), (7, "88.1")],
        maxes: &[
            (210, MaxKind::Tested, "115", "145"),
            (120, MaxKind::Competition, "120", "150"),
            (30, MaxKind::Training, "123", "152"),
        ],
        level: (CompetitorLevel::National, 400),
        group: "Seniors",
    },
    DemoAthlete {
        first: "Léa",
        last: "Dubois",
        sex: "women",
        born: "2004-09-03",
        email: "",
        weighings: &[(150, "62.5"), (10, "63.2")],
        maxes: &[
            (180, MaxKind::Tested, "82", "104"),
            (45, MaxKind::Competition, "86", "108"),
        ],
        level: (CompetitorLevel::Regional, 300),
        group: "Seniors",
    },
    DemoAthlete {
        first: "Sofia",
        last: "Marchetti",
        sex: "women",
        born: "1998-02-21",
        email: "",
        weighings: &[(20, "70.8")],
        maxes: &[(60, MaxKind::Competition, "95", "118")],
        level: (CompetitorLevel::International, 700),
        group: "Seniors",
    },
    DemoAthlete {
        first: "Hugo",
        last: "Lefèvre",
        sex: "men",
        born: "2010-11-30",
        email: "",
        weighings: &[(5, "60.5")],
        maxes: &[(25, MaxKind::Estimated, "72", "90")],
        level: (CompetitorLevel::Rookie, 60),
        group: "Jeunes",
    },
];

/// The demo club's athletes, with bodyweights, maxes, levels and groups dated before `now`.
async fn seed_athletes(store: &dyn Store, coach: &Member, now: DateTime<Utc>) -> Result<(), SeedError> {
    use domain::service::athletes;
    let club = coach.club_id;
    let keys = domain::catalogue::default::club_keys(&store.exercises(club).await?);
    let lifts = [keys.get("snatch").copied(), keys.get("clean_and_jerk").copied()];
    let mut groups: Vec<Group> = Vec::new();
    for a in &DEMO_ATHLETES {
        let input = AthleteInput {
            first_name: a.first.into(),
            last_name: a.last.into(),
            birth_date: a.born.into(),
            sex: a.sex.into(),
            email: a.email.into(),
            ..AthleteInput::default()
        };
        // Read as the forms read what a coach types.
        let today = now.date_naive();
        let draft = AthleteDraft::parse(&input, today).map_err(ClubError::Invalid)?;
        let athlete = athletes::create_athlete(store, coach, &draft, now).await?;
        let day = |ago: i64| now - Duration::days(ago);
        for (ago, weight) in a.weighings {
            let weighing = WeighingInput {
                weighed_on: day(*ago).date_naive().to_string(),
                bodyweight: (*weight).into(),
            }
            .parse(today)
            .map_err(ClubError::Invalid)?;
            athletes::record_weighing(store, coach, athlete.id, weighing).await?;
        }
        for (ago, kind, snatch, clean_and_jerk) in a.maxes {
            for (exercise, weight) in lifts.iter().zip([snatch, clean_and_jerk]) {
                let max = MaxInput {
                    exercise: exercise.map(|e| e.0.to_string()).unwrap_or_default(),
                    weight: (*weight).into(),
                    date: day(*ago).date_naive().to_string(),
                    kind: kind.as_str().into(),
                }
                .parse(today)
                .map_err(ClubError::Invalid)?;
                athletes::record_max(store, coach, athlete.id, &max, day(*ago)).await?;
            }
        }
        let (level, ago) = a.level;
        athletes::record_level(store, coach, athlete.id, level, day(ago).date_naive()).await?;
        let group = match groups.iter().find(|g| g.name == a.group) {
            Some(g) => g.clone(),
            None => {
                let g = athletes::create_group(store, coach, a.group, now).await?;
                groups.push(g.clone());
                g
            }
        };
        athletes::set_in_group(store, coach, group.id, athlete.id, true).await?;
    }
    Ok(())
}

/// A demo workout: title, category (French name), description, and its elements: the French
/// name of an exercise or a complex, its blocks as a coach types them, tempo and comment.
type DemoWorkout = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str, &'static str, &'static str)],
);

const DEMO_WORKOUTS: [DemoWorkout; 6] = [
    (
        "Arraché lourd",
        "Saison",
        "Montée en charge sur l'arraché, puis force spécifique.",
        &[
            (
                "Arraché",
                "50%x3, 60%x3, 70%x2, 75%x2x3",
                "",
                "Vitesse sous la barre",
            ),
            ("Tirage lourd d'arraché + Arraché", "4x(2+1) @75% 120s", "", ""),
            (
                "Tirage lourd d'arraché",
                "4x3 @95% arraché",
                "",
                "Épaules au-dessus de la barre",
            ),
            ("Squat nuque", "4x5 @75% 180s", "30X1", ""),
        ],
    ),
    (
        "Épaulé-jeté",
        "Saison",
        "",
        &[
            ("Épaulé-jeté", "50%x2, 60%x2, 70%x2, 78%x1x4", "", ""),
            (
                "Épaulé + Squat clavicules + Jeté fendu",
                "3x(1+1+1) @75% épaulé-jeté",
                "",
                "",
            ),
            ("Tirage lourd d'épaulé", "4x3 @100% épaulé", "", ""),
            ("Squat clavicules", "4x3 @80%", "", "Coudes hauts"),
        ],
    ),
    (
        "Squats et tirages",
        "Fond",
        "Séance de force générale.",
        &[
            ("Squat nuque", "5x5 @72% 180s", "", ""),
            ("Squat clavicules", "4x4 @70%", "", ""),
            ("Tirage lourd d'arraché", "4x4 @90% arraché", "", ""),
            ("Soulevé de terre roumain", "3x8 @RPE7", "3010", ""),
            ("Tractions", "3x6 @RPE8", "", ""),
        ],
    ),
    (
        "Décharge",
        "Décharge",
        "Volume réduit, technique propre.",
        &[
            ("Arraché", "5x2 @60%", "", ""),
            ("Épaulé-jeté", "5x2 @60%", "", ""),
            ("Squat nuque", "3x5 @60%", "", ""),
        ],
    ),
    (
        "Ouvertures pré-compétition",
        "Compétition",
        "Trois jours avant la compétition : les barres d'ouverture, pas plus.",
        &[
            (
                "Arraché",
                "60%x2, 70%x1, 80%x1, 88%x1",
                "",
                "Barre d'ouverture à 88 %",
            ),
            ("Épaulé-jeté", "60%x1, 70%x1, 80%x1, 90%x1", "", ""),
            ("Squat clavicules", "3x2 @75%", "", ""),
        ],
    ),
    (
        "Technique en complexes",
        "Technique",
        "",
        &[
            ("Arraché debout + Squat arraché", "5x(2+2) @60% arraché", "", ""),
            (
                "Snatch balance + Squat arraché",
                "4x(2+1) @55% arraché",
                "",
                "Tenir la réception",
            ),
            (
                "Développé poussé + Jeté fendu",
                "5x(2+1) @65% épaulé-jeté",
                "",
                "",
            ),
            ("Arraché suspendu", "4x3 @65%", "20X0", ""),
        ],
    ),
];

/// The demo club's workouts, typed as a coach would type them and read by the builder's
/// shorthand parser.
async fn seed_workouts(store: &dyn Store, coach: &Member, now: DateTime<Utc>) -> Result<(), SeedError> {
    use domain::workout::shorthand::{Lexicon, parse};
    use domain::workout::{Element, Lift, Tempo, WorkoutContent, WorkoutInput};
    let club = coach.club_id;
    let exercises = store.exercises(club).await?;
    let complexes = store.complexes(club).await?;
    let categories = store.workout_categories(club).await?;
    let lexicon = Lexicon::from_exercises(&exercises);
    let invalid = |field: &str| {
        ClubError::Invalid(vec![domain::FieldError::new(
            field,
            domain::FieldProblem::InvalidFormat,
        )])
    };
    for (title, category, description, elements) in DEMO_WORKOUTS {
        let mut content = WorkoutContent::default();
        for (name, blocks, tempo, comment) in elements {
            let lift = match exercises.iter().find(|e| e.names.fr == *name) {
                Some(e) => Lift::Exercise(e.id),
                None => Lift::Complex(
                    complexes
                        .iter()
                        .find(|c| c.names.fr == *name)
                        .ok_or_else(|| invalid(name))?
                        .id,
                ),
            };
            let mut element = Element::new(lift, parse(blocks, &lexicon).map_err(|_| invalid(blocks))?);
            element.tempo = (!tempo.is_empty())
                .then(|| Tempo::parse("tempo", tempo))
                .transpose()
                .map_err(|e| ClubError::Invalid(vec![e]))?;
            element.comment = (!comment.is_empty()).then(|| (*comment).to_owned());
            content.elements.push(element);
        }
        let draft = WorkoutInput {
            title: title.into(),
            category: categories.iter().find(|c| c.names.fr == category).map(|c| c.id),
            description: description.into(),
            content,
        }
        .parse()
        .map_err(ClubError::Invalid)?;
        service::workouts::create_workout(store, coach, &draft, now).await?;
    }
    Ok(())
}

/// The demo club's planning around `now`: from last week to three weeks on, the seniors train
/// on Monday, Wednesday and Friday evenings, the youngsters on Tuesday and Thursday, and Arthur
/// alone on Saturday mornings. Groups hold their athletes from today on (memberships are kept
/// as periods), so the sessions of days already past name their athletes one by one.
async fn seed_sessions(store: &dyn Store, coach: &Member, now: DateTime<Utc>) -> Result<(), SeedError> {
    use domain::planning::calendar::Week;
    use domain::planning::{Assignees, TimeOfDay};
    use domain::service::planning::{NewSession, create_session};
    let club = coach.club_id;
    let workouts = store.workouts(club).await?;
    let groups = store.groups(club).await?;
    let athletes = store.athletes(club).await?;
    let titled = |title: &str| workouts.iter().find(|w| w.title == title).map(|w| w.id);
    let group = |name: &str| groups.iter().find(|g| g.name == name);
    let today = now.date_naive();
    let monday = Week::of(today).monday();
    // (weekday from Monday, workout, group, hour)
    let plan: [(u64, &str, &str, u16); 5] = [
        (0, "Arraché lourd", "Seniors", 18),
        (1, "Technique en complexes", "Jeunes", 17),
        (2, "Épaulé-jeté", "Seniors", 18),
        (3, "Décharge", "Jeunes", 17),
        (4, "Squats et tirages", "Seniors", 18),
    ];
    for week in -1_i64..=3 {
        let Some(start) = Week::of(monday).shifted(week).map(Week::monday) else {
            continue;
        };
        let mut sessions: Vec<(chrono::NaiveDate, &str, Assignees, u16)> = plan
            .iter()
            .filter_map(|&(day, workout, name, hour)| {
                let date = start + chrono::Days::new(day);
                let group = group(name)?;
                let assignees = if date >= today {
                    Assignees {
                        athletes: Vec::new(),
                        groups: vec![group.id],
                    }
                } else {
                    Assignees {
                        athletes: group.athletes.clone(),
                        groups: Vec::new(),
                    }
                };
                Some((date, workout, assignees, hour))
            })
            .collect();
        if let Some(arthur) = athletes.iter().find(|a| a.first_name == "Arthur") {
            let alone = Assignees {
                athletes: vec![arthur.id],
                groups: Vec::new(),
            };
            sessions.push((
                start + chrono::Days::new(5),
                "Ouvertures pré-compétition",
                alone,
                10,
            ));
        }
        for (date, workout, assignees, hour) in sessions {
            let Some(workout) = titled(workout) else { continue };
            let new = NewSession {
                workout,
                date,
                time: TimeOfDay::new(hour, 0),
                assignees,
            };
            create_session(store, coach, new, now).await?;
        }
    }
    Ok(())
}

/// The benchmark club: a coach, and a catalogue of [`BENCH_EXERCISES`] exercises (the default
/// catalogue plus generated variations), for the load test in `bench/`.
pub const BENCH_CLUB: &str = "Club Banc d'essai";
pub const BENCH_COACH: &str = "coach@bench.dropit.club";
pub const BENCH_EXERCISES: usize = 500;

/// Creates the benchmark club unless its owner exists. Returns whether it created it.
pub async fn seed_bench(store: &dyn Store, hasher: &dyn PasswordHasher) -> Result<bool, SeedError> {
    use domain::catalogue::exchange::{Lines, check};
    use domain::catalogue::file::{CatalogueFile, ExerciseRow};

    let now = Utc::now();
    let bench_owner = ("owner@bench.dropit.club", "Bench Owner");
    let Some(owner) = found_club(store, hasher, BENCH_CLUB, bench_owner, now).await? else {
        return Ok(false);
    };
    let club = owner.club_id;
    add_member(
        store,
        hasher,
        &owner,
        (BENCH_COACH, "Bench Coach", Role::Coach),
        now,
    )
    .await?;

    let default = domain::catalogue::default::file().map_err(StoreError::Backend)?;
    let missing = BENCH_EXERCISES.saturating_sub(default.exercises.len());
    let exercises = (1..=missing)
        .map(|i| {
            let base = &default.exercises[i % default.exercises.len()];
            ExerciseRow {
                key: format!("bench-{i}"),
                fr: format!("{} — variante {i:03}", base.fr),
                en: format!("{} — variation {i:03}", base.en),
                short: None,
                category: base.category.clone(),
                equipment: base.equipment.clone(),
                description: Some(format!(
                    "Variante d'entraînement numéro {i} pour le banc d'essai."
                )),
                video_url: None,
                archived: false,
            }
        })
        .collect();
    let file = CatalogueFile {
        categories: default.categories,
        equipment: default.equipment,
        exercises,
        complexes: Vec::new(),
    };
    let existing = store.exercises(club).await?;
    let plan = check(&file, &Lines::default(), &existing)
        .map_err(|problems| StoreError::Backend(format!("bench catalogue: {problems:?}")))?;
    store.import_catalogue(club, &plan, now).await?;
    Ok(true)
}

/// The planning benchmark's coach (of the first club), for bench/planning.sh.
pub const PLANNING_BENCH_COACH: &str = "coach@planning.bench.dropit.club";

/// Creates the planning benchmark unless its first club exists: `clubs` clubs, each with 40
/// athletes in four groups of ten, three workouts, and two years of sessions — every group
/// trains on Monday, Tuesday, Thursday and Friday, from a year before today to a year after
/// (1,664 sessions a club), written a quarter at a time, each quarter one transaction. The
/// first club has a coach who logs in with the demo password. Returns whether it created them.
pub async fn seed_planning_bench(
    store: &dyn Store,
    hasher: &dyn PasswordHasher,
    clubs: u32,
) -> Result<bool, SeedError> {
    use domain::planning::calendar::Week;
    use domain::planning::{Assignees, SessionDraft, TimeOfDay};
    use domain::workout::shorthand::{Lexicon, parse};
    use domain::workout::{Element, Lift, WorkoutContent, WorkoutInput};

    let now = Utc::now();
    let today = now.date_naive();
    let first_monday = Week::of(today).shifted(-52).map(Week::monday).unwrap_or(today);
    for n in 0..clubs {
        let owner_email = format!("owner-{n}@planning.bench.dropit.club");
        let name = format!("Club de planification {n:03}");
        let Some(owner) = found_club(store, hasher, &name, (&owner_email, "Bench Owner"), now).await? else {
            if n == 0 {
                return Ok(false);
            }
            continue;
        };
        let club = owner.club_id;
        if n == 0 {
            add_member(
                store,
                hasher,
                &owner,
                (PLANNING_BENCH_COACH, "Bench Coach", Role::Coach),
                now,
            )
            .await?;
        }
        let mut groups = Vec::new();
        for g in 0..4 {
            groups.push(store.create_group(club, &format!("Groupe {g}"), now).await?);
        }
        for a in 0..40_usize {
            let input = AthleteInput {
                first_name: format!("Athlète{a:02}"),
                last_name: format!("Club{n:03}"),
                birth_date: "2002-04-10".into(),
                sex: if a % 2 == 0 { "women" } else { "men" }.into(),
                ..AthleteInput::default()
            };
            let draft = AthleteDraft::parse(&input, today).map_err(ClubError::Invalid)?;
            let athlete = store.create_athlete(club, &draft, None, now).await?;
            let change = domain::athlete::GroupChange {
                group: groups[a % 4].id,
                athlete: athlete.id,
                member: true,
            };
            store.set_in_group(club, change).await?;
        }
        let exercises = store.exercises(club).await?;
        let lexicon = Lexicon::from_exercises(&exercises);
        let lift = |fr: &str| {
            exercises
                .iter()
                .find(|e| e.names.fr == fr)
                .map(|e| Lift::Exercise(e.id))
        };
        let mut workouts = Vec::new();
        for (title, lifts) in [
            ("Arraché", [("Arraché", "5x3 @75%"), ("Squat nuque", "5x5 @80%")]),
            (
                "Épaulé-jeté",
                [("Épaulé-jeté", "5x2 @80%"), ("Squat clavicules", "4x4 @75%")],
            ),
            (
                "Force",
                [("Squat nuque", "5x3 @85%"), ("Développé militaire", "4x6 @70%")],
            ),
        ] {
            let mut content = WorkoutContent::default();
            for (name, blocks) in lifts {
                let (Some(lift), Ok(blocks)) = (lift(name), parse(blocks, &lexicon)) else {
                    continue;
                };
                content.elements.push(Element::new(lift, blocks));
            }
            let draft = WorkoutInput {
                title: title.into(),
                content,
                ..WorkoutInput::default()
            }
            .parse()
            .map_err(ClubError::Invalid)?;
            workouts.push(store.create_workout(club, &draft, now).await?);
        }
        let mut drafts = Vec::new();
        for week in 0..104_u64 {
            let monday = first_monday + chrono::Days::new(week * 7);
            for (g, group) in groups.iter().enumerate() {
                for (i, weekday) in [0_u64, 1, 3, 4].into_iter().enumerate() {
                    let workout = &workouts[(g + i) % workouts.len()];
                    let assignees = Assignees {
                        athletes: Vec::new(),
                        groups: vec![group.id],
                    };
                    let hour = 17 + u16::try_from(g % 3).unwrap_or(0);
                    let date = monday + chrono::Days::new(weekday);
                    drafts.push(SessionDraft::of_workout(
                        workout,
                        date,
                        TimeOfDay::new(hour, 0),
                        assignees,
                    ));
                }
            }
            if drafts.len() >= 208 {
                store.create_sessions(club, &drafts, now).await?;
                drafts.clear();
            }
        }
        if !drafts.is_empty() {
            store.create_sessions(club, &drafts, now).await?;
        }
        tracing::info!(club = %name, "planning benchmark club seeded");
    }
    Ok(true)
}
