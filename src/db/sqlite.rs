//! SQLite: the embedded store and the single-machine server.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use super::open_error;
use crate::crypto;
use crate::error::{Error, Result};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

pub async fn open(path: &Path) -> Result<SqlitePool> {
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
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .min_connections(0)
        .connect_with(options)
        .await
        .map_err(|e| open_error(path, e))?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}

/// Creates the database file with mode 0600 before SQLite opens it: SQLite gives its WAL and
/// shared-memory files the main file's mode, so all three stay private whatever the umask.
fn precreate_private(path: &Path) -> Result<()> {
    match crypto::write_private_file(path, b"") {
        Ok(()) => Ok(()),
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::AlreadyExists => {
            Ok(())
        }
        Err(e) => Err(e),
    }
}
