//! Accounts: validated inputs for people and clubs, and the user record.

use crate::error::{FieldError, FieldProblem};
use crate::ids::UserId;
use serde::{Deserialize, Serialize};

/// A person's login, shared by every club they belong to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    /// Bumped by "log out everywhere": sessions made before carry an older value and are refused.
    pub session_generation: i64,
}

fn trimmed_length(field: &str, raw: &str, min: usize, max: usize) -> Result<String, FieldError> {
    let value = raw.trim();
    crate::text::bounded(field, value, max)?;
    crate::text::check_characters(field, value, false)?;
    let len = value.chars().count();
    if len == 0 {
        Err(FieldError::new(field, FieldProblem::Required))
    } else if len < min {
        Err(FieldError::new(field, FieldProblem::TooShort { min }))
    } else if len > max {
        Err(FieldError::new(field, FieldProblem::TooLong { max }))
    } else {
        Ok(value.to_owned())
    }
}

/// An email address, trimmed and lower-cased (addresses are compared case-insensitively).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub const MAX: usize = 254;

    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let value = trimmed_length(field, raw, 3, Self::MAX)?.to_lowercase();
        let valid = match value.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !value.chars().any(char::is_whitespace)
            }
            None => false,
        };
        if valid {
            Ok(Self(value))
        } else {
            Err(FieldError::new(field, FieldProblem::InvalidEmail))
        }
    }

    /// An address DropIt stored after checking it (an invitation's): taken as it is, so a rule
    /// made stricter later never refuses what was accepted then.
    pub(crate) fn stored(value: String) -> Self {
        Self(value)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password: long enough to resist guessing, short enough to hash cheaply.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

impl Password {
    pub const MIN: usize = 10;
    pub const MAX: usize = 128;

    /// Checks a password chosen by a person. Spaces are kept: they are part of passphrases.
    /// The most common passwords are refused (see [`is_common_password`]).
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        crate::text::bounded(field, raw, Self::MAX)?;
        let len = raw.chars().count();
        if raw.trim().is_empty() {
            Err(FieldError::new(field, FieldProblem::Required))
        } else if len < Self::MIN {
            Err(FieldError::new(field, FieldProblem::TooShort { min: Self::MIN }))
        } else if is_common_password(raw) {
            Err(FieldError::new(field, FieldProblem::CommonPassword))
        } else {
            Ok(Self(raw.to_owned()))
        }
    }

    /// Checks what a person types to log in: only its length is bounded (the password is
    /// compared, never judged), so a megabyte is refused before any hashing.
    pub fn check_login(field: &str, raw: &str) -> Result<(), FieldError> {
        crate::text::bounded(field, raw, Self::MAX)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// The bundled list of common passwords (see the file's header).
const COMMON_PASSWORDS: &str = include_str!("../data/common-passwords.txt");

/// Whether a password is one of the first an attacker tries: one character repeated, a short
/// pattern repeated ("abcabcabcabc"), a run of consecutive digits or letters ("0123456789",
/// "9876543210", "abcdefghij"), or a password of the bundled list, compared without case and
/// surrounding spaces.
pub fn is_common_password(raw: &str) -> bool {
    let lower = raw.trim().to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let repeated_unit = (1..=3).any(|unit| {
        chars.len() > unit
            && chars.len().is_multiple_of(unit)
            && chars.chunks(unit).all(|chunk| chunk == &chars[..unit])
    });
    let run = |step: i64| {
        chars.len() > 2
            && chars
                .windows(2)
                .all(|w| i64::from(u32::from(w[1])) - i64::from(u32::from(w[0])) == step)
    };
    repeated_unit
        || run(1)
        || run(-1)
        || COMMON_PASSWORDS
            .lines()
            .filter(|line| !line.starts_with('#'))
            .any(|line| line.trim() == lower)
}

/// How a person is shown to their club.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX: usize = 80;

    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        trimmed_length(field, raw, 1, Self::MAX).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A club's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClubName(String);

impl ClubName {
    pub const MIN: usize = 2;
    pub const MAX: usize = 80;

    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        trimmed_length(field, raw, Self::MIN, Self::MAX).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Collects the results of several field checks, so the form shows every problem at once.
#[derive(Debug, Default)]
pub struct Validator {
    errors: Vec<FieldError>,
}

impl Validator {
    pub fn check<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.errors.push(error);
                None
            }
        }
    }

    /// Returns the collected errors, or `Ok(())` when every field passed.
    pub fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self.errors)
        }
    }
}

/// What a person types to create a club (and their account with it).
#[derive(Debug, Clone)]
pub struct SignUp {
    pub club_name: ClubName,
    pub display_name: DisplayName,
    pub email: Email,
    pub password: Password,
}

impl SignUp {
    pub fn parse(
        club_name: &str,
        display_name: &str,
        email: &str,
        password: &str,
    ) -> Result<Self, Vec<FieldError>> {
        let mut v = Validator::default();
        let club_name = v.check(ClubName::parse("club_name", club_name));
        let display_name = v.check(DisplayName::parse("display_name", display_name));
        let email = v.check(Email::parse("email", email));
        let password = v.check(Password::parse("password", password));
        match (club_name, display_name, email, password) {
            (Some(club_name), Some(display_name), Some(email), Some(password)) => Ok(Self {
                club_name,
                display_name,
                email,
                password,
            }),
            _ => Err(v.finish().err().unwrap_or_default()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::assert_refused;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("email", "  Coach@Club.FR ").map(|e| e.0),
            Ok("coach@club.fr".to_owned())
        );
        let bad = [
            "coach",
            "coach@",
            "@club.fr",
            "coach@club",
            "a b@club.fr",
            "a@b@c.fr",
            "coach@club.",
        ];
        assert_refused(
            Email::parse,
            "email",
            &bad.map(|raw| (raw, FieldProblem::InvalidEmail)),
        );
        assert_refused(Email::parse, "email", &[("   ", FieldProblem::Required)]);
    }

    #[test]
    fn passwords_have_bounds_and_keep_spaces() {
        assert_refused(
            Password::parse,
            "password",
            &[
                ("short", FieldProblem::TooShort { min: 10 }),
                (&"x".repeat(129), FieldProblem::TooLong { max: 128 }),
            ],
        );
        assert_eq!(
            Password::parse("password", " correct horse ").map(|p| p.expose().to_owned()),
            Ok(" correct horse ".to_owned())
        );
        assert_eq!(
            format!("{:?}", Password::parse("p", "correct horse")),
            "Ok(Password(***))"
        );
    }

    #[test]
    fn common_passwords_are_refused() {
        let common = [
            "1234567890",
            "QwertyUiop",
            "motdepasse123",
            "aaaaaaaaaaaa",
            "abcabcabcabc",
            "121212121212",
            "abcdefghijkl",
            "9876543210",
            " password123 ",
        ];
        assert_refused(
            Password::parse,
            "password",
            &common.map(|raw| (raw, FieldProblem::CommonPassword)),
        );
        for fine in [
            "correct horse battery",
            "dropit-demo",
            "Tirage lourd 2026",
            "a1b2c3d4e5f6g7",
        ] {
            assert!(Password::parse("password", fine).is_ok(), "{fine}");
        }
    }

    #[test]
    fn the_common_password_list_is_lower_case_and_long_enough_to_matter() {
        for line in COMMON_PASSWORDS.lines().filter(|l| !l.starts_with('#')) {
            assert_eq!(line, line.trim().to_lowercase(), "{line:?}");
            assert!(
                line.chars().count() >= Password::MIN,
                "{line:?} is refused as too short anyway"
            );
        }
    }

    #[test]
    fn names_refuse_invisible_characters() {
        let invisible = FieldProblem::InvalidCharacters;
        assert_refused(
            DisplayName::parse,
            "display_name",
            &[("Ana\u{202E}", invisible.clone())],
        );
        assert_refused(ClubName::parse, "club_name", &[("Club\u{0}", invisible)]);
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            ClubName::parse("club_name", "  Haltéro Club Lyon ").map(|n| n.0),
            Ok("Haltéro Club Lyon".to_owned())
        );
        assert!(matches!(
            ClubName::parse("club_name", "X"),
            Err(FieldError {
                problem: FieldProblem::TooShort { min: 2 },
                ..
            })
        ));
        // Length counts characters, not bytes: 80 accented letters fit.
        assert!(DisplayName::parse("display_name", &"é".repeat(80)).is_ok());
        assert!(DisplayName::parse("display_name", &"é".repeat(81)).is_err());
    }

    #[test]
    fn sign_up_reports_every_bad_field_at_once() {
        let errors = SignUp::parse("", "Ana", "not-an-email", "short")
            .err()
            .unwrap_or_default();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["club_name", "email", "password"]);
        assert!(SignUp::parse("Club", "Ana", "ana@club.fr", "long enough pw").is_ok());
    }
}
