//! The connection itself: raw bytes over TCP, the HTTP parser's limits, the request timeout,
//! and connections kept usable after a request refused before its body was read.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::Duration;

use reqwest::header::CONTENT_TYPE;
use reqwest::{Method, RequestBuilder, StatusCode};
use serde_json::{Value, json};

use super::{SECRETS, as_str, json_bytes, start, unlimited};
use crate::support::{Api, runtime, send};

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

// Requests answered before their body was read.

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
