//! PostgreSQL: `keep serve` as several stateless replicas on one database, through sqlx. Every
//! statement takes its connection through `away`, so that a database that is away fails a
//! request within a second; writers of one secret lock its row (`FOR UPDATE`).

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgConnection, PgPool};

use super::away;
use super::group_commit::GroupCommit;
use super::sql::*;
use super::{
    AuditCursor, AuditRow, EnvDeleted, Inserted, NewSecret, Revoked, SecretRow, SessionRow,
    TokenRow, VersionRow, Write,
};
use crate::error::{Error, Result};

/// A PostgreSQL database: its pool, and the group commits of creates and audit records (all
/// that arrive while one transaction commits go into the next, so one commit serves many).
pub struct Pg {
    pub pool: PgPool,
    inserts: GroupCommit<NewSecret, Inserted>,
    records: GroupCommit<AuditRow, ()>,
}

impl std::ops::Deref for Pg {
    type Target = PgPool;
    fn deref(&self) -> &PgPool {
        &self.pool
    }
}

/// Writes committed together at most.
const MAX_GROUP: usize = 256;

impl Pg {
    /// Starts the group commits' tasks: must run inside a runtime.
    pub fn new(pool: PgPool) -> Self {
        let (p1, p2) = (pool.clone(), pool.clone());
        Self {
            inserts: GroupCommit::start(MAX_GROUP, move |rows: Vec<NewSecret>| {
                let pool = p1.clone();
                async move {
                    let order = name_order(&rows);
                    insert_secrets(&pool, &rows, &order)
                        .await
                        .map_err(|e| e.to_string())
                }
            }),
            records: GroupCommit::start(MAX_GROUP, move |rows: Vec<AuditRow>| {
                let pool = p2.clone();
                async move {
                    let n = rows.len();
                    insert_audit_batch(&pool, &rows)
                        .await
                        .map(|()| vec![(); n])
                        .map_err(|e| e.to_string())
                }
            }),
            pool,
        }
    }

    pub async fn insert_secret(&self, new: NewSecret) -> Result<Inserted> {
        self.inserts.submit(new).await.map_err(Error::Database)
    }

    pub async fn insert_audit(&self, record: AuditRow) -> Result<()> {
        self.records.submit(record).await.map_err(Error::Database)
    }
}

/// Rows in name order, so that two replicas' batches lock names in the same order and cannot
/// deadlock.
pub fn name_order(rows: &[NewSecret]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&rows[a].row, &rows[b].row);
        (&a.environment, &a.name).cmp(&(&b.environment, &b.name))
    });
    order
}

pub async fn open(url: &str) -> Result<PgPool> {
    // sqlx's error for a bad URL quotes the URL, which may hold a password: say less.
    let options = PgConnectOptions::from_str(url).map_err(|_| {
        Error::invalid_with_hint(
            "invalid PostgreSQL URL",
            "use postgres://USER@HOST:PORT/DB?sslmode=verify-full (the password in PGPASSWORD)",
        )
    })?;
    let pool = PgPoolOptions::new()
        .max_connections(16)
        .min_connections(1)
        // When the database is away, requests fail fast (503) instead of queueing for long
        // (see `away`); the pool reconnects by itself when it is back.
        .acquire_timeout(away::ACQUIRE_TIMEOUT)
        .idle_timeout(Duration::from_secs(300))
        // No ping before each use: a GET takes a connection up to three times, and a ping is a
        // round trip each. A connection that died with its server fails its statement (503)
        // and is dropped; the next is made new.
        .test_before_acquire(false)
        .connect_with(options)
        .await
        .map_err(|e| Error::Database(format!("cannot connect to PostgreSQL: {e}")))?;
    super::migrate::POSTGRES.run(&pool).await?;
    Ok(pool)
}

/// Runs `$body` in a transaction on a connection of `$pool`, `$tx` bound to it, and commits;
/// evaluates to `Result<T>` where `$body` evaluates to `T` (it may use `?`).
macro_rules! transaction {
    ($pool:expr, |$tx:ident| $body:expr) => {
        async {
            let mut conn = away::acquire($pool).await?;
            let mut $tx = sqlx::Connection::begin(&mut *conn).await?;
            let value = $body;
            $tx.commit().await?;
            Ok::<_, Error>(value)
        }
        .await
    };
}

async fn insert_audit(conn: &mut PgConnection, r: &AuditRow) -> Result<()> {
    sqlx::query(INSERT_AUDIT)
        .bind(r.at)
        .bind(&r.actor)
        .bind(&r.client)
        .bind(&r.action)
        .bind(&r.environment)
        .bind(&r.target)
        .bind(&r.outcome)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn get_secret(pool: &PgPool, env: &str, name: &str) -> Result<Option<SecretRow>> {
    let mut conn = away::acquire(pool).await?;
    Ok(sqlx::query_as::<_, SecretRow>(SELECT_SECRET)
        .bind(env)
        .bind(name)
        .fetch_optional(&mut *conn)
        .await?)
}

pub async fn secret_name_by_id(pool: &PgPool, id: &str, env: &str) -> Result<Option<String>> {
    let mut conn = away::acquire(pool).await?;
    Ok(sqlx::query_scalar::<_, String>(SECRET_NAME_BY_ID)
        .bind(id)
        .bind(env)
        .fetch_optional(&mut *conn)
        .await?)
}

pub async fn insert_secrets(
    pool: &PgPool,
    rows: &[NewSecret],
    order: &[usize],
) -> Result<Vec<Inserted>> {
    transaction!(pool, |tx| {
        let mut outcomes = vec![Inserted::Conflict; rows.len()];
        for &i in order {
            let NewSecret {
                row,
                versions,
                record,
            } = &rows[i];
            let environment = sqlx::query_scalar::<_, i32>(ENVIRONMENT_FOR_SHARE)
                .bind(&row.environment)
                .fetch_optional(&mut *tx)
                .await?;
            if environment.is_none() {
                outcomes[i] = Inserted::NoEnvironment;
                continue;
            }
            let n = sqlx::query(INSERT_SECRET)
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
                for v in versions {
                    insert_version(&mut tx, v).await?;
                }
                if let Some(record) = record {
                    insert_audit(&mut tx, record).await?;
                }
                outcomes[i] = Inserted::Yes;
            }
        }
        outcomes
    })
}

/// The next version of a secret under its row's lock: `next` maps the current row to the
/// one to store, and no other writer can change it in between.
pub async fn modify_secret(
    pool: &PgPool,
    env: &str,
    name: &str,
    next: impl FnOnce(&SecretRow) -> Result<Option<Write>>,
    record: Option<&AuditRow>,
) -> Result<Option<SecretRow>> {
    transaction!(pool, |tx| {
        let current = sqlx::query_as::<_, SecretRow>(SELECT_SECRET_FOR_UPDATE)
            .bind(env)
            .bind(name)
            .fetch_optional(&mut *tx)
            .await?;
        match current {
            None => None,
            Some(current) => {
                let replaced = current.version;
                // Nothing to change: the row stays as it is, and nothing is written.
                let Some(Write {
                    row,
                    versions,
                    max_versions,
                }) = next(&current)?
                else {
                    return Ok(Some(current));
                };
                let updated = sqlx::query(UPDATE_SECRET)
                    .bind(row.version)
                    .bind(row.updated_at)
                    .bind(&row.keys)
                    .bind(&row.key_id)
                    .bind(&row.wrapped_key)
                    .bind(&row.ciphertext)
                    .bind(&row.seal)
                    .bind(&row.name)
                    .bind(&row.id)
                    .bind(replaced)
                    .execute(&mut *tx)
                    .await;
                match updated {
                    // A rename onto a name in use; the transaction is rolled back when dropped.
                    Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                        return Err(Error::AlreadyExists {
                            name: row.name.clone(),
                            env: row.environment.clone(),
                        });
                    }
                    other => other?,
                };
                for v in &versions {
                    insert_version(&mut tx, v).await?;
                }
                if max_versions > 0 {
                    sqlx::query(PRUNE_VERSIONS)
                        .bind(&row.id)
                        .bind(row.version - i64::from(max_versions))
                        .execute(&mut *tx)
                        .await?;
                }
                if let Some(record) = record {
                    insert_audit(&mut tx, record).await?;
                }
                Some(row)
            }
        }
    })
}

pub async fn delete_secret(
    pool: &PgPool,
    env: &str,
    name: &str,
    record: Option<&AuditRow>,
) -> Result<bool> {
    transaction!(pool, |tx| {
        let n = sqlx::query(DELETE_SECRET)
            .bind(env)
            .bind(name)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n > 0 {
            if let Some(record) = record {
                insert_audit(&mut tx, record).await?;
            }
        }
        n > 0
    })
}

pub async fn secrets_not_under_key(
    pool: &PgPool,
    key_id: &str,
    after_id: &str,
    limit: i64,
) -> Result<Vec<SecretRow>> {
    let mut conn = away::acquire(pool).await?;
    Ok(sqlx::query_as::<_, SecretRow>(SECRETS_NOT_UNDER_KEY)
        .bind(key_id)
        .bind(after_id)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?)
}

async fn insert_version(conn: &mut PgConnection, v: &VersionRow) -> Result<()> {
    sqlx::query(INSERT_VERSION)
        .bind(&v.secret_id)
        .bind(v.version)
        .bind(&v.environment)
        .bind(v.created_at)
        .bind(&v.created_by)
        .bind(&v.action)
        .bind(&v.keys)
        .bind(&v.changes)
        .bind(&v.key_id)
        .bind(&v.wrapped_key)
        .bind(&v.ciphertext)
        .bind(&v.seal)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn newest_version(pool: &PgPool, secret_id: &str) -> Result<Option<i64>> {
    let mut conn = away::acquire(pool).await?;
    Ok(sqlx::query_scalar::<_, Option<i64>>(NEWEST_VERSION)
        .bind(secret_id)
        .fetch_one(&mut *conn)
        .await?)
}

pub async fn list_versions(pool: &PgPool, secret_id: &str, limit: i64) -> Result<Vec<VersionRow>> {
    let mut conn = away::acquire(pool).await?;
    Ok(sqlx::query_as::<_, VersionRow>(LIST_VERSIONS)
        .bind(secret_id)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?)
}

pub async fn get_version(pool: &PgPool, secret_id: &str, v: i64) -> Result<Option<VersionRow>> {
    let mut conn = away::acquire(pool).await?;
    Ok(sqlx::query_as::<_, VersionRow>(SELECT_VERSION)
        .bind(secret_id)
        .bind(v)
        .fetch_optional(&mut *conn)
        .await?)
}

pub async fn versions_not_under_key(
    pool: &PgPool,
    key_id: &str,
    after: (&str, i64),
    limit: i64,
) -> Result<Vec<VersionRow>> {
    let mut conn = away::acquire(pool).await?;
    Ok(sqlx::query_as::<_, VersionRow>(VERSIONS_NOT_UNDER_KEY)
        .bind(key_id)
        .bind(after.0)
        .bind(after.1)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?)
}

pub async fn usage(pool: &PgPool, sql: &'static str) -> Result<Vec<(String, i64)>> {
    let mut conn = away::acquire(pool).await?;
    Ok(sqlx::query_as::<_, (String, i64)>(sql)
        .fetch_all(&mut *conn)
        .await?)
}

/// Rewraps a secret's or a version's data key (`sql`: `REWRAP_SECRET` or `REWRAP_VERSION`).
pub async fn rewrap(
    pool: &PgPool,
    sql: &'static str,
    row: (&str, i64),
    old_key_id: &str,
    new_key_id: &str,
    wrapped_key: &[u8],
) -> Result<bool> {
    let mut conn = away::acquire(pool).await?;
    let n = sqlx::query(sql)
        .bind(new_key_id)
        .bind(wrapped_key)
        .bind(row.0)
        .bind(row.1)
        .bind(old_key_id)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    Ok(n == 1)
}

pub async fn unsealed_secrets(pool: &PgPool, after_id: &str, limit: i64) -> Result<Vec<SecretRow>> {
    let mut conn = away::acquire(pool).await?;
    Ok(sqlx::query_as::<_, SecretRow>(UNSEALED_SECRETS)
        .bind(after_id)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?)
}

pub async fn set_seal(
    pool: &PgPool,
    sql: &'static str,
    id: &str,
    version: i64,
    seal: &[u8],
) -> Result<()> {
    let mut conn = away::acquire(pool).await?;
    sqlx::query(sql)
        .bind(seal)
        .bind(id)
        .bind(version)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn key_usage(pool: &PgPool) -> Result<Vec<(String, i64)>> {
    usage(pool, KEY_USAGE).await
}

pub async fn touch_secret(pool: &PgPool, id: &str, now: i64, resolution: i64) -> Result<()> {
    let mut conn = away::acquire(pool).await?;
    sqlx::query(TOUCH_SECRET)
        .bind(now)
        .bind(id)
        .bind(resolution)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn list_secrets(
    pool: &PgPool,
    env: &str,
    before: i64,
    cursor: (i64, &str),
    limit: i64,
) -> Result<Vec<SecretRow>> {
    let mut conn = away::acquire(pool).await?;
    Ok(sqlx::query_as::<_, SecretRow>(LIST_SECRETS)
        .bind(env)
        .bind(before)
        .bind(cursor.0)
        .bind(cursor.1)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?)
}

pub async fn list_environments(pool: &PgPool) -> Result<Vec<String>> {
    let mut conn = away::acquire(pool).await?;
    Ok(sqlx::query_scalar::<_, String>(LIST_ENVIRONMENTS)
        .fetch_all(&mut *conn)
        .await?)
}

pub async fn environment_exists(pool: &PgPool, name: &str) -> Result<bool> {
    let mut conn = away::acquire(pool).await?;
    Ok(sqlx::query_scalar::<_, i32>(ENVIRONMENT_EXISTS)
        .bind(name)
        .fetch_optional(&mut *conn)
        .await?
        .is_some())
}

pub async fn secret_names(pool: &PgPool, env: &str) -> Result<Vec<String>> {
    let mut conn = away::acquire(pool).await?;
    Ok(sqlx::query_scalar::<_, String>(SECRET_NAMES)
        .bind(env)
        .fetch_all(&mut *conn)
        .await?)
}

pub async fn insert_environment(
    pool: &PgPool,
    name: &str,
    now: i64,
    by: &str,
    record: Option<&AuditRow>,
) -> Result<Inserted> {
    transaction!(pool, |tx| {
        let n = sqlx::query(INSERT_ENVIRONMENT)
            .bind(name)
            .bind(now)
            .bind(by)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n == 0 {
            Inserted::Conflict
        } else {
            if let Some(record) = record {
                insert_audit(&mut tx, record).await?;
            }
            Inserted::Yes
        }
    })
}

/// Deletes an environment, and its secrets with `force`, under the environment row's lock
/// (so that no secret is counted out while it is deleted).
pub async fn delete_environment(
    pool: &PgPool,
    name: &str,
    force: bool,
    record: Option<&AuditRow>,
) -> Result<EnvDeleted> {
    transaction!(pool, |tx| {
        let found = sqlx::query_scalar::<_, i32>(ENVIRONMENT_FOR_UPDATE)
            .bind(name)
            .fetch_optional(&mut *tx)
            .await?;
        if found.is_none() {
            return Ok(EnvDeleted::NoSuchEnvironment);
        }
        let secrets = sqlx::query_scalar::<_, i64>(COUNT_ENVIRONMENT_SECRETS)
            .bind(name)
            .fetch_one(&mut *tx)
            .await?;
        if secrets > 0 && !force {
            return Ok(EnvDeleted::NotEmpty(secrets));
        }
        sqlx::query(DELETE_ENVIRONMENT_SECRETS)
            .bind(name)
            .execute(&mut *tx)
            .await?;
        sqlx::query(DELETE_ENVIRONMENT)
            .bind(name)
            .execute(&mut *tx)
            .await?;
        if let Some(record) = record {
            insert_audit(&mut tx, record).await?;
        }
        EnvDeleted::Yes(secrets)
    })
}

pub async fn get_meta(pool: &PgPool, name: &str) -> Result<Option<Vec<u8>>> {
    let mut conn = away::acquire(pool).await?;
    Ok(sqlx::query_scalar::<_, Vec<u8>>(GET_META)
        .bind(name)
        .fetch_optional(&mut *conn)
        .await?)
}

pub async fn meta_with_prefix(pool: &PgPool, prefix: &str) -> Result<Vec<(String, Vec<u8>)>> {
    let len = i32::try_from(prefix.len()).unwrap_or(i32::MAX);
    let mut conn = away::acquire(pool).await?;
    Ok(sqlx::query_as::<_, (String, Vec<u8>)>(META_WITH_PREFIX)
        .bind(prefix)
        .bind(len)
        .fetch_all(&mut *conn)
        .await?)
}

pub async fn init_meta(pool: &PgPool, name: &str, value: &[u8]) -> Result<()> {
    let mut conn = away::acquire(pool).await?;
    sqlx::query(INIT_META)
        .bind(name)
        .bind(value)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn insert_audit_batch(pool: &PgPool, records: &[AuditRow]) -> Result<()> {
    transaction!(pool, |tx| {
        for record in records {
            insert_audit(&mut tx, record).await?;
        }
    })
}

pub async fn list_audit(
    pool: &PgPool,
    since: i64,
    cursor: AuditCursor,
    limit: i64,
) -> Result<Vec<AuditRow>> {
    let mut conn = away::acquire(pool).await?;
    Ok(sqlx::query_as::<_, AuditRow>(LIST_AUDIT)
        .bind(since)
        .bind(cursor.at)
        .bind(cursor.id)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?)
}

pub async fn insert_token(
    pool: &PgPool,
    row: &TokenRow,
    record: Option<&AuditRow>,
) -> Result<Inserted> {
    transaction!(pool, |tx| {
        let inserted = sqlx::query(INSERT_TOKEN)
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
            .execute(&mut *tx)
            .await;
        match inserted {
            Ok(_) => {
                if let Some(record) = record {
                    insert_audit(&mut tx, record).await?;
                }
                Inserted::Yes
            }
            // The transaction is aborted; committing it rolls it back.
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Inserted::Conflict,
            Err(e) => return Err(e.into()),
        }
    })
}

pub async fn token_by_hash(pool: &PgPool, hash: &str) -> Result<Option<TokenRow>> {
    let mut conn = away::acquire(pool).await?;
    Ok(sqlx::query_as::<_, TokenRow>(TOKEN_BY_HASH)
        .bind(hash)
        .fetch_optional(&mut *conn)
        .await?)
}

pub async fn active_token_by_name(pool: &PgPool, name: &str) -> Result<Option<TokenRow>> {
    let mut conn = away::acquire(pool).await?;
    Ok(sqlx::query_as::<_, TokenRow>(ACTIVE_TOKEN_BY_NAME)
        .bind(name)
        .fetch_optional(&mut *conn)
        .await?)
}

pub async fn list_tokens(pool: &PgPool, sql: &'static str) -> Result<Vec<TokenRow>> {
    let mut conn = away::acquire(pool).await?;
    Ok(sqlx::query_as::<_, TokenRow>(sql)
        .fetch_all(&mut *conn)
        .await?)
}

pub async fn count_tokens(pool: &PgPool) -> Result<i64> {
    let mut conn = away::acquire(pool).await?;
    Ok(sqlx::query_scalar::<_, i64>(COUNT_TOKENS)
        .fetch_one(&mut *conn)
        .await?)
}

pub async fn revoke_token(
    pool: &PgPool,
    revoked: &TokenRow,
    replaced: i64,
    now: i64,
    record: Option<&AuditRow>,
) -> Result<Revoked> {
    transaction!(pool, |tx| {
        let n = sqlx::query(REVOKE_TOKEN)
            .bind(now)
            .bind(revoked.version)
            .bind(&revoked.seal)
            .bind(&revoked.id)
            .bind(replaced)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n == 1 {
            if let Some(record) = record {
                insert_audit(&mut tx, record).await?;
            }
            Revoked::Yes
        } else if revoked.admin {
            Revoked::LastAdmin
        } else {
            Revoked::NoSuchToken
        }
    })
}

// --- sessions ----------------------------------------------------------------------------

pub async fn insert_session(pool: &PgPool, r: &SessionRow) -> Result<()> {
    let mut conn = away::acquire(pool).await?;
    sqlx::query(INSERT_SESSION)
        .bind(&r.id)
        .bind(&r.hash)
        .bind(&r.token_hash)
        .bind(r.created_at)
        .bind(r.last_seen_at)
        .bind(r.expires_at)
        .bind(&r.client)
        .bind(&r.seal)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn session_by_hash(pool: &PgPool, hash: &str) -> Result<Option<SessionRow>> {
    let mut conn = away::acquire(pool).await?;
    Ok(sqlx::query_as::<_, SessionRow>(SESSION_BY_HASH)
        .bind(hash)
        .fetch_optional(&mut *conn)
        .await?)
}

pub async fn list_sessions(pool: &PgPool, token_hash: &str) -> Result<Vec<SessionRow>> {
    let mut conn = away::acquire(pool).await?;
    Ok(sqlx::query_as::<_, SessionRow>(LIST_SESSIONS)
        .bind(token_hash)
        .fetch_all(&mut *conn)
        .await?)
}

pub async fn touch_session(pool: &PgPool, id: &str, now: i64) -> Result<()> {
    let mut conn = away::acquire(pool).await?;
    sqlx::query(TOUCH_SESSION)
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn delete_session(pool: &PgPool, id: &str, token_hash: &str) -> Result<bool> {
    let mut conn = away::acquire(pool).await?;
    let done = sqlx::query(DELETE_SESSION)
        .bind(id)
        .bind(token_hash)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

pub async fn delete_stale_sessions(pool: &PgPool, now: i64, idle_before: i64) -> Result<()> {
    let mut conn = away::acquire(pool).await?;
    sqlx::query(DELETE_STALE_SESSIONS)
        .bind(now)
        .bind(idle_before)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn list_secrets_by_prefix(
    pool: &PgPool,
    env: &str,
    range: (&str, &str),
    after: &str,
    limit: i64,
) -> Result<Vec<SecretRow>> {
    let mut conn = away::acquire(pool).await?;
    Ok(sqlx::query_as::<_, SecretRow>(LIST_SECRETS_BY_PREFIX_PG)
        .bind(env)
        .bind(range.0)
        .bind(range.1)
        .bind(after)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?)
}

pub async fn last_reveal(pool: &PgPool, env: &str, name: &str) -> Result<Option<(i64, String)>> {
    let mut conn = away::acquire(pool).await?;
    Ok(sqlx::query_as::<_, (i64, String)>(LAST_REVEAL)
        .bind(name)
        .bind(env)
        .fetch_optional(&mut *conn)
        .await?)
}
