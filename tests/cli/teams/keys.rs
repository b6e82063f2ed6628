//! The master key: rotation under load, a key ring given in the environment, and the
//! private files a server keeps its keys in.

use std::io::BufRead;
use std::process::Stdio;
use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::{start, start_in};
use crate::support::{Server, files, hermetic, mode_of, runtime};

/// Rotation while readers and writers run: no request fails and nothing is lost.
#[test]
#[allow(clippy::print_stderr)] // the load's size, for the record
fn key_rotation_under_load_loses_nothing_and_fails_no_request() {
    let server = start(&[]);
    let api = server.api();
    let home = tempfile::tempdir().expect("tempdir");
    let admin = server.token.clone();
    let seeds = 400;
    let (failures, written) = runtime().block_on(async {
        let mut tasks = Vec::new();
        for i in 0..seeds {
            let api = api.clone();
            tasks.push(tokio::spawn(async move {
                let body = json!({ "name": format!("s{i}"), "values": { "V": format!("v{i}") } });
                api.req(Method::POST, "/v1/environments/main/secrets")
                    .json(&body)
                    .send()
                    .await
                    .map(|r| r.status())
            }));
            if tasks.len() >= 16 {
                for t in tasks.drain(..) {
                    assert_eq!(t.await.expect("task").expect("send"), StatusCode::CREATED);
                }
            }
        }
        for t in tasks {
            assert_eq!(t.await.expect("task").expect("send"), StatusCode::CREATED);
        }
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let mut load = Vec::new();
        for w in 0..6 {
            let (api, stop) = (api.clone(), stop.clone());
            load.push(tokio::spawn(async move {
                let (mut failures, mut written, mut reads) = (Vec::new(), Vec::new(), 0usize);
                let mut n = 0;
                while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                    n += 1;
                    let i = (w * 7919 + n * 31) % seeds;
                    let r = if w % 2 == 0 {
                        let path = format!("/v1/environments/main/secrets/s{i}?reveal=true");
                        let r = api.req(Method::GET, &path).send().await;
                        match r {
                            Ok(r) if r.status() == StatusCode::OK => {
                                let v: Value = r.json().await.unwrap_or_default();
                                let want = format!("v{i}");
                                if v["values"]["V"] != want.as_str()
                                    && !v["values"]["W"].is_string()
                                {
                                    failures.push(format!("s{i}: {v}"));
                                }
                                reads += 1;
                                continue;
                            }
                            other => other.map(|r| r.status()),
                        }
                    } else {
                        let name = format!("w{w}-{n}");
                        let body = json!({ "name": name, "values": { "V": name } });
                        let r = api
                            .req(Method::POST, "/v1/environments/main/secrets")
                            .json(&body)
                            .send()
                            .await
                            .map(|r| r.status());
                        if matches!(r, Ok(StatusCode::CREATED)) {
                            written.push(name);
                            continue;
                        }
                        r
                    };
                    failures.push(format!("worker {w}: {r:?}"));
                }
                (failures, written, reads)
            }));
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        // Twice, so that the second rotation starts from a store the first one rewrapped. The
        // command runs off this runtime's thread, so the load goes on while it waits.
        for _ in 0..2 {
            let mut cmd = server.keep(home.path(), &admin);
            cmd.args(["serve", "rotate-key", "--json"]);
            let cmd = tokio::task::spawn_blocking(move || cmd.output())
                .await
                .expect("join")
                .expect("run");
            assert_eq!(
                cmd.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&cmd.stderr)
            );
            let status: Value = serde_json::from_slice(&cmd.stdout).expect("json");
            assert_eq!(status["remaining"], 0, "{status}");
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        let (mut failures, mut written, mut reads) = (Vec::new(), Vec::new(), 0);
        for t in load {
            let (f, w, r) = t.await.expect("task");
            failures.extend(f);
            written.extend(w);
            reads += r;
        }
        eprintln!(
            "rotation under load: {reads} reveals and {} creates answered, {} failed",
            written.len(),
            failures.len()
        );
        (failures, written)
    });
    assert!(
        failures.is_empty(),
        "{} failed requests: {failures:#?}",
        failures.len()
    );
    assert!(!written.is_empty());
    // After a restart, from the key files alone, every secret opens.
    let data = server.stop();
    let srv = data.path().join("srv");
    let retired = files(&srv.join("retired-keys"));
    assert_eq!(retired.len(), 2, "{retired:?}");
    for f in &retired {
        assert_eq!(mode_of(f), 0o600);
    }
    let server = start_in(data, &[]);
    let keep = |args: &[&str]| {
        server
            .keep(home.path(), &server.token)
            .args(args)
            .output()
            .expect("run")
    };
    let listed: Vec<Value> =
        serde_json::from_slice(&keep(&["list", "--all", "--json"]).stdout).expect("json");
    assert_eq!(listed.len(), seeds + written.len());
    for name in [
        "s0",
        "s199",
        &format!("s{}", seeds - 1),
        &written[0],
        &written[written.len() - 1],
    ] {
        let out = keep(&["show", name, "--reveal", "--json"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let status: Value =
        serde_json::from_slice(&keep(&["serve", "rotate-key", "--status", "--json"]).stdout)
            .expect("json");
    assert_eq!(status["remaining"], 0);
    assert_eq!(status["keys"].as_array().map(Vec::len), Some(1), "{status}");
}

const KEY_A: &str = "1111111111111111111111111111111111111111111111111111111111111111";
const KEY_B: &str = "2222222222222222222222222222222222222222222222222222222222222222";

/// With `KEEP_MASTER_KEY`, the operator rotates: every replica gets `OLD,NEW`, then `NEW,OLD`,
/// then one `keep serve rotate-key` rewraps; a replica restarted with an older ring in between
/// undoes nothing, `NEW` alone then works, and the old key alone is refused.
#[test]
fn a_key_ring_in_the_environment_rotates_as_documented() {
    let server = start(&[("KEEP_MASTER_KEY", KEY_A)]);
    let home = tempfile::tempdir().expect("tempdir");
    let admin = server.token.clone();
    for i in 0..20 {
        server
            .keep(home.path(), &admin)
            .args(["create", &format!("s{i}"), &format!("V=v{i}")])
            .assert()
            .success();
    }
    let keep = |server: &Server, args: &[&str]| {
        server
            .keep(home.path(), &admin)
            .args(args)
            .output()
            .expect("run")
    };
    let status = |server: &Server| -> Value {
        serde_json::from_slice(&keep(server, &["serve", "rotate-key", "--status", "--json"]).stdout)
            .expect("json")
    };
    // One key only: nothing to rotate to, and the hint says what to do.
    let out = keep(&server, &["serve", "rotate-key"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("OLD,NEW"));
    let phase1 = format!("{KEY_A},{KEY_B}");
    let phase2 = format!("{KEY_B},{KEY_A}");
    let server = start_in(server.stop(), &[("KEEP_MASTER_KEY", &phase1)]);
    keep(&server, &["create", "p1", "V=p1"]);
    let server = start_in(server.stop(), &[("KEEP_MASTER_KEY", &phase2)]);
    keep(&server, &["create", "p2", "V=p2"]);
    // Nothing is rewrapped until the operator asks.
    assert_eq!(status(&server)["remaining"], 21, "{}", status(&server));
    // A replica restarted with the previous ring: it reads everything and rewraps nothing.
    let server = start_in(server.stop(), &[("KEEP_MASTER_KEY", &phase1)]);
    let out = keep(&server, &["show", "p2", "--reveal", "--json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(status(&server)["remaining"], 1);
    let server = start_in(server.stop(), &[("KEEP_MASTER_KEY", &phase2)]);
    let out = keep(&server, &["serve", "rotate-key", "--json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let done: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(done["remaining"], 0, "{done}");
    let server = start_in(server.stop(), &[("KEEP_MASTER_KEY", KEY_B)]);
    for name in ["s7", "p1", "p2"] {
        let out = keep(&server, &["show", name, "--reveal", "--json"]);
        let shown: Value = serde_json::from_slice(&out.stdout).expect("json");
        assert!(shown["values"]["V"].is_string(), "{name}: {shown}");
    }
    // The admin token worked throughout: token hashes do not depend on the master key.
    let data = server.stop();
    let out = std::process::Command::new(crate::support::bin())
        .env_clear()
        .env("KEEP_MASTER_KEY", KEY_A)
        .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(data.path().join("srv"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("was not given: 097ecee4ce618e8f (22 secrets)"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A rotation rewraps the history too: after it, the new key alone opens every old version.
#[test]
fn rotation_rewraps_old_versions() {
    let mut worlds = vec![(Vec::<(&str, String)>::new(), "sqlite")];
    match crate::support::pg::shared() {
        Some(cluster) => worlds.push((vec![("KEEP_DATABASE_URL", cluster.database())], "postgres")),
        None => crate::support::pg::skipped("rotation_rewraps_old_versions"),
    }
    for (extra, what) in worlds {
        let env = |key: &str| -> Vec<(&str, String)> {
            let mut all = extra.clone();
            all.push(("KEEP_MASTER_KEY", key.to_owned()));
            all
        };
        let start_with = |data: tempfile::TempDir, key: &str| {
            let vars = env(key);
            let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
            start_in(data, &vars)
        };
        let server = start_with(tempfile::tempdir().expect("tempdir"), KEY_A);
        let home = tempfile::tempdir().expect("tempdir");
        let admin = server.token.clone();
        let keep = |server: &Server, args: &[&str]| {
            let out = server
                .keep(home.path(), &admin)
                .args(args)
                .output()
                .expect("run");
            assert_eq!(
                out.status.code(),
                Some(0),
                "{what} {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            serde_json::from_slice::<Value>(&out.stdout).unwrap_or(Value::Null)
        };
        keep(&server, &["create", "s", "V=one"]);
        keep(&server, &["update", "s", "V=two"]);
        keep(&server, &["update", "s", "V=three"]);
        let server = start_with(server.stop(), &format!("{KEY_B},{KEY_A}"));
        let status = keep(&server, &["serve", "rotate-key", "--status", "--json"]);
        assert_eq!(status["remaining_versions"], 3, "{what}: {status}");
        let done = keep(&server, &["serve", "rotate-key", "--json"]);
        assert_eq!(
            (&done["remaining"], &done["remaining_versions"]),
            (&json!(0), &json!(0)),
            "{what}: {done}"
        );
        let server = start_with(server.stop(), KEY_B);
        for (v, value) in [("1", "one"), ("2", "two"), ("3", "three")] {
            let shown = keep(
                &server,
                &["show", "s", "--version", v, "--reveal", "--json"],
            );
            assert_eq!(shown["values"]["V"], value, "{what} version {v}: {shown}");
        }
    }
}

/// Files made by a server and its rotations stay private whatever the umask; a data
/// directory or key file others can read is refused.
#[test]
fn server_files_are_private_and_readable_ones_are_refused() {
    let data = tempfile::tempdir().expect("tempdir");
    let srv = data.path().join("srv");
    let mut child = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 000; exec \"$0\" serve --listen 127.0.0.1:0 --data-dir \"$1\"")
        .arg(crate::support::bin())
        .arg(&srv)
        .env_clear()
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stderr = std::io::BufReader::new(child.stderr.take().expect("stderr"));
    let mut line = String::new();
    while !line.starts_with("listening on") {
        line.clear();
        assert!(
            stderr.read_line(&mut line).expect("read") > 0,
            "server exited"
        );
    }
    let url = line.trim().trim_start_matches("listening on ").to_owned();
    let token = std::fs::read_to_string(srv.join("admin.token")).expect("token");
    let home = tempfile::tempdir().expect("tempdir");
    for args in [vec!["create", "a", "K=v"], vec!["serve", "rotate-key"]] {
        hermetic(home.path())
            .env("KEEP_SERVER", &url)
            .env("KEEP_TOKEN", token.trim())
            .args(&args)
            .assert()
            .success();
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(mode_of(&srv), 0o700);
    assert_eq!(mode_of(&srv.join("retired-keys")), 0o700);
    let all = files(&srv);
    assert!(
        all.iter()
            .any(|p| p.parent().is_some_and(|d| d.ends_with("retired-keys")))
    );
    for f in all {
        assert_eq!(mode_of(&f), 0o600, "{}", f.display());
    }
    let serve = || {
        std::process::Command::new(crate::support::bin())
            .env_clear()
            .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
            .arg(&srv)
            .output()
            .expect("run")
    };
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&srv, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let out = serve();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("chmod 700"));
    std::fs::set_permissions(&srv, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    std::fs::set_permissions(
        srv.join("master.key"),
        std::fs::Permissions::from_mode(0o644),
    )
    .expect("chmod");
    let out = serve();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("chmod 600"));
}
