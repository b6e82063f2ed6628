//! import-dotenv and import-env: walking up to the nearest file, the dialect end to end, bad
//! files, and variables named on the command line.

use predicates::prelude::*;
use serde_json::json;

use crate::both_modes;
use crate::support::json;

both_modes!(
    fn finds_the_nearest_file_walking_up(env) {
        env.write("proj/.env", "A=root\n");
        env.write("proj/svc/.env.prod", "A=prod\n");
        std::fs::create_dir_all(env.path("proj/svc/deep/er")).expect("mkdir");
        let out = env
            .keep()
            .args(["import-dotenv", "a"])
            .arg(env.path("proj/svc/deep/er"))
            .output()
            .expect("run");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&format!("using {}", env.path("proj/.env").display())), "{stderr}");
        assert_eq!(json(env, &["show", "a", "--reveal"], 0)["values"], json!({"A": "root"}));

        // A file as PATH starts in its directory; --filename picks another name.
        let file = env.write("proj/svc/main.py", "");
        env.keep().args(["import-dotenv", "b", "--filename", ".env.prod"]).arg(&file).assert().success();
        assert_eq!(json(env, &["show", "b", "--reveal"], 0)["values"], json!({"A": "prod"}));

        // Without PATH, the current directory.
        env.keep().args(["import-dotenv", "c"]).current_dir(env.path("proj/svc")).assert().success();
        assert_eq!(json(env, &["show", "c", "--reveal"], 0)["values"], json!({"A": "root"}));

        env.keep().args(["import-dotenv", "c", "--allow-existing"]).current_dir(env.path("proj")).assert().success();
        env.keep().args(["import-dotenv", "c"]).current_dir(env.path("proj")).assert().code(4);
    }
);

both_modes!(
    fn missing_file_says_where_it_looked(env) {
        std::fs::create_dir_all(env.path("empty/a")).expect("mkdir");
        env.keep()
            .args(["import-dotenv", "x", "--filename", ".env.does-not-exist-anywhere"])
            .arg(env.path("empty/a"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(env.path("empty/a").display().to_string()))
            .stderr(predicate::str::contains("parent directories"));
        env.keep()
            .args(["import-dotenv", "x"])
            .arg(env.path("no/such/dir"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("does not exist"));
        env.keep().args(["import-dotenv", "x", "--filename", "a/b"]).assert().code(2);
    }
);

both_modes!(
    fn reads_the_python_dotenv_dialect_end_to_end(env) {
        let text = "\u{feff}# comment\n\
            export A=plain value # trailing comment\n\
            B='single $A ${A}'\n\
            C=\"double\\nline ${A}\"\n\
            D=\"multi\nline\"\n\
            E=abc$123\n\
            F=${UNSET:-fallback}\n\
            G=${FROM_ENV}\n\
            H\n\
            A2=${A}-x\n\
            DUP=1\n\
            DUP=2\n";
        env.write("d/.env", text);
        env.keep().args(["import-dotenv", "d"]).arg(env.path("d")).env("FROM_ENV", "env-value").assert().success();
        assert_eq!(
            json(env, &["show", "d", "--reveal"], 0)["values"],
            json!({
                "A": "plain value",
                "A2": "plain value-x",
                "B": "single $A ${A}",
                "C": "double\nline plain value",
                "D": "multi\nline",
                "DUP": "2",
                "E": "abc$123",
                "F": "fallback",
                "G": "env-value",
                "H": "",
            })
        );
    }
);

both_modes!(
    fn unparsable_line_is_reported_with_its_number(env) {
        env.write("bad/.env", "A=1\nB=\"unterminated\n");
        env.keep()
            .args(["import-dotenv", "x"])
            .arg(env.path("bad"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("line 2"));
        env.write("bad2/.env", "A=1\nnot a statement\n");
        env.keep()
            .args(["import-dotenv", "x"])
            .arg(env.path("bad2"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("line 2"));
        json(env, &["show", "x"], 3);
    }
);

both_modes!(
    fn a_dotenv_file_of_another_name_is_not_silently_skipped(env) {
        env.write("p/.env", "A=wrong\n");
        let prod = env.write("p/prod.env", "A=right\n");
        env.keep()
            .args(["import-dotenv", "x"])
            .arg(&prod)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--filename prod.env"));
        env.keep().args(["import-dotenv", "x", "--filename", "prod.env"]).arg(&prod).assert().success();
        assert_eq!(json(env, &["show", "x", "--reveal"], 0)["values"], json!({"A": "right"}));
        // Any other file starts the search in its directory (Modal's `from_dotenv(__file__)`).
        let script = env.write("p/main.py", "");
        env.keep().args(["import-dotenv", "y"]).arg(&script).assert().success();
        assert_eq!(json(env, &["show", "y", "--reveal"], 0)["values"], json!({"A": "wrong"}));
    }
);

both_modes!(
    fn import_env_reads_named_variables(env) {
        env.keep()
            .args(["import-env", "aws", "AWS_KEY", "AWS_SECRET"])
            .env("AWS_KEY", "id")
            .env("AWS_SECRET", "s e c r e t")
            .assert()
            .success();
        assert_eq!(
            json(env, &["show", "aws", "--reveal"], 0)["values"],
            json!({"AWS_KEY": "id", "AWS_SECRET": "s e c r e t"})
        );
        env.keep()
            .args(["import-env", "x", "AWS_KEY", "MISSING_ONE", "MISSING_TWO"])
            .env("AWS_KEY", "id")
            .assert()
            .code(2)
            .stderr(predicate::str::contains("MISSING_ONE, MISSING_TWO"));
        env.keep().args(["import-env", "aws", "AWS_KEY"]).env("AWS_KEY", "new").assert().code(4);
        env.keep().args(["import-env", "aws", "AWS_KEY", "--force"]).env("AWS_KEY", "new").assert().success();
        assert_eq!(json(env, &["show", "aws", "--reveal"], 0)["values"], json!({"AWS_KEY": "new"}));
    }
);
