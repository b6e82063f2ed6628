//! Test fixtures: a hermetic `keep` command, a real `keep serve` on 127.0.0.1:0, one test's
//! world in each mode (`Env`, `both_modes!`); and beside them, the HTTP client and `Api`
//! (`http`), a PostgreSQL cluster (`pg`), a private CA (`pki`) and the store's files seen
//! from outside (`disk`). Test modules take their helpers from here, not from each other.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command as StdCommand, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use assert_cmd::Command;
use tempfile::TempDir;

pub mod browser;
mod disk;
mod http;
pub mod pg;
mod pki;
mod terminal;

pub use disk::{files, mode_of, raw_db};
pub use http::{Api, Reply, client_builder, multi_thread_runtime, read_reply, runtime, send};
pub use pki::Pki;
pub use terminal::{Shown, on_terminal, sh_quote};

pub fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin!("keep").to_path_buf()
}

/// An `XDG_CONFIG_HOME` with no profiles in it, for commands built by hand.
pub const NO_CONFIG: &str = "/nonexistent/keep-tests/config";

/// The environment of a hermetic `keep` in `home`, but for `PATH`.
pub fn hermetic_vars(home: &Path) -> Vec<(&'static str, std::ffi::OsString)> {
    vec![
        ("HOME", home.into()),
        ("USER", "tester".into()),
        ("KEEP_HOME", home.join("keep-home").into()),
        // Profiles live here: no test reads the developer's own.
        ("XDG_CONFIG_HOME", home.join("config").into()),
    ]
}

/// A `keep` command with nothing inherited that could change its behaviour.
pub fn hermetic(home: &Path) -> Command {
    let mut cmd = Command::new(bin());
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .envs(hermetic_vars(home))
        .timeout(Duration::from_secs(60));
    cmd
}

/// `keep ARGS` on a terminal in `home`'s hermetic environment plus `vars`, answering
/// `answers` (see `on_terminal`).
pub fn keep_on_terminal(
    home: &Path,
    vars: &[(&'static str, &str)],
    args: &[&str],
    answers: &[(&str, &str)],
) -> Shown {
    let mut all = hermetic_vars(home);
    all.extend(vars.iter().map(|(k, v)| (*k, std::ffi::OsString::from(v))));
    let line = std::iter::once(bin().display().to_string())
        .chain(args.iter().map(|a| sh_quote(a)))
        .collect::<Vec<_>>()
        .join(" ");
    on_terminal(&all, &line, answers)
}

/// A running `keep serve` with its own data directory; killed on drop.
pub struct Server {
    child: Child,
    pub url: String,
    pub token: String,
    pub data: TempDir,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    pub fn start() -> Self {
        Self::start_in(tempfile::tempdir().expect("tempdir"), &[])
    }

    pub fn start_in(data: TempDir, env: &[(&str, &str)]) -> Self {
        Self::start_full(data, &[], env)
    }

    /// A server started with extra `keep serve` arguments (`--listen` among them replaces
    /// the default `127.0.0.1:0`) and environment variables.
    pub fn start_with(args: &[&str], env: &[(&str, &str)]) -> Self {
        Self::start_full(tempfile::tempdir().expect("tempdir"), args, env)
    }

    /// A server on an existing data directory (one `stop` returned), with `keep serve` arguments.
    pub fn start_in_with(data: TempDir, args: &[&str]) -> Self {
        Self::start_full(data, args, &[])
    }

    fn start_full(data: TempDir, args: &[&str], env: &[(&str, &str)]) -> Self {
        let mut cmd = StdCommand::new(bin());
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .envs(env.iter().copied())
            .arg("serve")
            .args(args);
        if !args.contains(&"--listen") {
            cmd.args(["--listen", "127.0.0.1:0"]);
        }
        let mut child = cmd
            .arg("--data-dir")
            .arg(data.path().join("srv"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn keep serve");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, rx) = mpsc::channel();
        let lines = Arc::new(Mutex::new(String::new()));
        let sink = lines.clone();
        // Keep draining stderr so the server never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Ok(mut all) = sink.lock() {
                    all.push_str(&line);
                    all.push('\n');
                }
                if let Some(addr) = line.strip_prefix("listening on ") {
                    let _ = tx.send(addr.to_owned());
                }
            }
        });
        let url = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "keep serve did not report its address: {}",
                    lines.lock().map(|s| s.clone()).unwrap_or_default()
                )
            });
        let token = std::fs::read_to_string(data.path().join("srv/admin.token"))
            .map(|t| t.trim().to_owned())
            .unwrap_or_default();
        Self {
            child,
            url,
            token,
            data,
            stderr: lines,
        }
    }

    /// The admin's client for this server's API.
    pub fn api(&self) -> Api {
        Api::new(&self.url, &self.token)
    }

    /// `keep` with `home`, pointed at this server with `token`.
    pub fn keep(&self, home: &Path, token: &str) -> Command {
        let mut cmd = hermetic(home);
        cmd.env("KEEP_SERVER", &self.url).env("KEEP_TOKEN", token);
        cmd
    }

    /// What the server printed on stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().map(|s| s.clone()).unwrap_or_default()
    }

    pub fn data_dir(&self) -> PathBuf {
        self.data.path().join("srv")
    }

    /// Stops the server, keeping its data directory for a restart.
    pub fn stop(mut self) -> TempDir {
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::mem::replace(&mut self.data, tempfile::tempdir().expect("tempdir"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Local,
    /// `keep serve` on SQLite.
    Remote,
    /// `keep serve` on a PostgreSQL database of the shared test cluster.
    Postgres,
}

/// One test's world: a home directory and, in remote mode, a server.
pub struct Env {
    pub dir: TempDir,
    pub server: Option<Server>,
    pub mode: Mode,
    /// The PostgreSQL database's URL, in that mode.
    pub database_url: Option<String>,
}

impl Env {
    pub fn new(mode: Mode) -> Self {
        let server = match mode {
            Mode::Local => None,
            Mode::Remote => Some(Server::start()),
            Mode::Postgres => return Self::postgres().expect("PostgreSQL is not installed"),
        };
        Self {
            dir: tempfile::tempdir().expect("tempdir"),
            server,
            mode,
            database_url: None,
        }
    }

    /// A server on a fresh database of the shared PostgreSQL cluster; `None` if PostgreSQL
    /// is not installed.
    pub fn postgres() -> Option<Self> {
        let url = pg::shared()?.database();
        let server = Server::start_in(
            tempfile::tempdir().expect("tempdir"),
            &[("KEEP_DATABASE_URL", &url)],
        );
        Some(Self {
            dir: tempfile::tempdir().expect("tempdir"),
            server: Some(server),
            mode: Mode::Postgres,
            database_url: Some(url),
        })
    }

    /// `keep` pointed at this world's store.
    pub fn keep(&self) -> Command {
        let mut cmd = hermetic(self.dir.path());
        if let Some(s) = &self.server {
            cmd.env("KEEP_SERVER", &s.url).env("KEEP_TOKEN", &s.token);
        }
        cmd
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, contents).expect("write");
        p
    }

    /// The server's `KEEP_SERVER` and `KEEP_TOKEN`, in remote modes.
    pub fn server_vars(&self) -> Vec<(&'static str, &str)> {
        match &self.server {
            None => Vec::new(),
            Some(s) => vec![
                ("KEEP_SERVER", s.url.as_str()),
                ("KEEP_TOKEN", s.token.as_str()),
            ],
        }
    }

    /// `keep ARGS` on a terminal, pointed at this world's store.
    pub fn on_terminal(&self, args: &[&str], answers: &[(&str, &str)]) -> Shown {
        keep_on_terminal(self.dir.path(), &self.server_vars(), args, answers)
    }

    /// The `store` of `--json` write reports: `local`, or the server's URL.
    pub fn store(&self) -> String {
        match &self.server {
            None => "local".to_owned(),
            Some(s) => s.url.clone(),
        }
    }

    /// The user recorded as `created_by`: the OS user locally, the token's name remotely.
    pub fn actor(&self) -> &'static str {
        match self.mode {
            Mode::Local => "tester",
            Mode::Remote | Mode::Postgres => "admin",
        }
    }
}

/// Runs `keep ARGS --json`, asserts the exit code, and parses stdout.
pub fn json(env: &Env, args: &[&str], code: i32) -> serde_json::Value {
    let out = env
        .keep()
        .args(args)
        .arg("--json")
        .output()
        .expect("run keep");
    assert_eq!(
        out.status.code(),
        Some(code),
        "keep {args:?}: stdout={} stderr={}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = if code == 0 { &out.stdout } else { &out.stderr };
    serde_json::from_slice(text).unwrap_or_else(|e| {
        panic!(
            "keep {args:?}: not JSON ({e}): {}",
            String::from_utf8_lossy(text)
        )
    })
}

/// Asserts that nothing was stored: no secret on a server, and no store at all locally (a
/// command that fails before it writes creates none, and listing a missing store is exit 3).
pub fn assert_nothing_stored(env: &Env) {
    match env.mode {
        Mode::Local => {
            let e = json(env, &["list"], 3);
            assert_eq!(e["error"]["code"], "no_store", "{e}");
            assert!(
                !env.path("keep-home/keep.db").exists(),
                "a store was created"
            );
        }
        Mode::Remote | Mode::Postgres => {
            assert_eq!(
                json(env, &["list"], 0),
                serde_json::json!([]),
                "nothing was written"
            );
        }
    }
}

/// Sorted field names of a JSON object.
pub fn fields(v: &serde_json::Value) -> Vec<String> {
    let mut f: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
    f.sort();
    f
}

/// Defines `mod $name { fn local(); fn remote(); }` running one scenario in both modes.
#[macro_export]
macro_rules! both_modes {
    ($(#[$m:meta])* fn $name:ident($env:ident) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            fn scenario($env: &$crate::support::Env) $body
            #[test]
            fn local() {
                scenario(&$crate::support::Env::new($crate::support::Mode::Local));
            }
            #[test]
            fn remote() {
                scenario(&$crate::support::Env::new($crate::support::Mode::Remote));
            }
            #[test]
            fn postgres() {
                match $crate::support::Env::postgres() {
                    Some(env) => scenario(&env),
                    None => $crate::support::pg::skipped(module_path!()),
                }
            }
        }
    };
}
