//! The log-only mail adapter: DropIt has no mail server yet, so an invitation is written to the
//! log and the admin hands the link over (the club page shows it).

use domain::ports::{InvitationMail, MailError, Mailer};

#[derive(Debug, Default, Clone)]
pub struct LogMailer;

impl Mailer for LogMailer {
    fn send_invitation(&self, mail: &InvitationMail) -> Result<(), MailError> {
        tracing::info!(
            to = %mail.to,
            club = %mail.club_name,
            role = %mail.role,
            invited_by = %mail.invited_by,
            "invitation (no mail server configured: the link is shown to the admin)"
        );
        Ok(())
    }
}
