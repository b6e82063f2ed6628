//! Private files and directories: created 0600/0700 whatever the umask, written whole or not
//! at all, and refused when other users can read them.
//!
//! The bottom layer (it uses only `error`), so the database, the key files, the server and
//! `keep export` all write their files the same way.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Refuses a data directory other users can read or enter: it holds a database and keys.
pub fn check_private_dir(dir: &Path) -> Result<()> {
    let meta = fs::metadata(dir).map_err(|e| Error::io_path("cannot inspect", dir, e))?;
    refuse_if_shared("data directory", dir, &meta, "700")
}

/// An error naming `what` and the `chmod` that fixes it, if any group or other bit is set.
#[cfg(unix)]
pub fn refuse_if_shared(what: &str, path: &Path, meta: &fs::Metadata, fix: &str) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = meta.permissions().mode();
    if mode & 0o077 != 0 {
        return Err(Error::invalid_with_hint(
            format!(
                "{what} `{}` can be read by other users (mode {:o})",
                path.display(),
                mode & 0o777
            ),
            format!("run `chmod {fix} {}`", path.display()),
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
pub fn refuse_if_shared(_what: &str, _path: &Path, _meta: &fs::Metadata, _fix: &str) -> Result<()> {
    Ok(())
}

/// Creates a directory (and missing parents) readable only by its owner. The umask can only
/// remove permission bits, so 0700 holds whatever it is. An existing directory is left alone.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .map_err(|e| Error::io_path("cannot create directory", dir, e))
}

/// Makes an existing directory of ours readable only by its owner (a directory a user made
/// with the default umask, before keep put private files in it).
pub fn make_private_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = fs::metadata(dir).map_err(|e| Error::io_path("cannot inspect", dir, e))?;
        if meta.permissions().mode() & 0o077 != 0 {
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
                .map_err(|e| Error::io_path("cannot make private", dir, e))?;
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Writes a new file with mode 0600, failing if it exists, and syncs it to disk. The file
/// appears whole or not at all: it is written under a temporary name and hard-linked into
/// place, so a concurrent reader or a crash never sees it half-written.
pub fn write_private_file(path: &Path, contents: &[u8]) -> Result<()> {
    create_private_dir(parent_dir(path))?;
    place_private_file(path, contents, |tmp| {
        fs::hard_link(tmp, path).map_err(|e| Error::io_path("cannot create", path, e))
    })
}

/// Writes `path` with mode 0600, replacing any existing file atomically (rename): a reader
/// sees the old file or the new one, never a mix. The directory must exist.
pub fn replace_private_file(path: &Path, contents: &[u8]) -> Result<()> {
    place_private_file(path, contents, |tmp| {
        fs::rename(tmp, path).map_err(|e| Error::io_path("cannot replace", path, e))
    })
}

pub fn parent_dir(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Writes a synced temporary file beside `path` and lets `place` move it there.
fn place_private_file(
    path: &Path,
    contents: &[u8],
    place: impl FnOnce(&Path) -> Result<()>,
) -> Result<()> {
    let dir = parent_dir(path);
    let tmp = temporary_name(dir, path)?;
    let result = write_new(&tmp, contents).and_then(|()| place(&tmp));
    // After a rename the temporary name is gone already; after a link it is a second name.
    let _ = fs::remove_file(&tmp);
    result?;
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// `.NAME.tmp-` and 16 random hex digits in `dir`: a name nobody can guess and take first in
/// a directory others may write to (`keep export --output`). This module sits below `crypto`,
/// so it asks the operating system's CSPRNG itself.
fn temporary_name(dir: &Path, path: &Path) -> Result<PathBuf> {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::Internal(format!("no randomness available: {e}")))?;
    let suffix: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(dir.join(format!(".{file_name}.tmp-{suffix}")))
}

fn write_new(path: &Path, contents: &[u8]) -> Result<()> {
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut file = opts
        .open(path)
        .map_err(|e| Error::io_path("cannot create", path, e))?;
    file.write_all(contents)
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io_path("cannot write", path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn atomic_write_replaces_with_mode_0600_and_leaves_no_temporary_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(".env");
        fs::write(&path, "old").expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
        replace_private_file(&path, b"new").expect("write");
        assert_eq!(fs::read_to_string(&path).expect("read"), "new");
        let mode = fs::metadata(&path).expect("stat").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("ls")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, [".env"]);
        let missing = dir.path().join("no/such/dir/.env");
        assert!(replace_private_file(&missing, b"x").is_err());
    }
}
