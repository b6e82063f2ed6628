//! The database layer: SQLite (the embedded store and the single-machine server, through
//! rusqlite in `lite`) and PostgreSQL (replicas, through sqlx in `pg`) behind one `Db`.
//!
//! Every statement is written once, in `sql`, in the subset the two dialects share; each
//! method below runs it on the active one. SQLite reads run on the caller's thread and its
//! writes in turn on one writer (`lite::Store`); PostgreSQL's writers lock rows.

mod away;
mod group_commit;
mod lite;
mod migrate;
mod pg;
mod sql;

use std::path::Path;
use std::sync::Arc;

use sqlx::FromRow;

use crate::error::Result;

/// The store's database.
#[derive(Clone)]
pub enum Db {
    Sqlite(Arc<lite::Store>),
    Postgres(Arc<pg::Pg>),
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Db::Sqlite(_) => "Db::Sqlite",
            Db::Postgres(_) => "Db::Postgres",
        })
    }
}

/// How a server uses SQLite: reads on this many connections of their own.
const SERVER_READERS: usize = 4;

/// A use of a secret's values is recorded at most this often (microseconds): `last_used_at`
/// tells whether a secret is still in use, to the minute, without turning every read of a
/// hot secret into a durable write. The server's audit log records every read exactly.
pub const LAST_USED_RESOLUTION: i64 = 60_000_000;

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

/// A version of a secret kept in its history, exactly as in the `secret_versions` table.
#[derive(Clone, Debug, FromRow)]
pub struct VersionRow {
    pub secret_id: String,
    pub version: i64,
    /// The secret's environment (bound into the ciphertext with the id and the version).
    pub environment: String,
    pub created_at: i64,
    /// Who wrote it: the OS user locally, the token's name on a server.
    pub created_by: String,
    /// What kind of write made it: `create`, `update`, `replace`, `rollback`, `rename`,
    /// `copy`, or `recorded` (the version a store from before history held at its first write).
    pub action: String,
    /// JSON array of the key names.
    pub keys: String,
    /// JSON object: the keys `added`, `changed` and `removed` by this version, and `from`
    /// (the version rolled back to, or the name or place renamed or copied from).
    pub changes: String,
    pub key_id: String,
    /// Empty when only metadata was read.
    #[sqlx(default)]
    pub wrapped_key: Vec<u8>,
    #[sqlx(default)]
    pub ciphertext: Vec<u8>,
    pub seal: Vec<u8>,
}

/// A write of the next version of a secret (see [`Db::modify_secret`]).
#[derive(Clone, Debug)]
pub struct Write {
    /// The secret's row as it will be.
    pub row: SecretRow,
    /// Versions to record: the new one, and before it the version replaced if the secret has
    /// no history yet (a store from before history).
    pub versions: Vec<VersionRow>,
    /// Keep at most this many versions of the secret, the newest (0: all of them).
    pub max_versions: u32,
}

/// A new secret to insert, with its history (its first version) and its audit record.
#[derive(Clone, Debug)]
pub struct NewSecret {
    pub row: SecretRow,
    pub versions: Vec<VersionRow>,
    pub record: Option<AuditRow>,
}

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
    /// `secret.create`, `secret.reveal`, `token.revoke`, ... (see `api::Action`).
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

/// The outcome of [`Db::revoke_token`].
#[derive(Debug, PartialEq, Eq)]
pub enum Revoked {
    Yes,
    NoSuchToken,
    /// Refused: it is the only admin token left that can still be used.
    LastAdmin,
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

/// A dashboard session: the keyed hash of its cookie's secret and of the token it stands for.
#[derive(Clone, Debug, FromRow)]
pub struct SessionRow {
    /// Public id (`ss-...`): what the sessions page shows and revokes by.
    pub id: String,
    pub hash: String,
    pub token_hash: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    /// The absolute expiry.
    pub expires_at: i64,
    /// The address that logged in.
    pub client: String,
    pub seal: Vec<u8>,
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

/// The outcome of [`Db::delete_environment`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnvDeleted {
    /// Deleted, with this many secrets.
    Yes(i64),
    NoSuchEnvironment,
    /// Refused: it holds this many secrets, and `force` was not given.
    NotEmpty(i64),
}

/// The outcome of an insert that may hit the `(environment, name)` uniqueness constraint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inserted {
    Yes,
    Conflict,
    /// A secret's environment does not exist (checked in the insert's transaction, so that a
    /// concurrent delete of the environment cannot leave the secret behind).
    NoEnvironment,
}

/// Runs `$lite` (a call on an `&Connection`, `$conn`) on an SQLite read connection, or awaits
/// `$pg` (with `$pool`) on PostgreSQL.
macro_rules! read {
    ($db:expr, |$conn:ident| $lite:expr, |$pool:ident| $pg:expr) => {
        match $db {
            Db::Sqlite(store) => store.read(|$conn| $lite),
            Db::Postgres(pg) => {
                let $pool = &pg.pool;
                $pg.await
            }
        }
    };
}

impl Db {
    /// Opens (creating if needed) an SQLite store at `path` and brings its schema up to date:
    /// for a CLI command (`server` false) one connection on this thread, for a server a few
    /// read connections and a writer thread.
    pub fn open_sqlite(path: &Path, server: bool) -> Result<Self> {
        let store = if server {
            lite::Store::threaded(path, SERVER_READERS)?
        } else {
            lite::Store::inline(path)?
        };
        Ok(Db::Sqlite(Arc::new(store)))
    }

    /// Connects to a PostgreSQL database and brings its schema up to date; safe when several
    /// replicas start at once (the migrator holds an advisory lock).
    pub async fn open_postgres(url: &str) -> Result<Self> {
        let pool = pg::open(url).await?;
        Ok(Db::Postgres(Arc::new(pg::Pg::new(pool))))
    }

    /// Whether `url` names a PostgreSQL database (`postgres://` or `postgresql://`).
    pub fn is_postgres_url(url: &str) -> bool {
        url.starts_with("postgres://") || url.starts_with("postgresql://")
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(store) => store.close(),
            Db::Postgres(pg) => pg.pool.close().await,
        }
    }

    pub async fn get_secret(&self, env: &str, name: &str) -> Result<Option<SecretRow>> {
        read!(self, |c| lite::get_secret(c, env, name), |pool| {
            pg::get_secret(pool, env, name)
        })
    }

    /// The name of the secret with id `id` in `env`, if there is one.
    pub async fn secret_name_by_id(&self, env: &str, id: &str) -> Result<Option<String>> {
        read!(self, |c| lite::secret_name_by_id(c, id, env), |pool| {
            pg::secret_name_by_id(pool, id, env)
        })
    }

    /// Inserts new secrets in one transaction, each with its audit record if it has one; a
    /// row whose (environment, name) exists, in the store or earlier in the batch, is a
    /// `Conflict`, one whose environment does not exist `NoEnvironment`. Rows are inserted in name order, so that two replicas' batches lock
    /// names in the same order and cannot deadlock.
    pub async fn insert_secrets(&self, rows: Vec<NewSecret>) -> Result<Vec<Inserted>> {
        let order = pg::name_order(&rows);
        match self {
            Db::Sqlite(store) => {
                store
                    .write(move |c| lite::insert_secrets(c, &rows, &order))
                    .await
            }
            Db::Postgres(pool) => pg::insert_secrets(pool, &rows, &order).await,
        }
    }

    /// Inserts one new secret with its audit record, committed with the other creates and
    /// records that arrive meanwhile (group commit); answered once durable. `Conflict` when
    /// its (environment, name) exists.
    pub async fn insert_secret(&self, new: NewSecret) -> Result<Inserted> {
        match self {
            Db::Sqlite(store) => {
                store
                    .write_grouped(move |c| lite::insert_secret(c, &new))
                    .await
            }
            Db::Postgres(pg) => pg.insert_secret(new).await,
        }
    }

    /// Stores the record of a read or a refusal (a write stores its own with it), committed
    /// with the others that arrive meanwhile; answered once durable.
    pub async fn insert_audit(&self, record: AuditRow) -> Result<()> {
        match self {
            Db::Sqlite(store) => {
                store
                    .write_grouped(move |c| lite::insert_audit(c, &record))
                    .await
            }
            Db::Postgres(pg) => pg.insert_audit(record).await,
        }
    }

    /// Writes the next version of a secret: `next` gets the current row (values included) and
    /// returns the row to store in its place, or `None` to leave it as it is (nothing is
    /// written, nor recorded: the current row is returned), and no other writer changes the
    /// secret in between. The write and its audit record commit together. `None` when there
    /// is no such secret. PostgreSQL holds the row's lock meanwhile; SQLite stores the new row only if
    /// the current one is still the version read, and otherwise reads it again (this
    /// process's writers of one secret take turns before this, so only another process's
    /// write can come between).
    pub async fn modify_secret(
        &self,
        env: &str,
        name: &str,
        mut next: impl FnMut(&SecretRow) -> Result<Option<Write>>,
        record: Option<&AuditRow>,
    ) -> Result<Option<SecretRow>> {
        let store = match self {
            Db::Sqlite(store) => store,
            Db::Postgres(pool) => return pg::modify_secret(pool, env, name, next, record).await,
        };
        loop {
            let Some(current) = store.read(|c| lite::get_secret(c, env, name))? else {
                return Ok(None);
            };
            let replaced = current.version;
            // Nothing to change: the row stays as it is, and nothing is written.
            let Some(write) = next(&current)? else {
                return Ok(Some(current));
            };
            let row = write.row.clone();
            let audit = record.cloned();
            let stored = store
                .write(move |c| lite::replace_secret(c, &write, replaced, audit.as_ref()))
                .await?;
            if stored {
                return Ok(Some(row));
            }
        }
    }

    /// The newest version in a secret's history; `None` if it has none (written before
    /// history).
    pub async fn newest_version(&self, secret_id: &str) -> Result<Option<i64>> {
        read!(self, |c| lite::newest_version(c, secret_id), |pool| {
            pg::newest_version(pool, secret_id)
        })
    }

    /// Up to `limit` versions of a secret, newest first (metadata only).
    pub async fn list_versions(&self, secret_id: &str, limit: i64) -> Result<Vec<VersionRow>> {
        read!(self, |c| lite::list_versions(c, secret_id, limit), |pool| {
            pg::list_versions(pool, secret_id, limit)
        })
    }

    /// One version of a secret, sealed values included.
    pub async fn get_version(&self, secret_id: &str, version: i64) -> Result<Option<VersionRow>> {
        read!(self, |c| lite::get_version(c, secret_id, version), |pool| {
            pg::get_version(pool, secret_id, version)
        })
    }

    /// Versions whose data key is wrapped by a master key other than `key_id`, in (secret,
    /// version) order after `after`.
    pub async fn versions_not_under_key(
        &self,
        key_id: &str,
        after: (&str, i64),
        limit: i64,
    ) -> Result<Vec<VersionRow>> {
        read!(
            self,
            |c| lite::versions_not_under_key(c, key_id, after, limit),
            |pool| pg::versions_not_under_key(pool, key_id, after, limit)
        )
    }

    /// Stores a version's data key rewrapped under another master key, if it is still
    /// wrapped by the old one.
    pub async fn rewrap_version(
        &self,
        row: &VersionRow,
        old_key_id: &str,
        new_key_id: &str,
        wrapped_key: &[u8],
    ) -> Result<bool> {
        let at = (row.secret_id.as_str(), row.version);
        self.rewrap(sql::REWRAP_VERSION, at, old_key_id, new_key_id, wrapped_key)
            .await
    }

    /// How many versions each master key wraps.
    pub async fn version_key_usage(&self) -> Result<Vec<(String, i64)>> {
        read!(self, |c| lite::usage(c, sql::VERSION_KEY_USAGE), |pool| {
            pg::usage(pool, sql::VERSION_KEY_USAGE)
        })
    }

    pub async fn delete_secret(
        &self,
        env: &str,
        name: &str,
        record: Option<&AuditRow>,
    ) -> Result<bool> {
        match self {
            Db::Sqlite(store) => {
                let (env, name, record) = (env.to_owned(), name.to_owned(), record.cloned());
                store
                    .write(move |c| lite::delete_secret(c, &env, &name, record.as_ref()))
                    .await
            }
            Db::Postgres(pool) => pg::delete_secret(pool, env, name, record).await,
        }
    }

    /// Secrets whose data key is wrapped by a master key other than `key_id`, by id, after
    /// `after_id`.
    pub async fn secrets_not_under_key(
        &self,
        key_id: &str,
        after_id: &str,
        limit: i64,
    ) -> Result<Vec<SecretRow>> {
        read!(
            self,
            |c| lite::secrets_not_under_key(c, key_id, after_id, limit),
            |pool| pg::secrets_not_under_key(pool, key_id, after_id, limit)
        )
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
        let at = (row.id.as_str(), row.version);
        self.rewrap(sql::REWRAP_SECRET, at, old_key_id, new_key_id, wrapped_key)
            .await
    }

    /// Runs `sql`, a rewrap of the data key of the row `(id, version)`, if it is still wrapped
    /// by `old_key_id`: the statement of a secret or of a version of one.
    async fn rewrap(
        &self,
        sql: &'static str,
        (id, version): (&str, i64),
        old_key_id: &str,
        new_key_id: &str,
        wrapped_key: &[u8],
    ) -> Result<bool> {
        match self {
            Db::Sqlite(store) => {
                let (id, old, new, wrapped) = (
                    id.to_owned(),
                    old_key_id.to_owned(),
                    new_key_id.to_owned(),
                    wrapped_key.to_vec(),
                );
                store
                    .write(move |c| lite::rewrap(c, sql, (&id, version), &old, &new, &wrapped))
                    .await
            }
            Db::Postgres(pool) => {
                pg::rewrap(
                    pool,
                    sql,
                    (id, version),
                    old_key_id,
                    new_key_id,
                    wrapped_key,
                )
                .await
            }
        }
    }

    /// Secrets written before rows were sealed, by id, after `after_id` (metadata only).
    pub async fn unsealed_secrets(&self, after_id: &str, limit: i64) -> Result<Vec<SecretRow>> {
        read!(
            self,
            |c| lite::unsealed_secrets(c, after_id, limit),
            |pool| pg::unsealed_secrets(pool, after_id, limit)
        )
    }

    /// Seals a row of `table` written before seals, if it is still the version that was read.
    pub async fn set_seal(&self, table: Sealed, id: &str, version: i64, seal: &[u8]) -> Result<()> {
        let sql = match table {
            Sealed::Secrets => sql::SEAL_SECRET,
            Sealed::Tokens => sql::SEAL_TOKEN,
        };
        match self {
            Db::Sqlite(store) => {
                let (id, seal) = (id.to_owned(), seal.to_vec());
                store
                    .write(move |c| lite::set_seal(c, sql, &id, version, &seal))
                    .await
            }
            Db::Postgres(pool) => pg::set_seal(pool, sql, id, version, seal).await,
        }
    }

    /// How many secrets each master key wraps.
    pub async fn key_usage(&self) -> Result<Vec<(String, i64)>> {
        read!(self, |c| lite::key_usage(c), |pool| pg::key_usage(pool))
    }

    /// Records that the values of `id` were read at `now`, unless a use was recorded within
    /// [`LAST_USED_RESOLUTION`] before (then nothing is written, and the answer is false).
    pub async fn touch_secret(&self, id: &str, now: i64, last_used: Option<i64>) -> Result<bool> {
        if last_used.is_some_and(|t| t >= now - LAST_USED_RESOLUTION) {
            return Ok(false);
        }
        match self {
            Db::Sqlite(store) => {
                let id = id.to_owned();
                store
                    .write(move |c| lite::touch_secret(c, &id, now, LAST_USED_RESOLUTION))
                    .await?;
            }
            Db::Postgres(pool) => pg::touch_secret(pool, id, now, LAST_USED_RESOLUTION).await?,
        }
        Ok(true)
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
        let before = before.unwrap_or(i64::MAX);
        // With no cursor, `created_at < MAX` holds for every row, so the id test is moot.
        let cursor = match cursor {
            Some(c) => (c.created_at, c.id.as_str()),
            None => (i64::MAX, ""),
        };
        read!(
            self,
            |c| lite::list_secrets(c, env, before, cursor, limit),
            |pool| pg::list_secrets(pool, env, before, cursor, limit)
        )
    }

    /// Every environment, sorted.
    pub async fn list_environments(&self) -> Result<Vec<String>> {
        read!(self, |c| lite::list_environments(c), |pool| {
            pg::list_environments(pool)
        })
    }

    /// Whether the environment `name` exists (one indexed lookup).
    pub async fn environment_exists(&self, name: &str) -> Result<bool> {
        read!(self, |c| lite::environment_exists(c, name), |pool| {
            pg::environment_exists(pool, name)
        })
    }

    /// The names of the secrets of `env`, sorted.
    pub async fn secret_names(&self, env: &str) -> Result<Vec<String>> {
        read!(self, |c| lite::secret_names(c, env), |pool| {
            pg::secret_names(pool, env)
        })
    }

    /// Creates an environment, with its audit record; `Conflict` if it exists.
    pub async fn insert_environment(
        &self,
        name: &str,
        now: i64,
        by: &str,
        record: Option<&AuditRow>,
    ) -> Result<Inserted> {
        match self {
            Db::Sqlite(store) => {
                let (name, by, record) = (name.to_owned(), by.to_owned(), record.cloned());
                store
                    .write(move |c| lite::insert_environment(c, &name, now, &by, record.as_ref()))
                    .await
            }
            Db::Postgres(pool) => pg::insert_environment(pool, name, now, by, record).await,
        }
    }

    /// Deletes an environment and, with `force`, its secrets, in one transaction with its
    /// audit record; refused while it holds secrets without `force`.
    pub async fn delete_environment(
        &self,
        name: &str,
        force: bool,
        record: Option<&AuditRow>,
    ) -> Result<EnvDeleted> {
        match self {
            Db::Sqlite(store) => {
                let (name, record) = (name.to_owned(), record.cloned());
                store
                    .write(move |c| lite::delete_environment(c, &name, force, record.as_ref()))
                    .await
            }
            Db::Postgres(pool) => pg::delete_environment(pool, name, force, record).await,
        }
    }

    pub async fn get_meta(&self, name: &str) -> Result<Option<Vec<u8>>> {
        read!(self, |c| lite::get_meta(c, name), |pool| pg::get_meta(
            pool, name
        ))
    }

    /// Every fact whose name starts with `prefix`.
    pub async fn meta_with_prefix(&self, prefix: &str) -> Result<Vec<(String, Vec<u8>)>> {
        read!(self, |c| lite::meta_with_prefix(c, prefix), |pool| {
            pg::meta_with_prefix(pool, prefix)
        })
    }

    /// Sets `name` unless it is already set (the first writer wins).
    pub async fn init_meta(&self, name: &str, value: &[u8]) -> Result<()> {
        match self {
            Db::Sqlite(store) => {
                let (name, value) = (name.to_owned(), value.to_vec());
                store
                    .write(move |c| lite::init_meta(c, &name, &value))
                    .await
            }
            Db::Postgres(pool) => pg::init_meta(pool, name, value).await,
        }
    }

    /// Up to `limit` records at or after `since`, newest first, older than `cursor`.
    pub async fn list_audit(
        &self,
        since: Option<i64>,
        cursor: Option<AuditCursor>,
        limit: i64,
    ) -> Result<Vec<AuditRow>> {
        let since = since.unwrap_or(i64::MIN);
        let cursor = cursor.unwrap_or(AuditCursor {
            at: i64::MAX,
            id: i64::MAX,
        });
        read!(
            self,
            |c| lite::list_audit(c, since, cursor, limit),
            |pool| pg::list_audit(pool, since, cursor, limit)
        )
    }

    pub async fn insert_token(
        &self,
        row: &TokenRow,
        record: Option<&AuditRow>,
    ) -> Result<Inserted> {
        match self {
            Db::Sqlite(store) => {
                let (row, record) = (row.clone(), record.cloned());
                store
                    .write(move |c| lite::insert_token(c, &row, record.as_ref()))
                    .await
            }
            Db::Postgres(pool) => pg::insert_token(pool, row, record).await,
        }
    }

    pub async fn token_by_hash(&self, hash: &str) -> Result<Option<TokenRow>> {
        read!(self, |c| lite::token_by_hash(c, hash), |pool| {
            pg::token_by_hash(pool, hash)
        })
    }

    /// Every token, oldest first (revoked and expired ones too: they are history).
    pub async fn list_tokens(&self) -> Result<Vec<TokenRow>> {
        read!(self, |c| lite::list_tokens(c, sql::LIST_TOKENS), |pool| {
            pg::list_tokens(pool, sql::LIST_TOKENS)
        })
    }

    /// Tokens written before rows were sealed.
    pub async fn unsealed_tokens(&self) -> Result<Vec<TokenRow>> {
        read!(
            self,
            |c| lite::list_tokens(c, sql::UNSEALED_TOKENS),
            |pool| pg::list_tokens(pool, sql::UNSEALED_TOKENS)
        )
    }

    pub async fn count_tokens(&self) -> Result<i64> {
        read!(self, |c| lite::count_tokens(c), |pool| pg::count_tokens(
            pool
        ))
    }

    /// Revokes the token `name` if it is not revoked yet. `next` checks the current row and
    /// returns it revoked (its version counted up and sealed again); it is stored only if the
    /// row did not change in between. The last usable admin token is kept: the update is
    /// conditional on another one existing, so two concurrent revokes cannot both pass.
    pub async fn revoke_token(
        &self,
        name: &str,
        now: i64,
        record: Option<&AuditRow>,
        next: impl FnOnce(TokenRow) -> Result<TokenRow>,
    ) -> Result<Revoked> {
        let current = read!(self, |c| lite::active_token_by_name(c, name), |pool| {
            pg::active_token_by_name(pool, name)
        })?;
        let Some(current) = current else {
            return Ok(Revoked::NoSuchToken);
        };
        let replaced = current.version;
        let revoked = next(current)?;
        match self {
            Db::Sqlite(store) => {
                let record = record.cloned();
                store
                    .write(move |c| lite::revoke_token(c, &revoked, replaced, now, record.as_ref()))
                    .await
            }
            Db::Postgres(pool) => pg::revoke_token(pool, &revoked, replaced, now, record).await,
        }
    }
    pub async fn insert_session(&self, row: &SessionRow) -> Result<()> {
        match self {
            Db::Sqlite(store) => {
                let row = row.clone();
                store.write(move |c| lite::insert_session(c, &row)).await
            }
            Db::Postgres(pool) => pg::insert_session(pool, row).await,
        }
    }

    pub async fn session_by_hash(&self, hash: &str) -> Result<Option<SessionRow>> {
        read!(self, |c| lite::session_by_hash(c, hash), |pool| {
            pg::session_by_hash(pool, hash)
        })
    }

    /// The sessions of the token with this hash, newest first.
    pub async fn list_sessions(&self, token_hash: &str) -> Result<Vec<SessionRow>> {
        read!(self, |c| lite::list_sessions(c, token_hash), |pool| {
            pg::list_sessions(pool, token_hash)
        })
    }

    /// Records that a session was used at `now` (its idle expiry starts again).
    pub async fn touch_session(&self, id: &str, now: i64) -> Result<()> {
        match self {
            Db::Sqlite(store) => {
                let id = id.to_owned();
                store
                    .write(move |c| lite::execute(c, sql::TOUCH_SESSION, &[&now, &id]).map(drop))
                    .await
            }
            Db::Postgres(pool) => pg::touch_session(pool, id, now).await,
        }
    }

    /// Ends the session `id` of the token with this hash; false if it has no such session.
    pub async fn delete_session(&self, id: &str, token_hash: &str) -> Result<bool> {
        match self {
            Db::Sqlite(store) => {
                let (id, token_hash) = (id.to_owned(), token_hash.to_owned());
                store
                    .write(move |c| {
                        lite::execute(c, sql::DELETE_SESSION, &[&id, &token_hash]).map(|n| n > 0)
                    })
                    .await
            }
            Db::Postgres(pool) => pg::delete_session(pool, id, token_hash).await,
        }
    }

    /// Removes sessions past their absolute expiry (`now`) or idle since `idle_before`.
    pub async fn delete_stale_sessions(&self, now: i64, idle_before: i64) -> Result<()> {
        match self {
            Db::Sqlite(store) => {
                store
                    .write(move |c| {
                        lite::execute(c, sql::DELETE_STALE_SESSIONS, &[&now, &idle_before])
                            .map(drop)
                    })
                    .await
            }
            Db::Postgres(pool) => pg::delete_stale_sessions(pool, now, idle_before).await,
        }
    }

    /// Up to `limit` secrets of `env` whose names start with `prefix` and sort after `after`,
    /// in byte order of their names (one range of an index, however many secrets there are).
    pub async fn list_secrets_by_prefix(
        &self,
        env: &str,
        prefix: &str,
        after: &str,
        limit: i64,
    ) -> Result<Vec<SecretRow>> {
        // Past every name that starts with `prefix`: the largest code point follows it.
        let end = format!("{prefix}\u{10FFFF}");
        let range = (prefix, end.as_str());
        read!(
            self,
            |c| lite::list_secrets_by_prefix(c, env, range, after, limit),
            |pool| pg::list_secrets_by_prefix(pool, env, range, after, limit)
        )
    }

    /// When the secret was last revealed successfully, and by which token (audit log).
    pub async fn last_reveal(&self, env: &str, name: &str) -> Result<Option<(i64, String)>> {
        read!(self, |c| lite::last_reveal(c, env, name), |pool| {
            pg::last_reveal(pool, env, name)
        })
    }
}
