//! The HTTP API of `keep serve`, spoken to directly, one topic a module; here the fixtures
//! they share: a server of one's own, the documented error shape, and tables of requests
//! that must be refused.

mod auth;
mod bodies;
mod connections;
mod leaks;
mod round_trips;
mod routes;

use reqwest::header::CONTENT_TYPE;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Api, Reply, Server, send};

const SECRETS: &str = "/v1/environments/main/secrets";

/// Why `reply` is not the documented error `{"error": {"code", "message"}}` with `status` and
/// `code`, if it is not.
fn error_problem(reply: &Reply, status: StatusCode, code: &str) -> Option<String> {
    if reply.status != status {
        return Some(format!("status {} (expected {status})", reply.status));
    }
    if !reply
        .content_type
        .as_deref()
        .is_some_and(|t| t.starts_with("application/json"))
    {
        return Some(format!("content type {:?}", reply.content_type));
    }
    let Ok(body) = serde_json::from_str::<Value>(&reply.text) else {
        return Some("body is not JSON".into());
    };
    let Some(top) = body.as_object() else {
        return Some("body is not an object".into());
    };
    if top.len() != 1 {
        return Some("body has fields besides `error`".into());
    }
    let Some(error) = body["error"].as_object() else {
        return Some("`error` is not an object".into());
    };
    // `hint` is optional: present when there is an obvious next step.
    if error.get("hint").is_some_and(|h| !h.is_string()) {
        return Some("`hint` is not a string".into());
    }
    let mut fields: Vec<&str> = error
        .keys()
        .map(String::as_str)
        .filter(|f| *f != "hint")
        .collect();
    fields.sort_unstable();
    let expected_fields: &[&str] = if code == "missing_keys" {
        &["code", "keys", "message"]
    } else {
        &["code", "message"]
    };
    if fields != expected_fields {
        return Some(format!("`error` has fields {fields:?}"));
    }
    if error["code"] != code {
        return Some(format!("code {} (expected {code:?})", error["code"]));
    }
    if error["message"].as_str().is_none_or(str::is_empty) {
        return Some("`message` is not a non-empty string".into());
    }
    None
}

#[track_caller]
fn assert_error(what: &str, reply: &Reply, status: StatusCode, code: &str) {
    if let Some(problem) = error_problem(reply, status, code) {
        panic!("{what}: {problem}: {reply:?}");
    }
}

/// A server of its own, and the admin's client for it.
fn start() -> (Server, Api) {
    start_in(&[])
}

/// A server that never rate-limits failed authentications: for tests that fail on purpose.
fn unlimited() -> (Server, Api) {
    start_in(&[("KEEP_AUTH_FAILURE_LIMIT", "0")])
}

fn start_in(env: &[(&str, &str)]) -> (Server, Api) {
    let server = Server::start_in(tempfile::tempdir().expect("tempdir"), env);
    assert!(!server.token.is_empty(), "the server wrote no admin token");
    let api = server.api();
    (server, api)
}

/// `{"name": name, "values": {"K": v, ..}}` from pairs.
fn body(name: &str, pairs: &[(&str, &str)]) -> Value {
    let values: serde_json::Map<String, Value> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), json!(v)))
        .collect();
    json!({ "name": name, "values": values })
}

fn as_str<'a>(v: &'a Value, what: &str) -> &'a str {
    v.as_str()
        .unwrap_or_else(|| panic!("{what}: expected a string, got {v}"))
}

fn timestamp(v: &Value, what: &str) -> jiff::Timestamp {
    as_str(v, what)
        .parse()
        .unwrap_or_else(|e| panic!("{what}: not a timestamp ({e}): {v}"))
}

/// One request that must be refused with `status` and `code`.
struct Case {
    what: String,
    method: Method,
    path: String,
    content_type: Option<&'static str>,
    body: Option<Vec<u8>>,
    status: StatusCode,
    code: &'static str,
}

impl Case {
    fn get(path: impl Into<String>, status: StatusCode, code: &'static str) -> Self {
        let path = path.into();
        Self {
            what: format!("GET {path}"),
            method: Method::GET,
            path,
            content_type: None,
            body: None,
            status,
            code,
        }
    }

    fn method(method: Method, path: &str, status: StatusCode, code: &'static str) -> Self {
        Self {
            what: format!("{method} {path}"),
            method,
            path: path.to_owned(),
            content_type: None,
            body: None,
            status,
            code,
        }
    }

    /// A JSON `POST` to the create endpoint of `main`.
    fn create(
        what: &str,
        body: impl Into<Vec<u8>>,
        status: StatusCode,
        code: &'static str,
    ) -> Self {
        Self {
            what: format!("create: {what}"),
            method: Method::POST,
            path: SECRETS.to_owned(),
            content_type: Some("application/json"),
            body: Some(body.into()),
            status,
            code,
        }
    }

    async fn run(&self, api: &Api) -> Reply {
        let mut req = api.req(self.method.clone(), &self.path);
        if let Some(t) = self.content_type {
            req = req.header(CONTENT_TYPE, t);
        }
        if let Some(b) = &self.body {
            req = req.body(b.clone());
        }
        send(req).await
    }
}

fn json_bytes(v: &Value) -> Vec<u8> {
    serde_json::to_vec(v).expect("serialize JSON")
}

/// Runs every case and fails once, listing every case that went wrong.
async fn run_cases(api: &Api, cases: &[Case]) {
    let mut failures = Vec::new();
    for case in cases {
        let reply = case.run(api).await;
        if reply.status.is_server_error() {
            failures.push(format!("{}: server error {reply:?}", case.what));
        } else if let Some(problem) = error_problem(&reply, case.status, case.code) {
            let mut text = reply.text.clone();
            text.truncate(300);
            failures.push(format!(
                "{}: {problem}; got {} {text}",
                case.what, reply.status
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
