//! Server functions: thin. Each one establishes who is asking (and in which club), calls one
//! domain use-case with the store from context, and maps its error to [`AppError`].
//!
//! Endpoints are stable (`/api/<name>`); the authorization matrix test in the server crate
//! enumerates every registered server function, so a new one must be added to it.

pub mod athletes;
pub mod catalogue;
pub mod groups;
pub mod planning;
pub mod preferences;
pub mod records;
pub mod settings;
pub mod workouts;

use crate::error::AppError;
use crate::model::{CreatedInvitation, InvitationView, MemberList, PendingInvitation, Viewer};
use domain::{ClubId, InvitationId, MemberId, Role};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {crate::ssr, chrono::Utc, domain::service};

/// Who is looking, or `None` for a visitor.
#[server(endpoint = "get_viewer")]
pub async fn get_viewer() -> Result<Option<Viewer>, AppError> {
    let state = ssr::state()?;
    ssr::viewer(&state).await
}

/// Creates a club and its owner's account, and logs the owner in.
#[server(endpoint = "sign_up")]
pub async fn sign_up(
    club_name: String,
    display_name: String,
    email: String,
    password: String,
) -> Result<(), AppError> {
    let state = ssr::state()?;
    let input = domain::account::SignUp::parse(&club_name, &display_name, &email, &password)?;
    let (user, club) = service::sign_up(
        &*state.store,
        &*state.hasher,
        &ssr::gate(&state),
        input,
        Utc::now(),
    )
    .await?;
    ssr::start_session(&user, Some(club)).await
}

#[server(endpoint = "log_in")]
pub async fn log_in(email: String, password: String) -> Result<(), AppError> {
    let state = ssr::state()?;
    let credentials = service::Credentials {
        email,
        password,
        device: ssr::device_token(),
    };
    let logged_in = service::log_in(
        &*state.store,
        &*state.hasher,
        &ssr::gate(&state),
        &credentials,
        ssr::new_device_token(),
        Utc::now(),
    )
    .await?;
    if let Some(device) = &logged_in.new_device {
        ssr::remember_device(&state, device);
    }
    let club = ssr::default_club(&state, &logged_in.user).await?;
    ssr::start_session(&logged_in.user, club).await
}

/// Ends the caller's session and sends them to the login page (the header posts to it as a
/// plain form).
#[server(endpoint = "log_out")]
pub async fn log_out() -> Result<(), AppError> {
    let state = ssr::state()?;
    ssr::require_user(&state).await?;
    ssr::end_session().await?;
    leptos_axum::redirect("/login");
    Ok(())
}

/// Ends every session of the caller, on every device.
#[server(endpoint = "log_out_everywhere")]
pub async fn log_out_everywhere() -> Result<(), AppError> {
    let state = ssr::state()?;
    let user = ssr::require_user(&state).await?;
    service::log_out_everywhere(&*state.store, &user).await?;
    ssr::end_session().await
}

/// Makes another of the caller's clubs the current one, and sends them to its home page (the
/// header posts to it as a plain form).
#[server(endpoint = "switch_club")]
pub async fn switch_club(club_id: ClubId) -> Result<(), AppError> {
    let state = ssr::state()?;
    let user = ssr::require_user(&state).await?;
    state
        .store
        .member_by_user(club_id, user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    ssr::set_session_club(club_id).await?;
    leptos_axum::redirect("/");
    Ok(())
}

#[server(endpoint = "club_members")]
pub async fn club_members() -> Result<MemberList, AppError> {
    let (state, me) = ssr::member().await?;
    let members = service::members(&*state.store, &me).await?;
    Ok(crate::model::MemberList {
        members: members
            .into_iter()
            .map(|m| crate::model::MemberRow {
                is_me: m.id == me.id,
                id: m.id,
                display_name: m.display_name,
                email: m.email,
                role: m.role,
                version: m.version,
                joined_at: m.joined_at,
            })
            .collect(),
        assignable: me.role.assignable(),
    })
}

#[server(endpoint = "change_role")]
pub async fn change_role(member_id: MemberId, role: Role, version: i64) -> Result<(), AppError> {
    let (state, me) = ssr::member().await?;
    service::change_role(&*state.store, &me, member_id, role, version).await?;
    Ok(())
}

#[server(endpoint = "remove_member")]
pub async fn remove_member(member_id: MemberId, version: i64) -> Result<(), AppError> {
    let (state, me) = ssr::member().await?;
    service::remove_member(&*state.store, &me, member_id, version).await?;
    Ok(())
}

/// Invites an email with a role; answers the link to hand over. With `open_link`, anyone
/// holding the link may accept it with their own account.
#[server(endpoint = "invite")]
pub async fn invite(
    email: String,
    role: Role,
    #[server(default)] open_link: bool,
) -> Result<CreatedInvitation, AppError> {
    let (state, me) = ssr::member().await?;
    let email = domain::account::Email::parse("email", &email)?;
    let token = ssr::new_invitation_token();
    let request = service::InvitationRequest {
        email,
        role,
        open_link,
    };
    let invitation = service::invite(&*state.store, &me, &request, &token, Utc::now()).await?;
    let link = format!("{}/invite/{}", state.public_url, token.as_str());
    let mail = domain::ports::InvitationMail {
        to: invitation.email.clone(),
        club_name: service::club_name(&*state.store, &me).await?,
        role,
        invited_by: me.display_name.clone(),
        link: link.clone(),
    };
    // The link is shown to the admin either way: a failed delivery does not lose the invitation.
    if let Err(e) = state.mailer.send_invitation(&mail) {
        tracing::warn!(club = %me.club_id, error = %e, "invitation created but not delivered");
    }
    Ok(CreatedInvitation {
        email: invitation.email,
        link,
    })
}

#[server(endpoint = "pending_invitations")]
pub async fn pending_invitations() -> Result<Vec<PendingInvitation>, AppError> {
    let (state, me) = ssr::member().await?;
    Ok(service::pending_invitations(&*state.store, &me, Utc::now())
        .await?
        .into_iter()
        .map(|i| PendingInvitation {
            id: i.id,
            email: i.email,
            role: i.role,
            invited_by: i.invited_by,
            expires_at: i.expires_at,
            open_link: i.open_link,
        })
        .collect())
}

#[server(endpoint = "revoke_invitation")]
pub async fn revoke_invitation(invitation_id: InvitationId) -> Result<(), AppError> {
    let (state, me) = ssr::member().await?;
    service::revoke_invitation(&*state.store, &me, invitation_id, Utc::now()).await?;
    Ok(())
}

/// What an invitation link offers; anyone holding the link may look.
#[server(endpoint = "invitation")]
pub async fn invitation(token: String) -> Result<InvitationView, AppError> {
    let state = ssr::state()?;
    let preview = service::preview_invitation(&*state.store, &token, Utc::now()).await?;
    Ok(InvitationView {
        club_name: preview.club_name,
        email: preview.invitation.email,
        role: preview.invitation.role,
        invited_by: preview.invitation.invited_by,
        status: preview.status,
        account_exists: preview.account_exists,
        open_link: preview.invitation.open_link,
    })
}

/// Joins the invitation's club with the account already logged in.
#[server(endpoint = "accept_invitation")]
pub async fn accept_invitation(token: String) -> Result<(), AppError> {
    let state = ssr::state()?;
    let user = ssr::require_user(&state).await?;
    let club = service::accept_invitation(&*state.store, &user, &token, Utc::now()).await?;
    ssr::set_session_club(club).await
}

/// Creates an account (for the invited email, or for the given one when the invitation is open
/// to anyone with the link), joins the club and logs in.
#[server(endpoint = "join_with_new_account")]
pub async fn join_with_new_account(
    token: String,
    display_name: String,
    password: String,
    #[server(default)] email: String,
) -> Result<(), AppError> {
    let state = ssr::state()?;
    let account = service::NewAccount {
        display_name: &display_name,
        password: &password,
        email: &email,
    };
    let (user, club) =
        service::accept_invitation_as_new_user(&*state.store, &*state.hasher, &token, &account, Utc::now())
            .await?;
    ssr::start_session(&user, Some(club)).await
}

/// A name in the page's language.
#[cfg(feature = "ssr")]
pub(crate) fn name_in(locale: crate::i18n::Locale, names: &domain::catalogue::Names) -> String {
    match locale {
        crate::i18n::Locale::fr => names.fr.clone(),
        crate::i18n::Locale::en => names.en.clone(),
    }
}

/// One of the club's lists (categories, equipment, workout categories) in the viewer's
/// language, by name.
#[cfg(feature = "ssr")]
pub(crate) fn label_choices<Id: Copy + Into<i64>>(
    locale: crate::i18n::Locale,
    labels: &[domain::catalogue::Label<Id>],
) -> Vec<crate::model::Choice> {
    by_name(
        labels
            .iter()
            .map(|l| crate::model::Choice {
                id: l.id.into(),
                name: name_in(locale, &l.names),
            })
            .collect(),
    )
}

/// The groups a filter or a picker offers: the active ones, by name.
#[cfg(feature = "ssr")]
pub(crate) fn active_group_choices(groups: Vec<domain::athlete::Group>) -> Vec<crate::model::Choice> {
    by_name(
        groups
            .into_iter()
            .filter(|g| !g.archived)
            .map(|g| crate::model::Choice {
                id: g.id.0,
                name: g.name,
            })
            .collect(),
    )
}

/// The club's athletes as a form offers them, by name.
#[cfg(feature = "ssr")]
pub(crate) fn athlete_choices(athletes: &[domain::athlete::Athlete]) -> Vec<crate::model::Choice> {
    by_name(
        athletes
            .iter()
            .map(|a| crate::model::Choice {
                id: a.id.0,
                name: a.full_name(),
            })
            .collect(),
    )
}

/// Choices in alphabetical order, accents and case aside.
#[cfg(feature = "ssr")]
pub(crate) fn by_name(mut list: Vec<crate::model::Choice>) -> Vec<crate::model::Choice> {
    list.sort_by_cached_key(|c| domain::catalogue::search::fold(&c.name));
    list
}

/// The exercises a form may choose, archived ones aside: named in the page's language, by name.
#[cfg(feature = "ssr")]
pub(crate) fn exercise_choices<'a>(
    locale: crate::i18n::Locale,
    exercises: impl IntoIterator<Item = &'a domain::catalogue::Exercise>,
) -> Vec<crate::model::Choice> {
    by_name(
        exercises
            .into_iter()
            .filter(|e| !e.archived)
            .map(|e| crate::model::Choice {
                id: e.id.0,
                name: name_in(locale, &e.names),
            })
            .collect(),
    )
}
