//! `keep edit`: the values in a (fake) `$EDITOR` on a terminal, saved as one update.

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::json;

use crate::both_modes;
use crate::support::{Env, Shown, json, keep_on_terminal};

/// An executable editor script in the test's home; `body` gets the file as `$1`. It records
/// the file's path, its mode and its directory's mode in `editor.log`.
fn editor(env: &Env, name: &str, body: &str) -> PathBuf {
    let log = env.path("editor.log");
    let path = env.write(
        name,
        &format!(
            "#!/bin/sh\nprintf '%s %s %s\\n' \"$1\" \"$(stat -c %a \"$1\")\" \"$(stat -c %a \"$(dirname \"$1\")\")\" >> '{}'\n{body}\n",
            log.display()
        ),
    );
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("chmod");
    path
}

/// `keep edit ARGS` on a terminal with `EDITOR` set.
fn edit(env: &Env, editor: &Path, args: &[&str]) -> Shown {
    let mut vars = env.server_vars();
    let editor = editor.to_string_lossy().into_owned();
    vars.push(("EDITOR", &editor));
    let mut all = vec!["edit"];
    all.extend_from_slice(args);
    keep_on_terminal(env.dir.path(), &vars, &all, &[])
}

/// The files the editor was given, each checked private and gone.
fn drafts(env: &Env) -> Vec<String> {
    let log = std::fs::read_to_string(env.path("editor.log")).unwrap_or_default();
    let files: Vec<String> = log.lines().map(str::to_owned).collect();
    for line in &files {
        let mut parts = line.split(' ');
        let (file, mode, dir_mode) = (parts.next().unwrap_or(""), parts.next(), parts.next());
        assert_eq!(mode, Some("600"), "{line}");
        assert_eq!(dir_mode, Some("700"), "{line}");
        assert!(
            file.starts_with("/dev/shm/keep-edit-"),
            "not in RAM: {line}"
        );
        assert!(!Path::new(file).exists(), "left behind: {file}");
        let dir = Path::new(file).parent().expect("dir");
        assert!(!dir.exists(), "left behind: {}", dir.display());
    }
    files
}

fn values(env: &Env, name: &str) -> serde_json::Value {
    json(env, &["show", name, "--reveal"], 0)["values"].clone()
}

both_modes!(
    fn saves_what_changed_as_one_update(env) {
        json(env, &["create", "s", "A=1", "B=two words", "C=$x 'q'"], 0);
        let before = json(env, &["show", "s"], 0);
        // Unchanged: nothing is written.
        let same = editor(env, "same.sh", "true");
        let shown = edit(env, &same, &["s"]);
        assert_eq!(shown.code, Some(0), "{}", shown.text);
        assert!(shown.text.contains("no changes"), "{}", shown.text);
        assert_eq!(json(env, &["show", "s"], 0)["updated_at"], before["updated_at"]);
        // Changed, added and removed in one go; the file read back as dotenv.
        let change = editor(
            env,
            "change.sh",
            "grep -q \"^C='\\$x \\\\\\\\'q\\\\\\\\''\" \"$1\" || { echo 'C not as written' >&2; exit 9; }\n\
             sed -i -e \"s/^B=.*/B='changed'/\" -e '/^C=/d' \"$1\"\nprintf 'D=\"multi\\\\nline\"\\n' >> \"$1\"",
        );
        let shown = edit(env, &change, &["s"]);
        assert_eq!(shown.code, Some(0), "{}", shown.text);
        assert!(shown.text.contains("+D ~B -C"), "{}", shown.text);
        assert_eq!(values(env, "s"), json!({"A": "1", "B": "changed", "D": "multi\nline"}));
        assert!(!shown.text.contains("multi"), "a value on the terminal: {}", shown.text);
        assert_eq!(drafts(env).len(), 2);
    }
);

both_modes!(
    fn a_parse_error_reopens_the_editor(env) {
        json(env, &["create", "s", "A=1"], 0);
        let count = env.path("count");
        // First save: a broken line. Second: the error is at the top; fix the file.
        let fixer = editor(
            env,
            "fix.sh",
            &format!(
                "n=$(cat '{c}' 2>/dev/null || echo 0); echo $((n+1)) > '{c}'\n\
                 if [ \"$n\" = 0 ]; then printf 'A=1\\nthis is not a line\\n' > \"$1\"; exit 0; fi\n\
                 head -1 \"$1\" | grep -q '^# keep: cannot save this: ' || exit 9\n\
                 l=$(head -1 \"$1\" | sed -n 's/.*line \\([0-9]*\\).*/\\1/p')\n\
                 sed -n \"${{l}}p\" \"$1\" | grep -qx 'this is not a line' || exit 8\n\
                 printf 'A=1\\nB=2\\n' > \"$1\"",
                c = count.display()
            ),
        );
        let shown = edit(env, &fixer, &["s"]);
        assert_eq!(shown.code, Some(0), "{}", shown.text);
        assert!(shown.text.contains("cannot parse the edited file: line "), "{}", shown.text);
        assert_eq!(values(env, "s"), json!({"A": "1", "B": "2"}));
        assert_eq!(drafts(env).len(), 2);
        // Saved unchanged after an error: the user gives up, nothing is saved.
        std::fs::remove_file(&count).expect("rm");
        let quitter = editor(
            env,
            "quit.sh",
            &format!(
                "n=$(cat '{c}' 2>/dev/null || echo 0); echo $((n+1)) > '{c}'\n\
                 if [ \"$n\" = 0 ]; then printf 'A=changed\\nnot a line\\n' > \"$1\"; fi",
                c = count.display()
            ),
        );
        let shown = edit(env, &quitter, &["s"]);
        assert_eq!(shown.code, Some(2), "{}", shown.text);
        assert!(shown.text.contains("saved unchanged after an error"), "{}", shown.text);
        // No key left: nothing saved.
        let empty = editor(env, "empty.sh", ": > \"$1\"");
        let shown = edit(env, &empty, &["s"]);
        assert_eq!(shown.code, Some(2), "{}", shown.text);
        assert_eq!(values(env, "s"), json!({"A": "1", "B": "2"}));
    }
);

both_modes!(
    fn a_killed_editor_or_keep_saves_nothing_and_leaves_no_file(env) {
        json(env, &["create", "s", "A=1"], 0);
        // The editor killed by a signal.
        let killed = editor(env, "killed.sh", "printf 'A=2\\n' > \"$1\"; kill -9 $$");
        let shown = edit(env, &killed, &["s"]);
        assert_eq!(shown.code, Some(1), "{}", shown.text);
        assert!(shown.text.contains("killed by signal 9"), "{}", shown.text);
        // The editor fails.
        let failed = editor(env, "failed.sh", "printf 'A=2\\n' > \"$1\"; exit 3");
        let shown = edit(env, &failed, &["s"]);
        assert_eq!(shown.code, Some(1), "{}", shown.text);
        assert!(shown.text.contains("exited with status 3"), "{}", shown.text);
        // Ctrl-C reaches the whole foreground group: keep outlives it and cleans up.
        let ctrl_c = editor(env, "ctrl_c.sh", "printf 'A=2\\n' > \"$1\"; kill -INT 0; sleep 5");
        let shown = edit(env, &ctrl_c, &["s"]);
        assert_eq!(shown.code, Some(130), "{}", shown.text);
        // keep itself asked to stop while the editor runs.
        let term = editor(env, "term.sh", "printf 'A=2\\n' > \"$1\"; kill -TERM $PPID; sleep 5");
        let shown = edit(env, &term, &["s"]);
        assert_ne!(shown.code, Some(0), "{}", shown.text);
        assert_eq!(values(env, "s"), json!({"A": "1"}));
        assert_eq!(drafts(env).len(), 4);
    }
);

both_modes!(
    fn needs_a_terminal_and_an_editor(env) {
        json(env, &["create", "s", "A=1"], 0);
        env.keep()
            .args(["edit", "s"])
            .env("EDITOR", "true")
            .assert()
            .code(2)
            .stderr(predicate::str::contains("needs a terminal").and(predicate::str::contains("--from-dotenv")));
        let shown = edit(env, Path::new("/nonexistent/editor"), &["s"]);
        assert_eq!(shown.code, Some(2), "{}", shown.text);
        assert!(shown.text.contains("not found"), "{}", shown.text);
        let shown = edit(env, Path::new("true"), &["missing"]);
        assert_eq!(shown.code, Some(3), "{}", shown.text);
        assert_eq!(values(env, "s"), json!({"A": "1"}));
    }
);

both_modes!(
    fn a_write_made_meanwhile_is_kept_and_named(env) {
        json(env, &["create", "s", "A=1", "B=1"], 0);
        let bin = crate::support::bin();
        let racer = editor(
            env,
            "racer.sh",
            &format!(
                "'{}' update s B=theirs >/dev/null 2>&1 || exit 7\nsed -i \"s/^A=.*/A='mine'/\" \"$1\"",
                bin.display()
            ),
        );
        let shown = edit(env, &racer, &["s"]);
        assert_eq!(shown.code, Some(0), "{}", shown.text);
        assert!(shown.text.contains("written by someone else while you edited it"), "{}", shown.text);
        assert_eq!(values(env, "s"), json!({"A": "mine", "B": "theirs"}));
        assert_eq!(json(env, &["show", "s"], 0)["version"], 3);
    }
);
