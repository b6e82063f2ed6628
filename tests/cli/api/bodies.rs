//! Malformed create bodies: not JSON, JSON of the wrong shape, invalid names, keys and values,
//! limits and content types, each refused with a JSON client error and nothing stored.

use reqwest::header::CONTENT_TYPE;
use reqwest::{Method, StatusCode};
use serde_json::json;

use super::{Case, SECRETS, body, error_problem, json_bytes, run_cases, start};
use crate::support::{runtime, send};

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
