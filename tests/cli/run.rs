//! keep run: real child processes; exit codes, signals, argv and environment, in both modes.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::process::Stdio;

use predicates::prelude::*;
use serde_json::json;

use crate::both_modes;
use crate::support::{Env, json};

/// `env -0` run by `keep run ARGS -- env -0`, as a map.
fn child_env(env: &Env, args: &[&str]) -> BTreeMap<String, String> {
    let out = env
        .keep()
        .arg("run")
        .args(args)
        .args(["--", "env", "-0"])
        .env("KEEP_MASTER_KEY", "00".repeat(32))
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "nothing on a piped stderr"
    );
    let text = String::from_utf8(out.stdout).expect("utf8");
    text.split_terminator('\0')
        .map(|kv| {
            let (k, v) = kv.split_once('=').expect("KEY=VALUE");
            (k.to_owned(), v.to_owned())
        })
        .collect()
}

/// A plain `std::process::Command` for PROGRAM with the hermetic environment of `env.keep()`,
/// for what assert_cmd cannot do (read output while the process runs, wrap it in a pty).
fn plain(env: &Env, program: impl AsRef<std::ffi::OsStr>) -> std::process::Command {
    let mut cmd = std::process::Command::new(program);
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", env.dir.path())
        .env("USER", "tester")
        .env("KEEP_HOME", env.path("keep-home"))
        .env("XDG_CONFIG_HOME", env.path("config"));
    if let Some(s) = &env.server {
        cmd.env("KEEP_SERVER", &s.url).env("KEEP_TOKEN", &s.token);
    }
    cmd
}

/// Runs `keep run s -- sh -c SCRIPT` and returns the exit status.
fn sh(env: &Env, script: &str) -> std::process::ExitStatus {
    env.keep()
        .args(["run", "s", "--", "sh", "-c", script])
        .output()
        .expect("run")
        .status
}

both_modes!(
    fn exit_codes_and_signals_are_the_programs(env) {
        json(env, &["create", "s", "A=1"], 0);
        for code in [0, 3, 42, 255] {
            assert_eq!(sh(env, &format!("exit {code}")).code(), Some(code));
        }
        // keep became the program: killed by a signal, keep's process is killed by it.
        let status = sh(env, "kill -TERM $$");
        assert_eq!((status.code(), status.signal()), (None, Some(15)));
        let status = sh(env, "kill -KILL $$");
        assert_eq!(status.signal(), Some(9));
    }
);

both_modes!(
    fn the_program_replaces_keep_and_gets_its_signals(env) {
        json(env, &["create", "s", "A=1"], 0);
        let mut cmd = plain(env, crate::support::bin());
        let script = "trap 'echo got TERM; exit 7' TERM; echo $$; while :; do sleep 0.05; done";
        let mut child = cmd
            .args(["run", "s", "--", "sh", "-c", script])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let pid: u32 = lines.next().expect("a line").expect("read").parse().expect("pid");
        assert_eq!(pid, child.id(), "the program runs in keep's own process");
        let killed = std::process::Command::new("kill").args(["-TERM", &pid.to_string()]).status();
        assert!(killed.expect("kill").success());
        assert_eq!(lines.next().expect("a line").expect("read"), "got TERM");
        assert_eq!(child.wait().expect("wait").code(), Some(7));
    }
);

both_modes!(
    fn arguments_reach_the_program_verbatim(env) {
        json(env, &["create", "s", "A=1"], 0);
        let args = ["a b", "it's", "\"q\"", "$HOME", "", "*", "-n", "--json", "--", "x\ny", "\\", "日本"];
        let out = env
            .keep()
            .args(["run", "s", "--", "sh", "-c", "printf '%s\\0' \"$@\"", "sh"])
            .args(args)
            .output()
            .expect("run");
        assert!(out.status.success());
        let got: Vec<&str> = std::str::from_utf8(&out.stdout).expect("utf8").split_terminator('\0').collect();
        assert_eq!(got, args);
        // The program is not run through a shell either.
        env.keep().args(["run", "s", "--", "printf", "%s|", "a b", "$A"]).assert().success().stdout("a b|$A|");
        // stdin is the program's.
        env.keep().args(["run", "s", "--", "cat"]).write_stdin("from stdin\n").assert().success().stdout("from stdin\n");
    }
);

both_modes!(
    fn environment_has_the_secrets_later_ones_win_and_no_credentials(env) {
        let nasty = json!({"MULTI": "line 1\nline 2\n", "QUOTES": "it's \"q\" $HOME ${X} `x` \\", "SPACES": "  a  ", "UNI": "日本 🔑", "EMPTY": ""});
        std::fs::write(env.path("n.json"), nasty.to_string()).expect("write");
        json(env, &["create", "n", "--from-json", env.path("n.json").to_str().expect("path")], 0);
        json(env, &["create", "s1", "A=1", "B=1"], 0);
        json(env, &["create", "s2", "B=2", "C=2"], 0);

        let vars = child_env(env, &["n", "s1", "s2"]);
        for (k, v) in nasty.as_object().expect("object") {
            assert_eq!(vars.get(k).map(String::as_str), v.as_str(), "{k}");
        }
        assert_eq!((vars["A"].as_str(), vars["B"].as_str(), vars["C"].as_str()), ("1", "2", "2"));
        assert_eq!(child_env(env, &["s2", "s1"])["B"], "1", "order decides");
        assert_eq!(vars["USER"], "tester", "the environment is inherited");
        assert!(vars.contains_key("KEEP_HOME"));
        assert!(!vars.contains_key("KEEP_TOKEN"), "the token never reaches the program");
        assert!(!vars.contains_key("KEEP_MASTER_KEY"));
        if env.server.is_none() {
            let out = env.keep().args(["run", "s1", "--", "env"]).env("KEEP_TOKEN", "t0ken").output().expect("run");
            assert!(!String::from_utf8_lossy(&out.stdout).contains("t0ken"));
        }
        // A secret may set them on purpose (a token for another server, say).
        json(env, &["create", "tok", "KEEP_TOKEN=from-secret"], 0);
        assert_eq!(child_env(env, &["tok"])["KEEP_TOKEN"], "from-secret");
    }
);

both_modes!(
    fn no_inherit_env_leaves_only_path_and_the_secrets(env) {
        json(env, &["create", "s", "A=1", "B=two words"], 0);
        let vars = child_env(env, &["s", "--no-inherit-env"]);
        let keys: Vec<&str> = vars.keys().map(String::as_str).collect();
        assert_eq!(keys, ["A", "B", "PATH"]);
        assert_eq!(vars["PATH"], std::env::var("PATH").expect("PATH"));
        assert_eq!(vars["B"], "two words");
        // A secret's PATH wins, and the program is looked up in it.
        json(env, &["create", "p", "PATH=/nonexistent"], 0);
        env.keep().args(["run", "p", "--no-inherit-env", "--", "env"]).assert().code(127);
        env.keep().args(["run", "p", "--", "/usr/bin/env"]).assert().success().stdout(predicate::str::contains("PATH=/nonexistent\n"));
    }
);

both_modes!(
    fn require_names_every_missing_key_and_starts_nothing(env) {
        json(env, &["create", "s1", "A=1"], 0);
        json(env, &["create", "s2", "B=2"], 0);
        let marker = env.path("started");
        let touch = ["--", "touch", marker.to_str().expect("path")];
        let run = |args: &[&str]| env.keep().arg("run").args(args).args(touch).assert();

        run(&["s1", "--require", "X", "--require", "A", "--require", "Y"])
            .code(2)
            .stderr(predicate::str::contains("missing required keys: X, Y"));
        run(&["s1", "s2", "--require", "B", "--require", "Z", "--require", "A", "--require", "W"])
            .code(2)
            .stderr(predicate::str::contains("`s1`, `s2` has the required keys: Z, W"));
        run(&["s1", "nope", "--require", "A"]).code(3);
        assert!(!marker.exists(), "nothing was started");
        for s in ["s1", "s2"] {
            assert_eq!(json(env, &["show", s], 0)["last_used_at"], serde_json::Value::Null, "no value was read");
        }
        // A key from any of the secrets satisfies it.
        run(&["s1", "s2", "--require", "A", "--require", "B"]).success();
        assert!(marker.exists());
        let out = env.keep().args(["--json", "run", "s1", "--require", "Q", "--", "true"]).output().expect("run");
        assert_eq!(out.status.code(), Some(2));
        let e: serde_json::Value = serde_json::from_slice(&out.stderr).expect("a JSON error");
        assert_eq!(e["error"]["code"], "missing_keys");
        assert_eq!(e["error"]["keys"], json!(["Q"]));
    }
);

both_modes!(
    fn programs_that_cannot_start_exit_like_a_shell(env) {
        json(env, &["create", "s", "A=1"], 0);
        env.keep()
            .args(["run", "s", "--", "no-such-program-keep-test"])
            .assert()
            .code(127)
            .stderr(predicate::str::contains("error: cannot run `no-such-program-keep-test`: command not found"));
        env.keep().args(["run", "s", "--", "./no/such/file"]).assert().code(127).stderr(predicate::str::contains("error:"));
        let script = env.write("not-executable.sh", "#!/bin/sh\necho hi\n");
        env.keep().args(["run", "s", "--"]).arg(&script).assert().code(126).stderr(predicate::str::contains("permission denied"));
        env.keep().args(["run", "s", "--"]).arg(env.dir.path()).assert().code(126);
        // Without `--` there is no program: a usage error, nothing run.
        env.keep().args(["run", "s", "true"]).assert().code(2);
        env.keep().args(["run", "nope", "--", "true"]).assert().code(3);
    }
);

both_modes!(
    fn running_counts_as_a_use(env) {
        json(env, &["create", "s", "A=1"], 0);
        assert_eq!(json(env, &["show", "s"], 0)["last_used_at"], serde_json::Value::Null);
        env.keep().args(["run", "s", "--", "true"]).assert().success();
        assert!(json(env, &["show", "s"], 0)["last_used_at"].is_string());
    }
);

/// The program starts as if run by a shell: default signal handling (Rust ignores SIGPIPE in
/// keep itself), nothing blocked, and no descriptor of keep's left open.
#[cfg(target_os = "linux")]
#[test]
fn the_program_starts_clean() {
    let env = Env::new(crate::support::Mode::Local);
    json(&env, &["create", "s", "A=1"], 0);
    // Signal masks of the standard signals 1 to 31; 32 and above belong to glibc's threads.
    let signals = |cmd: &mut assert_cmd::Command| -> Vec<(String, u64)> {
        let out = cmd.output().expect("cat");
        let status = String::from_utf8(out.stdout).expect("utf8");
        let lines = status.lines().filter_map(|l| l.split_once(":\t"));
        lines
            .filter(|(k, _)| *k == "SigIgn" || *k == "SigBlk")
            .map(|(k, v)| {
                (
                    k.to_owned(),
                    u64::from_str_radix(v, 16).expect("hex") & 0x7fff_ffff,
                )
            })
            .collect()
    };
    let direct = signals(assert_cmd::Command::new("cat").arg("/proc/self/status"));
    let through_keep = signals(
        env.keep()
            .args(["run", "s", "--", "cat", "/proc/self/status"]),
    );
    assert_eq!(direct.len(), 2);
    assert_eq!(through_keep, direct);
    let fds = |cmd: &mut assert_cmd::Command| {
        String::from_utf8(cmd.output().expect("ls").stdout).expect("utf8")
    };
    let direct = fds(assert_cmd::Command::new("ls").arg("/proc/self/fd"));
    let through_keep = fds(env.keep().args(["run", "s", "--", "ls", "/proc/self/fd"]));
    assert_eq!(through_keep, direct);
}

/// On a terminal keep says which keys a later secret overrides; piped, it says nothing
/// (checked by `child_env` above).
#[test]
fn overridden_keys_are_reported_on_a_terminal() {
    let env = Env::new(crate::support::Mode::Local);
    json(&env, &["create", "s1", "A=1", "B=1"], 0);
    json(&env, &["create", "s2", "B=2"], 0);
    let bin = crate::support::bin();
    let script = format!("{} run s1 s2 -- printenv B", bin.display());
    let out = plain(&env, "script")
        .args(["-qec", &script, "/dev/null"])
        .env("TERM", "dumb")
        .stdin(Stdio::null())
        .output()
        .expect("script");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("warning: `B` is set by `s1` and `s2`; using the value from `s2`"),
        "{text}"
    );
    assert!(text.contains("\n2"), "{text}");
}

/// Values are capped at 64 KiB, so no single variable reaches Linux's 128 KiB limit (the unit
/// tests check that refusal); but several secrets together can exceed what exec accepts.
#[cfg(target_os = "linux")]
#[test]
fn an_environment_too_large_for_exec_is_an_error_not_a_truncation() {
    let env = Env::new(crate::support::Mode::Local);
    let mut names = Vec::new();
    for s in 0..3 {
        let data: BTreeMap<String, String> = (0..15)
            .map(|i| (format!("S{s}K{i}"), "x".repeat(65_536)))
            .collect();
        let file = env.path(&format!("{s}.json"));
        std::fs::write(&file, serde_json::to_string(&data).expect("json")).expect("write");
        json(
            &env,
            &[
                "create",
                &format!("big{s}"),
                "--from-json",
                file.to_str().expect("path"),
            ],
            0,
        );
        names.push(format!("big{s}"));
    }
    // An 8 MiB stack gives exec 2 MiB for arguments and environment; the secrets hold 2.9 MiB.
    let marker = env.path("started");
    let out = plain(&env, "sh")
        .args(["-c", "ulimit -s 8192 2>/dev/null; exec \"$@\"", "sh"])
        .arg(crate::support::bin())
        .arg("run")
        .args(&names)
        .args(["--", "touch", marker.to_str().expect("path")])
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("its arguments and environment are too large"),
        "{stderr}"
    );
    assert!(!marker.exists());
}

both_modes!(
    fn a_program_read_as_secret_names_gets_the_corrected_command(env) {
        json(env, &["create", "app", "A=1"], 0);
        let marker = env.path("ran");
        let touch = format!("touch {}", marker.display());
        let cases: [(&[&str], &str); 5] = [
            (&["app", "npm", "run", "dev"], "`keep run app -- npm run dev`"),
            (&["app", "ls", "--", "-la"], "`keep run app -- ls -la`"),
            (&["app", "./deploy.sh"], "`keep run app -- ./deploy.sh`"),
            (&["app", "ls", "-la"], "`keep run app -- ls -la`"),
            (&["app", "sh", "-c", &touch], "`keep run app -- sh -c"),
        ];
        for (args, fixed) in cases {
            env.keep()
                .arg("run")
                .args(args)
                .assert()
                .code(2)
                .stderr(predicate::str::contains("secret names").and(predicate::str::contains(fixed)));
        }
        assert!(!marker.exists(), "nothing ran");
        let e = json(env, &["run", "app", "npm", "run", "dev"], 2);
        assert_eq!(e["error"]["code"], "invalid_input");
    }
);
