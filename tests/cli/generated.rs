//! `completions/` and `man/` must match what the clap definitions generate.
//! `SNAPSHOTS=overwrite cargo test` rewrites them.

use std::path::Path;

#[test]
fn completions_and_man_pages_are_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let overwrite = std::env::var("SNAPSHOTS").is_ok_and(|v| v == "overwrite");
    let mut stale = Vec::new();
    for (rel, contents) in keep::generate::files() {
        let path = root.join(&rel);
        if std::fs::read(&path).ok().as_deref() == Some(contents.as_slice()) {
            continue;
        }
        if overwrite {
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(&path, &contents).expect("write");
        } else {
            stale.push(rel);
        }
    }
    assert!(
        stale.is_empty(),
        "out of date: {stale:?}; run `SNAPSHOTS=overwrite cargo test --test cli generated`"
    );
}

#[test]
fn keep_completions_prints_the_committed_script() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (shell, file) in [
        ("bash", "keep.bash"),
        ("zsh", "_keep"),
        ("fish", "keep.fish"),
    ] {
        let out = assert_cmd::Command::new(crate::support::bin())
            .args(["completions", shell])
            .output()
            .expect("run");
        assert!(out.status.success());
        let committed = std::fs::read(root.join("completions").join(file)).expect("read");
        assert!(
            out.stdout == committed,
            "`keep completions {shell}` differs from completions/{file}"
        );
    }
}

#[test]
#[allow(clippy::print_stderr)] // says why the test did nothing
fn man_pages_render_without_warnings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if std::process::Command::new("groff")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("SKIPPED: groff is not installed, so the man pages were not rendered");
        return;
    }
    for entry in std::fs::read_dir(root.join("man")).expect("man/") {
        let path = entry.expect("entry").path();
        let out = std::process::Command::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-z"])
            .arg(&path)
            .output()
            .expect("groff");
        assert!(out.status.success(), "{}", path.display());
        assert!(
            out.stderr.is_empty(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
