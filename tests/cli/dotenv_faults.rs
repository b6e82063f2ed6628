//! Files that used to hurt: expansion bombs under a memory limit, named pipes found by the
//! `.env` search or named on the command line, devices and sockets; and the inputs that
//! are not files on purpose: `-` for stdin and bash's `<(command)`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::json;

use crate::both_modes;
use crate::support::{Env, Mode, bin, json};

/// A regression must fail the test, not hang it.
const PATIENCE: Duration = Duration::from_secs(20);

/// `bash -c SCRIPT` with `"$0"` the keep binary and the environment `env.keep()` has
/// (`support::hermetic`, plus the server in remote mode).
fn bash(env: &Env, script: &str) -> Command {
    let mut cmd = Command::new("bash");
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", env.dir.path())
        .env("USER", "tester")
        .env("KEEP_HOME", env.dir.path().join("keep-home"))
        .env("XDG_CONFIG_HOME", crate::support::NO_CONFIG)
        .timeout(PATIENCE)
        .arg("-c")
        .arg(script)
        .arg(bin());
    if let Some(s) = &env.server {
        cmd.env("KEEP_SERVER", &s.url).env("KEEP_TOKEN", &s.token);
    }
    cmd
}

fn mkfifo(path: &Path) -> PathBuf {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo {}", path.display());
    path.to_path_buf()
}

// ---------------------------------------------------------------------------
// Expansion bombs
// ---------------------------------------------------------------------------

/// `A0=` 1,000 x's, then each `A<n>=${A<n-1>}` written `fan` times: the file of the issue
/// is `nested(8, 10)`, 1.4 KB that python-dotenv expands to 10^11 bytes.
fn nested(levels: usize, fan: usize) -> String {
    let mut text = format!("A0={}\n", "x".repeat(1000));
    for n in 1..=levels {
        text.push_str(&format!(
            "A{n}={}\n",
            format!("${{A{}}}", n - 1).repeat(fan)
        ));
    }
    text
}

/// `B=` 60,000 x's, then `count` lines `K<i>=${B}` (or all `K=${B}` when `same_key`).
fn wide(count: usize, same_key: bool) -> String {
    let mut text = format!("B={}\n", "x".repeat(60_000));
    for i in 1..=count {
        let key = if same_key {
            String::new()
        } else {
            i.to_string()
        };
        text.push_str(&format!("K{key}=${{B}}\n"));
    }
    text
}

#[test]
#[allow(clippy::print_stderr)] // the times, for `--nocapture`
fn expansion_bombs_exit_2_at_once_under_a_memory_limit() {
    let env = Env::new(Mode::Local);
    // (file, the key and line the error names, what it says)
    let bombs = [
        ("nested-8.env", nested(8, 10), "A2", 3, "is over 64 KiB"),
        ("nested-20.env", nested(20, 10), "A2", 3, "is over 64 KiB"),
        ("doubling-60.env", nested(60, 2), "A7", 8, "is over 64 KiB"),
        ("wide.env", wide(1000, false), "K17", 18, "are over 1 MiB"),
        (
            "same-key.env",
            wide(100_000, true),
            "K",
            19,
            "copy over 1 MiB",
        ),
    ];
    for (name, text, key, line, says) in bombs {
        let file = env.write(name, &text);
        let started = Instant::now();
        let out = bash(&env, r#"ulimit -v 262144 && exec "$0" "$@""#)
            .args(["create", "app", "--from-dotenv"])
            .arg(&file)
            .output()
            .expect("run keep");
        let elapsed = started.elapsed();
        let stderr = String::from_utf8_lossy(&out.stderr);
        eprintln!("{name}: exit {:?} in {elapsed:?}", out.status.code());
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(elapsed < Duration::from_secs(5), "{name} took {elapsed:?}");
        assert!(
            stderr.contains(&format!("line {line}: ")),
            "{name}: {stderr}"
        );
        assert!(stderr.contains(&format!("`{key}`")), "{name}: {stderr}");
        assert!(stderr.contains(says), "{name}: {stderr}");
        assert!(!stderr.contains("xxx"), "{name}: a value leaked: {stderr}");
    }
    // The same through the `.env` search.
    env.write("found/.env", &nested(8, 10));
    bash(&env, r#"ulimit -v 262144 && exec "$0" "$@""#)
        .args(["import-dotenv", "app"])
        .arg(env.path("found"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("line 3: the value of `A2`"));
    crate::support::assert_nothing_stored(&env);
}

// ---------------------------------------------------------------------------
// What is not a regular file
// ---------------------------------------------------------------------------

#[test]
fn a_named_pipe_found_by_the_search_is_passed_over() {
    let env = Env::new(Mode::Local);
    env.write("proj/.env", "A=from-file\n");
    std::fs::create_dir_all(env.path("proj/svc")).expect("mkdir");
    mkfifo(&env.path("proj/svc/.env"));
    env.keep()
        .args(["import-dotenv", "app"])
        .arg(env.path("proj/svc"))
        .timeout(PATIENCE)
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "using {}",
            env.path("proj/.env").display()
        )));
    assert_eq!(
        json(&env, &["show", "app", "--reveal"], 0)["values"],
        json!({"A": "from-file"})
    );
    // With nothing but the pipe by that name, nothing is found.
    let name = format!(".env.keep-fifo-test-{}", std::process::id());
    mkfifo(&env.path(&format!("proj/svc/{name}")));
    env.keep()
        .args(["import-dotenv", "other", "--filename", &name])
        .arg(env.path("proj/svc"))
        .timeout(PATIENCE)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("no `{name}` found")));
}

#[test]
fn pipes_sockets_and_devices_named_explicitly_are_refused() {
    let env = Env::new(Mode::Local);
    let fifo = mkfifo(&env.path("pipe.env"));
    let socket = env.path("sock.env");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).expect("bind");
    let cases: [(&Path, &str); 4] = [
        (&fifo, "it is a named pipe (FIFO)"),
        (&socket, "it is a socket"),
        (Path::new("/dev/null"), "it is a character device"),
        (env.dir.path(), "it is a directory"),
    ];
    for (path, what) in cases {
        let shown = path.display().to_string();
        let runs: [Vec<String>; 3] = [
            vec!["--from-dotenv".into(), shown.clone()],
            vec!["--from-json".into(), shown.clone()],
            vec!["--from-file".into(), format!("KEY={shown}")],
        ];
        for args in runs {
            let out = env
                .keep()
                .args(["create", "app"])
                .args(&args)
                .timeout(PATIENCE)
                .output()
                .expect("run keep");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
            assert!(
                stderr.contains(&format!("`{shown}`: {what}")),
                "{args:?}: {stderr}"
            );
            assert!(stderr.contains("hint: "), "{args:?}: {stderr}");
        }
    }
    env.keep()
        .args(["create", "app", "--from-dotenv"])
        .arg(&fifo)
        .timeout(PATIENCE)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`<(command)`"))
        .stderr(predicate::str::contains(format!(
            "`- < {}`",
            fifo.display()
        )));
    crate::support::assert_nothing_stored(&env);
}

// ---------------------------------------------------------------------------
// Inputs that are not files on purpose
// ---------------------------------------------------------------------------

both_modes!(
    fn process_substitution_is_read(env) {
        bash(
            env,
            r#"exec "$0" create app --from-dotenv <(printf 'A=1\nB="two words"\n') \
                 --from-json <(printf '{"C": "3"}') --from-file D=<(printf 'pem\n')"#,
        )
        .assert()
        .success();
        assert_eq!(
            json(env, &["show", "app", "--reveal"], 0)["values"],
            json!({"A": "1", "B": "two words", "C": "3", "D": "pem\n"})
        );
        // zsh's form, and a bash `<(...)` whose command failed: an empty dotenv, no keys.
        bash(env, r#"exec "$0" create other --from-dotenv /proc/self/fd/3 3< <(printf 'E=5')"#)
            .assert()
            .success();
        assert_eq!(json(env, &["show", "other", "--reveal"], 0)["values"], json!({"E": "5"}));
        bash(env, r#"exec "$0" create empty --from-dotenv <(exit 1)"#)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("at least one key"));
    }
);

both_modes!(
    fn dash_reads_stdin_once(env) {
        env.keep()
            .args(["create", "d", "--from-dotenv", "-"])
            .write_stdin("A=1\nB='x y'\n")
            .assert()
            .success();
        env.keep()
            .args(["create", "j", "--from-json", "-"])
            .write_stdin(r#"{"C": "3"}"#)
            .assert()
            .success();
        env.keep()
            .args(["create", "f", "--from-file", "PEM=-"])
            .write_stdin("line\n")
            .assert()
            .success();
        assert_eq!(json(env, &["show", "d", "--reveal"], 0)["values"], json!({"A": "1", "B": "x y"}));
        assert_eq!(json(env, &["show", "j", "--reveal"], 0)["values"], json!({"C": "3"}));
        assert_eq!(json(env, &["show", "f", "--reveal"], 0)["values"], json!({"PEM": "line\n"}));
        // Errors name stdin where they would name the file.
        env.keep()
            .args(["create", "bad", "--from-dotenv", "-"])
            .write_stdin("A=\"open\n")
            .assert()
            .code(2)
            .stderr(predicate::str::contains("cannot parse stdin: line 1"));
        for args in [
            &["A=-", "--from-dotenv", "-"][..],
            &["--from-dotenv", "-", "--from-json", "-"],
            &["--from-file", "K=-", "--from-json", "-"],
            &["--from-file", "K=-", "--from-file", "L=-"],
        ] {
            env.keep()
                .args(["create", "two"])
                .args(args)
                .write_stdin("A=1\n")
                .assert()
                .code(2)
                .stderr(predicate::str::contains("only one argument can read stdin"));
        }
        env.keep().args(["update", "f", "A=-", "--from-file", "B=-"]).write_stdin("x").assert().code(2);
        // A file called `-` is `./-`.
        env.write("-", "F=file\n");
        env.keep()
            .args(["create", "dotslash", "--from-dotenv", "./-"])
            .current_dir(env.dir.path())
            .assert()
            .success();
        assert_eq!(json(env, &["show", "dotslash", "--reveal"], 0)["values"], json!({"F": "file"}));
    }
);
