//! The dashboard in a real browser (headless Chromium through chromedriver) against a real
//! `keep serve` on loopback, on SQLite and on PostgreSQL, and against `keep dashboard`.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::browser::Browser;
use crate::support::{Api, Server, client_builder, pg, runtime};

fn http_client() -> reqwest::Client {
    // Redirects are followed, as a browser would.
    client_builder().build().expect("client")
}

const COOKIE: &str = "__Host-keep_session";
const VALUE: &str = "s3cr3t-value-9f2";

/// Logs in through the form with `token`.
async fn login(b: &Browser, url: &str, token: &str) {
    b.goto(&format!("{url}/ui/login")).await;
    b.fill("#token", token).await;
    b.submit("form.card button[type=submit]").await;
}

/// The session cookie's value, with its flags checked.
async fn session_cookie(b: &Browser) -> String {
    let c = b
        .client
        .get_named_cookie(COOKIE)
        .await
        .expect("the session cookie");
    assert_eq!(c.secure(), Some(true), "Secure");
    assert_eq!(c.http_only(), Some(true), "HttpOnly");
    assert_eq!(format!("{:?}", c.same_site()), "Some(Strict)", "SameSite");
    assert_eq!(c.path(), Some("/"));
    c.value().to_owned()
}

/// Every page answered with the dashboard's headers, fetched with the browser's session.
async fn assert_headers(url: &str, cookie: &str, pages: &[String]) {
    let http = http_client();
    for page in pages {
        let r = http
            .get(format!("{url}{page}"))
            .header("cookie", format!("{COOKIE}={cookie}"))
            .send()
            .await
            .expect("get");
        assert_eq!(r.status(), StatusCode::OK, "{page}");
        let h = r.headers();
        let get = |n: &str| h.get(n).and_then(|v| v.to_str().ok()).unwrap_or_default();
        assert_eq!(get("cache-control"), "no-store", "{page}");
        assert!(
            get("content-security-policy").contains("script-src 'self'"),
            "{page}"
        );
        assert!(get("content-security-policy").contains("frame-ancestors 'none'"));
        assert_eq!(get("x-content-type-options"), "nosniff");
        assert_eq!(get("referrer-policy"), "no-referrer");
        let body = r.text().await.expect("body");
        assert!(!body.contains(VALUE), "{page} shows a value unasked");
        assert!(!body.contains("style=\""), "{page} has an inline style");
        assert!(!body.contains("<script>"), "{page} has an inline script");
    }
}

/// The form token of the page at `path`.
pub(crate) async fn form_token(url: &str, cookie: &str, path: &str) -> String {
    let body = http_client()
        .get(format!("{url}{path}"))
        .header("cookie", format!("{COOKIE}={cookie}"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    let at = body
        .find("name=\"form_token\" value=\"")
        .expect("a form token")
        + "name=\"form_token\" value=\"".len();
    body[at..at + 64].to_owned()
}

/// Posts a form as the browser would, with the session's cookie; the status.
async fn post(
    url: &str,
    cookie: &str,
    path: &str,
    form: &[(&str, &str)],
    site: &str,
) -> StatusCode {
    http_client()
        .post(format!("{url}{path}"))
        .header("cookie", format!("{COOKIE}={cookie}"))
        .header("sec-fetch-site", site)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(
            form_urlencoded::Serializer::new(String::new())
                .extend_pairs(form)
                .finish(),
        )
        .send()
        .await
        .expect("post")
        .status()
}

pub(crate) async fn audit(api: &Api) -> Vec<Value> {
    let r = api.call(Method::GET, "/v1/audit?limit=1000", None).await;
    r.json("audit")["events"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// Login, list, filter, a secret's page (masked, reveal, edit), create by paste with the
/// preview, delete with its confirmation, logout: everything a person does with secrets.
async fn secrets_scenario(server: &Server, test: &str) {
    let Some(b) = Browser::start(test).await else {
        return;
    };
    let url = server.url.clone();
    let api = server.api();
    let r = api
        .create(
            "main",
            json!({ "name": "db", "values": { "URL": VALUE, "USER": "app" } }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    for i in 0..55 {
        let name = format!("svc-{i:02}");
        api.create("main", json!({ "name": name, "values": { "K": "v" } }))
            .await;
    }
    let mut visited = Vec::new();

    // A wrong token is refused, and no cookie is set.
    login(&b, &url, "not-a-token").await;
    assert!(
        b.text().await.contains("not accepted"),
        "{}",
        b.text().await
    );
    assert!(b.client.get_named_cookie(COOKIE).await.is_err());
    b.screenshot("login").await;

    login(&b, &url, &server.token).await;
    assert!(b.url().await.ends_with("/ui/env/main"), "{}", b.url().await);
    let cookie = session_cookie(&b).await;
    let text = b.text().await;
    assert!(text.contains("db") && text.contains("svc-00"), "{text}");
    b.screenshot("list").await;
    visited.push(b.url().await);
    // Readable at a phone's width: nothing wider than the screen but the tables' own scrollers.
    b.client.set_window_size(390, 844).await.expect("resize");
    let overflow = b
        .client
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth",
            vec![],
        )
        .await
        .expect("measure");
    assert_eq!(
        overflow,
        Value::Bool(true),
        "the page is wider than a phone"
    );
    b.screenshot("phone").await;
    b.client.set_window_size(1200, 900).await.expect("resize");

    // Paged: 50 per page, then the rest; filtered by the start of a name.
    assert!(!text.contains("svc-54"));
    b.submit("a[rel=next]").await;
    assert!(b.text().await.contains("svc-54"));
    visited.push(b.url().await);
    b.goto(&format!("{url}/ui/env/main?q=svc-1")).await;
    let text = b.text().await;
    assert!(text.contains("svc-10") && text.contains("svc-19") && !text.contains("svc-20"));
    assert!(!text.contains("db"));

    // The secret's page: masked; a reveal shows it (and is audited), then masks it again.
    b.goto(&format!("{url}/ui/env/main/s/db?require=URL,PORT"))
        .await;
    let text = b.text().await;
    assert!(!text.contains(VALUE), "{text}");
    assert!(b.has("ul.missing").await && text.contains("PORT"));
    b.screenshot("secret").await;
    visited.push(b.url().await);
    b.submit("#reveal-all button").await;
    let source = b.source().await;
    assert!(source.contains(VALUE), "revealed");
    assert!(
        source.contains("http-equiv=\"refresh\""),
        "re-masked without script"
    );
    assert!(!b.client.title().await.expect("title").contains(VALUE));
    visited.push(b.url().await);
    b.screenshot("revealed").await;
    let reveals: Vec<Value> = audit(&api)
        .await
        .into_iter()
        .filter(|e| e["action"] == "secret.reveal" && e["target"] == "db")
        .collect();
    assert_eq!(reveals.len(), 1, "{reveals:?}");
    assert_eq!(reveals[0]["actor"], "admin");

    // Edit: a new value, a removed key, an added key, in one update.
    b.goto(&format!("{url}/ui/env/main/s/db")).await;
    b.fill("textarea[name='set:URL']", "postgres://new").await;
    b.click("input[name=unset][value=USER]").await;
    b.fill("input[name=new_key]", "PORT").await;
    b.fill("textarea[name=new_value]", "5432").await;
    b.submit("#edit button[type=submit]:not([form])").await;
    assert!(b.url().await.contains("done=saved"), "{}", b.url().await);
    visited.push(b.url().await);
    let shown = api.show("main", "db", "?reveal=true").await.json("show");
    assert_eq!(
        shown["values"],
        json!({ "URL": "postgres://new", "PORT": "5432" })
    );

    // Create from a pasted .env: the preview reads it as import-dotenv does.
    b.goto(&format!("{url}/ui/env/main/new")).await;
    visited.push(b.url().await);
    b.fill("#name-paste", "pasted").await;
    b.fill("#dotenv", "OK=1\nB='no end\n").await;
    b.submit("#by-paste button[value=preview]").await;
    let text = b.text().await;
    assert!(text.contains("cannot be read: line 2"), "{text}");
    assert_eq!(
        api.show("main", "pasted", "").await.status,
        StatusCode::NOT_FOUND
    );
    b.fill("#dotenv", "export A=1\nB=\"multi\nline\"\nA=2\nC=${A}-x\n")
        .await;
    b.submit("#by-paste button[value=preview]").await;
    let preview = b
        .client
        .find(fantoccini::Locator::Css("#preview"))
        .await
        .expect("preview");
    let text = preview.text().await.expect("text");
    assert!(text.contains("1, 4 (duplicate: the last wins)"), "{text}");
    assert!(text.contains("10 bytes"), "{text}");
    assert!(
        !text.contains("multi"),
        "no values in the preview unless asked: {text}"
    );
    b.screenshot("preview").await;
    b.submit("#by-paste button[value=save]").await;
    assert!(
        b.url().await.contains("/ui/env/main/s/pasted"),
        "{}",
        b.url().await
    );
    let shown = api
        .show("main", "pasted", "?reveal=true")
        .await
        .json("show");
    assert_eq!(
        shown["values"],
        json!({ "A": "2", "B": "multi\nline", "C": "2-x" })
    );

    // Delete asks for the name, and says when the secret was last revealed and by whom.
    b.goto(&format!("{url}/ui/env/main/s/db/delete")).await;
    let text = b.text().await;
    assert!(text.contains("by token admin"), "{text}");
    b.fill("#confirm", "wrong").await;
    b.submit("form.card button[type=submit]").await;
    assert!(b.text().await.contains("type the secret's name"));
    assert_eq!(api.show("main", "db", "").await.status, StatusCode::OK);
    b.fill("#confirm", "db").await;
    b.submit("form.card button[type=submit]").await;
    assert!(b.text().await.contains("was deleted"));
    assert_eq!(
        api.show("main", "db", "").await.status,
        StatusCode::NOT_FOUND
    );

    // Headers of every page; a cross-site POST is refused even with the session and token.
    let pages: Vec<String> = [
        "/ui/env/main",
        "/ui/env/main/s/pasted",
        "/ui/env/main/new",
        "/ui/env/main/s/pasted/delete",
        "/ui/compare?env=main",
        "/ui/sessions",
        "/ui/admin/tokens",
        "/ui/admin/audit",
        "/ui/admin/keys",
        "/ui/login",
    ]
    .map(str::to_owned)
    .to_vec();
    assert_headers(&url, &cookie, &pages).await;
    let token = form_token(&url, &cookie, "/ui/env/main/s/pasted").await;
    let form = [("form_token", token.as_str()), ("confirm", "pasted")];
    let path = "/ui/env/main/s/pasted/delete";
    assert_eq!(
        post(&url, &cookie, path, &form, "cross-site").await,
        StatusCode::FORBIDDEN
    );
    // Copy: the value as text for the script, audited as a reveal like any other.
    let reveals_of = |events: Vec<Value>| {
        events
            .into_iter()
            .filter(|e| e["action"] == "secret.reveal" && e["target"] == "pasted")
            .count()
    };
    let before = reveals_of(audit(&api).await);
    let form = [("form_token", token.as_str()), ("key", "A"), ("copy", "1")];
    let copy = "/ui/env/main/s/pasted/reveal";
    assert_eq!(
        post(&url, &cookie, copy, &form, "same-origin").await,
        StatusCode::OK
    );
    assert_eq!(reveals_of(audit(&api).await), before + 1);
    let bad = [("form_token", "0"), ("confirm", "pasted")];
    assert_eq!(
        post(&url, &cookie, path, &bad, "same-origin").await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(api.show("main", "pasted", "").await.status, StatusCode::OK);

    // No value in any URL the browser visited; the pages broke no CSP rule.
    for u in &visited {
        assert!(!u.contains(VALUE) && !u.contains("5432"), "{u}");
    }
    // A message of our own proves the console is read at all.
    b.client
        .execute("console.error('keep-probe')", vec![])
        .await
        .expect("probe");
    let console = b.console().await;
    assert!(
        console.iter().any(|m| m.contains("keep-probe")),
        "{console:?}"
    );
    let violations: Vec<&String> = console
        .iter()
        .filter(|m| m.contains("Content Security Policy") || m.contains("Refused to"))
        .collect();
    assert!(violations.is_empty(), "{violations:?}");

    // A form on another site posting here, in the browser: refused (403), and the session
    // lives on.
    let html = format!(
        "<form method=post action={url}/ui/logout><input name=form_token value=x>\
         <button id=go>go</button></form>"
    )
    .replace(' ', "%20");
    b.goto(&format!("data:text/html,{html}")).await;
    b.submit("#go").await;
    let status = b
        .client
        .execute(
            "return performance.getEntriesByType('navigation')[0].responseStatus",
            vec![],
        )
        .await
        .expect("status");
    assert_eq!(status, json!(403));
    b.goto(&format!("{url}/ui/env/main")).await;
    assert!(b.url().await.ends_with("/ui/env/main"), "still logged in");

    // Logout ends the session: the old cookie is worth nothing.
    b.submit("form[action='/ui/logout'] button").await;
    // The log has the dashboard's requests as the API's: logins (the failed one too), pages
    // read, reveals, writes and the logout, each by the session's token.
    let log: Vec<(String, String, String)> = audit(&api)
        .await
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap_or_default().to_owned();
            (s("action"), s("actor"), s("outcome"))
        })
        .collect();
    for want in [
        ("session.login", "", "unauthorized"),
        ("session.login", "admin", "ok"),
        ("secret.list", "admin", "ok"),
        ("secret.read", "admin", "ok"),
        ("secret.update", "admin", "ok"),
        ("secret.delete", "admin", "ok"),
        ("session.logout", "admin", "ok"),
    ] {
        let want = (want.0.to_owned(), want.1.to_owned(), want.2.to_owned());
        assert!(log.contains(&want), "{want:?} not in {log:?}");
    }
    assert!(b.url().await.ends_with("/ui/login"));
    let r = http_client()
        .get(format!("{url}/ui/env/main"))
        .header("cookie", format!("{COOKIE}={cookie}"))
        .send()
        .await
        .expect("get");
    assert_eq!(r.url().path(), "/ui/login");
    b.close().await;
}

#[test]
fn a_person_manages_secrets_in_the_browser_on_sqlite() {
    let server = Server::start();
    runtime().block_on(secrets_scenario(&server, "dashboard on SQLite"));
}

#[test]
fn a_person_manages_secrets_in_the_browser_on_postgres() {
    let Some(cluster) = pg::shared() else {
        pg::skipped("dashboard on PostgreSQL");
        return;
    };
    let url = cluster.database();
    let server = Server::start_in(
        tempfile::tempdir().expect("tempdir"),
        &[("KEEP_DATABASE_URL", &url)],
    );
    runtime().block_on(secrets_scenario(&server, "dashboard on PostgreSQL"));
}
