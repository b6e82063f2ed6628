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
use super::{
    AuditCursor, AuditRow, EnvDeleted, Inserted, NewSecret, Revoked, SecretRow, SessionRow,
    TokenRow, VersionRow, Write,
};
use crate::error::{Error, Result};

/// What the writer is asked to do.
enum Job {
    /// Runs alone on the writer's connection (in a transaction of its own if it needs one).
    Solo(Box<dyn FnOnce(&mut Connection) + Send>),
    /// Runs inside a transaction shared with every other grouped job queued at the same time
    /// (group commit: one `fsync` for all), in a savepoint of its own; it returns what to do
    /// once the transaction has committed or failed. Given no connection, it does not run:
    /// the transaction could not begin.
    Grouped(Grouped),
    /// Ends the writer thread (everything sent before it has run).
    Stop,
}

type Grouped = Box<dyn FnOnce(Option<&Connection>) -> Finish + Send>;

/// Answers a grouped job's caller with the outcome of the shared commit.
type Finish = Box<dyn FnOnce(std::result::Result<(), String>) + Send>;

/// Grouped jobs committed together at most.
const MAX_GROUP: usize = 512;

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
    Thread {
        send: mpsc::Sender<Job>,
        thread: Mutex<Option<std::thread::JoinHandle<()>>>,
    },
}

fn lock(m: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    // A connection is never left mid-statement by a panic (rusqlite finalizes on unwind).
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn stopped() -> Error {
    Error::Database("the SQLite writer has stopped".into())
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
            .spawn(move || write_loop(&mut write, &jobs))
            .map_err(|e| Error::io("cannot start the SQLite writer", e))?;
        Ok(Self {
            readers,
            writer: Writer::Thread {
                send,
                thread: Mutex::new(Some(thread)),
            },
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
            Writer::Inline => clean_after(&mut lock(&self.readers[0]), f),
            Writer::Thread { send, .. } => {
                let (answer, answered) = tokio::sync::oneshot::channel();
                let job = Job::Solo(Box::new(move |conn| {
                    let _ = answer.send(clean_after(conn, f));
                }));
                send.send(job).map_err(|_| stopped())?;
                answered.await.map_err(|_| stopped())?
            }
        }
    }

    /// Runs `f`'s statements in a write transaction, committed with those of every other
    /// caller waiting at the same time (one `fsync` for all); answered once that commit is
    /// durable. `f`'s statements are undone if `f` fails, without failing the others.
    pub async fn write_grouped<R: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> Result<R> + Send + 'static,
    ) -> Result<R> {
        match &self.writer {
            Writer::Inline => clean_after(&mut lock(&self.readers[0]), |c| transaction(c, f)),
            Writer::Thread { send, .. } => {
                let (answer, answered) = tokio::sync::oneshot::channel();
                let job = Job::Grouped(Box::new(move |conn: Option<&Connection>| {
                    let done = match conn {
                        Some(conn) => in_savepoint(conn, f),
                        None => Err(Error::Database("the write could not begin".into())),
                    };
                    Box::new(move |commit: std::result::Result<(), String>| {
                        let out = match (done, commit) {
                            (Err(e), _) => Err(e),
                            (Ok(_), Err(m)) => Err(Error::Database(m)),
                            (Ok(v), Ok(())) => Ok(v),
                        };
                        let _ = answer.send(out);
                    })
                }));
                send.send(job).map_err(|_| stopped())?;
                answered.await.map_err(|_| stopped())?
            }
        }
    }

    /// Stops the writer after the writes already sent; connections close when dropped (the
    /// last one checkpoints the WAL).
    pub fn close(&self) {
        if let Writer::Thread { send, thread } = &self.writer {
            let handle = thread.lock().unwrap_or_else(PoisonError::into_inner).take();
            if let Some(handle) = handle {
                let _ = send.send(Job::Stop);
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

/// The writer thread: jobs in the order they come; grouped jobs that are queued together
/// share one transaction.
fn write_loop(conn: &mut Connection, jobs: &mpsc::Receiver<Job>) {
    let mut next = None;
    loop {
        let job = match next.take() {
            Some(job) => job,
            None => match jobs.recv() {
                Ok(job) => job,
                Err(_) => return,
            },
        };
        match job {
            Job::Stop => return,
            Job::Solo(f) => f(conn),
            Job::Grouped(first) => {
                let mut group = vec![first];
                while group.len() < MAX_GROUP {
                    match jobs.try_recv() {
                        Ok(Job::Grouped(g)) => group.push(g),
                        Ok(solo) => {
                            next = Some(solo);
                            break;
                        }
                        Err(_) => break,
                    }
                }
                commit_group(conn, group);
            }
        }
    }
}

/// One transaction for `group`; each job is answered with the commit's outcome.
fn commit_group(conn: &mut Connection, group: Vec<Grouped>) {
    if let Err(e) = exec(conn, "BEGIN IMMEDIATE", []) {
        let e = e.to_string();
        for job in group {
            // Each job learns the failure; none of its statements ran.
            job(None)(Err(e.clone()));
        }
        let _ = clean_after(conn, |_| Ok(()));
        return;
    }
    let finishes: Vec<Finish> = group.into_iter().map(|job| job(Some(conn))).collect();
    let committed = exec(conn, "COMMIT", [])
        .map(drop)
        .map_err(|e| e.to_string());
    // After a failed COMMIT the transaction may still be open: roll it back.
    let _ = clean_after(conn, |_| Ok(()));
    for finish in finishes {
        finish(committed.clone());
    }
}

/// Runs `f` in a savepoint: its statements stay in the enclosing transaction if it
/// succeeds, and are undone if it fails.
fn in_savepoint<R>(conn: &Connection, f: impl FnOnce(&Connection) -> Result<R>) -> Result<R> {
    exec(conn, "SAVEPOINT job", [])?;
    match f(conn) {
        Ok(v) => {
            exec(conn, "RELEASE job", [])?;
            Ok(v)
        }
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK TO job; RELEASE job");
            Err(e)
        }
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

// Columns are read by position, in the order `sql`'s column lists give them: by name,
// rusqlite compares every column's name for every value.

/// A secret read with `secret_columns!` (every column).
fn secret(r: &Row<'_>) -> rusqlite::Result<SecretRow> {
    secret_with(r, true)
}

/// A secret read with `secret_meta_columns!` (no sealed blobs: they come back empty).
fn secret_meta(r: &Row<'_>) -> rusqlite::Result<SecretRow> {
    secret_with(r, false)
}

fn secret_with(r: &Row<'_>, blobs: bool) -> rusqlite::Result<SecretRow> {
    let (wrapped_key, ciphertext, seal) = if blobs {
        (r.get(10)?, r.get(11)?, r.get(12)?)
    } else {
        (Vec::new(), Vec::new(), r.get(10)?)
    };
    Ok(SecretRow {
        id: r.get(0)?,
        environment: r.get(1)?,
        name: r.get(2)?,
        version: r.get(3)?,
        created_at: r.get(4)?,
        created_by: r.get(5)?,
        updated_at: r.get(6)?,
        last_used_at: r.get(7)?,
        keys: r.get(8)?,
        key_id: r.get(9)?,
        wrapped_key,
        ciphertext,
        seal,
    })
}

/// A version read with `version_columns!` (`blobs`) or `version_meta_columns!`.
fn version_with(r: &Row<'_>, blobs: bool) -> rusqlite::Result<VersionRow> {
    let (wrapped_key, ciphertext, seal) = if blobs {
        (r.get(9)?, r.get(10)?, r.get(11)?)
    } else {
        (Vec::new(), Vec::new(), r.get(9)?)
    };
    Ok(VersionRow {
        secret_id: r.get(0)?,
        version: r.get(1)?,
        environment: r.get(2)?,
        created_at: r.get(3)?,
        created_by: r.get(4)?,
        action: r.get(5)?,
        keys: r.get(6)?,
        changes: r.get(7)?,
        key_id: r.get(8)?,
        wrapped_key,
        ciphertext,
        seal,
    })
}

fn version(r: &Row<'_>) -> rusqlite::Result<VersionRow> {
    version_with(r, true)
}

fn version_meta(r: &Row<'_>) -> rusqlite::Result<VersionRow> {
    version_with(r, false)
}

/// A token read with `token_columns!`.
fn token(r: &Row<'_>) -> rusqlite::Result<TokenRow> {
    Ok(TokenRow {
        id: r.get(0)?,
        name: r.get(1)?,
        hash: r.get(2)?,
        admin: r.get(3)?,
        created_at: r.get(4)?,
        expires_at: r.get(5)?,
        revoked_at: r.get(6)?,
        environments: r.get(7)?,
        read_only: r.get(8)?,
        created_by: r.get(9)?,
        version: r.get(10)?,
        seal: r.get(11)?,
    })
}

/// An audit record read with `LIST_AUDIT`'s columns.
fn audit(r: &Row<'_>) -> rusqlite::Result<AuditRow> {
    Ok(AuditRow {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        client: r.get(3)?,
        action: r.get(4)?,
        environment: r.get(5)?,
        target: r.get(6)?,
        outcome: r.get(7)?,
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

pub fn insert_audit(conn: &Connection, r: &AuditRow) -> Result<()> {
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
    rows: &[NewSecret],
    order: &[usize],
) -> Result<Vec<Inserted>> {
    transaction(conn, |tx| {
        let mut outcomes = vec![Inserted::Conflict; rows.len()];
        for &i in order {
            outcomes[i] = insert_secret(tx, &rows[i])?;
        }
        Ok(outcomes)
    })
}

/// Inserts one secret, its first version and its audit record, in the caller's transaction.
pub fn insert_secret(tx: &Connection, new: &NewSecret) -> Result<Inserted> {
    let (r, record) = (&new.row, new.record.as_ref());
    // In the write transaction: an environment deleted meanwhile is seen as gone.
    if !environment_exists(tx, &r.environment)? {
        return Ok(Inserted::NoEnvironment);
    }
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
    if n == 0 {
        return Ok(Inserted::Conflict);
    }
    for v in &new.versions {
        insert_version(tx, v)?;
    }
    if let Some(record) = record {
        insert_audit(tx, record)?;
    }
    Ok(Inserted::Yes)
}

fn insert_version(tx: &Connection, v: &VersionRow) -> Result<()> {
    exec(
        tx,
        INSERT_VERSION,
        params![
            v.secret_id,
            v.version,
            v.environment,
            v.created_at,
            v.created_by,
            v.action,
            v.keys,
            v.changes,
            v.key_id,
            v.wrapped_key,
            v.ciphertext,
            v.seal
        ],
    )
    .map(drop)
}

/// Stores `write` in place of version `replaced`, with its versions and its audit record,
/// and prunes the history beyond its limit; false if the row is no longer that version
/// (another process wrote it in between).
pub fn replace_secret(
    conn: &mut Connection,
    write: &Write,
    replaced: i64,
    record: Option<&AuditRow>,
) -> Result<bool> {
    let row = &write.row;
    transaction(conn, |tx| {
        let updated = tx.prepare_cached(UPDATE_SECRET)?.execute(params![
            row.version,
            row.updated_at,
            row.keys,
            row.key_id,
            row.wrapped_key,
            row.ciphertext,
            row.seal,
            row.name,
            row.id,
            replaced
        ]);
        let n = match updated {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                return Err(Error::AlreadyExists {
                    name: row.name.clone(),
                    env: row.environment.clone(),
                });
            }
            other => other?,
        };
        if n == 1 {
            for v in &write.versions {
                insert_version(tx, v)?;
            }
            if write.max_versions > 0 {
                let oldest_kept = row.version - i64::from(write.max_versions);
                exec(tx, PRUNE_VERSIONS, params![row.id, oldest_kept])?;
            }
            if let Some(record) = record {
                insert_audit(tx, record)?;
            }
        }
        Ok(n == 1)
    })
}

pub fn newest_version(conn: &Connection, secret_id: &str) -> Result<Option<i64>> {
    Ok(one(conn, NEWEST_VERSION, params![secret_id], |r| r.get(0))?.flatten())
}

pub fn list_versions(conn: &Connection, secret_id: &str, limit: i64) -> Result<Vec<VersionRow>> {
    all(conn, LIST_VERSIONS, params![secret_id, limit], version_meta)
}

pub fn get_version(conn: &Connection, secret_id: &str, v: i64) -> Result<Option<VersionRow>> {
    one(conn, SELECT_VERSION, params![secret_id, v], version)
}

pub fn versions_not_under_key(
    conn: &Connection,
    key_id: &str,
    after: (&str, i64),
    limit: i64,
) -> Result<Vec<VersionRow>> {
    all(
        conn,
        VERSIONS_NOT_UNDER_KEY,
        params![key_id, after.0, after.1, limit],
        version,
    )
}

pub fn usage(conn: &Connection, sql: &str) -> Result<Vec<(String, i64)>> {
    all(conn, sql, [], |r| Ok((r.get(0)?, r.get(1)?)))
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

/// Rewraps a secret's or a version's data key (`sql`: `REWRAP_SECRET` or `REWRAP_VERSION`).
pub fn rewrap(
    conn: &Connection,
    sql: &str,
    row: (&str, i64),
    old_key_id: &str,
    new_key_id: &str,
    wrapped_key: &[u8],
) -> Result<bool> {
    let n = exec(
        conn,
        sql,
        params![new_key_id, wrapped_key, row.0, row.1, old_key_id],
    )?;
    Ok(n == 1)
}

pub fn unsealed_secrets(conn: &Connection, after_id: &str, limit: i64) -> Result<Vec<SecretRow>> {
    all(
        conn,
        UNSEALED_SECRETS,
        params![after_id, limit],
        secret_meta,
    )
}

pub fn set_seal(conn: &Connection, sql: &str, id: &str, version: i64, seal: &[u8]) -> Result<()> {
    exec(conn, sql, params![seal, id, version]).map(drop)
}

pub fn key_usage(conn: &Connection) -> Result<Vec<(String, i64)>> {
    usage(conn, KEY_USAGE)
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
        secret_meta,
    )
}

pub fn list_environments(conn: &Connection) -> Result<Vec<String>> {
    all(conn, LIST_ENVIRONMENTS, [], |r| r.get(0))
}

pub fn environment_exists(conn: &Connection, name: &str) -> Result<bool> {
    Ok(one(conn, ENVIRONMENT_EXISTS, params![name], |r| {
        r.get::<_, i64>(0)
    })?
    .is_some())
}

pub fn secret_names(conn: &Connection, env: &str) -> Result<Vec<String>> {
    all(conn, SECRET_NAMES, params![env], |r| r.get(0))
}

pub fn insert_environment(
    conn: &mut Connection,
    name: &str,
    now: i64,
    by: &str,
    record: Option<&AuditRow>,
) -> Result<Inserted> {
    transaction(conn, |tx| {
        if exec(tx, INSERT_ENVIRONMENT, params![name, now, by])? == 0 {
            return Ok(Inserted::Conflict);
        }
        if let Some(record) = record {
            insert_audit(tx, record)?;
        }
        Ok(Inserted::Yes)
    })
}

/// Deletes an environment, and its secrets with `force`; refused while it holds secrets.
pub fn delete_environment(
    conn: &mut Connection,
    name: &str,
    force: bool,
    record: Option<&AuditRow>,
) -> Result<EnvDeleted> {
    transaction(conn, |tx| {
        let secrets: i64 =
            one(tx, COUNT_ENVIRONMENT_SECRETS, params![name], |r| r.get(0))?.unwrap_or(0);
        if secrets > 0 && !force {
            return Ok(EnvDeleted::NotEmpty(secrets));
        }
        exec(tx, DELETE_ENVIRONMENT_SECRETS, params![name])?;
        if exec(tx, DELETE_ENVIRONMENT, params![name])? == 0 {
            return Ok(EnvDeleted::NoSuchEnvironment);
        }
        if let Some(record) = record {
            insert_audit(tx, record)?;
        }
        Ok(EnvDeleted::Yes(secrets))
    })
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

// --- sessions ----------------------------------------------------------------------------

/// A session read with `session_columns!`.
fn session(r: &Row<'_>) -> rusqlite::Result<SessionRow> {
    Ok(SessionRow {
        id: r.get(0)?,
        hash: r.get(1)?,
        token_hash: r.get(2)?,
        created_at: r.get(3)?,
        last_seen_at: r.get(4)?,
        expires_at: r.get(5)?,
        client: r.get(6)?,
        seal: r.get(7)?,
    })
}

pub fn insert_session(conn: &Connection, r: &SessionRow) -> Result<()> {
    exec(
        conn,
        INSERT_SESSION,
        params![
            r.id,
            r.hash,
            r.token_hash,
            r.created_at,
            r.last_seen_at,
            r.expires_at,
            r.client,
            r.seal
        ],
    )
    .map(drop)
}

pub fn session_by_hash(conn: &Connection, hash: &str) -> Result<Option<SessionRow>> {
    one(conn, SESSION_BY_HASH, params![hash], session)
}

pub fn list_sessions(conn: &Connection, token_hash: &str) -> Result<Vec<SessionRow>> {
    all(conn, LIST_SESSIONS, params![token_hash], session)
}

pub fn list_secrets_by_prefix(
    conn: &Connection,
    env: &str,
    range: (&str, &str),
    after: &str,
    limit: i64,
) -> Result<Vec<SecretRow>> {
    all(
        conn,
        LIST_SECRETS_BY_PREFIX,
        params![env, range.0, range.1, after, limit],
        secret_meta,
    )
}

pub fn last_reveal(conn: &Connection, env: &str, name: &str) -> Result<Option<(i64, String)>> {
    one(conn, LAST_REVEAL, params![name, env], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
}

/// Runs a statement of `sql` with these arguments; how many rows it changed.
pub fn execute(conn: &Connection, sql: &str, args: &[&dyn rusqlite::ToSql]) -> Result<usize> {
    exec(conn, sql, args)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mappers read columns by position: each statement must list them in that order.
    #[test]
    fn statements_list_their_columns_in_the_order_the_rows_are_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let conn = open(&dir.path().join("keep.db")).expect("open");
        let names = |sql: &str| -> Vec<String> {
            let stmt = conn.prepare(sql).expect("prepare");
            stmt.column_names()
                .iter()
                .map(|c| (*c).to_owned())
                .collect()
        };
        let secret = [
            "id",
            "environment",
            "name",
            "version",
            "created_at",
            "created_by",
            "updated_at",
            "last_used_at",
            "keys",
            "key_id",
        ];
        let full: Vec<&str> = secret
            .iter()
            .copied()
            .chain(["wrapped_key", "ciphertext", "seal"])
            .collect();
        let meta: Vec<&str> = secret.iter().copied().chain(["seal"]).collect();
        for sql in [SELECT_SECRET, SECRETS_NOT_UNDER_KEY] {
            assert_eq!(names(sql), full, "{sql}");
        }
        for sql in [LIST_SECRETS, UNSEALED_SECRETS, LIST_SECRETS_BY_PREFIX] {
            assert_eq!(names(sql), meta, "{sql}");
        }
        let version = [
            "secret_id",
            "version",
            "environment",
            "created_at",
            "created_by",
            "action",
            "keys",
            "changes",
            "key_id",
        ];
        let full: Vec<&str> = version
            .iter()
            .copied()
            .chain(["wrapped_key", "ciphertext", "seal"])
            .collect();
        for sql in [SELECT_VERSION, VERSIONS_NOT_UNDER_KEY] {
            assert_eq!(names(sql), full, "{sql}");
        }
        let version_meta: Vec<&str> = version.iter().copied().chain(["seal"]).collect();
        assert_eq!(names(LIST_VERSIONS), version_meta);
        let token = [
            "id",
            "name",
            "hash",
            "admin",
            "created_at",
            "expires_at",
            "revoked_at",
            "environments",
            "read_only",
            "created_by",
            "version",
            "seal",
        ];
        for sql in [
            TOKEN_BY_HASH,
            ACTIVE_TOKEN_BY_NAME,
            LIST_TOKENS,
            UNSEALED_TOKENS,
        ] {
            assert_eq!(names(sql), token, "{sql}");
        }
        let audit = [
            "id",
            "at",
            "actor",
            "client",
            "action",
            "environment",
            "target",
            "outcome",
        ];
        assert_eq!(names(LIST_AUDIT), audit);
        let session = [
            "id",
            "hash",
            "token_hash",
            "created_at",
            "last_seen_at",
            "expires_at",
            "client",
            "seal",
        ];
        for sql in [SESSION_BY_HASH, LIST_SESSIONS] {
            assert_eq!(names(sql), session, "{sql}");
        }
    }
}
