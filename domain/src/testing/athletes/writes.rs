//! The athletes' writes that several calls share: lookups, checks, inserts, an import.

use crate::athlete::{Athlete, AthleteDraft, Group};
use crate::athlete_import::AthleteImportPlan;
use crate::catalogue::search::fold;
use crate::error::StoreError;
use crate::ids::{AthleteId, ClubId, ExerciseId, GroupId, MemberId};
use crate::planning::groups::Membership;
use crate::ports::StoreResult;
use crate::testing::tables::{GroupRow, Owned, State, change, of_club, of_club_mut};

impl State {
    pub(super) fn athlete_of(&self, club: ClubId, id: AthleteId) -> Option<&Athlete> {
        of_club(&self.athletes, club).find(|a| a.id == id)
    }

    /// What `table` holds for one of the club's athletes (nothing for another club's), by
    /// `order`.
    pub(super) fn of_athlete<T: Copy, K: Ord>(
        &self,
        table: &[(AthleteId, T)],
        club: ClubId,
        id: AthleteId,
        order: impl Fn(&T) -> K,
    ) -> Vec<T> {
        if self.athlete_of(club, id).is_none() {
            return Vec::new();
        }
        let mut found: Vec<T> = table
            .iter()
            .filter(|(a, _)| *a == id)
            .map(|(_, row)| *row)
            .collect();
        found.sort_by_key(order);
        found
    }

    pub(super) fn athlete_mut(&mut self, club: ClubId, id: AthleteId) -> Option<&mut Athlete> {
        of_club_mut(&mut self.athletes, club, |a| a.id == id)
    }

    pub(super) fn is_member(&self, club: ClubId, member: MemberId) -> bool {
        self.members.iter().any(|m| m.club == club && m.id == member)
    }

    pub(super) fn exercise_of(&self, club: ClubId, id: ExerciseId) -> bool {
        of_club(&self.exercises, club).any(|e| e.id == id)
    }

    /// A group with its athletes, by last then first name.
    pub(super) fn group_of(&self, row: &GroupRow) -> Group {
        let mut athletes: Vec<&Athlete> = self
            .group_athletes
            .iter()
            .filter(|(g, _)| *g == row.id)
            .filter_map(|(_, a)| self.athlete_of(row.club, *a))
            .collect();
        athletes
            .sort_by(|a, b| (&a.last_name, &a.first_name, a.id).cmp(&(&b.last_name, &b.first_name, b.id)));
        Group {
            id: row.id,
            name: row.name.clone(),
            archived: row.archived,
            version: row.version,
            athletes: athletes.into_iter().map(|a| a.id).collect(),
        }
    }

    pub(super) fn group_mut(&mut self, club: ClubId, id: GroupId) -> Option<&mut GroupRow> {
        self.groups.iter_mut().find(|g| g.club == club && g.id == id)
    }

    pub(super) fn group_row(&self, club: ClubId, id: GroupId) -> StoreResult<Group> {
        self.groups
            .iter()
            .find(|g| g.club == club && g.id == id)
            .map(|g| self.group_of(g))
            .ok_or(StoreError::NotFound)
    }

    /// `Duplicate` when another group of the club has that name (without case or accents).
    pub(super) fn check_group_name(
        &self,
        club: ClubId,
        name: &str,
        itself: Option<GroupId>,
    ) -> StoreResult<()> {
        let key = fold(name);
        if self
            .groups
            .iter()
            .any(|g| g.club == club && Some(g.id) != itself && fold(&g.name) == key)
        {
            Err(StoreError::Duplicate)
        } else {
            Ok(())
        }
    }

    pub(super) fn insert_group(&mut self, club: ClubId, name: &str) -> StoreResult<GroupId> {
        self.check_group_name(club, name, None)?;
        let id = GroupId(self.next_id());
        self.groups.push(GroupRow {
            club,
            id,
            name: name.to_owned(),
            archived: false,
            version: 1,
        });
        Ok(id)
    }

    /// `Duplicate` when the athlete is in the group already.
    pub(super) fn insert_in_group(&mut self, group: GroupId, athlete: AthleteId) -> StoreResult<()> {
        if self.group_athletes.contains(&(group, athlete)) {
            return Err(StoreError::Duplicate);
        }
        self.group_athletes.push((group, athlete));
        self.memberships.push(Membership {
            group,
            athlete,
            since: chrono::Utc::now().date_naive(),
            until: None,
        });
        Ok(())
    }

    /// Takes the athlete out of the group (nothing when they are not in it).
    pub(super) fn remove_from_group(&mut self, group: GroupId, athlete: AthleteId) {
        self.group_athletes.retain(|pair| *pair != (group, athlete));
        let today = chrono::Utc::now().date_naive();
        for period in &mut self.memberships {
            if period.group == group && period.athlete == athlete && period.until.is_none() {
                period.until = Some(today);
            }
        }
    }

    pub(super) fn insert_athlete(
        &mut self,
        club: ClubId,
        draft: &AthleteDraft,
        member: Option<MemberId>,
    ) -> Athlete {
        let athlete = Athlete {
            id: AthleteId(self.next_id()),
            member,
            first_name: draft.first_name.clone(),
            last_name: draft.last_name.clone(),
            birth_date: draft.birth_date,
            sex: draft.sex,
            licence: draft.licence.clone(),
            notes: draft.notes.clone(),
            email: draft.email.as_ref().map(|e| e.as_str().to_owned()),
            archived: false,
            version: 1,
        };
        self.athletes.push(Owned {
            club,
            record: athlete.clone(),
        });
        athlete
    }

    /// `Duplicate` when the member has a profile other than `itself`.
    pub(super) fn check_unlinked(
        &self,
        member: Option<MemberId>,
        itself: Option<AthleteId>,
    ) -> StoreResult<()> {
        let taken = member.is_some()
            && self
                .athletes
                .iter()
                .any(|a| a.record.member == member && Some(a.record.id) != itself);
        if taken { Err(StoreError::Duplicate) } else { Ok(()) }
    }

    /// Imports a checked file of athletes: the groups it names that the club lacks, then each
    /// athlete in their groups.
    pub(super) fn import_athletes(&mut self, club: ClubId, plan: &AthleteImportPlan) -> StoreResult<usize> {
        // The plan's groups first (their spelling is the file's first), then any a row
        // names that the plan left out; each matched by its folded name.
        for name in plan.groups.iter().chain(plan.rows.iter().flat_map(|r| &r.groups)) {
            if self.check_group_name(club, name, None).is_ok() {
                self.insert_group(club, name)?;
            }
        }
        for row in &plan.rows {
            let athlete = self.insert_athlete(club, &row.draft, None).id;
            for name in &row.groups {
                let key = fold(name);
                let group = self
                    .groups
                    .iter()
                    .find(|g| g.club == club && fold(&g.name) == key)
                    .map(|g| g.id)
                    .ok_or(StoreError::NotFound)?;
                self.insert_in_group(group, athlete)?;
            }
        }
        Ok(plan.rows.len())
    }
}

/// A guarded change to one of the club's groups (see [`change`]); answers it with its athletes.
pub(super) fn change_group(
    s: &mut State,
    club: ClubId,
    id: GroupId,
    expected_version: i64,
    edit: impl FnOnce(&mut GroupRow),
) -> StoreResult<Group> {
    change(s.group_mut(club, id), expected_version, edit)?;
    s.group_row(club, id)
}
