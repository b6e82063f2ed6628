//! SQLite, the embedded store and the single-machine server, through rusqlite: called in the
//! process, synchronously, with no async runtime and no worker thread of a driver.
//!
//! A CLI command opens one connection and does everything on its own thread ([`Store::inline`]).
//! The server reads on a few connections of its own, called right on the request's task (an
//! indexed lookup takes microseconds), and writes through one writer thread, in turn, so that
//! writers queue in order instead of polling SQLite's busy handler and a write's `fsync` never
//! blocks the runtime ([`Store::threaded`]).

use std::path::Path;
use std::sync::{Mutex, MutexGuard, PoisonError, mpsc};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, TransactionBehavior, params};

use super::sql::*;
use super::{AuditCursor, AuditRow, Inserted, Revoked, SecretRow, TokenRow};
use crate::error::{Error, Result};

/// A job for the writer: it runs on the writer's connection.
type Job = Box<dyn FnOnce(&mut Connection) + Send>;

/// Where SQLite work runs.
pub struct Store {
    /// Read connections; the first is also the writer's in inline mode.
    readers: Vec<Mutex<Connection>>,
    writer: Writer,
}

enum Writer {
    /// Writes run on `readers[0]`, on the caller's thread.
    Inline,
    /// Writes run on a thread of their own, in the order they are sent.
    Thread(Mutex<Option<(mpsc::Sender<Job>, std::thread::JoinHandle<()>)>>),
}

fn lock(m: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    // A connection is never left mid-statement by a panic (rusqlite finalizes on unwind).
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Store {
    /// One connection, used on the caller's thread for reads and writes: a CLI command.
    pub fn inline(path: &Path) -> Result<Self> {
        let conn = open(path)?;
        Ok(Self {
            readers: vec![Mutex::new(conn)],
            writer: Writer::Inline,
        })
    }

    /// `readers` read connections and a writer thread with a connection of its own: the server.
    pub fn threaded(path: &Path, readers: usize) -> Result<Self> {
        let mut write = open(path)?;
        let readers = (0..readers.max(1))
            .map(|_| open(path).map(Mutex::new))
            .collect::<Result<Vec<_>>>()?;
        let (send, jobs) = mpsc::channel::<Job>();
        let thread = std::thread::Builder::new()
            .name("keep-sqlite-writer".into())
            .spawn(move || {
                for job in jobs {
                    job(&mut write);
                }
            })
            .map_err(|e| Error::io("cannot start the SQLite writer", e))?;
        Ok(Self {
            readers,
            writer: Writer::Thread(Mutex::new(Some((send, thread)))),
        })
    }

    /// Runs `f` on a read connection, on this thread.
    pub fn read<R>(&self, f: impl FnOnce(&Connection) -> Result<R>) -> Result<R> {
        // A free connection if there is one, else wait for the first.
        for m in &self.readers {
            if let Ok(conn) = m.try_lock() {
                return f(&conn);
            }
        }
        f(&lock(&self.readers[0]))
    }

    /// Runs `f` on the writer's connection: at once on this thread (inline), or in turn on
    /// the writer thread.
    pub async fn write<R: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<R> + Send + 'static,
    ) -> Result<R> {
        match &self.writer {
            Writer::Inline => {
                let mut conn = lock(&self.readers[0]);
                clean_after(&mut conn, f)
            }
            Writer::Thread(thread) => {
                let (answer, answered) = tokio::sync::oneshot::channel();
                let job: Job = Box::new(move |conn| {
                    let _ = answer.send(clean_after(conn, f));
                });
                let sent = thread
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .as_ref()
                    .is_some_and(|(send, _)| send.send(job).is_ok());
                if !sent {
                    return Err(Error::Database("the SQLite writer has stopped".into()));
                }
                answered
                    .await
                    .map_err(|_| Error::Database("the SQLite writer has stopped".into()))?
            }
        }
    }

    /// Stops the writer after the writes already sent; connections close when dropped (the
    /// last one checkpoints the WAL).
    pub fn close(&self) {
        if let Writer::Thread(thread) = &self.writer {
            let taken = thread.lock().unwrap_or_else(PoisonError::into_inner).take();
            if let Some((send, handle)) = taken {
                drop(send);
                let _ = handle.join();
            }
        }
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        self.close();
    }
}

/// Runs `f`, then makes sure the connection is out of any transaction: after a failed
/// `COMMIT` (a full disk, an I/O error) SQLite may or may not have rolled back by itself, and
/// a connection left inside a transaction would make every later write a part of it.
fn clean_after<R>(
    conn: &mut Connection,
    f: impl FnOnce(&mut Connection) -> Result<R>,
) -> Result<R> {
    let result = f(conn);
    if !conn.is_autocommit() {
        let _ = conn.execute_batch("ROLLBACK");
    }
    result
}

/// Opens a connection with keep's settings: WAL and `synchronous=FULL` (a commit that returned
/// is on disk), a busy timeout for other processes' writers, and the schema brought up to date.
fn open(path: &Path) -> Result<Connection> {
    let fresh = !path.exists();
    if fresh {
        precreate_private(path)?;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(path, &e))?;
    conn.busy_timeout(Duration::from_secs(10))
        .and_then(|()| conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"))
        .map_err(|e| open_error(path, &e))?;
    super::migrate::sqlite(&conn, path)?;
    Ok(conn)
}

/// Creates the database file with mode 0600 before SQLite opens it: SQLite gives its WAL and
/// shared-memory files the main file's mode, so all three stay private whatever the umask.
fn precreate_private(path: &Path) -> Result<()> {
    match crate::fs::write_private_file(path, b"") {
        Ok(()) => Ok(()),
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::AlreadyExists => {
            Ok(())
        }
        Err(e) => Err(e),
    }
}

pub(super) fn open_error(path: &Path, e: &dyn std::fmt::Display) -> Error {
    Error::Database(format!("cannot open `{}`: {e}", path.display()))
}

// --- rows --------------------------------------------------------------------------------

fn secret(r: &Row<'_>) -> rusqlite::Result<SecretRow> {
    Ok(SecretRow {
        id: r.get("id")?,
        environment: r.get("environment")?,
        name: r.get("name")?,
        version: r.get("version")?,
        created_at: r.get("created_at")?,
        created_by: r.get("created_by")?,
        updated_at: r.get("updated_at")?,
        last_used_at: r.get("last_used_at")?,
        keys: r.get("keys")?,
        key_id: r.get("key_id")?,
        wrapped_key: r.get("wrapped_key").unwrap_or_default(),
        ciphertext: r.get("ciphertext").unwrap_or_default(),
        seal: r.get("seal")?,
    })
}

fn token(r: &Row<'_>) -> rusqlite::Result<TokenRow> {
    Ok(TokenRow {
        id: r.get("id")?,
        name: r.get("name")?,
        hash: r.get("hash")?,
        admin: r.get("admin")?,
        created_at: r.get("created_at")?,
        expires_at: r.get("expires_at")?,
        revoked_at: r.get("revoked_at")?,
        environments: r.get("environments")?,
        read_only: r.get("read_only")?,
        created_by: r.get("created_by")?,
        version: r.get("version")?,
        seal: r.get("seal")?,
    })
}

fn audit(r: &Row<'_>) -> rusqlite::Result<AuditRow> {
    Ok(AuditRow {
        id: r.get("id")?,
        at: r.get("at")?,
        actor: r.get("actor")?,
        client: r.get("client")?,
        action: r.get("action")?,
        environment: r.get("environment")?,
        target: r.get("target")?,
        outcome: r.get("outcome")?,
    })
}

fn all<T>(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(args, map)?;
    Ok(rows.collect::<rusqlite::Result<Vec<T>>>()?)
}

fn one<T>(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
    map: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Option<T>> {
    Ok(conn.prepare_cached(sql)?.query_row(args, map).optional()?)
}

fn exec(conn: &Connection, sql: &str, args: impl rusqlite::Params) -> Result<usize> {
    Ok(conn.prepare_cached(sql)?.execute(args)?)
}

fn insert_audit(conn: &Connection, r: &AuditRow) -> Result<()> {
    exec(
        conn,
        INSERT_AUDIT,
        params![
            r.at,
            r.actor,
            r.client,
            r.action,
            r.environment,
            r.target,
            r.outcome
        ],
    )
    .map(drop)
}

/// A write transaction: `BEGIN IMMEDIATE` takes the write lock before anything is read.
fn transaction<R>(conn: &mut Connection, f: impl FnOnce(&Connection) -> Result<R>) -> Result<R> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let value = f(&tx)?;
    tx.commit()?;
    Ok(value)
}

// --- secrets -----------------------------------------------------------------------------

pub fn get_secret(conn: &Connection, env: &str, name: &str) -> Result<Option<SecretRow>> {
    one(conn, SELECT_SECRET, params![env, name], secret)
}

pub fn secret_name_by_id(conn: &Connection, id: &str, env: &str) -> Result<Option<String>> {
    one(conn, SECRET_NAME_BY_ID, params![id, env], |r| r.get(0))
}

pub fn insert_secrets(
    conn: &mut Connection,
    rows: &[(SecretRow, Option<AuditRow>)],
    order: &[usize],
) -> Result<Vec<Inserted>> {
    transaction(conn, |tx| {
        let mut outcomes = vec![Inserted::Conflict; rows.len()];
        for &i in order {
            let (r, record) = &rows[i];
            let n = exec(
                tx,
                INSERT_SECRET,
                params![
                    r.id,
                    r.environment,
                    r.name,
                    r.version,
                    r.created_at,
                    r.created_by,
                    r.updated_at,
                    r.last_used_at,
                    r.keys,
                    r.key_id,
                    r.wrapped_key,
                    r.ciphertext,
                    r.seal
                ],
            )?;
            if n == 1 {
                if let Some(record) = record {
                    insert_audit(tx, record)?;
                }
                outcomes[i] = Inserted::Yes;
            }
        }
        Ok(outcomes)
    })
}

/// Stores `row` in place of version `replaced`, with its audit record; false if the row is
/// no longer that version (another process wrote it in between).
pub fn replace_secret(
    conn: &mut Connection,
    row: &SecretRow,
    replaced: i64,
    record: Option<&AuditRow>,
) -> Result<bool> {
    transaction(conn, |tx| {
        let n = exec(
            tx,
            UPDATE_SECRET,
            params![
                row.version,
                row.updated_at,
                row.keys,
                row.key_id,
                row.wrapped_key,
                row.ciphertext,
                row.seal,
                row.id,
                replaced
            ],
        )?;
        if n == 1 {
            if let Some(record) = record {
                insert_audit(tx, record)?;
            }
        }
        Ok(n == 1)
    })
}

pub fn delete_secret(
    conn: &mut Connection,
    env: &str,
    name: &str,
    record: Option<&AuditRow>,
) -> Result<bool> {
    transaction(conn, |tx| {
        let n = exec(tx, DELETE_SECRET, params![env, name])?;
        if n > 0 {
            if let Some(record) = record {
                insert_audit(tx, record)?;
            }
        }
        Ok(n > 0)
    })
}

pub fn secrets_not_under_key(
    conn: &Connection,
    key_id: &str,
    after_id: &str,
    limit: i64,
) -> Result<Vec<SecretRow>> {
    all(
        conn,
        SECRETS_NOT_UNDER_KEY,
        params![key_id, after_id, limit],
        secret,
    )
}

pub fn rewrap_secret(
    conn: &Connection,
    row: (&str, i64),
    old_key_id: &str,
    new_key_id: &str,
    wrapped_key: &[u8],
) -> Result<bool> {
    let n = exec(
        conn,
        REWRAP_SECRET,
        params![new_key_id, wrapped_key, row.0, row.1, old_key_id],
    )?;
    Ok(n == 1)
}

pub fn unsealed_secrets(conn: &Connection, after_id: &str, limit: i64) -> Result<Vec<SecretRow>> {
    all(conn, UNSEALED_SECRETS, params![after_id, limit], secret)
}

pub fn set_seal(conn: &Connection, sql: &str, id: &str, version: i64, seal: &[u8]) -> Result<()> {
    exec(conn, sql, params![seal, id, version]).map(drop)
}

pub fn key_usage(conn: &Connection) -> Result<Vec<(String, i64)>> {
    all(conn, KEY_USAGE, [], |r| Ok((r.get(0)?, r.get(1)?)))
}

pub fn touch_secret(conn: &Connection, id: &str, now: i64, resolution: i64) -> Result<()> {
    exec(conn, TOUCH_SECRET, params![now, id, resolution]).map(drop)
}

pub fn list_secrets(
    conn: &Connection,
    env: &str,
    before: i64,
    cursor: (i64, &str),
    limit: i64,
) -> Result<Vec<SecretRow>> {
    all(
        conn,
        LIST_SECRETS,
        params![env, before, cursor.0, cursor.1, limit],
        secret,
    )
}

pub fn list_environments(conn: &Connection) -> Result<Vec<String>> {
    all(conn, LIST_ENVIRONMENTS, [], |r| r.get(0))
}

pub fn get_meta(conn: &Connection, name: &str) -> Result<Option<Vec<u8>>> {
    one(conn, GET_META, params![name], |r| r.get(0))
}

pub fn meta_with_prefix(conn: &Connection, prefix: &str) -> Result<Vec<(String, Vec<u8>)>> {
    let len = i64::try_from(prefix.len()).unwrap_or(i64::MAX);
    all(conn, META_WITH_PREFIX, params![prefix, len], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
}

pub fn init_meta(conn: &Connection, name: &str, value: &[u8]) -> Result<()> {
    exec(conn, INIT_META, params![name, value]).map(drop)
}

// --- audit -------------------------------------------------------------------------------

pub fn insert_audit_batch(conn: &mut Connection, records: &[AuditRow]) -> Result<()> {
    transaction(conn, |tx| {
        for r in records {
            insert_audit(tx, r)?;
        }
        Ok(())
    })
}

pub fn list_audit(
    conn: &Connection,
    since: i64,
    cursor: AuditCursor,
    limit: i64,
) -> Result<Vec<AuditRow>> {
    all(
        conn,
        LIST_AUDIT,
        params![since, cursor.at, cursor.id, limit],
        audit,
    )
}

// --- tokens ------------------------------------------------------------------------------

pub fn insert_token(
    conn: &mut Connection,
    r: &TokenRow,
    record: Option<&AuditRow>,
) -> Result<Inserted> {
    transaction(conn, |tx| {
        let inserted = tx.prepare_cached(INSERT_TOKEN)?.execute(params![
            r.id,
            r.name,
            r.hash,
            r.admin,
            r.created_at,
            r.expires_at,
            r.revoked_at,
            r.environments,
            r.read_only,
            r.created_by,
            r.version,
            r.seal
        ]);
        match inserted {
            Ok(_) => {}
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                return Ok(Inserted::Conflict);
            }
            Err(e) => return Err(e.into()),
        }
        if let Some(record) = record {
            insert_audit(tx, record)?;
        }
        Ok(Inserted::Yes)
    })
}

pub fn token_by_hash(conn: &Connection, hash: &str) -> Result<Option<TokenRow>> {
    one(conn, TOKEN_BY_HASH, params![hash], token)
}

pub fn active_token_by_name(conn: &Connection, name: &str) -> Result<Option<TokenRow>> {
    one(conn, ACTIVE_TOKEN_BY_NAME, params![name], token)
}

pub fn list_tokens(conn: &Connection, sql: &str) -> Result<Vec<TokenRow>> {
    all(conn, sql, [], token)
}

pub fn count_tokens(conn: &Connection) -> Result<i64> {
    Ok(one(conn, COUNT_TOKENS, [], |r| r.get(0))?.unwrap_or(0))
}

/// Stores `revoked` in place of version `replaced` of the token `id`, with its record.
pub fn revoke_token(
    conn: &mut Connection,
    revoked: &TokenRow,
    replaced: i64,
    now: i64,
    record: Option<&AuditRow>,
) -> Result<Revoked> {
    transaction(conn, |tx| {
        let n = exec(
            tx,
            REVOKE_TOKEN,
            params![now, revoked.version, revoked.seal, revoked.id, replaced],
        )?;
        if n == 1 {
            if let Some(record) = record {
                insert_audit(tx, record)?;
            }
            return Ok(Revoked::Yes);
        }
        Ok(if revoked.admin {
            Revoked::LastAdmin
        } else {
            Revoked::NoSuchToken
        })
    })
}
