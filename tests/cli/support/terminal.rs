//! Commands on a pseudo-terminal (util-linux `script`), answering prompts as a person would:
//! only once the prompt has shown (a hidden prompt flushes what was typed before it).

use std::ffi::OsString;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the terminal showed, and the exit code.
pub struct Shown {
    pub code: Option<i32>,
    pub text: String,
}

/// Quotes a word for `sh`.
pub fn sh_quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_=./:,".contains(c))
    {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// Runs `line` (a shell command line) with stdin, stdout and stderr on a terminal 100
/// columns wide, in an environment of `vars` and `PATH` only. For each `(prompt, reply)`,
/// waits until `prompt` shows, then types `reply` and Enter. Gives up after 60 s.
pub fn on_terminal(vars: &[(&str, OsString)], line: &str, answers: &[(&str, &str)]) -> Shown {
    let mut child = Command::new("timeout")
        .args(["60", "script", "-qec"])
        .arg(format!("stty cols 100 rows 40; {line}"))
        .arg("/dev/null")
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("TERM", "dumb")
        .envs(vars.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("script");
    let seen = Arc::new(Mutex::new(Vec::<u8>::new()));
    let mut stdout = child.stdout.take().expect("stdout");
    let sink = seen.clone();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().expect("lock").extend_from_slice(&buf[..n]);
        }
    });
    let text = |seen: &Arc<Mutex<Vec<u8>>>| {
        String::from_utf8_lossy(&seen.lock().expect("lock")).into_owned()
    };
    let mut stdin = child.stdin.take().expect("stdin");
    let mut from = 0;
    for (prompt, reply) in answers {
        let deadline = Instant::now() + Duration::from_secs(30);
        let at = loop {
            let now = text(&seen);
            if let Some(i) = now[from.min(now.len())..].find(prompt) {
                break from + i + prompt.len();
            }
            assert!(Instant::now() < deadline, "no prompt {prompt:?} in {now:?}");
            std::thread::sleep(Duration::from_millis(20));
        };
        // What is typed before the prompt turns echo off is flushed: type again until the
        // program moves on (its output grows past the prompt).
        for _ in 0..20 {
            std::thread::sleep(Duration::from_millis(150));
            let _ = stdin.write_all(format!("{reply}\n").as_bytes());
            let _ = stdin.flush();
            let moved = Instant::now() + Duration::from_secs(2);
            while Instant::now() < moved && text(&seen).trim_end().len() <= at {
                std::thread::sleep(Duration::from_millis(20));
            }
            if text(&seen).trim_end().len() > at {
                break;
            }
        }
        from = at;
    }
    drop(stdin);
    let status = child.wait().expect("wait");
    let _ = reader.join();
    Shown {
        code: status.code(),
        text: text(&seen).replace("\r\n", "\n"),
    }
}
