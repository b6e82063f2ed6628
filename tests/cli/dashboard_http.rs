//! The dashboard's answers to requests no browser page makes: unknown pages, reveals of what
//! does not exist, previews that compare with stored values, large pastes. Plain HTTP, no
//! browser, against a real `keep serve` on loopback.

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::{Server, client_builder, runtime};

const COOKIE: &str = "__Host-keep_session";

fn no_redirects() -> reqwest::Client {
    client_builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// Logs in with the server's admin token; the session cookie's value.
async fn login(url: &str, token: &str) -> String {
    let r = no_redirects()
        .post(format!("{url}/ui/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("token={token}"))
        .send()
        .await
        .expect("login");
    assert!(r.status().is_redirection(), "{:?}", r.status());
    let set = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(COOKIE))
        .expect("a session cookie")
        .to_owned();
    set.split(';').next().expect("cookie").to_owned()
}

async fn get(
    url: &str,
    cookie: &str,
    path: &str,
) -> (StatusCode, reqwest::header::HeaderMap, String) {
    let r = no_redirects()
        .get(format!("{url}{path}"))
        .header("cookie", cookie)
        .send()
        .await
        .expect("get");
    let (status, headers) = (r.status(), r.headers().clone());
    (status, headers, r.text().await.expect("body"))
}

/// The form token of the new-secret page; `cookie` is `NAME=VALUE`.
async fn form_token(url: &str, cookie: &str) -> String {
    let value = cookie.split_once('=').map_or(cookie, |(_, v)| v);
    crate::dashboard::form_token(url, value, "/ui/env/main/new").await
}

async fn post(url: &str, cookie: &str, path: &str, form: &[(&str, &str)]) -> (StatusCode, String) {
    let r = no_redirects()
        .post(format!("{url}{path}"))
        .header("cookie", cookie)
        .header("sec-fetch-site", "same-origin")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(
            form_urlencoded::Serializer::new(String::new())
                .extend_pairs(form)
                .finish(),
        )
        .send()
        .await
        .expect("post");
    (r.status(), r.text().await.expect("body"))
}

/// `(action, target, outcome)` of every audit record about `target`.
async fn audit_of(server: &Server, target: &str) -> Vec<(String, String)> {
    let events = crate::dashboard::audit(&server.api()).await;
    events
        .iter()
        .filter(|e| e["target"] == target)
        .map(|e| {
            (
                e["action"].as_str().unwrap_or_default().to_owned(),
                e["outcome"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn refusals_carry_the_headers_and_record_what_happened() {
    let server = Server::start();
    let url = server.url.clone();
    runtime().block_on(async {
        let cookie = login(&url, &server.token).await;
        // An unknown page under /ui is the dashboard's own 404, with its headers.
        for path in ["/ui/nope", "/ui/env/main/s/x/nothing/here"] {
            let (status, headers, body) = get(&url, &cookie, path).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
            let csp = headers
                .get("content-security-policy")
                .and_then(|v| v.to_str().ok());
            assert!(
                csp.is_some_and(|c| c.contains("default-src 'none'")),
                "{path}: {headers:?}"
            );
            assert_eq!(
                headers.get("cache-control").and_then(|v| v.to_str().ok()),
                Some("no-store")
            );
            assert!(body.contains("no such page"), "{body}");
        }
        // A reveal of a secret or key that does not exist is refused, and not recorded as a
        // reveal that happened.
        let ft = form_token(&url, &cookie).await;
        let (status, _) = post(
            &url,
            &cookie,
            "/ui/env/main/s/ghost/reveal",
            &[("form_token", &ft)],
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(
            audit_of(&server, "ghost").await,
            [("secret.reveal".to_owned(), "not_found".to_owned())]
        );
        let r = server
            .api()
            .create(
                "main",
                json!({"name": "db", "values": {"PASSWORD": "hunter2"}}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{r:?}");
        let (status, _) = post(
            &url,
            &cookie,
            "/ui/env/main/s/db/reveal",
            &[("form_token", &ft), ("key", "NOPE")],
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        // A preview against a stored secret says which values are the same: it is a reveal.
        let (status, body) = post(
            &url,
            &cookie,
            "/ui/env/main/new",
            &[
                ("form_token", &ft),
                ("name", "db"),
                ("source", "paste"),
                ("dotenv", "PASSWORD=hunter2\n"),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(body.contains("unchanged"), "{body}");
        let log = audit_of(&server, "db").await;
        assert!(
            log.contains(&("secret.reveal".to_owned(), "invalid".to_owned())),
            "{log:?}"
        );
        assert_eq!(
            log.iter()
                .filter(|e| *e == &("secret.reveal".to_owned(), "ok".to_owned()))
                .count(),
            1,
            "{log:?}"
        );
    });
}

#[test]
fn a_large_paste_is_refused_or_previewed_quickly() {
    let server = Server::start();
    let url = server.url.clone();
    runtime().block_on(async {
        let cookie = login(&url, &server.token).await;
        let ft = form_token(&url, &cookie).await;
        // 60,000 keys in under 1 MiB: within the limits, so previewed, in one pass.
        let text: String = (0..60_000).map(|i| format!("K{i}=v\n")).collect();
        let started = Instant::now();
        let (status, _) = post(
            &url,
            &cookie,
            "/ui/env/main/new",
            &[
                ("form_token", &ft),
                ("name", "big"),
                ("source", "paste"),
                ("dotenv", &text),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        // Quadratic work took minutes here; the bound is loose for a loaded debug build.
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{:?}",
            started.elapsed()
        );
        // Past the secret's size limit: refused before any preview is built.
        let text: String = (0..100_000)
            .map(|i| format!("KEY_{i:06}=value\n"))
            .collect();
        let (status, body) = post(
            &url,
            &cookie,
            "/ui/env/main/new",
            &[
                ("form_token", &ft),
                ("name", "big"),
                ("source", "paste"),
                ("dotenv", &text),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("over 1 MiB"), "{body}");
        let r = server.api().health().await;
        assert_eq!(r.status, StatusCode::OK);
    });
}

/// Odd characters in the list's filter and cursor, and in the audit page's filters, are the
/// client's mistake or match nothing, on both databases: never a 5xx.
fn odd_queries(server: &Server) {
    let url = server.url.clone();
    runtime().block_on(async {
        let cookie = login(&url, &server.token).await;
        for path in [
            "/ui/env/main?q=%00",
            "/ui/env/main?after=%00",
            "/ui/env/main?q=%C3%A9%27%22%3C",
            "/ui/admin/audit?secret=%00&env=%00&token=%00&outcome=%00&cursor=%00",
        ] {
            let (status, headers, _) = get(&url, &cookie, path).await;
            assert!(!status.is_server_error(), "{path}: {status}");
            assert!(headers.contains_key("content-security-policy"), "{path}");
        }
    });
}

#[test]
fn odd_queries_are_never_server_errors_on_sqlite() {
    odd_queries(&Server::start());
}

#[test]
fn odd_queries_are_never_server_errors_on_postgres() {
    let Some(cluster) = crate::support::pg::shared() else {
        crate::support::pg::skipped("dashboard queries on PostgreSQL");
        return;
    };
    let url = cluster.database();
    let server = Server::start_in(
        tempfile::tempdir().expect("tempdir"),
        &[("KEEP_DATABASE_URL", &url)],
    );
    odd_queries(&server);
}

/// Ending one's own session on the sessions page signs the browser out as logout does.
#[test]
fn ending_ones_own_session_clears_the_browser() {
    let server = Server::start();
    let url = server.url.clone();
    runtime().block_on(async {
        let cookie = login(&url, &server.token).await;
        let ft = form_token(&url, &cookie).await;
        let (_, _, page) = get(&url, &cookie, "/ui/sessions").await;
        let at =
            page.find("name=\"id\" value=\"").expect("a session id") + "name=\"id\" value=\"".len();
        let id = &page[at..at + page[at..].find('"').expect("end of the id")];
        let r = no_redirects()
            .post(format!("{url}/ui/sessions/end"))
            .header("cookie", &cookie)
            .header("sec-fetch-site", "same-origin")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("form_token={ft}&id={id}"))
            .send()
            .await
            .expect("post");
        assert!(r.status().is_redirection(), "{:?}", r.status());
        let h = r.headers();
        assert!(h.get("clear-site-data").is_some(), "{h:?}");
        let set = h
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(
            set.starts_with(&format!("{COOKIE}=;")) && set.contains("Max-Age=0"),
            "{set}"
        );
        let (status, headers, _) = get(&url, &cookie, "/ui/env/main").await;
        assert!(status.is_redirection(), "{status}");
        assert_eq!(
            headers.get("location").and_then(|v| v.to_str().ok()),
            Some("/ui/login")
        );
    });
}

/// Changes the dashboard refuses are in the audit log, as the API's refusals are.
#[test]
fn refused_changes_are_audited() {
    let server = Server::start();
    let url = server.url.clone();
    runtime().block_on(async {
        let cookie = login(&url, &server.token).await;
        let ft = form_token(&url, &cookie).await;
        let r = server
            .api()
            .create("main", json!({"name": "db", "values": {"A": "1"}}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{r:?}");
        let form = [
            ("form_token", ft.as_str()),
            ("name", "db"),
            ("key", "B"),
            ("value", "2"),
        ];
        let (status, _) = post(&url, &cookie, "/ui/env/main/new", &form).await;
        assert_eq!(status, StatusCode::CONFLICT);
        let (status, _) = post(
            &url,
            &cookie,
            "/ui/env/main/s/db/delete",
            &[("form_token", &ft), ("confirm", "nope")],
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, _) = post(
            &url,
            &cookie,
            "/ui/env/main/s/gone/edit",
            &[("form_token", &ft), ("set:A", "x")],
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let log = audit_of(&server, "db").await;
        for want in [("secret.create", "conflict"), ("secret.delete", "invalid")] {
            assert!(
                log.contains(&(want.0.to_owned(), want.1.to_owned())),
                "{want:?} not in {log:?}"
            );
        }
        assert!(
            audit_of(&server, "gone")
                .await
                .contains(&("secret.update".to_owned(), "not_found".to_owned()))
        );
        assert_eq!(
            json!(
                server
                    .api()
                    .call(Method::GET, "/v1/environments/main/secrets/db", None)
                    .await
                    .status
                    .as_u16()
            ),
            json!(200)
        );
    });
}

/// A secret's page lists its newest versions: who wrote which keys, never values.
#[test]
fn a_secrets_page_shows_its_history() {
    let server = Server::start();
    let url = server.url.clone();
    runtime().block_on(async {
        let api = server.api();
        let r = api
            .create(
                "main",
                json!({"name": "db", "values": {"A": "first-value-1"}}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{r:?}");
        let r = api
            .patch(
                "main",
                "db",
                json!({"A": "second-value-2", "B": "third-value-3"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{r:?}");
        let cookie = login(&url, &server.token).await;
        let (status, _, body) = get(&url, &cookie, "/ui/env/main/s/db").await;
        assert_eq!(status, StatusCode::OK);
        let history = &body[body.find("id=\"hist\"").expect("a history section")..];
        for want in [
            "<td>2</td>",
            "<td>1</td>",
            "<td>update</td>",
            "<td>create</td>",
            "+B ~A",
            "+A",
        ] {
            assert!(history.contains(want), "{want} not in {history}");
        }
        assert!(!body.contains("-value-"), "a value on the page");
    });
}
