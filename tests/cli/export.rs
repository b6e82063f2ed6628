//! keep export: round trips through import-dotenv and real shells, files, and the terminal
//! guard, in both modes.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};

use predicates::prelude::*;
use serde_json::{Value, json};

use crate::both_modes;
use crate::support::{Env, json};

/// xorshift64*: deterministic values, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const NASTY: &[&str] = &[
    "'",
    "\"",
    "$",
    "#",
    "\\",
    "\n",
    "\r",
    "\t",
    " ",
    "{",
    "}",
    "=",
    "${",
    "${A}",
    "${K0}",
    "\\'",
    "\\\\",
    "\r\n",
    " #",
    "'\\''",
    "$(id)",
    "`id`",
    "!",
    "*",
    "~",
    "%s",
    "é",
    "日本",
    "🔑",
    "\u{a0}",
    "\u{2028}",
    "\u{feff}",
    "\u{1b}[31m",
    "a",
    "Z",
    "0",
    "export ",
    ":-",
];

/// A value from NASTY, sometimes with spaces or a backslash at either end.
fn nasty_value(rng: &mut Rng) -> String {
    let n = (rng.next() % 12) as usize;
    let mut v: String = (0..n).map(|_| rng.pick(NASTY)).collect();
    if rng.next() % 3 == 0 {
        v.insert_str(0, rng.pick(&[" ", "  ", "\t", "\n"]));
    }
    if rng.next() % 3 == 0 {
        v.push_str(rng.pick(&[" ", "\t", "\n", "\\", "\\\\", "$", "'"]));
    }
    v
}

/// Hand-picked values every format must carry exactly.
fn tricky() -> Value {
    json!({
        "QUOTES": "it's \"double\" and 'single'",
        "DOLLAR": "$HOME ${HOME} ${HOME:-x} $$ $(id) `id`",
        "HASH": "a #not a comment",
        "BACKSLASH": "C:\\path\\ \\n \\' \\\\",
        "TRAILING_BACKSLASH": "ends with \\",
        "NEWLINES": "line 1\nline 2\n\nline 4\n",
        "CRLF": "windows\r\nline\r\n",
        "UNICODE": "日本語 🔑 \u{a0}\u{2028}",
        "SPACES": "  both ends  ",
        "EMPTY": "",
        "ONLY_QUOTE": "'",
        "PEM": "-----BEGIN KEY-----\nMIIB+/=\n-----END KEY-----\n",
    })
}

/// Creates secret `name` from a JSON object of values.
fn create(env: &Env, name: &str, values: &Value) {
    let file = env.path(&format!("{name}.json"));
    std::fs::write(&file, values.to_string()).expect("write");
    json(
        env,
        &["create", name, "--from-json", file.to_str().expect("path")],
        0,
    );
}

fn revealed(env: &Env, name: &str) -> Value {
    json(env, &["show", name, "--reveal"], 0)["values"].clone()
}

fn export(env: &Env, args: &[&str]) -> Vec<u8> {
    let out = env.keep().arg("export").args(args).output().expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Exports `name` as dotenv, imports the file as `copy`, and compares the values.
fn dotenv_round_trip(env: &Env, name: &str, copy: &str) {
    let text = export(env, &[name]);
    let dir = env.path(&format!("rt-{copy}"));
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join(".env"), &text).expect("write");
    env.keep()
        .args(["import-dotenv", copy])
        .arg(&dir)
        .assert()
        .success();
    assert_eq!(
        revealed(env, copy),
        revealed(env, name),
        "{}",
        String::from_utf8_lossy(&text)
    );
}

both_modes!(
    fn dotenv_round_trips_through_import_dotenv(env) {
        create(env, "tricky", &tricky());
        dotenv_round_trip(env, "tricky", "tricky-copy");
        assert_eq!(revealed(env, "tricky-copy"), tricky());

        // Odd keys, and 300 generated values in one secret.
        let odd = json!({"my key": "v w", "日本": "x", "a.b-c": "${a.b-c}", "$X": "'"});
        create(env, "odd", &odd);
        dotenv_round_trip(env, "odd", "odd-copy");
        let mut rng = Rng(0x0123_4567_89ab_cdef);
        let many: serde_json::Map<String, Value> = (0..300).map(|i| (format!("K{i}"), json!(nasty_value(&mut rng)))).collect();
        create(env, "many", &Value::Object(many.clone()));
        dotenv_round_trip(env, "many", "many-copy");
        assert_eq!(revealed(env, "many-copy"), Value::Object(many));
    }
);

both_modes!(
    fn json_is_a_flat_sorted_object_and_the_json_flag_means_it(env) {
        create(env, "s", &json!({"B": "2", "A": "line\n\"1\""}));
        let text = String::from_utf8(export(env, &["s", "--format", "json"])).expect("utf8");
        assert_eq!(text, "{\n  \"A\": \"line\\n\\\"1\\\"\",\n  \"B\": \"2\"\n}\n");
        assert_eq!(String::from_utf8(export(env, &["s", "--json"])).expect("utf8"), text);
        assert_eq!(String::from_utf8(export(env, &["s", "--json", "--format", "json"])).expect("utf8"), text);
        let e = json(env, &["export", "s", "--format", "dotenv"], 2);
        assert!(e["error"]["message"].as_str().expect("message").contains("--json"));
        let parsed: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(parsed, revealed(env, "s"));
    }
);

/// The shells to test: sh (dash on Debian), bash, and zsh when installed.
fn shells() -> Vec<Vec<&'static str>> {
    let mut shells = vec![vec!["sh"], vec!["bash", "--noprofile", "--norc"]];
    let zsh = Command::new("sh")
        .args(["-c", "command -v zsh"])
        .stdout(Stdio::null())
        .status();
    if zsh.is_ok_and(|s| s.success()) {
        shells.push(vec!["zsh", "-f"]);
    }
    shells
}

/// Runs `eval "$(keep export NAME --format shell)"` in SHELL, then prints KEYS' values
/// NUL-separated.
fn eval_in_shell(env: &Env, shell: &[&str], name: &str, keys: &[String]) -> Vec<String> {
    let bin_dir = crate::support::bin()
        .parent()
        .expect("bin dir")
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let prints: Vec<String> = keys.iter().map(|k| format!("\"${k}\"")).collect();
    let script = format!(
        "eval \"$(keep export {name} --format shell)\" || exit 9\nprintf '%s\\0' {}\n",
        prints.join(" ")
    );
    let mut cmd = Command::new(shell[0]);
    cmd.args(&shell[1..])
        .args(["-c", &script])
        .env_clear()
        .env("PATH", path)
        .env("HOME", env.dir.path())
        .env("USER", "tester")
        .env("KEEP_HOME", env.path("keep-home"))
        .env("XDG_CONFIG_HOME", crate::support::NO_CONFIG);
    if let Some(s) = &env.server {
        cmd.env("KEEP_SERVER", &s.url).env("KEEP_TOKEN", &s.token);
    }
    let out = cmd.output().expect("run the shell");
    assert!(
        out.status.success(),
        "{shell:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf8");
    text.split_terminator('\0').map(str::to_owned).collect()
}

both_modes!(
    fn shell_lines_eval_to_the_exact_values_in_real_shells(env) {
        let tricky = tricky();
        create(env, "tricky", &tricky);
        let keys: Vec<String> = tricky.as_object().expect("object").keys().cloned().collect();
        let mut rng = Rng(0xfeed_face_cafe_beef);
        let many: BTreeMap<String, String> = (0..400).map(|i| (format!("V_{i}"), nasty_value(&mut rng))).collect();
        create(env, "many", &json!(many));
        let many_keys: Vec<String> = many.keys().cloned().collect();
        for shell in shells() {
            let got = eval_in_shell(env, &shell, "tricky", &keys);
            let want: Vec<&str> = keys.iter().map(|k| tricky[k].as_str().expect("string")).collect();
            assert_eq!(got, want, "{shell:?}");
            let got = eval_in_shell(env, &shell, "many", &many_keys);
            let want: Vec<&String> = many.values().collect();
            assert_eq!(got.iter().collect::<Vec<_>>(), want, "{shell:?}");
        }
    }
);

both_modes!(
    fn keys_a_format_cannot_write_are_named(env) {
        create(env, "s", &json!({"GOOD": "1", "has space": "2", "1ABC": "3"}));
        env.keep()
            .args(["export", "s", "--format", "shell"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("keys `1ABC`, `has space` are not valid shell variable names"));
        create(env, "q", &json!({"it's": "v"}));
        env.keep()
            .args(["export", "q"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("key `it's`").and(predicate::str::contains("--format json")));
        json(env, &["export", "nope"], 3);
    }
);

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).expect("stat").permissions().mode() & 0o777
}

both_modes!(
    fn output_writes_a_0600_file_atomically(env) {
        use std::os::unix::fs::MetadataExt;
        create(env, "s", &tricky());
        let dir = env.path("out");
        std::fs::create_dir_all(&dir).expect("mkdir");
        let file = dir.join(".env");
        std::fs::write(&file, "OLD=1\n").expect("write");
        std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o644)).expect("chmod");
        let inode = std::fs::metadata(&file).expect("stat").ino();
        env.keep().args(["export", "s", "--output"]).arg(&file).assert().success().stdout("").stderr("");
        assert_eq!(mode(&file), 0o600);
        assert_ne!(std::fs::metadata(&file).expect("stat").ino(), inode, "replaced by rename, not rewritten in place");
        assert_eq!(std::fs::read(&file).expect("read"), export(env, &["s"]));
        let entries: Vec<_> = std::fs::read_dir(&dir).expect("ls").map(|e| e.expect("entry").file_name()).collect();
        assert_eq!(entries, [".env"], "no temporary file is left");

        let shell = dir.join("env.sh");
        env.keep().args(["export", "s", "--format", "shell", "-o"]).arg(&shell).assert().success();
        assert_eq!(mode(&shell), 0o600);
        env.keep().args(["export", "s", "--output"]).arg(&dir).assert().code(2).stderr(predicate::str::contains("directory"));
        env.keep().args(["export", "s", "--output"]).arg(env.path("no/such/dir/.env")).assert().code(2).stderr(predicate::str::contains("does not exist"));
    }
);

both_modes!(
    fn exporting_counts_as_a_use(env) {
        json(env, &["create", "s", "A=1"], 0);
        assert_eq!(json(env, &["show", "s"], 0)["last_used_at"], Value::Null);
        env.keep().args(["export", "s"]).assert().success().stdout("A='1'\n");
        assert!(json(env, &["show", "s"], 0)["last_used_at"].is_string());
    }
);

/// `keep export ARGS` with stdout (and stderr) on a pseudo-terminal, via util-linux `script`.
/// `stdin` is put after the command inside the pty: `</dev/null` makes stdin not a terminal.
/// `keys` is what is typed at the terminal.
fn on_terminal(env: &Env, args: &str, stdin: &str, keys: &str) -> (Option<i32>, String) {
    let script = format!("{} export {args} {stdin}", crate::support::bin().display());
    // `timeout`: a prompt waiting for input would otherwise hang the test.
    let out = Command::new("timeout")
        .args(["60", "script", "-qec", &script, "/dev/null"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("USER", "tester")
        .env("TERM", "dumb")
        .env("KEEP_HOME", env.path("keep-home"))
        .env("XDG_CONFIG_HOME", crate::support::NO_CONFIG)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            let mut stdin = child.stdin.take().expect("stdin");
            std::io::Write::write_all(&mut stdin, keys.as_bytes())?;
            drop(stdin);
            child.wait_with_output()
        })
        .expect("script");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn a_terminal_gets_values_only_when_asked() {
    let env = Env::new(crate::support::Mode::Local);
    json(&env, &["create", "s", "A=hunter2"], 0);
    let (code, text) = on_terminal(&env, "s", "</dev/null", "");
    assert_eq!(code, Some(2), "{text}");
    assert!(
        text.contains("--reveal") && !text.contains("hunter2"),
        "{text}"
    );
    let (code, text) = on_terminal(&env, "s --no-input", "", "");
    assert_eq!(code, Some(2), "{text}");
    assert_eq!(
        json(&env, &["show", "s"], 0)["last_used_at"],
        Value::Null,
        "nothing was read"
    );

    // With a person at the keyboard, keep asks.
    let (code, text) = on_terminal(&env, "s", "", "n\n");
    assert_eq!(code, Some(2), "{text}");
    assert!(
        text.contains("Print the values of `s` on this terminal?") && !text.contains("hunter2"),
        "{text}"
    );
    let (code, text) = on_terminal(&env, "s", "", "y\n");
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("A='hunter2'"), "{text}");

    let (code, text) = on_terminal(&env, "s --reveal", "</dev/null", "");
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("A='hunter2'"), "{text}");
    let file = env.path("t.env");
    let (code, text) = on_terminal(
        &env,
        &format!("s --output {}", file.display()),
        "</dev/null",
        "",
    );
    assert_eq!(code, Some(0), "{text}");
    assert!(!text.contains("hunter2"));
    assert!(text.contains("wrote 1 key of `s`"), "{text}");
    // Piped, there is nothing to ask.
    env.keep()
        .args(["export", "s"])
        .assert()
        .success()
        .stdout("A='hunter2'\n");
}
