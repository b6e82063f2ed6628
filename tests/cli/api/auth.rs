//! Authentication: every endpoint but the health check wants the admin's bearer token,
//! exactly, and refuses anything else with the same JSON 401.

use reqwest::header::{AUTHORIZATION, HeaderValue};
use reqwest::{Method, StatusCode};
use serde_json::json;

use super::{SECRETS, as_str, assert_error, body, unlimited};
use crate::support::{runtime, send};

#[test]
fn every_endpoint_but_health_requires_a_valid_bearer_token() {
    let (server, api) = unlimited();
    runtime().block_on(async {
        let health = api.health().await;
        assert_eq!(health.status, StatusCode::OK, "{health:?}");
        assert_eq!(
            health.json("health"),
            json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") })
        );

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
