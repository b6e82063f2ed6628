//! A real `keep serve` against its document: every operation, with and without a token, with
//! tokens of every documented scope, with every body field and an unknown one, and with every
//! method a path does not list. Each answer must have a documented status and match the
//! documented schema, strictly (no undocumented field).

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use reqwest::header::{ALLOW, CONTENT_TYPE, HeaderMap};
use serde_json::{Value, json};

use super::{Operation, document, operations, resolve, validator};
use crate::support::Server;

/// A server that never rate-limits, since some tests fail authentication on purpose.
struct Live {
    server: Server,
    http: reqwest::Client,
    rt: tokio::runtime::Runtime,
    doc: Value,
}

#[derive(Debug)]
struct Reply {
    status: u16,
    headers: HeaderMap,
    text: String,
}

impl Live {
    fn start() -> Self {
        let server = Server::start_in(
            tempfile::tempdir().expect("tempdir"),
            &[("KEEP_AUTH_FAILURE_LIMIT", "0")],
        );
        assert!(!server.token.is_empty(), "the server wrote no admin token");
        // Fails only if a provider is already installed, which is just as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(30))
            .build()
            .expect("build an HTTP client");
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("build a tokio runtime");
        Self {
            server,
            http,
            rt,
            doc: document(),
        }
    }

    fn admin(&self) -> Option<&str> {
        Some(&self.server.token)
    }

    fn send(&self, method: &str, path: &str, token: Option<&str>, body: Option<&Value>) -> Reply {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.server.url));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        self.rt.block_on(async {
            let resp = req.send().await.expect("send the request");
            let status = resp.status().as_u16();
            let headers = resp.headers().clone();
            let text = resp.text().await.expect("read the body");
            Reply {
                status,
                headers,
                text,
            }
        })
    }

    /// `op` as its examples describe it: path, query parameters and body.
    fn send_example(&self, op: &Operation, token: Option<&str>) -> Reply {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for p in op.op["parameters"].as_array().into_iter().flatten() {
            let p = resolve(&self.doc, p);
            let name = p["name"].as_str().expect("name");
            let values = match &p["example"] {
                Value::Null => vec![],
                Value::Array(items) => items.iter().map(plain).collect(),
                v => vec![plain(v)],
            };
            for v in values {
                query.append_pair(name, &v);
            }
        }
        let query = query.finish();
        let path = if query.is_empty() {
            op.path.clone()
        } else {
            format!("{}?{query}", op.path)
        };
        let body = &op.op["requestBody"]["content"]["application/json"]["example"];
        self.send(&op.method, &path, token, (!body.is_null()).then_some(body))
    }

    /// Why `reply` is not an answer `op` documents, if it is not.
    fn problems(&self, op: &Operation, reply: &Reply) -> Vec<String> {
        let status = reply.status.to_string();
        let Some(response) = op.op["responses"].get(&status) else {
            return vec![format!("status {status} is not documented: {}", reply.text)];
        };
        let response = resolve(&self.doc, response);
        let mut problems = Vec::new();
        let content_type = reply
            .headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok());
        if content_type != Some("application/json") {
            problems.push(format!("content type {content_type:?}"));
        }
        for (name, header) in response["headers"].as_object().into_iter().flatten() {
            if header["required"] == true && !reply.headers.contains_key(name.as_str()) {
                problems.push(format!("no {name} header"));
            }
        }
        match serde_json::from_str::<Value>(&reply.text) {
            Err(e) => problems.push(format!("not JSON ({e}): {}", reply.text)),
            Ok(body) => {
                let schema = &response["content"]["application/json"]["schema"];
                problems.extend(validator(&self.doc, true).errors(schema, &body));
            }
        }
        problems
            .into_iter()
            .map(|p| format!("{status}: {p}"))
            .collect()
    }

    /// Checks that `reply` is documented for `op` and has `status`; collects what is wrong.
    fn expect(
        &self,
        what: &str,
        op: &Operation,
        reply: &Reply,
        status: &str,
        failures: &mut Vec<String>,
    ) {
        let mut problems = self.problems(op, reply);
        if !reply.status.to_string().starts_with(status) {
            problems.push(format!(
                "status {} (expected {status}): {}",
                reply.status, reply.text
            ));
        }
        failures.extend(
            problems
                .into_iter()
                .map(|p| format!("{} {what}: {p}", op.id())),
        );
    }

    /// Issues a token with the given scope (admin, `POST /v1/tokens`) and returns it.
    fn token(&self, body: Value) -> String {
        let reply = self.send("POST", "/v1/tokens", self.admin(), Some(&body));
        assert_eq!(reply.status, 201, "{}", reply.text);
        let issued: Value = serde_json::from_str(&reply.text).expect("JSON");
        issued["token"].as_str().expect("token").to_owned()
    }
}

/// A query parameter's example as it goes in a URL.
fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        v => v.to_string(),
    }
}

#[track_caller]
fn assert_none(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Writes first, then reads, then updates, renames and deletes, so that each example finds
/// what the ones before it made.
fn in_example_order(mut ops: Vec<Operation>) -> Vec<Operation> {
    let rank = |o: &Operation| {
        let m = if o.template.ends_with("/rename") {
            "RENAME"
        } else {
            o.method.as_str()
        };
        ["POST", "GET", "PATCH", "RENAME", "DELETE"]
            .iter()
            .position(|x| *x == m)
    };
    ops.sort_by_key(rank);
    ops
}

#[test]
fn every_operation_answers_its_example_with_a_documented_success() {
    let live = Live::start();
    let mut failures = Vec::new();
    for op in in_example_order(operations(&live.doc)) {
        let reply = live.send_example(&op, live.admin());
        live.expect("example", &op, &reply, "2", &mut failures);
        rename_back(&live, &op, &reply);
    }
    assert_none(&failures);
}

#[test]
fn every_operation_but_health_and_the_document_needs_a_token() {
    let live = Live::start();
    let wrong = format!("keep_{}", "0".repeat(43));
    let mut failures = Vec::new();
    for op in operations(&live.doc) {
        for (what, token) in [
            ("without a token", None),
            ("with an unknown token", Some(wrong.as_str())),
        ] {
            let reply = live.send_example(&op, token);
            let expected = if op.scope() == "none" { "2" } else { "401" };
            live.expect(what, &op, &reply, expected, &mut failures);
        }
    }
    assert_none(&failures);
}

#[test]
fn documented_scopes_are_enforced() {
    let live = Live::start();
    let elsewhere = live.token(json!({ "name": "elsewhere", "environments": ["other"] }));
    let reader = live.token(json!({ "name": "reader", "read_only": true }));
    let plain = live.token(json!({ "name": "plain" }));
    let mut failures = Vec::new();
    for op in operations(&live.doc) {
        let cases: Vec<(&str, &str, &str)> = match op.scope() {
            "read" => vec![("limited to another environment", elsewhere.as_str(), "403")],
            "write" => vec![
                ("limited to another environment", elsewhere.as_str(), "403"),
                ("read-only", reader.as_str(), "403"),
            ],
            "admin" => vec![("not admin", plain.as_str(), "403")],
            "any" => vec![
                ("not admin", plain.as_str(), "2"),
                ("limited", elsewhere.as_str(), "2"),
            ],
            _ => vec![],
        };
        for (what, token, status) in cases {
            let reply = live.send_example(&op, Some(token));
            live.expect(what, &op, &reply, status, &mut failures);
            if status == "403" && !reply.text.contains("\"forbidden\"") {
                failures.push(format!(
                    "{} {what}: not `forbidden`: {}",
                    op.id(),
                    reply.text
                ));
            }
        }
    }
    assert_none(&failures);
}

/// After a rename of `db` (an example), back to the name the examples after it use.
fn rename_back(live: &Live, op: &Operation, reply: &Reply) {
    if !op.template.ends_with("/rename") || reply.status != 200 {
        return;
    }
    let renamed: Value = serde_json::from_str(&reply.text).expect("JSON");
    let name = renamed["secret"]["name"].as_str().expect("name");
    let path = op.path.replace("/db/", &format!("/{name}/"));
    let back = live.send("POST", &path, live.admin(), Some(&json!({ "name": "db" })));
    assert_eq!(back.status, 200, "{}", back.text);
}

/// The current version of the secret at `path` (or the path of one of its actions), for an
/// `if_version` that matches.
fn current_version(live: &Live, path: &str) -> Value {
    let secret = path.trim_end_matches("/rollback");
    let reply = live.send("GET", secret, live.admin(), None);
    assert_eq!(reply.status, 200, "{secret}: {}", reply.text);
    let shown: Value = serde_json::from_str(&reply.text).expect("JSON");
    shown["version"].clone()
}

/// A value for a body property its operation's example leaves out.
fn value_for(property: &str) -> Value {
    match property {
        "on_conflict" => json!("allow_existing"),
        "admin" => json!(true),
        "expires_at" => json!("2100-01-01T00:00:00Z"),
        "force" => json!(true),
        other => panic!("no test value for the body property `{other}`: add one here"),
    }
}

#[test]
fn closed_bodies_take_every_documented_field_and_name_an_unknown_one() {
    let live = Live::start();
    let created = live.send(
        "POST",
        "/v1/environments/main/secrets",
        live.admin(),
        Some(&json!({ "name": "db", "values": { "DATABASE_URL": "x", "OLD_KEY": "y" } })),
    );
    assert_eq!(created.status, 201, "{}", created.text);
    let mut failures = Vec::new();
    let mut closed = 0;
    for op in operations(&live.doc) {
        let content = &op.op["requestBody"]["content"]["application/json"];
        let schema = resolve(&live.doc, &content["schema"]);
        if schema["additionalProperties"] != false {
            continue;
        }
        closed += 1;
        let example = content["example"].as_object().expect("an example object");
        let required: Vec<&str> = schema["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let properties = schema["properties"].as_object().expect("properties");
        for (i, property) in properties.keys().enumerate() {
            let mut body: serde_json::Map<String, Value> = example
                .iter()
                .filter(|(k, _)| required.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let value = if property == "if_version" {
                current_version(&live, &op.path)
            } else {
                example
                    .get(property)
                    .cloned()
                    .unwrap_or_else(|| value_for(property))
            };
            body.insert(property.clone(), value);
            // `if_version` is a condition on a change, and an update must change something.
            if property == "if_version" && op.template.ends_with("/secrets/{name}") {
                body.entry("unset").or_insert_with(|| json!(["ABSENT"]));
            }
            // A copy needs a name other than its source's, in the same environment.
            if op.template.ends_with("/copy") {
                body.entry("name")
                    .or_insert_with(|| example["name"].clone());
            }
            // Creates need a new name each time.
            if let Some(Value::String(name)) = body.get_mut("name") {
                name.push_str(&format!("-{i}"));
            }
            let reply = live.send(
                &op.method,
                &op.path,
                live.admin(),
                Some(&Value::Object(body)),
            );
            live.expect(
                &format!("with `{property}`"),
                &op,
                &reply,
                "2",
                &mut failures,
            );
            rename_back(&live, &op, &reply);
        }
        let mut body = example.clone();
        body.insert("no_such_field".into(), json!(1));
        let reply = live.send(
            &op.method,
            &op.path,
            live.admin(),
            Some(&Value::Object(body)),
        );
        live.expect("with an unknown field", &op, &reply, "422", &mut failures);
        if !reply.text.contains("no_such_field") {
            failures.push(format!(
                "{}: the refusal does not name the field: {}",
                op.id(),
                reply.text
            ));
        }
    }
    assert!(closed >= 3, "only {closed} closed request bodies");
    assert_none(&failures);
}

#[test]
fn methods_a_path_does_not_list_get_405_before_the_token_is_checked() {
    let live = Live::start();
    let ops = operations(&live.doc);
    let paths: BTreeSet<&str> = ops.iter().map(|o| o.path.as_str()).collect();
    let mut failures = Vec::new();
    for path in paths {
        let mut allowed: BTreeSet<&str> = ops
            .iter()
            .filter(|o| o.path == path)
            .map(|o| o.method.as_str())
            .collect();
        // HEAD is GET without a body (RFC 9110, 9.3.2), wherever GET is.
        if allowed.contains("GET") {
            allowed.insert("HEAD");
        }
        for method in [
            "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE",
        ] {
            if allowed.contains(method) {
                continue;
            }
            for token in [live.admin(), None] {
                let reply = live.send(method, path, token, None);
                let allow: BTreeSet<&str> = reply
                    .headers
                    .get(ALLOW)
                    .and_then(|v| v.to_str().ok())
                    .map(|v| v.split(',').map(str::trim).collect())
                    .unwrap_or_default();
                let code_ok = method == "HEAD" || reply.text.contains("\"method_not_allowed\"");
                if reply.status != 405 || allow != allowed || !code_ok {
                    failures.push(format!(
                        "{method} {path} (token: {}): {} allow={allow:?} {}",
                        token.is_some(),
                        reply.status,
                        reply.text
                    ));
                }
            }
        }
    }
    assert_none(&failures);
}

#[test]
fn the_server_serves_the_committed_openapi_json() {
    let live = Live::start();
    let reply = live.send("GET", "/v1/openapi.json", None, None);
    assert_eq!(reply.status, 200, "{}", reply.text);
    let content_type = reply
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    assert_eq!(content_type, Some("application/json"));
    let committed =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi.json"))
            .expect("read openapi.json");
    assert!(
        reply.text == committed,
        "GET /v1/openapi.json differs from openapi.json"
    );
}
