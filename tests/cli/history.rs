//! History: every write makes a version, kept and listed (who, which keys), shown, exported,
//! compared and rolled back; retention; `--if-version` under a real race; rename and copy.

use predicates::prelude::*;
use serde_json::{Value, json};

use crate::both_modes;
use crate::support::{Env, Mode, Server, json, pg};

/// `(version, action)` of each entry of `keep history NAME --json`, newest first.
fn actions(env: &Env, name: &str, extra: &[&str]) -> Vec<(i64, String)> {
    let mut args = vec!["history", name];
    args.extend_from_slice(extra);
    let h = json(env, &args, 0);
    h["versions"]
        .as_array()
        .expect("versions")
        .iter()
        .map(|v| {
            (
                v["version"].as_i64().expect("version"),
                v["action"].as_str().expect("action").to_owned(),
            )
        })
        .collect()
}

/// The creation time of the secret a `create --json` report names, read by its id.
fn c_created(env: &Env, report: &Value) -> Value {
    let id = report["id"].as_str().expect("id");
    json(env, &["show", id], 0)["created_at"].clone()
}

fn pairs(list: &[(i64, &str)]) -> Vec<(i64, String)> {
    list.iter().map(|(v, a)| (*v, (*a).to_owned())).collect()
}

both_modes!(
    fn every_kind_of_write_makes_a_version(env) {
        let c = json(env, &["create", "db", "A=1", "B=2"], 0);
        assert_eq!(c["version"], 1);
        assert_eq!(json(env, &["show", "db"], 0)["version"], 1);
        assert_eq!(json(env, &["update", "db", "B=3", "C=4"], 0)["version"], 2);
        assert_eq!(json(env, &["create", "db", "A=9", "--force"], 0)["version"], 3);
        // `--allow-existing` writes nothing.
        assert_eq!(json(env, &["create", "db", "A=0", "--allow-existing"], 0)["version"], 3);
        let r = json(env, &["rollback", "db", "2", "--yes"], 0);
        assert_eq!((r["version"].as_i64(), r["restored"].as_i64()), (Some(4), Some(2)));
        let n = json(env, &["rename", "db", "db2"], 0);
        assert_eq!((n["version"].as_i64(), &n["previous_name"]), (Some(5), &json!("db")));
        assert_eq!(n["id"], c["id"], "a rename keeps the id");
        json(env, &["environment", "create", "staging"], 0);
        let copy = json(env, &["copy", "db2", "--to-env", "staging"], 0);
        assert_eq!((copy["version"].as_i64(), &copy["from"]), (Some(1), &json!("main/db2")));
        assert_ne!(copy["id"], c["id"], "a copy is a secret of its own");
        assert_eq!(
            actions(env, "db2", &[]),
            pairs(&[(5, "rename"), (4, "rollback"), (3, "replace"), (2, "update"), (1, "create")])
        );
        assert_eq!(actions(env, "db2", &["-e", "staging"]), pairs(&[(1, "copy")]));
        assert_eq!(actions(env, "db2", &["--max", "2"]).len(), 2);
        let shown = json(env, &["show", "db2", "--reveal"], 0);
        assert_eq!(shown["values"], json!({"A": "1", "B": "3", "C": "4"}));
        assert_eq!(shown["version"], 5);
        // Renaming keeps the creation; the old name is gone.
        assert_eq!(shown["created_at"], c_created(env, &c));
        json(env, &["show", "db"], 3);
    }
);

both_modes!(
    fn history_names_who_and_which_keys_never_values(env) {
        json(env, &["create", "db", "USER=u", "PASSWORD=hunter2"], 0);
        // A create alone: its first version, from the secret's own row.
        let first = json(env, &["history", "db"], 0);
        assert_eq!(first["versions"].as_array().map(Vec::len), Some(1), "{first}");
        let v1 = &first["versions"][0];
        assert_eq!((v1["action"].as_str(), &v1["created_by"]), (Some("create"), &json!(env.actor())));
        assert_eq!(v1["added"], json!(["PASSWORD", "USER"]));
        let shown = json(env, &["show", "db", "--version", "1", "--reveal"], 0);
        assert_eq!(shown["values"], json!({"PASSWORD": "hunter2", "USER": "u"}));
        json(env, &["update", "db", "PASSWORD=hunter3", "HOST=h", "--unset", "USER"], 0);
        let h = json(env, &["history", "db"], 0);
        assert_eq!(h["version"], 2);
        let v2 = &h["versions"][0];
        assert_eq!(v2["created_by"], env.actor());
        assert_eq!(v2["added"], json!(["HOST"]));
        assert_eq!(v2["changed"], json!(["PASSWORD"]));
        assert_eq!(v2["removed"], json!(["USER"]));
        assert_eq!(v2["keys"], json!(["HOST", "PASSWORD"]));
        // The first version, recorded by the update as the create made it.
        assert_eq!(h["versions"][1], first["versions"][0]);
        let text = env.keep().args(["history", "db"]).output().expect("run");
        assert!(text.status.success());
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains("+HOST ~PASSWORD -USER"), "{text}");
        assert!(text.contains(env.actor()), "{text}");
        assert!(!text.contains("hunter") && !h.to_string().contains("hunter"), "{text}");
        json(env, &["history", "nope"], 3);
    }
);

both_modes!(
    fn old_versions_are_shown_exported_and_compared(env) {
        json(env, &["create", "db", "A=1", "B=2"], 0);
        json(env, &["update", "db", "B=3", "C=4"], 0);
        json(env, &["update", "db", "--unset", "A"], 0);
        let v1 = json(env, &["show", "db", "--version", "1"], 0);
        assert_eq!((v1["version"].as_i64(), v1["current_version"].as_i64()), (Some(1), Some(3)));
        assert!(v1.get("values").is_none(), "values only with --reveal: {v1}");
        let v1 = json(env, &["show", "db", "--version", "1", "--reveal"], 0);
        assert_eq!(v1["values"], json!({"A": "1", "B": "2"}));
        let out = env.keep().args(["export", "db", "--version", "2"]).output().expect("run");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8_lossy(&out.stdout), "A='1'\nB='3'\nC='4'\n");
        // By default the previous version with the current one.
        let d = json(env, &["diff", "db"], 0);
        assert_eq!((d["from"].as_i64(), d["to"].as_i64()), (Some(2), Some(3)));
        assert_eq!((&d["added"], &d["changed"], &d["removed"]), (&json!([]), &json!([]), &json!(["A"])));
        assert!(!d.to_string().contains("\"1\""), "no values without --reveal: {d}");
        let d = json(env, &["diff", "db", "1", "3", "--reveal"], 0);
        assert_eq!(d["changed"], json!(["B"]));
        assert_eq!(d["keys"], json!([
            {"key": "A", "change": "removed", "before": "1"},
            {"key": "B", "change": "changed", "before": "2", "after": "3"},
            {"key": "C", "change": "added", "after": "4"},
        ]));
        let text = env.keep().args(["diff", "db", "1"]).output().expect("run");
        assert_eq!(String::from_utf8_lossy(&text.stdout), "- A\n~ B\n+ C\n");
        let e = json(env, &["show", "db", "--version", "9"], 3);
        assert_eq!(e["error"]["code"], "not_found");
        json(env, &["create", "one", "K=v"], 0);
        json(env, &["diff", "one"], 2);
    }
);

both_modes!(
    fn rollback_writes_the_old_values_as_a_new_version(env) {
        json(env, &["create", "db", "A=1"], 0);
        json(env, &["update", "db", "A=2", "B=x"], 0);
        // Not on a terminal: no prompt, so --yes is needed.
        env.keep()
            .args(["rollback", "db", "1"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--yes"));
        assert_eq!(json(env, &["show", "db"], 0)["version"], 2, "nothing was written");
        json(env, &["rollback", "db", "1", "--yes"], 0);
        assert_eq!(json(env, &["show", "db", "--reveal"], 0)["values"], json!({"A": "1"}));
        let h = json(env, &["history", "db"], 0);
        let v3 = &h["versions"][0];
        assert_eq!((v3["action"].as_str(), v3["from"].as_str()), (Some("rollback"), Some("1")));
        assert_eq!((&v3["changed"], &v3["removed"]), (&json!(["A"]), &json!(["B"])));
        // The rollback can itself be rolled back: version 2 is still there.
        json(env, &["rollback", "db", "2", "--yes"], 0);
        assert_eq!(json(env, &["show", "db", "--reveal"], 0)["values"], json!({"A": "2", "B": "x"}));
        json(env, &["rollback", "db", "7", "--yes"], 3);
        let e = json(env, &["rollback", "db", "1", "--yes", "--if-version", "3"], 4);
        assert_eq!(e["error"]["code"], "version_conflict");
    }
);

both_modes!(
    fn rollback_asks_on_a_terminal(env) {
        json(env, &["create", "db", "A=1"], 0);
        json(env, &["update", "db", "A=2"], 0);
        let no = env.on_terminal(&["rollback", "db", "1"], &[("Roll back", "n")]);
        assert_eq!(no.code, Some(2), "{}", no.text);
        assert_eq!(json(env, &["show", "db"], 0)["version"], 2);
        let yes = env.on_terminal(&["rollback", "db", "1"], &[("Roll back", "y")]);
        assert_eq!(yes.code, Some(0), "{}", yes.text);
        assert_eq!(json(env, &["show", "db", "--reveal"], 0)["values"], json!({"A": "1"}));
    }
);

both_modes!(
    fn if_version_lets_exactly_one_of_two_racing_writers_win(env) {
        for round in 0..3 {
            let name = format!("s{round}");
            json(env, &["create", &name, "BASE=1"], 0);
            let writers: Vec<_> = (0..2)
                .map(|i| {
                    let mut cmd = std::process::Command::new(crate::support::bin());
                    cmd.env_clear()
                        .envs(crate::support::hermetic_vars(env.dir.path()))
                        .args(["update", &name, &format!("W=w{i}"), "--if-version", "1", "--json"])
                        .stdout(std::process::Stdio::piped())
                        .stderr(std::process::Stdio::piped());
                    if let Some(s) = &env.server {
                        cmd.env("KEEP_SERVER", &s.url).env("KEEP_TOKEN", &s.token);
                    }
                    cmd.spawn().expect("spawn")
                })
                .collect();
            let outcomes: Vec<_> = writers.into_iter().map(|c| c.wait_with_output().expect("wait")).collect();
            let mut codes: Vec<i32> = outcomes.iter().map(|o| o.status.code().unwrap_or(-1)).collect();
            codes.sort_unstable();
            assert_eq!(codes, [0, 4], "{outcomes:?}");
            let lost = outcomes.iter().find(|o| o.status.code() == Some(4)).expect("a loser");
            let e: Value = serde_json::from_slice(&lost.stderr).expect("JSON error");
            assert_eq!(e["error"]["code"], "version_conflict");
            assert!(e["error"]["message"].as_str().unwrap_or_default().contains("version 2"), "{e}");
            assert_eq!(json(env, &["show", &name], 0)["version"], 2);
        }
        let ok = json(env, &["update", "s0", "X=1", "--if-version", "2"], 0);
        assert_eq!(ok["version"], 3);
    }
);

both_modes!(
    fn rename_keeps_history_and_refuses_a_name_in_use(env) {
        json(env, &["create", "a", "K=1"], 0);
        json(env, &["update", "a", "K=2"], 0);
        json(env, &["create", "b", "K=b"], 0);
        let e = json(env, &["rename", "a", "b"], 4);
        assert_eq!(e["error"]["code"], "already_exists");
        assert!(e["error"]["message"].as_str().unwrap_or_default().contains("`b`"), "{e}");
        assert!(!e.to_string().contains("--allow-existing"), "not a flag of rename: {e}");
        json(env, &["rename", "a", "a"], 2);
        json(env, &["rename", "nope", "c"], 3);
        json(env, &["rename", "a", "c"], 0);
        assert_eq!(json(env, &["show", "c", "--version", "1", "--reveal"], 0)["values"], json!({"K": "1"}));
        assert_eq!(json(env, &["history", "c"], 0)["versions"][0]["from"], "a");
        json(env, &["rollback", "c", "1", "--yes"], 0);
        assert_eq!(json(env, &["show", "c", "--reveal"], 0)["values"], json!({"K": "1"}));
    }
);

both_modes!(
    fn copy_makes_a_new_secret_and_force_replaces(env) {
        json(env, &["create", "db", "K=1"], 0);
        json(env, &["update", "db", "K=2"], 0);
        json(env, &["environment", "create", "staging"], 0);
        json(env, &["copy", "db"], 2);
        json(env, &["copy", "db", "--to-env", "nope"], 3);
        json(env, &["copy", "db", "--as", "db"], 2);
        let c = json(env, &["copy", "db", "--to-env", "staging", "--as", "db-main"], 0);
        assert_eq!((c["created"].as_bool(), c["version"].as_i64()), (Some(true), Some(1)));
        assert_eq!(json(env, &["show", "db-main", "-e", "staging", "--reveal"], 0)["values"], json!({"K": "2"}));
        let e = json(env, &["copy", "db", "--to-env", "staging", "--as", "db-main"], 4);
        let message = e["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains("--force") && !e.to_string().contains("--allow-existing"), "{e}");
        json(env, &["update", "db", "K=3"], 0);
        let f = json(env, &["copy", "db", "--to-env", "staging", "--as", "db-main", "--force"], 0);
        assert_eq!((f["replaced"].as_bool(), f["version"].as_i64()), (Some(true), Some(2)));
        assert_eq!(actions(env, "db-main", &["-e", "staging"]), pairs(&[(2, "copy"), (1, "copy")]));
        assert_eq!(json(env, &["show", "db-main", "-e", "staging", "--reveal"], 0)["values"], json!({"K": "3"}));
    }
);

both_modes!(
    fn deleting_a_secret_deletes_its_history(env) {
        json(env, &["create", "db", "OLD=1"], 0);
        json(env, &["update", "db", "OLD=2"], 0);
        env.keep().args(["delete", "db", "--yes"]).assert().success();
        json(env, &["create", "db", "NEW=1"], 0);
        let h = json(env, &["history", "db"], 0);
        assert_eq!(h["versions"].as_array().map(Vec::len), Some(1), "{h}");
        json(env, &["show", "db", "--version", "2"], 3);
        let help = env.keep().args(["delete", "--help"]).output().expect("run");
        assert!(String::from_utf8_lossy(&help.stdout).contains("history"));
    }
);

/// A world whose store keeps `n` versions of each secret: `KEEP_MAX_VERSIONS` for the local
/// store, `keep serve --max-versions` for a server.
fn keeping(mode: Mode, n: &str) -> Option<Env> {
    let dir = tempfile::tempdir().expect("tempdir");
    let (server, database_url) = match mode {
        Mode::Local => (None, None),
        Mode::Remote => (Some(Server::start_with(&["--max-versions", n], &[])), None),
        Mode::Postgres => {
            let url = pg::shared()?.database();
            let env = [
                ("KEEP_DATABASE_URL", url.as_str()),
                ("KEEP_MAX_VERSIONS", n),
            ];
            (
                Some(Server::start_in(
                    tempfile::tempdir().expect("tempdir"),
                    &env,
                )),
                Some(url),
            )
        }
    };
    Some(Env {
        dir,
        server,
        mode,
        database_url,
    })
}

#[test]
fn retention_keeps_the_newest_versions_and_zero_keeps_all() {
    for mode in [Mode::Local, Mode::Remote, Mode::Postgres] {
        let Some(env) = keeping(mode, "3") else {
            pg::skipped("retention_keeps_the_newest_versions_and_zero_keeps_all");
            continue;
        };
        let run = |args: &[&str], code: i32| {
            let out = env
                .keep()
                .env("KEEP_MAX_VERSIONS", "3")
                .args(args)
                .arg("--json")
                .output()
                .expect("run");
            assert_eq!(
                out.status.code(),
                Some(code),
                "{mode:?} {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            serde_json::from_slice::<Value>(if code == 0 { &out.stdout } else { &out.stderr })
                .expect("JSON")
        };
        run(&["create", "db", "V=1"], 0);
        for i in 2..=3 {
            run(&["update", "db", &format!("V={i}")], 0);
        }
        let listed = |h: Value| -> Vec<i64> {
            h["versions"]
                .as_array()
                .expect("versions")
                .iter()
                .filter_map(|v| v["version"].as_i64())
                .collect()
        };
        assert_eq!(
            listed(run(&["history", "db"], 0)),
            [3, 2, 1],
            "{mode:?}: at the limit"
        );
        run(&["update", "db", "V=4"], 0);
        assert_eq!(
            listed(run(&["history", "db"], 0)),
            [4, 3, 2],
            "{mode:?}: one past it"
        );
        run(&["show", "db", "--version", "1"], 3);
        run(&["rollback", "db", "2", "--yes"], 0);
        assert_eq!(listed(run(&["history", "db"], 0)), [5, 4, 3], "{mode:?}");
    }
    for mode in [Mode::Local, Mode::Remote] {
        let env = keeping(mode, "0").expect("env");
        let keep = || {
            let mut c = env.keep();
            c.env("KEEP_MAX_VERSIONS", "0");
            c
        };
        keep().args(["create", "db", "V=0"]).assert().success();
        for i in 1..25 {
            keep()
                .args(["update", "db", &format!("V={i}")])
                .assert()
                .success();
        }
        let out = keep()
            .args(["history", "db", "--max", "100", "--json"])
            .output()
            .expect("run");
        let h: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(
            h["versions"].as_array().map(Vec::len),
            Some(25),
            "{mode:?}: 0 keeps all"
        );
    }
    // The default is 20.
    let env = Env::new(Mode::Local);
    json(&env, &["create", "db", "V=0"], 0);
    for i in 1..22 {
        json(&env, &["update", "db", &format!("V={i}")], 0);
    }
    let h = json(&env, &["history", "db", "--max", "100"], 0);
    assert_eq!(h["versions"].as_array().map(Vec::len), Some(20));
    assert_eq!(h["versions"][19]["version"], 3);
    env.keep()
        .env("KEEP_MAX_VERSIONS", "lots")
        .args(["update", "db", "V=x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("KEEP_MAX_VERSIONS"));
}

/// A token made with `keep token create NAME ARGS` on `env`'s server.
fn token(env: &Env, name: &str, args: &[&str]) -> String {
    let mut all = vec!["token", "create", name];
    all.extend_from_slice(args);
    json(env, &all, 0)["token"]
        .as_str()
        .expect("token")
        .to_owned()
}

/// `keep ARGS --json` with `token`: the exit code and the document.
fn with_token(env: &Env, token: &str, args: &[&str]) -> (Option<i32>, Value) {
    let out = env
        .keep()
        .env("KEEP_TOKEN", token)
        .args(args)
        .arg("--json")
        .output()
        .expect("run");
    let text = if out.status.success() {
        &out.stdout
    } else {
        &out.stderr
    };
    (
        out.status.code(),
        serde_json::from_slice(text).unwrap_or(Value::Null),
    )
}

#[test]
fn rename_copy_and_rollback_need_write_access_and_are_audited() {
    for mode in [Mode::Remote, Mode::Postgres] {
        let env = match mode {
            Mode::Postgres => match Env::postgres() {
                Some(env) => env,
                None => {
                    pg::skipped("rename_copy_and_rollback_need_write_access_and_are_audited");
                    continue;
                }
            },
            _ => Env::new(mode),
        };
        json(&env, &["environment", "create", "staging"], 0);
        json(&env, &["create", "db", "K=1"], 0);
        json(&env, &["update", "db", "K=2"], 0);
        let reader = token(&env, "reader", &["--read-only"]);
        let main_only = token(&env, "main-only", &["-e", "main"]);
        let staging_only = token(&env, "staging-only", &["-e", "staging"]);
        for (token, args) in [
            (&reader, &["rename", "db", "db2"][..]),
            (&reader, &["rollback", "db", "1", "--yes"]),
            (&reader, &["update", "db", "K=3", "--if-version", "2"]),
            // Copying needs write access to the target environment...
            (&reader, &["copy", "db", "--to-env", "staging"]),
            (&main_only, &["copy", "db", "--to-env", "staging"]),
            // ...and read access to the source.
            (&staging_only, &["copy", "db", "--to-env", "staging"]),
            (&staging_only, &["history", "db"]),
        ] {
            let (code, e) = with_token(&env, token, args);
            assert_eq!(code, Some(5), "{mode:?} {args:?}: {e}");
            assert_eq!(e["error"]["code"], "forbidden", "{mode:?} {args:?}: {e}");
        }
        assert_eq!(
            json(&env, &["show", "db"], 0)["version"],
            2,
            "{mode:?}: nothing changed"
        );
        // A reader reads the history and old versions.
        let (code, h) = with_token(&env, &reader, &["history", "db"]);
        assert_eq!(
            (code, h["versions"].as_array().map(Vec::len)),
            (Some(0), Some(2)),
            "{h}"
        );
        let (code, v) = with_token(&env, &reader, &["show", "db", "--version", "1", "--reveal"]);
        assert_eq!((code, &v["values"]), (Some(0), &json!({"K": "1"})), "{v}");
        // A token for both environments copies; its name is the copy's author.
        let both = token(&env, "both", &["-e", "main", "-e", "staging"]);
        let (code, c) = with_token(&env, &both, &["copy", "db", "--to-env", "staging"]);
        assert_eq!(code, Some(0), "{mode:?}: {c}");
        let h = json(&env, &["history", "db", "-e", "staging"], 0);
        assert_eq!(h["versions"][0]["created_by"], "both");
        let (code, _) = with_token(&env, &main_only, &["rollback", "db", "1", "--yes"]);
        assert_eq!(code, Some(0));
        let (code, _) = with_token(&env, &main_only, &["rename", "db", "db2"]);
        assert_eq!(code, Some(0));
        let audit = json(&env, &["audit", "--max", "100"], 0);
        let seen: Vec<(String, String, String)> = audit
            .as_array()
            .expect("events")
            .iter()
            .map(|e| {
                let s = |k: &str| e[k].as_str().unwrap_or_default().to_owned();
                (s("action"), s("actor"), s("outcome"))
            })
            .collect();
        for (action, actor, outcome) in [
            ("secret.copy", "both", "ok"),
            ("secret.rollback", "main-only", "ok"),
            ("secret.rename", "main-only", "ok"),
            ("secret.rename", "reader", "forbidden"),
            ("secret.history", "reader", "ok"),
            ("secret.reveal", "reader", "ok"),
        ] {
            let want = (action.to_owned(), actor.to_owned(), outcome.to_owned());
            assert!(seen.contains(&want), "{mode:?}: no {want:?} in {seen:?}");
        }
    }
}

both_modes!(
    fn a_write_that_changes_no_value_makes_no_version(env) {
        json(env, &["create", "s", "A=1"], 0);
        json(env, &["update", "s", "A=2"], 0);
        let before = json(env, &["show", "s"], 0);
        assert_eq!(before["version"], 2);
        // The same value, a key that is not there to remove, a rollback to the same values.
        let u = json(env, &["update", "s", "A=2"], 0);
        assert_eq!(u["version"], 2);
        json(env, &["update", "s", "--unset", "NOPE"], 0);
        json(env, &["rollback", "s", "2", "--yes"], 0);
        assert_eq!(json(env, &["show", "s"], 0)["updated_at"], before["updated_at"]);
        assert_eq!(actions(env, "s", &[]), pairs(&[(2, "update"), (1, "create")]));
        // Input that holds no variable at all is refused: a failed `sops -d | keep update`.
        env.keep()
            .args(["update", "s", "--from-dotenv", "-"])
            .write_stdin("")
            .assert()
            .code(2)
            .stderr(predicate::str::contains("nothing to update"));
        env.keep()
            .args(["update", "s", "--from-json", "-"])
            .write_stdin("{}")
            .assert()
            .code(2)
            .stderr(predicate::str::contains("nothing to update"));
        assert_eq!(json(env, &["show", "s"], 0)["version"], 2);
    }
);

/// Over HTTP: an empty update and a version below 1 are the client's mistakes (400).
#[test]
fn the_api_refuses_empty_updates_and_versions_below_one() {
    use reqwest::Method;
    let env = Env::new(Mode::Remote);
    json(&env, &["create", "s", "A=1"], 0);
    let api = env.server.as_ref().expect("server").api();
    let rt = crate::support::runtime();
    let path = "/v1/environments/main/secrets/s";
    for body in [
        json!({}),
        json!({"set": {}, "unset": []}),
        json!({"set": {"A": "x"}, "if_version": 0}),
        json!({"set": {"A": "x"}, "if_version": -5}),
    ] {
        let r = rt.block_on(api.call(Method::PATCH, path, Some(body.clone())));
        assert_eq!(r.status, 400, "{body}: {r:?}");
        assert_eq!(
            r.json("error")["error"]["code"],
            "invalid_input",
            "{body}: {r:?}"
        );
    }
    let r = rt.block_on(api.call(
        Method::POST,
        &format!("{path}/rollback"),
        Some(json!({"version": 1, "if_version": 0})),
    ));
    assert_eq!(r.status, 400, "{r:?}");
    assert_eq!(json(&env, &["show", "s"], 0)["version"], 1);
}
