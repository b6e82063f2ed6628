//! SQLite: the embedded store and the single-machine server.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use super::open_error;
use crate::error::{Error, Result};
use crate::fs::write_private_file;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// The pools for reads and for writes. `connections`: 1 for a CLI command (each SQLite
/// connection is a thread in sqlx), which then reads and writes on that one connection; more
/// for the server, which reads on that many and writes on one more of its own.
pub async fn open(path: &Path, connections: u32) -> Result<(SqlitePool, SqlitePool)> {
    precreate_private(path)?;
    let url = format!("sqlite://{}", path.display());
    let options = SqliteConnectOptions::from_str(&url)
        .map_err(|e| open_error(path, e))?
        .create_if_missing(true)
        // WAL + FULL: a commit that returned is on disk and survives a crash or power loss.
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(Duration::from_secs(10))
        .foreign_keys(true);
    let pool = |size: u32| {
        SqlitePoolOptions::new()
            .max_connections(size)
            .min_connections(0)
            // A local file cannot drop a connection the way a network can; pinging each
            // connection on acquire only adds a round trip to sqlx's worker thread.
            .test_before_acquire(false)
            .connect_with(options.clone())
    };
    let read = pool(connections.max(1))
        .await
        .map_err(|e| open_error(path, e))?;
    if !up_to_date(&read).await {
        // Several processes may open a new store at once (`keep create a & keep create b`);
        // sqlx's migrator does not serialise them, so an exclusive lock on the file does.
        let _lock = lock_exclusive(path)?;
        MIGRATOR.run(&read).await?;
    }
    let write = if connections > 1 {
        pool(1).await.map_err(|e| open_error(path, e))?
    } else {
        read.clone()
    };
    Ok((read, write))
}

/// Whether every migration this build knows is applied: one query instead of the migrator's
/// several on every command. A store of a newer or older schema takes the migrator's path,
/// which applies or reports the difference.
async fn up_to_date(pool: &SqlitePool) -> bool {
    let known = MIGRATOR
        .iter()
        .filter(|m| m.migration_type.is_up_migration())
        .count() as i64;
    let latest = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
    let applied: Result<(i64, i64), _> = sqlx::query_as(
        "SELECT COUNT(*), COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success",
    )
    .fetch_one(pool)
    .await;
    matches!(applied, Ok((count, max)) if count == known && max == latest)
}

/// Holds an exclusive `flock` on `path` until dropped. `flock` locks are separate from the
/// POSIX record locks SQLite itself uses, so the two never interfere.
#[cfg(unix)]
fn lock_exclusive(path: &Path) -> Result<std::fs::File> {
    use std::os::fd::AsRawFd;
    let file = std::fs::File::open(path).map_err(|e| Error::io_path("cannot open", path, e))?;
    loop {
        // SAFETY: the descriptor is valid for the life of `file`.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } == 0 {
            return Ok(file);
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(Error::io_path("cannot lock", path, err));
        }
    }
}

#[cfg(not(unix))]
fn lock_exclusive(_path: &Path) -> Result<()> {
    Ok(())
}

/// Creates the database file with mode 0600 before SQLite opens it: SQLite gives its WAL and
/// shared-memory files the main file's mode, so all three stay private whatever the umask.
fn precreate_private(path: &Path) -> Result<()> {
    if path.exists() {
        return Ok(()); // the common case: no file is created, nothing is synced
    }
    match write_private_file(path, b"") {
        Ok(()) => Ok(()),
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::AlreadyExists => {
            Ok(())
        }
        Err(e) => Err(e),
    }
}
