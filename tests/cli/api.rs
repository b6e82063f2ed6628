//! The HTTP API of `keep serve`, spoken to directly: authentication, hostile and malformed
//! requests, values kept out of error messages, round trips, pagination and racing creates.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::Duration;

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use reqwest::{Method, RequestBuilder, StatusCode};
use serde_json::{Value, json};

use crate::support::{Api, Reply, Server, read_reply, runtime, send};

const SECRETS: &str = "/v1/environments/main/secrets";
/// Appears in secret values only; no response may ever contain it unless values were revealed.
const MARKER: &str = "SENTINEL-4f9c2b7e";

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
pub(crate) fn assert_error(what: &str, reply: &Reply, status: StatusCode, code: &str) {
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

/// A fresh TCP connection to the server, whose reads give up after `read_timeout`.
fn connect(api: &Api, read_timeout: Duration) -> TcpStream {
    let addr = api
        .url
        .strip_prefix("http://")
        .expect("the server URL is plain http");
    let stream = TcpStream::connect(addr).expect("connect to the server");
    stream
        .set_read_timeout(Some(read_timeout))
        .expect("set a read timeout");
    stream
}

/// Writes `bytes` on a fresh connection and reads whatever comes back until the server
/// hangs up. With `half_close`, our side is shut for writing first, for input the server
/// would otherwise wait on; the server may then drop the connection without answering.
fn raw(api: &Api, bytes: &[u8], half_close: bool) -> Vec<u8> {
    let mut stream = connect(api, Duration::from_secs(10));
    // The server may hang up before reading everything: that is fine.
    let _ = stream.write_all(bytes);
    if half_close {
        let _ = stream.shutdown(Shutdown::Write);
    }
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out);
    out
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

// ---------------------------------------------------------------------------------------------
// 1. Authentication
// ---------------------------------------------------------------------------------------------

#[test]
fn every_endpoint_but_health_requires_a_valid_bearer_token() {
    let (server, api) = unlimited();
    runtime().block_on(async {
        let health = api.health().await;
        assert_eq!(health.status, StatusCode::OK, "{health:?}");
        assert_eq!(health.json("health"), json!({ "status": "ok" }));

        let created = api.create("main", body("kept", &[("K", "v")])).await;
        assert_eq!(created.status, StatusCode::CREATED, "{created:?}");

        let token = server.token.clone();
        let changed = {
            let (head, last) = token.split_at(token.len() - 1);
            format!("{head}{}", if last == "x" { "y" } else { "x" })
        };
        let non_ascii = |prefix: &[u8], suffix: &[u8]| {
            let mut bytes = prefix.to_vec();
            bytes.extend_from_slice(suffix);
            HeaderValue::from_bytes(&bytes).expect("header value with obs-text")
        };
        let headers: Vec<(&str, Option<HeaderValue>)> = vec![
            ("no header", None),
            (
                "wrong token",
                Some(HeaderValue::from_static("Bearer not-the-token")),
            ),
            (
                "token with one character changed",
                Some(HeaderValue::from_str(&format!("Bearer {changed}")).expect("header")),
            ),
            (
                "token with a suffix",
                Some(HeaderValue::from_str(&format!("Bearer {token}x")).expect("header")),
            ),
            (
                "token and another word",
                Some(HeaderValue::from_str(&format!("Bearer {token} extra")).expect("header")),
            ),
            ("Basic", Some(HeaderValue::from_static("Basic xyz"))),
            (
                "Basic with the token",
                Some(HeaderValue::from_str(&format!("Basic {token}")).expect("header")),
            ),
            (
                "the bare token",
                Some(HeaderValue::from_str(&token).expect("header")),
            ),
            ("Bearer alone", Some(HeaderValue::from_static("Bearer"))),
            (
                "Bearer and a space",
                Some(HeaderValue::from_static("Bearer ")),
            ),
            ("empty header", Some(HeaderValue::from_static(""))),
            (
                "Bearer and spaces",
                Some(HeaderValue::from_static("Bearer     ")),
            ),
            (
                "non-ASCII token",
                Some(non_ascii(b"Bearer ", "t\u{f6}ken\u{2603}".as_bytes())),
            ),
            (
                "the token followed by non-UTF-8 bytes",
                Some(non_ascii(format!("Bearer {token}").as_bytes(), b"\xff\xfe")),
            ),
            (
                "non-UTF-8 bytes only",
                Some(non_ascii(b"\x80\x81", b"\xff")),
            ),
        ];
        let endpoints = [
            (Method::GET, SECRETS.to_owned()),
            (Method::POST, SECRETS.to_owned()),
            (Method::GET, format!("{SECRETS}/kept")),
            (Method::GET, format!("{SECRETS}/kept?reveal=true")),
            (Method::DELETE, format!("{SECRETS}/kept")),
            (Method::GET, "/v1/environments/other/secrets".to_owned()),
        ];
        for (label, header) in &headers {
            for (method, path) in &endpoints {
                let mut req = api.anon(method.clone(), path);
                if let Some(h) = header {
                    req = req.header(AUTHORIZATION, h.clone());
                }
                if *method == Method::POST {
                    req = req.json(&body("unauth", &[("K", "v")]));
                }
                let reply = send(req).await;
                assert_error(
                    &format!("{method} {path} with {label}"),
                    &reply,
                    StatusCode::UNAUTHORIZED,
                    "unauthorized",
                );
                assert!(
                    !reply.text.contains(&token),
                    "a 401 echoed the token: {reply:?}"
                );
            }
        }

        // Nothing above changed anything, and the real token works on every endpoint.
        let list = send(api.req(Method::GET, SECRETS)).await;
        assert_eq!(list.status, StatusCode::OK, "{list:?}");
        let listed = list.json("list");
        let names: Vec<&str> = listed["secrets"]
            .as_array()
            .expect("secrets array")
            .iter()
            .map(|s| as_str(&s["name"], "name"))
            .collect();
        assert_eq!(names, ["kept"], "{list:?}");
        let shown = api.show("main", "kept", "").await;
        assert_eq!(shown.status, StatusCode::OK, "{shown:?}");
        assert!(
            shown.json("show")["last_used_at"].is_null(),
            "an unauthorized reveal counted as a use: {shown:?}"
        );
        let deleted = api.delete("main", "kept").await;
        assert_eq!(deleted.status, StatusCode::OK, "{deleted:?}");

        // Health needs no token, and a bad one does not break it.
        let health = send(
            api.anon(Method::GET, "/v1/health")
                .header(AUTHORIZATION, "Bearer wrong"),
        )
        .await;
        assert_eq!(health.status, StatusCode::OK, "{health:?}");
    });
}

// ---------------------------------------------------------------------------------------------
// 2. Hostile and malformed requests
// ---------------------------------------------------------------------------------------------

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

fn malformed_create_cases() -> Vec<Case> {
    const BAD: StatusCode = StatusCode::BAD_REQUEST;
    const UNPROCESSABLE: StatusCode = StatusCode::UNPROCESSABLE_ENTITY;
    const INVALID: &str = "invalid_input";
    let ok_values = json!({ "K": "v" });
    let mut cases = vec![
        // Not JSON at all.
        Case::create("truncated JSON", r#"{"name":"#, BAD, INVALID),
        Case::create("empty body", "", BAD, INVALID),
        Case::create(
            "trailing garbage",
            r#"{"name":"a","values":{"K":"v"}}}"#,
            BAD,
            INVALID,
        ),
        Case::create("single quotes", "{'name':'a'}", BAD, INVALID),
        Case::create(
            "invalid UTF-8",
            b"{\"name\":\"a\xff\"}".to_vec(),
            BAD,
            INVALID,
        ),
        Case::create(
            "lone surrogate",
            r#"{"name":"\ud800","values":{"K":"v"}}"#,
            BAD,
            INVALID,
        ),
        Case::create(
            "raw control character",
            "{\"name\":\"a\u{1}\"}",
            BAD,
            INVALID,
        ),
        Case::create("invalid escape", r#"{"name":"a\q"}"#, BAD, INVALID),
        Case::create("NaN", r#"{"name":"a","values":{"K":NaN}}"#, BAD, INVALID),
        // JSON of the wrong type.
        Case::create("empty array", "[]", UNPROCESSABLE, INVALID),
        Case::create("string", r#""a string""#, UNPROCESSABLE, INVALID),
        Case::create("number", "42", UNPROCESSABLE, INVALID),
        Case::create("null", "null", UNPROCESSABLE, INVALID),
        Case::create("boolean", "true", UNPROCESSABLE, INVALID),
        Case::create("empty object", "{}", UNPROCESSABLE, INVALID),
        // Fields of the wrong type.
        Case::create(
            "values as a string",
            json_bytes(&json!({ "name": "a", "values": "K=v" })),
            UNPROCESSABLE,
            INVALID,
        ),
        Case::create(
            "values as an array",
            json_bytes(&json!({ "name": "a", "values": [["K", "v"]] })),
            UNPROCESSABLE,
            INVALID,
        ),
        Case::create(
            "values as null",
            json_bytes(&json!({ "name": "a", "values": null })),
            UNPROCESSABLE,
            INVALID,
        ),
        Case::create(
            "a number value",
            json_bytes(&json!({ "name": "a", "values": { "K": 5 } })),
            UNPROCESSABLE,
            INVALID,
        ),
        Case::create(
            "a float value",
            json_bytes(&json!({ "name": "a", "values": { "K": 1.5 } })),
            UNPROCESSABLE,
            INVALID,
        ),
        Case::create(
            "a boolean value",
            json_bytes(&json!({ "name": "a", "values": { "K": true } })),
            UNPROCESSABLE,
            INVALID,
        ),
        Case::create(
            "a null value",
            json_bytes(&json!({ "name": "a", "values": { "K": null } })),
            UNPROCESSABLE,
            INVALID,
        ),
        Case::create(
            "a nested object value",
            json_bytes(&json!({ "name": "a", "values": { "K": { "X": "v" } } })),
            UNPROCESSABLE,
            INVALID,
        ),
        Case::create(
            "an array value",
            json_bytes(&json!({ "name": "a", "values": { "K": ["v"] } })),
            UNPROCESSABLE,
            INVALID,
        ),
        Case::create(
            "a deeply nested value",
            format!(
                r#"{{"name":"a","values":{{"K":{}{}}}}}"#,
                "[".repeat(10_000),
                "]".repeat(10_000)
            ),
            UNPROCESSABLE,
            INVALID,
        ),
        Case::create(
            "deeply nested at the top",
            format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
            UNPROCESSABLE,
            INVALID,
        ),
        Case::create(
            "name as a number",
            json_bytes(&json!({ "name": 123, "values": ok_values })),
            UNPROCESSABLE,
            INVALID,
        ),
        Case::create(
            "name as null",
            json_bytes(&json!({ "name": null, "values": ok_values })),
            UNPROCESSABLE,
            INVALID,
        ),
        Case::create(
            "name as an object",
            json_bytes(&json!({ "name": { "a": 1 }, "values": ok_values })),
            UNPROCESSABLE,
            INVALID,
        ),
        // Missing, unknown and duplicated fields.
        Case::create(
            "an unknown field",
            json_bytes(&json!({ "name": "a", "values": ok_values, "extra": 1 })),
            UNPROCESSABLE,
            INVALID,
        ),
        Case::create(
            "`environment` in the body",
            json_bytes(&json!({ "name": "a", "values": ok_values, "environment": "prod" })),
            UNPROCESSABLE,
            INVALID,
        ),
        Case::create(
            "a field name in another case",
            json_bytes(&json!({ "Name": "a", "values": ok_values })),
            UNPROCESSABLE,
            INVALID,
        ),
        Case::create(
            "missing name",
            json_bytes(&json!({ "values": ok_values })),
            UNPROCESSABLE,
            INVALID,
        ),
        Case::create(
            "missing values",
            json_bytes(&json!({ "name": "a" })),
            UNPROCESSABLE,
            INVALID,
        ),
        Case::create(
            "a duplicated field",
            r#"{"name":"a","values":{"K":"v"},"name":"b"}"#,
            UNPROCESSABLE,
            INVALID,
        ),
        // Bad `on_conflict`.
        Case::create(
            "unknown on_conflict",
            json_bytes(&json!({ "name": "a", "values": ok_values, "on_conflict": "maybe" })),
            UNPROCESSABLE,
            INVALID,
        ),
        Case::create(
            "on_conflict in upper case",
            json_bytes(&json!({ "name": "a", "values": ok_values, "on_conflict": "FORCE" })),
            UNPROCESSABLE,
            INVALID,
        ),
        Case::create(
            "on_conflict as a number",
            // serde_json reports a non-string enum as a syntax error, hence 400.
            json_bytes(&json!({ "name": "a", "values": ok_values, "on_conflict": 1 })),
            BAD,
            INVALID,
        ),
        Case::create(
            "on_conflict as null",
            // serde_json reports a non-string enum as a syntax error, hence 400.
            json_bytes(&json!({ "name": "a", "values": ok_values, "on_conflict": null })),
            BAD,
            INVALID,
        ),
        // Valid JSON that fails validation.
        Case::create(
            "empty values",
            json_bytes(&json!({ "name": "a", "values": {} })),
            BAD,
            INVALID,
        ),
        Case::create(
            "a key with `=`",
            json_bytes(&body("a", &[("A=B", "v")])),
            BAD,
            INVALID,
        ),
        Case::create(
            "an empty key",
            json_bytes(&body("a", &[("", "v")])),
            BAD,
            INVALID,
        ),
        Case::create(
            "a 257-byte key",
            json_bytes(&body("a", &[(&"K".repeat(257), "v")])),
            BAD,
            INVALID,
        ),
        Case::create(
            "a 257-byte key of multi-byte characters",
            json_bytes(&body("a", &[(&format!("{}K", "\u{e9}".repeat(128)), "v")])),
            BAD,
            INVALID,
        ),
        Case::create(
            "NUL in a key",
            r#"{"name":"a","values":{"A\u0000B":"v"}}"#,
            BAD,
            INVALID,
        ),
        Case::create(
            "NUL in a value",
            r#"{"name":"a","values":{"K":"a\u0000b"}}"#,
            BAD,
            INVALID,
        ),
        Case::create(
            "a value of 64 KiB + 1",
            json_bytes(&body("a", &[("K", &"v".repeat(64 * 1024 + 1))])),
            BAD,
            INVALID,
        ),
        Case::create(
            "a value of 64 KiB + 1 in escaped form",
            format!(
                r#"{{"name":"a","values":{{"K":"{}"}}}}"#,
                r"\u0041".repeat(64 * 1024 + 1)
            ),
            BAD,
            INVALID,
        ),
        Case::create(
            "more than 1 MiB in total",
            {
                let big = "v".repeat(64 * 1024);
                let keys: Vec<String> = (0..17).map(|i| format!("K{i:02}")).collect();
                let pairs: Vec<(&str, &str)> =
                    keys.iter().map(|k| (k.as_str(), big.as_str())).collect();
                json_bytes(&body("a", &pairs))
            },
            BAD,
            INVALID,
        ),
        Case::create(
            "a body over 8 MiB",
            // One byte over, so that the server has read (almost) everything when it answers.
            {
                let (head, tail) = (r#"{"name":"a","values":{"K":""#, r#""}}"#);
                let fill = 8 * 1024 * 1024 + 1 - head.len() - tail.len();
                format!("{head}{}{tail}", "v".repeat(fill))
            },
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
        ),
    ];
    for name in [
        "a b".to_owned(),
        "x".repeat(64),
        String::new(),
        "st-abc123".to_owned(),
        "st-X".to_owned(),
        "caf\u{e9}".to_owned(),
        "\u{1f511}".to_owned(),
        "a/b".to_owned(),
        "a%2Fb".to_owned(),
        "../etc".to_owned(),
        "a\\b".to_owned(),
        "a\0b".to_owned(),
        "a\nb".to_owned(),
        " a".to_owned(),
    ] {
        cases.push(Case::create(
            &format!("invalid name {name:?}"),
            json_bytes(&body(&name, &[("K", "v")])),
            BAD,
            INVALID,
        ));
    }
    // Content types.
    let valid = json_bytes(&body("a", &[("K", "v")]));
    for (what, content_type) in [
        ("text/plain", Some("text/plain")),
        ("form", Some("application/x-www-form-urlencoded")),
        ("no content type", None),
        ("garbage content type", Some("json; ;=;")),
    ] {
        cases.push(Case {
            what: format!("create with {what}"),
            content_type,
            ..Case::create(
                "",
                valid.clone(),
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
            )
        });
    }
    cases
}

fn malformed_path_and_query_cases() -> Vec<Case> {
    const BAD: StatusCode = StatusCode::BAD_REQUEST;
    const INVALID: &str = "invalid_input";
    let mut cases = vec![
        // Query parameters of the list.
        // (Parameters that fail to deserialize are in `query_and_path_rejections_are_json`.)
        Case::get(format!("{SECRETS}?cursor=garbage"), BAD, INVALID),
        Case::get(format!("{SECRETS}?cursor="), BAD, INVALID),
        Case::get(format!("{SECRETS}?cursor=abc.st-x"), BAD, INVALID),
        Case::get(format!("{SECRETS}?cursor=1.not-an-id"), BAD, INVALID),
        Case::get(
            format!("{SECRETS}?cursor=99999999999999999999999.st-abc"),
            BAD,
            INVALID,
        ),
        // Query parameters of show (checked before the secret is looked up).
        Case::get(format!("{SECRETS}/nosuch?unknown=1"), BAD, INVALID),
        Case::get(format!("{SECRETS}/nosuch?reveal=maybe"), BAD, INVALID),
        Case::get(format!("{SECRETS}/nosuch?reveal="), BAD, INVALID),
        Case::get(format!("{SECRETS}/nosuch?reveal=TRUE"), BAD, INVALID),
        Case::get(format!("{SECRETS}/nosuch?limit=10"), BAD, INVALID),
        // Unknown routes.
        Case::get("/", StatusCode::NOT_FOUND, "no_such_endpoint"),
        Case::get("/v1", StatusCode::NOT_FOUND, "no_such_endpoint"),
        Case::get("/v2/health", StatusCode::NOT_FOUND, "no_such_endpoint"),
        Case::get(
            "/v1/health/extra",
            StatusCode::NOT_FOUND,
            "no_such_endpoint",
        ),
        Case::get("/v1/environment", StatusCode::NOT_FOUND, "no_such_endpoint"),
        Case::get(
            "/v1/environments/main",
            StatusCode::NOT_FOUND,
            "no_such_endpoint",
        ),
        Case::get(
            format!("{SECRETS}/a/b"),
            StatusCode::NOT_FOUND,
            "no_such_endpoint",
        ),
        Case::get(
            format!("{SECRETS}/a/values"),
            StatusCode::NOT_FOUND,
            "no_such_endpoint",
        ),
        Case::get("/V1/HEALTH", StatusCode::NOT_FOUND, "no_such_endpoint"),
        // Wrong methods.
        Case::method(
            Method::POST,
            "/v1/health",
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
        Case::method(
            Method::DELETE,
            "/v1/health",
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
        Case::method(
            Method::PUT,
            SECRETS,
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
        Case::method(
            Method::DELETE,
            SECRETS,
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
        Case::method(
            Method::PATCH,
            SECRETS,
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
        Case::method(
            Method::POST,
            &format!("{SECRETS}/a"),
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
        Case::method(
            Method::PUT,
            &format!("{SECRETS}/a"),
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
        Case::method(
            Method::from_bytes(b"BREW").expect("method"),
            &format!("{SECRETS}/a"),
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
        // A long path: the segment is read and refused as a name.
        Case::get(
            format!("/v1/environments/{}/secrets", "e".repeat(8 * 1024)),
            BAD,
            INVALID,
        ),
        Case::get(format!("{SECRETS}/{}", "n".repeat(8 * 1024)), BAD, INVALID),
    ];
    let bad_segments = [
        "a%20b".to_owned(),
        "x".repeat(64),
        "st-abc123".to_owned(),
        "caf%C3%A9".to_owned(),
        "a%2Fb".to_owned(),
        "a%5Cb".to_owned(),
        "a%00b".to_owned(),
        "a%".to_owned(),
    ];
    for seg in &bad_segments {
        for method in [Method::GET, Method::POST] {
            let path = format!("/v1/environments/{seg}/secrets");
            let mut case = Case::method(method.clone(), &path, BAD, INVALID);
            if method == Method::POST {
                case.content_type = Some("application/json");
                case.body = Some(json_bytes(&body("a", &[("K", "v")])));
            }
            cases.push(case);
        }
        for method in [Method::GET, Method::DELETE] {
            cases.push(Case::method(
                method.clone(),
                &format!("/v1/environments/{seg}/secrets/a"),
                BAD,
                INVALID,
            ));
            cases.push(Case::method(
                method,
                &format!("{SECRETS}/{seg}"),
                BAD,
                INVALID,
            ));
        }
    }
    cases
}

#[test]
fn malformed_create_bodies_get_json_client_errors() {
    let (_server, api) = start();
    runtime().block_on(async {
        run_cases(&api, &malformed_create_cases()).await;
        // None of them stored anything.
        let list = send(api.req(Method::GET, SECRETS)).await;
        assert_eq!(list.status, StatusCode::OK, "{list:?}");
        assert_eq!(list.json("list")["secrets"], json!([]), "{list:?}");
        // The limits are inclusive: the largest valid key, value and secret are accepted.
        let big = "v".repeat(64 * 1024);
        let keys: Vec<String> = (0..15).map(|i| format!("K{i:02}")).collect();
        let mut pairs: Vec<(&str, &str)> =
            keys.iter().map(|k| (k.as_str(), big.as_str())).collect();
        let long_key = "K".repeat(256);
        pairs.push((&long_key, "v"));
        let name = "n".repeat(63);
        let reply = api.create("main", body(&name, &pairs)).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
        let reply = send(
            api.req(Method::POST, SECRETS)
                .header(CONTENT_TYPE, "application/json; charset=utf-8")
                .body(json_bytes(&body("charset", &[("K", "v")]))),
        )
        .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
        assert_eq!(api.health().await.status, StatusCode::OK);
    });
}

#[test]
fn malformed_paths_queries_routes_and_methods_get_json_client_errors() {
    let (_server, api) = start();
    runtime().block_on(async {
        run_cases(&api, &malformed_path_and_query_cases()).await;
        // The well-formed forms of the same requests work.
        for path in [
            format!("{SECRETS}?limit=0"),
            format!("{SECRETS}?limit=5000"),
            format!("{SECRETS}?created_before=2024-01-01T00:00:00Z"),
            format!("{SECRETS}?limit=3&created_before=2024-01-01T00:00:00%2B02:00"),
        ] {
            let reply = send(api.req(Method::GET, &path)).await;
            assert_eq!(reply.status, StatusCode::OK, "GET {path}: {reply:?}");
        }
        let reply = api.show("main", "nosuch", "?reveal=1&require=A").await;
        assert_error(
            "show of a missing secret",
            &reply,
            StatusCode::NOT_FOUND,
            "not_found",
        );
        let reply = api.delete("main", "nosuch").await;
        assert_error(
            "delete of a missing secret",
            &reply,
            StatusCode::NOT_FOUND,
            "not_found",
        );
    });
}

#[test]
fn raw_garbage_over_tcp_does_not_take_the_server_down() {
    let (server, api) = start();
    let token = server.token.clone();
    let garbage: Vec<Vec<u8>> = vec![
        (0..=255u8).collect(),
        (0..=255u8).rev().cycle().take(64 * 1024).collect(),
        b"\r\n\r\n\r\n\r\n".to_vec(),
        b"GET\r\n\r\n".to_vec(),
        b"GET / HTTP/9.9\r\n\r\n".to_vec(),
        b"GET /v1/health HTTP/1.1\r\nno colon here\r\n\r\n".to_vec(),
        b"GET /v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n".to_vec(),
        b"GET /v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n".to_vec(),
        b"POST /v1/environments/main/secrets HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!".to_vec(),
        b"POST /v1/environments/main/secrets HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nxx\r\n".to_vec(),
        b"POST /v1/environments/main/secrets HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"na".to_vec(),
        format!("POST /v1/environments/main/secrets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{\"na").into_bytes(),
        format!("POST /v1/environments/main/secrets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n{{").into_bytes(),
        // A TLS ClientHello on the plain-HTTP port.
        vec![0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03],
        // An HTTP/2 preface without the rest of the handshake.
        b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x00\x04\x00\x00\x00\x00\x00".to_vec(),
    ];
    for bytes in &garbage {
        let reply = raw(&api, bytes, true);
        assert!(
            !reply.starts_with(b"HTTP/1.1 5"),
            "garbage {:?}... got a server error: {}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(60)]),
            String::from_utf8_lossy(&reply)
        );
    }

    // Requests over the HTTP parser's limits are refused by it, before routing: the status is
    // right, but the body is empty rather than a JSON error.
    let over_limits: Vec<(Vec<u8>, u16)> = vec![
        (
            format!("GET /{} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "a".repeat(70_000))
                .into_bytes(),
            414,
        ),
        (
            format!(
                "GET /v1/environments/{}/secrets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n",
                "e".repeat(200_000)
            )
            .into_bytes(),
            414,
        ),
        (
            format!(
                "GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
                "b".repeat(1 << 20)
            )
            .into_bytes(),
            431,
        ),
        (
            format!(
                "GET /v1/health HTTP/1.1\r\nHost: x\r\n{}Connection: close\r\n\r\n",
                "X-H: 1\r\n".repeat(1_000)
            )
            .into_bytes(),
            431,
        ),
    ];
    for (bytes, status) in &over_limits {
        let reply = String::from_utf8_lossy(&raw(&api, bytes, false)).into_owned();
        assert!(
            reply.starts_with(&format!("HTTP/1.1 {status} ")),
            "{:?}...: {reply}",
            String::from_utf8_lossy(&bytes[..60])
        );
    }

    // Well-formed HTTP with hostile contents: a JSON error from the application.
    let authed = |line: &str, extra: &str, body: &[u8]| {
        let mut req = format!(
            "{line} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n{extra}\r\n"
        )
        .into_bytes();
        req.extend_from_slice(body);
        req
    };
    let json_errors: Vec<(Vec<u8>, u16, &str)> = vec![
        (
            authed("GET /v1/environments/main/secrets/%ZZ", "", b""),
            400,
            "invalid_input",
        ),
        (
            authed("GET /v1/environments/main/secrets/a%2F..%2F..%2Fb", "", b""),
            400,
            "invalid_input",
        ),
        (
            authed("GET /v1/environments/main/secrets/nosuch?reveal=%ZZ", "", b""),
            400,
            "invalid_input",
        ),
        (
            authed(
                "POST /v1/environments/main/secrets",
                "Content-Type: application/json\r\nContent-Length: 3\r\n",
                b"\xff\xfe\x00",
            ),
            400,
            "invalid_input",
        ),
        (
            authed(
                "POST /v1/environments/main/secrets",
                "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                b"5\r\n{\"nam\r\n0\r\n\r\n",
            ),
            400,
            "invalid_input",
        ),
        (
            authed(
                "POST /v1/environments/main/secrets",
                "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                b"10\r\n{\"name\":\"chunk\",\r\n16\r\n\"values\":{\"K\":\"v\"}}   \r\n0\r\n\r\n",
            ),
            201,
            "",
        ),
        (
            b"GET /v1/environments/main/secrets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer\r\nConnection: close\r\n\r\n".to_vec(),
            401,
            "unauthorized",
        ),
        (
            [
                format!("GET /v1/environments/main/secrets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}").as_bytes(),
                b"\xff\r\nConnection: close\r\n\r\n",
            ]
            .concat(),
            401,
            "unauthorized",
        ),
        (
            b"GET /nowhere HTTP/1.0\r\n\r\n".to_vec(),
            404,
            "no_such_endpoint",
        ),
    ];
    for (bytes, status, code) in &json_errors {
        let reply = String::from_utf8_lossy(&raw(&api, bytes, false)).into_owned();
        let request = String::from_utf8_lossy(&bytes[..bytes.len().min(60)]).into_owned();
        assert!(
            reply.starts_with("HTTP/1.") && reply.get(9..13) == Some(&format!("{status} ")),
            "{request:?}: {reply}"
        );
        if code.is_empty() {
            continue;
        }
        let (head, body) = reply.split_once("\r\n\r\n").expect("a header/body split");
        assert!(
            head.to_ascii_lowercase()
                .contains("content-type: application/json"),
            "{request:?}: {reply}"
        );
        let body: Value = serde_json::from_str(body)
            .unwrap_or_else(|e| panic!("{request:?}: body is not JSON ({e}): {reply}"));
        assert_eq!(body["error"]["code"], *code, "{request:?}: {reply}");
        assert!(body["error"]["message"].is_string(), "{request:?}: {reply}");
    }

    runtime().block_on(async {
        let health = api.health().await;
        assert_eq!(health.status, StatusCode::OK, "{health:?}");
        let list = send(api.req(Method::GET, SECRETS)).await;
        assert_eq!(list.status, StatusCode::OK, "{list:?}");
        let listed = list.json("list");
        let names: Vec<&str> = listed["secrets"]
            .as_array()
            .expect("secrets array")
            .iter()
            .map(|s| as_str(&s["name"], "name"))
            .collect();
        assert_eq!(
            names,
            ["chunk"],
            "only the well-formed chunked create stored: {list:?}"
        );
    });
}

// ---------------------------------------------------------------------------------------------
// 3. Values never appear in error messages
// ---------------------------------------------------------------------------------------------

/// Bodies with `MARKER` in a value, or where a value would be, that must all be refused.
fn bodies_hiding_the_marker() -> Vec<(&'static str, Vec<u8>)> {
    let m = MARKER;
    let mut bodies: Vec<(&'static str, Vec<u8>)> = vec![
        (
            "values as a string",
            json_bytes(&json!({ "name": "a", "values": m })),
        ),
        (
            "values as `KEY=VALUE`",
            json_bytes(&json!({ "name": "a", "values": format!("K={m}") })),
        ),
        (
            "values as an array",
            json_bytes(&json!({ "name": "a", "values": [m] })),
        ),
        (
            "values as pairs",
            json_bytes(&json!({ "name": "a", "values": [["K", m]] })),
        ),
        ("the body as a string", json_bytes(&json!(m))),
        ("the body as an array", json_bytes(&json!([m]))),
        (
            "a value in an array",
            json_bytes(&json!({ "name": "a", "values": { "K": [m] } })),
        ),
        (
            "a value in an object",
            json_bytes(&json!({ "name": "a", "values": { "K": { "V": m } } })),
        ),
        (
            "a value as an object key",
            json_bytes(&json!({ "name": "a", "values": { "K": { m: 1 } } })),
        ),
        (
            "name as an array",
            json_bytes(&json!({ "name": [m], "values": { "K": m } })),
        ),
        (
            "name as an object",
            json_bytes(&json!({ "name": { "n": m }, "values": { "K": m } })),
        ),
        (
            "an unknown field",
            json_bytes(&json!({ "name": "a", "values": { "K": m }, "extra": m })),
        ),
        (
            "a value at the top",
            json_bytes(&json!({ "name": "a", "K": m })),
        ),
        (
            "on_conflict as an object",
            json_bytes(&json!({ "name": "a", "values": { "K": m }, "on_conflict": { "x": m } })),
        ),
        (
            "a bad on_conflict",
            json_bytes(&json!({ "name": "a", "values": { "K": m }, "on_conflict": "maybe" })),
        ),
        ("missing name", json_bytes(&json!({ "values": { "K": m } }))),
        (
            "an invalid name",
            json_bytes(&json!({ "name": "a b", "values": { "K": m } })),
        ),
        (
            "an id-shaped name",
            json_bytes(&json!({ "name": "st-abc", "values": { "K": m } })),
        ),
        (
            "NUL in a value",
            json_bytes(&json!({ "name": "a", "values": { "K": format!("{m}\0{m}") } })),
        ),
        (
            "NUL at the end of a value",
            json_bytes(&json!({ "name": "a", "values": { "K": format!("{m}\0") } })),
        ),
        (
            "a key with `=`",
            json_bytes(&json!({ "name": "a", "values": { "A=B": m } })),
        ),
        (
            "an empty key",
            json_bytes(&json!({ "name": "a", "values": { "": m } })),
        ),
        (
            "a long key",
            json_bytes(&json!({ "name": "a", "values": { "K".repeat(257): m } })),
        ),
        (
            "NUL in a key",
            json_bytes(&json!({ "name": "a", "values": { "K\0": m } })),
        ),
        (
            "an oversized value",
            json_bytes(
                &json!({ "name": "a", "values": { "K": m.repeat(64 * 1024 / m.len() + 1) } }),
            ),
        ),
        ("an oversized secret", {
            let big = m.repeat(64 * 1024 / m.len());
            let values: serde_json::Map<String, Value> =
                (0..20).map(|i| (format!("K{i}"), json!(big))).collect();
            json_bytes(&json!({ "name": "a", "values": values }))
        }),
        (
            "an oversized body",
            json_bytes(
                &json!({ "name": "a", "values": { "K": m.repeat(8 * 1024 * 1024 / m.len() + 1) } }),
            ),
        ),
        (
            "a control character in a value",
            format!(r#"{{"name":"a","values":{{"K":"{m}{}{m}"}}}}"#, '\u{1}').into_bytes(),
        ),
        (
            "an invalid escape in a value",
            format!(r#"{{"name":"a","values":{{"K":"{m}\q{m}"}}}}"#).into_bytes(),
        ),
        (
            "a lone surrogate in a value",
            format!(r#"{{"name":"a","values":{{"K":"{m}\udc00{m}"}}}}"#).into_bytes(),
        ),
        (
            "invalid UTF-8 in a value",
            [
                format!(r#"{{"name":"a","values":{{"K":"{m}"#).as_bytes(),
                b"\xff\xfe",
                format!(r#"{m}"}}}}"#).as_bytes(),
            ]
            .concat(),
        ),
        (
            "a truncated value",
            format!(r#"{{"name":"a","values":{{"K":"{m}"#).into_bytes(),
        ),
        (
            "a truncated body after a value",
            format!(r#"{{"name":"a","values":{{"K":"{m}"}}"#).into_bytes(),
        ),
        (
            "trailing garbage after a value",
            format!(r#"{{"name":"a","values":{{"K":"{m}"}}}} {m}"#).into_bytes(),
        ),
        (
            "a bare word value",
            format!(r#"{{"name":"a","values":{{"K":{m}}}}}"#).into_bytes(),
        ),
        (
            "a missing comma",
            format!(r#"{{"name":"a","values":{{"K":"{m}" "L":"{m}"}}}}"#).into_bytes(),
        ),
    ];
    // Invalid names, so that the values are read but never stored.
    for name in ["a b".to_owned(), "x".repeat(64)] {
        bodies.push((
            "valid values under an invalid name",
            json_bytes(&json!({ "name": name, "values": { "K": m, "L": format!("x{m}y") } })),
        ));
    }
    bodies
}

#[test]
fn error_responses_never_contain_secret_values() {
    let (_server, api) = unlimited();
    runtime().block_on(async {
        let mut failures = Vec::new();
        for (what, bytes) in bodies_hiding_the_marker() {
            let json = Some("application/json");
            let attempts = [
                ("create", api.req(Method::POST, SECRETS), json),
                ("create as text/plain", api.req(Method::POST, SECRETS), Some("text/plain")),
                ("create without a content type", api.req(Method::POST, SECRETS), None),
                ("unauthenticated create", api.anon(Method::POST, SECRETS), json),
                (
                    "create in an invalid environment",
                    api.req(Method::POST, "/v1/environments/bad%20env/secrets"),
                    json,
                ),
                ("POST to a secret", api.req(Method::POST, &format!("{SECRETS}/a")), json),
            ];
            for (how, req, content_type) in attempts {
                let what = format!("{how} with {what}");
                let mut req = req.body(bytes.clone());
                if let Some(t) = content_type {
                    req = req.header(CONTENT_TYPE, t);
                }
                match req.send().await {
                    Ok(resp) => {
                        let reply = read_reply(resp).await;
                        if let Some(problem) = leak_or_shape_problem(&reply) {
                            failures.push(format!("{what}: {problem}"));
                        }
                    }
                    // The rest of a refused body is read before the answer goes out, up to the
                    // body limit; over it, the connection is closed with the body unread, and the
                    // client may see it reset instead of the answer. Nothing came back, so
                    // nothing leaked.
                    Err(e) if bytes.len() > MAX_BODY_BYTES => {
                        assert!(e.is_request(), "{what}: {e}");
                    }
                    Err(e) => failures.push(format!("{what}: transport error {e}")),
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));

        // Successful responses carry values only when they are revealed.
        let created = api
            .create("main", body("real", &[("K", MARKER), ("L", "plain")]))
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{created:?}");
        let with = |on_conflict: &str| {
            json!({ "name": "real", "values": { "K": MARKER, "M": MARKER }, "on_conflict": on_conflict })
        };
        let replies = [
            ("create", created),
            ("create again", api.create("main", with("fail")).await),
            ("allow_existing", api.create("main", with("allow_existing")).await),
            ("force", api.create("main", with("force")).await),
            ("list", send(api.req(Method::GET, SECRETS)).await),
            ("show", api.show("main", "real", "").await),
            ("require", api.show("main", "real", "?require=K&require=M").await),
            ("missing key", api.show("main", "real", "?require=K&require=NO").await),
            ("reveal, missing key", api.show("main", "real", "?reveal=true&require=NO").await),
            ("reveal, bad parameter", api.show("main", "real", "?reveal=true&x=1").await),
            ("reveal=maybe", api.show("main", "real", "?reveal=maybe").await),
        ];
        for (what, reply) in replies {
            assert!(!reply.status.is_server_error(), "{what}: {reply:?}");
            assert!(!reply.text.contains(MARKER), "{what} showed a value: {reply:?}");
        }
        let revealed = api.show("main", "real", "?reveal=true").await;
        assert_eq!(revealed.status, StatusCode::OK, "{revealed:?}");
        assert_eq!(
            revealed.json("reveal")["values"],
            json!({ "K": MARKER, "M": MARKER })
        );
        let deleted = api.delete("main", "real").await;
        assert_eq!(deleted.status, StatusCode::OK, "{deleted:?}");
        assert!(!deleted.text.contains(MARKER), "delete showed a value: {deleted:?}");
    });
}

/// Whether `reply` is something other than a JSON client error, or contains `MARKER`.
fn leak_or_shape_problem(reply: &Reply) -> Option<String> {
    if reply.text.contains(MARKER) {
        return Some(format!("the value leaked: {} {}", reply.status, reply.text));
    }
    if !reply.status.is_client_error() {
        return Some(format!(
            "expected a 4xx, got {} {}",
            reply.status, reply.text
        ));
    }
    let code = serde_json::from_str::<Value>(&reply.text)
        .ok()
        .and_then(|v| v["error"]["code"].as_str().map(str::to_owned))
        .unwrap_or_default();
    error_problem(reply, reply.status, &code)
        .map(|p| format!("not a JSON error ({p}): {} {}", reply.status, reply.text))
}

// ---------------------------------------------------------------------------------------------
// 4. Round trips
// ---------------------------------------------------------------------------------------------

#[test]
fn create_conflict_show_require_reveal_and_delete_round_trip() {
    let (_server, api) = start();
    runtime().block_on(async {
        // Create.
        let reply = api.create("main", body("db", &[("USER", "alice"), ("PASS", "s3cret")])).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{reply:?}");
        let created = reply.json("create");
        assert_eq!(created["created"], true, "{created}");
        assert_eq!(created["replaced"], false, "{created}");
        let secret = &created["secret"];
        let id = as_str(&secret["id"], "id").to_owned();
        assert!(id.starts_with("st-"), "{secret}");
        assert_eq!(secret["name"], "db");
        assert_eq!(secret["environment"], "main");
        assert_eq!(secret["created_by"], "admin");
        assert_eq!(secret["keys"], json!(["PASS", "USER"]));
        assert!(secret["last_used_at"].is_null(), "{secret}");
        assert!(secret.get("values").is_none(), "{secret}");
        let created_at = timestamp(&secret["created_at"], "created_at");
        assert_eq!(timestamp(&secret["updated_at"], "updated_at"), created_at);

        // Again: a conflict, and nothing changes.
        let reply = api.create("main", body("db", &[("OTHER", "x")])).await;
        assert_error("second create", &reply, StatusCode::CONFLICT, "already_exists");
        let reply = api
            .create("main", json!({ "name": "db", "values": { "OTHER": "x" }, "on_conflict": "fail" }))
            .await;
        assert_error("create with on_conflict=fail", &reply, StatusCode::CONFLICT, "already_exists");

        // allow_existing keeps the existing secret.
        let reply = api
            .create("main", json!({ "name": "db", "values": { "OTHER": "x" }, "on_conflict": "allow_existing" }))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
        let kept = reply.json("allow_existing");
        assert_eq!(kept["created"], false, "{kept}");
        assert_eq!(kept["replaced"], false, "{kept}");
        assert_eq!(kept["secret"]["id"], id.as_str());
        assert_eq!(kept["secret"]["keys"], json!(["PASS", "USER"]));

        // Metadata without values and without counting as a use.
        let reply = api.show("main", "db", "").await;
        assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
        let shown = reply.json("show");
        assert!(shown.get("values").is_none(), "{shown}");
        assert!(shown["last_used_at"].is_null(), "{shown}");
        let reply = api.show("main", "db", "?reveal=false").await;
        assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
        assert!(reply.json("show")["last_used_at"].is_null(), "{reply:?}");

        // Reveal: the original values, and a use.
        let reply = api.show("main", "db", "?reveal=true").await;
        assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
        let revealed = reply.json("reveal");
        assert_eq!(revealed["values"], json!({ "USER": "alice", "PASS": "s3cret" }));
        assert_eq!(revealed["id"], id.as_str());
        let first_use = timestamp(&revealed["last_used_at"], "last_used_at");
        assert!(first_use >= created_at, "{revealed}");
        let reply = api.show("main", "db", "").await;
        assert_eq!(
            timestamp(&reply.json("show")["last_used_at"], "last_used_at"),
            first_use,
            "the use was not stored: {reply:?}"
        );
        let reply = api.show("main", "db", "?reveal=1").await;
        assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
        let second_use = timestamp(&reply.json("reveal")["last_used_at"], "last_used_at");
        assert!(second_use >= first_use, "{reply:?}");

        // Required keys: present ones pass, missing ones are listed exactly, in order, once.
        for query in ["?require=USER", "?require=USER&require=PASS", "?reveal=true&require=PASS"] {
            let reply = api.show("main", "db", query).await;
            assert_eq!(reply.status, StatusCode::OK, "{query}: {reply:?}");
        }
        let reply = api
            .show("main", "db", "?require=USER&require=HOST&require=PASS&require=PORT&require=HOST")
            .await;
        assert_error("show with missing keys", &reply, StatusCode::UNPROCESSABLE_ENTITY, "missing_keys");
        assert_eq!(reply.json("missing")["error"]["keys"], json!(["HOST", "PORT"]), "{reply:?}");
        let reply = api.show("main", "db", "?reveal=true&require=HOST").await;
        assert_error("reveal with a missing key", &reply, StatusCode::UNPROCESSABLE_ENTITY, "missing_keys");
        assert_eq!(reply.json("missing")["error"]["keys"], json!(["HOST"]), "{reply:?}");
        assert!(!reply.text.contains("alice") && !reply.text.contains("s3cret"), "{reply:?}");
        let reply = api.show("main", "db", "?require=user").await;
        assert_eq!(reply.json("missing")["error"]["keys"], json!(["user"]), "keys are case-sensitive: {reply:?}");
        let reply = api.show("main", "db", "?require=A%26B&require=%C3%A9").await;
        assert_eq!(reply.json("missing")["error"]["keys"], json!(["A&B", "\u{e9}"]), "{reply:?}");

        // force replaces the values in place.
        let reply = api
            .create("main", json!({ "name": "db", "values": { "URL": "postgres://x" }, "on_conflict": "force" }))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
        let forced = reply.json("force");
        assert_eq!(forced["created"], false, "{forced}");
        assert_eq!(forced["replaced"], true, "{forced}");
        assert_eq!(forced["secret"]["id"], id.as_str());
        assert_eq!(forced["secret"]["keys"], json!(["URL"]));
        assert_eq!(timestamp(&forced["secret"]["created_at"], "created_at"), created_at);
        assert!(timestamp(&forced["secret"]["updated_at"], "updated_at") >= created_at);
        let reply = api.show("main", "db", "?reveal=true").await;
        assert_eq!(reply.json("reveal")["values"], json!({ "URL": "postgres://x" }), "{reply:?}");
        let reply = api.show("main", "db", "?require=USER").await;
        assert_error("old key after force", &reply, StatusCode::UNPROCESSABLE_ENTITY, "missing_keys");

        // Environments are separate namespaces.
        let reply = api.show("staging", "db", "").await;
        assert_error("show in another environment", &reply, StatusCode::NOT_FOUND, "not_found");
        let reply = api.create("staging", body("db", &[("K", "staging")])).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{reply:?}");
        assert_ne!(reply.json("create")["secret"]["id"], id.as_str());

        // Delete, then it is gone.
        let reply = api.delete("main", "db").await;
        assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
        let deleted = reply.json("delete");
        assert_eq!(deleted["deleted"], true, "{deleted}");
        assert_eq!(deleted["name"], "db", "{deleted}");
        assert_eq!(deleted["environment"], "main", "{deleted}");
        let reply = api.delete("main", "db").await;
        assert_error("second delete", &reply, StatusCode::NOT_FOUND, "not_found");
        let reply = api.show("main", "db", "?reveal=true").await;
        assert_error("show after delete", &reply, StatusCode::NOT_FOUND, "not_found");
        let reply = api.show("staging", "db", "?reveal=true").await;
        assert_eq!(reply.json("staging")["values"], json!({ "K": "staging" }), "{reply:?}");

        // The name is free again: a fresh secret with a new id.
        let reply = api.create("main", body("db", &[("K", "new")])).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{reply:?}");
        assert_ne!(reply.json("create")["secret"]["id"], id.as_str());
    });
}

#[test]
fn listing_pages_through_every_secret_once_newest_first() {
    let (_server, api) = start();
    runtime().block_on(async {
        let names: Vec<String> = (0..25).map(|i| format!("s{i:02}")).collect();
        for name in &names {
            let reply = api.create("paged", body(name, &[("K", name)])).await;
            assert_eq!(reply.status, StatusCode::CREATED, "{reply:?}");
        }
        let reply = api.create("other", body("elsewhere", &[("K", "v")])).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{reply:?}");

        let list = |query: Vec<(&'static str, String)>| {
            let encoded = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&query)
                .finish();
            let req = api.req(
                Method::GET,
                &format!("/v1/environments/paged/secrets?{encoded}"),
            );
            async move {
                let reply = send(req).await;
                assert_eq!(reply.status, StatusCode::OK, "list {query:?}: {reply:?}");
                let page = reply.json("list");
                let fields: BTreeSet<&str> = page
                    .as_object()
                    .expect("page object")
                    .keys()
                    .map(String::as_str)
                    .collect();
                assert_eq!(fields, BTreeSet::from(["next_cursor", "secrets"]), "{page}");
                page
            }
        };

        let mut seen: Vec<Value> = Vec::new();
        let mut cursor: Option<String> = None;
        let mut sizes = Vec::new();
        loop {
            let mut query = vec![("limit", "10".to_owned())];
            if let Some(c) = &cursor {
                query.push(("cursor", c.clone()));
            }
            let page = list(query).await;
            let secrets = page["secrets"].as_array().expect("secrets array");
            sizes.push(secrets.len());
            seen.extend(secrets.iter().cloned());
            match &page["next_cursor"] {
                Value::Null => break,
                Value::String(c) => cursor = Some(c.clone()),
                other => panic!("next_cursor is neither a string nor null: {other}"),
            }
            assert!(sizes.len() <= 3, "too many pages: {sizes:?}");
        }
        assert_eq!(sizes, [10, 10, 5]);
        let listed: Vec<&str> = seen.iter().map(|s| as_str(&s["name"], "name")).collect();
        let newest_first: Vec<&str> = names.iter().rev().map(String::as_str).collect();
        assert_eq!(listed, newest_first, "every secret once, newest first");
        let times: Vec<jiff::Timestamp> = seen
            .iter()
            .map(|s| timestamp(&s["created_at"], "created_at"))
            .collect();
        assert!(
            times.windows(2).all(|w| w[0] >= w[1]),
            "not newest first: {times:?}"
        );
        for s in &seen {
            assert_eq!(s["environment"], "paged", "{s}");
            assert_eq!(s["keys"], json!(["K"]), "{s}");
            assert!(s.get("values").is_none(), "a listing showed values: {s}");
        }

        // One page holding everything has no cursor; so has a page that ends exactly at the end.
        let page = list(vec![("limit", "25".to_owned())]).await;
        assert_eq!(page["secrets"].as_array().map(Vec::len), Some(25));
        assert!(page["next_cursor"].is_null(), "{page}");
        let page = list(vec![]).await;
        assert_eq!(page["secrets"].as_array().map(Vec::len), Some(25));
        assert!(page["next_cursor"].is_null(), "{page}");
        let page = list(vec![("limit", "24".to_owned())]).await;
        let last = page["next_cursor"]
            .as_str()
            .expect("a cursor after 24 of 25")
            .to_owned();
        let page = list(vec![("limit", "24".to_owned()), ("cursor", last)]).await;
        assert_eq!(page["secrets"][0]["name"], "s00", "{page}");
        assert_eq!(page["secrets"].as_array().map(Vec::len), Some(1));
        assert!(page["next_cursor"].is_null(), "{page}");

        // created_before keeps strictly older secrets, and pages the same way.
        let cutoff = seen[10]["created_at"]
            .as_str()
            .expect("created_at")
            .to_owned();
        let page = list(vec![
            ("created_before", cutoff.clone()),
            ("limit", "100".to_owned()),
        ])
        .await;
        let older: Vec<&str> = page["secrets"]
            .as_array()
            .expect("secrets")
            .iter()
            .map(|s| as_str(&s["name"], "name"))
            .collect();
        assert_eq!(older, newest_first[11..], "created_before={cutoff}: {page}");

        // Deleting a secret between pages does not duplicate or skip the others.
        let first = list(vec![("limit", "10".to_owned())]).await;
        let next = first["next_cursor"].as_str().expect("cursor").to_owned();
        let reply = api.delete("paged", "s14").await;
        assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
        let second = list(vec![("limit", "10".to_owned()), ("cursor", next)]).await;
        let second: Vec<&str> = second["secrets"]
            .as_array()
            .expect("secrets")
            .iter()
            .map(|s| as_str(&s["name"], "name"))
            .collect();
        assert_eq!(second, newest_first[11..21], "after deleting s14");
    });
}

// ---------------------------------------------------------------------------------------------
// 5. Concurrency
// ---------------------------------------------------------------------------------------------

/// Sends `n` creates of one name at once, each with its own value; returns (index, reply).
async fn race(api: &Api, n: usize, name: &str, on_conflict: &str) -> Vec<(usize, Reply)> {
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..n {
        let req = api.req(Method::POST, SECRETS).json(&json!({
            "name": name,
            "values": { "K": format!("writer-{i}") },
            "on_conflict": on_conflict,
        }));
        tasks.spawn(async move { (i, send(req).await) });
    }
    let mut replies = Vec::new();
    while let Some(done) = tasks.join_next().await {
        replies.push(done.expect("a create task"));
    }
    replies
}

#[test]
fn concurrent_creates_of_one_name_have_exactly_one_winner() {
    let (_server, api) = start();
    runtime().block_on(async {
        for round in 0..3 {
            let name = format!("raced-{round}");
            let replies = race(&api, 16, &name, "fail").await;
            let winners: Vec<usize> = replies
                .iter()
                .filter(|(_, r)| r.status == StatusCode::CREATED)
                .map(|(i, _)| *i)
                .collect();
            assert_eq!(winners.len(), 1, "round {round}: {replies:#?}");
            for (i, reply) in &replies {
                if *i != winners[0] {
                    assert_error(
                        &format!("round {round}, writer {i}"),
                        reply,
                        StatusCode::CONFLICT,
                        "already_exists",
                    );
                }
            }
            let reply = api.show("main", &name, "?reveal=true").await;
            assert_eq!(
                reply.json("reveal")["values"],
                json!({ "K": format!("writer-{}", winners[0]) }),
                "the stored value is not the winner's"
            );
        }

        // allow_existing: one creates, everyone else is told about the same secret.
        let replies = race(&api, 16, "raced-allow", "allow_existing").await;
        let created: Vec<&Reply> = replies
            .iter()
            .map(|(_, r)| r)
            .filter(|r| r.status == StatusCode::CREATED)
            .collect();
        assert_eq!(created.len(), 1, "{replies:#?}");
        let id = created[0].json("winner")["secret"]["id"].clone();
        for (i, reply) in &replies {
            assert!(
                reply.status == StatusCode::CREATED || reply.status == StatusCode::OK,
                "writer {i}: {reply:?}"
            );
            let outcome = reply.json("allow_existing");
            assert_eq!(outcome["secret"]["id"], id, "writer {i}: {outcome}");
            assert_eq!(outcome["replaced"], false, "writer {i}: {outcome}");
            assert_eq!(
                outcome["created"],
                reply.status == StatusCode::CREATED,
                "{outcome}"
            );
        }

        // force: every writer succeeds, one of them creates, and the result is one writer's.
        let replies = race(&api, 16, "raced-force", "force").await;
        let mut created = 0;
        for (i, reply) in &replies {
            assert!(
                reply.status == StatusCode::CREATED || reply.status == StatusCode::OK,
                "writer {i}: {reply:?}"
            );
            let outcome = reply.json("force");
            created += usize::from(outcome["created"] == true);
            assert_eq!(
                outcome["created"],
                !outcome["replaced"].as_bool().expect("replaced")
            );
        }
        assert_eq!(created, 1, "{replies:#?}");
        let reply = api.show("main", "raced-force", "?reveal=true").await;
        let value = as_str(&reply.json("reveal")["values"]["K"], "K").to_owned();
        assert!(value.starts_with("writer-"), "{value}");

        let list = send(api.req(Method::GET, SECRETS)).await;
        let count = list.json("list")["secrets"].as_array().map(Vec::len);
        assert_eq!(count, Some(5), "one secret per raced name: {list:?}");
    });
}

// ---------------------------------------------------------------------------------------------
// Cases found to misbehave, kept apart so that each names one defect.
// ---------------------------------------------------------------------------------------------

/// The list and path extractors reject bad input with axum's own plain-text answers instead of
/// the JSON error every other refusal uses.
#[test]
fn query_and_path_rejections_are_json_errors() {
    const BAD: StatusCode = StatusCode::BAD_REQUEST;
    const INVALID: &str = "invalid_input";
    let (_server, api) = start();
    let mut cases: Vec<Case> = [
        "limit=abc",
        "limit=-1",
        "limit=1.5",
        "limit=4294967296",
        "limit=",
        "created_before=notadate",
        "created_before=2024-13-45T99:00:00Z",
        "unknown=1",
        "reveal=true",
    ]
    .iter()
    .map(|q| Case::get(format!("{SECRETS}?{q}"), BAD, INVALID))
    .collect();
    for method in [Method::GET, Method::DELETE] {
        cases.push(Case::method(
            method.clone(),
            &format!("{SECRETS}/%FF"),
            BAD,
            INVALID,
        ));
        cases.push(Case::method(
            method,
            "/v1/environments/%FF/secrets/a",
            BAD,
            INVALID,
        ));
    }
    cases.push(Case::get("/v1/environments/%FF/secrets", BAD, INVALID));
    cases.push(Case {
        content_type: Some("application/json"),
        body: Some(json_bytes(&body("a", &[("K", "v")]))),
        ..Case::method(Method::POST, "/v1/environments/%FF/secrets", BAD, INVALID)
    });
    runtime().block_on(run_cases(&api, &cases));
}

/// `redact_serde` cuts the quoted input at the first `, expected`, which may be inside it:
/// whatever a value holds after its own `, expected` is echoed.
#[test]
fn values_containing_expected_do_not_leak_through_serde_errors() {
    let (_server, api) = start();
    let m = MARKER;
    let bodies = [
        json!({ "name": "a", "values": format!("K=v, expected {m}") }),
        json!({ "name": "a", "values": format!("invalid value: x, expected {m}") }),
        json!(format!("K=v, expected {m}")),
    ];
    runtime().block_on(async {
        let mut failures = Vec::new();
        for b in &bodies {
            let reply = send(api.req(Method::POST, SECRETS).json(b)).await;
            if let Some(problem) = leak_or_shape_problem(&reply) {
                failures.push(format!("POST {SECRETS} {b}: {problem}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    });
}

/// A JSON array is not the documented object, but serde's derived struct visitor takes one as
/// the fields in order, so it creates a secret.
#[test]
fn create_refuses_a_json_array_body() {
    let (_server, api) = start();
    runtime().block_on(async {
        let mut failures = Vec::new();
        for b in [
            json!(["arr", { "K": "v" }]),
            json!(["arr", { "K": "v" }, "force"]),
        ] {
            let reply = send(api.req(Method::POST, SECRETS).json(&b)).await;
            if let Some(problem) =
                error_problem(&reply, StatusCode::UNPROCESSABLE_ENTITY, "invalid_input")
            {
                failures.push(format!("POST {SECRETS} {b}: {problem}: {}", reply.text));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    });
}

/// `.` and `..` pass the name rules, but URLs cannot carry them as path segments: HTTP clients
/// (and keep's own, through `url`'s `path_segments_mut`) drop or resolve them, so such a
/// secret can be created but never shown or deleted through the API.
#[test]
fn names_that_a_url_path_cannot_carry_are_refused() {
    let (_server, api) = start();
    runtime().block_on(async {
        let mut failures = Vec::new();
        for name in [".", ".."] {
            let reply = api.create("main", body(name, &[("K", "v")])).await;
            if let Some(problem) = error_problem(&reply, StatusCode::BAD_REQUEST, "invalid_input") {
                failures.push(format!("create {name:?}: {problem}: {}", reply.text));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    });
}

/// tower-http's timeout answered 408 with an empty body, not the JSON error clients parse.
#[test]
fn a_request_that_times_out_gets_a_json_error() {
    let (server, api) = start();
    let mut stream = connect(&api, Duration::from_secs(90));
    // The body announced is never sent in full, so the server waits for it until its timeout.
    let head = format!(
        "POST {SECRETS} HTTP/1.1\r\nHost: keep\r\nAuthorization: Bearer {}\r\n\
         Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{{",
        server.token
    );
    stream
        .write_all(head.as_bytes())
        .expect("write the request");
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    assert!(head.starts_with("HTTP/1.1 408"), "{text}");
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/json"),
        "{text}"
    );
    let body: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(body["error"]["code"], "timeout", "{text}");
}

// ---------------------------------------------------------------------------------------------
// Requests answered before their body was read
// ---------------------------------------------------------------------------------------------

/// The server's body limit (`keep::server::MAX_BODY_BYTES`).
const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// Requests refused before their body is read, with a body of `len` bytes: (what, request).
fn refused_unread(api: &Api, len: usize) -> Vec<(String, RequestBuilder)> {
    let body =
        json_bytes(&json!({ "name": "a", "values": { "K": "v".repeat(len.saturating_sub(30)) } }));
    let json = "application/json";
    [
        ("no token", api.anon(Method::POST, SECRETS), json),
        ("text/plain", api.req(Method::POST, SECRETS), "text/plain"),
        (
            "a wrong method",
            api.req(Method::POST, &format!("{SECRETS}/a")),
            json,
        ),
        (
            "a bad environment",
            api.req(Method::POST, "/v1/environments/bad%20env/secrets"),
            json,
        ),
        ("no such route", api.req(Method::POST, "/v1/nothing"), json),
    ]
    .into_iter()
    .map(|(what, req, content_type)| {
        let req = req.header(CONTENT_TYPE, content_type).body(body.clone());
        (format!("{what}, {} bytes", body.len()), req)
    })
    .collect()
}

#[test]
fn a_client_reusing_connections_gets_every_answer_to_requests_refused_unread() {
    // A pooled client sends its next request on the connection the last answer came on. If the
    // server closed it because a refused body was left unread, without saying so in the answer,
    // that request fails ("connection closed before message completed").
    let (_server, api) = unlimited();
    runtime().block_on(async {
        let mut failures = Vec::new();
        for round in 0..10 {
            let mut tasks = Vec::new();
            for len in [100, 64 * 1024, 1024 * 1024] {
                for (what, req) in refused_unread(&api, len) {
                    tasks.push(tokio::spawn(async move {
                        match req.send().await {
                            Ok(resp) if resp.status().is_client_error() => match resp.bytes().await
                            {
                                Ok(_) => None,
                                Err(e) => Some(format!("{what}: reading the answer: {e:?}")),
                            },
                            Ok(resp) => Some(format!("{what}: {}", resp.status())),
                            Err(e) => Some(format!("{what}: {e:?}")),
                        }
                    }));
                }
            }
            for task in tasks {
                if let Some(failure) = task.await.expect("a request task") {
                    failures.push(format!("round {round}: {failure}"));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    });
}

/// Sends `head`, waits, sends `body`, and reads one answer; then asks for `/v1/health` on the
/// same connection. Returns (the first answer's head, the second answer's head).
fn refused_then_reused(api: &Api, head: &str, body: &[u8]) -> (String, String) {
    let mut stream = connect(api, Duration::from_secs(10));
    stream.write_all(head.as_bytes()).expect("send the head");
    // The answer is on its way before the body arrives.
    std::thread::sleep(Duration::from_millis(200));
    stream.write_all(body).expect("send the body");
    let first = read_head(&mut stream);
    let second = match stream.write_all(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n") {
        Ok(()) => read_head(&mut stream),
        Err(e) => format!("(could not send: {e})"),
    };
    (first, second)
}

/// Whether an answer's head says the server closes the connection after it.
fn says_close(head: &str) -> bool {
    head.to_ascii_lowercase().contains("connection: close")
}

/// Reads one answer's head and its `content-length` body from `stream`.
fn read_head(stream: &mut TcpStream) -> String {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => buf.push(byte[0]),
            Ok(_) => return format!("(closed after {:?})", String::from_utf8_lossy(&buf)),
            Err(e) => return format!("({e} after {:?})", String::from_utf8_lossy(&buf)),
        }
    }
    let head = String::from_utf8_lossy(&buf).into_owned();
    let len = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().to_owned())
        })
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; len];
    if let Err(e) = stream.read_exact(&mut body) {
        return format!("({e} reading the body after {head:?})");
    }
    head
}

#[test]
fn a_connection_stays_usable_after_a_request_refused_before_its_body_arrived() {
    let (server, api) = unlimited();
    let token = server.token.clone();
    let body = br#"{"name":"a","values":{"K":"v"}}"#;
    let post = |path: &str, headers: &str| {
        format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\n{headers}Content-Length: {}\r\n\r\n",
            body.len()
        )
    };
    let auth = format!("Authorization: Bearer {token}\r\n");
    let cases = [
        (
            "no token",
            post(SECRETS, "Content-Type: application/json\r\n"),
            "401",
        ),
        (
            "text/plain",
            post(SECRETS, &format!("{auth}Content-Type: text/plain\r\n")),
            "415",
        ),
        (
            "a wrong method",
            post(
                &format!("{SECRETS}/a"),
                &format!("{auth}Content-Type: application/json\r\n"),
            ),
            "405",
        ),
    ];
    for (what, head, status) in cases {
        let (first, second) = refused_then_reused(&api, &head, body);
        assert!(
            first.starts_with(&format!("HTTP/1.1 {status} ")),
            "{what}: {first}"
        );
        assert!(!says_close(&first), "{what}: {first}");
        assert!(
            second.starts_with("HTTP/1.1 200 "),
            "{what}, then a health check: {second}"
        );
    }
}

#[test]
fn a_refused_body_that_does_not_arrive_gets_its_answer_with_connection_close() {
    // The server waits a moment for the rest of a refused body, not for ever: then it answers
    // and says that it closes the connection.
    let (_server, api) = unlimited();
    let mut stream = connect(&api, Duration::from_secs(10));
    let head = format!(
        "POST {SECRETS}/a HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{"
    );
    stream.write_all(head.as_bytes()).expect("send the head");
    let answer = read_head(&mut stream);
    assert!(answer.starts_with("HTTP/1.1 405 "), "{answer}");
    assert!(says_close(&answer), "{answer}");
    let mut rest = Vec::new();
    let _ = stream.read_to_end(&mut rest);
    assert!(
        rest.is_empty(),
        "more after the answer: {:?}",
        String::from_utf8_lossy(&rest)
    );
}

#[test]
fn a_refused_request_expecting_100_continue_is_answered_without_asking_for_its_body() {
    // A client that waits for `100 Continue` before it sends a large body need not send it at
    // all when the request is refused anyway; the answer says the connection closes.
    let (_server, api) = unlimited();
    let mut stream = connect(&api, Duration::from_secs(10));
    let head = format!(
        "POST {SECRETS} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 2000000\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).expect("send the head");
    let answer = read_head(&mut stream);
    assert!(answer.starts_with("HTTP/1.1 401 "), "{answer}");
    assert!(says_close(&answer), "{answer}");
}
