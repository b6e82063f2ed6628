//! Reading the audit log (records are written by the writes themselves and by the server).

use jiff::Timestamp;

use super::{Service, timestamp};
use crate::db::{AuditCursor, AuditRow};
use crate::error::{Error, Result};
use crate::model::{AuditEvent, AuditPage};

/// A request for a page of the audit log.
#[derive(Clone, Debug, Default)]
pub struct AuditQuery {
    pub since: Option<Timestamp>,
    pub limit: u32,
    pub cursor: Option<String>,
}

impl AuditRow {
    fn event(&self) -> Result<AuditEvent> {
        Ok(AuditEvent {
            id: self.id,
            at: timestamp(self.at)?,
            actor: self.actor.clone(),
            client: self.client.clone(),
            action: self.action.clone(),
            environment: self.environment.clone(),
            target: self.target.clone(),
            outcome: self.outcome.clone(),
        })
    }
}

/// Audit cursors are opaque to clients: `<at micros>.<id>`.
fn decode_cursor(s: &str) -> Result<AuditCursor> {
    let bad = || {
        Error::invalid_with_hint(
            "invalid audit cursor",
            "pass back a `next_cursor` exactly as received",
        )
    };
    let (at, id) = s.split_once('.').ok_or_else(bad)?;
    Ok(AuditCursor {
        at: at.parse().map_err(|_| bad())?,
        id: id.parse().map_err(|_| bad())?,
    })
}

impl Service {
    /// A page of the audit log, newest first.
    pub async fn audit_log(&self, query: &AuditQuery) -> Result<AuditPage> {
        let limit = query.limit.clamp(1, super::MAX_PAGE);
        let cursor = query.cursor.as_deref().map(decode_cursor).transpose()?;
        let since = query.since.map(|t| t.as_microsecond());
        let mut rows = self
            .db()
            .list_audit(since, cursor, i64::from(limit) + 1)
            .await?;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let next_cursor = if more {
            rows.last().map(|r| format!("{}.{}", r.at, r.id))
        } else {
            None
        };
        Ok(AuditPage {
            events: rows.iter().map(AuditRow::event).collect::<Result<_>>()?,
            next_cursor,
        })
    }
}
