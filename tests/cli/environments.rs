//! `keep environment` (`keep env`): list, create and delete, in both modes; environments that
//! do not exist are refused with near names, on reads and on writes (issue #12).

use predicates::prelude::*;
use serde_json::{Value, json};

use crate::both_modes;
use crate::support::{Env, json};

/// The names `keep environment list --json` prints.
fn names(env: &Env) -> Vec<String> {
    let listed = json(env, &["environment", "list"], 0);
    listed
        .as_array()
        .expect("array")
        .iter()
        .map(|e| e["name"].as_str().expect("name").to_owned())
        .collect()
}

/// The `error` object of a failed command's `--json` output.
fn error(env: &Env, args: &[&str], code: i32) -> Value {
    json(env, args, code)["error"].clone()
}

both_modes!(
    fn environments_are_created_listed_and_deleted(env) {
        // A fresh store has `main`, and reading a store that does not exist creates nothing.
        if env.server.is_none() {
            assert_eq!(error(env, &["environment", "list"], 3)["code"], "no_store");
        }
        let c = json(env, &["environment", "create", "staging"], 0);
        assert_eq!(c["name"], "staging");
        assert_eq!(c["created"], true);
        assert_eq!(c["store"], env.store());
        assert_eq!(names(env), ["main", "staging"]);
        // The alias, and a second create of the same name (exit 4).
        env.keep().args(["env", "create", "dev"]).assert().success();
        assert_eq!(error(env, &["env", "create", "dev"], 4)["code"], "already_exists");
        assert_eq!(names(env), ["dev", "main", "staging"]);
        env.keep().args(["env", "create", "bad env"]).assert().code(2);

        let d = json(env, &["environment", "delete", "dev"], 0);
        assert_eq!(d["deleted"], true);
        assert_eq!(d["secrets_deleted"], 0);
        assert_eq!(names(env), ["main", "staging"]);
        assert_eq!(error(env, &["environment", "delete", "dev"], 3)["code"], "environment_not_found");
    }
);

both_modes!(
    fn a_non_empty_environment_is_deleted_only_with_force_and_main_never(env) {
        json(env, &["environment", "create", "staging"], 0);
        json(env, &["create", "db", "A=1", "-e", "staging"], 0);
        json(env, &["create", "web", "B=2", "-e", "staging"], 0);
        // Refused without --force: exit 2, the secrets stay.
        let e = error(env, &["environment", "delete", "staging"], 2);
        assert_eq!(e["code"], "invalid_input");
        assert!(e["message"].as_str().expect("message").contains("holds 2 secrets"), "{e}");
        assert!(e["hint"].as_str().expect("hint").contains("--force"), "{e}");
        json(env, &["show", "db", "-e", "staging"], 0);
        // With --force (and no terminal to ask on) it goes, with its secrets.
        let d = json(env, &["environment", "delete", "staging", "--force"], 0);
        assert_eq!(d["secrets_deleted"], 2);
        assert_eq!(names(env), ["main"]);
        // Created again, it is empty: the old secrets went with the environment.
        json(env, &["environment", "create", "staging"], 0);
        assert_eq!(json(env, &["list", "-e", "staging"], 0), json!([]));
        // `main` always exists and cannot be deleted, even with --force.
        for args in [&["environment", "delete", "main"][..], &["environment", "delete", "main", "--force"]] {
            let e = error(env, args, 2);
            assert!(e["message"].as_str().expect("message").contains("`main` cannot be deleted"), "{e}");
        }
        assert!(names(env).contains(&"main".to_owned()));
    }
);

both_modes!(
    fn an_environment_that_does_not_exist_is_refused_with_near_names(env) {
        json(env, &["environment", "create", "staging"], 0);
        json(env, &["create", "db", "A=1", "-e", "staging"], 0);
        // On a write: nothing is created, and the environment is not made by the write.
        let e = error(env, &["create", "x", "A=1", "-e", "stagin"], 3);
        assert_eq!(e["code"], "environment_not_found");
        assert_eq!(e["suggestions"], json!(["staging"]));
        let hint = e["hint"].as_str().expect("hint");
        assert!(hint.contains("did you mean `staging`?"), "{hint}");
        assert!(hint.contains("keep environment create NAME"), "{hint}");
        assert!(!hint.contains("stagin`"), "the typo is not advice: {hint}");
        assert!(!names(env).contains(&"stagin".to_owned()));
        // On reads and on the other writes.
        for args in [
            &["show", "db", "-e", "stagin"][..],
            &["list", "-e", "stagin"],
            &["update", "db", "B=2", "-e", "stagin"],
            &["delete", "db", "-y", "-e", "stagin"],
            &["export", "db", "-e", "stagin"],
        ] {
            let e = error(env, args, 3);
            assert_eq!(e["code"], "environment_not_found", "{args:?}");
            assert_eq!(e["suggestions"], json!(["staging"]), "{args:?}");
        }
        // As a person sees it.
        env.keep()
            .args(["show", "db", "-e", "stagin"])
            .assert()
            .code(3)
            .stderr(predicate::str::contains("environment `stagin` not found"))
            .stderr(predicate::str::contains("did you mean `staging`?"));
        // Far from every name: no suggestion, and the hint says how to see and make them.
        let e = error(env, &["show", "db", "-e", "zzzz"], 3);
        assert_eq!(e["suggestions"], Value::Null);
        assert!(e["hint"].as_str().expect("hint").contains("keep environment list"), "{e}");
    }
);

both_modes!(
    fn a_secret_that_is_not_found_suggests_near_names_never_the_typo(env) {
        for name in ["database", "db-prod", "web"] {
            json(env, &["create", name, "A=1"], 0);
        }
        let e = error(env, &["show", "databse"], 3);
        assert_eq!(e["code"], "not_found");
        assert_eq!(e["suggestions"], json!(["database"]));
        let hint = e["hint"].as_str().expect("hint");
        assert!(hint.contains("did you mean `database`?"), "{hint}");
        assert!(!hint.contains("databse"), "the typo is not advice: {hint}");
        let e = error(env, &["update", "we", "B=2"], 3);
        assert_eq!(e["suggestions"], json!(["web"]), "{e}");
        let e = error(env, &["show", "nothing-like-it"], 3);
        assert_eq!(e["code"], "not_found");
        assert_eq!(e["suggestions"], Value::Null);
        assert!(e["hint"].as_str().expect("hint").contains("keep list -e main"), "{e}");
    }
);

both_modes!(
    fn on_a_server_only_admins_create_and_delete_and_scoped_tokens_see_theirs(env) {
        if env.server.is_none() {
            return; // tokens belong to a server
        }
        for name in ["staging", "prod"] {
            json(env, &["environment", "create", name], 0);
        }
        let issued = json(env, &["token", "create", "ci", "-e", "staging"], 0);
        let ci = issued["token"].as_str().expect("token").to_owned();
        let as_ci = |args: &[&str]| {
            let out = env
                .keep()
                .env("KEEP_TOKEN", &ci)
                .args(args)
                .arg("--json")
                .output()
                .expect("run");
            (out.status.code(), out.stdout, out.stderr)
        };
        let (code, stdout, _) = as_ci(&["environment", "list"]);
        assert_eq!(code, Some(0));
        let listed: Value = serde_json::from_slice(&stdout).expect("json");
        assert_eq!(listed, json!([{ "name": "staging" }]));
        for args in [&["environment", "create", "dev"][..], &["environment", "delete", "prod", "--force"]] {
            let (code, _, stderr) = as_ci(args);
            assert_eq!(code, Some(5), "{args:?}: {}", String::from_utf8_lossy(&stderr));
        }
        assert_eq!(names(env), ["main", "prod", "staging"]);
        // The admin's writes are audited with the write; the refusals are audited too.
        json(env, &["environment", "delete", "prod"], 0);
        let events = json(env, &["audit", "--all"], 0);
        let events = events.as_array().expect("array");
        let find = |action: &str, outcome: &str| {
            events.iter().any(|e| {
                e["action"] == action && e["outcome"] == outcome && e["environment"] != Value::Null
            })
        };
        assert!(find("environment.create", "ok"), "{events:?}");
        assert!(find("environment.delete", "ok"), "{events:?}");
        assert!(find("environment.delete", "forbidden"), "{events:?}");
    }
);
