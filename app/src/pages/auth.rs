//! Log in and sign up (create a club).

use crate::api::{LogIn, SignUp};
use crate::components::call::{PostForm, post_action};
use crate::components::{
    AuthCard, EmailField, FormAlert, NewAccountFields, SubmitButton, TextField, last_error, reload_on_success,
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Where to go after logging in: only a path of this site (never another host). A path starts
/// with one `/` and holds no backslash (browsers read `/\host` as `//host`) and no control
/// character (they drop tabs and line breaks, so `/\t/host` would become `//host`).
pub fn safe_next(next: Option<String>) -> String {
    next.filter(|n| {
        n.starts_with('/')
            && !n.starts_with("//")
            && !n.contains('\\')
            && !n.chars().any(char::is_control)
            && n.len() <= 2048
    })
    .unwrap_or_else(|| "/".to_owned())
}

/// The way from one visitor's page to the other: "No account yet? Create a club".
struct OtherPage {
    question: String,
    href: &'static str,
    link: String,
}

/// A visitor's page (log in, sign up): its title, the card with an introduction and the form,
/// then the way to the other page.
fn visitor_page(
    title: String,
    intro: String,
    form: impl IntoView + 'static,
    other: OtherPage,
) -> impl IntoView {
    view! {
        <Title text=title.clone()/>
        <AuthCard title>
            <p class="mb-6 text-muted">{intro}</p>
            {form}
            <p class="mt-6 text-sm text-muted">
                {other.question} " "
                <a href=other.href class="link">{other.link}</a>
            </p>
        </AuthCard>
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let next = safe_next(use_query_map().with_untracked(|q| q.get("next")));
    let other = OtherPage {
        question: tr!(auth.no_account),
        href: "/signup",
        link: tr!(auth.create_club),
    };
    visitor_page(
        tr!(auth.login_title),
        tr!(auth.login_intro),
        view! { <LoginForm next/> },
        other,
    )
}

/// The login form; after a successful login the page reloads at `next`.
#[island(lazy = account)]
fn LoginForm(next: String) -> impl IntoView {
    let action = post_action();
    let error = last_error(action.value());
    reload_on_success(action.value(), move || next.clone());
    view! {
        <PostForm to=LogIn::PATH action=action attr:class="flex flex-col gap-4" attr:novalidate="">
            <EmailField errors=error/>
            <TextField
                name="password"
                kind="password"
                autocomplete="current-password"
                label=tr!(auth.password)
                errors=error
            />
            <FormAlert errors=error/>
            <SubmitButton
                label=tr!(auth.login_submit)
                pending=action.pending()
            />
        </PostForm>
    }
}

#[component]
pub fn SignupPage() -> impl IntoView {
    let other = OtherPage {
        question: tr!(auth.have_account),
        href: "/login",
        link: tr!(auth.log_in),
    };
    visitor_page(
        tr!(auth.signup_title),
        tr!(auth.signup_intro),
        view! { <SignupForm/> },
        other,
    )
}

/// Creates the account and its club; the new owner lands on the home page.
#[island(lazy = account)]
fn SignupForm() -> impl IntoView {
    let action = post_action();
    let error = last_error(action.value());
    reload_on_success(action.value(), || "/".to_owned());
    view! {
        <PostForm to=SignUp::PATH action=action attr:class="flex flex-col gap-4" attr:novalidate="">
            <TextField
                name="club_name"
                autocomplete="organization"
                label=tr!(auth.club_name)
                errors=error
            />
            <EmailField errors=error/>
            <NewAccountFields errors=error/>
            <FormAlert errors=error/>
            <SubmitButton
                label=tr!(auth.signup_submit)
                pending=action.pending()
            />
        </PostForm>
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_never_leaves_the_site() {
        assert_eq!(safe_next(Some("/club".into())), "/club");
        assert_eq!(safe_next(Some("/invite/abc".into())), "/invite/abc");
        assert_eq!(safe_next(Some("//evil.example".into())), "/");
        assert_eq!(safe_next(Some("https://evil.example".into())), "/");
        assert_eq!(safe_next(Some("/\\evil.example".into())), "/");
        assert_eq!(safe_next(Some("/\\/evil.example".into())), "/");
        assert_eq!(safe_next(Some("/\t/evil.example".into())), "/");
        assert_eq!(safe_next(Some("/\n/evil.example".into())), "/");
        assert_eq!(safe_next(Some("/club?tab=a".into())), "/club?tab=a");
        assert_eq!(safe_next(Some("evil.example".into())), "/");
        assert_eq!(safe_next(None), "/");
    }
}
