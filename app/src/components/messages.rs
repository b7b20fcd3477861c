//! What a person reads when something is refused: roles, field problems and errors, in the
//! page's language.

use crate::error::AppError;
use crate::i18n::*;
use domain::invitation::InvitationStatus;
use domain::{FieldError, FieldProblem, Role};

pub fn role_label(locale: Locale, role: Role) -> String {
    match role {
        Role::Athlete => td_string!(locale, roles.athlete).to_string(),
        Role::Coach => td_string!(locale, roles.coach).to_string(),
        Role::Admin => td_string!(locale, roles.admin).to_string(),
        Role::Owner => td_string!(locale, roles.owner).to_string(),
    }
}

pub fn field_text(locale: Locale, error: &FieldError) -> String {
    match &error.problem {
        FieldProblem::Required => td_string!(locale, field.required).to_string(),
        FieldProblem::TooShort { min } => td_string!(locale, field.too_short, min = *min).to_string(),
        FieldProblem::TooLong { max } => td_string!(locale, field.too_long, max = *max).to_string(),
        FieldProblem::InvalidEmail => td_string!(locale, field.invalid_email).to_string(),
        FieldProblem::InvalidChoice => td_string!(locale, field.invalid_choice).to_string(),
        FieldProblem::InvalidCharacters => td_string!(locale, field.invalid_characters).to_string(),
        FieldProblem::CommonPassword => td_string!(locale, field.common_password).to_string(),
        FieldProblem::TooFew { min } => td_string!(locale, field.too_few, min = *min).to_string(),
        FieldProblem::TooMany { max } => td_string!(locale, field.too_many, max = *max).to_string(),
        FieldProblem::InvalidUrl => td_string!(locale, field.invalid_url).to_string(),
        FieldProblem::InvalidNumber => td_string!(locale, field.invalid_number).to_string(),
        FieldProblem::InvalidDate => td_string!(locale, field.invalid_date).to_string(),
        FieldProblem::FutureDate => td_string!(locale, field.future_date).to_string(),
        FieldProblem::InvalidFormat => td_string!(locale, field.invalid_format).to_string(),
        FieldProblem::UnsupportedFile => td_string!(locale, field.unsupported_file).to_string(),
        FieldProblem::FileTooLarge { max_mb } => {
            td_string!(locale, field.file_too_large, max = *max_mb).to_string()
        }
        FieldProblem::DuplicateName { existing } => {
            td_string!(locale, field.duplicate_name, existing = existing.clone()).to_string()
        }
    }
}

/// The sentence shown to a person for an error.
pub fn error_text(locale: Locale, error: &AppError) -> String {
    match error {
        AppError::Unauthenticated => td_string!(locale, errors.unauthenticated).to_string(),
        AppError::Forbidden => td_string!(locale, errors.forbidden).to_string(),
        AppError::NotFound => td_string!(locale, errors.not_found).to_string(),
        AppError::Conflict => td_string!(locale, errors.conflict).to_string(),
        // One problem (a search too long, say) is said as it is; several, next to their fields.
        AppError::Invalid(fields) if fields.len() == 1 => fields.first().map_or_else(
            || td_string!(locale, errors.invalid).to_string(),
            |field| field_text(locale, field),
        ),
        AppError::Invalid(_) => td_string!(locale, errors.invalid).to_string(),
        AppError::InvalidCredentials => td_string!(locale, errors.invalid_credentials).to_string(),
        AppError::RateLimited { retry_after_secs } => {
            let minutes = retry_after_secs.saturating_add(59) / 60;
            td_string!(locale, errors.rate_limited, minutes = minutes).to_string()
        }
        AppError::LastOwner => td_string!(locale, errors.last_owner).to_string(),
        AppError::EmailTaken => td_string!(locale, errors.email_taken).to_string(),
        AppError::AlreadyMember => td_string!(locale, errors.already_member).to_string(),
        AppError::InvitationUnusable(InvitationStatus::Expired) => {
            td_string!(locale, errors.invitation_expired).to_string()
        }
        AppError::InvitationUnusable(InvitationStatus::Revoked) => {
            td_string!(locale, errors.invitation_revoked).to_string()
        }
        AppError::InvitationUnusable(_) => td_string!(locale, errors.invitation_accepted).to_string(),
        AppError::WrongAccount => td_string!(locale, errors.wrong_account).to_string(),
        AppError::InUse => td_string!(locale, errors.in_use).to_string(),
        // Their islands show the problems themselves: an import's report with its count, each
        // training setting's next to its field.
        AppError::ImportRejected(_) | AppError::AthleteImportRejected(_) | AppError::InvalidSettings(_) => {
            td_string!(locale, errors.invalid).to_string()
        }
        AppError::Unavailable => td_string!(locale, errors.unavailable).to_string(),
        AppError::Transport(_) => td_string!(locale, errors.network).to_string(),
    }
}
