//! The stores themselves: encryption at rest, file modes, tampering, crashes, races,
//! and the client's failures (server down, wrong token).

use std::path::Path;
use std::process::Stdio;

use predicates::prelude::*;
use serde_json::json;

use crate::support::{Env, Mode, Server, files, hermetic, json, mode_of, raw_db};

fn assert_no_plaintext(dir: &Path, markers: &[String]) {
    let all = files(dir);
    assert!(
        all.iter().any(|p| p.to_string_lossy().ends_with("keep.db")),
        "{all:?}"
    );
    for path in all {
        let bytes = std::fs::read(&path).expect("read");
        for m in markers {
            assert!(
                !bytes.windows(m.len()).any(|w| w == m.as_bytes()),
                "`{m}` found in plain text in {}",
                path.display()
            );
        }
    }
}

#[test]
fn values_are_encrypted_at_rest_locally_and_on_the_server() {
    for mode in [Mode::Local, Mode::Remote] {
        let env = Env::new(mode);
        let markers: Vec<String> = (0..40)
            .map(|i| format!("PLAINTEXT-MARKER-{i:03}-value"))
            .collect();
        for (i, m) in markers.iter().enumerate() {
            env.keep()
                .args(["create", &format!("s{i}"), &format!("K={m}")])
                .assert()
                .success();
        }
        let dir = match &env.server {
            Some(s) => s.data_dir(),
            None => env.path("keep-home"),
        };
        // The server is still running, so its WAL holds the recent writes too.
        assert_no_plaintext(&dir, &markers);
        if let Some(s) = &env.server {
            // Only a keyed hash of the admin token is stored.
            for f in files(&dir).iter().filter(|p| !p.ends_with("admin.token")) {
                let bytes = std::fs::read(f).expect("read");
                assert!(
                    !bytes
                        .windows(s.token.len())
                        .any(|w| w == s.token.as_bytes()),
                    "token in {}",
                    f.display()
                );
            }
        }
        assert_eq!(
            json(&env, &["show", "s7", "--reveal"], 0)["values"]["K"],
            markers[7]
        );
    }
}

#[test]
fn files_are_private_even_under_umask_000() {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = dir.path().join("nested/keep-home");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 000; exec \"$0\" create s A=1")
        .arg(crate::support::bin())
        .env_clear()
        .env("KEEP_HOME", &home)
        .env("XDG_CONFIG_HOME", crate::support::NO_CONFIG)
        .env("USER", "tester")
        .status()
        .expect("sh");
    assert!(status.success());
    assert_eq!(mode_of(&home), 0o700);
    for f in files(&home) {
        assert_eq!(mode_of(&f), 0o600, "{}", f.display());
    }
    // The server's data directory, while it runs (WAL and shm files exist).
    let data = tempfile::tempdir().expect("tempdir");
    let srv_dir = data.path().join("srv");
    let server = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 000; exec \"$0\" serve --listen 127.0.0.1:0 --data-dir \"$1\"")
        .arg(crate::support::bin())
        .arg(&srv_dir)
        .env_clear()
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut server = server;
    let mut stderr = std::io::BufReader::new(server.stderr.take().expect("stderr"));
    let mut line = String::new();
    while !line.starts_with("listening on") {
        line.clear();
        assert!(
            std::io::BufRead::read_line(&mut stderr, &mut line).expect("read") > 0,
            "server exited"
        );
    }
    assert_eq!(mode_of(&srv_dir), 0o700);
    let names: Vec<_> = files(&srv_dir);
    assert!(
        names.iter().any(|p| p.ends_with("admin.token")),
        "{names:?}"
    );
    for f in names {
        assert_eq!(mode_of(&f), 0o600, "{}", f.display());
    }
    let _ = server.kill();
    let _ = server.wait();
}

/// Runs SQL against the database behind keep's back.
fn tamper(db: &Path, sql: &'static str) {
    let (rt, mut conn) = raw_db(db);
    rt.block_on(sqlx::query(sql).execute(&mut conn))
        .expect("tamper");
}

/// Flips one bit of a stored ciphertext.
fn flip_bit(db: &Path, name: &str, bit: usize) {
    let (rt, mut conn) = raw_db(db);
    rt.block_on(async {
        let mut ct: Vec<u8> = sqlx::query_scalar("SELECT ciphertext FROM secrets WHERE name = $1")
            .bind(name)
            .fetch_one(&mut conn)
            .await
            .expect("select");
        ct[bit / 8] ^= 1 << (bit % 8);
        sqlx::query("UPDATE secrets SET ciphertext = $1 WHERE name = $2")
            .bind(ct)
            .bind(name)
            .execute(&mut conn)
            .await
            .expect("update");
    });
}

#[test]
fn tampered_rows_fail_to_decrypt_each_one() {
    let env = Env::new(Mode::Local);
    for name in ["a", "b", "c", "d", "e", "f"] {
        env.keep()
            .args(["create", name, &format!("K=value-of-{name}")])
            .assert()
            .success();
    }
    let db = env.path("keep-home/keep.db");
    // a: a flipped bit in the ciphertext; b: in the wrapped key; c: a's ciphertext copied in;
    // d: renamed; e: version bumped without re-encrypting.
    flip_bit(&db, "a", 30 * 8 + 3);
    tamper(
        &db,
        "UPDATE secrets SET wrapped_key = zeroblob(length(wrapped_key)) WHERE name = 'b'",
    );
    tamper(
        &db,
        "UPDATE secrets SET ciphertext = (SELECT ciphertext FROM secrets WHERE name = 'd'), wrapped_key = (SELECT wrapped_key FROM secrets WHERE name = 'd') WHERE name = 'c'",
    );
    tamper(&db, "UPDATE secrets SET name = 'd2' WHERE name = 'd'");
    tamper(
        &db,
        "UPDATE secrets SET version = version + 1 WHERE name = 'e'",
    );
    // f: its key list edited to claim a key it does not have.
    tamper(
        &db,
        "UPDATE secrets SET keys = '[\"EXTRA\",\"K\"]' WHERE name = 'f'",
    );
    for name in ["a", "b", "c", "d2", "e", "f"] {
        env.keep()
            .args(["show", name, "--reveal"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("integrity check failed"))
            .stdout(predicate::str::contains("value-of").not());
    }
    // A listing refuses the rows whose sealed fields were changed (d2 renamed, e's version,
    // f's key list), naming one; once they are deleted, the rest lists again (a, b and c
    // have intact metadata: only their values are damaged, which listing does not read).
    env.keep()
        .args(["list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("integrity check failed"));
    for name in ["d2", "e", "f"] {
        env.keep()
            .args(["delete", name, "--yes"])
            .assert()
            .success();
    }
    assert_eq!(json(&env, &["list"], 0).as_array().map(Vec::len), Some(3));
}

#[test]
fn a_lost_key_file_is_not_silently_replaced() {
    let env = Env::new(Mode::Local);
    env.keep().args(["create", "s", "A=1"]).assert().success();
    std::fs::remove_file(env.path("keep-home/master.key")).expect("rm");
    env.keep()
        .args(["list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("key file"));
    assert!(!env.path("keep-home/master.key").exists());
}

#[test]
fn concurrent_creates_of_one_name_have_one_winner() {
    for mode in [Mode::Local, Mode::Remote] {
        // No store exists yet: the racers also race to create it and migrate its schema.
        let env = Env::new(mode);
        let children: Vec<_> = (0..8)
            .map(|i| {
                let mut cmd = std::process::Command::new(crate::support::bin());
                cmd.env_clear()
                    .env("KEEP_HOME", env.path("keep-home"))
                    .env("XDG_CONFIG_HOME", crate::support::NO_CONFIG)
                    .env("USER", "t");
                if let Some(s) = &env.server {
                    cmd.env("KEEP_SERVER", &s.url).env("KEEP_TOKEN", &s.token);
                }
                cmd.args(["create", "same", &format!("A={i}")])
                    .stderr(Stdio::null())
                    .spawn()
                    .expect("spawn")
            })
            .collect();
        let mut codes: Vec<i32> = children
            .into_iter()
            .map(|mut c| c.wait().expect("wait").code().unwrap_or(-1))
            .collect();
        codes.sort();
        assert_eq!(codes, [0, 4, 4, 4, 4, 4, 4, 4], "{mode:?}");
    }
}

#[test]
fn acknowledged_writes_survive_a_killed_server() {
    let server = Server::start();
    let (url, token) = (server.url.clone(), server.token.clone());
    let home = tempfile::tempdir().expect("tempdir");
    for i in 0..20 {
        hermetic(home.path())
            .env("KEEP_SERVER", &url)
            .env("KEEP_TOKEN", &token)
            .args(["create", &format!("s{i}"), &format!("A={i}")])
            .assert()
            .success();
    }
    let data = server.stop(); // SIGKILL: no shutdown, no checkpoint
    let server = Server::start_in(data, &[]);
    let out = hermetic(home.path())
        .env("KEEP_SERVER", &server.url)
        .env("KEEP_TOKEN", &token)
        .args(["list", "--json"])
        .output()
        .expect("run");
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(list.as_array().map(Vec::len), Some(20));
}

#[test]
fn client_failures_have_their_exit_codes() {
    let home = tempfile::tempdir().expect("tempdir");
    // Nothing listens on port 1.
    hermetic(home.path())
        .env("KEEP_SERVER", "http://127.0.0.1:1")
        .env("KEEP_TOKEN", "keep_x")
        .args(["list"])
        .assert()
        .code(6)
        .stderr(predicate::str::contains("http://127.0.0.1:1"));
    let server = Server::start();
    for token in ["", "keep_wrong", "Bearer x"] {
        hermetic(home.path())
            .env("KEEP_SERVER", &server.url)
            .env("KEEP_TOKEN", token)
            .args(["list", "--json"])
            .assert()
            .code(5)
            .stderr(predicate::str::contains("\"unauthorized\""));
    }
    hermetic(home.path())
        .env("KEEP_SERVER", "http://keep.example.com")
        .env("KEEP_TOKEN", &server.token)
        .args(["list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("plain HTTP"));
    hermetic(home.path())
        .env("KEEP_SERVER", "not a url")
        .args(["list"])
        .assert()
        .code(2);
    let ok = json(
        &Env {
            dir: tempfile::tempdir().expect("tempdir"),
            server: Some(server),
            mode: Mode::Remote,
            database_url: None,
        },
        &["list"],
        0,
    );
    assert_eq!(ok, json!([]));
}

#[test]
fn the_master_key_can_come_from_the_environment_and_must_match_the_store() {
    let key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    let server = Server::start_in(
        tempfile::tempdir().expect("tempdir"),
        &[("KEEP_MASTER_KEY", key)],
    );
    assert!(
        !server.data_dir().join("master.key").exists(),
        "no key file when the key comes from the environment"
    );
    let home = tempfile::tempdir().expect("tempdir");
    let keep = |server: &Server| {
        let mut c = hermetic(home.path());
        c.env("KEEP_SERVER", &server.url)
            .env("KEEP_TOKEN", &server.token);
        c
    };
    keep(&server)
        .args(["create", "s", "A=1"])
        .assert()
        .success();
    let token = server.token.clone();
    let data = server.stop();
    // Same key: values decrypt. Another key: an integrity error, never data.
    let mut server = Server::start_in(data, &[("KEEP_MASTER_KEY", key)]);
    server.token = token.clone();
    keep(&server)
        .args(["show", "s", "--reveal"])
        .assert()
        .success()
        .stdout(predicate::str::contains("A\t1"));
    let data = server.stop();
    // Another key, or no key at all: refused at start-up, naming the problem.
    let serve_with = |key: &str| {
        std::process::Command::new(crate::support::bin())
            .env_clear()
            .env("KEEP_MASTER_KEY", key)
            .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
            .arg(data.path().join("srv"))
            .output()
            .expect("run")
    };
    for (key, needle) in [
        (&*"ab".repeat(32), "does not match this store"),
        ("not-hex", "64 hexadecimal digits"),
        ("", "key file"),
    ] {
        let out = serve_with(key);
        assert_eq!(out.status.code(), Some(2), "{key}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(needle),
            "{key}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn a_replaced_local_key_file_is_refused() {
    let env = Env::new(Mode::Local);
    env.keep().args(["create", "s", "A=1"]).assert().success();
    let key = env.path("keep-home/master.key");
    let original = std::fs::read(&key).expect("read the key");
    std::fs::remove_file(&key).expect("rm");
    let mut opts = std::fs::OpenOptions::new();
    std::os::unix::fs::OpenOptionsExt::mode(opts.write(true).create_new(true), 0o600);
    std::io::Write::write_all(&mut opts.open(&key).expect("create"), &[7u8; 32]).expect("write");
    // Anything that needs the key is refused with a clear message, before touching values;
    // listing and showing need it too, to check the rows' seals.
    for args in [
        &["show", "s", "--reveal"][..],
        &["create", "t", "A=1"],
        &["update", "s", "A=2"],
        &["show", "s"],
        &["list"],
    ] {
        env.keep()
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("does not match this store"));
    }
    // With the right key back, the store is as it was: nothing was written.
    std::fs::remove_file(&key).expect("rm");
    std::io::Write::write_all(&mut opts.open(&key).expect("create"), &original).expect("write");
    assert_eq!(
        json(&env, &["list"], 0).as_array().map(Vec::len),
        Some(1),
        "nothing was written"
    );
}

#[test]
fn many_processes_creating_on_a_fresh_store_get_one_winner_per_name() {
    let env = Env::new(Mode::Local);
    let children: Vec<_> = (0..24)
        .map(|i| {
            std::process::Command::new(crate::support::bin())
                .env_clear()
                .env("KEEP_HOME", env.path("keep-home"))
                .env("XDG_CONFIG_HOME", crate::support::NO_CONFIG)
                .args(["create", &format!("s{}", i % 3), &format!("A={i}")])
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    let mut codes: Vec<i32> = Vec::new();
    for c in children {
        let out = c.wait_with_output().expect("wait");
        let code = out.status.code().unwrap_or(-1);
        assert!(
            code == 0 || code == 4,
            "exit {code}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        codes.push(code);
    }
    assert_eq!(codes.iter().filter(|&&c| c == 0).count(), 3);
}

#[test]
fn a_failed_admin_token_write_is_retried_on_the_next_start() {
    let data = tempfile::tempdir().expect("tempdir");
    let srv = data.path().join("srv");
    std::fs::create_dir_all(srv.join("admin.token/blocker")).expect("mkdir");
    private(&srv);
    let out = std::process::Command::new(crate::support::bin())
        .env_clear()
        .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(&srv)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("admin.token"));
    std::fs::remove_dir_all(srv.join("admin.token")).expect("rm");
    let server = Server::start_in(data, &[]);
    assert!(
        server.token.starts_with("keep_"),
        "a token was created on the second start"
    );
    let home = tempfile::tempdir().expect("tempdir");
    // A trailing newline, as `$(cat admin.token; echo)` leaves, is fine.
    hermetic(home.path())
        .env("KEEP_SERVER", &server.url)
        .env("KEEP_TOKEN", format!("{}\n", server.token))
        .args(["list"])
        .assert()
        .success();
    hermetic(home.path())
        .env("KEEP_SERVER", &server.url)
        .env("KEEP_TOKEN", "keep_\u{1}x")
        .args(["list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("KEEP_TOKEN"));
}

#[test]
fn a_wrong_server_url_is_not_a_missing_secret() {
    let server = Server::start();
    let home = tempfile::tempdir().expect("tempdir");
    for url in [
        format!("{}/prefix", server.url),
        format!("{}/v1", server.url),
    ] {
        hermetic(home.path())
            .env("KEEP_SERVER", &url)
            .env("KEEP_TOKEN", &server.token)
            .args(["delete", "x", "--yes", "--allow-missing"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("does not offer this endpoint"));
    }
    hermetic(home.path())
        .env("KEEP_SERVER", format!("{}/?q=1", server.url))
        .args(["list"])
        .assert()
        .code(2);
}

/// Makes a directory the tests created readable by its owner only, as `keep serve` requires.
fn private(dir: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).expect("chmod");
}

#[test]
fn a_read_never_creates_a_store() {
    let env = Env::new(Mode::Local);
    let home = env.path("keep-home");
    let typo = env.path("typo");
    let cases: [(&[&str], &Path); 7] = [
        (&["list"], &home),
        (&["show", "app"], &home),
        (&["run", "app", "--", "true"], &home),
        (&["export", "app"], &home),
        (&["update", "app", "A=1"], &home),
        (&["delete", "app", "--yes"], &home),
        (&["--home", "TYPO", "list"], &typo),
    ];
    for (args, dir) in cases {
        let args: Vec<&str> = (args.iter())
            .map(|a| {
                if *a == "TYPO" {
                    typo.to_str().expect("utf-8")
                } else {
                    a
                }
            })
            .collect();
        env.keep()
            .args(&args)
            .assert()
            .code(3)
            .stderr(predicate::str::contains(format!(
                "no local store in `{}`",
                dir.display()
            )));
        assert!(!dir.exists(), "{args:?} created {}", dir.display());
    }
    let e = json(&env, &["show", "app"], 3);
    assert_eq!(e["error"]["code"], "no_store");
    // `--allow-missing` means what it says, store or no store.
    let d = json(&env, &["delete", "app", "--yes", "--allow-missing"], 0);
    assert_eq!(d["deleted"], false);
    assert!(!home.exists());
}

#[test]
fn the_write_that_creates_the_store_says_so_on_a_terminal() {
    let env = Env::new(Mode::Local);
    let key = env.path("keep-home/master.key");
    let shown = env.on_terminal(&["create", "hello", "GREETING=world"], &[]);
    assert_eq!(shown.code, Some(0), "{}", shown.text);
    let said = format!("its master key is `{}`: back it up", key.display());
    assert!(
        shown.text.contains("created a new local store"),
        "{}",
        shown.text
    );
    assert!(shown.text.contains(&said), "{}", shown.text);
    let again = env.on_terminal(&["create", "other", "A=1"], &[]);
    assert!(!again.text.contains("new local store"), "{}", again.text);
    // Piped, nothing is said (and the README's first commands work on a fresh machine).
    let fresh = Env::new(Mode::Local);
    fresh
        .keep()
        .args(["create", "hello", "GREETING=world", "--force"])
        .assert()
        .success()
        .stderr("");
    fresh
        .keep()
        .args(["show", "hello", "--reveal"])
        .assert()
        .success()
        .stdout(predicate::str::contains("world"));
}
