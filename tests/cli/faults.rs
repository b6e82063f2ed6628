//! Faults made for real: a store on a small tmpfs filled until writes fail, then freed.
//! Every acknowledged write must be there afterwards with its audit record, every write
//! that was refused must be absent, and writes must work again without a restart.
//!
//! Mounting a tmpfs needs root (CI runs as root). Where mounting is refused the tests fail
//! and say so: a fault test that silently did nothing would prove nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;
use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tempfile::TempDir;

use crate::support::pg::{self, Cluster};
use crate::support::{Api, Server, hermetic, runtime};

/// A tmpfs of a fixed size, unmounted on drop.
pub struct Tmpfs {
    dir: TempDir,
}

impl Tmpfs {
    /// Mounts a tmpfs of `size` (`4M`) on a new directory owned by `owner` (uid, gid).
    pub fn mount(size: &str, owner: Option<(u32, u32)>) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = StdCommand::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size},mode=0700")])
            .arg("tmpfs")
            .arg(dir.path())
            .output();
        match out {
            Ok(out) if out.status.success() => {}
            Ok(out) => panic!(
                "THIS FAULT TEST NEEDS TO MOUNT A TMPFS (run the tests as root): mount said: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ),
            Err(e) => panic!("THIS FAULT TEST NEEDS `mount` AND ROOT: {e}"),
        }
        if let Some((uid, gid)) = owner {
            let path =
                std::ffi::CString::new(dir.path().as_os_str().as_encoded_bytes()).expect("path");
            // SAFETY: a valid C string for the call.
            assert_eq!(unsafe { libc::chown(path.as_ptr(), uid, gid) }, 0, "chown");
        }
        Self { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the free space with a ballast file except for about `leave` bytes.
    pub fn fill_leaving(&self, leave: u64) -> PathBuf {
        let ballast = self.path().join("ballast");
        let free = free_bytes(self.path());
        let size = free.saturating_sub(leave);
        let data = vec![0x5au8; usize::try_from(size).expect("size")];
        std::fs::write(&ballast, data).expect("write the ballast file");
        ballast
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        // Lazy: a process that still has a file open there (a server being killed) must not
        // leave the mount behind.
        let _ = StdCommand::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .status();
    }
}

fn free_bytes(path: &Path) -> u64 {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).expect("path");
    let mut st = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: valid pointers for the call; st is read only after success.
    assert_eq!(unsafe { libc::statvfs(c.as_ptr(), st.as_mut_ptr()) }, 0);
    // SAFETY: statvfs succeeded.
    let st = unsafe { st.assume_init() };
    st.f_bavail * st.f_frsize
}

/// A value that does not compress: about `len` bytes of hex.
fn big_value(seed: usize, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut x = seed as u64 ^ 0x9e37_79b9_7f4a_7c15;
    while out.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.push_str(&format!("{x:016x}"));
    }
    out
}

/// What a server answered during a disk-full episode.
#[derive(Default)]
struct Episode {
    acked: BTreeSet<String>,
    refused: BTreeSet<String>,
    /// Updates answered 200, by secret: the value they set.
    acked_updates: BTreeMap<String, String>,
    refused_updates: BTreeSet<String>,
    reveals_ok: usize,
    statuses: BTreeMap<u16, usize>,
}

/// Creates `name` in `main`, failing if it exists; returns the status.
async fn create(api: &Api, name: &str, values: Value) -> StatusCode {
    let body = json!({"name": name, "values": values, "on_conflict": "fail"});
    api.create("main", body).await.status
}

/// Creates big secrets until the disk refuses several in a row, with an update and a reveal
/// of an acknowledged secret after each refusal.
async fn fill_until_refused(api: &Api, prefix: &str) -> Episode {
    let mut ep = Episode::default();
    let mut refused_in_a_row = 0;
    for i in 0..400 {
        let name = format!("{prefix}{i:03}");
        let values = json!({"A": big_value(i, 40_000), "B": big_value(i + 1000, 40_000)});
        let status = create(api, &name, values).await;
        *ep.statuses.entry(status.as_u16()).or_default() += 1;
        match status {
            StatusCode::CREATED => {
                ep.acked.insert(name);
                refused_in_a_row = 0;
            }
            StatusCode::SERVICE_UNAVAILABLE => {
                ep.refused.insert(name);
                refused_in_a_row += 1;
            }
            other => panic!("create {name}: unexpected {other}"),
        }
        if refused_in_a_row > 0 {
            let target = ep
                .acked
                .iter()
                .next()
                .cloned()
                .expect("an acknowledged secret");
            let value = big_value(i + 5000, 30_000);
            let status = api.patch("main", &target, json!({"U": value})).await.status;
            match status {
                StatusCode::OK => {
                    ep.acked_updates.insert(target.clone(), value);
                }
                StatusCode::SERVICE_UNAVAILABLE => {
                    ep.refused_updates.insert(target.clone());
                }
                other => panic!("update {target}: unexpected {other}"),
            }
            let status = api.show("main", &target, "?reveal=true").await.status;
            match status {
                StatusCode::OK => ep.reveals_ok += 1,
                StatusCode::SERVICE_UNAVAILABLE => {}
                other => panic!("reveal {target}: unexpected {other}"),
            }
        }
        if refused_in_a_row >= 4 {
            return ep;
        }
    }
    panic!("the disk never filled: {:?}", ep.statuses);
}

/// After the episode and a restart: what was acknowledged is there with its audit record,
/// what was refused is not, and every reveal answered with values has its record.
async fn check_after(api: &Api, ep: &Episode) {
    for name in &ep.acked {
        let reply = api.show("main", name, "").await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "acknowledged {name} is gone: {}",
            reply.text
        );
    }
    for name in &ep.refused {
        let status = api.show("main", name, "").await.status;
        assert_eq!(status, StatusCode::NOT_FOUND, "refused {name} was stored");
    }
    for (name, value) in &ep.acked_updates {
        let reply = api.show("main", name, "?reveal=true").await;
        assert_eq!(reply.status, StatusCode::OK);
        let body = reply.json("reveal");
        assert_eq!(body["values"]["U"].as_str(), Some(value.as_str()), "{name}");
    }
    let events = api.audit().await;
    let ok = |action: &str, target: &str| {
        events
            .iter()
            .any(|e| e["action"] == action && e["target"] == target && e["outcome"] == "ok")
    };
    for name in &ep.acked {
        assert!(
            ok("secret.create", name),
            "no audit record of creating {name}"
        );
    }
    for name in &ep.refused {
        assert!(
            !ok("secret.create", name),
            "an audit record of refused {name}"
        );
    }
    let reveals = events
        .iter()
        .filter(|e| e["action"] == "secret.reveal" && e["outcome"] == "ok")
        .count();
    assert!(
        reveals >= ep.reveals_ok,
        "{} reveals answered with values, {reveals} recorded",
        ep.reveals_ok
    );
}

/// One disk-full episode against `server`, whose store is on `disk`: fill, refuse, free,
/// write again without a restart. Returns the episode and the server.
fn episode(server: Server, disk: &Tmpfs, ballast: &Path) -> (Episode, Server) {
    let (rt, api) = (runtime(), server.api());
    let ep = rt.block_on(fill_until_refused(&api, "s"));
    assert!(
        ep.acked.len() >= 2,
        "too few writes before the disk filled: {:?}",
        ep.statuses
    );
    std::fs::remove_file(ballast).expect("free the space");
    let _ = disk;
    // The first write after the space returns works, on the same server process.
    let values = json!({"A": "back"});
    let status = rt.block_on(create(&api, "after-free", values));
    assert_eq!(
        status,
        StatusCode::CREATED,
        "a write after the space returned (server log: {})",
        server.stderr()
    );
    (ep, server)
}

#[test]
#[allow(clippy::print_stderr)] // the figures go into the test log
fn a_full_disk_under_keep_serve_on_sqlite_loses_nothing_acknowledged() {
    let disk = Tmpfs::mount("6M", None);
    let data = tempfile::tempdir_in(disk.path()).expect("tempdir on the tmpfs");
    let server = Server::start_in(data, &[]);
    assert!(!server.token.is_empty());
    let ballast = disk.fill_leaving(1_500_000);
    let (ep, server) = episode(server, &disk, &ballast);
    let token = server.token.clone();
    let data = server.stop();
    let mut restarted = Server::start_in(data, &[]);
    restarted.token = token;
    runtime().block_on(check_after(&restarted.api(), &ep));
    eprintln!(
        "disk full on SQLite: {} creates acknowledged, {} refused, {} updates acknowledged, \
         {} refused; statuses {:?}",
        ep.acked.len(),
        ep.refused.len(),
        ep.acked_updates.len(),
        ep.refused_updates.len(),
        ep.statuses
    );
}

#[test]
#[allow(clippy::print_stderr)]
fn a_full_tablespace_under_keep_serve_on_postgres_loses_nothing_acknowledged() {
    let Some(cluster) = Cluster::start() else {
        return pg::skipped("a_full_tablespace_under_keep_serve_on_postgres");
    };
    // The database's tables live on a small tmpfs (its WAL stays on the cluster's disk).
    let disk = Tmpfs::mount("8M", pg::run_as());
    let url = cluster.database_in_tablespace(disk.path());
    let server = Server::start_in(
        tempfile::tempdir().expect("tempdir"),
        &[("KEEP_DATABASE_URL", &url)],
    );
    let ballast = disk.fill_leaving(2_000_000);
    let (ep, server) = episode(server, &disk, &ballast);
    let token = server.token.clone();
    let data = server.stop();
    let mut restarted = Server::start_in(data, &[("KEEP_DATABASE_URL", &url)]);
    restarted.token = token;
    runtime().block_on(check_after(&restarted.api(), &ep));
    eprintln!(
        "tablespace full on PostgreSQL: {} creates acknowledged, {} refused; statuses {:?}",
        ep.acked.len(),
        ep.refused.len(),
        ep.statuses
    );
}

#[test]
fn a_full_disk_under_the_local_store_loses_nothing_and_reads_still_work() {
    let disk = Tmpfs::mount("6M", None);
    let home = tempfile::tempdir().expect("tempdir");
    let store = disk.path().join("keep-home");
    let keep = || {
        let mut cmd = hermetic(home.path());
        cmd.env("KEEP_HOME", &store)
            .env("XDG_CONFIG_HOME", crate::support::NO_CONFIG);
        cmd
    };
    let value = |i: usize| big_value(i, 60_000);
    let file = home.path().join("value");
    keep().args(["create", "first", "A=1"]).assert().success();
    let ballast = disk.fill_leaving(1_000_000);
    let (mut acked, mut refused) = (Vec::new(), Vec::new());
    for i in 0..100 {
        std::fs::write(&file, value(i)).expect("write");
        let name = format!("s{i:03}");
        let out = keep()
            .args(["create", &name, "--from-file"])
            .arg(format!("B={}", file.display()))
            .output()
            .expect("run keep");
        match out.status.code() {
            Some(0) => acked.push(name),
            Some(1) => {
                let err = String::from_utf8_lossy(&out.stderr);
                assert!(err.contains("full"), "{err}");
                refused.push(name);
                if refused.len() >= 3 {
                    break;
                }
            }
            other => panic!("{other:?}: {}", String::from_utf8_lossy(&out.stderr)),
        }
    }
    assert!(refused.len() >= 3, "the disk never filled");
    // Values still come back when `last_used_at` cannot be written, with a warning.
    let out = keep()
        .args(["show", "first", "--reveal", "--json"])
        .output()
        .expect("run keep");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(shown["values"]["A"], "1");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("warning"),
        "no warning that the last use was not recorded"
    );
    let out = keep()
        .args(["run", "first", "--", "sh", "-c", "test \"$A\" = 1"])
        .output()
        .expect("run keep");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = keep().args(["export", "first"]).output().expect("run keep");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "A='1'\n");
    // Space returns: writes work again, and nothing acknowledged was lost.
    std::fs::remove_file(&ballast).expect("free the space");
    keep().args(["create", "after", "A=2"]).assert().success();
    for name in &acked {
        keep().args(["show", name]).assert().success();
    }
    for name in &refused {
        keep().args(["show", name]).assert().code(3);
    }
}

#[test]
#[allow(clippy::print_stderr)]
fn requests_fail_within_a_second_while_postgres_is_away() {
    if pg::shared().is_none() {
        return pg::skipped("requests_fail_within_a_second_while_postgres_is_away");
    }
    // Over TCP: a stopped server then refuses connections, which the pool retries until
    // its timeout (a missing Unix socket fails at once and would prove nothing).
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let extra = [
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        &format!("port={port}"),
    ]
    .map(str::to_owned)
    .to_vec();
    let Some(mut cluster) = Cluster::start_with(extra, |_| {}) else {
        return pg::skipped("requests_fail_within_a_second_while_postgres_is_away");
    };
    let url = format!("postgres://postgres@127.0.0.1:{port}/postgres");
    let server = Server::start_in(
        tempfile::tempdir().expect("tempdir"),
        &[("KEEP_DATABASE_URL", &url)],
    );
    let (rt, api) = (runtime(), server.api());
    assert_eq!(
        rt.block_on(create(&api, "before", json!({"A": "1"}))),
        StatusCode::CREATED
    );
    cluster.pause();
    let secret = "/v1/environments/main/secrets/before";
    let requests: Vec<(Method, &str, Option<Value>)> = vec![
        (Method::GET, "/v1/environments/main/secrets", None),
        (Method::GET, secret, None),
        (
            Method::GET,
            "/v1/environments/main/secrets/before?reveal=true",
            None,
        ),
        (
            Method::POST,
            "/v1/environments/main/secrets",
            Some(json!({"name": "during", "values": {"A": "1"}})),
        ),
        (Method::PATCH, secret, Some(json!({"set": {"B": "2"}}))),
        (Method::DELETE, secret, None),
        (Method::GET, "/v1/tokens", None),
    ];
    let mut slowest = Duration::ZERO;
    // Twice over: while the process first finds the database away, and after.
    for round in 0..2 {
        for (method, path, body) in &requests {
            let started = Instant::now();
            let reply = rt.block_on(api.call(method.clone(), path, body.clone()));
            let took = started.elapsed();
            slowest = slowest.max(took);
            assert_eq!(
                reply.status,
                StatusCode::SERVICE_UNAVAILABLE,
                "round {round}: {method} {path}: {}",
                reply.text
            );
            assert!(
                took < Duration::from_secs(1),
                "round {round}: {method} {path} took {took:?} to fail"
            );
        }
        std::thread::sleep(Duration::from_millis(1200));
    }
    cluster.resume();
    // Back without a restart, and nothing refused was stored.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let status = rt.block_on(api.call(Method::GET, secret, None)).status;
        if status == StatusCode::OK {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the server did not come back: {status}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let shown = rt
        .block_on(api.call(Method::GET, secret, None))
        .json("show");
    assert_eq!(shown["keys"], json!(["A"]));
    let status = rt.block_on(api.show("main", "during", "")).status;
    assert_eq!(status, StatusCode::NOT_FOUND);
    eprintln!("PostgreSQL away: the slowest refusal took {slowest:?}");
}
