//! The walk-to-root search for a `.env` file (python-dotenv's `find_dotenv`).

use std::path::{Component, Path, PathBuf};

/// Starting at `start` (if it is a file, its directory; if a directory, itself), walk up to the filesystem root and return the first `<dir>/<filename>` that is a regular file (or a link to one).
/// Anything else of that name is passed over: a directory, and, unlike python-dotenv, a named
/// pipe, socket or device, which a read could wait on forever or never reach the end of.
/// Err carries every directory that was searched, in order, so the caller can say where it looked.
pub fn find_upwards(start: &Path, filename: &str) -> Result<PathBuf, Vec<PathBuf>> {
    let absolute = absolute_lexical(start);
    let mut dir = if start.is_file() {
        absolute.parent().map(Path::to_path_buf)
    } else {
        Some(absolute)
    };
    let mut searched = Vec::new();
    while let Some(current) = dir {
        let candidate = current.join(filename);
        if candidate.is_file() {
            return Ok(candidate);
        }
        dir = current.parent().map(Path::to_path_buf);
        searched.push(current);
    }
    Err(searched)
}

/// Like python's `os.path.abspath`: absolute, with `.` and `..` folded away without
/// touching the filesystem, so that walking up visits real parents (`a/b/..` is `a`).
fn absolute_lexical(path: &Path) -> PathBuf {
    // `absolute` refuses an empty path; python treats it as the current directory.
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// tmp/a/b/c, with `.env` in tmp/a.
    fn tree() -> (tempfile::TempDir, PathBuf) {
        let root = tempfile::tempdir().expect("temp dir");
        let deep = root.path().join("a/b/c");
        std::fs::create_dir_all(&deep).expect("create dirs");
        std::fs::write(root.path().join("a/.env"), "A=1\n").expect("write .env");
        (root, deep)
    }

    #[test]
    fn finds_the_file_in_the_start_directory_or_an_ancestor() {
        let (root, deep) = tree();
        let found = root.path().join("a/.env");
        assert_eq!(find_upwards(&deep, ".env"), Ok(found.clone()));
        assert_eq!(find_upwards(&root.path().join("a"), ".env"), Ok(found));
    }

    #[test]
    fn a_file_as_start_means_its_directory() {
        let (_root, deep) = tree();
        let start = deep.join("main.py");
        std::fs::write(&start, "").expect("write file");
        std::fs::write(deep.join(".env"), "").expect("write .env");
        assert_eq!(find_upwards(&start, ".env"), Ok(deep.join(".env")));
    }

    #[test]
    fn a_directory_named_like_the_file_does_not_count() {
        let (root, deep) = tree();
        std::fs::create_dir(deep.join(".env")).expect("create dir");
        assert_eq!(find_upwards(&deep, ".env"), Ok(root.path().join("a/.env")));
    }

    #[test]
    fn dot_dot_in_the_start_path_walks_real_parents() {
        let (root, deep) = tree();
        let start = deep.join("../../b/c/..");
        // Lexically that is a/b, whose parent a holds the file; a/b/c is never searched.
        assert_eq!(find_upwards(&start, ".env"), Ok(root.path().join("a/.env")));
    }

    #[test]
    fn not_found_lists_every_directory_up_to_the_root() {
        let (_root, deep) = tree();
        let name = format!("keep-dotenv-test-{}.env", std::process::id());
        let searched = find_upwards(&deep, &name).expect_err("no such file anywhere");
        assert_eq!(searched.first(), Some(&deep));
        assert_eq!(
            searched.last().and_then(|p| p.parent()),
            None,
            "ends at the root"
        );
        for pair in searched.windows(2) {
            assert_eq!(pair[0].parent(), Some(pair[1].as_path()));
        }
    }

    /// python-dotenv takes a named pipe; reading one blocks until something writes to it.
    #[cfg(unix)]
    #[test]
    fn a_named_pipe_or_a_socket_is_passed_over() {
        let (root, deep) = tree();
        let made = std::process::Command::new("mkfifo")
            .arg(deep.join(".env"))
            .status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
        let _socket =
            std::os::unix::net::UnixListener::bind(deep.join("../.env")).expect("bind a socket");
        assert_eq!(find_upwards(&deep, ".env"), Ok(root.path().join("a/.env")));
        std::fs::remove_file(root.path().join("a/.env")).expect("remove");
        let searched = find_upwards(&deep, ".env").expect_err("only a pipe and a socket");
        assert_eq!(searched.first(), Some(&deep));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_file_counts() {
        let (root, deep) = tree();
        std::os::unix::fs::symlink(root.path().join("a/.env"), deep.join(".env")).expect("symlink");
        assert_eq!(find_upwards(&deep, ".env"), Ok(deep.join(".env")));
    }
}
