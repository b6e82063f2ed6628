//! The `tokens` table: API tokens of `keep serve`, stored as keyed hashes only.

use super::{AuditRow, Db, Inserted, TokenRow, inserted};
use crate::error::Result;

macro_rules! token_columns {
    () => {
        "id, name, hash, admin, created_at, expires_at, revoked_at, environments, read_only, \
         created_by, version, seal"
    };
}

impl Db {
    pub async fn insert_token(&self, row: &TokenRow, audit: Option<&AuditRow>) -> Result<Inserted> {
        let sql = concat!(
            "INSERT INTO tokens (",
            token_columns!(),
            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
        );
        audited!(
            self,
            audit,
            |conn| inserted(
                sqlx::query(sql)
                    .bind(&row.id)
                    .bind(&row.name)
                    .bind(&row.hash)
                    .bind(row.admin)
                    .bind(row.created_at)
                    .bind(row.expires_at)
                    .bind(row.revoked_at)
                    .bind(&row.environments)
                    .bind(row.read_only)
                    .bind(&row.created_by)
                    .bind(row.version)
                    .bind(&row.seal)
                    .execute(conn)
                    .await
                    .map(|_| ())
            ),
            |done| *done == Inserted::Yes
        )
    }

    pub async fn token_by_hash(&self, hash: &str) -> Result<Option<TokenRow>> {
        let sql = concat!("SELECT ", token_columns!(), " FROM tokens WHERE hash = $1");
        with_pool!(self, |pool| Ok(sqlx::query_as::<_, TokenRow>(sql)
            .bind(hash)
            .fetch_optional(pool)
            .await?))
    }

    /// Every token, oldest first (revoked and expired ones too: they are history).
    pub async fn list_tokens(&self) -> Result<Vec<TokenRow>> {
        let sql = concat!(
            "SELECT ",
            token_columns!(),
            " FROM tokens ORDER BY created_at, id LIMIT 100000"
        );
        with_pool!(self, |pool| Ok(sqlx::query_as::<_, TokenRow>(sql)
            .fetch_all(pool)
            .await?))
    }

    pub async fn count_tokens(&self) -> Result<i64> {
        let sql = "SELECT COUNT(*) FROM tokens";
        with_pool!(self, |pool| Ok(sqlx::query_scalar::<_, i64>(sql)
            .fetch_one(pool)
            .await?))
    }

    /// Revokes the token `name` if it is not revoked yet; false if there was no such token
    /// to revoke. `next` checks the current row and returns it revoked (its version counted
    /// up and sealed again); it is stored only if the row did not change in between. Unless
    /// `allow_last_admin`, the last usable admin token is kept: the update is conditional on
    /// another one existing, so two concurrent revokes cannot both pass.
    pub async fn revoke_token(
        &self,
        name: &str,
        now: i64,
        audit: Option<&AuditRow>,
        next: impl FnOnce(TokenRow) -> Result<TokenRow>,
    ) -> Result<Revoked> {
        let current_sql = concat!(
            "SELECT ",
            token_columns!(),
            " FROM tokens WHERE name = $1 AND revoked_at IS NULL"
        );
        let current: Option<TokenRow> =
            with_pool!(self, |pool| sqlx::query_as::<_, TokenRow>(current_sql)
                .bind(name)
                .fetch_optional(pool)
                .await?);
        let Some(current) = current else {
            return Ok(Revoked::NoSuchToken);
        };
        let (id, version, admin) = (current.id.clone(), current.version, current.admin);
        let revoked = next(current)?;
        let sql = "UPDATE tokens SET revoked_at = $1, version = $2, seal = $3 \
                   WHERE id = $4 AND version = $5 AND revoked_at IS NULL \
                   AND (admin = FALSE OR EXISTS (SELECT 1 FROM tokens o WHERE o.id <> $4 \
                   AND o.admin AND o.revoked_at IS NULL AND (o.expires_at IS NULL OR o.expires_at > $1)))";
        let n = audited!(
            self,
            audit,
            |conn| sqlx::query(sql)
                .bind(now)
                .bind(revoked.version)
                .bind(&revoked.seal)
                .bind(&id)
                .bind(version)
                .execute(conn)
                .await
                .map(|r| r.rows_affected()),
            |n| *n == 1
        )?;
        Ok(match (n, admin) {
            (1, _) => Revoked::Yes,
            (_, true) => Revoked::LastAdmin,
            (_, false) => Revoked::NoSuchToken,
        })
    }

    /// Tokens written before rows were sealed.
    pub async fn unsealed_tokens(&self) -> Result<Vec<TokenRow>> {
        let sql = concat!(
            "SELECT ",
            token_columns!(),
            " FROM tokens WHERE seal IS NULL ORDER BY id LIMIT 100000"
        );
        with_pool!(self, |pool| Ok(sqlx::query_as::<_, TokenRow>(sql)
            .fetch_all(pool)
            .await?))
    }
}

/// The outcome of [`Db::revoke_token`].
#[derive(Debug, PartialEq, Eq)]
pub enum Revoked {
    Yes,
    NoSuchToken,
    /// Refused: it is the only admin token left that can still be used.
    LastAdmin,
}
