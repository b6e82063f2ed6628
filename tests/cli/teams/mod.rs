//! `keep serve` for teams, against a real server: scoped tokens and their refusals
//! (`tokens`), the audit log (`audit`), master key rotation and the server's files (`keys`);
//! here the fixtures they share, and the whole workflow end to end over HTTPS.

mod audit;
mod keys;
mod tokens;

use serde_json::{Value, json};

use crate::support::{Pki, Server, hermetic};

/// A server whose admin token has the shape of an issued token.
fn start(env: &[(&str, &str)]) -> Server {
    start_in(tempfile::tempdir().expect("tempdir"), env)
}

fn start_in(data: tempfile::TempDir, env: &[(&str, &str)]) -> Server {
    let server = Server::start_in(data, env);
    assert!(server.token.starts_with("keep_"), "no admin token");
    server
}

/// The body of a create of `name` holding `V=value`.
fn secret(name: &str, value: &str) -> Value {
    json!({ "name": name, "values": { "V": value } })
}

/// Runs a `keep token create` that must succeed; returns the token it printed, checked for
/// its shape.
fn created_token(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let token = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert!(is_token(&token), "{token:?}");
    token
}

fn is_token(t: &str) -> bool {
    t.strip_prefix("keep_")
        .is_some_and(|rest| rest.len() == 43 && rest.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The whole team workflow over HTTPS on loopback, with a private CA: scoped tokens, the
/// audit log, rotation and revocation.
#[test]
fn the_team_workflow_works_over_https() {
    let pki = Pki::new(&["localhost", "127.0.0.1"]);
    let server = pki.serve(&[]);
    assert!(server.url.starts_with("https://"), "{}", server.url);
    let home = tempfile::tempdir().expect("tempdir");
    let keep = |token: &str| {
        let mut cmd = hermetic(home.path());
        cmd.env("KEEP_SERVER", &server.url)
            .env("KEEP_TOKEN", token)
            .env("KEEP_CA_CERT", &pki.ca);
        cmd
    };
    let admin = server.token.clone();
    // Environments are created before use (issue #12).
    keep(&admin)
        .args(["environment", "create", "staging"])
        .assert()
        .success();
    keep(&admin)
        .args(["create", "db", "-e", "staging", "URL=postgres://x"])
        .assert()
        .success();
    let ci = created_token(keep(&admin).args([
        "token",
        "create",
        "ci",
        "-e",
        "staging",
        "--read-only",
        "--expires-in",
        "1d",
    ]));
    let out = keep(&ci)
        .args(["show", "db", "-e", "staging", "--reveal", "--json"])
        .output()
        .expect("run");
    let shown: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(shown["values"]["URL"], "postgres://x");
    keep(&ci)
        .args(["create", "x", "-e", "staging", "A=1"])
        .assert()
        .code(5);
    keep(&ci).args(["list"]).assert().code(5);
    let out = keep(&admin)
        .args(["serve", "rotate-key", "--json"])
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    keep(&ci)
        .args(["show", "db", "-e", "staging", "--reveal"])
        .assert()
        .success();
    keep(&admin)
        .args(["token", "revoke", "ci"])
        .assert()
        .success();
    keep(&ci).args(["list", "-e", "staging"]).assert().code(5);
    let out = keep(&admin)
        .args(["audit", "--json"])
        .output()
        .expect("run");
    let events: Vec<Value> = serde_json::from_slice(&out.stdout).expect("json");
    let actions: Vec<(&str, &str, &str)> = events
        .iter()
        .map(|e| {
            (
                e["actor"].as_str().unwrap_or_default(),
                e["action"].as_str().unwrap_or_default(),
                e["outcome"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    for want in [
        ("ci", "secret.reveal", "ok"),
        ("ci", "secret.create", "forbidden"),
        ("ci", "secret.list", "forbidden"),
        ("admin", "key.rotate", "ok"),
        ("admin", "token.revoke", "ok"),
        ("", "secret.list", "unauthorized"),
    ] {
        assert!(actions.contains(&want), "{want:?} not in {actions:?}");
    }
}
