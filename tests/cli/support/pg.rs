//! A throwaway PostgreSQL cluster for the tests: `initdb` and `postgres` from the Debian
//! `postgresql` package, on a temporary directory and a Unix socket (no TCP port to race
//! for). When the programs are missing, tests that need them say SKIPPED and pass.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tempfile::TempDir;

use super::runtime;

/// The directory holding `initdb` and `postgres`: `KEEP_TEST_PG_BIN`, else the newest
/// `/usr/lib/postgresql/*/bin`.
fn bin_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("KEEP_TEST_PG_BIN") {
        return Some(PathBuf::from(dir));
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .filter(|(_, bin): &(u32, PathBuf)| {
            bin.join("initdb").exists() && bin.join("postgres").exists()
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

/// PostgreSQL refuses to run as root; when the tests do, the cluster runs as `postgres`.
pub fn run_as() -> Option<(u32, u32)> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return None;
    }
    let name = c"postgres";
    // SAFETY: a valid C string; the result is read at once, before any other getpw* call.
    let pw = unsafe { libc::getpwnam(name.as_ptr()) };
    assert!(
        !pw.is_null(),
        "running as root, but there is no `postgres` user to run PostgreSQL as"
    );
    // SAFETY: pw is non-null and points to a valid passwd record.
    unsafe { Some(((*pw).pw_uid, (*pw).pw_gid)) }
}

/// Removes clusters of earlier runs: a cluster dies with its test process (see `command`),
/// and a stopped cluster has no `postmaster.pid`.
/// Only clusters untouched for this long: a younger one may be another test run's, still in
/// `initdb` (which writes no `postmaster.pid`).
fn sweep(base: &Path) {
    let stale = |path: &Path| {
        std::fs::metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > Duration::from_secs(3600))
    };
    for entry in std::fs::read_dir(base).into_iter().flatten().flatten() {
        let is_ours = entry.file_name().to_string_lossy().starts_with("keep-pg-");
        let path = entry.path();
        if is_ours && !path.join("data/postmaster.pid").exists() && stale(&path) {
            let _ = std::fs::remove_dir_all(path);
        }
    }
}

/// A command that runs as the cluster's user and dies with the test process.
fn command(program: &Path) -> Command {
    let mut cmd = Command::new(program);
    let ids = run_as();
    // SAFETY: only async-signal-safe calls (setgid, setuid, prctl) between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            if let Some((uid, gid)) = ids {
                if libc::setgid(gid) != 0 || libc::setuid(uid) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
            }
            // Set after setuid, which clears it. Fires when the spawning thread ends; SIGINT is
            // PostgreSQL's fast shutdown (SIGTERM would wait for clients to leave).
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGINT);
            Ok(())
        });
    }
    cmd
}

/// Spawns on a thread that never ends, so PR_SET_PDEATHSIG fires only when the test
/// process itself exits.
fn spawn_owned(mut cmd: Command) -> Child {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(cmd.spawn());
        loop {
            std::thread::park();
        }
    });
    rx.recv().expect("spawner thread").expect("spawn postgres")
}

pub struct Cluster {
    _dir: TempDir,
    data: PathBuf,
    socket_dir: PathBuf,
    bin: PathBuf,
    child: Option<Child>,
    /// Extra `postgres` arguments (`-c name=value`), e.g. to serve TLS on a TCP port.
    extra: Vec<String>,
}

impl Cluster {
    /// A new cluster, started; `None` when PostgreSQL is not installed.
    pub fn start() -> Option<Self> {
        Self::start_with(Vec::new(), |_| {})
    }

    /// A new cluster started with extra `postgres` arguments; `prepare` may write files
    /// (certificates) into the cluster's directory first, owned by the cluster's user.
    pub fn start_with(extra: Vec<String>, prepare: impl FnOnce(&Path)) -> Option<Self> {
        let bin = bin_dir()?;
        // In the system temp dir, which the `postgres` user can reach wherever the checkout
        // is (a clone under /root would not be). The shared cluster lives in a static and is
        // never dropped, so stopped clusters are swept on the next run instead.
        let base = std::env::temp_dir();
        let base = base.as_path();
        sweep(base);
        let dir = tempfile::Builder::new()
            .prefix("keep-pg-")
            .tempdir_in(base)
            .expect("tempdir");
        let (data, socket_dir) = (dir.path().join("data"), dir.path().join("sock"));
        std::fs::create_dir(&socket_dir).expect("mkdir");
        if let Some((uid, gid)) = run_as() {
            for p in [dir.path(), socket_dir.as_path()] {
                std::os::unix::fs::chown(p, Some(uid), Some(gid)).expect("chown");
            }
        }
        let out = command(&bin.join("initdb"))
            .args([
                "--auth=trust",
                "--username=postgres",
                "--encoding=UTF8",
                "--no-sync",
                "-D",
            ])
            .arg(&data)
            .output()
            .expect("initdb");
        assert!(
            out.status.success(),
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        prepare(dir.path());
        if let Some((uid, gid)) = run_as() {
            for entry in std::fs::read_dir(dir.path()).expect("ls").flatten() {
                if entry.path().is_file() {
                    std::os::unix::fs::chown(entry.path(), Some(uid), Some(gid)).expect("chown");
                }
            }
        }
        let mut cluster = Self {
            _dir: dir,
            data,
            socket_dir,
            bin,
            child: None,
            extra,
        };
        cluster.resume();
        Some(cluster)
    }

    /// Starts the server process (again) and waits until it accepts connections. A server
    /// that exits while starting is started again, a few times, with its log in the test's
    /// output, before the test fails with that log.
    pub fn resume(&mut self) {
        for attempt in 1.. {
            match self.try_start() {
                Ok(child) => {
                    self.child = Some(child);
                    return;
                }
                Err(failure) if attempt < 5 => {
                    #[allow(clippy::print_stderr)]
                    {
                        eprintln!("PostgreSQL start {attempt} failed, trying again: {failure}");
                    }
                    std::thread::sleep(Duration::from_secs(1));
                }
                Err(failure) => panic!("{failure}"),
            }
        }
    }

    fn try_start(&self) -> Result<Child, String> {
        let mut cmd = command(&self.bin.join("postgres"));
        cmd.arg("-D")
            .arg(&self.data)
            .arg("-k")
            .arg(&self.socket_dir)
            .args(["-c", "max_connections=300", "-c", "fsync=on"])
            // Small WAL: a test cluster is left on disk when its test process ends (it is
            // swept an hour later), and the default keeps up to 1 GB of WAL under load.
            .args(["-c", "max_wal_size=64MB", "-c", "min_wal_size=32MB"])
            // No TCP unless asked for (the socket is enough, and no port can collide).
            .args(if self.extra.is_empty() {
                vec!["-c".to_owned(), "listen_addresses=".to_owned()]
            } else {
                self.extra.clone()
            })
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(self.log_file());
        let mut child = spawn_owned(cmd);
        let deadline = Instant::now() + Duration::from_secs(120);
        let socket = self.socket_dir.join(format!(".s.PGSQL.{}", self.port()));
        while !(socket.exists() && self.can_connect()) {
            if let Ok(Some(status)) = child.try_wait() {
                return Err(format!(
                    "PostgreSQL exited ({status}) while starting; its log:\n{}",
                    self.log()
                ));
            }
            if Instant::now() > deadline {
                // SAFETY: plain kill(2) on our own child.
                unsafe { libc::kill(child.id() as i32, libc::SIGQUIT) };
                let _ = child.wait();
                return Err(format!(
                    "PostgreSQL did not start within 120 s; its log:\n{}",
                    self.log()
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(child)
    }

    /// PostgreSQL's own log (every start appends to it), for the message of a failed start.
    fn log_path(&self) -> PathBuf {
        self.socket_dir.with_file_name("postgres.log")
    }

    fn log_file(&self) -> Stdio {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.log_path())
            .expect("open the PostgreSQL log");
        Stdio::from(file)
    }

    fn log(&self) -> String {
        let text = std::fs::read_to_string(self.log_path()).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }

    /// Stops the server (fast shutdown: clients are disconnected, committed data is kept).
    pub fn pause(&mut self) {
        if let Some(mut child) = self.child.take() {
            // SAFETY: plain kill(2) on our own child.
            unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
            let _ = child.wait();
        }
    }

    fn can_connect(&self) -> bool {
        runtime().block_on(async {
            use sqlx::Connection;
            sqlx::PgConnection::connect(&self.url("postgres"))
                .await
                .map(drop)
                .is_ok()
        })
    }

    /// The port (also the socket's name): 5432 unless `-c port=N` was given.
    fn port(&self) -> u16 {
        self.extra
            .iter()
            .find_map(|a| a.strip_prefix("port=")?.parse().ok())
            .unwrap_or(5432)
    }

    pub fn url(&self, database: &str) -> String {
        format!(
            "postgres://postgres@localhost/{database}?host={}&port={}",
            self.socket_dir.display(),
            self.port()
        )
    }

    /// A new, empty database for one test.
    pub fn database(&self) -> String {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "t{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        runtime().block_on(async {
            use sqlx::Connection;
            let mut c = sqlx::PgConnection::connect(&self.url("postgres"))
                .await
                .expect("connect");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&mut c)
                .await
                .expect("create database");
        });
        self.url(&name)
    }
}

impl Cluster {
    /// A new, empty database whose tables live in a tablespace at `location` (an empty
    /// directory the cluster's user owns), so that a test can fill that disk alone.
    pub fn database_in_tablespace(&self, location: &Path) -> String {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let (space, name) = (
            format!("ts{}_{n}", std::process::id()),
            format!("tsdb{}_{n}", std::process::id()),
        );
        runtime().block_on(async {
            use sqlx::Connection;
            let mut c = sqlx::PgConnection::connect(&self.url("postgres"))
                .await
                .expect("connect");
            for sql in [
                format!(
                    "CREATE TABLESPACE {space} LOCATION '{}'",
                    location.display()
                ),
                format!("CREATE DATABASE {name} TABLESPACE {space}"),
            ] {
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .execute(&mut c)
                    .await
                    .expect("create the tablespace and database");
            }
        });
        self.url(&name)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.pause();
    }
}

/// The cluster shared by the tests of this process, started on first use.
pub fn shared() -> Option<&'static Cluster> {
    static SHARED: OnceLock<Option<Cluster>> = OnceLock::new();
    SHARED.get_or_init(Cluster::start).as_ref()
}

/// Says, once per test, that it did nothing because PostgreSQL is missing.
#[allow(clippy::print_stderr)]
pub fn skipped(test: &str) {
    eprintln!(
        "SKIPPED {test}: PostgreSQL (initdb, postgres) is not installed; install the `postgresql` package"
    );
}
