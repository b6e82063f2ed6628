//! update: merge semantics, --unset, --from-file, and no lost writes under concurrency.

use predicates::prelude::*;
use serde_json::json;

use crate::both_modes;
use crate::support::{fields, json};

both_modes!(
    fn merges_sets_and_unsets(env) {
        json(env, &["create", "s", "A=1", "B=2", "C=3"], 0);
        let created = json(env, &["show", "s"], 0);
        let u = json(env, &["update", "s", "B=20", "D=4", "--unset", "C", "--unset", "NOPE"], 0);
        assert_eq!(fields(&u), ["environment", "id", "keys", "name", "set", "store", "unset", "version"]);
        assert_eq!(u["version"], 2);
        assert_eq!(u["store"], env.store());
        assert_eq!(u["keys"], json!(["A", "B", "D"]));
        assert_eq!(u["set"], json!(["B", "D"]));
        assert_eq!(u["unset"], json!(["C"]));
        assert_eq!(u["id"], created["id"]);
        let shown = json(env, &["show", "s", "--reveal"], 0);
        assert_eq!(shown["values"], json!({"A": "1", "B": "20", "D": "4"}));
        assert_eq!(shown["created_at"], created["created_at"]);
        assert_ne!(shown["updated_at"], created["updated_at"]);
        // A missing key to unset is a warning, not a failure.
        env.keep()
            .args(["update", "s", "--unset", "NOPE"])
            .assert()
            .success()
            .stderr(predicate::str::contains("`NOPE` was not set"));
    }
);

both_modes!(
    fn refuses_what_it_cannot_do(env) {
        json(env, &["update", "missing", "A=1"], 3);
        json(env, &["create", "s", "A=1"], 0);
        env.keep().args(["update", "s"]).assert().code(2).stderr(predicate::str::contains("nothing to update"));
        env.keep()
            .args(["update", "s", "--unset", "A"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("keep delete s"));
        env.keep().args(["update", "s", "A=2", "--unset", "A"]).assert().code(2).stderr(predicate::str::contains("both set and unset"));
        env.keep().args(["update", "s", "--unset", "A=B"]).assert().code(2);
        env.keep().args(["update", "s", &format!("B={}", "x".repeat(65 * 1024))]).assert().code(2);
        assert_eq!(json(env, &["show", "s", "--reveal"], 0)["values"], json!({"A": "1"}), "nothing changed");
    }
);

both_modes!(
    fn reads_values_from_files_and_stdin(env) {
        let pem = env.write("key.pem", "-----BEGIN KEY-----\nabc\n-----END KEY-----\n");
        env.keep()
            .args(["create", "tls", "--from-file"])
            .arg(format!("KEY={}", pem.display()))
            .assert()
            .success();
        env.keep().args(["update", "tls", "PASS=-"]).write_stdin("s3cret\n").assert().success();
        assert_eq!(
            json(env, &["show", "tls", "--reveal"], 0)["values"],
            json!({"KEY": "-----BEGIN KEY-----\nabc\n-----END KEY-----\n", "PASS": "s3cret"})
        );
        let bin = env.path("bin.dat");
        std::fs::write(&bin, [0xff, 0xfe, 0x00]).expect("write");
        env.keep()
            .args(["update", "tls", "--from-file"])
            .arg(format!("BIN={}", bin.display()))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("not UTF-8"));
        env.keep().args(["update", "tls", "--from-file", "NOEQUALS"]).assert().code(2);
        env.keep().args(["update", "tls", "--from-file", "X=/no/such/file"]).assert().code(2).stderr(predicate::str::contains("/no/such/file"));
    }
);

both_modes!(
    fn concurrent_updates_lose_nothing(env) {
        json(env, &["create", "s", "BASE=1"], 0);
        let children: Vec<_> = (0..12)
            .map(|i| {
                let mut cmd = std::process::Command::new(crate::support::bin());
                cmd.env_clear().env("KEEP_HOME", env.path("keep-home"))
                    .env("XDG_CONFIG_HOME", crate::support::NO_CONFIG);
                if let Some(s) = &env.server {
                    cmd.env("KEEP_SERVER", &s.url).env("KEEP_TOKEN", &s.token);
                }
                cmd.args(["update", "s", &format!("K{i:02}={i}")]).spawn().expect("spawn")
            })
            .collect();
        for mut c in children {
            assert!(c.wait().expect("wait").success());
        }
        let values = json(env, &["show", "s", "--reveal"], 0)["values"].clone();
        let obj = values.as_object().expect("object");
        assert_eq!(obj.len(), 13, "{values}");
        for i in 0..12 {
            assert_eq!(obj[&format!("K{i:02}")], i.to_string());
        }
    }
);

both_modes!(
    fn reads_dotenv_and_json_files_and_stdin(env) {
        json(env, &["create", "s", "A=1", "B=2", "KEEP=k"], 0);
        let dotenv = env.write("u.env", "export B=two\nC='c $x'\n# comment\n");
        let u = json(env, &["update", "s", "--from-dotenv", &dotenv.to_string_lossy(), "--unset", "A"], 0);
        assert_eq!(u["set"], json!(["B", "C"]));
        assert_eq!(u["unset"], json!(["A"]));
        // stdin, later sources overriding earlier ones: pairs, dotenv, then JSON.
        let json_file = env.write("u.json", r#"{"C": "from json", "D": "d"}"#);
        let out = env
            .keep()
            .args(["update", "s", "C=pair", "E=e", "--from-dotenv", "-", "--from-json"])
            .arg(&json_file)
            .arg("--json")
            .write_stdin("E=\"from stdin\"\n")
            .assert()
            .success();
        let u: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).expect("JSON");
        assert_eq!(u["set"], json!(["C", "D", "E"]));
        let shown = json(env, &["show", "s", "--reveal"], 0);
        assert_eq!(
            shown["values"],
            json!({"B": "two", "C": "from json", "D": "d", "E": "from stdin", "KEEP": "k"})
        );
        // JSON on stdin.
        env.keep()
            .args(["update", "s", "--from-json", "-"])
            .write_stdin(r#"{"KEEP": "new"}"#)
            .assert()
            .success();
        assert_eq!(json(env, &["show", "s", "--reveal"], 0)["values"]["KEEP"], "new");
        // Two readers of stdin, a bad file and a bad dotenv line change nothing.
        env.keep()
            .args(["update", "s", "X=-", "--from-dotenv", "-"])
            .write_stdin("X=1\n")
            .assert()
            .code(2)
            .stderr(predicate::str::contains("stdin"));
        let bad = env.write("bad.env", "GOOD=1\nnot a line\n");
        env.keep()
            .args(["update", "s", "--from-dotenv", &bad.to_string_lossy()])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("line 2"));
        env.keep()
            .args(["update", "s", "--from-json", &env.path("absent.json").to_string_lossy()])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("absent.json"));
        env.keep()
            .args(["update", "s", "--from-json", "-"])
            .write_stdin(r#"{"N": 1}"#)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("not a string"));
        let after = json(env, &["show", "s", "--reveal"], 0);
        assert_eq!(after["values"], json!({"B": "two", "C": "from json", "D": "d", "E": "from stdin", "KEEP": "new"}));
    }
);
