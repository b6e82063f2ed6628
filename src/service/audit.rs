//! Reading the audit log (records are written by the writes themselves and by the server).

use super::{Service, decode_cursor, encode_cursor, page, timestamp};
use crate::api::AuditQuery;
use crate::db::{AuditCursor, AuditRow};
use crate::error::Result;
use crate::model::{AuditEvent, AuditPage};

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

fn decode_audit_cursor(s: &str) -> Result<AuditCursor> {
    let (at, id) = decode_cursor(s, |id| id.parse::<i64>().is_ok())?;
    Ok(AuditCursor {
        at,
        id: id.parse().unwrap_or_default(),
    })
}

impl Service {
    /// A page of the audit log, newest first.
    pub async fn audit_log(&self, query: &AuditQuery) -> Result<AuditPage> {
        let limit = query.limit.clamp(1, super::MAX_PAGE);
        let cursor = query
            .cursor
            .as_deref()
            .map(decode_audit_cursor)
            .transpose()?;
        let since = query.since.map(|t| t.as_microsecond());
        let rows = self
            .db()
            .list_audit(since, cursor, i64::from(limit) + 1)
            .await?;
        let (rows, next_cursor) = page(rows, limit, |r| encode_cursor(r.at, r.id));
        Ok(AuditPage {
            events: rows.iter().map(AuditRow::event).collect::<Result<_>>()?,
            next_cursor,
        })
    }
}
