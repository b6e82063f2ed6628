//! Dynamic completion: the completer lists live names from a real store, for bash, zsh and
//! fish, and a real bash session completes through the registered function.

use std::process::Command;

use crate::both_modes;
use crate::support::{Env, bin, json};

/// Runs the completer the way `shell`'s registration script does, for `words`, completing
/// the last one.
fn complete(env: &Env, shell: &str, words: &[&str]) -> Vec<String> {
    let mut cmd = env.keep();
    cmd.env("COMPLETE", shell)
        .env("_CLAP_IFS", "\n")
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .env("_CLAP_COMPLETE_SPACE", "true")
        .arg("--")
        .args(words);
    let out = cmd.output().expect("run completer");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "the completer printed to stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf8")
        .lines()
        // fish appends "\tdescription", zsh ":description"; names and flags contain neither.
        .map(|l| l.split(['\t', ':']).next().unwrap_or_default().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

both_modes!(
    fn completes_live_secret_and_environment_names(env) {
        for name in ["db-prod", "db-dev", "web"] {
            json(env, &["create", name, "A=1"], 0);
        }
        json(env, &["environment", "create", "staging"], 0); // created before use (issue #12)
        json(env, &["create", "api", "A=1", "-e", "staging"], 0);
        for shell in ["bash", "zsh", "fish"] {
            let mut got = complete(env, shell, &["keep", "show", "db"]);
            got.sort();
            assert_eq!(got, ["db-dev", "db-prod"], "{shell}");
            let got = complete(env, shell, &["keep", "delete", "-e", "staging", "a"]);
            assert_eq!(got, ["api"], "{shell}: -e on the command line is honoured");
            let mut got = complete(env, shell, &["keep", "list", "--env", ""]);
            got.sort();
            assert_eq!(got, ["main", "staging"], "{shell}");
            assert_eq!(complete(env, shell, &["keep", "upd"]), ["update"], "{shell}");
            assert_eq!(complete(env, shell, &["keep", "show", "--rev"]), ["--reveal"], "{shell}");
        }
        for cmd in ["update", "import-env", "create"] {
            assert_eq!(complete(env, "bash", &["keep", cmd, "w"]), ["web"], "{cmd}");
        }
    }
);

both_modes!(
    fn run_and_export_complete_secret_names(env) {
        for name in ["db-prod", "db-dev", "web"] {
            json(env, &["create", name, "A=1"], 0);
        }
        json(env, &["environment", "create", "staging"], 0); // created before use (issue #12)
        json(env, &["create", "api", "A=1", "-e", "staging"], 0);
        for shell in ["bash", "zsh", "fish"] {
            for cmd in ["run", "export"] {
                let mut got = complete(env, shell, &["keep", cmd, "db"]);
                got.sort();
                assert_eq!(got, ["db-dev", "db-prod"], "{shell}: keep {cmd}");
                let got = complete(env, shell, &["keep", cmd, "-e", "staging", "a"]);
                assert_eq!(got, ["api"], "{shell}: keep {cmd} -e staging");
            }
            // `keep run` takes several names, each completed; after `--` come the program's
            // words, which are not secret names.
            let got = complete(env, shell, &["keep", "run", "db-dev", "w"]);
            assert_eq!(got, ["web"], "{shell}");
            let got = complete(env, shell, &["keep", "run", "web", "--", ""]);
            assert!(got.is_empty(), "{shell}: {got:?}");
            let got = complete(env, shell, &["keep", "run", "web", "--", "w"]);
            assert!(got.is_empty(), "{shell}: {got:?}");
            assert_eq!(
                complete(env, shell, &["keep", "export", "--form"]),
                ["--format"],
                "{shell}"
            );
        }
        // Every command that takes a secret name completes it.
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
            assert_eq!(complete(env, "bash", &["keep", cmd, "w"]), ["web"], "{cmd}");
        }
    }
);

#[test]
fn completion_never_creates_a_store_or_prints_errors() {
    let env = Env::new(crate::support::Mode::Local);
    assert!(
        complete(&env, "bash", &["keep", "show", ""])
            .iter()
            .all(|c| c.starts_with('-'))
    );
    assert!(!env.path("keep-home").exists());
    // A server that accepts connections but never answers: nothing is offered, in time.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let mut cmd = env.keep();
    cmd.env("KEEP_SERVER", &url)
        .env("COMPLETE", "bash")
        .env("_CLAP_IFS", "\n")
        .env("_CLAP_COMPLETE_INDEX", "2")
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .env("_CLAP_COMPLETE_SPACE", "true")
        .args(["--", "keep", "show", "x"]);
    let out = cmd.output().expect("run");
    assert!(out.status.success());
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    drop(listener);
}

#[test]
fn a_bash_session_completes_through_the_registered_function() {
    let env = Env::new(crate::support::Mode::Local);
    for name in ["alpha", "alps", "beta"] {
        json(&env, &["create", name, "A=1"], 0);
    }
    let dir = bin().parent().expect("dir").to_path_buf();
    let script = r#"
        source <(COMPLETE=bash keep)
        complete_line() {
            COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}
            read -ra COMP_WORDS <<< "$1"
            [[ "$1" == *" " ]] && COMP_WORDS+=("")
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            COMP_TYPE=9
            COMPREPLY=()
            _clap_complete_keep keep "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '; echo
        }
        complete_line "keep show al"
        complete_line "keep run al"
        complete_line "keep run alpha be"
        complete_line "keep export al"
        complete_line "keep del"
        complete_line "keep delete --allow"
        complete -p keep
    "#;
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", script])
        .env_clear()
        .env(
            "PATH",
            format!(
                "{}:{}",
                dir.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env("KEEP_HOME", env.path("keep-home"))
        .env("XDG_CONFIG_HOME", crate::support::NO_CONFIG)
        .output()
        .expect("bash");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0].trim(), "alpha alps");
    assert_eq!(lines[1].trim(), "alpha alps", "keep run");
    assert_eq!(lines[2].trim(), "beta", "keep run, second name");
    assert_eq!(lines[3].trim(), "alpha alps", "keep export");
    assert_eq!(lines[4].trim(), "delete");
    assert_eq!(lines[5].trim(), "--allow-missing");
    assert!(lines[6].contains("_clap_complete_keep"), "{stdout}");
}
