//! Stores written by the release before row seals (tests/fixtures/v0-*, made by
//! scripts/make_legacy_fixtures.sh) open, migrate and read back with this build.

use std::path::Path;

use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::support::{Api, Server, hermetic, runtime};

/// Copies a fixture directory into `to` with the private modes keep insists on.
fn copy_private(from: &Path, to: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(to).expect("mkdir");
    std::fs::set_permissions(to, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    for entry in std::fs::read_dir(from).expect("read the fixture") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        std::fs::copy(entry.path(), &target).expect("copy");
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    }
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn an_embedded_store_of_the_previous_release_reads_back_and_is_sealed_by_its_first_write() {
    let home = tempfile::tempdir().expect("tempdir");
    let store = home.path().join("keep-home");
    copy_private(&fixture("v0-local"), &store);
    let keep = || hermetic(home.path());
    let json = |args: &[&str]| -> Value {
        let out = keep().args(args).arg("--json").output().expect("run keep");
        assert!(
            out.status.success(),
            "keep {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("JSON")
    };
    let shown = json(&["show", "app", "--reveal"]);
    assert_eq!(shown["values"]["A"], "1");
    assert_eq!(shown["values"]["B"], "two");
    assert_eq!(shown["values"]["C"], "3");
    assert_eq!(shown["created_by"], "fixture");
    assert_eq!(json(&["list"]).as_array().map(Vec::len), Some(1));
    assert_eq!(json(&["list", "-e", "staging"])[0]["name"], "other");
    // Every environment that held a secret became one (migration 4), and `main` exists.
    assert_eq!(
        json(&["environment", "list"]),
        serde_json::json!([{ "name": "main" }, { "name": "staging" }])
    );
    // The first write seals every row; they all read back after it.
    keep().args(["update", "app", "D=4"]).assert().success();
    assert_eq!(json(&["show", "app", "--reveal"])["values"]["D"], "4");
    assert_eq!(
        json(&["show", "other", "-e", "staging", "--reveal"])["values"]["X"],
        "y"
    );
}

#[test]
fn a_server_store_of_the_previous_release_serves_its_secrets_and_tokens() {
    let data = tempfile::tempdir().expect("tempdir");
    copy_private(&fixture("v0-server"), &data.path().join("srv"));
    let read = |file: &str| {
        std::fs::read_to_string(data.path().join("srv").join(file))
            .expect("token file")
            .trim()
            .to_owned()
    };
    let (admin, ci) = (read("admin.token"), read("ci.token"));
    let server = Server::start_in(data, &[]);
    assert!(
        server.stderr().contains("sealed"),
        "the server did not say it sealed the old rows: {}",
        server.stderr()
    );
    let rt = runtime();
    let (admin, ci) = (Api::new(&server.url, &admin), Api::new(&server.url, &ci));
    let app = rt.block_on(admin.show("main", "app", "?reveal=true"));
    assert_eq!(app.status, StatusCode::OK, "{}", app.text);
    assert_eq!(app.json("show")["values"]["C"], "3");
    // The token limited to staging keeps its scope; the revoked one stays revoked.
    let other = rt.block_on(ci.show("staging", "other", "?reveal=true"));
    assert_eq!(other.status, StatusCode::OK, "{}", other.text);
    assert_eq!(other.json("show")["values"]["X"], "y");
    assert_eq!(
        rt.block_on(ci.show("main", "app", "")).status,
        StatusCode::FORBIDDEN
    );
    // Every environment that held a secret became one (migration 4), and `main` exists.
    let envs = rt.block_on(admin.call(Method::GET, "/v1/environments", None));
    assert_eq!(envs.status, StatusCode::OK, "{}", envs.text);
    assert_eq!(
        envs.json("environments")["environments"],
        serde_json::json!(["main", "staging"])
    );
    let tokens = rt.block_on(admin.call(Method::GET, "/v1/tokens", None));
    assert_eq!(tokens.status, StatusCode::OK, "{}", tokens.text);
    let tokens = tokens.json("tokens");
    let old = tokens["tokens"]
        .as_array()
        .and_then(|t| t.iter().find(|t| t["name"] == "old"))
        .cloned()
        .unwrap_or_else(|| panic!("no token `old`: {tokens}"));
    assert_eq!(old["status"], "revoked");
    let audit = rt.block_on(admin.call(Method::GET, "/v1/audit?limit=1000", None));
    assert_eq!(audit.status, StatusCode::OK);
    let audit = audit.json("audit");
    assert!(
        audit["events"]
            .as_array()
            .is_some_and(|e| e.iter().any(|e| e["action"] == "token.revoke")),
        "the old audit log is gone: {audit}"
    );
}

#[test]
fn a_store_from_before_history_gains_it_at_its_next_write_and_rolls_back_to_before() {
    let home = tempfile::tempdir().expect("tempdir");
    let store = home.path().join("keep-home");
    copy_private(&fixture("v0-local"), &store);
    let keep = || hermetic(home.path());
    let json = |args: &[&str]| -> Value {
        let out = keep().args(args).arg("--json").output().expect("run keep");
        assert!(
            out.status.success(),
            "keep {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("JSON")
    };
    // Before any write: the current version is known, as `recorded`.
    let before = json(&["history", "app"]);
    let current = before["version"].as_i64().expect("version");
    assert_eq!(
        before["versions"].as_array().map(Vec::len),
        Some(1),
        "{before}"
    );
    assert_eq!(before["versions"][0]["action"], "recorded");
    let shown = json(&["show", "app", "--version", &current.to_string(), "--reveal"]);
    assert_eq!(shown["values"]["B"], "two");
    // The first write records the version it replaces as well as its own.
    keep()
        .args(["update", "app", "B=changed"])
        .assert()
        .success();
    let after = json(&["history", "app"]);
    let versions: Vec<(i64, String)> = after["versions"]
        .as_array()
        .expect("versions")
        .iter()
        .map(|v| {
            (
                v["version"].as_i64().unwrap_or(0),
                v["action"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        versions,
        [
            (current + 1, "update".to_owned()),
            (current, "recorded".to_owned())
        ]
    );
    assert_eq!(after["versions"][0]["changed"], serde_json::json!(["B"]));
    keep()
        .args(["rollback", "app", &current.to_string(), "--yes"])
        .assert()
        .success();
    let values = json(&["show", "app", "--reveal"])["values"].clone();
    assert_eq!(values, serde_json::json!({"A": "1", "B": "two", "C": "3"}));
}

#[test]
fn a_server_store_from_before_history_gains_it_at_its_next_write() {
    let data = tempfile::tempdir().expect("tempdir");
    copy_private(&fixture("v0-server"), &data.path().join("srv"));
    let admin = std::fs::read_to_string(data.path().join("srv/admin.token"))
        .expect("token file")
        .trim()
        .to_owned();
    let server = Server::start_in(data, &[]);
    let rt = runtime();
    let api = Api::new(&server.url, &admin);
    let versions = "/v1/environments/main/secrets/app/versions";
    let before = rt.block_on(api.call(Method::GET, versions, None));
    assert_eq!(before.status, StatusCode::OK, "{}", before.text);
    let before = before.json("history");
    let current = before["version"].as_i64().expect("version");
    assert_eq!(before["versions"][0]["action"], "recorded", "{before}");
    let body = serde_json::json!({ "set": { "B": "changed" }, "if_version": current });
    let updated = rt.block_on(api.call(
        Method::PATCH,
        "/v1/environments/main/secrets/app",
        Some(body),
    ));
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.text);
    let after = rt
        .block_on(api.call(Method::GET, versions, None))
        .json("history");
    let listed: Vec<(i64, String)> = after["versions"]
        .as_array()
        .expect("versions")
        .iter()
        .map(|v| {
            (
                v["version"].as_i64().unwrap_or(0),
                v["action"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            (current + 1, "update".to_owned()),
            (current, "recorded".to_owned())
        ]
    );
    let old = rt.block_on(api.call(
        Method::GET,
        &format!("{versions}/{current}?reveal=true"),
        None,
    ));
    assert_eq!(old.status, StatusCode::OK, "{}", old.text);
    assert_eq!(old.json("version")["values"]["B"], "two");
}
