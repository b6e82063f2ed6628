//! A store seen from outside keep, as someone with access to its files sees it: the files,
//! their modes, and its SQLite database opened directly.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use super::runtime;

/// Every file under `dir`, recursively.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read_dir").flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(files(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The permission bits of `p`.
pub fn mode_of(p: &Path) -> u32 {
    std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777
}

/// A runtime and a raw connection to a store's SQLite database: what an attacker with
/// access to the file has.
pub fn raw_db(db: &Path) -> (tokio::runtime::Runtime, sqlx::SqliteConnection) {
    use sqlx::Connection;
    let rt = runtime();
    let url = format!("sqlite://{}", db.display());
    let conn = rt
        .block_on(sqlx::SqliteConnection::connect(&url))
        .expect("connect");
    (rt, conn)
}
