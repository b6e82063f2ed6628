//! The `audit` table: one record per request that touched a secret or a token.

use sqlx::FromRow;

use super::Db;
use crate::error::Result;

/// One audit record. Never holds a value: only who did what to which secret, and how it ended.
#[derive(Clone, Debug, FromRow)]
pub struct AuditRow {
    /// Assigned by the database; 0 before the insert.
    #[sqlx(default)]
    pub id: i64,
    /// Microseconds since the Unix epoch.
    pub at: i64,
    /// The token's name (empty when no valid token was presented).
    pub actor: String,
    /// The client's address.
    pub client: String,
    /// `secret.create`, `secret.reveal`, `token.revoke`, ... (see `server::audit`).
    pub action: String,
    pub environment: Option<String>,
    /// The secret's or token's name.
    pub target: Option<String>,
    /// `ok`, `unauthorized`, `forbidden`, `not_found`, `conflict`, `invalid` or `error`.
    pub outcome: String,
}

/// Where a page of the audit log starts: strictly older than this (at, id).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AuditCursor {
    pub at: i64,
    pub id: i64,
}

impl Db {
    /// Records events of reads and refusals, in one transaction (successful writes record
    /// theirs in their own transaction).
    pub async fn insert_audit_batch(&self, records: &[AuditRow]) -> Result<()> {
        transaction!(self, |tx| {
            for record in records {
                audit_insert!(record).execute(&mut *tx).await?;
            }
        })
    }

    /// Up to `limit` records at or after `since`, newest first, older than `cursor`.
    pub async fn list_audit(
        &self,
        since: Option<i64>,
        cursor: Option<AuditCursor>,
        limit: i64,
    ) -> Result<Vec<AuditRow>> {
        let sql = "SELECT id, at, actor, client, action, environment, target, outcome \
                   FROM audit WHERE at >= $1 AND (at < $2 OR (at = $2 AND id < $3)) \
                   ORDER BY at DESC, id DESC LIMIT $4";
        let c = cursor.unwrap_or(AuditCursor {
            at: i64::MAX,
            id: i64::MAX,
        });
        with_pool!(self, |pool| Ok(sqlx::query_as::<_, AuditRow>(sql)
            .bind(since.unwrap_or(i64::MIN))
            .bind(c.at)
            .bind(c.id)
            .bind(limit)
            .fetch_all(pool)
            .await?))
    }
}
