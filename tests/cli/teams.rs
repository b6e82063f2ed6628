//! `keep serve` for teams: scoped tokens, uniform refusals, rate limits, the audit log and
//! master key rotation, against a real server.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::process::Stdio;
use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{
    Api, Pki, Reply, Server, client_builder, files, hermetic, mode_of, raw_db, runtime,
};

/// A server whose admin token has the shape of an issued token.
fn start(env: &[(&str, &str)]) -> Server {
    start_in(tempfile::tempdir().expect("tempdir"), env)
}

fn start_in(data: tempfile::TempDir, env: &[(&str, &str)]) -> Server {
    let server = Server::start_in(data, env);
    assert!(server.token.starts_with("keep_"), "no admin token");
    server
}

/// `api` with `token`, or with none.
fn with_token(api: &Api, token: Option<&str>) -> Api {
    match token {
        Some(token) => api.as_token(token),
        None => api.without_token(),
    }
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

/// The documented answer of each endpoint to each kind of token.
#[test]
fn every_endpoint_answers_every_token_state_as_documented() {
    let server = start(&[("KEEP_AUTH_FAILURE_LIMIT", "0")]);
    let api = server.api();
    runtime().block_on(async {
        let admin = server.token.clone();
        for env in ["main", "staging"] {
            let r = api.create(env, secret("db", "v")).await;
            assert_eq!(r.status, StatusCode::CREATED, "{r:?}");
        }
        let staging = api
            .issue("staging-rw", json!({ "environments": ["staging"] }))
            .await;
        let reader = api.issue("reader", json!({ "read_only": true })).await;
        let revoked = api.issue("gone", json!({})).await;
        let r = api.call(Method::DELETE, "/v1/tokens/gone", None).await;
        assert_eq!(r.status, StatusCode::OK, "{r:?}");
        let expired = api.issue("brief", json!({ "expires_in": "1s" })).await;
        let wrong = format!("keep_{}", "x".repeat(43));
        tokio::time::sleep(Duration::from_millis(1200)).await;

        use StatusCode as S;
        // (token, label, what each kind of endpoint answers)
        struct Expect {
            env_list: S,
            read_main: S,
            write_main: S,
            read_staging: S,
            write_staging: S,
            admin: S,
            whoami: S,
        }
        let refused = Expect {
            env_list: S::UNAUTHORIZED,
            read_main: S::UNAUTHORIZED,
            write_main: S::UNAUTHORIZED,
            read_staging: S::UNAUTHORIZED,
            write_staging: S::UNAUTHORIZED,
            admin: S::UNAUTHORIZED,
            whoami: S::UNAUTHORIZED,
        };
        let cases: Vec<(Option<&str>, &str, Expect)> = vec![
            (None, "no token", Expect { ..refused }),
            (Some(&wrong), "wrong token", Expect { ..refused }),
            (Some(&expired), "expired token", Expect { ..refused }),
            (Some(&revoked), "revoked token", Expect { ..refused }),
            (
                Some(&staging),
                "token for staging",
                Expect {
                    env_list: S::OK,
                    read_main: S::FORBIDDEN,
                    write_main: S::FORBIDDEN,
                    read_staging: S::OK,
                    write_staging: S::OK,
                    admin: S::FORBIDDEN,
                    whoami: S::OK,
                },
            ),
            (
                Some(&reader),
                "read-only token",
                Expect {
                    env_list: S::OK,
                    read_main: S::OK,
                    write_main: S::FORBIDDEN,
                    read_staging: S::OK,
                    write_staging: S::FORBIDDEN,
                    admin: S::FORBIDDEN,
                    whoami: S::OK,
                },
            ),
            (
                Some(&admin),
                "admin token",
                Expect {
                    env_list: S::OK,
                    read_main: S::OK,
                    write_main: S::OK,
                    read_staging: S::OK,
                    write_staging: S::OK,
                    admin: S::OK,
                    whoami: S::OK,
                },
            ),
        ];
        let mut failures = Vec::new();
        for (i, (token, label, expect)) in cases.iter().enumerate() {
            let client = with_token(&api, *token);
            let mut check = |what: &str, r: &Reply, want: S| {
                let ok = if want == S::OK {
                    r.status.is_success()
                } else {
                    r.status == want
                };
                if !ok {
                    failures.push(format!(
                        "{label}: {what}: {} (expected {want}): {}",
                        r.status, r.text
                    ));
                }
            };
            let r = client.call(Method::GET, "/v1/environments", None).await;
            check("GET /v1/environments", &r, expect.env_list);
            let r = client.call(Method::GET, "/v1/whoami", None).await;
            check("GET /v1/whoami", &r, expect.whoami);
            for (env, read, write) in [
                ("main", expect.read_main, expect.write_main),
                ("staging", expect.read_staging, expect.write_staging),
            ] {
                let base = format!("/v1/environments/{env}/secrets");
                let r = client.call(Method::GET, &base, None).await;
                check(&format!("list {env}"), &r, read);
                let r = client.call(Method::GET, &format!("{base}/db"), None).await;
                check(&format!("show {env}"), &r, read);
                let r = client
                    .call(Method::GET, &format!("{base}/db?reveal=true"), None)
                    .await;
                check(&format!("reveal {env}"), &r, read);
                let name = format!("n{i}");
                let body = json!({ "name": name, "values": { "K": "v" } });
                let r = client.call(Method::POST, &base, Some(body)).await;
                check(&format!("create {env}"), &r, write);
                let r = client
                    .call(
                        Method::PATCH,
                        &format!("{base}/db"),
                        Some(json!({ "set": { "K": "w" } })),
                    )
                    .await;
                check(&format!("update {env}"), &r, write);
                // Delete what this token created, or the seeded secret if it could not create.
                let target = if r.status.is_success() {
                    name
                } else {
                    "db".to_owned()
                };
                let r = client
                    .call(Method::DELETE, &format!("{base}/{target}"), None)
                    .await;
                let want = if write == S::OK && target == "db" {
                    S::NOT_FOUND
                } else {
                    write
                };
                check(&format!("delete {env}"), &r, want);
            }
            let body = json!({ "name": format!("made-by-{i}") });
            for (what, method, path, body) in [
                ("list tokens", Method::GET, "/v1/tokens", None),
                ("create token", Method::POST, "/v1/tokens", Some(body)),
                ("read audit", Method::GET, "/v1/audit", None),
                ("key status", Method::GET, "/v1/keys", None),
            ] {
                let r = client.call(method, path, body).await;
                check(what, &r, expect.admin);
            }
            let r = client
                .call(Method::DELETE, "/v1/tokens/reader-x", None)
                .await;
            let want = if expect.admin == S::OK {
                S::NOT_FOUND
            } else {
                expect.admin
            };
            check("revoke unknown token", &r, want);
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    });
}

/// Unknown, wrong, malformed, expired and revoked tokens get byte-for-byte the same answer.
#[test]
fn every_refused_token_gets_the_same_answer() {
    let server = start(&[("KEEP_AUTH_FAILURE_LIMIT", "0")]);
    let api = server.api();
    runtime().block_on(async {
        let revoked = api.issue("gone", json!({})).await;
        api.call(Method::DELETE, "/v1/tokens/gone", None).await;
        let expired = api.issue("brief", json!({ "expires_in": "1s" })).await;
        tokio::time::sleep(Duration::from_millis(1200)).await;
        let almost = {
            let t = server.token.clone();
            let (head, _) = t.split_at(t.len() - 1);
            format!("{head}0")
        };
        let path = "/v1/environments/main/secrets";
        let mut answers = BTreeMap::new();
        for (what, token) in [
            ("none", None),
            ("empty", Some("")),
            ("garbage", Some("hello")),
            ("one character off", Some(almost.as_str())),
            ("revoked", Some(revoked.as_str())),
            ("expired", Some(expired.as_str())),
        ] {
            let r = with_token(&api, token).call(Method::GET, path, None).await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{what}: {r:?}");
            answers.insert(what, r.text);
        }
        let first = answers.values().next().cloned().unwrap_or_default();
        for (what, text) in &answers {
            assert_eq!(text, &first, "{what} answered differently");
        }
    });
}

#[test]
fn repeated_failures_from_one_address_get_429_and_others_are_unaffected() {
    let server = start(&[("KEEP_AUTH_FAILURE_LIMIT", "3")]);
    let api = server.api();
    runtime().block_on(async {
        let path = "/v1/environments/main/secrets";
        for _ in 0..3 {
            let r = api
                .as_token("keep_wrong")
                .call(Method::GET, path, None)
                .await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{r:?}");
        }
        let admin = server.token.clone();
        // Blocked now, even with a valid token: guessing is what is being slowed down.
        let blocked = api.req(Method::GET, path).send().await.expect("send");
        assert_eq!(blocked.status(), StatusCode::TOO_MANY_REQUESTS);
        let retry: u64 = blocked
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok())
            .expect("a Retry-After header in seconds");
        assert!((1..=60).contains(&retry), "{retry}");
        // Another client address (127.0.0.2 is loopback too) is not blocked.
        let other = client_builder()
            .local_address(std::net::IpAddr::from([127, 0, 0, 2]))
            .build()
            .expect("client");
        let r = other
            .get(format!("{}{path}", server.url))
            .bearer_auth(&admin)
            .send()
            .await
            .expect("send");
        assert_eq!(r.status(), StatusCode::OK);
    });
    // The CLI reports it as a refusal (exit 5) and says when to retry.
    let home = tempfile::tempdir().expect("tempdir");
    let out = server
        .keep(home.path(), &server.token)
        .arg("list")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("try again in"));
}

#[test]
fn token_commands_issue_list_and_revoke() {
    let server = start(&[]);
    let home = tempfile::tempdir().expect("tempdir");
    let admin = server.token.clone();
    let keep = |token: &str| server.keep(home.path(), token);

    // Shown once, on stdout alone, in the recognisable shape.
    let ci = created_token(keep(&admin).args([
        "token",
        "create",
        "ci",
        "-e",
        "staging",
        "-e",
        "dev",
        "--read-only",
        "--expires-in",
        "30d",
    ]));
    let out = keep(&admin)
        .args(["token", "create", "deployer", "--json"])
        .output()
        .expect("run");
    let issued: Value = serde_json::from_slice(&out.stdout).expect("json");
    let deployer = issued["token"].as_str().expect("token").to_owned();
    assert!(is_token(&deployer));
    assert_eq!(issued["environments"], Value::Null);
    assert_eq!(issued["status"], "active");

    // Listing shows scopes and states, never a token.
    let out = keep(&admin)
        .args(["token", "list", "--json"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(!text.contains(&ci) && !text.contains(&deployer) && !text.contains(&admin));
    let list: Value = serde_json::from_str(&text).expect("json");
    let ci_info = list
        .as_array()
        .and_then(|l| l.iter().find(|t| t["name"] == "ci"))
        .expect("ci listed");
    assert_eq!(ci_info["environments"], json!(["dev", "staging"]));
    assert_eq!(ci_info["read_only"], true);
    assert_eq!(ci_info["created_by"], "admin");
    assert!(ci_info["expires_at"].is_string());

    // What a token writes is created by that token.
    keep(&deployer)
        .args(["create", "app", "A=1"])
        .assert()
        .success();
    let shown = keep(&admin)
        .args(["show", "app", "--json"])
        .output()
        .expect("run");
    let shown: Value = serde_json::from_slice(&shown.stdout).expect("json");
    assert_eq!(shown["created_by"], "deployer");

    // Scopes, as the CLI reports them: exit 5 and the reason.
    let out = keep(&ci)
        .args(["create", "x", "A=1", "-e", "staging"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("read-only"));
    let out = keep(&ci).args(["list"]).output().expect("run");
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("may not use environment `main`"));
    keep(&ci).args(["list", "-e", "staging"]).assert().success();
    let out = keep(&deployer)
        .args(["token", "list"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an admin token"));

    // Mistakes.
    for (args, code) in [
        (vec!["token", "create", "ci"], 4),
        (vec!["token", "create", "bad name"], 2),
        (vec!["token", "create", "x", "--expires-in", "soon"], 2),
        (vec!["token", "create", "x", "--admin", "--read-only"], 2),
        (vec!["token", "create", "x", "--admin", "-e", "dev"], 2),
        (vec!["token", "revoke", "nobody"], 3),
        (vec!["list", "-e", "a", "-e", "b"], 2),
    ] {
        let out = keep(&admin).args(&args).output().expect("run");
        assert_eq!(
            out.status.code(),
            Some(code),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    // Revoked: refused from the next request on. The last admin token cannot be revoked.
    keep(&admin)
        .args(["token", "revoke", "deployer"])
        .assert()
        .success();
    let out = keep(&deployer).args(["list"]).output().expect("run");
    assert_eq!(out.status.code(), Some(5));
    let out = keep(&admin)
        .args(["token", "revoke", "admin"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("last usable admin token"));
    let second = created_token(keep(&admin).args(["token", "create", "admin2", "--admin"]));
    keep(&second)
        .args(["token", "revoke", "admin"])
        .assert()
        .success();
    assert_eq!(
        keep(&admin)
            .arg("list")
            .output()
            .expect("run")
            .status
            .code(),
        Some(5)
    );

    // Without a server there are no tokens: a clear error, and no local store is created.
    let out = hermetic(home.path())
        .args(["token", "list"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("KEEP_SERVER"));
    assert!(!home.path().join("keep-home").exists());
}

/// Every request that touches a secret or a token is recorded, with no value in the record.
#[test]
fn the_audit_log_records_who_did_what_and_never_a_value() {
    let server = start(&[("KEEP_AUTH_FAILURE_LIMIT", "0")]);
    let home = tempfile::tempdir().expect("tempdir");
    let admin = server.token.clone();
    let marker = "AUDIT-MARKER-93b1";
    let keep = |token: &str| server.keep(home.path(), token);
    keep(&admin)
        .args(["create", "db", &format!("PASSWORD={marker}")])
        .assert()
        .success();
    let reader = created_token(keep(&admin).args(["token", "create", "reader", "--read-only"]));
    keep(&reader)
        .args(["show", "db", "--reveal"])
        .assert()
        .success();
    keep(&reader)
        .args(["delete", "db", "--yes"])
        .assert()
        .code(5);
    keep("keep_not-a-real-token")
        .args(["list"])
        .assert()
        .code(5);
    keep(&admin)
        .args(["update", "db", &format!("B={marker}")])
        .assert()
        .success();
    keep(&admin)
        .args(["delete", "db", "--yes"])
        .assert()
        .success();

    let out = keep(&admin)
        .args(["audit", "--json"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let events: Vec<Value> = serde_json::from_slice(&out.stdout).expect("json");
    let seen: Vec<(String, String, String, String)> = events
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap_or_default().to_owned();
            (s("actor"), s("action"), s("target"), s("outcome"))
        })
        .collect();
    for want in [
        ("admin", "secret.create", "db", "ok"),
        ("admin", "token.create", "reader", "ok"),
        ("reader", "secret.reveal", "db", "ok"),
        ("reader", "secret.delete", "db", "forbidden"),
        ("", "secret.list", "", "unauthorized"),
        ("admin", "secret.update", "db", "ok"),
        ("admin", "secret.delete", "db", "ok"),
    ] {
        let want = (
            want.0.to_owned(),
            want.1.to_owned(),
            want.2.to_owned(),
            want.3.to_owned(),
        );
        assert!(seen.contains(&want), "{want:?} not in {seen:#?}");
    }
    for e in &events {
        assert_eq!(e["client"], "127.0.0.1");
        assert!(e["at"].as_str().is_some_and(|t| t.ends_with('Z')));
    }
    // Newest first, and `--since` in the future finds nothing.
    assert_eq!(events[0]["action"], "secret.delete");
    let out = keep(&admin)
        .args(["audit", "--since", "2999-01-01", "--json"])
        .output()
        .expect("run");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
    // Readers and the CLI without a server cannot read it.
    keep(&reader).args(["audit"]).assert().code(5);
    // The stored records hold no value.
    let db = server.data_dir().join("keep.db");
    let (rt, mut conn) = raw_db(&db);
    type Record = (String, String, Option<String>, Option<String>, String);
    let rows: Vec<Record> = rt
        .block_on(
            sqlx::query_as("SELECT actor, action, environment, target, outcome FROM audit")
                .fetch_all(&mut conn),
        )
        .expect("read audit");
    assert!(rows.len() >= 8, "{rows:?}");
    assert!(!format!("{rows:?}").contains(marker));
}

/// If its audit record cannot be stored, a write is rolled back and not acknowledged.
#[test]
fn a_write_whose_audit_record_fails_is_not_acknowledged() {
    let server = start(&[]);
    let api = server.api();
    let db = server.data_dir().join("keep.db");
    let rt = runtime();
    let r = rt.block_on(api.create("main", secret("kept", "old")));
    assert_eq!(r.status, StatusCode::CREATED);
    // What a full disk or a broken audit table looks like to the server.
    let (raw, mut conn) = raw_db(&db);
    raw.block_on(
        sqlx::query(
            "CREATE TRIGGER audit_is_full BEFORE INSERT ON audit \
             BEGIN SELECT RAISE(ABORT, 'no room for the audit log'); END",
        )
        .execute(&mut conn),
    )
    .expect("trigger");
    rt.block_on(async {
        let r = api.create("main", secret("new", "v")).await;
        assert!(r.status.is_server_error(), "{r:?}");
        let r = api.patch("main", "kept", json!({ "V": "changed" })).await;
        assert!(r.status.is_server_error(), "{r:?}");
        let r = api.delete("main", "kept").await;
        assert!(r.status.is_server_error(), "{r:?}");
        // A read is not answered either: revealing without a record would be a silent gap.
        let r = api.show("main", "kept", "?reveal=true").await;
        assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{r:?}");
        assert!(!r.text.contains("old"));
    });
    raw.block_on(sqlx::query("DROP TRIGGER audit_is_full").execute(&mut conn))
        .expect("drop");
    rt.block_on(async {
        let r = api.show("main", "new", "").await;
        assert_eq!(
            r.status,
            StatusCode::NOT_FOUND,
            "the unacknowledged create was stored"
        );
        let r = api.show("main", "kept", "?reveal=true").await;
        assert_eq!(
            r.json("kept")["values"]["V"],
            "old",
            "the unacknowledged update was stored"
        );
    });
}

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

/// Many issued tokens, and none of them in the database files in a recognisable form.
#[test]
fn issued_tokens_are_not_stored_in_plain_text() {
    let server = start(&[]);
    let api = server.api();
    let tokens: Vec<String> = runtime().block_on(async {
        let mut out = Vec::new();
        for i in 0..60 {
            out.push(
                api.issue(&format!("t{i}"), json!({ "read_only": i % 2 == 0 }))
                    .await,
            );
        }
        out
    });
    let mut needles: Vec<String> = tokens.clone();
    needles.extend(tokens.iter().map(|t| t["keep_".len()..].to_owned()));
    needles.push(server.token.clone());
    let mut found = Vec::new();
    for f in files(&server.data_dir()) {
        if f.ends_with("admin.token") {
            continue;
        }
        let bytes = std::fs::read(&f).expect("read");
        for n in &needles {
            if bytes.windows(n.len()).any(|w| w == n.as_bytes()) {
                found.push(format!("{}: {}", f.display(), &n[..8]));
            }
        }
    }
    assert!(found.is_empty(), "{found:?}");
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
