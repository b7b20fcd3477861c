//! The use-cases' rules against the in-memory store: who may do what, and what a stale version
//! or another club's id answers. The store contract suite pins the store's own answers on real
//! databases; these tests pin what each use-case makes of them, without one.

mod accounts;
mod athletes;
mod catalogue;
mod exchange;
mod invitations;
mod media;
mod members;
mod planning;
mod records;
mod workouts;

use crate::account::{DisplayName, Email, User};
use crate::catalogue::Exercise;
use crate::ids::ClubId;
use crate::invitation::{self, InvitationToken};
use crate::membership::Member;
use crate::ports::{
    AccountStore, ClubStore, ExerciseStore, InvitationStore, NewClub, NewInvitation, NewUser,
};
use crate::role::Role;
use crate::testing::{MemoryStore, PlainHasher};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

/// The password every account of these tests has.
const PASSWORD: &str = "a long passphrase";

/// The time the tests happen at.
fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 10, 0, 0)
        .single()
        .expect("a valid time")
}

fn today() -> NaiveDate {
    t0().date_naive()
}

fn new_user(email: &str) -> NewUser {
    NewUser {
        email: Email::parse("email", email).expect("an email"),
        display_name: DisplayName::parse("display_name", &format!("Name of {email}")).expect("a name"),
        password_hash: PlainHasher::hash_of(PASSWORD),
    }
}

/// An account and its club, with the default catalogue, made straight in the store.
async fn club_of(store: &MemoryStore, email: &str, name: &str) -> (User, ClubId, Member) {
    let plan = crate::catalogue::default::plan().expect("the default catalogue");
    let (user, club) = store
        .create_user_with_club(
            NewClub {
                owner: new_user(email),
                name,
                catalogue: plan,
            },
            t0(),
        )
        .await
        .expect("a new club");
    let owner = store
        .member_by_user(club, user.id)
        .await
        .expect("read")
        .expect("its owner");
    (user, club, owner)
}

/// An invitation of `club` by `by`, made straight in the store; its token is made of `seed`.
async fn invitation(
    store: &MemoryStore,
    by: &Member,
    email: &str,
    role: Role,
    seed: u8,
) -> (crate::invitation::Invitation, InvitationToken) {
    let token = InvitationToken::from_random_bytes([seed; 32]);
    let created = store
        .create_invitation(NewInvitation {
            club_id: by.club_id,
            email: email.to_owned(),
            role,
            token_hash: token.hash(),
            invited_by: by.user_id,
            created_at: t0(),
            expires_at: t0() + invitation::VALIDITY,
            open_link: false,
        })
        .await
        .expect("an invitation");
    (created, token)
}

/// A new account for `email` that joins the club of `by` with `role`.
async fn join(store: &MemoryStore, by: &Member, email: &str, role: Role, seed: u8) -> Member {
    let (created, _) = invitation(store, by, email, role, seed).await;
    let (_, member) = store
        .accept_invitation_as_new_user(created.id, new_user(email), t0())
        .await
        .expect("joined");
    store
        .member(by.club_id, member)
        .await
        .expect("read")
        .expect("a member")
}

/// A club with one member of each role, and the owner of another club.
struct Club {
    store: MemoryStore,
    id: ClubId,
    owner: Member,
    admin: Member,
    coach: Member,
    athlete: Member,
    /// The owner of another club, with its own default catalogue.
    stranger: Member,
}

impl Club {
    async fn new() -> Club {
        let store = MemoryStore::new();
        let (_, id, owner) = club_of(&store, "owner@alpha.test", "Alpha").await;
        let admin = join(&store, &owner, "admin@alpha.test", Role::Admin, 1).await;
        let coach = join(&store, &owner, "coach@alpha.test", Role::Coach, 2).await;
        let athlete = join(&store, &owner, "athlete@alpha.test", Role::Athlete, 3).await;
        let (_, _, stranger) = club_of(&store, "owner@beta.test", "Beta").await;
        Club {
            store,
            id,
            owner,
            admin,
            coach,
            athlete,
            stranger,
        }
    }

    /// The account of one of the clubs' members.
    async fn account_of(&self, member: &Member) -> User {
        self.store
            .user(member.user_id)
            .await
            .expect("read")
            .expect("an account")
    }

    /// The membership of `user` in this club.
    async fn member_of(&self, user: &User) -> Member {
        self.store
            .member_by_user(self.id, user.id)
            .await
            .expect("read")
            .expect("a member")
    }

    /// The club's exercise of this French name.
    async fn exercise(&self, fr: &str) -> Exercise {
        exercise_named(&self.store, self.id, fr).await
    }

    /// The other club's exercise of this French name.
    async fn foreign_exercise(&self, fr: &str) -> Exercise {
        exercise_named(&self.store, self.stranger.club_id, fr).await
    }
}

async fn exercise_named(store: &MemoryStore, club: ClubId, fr: &str) -> Exercise {
    store
        .exercises(club)
        .await
        .expect("exercises")
        .into_iter()
        .find(|e| e.names.fr == fr)
        .unwrap_or_else(|| panic!("no exercise named {fr}"))
}
