//! Malformed paths, queries, routes and methods, each refused with a JSON client error.

use reqwest::{Method, StatusCode};

use super::{Case, SECRETS, assert_error, body, json_bytes, run_cases, start};
use crate::support::{runtime, send};

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
        // `/v1/environments/{env}` exists since issue #12 (DELETE only): GET is a 405 now.
        Case::get(
            "/v1/environments/main",
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
        Case::get(
            "/v1/environments/main/nothing",
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
            // An id-shaped segment names a secret by its id (and none has this one).
            let (status, code) = match seg.as_str() {
                "st-abc123" => (StatusCode::NOT_FOUND, "not_found"),
                _ => (BAD, INVALID),
            };
            cases.push(Case::method(
                method,
                &format!("{SECRETS}/{seg}"),
                status,
                code,
            ));
        }
    }
    cases
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
