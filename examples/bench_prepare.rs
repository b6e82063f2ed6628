//! Benchmark helper: bulk-creates a store of N secrets, fast (1M in SQLite in about 15 s).
//!
//! Usage: `bench_prepare DIR N [DATABASE_URL]`.
//!
//! With `BENCH_HISTORY=PERCENT:VERSIONS` (such as `1:20`), that share of the secrets (every
//! `100/PERCENT`th) has a history of VERSIONS versions, each sealed as the history seals it,
//! and its current row is the last of them; the others have one version each, as a create
//! makes.
//!
//! - Without DATABASE_URL, DIR gets an SQLite store with the layout of both `KEEP_HOME` and a
//!   `keep serve` data directory (`keep.db`, `master.key`).
//! - With a `postgres://` URL, the secrets go into that database (which must hold no store
//!   yet), and DIR becomes the data directory of a `keep serve` on it: it gets the
//!   `master.key` every replica needs a copy of.
//!
//! Either way the store is opened as `keep serve` opens it (`server::open_store`: schema, key
//! file, key check, token key), every row is built and sealed as `Service::create` builds it
//! (same id shape, key-list JSON in the binding, envelope encryption, the row's own seal
//! from `Service::seal_secret`), and rows are written by keep's own `Db::insert_secrets`, many
//! to a transaction. Secret `i` is named `s000000i` (zero-padded to 7 digits) in environment
//! `main`, and higher `i` is newer.
#![allow(clippy::print_stderr)] // a benchmark tool, not keep's output path

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, bail};
use keep::api::ShowQuery;
use keep::crypto::{RowBinding, Sealed, new_secret_id};
use keep::db::{Db, Inserted, NewSecret, SecretRow, VersionRow};
use keep::model::{self, EnvName, SecretData, SecretName, SecretValue};
use keep::server::{self, DataDir};
use keep::service::Service;

const USAGE: &str = "usage: bench_prepare DIR N [DATABASE_URL]";
/// Rows per transaction (one `Db::insert_secrets` call).
const ROWS_PER_TRANSACTION: usize = 20_000;
const ENV: &str = "main";

fn data_for(i: usize) -> SecretData {
    [
        ("API_KEY", format!("sk_live_{i:016x}_0123456789abcdef")),
        (
            "DATABASE_URL",
            format!("postgres://app:pw{i}@db.internal:5432/app"),
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), SecretValue::new(v)))
    .collect()
}

fn secret_name(i: usize) -> String {
    format!("s{i:07}")
}

/// `BENCH_HISTORY`: every how many secrets has a history, and of how many versions.
fn history_setting() -> anyhow::Result<Option<(usize, i64)>> {
    let Ok(v) = std::env::var("BENCH_HISTORY") else {
        return Ok(None);
    };
    let (percent, versions) = v
        .split_once(':')
        .context("BENCH_HISTORY is PERCENT:VERSIONS")?;
    let percent: usize = percent.parse().context("BENCH_HISTORY's PERCENT")?;
    let versions: i64 = versions.parse().context("BENCH_HISTORY's VERSIONS")?;
    if percent == 0 || percent > 100 || versions < 1 {
        bail!("BENCH_HISTORY is PERCENT (1 to 100):VERSIONS (at least 1)");
    }
    Ok(Some((100 / percent, versions)))
}

/// Version `version` of secret `id` in the history, sealed as `Service` seals it.
fn version_row(
    service: &Service,
    id: &str,
    version: i64,
    created_at: i64,
    data: &SecretData,
) -> anyhow::Result<VersionRow> {
    let keys = serde_json::to_string(&model::keys_of(data))?;
    let binding = RowBinding {
        id,
        environment: ENV,
        name: "",
        version,
        keys: &keys,
        history: true,
    };
    let sealed = service.crypto().seal(binding, data)?;
    let changes = if version == 1 {
        r#"{"added":["API_KEY","DATABASE_URL"],"changed":[],"removed":[]}"#
    } else {
        r#"{"added":[],"changed":["API_KEY"],"removed":[]}"#
    };
    let mut row = VersionRow {
        secret_id: id.to_owned(),
        version,
        environment: ENV.to_owned(),
        created_at,
        created_by: "bench".to_owned(),
        action: if version == 1 { "create" } else { "update" }.to_owned(),
        keys,
        changes: changes.to_owned(),
        key_id: sealed.key_id,
        wrapped_key: sealed.wrapped_key,
        ciphertext: sealed.ciphertext,
        seal: Vec::new(),
    };
    service.seal_version(&mut row);
    Ok(row)
}

/// Secret `i`, built and sealed the way `Service::create` builds a new secret, with its
/// history: `versions` versions (the last is current), or one.
fn sealed_row(
    service: &Service,
    i: usize,
    created_at: i64,
    versions: i64,
) -> anyhow::Result<NewSecret> {
    let data = data_for(i);
    let id = new_secret_id()?;
    let mut history = Vec::new();
    for v in 1..versions {
        let mut old = data.clone();
        old.insert("API_KEY".to_owned(), SecretValue::new(format!("old-{v}")));
        history.push(version_row(service, &id, v, created_at, &old)?);
    }
    // A create records no history row (its own row tells its first version); a secret that
    // was written since has a row for each version, the current one included.
    if versions > 1 {
        history.push(version_row(service, &id, versions, created_at, &data)?);
    }
    let name = secret_name(i);
    let keys = serde_json::to_string(&model::keys_of(&data))?;
    let binding = RowBinding {
        id: &id,
        environment: ENV,
        name: &name,
        version: versions,
        keys: &keys,
        history: false,
    };
    let sealed = service.crypto().seal(binding, &data)?;
    let mut row = SecretRow {
        id,
        environment: ENV.to_owned(),
        name,
        version: versions,
        created_at,
        created_by: "bench".to_owned(),
        updated_at: created_at,
        last_used_at: None,
        keys,
        key_id: sealed.key_id,
        wrapped_key: sealed.wrapped_key,
        ciphertext: sealed.ciphertext,
        seal: None,
    };
    service.seal_secret(&mut row);
    Ok(NewSecret {
        row,
        versions: history,
        record: None,
    })
}

/// Checks a few rows through keep: `Service::show` checks the row's seal and key list, and
/// `Crypto::open` decrypts the values (without recording a use, so the store is unchanged).
async fn verify(service: &Service, n: usize) -> anyhow::Result<()> {
    let env = EnvName::parse(ENV)?;
    for i in [0, n / 2, n - 1] {
        let name = secret_name(i);
        service
            .show(&env, &SecretName::parse(&name)?, &ShowQuery::default())
            .await
            .with_context(|| format!("secret {name} does not read back"))?;
        let row = service
            .db()
            .get_secret(ENV, &name)
            .await?
            .with_context(|| format!("secret {name} is missing"))?;
        let binding = RowBinding {
            id: &row.id,
            environment: &row.environment,
            name: &row.name,
            version: row.version,
            keys: &row.keys,
            history: false,
        };
        let sealed = Sealed {
            key_id: row.key_id.clone(),
            wrapped_key: row.wrapped_key.clone(),
            ciphertext: row.ciphertext.clone(),
        };
        let values = service.crypto().open(binding, &sealed)?;
        if values != data_for(i) {
            bail!("secret {name} decrypted to other values");
        }
    }
    Ok(())
}

fn check(outcomes: &[Inserted]) -> anyhow::Result<()> {
    if outcomes.iter().any(|o| *o != Inserted::Yes) {
        bail!("some secrets already existed: the store was not empty");
    }
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, n, url) = match args.as_slice() {
        [dir, n] => (dir, n, None),
        [dir, n, url] => (dir, n, Some(url.as_str())),
        _ => bail!(USAGE),
    };
    let home = PathBuf::from(dir);
    let n: usize = n.parse().context("N must be a number")?;
    if n == 0 {
        bail!("N must be at least 1");
    }
    if url.is_some_and(|u| !Db::is_postgres_url(u)) {
        bail!("DATABASE_URL must be a postgres:// URL ({USAGE})");
    }
    if home.join("keep.db").exists() || home.join("master.key").exists() {
        bail!("{} already holds a store or a key", home.display());
    }
    let history = history_setting()?;
    let started = Instant::now();
    let data = DataDir { dir: home.clone() };
    let service = server::open_store(&data, None, url).await?.service;
    if service
        .db()
        .get_secret(ENV, &secret_name(0))
        .await?
        .is_some()
    {
        bail!("the database already holds a store of bench secrets");
    }

    // One microsecond apart, ending now: `keep list` shows the highest-numbered secrets first.
    // Each batch is sealed while the one before it is written.
    let base = jiff::Timestamp::now().as_microsecond() - n as i64;
    let mut pending: Option<tokio::task::JoinHandle<keep::error::Result<Vec<Inserted>>>> = None;
    let mut done = 0;
    while done < n {
        let end = (done + ROWS_PER_TRANSACTION).min(n);
        let rows = (done..end)
            .map(|i| {
                let versions = match history {
                    Some((every, versions)) if i % every == 0 => versions,
                    _ => 1,
                };
                sealed_row(&service, i, base + i as i64, versions)
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        if let Some(write) = pending.take() {
            check(&write.await??)?;
        }
        let db = service.db().clone();
        pending = Some(tokio::spawn(async move { db.insert_secrets(rows).await }));
        done = end;
        if n >= 200_000 {
            eprintln!("  {done}/{n} secrets ({:.0?})", started.elapsed());
        }
    }
    if let Some(write) = pending.take() {
        check(&write.await??)?;
    }
    verify(&service, n).await?;
    service.db().close().await;
    eprintln!(
        "prepared {n} secrets in {} in {:.1?}",
        url.map_or_else(|| home.display().to_string(), |_| "PostgreSQL".to_owned()),
        started.elapsed()
    );
    Ok(())
}
