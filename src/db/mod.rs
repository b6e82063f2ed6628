//! The database layer: every SQL statement keep runs, behind one `Db` enum.
//!
//! Statements are written once in the SQL subset SQLite and PostgreSQL share (`$1`
//! placeholders, BIGINT times in microseconds) and dispatched to the pool of the active
//! dialect by `with_pool!`; dialect differences live in `migrations/<dialect>/` only.

mod away;
mod postgres;
mod sqlite;

use std::path::Path;

use sqlx::FromRow;

use crate::error::{Error, Result};

/// Connection pools to the store's database.
///
/// SQLite has one writer at a time per database. Its writers get one connection of their
/// own, so that they queue in order for it, instead of many connections polling for the
/// write lock in SQLite's busy handler (which sleeps for up to 100 ms between tries); the
/// reads share the others, which WAL never blocks. PostgreSQL locks rows and takes one pool.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite {
        read: sqlx::SqlitePool,
        write: sqlx::SqlitePool,
    },
    Postgres(sqlx::PgPool),
}

/// Runs `$body` with `$pool` bound to the active dialect's pool for reads. The body is
/// compiled once per dialect, so each arm gets its driver's types.
macro_rules! with_pool {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            Db::Sqlite { read: $pool, .. } => $body,
            Db::Postgres(pool) => {
                let mut conn = $crate::db::away::acquire(pool).await?;
                let $pool = &mut *conn;
                $body
            }
        }
    };
}

/// [`with_pool!`] for statements that write.
macro_rules! with_writer {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            Db::Sqlite { write: $pool, .. } => $body,
            Db::Postgres(pool) => {
                let mut conn = $crate::db::away::acquire(pool).await?;
                let $pool = &mut *conn;
                $body
            }
        }
    };
}

/// The insert of one audit record, bound and ready to execute.
macro_rules! audit_insert {
    ($record:expr) => {{
        let r: &AuditRow = $record;
        sqlx::query(
            "INSERT INTO audit (at, actor, client, action, environment, target, outcome) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(r.at)
        .bind(&r.actor)
        .bind(&r.client)
        .bind(&r.action)
        .bind(&r.environment)
        .bind(&r.target)
        .bind(&r.outcome)
    }};
}

/// Runs `$body` in a write transaction with `$tx` bound to it, and commits it; evaluates to
/// `Result<T>` where `$body` evaluates to `T` (it may use `?`). On SQLite the transaction is
/// `BEGIN IMMEDIATE` on the writer's connection, so that a read-then-write cannot fail to
/// upgrade its lock; PostgreSQL's writers lock rows.
///
/// Any failure closes the SQLite connection instead of returning it to the pool: after a
/// failed `COMMIT` (`SQLITE_FULL`, `SQLITE_IOERR`) SQLite may have rolled the transaction
/// back by itself while sqlx still counts it as open, and would turn the next `BEGIN` on that
/// connection into a savepoint that is never committed, so that every later write would be
/// acknowledged and lost. A new connection starts clean, and works again once the disk does.
macro_rules! transaction {
    ($db:expr, |$tx:ident| $body:expr) => {
        match $db {
            Db::Sqlite { write, .. } => {
                let mut conn = write.acquire().await?;
                let result: Result<_> = async {
                    let mut $tx =
                        sqlx::Connection::begin_with(&mut *conn, "BEGIN IMMEDIATE").await?;
                    let value = $body;
                    $tx.commit().await?;
                    Ok(value)
                }
                .await;
                if result.is_err() {
                    conn.close_on_drop();
                }
                result
            }
            Db::Postgres(pool) => {
                async {
                    let mut conn = $crate::db::away::acquire(pool).await?;
                    let mut $tx = sqlx::Connection::begin(&mut *conn).await?;
                    let value = $body;
                    $tx.commit().await?;
                    Ok(value)
                }
                .await
            }
        }
    };
}

/// Runs `$write` with `$conn` bound to a connection and, when `$audit` is some, inserts that
/// audit record in the same transaction: a write and its record are committed together or not
/// at all. `$write` evaluates to a `Result` of any error that converts to ours. `$keep` looks at the write's result (`$done`) and says whether there is anything to
/// record. Without a record, `$write` runs alone (one statement commits by itself), as the
/// embedded store needs no audit log.
macro_rules! audited {
    ($db:expr, $audit:expr, |$conn:ident| $write:expr, |$done:ident| $keep:expr) => {{
        let record: Option<&AuditRow> = $audit;
        match record {
            None => with_writer!($db, |pool| {
                let $conn = pool;
                $write.map_err($crate::error::Error::from)
            }),
            Some(record) => transaction!($db, |tx| {
                let done = {
                    let $conn = &mut *tx;
                    $write?
                };
                let keep = {
                    let $done = &done;
                    $keep
                };
                if keep {
                    audit_insert!(record).execute(&mut *tx).await?;
                }
                done
            }),
        }
    }};
}

mod audit;
mod group_commit;
mod tokens;

pub use audit::{AuditCursor, AuditRow};
pub use group_commit::GroupCommit;
pub use tokens::Revoked;

/// A stored secret version, exactly as in the `secrets` table.
#[derive(Clone, Debug, FromRow)]
pub struct SecretRow {
    pub id: String,
    pub environment: String,
    pub name: String,
    pub version: i64,
    pub created_at: i64,
    pub created_by: String,
    pub updated_at: i64,
    pub last_used_at: Option<i64>,
    /// JSON array of the key names, so that listing and showing need no decryption.
    pub keys: String,
    pub key_id: String,
    /// Empty when only metadata was read (listing needs no decryption).
    #[sqlx(default)]
    pub wrapped_key: Vec<u8>,
    #[sqlx(default)]
    pub ciphertext: Vec<u8>,
    /// The row's seal (see `service::seals`); `None` only in a row written before seals.
    pub seal: Option<Vec<u8>>,
}

/// A stored API token (hash only).
#[derive(Clone, Debug, FromRow)]
pub struct TokenRow {
    pub id: String,
    pub name: String,
    pub hash: String,
    pub admin: bool,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub revoked_at: Option<i64>,
    /// JSON array of the environments it may use; `None`: all of them.
    pub environments: Option<String>,
    pub read_only: bool,
    pub created_by: String,
    /// Counts the token's changes; sealed with the rest.
    pub version: i64,
    /// The row's seal (see `service::seals`); `None` only in a row written before seals.
    pub seal: Option<Vec<u8>>,
}

/// Where a listing starts: strictly older than this (created_at, id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub created_at: i64,
    pub id: String,
}

/// The tables whose rows are sealed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sealed {
    Secrets,
    Tokens,
}

/// The outcome of an insert that may hit the `(environment, name)` uniqueness constraint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inserted {
    Yes,
    Conflict,
}

macro_rules! secret_columns {
    () => {
        "id, environment, name, version, created_at, created_by, updated_at, \
         last_used_at, keys, key_id, wrapped_key, ciphertext, seal"
    };
}

/// One secret by (environment, name), every column.
const SELECT_SECRET: &str = concat!(
    "SELECT ",
    secret_columns!(),
    " FROM secrets WHERE environment = $1 AND name = $2"
);

impl Db {
    /// Opens (creating if needed) an SQLite store at `path` and brings its schema up to date,
    /// with up to `connections` connections.
    pub async fn open_sqlite(path: &Path, connections: u32) -> Result<Self> {
        let (read, write) = sqlite::open(path, connections).await?;
        Ok(Db::Sqlite { read, write })
    }

    /// Connects to a PostgreSQL database and brings its schema up to date; safe when several
    /// replicas start at once (the migrator holds an advisory lock).
    pub async fn open_postgres(url: &str) -> Result<Self> {
        postgres::open(url).await.map(Db::Postgres)
    }

    /// Whether `url` names a PostgreSQL database (`postgres://` or `postgresql://`).
    pub fn is_postgres_url(url: &str) -> bool {
        url.starts_with("postgres://") || url.starts_with("postgresql://")
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite { read, write } => {
                read.close().await;
                write.close().await;
            }
            Db::Postgres(pool) => pool.close().await,
        }
    }

    pub async fn get_secret(&self, env: &str, name: &str) -> Result<Option<SecretRow>> {
        with_pool!(self, |pool| Ok(sqlx::query_as::<_, SecretRow>(
            SELECT_SECRET
        )
        .bind(env)
        .bind(name)
        .fetch_optional(pool)
        .await?))
    }

    /// Inserts new secrets in one transaction, each with its audit record if it has one; a
    /// row whose (environment, name) exists, in the store or earlier in the batch, is a
    /// `Conflict`. Rows are inserted in name order, so that two replicas' batches lock
    /// names in the same order and cannot deadlock.
    pub async fn insert_secrets(
        &self,
        rows: &[(SecretRow, Option<AuditRow>)],
    ) -> Result<Vec<Inserted>> {
        let sql = concat!(
            "INSERT INTO secrets (",
            secret_columns!(),
            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
             ON CONFLICT (environment, name) DO NOTHING"
        );
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&rows[a].0, &rows[b].0);
            (&a.environment, &a.name).cmp(&(&b.environment, &b.name))
        });
        let mut outcomes: Vec<Inserted> = rows.iter().map(|_| Inserted::Conflict).collect();
        transaction!(self, |tx| {
            for i in order {
                let (row, audit) = &rows[i];
                let n = sqlx::query(sql)
                    .bind(&row.id)
                    .bind(&row.environment)
                    .bind(&row.name)
                    .bind(row.version)
                    .bind(row.created_at)
                    .bind(&row.created_by)
                    .bind(row.updated_at)
                    .bind(row.last_used_at)
                    .bind(&row.keys)
                    .bind(&row.key_id)
                    .bind(&row.wrapped_key)
                    .bind(&row.ciphertext)
                    .bind(&row.seal)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if n == 1 {
                    if let Some(record) = audit {
                        audit_insert!(record).execute(&mut *tx).await?;
                    }
                    outcomes[i] = Inserted::Yes;
                }
            }
        })?;
        Ok(outcomes)
    }

    /// Writes the next version of a secret under a lock on its row: `next` gets the current
    /// row (values included) and returns the row to store in its place, and no other writer
    /// can change the secret in between. Writers of one secret queue for the lock instead of
    /// racing and retrying, so under any contention each of them gets through, in turn. The
    /// write and its audit record commit together. `None` when there is no such secret.
    pub async fn modify_secret(
        &self,
        env: &str,
        name: &str,
        next: impl FnOnce(SecretRow) -> Result<SecretRow>,
        audit: Option<&AuditRow>,
    ) -> Result<Option<SecretRow>> {
        const SELECT_FOR_UPDATE: &str = concat!(
            "SELECT ",
            secret_columns!(),
            " FROM secrets WHERE environment = $1 AND name = $2 FOR UPDATE"
        );
        const UPDATE: &str = "UPDATE secrets SET version = $1, updated_at = $2, keys = $3, \
                              key_id = $4, wrapped_key = $5, ciphertext = $6, seal = $7 \
                              WHERE id = $8";
        // SQLite locks the whole database (the transaction is IMMEDIATE, see `transaction!`);
        // PostgreSQL locks the one row.
        let select = match self {
            Db::Sqlite { .. } => SELECT_SECRET,
            Db::Postgres(_) => SELECT_FOR_UPDATE,
        };
        transaction!(self, |tx| {
            let current = sqlx::query_as::<_, SecretRow>(select)
                .bind(env)
                .bind(name)
                .fetch_optional(&mut *tx)
                .await?;
            match current {
                None => None,
                Some(row) => {
                    let row = next(row)?;
                    sqlx::query(UPDATE)
                        .bind(row.version)
                        .bind(row.updated_at)
                        .bind(&row.keys)
                        .bind(&row.key_id)
                        .bind(&row.wrapped_key)
                        .bind(&row.ciphertext)
                        .bind(&row.seal)
                        .bind(&row.id)
                        .execute(&mut *tx)
                        .await?;
                    if let Some(record) = audit {
                        audit_insert!(record).execute(&mut *tx).await?;
                    }
                    Some(row)
                }
            }
        })
    }

    pub async fn delete_secret(
        &self,
        env: &str,
        name: &str,
        audit: Option<&AuditRow>,
    ) -> Result<bool> {
        let sql = "DELETE FROM secrets WHERE environment = $1 AND name = $2";
        let n = audited!(
            self,
            audit,
            |conn| sqlx::query(sql)
                .bind(env)
                .bind(name)
                .execute(conn)
                .await
                .map(|r| r.rows_affected()),
            |n| *n > 0
        )?;
        Ok(n > 0)
    }

    /// Secrets whose data key is wrapped by a master key other than `key_id`, by id, after
    /// `after_id`.
    pub async fn secrets_not_under_key(
        &self,
        key_id: &str,
        after_id: &str,
        limit: i64,
    ) -> Result<Vec<SecretRow>> {
        let sql = concat!(
            "SELECT ",
            secret_columns!(),
            " FROM secrets WHERE key_id <> $1 AND id > $2 ORDER BY id LIMIT $3"
        );
        with_pool!(self, |pool| Ok(sqlx::query_as::<_, SecretRow>(sql)
            .bind(key_id)
            .bind(after_id)
            .bind(limit)
            .fetch_all(pool)
            .await?))
    }

    /// Stores a data key rewrapped under another master key, if the row is still the version
    /// that was read (a concurrent write seals under the active key anyway).
    pub async fn rewrap_secret(
        &self,
        row: &SecretRow,
        old_key_id: &str,
        new_key_id: &str,
        wrapped_key: &[u8],
    ) -> Result<bool> {
        let sql = "UPDATE secrets SET key_id = $1, wrapped_key = $2 \
                   WHERE id = $3 AND version = $4 AND key_id = $5";
        let n = with_writer!(self, |pool| sqlx::query(sql)
            .bind(new_key_id)
            .bind(wrapped_key)
            .bind(&row.id)
            .bind(row.version)
            .bind(old_key_id)
            .execute(pool)
            .await?
            .rows_affected());
        Ok(n == 1)
    }

    /// Secrets written before rows were sealed, by id, after `after_id` (metadata only).
    pub async fn unsealed_secrets(&self, after_id: &str, limit: i64) -> Result<Vec<SecretRow>> {
        let sql = "SELECT id, environment, name, version, created_at, created_by, updated_at, \
                   last_used_at, keys, key_id, seal \
                   FROM secrets WHERE seal IS NULL AND id > $1 ORDER BY id LIMIT $2";
        with_pool!(self, |pool| Ok(sqlx::query_as::<_, SecretRow>(sql)
            .bind(after_id)
            .bind(limit)
            .fetch_all(pool)
            .await?))
    }

    /// Seals a row of `table` written before seals, if it is still the version that was read.
    pub async fn set_seal(&self, table: Sealed, id: &str, version: i64, seal: &[u8]) -> Result<()> {
        let sql = match table {
            Sealed::Secrets => {
                "UPDATE secrets SET seal = $1 WHERE id = $2 AND version = $3 AND seal IS NULL"
            }
            Sealed::Tokens => {
                "UPDATE tokens SET seal = $1 WHERE id = $2 AND version = $3 AND seal IS NULL"
            }
        };
        with_writer!(self, |pool| sqlx::query(sql)
            .bind(seal)
            .bind(id)
            .bind(version)
            .execute(pool)
            .await?
            .rows_affected());
        Ok(())
    }

    /// How many secrets each master key wraps.
    pub async fn key_usage(&self) -> Result<Vec<(String, i64)>> {
        let sql = "SELECT key_id, COUNT(*) FROM secrets GROUP BY key_id ORDER BY key_id";
        with_pool!(self, |pool| Ok(sqlx::query_as::<_, (String, i64)>(sql)
            .fetch_all(pool)
            .await?))
    }

    /// Records that the values of `id` were read.
    pub async fn touch_secret(&self, id: &str, now: i64) -> Result<()> {
        let sql = "UPDATE secrets SET last_used_at = $1 WHERE id = $2";
        with_writer!(self, |pool| sqlx::query(sql)
            .bind(now)
            .bind(id)
            .execute(pool)
            .await?
            .rows_affected());
        Ok(())
    }

    /// Up to `limit` secrets of `env`, newest first, created before `before` and after `cursor`.
    /// Only metadata columns are read: the sealed blobs come back empty.
    pub async fn list_secrets(
        &self,
        env: &str,
        before: Option<i64>,
        cursor: Option<&Cursor>,
        limit: i64,
    ) -> Result<Vec<SecretRow>> {
        let sql = "SELECT id, environment, name, version, created_at, created_by, updated_at, \
                   last_used_at, keys, key_id, seal \
                   FROM secrets WHERE environment = $1 AND created_at < $2 \
                   AND (created_at < $3 OR (created_at = $3 AND id < $4)) \
                   ORDER BY created_at DESC, id DESC LIMIT $5";
        let before = before.unwrap_or(i64::MAX);
        let (c_at, c_id) = match cursor {
            Some(c) => (c.created_at, c.id.as_str()),
            None => (i64::MAX, ""),
        };
        // With no cursor, `created_at < MAX` holds for every row, so the id test is moot.
        with_pool!(self, |pool| Ok(sqlx::query_as::<_, SecretRow>(sql)
            .bind(env)
            .bind(before)
            .bind(c_at)
            .bind(c_id)
            .bind(limit)
            .fetch_all(pool)
            .await?))
    }

    /// The environments that hold at least one secret, sorted.
    pub async fn list_environments(&self) -> Result<Vec<String>> {
        let sql = "SELECT DISTINCT environment FROM secrets ORDER BY environment LIMIT 10000";
        with_pool!(self, |pool| Ok(sqlx::query_scalar::<_, String>(sql)
            .fetch_all(pool)
            .await?))
    }

    pub async fn get_meta(&self, name: &str) -> Result<Option<Vec<u8>>> {
        let sql = "SELECT value FROM meta WHERE name = $1";
        with_pool!(self, |pool| Ok(sqlx::query_scalar::<_, Vec<u8>>(sql)
            .bind(name)
            .fetch_optional(pool)
            .await?))
    }

    /// Every fact whose name starts with `prefix`.
    pub async fn meta_with_prefix(&self, prefix: &str) -> Result<Vec<(String, Vec<u8>)>> {
        let sql = "SELECT name, value FROM meta WHERE substr(name, 1, $2) = $1";
        let len = i32::try_from(prefix.len()).unwrap_or(i32::MAX);
        with_pool!(self, |pool| Ok(sqlx::query_as::<_, (String, Vec<u8>)>(sql)
            .bind(prefix)
            .bind(len)
            .fetch_all(pool)
            .await?))
    }

    /// Sets `name` unless it is already set (the first writer wins).
    pub async fn init_meta(&self, name: &str, value: &[u8]) -> Result<()> {
        let sql = "INSERT INTO meta (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING";
        with_writer!(self, |pool| sqlx::query(sql)
            .bind(name)
            .bind(value)
            .execute(pool)
            .await?
            .rows_affected());
        Ok(())
    }
}

/// A uniqueness violation is an expected outcome of an insert, not a failure.
fn inserted(result: std::result::Result<(), sqlx::Error>) -> Result<Inserted> {
    match result {
        Ok(()) => Ok(Inserted::Yes),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(Inserted::Conflict),
        Err(e) => Err(e.into()),
    }
}

/// Maps an unexpected database failure during start-up to an error naming the file.
pub(crate) fn open_error(path: &Path, e: sqlx::Error) -> Error {
    Error::Database(format!("cannot open `{}`: {e}", path.display()))
}
