//! Bringing a store's schema up to date. PostgreSQL runs sqlx's migrator; SQLite runs the
//! same files through rusqlite here, keeping sqlx's bookkeeping table (`_sqlx_migrations`,
//! with the same SHA-384 checksums), so that stores written by earlier releases open and
//! stores written by this one still read as up to date to them.

use std::path::Path;

use rusqlite::{Connection, params};
use sha2::{Digest, Sha384};

use crate::error::{Error, Result};

/// The SQLite migrations: version, description (as sqlx derives it from the file name) and SQL.
const SQLITE: &[(i64, &str, &str)] = &[
    (
        1,
        "init",
        include_str!("../../migrations/sqlite/0001_init.sql"),
    ),
    (
        2,
        "teams",
        include_str!("../../migrations/sqlite/0002_teams.sql"),
    ),
    (
        3,
        "row seals",
        include_str!("../../migrations/sqlite/0003_row_seals.sql"),
    ),
    (
        4,
        "environments",
        include_str!("../../migrations/sqlite/0004_environments.sql"),
    ),
    (
        5,
        "versions",
        include_str!("../../migrations/sqlite/0005_versions.sql"),
    ),
    (
        6,
        "sessions",
        include_str!("../../migrations/sqlite/0006_sessions.sql"),
    ),
];

/// Recorded in the database header once every migration above is applied, so that opening
/// an up-to-date store costs one read of the header, not a query.
fn latest() -> i64 {
    SQLITE.iter().map(|m| m.0).max().unwrap_or(0)
}

pub static POSTGRES: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Applies the migrations `conn`'s store lacks.
pub fn sqlite(conn: &Connection, path: &Path) -> Result<()> {
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| super::lite::open_error(path, &e))?;
    if version == latest() {
        return Ok(());
    }
    // Several processes may open a new store at once (`keep create a & keep create b`): an
    // exclusive lock on the file takes them through one at a time.
    let _lock = lock_exclusive(path)?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         CREATE TABLE IF NOT EXISTS _sqlx_migrations (
             version BIGINT PRIMARY KEY,
             description TEXT NOT NULL,
             installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
             success BOOLEAN NOT NULL,
             checksum BLOB NOT NULL,
             execution_time BIGINT NOT NULL
         );",
    )?;
    let applied: Vec<(i64, Vec<u8>)> = {
        let mut stmt =
            conn.prepare("SELECT version, checksum FROM _sqlx_migrations WHERE success")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    if let Some((newer, _)) = applied.iter().find(|(v, _)| *v > latest()) {
        return Err(Error::invalid_with_hint(
            format!(
                "the store `{}` was written by a newer keep (schema version {newer})",
                path.display()
            ),
            "upgrade keep to open it",
        ));
    }
    for &(version, description, sql) in SQLITE {
        let checksum = Sha384::digest(sql.as_bytes()).to_vec();
        match applied.iter().find(|(v, _)| *v == version) {
            Some((_, stored)) if *stored == checksum => continue,
            Some(_) => {
                return Err(Error::Database(format!(
                    "migration {version} of `{}` was applied from different SQL",
                    path.display()
                )));
            }
            None => apply(conn, version, description, sql, &checksum)?,
        }
    }
    conn.pragma_update(None, "user_version", latest())?;
    Ok(())
}

fn apply(
    conn: &Connection,
    version: i64,
    description: &str,
    sql: &str,
    checksum: &[u8],
) -> Result<()> {
    let started = std::time::Instant::now();
    // `unchecked_transaction`: the connection is shared, not borrowed mutably, while it opens.
    let tx = conn.unchecked_transaction()?;
    tx.execute_batch(sql)?;
    let nanos = i64::try_from(started.elapsed().as_nanos()).unwrap_or(i64::MAX);
    tx.execute(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (?1, ?2, TRUE, ?3, ?4)",
        params![version, description, checksum, nanos],
    )?;
    tx.commit()?;
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_migrations_are_the_files_sqlx_would_read() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .expect("migrations")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        assert_eq!(files.len(), SQLITE.len());
        for (file, (version, description, _)) in files.iter().zip(SQLITE) {
            let (v, rest) = file.split_once('_').expect("NNNN_name.sql");
            assert_eq!(v.parse::<i64>().expect("number"), *version);
            let name = rest.trim_end_matches(".sql").replace('_', " ");
            assert_eq!(&name, description);
        }
    }
}
