//! The authorization matrix: every server function × every caller (visitor, athlete, coach,
//! admin, owner) × own club / foreign club, through the real HTTP stack on a fresh database.
//!
//! The table must name every registered server function: a new one fails this test until its
//! expected access is written down here.

#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a failed expectation is the test failing

use chrono::{Duration, Utc};
use clap::Parser;
use domain::catalogue::{ComplexDraft, ExerciseDraft, ExerciseInput, Names};
use domain::invitation::InvitationToken;
use domain::ports::{NewInvitation, NewUser, Store};
use domain::{ClubId, ExerciseId, Role, UserId};
use server::config::Cli;
use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

const PASSWORD: &str = "matrix password";

/// Who may call a server function.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Access {
    /// Anyone, logged in or not.
    Public,
    /// Any logged-in person.
    User,
    /// Members with this role or a higher one, in their current club.
    Role(Role),
}

/// Whether the ids in a call point into the caller's club or another one.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Scope {
    Own,
    Foreign,
}

struct Case {
    endpoint: &'static str,
    access: Access,
    /// Calls that take ids of club records are also made with another club's ids.
    scoped: bool,
}

const MATRIX: &[Case] = &[
    Case {
        endpoint: "viewer",
        access: Access::Public,
        scoped: false,
    },
    Case {
        endpoint: "sign_up",
        access: Access::Public,
        scoped: false,
    },
    Case {
        endpoint: "log_in",
        access: Access::Public,
        scoped: false,
    },
    Case {
        endpoint: "invitation",
        access: Access::Public,
        scoped: false,
    },
    Case {
        endpoint: "join",
        access: Access::Public,
        scoped: false,
    },
    Case {
        endpoint: "log_out",
        access: Access::User,
        scoped: false,
    },
    Case {
        endpoint: "log_out_everywhere",
        access: Access::User,
        scoped: false,
    },
    Case {
        endpoint: "accept_invitation",
        access: Access::User,
        scoped: false,
    },
    Case {
        endpoint: "switch_club",
        access: Access::User,
        scoped: true,
    },
    Case {
        endpoint: "club_roster",
        access: Access::Role(Role::Admin),
        scoped: false,
    },
    Case {
        endpoint: "change_role",
        access: Access::Role(Role::Admin),
        scoped: true,
    },
    Case {
        endpoint: "remove_member",
        access: Access::Role(Role::Admin),
        scoped: true,
    },
    Case {
        endpoint: "invite",
        access: Access::Role(Role::Admin),
        scoped: false,
    },
    Case {
        endpoint: "invitations",
        access: Access::Role(Role::Admin),
        scoped: false,
    },
    Case {
        endpoint: "revoke_invitation",
        access: Access::Role(Role::Admin),
        scoped: true,
    },
    Case {
        endpoint: "catalogue",
        access: Access::Role(Role::Athlete),
        scoped: false,
    },
    Case {
        endpoint: "exercise",
        access: Access::Role(Role::Athlete),
        scoped: true,
    },
    Case {
        endpoint: "catalogue_choices",
        access: Access::Role(Role::Coach),
        scoped: false,
    },
    Case {
        endpoint: "create_exercise",
        access: Access::Role(Role::Coach),
        scoped: false,
    },
    Case {
        endpoint: "update_exercise",
        access: Access::Role(Role::Coach),
        scoped: true,
    },
    Case {
        endpoint: "archive_exercise",
        access: Access::Role(Role::Coach),
        scoped: true,
    },
    Case {
        endpoint: "delete_exercise",
        access: Access::Role(Role::Coach),
        scoped: true,
    },
    Case {
        endpoint: "export_catalogue",
        access: Access::Role(Role::Coach),
        scoped: false,
    },
    Case {
        endpoint: "import_catalogue",
        access: Access::Role(Role::Coach),
        scoped: false,
    },
    Case {
        endpoint: "catalogue_list",
        access: Access::Role(Role::Coach),
        scoped: false,
    },
    Case {
        endpoint: "save_list_entry",
        access: Access::Role(Role::Coach),
        scoped: true,
    },
    Case {
        endpoint: "delete_list_entry",
        access: Access::Role(Role::Coach),
        scoped: true,
    },
    Case {
        endpoint: "complexes",
        access: Access::Role(Role::Athlete),
        scoped: false,
    },
    Case {
        endpoint: "complex",
        access: Access::Role(Role::Athlete),
        scoped: true,
    },
    Case {
        endpoint: "movement_candidates",
        access: Access::Role(Role::Coach),
        scoped: false,
    },
    Case {
        endpoint: "create_complex",
        access: Access::Role(Role::Coach),
        scoped: false,
    },
    Case {
        endpoint: "update_complex",
        access: Access::Role(Role::Coach),
        scoped: true,
    },
    Case {
        endpoint: "archive_complex",
        access: Access::Role(Role::Coach),
        scoped: true,
    },
    Case {
        endpoint: "delete_complex",
        access: Access::Role(Role::Coach),
        scoped: true,
    },
];

/// The expected HTTP status for a caller (None = visitor).
fn expected(case: &Case, caller: Option<Role>, scope: Scope) -> u16 {
    let allowed = match (case.access, caller) {
        (Access::Public, _) => true,
        (_, None) => return 401,
        (Access::User, Some(_)) => true,
        (Access::Role(min), Some(role)) => role >= min,
    };
    match (allowed, scope) {
        (false, _) => 403,
        (true, Scope::Foreign) if case.scoped => 404,
        (true, _) => 200,
    }
}

struct Fixture {
    base: String,
    store: Arc<dyn Store>,
    own: ClubId,
    foreign: ClubId,
    spare: ClubId,
    owner_of: [UserId; 3],
    counter: AtomicU32,
}

impl Fixture {
    fn club(&self, scope: Scope) -> ClubId {
        match scope {
            Scope::Own => self.own,
            Scope::Foreign => self.foreign,
        }
    }

    fn inviter(&self, club: ClubId) -> UserId {
        [self.own, self.foreign, self.spare]
            .iter()
            .position(|c| *c == club)
            .map(|i| self.owner_of[i])
            .expect("known club")
    }

    fn fresh_email(&self, prefix: &str) -> String {
        format!(
            "{prefix}-{}@matrix.test",
            self.counter.fetch_add(1, Ordering::Relaxed)
        )
    }

    /// A pending invitation to `club` for a new address; returns (id, token).
    async fn invitation(&self, club: ClubId) -> (i64, String) {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let mut bytes = [0u8; 32];
        bytes[..4].copy_from_slice(&n.to_le_bytes());
        bytes[31] = 0xAB;
        let token = InvitationToken::from_random_bytes(bytes);
        let invitation = self
            .store
            .create_invitation(NewInvitation {
                club_id: club,
                email: self.fresh_email("invitee"),
                role: Role::Athlete,
                token_hash: token.hash(),
                invited_by: self.inviter(club),
                created_at: Utc::now(),
                expires_at: Utc::now() + Duration::days(7),
            })
            .await
            .expect("invitation");
        (invitation.id.0, token.as_str().to_owned())
    }

    /// A new athlete member of `club` (a target for role changes and removals).
    async fn member(&self, club: ClubId) -> (i64, i64) {
        let (id, _) = self.invitation(club).await;
        let user = NewUser {
            email: self.fresh_email("target"),
            display_name: "Target".into(),
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

    /// A new, unused exercise of `club`; returns (id, version).
    async fn exercise(&self, club: ClubId) -> (i64, i64) {
        let draft = ExerciseDraft::parse(&ExerciseInput {
            name_fr: self.fresh_email("exercice"),
            ..ExerciseInput::default()
        })
        .expect("valid");
        let created = self
            .store
            .create_exercise(club, &draft, Utc::now())
            .await
            .expect("exercise");
        (created.id.0, created.version)
    }

    /// A new complex of `club` made of two new exercises; returns (id, version, movements).
    async fn complex(&self, club: ClubId) -> (i64, i64, [i64; 2]) {
        let movements = [self.exercise(club).await.0, self.exercise(club).await.0];
        let names: Vec<Names> = movements
            .iter()
            .map(|m| Names {
                fr: format!("M{m}"),
                en: format!("M{m}"),
            })
            .collect();
        let ids = movements.iter().map(|m| ExerciseId(*m)).collect();
        let draft = ComplexDraft::parse("", "", None, ids, &names).expect("valid");
        let created = self
            .store
            .create_complex(club, &draft, Utc::now())
            .await
            .expect("complex");
        (created.id.0, created.version, movements)
    }

    /// A new piece of equipment of `club`; returns its id.
    async fn list_entry(&self, club: ClubId) -> i64 {
        let name = self.fresh_email("matériel");
        self.store
            .create_label(
                club,
                domain::catalogue::LabelKind::Equipment,
                &Names {
                    fr: name.clone(),
                    en: name,
                },
            )
            .await
            .expect("equipment")
    }

    /// The form arguments of one call.
    async fn args(&self, endpoint: &str, scope: Scope) -> Vec<(&'static str, String)> {
        let club = self.club(scope);
        match endpoint {
            "viewer" | "log_out" | "log_out_everywhere" | "club_roster" | "invitations" => vec![],
            "sign_up" => vec![
                ("club_name", "Matrix club".into()),
                ("display_name", "New Owner".into()),
                ("email", self.fresh_email("signup")),
                ("password", PASSWORD.into()),
            ],
            "log_in" => vec![
                ("email", "spare-owner@matrix.test".into()),
                ("password", PASSWORD.into()),
            ],
            "invitation" => vec![("token", self.invitation(self.spare).await.1)],
            "join" => vec![
                ("token", self.invitation(self.spare).await.1),
                ("display_name", "Joiner".into()),
                ("password", PASSWORD.into()),
            ],
            "accept_invitation" => vec![("token", self.invitation(self.spare).await.1)],
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
            "update_exercise" => {
                let (id, version) = self.exercise(club).await;
                vec![
                    ("id", id.to_string()),
                    ("version", version.to_string()),
                    ("name_fr", self.fresh_email("renamed")),
                ]
            }
            "archive_exercise" => {
                let (id, version) = self.exercise(club).await;
                vec![
                    ("id", id.to_string()),
                    ("version", version.to_string()),
                    ("archived", "true".into()),
                ]
            }
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
            "create_complex" => {
                let (a, b) = (self.exercise(club).await.0, self.exercise(club).await.0);
                vec![("movements[0]", a.to_string()), ("movements[1]", b.to_string())]
            }
            "update_complex" => {
                let (id, version, [a, b]) = self.complex(club).await;
                vec![
                    ("id", id.to_string()),
                    ("version", version.to_string()),
                    ("movements[0]", b.to_string()),
                    ("movements[1]", a.to_string()),
                ]
            }
            "archive_complex" => {
                let (id, version, _) = self.complex(club).await;
                vec![
                    ("id", id.to_string()),
                    ("version", version.to_string()),
                    ("archived", "true".into()),
                ]
            }
            "delete_complex" => {
                let (id, version, _) = self.complex(club).await;
                vec![("id", id.to_string()), ("version", version.to_string())]
            }
            "delete_exercise" => {
                let (id, version) = self.exercise(club).await;
                vec![("id", id.to_string()), ("version", version.to_string())]
            }
            other => panic!("the matrix has no arguments for {other}"),
        }
    }

    /// A client logged in as the member of the own club with `role` (or a visitor).
    async fn client(&self, role: Option<Role>) -> reqwest::Client {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .expect("client");
        if let Some(role) = role {
            let email = format!("{}@alpha.test", role.as_str());
            let response = client
                .post(format!("{}/api/log_in", self.base))
                .form(&[("email", email.as_str()), ("password", PASSWORD)])
                .send()
                .await
                .expect("log in");
            assert_eq!(response.status(), 200, "log in as {role}");
        }
        client
    }
}

async fn spawn() -> Fixture {
    let path = std::env::temp_dir().join(format!("dropit-authz-{}.db", uuid::Uuid::new_v4()));
    let cli = Cli::parse_from([
        "dropit",
        "--database-url",
        &format!("sqlite://{}", path.display()),
        "--listen",
        "127.0.0.1:0",
    ]);
    let db = server::open_database(&cli.config).await.expect("database");
    let store = db.store();
    let hasher = server::hasher::Argon2Hasher;
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
        let (user, club) = domain::service::sign_up(&*store, &hasher, input, now)
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
        domain::service::invite(
            &*store,
            &owner,
            &format!("{}@alpha.test", role.as_str()),
            role,
            &token,
            now,
        )
        .await
        .expect("invite");
        domain::service::accept_invitation_as_new_user(
            &*store,
            &hasher,
            token.as_str(),
            role.as_str(),
            PASSWORD,
            now,
        )
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
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_server_function_checks_who_asks_and_which_club() {
    // Every registered server function is in the table, and nothing else is.
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    let listed: BTreeSet<String> = MATRIX.iter().map(|c| c.endpoint.to_owned()).collect();
    assert_eq!(
        registered, listed,
        "add every new server function to the authorization matrix"
    );

    let fx = spawn().await;
    let callers = [
        None,
        Some(Role::Athlete),
        Some(Role::Coach),
        Some(Role::Admin),
        Some(Role::Owner),
    ];
    let mut failures = Vec::new();
    let mut calls = 0;
    for case in MATRIX {
        let scopes: &[Scope] = if case.scoped {
            &[Scope::Own, Scope::Foreign]
        } else {
            &[Scope::Own]
        };
        for &scope in scopes {
            for caller in callers {
                let client = fx.client(caller).await;
                let args = fx.args(case.endpoint, scope).await;
                let status = client
                    .post(format!("{}/api/{}", fx.base, case.endpoint))
                    .form(&args)
                    .send()
                    .await
                    .expect("call")
                    .status()
                    .as_u16();
                calls += 1;
                let want = expected(case, caller, scope);
                if status != want {
                    failures.push(format!(
                        "{} as {caller:?} ({scope:?}): got {status}, want {want}",
                        case.endpoint
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {calls} calls answered wrongly:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(calls >= 90, "the matrix made only {calls} calls");
}

#[tokio::test]
async fn operations_endpoints_and_headers() {
    let fx = spawn().await;
    let client = reqwest::Client::new();
    let health = client
        .get(format!("{}/healthz", fx.base))
        .send()
        .await
        .expect("healthz");
    assert_eq!(health.status(), 200);
    let ready = client
        .get(format!("{}/readyz", fx.base))
        .send()
        .await
        .expect("readyz");
    assert_eq!(ready.status(), 200);
    assert!(
        ready.headers().contains_key("x-request-id"),
        "request ids are propagated"
    );
    assert_eq!(
        ready
            .headers()
            .get("x-content-type-options")
            .map(|v| v.as_bytes()),
        Some(&b"nosniff"[..])
    );
    assert!(ready.headers().contains_key("content-security-policy"));

    // A visitor asking for a member page is sent to the login page, with the way back.
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let page = no_redirects
        .get(format!("{}/club", fx.base))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), 303);
    assert_eq!(
        page.headers().get("location").map(|v| v.as_bytes()),
        Some(&b"/login?next=/club"[..])
    );

    // Malformed calls are refused as bad requests, never as server errors.
    let bad = client
        .post(format!("{}/api/change_role", fx.base))
        .form(&[("member_id", "not a number")])
        .send()
        .await
        .expect("call");
    assert!(bad.status().is_client_error(), "got {}", bad.status());
}
