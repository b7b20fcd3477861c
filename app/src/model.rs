//! What the server functions send to the browser.

use chrono::{DateTime, Utc};
use domain::invitation::InvitationStatus;
use domain::membership::ClubMembership;
use domain::{InvitationId, MemberId, Role};
use serde::{Deserialize, Serialize};

/// The person looking at the page, and the club they are working in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Viewer {
    pub display_name: String,
    pub email: String,
    /// The club they are working in: the one of `clubs` the session names.
    pub club: Option<ClubMembership>,
    pub clubs: Vec<ClubMembership>,
}

impl Viewer {
    pub fn role(&self) -> Option<Role> {
        self.club.as_ref().map(|c| c.role)
    }
}

/// A member as the club page lists them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberRow {
    pub id: MemberId,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub version: i64,
    pub joined_at: DateTime<Utc>,
    pub is_me: bool,
}

/// The club page's data: its members, and what the viewer may hand out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberList {
    pub members: Vec<MemberRow>,
    pub assignable: Vec<Role>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingInvitation {
    pub id: InvitationId,
    pub email: String,
    pub role: Role,
    pub invited_by: String,
    pub expires_at: DateTime<Utc>,
    /// Anyone holding the link may accept it.
    pub open_link: bool,
}

/// A new invitation and the link to hand to the invitee (there is no mail server).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreatedInvitation {
    pub email: String,
    pub link: String,
}

/// What an invitation link shows before it is accepted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvitationView {
    pub club_name: String,
    pub email: String,
    pub role: Role,
    pub invited_by: String,
    pub status: InvitationStatus,
    pub account_exists: bool,
    /// Anyone with the link may accept it, whatever their account's email.
    pub open_link: bool,
}

/// An entry of a club list (a category, a piece of equipment, a complex) in the viewer's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: i64,
    pub name: String,
}

/// One exercise of the catalogue list, named in the viewer's language first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseItem {
    pub id: domain::ExerciseId,
    pub name: String,
    /// The name in the other language, when it differs.
    pub other_name: Option<String>,
    pub short_name: Option<String>,
    pub category: Option<String>,
    pub equipment: Option<String>,
    pub archived: bool,
}

/// What the catalogue page shows for one query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueView {
    /// The first matching exercises (a page; more on request).
    pub items: Vec<ExerciseItem>,
    /// How many exercises match the query.
    pub matching: usize,
    /// Exercises in the club (archived ones included), whatever the query.
    pub total: usize,
    /// What the category and equipment filters offer.
    pub lists: ExerciseChoices,
    /// Whether the viewer may change the catalogue.
    pub can_edit: bool,
}

/// The club's categories and equipment, in the viewer's language, by name: what an exercise form
/// and the catalogue's filters offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseChoices {
    pub categories: Vec<Choice>,
    pub equipment: Vec<Choice>,
}

/// An exercise's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseDetail {
    pub id: domain::ExerciseId,
    pub version: i64,
    pub name_fr: String,
    pub name_en: String,
    pub short_name: Option<String>,
    pub category: Option<Choice>,
    pub equipment: Option<Choice>,
    pub description: Option<String>,
    pub video_url: Option<String>,
    /// How the video link is shown (a player when possible).
    pub video_link: Option<domain::media::VideoLink>,
    /// The addresses of the uploaded image and video.
    pub image: Option<String>,
    pub video: Option<String>,
    pub archived: bool,
    /// The complexes it is a movement of.
    pub used_in: Vec<Choice>,
    pub can_edit: bool,
}

/// A movement of a complex: an exercise, named in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Movement {
    pub id: domain::ExerciseId,
    pub name_fr: String,
    pub name_en: String,
    pub archived: bool,
}

/// One complex of the complexes list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplexItem {
    pub id: domain::ComplexId,
    pub name: String,
    pub category: Option<String>,
    pub movements: usize,
    pub archived: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplexList {
    pub items: Vec<ComplexItem>,
    pub can_edit: bool,
}

/// A complex's page and its builder's starting point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplexDetail {
    pub id: domain::ComplexId,
    pub version: i64,
    pub name_fr: String,
    pub name_en: String,
    pub category: Option<Choice>,
    pub movements: Vec<Movement>,
    pub archived: bool,
    pub can_edit: bool,
}

/// A file for the browser to save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportFile {
    pub filename: String,
    pub content_type: String,
    pub content: String,
}

/// An entry of a club list as its editing page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListEntry {
    pub id: i64,
    pub name_fr: String,
    pub name_en: String,
    /// How many exercises (and complexes, for categories) use it.
    pub uses: i64,
}

/// One workout of the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkoutItem {
    pub id: domain::workout::WorkoutId,
    pub version: i64,
    pub title: String,
    pub category: Option<String>,
    /// The names of its exercises and complexes, in order, in the viewer's language.
    pub lifts: Vec<String>,
    pub archived: bool,
}

/// The library for a query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryView {
    pub items: Vec<WorkoutItem>,
    /// How many workouts the club has, archived ones included.
    pub total: usize,
    pub categories: Vec<Choice>,
}

/// An exercise or a complex the builder offers, named in both languages (the shorthand reads
/// either), with the exercise its %-blocks refer to and its number of movements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "LiftChoiceWire", into = "LiftChoiceWire")]
pub struct LiftChoice {
    pub lift: domain::workout::Lift,
    pub name_fr: String,
    pub name_en: String,
    pub short: Option<String>,
    pub reference: domain::ExerciseId,
    pub movements: usize,
    /// Where the reference is among a complex's movements (0 for an exercise).
    pub main_movement: usize,
    pub archived: bool,
}

/// A [`LiftChoice`] on the wire: a tuple, whose decoder is a third of a struct's (no field
/// names to match), in the builder's code.
type LiftChoiceWire = (
    domain::workout::Lift,
    String,
    String,
    Option<String>,
    domain::ExerciseId,
    usize,
    usize,
    bool,
);

impl From<LiftChoiceWire> for LiftChoice {
    fn from(
        (lift, name_fr, name_en, short, reference, movements, main_movement, archived): LiftChoiceWire,
    ) -> Self {
        LiftChoice {
            lift,
            name_fr,
            name_en,
            short,
            reference,
            movements,
            main_movement,
            archived,
        }
    }
}

impl From<LiftChoice> for LiftChoiceWire {
    fn from(c: LiftChoice) -> Self {
        (
            c.lift,
            c.name_fr,
            c.name_en,
            c.short,
            c.reference,
            c.movements,
            c.main_movement,
            c.archived,
        )
    }
}

/// What the builder saves to, with the version it was read at. Sent as a plain triple
/// (`[is a session, id, version]`): an enum's own encoding would cost the builder's island
/// its decoder, and that page has no kilobyte to spare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(bool, i64, i64)", into = "(bool, i64, i64)")]
pub enum BuilderTarget {
    /// A workout of the library.
    Workout(domain::workout::WorkoutId, i64),
    /// One planned session's own copy of its content (the calendar's "Edit its content"):
    /// its workout and the other sessions keep theirs.
    Session(domain::planning::SessionId, i64),
}

impl From<(bool, i64, i64)> for BuilderTarget {
    fn from((session, id, version): (bool, i64, i64)) -> Self {
        if session {
            Self::Session(domain::planning::SessionId(id), version)
        } else {
            Self::Workout(domain::workout::WorkoutId(id), version)
        }
    }
}

impl From<BuilderTarget> for (bool, i64, i64) {
    fn from(target: BuilderTarget) -> Self {
        match target {
            BuilderTarget::Workout(id, version) => (false, id.0, version),
            BuilderTarget::Session(id, version) => (true, id.0, version),
        }
    }
}

/// What the builder opens with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuilderData {
    /// What it edits; none for a new workout.
    pub target: Option<BuilderTarget>,
    pub title: String,
    pub category: Option<domain::workout::WorkoutCategoryId>,
    pub description: String,
    /// Each element as the builder holds it: its blocks typed in the canonical shorthand.
    pub rows: Vec<crate::pages::workouts::draft::Row>,
    pub categories: Vec<Choice>,
    pub lifts: Vec<LiftChoice>,
    /// How the club counts lifts: the metrics without an athlete. The loads' settings (plates,
    /// rounding, ratios) come with the athletes previewed ([`PreviewData`]).
    pub counting: domain::settings::Counting,
    /// Whom "Preview for" offers: the club's active athletes and groups, by name.
    pub athletes: Vec<Choice>,
    pub groups: Vec<Choice>,
    /// The day the preview starts on (the club's today).
    #[serde(with = "domain::day::iso")]
    pub today: chrono::NaiveDate,
}

/// What the builder's "Preview for" works loads out from: the athletes with their maxes, and
/// the club's training settings. Decoded by the preview's own code (loaded on the first
/// "Preview for"), never by the builder's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewData {
    pub settings: domain::settings::TrainingSettings<domain::ExerciseId>,
    pub athletes: Vec<domain::service::workouts::PreviewAthlete>,
}

/// A workout's sheet for the gym's wall: the workout and, for the group chosen, each athlete's
/// loads on the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkoutSheetView {
    pub detail: WorkoutDetail,
    /// The groups a sheet can be printed for, by name.
    pub groups: Vec<Choice>,
    /// The group printed for; none before one is chosen.
    pub group: Option<Choice>,
    /// The day whose maxes in force make the loads.
    pub date: chrono::NaiveDate,
    /// The group's athletes, by name.
    pub athletes: Vec<SheetAthlete>,
}

/// One athlete's row of the sheet: each element's blocks' loads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetAthlete {
    pub name: String,
    pub blocks: Vec<Vec<domain::workout::metrics::BlockLoad>>,
}

/// A workout's page: the workout, its category's name and the club's lifts it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkoutDetail {
    pub id: domain::workout::WorkoutId,
    pub workout: domain::workout::WorkoutInput,
    pub category: Option<String>,
    pub lifts: Vec<LiftChoice>,
}

/// The planning calendar's page: the sessions of the days shown, with whom they are for and,
/// when the calendar is one athlete's, what they lift.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarView {
    /// The viewer plans (a coach or above): they may move, copy and create sessions.
    pub planner: bool,
    pub today: chrono::NaiveDate,
    /// A week's view (else a month's), and its first day (a Monday, or the 1st).
    pub week: bool,
    pub anchor: chrono::NaiveDate,
    /// The days shown: from `from` (included) to `until` (excluded).
    pub from: chrono::NaiveDate,
    pub until: chrono::NaiveDate,
    /// The filters applied.
    pub group: Option<domain::GroupId>,
    pub athlete: Option<domain::AthleteId>,
    pub sessions: Vec<SessionCard>,
    /// What the filters offer (a planner's): the club's groups and athletes, by name.
    pub groups: Vec<Choice>,
    pub athletes: Vec<Choice>,
    /// The athlete whose kilograms the calendar shows (an athlete's own, or the filter's).
    pub focus: Option<String>,
    /// An athlete whose account is linked to no profile yet: no session can be theirs.
    pub unlinked: bool,
}

/// A session as the calendar shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionCard {
    pub id: domain::planning::SessionId,
    pub version: i64,
    pub date: chrono::NaiveDate,
    pub time: Option<domain::planning::TimeOfDay>,
    pub title: String,
    /// Its category's name and colour (one of the calendar's palette).
    pub category: Option<(String, u8)>,
    /// Its groups', then its athletes' names.
    pub assignees: Vec<String>,
    /// What the focused athlete does in it.
    pub focus: Option<FocusLoads>,
}

/// What the focused athlete does in a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FocusLoads {
    /// They skip it.
    Skips,
    /// Each element's name and its blocks' loads, in words; `adapted`: an override of theirs
    /// changed some blocks.
    Lifts { adapted: bool, lines: Vec<String> },
}

/// A session's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionPage {
    pub planner: bool,
    pub id: domain::planning::SessionId,
    pub version: i64,
    pub date: chrono::NaiveDate,
    pub time: Option<domain::planning::TimeOfDay>,
    pub title: String,
    pub category: Option<String>,
    pub content: domain::workout::WorkoutContent,
    pub lifts: Vec<LiftChoice>,
    /// The groups it names, then the athletes it names, by name.
    pub groups: Vec<Choice>,
    pub named: Vec<Choice>,
    /// Everyone it is for on its day, with what they lift.
    pub athletes: Vec<SessionAthleteView>,
    /// The template it was copied from, if it still exists: its id, title and whether it
    /// changed since.
    pub template: Option<(domain::workout::WorkoutId, String, bool)>,
    /// What the assignees' form offers (a planner's): the club's groups and athletes.
    pub all_groups: Vec<Choice>,
    pub all_athletes: Vec<Choice>,
}

/// One athlete of a session's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionAthleteView {
    pub id: domain::AthleteId,
    pub name: String,
    pub skips: bool,
    /// Each element's blocks as typed for them when they differ from the session's (the
    /// override's shorthand), `None` where they do the session's.
    pub adapted: Vec<Option<String>>,
    /// Each element's blocks' loads; empty when they skip.
    pub loads: Vec<Vec<domain::workout::metrics::BlockLoad>>,
}

/// What the new-session page offers: the club's active workouts (by title), groups and
/// athletes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionChoices {
    pub workouts: Vec<WorkoutItem>,
    pub groups: Vec<Choice>,
    pub athletes: Vec<Choice>,
}

/// What copying a week would create (`/planning/copy`): the sessions it copies and, for each,
/// the day it lands on; with what the form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekCopyView {
    /// The weeks, as a week field writes them (`2026-W50`), and their Mondays.
    pub from: String,
    pub to: String,
    pub from_monday: chrono::NaiveDate,
    pub to_monday: chrono::NaiveDate,
    /// Whose sessions, as the form's `for` field writes it (`club`, `g3`, `a12`).
    pub scope: String,
    pub groups: Vec<Choice>,
    pub athletes: Vec<Choice>,
    /// Each copy: its day, time, title and whom it is for.
    pub copies: Vec<CopyLine>,
    /// The sessions copied, `id:version`, which the copy carries back.
    pub sources: Vec<String>,
}

/// One session a copy would create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopyLine {
    pub date: chrono::NaiveDate,
    pub time: Option<domain::planning::TimeOfDay>,
    pub title: String,
    pub assignees: Vec<String>,
}

/// A group's week sheet (`/planning/print`): each of its sessions of the week with each
/// athlete's kilograms per block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekSheetView {
    /// The groups a sheet can be printed for, and the one printed.
    pub groups: Vec<Choice>,
    pub group: Option<Choice>,
    /// The week, as a week field writes it, and its Monday.
    pub week: String,
    pub monday: chrono::NaiveDate,
    pub lifts: Vec<LiftChoice>,
    pub sessions: Vec<SheetSession>,
}

/// One session of a week sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetSession {
    pub date: chrono::NaiveDate,
    pub time: Option<domain::planning::TimeOfDay>,
    pub title: String,
    pub content: domain::workout::WorkoutContent,
    /// The group's athletes who do it, by name, with their loads.
    pub athletes: Vec<SheetAthlete>,
    /// Those who skip it.
    pub skipping: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::BuilderTarget;
    use domain::planning::SessionId;
    use domain::workout::WorkoutId;

    #[test]
    fn the_builders_target_reads_back_as_it_was_sent() {
        for target in [
            BuilderTarget::Workout(WorkoutId(7), 3),
            BuilderTarget::Session(SessionId(7), 3),
        ] {
            let sent = serde_json::to_string(&target).expect("encoded");
            assert_eq!(
                serde_json::from_str::<BuilderTarget>(&sent).ok(),
                Some(target),
                "{sent}"
            );
        }
    }
}
