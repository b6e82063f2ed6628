//! create, list, show, delete and the global flags: every flag and exit code, in both modes.

use predicates::prelude::*;
use serde_json::json;

use crate::both_modes;
use crate::support::{assert_nothing_stored, fields, json};

const INFO_FIELDS: [&str; 9] = [
    "created_at",
    "created_by",
    "environment",
    "id",
    "keys",
    "last_used_at",
    "name",
    "updated_at",
    "version",
];

both_modes!(
    fn create_show_list_and_delete_print_the_documented_json(env) {
        let c = json(env, &["create", "db", "URL=postgres://x", "PASSWORD=hunter2"], 0);
        assert_eq!(fields(&c), ["created", "environment", "id", "keys", "name", "replaced", "store", "version"]);
        assert_eq!(c["store"], env.store());
        assert_eq!(c["created"], true);
        assert_eq!(c["keys"], json!(["PASSWORD", "URL"]));
        assert_eq!(c["environment"], "main");
        let id = c["id"].as_str().expect("id");
        assert!(id.starts_with("st-") && id.len() == 25, "{id}");

        let s = json(env, &["show", "db"], 0);
        assert_eq!(fields(&s), INFO_FIELDS);
        assert_eq!(s["id"], id);
        assert_eq!(s["created_by"], env.actor());
        assert_eq!(s["last_used_at"], serde_json::Value::Null);
        assert!(s["created_at"].as_str().expect("time").ends_with('Z'));

        let r = json(env, &["show", "db", "--reveal"], 0);
        let mut expect: Vec<&str> = INFO_FIELDS.to_vec();
        expect.push("values");
        expect.sort();
        assert_eq!(fields(&r), expect);
        assert_eq!(r["values"], json!({"PASSWORD": "hunter2", "URL": "postgres://x"}));
        assert!(r["last_used_at"].is_string(), "reveal is a use");
        assert_eq!(json(env, &["show", "db"], 0)["last_used_at"], r["last_used_at"]);

        let l = json(env, &["list"], 0);
        assert_eq!(l.as_array().expect("array").len(), 1);
        assert_eq!(fields(&l[0]), INFO_FIELDS);

        let d = json(env, &["delete", "db", "--yes"], 0);
        assert_eq!(d, json!({"name": "db", "environment": "main", "deleted": true, "store": env.store()}));
        let e = json(env, &["show", "db"], 3);
        assert_eq!(e["error"]["code"], "not_found");
        assert_eq!(json(env, &["list"], 0), json!([]));
    }
);

both_modes!(
    fn existing_secret_needs_a_flag(env) {
        json(env, &["create", "s", "A=1"], 0);
        let e = json(env, &["create", "s", "A=2"], 4);
        assert_eq!(e["error"]["code"], "already_exists");
        let k = json(env, &["create", "s", "B=2", "--allow-existing"], 0);
        assert_eq!((k["created"].clone(), k["replaced"].clone()), (json!(false), json!(false)));
        assert_eq!(k["keys"], json!(["A"]));
        assert_eq!(json(env, &["show", "s", "--reveal"], 0)["values"], json!({"A": "1"}));
        let f = json(env, &["create", "s", "B=2", "--force"], 0);
        assert_eq!((f["created"].clone(), f["replaced"].clone()), (json!(false), json!(true)));
        assert_eq!(f["id"], k["id"], "replacing keeps the id");
        let shown = json(env, &["show", "s", "--reveal"], 0);
        assert_eq!(shown["values"], json!({"B": "2"}));
        assert_ne!(shown["updated_at"], shown["created_at"]);
        env.keep().args(["create", "s", "A=1", "--force", "--allow-existing"]).assert().code(2);
    }
);

both_modes!(
    fn environments_are_separate(env) {
        // Environments other than `main` are created before use (issue #12).
        json(env, &["environment", "create", "staging"], 0);
        json(env, &["environment", "create", "dev"], 0);
        json(env, &["create", "s", "A=main"], 0);
        json(env, &["create", "s", "A=staging", "-e", "staging"], 0);
        env.keep().args(["create", "t", "A=1"]).env("KEEP_ENV", "dev").assert().success();
        assert_eq!(json(env, &["show", "s", "--reveal"], 0)["values"]["A"], "main");
        assert_eq!(json(env, &["show", "s", "--reveal", "--env", "staging"], 0)["values"]["A"], "staging");
        assert_eq!(json(env, &["list", "-e", "dev"], 0).as_array().map(Vec::len), Some(1));
        json(env, &["show", "t"], 3);
        env.keep().args(["list", "-e", "bad env"]).assert().code(2);
    }
);

both_modes!(
    fn required_keys_name_every_missing_one(env) {
        json(env, &["create", "s", "A=1", "B=2"], 0);
        json(env, &["show", "s", "--require", "A", "--require", "B"], 0);
        let e = json(env, &["show", "s", "--require", "A", "--require", "X", "--require", "Y"], 2);
        assert_eq!(e["error"]["code"], "missing_keys");
        assert_eq!(e["error"]["keys"], json!(["X", "Y"]));
        env.keep()
            .args(["show", "s", "--require", "Z"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("missing required key: Z"));
    }
);

both_modes!(
    fn delete_refuses_without_confirmation_and_allows_missing(env) {
        json(env, &["create", "s", "A=1"], 0);
        env.keep()
            .args(["delete", "s"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--yes"));
        json(env, &["show", "s"], 0);
        json(env, &["delete", "nope", "-y"], 3);
        let d = json(env, &["delete", "nope", "-y", "--allow-missing"], 0);
        assert_eq!(d["deleted"], false);
        json(env, &["delete", "s", "-y", "--allow-missing"], 0);
        json(env, &["show", "s"], 3);
    }
);

both_modes!(
    fn list_is_newest_first_with_max_and_created_before(env) {
        for i in 0..7 {
            json(env, &["create", &format!("s{i}"), "A=1"], 0);
        }
        let names = |v: serde_json::Value| -> Vec<String> {
            v.as_array().expect("array").iter().map(|s| s["name"].as_str().expect("name").to_owned()).collect()
        };
        assert_eq!(names(json(env, &["list"], 0)), ["s6", "s5", "s4", "s3", "s2", "s1", "s0"]);
        assert_eq!(names(json(env, &["list", "--max", "3"], 0)), ["s6", "s5", "s4"]);
        assert_eq!(names(json(env, &["list", "--all"], 0)).len(), 7);
        let all = json(env, &["list"], 0);
        let cut = all[2]["created_at"].as_str().expect("time").to_owned();
        assert_eq!(names(json(env, &["list", "--created-before", &cut], 0)), ["s3", "s2", "s1", "s0"]);
        assert_eq!(names(json(env, &["list", "--created-before", "1d"], 0)).len(), 0);
        assert_eq!(names(json(env, &["list", "--created-before", "2999-01-01"], 0)).len(), 7);
        env.keep().args(["list", "--created-before", "soon"]).assert().code(2);
        env.keep().args(["list", "--max", "0"]).assert().code(2);
        // Piped output is tab-separated rows without decoration.
        let out = env.keep().arg("list").output().expect("run");
        let text = String::from_utf8(out.stdout).expect("utf8");
        assert_eq!(text.lines().count(), 7);
        let first: Vec<&str> = text.lines().next().expect("line").split('\t').collect();
        assert_eq!(first.len(), 4);
        assert_eq!(first[0], "s6");
        assert_eq!(first[3], "-");
        assert!(!text.contains('\x1b'));
    }
);

both_modes!(
    fn values_never_reach_tables_or_errors(env) {
        json(env, &["create", "s", "PASSWORD=hunter2-SENTINEL"], 0);
        let out = env.keep().args(["show", "s"]).output().expect("run");
        let all = [out.stdout, out.stderr].concat();
        assert!(!String::from_utf8_lossy(&all).contains("SENTINEL"));
        let revealed = env.keep().args(["show", "s", "--reveal"]).output().expect("run");
        assert!(String::from_utf8_lossy(&revealed.stdout).contains("PASSWORD\thunter2-SENTINEL"));
        // A positional value typed without a key is not echoed back.
        let bad = env.keep().args(["create", "t", "hunter2-SENTINEL"]).output().expect("run");
        assert_eq!(bad.status.code(), Some(2));
        assert!(!String::from_utf8_lossy(&bad.stderr).contains("SENTINEL"));
        let big = format!("K=SENTINEL{}", "x".repeat(70_000));
        let bad = env.keep().args(["create", "t", &big]).output().expect("run");
        assert_eq!(bad.status.code(), Some(2));
        assert!(!String::from_utf8_lossy(&bad.stderr).contains("SENTINEL"));
    }
);

both_modes!(
    fn bad_input_is_exit_2_and_names_the_problem(env) {
        let cases: &[(&[&str], &str)] = &[
            (&["create", "bad name", "A=1"], "invalid secret name"),
            (&["create", &"x".repeat(64), "A=1"], "too long"),
            (&["create", "st-abc123", "A=1"], "shaped like an id"),
            (&["create", "s"], "at least one key"),
            (&["create", "s", "=1"], "invalid key"),
            (&["create", "s", "A"], "not of the form KEY=VALUE"),
            (&["create", "s", &format!("{}=1", "K".repeat(257))], "longer than 256 bytes"),
            (&["create", "s", "--from-json", "/nonexistent.json"], "cannot read JSON file"),
            (&["create", "s", "--from-dotenv", "/nonexistent.env"], "cannot read dotenv file"),
            (&["show", "s", "--require", "A=B"], "invalid key"),
            (&["show", "-e", "", "s"], "environment"),
        ];
        for (args, needle) in cases {
            env.keep()
                .args(*args)
                .assert()
                .code(2)
                .stderr(predicate::str::contains(*needle));
        }
        // Values over 64 KiB, secrets over 1 MiB.
        let big = format!("A={}", "x".repeat(64 * 1024 + 1));
        env.keep().args(["create", "s", &big]).assert().code(2).stderr(predicate::str::contains("`A` is too large"));
        let file = env.write("big.json", &serde_json::to_string(&(0..20).map(|i| (format!("K{i}"), "x".repeat(60_000))).collect::<std::collections::BTreeMap<_, _>>()).expect("json"));
        env.keep().args(["create", "s", "--from-json"]).arg(file).assert().code(2).stderr(predicate::str::contains("1 MiB"));
        assert_nothing_stored(env);
    }
);

both_modes!(
    fn values_come_from_stdin_and_files_in_order_of_precedence(env) {
        env.keep()
            .args(["create", "s", "TOKEN=-", "A=pair", "B=pair", "C=pair"])
            .write_stdin("from stdin\n")
            .assert()
            .success();
        let dotenv = env.write("x.env", "B=dotenv\nC=dotenv\n");
        let jsonf = env.write("x.json", r#"{"C": "json", "D": "multi\nline"}"#);
        env.keep()
            .args(["create", "t", "A=pair", "B=pair", "C=pair", "--from-dotenv"])
            .arg(&dotenv)
            .arg("--from-json")
            .arg(&jsonf)
            .assert()
            .success();
        assert_eq!(
            json(env, &["show", "s", "--reveal"], 0)["values"],
            json!({"A": "pair", "B": "pair", "C": "pair", "TOKEN": "from stdin"})
        );
        assert_eq!(
            json(env, &["show", "t", "--reveal"], 0)["values"],
            json!({"A": "pair", "B": "dotenv", "C": "json", "D": "multi\nline"})
        );
        env.keep().args(["create", "u", "A=-", "B=-"]).write_stdin("x").assert().code(2);
        let not_object = env.write("arr.json", "[1]");
        env.keep().args(["create", "u", "--from-json"]).arg(not_object).assert().code(2).stderr(predicate::str::contains("not an object"));
        let not_string = env.write("num.json", r#"{"PORT": 5432}"#);
        env.keep().args(["create", "u", "--from-json"]).arg(not_string).assert().code(2).stderr(predicate::str::contains("`PORT`"));
        let broken = env.write("broken.json", "{\"A\": ");
        env.keep().args(["create", "u", "--from-json"]).arg(broken).assert().code(2).stderr(predicate::str::contains("cannot parse JSON"));
        let latin1 = env.path("latin1.env");
        std::fs::write(&latin1, b"A=\xe9\n").expect("write");
        env.keep().args(["create", "u", "--from-dotenv"]).arg(latin1).assert().code(2).stderr(predicate::str::contains("not UTF-8"));
        env.keep().args(["create", "u", "A=-", "--no-input"]).write_stdin("v").assert().success();
    }
);

#[test]
fn home_quiet_version_help_and_color_flags_do_what_they_say() {
    let env = crate::support::Env::new(crate::support::Mode::Local);
    let other = env.path("other-home");
    env.keep()
        .arg("--home")
        .arg(&other)
        .args(["create", "s", "A=1", "-q"])
        .assert()
        .success()
        .stdout("")
        .stderr("");
    assert!(other.join("keep.db").exists() && other.join("master.key").exists());
    // KEEP_HOME points elsewhere, so the secret is only visible with --home.
    json(&env, &["show", "s"], 3);
    env.keep()
        .arg("--home")
        .arg(&other)
        .args(["show", "s", "--json"])
        .assert()
        .success();
    env.keep()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("keep {}\n", env!("CARGO_PKG_VERSION")));
    env.keep().arg("--help").assert().success().stdout(
        predicate::str::contains("Exit codes:").and(predicate::str::contains("server unreachable")),
    );
    env.keep().arg("--no-such-flag").assert().code(2);
    env.keep().assert().code(2); // a subcommand is required
    // Colors never leak into piped output, whatever is asked, unless forced.
    let out = env
        .keep()
        .arg("--home")
        .arg(&other)
        .args(["show", "s", "--color", "never"])
        .env("CLICOLOR_FORCE", "1")
        .output()
        .expect("run");
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\x1b'));
    let out = env
        .keep()
        .arg("--home")
        .arg(&other)
        .args(["show", "nope"])
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(3));
    assert!(!String::from_utf8_lossy(&out.stderr).contains('\x1b'));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: secret `nope` not found"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("hint: "));
}

both_modes!(
    fn parse_errors_keep_their_hints_and_json(env) {
        env.keep()
            .args(["create", "a b", "X=1"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("invalid secret name").and(predicate::str::contains("hint: use 1 to 63")));
        let e = json(env, &["create", "a b", "X=1"], 2);
        assert_eq!(e["error"]["code"], "invalid_input");
        assert!(e["error"]["hint"].as_str().is_some_and(|h| h.contains("letters")));
        let e = json(env, &["list", "--created-before", "7"], 2);
        assert!(e["error"]["hint"].as_str().is_some_and(|h| h.contains("7d")));
        let e = json(env, &["list", "--no-such-flag"], 2);
        assert_eq!(e["error"]["code"], "usage");
    }
);

both_modes!(
    fn created_before_without_offset_is_utc(env) {
        json(env, &["create", "s", "A=1"], 0);
        let all = json(env, &["list", "--created-before", "2999-12-31T23:59:59"], 0);
        assert_eq!(all.as_array().map(Vec::len), Some(1));
    }
);

both_modes!(
    fn empty_stdin_is_not_an_empty_value(env) {
        env.keep()
            .args(["create", "s", "PW=-"])
            .write_stdin("")
            .assert()
            .code(2)
            .stderr(predicate::str::contains("stdin was empty"));
        json(env, &["create", "s", "PW="], 0);
        assert_eq!(json(env, &["show", "s", "--reveal"], 0)["values"]["PW"], "");
    }
);

both_modes!(
    fn control_characters_are_escaped_in_tables(env) {
        env.keep().args(["create", "s", "\u{1b}]0;pwned\u{7}K=1", "TAB\tKEY=line1\nline2"]).assert().success();
        let out = env.keep().args(["show", "s", "--reveal"]).output().expect("run");
        let text = String::from_utf8(out.stdout).expect("utf8");
        assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{text:?}");
        assert!(text.contains("TAB\\tKEY\tline1\\nline2"), "{text:?}");
        let j = json(env, &["show", "s", "--reveal"], 0);
        assert_eq!(j["values"]["TAB\tKEY"], "line1\nline2");
    }
);

#[test]
fn a_closed_stdout_is_not_an_error() {
    let env = crate::support::Env::new(crate::support::Mode::Local);
    json(&env, &["create", "s", "A=1"], 0);
    for args in [
        &["list"][..],
        &["show", "s", "--json"],
        &["completions", "bash"],
    ] {
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader); // the reader is gone before keep writes, as with `keep list | head -0`
        let out = std::process::Command::new(crate::support::bin())
            .env_clear()
            .env("KEEP_HOME", env.path("keep-home"))
            .env("XDG_CONFIG_HOME", crate::support::NO_CONFIG)
            .args(args)
            .stdout(writer)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// The secret-name and paging arguments are one definition each: every command that takes
/// them refuses the same bad input the same way, before touching any store.
#[test]
fn shared_arguments_validate_alike_in_every_command() {
    let env = crate::support::Env::new(crate::support::Mode::Local);
    let with_name = |cmd: &str, name: &str| -> Vec<String> {
        let mut args = vec![cmd.to_owned(), name.to_owned()];
        let rest: &[&str] = match cmd {
            "create" | "update" => &["K=v"],
            "import-env" => &["HOME"],
            "run" => &["--", "true"],
            _ => &[],
        };
        args.extend(rest.iter().map(|s| (*s).to_owned()));
        args
    };
    for cmd in [
        "create",
        "show",
        "update",
        "delete",
        "import-dotenv",
        "import-env",
        "run",
        "export",
    ] {
        let args = with_name(cmd, "a b");
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let e = json(&env, &args, 2);
        assert_eq!(e["error"]["code"], "invalid_input", "{cmd}");
        assert!(
            e["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains("invalid secret name")),
            "{cmd}: {e}"
        );
        // No name at all is a usage error.
        let e = json(&env, &[cmd], 2);
        assert_eq!(e["error"]["code"], "usage", "{cmd}");
    }
    let e = json(&env, &["run", "ok", "a b", "--", "true"], 2);
    assert_eq!(e["error"]["code"], "invalid_input", "run, second name");
    for cmd in ["list", "audit"] {
        for bad in [
            &["--max", "0"][..],
            &["--max", "x"],
            &["--max", "2", "--all"],
        ] {
            let mut args = vec![cmd];
            args.extend(bad);
            let e = json(&env, &args, 2);
            assert_eq!(e["error"]["code"], "usage", "{args:?}");
        }
    }
    assert!(!env.path("keep-home").exists(), "a store was created");
}

/// Color is decided once, from `--color`, `NO_COLOR` and `CLICOLOR_FORCE` (and the terminal,
/// absent here): `error:` and `hint:` are styled or not, and the message never is.
#[test]
fn colors_follow_the_flag_then_the_environment() {
    let env = crate::support::Env::new(crate::support::Mode::Local);
    env.keep()
        .args(["create", "other", "A=1"])
        .assert()
        .success();
    let error = "\x1b[1m\x1b[31merror:\x1b[0m secret `nope` not found";
    let hint = "\x1b[1m\x1b[36mhint:\x1b[0m ";
    let stderr = |args: &[&str], vars: &[(&str, &str)]| -> String {
        let mut cmd = env.keep();
        cmd.args(["show", "nope"]).args(args);
        for (k, v) in vars {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("run");
        assert_eq!(out.status.code(), Some(3));
        String::from_utf8(out.stderr).expect("utf8")
    };
    for (args, vars) in [
        (&["--color", "always"][..], &[("NO_COLOR", "1")][..]),
        (&[], &[("CLICOLOR_FORCE", "1")]),
        (&[], &[("CLICOLOR_FORCE", "1"), ("TERM", "dumb")]),
    ] {
        let text = stderr(args, vars);
        assert!(text.starts_with(error), "{args:?} {vars:?}: {text:?}");
        assert!(text.contains(hint), "{args:?} {vars:?}: {text:?}");
    }
    for (args, vars) in [
        (&[][..], &[][..]),
        (&["--color", "never"], &[("CLICOLOR_FORCE", "1")]),
        (&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]),
        (&[], &[("CLICOLOR_FORCE", "0")]),
        (&["--color", "auto"], &[("CI", "true"), ("TERM", "xterm")]),
    ] {
        let text = stderr(args, vars);
        assert!(!text.contains('\x1b'), "{args:?} {vars:?}: {text:?}");
        assert!(
            text.starts_with("error: secret `nope` not found"),
            "{text:?}"
        );
        assert!(text.contains("\nhint: "), "{text:?}");
    }
}

both_modes!(
    fn every_write_says_where_it_wrote(env) {
        let place = match &env.server {
            None => "on the local store".to_owned(),
            Some(s) => format!("on {}", s.url),
        };
        let dotenv = env.write("app/.env", "A=1\n");
        let steps: [(&[&str], String); 5] = [
            (&["create", "app", "A=1"], format!("created secret `app` in `main` {place}")),
            (&["update", "app", "B=2"], format!("updated secret `app` in `main` {place}")),
            (&["import-dotenv", "dot", dotenv.to_str().expect("utf-8")], format!("created secret `dot` in `main` {place}")),
            (&["import-env", "e", "HOME"], format!("created secret `e` in `main` {place}")),
            (&["delete", "app", "--yes"], format!("deleted secret `app` from `main` {place}")),
        ];
        for (args, said) in steps {
            let shown = env.on_terminal(args, &[]);
            assert_eq!(shown.code, Some(0), "{args:?}: {}", shown.text);
            assert!(shown.text.contains(&said), "{args:?}: {}", shown.text);
        }
        for args in [&["create", "j", "A=1"][..], &["update", "j", "A=2"], &["import-env", "k", "HOME"], &["delete", "j", "--yes"]] {
            assert_eq!(json(env, args, 0)["store"], env.store(), "{args:?}");
        }
    }
);

both_modes!(
    fn secrets_can_be_addressed_by_their_id(env) {
        let id = json(env, &["create", "db", "PASSWORD=hunter2"], 0)["id"].as_str().expect("id").to_owned();
        json(env, &["environment", "create", "prod"], 0); // created before use (issue #12)
        json(env, &["create", "other", "X=1", "-e", "prod"], 0);
        let s = json(env, &["show", &id, "--reveal"], 0);
        assert_eq!((&s["name"], &s["values"]), (&json!("db"), &json!({"PASSWORD": "hunter2"})));
        env.keep().args(["export", &id]).assert().success().stdout("PASSWORD='hunter2'\n");
        env.keep()
            .args(["run", &id, "--", "sh", "-c", "echo \"$PASSWORD\""])
            .assert()
            .success()
            .stdout("hunter2\n");
        let u = json(env, &["update", &id, "USER=admin"], 0);
        assert_eq!((&u["name"], &u["id"]), (&json!("db"), &json!(id)));
        // An id names a secret in its own environment only.
        let e = json(env, &["show", &id, "-e", "prod"], 3);
        assert_eq!(e["error"]["code"], "not_found");
        json(env, &["show", "st-abc123"], 3);
        let d = json(env, &["delete", &id, "--yes"], 0);
        assert_eq!((&d["name"], &d["deleted"]), (&json!("db"), &json!(true)));
        json(env, &["show", "db"], 3);
    }
);

both_modes!(
    fn a_list_cut_short_says_so_on_any_stderr_naming_all(env) {
        for name in ["a", "b", "c"] {
            json(env, &["create", name, "K=v"], 0);
        }
        for args in [&["list", "--max", "2"][..], &["list", "--max", "2", "--json"]] {
            let out = env.keep().args(args).output().expect("run");
            assert!(out.status.success());
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains("showing the newest 2 secrets") && err.contains("--all"), "{args:?}: {err}");
        }
        for args in [&["list", "--max", "3"][..], &["list", "--all"]] {
            env.keep().args(args).assert().success().stderr("");
        }
        assert_eq!(json(env, &["list", "--max", "2"], 0).as_array().map(Vec::len), Some(2));
    }
);

#[test]
fn json_version_is_json() {
    let home = tempfile::tempdir().expect("tempdir");
    let version = json!({"name": "keep", "version": env!("CARGO_PKG_VERSION")});
    for args in [
        &["--json", "--version"][..],
        &["--version", "--json"],
        &["--json", "-V", "--color", "never"],
    ] {
        let out = crate::support::hermetic(home.path())
            .args(args)
            .output()
            .expect("run");
        assert!(out.status.success(), "{args:?}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(v, version, "{args:?}");
    }
    crate::support::hermetic(home.path())
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("keep {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn help_and_usage_never_show_values_from_the_environment() {
    let home = tempfile::tempdir().expect("tempdir");
    let private = [
        ("KEEP_SERVER", "https://private.example.internal"),
        ("KEEP_CA_CERT", "/secret/ca.pem"),
        ("KEEP_ENV", "hidden-env"),
    ];
    let run = |args: &[&str]| {
        let out = crate::support::hermetic(home.path())
            .envs(private)
            .args(args)
            .output()
            .expect("run");
        (
            out.status.code(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        )
    };
    for args in [
        &["list", "--help"][..],
        &["list", "--max", "1", "--all"],
        &["token", "create"],
        &["run", "a", "b"],
    ] {
        let (_, text) = run(args);
        for (_, value) in private {
            assert!(!text.contains(value), "{args:?} showed {value}: {text}");
        }
        if let Some(usage) = text.lines().find(|l| l.starts_with("Usage:")) {
            for flag in ["--server", "--ca-cert", "--env"] {
                assert!(!usage.contains(flag), "{args:?}: {usage}");
            }
        }
    }
    let (code, text) = run(&["list", "--max", "1", "--all"]);
    assert_eq!(code, Some(2));
    assert!(text.contains("Usage: keep list --max <N>"), "{text}");
    let (_, help) = run(&["list", "--help"]);
    let (own, global) = help
        .split_once("Global options:")
        .expect("a section of its own");
    assert!(
        own.contains("--max <N>") && !own.contains("--server <URL>"),
        "{help}"
    );
    assert!(
        global.contains("--server <URL>") && global.contains("[env: KEEP_SERVER]"),
        "{help}"
    );
}
