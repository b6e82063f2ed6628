//! Running `keep serve` by hand: where the first admin token goes, replacing a lost one
//! offline, and a `--listen` that is not an address.

use predicates::prelude::*;

use crate::support::{Env, Mode, Server, hermetic, on_terminal, pg, runtime, sh_quote};

#[test]
fn the_first_admin_token_is_printed_on_a_terminal_only() {
    // Piped (systemd, a container): the log says where the token is, never the token.
    let server = Server::start();
    let log = server.stderr();
    assert!(
        !log.contains(&server.token),
        "the token is in the log: {log}"
    );
    assert!(
        log.contains("admin.token") && log.contains("not printed"),
        "{log}"
    );

    // On a terminal it is shown once.
    let data = tempfile::tempdir().expect("tempdir");
    let dir = data.path().join("srv");
    let line = format!(
        "timeout -s INT 5 {} serve --listen 127.0.0.1:0 --data-dir {}",
        sh_quote(&crate::support::bin().display().to_string()),
        sh_quote(&dir.display().to_string())
    );
    let shown = on_terminal(&[("HOME", data.path().into())], &line, &[]);
    let token = std::fs::read_to_string(dir.join("admin.token")).expect("token file");
    assert!(shown.text.contains(token.trim()), "{}", shown.text);
}

/// `keep serve admin-token ARGS` on `data`, with `env` (a PostgreSQL URL, say).
fn mint(data: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> assert_cmd::assert::Assert {
    hermetic(data)
        .envs(env.iter().copied())
        .args(["serve", "admin-token", "--data-dir"])
        .arg(data)
        .args(args)
        .assert()
}

fn a_lost_admin_token_is_replaced_offline_and_audited(env: &Env) {
    let server = env.server.as_ref().expect("a server");
    let vars: Vec<(&str, &str)> = env
        .database_url
        .as_deref()
        .map(|u| ("KEEP_DATABASE_URL", u))
        .into_iter()
        .collect();
    // The server keeps running while the operator mints a token beside it.
    let out = mint(&server.data_dir(), &["--name", "ops-2"], &vars).success();
    let token = String::from_utf8_lossy(&out.get_output().stdout)
        .trim()
        .to_owned();
    assert!(token.starts_with("keep_"), "{token}");
    let home = tempfile::tempdir().expect("tempdir");
    let list = server
        .keep(home.path(), &token)
        .args(["token", "list", "--json"])
        .output()
        .expect("run");
    assert!(
        list.status.success(),
        "{}",
        String::from_utf8_lossy(&list.stderr)
    );
    let tokens: serde_json::Value = serde_json::from_slice(&list.stdout).expect("JSON");
    let minted = tokens
        .as_array()
        .expect("array")
        .iter()
        .find(|t| t["name"] == "ops-2")
        .expect("the new token");
    assert_eq!(
        (&minted["admin"], &minted["created_by"]),
        (
            &serde_json::json!(true),
            &serde_json::json!("keep serve admin-token")
        )
    );
    runtime().block_on(async {
        let audit = server.api().audit().await;
        assert!(
            audit.iter().any(|e| e["action"] == "token.create"
                && e["target"] == "ops-2"
                && e["actor"] == "keep serve admin-token"
                && e["client"] == "local"),
            "{audit:?}"
        );
    });
    // A name in use is refused; a default name is made up.
    mint(&server.data_dir(), &["--name", "ops-2"], &vars).code(4);
    mint(&server.data_dir(), &[], &vars)
        .success()
        .stdout(predicate::str::starts_with("keep_"));
}

#[test]
fn a_lost_admin_token_is_replaced_offline_on_sqlite() {
    a_lost_admin_token_is_replaced_offline_and_audited(&Env::new(Mode::Remote));
}

#[test]
fn a_lost_admin_token_is_replaced_offline_on_postgres() {
    match Env::postgres() {
        Some(env) => a_lost_admin_token_is_replaced_offline_and_audited(&env),
        None => pg::skipped(module_path!()),
    }
}

#[test]
fn admin_token_refuses_a_data_directory_with_no_store() {
    let data = tempfile::tempdir().expect("tempdir");
    let typo = data.path().join("typo");
    hermetic(data.path())
        .args(["serve", "admin-token", "--data-dir"])
        .arg(&typo)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no server store"));
    assert!(!typo.exists());
}

#[test]
fn a_port_alone_is_not_an_address() {
    let data = tempfile::tempdir().expect("tempdir");
    for (listen, hint) in [
        ("8787", "127.0.0.1:8787"),
        ("localhost", "HOST:PORT"),
        (":99999", "HOST:PORT"),
    ] {
        hermetic(data.path())
            .args(["serve", "--listen", listen, "--data-dir"])
            .arg(data.path().join("srv"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(hint));
    }
    assert!(!data.path().join("srv").exists(), "nothing made");
}
