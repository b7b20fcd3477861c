//! The calendar feeds (`GET /calendar/<token>.ics`): a member's sessions as iCalendar, for
//! their phone's calendar to subscribe to. The link is the credential (a calendar app sends no
//! cookie): an unknown or revoked token answers 404, whatever the reason. Sessions only — day,
//! time, title and the lifts' names — never kilograms (`service::planning::feed_events`).

use app::ssr::AppState;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::Utc;
use domain::planning::feed::{FeedEvent, FeedToken};
use domain::service::{ClubError, planning};
use icalendar::{Calendar, Component, Event, EventLike};

/// How long a session with a time lasts in the feed (the calendar shows a block, not a dot).
const SESSION_MINUTES: i64 = 90;

pub fn routes(state: AppState) -> Router {
    Router::new()
        .route("/calendar/{file}", get(serve))
        .with_state(state)
}

async fn serve(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(token) = file.strip_suffix(".ics").and_then(FeedToken::parse) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let today = Utc::now().date_naive();
    let french = |n: &domain::catalogue::Names| n.fr.clone();
    let events = planning::feed_events(&*state.store, &state.catalogues, &token, today, french).await;
    match events {
        Ok(events) => {
            let body = calendar(&events).to_string();
            let mut response = body.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            );
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-cache"),
            );
            response
        }
        Err(ClubError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "calendar feed failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// The feed's iCalendar document: one event per session, at its time (floating: the club's
/// local time, wherever the phone is) or all day.
fn calendar(events: &[FeedEvent]) -> Calendar {
    let mut calendar = Calendar::new();
    calendar.name("DropIt");
    for e in events {
        let mut event = Event::new();
        event
            .uid(&format!("session-{}@dropit", e.session))
            .summary(&e.title)
            .description(&e.lifts.join(", "));
        match e.time {
            Some(time) => {
                let start = e
                    .date
                    .and_hms_opt(u32::from(time.hours()), u32::from(time.minutes() % 60), 0);
                if let Some(start) = start {
                    event
                        .starts(start)
                        .ends(start + chrono::Duration::minutes(SESSION_MINUTES));
                }
            }
            None => {
                event.all_day(e.date);
            }
        }
        calendar.push(event.done());
    }
    calendar.done()
}

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used)] // test code: a failed expectation is the test failing
mod tests {
    use super::*;
    use domain::planning::{SessionId, TimeOfDay};

    #[test]
    fn a_feed_is_an_icalendar_of_its_sessions() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
        let text = calendar(&[
            FeedEvent {
                session: SessionId(7),
                date: day,
                time: TimeOfDay::new(18, 30),
                title: "Arraché, lourd; <b>".into(),
                lifts: vec!["Arraché".into(), "Squat".into()],
            },
            FeedEvent {
                session: SessionId(8),
                date: day,
                time: None,
                title: "Repos".into(),
                lifts: Vec::new(),
            },
        ])
        .to_string();
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(text.contains("UID:session-7@dropit\r\n"));
        assert!(text.contains("DTSTART:20261208T183000\r\n"), "{text}");
        assert!(text.contains("DTEND:20261208T200000\r\n"));
        // Text values are escaped as RFC 5545 says (commas and semicolons).
        assert!(text.contains("SUMMARY:Arraché\\, lourd\\; <b>\r\n"), "{text}");
        assert!(text.contains("DTSTART;VALUE=DATE:20261208\r\n"));
        assert!(text.trim_end().ends_with("END:VCALENDAR"));
    }
}
