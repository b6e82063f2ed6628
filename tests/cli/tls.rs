//! `keep serve` over HTTPS and the client's trust in it; plain HTTP off loopback; slow
//! clients cut off by the header and request timeouts.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command as StdCommand;
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::support::{Pki, Server, client_builder, hermetic, runtime};

/// `keep` pointed at `server`, with its token.
fn keep(server: &Server, home: &TempDir) -> assert_cmd::Command {
    let mut cmd = hermetic(home.path());
    cmd.env("KEEP_SERVER", &server.url)
        .env("KEEP_TOKEN", &server.token);
    cmd
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn secrets_round_trip_over_https_with_the_ca_given_by_flag_or_environment() {
    let pki = Pki::new(&["localhost", "127.0.0.1"]);
    let server = pki.serve(&[]);
    assert!(
        server.url.starts_with("https://127.0.0.1:"),
        "{}",
        server.url
    );
    let home = tempfile::tempdir().expect("tempdir");
    let ca = pki.ca.to_str().expect("utf-8");
    keep(&server, &home)
        .args(["create", "db", "PASSWORD=hunter2", "--ca-cert", ca])
        .assert()
        .code(0);
    keep(&server, &home)
        .args(["--ca-cert", ca, "list"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("db"));
    keep(&server, &home)
        .env("KEEP_CA_CERT", ca)
        .args(["show", "db", "--reveal", "--json"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains(r#""PASSWORD": "hunter2""#));
    // The same server by name: the certificate holds both.
    let by_name = server.url.replace("127.0.0.1", "localhost");
    keep(&server, &home)
        .env("KEEP_SERVER", by_name)
        .env("KEEP_CA_CERT", ca)
        .args(["list"])
        .assert()
        .code(0);
}

#[test]
fn an_untrusted_certificate_exits_6_naming_the_ca_flag() {
    let pki = Pki::new(&["localhost", "127.0.0.1"]);
    let server = pki.serve(&[]);
    let home = tempfile::tempdir().expect("tempdir");
    let out = keep(&server, &home).arg("list").output().expect("run");
    assert_eq!(out.status.code(), Some(6), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(err.contains("certificate"), "{err}");
    assert!(
        err.contains("--ca-cert") && err.contains("KEEP_CA_CERT"),
        "{err}"
    );
    assert!(!err.contains(&server.token), "the token leaked: {err}");
}

#[test]
fn the_system_trust_store_is_used_for_https() {
    // On Linux the system's roots come from the usual files, or SSL_CERT_FILE when set: a
    // public CA in the system store is trusted the same way as this one.
    let pki = Pki::new(&["localhost", "127.0.0.1"]);
    let server = pki.serve(&[]);
    let home = tempfile::tempdir().expect("tempdir");
    keep(&server, &home)
        .env("SSL_CERT_FILE", &pki.ca)
        .arg("list")
        .assert()
        .code(0);
}

#[test]
fn a_certificate_for_another_host_is_refused() {
    let pki = Pki::new(&["keep.example.com"]);
    let server = pki.serve(&[]);
    let home = tempfile::tempdir().expect("tempdir");
    let out = keep(&server, &home)
        .env("KEEP_CA_CERT", &pki.ca)
        .arg("list")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(6), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(err.contains("not valid for name"), "{err}");
}

#[test]
fn plain_http_to_the_https_port_is_told_to_use_https() {
    let pki = Pki::new(&["localhost", "127.0.0.1"]);
    let server = pki.serve(&[]);
    let home = tempfile::tempdir().expect("tempdir");
    let plain = server.url.replace("https://", "http://");
    let out = keep(&server, &home)
        .env("KEEP_SERVER", plain)
        .arg("list")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(
        err.contains("speaks HTTPS") && err.contains("https://"),
        "{err}"
    );
}

#[test]
fn tls_12_and_13_both_serve_http1_and_h2() {
    let pki = Pki::new(&["localhost", "127.0.0.1"]);
    let server = pki.serve(&[]);
    let ca = reqwest::Certificate::from_pem(&std::fs::read(&pki.ca).expect("ca")).expect("pem");
    let health = format!("{}/v1/health", server.url);
    let get = |version: reqwest::tls::Version, http1: bool| {
        let mut builder = client_builder()
            .tls_certs_only([ca.clone()])
            .min_tls_version(version)
            .max_tls_version(version);
        if http1 {
            builder = builder.http1_only();
        }
        let client = builder.build().expect("client");
        runtime().block_on(async {
            let resp = client.get(&health).send().await.expect("GET /v1/health");
            assert_eq!(resp.status(), 200);
            resp.version()
        })
    };
    use reqwest::Version;
    use reqwest::tls::Version as Tls;
    assert_eq!(get(Tls::TLS_1_2, false), Version::HTTP_2);
    assert_eq!(get(Tls::TLS_1_3, false), Version::HTTP_2);
    assert_eq!(get(Tls::TLS_1_2, true), Version::HTTP_11);
    assert_eq!(get(Tls::TLS_1_3, true), Version::HTTP_11);
}

#[test]
#[allow(clippy::print_stderr)] // the note on a skipped check goes into the test log
fn tls_11_is_refused() {
    let pki = Pki::new(&["localhost", "127.0.0.1"]);
    let server = pki.serve(&[]);
    let addr = server.url.trim_start_matches("https://").to_owned();
    let s_client = |version: &str| {
        StdCommand::new("openssl")
            .args(["s_client", "-connect", &addr, version])
            // OpenSSL 3 refuses TLS 1.1 itself at the default security level.
            .args(["-cipher", "DEFAULT:@SECLEVEL=0"])
            .stdin(std::process::Stdio::null())
            .output()
    };
    let Ok(tls12) = s_client("-tls1_2") else {
        eprintln!("note: no `openssl` command, TLS 1.1 refusal not checked");
        return;
    };
    let text = String::from_utf8_lossy(&tls12.stdout);
    assert!(
        tls12.status.success() && text.contains("TLSv1.2"),
        "openssl s_client -tls1_2 should connect: {text}{}",
        stderr_of(&tls12)
    );
    let tls11 = s_client("-tls1_1").expect("openssl");
    assert!(
        !tls11.status.success(),
        "TLS 1.1 was accepted: {}",
        String::from_utf8_lossy(&tls11.stdout)
    );
}

#[test]
fn plain_http_off_loopback_needs_insecure_http() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = hermetic(dir.path())
        .args(["serve", "--listen", "0.0.0.0:0", "--data-dir"])
        .arg(dir.path().join("srv"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(err.contains("plain HTTP"), "{err}");
    for hint in ["--tls-cert", "--tls-key", "--insecure-http"] {
        assert!(err.contains(hint), "{hint}: {err}");
    }
    assert!(
        !dir.path().join("srv/admin.token").exists(),
        "no token before the address is accepted"
    );

    let server = Server::start_with(&["--listen", "0.0.0.0:0", "--insecure-http"], &[]);
    assert!(server.url.starts_with("http://0.0.0.0:"), "{}", server.url);
    assert!(server.stderr().contains("warning"), "{}", server.stderr());
    // Loopback without TLS: no flag, no warning.
    let local = Server::start();
    assert!(!local.stderr().contains("warning"), "{}", local.stderr());
}

/// Runs `keep serve ARGS` that must refuse to start: exit 2, the stderr.
fn serve_refused(args: &[&str], env: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = hermetic(dir.path())
        .envs(env.iter().copied())
        .arg("serve")
        .args(args)
        .args(["--listen", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path().join("srv"))
        .output()
        .expect("run");
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(!err.contains("listening on"), "{args:?}: {err}");
    err
}

#[test]
fn bad_certificate_or_key_files_refuse_to_start_naming_the_file() {
    let pki = Pki::new(&["localhost"]);
    let other = Pki::new(&["localhost"]);
    let garbage = pki.write("garbage.pem", "not a certificate\n");
    let missing = pki.path("missing.pem");
    let [cert, key, garbage, missing, other_key] =
        [&pki.cert, &pki.key, &garbage, &missing, &other.key].map(|p| p.to_str().expect("utf-8"));
    let cases: [(&[&str], &str, &str); 5] = [
        (
            &["--tls-cert", missing, "--tls-key", key],
            missing,
            "--tls-cert",
        ),
        (
            &["--tls-cert", garbage, "--tls-key", key],
            garbage,
            "--tls-cert",
        ),
        (
            &["--tls-cert", cert, "--tls-key", garbage],
            garbage,
            "--tls-key",
        ),
        (&["--tls-cert", cert, "--tls-key", cert], cert, "--tls-key"),
        (
            &["--tls-cert", cert, "--tls-key", other_key],
            other_key,
            "--tls-key",
        ),
    ];
    for (args, named, hint) in cases {
        let err = serve_refused(args, &[]);
        assert!(err.contains(named), "{args:?} should name {named}: {err}");
        assert!(err.contains(hint), "{args:?} should hint {hint}: {err}");
        assert!(!err.contains("PRIVATE KEY"), "{err}");
    }
    // The two go together, from flags or the environment.
    serve_refused(&["--tls-cert", cert], &[]);
    serve_refused(&[], &[("KEEP_TLS_KEY", key)]);
    serve_refused(&[], &[("KEEP_TLS_CERT", cert), ("KEEP_TLS_KEY", missing)]);
}

#[test]
fn a_bad_ca_file_exits_2_naming_it() {
    let pki = Pki::new(&["localhost", "127.0.0.1"]);
    let server = pki.serve(&[]);
    let home = tempfile::tempdir().expect("tempdir");
    let garbage = pki.write("garbage.pem", "not a certificate\n");
    for path in [garbage, pki.path("missing.pem")] {
        let out = keep(&server, &home)
            .arg("--ca-cert")
            .arg(&path)
            .arg("list")
            .output()
            .expect("run");
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(path.to_str().expect("utf-8")), "{err}");
    }
}

/// Sends `request` on a raw connection, then waits (at most 30 s) for the server to answer
/// or close: what it sent, and how long it took.
fn stall(addr: &str, request: &[u8]) -> (String, Duration) {
    let start = Instant::now();
    let mut conn = TcpStream::connect(addr).expect("connect");
    conn.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    conn.write_all(request).expect("send");
    let mut got = Vec::new();
    let _ = conn.read_to_end(&mut got);
    (String::from_utf8_lossy(&got).into_owned(), start.elapsed())
}

/// Timing bounds are generous on purpose: the server is told 1 s, the test allows 20.
const SLOW_LIMIT: Duration = Duration::from_secs(20);

#[test]
fn slow_clients_are_cut_off() {
    let server = Server::start_with(&["--request-timeout", "1"], &[]);
    let addr = server.url.trim_start_matches("http://").to_owned();
    // A request head that never ends, and a connection that never says anything.
    for request in [&b"GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: "[..], b""] {
        let (answer, took) = stall(&addr, request);
        assert!(
            answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
            "{answer}"
        );
        assert!(took < SLOW_LIMIT, "the connection stayed open {took:?}");
    }
    // A body that stops short of its Content-Length.
    let head = format!(
        "POST /v1/environments/main/secrets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\n\
         Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"name\": ",
        server.token
    );
    let (answer, took) = stall(&addr, head.as_bytes());
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(took < SLOW_LIMIT, "the request took {took:?}");
}

#[test]
fn a_client_that_never_starts_tls_is_cut_off() {
    let pki = Pki::new(&["localhost", "127.0.0.1"]);
    let server = pki.serve(&["--request-timeout", "1"]);
    let addr = server.url.trim_start_matches("https://").to_owned();
    // Nothing at all, then the first bytes of a TLS record.
    for request in [&b""[..], b"\x16\x03\x01"] {
        let (answer, took) = stall(&addr, request);
        assert!(answer.is_empty(), "{answer}");
        assert!(took < SLOW_LIMIT, "the connection stayed open {took:?}");
    }
}

/// A self-signed certificate made the way most people make one, `CA:TRUE` and all:
/// `openssl req -x509 -newkey ... -nodes -subj /CN=localhost -addext subjectAltName=...`.
/// `None` without an `openssl` command.
fn openssl_self_signed(dir: &std::path::Path, names: &str) -> Option<(String, String)> {
    let (cert, key) = (dir.join("self.pem"), dir.join("self.key"));
    let out = StdCommand::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
        ])
        .args(["-nodes", "-days", "30", "-subj", "/CN=localhost", "-addext"])
        .arg(format!("subjectAltName={names}"))
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .ok()?;
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = StdCommand::new("openssl")
        .args(["x509", "-noout", "-text", "-in"])
        .arg(&cert)
        .output()
        .expect("openssl x509");
    assert!(
        String::from_utf8_lossy(&text.stdout).contains("CA:TRUE"),
        "not the kind meant"
    );
    let path = |p: std::path::PathBuf| p.to_str().expect("utf-8").to_owned();
    Some((path(cert), path(key)))
}

#[test]
#[allow(clippy::print_stderr)] // the note on a skipped check goes into the test log
fn a_self_signed_ca_certificate_given_as_trusted_is_accepted_when_it_is_the_servers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let Some((cert, key)) = openssl_self_signed(dir.path(), "DNS:localhost,IP:127.0.0.1") else {
        eprintln!("note: no `openssl` command, the openssl certificate not checked");
        return;
    };
    let server = Server::start_with(&["--tls-cert", &cert, "--tls-key", &key], &[]);
    let home = tempfile::tempdir().expect("tempdir");
    let out = keep(&server, &home).arg("list").output().expect("run");
    assert_eq!(out.status.code(), Some(6), "untrusted without --ca-cert");
    assert!(stderr_of(&out).contains("--ca-cert"), "{}", stderr_of(&out));
    keep(&server, &home)
        .args(["--ca-cert", &cert, "create", "s", "A=1"])
        .assert()
        .code(0);
    keep(&server, &home)
        .env("KEEP_SERVER", server.url.replace("127.0.0.1", "localhost"))
        .env("KEEP_CA_CERT", &cert)
        .arg("list")
        .assert()
        .code(0)
        .stdout(predicates::str::contains("s"));
    // Its fingerprint, as openssl prints it, pins it as well.
    let fp = StdCommand::new("openssl")
        .args(["x509", "-noout", "-fingerprint", "-sha256", "-in", &cert])
        .output()
        .expect("openssl");
    let fp = String::from_utf8_lossy(&fp.stdout).trim().to_owned();
    hermetic(home.path())
        .args(["login", "--server", &server.url, "--fingerprint", &fp])
        .write_stdin(server.token.clone())
        .assert()
        .code(0);
    hermetic(home.path()).args(["show", "s"]).assert().code(0);

    // Given as trusted, it must still name the server.
    let other = tempfile::tempdir().expect("tempdir");
    let (cert, key) = openssl_self_signed(other.path(), "DNS:keep.example.com").expect("openssl");
    let server = Server::start_with(&["--tls-cert", &cert, "--tls-key", &key], &[]);
    let out = keep(&server, &home)
        .args(["--ca-cert", &cert, "list"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(6), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("not valid for name"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn a_self_signed_server_keeps_its_ca_across_restarts_and_signs_the_names_given() {
    let server = Server::start_with(
        &[
            "--tls-self-signed",
            "--tls-name",
            "127.0.0.1",
            "--tls-name",
            "keep.test",
        ],
        &[],
    );
    let ca = server.data_dir().join("tls/ca.pem");
    let first = std::fs::read(&ca).expect("ca");
    assert_eq!(
        crate::support::mode_of(&server.data_dir().join("tls/ca.key")),
        0o600
    );
    let log = server.stderr();
    assert!(
        log.contains("created the private CA") && log.contains("127.0.0.1, keep.test"),
        "{log}"
    );
    let home = tempfile::tempdir().expect("tempdir");
    keep(&server, &home)
        .env("KEEP_CA_CERT", &ca)
        .arg("list")
        .assert()
        .code(0);
    let data = server.stop();
    let again = Server::start_in_with(data, &["--tls-self-signed", "--tls-name", "127.0.0.1"]);
    assert_eq!(std::fs::read(&ca).expect("ca"), first, "the same CA");
    assert!(
        again.stderr().contains("using the private CA"),
        "{}",
        again.stderr()
    );
    keep(&again, &home)
        .env("KEEP_CA_CERT", &ca)
        .arg("list")
        .assert()
        .code(0);
    // --tls-self-signed with a certificate of one's own makes no sense.
    serve_refused(
        &["--tls-self-signed", "--tls-cert", "x", "--tls-key", "y"],
        &[],
    );
}
