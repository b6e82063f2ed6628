//! Someone who can write the database but does not hold the master key (the operator of a
//! shared PostgreSQL, a backup restored by the wrong person): every change to a row that
//! carries authority is refused as an integrity error, and no value comes out.

use std::path::PathBuf;

use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::support::pg;
use crate::support::{Api, Env, Mode, Reply, Server, hermetic, runtime};

/// Where a test's database is, to write to it behind keep's back.
enum Database {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Database {
    fn of(env: &Env) -> Self {
        match env.mode {
            Mode::Local => Database::Sqlite(env.path("keep-home/keep.db")),
            Mode::Remote => Database::Sqlite(server(env).data_dir().join("keep.db")),
            Mode::Postgres => Database::Postgres(env.database_url.clone().expect("url")),
        }
    }

    /// Runs `sql` outside keep; an UPDATE or DELETE must change at least one row.
    fn tamper(&self, sql: &str) {
        let must_change = sql.starts_with("UPDATE") || sql.starts_with("DELETE");
        let sql = sql.to_owned();
        let changed = runtime().block_on(async move {
            use sqlx::Connection;
            match self {
                Database::Sqlite(path) => {
                    let url = format!("sqlite://{}", path.display());
                    let mut c = sqlx::SqliteConnection::connect(&url).await.expect("open");
                    sqlx::query(sqlx::AssertSqlSafe(sql))
                        .execute(&mut c)
                        .await
                        .expect("tamper")
                        .rows_affected()
                }
                Database::Postgres(url) => {
                    let mut c = sqlx::PgConnection::connect(url).await.expect("connect");
                    sqlx::query(sqlx::AssertSqlSafe(sql))
                        .execute(&mut c)
                        .await
                        .expect("tamper")
                        .rows_affected()
                }
            }
        });
        assert!(changed > 0 || !must_change, "the tamper changed nothing");
    }
}

fn server(env: &Env) -> &Server {
    env.server.as_ref().expect("a server")
}

/// Runs `scenario` on `keep serve` on SQLite and on PostgreSQL.
fn on_servers(name: &str, scenario: fn(&Env)) {
    scenario(&Env::new(Mode::Remote));
    match Env::postgres() {
        Some(env) => scenario(&env),
        None => pg::skipped(name),
    }
}

/// `GET path` on the test's server with `token`.
fn get(env: &Env, token: &str, path: &str) -> Reply {
    let api = Api::new(&server(env).url, token);
    runtime().block_on(api.call(Method::GET, path, None))
}

#[track_caller]
fn assert_integrity(what: &str, reply: Reply) {
    let body = &reply.text;
    assert_eq!(
        reply.status,
        StatusCode::INTERNAL_SERVER_ERROR,
        "{what}: {body}"
    );
    let v: Value = serde_json::from_str(body).expect("JSON");
    assert_eq!(v["error"]["code"], "integrity", "{what}: {body}");
    assert!(!body.contains("s3cret"), "{what}: a value came out: {body}");
}

/// A token made with `keep token create NAME ARGS`, as printed with `--json`.
fn token(env: &Env, name: &str, args: &[&str]) -> String {
    let out = env
        .keep()
        .args(["token", "create", name, "--json"])
        .args(args)
        .output()
        .expect("run keep");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    v["token"].as_str().expect("token").to_owned()
}

#[test]
fn a_token_given_admin_in_the_database_is_refused() {
    on_servers("a_token_given_admin_in_the_database_is_refused", |env| {
        env.keep()
            .args(["create", "app", "A=s3cret"])
            .assert()
            .success();
        let staging = token(env, "ci", &["-e", "staging"]);
        let reveal = "/v1/environments/main/secrets/app?reveal=true";
        assert_eq!(get(env, &staging, reveal).status, StatusCode::FORBIDDEN);
        let db = Database::of(env);
        db.tamper("UPDATE tokens SET admin = TRUE, environments = NULL WHERE name = 'ci'");
        assert_integrity("admin set in the database", get(env, &staging, reveal));
        // The listing names the tampered token rather than showing it as it now reads.
        env.keep().args(["token", "list"]).assert().code(1);
    });
}

#[test]
fn a_revoked_token_brought_back_in_the_database_is_refused() {
    on_servers(
        "a_revoked_token_brought_back_in_the_database_is_refused",
        |env| {
            env.keep()
                .args(["create", "app", "A=s3cret"])
                .assert()
                .success();
            let gone = token(env, "gone", &[]);
            let path = "/v1/environments/main/secrets/app";
            assert_eq!(get(env, &gone, path).status, StatusCode::OK);
            env.keep()
                .args(["token", "revoke", "gone"])
                .assert()
                .success();
            assert_eq!(get(env, &gone, path).status, StatusCode::UNAUTHORIZED);
            let db = Database::of(env);
            db.tamper("UPDATE tokens SET revoked_at = NULL WHERE name = 'gone'");
            assert_integrity("revocation cleared", get(env, &gone, path));
            // Its version put back as well: still refused (the version is sealed too).
            db.tamper("UPDATE tokens SET version = 1 WHERE name = 'gone'");
            assert_integrity("revocation and version cleared", get(env, &gone, path));
            // A seal removed: refused, since every row of this store was sealed.
            db.tamper("UPDATE tokens SET seal = NULL WHERE name = 'gone'");
            assert_integrity("seal removed", get(env, &gone, path));
        },
    );
}

crate::both_modes! {
    fn an_edited_key_list_or_a_moved_row_is_refused(env) {
        env.keep().args(["create", "app", "A=s3cret"]).assert().success();
        env.keep().args(["create", "other", "B=s3cret"]).assert().success();
        env.keep().args(["show", "app", "--require", "EXTRA"]).assert().code(2);
        let db = Database::of(env);
        db.tamper(r#"UPDATE secrets SET keys = '["A","EXTRA"]' WHERE name = 'app'"#);
        for args in [
            &["show", "app", "--require", "EXTRA"][..],
            &["show", "app"],
            &["show", "app", "--reveal"],
            &["list"],
            &["update", "app", "B=2"],
            &["create", "app", "A=3", "--force"],
        ] {
            let out = env.keep().args(args).output().expect("run keep");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "keep {args:?}: {stderr}");
            assert!(stderr.contains("integrity"), "keep {args:?}: {stderr}");
            assert!(!stderr.contains("s3cret") && !out.stdout.windows(6).any(|w| w == b"s3cret"));
        }
        // Moved to another environment, or renamed: refused where it now appears.
        db.tamper("UPDATE secrets SET environment = 'staging' WHERE name = 'other'");
        let out = env.keep().args(["show", "other", "-e", "staging"]).output().expect("run");
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        db.tamper("UPDATE secrets SET environment = 'main', name = 'renamed' WHERE name = 'other'");
        let out = env.keep().args(["show", "renamed"]).output().expect("run");
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    }
}

crate::both_modes! {
    fn older_values_put_back_under_the_current_version_are_refused(env) {
        env.keep().args(["create", "app", "A=s3cret-old"]).assert().success();
        let db = Database::of(env);
        db.tamper("CREATE TABLE saved AS SELECT id, wrapped_key, ciphertext, key_id FROM secrets");
        env.keep().args(["update", "app", "A=s3cret-new"]).assert().success();
        db.tamper(
            "UPDATE secrets SET wrapped_key = (SELECT wrapped_key FROM saved WHERE saved.id = secrets.id), \
             ciphertext = (SELECT ciphertext FROM saved WHERE saved.id = secrets.id)",
        );
        let out = env.keep().args(["show", "app", "--reveal"]).output().expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("integrity"), "{stderr}");
        assert!(!out.stdout.windows(6).any(|w| w == b"s3cret"));
    }
}

/// A store whose rows were written before seals (seal NULL, no `rows_sealed`) is read as it
/// is, sealed by its first write, and from then on an unsealed row is refused.
#[test]
fn a_store_from_before_seals_is_sealed_once_then_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let keep = || hermetic(dir.path());
    keep().args(["create", "app", "A=1"]).assert().success();
    let db = Database::Sqlite(dir.path().join("keep-home/keep.db"));
    db.tamper("UPDATE secrets SET seal = NULL");
    db.tamper("DELETE FROM meta WHERE name = 'rows_sealed'");
    keep().args(["show", "app", "--reveal"]).assert().success();
    keep().args(["list"]).assert().success();
    keep().args(["create", "b", "B=1"]).assert().success();
    db.tamper("UPDATE secrets SET seal = NULL WHERE name = 'app'");
    keep().args(["show", "app"]).assert().code(1);
}

crate::both_modes! {
    fn an_old_version_moved_to_another_secret_or_number_does_not_open(env) {
        let id = |name: &str| -> String {
            let out = env.keep().args(["show", name, "--json"]).output().expect("run");
            let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
            v["id"].as_str().expect("id").to_owned()
        };
        env.keep().args(["create", "app", "A=s3cret-1"]).assert().success();
        env.keep().args(["update", "app", "A=s3cret-2"]).assert().success();
        env.keep().args(["create", "other", "A=other-1"]).assert().success();
        env.keep().args(["update", "other", "A=other-2"]).assert().success();
        let (app, other) = (id("app"), id("other"));
        let refused = |args: &[&str]| {
            let out = env.keep().args(args).output().expect("run keep");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "keep {args:?}: {stderr}");
            assert!(stderr.contains("integrity"), "keep {args:?}: {stderr}");
            assert!(!out.stdout.windows(6).any(|w| w == b"s3cret"), "keep {args:?}");
        };
        let db = Database::of(env);
        // Version 1 of `app` sealed onto version 1 of `other` (the same keys, so only the
        // binding to the secret can tell).
        db.tamper(&format!(
            "UPDATE secret_versions SET key_id = (SELECT key_id FROM secret_versions s \
             WHERE s.secret_id = '{app}' AND s.version = 1), wrapped_key = (SELECT wrapped_key \
             FROM secret_versions s WHERE s.secret_id = '{app}' AND s.version = 1), ciphertext = \
             (SELECT ciphertext FROM secret_versions s WHERE s.secret_id = '{app}' AND s.version = 1) \
             WHERE secret_id = '{other}' AND version = 1"
        ));
        refused(&["show", "other", "--version", "1", "--reveal"]);
        refused(&["rollback", "other", "1", "--yes"]);
        refused(&["diff", "other", "1", "2"]);
        // Version 1 of `app` sealed onto its version 2 (another number).
        db.tamper(&format!(
            "UPDATE secret_versions SET wrapped_key = (SELECT wrapped_key FROM secret_versions s \
             WHERE s.secret_id = '{app}' AND s.version = 1), ciphertext = (SELECT ciphertext \
             FROM secret_versions s WHERE s.secret_id = '{app}' AND s.version = 1) \
             WHERE secret_id = '{app}' AND version = 2"
        ));
        refused(&["show", "app", "--version", "2", "--reveal"]);
        env.keep().args(["show", "app", "--version", "1", "--reveal"]).assert().success();
        // A whole version row given to another secret: its seal names its secret.
        db.tamper(&format!(
            "UPDATE secret_versions SET secret_id = '{other}', version = 9 \
             WHERE secret_id = '{app}' AND version = 1"
        ));
        refused(&["history", "other"]);
        refused(&["show", "other", "--version", "9"]);
        // Who wrote a version, edited: refused too.
        db.tamper(&format!(
            "UPDATE secret_versions SET created_by = 'mallory' WHERE secret_id = '{app}' AND version = 2"
        ));
        refused(&["history", "app"]);
        // The hint fits a damaged history: the current values still read.
        env.keep()
            .args(["history", "app"])
            .assert()
            .code(1)
            .stderr(predicates::str::contains("the current values are a row of their own"));
        assert!(crate::support::json(env, &["show", "app", "--reveal"], 0)["values"].is_object());
    }
}
