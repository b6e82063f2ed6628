//! Files that used to hurt: expansion bombs under a memory limit.

use std::time::{Duration, Instant};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::json;

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
        .timeout(PATIENCE)
        .arg("-c")
        .arg(script)
        .arg(bin());
    if let Some(s) = &env.server {
        cmd.env("KEEP_SERVER", &s.url).env("KEEP_TOKEN", &s.token);
    }
    cmd
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
    assert_eq!(json(&env, &["list"], 0), json!([]), "nothing was written");
}
