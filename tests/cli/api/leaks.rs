//! Values never appear in error messages, whatever shape of body carries them; successful
//! answers carry them only when they are revealed.

use reqwest::header::CONTENT_TYPE;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::{SECRETS, body, error_problem, json_bytes, start, unlimited};
use crate::support::{Reply, read_reply, runtime, send};

/// Appears in secret values only; no response may ever contain it unless values were revealed.
const MARKER: &str = "SENTINEL-4f9c2b7e";

/// The server's body limit (`keep::server::MAX_BODY_BYTES`).
const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

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
