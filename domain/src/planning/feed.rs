//! Calendar feeds: each member may hand their phone's calendar a private link to DropIt's
//! sessions (iCalendar). The link carries a secret of which the database keeps only a hash;
//! making a new link replaces the old one, revoking it removes it. A feed shows sessions only:
//! their day, time and title and the lifts they hold, never kilograms.

use crate::token::Secret;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The secret part of a feed's link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedToken(Secret);

impl FeedToken {
    /// Wraps 32 random bytes made by the caller's random source.
    pub fn from_random_bytes(bytes: [u8; 32]) -> Self {
        Self(Secret::from_random_bytes(bytes))
    }

    /// A token as it comes back in a link (`<token>.ics` without its extension); anything not
    /// shaped like one is refused.
    pub fn parse(raw: &str) -> Option<Self> {
        Secret::parse(raw.trim()).map(Self)
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// What the database keeps.
    pub fn hash(&self) -> String {
        self.0.hash()
    }
}

/// How far a feed reaches: from this many days before today…
pub const PAST_DAYS: u64 = 56;
/// …to this many days after.
pub const FUTURE_DAYS: u64 = 182;

/// The days a feed shows around `today`: from (included) and until (excluded).
pub fn feed_days(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let from = today
        .checked_sub_days(chrono::Days::new(PAST_DAYS))
        .unwrap_or(today);
    let until = today
        .checked_add_days(chrono::Days::new(FUTURE_DAYS))
        .unwrap_or(today);
    (from, until)
}

/// One session as a feed shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedEvent {
    /// Unique across clubs and stable across edits: `session-<id>@<host>` once the server
    /// adds its host.
    pub session: crate::planning::SessionId,
    pub date: NaiveDate,
    pub time: Option<super::TimeOfDay>,
    pub title: String,
    /// The names of its lifts, in order.
    pub lifts: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_shows_eight_weeks_back_and_six_months_ahead() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let (from, until) = feed_days(today);
        assert_eq!(from, NaiveDate::from_ymd_opt(2026, 10, 12).unwrap());
        assert_eq!(until, NaiveDate::from_ymd_opt(2027, 6, 7).unwrap());
    }

    #[test]
    fn tokens_are_64_hex_digits_and_only_their_hash_is_kept() {
        let token = FeedToken::from_random_bytes([7; 32]);
        assert_eq!(token.as_str().len(), 64);
        assert_eq!(FeedToken::parse(token.as_str()), Some(token.clone()));
        assert_ne!(token.hash(), token.as_str());
        assert_eq!(FeedToken::parse("nope"), None);
        assert_eq!(FeedToken::parse(&"g".repeat(64)), None);
    }
}
