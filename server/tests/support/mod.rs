//! What the server's HTTP tests share: a DropIt on a fresh SQLite file with three clubs (ours
//! with one member per role, a foreign one, a spare one to join), the table of every server
//! function with who may call it, and the arguments of a valid call to each.

#![allow(dead_code)] // each test file uses its part

use chrono::{Duration, Utc};
use clap::Parser;
use domain::athlete::{Athlete, AthleteDraft, AthleteInput};
use domain::catalogue::{Complex, ComplexDraft, Exercise, ExerciseDraft, ExerciseInput, Names};
use domain::competition::Weighing;
use domain::invitation::InvitationToken;
use domain::maxes::{Max, MaxKind};
use domain::membership::Member;
use domain::ports::{NewInvitation, NewUser, Store};
use domain::service::catalogue::ComplexInput;
use domain::weight::Kg;
use domain::{AthleteId, ClubId, ExerciseId, MemberId, Role, UserId};
use server::config::Cli;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

pub const PASSWORD: &str = "matrix password";

/// Who may call a server function.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Access {
    /// Anyone, logged in or not.
    Public,
    /// Any logged-in person.
    User,
    /// Members with this role or a higher one, in their current club.
    Role(Role),
    /// Like `Role`, for a record an athlete may reach when it is their own: a caller below the
    /// role is refused (403) another athlete's record of the club, and, like everyone, finds
    /// nothing (404) with another club's ids. (`athletes_reach_only_their_own_records` checks
    /// their own.)
    Record(Role),
    /// Members may call it; those below the role find nothing (404) that is not theirs, as
    /// everyone does with another club's ids (a session is an athlete's own, or not found).
    Own(Role),
}

/// Whether the ids in a call point into the caller's club or another one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scope {
    Own,
    Foreign,
}

pub struct Case {
    pub endpoint: &'static str,
    pub access: Access,
    /// Calls that take ids of club records are also made with another club's ids.
    pub scoped: bool,
    /// Whether a call changes something (the durability test makes every such call on a
    /// full disk).
    pub writes: bool,
}

pub const MATRIX: &[Case] = &[
    Case {
        endpoint: "get_viewer",
        access: Access::Public,
        scoped: false,
        writes: false,
    },
    Case {
        endpoint: "sign_up",
        access: Access::Public,
        scoped: false,
        writes: true,
    },
    Case {
        endpoint: "log_in",
        access: Access::Public,
        scoped: false,
        writes: true,
    },
    Case {
        endpoint: "invitation",
        access: Access::Public,
        scoped: false,
        writes: false,
    },
    Case {
        endpoint: "join_with_new_account",
        access: Access::Public,
        scoped: false,
        writes: true,
    },
    Case {
        endpoint: "set_language",
        access: Access::Public,
        scoped: false,
        writes: false,
    },
    Case {
        endpoint: "set_theme",
        access: Access::Public,
        scoped: false,
        writes: false,
    },
    Case {
        endpoint: "log_out",
        access: Access::User,
        scoped: false,
        writes: true,
    },
    Case {
        endpoint: "log_out_everywhere",
        access: Access::User,
        scoped: false,
        writes: true,
    },
    Case {
        endpoint: "accept_invitation",
        access: Access::User,
        scoped: false,
        writes: true,
    },
    Case {
        endpoint: "switch_club",
        access: Access::User,
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "club_members",
        access: Access::Role(Role::Admin),
        scoped: false,
        writes: false,
    },
    Case {
        endpoint: "change_role",
        access: Access::Role(Role::Admin),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "remove_member",
        access: Access::Role(Role::Admin),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "invite",
        access: Access::Role(Role::Admin),
        scoped: false,
        writes: true,
    },
    Case {
        endpoint: "pending_invitations",
        access: Access::Role(Role::Admin),
        scoped: false,
        writes: false,
    },
    Case {
        endpoint: "revoke_invitation",
        access: Access::Role(Role::Admin),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "catalogue",
        access: Access::Role(Role::Athlete),
        scoped: false,
        writes: false,
    },
    Case {
        endpoint: "exercise",
        access: Access::Role(Role::Athlete),
        scoped: true,
        writes: false,
    },
    Case {
        endpoint: "catalogue_choices",
        access: Access::Role(Role::Coach),
        scoped: false,
        writes: false,
    },
    Case {
        endpoint: "create_exercise",
        access: Access::Role(Role::Coach),
        scoped: false,
        writes: true,
    },
    Case {
        endpoint: "update_exercise",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "archive_exercise",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "delete_exercise",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "export_catalogue",
        access: Access::Role(Role::Coach),
        scoped: false,
        writes: false,
    },
    Case {
        endpoint: "import_catalogue",
        access: Access::Role(Role::Coach),
        scoped: false,
        writes: true,
    },
    Case {
        endpoint: "catalogue_list",
        access: Access::Role(Role::Coach),
        scoped: false,
        writes: false,
    },
    Case {
        endpoint: "save_list_entry",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "delete_list_entry",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "complexes",
        access: Access::Role(Role::Athlete),
        scoped: false,
        writes: false,
    },
    Case {
        endpoint: "complex",
        access: Access::Role(Role::Athlete),
        scoped: true,
        writes: false,
    },
    Case {
        endpoint: "movement_candidates",
        access: Access::Role(Role::Coach),
        scoped: false,
        writes: false,
    },
    Case {
        endpoint: "create_complex",
        access: Access::Role(Role::Coach),
        scoped: false,
        writes: true,
    },
    Case {
        endpoint: "update_complex",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "archive_complex",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "delete_complex",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "roster",
        access: Access::Role(Role::Coach),
        scoped: false,
        writes: false,
    },
    Case {
        endpoint: "own_profile",
        access: Access::Role(Role::Athlete),
        scoped: false,
        writes: false,
    },
    Case {
        endpoint: "load_athlete",
        access: Access::Record(Role::Coach),
        scoped: true,
        writes: false,
    },
    Case {
        endpoint: "create_athlete",
        access: Access::Role(Role::Coach),
        scoped: false,
        writes: true,
    },
    Case {
        endpoint: "update_athlete",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "archive_athlete",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "link_account",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "record_weighing",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "delete_weighing",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "record_level",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "record_max",
        access: Access::Record(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "update_max",
        access: Access::Record(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "delete_max",
        access: Access::Record(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "groups",
        access: Access::Role(Role::Coach),
        scoped: false,
        writes: false,
    },
    Case {
        endpoint: "create_group",
        access: Access::Role(Role::Coach),
        scoped: false,
        writes: true,
    },
    Case {
        endpoint: "rename_group",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "archive_group",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "set_in_group",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "import_athletes",
        access: Access::Role(Role::Coach),
        scoped: false,
        writes: true,
    },
    Case {
        endpoint: "load_training_settings",
        access: Access::Role(Role::Coach),
        scoped: false,
        writes: false,
    },
    Case {
        endpoint: "save_training_settings",
        access: Access::Role(Role::Admin),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "workout_library",
        access: Access::Role(Role::Coach),
        scoped: false,
        writes: false,
    },
    Case {
        endpoint: "workout_view",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: false,
    },
    Case {
        endpoint: "workout_sheet",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: false,
    },
    Case {
        endpoint: "workout_editor",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: false,
    },
    Case {
        endpoint: "workout_preview",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: false,
    },
    Case {
        endpoint: "create_workout",
        access: Access::Role(Role::Coach),
        scoped: false,
        writes: true,
    },
    Case {
        endpoint: "update_workout",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "duplicate_workout",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "archive_workout",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "delete_workout",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "planning_calendar",
        access: Access::Role(Role::Athlete),
        scoped: false,
        writes: false,
    },
    Case {
        endpoint: "planning_session",
        access: Access::Own(Role::Coach),
        scoped: true,
        writes: false,
    },
    Case {
        endpoint: "planning_choices",
        access: Access::Role(Role::Coach),
        scoped: false,
        writes: false,
    },
    Case {
        endpoint: "plan_session",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "move_session",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "copy_session",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "delete_session",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "edit_session",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "session_editor",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: false,
    },
    Case {
        endpoint: "edit_session_content",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "sync_session",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "skip_session",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "adapt_session",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "repeat_session",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "planning_sheet",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: false,
    },
    Case {
        endpoint: "week_copy_preview",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: false,
    },
    Case {
        endpoint: "copy_week",
        access: Access::Role(Role::Coach),
        scoped: true,
        writes: true,
    },
    Case {
        endpoint: "feed_link",
        access: Access::Role(Role::Athlete),
        scoped: false,
        writes: false,
    },
    Case {
        endpoint: "create_feed_link",
        access: Access::Role(Role::Athlete),
        scoped: false,
        writes: true,
    },
    Case {
        endpoint: "revoke_feed_link",
        access: Access::Role(Role::Athlete),
        scoped: false,
        writes: true,
    },
];

/// Endpoints that take JSON rather than a form.
pub const JSON_ENDPOINTS: &[&str] = &[
    "save_training_settings",
    "create_complex",
    "update_complex",
    "create_workout",
    "update_workout",
    "edit_session_content",
];

/// The expected HTTP status for a caller (None = visitor).
pub fn expected(case: &Case, caller: Option<Role>, scope: Scope) -> u16 {
    let allowed = match (case.access, caller) {
        (Access::Public, _) => true,
        (_, None) => return 401,
        (Access::User, Some(_)) => true,
        (Access::Role(min), Some(role)) => role >= min,
        (Access::Record(_), Some(_)) if scope == Scope::Foreign => return 404,
        (Access::Record(min), Some(role)) => role >= min,
        (Access::Own(_), Some(_)) if scope == Scope::Foreign => return 404,
        (Access::Own(min), Some(role)) if role < min => return 404,
        (Access::Own(_), Some(_)) => true,
    };
    match (allowed, scope) {
        (false, _) => 403,
        (true, Scope::Foreign) if case.scoped => 404,
        (true, _) => 200,
    }
}

pub struct Fixture {
    pub base: String,
    pub store: Arc<dyn Store>,
    pub own: ClubId,
    pub foreign: ClubId,
    pub spare: ClubId,
    pub owner_of: [UserId; 3],
    pub counter: AtomicU32,
    /// The SQLite file.
    pub database: std::path::PathBuf,
    /// The media folder.
    pub media: std::path::PathBuf,
}

impl Fixture {
    pub fn club(&self, scope: Scope) -> ClubId {
        match scope {
            Scope::Own => self.own,
            Scope::Foreign => self.foreign,
        }
    }

    pub fn inviter(&self, club: ClubId) -> UserId {
        [self.own, self.foreign, self.spare]
            .iter()
            .position(|c| *c == club)
            .map(|i| self.owner_of[i])
            .expect("known club")
    }

    /// A catalogue cache for calling use-cases directly.
    pub fn catalogues(&self) -> domain::catalogue::cache::CatalogueCache {
        domain::catalogue::cache::CatalogueCache::default()
    }

    pub fn fresh_email(&self, prefix: &str) -> String {
        format!(
            "{prefix}-{}@matrix.test",
            self.counter.fetch_add(1, Ordering::Relaxed)
        )
    }

    /// A pending invitation to `club` for a new address; returns (id, token).
    pub async fn invitation(&self, club: ClubId) -> (i64, String) {
        self.invitation_to(club, &self.fresh_email("invitee"), false)
            .await
    }

    /// A pending invitation to `club` for `email` (or anyone holding the link).
    pub async fn invitation_to(&self, club: ClubId, email: &str, open_link: bool) -> (i64, String) {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let mut bytes = [0u8; 32];
        bytes[..4].copy_from_slice(&n.to_le_bytes());
        bytes[31] = 0xAB;
        let token = InvitationToken::from_random_bytes(bytes);
        let invitation = self
            .store
            .create_invitation(NewInvitation {
                club_id: club,
                email: email.to_owned(),
                role: Role::Athlete,
                token_hash: token.hash(),
                invited_by: self.inviter(club),
                created_at: Utc::now(),
                expires_at: Utc::now() + Duration::days(7),
                open_link,
            })
            .await
            .expect("invitation");
        (invitation.id.0, token.as_str().to_owned())
    }

    /// A new athlete member of `club` (a target for role changes and removals).
    pub async fn member(&self, club: ClubId) -> (i64, i64) {
        let (id, _) = self.invitation(club).await;
        let user = NewUser {
            email: domain::account::Email::parse("email", &self.fresh_email("target")).expect("an email"),
            display_name: domain::account::DisplayName::parse("display_name", "Target").expect("a name"),
            password_hash: "x".into(),
        };
        let (_, member) = self
            .store
            .accept_invitation_as_new_user(domain::InvitationId(id), user, Utc::now())
            .await
            .expect("member");
        let member = self
            .store
            .member(club, member)
            .await
            .expect("lookup")
            .expect("exists");
        (member.id.0, member.version)
    }

    /// A new exercise of `club` named `name_fr`.
    pub async fn exercise_named(&self, club: ClubId, name_fr: &str) -> Exercise {
        let draft = ExerciseDraft::parse(&ExerciseInput {
            name_fr: name_fr.into(),
            ..ExerciseInput::default()
        })
        .expect("valid");
        self.store
            .create_exercise(club, &draft, Utc::now())
            .await
            .expect("exercise")
    }

    /// A new, unused exercise of `club`; returns (id, version).
    pub async fn exercise(&self, club: ClubId) -> (i64, i64) {
        let created = self.exercise_named(club, &self.fresh_email("exercice")).await;
        (created.id.0, created.version)
    }

    /// A new complex of `club` named `name` in both languages (empty: named after its
    /// movements), of `movements` with their names.
    pub async fn complex_named(
        &self,
        club: ClubId,
        name: &str,
        movements: Vec<(ExerciseId, Names)>,
    ) -> Complex {
        let (ids, names): (Vec<ExerciseId>, Vec<Names>) = movements.into_iter().unzip();
        let draft = ComplexDraft::parse(name, name, None, ids, &names).expect("valid");
        self.store
            .create_complex(club, &draft, Utc::now())
            .await
            .expect("complex")
    }

    /// A new complex of `club` made of two new exercises; returns (id, version, movements).
    pub async fn complex(&self, club: ClubId) -> (i64, i64, [i64; 2]) {
        let movements = [self.exercise(club).await.0, self.exercise(club).await.0];
        let named = movements
            .iter()
            .map(|m| (ExerciseId(*m), same_names(&format!("M{m}"))))
            .collect();
        let created = self.complex_named(club, "", named).await;
        (created.id.0, created.version, movements)
    }

    /// A new workout of `club` (5 × 3 at 75 % of a new exercise); returns (id, version).
    pub async fn workout(&self, club: ClubId) -> (i64, i64) {
        let exercise = ExerciseId(self.exercise(club).await.0);
        let draft = workout_input(exercise).parse().expect("a valid workout");
        let created = self
            .store
            .create_workout(club, &draft, Utc::now())
            .await
            .expect("workout");
        (created.id.0, created.version)
    }

    /// A new session of `club` (of a new workout, for a new athlete); returns (id, version).
    pub async fn session(&self, club: ClubId) -> (i64, i64) {
        let (id, version, _) = self.session_for(club).await;
        (id, version)
    }

    /// A new session of `club` (of a new workout, for a new athlete); returns (id, version,
    /// athlete).
    pub async fn session_for(&self, club: ClubId) -> (i64, i64, i64) {
        let (workout, _) = self.workout(club).await;
        let workout = self
            .store
            .workout(club, domain::workout::WorkoutId(workout))
            .await
            .expect("read")
            .expect("the workout");
        let athlete = AthleteId(self.athlete(club).await.0);
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 8).expect("a day");
        let assignees = domain::planning::Assignees {
            athletes: vec![athlete],
            groups: Vec::new(),
        };
        let draft = domain::planning::SessionDraft::of_workout(&workout, day, None, assignees);
        let made = self
            .store
            .create_sessions(club, &[draft], Utc::now())
            .await
            .expect("a session");
        (made[0].id.0, made[0].version, athlete.0)
    }

    /// A new piece of equipment of `club`; returns its id.
    pub async fn list_entry(&self, club: ClubId) -> i64 {
        let names = same_names(&self.fresh_email("matériel"));
        self.store
            .create_label(club, domain::catalogue::LabelKind::Equipment, &names)
            .await
            .expect("equipment")
    }

    /// A new profile of `club`, read from `input` as the athlete form reads it, linked to
    /// `member`.
    pub async fn profile(&self, club: ClubId, input: AthleteInput, member: Option<MemberId>) -> Athlete {
        let draft = AthleteDraft::parse(&input, Utc::now().date_naive()).expect("valid");
        self.store
            .create_athlete(club, &draft, member, Utc::now())
            .await
            .expect("athlete")
    }

    /// A new athlete of `club` (not linked to an account); returns (id, version).
    pub async fn athlete(&self, club: ClubId) -> (i64, i64) {
        let input = person("Target", &self.fresh_email("athlete"), "women");
        let created = self.profile(club, input, None).await;
        (created.id.0, created.version)
    }

    /// The membership in `club` of the account of `email`.
    pub async fn member_of(&self, club: ClubId, email: &str) -> Member {
        let (user, _) = self
            .store
            .user_credentials(email)
            .await
            .expect("lookup")
            .expect("an account");
        self.store
            .member_by_user(club, user.id)
            .await
            .expect("lookup")
            .expect("a member")
    }

    /// A new max of a new athlete of `club`; returns (id, version).
    pub async fn max(&self, club: ClubId) -> (i64, i64) {
        let athlete = AthleteId(self.athlete(club).await.0);
        let max = Max {
            exercise: ExerciseId(self.exercise(club).await.0),
            date: Utc::now().date_naive(),
            weight: Kg::whole(80),
            kind: MaxKind::Tested,
        };
        let created = self
            .store
            .create_max(club, athlete, &max, Utc::now())
            .await
            .expect("max");
        (created.id.0, created.version)
    }

    /// A new group of `club`; returns (id, version).
    pub async fn group(&self, club: ClubId) -> (i64, i64) {
        let created = self
            .store
            .create_group(club, &self.fresh_email("groupe"), Utc::now())
            .await
            .expect("group");
        (created.id.0, created.version)
    }

    /// The JSON body of a call to a JSON endpoint.
    pub async fn json(&self, endpoint: &str, scope: Scope) -> serde_json::Value {
        let club = self.club(scope);
        match endpoint {
            "save_training_settings" => {
                // A ratio between two of the club's exercises (another club's ids: not found).
                let (a, b) = (self.exercise(club).await.0, self.exercise(club).await.0);
                let mut settings = domain::settings::TrainingSettings::default()
                    .map_exercises(|_: &String| None::<ExerciseId>);
                settings.ratios.ratios.push(domain::ratios::Ratio {
                    exercise: ExerciseId(a),
                    base: ExerciseId(b),
                    factor: domain::ratios::Factor::from_ten_thousandths(9_000),
                });
                // The version the club's settings are at (none before the first save).
                let version = self
                    .store
                    .training_settings(self.own)
                    .await
                    .expect("settings")
                    .map(|(_, v)| v);
                serde_json::json!({ "settings": settings, "version": version })
            }
            "create_complex" => {
                // Two of the club's exercises.
                let (a, b) = (self.exercise(club).await.0, self.exercise(club).await.0);
                serde_json::json!({ "complex": complex_input([a, b]) })
            }
            "update_complex" => {
                // The complex's movements swapped.
                let (id, version, [a, b]) = self.complex(club).await;
                serde_json::json!({ "id": id, "version": version, "complex": complex_input([b, a]) })
            }
            "create_workout" => {
                // An exercise of the club, 5 × 3 at 75 %.
                let exercise = ExerciseId(self.exercise(club).await.0);
                serde_json::json!({ "workout": workout_input(exercise) })
            }
            "update_workout" => {
                let (id, version) = self.workout(club).await;
                let exercise = ExerciseId(self.exercise(club).await.0);
                serde_json::json!({ "id": id, "version": version, "workout": workout_input(exercise) })
            }
            "edit_session_content" => {
                // The session's own content: the club's exercise, 5 × 3 at 75 %.
                let (id, version) = self.session(club).await;
                let exercise = ExerciseId(self.exercise(club).await.0);
                serde_json::json!({ "id": id, "version": version, "workout": workout_input(exercise) })
            }
            other => panic!("the matrix has no JSON body for {other}"),
        }
    }

    /// The matrix's call of `case` as `client`, its ids in the club of `scope`, ready to send.
    pub async fn matrix_call(
        &self,
        client: &reqwest::Client,
        case: &Case,
        scope: Scope,
    ) -> reqwest::RequestBuilder {
        let request = client.post(format!("{}/api/{}", self.base, case.endpoint));
        if JSON_ENDPOINTS.contains(&case.endpoint) {
            request.json(&self.json(case.endpoint, scope).await)
        } else {
            request.form(&self.args(case.endpoint, scope).await)
        }
    }

    /// The form arguments of one call.
    pub async fn args(&self, endpoint: &str, scope: Scope) -> Vec<(&'static str, String)> {
        let club = self.club(scope);
        match endpoint {
            "get_viewer" | "log_out" | "log_out_everywhere" | "club_members" | "pending_invitations" => {
                vec![]
            }
            "set_language" => vec![("language", "en".into())],
            "set_theme" => vec![("theme", "dark".into())],
            "sign_up" => {
                sign_up_form("Matrix club", "New Owner", &self.fresh_email("signup"), PASSWORD).to_vec()
            }
            "log_in" => vec![
                ("email", "spare-owner@matrix.test".into()),
                ("password", PASSWORD.into()),
            ],
            "invitation" => vec![("token", self.invitation(self.spare).await.1)],
            "join_with_new_account" => vec![
                ("token", self.invitation(self.spare).await.1),
                ("display_name", "Joiner".into()),
                ("password", PASSWORD.into()),
            ],
            // Anyone holding the link may use it: every caller's account may accept it.
            "accept_invitation" => {
                let email = self.fresh_email("invitee");
                vec![("token", self.invitation_to(self.spare, &email, true).await.1)]
            }
            "switch_club" => vec![("club_id", club.0.to_string())],
            "change_role" => {
                let (id, version) = self.member(club).await;
                vec![
                    ("member_id", id.to_string()),
                    ("role", "coach".into()),
                    ("version", version.to_string()),
                ]
            }
            "remove_member" => {
                let (id, version) = self.member(club).await;
                vec![("member_id", id.to_string()), ("version", version.to_string())]
            }
            "invite" => vec![("email", self.fresh_email("invited")), ("role", "athlete".into())],
            "revoke_invitation" => vec![("invitation_id", self.invitation(club).await.0.to_string())],
            "catalogue" => vec![("query[q]", "arrache".into()), ("query[status]", "all".into())],
            "catalogue_choices" => vec![],
            "exercise" => vec![("id", self.exercise(club).await.0.to_string())],
            "create_exercise" => vec![("name_fr", self.fresh_email("nouveau"))],
            "update_exercise" => change(
                self.exercise(club).await,
                [("name_fr", self.fresh_email("renamed"))],
            ),
            "archive_exercise" => change(self.exercise(club).await, [archived()]),
            "complexes" => vec![],
            "catalogue_list" => vec![("kind", "equipment".into())],
            "save_list_entry" => {
                let id = self.list_entry(club).await;
                vec![
                    ("kind", "equipment".into()),
                    ("id", id.to_string()),
                    ("name_fr", self.fresh_email("renommé")),
                ]
            }
            "delete_list_entry" => {
                let id = self.list_entry(club).await;
                vec![("kind", "equipment".into()), ("id", id.to_string())]
            }
            "export_catalogue" => vec![("format", "csv".into())],
            "import_catalogue" => vec![
                ("format", "csv".into()),
                (
                    "content",
                    format!(
                        "type,name_fr,name_en\nexercise,{},\n",
                        self.fresh_email("importé")
                    ),
                ),
            ],
            "complex" => vec![("id", self.complex(club).await.0.to_string())],
            "movement_candidates" => vec![("q", "arrache".into())],
            "archive_complex" => {
                let (id, version, _) = self.complex(club).await;
                change((id, version), [archived()])
            }
            "delete_complex" => {
                let (id, version, _) = self.complex(club).await;
                change((id, version), [])
            }
            "delete_exercise" => change(self.exercise(club).await, []),
            "workout_preview" => vec![("athlete", self.athlete(club).await.0.to_string())],
            "planning_calendar" => vec![("month", "2026-12".into())],
            "planning_choices" | "feed_link" | "create_feed_link" => vec![],
            // The club's owner has a link to revoke (other callers have none: nothing changes).
            "revoke_feed_link" => {
                let owner = self
                    .store
                    .member_by_user(club, self.inviter(club))
                    .await
                    .expect("read")
                    .expect("the owner");
                let n = self.counter.fetch_add(1, Ordering::Relaxed);
                self.store
                    .set_feed(club, owner.id, &format!("{n:064x}"), Utc::now())
                    .await
                    .expect("a link");
                vec![]
            }
            "planning_sheet" => vec![
                ("group", self.group(club).await.0.to_string()),
                ("week", "2026-W50".into()),
            ],
            "planning_session" | "session_editor" => vec![("id", self.session(club).await.0.to_string())],
            "plan_session" => vec![
                ("workout", self.workout(club).await.0.to_string()),
                ("date", "2026-12-09".into()),
                ("time", "18:30".into()),
                ("athletes[]", self.athlete(club).await.0.to_string()),
            ],
            "move_session" => change(self.session(club).await, [("date", "2026-12-10".into())]),
            "copy_session" => vec![
                ("id", self.session(club).await.0.to_string()),
                ("date", "2026-12-11".into()),
            ],
            "delete_session" | "sync_session" => change(self.session(club).await, []),
            "edit_session" => change(
                self.session(club).await,
                [
                    ("date", "2026-12-12".into()),
                    ("time", "07:00".into()),
                    ("athletes[]", self.athlete(club).await.0.to_string()),
                ],
            ),
            "skip_session" => {
                let (id, version, athlete) = self.session_for(club).await;
                change(
                    (id, version),
                    [("athlete", athlete.to_string()), ("skip", "true".into())],
                )
            }
            "adapt_session" => {
                let (id, version, athlete) = self.session_for(club).await;
                change(
                    (id, version),
                    [
                        ("athlete", athlete.to_string()),
                        ("element", "0".into()),
                        ("blocks", "3x2 @70%".into()),
                    ],
                )
            }
            "repeat_session" => change(self.session(club).await, [("weeks", "3".into())]),
            // One athlete's week, with their session (of the scope's club: copied; another
            // club's athlete: not found).
            "week_copy_preview" | "copy_week" => {
                let (id, version, athlete) = self.session_for(club).await;
                vec![
                    ("from", "2026-W50".into()),
                    ("to", "2026-W51".into()),
                    ("scope", format!("a{athlete}")),
                    ("sources[]", format!("{id}:{version}")),
                ]
            }
            "workout_library" => vec![("query[q]", "arrache".into()), ("query[status]", "all".into())],
            "workout_view" | "workout_editor" | "duplicate_workout" => {
                vec![("id", self.workout(club).await.0.to_string())]
            }
            "workout_sheet" => vec![
                ("id", self.workout(club).await.0.to_string()),
                ("group", self.group(club).await.0.to_string()),
                ("date", "2026-12-01".into()),
            ],
            "archive_workout" => change(self.workout(club).await, [archived()]),
            "delete_workout" => change(self.workout(club).await, []),
            "roster" | "own_profile" | "groups" | "load_training_settings" => vec![],
            "load_athlete" => vec![("id", self.athlete(club).await.0.to_string())],
            "create_athlete" => vec![
                ("first_name", "Nouvelle".into()),
                ("last_name", self.fresh_email("athlète")),
                ("sex", "women".into()),
            ],
            "update_athlete" => change(
                self.athlete(club).await,
                [
                    ("first_name", "Renommée".into()),
                    ("last_name", self.fresh_email("athlète")),
                    ("sex", "women".into()),
                ],
            ),
            "archive_athlete" => change(self.athlete(club).await, [archived()]),
            "link_account" => {
                // A new profile of the club linked to a new member of the same club.
                let (id, version) = self.athlete(club).await;
                let (member, _) = self.member(club).await;
                vec![
                    ("athlete_id", id.to_string()),
                    ("version", version.to_string()),
                    ("member_id", member.to_string()),
                ]
            }
            "record_weighing" => vec![
                ("athlete_id", self.athlete(club).await.0.to_string()),
                ("weighed_on", Utc::now().date_naive().to_string()),
                ("bodyweight", "71.4".into()),
            ],
            "delete_weighing" => {
                let id = AthleteId(self.athlete(club).await.0);
                let date = Utc::now().date_naive();
                self.store
                    .record_weighing(
                        club,
                        id,
                        Weighing {
                            date,
                            weight: Kg::whole(70),
                        },
                    )
                    .await
                    .expect("weighing");
                vec![("athlete_id", id.0.to_string()), ("date", date.to_string())]
            }
            "record_level" => vec![
                ("athlete_id", self.athlete(club).await.0.to_string()),
                ("level", "national".into()),
                ("start", Utc::now().date_naive().to_string()),
            ],
            "record_max" => vec![
                ("athlete_id", self.athlete(club).await.0.to_string()),
                ("exercise", self.exercise(club).await.0.to_string()),
                ("weight", "92.5".into()),
                ("date", Utc::now().date_naive().to_string()),
                ("kind", "tested".into()),
            ],
            "update_max" => change(
                self.max(club).await,
                [
                    ("exercise", self.exercise(club).await.0.to_string()),
                    ("weight", "95".into()),
                    ("date", Utc::now().date_naive().to_string()),
                    ("kind", "competition".into()),
                ],
            ),
            "delete_max" => change(self.max(club).await, []),
            "create_group" => vec![("name", self.fresh_email("groupe"))],
            "rename_group" => change(self.group(club).await, [("name", self.fresh_email("renommé"))]),
            "archive_group" => change(self.group(club).await, [archived()]),
            "set_in_group" => vec![
                ("group_id", self.group(club).await.0.to_string()),
                ("athlete_id", self.athlete(club).await.0.to_string()),
                ("member", "true".into()),
            ],
            "import_athletes" => vec![(
                "content",
                format!("prénom,nom,sexe\nImportée,{},F\n", self.fresh_email("athlète")),
            )],
            other => panic!("the matrix has no arguments for {other}"),
        }
    }

    /// A client logged in as the member of the own club with `role` (or a visitor).
    pub async fn client(&self, role: Option<Role>) -> reqwest::Client {
        match role {
            Some(role) => self.log_in_as(&format!("{}@alpha.test", role.as_str())).await,
            None => cookie_client(),
        }
    }

    /// A client logged in with the account of `email` (every fixture account has `PASSWORD`).
    pub async fn log_in_as(&self, email: &str) -> reqwest::Client {
        let client = cookie_client();
        self.log_in_with(&client, email).await;
        client
    }

    /// Logs `client` (which keeps cookies) in with the account of `email`.
    pub async fn log_in_with(&self, client: &reqwest::Client, email: &str) {
        let response = log_in(client, &self.base, &[], email, PASSWORD).await;
        let status = response.status();
        let headers = format!("{:?}", response.headers());
        assert_eq!(
            status,
            200,
            "log in as {email}: {headers} {}",
            response.text().await.unwrap_or_default()
        );
    }

    /// A GET of `path` (an address on this DropIt, from its first `/`) as `client`.
    pub async fn get(&self, client: &reqwest::Client, path: &str) -> reqwest::Response {
        client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("get")
    }

    /// A call of the server function `endpoint` as `client`, with the form `fields`.
    pub async fn post<F: serde::Serialize + ?Sized>(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        fields: &F,
    ) -> reqwest::Response {
        post_to(client, &self.base, endpoint, &[], fields).await
    }
}

/// A client that keeps its cookies, as a browser does.
pub fn cookie_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client")
}

/// A call of the server function `endpoint` of the DropIt at `base` as `client`, with extra
/// `headers` and the form `fields`.
pub async fn post_to<F: serde::Serialize + ?Sized>(
    client: &reqwest::Client,
    base: &str,
    endpoint: &str,
    headers: &[(&str, &str)],
    fields: &F,
) -> reqwest::Response {
    let mut request = client.post(format!("{base}/api/{endpoint}"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.form(fields).send().await.expect("call")
}

/// A login with `email` and `password` as `client` at the DropIt at `base`, with extra `headers`.
pub async fn log_in(
    client: &reqwest::Client,
    base: &str,
    headers: &[(&str, &str)],
    email: &str,
    password: &str,
) -> reqwest::Response {
    post_to(
        client,
        base,
        "log_in",
        headers,
        &[("email", email), ("password", password)],
    )
    .await
}

/// The session cookie of a login, for raw requests.
pub async fn session_cookie(base: &str, email: &str) -> String {
    let login = log_in(&reqwest::Client::new(), base, &[], email, PASSWORD).await;
    assert_eq!(login.status(), 200, "log in as {email}");
    session_of(&login)
}

/// The session cookie an answer sets (`name=value`).
pub fn session_of(answer: &reqwest::Response) -> String {
    answer
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("dropit_session="))
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_owned()
}

/// Every file below `dir`, in its folders too (the media folder: what uploads left behind).
pub fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// The form of a sign-up.
pub fn sign_up_form(
    club_name: &str,
    display_name: &str,
    email: &str,
    password: &str,
) -> [(&'static str, String); 4] {
    [
        ("club_name", club_name.into()),
        ("display_name", display_name.into()),
        ("email", email.into()),
        ("password", password.into()),
    ]
}

/// The problems of an answer that refuses its input as invalid (422): a list of
/// `{field, problem}`.
pub async fn invalid(answer: reqwest::Response) -> serde_json::Value {
    assert_eq!(answer.status(), 422, "{}", answer.url());
    let mut body: serde_json::Value = answer.json().await.expect("json");
    body["Invalid"].take()
}

/// What a person types in the athlete form: first and last name, and sex.
pub fn person(first_name: &str, last_name: &str, sex: &str) -> AthleteInput {
    AthleteInput {
        first_name: first_name.into(),
        last_name: last_name.into(),
        sex: sex.into(),
        ..AthleteInput::default()
    }
}

/// The same name in French and in English.
pub fn same_names(name: &str) -> Names {
    Names {
        fr: name.into(),
        en: name.into(),
    }
}

/// A complex of `movements`, named after them (no names, no category), as the builder sends it.
fn complex_input(movements: [i64; 2]) -> ComplexInput {
    ComplexInput {
        movements: movements.map(ExerciseId).to_vec(),
        ..ComplexInput::default()
    }
}

/// The fields of a change to a record: its `(id, version)`, then `fields`.
fn change(
    (id, version): (i64, i64),
    fields: impl IntoIterator<Item = (&'static str, String)>,
) -> Vec<(&'static str, String)> {
    [("id", id.to_string()), ("version", version.to_string())]
        .into_iter()
        .chain(fields)
        .collect()
}

/// A workout of one element: `exercise`, 5 × 3 at 75 %.
pub fn workout_input(exercise: ExerciseId) -> domain::workout::WorkoutInput {
    use domain::workout::{Block, Element, Intensity, Lift, WorkoutContent, WorkoutInput};
    let block = Block {
        sets: 5,
        reps: vec![3],
        intensity: Intensity::Percent {
            percent: domain::load::Percent::whole(75),
            of: None,
        },
        rest: None,
    };
    WorkoutInput {
        title: "Séance matrice".into(),
        content: WorkoutContent {
            elements: vec![Element::new(Lift::Exercise(exercise), vec![block])],
        },
        ..WorkoutInput::default()
    }
}

/// The field that archives a record.
fn archived() -> (&'static str, String) {
    ("archived", "true".into())
}

/// A DropIt on a fresh SQLite file in the system's temporary folder.
pub async fn spawn() -> Fixture {
    spawn_in(&std::env::temp_dir(), &[]).await
}

/// A DropIt on a fresh SQLite file (and media folder) in `dir`, with extra command-line flags.
pub async fn spawn_in(dir: &Path, flags: &[&str]) -> Fixture {
    let unique = uuid::Uuid::new_v4();
    let path = dir.join(format!("dropit-test-{unique}.db"));
    let media = dir.join(format!("dropit-test-{unique}-media"));
    let url = format!("sqlite://{}", path.display());
    let media_flag = media.display().to_string();
    let mut args = vec![
        "dropit",
        "--database-url",
        url.as_str(),
        "--media-dir",
        media_flag.as_str(),
        "--listen",
        "127.0.0.1:0",
    ];
    args.extend_from_slice(flags);
    let cli = Cli::parse_from(args);
    let db = server::open_database(&cli.config, store::Creation::Allowed)
        .await
        .expect("database");
    let store = db.store();
    let hasher = server::hasher::Argon2Hasher::default();
    let gate = test_gate();
    let now = Utc::now();

    // Three clubs: ours (with one member per role), a foreign one, and a spare one to join.
    let mut clubs = Vec::new();
    let mut owners = Vec::new();
    for (name, owner) in [
        ("Alpha", "owner@alpha.test"),
        ("Beta", "owner@beta.test"),
        ("Zeta", "spare-owner@matrix.test"),
    ] {
        let input = domain::account::SignUp::parse(name, "Owner", owner, PASSWORD).expect("valid");
        let (user, club) = domain::service::sign_up(&*store, &hasher, &gate, input, now)
            .await
            .expect("sign up");
        clubs.push(club);
        owners.push(user.id);
    }
    let owner = store
        .member_by_user(clubs[0], owners[0])
        .await
        .expect("m")
        .expect("owner");
    for (i, role) in [Role::Admin, Role::Coach, Role::Athlete].into_iter().enumerate() {
        let token = InvitationToken::from_random_bytes([u8::try_from(i + 1).expect("small"); 32]);
        let request = domain::service::InvitationRequest {
            email: domain::account::Email::parse("email", &format!("{}@alpha.test", role.as_str()))
                .expect("an email"),
            role,
            open_link: false,
        };
        domain::service::invite(&*store, &owner, &request, &token, now)
            .await
            .expect("invite");
        let account = domain::service::NewAccount {
            display_name: role.as_str(),
            password: PASSWORD,
            email: "",
        };
        domain::service::accept_invitation_as_new_user(&*store, &hasher, token.as_str(), &account, now)
            .await
            .expect("join");
    }

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let app = server::build(&cli.config, db).await.expect("app");
    tokio::spawn(server::serve(app, listener));
    Fixture {
        base,
        store,
        own: clubs[0],
        foreign: clubs[1],
        spare: clubs[2],
        owner_of: [owners[0], owners[1], owners[2]],
        counter: AtomicU32::new(0),
        database: path,
        media,
    }
}

/// The throttle's gate of sign-ups a test makes directly through the use-case: an address of
/// the documentation range, so they do not count with the HTTP calls' 127.0.0.1.
pub fn test_gate() -> domain::service::Gate<'static> {
    static LIMITS: std::sync::LazyLock<domain::throttle::Limits> =
        std::sync::LazyLock::new(domain::throttle::Limits::default);
    domain::service::Gate {
        limits: &LIMITS,
        pause: &server::hasher::TokioPause,
        address: std::net::IpAddr::from([192, 0, 2, 250]),
    }
}
