//! The planning calendar's sessions in memory (`PlanningStore`), as the SQL adapters keep them.

use super::MemoryStore;
use super::tables::{Owned, State, change, guard, of_club, of_club_mut};
use crate::catalogue::LabelKind;
use crate::error::StoreError;
use crate::ids::{ClubId, MemberId};
use crate::membership::Member;
use crate::planning::groups::Membership;
use crate::planning::{Session, SessionDraft, SessionId, TimeOfDay};
use crate::ports::{Edit, PlanningStore, StoreResult, Versioned};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

impl State {
    /// `NotFound` unless everything the draft names is the club's: its category, template,
    /// athletes, groups, exercises and complexes.
    fn check_session(&self, club: ClubId, draft: &SessionDraft) -> StoreResult<()> {
        let category = self.has_label(club, LabelKind::Workout, draft.category.map(|c| c.0));
        let template = draft
            .template
            .is_none_or(|t| of_club(&self.workouts, club).any(|w| w.id == t.workout));
        let athletes = draft
            .assignees
            .athletes
            .iter()
            .all(|&a| of_club(&self.athletes, club).any(|x| x.id == a));
        let groups = draft
            .assignees
            .groups
            .iter()
            .all(|&g| self.groups.iter().any(|x| x.club == club && x.id == g));
        let exercises = draft
            .exercises()
            .iter()
            .all(|&e| of_club(&self.exercises, club).any(|x| x.id == e));
        let complexes = draft
            .content
            .complexes()
            .iter()
            .all(|&c| of_club(&self.complexes, club).any(|x| x.id == c));
        if category && template && athletes && groups && exercises && complexes {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }
}

fn apply(session: &mut Session, draft: &SessionDraft, now: DateTime<Utc>) {
    session.date = draft.date;
    session.time = draft.time;
    session.title = draft.title.clone();
    session.category = draft.category;
    session.content = draft.content.clone();
    session.template = draft.template;
    session.assignees = draft.assignees.clone();
    session.overrides = draft.overrides.clone();
    session.updated_at = now;
}

#[async_trait]
impl PlanningStore for MemoryStore {
    async fn sessions(&self, club: ClubId, from: NaiveDate, until: NaiveDate) -> StoreResult<Vec<Session>> {
        let mut sessions: Vec<Session> = self.read(|s| {
            of_club(&s.sessions, club)
                .filter(|x| from <= x.date && x.date < until)
                .cloned()
                .collect()
        });
        sessions.sort_by_key(|x| (x.date, x.time, x.id));
        Ok(sessions)
    }

    async fn session(&self, club: ClubId, id: SessionId) -> StoreResult<Option<Session>> {
        Ok(self.read(|s| of_club(&s.sessions, club).find(|x| x.id == id).cloned()))
    }

    async fn create_sessions(
        &self,
        club: ClubId,
        drafts: &[SessionDraft],
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<Session>> {
        self.write(|s| {
            let mut created = Vec::with_capacity(drafts.len());
            for draft in drafts {
                s.check_session(club, draft)?;
                let session = Session::written(SessionId(s.next_id()), draft.clone(), 1, now);
                s.sessions.push(Owned {
                    club,
                    record: session.clone(),
                });
                created.push(session);
            }
            Ok(created)
        })
    }

    async fn update_session(&self, edit: Edit<SessionId, &SessionDraft>) -> StoreResult<Session> {
        self.write(|s| {
            guard(
                of_club_mut(&mut s.sessions, edit.club, |x| x.id == edit.id),
                edit.version,
            )?;
            s.check_session(edit.club, edit.value)?;
            let found = of_club_mut(&mut s.sessions, edit.club, |x| x.id == edit.id);
            change(found, edit.version, |x| apply(x, edit.value, edit.now))
        })
    }

    async fn move_session(
        &self,
        edit: Edit<SessionId, (NaiveDate, Option<TimeOfDay>)>,
    ) -> StoreResult<Session> {
        self.write(|s| {
            let found = of_club_mut(&mut s.sessions, edit.club, |x| x.id == edit.id);
            change(found, edit.version, |x| {
                (x.date, x.time) = edit.value;
                x.updated_at = edit.now;
            })
        })
    }

    async fn delete_session(&self, Versioned { club, id, version }: Versioned<SessionId>) -> StoreResult<()> {
        self.write(|s| {
            guard(of_club_mut(&mut s.sessions, club, |x| x.id == id), version)?;
            s.sessions.retain(|x| !(x.club == club && x.record.id == id));
            Ok(())
        })
    }

    async fn set_feed(
        &self,
        club: ClubId,
        member: MemberId,
        hash: &str,
        _now: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.write(|s| {
            if !s.members.iter().any(|m| m.club == club && m.id == member) {
                return Err(StoreError::NotFound);
            }
            if s.feeds.iter().any(|(m, h)| h == hash && *m != member) {
                return Err(StoreError::Duplicate);
            }
            s.feeds.retain(|(m, _)| *m != member);
            s.feeds.push((member, hash.to_owned()));
            Ok(())
        })
    }

    async fn remove_feed(&self, club: ClubId, member: MemberId) -> StoreResult<()> {
        self.write(|s| {
            if s.members.iter().any(|m| m.club == club && m.id == member) {
                s.feeds.retain(|(m, _)| *m != member);
            }
            Ok(())
        })
    }

    async fn has_feed(&self, club: ClubId, member: MemberId) -> StoreResult<bool> {
        Ok(self.read(|s| {
            s.members.iter().any(|m| m.club == club && m.id == member)
                && s.feeds.iter().any(|(m, _)| *m == member)
        }))
    }

    async fn feed_owner(&self, hash: &str) -> StoreResult<Option<Member>> {
        let owner = self.read(|s| s.feeds.iter().find(|(_, h)| h == hash).map(|(m, _)| *m));
        let Some(member) = owner else { return Ok(None) };
        let club = self.read(|s| s.members.iter().find(|m| m.id == member).map(|m| m.club));
        match club {
            Some(club) => crate::ports::ClubStore::member(self, club, member).await,
            None => Ok(None),
        }
    }

    async fn group_memberships(&self, club: ClubId) -> StoreResult<Vec<Membership>> {
        Ok(self.read(|s| {
            s.memberships
                .iter()
                .filter(|m| s.groups.iter().any(|g| g.club == club && g.id == m.group))
                .copied()
                .collect()
        }))
    }
}
