//! `keep login`, profiles, `keep status` and where commands go: flags, then environment
//! variables, then the profile, then the embedded store.

use std::path::Path;

use predicates::prelude::*;
use serde_json::{Value, json};

use crate::both_modes;
use crate::support::{Mode, Server, hermetic, json, keep_on_terminal, mode_of};

/// `keep login ARGS` in `home`, the token piped on stdin.
fn login(home: &Path, args: &[&str], token: &str) -> assert_cmd::assert::Assert {
    hermetic(home)
        .arg("login")
        .args(args)
        .write_stdin(format!("{token}\n"))
        .assert()
}

/// `keep ARGS --json` in `home` with no KEEP_* variable: where the profile says.
fn plain_json(home: &Path, args: &[&str], code: i32) -> Value {
    let out = hermetic(home)
        .args(args)
        .arg("--json")
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = if code == 0 { &out.stdout } else { &out.stderr };
    serde_json::from_slice(text).expect("JSON")
}

fn config_file(home: &Path) -> std::path::PathBuf {
    home.join("config/keep/config.toml")
}

/// The fingerprint `keep serve --tls-self-signed` printed.
fn printed_fingerprint(server: &Server) -> String {
    let log = server.stderr();
    let line = log
        .lines()
        .find(|l| l.contains("--fingerprint "))
        .unwrap_or_else(|| panic!("no fingerprint in {log}"));
    line.rsplit(' ').next().expect("fingerprint").to_owned()
}

#[test]
fn login_to_a_self_signed_https_server_in_one_prompt_then_commands_need_no_variables() {
    let server = Server::start_with(&["--tls-self-signed"], &[]);
    assert!(
        server.url.starts_with("https://127.0.0.1:"),
        "{}",
        server.url
    );
    let fp = printed_fingerprint(&server);
    assert!(
        server.stderr().contains("tls/ca.pem"),
        "{}",
        server.stderr()
    );
    let home = tempfile::tempdir().expect("tempdir");
    let shown = keep_on_terminal(
        home.path(),
        &[],
        &["login", "--server", &server.url, "--fingerprint", &fp],
        &[("Token for", &server.token)],
    );
    assert_eq!(shown.code, Some(0), "{}", shown.text);
    assert!(
        !shown.text.contains(&server.token),
        "echoed: {}",
        shown.text
    );
    for said in [
        "with token `admin` (admin)",
        "saved as profile `default`",
        "config.toml",
    ] {
        assert!(shown.text.contains(said), "{said}: {}", shown.text);
    }
    let config = config_file(home.path());
    assert_eq!(mode_of(&config), 0o600);
    assert_eq!(mode_of(config.parent().expect("dir")), 0o700);

    // No KEEP_* variable from here on: the profile says where commands go.
    let c = plain_json(home.path(), &["create", "app", "GREETING=hello"], 0);
    assert_eq!(c["store"], server.url.as_str());
    let list = plain_json(home.path(), &["list"], 0);
    assert_eq!(list[0]["created_by"], "admin", "written through the server");
    let s = plain_json(home.path(), &["show", "app", "--reveal"], 0);
    assert_eq!(s["values"], json!({"GREETING": "hello"}));
    hermetic(home.path())
        .args(["run", "app", "--", "sh", "-c", "echo \"$GREETING\""])
        .assert()
        .success()
        .stdout("hello\n");
    let status = plain_json(home.path(), &["status"], 0);
    assert_eq!(status["store"], server.url.as_str());
    assert_eq!(status["store_from"], "profile");
    assert_eq!(status["server"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(status["token"]["name"], "admin");
    assert_eq!(status["profile"]["name"], "default");
    // What only a server has goes there too, with the profile's admin token.
    let tokens = plain_json(home.path(), &["token", "list"], 0);
    assert_eq!(tokens[0]["name"], "admin");
    assert!(
        !home.path().join("keep-home").exists(),
        "no local store was made"
    );

    // The CA file works as well as the fingerprint; a wrong fingerprint saves nothing.
    let ca = server.data_dir().join("tls/ca.pem");
    let ca = ca.to_str().expect("utf-8");
    login(
        home.path(),
        &[
            "--server",
            &server.url,
            "--ca-cert",
            ca,
            "--profile",
            "by-ca",
        ],
        &server.token,
    )
    .success();
    assert_eq!(plain_json(home.path(), &["list"], 0)[0]["name"], "app");
    let wrong = format!("00{}", &fp[2..]);
    login(
        home.path(),
        &[
            "--server",
            &server.url,
            "--fingerprint",
            &wrong,
            "--profile",
            "bad",
        ],
        &server.token,
    )
    .code(6)
    .stderr(predicate::str::contains("fingerprint"));
    let names: Vec<Value> = plain_json(home.path(), &["profile", "list"], 0)
        .as_array()
        .expect("array")
        .iter()
        .map(|p| p["name"].clone())
        .collect();
    assert_eq!(names, [json!("default"), json!("by-ca")]);
}

#[test]
fn a_token_is_checked_before_anything_is_saved_and_never_shown() {
    let server = Server::start();
    let home = tempfile::tempdir().expect("tempdir");
    login(home.path(), &["--server", &server.url], "keep_wrong")
        .code(5)
        .stderr(predicate::str::contains("refused"));
    assert!(!config_file(home.path()).exists(), "nothing saved");
    login(home.path(), &["--server", &server.url], "")
        .code(2)
        .stderr(predicate::str::contains("no token"));
    // A token is never taken from the command line.
    hermetic(home.path())
        .args(["login", "--server", &server.url, "--token", &server.token])
        .assert()
        .code(2);
    login(
        home.path(),
        &["--server", &server.url, "-e", "staging"],
        &server.token,
    )
    .success()
    .stderr(predicate::str::contains("token `admin` (admin)"));
    let text = std::fs::read_to_string(config_file(home.path())).expect("config");
    assert!(text.contains(&server.token), "the token is saved");
    for args in [
        &["profile", "list"][..],
        &["profile", "list", "--json"],
        &["status"],
        &["status", "--json"],
    ] {
        let out = hermetic(home.path()).args(args).output().expect("run");
        assert!(out.status.success(), "{args:?}");
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !all.contains(&server.token),
            "{args:?} showed the token: {all}"
        );
    }
    // The profile's environment is the default one (created before use: issue #12).
    json_in(home.path(), &["environment", "create", "staging"]);
    json_in(home.path(), &["create", "s", "A=1"]);
    assert_eq!(
        plain_json(home.path(), &["show", "s"], 0)["environment"],
        "staging"
    );
    assert_eq!(
        plain_json(home.path(), &["status"], 0)["environment_from"],
        "profile"
    );
}

fn json_in(home: &Path, args: &[&str]) -> Value {
    plain_json(home, args, 0)
}

#[test]
fn a_comment_in_the_profiles_file_survives_a_login() {
    let server = Server::start();
    let home = tempfile::tempdir().expect("tempdir");
    let config = config_file(home.path());
    std::fs::create_dir_all(config.parent().expect("dir")).expect("mkdir");
    let text = format!(
        "# my servers\n[profiles.default] # home lab\nserver = \"{}\" # the lab box\ntimeout = 3 # slow link\n",
        server.url
    );
    std::fs::write(&config, text).expect("write");
    std::fs::set_permissions(&config, std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .expect("chmod");
    // Logging in again to the profile: its server, and a new token.
    login(home.path(), &["--profile", "default"], &server.token).success();
    let text = std::fs::read_to_string(&config).expect("config");
    for kept in [
        "# my servers",
        "# home lab",
        "# the lab box",
        "timeout = 3 # slow link",
    ] {
        assert!(text.contains(kept), "{kept}: {text}");
    }
    // A profiles file others can read is refused (it holds tokens).
    std::fs::set_permissions(&config, std::os::unix::fs::PermissionsExt::from_mode(0o644))
        .expect("chmod");
    hermetic(home.path())
        .args(["list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("chmod 600"));
}

#[test]
fn profiles_are_listed_used_chosen_for_one_command_and_removed() {
    let (a, b) = (Server::start(), Server::start());
    let home = tempfile::tempdir().expect("tempdir");
    let h = home.path();
    login(h, &["--server", &a.url, "--profile", "a"], &a.token).success();
    login(h, &["--server", &b.url, "--profile", "b"], &b.token).success();
    let list = plain_json(h, &["profile", "list"], 0);
    assert_eq!(
        list,
        json!([
            {"name": "a", "active": false, "server": a.url, "token_name": "admin", "environment": null},
            {"name": "b", "active": true, "server": b.url, "token_name": "admin", "environment": null},
        ])
    );
    json_in(h, &["create", "on-b", "X=1"]);
    hermetic(h).args(["profile", "use", "a"]).assert().success();
    json_in(h, &["create", "on-a", "X=1"]);
    assert_eq!(
        plain_json(h, &["list", "--profile", "b"], 0)[0]["name"],
        "on-b"
    );
    let via_env = hermetic(h)
        .env("KEEP_PROFILE", "b")
        .args(["list", "--json"])
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&via_env.stdout).contains("on-b"));
    assert_eq!(plain_json(h, &["list"], 0)[0]["name"], "on-a");
    // A typo is an error with the names that exist, and goes nowhere.
    let e = plain_json(h, &["list", "--profile", "bb"], 2);
    let hint = e["error"]["hint"].as_str().expect("hint");
    assert!(
        hint.contains("did you mean `b`?") && hint.contains("a, b"),
        "{hint}"
    );
    hermetic(h).args(["profile", "use", "c"]).assert().code(2);
    // `keep logout` removes the active profile; commands then go to the local store.
    hermetic(h).arg("logout").assert().success();
    assert_eq!(
        plain_json(h, &["profile", "list"], 0)
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    assert_eq!(plain_json(h, &["status"], 0)["store"], "local");
    hermetic(h)
        .args(["profile", "remove", "b"])
        .assert()
        .success();
    hermetic(h)
        .args(["profile", "remove", "b"])
        .assert()
        .code(2);
    assert_eq!(plain_json(h, &["profile", "list"], 0), json!([]));
}

#[test]
fn flags_win_over_the_environment_which_wins_over_the_profile() {
    let (a, b) = (Server::start(), Server::start());
    let home = tempfile::tempdir().expect("tempdir");
    let h = home.path();
    login(h, &["--server", &a.url, "-e", "from-profile"], &a.token).success();
    let status = |vars: &[(&str, &str)], args: &[&str]| {
        let out = hermetic(h)
            .envs(vars.iter().copied())
            .arg("status")
            .args(args)
            .arg("--json")
            .output()
            .expect("run");
        let text = if out.status.success() {
            out.stdout
        } else {
            out.stderr
        };
        (
            out.status.code(),
            serde_json::from_slice::<Value>(&text).expect("JSON"),
        )
    };
    let (code, s) = status(&[], &[]);
    assert_eq!(
        (code, &s["store"], &s["store_from"]),
        (Some(0), &json!(a.url), &json!("profile"))
    );
    assert_eq!(
        (&s["environment"], &s["environment_from"]),
        (&json!("from-profile"), &json!("profile"))
    );
    // KEEP_SERVER names another server: the profile's token is not sent there.
    let (code, e) = status(&[("KEEP_SERVER", &b.url)], &[]);
    assert_eq!(code, Some(5), "{e}");
    let (code, s) = status(&[("KEEP_SERVER", &b.url), ("KEEP_TOKEN", &b.token)], &[]);
    assert_eq!(
        (code, &s["store"], &s["store_from"]),
        (Some(0), &json!(b.url), &json!("environment"))
    );
    assert_eq!(
        s["environment_from"], "default",
        "the profile does not apply to another server"
    );
    assert_eq!(s["profile"]["applies"], false);
    // A flag wins over the variable; naming the profile's server keeps its token.
    let (code, s) = status(
        &[("KEEP_SERVER", &b.url), ("KEEP_TOKEN", &b.token)],
        &["--server", &a.url],
    );
    assert_eq!(
        (code, &s["store"], &s["store_from"]),
        (Some(5), &json!(null), &json!(null)),
        "{s}"
    );
    let (code, s) = status(&[("KEEP_SERVER", &b.url)], &["--server", &a.url]);
    assert_eq!(
        (code, &s["store_from"], &s["token"]["from"]),
        (Some(0), &json!("flag"), &json!("profile"))
    );
    let (_, s) = status(&[("KEEP_ENV", "from-env")], &[]);
    assert_eq!(
        (&s["environment"], &s["environment_from"]),
        (&json!("from-env"), &json!("environment"))
    );
    let (_, s) = status(&[("KEEP_ENV", "from-env")], &["-e", "from-flag"]);
    assert_eq!(
        (&s["environment"], &s["environment_from"]),
        (&json!("from-flag"), &json!("flag"))
    );
    // --home and KEEP_HOME only matter without a server.
    let (_, s) = status(&[], &["--profile", "default", "--home", "/nonexistent"]);
    assert_eq!(s["store"], json!(a.url));
}

#[test]
fn the_precedence_is_documented_in_the_help_and_the_man_page() {
    let home = tempfile::tempdir().expect("tempdir");
    let help = hermetic(home.path()).arg("--help").output().expect("run");
    let help = String::from_utf8_lossy(&help.stdout);
    let man = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("man/keep.1"))
        .expect("man");
    for text in [help.as_ref(), man.as_str()] {
        for step in ["1. flags", "2. environment", "3. profile", "4. local store"] {
            assert!(text.contains(step), "{step}");
        }
    }
}

#[test]
fn keep_token_without_a_server_is_an_error_and_creates_nothing() {
    let home = tempfile::tempdir().expect("tempdir");
    hermetic(home.path())
        .env("KEEP_TOKEN", "keep_ci")
        .args(["run", "-e", "staging", "deploy", "--", "./deploy.sh"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("KEEP_SERVER").and(predicate::str::contains("keep login")),
        );
    for args in [&["create", "s", "A=1"][..], &["list"], &["status"]] {
        hermetic(home.path())
            .env("KEEP_TOKEN", "keep_ci")
            .args(args)
            .assert()
            .code(2);
    }
    assert!(
        !home.path().join("keep-home").exists(),
        "no store, no master key"
    );
}

#[test]
fn status_fails_when_the_server_refuses_the_token_or_is_gone() {
    let home = tempfile::tempdir().expect("tempdir");
    let h = home.path();
    let s = plain_json(h, &["status"], 0);
    assert_eq!(
        (&s["store"], &s["local"]["exists"]),
        (&json!("local"), &json!(false))
    );
    let text = hermetic(h).arg("status").output().expect("run");
    assert!(String::from_utf8_lossy(&text.stdout).contains("no local store yet"));
    assert!(!h.join("keep-home").exists(), "status creates nothing");

    let server = Server::start();
    let url = server.url.clone();
    let run = |token: Option<&str>| {
        let mut cmd = hermetic(h);
        cmd.env("KEEP_SERVER", &url).arg("status");
        if let Some(t) = token {
            cmd.env("KEEP_TOKEN", t);
        }
        cmd.output().expect("run")
    };
    assert_eq!(run(Some(&server.token)).status.code(), Some(0));
    let refused = run(Some("keep_wrong"));
    assert_eq!(refused.status.code(), Some(5));
    // People still see where commands go.
    assert!(String::from_utf8_lossy(&refused.stdout).contains(&url));
    assert_eq!(run(None).status.code(), Some(5), "no token is no use");
    let data = server.stop();
    assert_eq!(run(Some("keep_x")).status.code(), Some(6));
    drop(data);
}

both_modes!(
    fn commands_go_where_the_login_points(env) {
        // Locally nobody logs in; in the server modes, once, and then no variable is set.
        let home = env.dir.path();
        if let Some(s) = &env.server {
            login(home, &["--server", &s.url], &s.token).success();
        }
        let c = plain_json(home, &["create", "app", "A=1"], 0);
        assert_eq!(c["store"], env.store());
        assert_eq!(plain_json(home, &["list"], 0)[0]["created_by"], env.actor());
        let status = plain_json(home, &["status"], 0);
        assert_eq!(status["store"], env.store());
        match env.mode {
            Mode::Local => assert_eq!(status["local"]["exists"], true),
            Mode::Remote | Mode::Postgres => {
                assert_eq!(status["token"]["name"], "admin");
                assert!(!env.path("keep-home").exists(), "no local store");
            }
        }
        // The same through KEEP_SERVER and KEEP_TOKEN, as in CI.
        assert_eq!(json(env, &["show", "app"], 0)["name"], "app");
    }
);

#[test]
fn a_hung_server_times_out_saying_it_accepted_but_did_not_answer() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    // Accept and hold every connection, answering nothing.
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for conn in listener.incoming() {
            held.push(conn);
        }
    });
    let home = tempfile::tempdir().expect("tempdir");
    let config = config_file(home.path());
    std::fs::create_dir_all(config.parent().expect("dir")).expect("mkdir");
    let profile = format!("active = \"slow\"\n[profiles.slow]\nserver = \"{url}\"\ntimeout = 1\n");
    std::fs::write(&config, profile).expect("write");
    std::fs::set_permissions(&config, std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .expect("chmod");
    for (vars, args, secs) in [
        (&[][..], &["list"][..], 1),
        (&[("KEEP_TIMEOUT", "2")][..], &["list"][..], 2),
        (&[("KEEP_TIMEOUT", "2")], &["list", "--timeout", "1"], 1),
    ] {
        let started = std::time::Instant::now();
        hermetic(home.path())
            .envs(vars.iter().copied())
            .args(args)
            .assert()
            .code(6)
            .stderr(predicate::str::contains(format!(
                "the server accepted the connection but did not answer within {secs} s"
            )))
            .stderr(predicate::str::contains("--timeout"));
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }
}
