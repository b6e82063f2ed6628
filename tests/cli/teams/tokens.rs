//! Tokens: what each endpoint answers each kind of token, uniform refusals, the rate limit
//! on failed attempts, `keep token` issuing, listing and revoking, and no token stored as is.

use std::collections::BTreeMap;
use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::{created_token, is_token, secret, start};
use crate::support::{Api, Reply, client_builder, files, hermetic, runtime};

/// `api` with `token`, or with none.
fn with_token(api: &Api, token: Option<&str>) -> Api {
    match token {
        Some(token) => api.as_token(token),
        None => api.without_token(),
    }
}

/// The documented answer of each endpoint to each kind of token.
#[test]
fn every_endpoint_answers_every_token_state_as_documented() {
    let server = start(&[("KEEP_AUTH_FAILURE_LIMIT", "0")]);
    let api = server.api();
    runtime().block_on(async {
        let admin = server.token.clone();
        api.create_environment("staging").await; // created before use (issue #12)
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

    // Environments are created before use (issue #12).
    keep(&admin)
        .args(["environment", "create", "staging"])
        .assert()
        .success();
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
