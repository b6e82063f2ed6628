//! Transcripts of every command on a terminal, piped, and with `--json`, compared with
//! `tests/cli/snapshots/*.txt` after redacting ids, times and ports.
//! `SNAPSHOTS=overwrite cargo test --test cli snapshots` rewrites them.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use crate::support::{Env, Mode, bin};

#[derive(Clone, Copy, PartialEq)]
enum How {
    /// stdin, stdout and stderr on a pseudo-terminal 100 columns wide (util-linux `script`).
    Terminal,
    Piped,
    Json,
}

fn redact(text: &str) -> String {
    let rules = [
        (r"st-[0-9A-Za-z]{22}", "st-[ID]"),
        (r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", "[TIME]"),
        (r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", "[TIME-UTC]"),
        (r"127\.0\.0\.1:\d+", "127.0.0.1:[PORT]"),
        (r"/tmp/\.tmp[0-9A-Za-z]+", "[TMP]"),
    ];
    let mut out = text.replace("\r\n", "\n");
    for (pattern, with) in rules {
        out = regex::Regex::new(pattern)
            .expect("regex")
            .replace_all(&out, with)
            .into_owned();
    }
    // Trailing spaces from table padding are not part of the contract.
    out.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs `keep ARGS` the given way and returns a transcript section.
fn run(env: &Env, how: How, args: &[&str]) -> String {
    let mut shown: Vec<&str> = args.to_vec();
    if how == How::Json {
        shown.push("--json");
    }
    let (stdout, stderr, code) = if how == How::Terminal {
        let line = std::iter::once(bin().display().to_string())
            .chain(shown.iter().map(|a| shlex_quote(a)))
            .collect::<Vec<_>>()
            .join(" ");
        let out = Command::new("script")
            .args([
                "-qec",
                &format!("stty cols 100 rows 40; {line}"),
                "/dev/null",
            ])
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", env.dir.path())
            .env("USER", "tester")
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .env("KEEP_HOME", env.path("keep-home"))
            .env("XDG_CONFIG_HOME", env.path("config"))
            .output()
            .expect("script");
        // `script` merges the streams: everything lands in stdout.
        (out.stdout, Vec::new(), out.status.code())
    } else {
        let out = env.keep().args(&shown).output().expect("run");
        (out.stdout, out.stderr, out.status.code())
    };
    let label = match how {
        How::Terminal => "terminal",
        How::Piped => "piped",
        How::Json => "json",
    };
    let mut s = format!(
        "$ keep {}    # {label}, exit {}\n",
        shown
            .iter()
            .map(|a| shlex_quote(a))
            .collect::<Vec<_>>()
            .join(" "),
        code.unwrap_or(-1)
    );
    let stdout = String::from_utf8_lossy(&stdout);
    if !stdout.is_empty() {
        let _ = writeln!(s, "{}", stdout.trim_end());
    }
    let stderr = String::from_utf8_lossy(&stderr);
    if !stderr.is_empty() {
        let _ = writeln!(s, "[stderr]\n{}", stderr.trim_end());
    }
    s
}

fn shlex_quote(s: &str) -> String {
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_=./".contains(c))
    {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

fn check(name: &str, transcript: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cli/snapshots")
        .join(format!("{name}.txt"));
    let actual = redact(transcript) + "\n";
    if std::env::var("SNAPSHOTS").is_ok_and(|v| v == "overwrite") {
        std::fs::write(&path, &actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "snapshot {} differs; run `SNAPSHOTS=overwrite cargo test --test cli snapshots` and review the diff\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}

/// Every way of running each command, in the order a user meets them.
fn transcript(env: &Env, steps: &[(How, &[&str])]) -> String {
    steps
        .iter()
        .map(|(how, args)| run(env, *how, args))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn create_list_show_update_and_delete_match_their_transcripts() {
    use How::*;
    let env = Env::new(Mode::Local);
    let t = transcript(
        &env,
        &[
            (
                Terminal,
                &["create", "db", "USER=admin", "PASSWORD=hunter2"],
            ),
            (Piped, &["create", "api", "TOKEN=t0k3n"]),
            (Json, &["create", "web", "PORT=8080"]),
            (Json, &["create", "web", "PORT=9090", "--allow-existing"]),
            (Json, &["create", "web", "PORT=9090", "--force"]),
        ],
    );
    check("create", &t);
    let t = transcript(&env, &[(Terminal, &["status"]), (Json, &["status"])]);
    check("status", &t);
    // `list -e empty` lists an environment with no secrets, which exists only once created
    // (issue #12); not part of a transcript.
    env.keep()
        .args(["environment", "create", "empty"])
        .assert()
        .success();
    let t = transcript(
        &env,
        &[
            (Terminal, &["list"]),
            (Piped, &["list"]),
            (Json, &["list"]),
            (Json, &["list", "-e", "empty"]),
        ],
    );
    check("list", &t);
    let t = transcript(
        &env,
        &[
            (Terminal, &["show", "db"]),
            (Piped, &["show", "db"]),
            (Json, &["show", "db"]),
            (Terminal, &["show", "db", "--reveal"]),
            (Piped, &["show", "db", "--reveal"]),
            (Json, &["show", "db", "--reveal"]),
            (
                Json,
                &["show", "db", "--require", "HOST", "--require", "USER"],
            ),
        ],
    );
    check("show", &t);
    let t = transcript(
        &env,
        &[
            (Terminal, &["update", "db", "HOST=db.internal"]),
            (Json, &["update", "db", "PORT=5432", "--unset", "USER"]),
        ],
    );
    check("update", &t);
    let t = transcript(
        &env,
        &[
            (Piped, &["delete", "api"]),
            (Terminal, &["delete", "api", "--no-input"]),
            (Terminal, &["create", "x", "A=-", "--no-input"]),
            (Terminal, &["delete", "api", "--yes"]),
            (Json, &["delete", "web", "--yes"]),
            (Json, &["delete", "web", "--yes", "--allow-missing"]),
        ],
    );
    check("delete", &t);
}

#[test]
fn errors_match_their_transcript() {
    use How::*;
    let env = Env::new(Mode::Local);
    let t = transcript(
        &env,
        &[
            // No store yet: a read says so, and creates none.
            (Terminal, &["show", "nope"]),
            (Json, &["list"]),
            (Piped, &["create", "bad name", "A=1"]),
            (Json, &["create", "bad name", "A=1"]),
            (Piped, &["create", "s", "A=1"]),
            (Piped, &["create", "s", "A=1"]),
            (Json, &["create", "s", "A=1"]),
            (Terminal, &["show", "nope"]),
            (Piped, &["show", "nope"]),
            (Json, &["show", "nope"]),
            (Piped, &["run", "s", "npm", "run", "dev"]),
            (Piped, &["run", "s", "ls", "--", "-la"]),
        ],
    );
    check("errors", &t);
}

#[test]
fn imports_match_their_transcript() {
    use How::*;
    let env = Env::new(Mode::Local);
    env.write("proj/.env", "export A=1\nB='two words'\n");
    let dir = env.path("proj").display().to_string();
    let t = transcript(
        &env,
        &[
            (Terminal, &["import-dotenv", "app", &dir]),
            (Json, &["import-dotenv", "app2", &dir]),
            (Piped, &["import-env", "home", "HOME"]),
            (Json, &["import-env", "nope", "NOT_SET_ANYWHERE"]),
        ],
    );
    check("imports", &t);
}
