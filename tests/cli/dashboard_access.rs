//! Who may do what in the dashboard, in a real browser: read-only and non-admin tokens,
//! revoked and expired tokens, idle sessions, re-masking, the admin pages, the environment
//! compare, and `keep dashboard` over the local store.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::browser::Browser;
use crate::support::{Api, Server, bin, client_builder, runtime};

const COOKIE: &str = "__Host-keep_session";

async fn login(b: &Browser, url: &str, token: &str) {
    b.goto(&format!("{url}/ui/login")).await;
    b.fill("#token", token).await;
    b.submit("form.card button[type=submit]").await;
}

/// Issues a token through the API; its value.
async fn token(api: &Api, body: serde_json::Value) -> String {
    let r = api.call(Method::POST, "/v1/tokens", Some(body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{r:?}");
    r.json("token")["token"].as_str().expect("token").to_owned()
}

async fn cookie(b: &Browser) -> String {
    b.client
        .get_named_cookie(COOKIE)
        .await
        .expect("cookie")
        .value()
        .to_owned()
}

/// GETs `path` with the session `cookie`, following no redirect; the status and location.
async fn get(url: &str, cookie: &str, path: &str) -> (StatusCode, String) {
    let r = client_builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
        .get(format!("{url}{path}"))
        .header("cookie", format!("{COOKIE}={cookie}"))
        .send()
        .await
        .expect("get");
    let location = r
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (r.status(), location)
}

#[test]
fn a_read_only_token_gets_a_read_only_ui_and_its_writes_are_refused() {
    let server = Server::start();
    runtime().block_on(async {
        let Some(b) = Browser::start("read-only dashboard").await else {
            return;
        };
        let api = server.api();
        api.create("main", json!({ "name": "db", "values": { "K": "v" } }))
            .await;
        let ro = token(&api, json!({ "name": "ro", "read_only": true })).await;
        login(&b, &server.url, &ro).await;
        assert!(b.text().await.contains("db"));
        assert!(!b.has("a[href$='/new']").await, "no New secret link");
        b.goto(&format!("{}/ui/env/main/s/db", server.url)).await;
        assert!(!b.has("textarea").await, "no edit fields");
        assert!(b.has("#reveal-all").await, "reading is allowed");
        assert!(!b.has("a[href='/ui/admin/tokens']").await, "no admin links");
        let c = cookie(&b).await;
        for path in [
            "/ui/env/main/new",
            "/ui/env/main/s/db/delete",
            "/ui/admin/tokens",
            "/ui/admin/audit",
            "/ui/admin/keys",
        ] {
            assert_eq!(
                get(&server.url, &c, path).await.0,
                StatusCode::FORBIDDEN,
                "{path}"
            );
        }
        // The server refuses the write itself, whatever the page offers.
        let form_token = crate::dashboard::form_token(&server.url, &c, "/ui/env/main/s/db").await;
        let r = client_builder()
            .build()
            .expect("client")
            .post(format!("{}/ui/env/main/s/db/edit", server.url))
            .header("cookie", format!("{COOKIE}={c}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("form_token={form_token}&set%3AK=changed"))
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let shown = api.show("main", "db", "?reveal=true").await.json("show");
        assert_eq!(shown["values"]["K"], "v");
        // Each refusal is in the audit log, as the API's are.
        let log = api
            .call(Method::GET, "/v1/audit?limit=1000", None)
            .await
            .json("audit");
        let refused: Vec<&str> = log["events"]
            .as_array()
            .expect("events")
            .iter()
            .filter(|e| e["actor"] == "ro" && e["outcome"] == "forbidden")
            .filter_map(|e| e["action"].as_str())
            .collect();
        for action in [
            "secret.create",
            "secret.delete",
            "secret.update",
            "token.list",
            "audit.read",
            "key.status",
        ] {
            assert!(refused.contains(&action), "{action} not in {refused:?}");
        }
        b.close().await;
    });
}

#[test]
fn revoking_or_expiring_a_token_ends_its_sessions_and_an_idle_session_ends() {
    let server = Server::start_with(&["--session-idle", "3s", "--reveal-for", "2s"], &[]);
    runtime().block_on(async {
        let Some(b) = Browser::start("token lifecycle in the dashboard").await else {
            return;
        };
        let url = &server.url;
        let api = server.api();
        api.create(
            "main",
            json!({ "name": "db", "values": { "K": "plain-value-1" } }),
        )
        .await;

        // Revoked: the session ends at once, and the token logs in no more.
        let t = token(&api, json!({ "name": "soon-revoked" })).await;
        login(&b, url, &t).await;
        let c = cookie(&b).await;
        assert_eq!(get(url, &c, "/ui/env/main").await.0, StatusCode::OK);
        let r = api
            .call(Method::DELETE, "/v1/tokens/soon-revoked", None)
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(
            get(url, &c, "/ui/env/main").await,
            (StatusCode::SEE_OTHER, "/ui/login".into())
        );
        login(&b, url, &t).await;
        assert!(b.text().await.contains("not accepted"));

        // Expired: the same.
        let t = token(&api, json!({ "name": "short", "expires_in": "2s" })).await;
        login(&b, url, &t).await;
        let c = cookie(&b).await;
        assert_eq!(get(url, &c, "/ui/env/main").await.0, StatusCode::OK);
        tokio::time::sleep(Duration::from_millis(2500)).await;
        assert_eq!(get(url, &c, "/ui/env/main").await.1, "/ui/login");
        login(&b, url, &t).await;
        assert!(b.text().await.contains("not accepted"));

        // Revealed values are masked again after --reveal-for.
        login(&b, url, &server.token).await;
        b.goto(&format!("{url}/ui/env/main/s/db")).await;
        b.submit("#reveal-all button").await;
        assert!(b.source().await.contains("plain-value-1"));
        tokio::time::sleep(Duration::from_millis(3000)).await;
        assert!(!b.source().await.contains("plain-value-1"), "masked again");

        // Idle: a session unused for --session-idle ends.
        let c = cookie(&b).await;
        assert_eq!(get(url, &c, "/ui/env/main").await.0, StatusCode::OK);
        tokio::time::sleep(Duration::from_millis(3500)).await;
        assert_eq!(get(url, &c, "/ui/env/main").await.1, "/ui/login");
        b.close().await;
    });
}

#[test]
fn an_admin_compares_environments_and_manages_tokens_and_reads_the_audit_log() {
    let server = Server::start();
    runtime().block_on(async {
        let Some(b) = Browser::start("admin dashboard").await else {
            return;
        };
        let url = &server.url;
        let api = server.api();
        api.create_environment("staging").await;
        api.create(
            "main",
            json!({ "name": "db", "values": { "A": "1", "B": "2" } }),
        )
        .await;
        api.create(
            "staging",
            json!({ "name": "db", "values": { "A": "1", "B": "3", "C": "4" } }),
        )
        .await;
        login(&b, url, &server.token).await;

        b.goto(&format!("{url}/ui/compare?env=main&env=staging"))
            .await;
        let cells: Vec<String> = {
            let mut out = Vec::new();
            for e in b
                .client
                .find_all(fantoccini::Locator::Css("td.cell"))
                .await
                .expect("cells")
            {
                out.push(e.text().await.expect("text"));
            }
            out
        };
        assert_eq!(
            cells,
            ["same", "same", "different", "different", "missing", "same"]
        );
        b.screenshot("compare").await;

        // A token: created with its scope, shown once; revoked after typing its name.
        b.goto(&format!("{url}/ui/admin/tokens")).await;
        b.fill("#tname", "ci").await;
        b.fill("#tenvs", "staging").await;
        b.click("input[name=read_only]").await;
        b.submit("form.card button[type=submit]").await;
        let issued = b
            .client
            .find(fantoccini::Locator::Css("#issued-token"))
            .await
            .expect("shown once");
        let value = issued.text().await.expect("token");
        let who = api
            .as_token(&value)
            .call(Method::GET, "/v1/whoami", None)
            .await
            .json("whoami");
        assert_eq!(
            (&who["admin"], &who["environments"], &who["read_only"]),
            (&json!(false), &json!(["staging"]), &json!(true)),
            "{who}"
        );
        b.goto(&format!("{url}/ui/admin/tokens")).await;
        assert!(!b.source().await.contains(&value), "shown once only");
        b.screenshot("tokens").await;
        b.fill("input[placeholder='type ci']", "ci").await;
        b.submit("input[placeholder='type ci'] + button").await;
        assert!(b.text().await.contains("was revoked"));
        let who = api
            .as_token(&value)
            .call(Method::GET, "/v1/whoami", None)
            .await;
        assert_eq!(who.status, StatusCode::UNAUTHORIZED);

        b.goto(&format!("{url}/ui/admin/audit?outcome=ok&token=admin"))
            .await;
        let text = b.text().await;
        assert!(
            text.contains("token.revoke") && text.contains("secret.create"),
            "{text}"
        );
        b.goto(&format!("{url}/ui/admin/audit?outcome=unauthorized"))
            .await;
        let text = b.text().await;
        assert!(
            text.contains("No records") || !text.contains("token.revoke"),
            "{text}"
        );
        b.screenshot("audit").await;
        b.goto(&format!("{url}/ui/admin/keys")).await;
        assert!(
            b.text()
                .await
                .contains("Every secret is wrapped by the active key")
        );

        b.goto(&format!("{url}/ui/sessions")).await;
        assert!(b.text().await.contains("(this one)"));
        b.close().await;
    });
}

/// `keep dashboard` with its own home; the URL it printed.
fn local_dashboard(home: &std::path::Path) -> (Child, String) {
    let mut child = Command::new(bin())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("KEEP_HOME", home.join("keep-home"))
        .env("USER", "tester")
        .arg("dashboard")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("keep dashboard");
    let stderr = child.stderr.take().expect("stderr");
    let mut line = String::new();
    BufReader::new(stderr)
        .read_line(&mut line)
        .expect("its first line");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no link in {line:?}"))
        .to_owned();
    (child, url)
}

#[test]
fn keep_dashboard_serves_the_local_store_after_a_one_time_code() {
    let home = tempfile::tempdir().expect("tempdir");
    let (mut child, link) = local_dashboard(home.path());
    let base = link.split("/ui/").next().expect("base").to_owned();
    runtime().block_on(async {
        let Some(b) = Browser::start("keep dashboard").await else {
            return;
        };
        b.goto(&link).await;
        assert!(b.url().await.ends_with("/ui/env/main"), "{}", b.url().await);
        let c = cookie(&b).await;
        assert!(b.text().await.contains("No secrets in main yet"));

        b.goto(&format!("{base}/ui/env/main/new")).await;
        b.fill("#name-form", "local-db").await;
        b.fill("#by-form input[name=key]", "URL").await;
        b.fill("#by-form textarea[name=value]", "sqlite://x").await;
        b.submit("#by-form button[value=save]").await;
        assert!(
            b.url()
                .await
                .ends_with("/ui/env/main/s/local-db?done=created")
        );
        b.screenshot("local").await;

        // The code works once; another Host is refused (DNS rebinding).
        let http = client_builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        let again = http.get(&link).send().await.expect("get");
        assert_eq!(again.status(), StatusCode::FORBIDDEN);
        let port = base.rsplit(':').next().expect("port");
        let rebound = http
            .get(format!("{base}/ui/env/main"))
            .header("host", format!("evil.example:{port}"))
            .header("cookie", format!("{COOKIE}={c}"))
            .send()
            .await
            .expect("get");
        assert_eq!(rebound.status(), StatusCode::MISDIRECTED_REQUEST);
        b.close().await;
    });
    let _ = child.kill();
    let _ = child.wait();
    // What the page wrote is in the local store.
    let out = crate::support::hermetic(home.path())
        .args(["show", "local-db", "--reveal", "--json"])
        .output()
        .expect("keep show");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("sqlite://x"));
}
