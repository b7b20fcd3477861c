//! An invitation link: join the club with a new account, or with the account logged in.

use crate::api::{AcceptInvitation, JoinWithNewAccount, invitation};
use crate::components::call::{PostForm, post_action};
use crate::components::{
    AuthCard, EmailField, FormAlert, NewAccountFields, SubmitButton, ViewerResource, error_text, last_error,
    reload_on_success, role_label,
};
use crate::error::AppError;
use crate::i18n::*;
use crate::model::InvitationView;
use domain::invitation::InvitationStatus;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn InvitePage() -> impl IntoView {
    let locale = crate::lang::current();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let preview = Resource::new(token, invitation);
    let viewer = expect_context::<ViewerResource>().0;
    view! {
        <Title text=tr!(invite.title)/>
        <Suspense fallback=move || view! { <p>{tr!(common.loading)}</p> }>
            {move || Suspend::new(async move {
                let signed_in = viewer.await.ok().flatten().map(|v| v.email);
                match preview.await {
                    Ok(view) if view.status == InvitationStatus::Pending => {
                        view! { <Invitation view=view token=token() signed_in=signed_in/> }.into_any()
                    }
                    Ok(view) => unusable(locale, AppError::InvitationUnusable(view.status)),
                    Err(e) => unusable(locale, e),
                }
            })}
        </Suspense>
    }
}

fn unusable(locale: Locale, error: AppError) -> AnyView {
    view! {
        <AuthCard title=tr!(invite.title)>
            <p role="alert" data-testid="invitation-unusable">{move || error_text(locale, &error)}</p>
            <a href="/" class="btn-secondary mt-6 inline-block">{tr!(not_found.home)}</a>
        </AuthCard>
    }
    .into_any()
}

#[component]
fn Invitation(view: InvitationView, token: String, signed_in: Option<String>) -> impl IntoView {
    let locale = crate::lang::current();
    let club = view.club_name.clone();
    let heading = tr!(invite.heading, club = club.clone());
    let (inviter, role, email) = (view.invited_by.clone(), view.role, view.email.clone());
    let details = move || {
        td_string!(
            locale,
            invite.details,
            name = inviter.clone(),
            role = role_label(locale, role)
        )
        .to_string()
    };
    let for_email = if view.open_link {
        tr!(invite.open_to_anyone)
    } else {
        tr!(invite.for_email, email = email.clone())
    };
    let body = if let Some(account) = signed_in {
        if view.open_link || account.eq_ignore_ascii_case(&view.email) {
            view! { <AcceptWithAccount token=token/> }.into_any()
        } else {
            let text = tr!(
                invite.wrong_account,
                email = view.email.clone(),
                account = account
            );
            view! {
                <p
                    role="alert"
                    class="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
                    data-testid="invitation-wrong-account"
                >
                    {text}
                </p>
            }
            .into_any()
        }
    } else if view.open_link {
        // Anyone with the link: a new account with their own email, or the one they have.
        let href = format!("/login?next=/invite/{token}");
        view! {
            <JoinForm token=token open_link=true/>
            <p class="mt-6 text-sm">
                {tr!(invite.have_account)} " "
                <a href=href class="link">{tr!(invite.login_to_accept)}</a>
            </p>
        }
        .into_any()
    } else if view.account_exists {
        let href = format!("/login?next=/invite/{token}");
        view! {
            <p class="mb-4">{tr!(invite.existing_account)}</p>
            <a href=href class="btn-primary inline-block">{tr!(invite.login_to_accept)}</a>
        }
        .into_any()
    } else {
        view! { <JoinForm token=token open_link=false/> }.into_any()
    };
    view! {
        <AuthCard title=heading>
            <p class="mb-1">{details}</p>
            <p class="mb-6 text-sm text-muted">{for_email}</p>
            {body}
        </AuthCard>
    }
}

/// Joins the club with the account that is logged in.
#[island(lazy = account)]
fn AcceptWithAccount(token: String) -> impl IntoView {
    let action = post_action();
    let error = last_error(action.value());
    reload_on_success(action.value(), || "/".to_owned());
    view! {
        <PostForm to=AcceptInvitation::PATH action=action attr:class="flex flex-col gap-4">
            <input type="hidden" name="token" value=token/>
            <FormAlert errors=error/>
            <SubmitButton label=tr!(invite.accept) pending=action.pending()/>
        </PostForm>
    }
}

/// Creates an account and joins the club with it: for the invited email, or, when the link is
/// open to anyone, for the email the person gives.
#[island(lazy = account)]
fn JoinForm(token: String, open_link: bool) -> impl IntoView {
    let action = post_action();
    let error = last_error(action.value());
    reload_on_success(action.value(), || "/".to_owned());
    view! {
        <p class="mb-4">{tr!(invite.new_account)}</p>
        <PostForm to=JoinWithNewAccount::PATH action=action attr:class="flex flex-col gap-4" attr:novalidate="">
            <input type="hidden" name="token" value=token/>
            {open_link.then(|| view! { <EmailField errors=error/> })}
            <NewAccountFields errors=error/>
            <FormAlert errors=error/>
            <SubmitButton label=tr!(invite.join_submit) pending=action.pending()/>
        </PostForm>
    }
}
