//! Several `keep serve` replicas on one PostgreSQL database: concurrency across replicas,
//! start-up races, a wrong master key, and PostgreSQL going away under load.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::pg::{self, Cluster};
use crate::support::{Api, Pki, Server, multi_thread_runtime};

const KEY: &str = "5f3c9a1e7b2d4c6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f";

/// `n` replicas on `url`, started at the same time (their migrations race), and the admin
/// token that exactly one of them created.
fn replicas(url: &str, n: usize) -> (Vec<Server>, String) {
    let starters: Vec<_> = (0..n)
        .map(|_| {
            let url = url.to_owned();
            std::thread::spawn(move || {
                Server::start_in(
                    tempfile::tempdir().expect("tempdir"),
                    &[("KEEP_DATABASE_URL", &url), ("KEEP_MASTER_KEY", KEY)],
                )
            })
        })
        .collect();
    let servers: Vec<Server> = starters
        .into_iter()
        .map(|t| t.join().expect("start"))
        .collect();
    let tokens: Vec<&String> = servers
        .iter()
        .map(|s| &s.token)
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(
        tokens.len(),
        1,
        "exactly one replica creates (and saves) the admin token"
    );
    let token = tokens[0].clone();
    (servers, token)
}

/// The admin's client for each of `servers`.
fn clients(servers: &[Server], token: &str) -> Vec<Api> {
    servers.iter().map(|s| Api::new(&s.url, token)).collect()
}

/// The body of a create.
fn secret(name: &str, values: Value, on_conflict: &str) -> Value {
    json!({"name": name, "values": values, "on_conflict": on_conflict})
}

#[test]
#[allow(clippy::print_stderr)] // the figures go into the test log
fn replicas_agree_under_concurrent_load() {
    let Some(cluster) = pg::shared() else {
        return pg::skipped("replicas_agree_under_concurrent_load");
    };
    let (servers, token) = replicas(&cluster.database(), 3);
    let apis = clients(&servers, &token);
    let rt = multi_thread_runtime();
    let figures = rt.block_on(async {
        // 1. The same 20 names created through all replicas at once: one winner per name.
        let mut tasks = Vec::new();
        for name in 0..20 {
            for (r, api) in apis.iter().enumerate() {
                for attempt in 0..2 {
                    let api = api.clone();
                    tasks.push(tokio::spawn(async move {
                        let values = json!({"WHO": format!("{r}-{attempt}")});
                        let body = secret(&format!("same-{name}"), values, "fail");
                        api.create("main", body).await.status
                    }));
                }
            }
        }
        let mut created = BTreeMap::<StatusCode, usize>::new();
        for t in tasks {
            *created.entry(t.await.expect("task")).or_default() += 1;
        }
        assert_eq!(created.get(&StatusCode::CREATED), Some(&20), "{created:?}");
        assert_eq!(
            created.get(&StatusCode::CONFLICT),
            Some(&100),
            "{created:?}"
        );

        // 2. Concurrent updates of one secret through all replicas: no update is lost.
        apis[0]
            .create("main", secret("merged", json!({"BASE": "0"}), "fail"))
            .await;
        let mut tasks = Vec::new();
        for i in 0..60 {
            let api = apis[i % 3].clone();
            tasks.push(tokio::spawn(async move {
                api.patch("main", "merged", json!({format!("K{i:02}"): i.to_string()}))
                    .await
                    .status
            }));
        }
        for t in tasks {
            assert_eq!(t.await.expect("task"), StatusCode::OK);
        }
        let merged = apis[1].show("main", "merged", "?reveal=true").await;
        let merged = merged.json("merged");
        assert_eq!(
            merged["values"].as_object().map(|o| o.len()),
            Some(61),
            "{merged}"
        );

        // 3. Writers replace {A: n, B: n} while readers on other replicas check A == B.
        apis[0]
            .create("main", secret("pair", json!({"A": "0", "B": "0"}), "fail"))
            .await;
        let torn = Arc::new(AtomicUsize::new(0));
        let reads = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for (w, api) in apis.iter().enumerate() {
            let api = api.clone();
            tasks.push(tokio::spawn(async move {
                for n in 0..40 {
                    let v = format!("{w}-{n}");
                    let body = secret("pair", json!({"A": v, "B": v}), "force");
                    let s = api.create("main", body).await.status;
                    assert_eq!(s, StatusCode::OK);
                }
            }));
        }
        for r in 0..6 {
            let (api, torn, reads) = (apis[r % 3].clone(), torn.clone(), reads.clone());
            tasks.push(tokio::spawn(async move {
                for _ in 0..40 {
                    let reply = api.show("main", "pair", "?reveal=true").await;
                    assert_eq!(reply.status, StatusCode::OK);
                    let v = reply.json("pair");
                    reads.fetch_add(1, Ordering::Relaxed);
                    if v["values"]["A"] != v["values"]["B"] {
                        torn.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }));
        }
        for t in tasks {
            t.await.expect("task");
        }
        assert_eq!(
            torn.load(Ordering::Relaxed),
            0,
            "a read saw half of a write"
        );

        // 4. Distinct creates spread over the replicas: each acknowledged one exists once.
        let mut tasks = Vec::new();
        for w in 0..12 {
            let api = apis[w % 3].clone();
            tasks.push(tokio::spawn(async move {
                let mut acked = Vec::new();
                for i in 0..25 {
                    let name = format!("w{w:02}-{i:03}");
                    let body = secret(&name, json!({"V": "x"}), "fail");
                    if api.create("main", body).await.status == StatusCode::CREATED {
                        acked.push(name);
                    }
                }
                acked
            }));
        }
        let mut acked = BTreeSet::new();
        for t in tasks {
            acked.extend(t.await.expect("task"));
        }
        let listed = apis[2].all_names("main").await;
        let unique: BTreeSet<&String> = listed.iter().collect();
        assert_eq!(unique.len(), listed.len(), "a secret is listed twice");
        let distinct: BTreeSet<String> =
            listed.into_iter().filter(|n| n.starts_with('w')).collect();
        assert_eq!(
            distinct, acked,
            "acknowledged writes and stored secrets differ"
        );
        (acked.len(), reads.load(Ordering::Relaxed))
    });
    eprintln!(
        "replicas: 3; same-name creates 120 -> 20 created, 100 conflicts; 60 concurrent updates -> 61 keys, 0 lost; \
         120 forced replaces vs {} reads -> 0 torn; {} distinct creates acknowledged -> {} stored, 0 lost, 0 duplicated",
        figures.1, figures.0, figures.0
    );
}

#[test]
fn a_replica_with_another_master_key_refuses_to_start() {
    let Some(cluster) = pg::shared() else {
        return pg::skipped("a_replica_with_another_master_key_refuses_to_start");
    };
    let url = cluster.database();
    let (_servers, _token) = replicas(&url, 1);
    let data = tempfile::tempdir().expect("tempdir");
    let out = std::process::Command::new(crate::support::bin())
        .env_clear()
        .env("KEEP_DATABASE_URL", &url)
        .env("KEEP_MASTER_KEY", "ab".repeat(32))
        .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(data.path().join("srv"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("does not match this store"), "{stderr}");
    assert!(
        !stderr.contains(&"ab".repeat(32)),
        "the key is never printed"
    );
}

/// 200 merges and 100 replacements of one secret at once: writers queue for the secret and
/// each gets through, on one SQLite server and on three PostgreSQL replicas. (Writers that
/// raced and retried used to give up, with a 500, after enough lost races.)
#[test]
fn every_writer_of_one_hot_secret_gets_through() {
    let sqlite = Server::start();
    let mut setups = vec![("sqlite", vec![sqlite.api()], vec![sqlite])];
    let cluster = pg::shared();
    if let Some(cluster) = &cluster {
        let (servers, token) = replicas(&cluster.database(), 3);
        setups.push(("postgres", clients(&servers, &token), servers));
    } else {
        pg::skipped("every_writer_of_one_hot_secret_gets_through (postgres)");
    }
    let rt = multi_thread_runtime();
    for (store, apis, servers) in &setups {
        let logs = || {
            servers
                .iter()
                .map(|s| s.stderr())
                .collect::<Vec<_>>()
                .join("\n")
        };
        rt.block_on(async {
            apis[0]
                .create("main", secret("hot", json!({"BASE": "0"}), "fail"))
                .await;
            let mut tasks = Vec::new();
            for i in 0..300 {
                let api = apis[i % apis.len()].clone();
                tasks.push(tokio::spawn(async move {
                    if i % 3 == 2 {
                        // Replacements write their own secret, so that the merges can be counted.
                        let body = secret("hot-replaced", json!({"N": i.to_string()}), "force");
                        api.create("main", body).await.status
                    } else {
                        api.patch("main", "hot", json!({format!("K{i:03}"): i.to_string()}))
                            .await
                            .status
                    }
                }));
            }
            let mut statuses = BTreeMap::<StatusCode, usize>::new();
            for t in tasks {
                *statuses.entry(t.await.expect("task")).or_default() += 1;
            }
            // 200 merges and 99 replacements answer 200; the first replacement creates.
            let expected = BTreeMap::from([(StatusCode::OK, 299), (StatusCode::CREATED, 1)]);
            assert_eq!(
                statuses,
                expected,
                "{store}; the servers' logs:\n{}",
                logs()
            );
            let hot = apis[0].show("main", "hot", "?reveal=true").await;
            let hot = hot.json("hot");
            assert_eq!(
                hot["values"].as_object().map(|o| o.len()),
                Some(201),
                "{store}: every merge is kept"
            );
        });
    }
}

#[test]
#[allow(clippy::print_stderr)] // the figures go into the test log
fn postgres_going_away_loses_no_acknowledged_write() {
    // Its own cluster: this test stops and starts it while writers keep writing.
    let Some(mut cluster) = Cluster::start() else {
        return pg::skipped("postgres_going_away_loses_no_acknowledged_write");
    };
    let (servers, token) = replicas(&cluster.database(), 2);
    let apis = clients(&servers, &token);
    let rt = multi_thread_runtime();
    let acked_count = Arc::new(AtomicUsize::new(0));
    let failed_count = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    // Four writers, two per replica, each creating its own names until told to stop.
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let api = apis[w % 2].clone();
            let (acked_count, failed_count, stop) =
                (acked_count.clone(), failed_count.clone(), stop.clone());
            rt.spawn(async move {
                let (mut acked, mut failed) = (Vec::new(), BTreeMap::<StatusCode, usize>::new());
                for i in 0.. {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let name = format!("w{w}-{i:05}");
                    let body = secret(&name, json!({"V": "x"}), "fail");
                    match api.create("main", body).await.status {
                        StatusCode::CREATED => {
                            acked.push(name);
                            acked_count.fetch_add(1, Ordering::Relaxed);
                        }
                        other => {
                            *failed.entry(other).or_default() += 1;
                            failed_count.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
                (acked, failed)
            })
        })
        .collect();
    let wait_until = |what: &str, cond: &dyn Fn() -> bool| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
        while !cond() {
            assert!(
                std::time::Instant::now() < deadline,
                "timed out waiting for {what}"
            );
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    };
    wait_until("writes before the outage", &|| {
        acked_count.load(Ordering::Relaxed) >= 100
    });
    cluster.pause(); // mid-load
    let at_pause = acked_count.load(Ordering::Relaxed);
    wait_until("failures during the outage", &|| {
        failed_count.load(Ordering::Relaxed) >= 8
    });
    cluster.resume();
    let resumed_at = acked_count.load(Ordering::Relaxed);
    wait_until("writes after the outage", &|| {
        acked_count.load(Ordering::Relaxed) >= resumed_at + 100
    });
    stop.store(true, Ordering::Relaxed);
    let mut acked = BTreeSet::new();
    let mut failed = BTreeMap::<StatusCode, usize>::new();
    for w in writers {
        let (a, f) = rt.block_on(w).expect("writer");
        acked.extend(a);
        for (k, v) in f {
            *failed.entry(k).or_default() += v;
        }
    }
    // Failures are 503s (the database is away), never 5xx of another kind or a hang.
    assert!(
        failed.keys().all(|s| *s == StatusCode::SERVICE_UNAVAILABLE),
        "{failed:?}"
    );
    let stored: BTreeSet<String> = rt.block_on(apis[1].all_names("main")).into_iter().collect();
    let lost: Vec<&String> = acked.difference(&stored).collect();
    assert!(lost.is_empty(), "acknowledged but lost: {lost:?}");
    // A write whose commit raced the shutdown may be stored without having been
    // acknowledged; that is allowed, and counted.
    let unacked_but_stored = stored.len() - acked.len();
    eprintln!(
        "outage under load: 2 replicas, 4 writers; {at_pause} creates acknowledged before the stop, {} in all; \
         {} failed with 503 during the outage; {} stored, 0 acknowledged writes lost, {unacked_but_stored} stored \
         without acknowledgement; both replicas served again without a restart",
        acked.len(),
        failed.values().sum::<usize>(),
        stored.len(),
    );
    // Both replicas answer after the outage.
    for api in &apis {
        let url = &api.url;
        let body = secret(
            &format!("after-{}", url.len()),
            json!({"V": "y"}),
            "allow_existing",
        );
        let s = rt.block_on(api.create("main", body)).status;
        assert!(s.is_success(), "{url}: {s}");
    }
}

#[test]
fn postgres_over_tls_with_verify_full_checks_the_ca_and_the_host_name() {
    if pg::shared().is_none() {
        return pg::skipped("postgres_over_tls_with_verify_full_checks_the_ca_and_the_host_name");
    }
    let pki = Pki::new(&["localhost"]);
    let other = Pki::new(&["localhost"]);
    let cert = std::fs::read_to_string(&pki.cert).expect("cert");
    let key = std::fs::read_to_string(&pki.key).expect("key");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let extra: Vec<String> = [
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        &format!("port={port}"),
        "-c",
        "ssl=on",
        "-c",
        "ssl_cert_file=../server.crt",
        "-c",
        "ssl_key_file=../server.key",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let Some(cluster) = Cluster::start_with(extra, |dir| {
        std::fs::write(dir.join("server.crt"), &cert).expect("cert");
        let mut opts = std::fs::OpenOptions::new();
        std::os::unix::fs::OpenOptionsExt::mode(opts.write(true).create_new(true), 0o600);
        let mut file = opts.open(dir.join("server.key")).expect("key");
        std::io::Write::write_all(&mut file, key.as_bytes()).expect("write");
    }) else {
        return pg::skipped("postgres_over_tls_with_verify_full_checks_the_ca_and_the_host_name");
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let (ca_path, other_ca) = (&pki.ca, &other.ca);
    let url = |host: &str, root: &Path| {
        format!(
            "postgres://postgres@{host}:{port}/postgres?sslmode=verify-full&sslrootcert={}",
            root.display()
        )
    };
    // The right CA and host name: the replica starts and serves.
    let server = Server::start_in(
        tempfile::tempdir().expect("tempdir"),
        &[
            ("KEEP_DATABASE_URL", &url("localhost", ca_path)),
            ("KEEP_MASTER_KEY", KEY),
        ],
    );
    let home = tempfile::tempdir().expect("tempdir");
    crate::support::hermetic(home.path())
        .env("KEEP_SERVER", &server.url)
        .env("KEEP_TOKEN", &server.token)
        .args(["create", "over-tls", "A=1"])
        .assert()
        .success();
    // An untrusted CA, or a host name the certificate does not name: refused at start-up.
    for bad in [url("localhost", other_ca), url("127.0.0.1", ca_path)] {
        let out = std::process::Command::new(crate::support::bin())
            .env_clear()
            .env("KEEP_DATABASE_URL", &bad)
            .env("KEEP_MASTER_KEY", KEY)
            .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
            .arg(dir.path().join("srv"))
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1), "{bad}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("cannot connect to PostgreSQL"),
            "{bad}: {stderr}"
        );
    }
    drop(server);
    drop(cluster);
}

#[test]
fn a_token_revoked_on_one_replica_is_refused_by_every_replica_at_once() {
    let Some(cluster) = pg::shared() else {
        return pg::skipped("a_token_revoked_on_one_replica_is_refused_by_every_replica_at_once");
    };
    let url = cluster.database();
    let (servers, token) = replicas(&url, 3);
    let rt = multi_thread_runtime();
    let admin = clients(&servers, &token);
    let issued =
        rt.block_on(admin[0].call(Method::POST, "/v1/tokens", Some(json!({"name": "ci"}))));
    assert_eq!(issued.status, StatusCode::CREATED, "{issued:?}");
    let ci = admin[0].as_token(issued.json("issue")["token"].as_str().expect("token"));
    let list = |base: &str| {
        let path = "/v1/environments/main/secrets";
        rt.block_on(ci.at(base).call(Method::GET, path, None))
            .status
    };
    for s in &servers {
        assert_eq!(list(&s.url), StatusCode::OK);
    }
    // No replica caches tokens: each request checks the database, so a revocation made on
    // one replica holds on every replica from the next request on.
    let revoked = rt.block_on(admin[2].call(Method::DELETE, "/v1/tokens/ci", None));
    assert_eq!(revoked.status, StatusCode::OK);
    for s in &servers {
        assert_eq!(list(&s.url), StatusCode::UNAUTHORIZED);
    }
}
