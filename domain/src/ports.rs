//! The ports the domain needs from the outside world. Adapters live in other crates
//! (`store` for the databases, the server for password hashing); `main` wires them.

use crate::account::{DisplayName, Email, User};
use crate::athlete::{Athlete, AthleteDraft, Group, GroupChange};
use crate::athlete_import::AthleteImportPlan;
use crate::catalogue::exchange::ImportCounts;
use crate::catalogue::file::CataloguePlan;
use crate::catalogue::{Complex, ComplexDraft, Exercise, ExerciseDraft, Label, LabelKind, Names};
use crate::competition::{CompetitorLevel, LevelChange, LevelStatus, Weighing};
use crate::error::StoreError;
use crate::ids::{
    AthleteId, CategoryId, ClubId, ComplexId, EquipmentId, ExerciseId, GroupId, InvitationId, MaxId,
    MemberId, UserId,
};
use crate::invitation::{Invitation, TokenHash};
use crate::maxes::Max;
use crate::membership::{ClubMembership, Member};
use crate::planning::groups::Membership;
use crate::planning::{Session, SessionDraft, SessionId, TimeOfDay};
use crate::role::Role;
use crate::settings::TrainingSettings;
use crate::throttle::{Counter, Key};
use crate::workout::{Workout, WorkoutCategoryId, WorkoutDraft, WorkoutId};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

pub type StoreResult<T> = Result<T, StoreError>;

/// A record of a club as its editor saw it: the club, the record's id and its version. A
/// change through it answers `NotFound` when the record is not the club's, and `Conflict`
/// when the record changed since `version` (the edit was made on a stale copy).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Versioned<I> {
    pub club: ClubId,
    pub id: I,
    pub version: i64,
}

impl<I> Versioned<I> {
    pub fn new(club: ClubId, id: I, version: i64) -> Self {
        Self { club, id, version }
    }

    /// The change of this record to `value`, made at `now`.
    pub fn edit<T>(self, value: T, now: DateTime<Utc>) -> Edit<I, T> {
        Edit {
            club: self.club,
            id: self.id,
            version: self.version,
            value,
            now,
        }
    }
}

/// A change of a [`Versioned`] record to a new value (a draft, the archived flag, a linked
/// member), made at `now` (the record's time of change).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edit<I, T> {
    pub club: ClubId,
    pub id: I,
    pub version: i64,
    pub value: T,
    pub now: DateTime<Utc>,
}

/// A new account: its checked email and name, and its password already hashed.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: Email,
    pub display_name: DisplayName,
    pub password_hash: String,
}

/// A new club and its owner's new account, with the club's starting catalogue.
#[derive(Debug, Clone)]
pub struct NewClub<'a> {
    pub owner: NewUser,
    pub name: &'a str,
    pub catalogue: &'a CataloguePlan,
}

/// A new invitation (the token already hashed).
#[derive(Debug, Clone)]
pub struct NewInvitation {
    pub club_id: ClubId,
    pub email: String,
    pub role: Role,
    pub token_hash: TokenHash,
    pub invited_by: UserId,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// Anyone with the link may accept it (see [`crate::invitation::Invitation::open_link`]).
    pub open_link: bool,
}

#[async_trait]
pub trait AccountStore: Send + Sync {
    /// Creates a user, a club with its starting catalogue, and the user's owner membership,
    /// all or nothing. `Duplicate` when the email is taken.
    async fn create_user_with_club(
        &self,
        new: NewClub<'_>,
        now: DateTime<Utc>,
    ) -> StoreResult<(User, ClubId)>;
    async fn user(&self, id: UserId) -> StoreResult<Option<User>>;
    /// The user and their password hash, by (normalised) email.
    async fn user_credentials(&self, email: &str) -> StoreResult<Option<(User, String)>>;
    /// Invalidates every session of the user; returns the new generation.
    async fn bump_session_generation(&self, id: UserId) -> StoreResult<i64>;
}

#[async_trait]
pub trait ClubStore: Send + Sync {
    async fn club_name(&self, club: ClubId) -> StoreResult<Option<String>>;
    /// The clubs a user belongs to, by name.
    async fn memberships(&self, user: UserId) -> StoreResult<Vec<ClubMembership>>;
    async fn member_by_user(&self, club: ClubId, user: UserId) -> StoreResult<Option<Member>>;
    /// The user and all their memberships, in one read (`None` for an unknown user).
    async fn identity(&self, user: UserId) -> StoreResult<Option<crate::membership::Identity>>;
    /// A member of `club` — a member of any other club is `None`.
    async fn member(&self, club: ClubId, member: MemberId) -> StoreResult<Option<Member>>;
    async fn members(&self, club: ClubId) -> StoreResult<Vec<Member>>;
    async fn owner_count(&self, club: ClubId) -> StoreResult<usize>;
    /// Refuses (`Conflict`) to leave the club without an owner.
    async fn set_member_role(&self, member: Versioned<MemberId>, role: Role) -> StoreResult<Member>;
    async fn remove_member(&self, member: Versioned<MemberId>) -> StoreResult<()>;
}

#[async_trait]
pub trait InvitationStore: Send + Sync {
    async fn create_invitation(&self, new: NewInvitation) -> StoreResult<Invitation>;
    /// Invitations neither accepted, revoked nor expired at `now`, newest first.
    async fn pending_invitations(&self, club: ClubId, now: DateTime<Utc>) -> StoreResult<Vec<Invitation>>;
    /// The invitation with this token hash and its club's name.
    async fn invitation_by_token(&self, hash: &TokenHash) -> StoreResult<Option<(Invitation, String)>>;
    /// `NotFound` unless a pending invitation of `club`.
    async fn revoke_invitation(&self, club: ClubId, id: InvitationId, now: DateTime<Utc>) -> StoreResult<()>;
    /// Marks the invitation used and makes `user` a member, atomically. `Conflict` if it was
    /// used, revoked or expired meanwhile; `Duplicate` if the user is a member already.
    async fn accept_invitation(
        &self,
        id: InvitationId,
        user: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<MemberId>;
    /// Same, creating the account first (all or nothing).
    async fn accept_invitation_as_new_user(
        &self,
        id: InvitationId,
        user: NewUser,
        now: DateTime<Utc>,
    ) -> StoreResult<(User, MemberId)>;
}

/// A counter update of [`ThrottleStore::update_throttle`]: the counter as stored (if any) to
/// the counter to store.
pub type CounterUpdate<'a> = &'a (dyn Fn(Option<Counter>) -> Counter + Send + Sync);

/// The counters of [`crate::throttle`], and the devices that logged in before.
#[async_trait]
pub trait ThrottleStore: Send + Sync {
    /// The counter under `key`, as it is (a read, taking no lock).
    async fn throttle(&self, key: &Key) -> StoreResult<Option<Counter>>;
    /// Replaces the counter under `key` with what `update` makes of it, atomically: concurrent
    /// updates of one key run one after the other, each on the counter the previous one left.
    /// Answers the counter as it was and as it is now.
    async fn update_throttle(
        &self,
        key: &Key,
        update: CounterUpdate<'_>,
    ) -> StoreResult<(Option<Counter>, Counter)>;
    /// Forgets the counters whose window started before `before`; answers how many.
    async fn forget_throttles(&self, before: DateTime<Utc>) -> StoreResult<u64>;
    /// Remembers a device (by its token's hash) that logged in to `user`'s account.
    async fn remember_device(&self, user: UserId, token_hash: &str, now: DateTime<Utc>) -> StoreResult<()>;
    /// The account a device logged in to, if it is known.
    async fn device_owner(&self, token_hash: &str) -> StoreResult<Option<UserId>>;
    /// Forgets every device of `user` ("log out everywhere").
    async fn forget_devices(&self, user: UserId) -> StoreResult<()>;
}

/// A club's catalogue as a whole: its version, its lists (categories and equipment), whole
/// catalogues added or imported. Every call is scoped by the club: another club's ids are "not
/// found".
#[async_trait]
pub trait CatalogueStore: Send + Sync {
    /// Adds a whole validated catalogue to a club in one transaction: all of it or nothing
    /// (`Duplicate` when a name is already the club's).
    async fn add_catalogue(&self, club: ClubId, plan: &CataloguePlan, now: DateTime<Utc>) -> StoreResult<()>;
    /// Imports a validated catalogue in one transaction, matching rows to the club's entries
    /// by French name: matches are updated, the rest created.
    async fn import_catalogue(
        &self,
        club: ClubId,
        plan: &CataloguePlan,
        now: DateTime<Utc>,
    ) -> StoreResult<ImportCounts>;
    /// A number the database changes whenever anything in the club's catalogue changes
    /// (exercises, complexes, categories, equipment); `NotFound` for an unknown club.
    async fn catalogue_version(&self, club: ClubId) -> StoreResult<i64>;
    async fn categories(&self, club: ClubId) -> StoreResult<Vec<Label<CategoryId>>>;
    async fn equipment(&self, club: ClubId) -> StoreResult<Vec<Label<EquipmentId>>>;
    /// The club's workout categories, by French name.
    async fn workout_categories(&self, club: ClubId) -> StoreResult<Vec<Label<WorkoutCategoryId>>>;
    /// Adds a category or a piece of equipment; `Duplicate` when the list has that name.
    async fn create_label(&self, club: ClubId, kind: LabelKind, names: &Names) -> StoreResult<i64>;
    async fn rename_label(&self, club: ClubId, kind: LabelKind, id: i64, names: &Names) -> StoreResult<()>;
    /// Removes a category or a piece of equipment; the exercises that had it keep none.
    async fn delete_label(&self, club: ClubId, kind: LabelKind, id: i64) -> StoreResult<()>;
    /// How many exercises (and, for categories, complexes) use each entry of a list.
    async fn label_uses(&self, club: ClubId, kind: LabelKind) -> StoreResult<Vec<(i64, i64)>>;
}

/// A club's exercises. Every call is scoped by the club: another club's ids are "not found".
#[async_trait]
pub trait ExerciseStore: Send + Sync {
    /// Every exercise of the club, archived ones included, by French name.
    async fn exercises(&self, club: ClubId) -> StoreResult<Vec<Exercise>>;
    async fn exercise(&self, club: ClubId, id: ExerciseId) -> StoreResult<Option<Exercise>>;
    /// `Duplicate` when the club has an exercise of that name; `NotFound` when the category or
    /// the equipment is not the club's.
    async fn create_exercise(
        &self,
        club: ClubId,
        draft: &ExerciseDraft,
        now: DateTime<Utc>,
    ) -> StoreResult<Exercise>;
    /// `Conflict` when the exercise changed since its version.
    async fn update_exercise(&self, exercise: Edit<ExerciseId, &ExerciseDraft>) -> StoreResult<Exercise>;
    async fn set_exercise_archived(&self, exercise: Edit<ExerciseId, bool>) -> StoreResult<Exercise>;
    /// Sets (or clears) an exercise's image or video; returns the key it replaces.
    async fn set_exercise_media(
        &self,
        club: ClubId,
        id: ExerciseId,
        slot: crate::media::Slot,
        key: Option<&str>,
    ) -> StoreResult<Option<String>>;
    /// Deletes an unused exercise for good; `InUse` when anything refers to it.
    async fn delete_exercise(&self, exercise: Versioned<ExerciseId>) -> StoreResult<()>;
}

/// A club's complexes: exercises done back to back. Every call is scoped by the club: another
/// club's ids are "not found".
#[async_trait]
pub trait ComplexStore: Send + Sync {
    /// Every complex of the club, archived ones included, by French name.
    async fn complexes(&self, club: ClubId) -> StoreResult<Vec<Complex>>;
    /// The complexes an exercise is a movement of.
    async fn complexes_using(&self, club: ClubId, id: ExerciseId) -> StoreResult<Vec<Label<ComplexId>>>;
    async fn complex(&self, club: ClubId, id: ComplexId) -> StoreResult<Option<Complex>>;
    /// `NotFound` when a movement or the category is not the club's.
    async fn create_complex(
        &self,
        club: ClubId,
        draft: &ComplexDraft,
        now: DateTime<Utc>,
    ) -> StoreResult<Complex>;
    /// Replaces names, category and movements; `Conflict` when it changed since its version.
    async fn update_complex(&self, complex: Edit<ComplexId, &ComplexDraft>) -> StoreResult<Complex>;
    async fn set_complex_archived(&self, complex: Edit<ComplexId, bool>) -> StoreResult<Complex>;
    async fn delete_complex(&self, complex: Versioned<ComplexId>) -> StoreResult<()>;
}

/// A max as stored: the athlete's max, with its id and version.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RecordedMax {
    pub id: MaxId,
    pub athlete: AthleteId,
    pub max: Max<ExerciseId>,
    pub version: i64,
}

/// A club's athletes' profiles. Every call is scoped by the club: another club's ids are "not
/// found".
#[async_trait]
pub trait AthleteStore: Send + Sync {
    /// Every athlete of the club, archived ones included, by last then first name.
    async fn athletes(&self, club: ClubId) -> StoreResult<Vec<Athlete>>;
    async fn athlete(&self, club: ClubId, id: AthleteId) -> StoreResult<Option<Athlete>>;
    /// The profile linked to a member of the club, if any.
    async fn athlete_of_member(&self, club: ClubId, member: MemberId) -> StoreResult<Option<Athlete>>;
    /// `Duplicate` when `member` already has a profile.
    async fn create_athlete(
        &self,
        club: ClubId,
        draft: &AthleteDraft,
        member: Option<MemberId>,
        now: DateTime<Utc>,
    ) -> StoreResult<Athlete>;
    /// `Conflict` when it changed since its version.
    async fn update_athlete(&self, athlete: Edit<AthleteId, &AthleteDraft>) -> StoreResult<Athlete>;
    async fn set_athlete_archived(&self, athlete: Edit<AthleteId, bool>) -> StoreResult<Athlete>;
    /// Links the profile to a member of the club (their account), or unlinks it (`None`).
    /// `NotFound` when the member is not the club's; `Duplicate` when the member already has
    /// a profile; `Conflict` when the profile changed since its version.
    async fn link_member(&self, athlete: Edit<AthleteId, Option<MemberId>>) -> StoreResult<Athlete>;
}

/// An athlete's bodyweights and competitor levels: what competing needs of them. Every call is
/// scoped by the club: another club's ids are "not found".
#[async_trait]
pub trait CompetitionStore: Send + Sync {
    /// An athlete's weighings, oldest first.
    async fn weighings(&self, club: ClubId, athlete: AthleteId) -> StoreResult<Vec<Weighing>>;
    /// Every weighing of the club's athletes, oldest first (the roster's latest bodyweight).
    async fn club_weighings(&self, club: ClubId) -> StoreResult<Vec<(AthleteId, Weighing)>>;
    /// Records a weighing; one per day, a second one the same day replaces the first.
    async fn record_weighing(&self, club: ClubId, athlete: AthleteId, weighing: Weighing) -> StoreResult<()>;
    async fn delete_weighing(&self, club: ClubId, athlete: AthleteId, date: NaiveDate) -> StoreResult<()>;

    /// An athlete's competitor levels, oldest first.
    async fn levels(&self, club: ClubId, athlete: AthleteId) -> StoreResult<Vec<LevelStatus>>;
    /// Every athlete's current level (the roster).
    async fn current_levels(&self, club: ClubId) -> StoreResult<Vec<(AthleteId, CompetitorLevel)>>;
    /// Starts the level on `change.start`, closing the open one on the same day, in one
    /// transaction. `Conflict` when the open level started on or after that day.
    async fn record_level(&self, club: ClubId, athlete: AthleteId, change: LevelChange) -> StoreResult<()>;
}

/// The athletes' maxes. Every call is scoped by the club: another club's ids are "not found".
#[async_trait]
pub trait MaxStore: Send + Sync {
    /// An athlete's maxes, oldest first.
    async fn maxes(&self, club: ClubId, athlete: AthleteId) -> StoreResult<Vec<RecordedMax>>;
    /// Every max of the club's athletes, oldest first (the roster's totals).
    async fn club_maxes(&self, club: ClubId) -> StoreResult<Vec<RecordedMax>>;
    async fn recorded_max(&self, club: ClubId, id: MaxId) -> StoreResult<Option<RecordedMax>>;
    /// `NotFound` when the athlete or the exercise is not the club's.
    async fn create_max(
        &self,
        club: ClubId,
        athlete: AthleteId,
        max: &Max<ExerciseId>,
        now: DateTime<Utc>,
    ) -> StoreResult<RecordedMax>;
    async fn update_max(&self, id: Versioned<MaxId>, max: &Max<ExerciseId>) -> StoreResult<RecordedMax>;
    async fn delete_max(&self, id: Versioned<MaxId>) -> StoreResult<()>;
}

/// The club's groups of athletes. Every call is scoped by the club: another club's ids are "not
/// found".
#[async_trait]
pub trait GroupStore: Send + Sync {
    /// Every group of the club with its athletes, archived ones included, by name.
    async fn groups(&self, club: ClubId) -> StoreResult<Vec<Group>>;
    /// `Duplicate` when the club has a group of that name (without case or accents).
    async fn create_group(&self, club: ClubId, name: &str, now: DateTime<Utc>) -> StoreResult<Group>;
    async fn rename_group(&self, group: Versioned<GroupId>, name: &str) -> StoreResult<Group>;
    async fn set_group_archived(&self, group: Edit<GroupId, bool>) -> StoreResult<Group>;
    /// Puts an athlete in a group or takes them out (doing it twice changes nothing).
    async fn set_in_group(&self, club: ClubId, change: GroupChange) -> StoreResult<()>;
}

/// Athletes imported from a file.
#[async_trait]
pub trait AthleteImportStore: Send + Sync {
    /// Imports a checked file of athletes in one transaction, all or nothing: creates the
    /// missing groups (matched to the club's groups, archived ones included, by folded name: the
    /// rule that keeps group names unique), creates every athlete and puts them in their groups.
    /// Returns the number of athletes created.
    async fn import_athletes(
        &self,
        club: ClubId,
        plan: &AthleteImportPlan,
        now: DateTime<Utc>,
    ) -> StoreResult<usize>;
}

/// The club's training settings.
#[async_trait]
pub trait SettingsStore: Send + Sync {
    /// The club's training settings and their version; `None` until an admin first saves them.
    async fn training_settings(
        &self,
        club: ClubId,
    ) -> StoreResult<Option<(TrainingSettings<ExerciseId>, i64)>>;
    /// Saves the settings whole; `expected_version` is `None` for the first save. Returns the
    /// new version; `Conflict` when they changed since.
    async fn save_training_settings(
        &self,
        club: ClubId,
        settings: &TrainingSettings<ExerciseId>,
        expected_version: Option<i64>,
        now: DateTime<Utc>,
    ) -> StoreResult<i64>;
}

/// The club's workouts (templates). A workout's content is kept whole; the exercises and
/// complexes it names are known to the store, so that a used one cannot be deleted (`InUse`),
/// and one of another club is `NotFound`.
#[async_trait]
pub trait WorkoutStore: Send + Sync {
    /// The club's workouts, archived ones included, by title.
    async fn workouts(&self, club: ClubId) -> StoreResult<Vec<Workout>>;
    async fn workout(&self, club: ClubId, id: WorkoutId) -> StoreResult<Option<Workout>>;
    /// `NotFound` when the category, an exercise or a complex named is not the club's.
    async fn create_workout(
        &self,
        club: ClubId,
        draft: &WorkoutDraft,
        now: DateTime<Utc>,
    ) -> StoreResult<Workout>;
    async fn update_workout(&self, workout: Edit<WorkoutId, &WorkoutDraft>) -> StoreResult<Workout>;
    async fn set_workout_archived(&self, workout: Edit<WorkoutId, bool>) -> StoreResult<Workout>;
    /// `InUse` while a planned session uses it.
    async fn delete_workout(&self, workout: Versioned<WorkoutId>) -> StoreResult<()>;
}

/// The planning calendar's sessions, and the periods athletes spend in groups. A session's
/// content and overrides are kept whole; whom it names (athletes, groups) and what (its
/// template, exercises, complexes, category) are known to the store: one of another club is
/// `NotFound`, and a used workout, exercise or complex cannot be deleted (`InUse`).
#[async_trait]
pub trait PlanningStore: Send + Sync {
    /// The club's sessions on the days from `from` (included) to `until` (excluded), by day,
    /// time (sessions without one first) and id.
    async fn sessions(&self, club: ClubId, from: NaiveDate, until: NaiveDate) -> StoreResult<Vec<Session>>;
    async fn session(&self, club: ClubId, id: SessionId) -> StoreResult<Option<Session>>;
    /// Creates every session or none (a copied week, a repeat), answering them in order.
    async fn create_sessions(
        &self,
        club: ClubId,
        drafts: &[SessionDraft],
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<Session>>;
    /// Replaces a session with the draft (its content, whom it is for, its overrides…).
    async fn update_session(&self, session: Edit<SessionId, &SessionDraft>) -> StoreResult<Session>;
    /// Moves a session to another day and time, nothing else changed.
    async fn move_session(
        &self,
        session: Edit<SessionId, (NaiveDate, Option<TimeOfDay>)>,
    ) -> StoreResult<Session>;
    async fn delete_session(&self, session: Versioned<SessionId>) -> StoreResult<()>;
    /// The periods the club's athletes spent in its groups (kept by the store as athletes join
    /// and leave groups, on the day they do).
    async fn group_memberships(&self, club: ClubId) -> StoreResult<Vec<Membership>>;
    /// Gives a member of the club a private calendar link (the hash of its secret), replacing
    /// theirs; `NotFound` for another club's member.
    async fn set_feed(
        &self,
        club: ClubId,
        member: MemberId,
        hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Removes a member's calendar link, if they have one.
    async fn remove_feed(&self, club: ClubId, member: MemberId) -> StoreResult<()>;
    /// Whether a member of the club has a calendar link.
    async fn has_feed(&self, club: ClubId, member: MemberId) -> StoreResult<bool>;
    /// The member whose calendar link has this hash.
    async fn feed_owner(&self, hash: &str) -> StoreResult<Option<Member>>;
}

/// Everything DropIt stores, behind one port. One adapter per database implements it; a
/// use-case asks only for the ports it uses (see [`crate::service`]).
#[async_trait]
pub trait Store:
    AccountStore
    + ClubStore
    + InvitationStore
    + ThrottleStore
    + CatalogueStore
    + ExerciseStore
    + ComplexStore
    + AthleteStore
    + AthleteImportStore
    + CompetitionStore
    + MaxStore
    + GroupStore
    + SettingsStore
    + WorkoutStore
    + PlanningStore
{
    /// Whether the database answers (readiness).
    async fn ping(&self) -> StoreResult<()>;
}

/// Password hashing (argon2id in the server). Hashing is slow on purpose: adapters keep it off
/// the threads that serve requests.
#[async_trait]
pub trait PasswordHasher: Send + Sync {
    async fn hash(&self, password: &str) -> Result<String, StoreError>;
    /// Whether `password` matches `hash`. Without a hash (an unknown email) the same work is
    /// done against a stand-in and the answer is `false`, so a wrong email takes as long as a
    /// wrong password: the time of an answer does not tell which emails have accounts.
    async fn verify(&self, password: &str, hash: Option<&str>) -> bool;
}

/// Where CPU-heavy work runs (checking an imported file of thousands of rows): on a blocking
/// thread in the server, so the threads serving requests stay free; in place in tests. A
/// use-case given up (its request timed out) stops at its next step: the work may finish, but
/// what follows it (the write) does not happen.
#[async_trait]
pub trait Offload: Send + Sync {
    async fn run(&self, job: Box<dyn FnOnce() + Send>);
}

/// Runs `work` through `offload` and answers its result (`Backend` if it did not finish).
pub async fn offloaded<T: Send + 'static>(
    offload: &dyn Offload,
    work: impl FnOnce() -> T + Send + 'static,
) -> StoreResult<T> {
    let slot = std::sync::Arc::new(std::sync::Mutex::new(None));
    let filled = slot.clone();
    offload
        .run(Box::new(move || {
            let result = work();
            if let Ok(mut slot) = filled.lock() {
                *slot = Some(result);
            }
        }))
        .await;
    let result = slot.lock().ok().and_then(|mut slot| slot.take());
    result.ok_or_else(|| StoreError::Backend("offloaded work did not finish".into()))
}

/// Runs jobs where they are asked (tests, tools).
#[derive(Debug, Default, Clone, Copy)]
pub struct InPlace;

#[async_trait]
impl Offload for InPlace {
    async fn run(&self, job: Box<dyn FnOnce() + Send>) {
        job();
    }
}

/// Waiting (the growing delay of [`crate::throttle`]): a timer in the server, a recorder in tests.
#[async_trait]
pub trait Pause: Send + Sync {
    async fn pause(&self, duration: chrono::Duration);
}

/// An invitation to deliver to the invited person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationMail {
    pub to: String,
    pub club_name: String,
    pub role: Role,
    pub invited_by: String,
    pub link: String,
}

/// Why a message could not be sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the message could not be sent: {0}")]
pub struct MailError(pub String);

/// Sends messages to people. DropIt has no mail server yet: the server wires a log-only adapter,
/// and the admin copies the invitation link the page shows. A real adapter (SMTP, an email API)
/// implements this trait and nothing else changes.
pub trait Mailer: Send + Sync {
    fn send_invitation(&self, mail: &InvitationMail) -> Result<(), MailError>;
}
