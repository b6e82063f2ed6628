//! The audit log: who did what, never a value; and no write acknowledged without its record.

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{created_token, secret, start};
use crate::support::{raw_db, runtime};

/// Every request that touches a secret or a token is recorded, with no value in the record.
#[test]
fn the_audit_log_records_who_did_what_and_never_a_value() {
    let server = start(&[("KEEP_AUTH_FAILURE_LIMIT", "0")]);
    let home = tempfile::tempdir().expect("tempdir");
    let admin = server.token.clone();
    let marker = "AUDIT-MARKER-93b1";
    let keep = |token: &str| server.keep(home.path(), token);
    keep(&admin)
        .args(["create", "db", &format!("PASSWORD={marker}")])
        .assert()
        .success();
    let reader = created_token(keep(&admin).args(["token", "create", "reader", "--read-only"]));
    keep(&reader)
        .args(["show", "db", "--reveal"])
        .assert()
        .success();
    keep(&reader)
        .args(["delete", "db", "--yes"])
        .assert()
        .code(5);
    keep("keep_not-a-real-token")
        .args(["list"])
        .assert()
        .code(5);
    keep(&admin)
        .args(["update", "db", &format!("B={marker}")])
        .assert()
        .success();
    keep(&admin)
        .args(["delete", "db", "--yes"])
        .assert()
        .success();

    let out = keep(&admin)
        .args(["audit", "--json"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let events: Vec<Value> = serde_json::from_slice(&out.stdout).expect("json");
    let seen: Vec<(String, String, String, String)> = events
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap_or_default().to_owned();
            (s("actor"), s("action"), s("target"), s("outcome"))
        })
        .collect();
    for want in [
        ("admin", "secret.create", "db", "ok"),
        ("admin", "token.create", "reader", "ok"),
        ("reader", "secret.reveal", "db", "ok"),
        ("reader", "secret.delete", "db", "forbidden"),
        ("", "secret.list", "", "unauthorized"),
        ("admin", "secret.update", "db", "ok"),
        ("admin", "secret.delete", "db", "ok"),
    ] {
        let want = (
            want.0.to_owned(),
            want.1.to_owned(),
            want.2.to_owned(),
            want.3.to_owned(),
        );
        assert!(seen.contains(&want), "{want:?} not in {seen:#?}");
    }
    for e in &events {
        assert_eq!(e["client"], "127.0.0.1");
        assert!(e["at"].as_str().is_some_and(|t| t.ends_with('Z')));
    }
    // Newest first, and `--since` in the future finds nothing.
    assert_eq!(events[0]["action"], "secret.delete");
    let out = keep(&admin)
        .args(["audit", "--since", "2999-01-01", "--json"])
        .output()
        .expect("run");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
    // Readers and the CLI without a server cannot read it.
    keep(&reader).args(["audit"]).assert().code(5);
    // The stored records hold no value.
    let db = server.data_dir().join("keep.db");
    let (rt, mut conn) = raw_db(&db);
    type Record = (String, String, Option<String>, Option<String>, String);
    let rows: Vec<Record> = rt
        .block_on(
            sqlx::query_as("SELECT actor, action, environment, target, outcome FROM audit")
                .fetch_all(&mut conn),
        )
        .expect("read audit");
    assert!(rows.len() >= 8, "{rows:?}");
    assert!(!format!("{rows:?}").contains(marker));
}

/// If its audit record cannot be stored, a write is rolled back and not acknowledged.
#[test]
fn a_write_whose_audit_record_fails_is_not_acknowledged() {
    let server = start(&[]);
    let api = server.api();
    let db = server.data_dir().join("keep.db");
    let rt = runtime();
    let r = rt.block_on(api.create("main", secret("kept", "old")));
    assert_eq!(r.status, StatusCode::CREATED);
    // What a full disk or a broken audit table looks like to the server.
    let (raw, mut conn) = raw_db(&db);
    raw.block_on(
        sqlx::query(
            "CREATE TRIGGER audit_is_full BEFORE INSERT ON audit \
             BEGIN SELECT RAISE(ABORT, 'no room for the audit log'); END",
        )
        .execute(&mut conn),
    )
    .expect("trigger");
    rt.block_on(async {
        let r = api.create("main", secret("new", "v")).await;
        assert!(r.status.is_server_error(), "{r:?}");
        let r = api.patch("main", "kept", json!({ "V": "changed" })).await;
        assert!(r.status.is_server_error(), "{r:?}");
        let r = api.delete("main", "kept").await;
        assert!(r.status.is_server_error(), "{r:?}");
        // A read is not answered either: revealing without a record would be a silent gap.
        let r = api.show("main", "kept", "?reveal=true").await;
        assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{r:?}");
        assert!(!r.text.contains("old"));
    });
    raw.block_on(sqlx::query("DROP TRIGGER audit_is_full").execute(&mut conn))
        .expect("drop");
    rt.block_on(async {
        let r = api.show("main", "new", "").await;
        assert_eq!(
            r.status,
            StatusCode::NOT_FOUND,
            "the unacknowledged create was stored"
        );
        let r = api.show("main", "kept", "?reveal=true").await;
        assert_eq!(
            r.json("kept")["values"]["V"],
            "old",
            "the unacknowledged update was stored"
        );
    });
}
