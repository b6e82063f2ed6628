//! Benchmark helper: bulk-creates a store of N secrets, fast (1M in about a minute).
//!
//! Usage: `bench_prepare DIR N`. DIR gets the layout of `KEEP_HOME` and of a `keep serve`
//! data directory (`keep.db`, `master.key`). The store is opened once through keep itself,
//! so the schema, the key file and the key check are keep's own; then rows sealed exactly as
//! `Service::create` seals them (same id shape, key-list JSON in the binding, envelope
//! encryption) are inserted with sqlx in large transactions. Secret `i` is named `s0000i`
//! (zero-padded to 7 digits) in environment `main`, and higher `i` is newer.
#![allow(clippy::print_stdout, clippy::print_stderr)] // a benchmark tool, not keep's output path

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Instant;

use anyhow::{Context, bail};
use keep::backend::{Backend, Create, Target};
use keep::crypto::{Crypto, MasterKey, RowBinding, Sealed, new_secret_id};
use keep::model::{self, SecretData, SecretValue};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{Connection, QueryBuilder, Sqlite, SqliteConnection};

/// Rows per INSERT statement (12 parameters each, under SQLite's 32766 limit).
const ROWS_PER_STATEMENT: usize = 500;
/// Rows per transaction.
const ROWS_PER_TRANSACTION: usize = 50_000;
const ENV: &str = "main";

/// One row of the `secrets` table, as `Service::create` would write it.
struct Row {
    id: String,
    name: String,
    created_at: i64,
    keys: String,
    sealed: Sealed,
}

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

/// Seals row `i` the way `Service::seal_row` does: the key list JSON is part of the binding.
fn sealed_row(crypto: &Crypto, i: usize, created_at: i64) -> anyhow::Result<Row> {
    let data = data_for(i);
    let id = new_secret_id()?;
    let name = secret_name(i);
    let keys = serde_json::to_string(&model::keys_of(&data))?;
    let binding = RowBinding {
        id: &id,
        environment: ENV,
        name: &name,
        version: 1,
        keys: &keys,
    };
    let sealed = crypto.seal(binding, &data)?;
    Ok(Row {
        id,
        name,
        created_at,
        keys,
        sealed,
    })
}

async fn insert_rows(conn: &mut SqliteConnection, rows: &[Row]) -> anyhow::Result<()> {
    let mut qb: QueryBuilder<Sqlite> = QueryBuilder::new(
        "INSERT INTO secrets (id, environment, name, version, created_at, created_by, \
         updated_at, last_used_at, keys, key_id, wrapped_key, ciphertext) ",
    );
    qb.push_values(rows, |mut b, r| {
        b.push_bind(r.id.clone())
            .push_bind(ENV)
            .push_bind(r.name.clone())
            .push_bind(1_i64)
            .push_bind(r.created_at)
            .push_bind("bench")
            .push_bind(r.created_at)
            .push_bind(None::<i64>)
            .push_bind(r.keys.clone())
            .push_bind(r.sealed.key_id.clone())
            .push_bind(r.sealed.wrapped_key.clone())
            .push_bind(r.sealed.ciphertext.clone());
    });
    qb.build().execute(&mut *conn).await?;
    Ok(())
}

/// Opens the store through keep (schema, key file, key check), then closes it.
async fn init_store(home: &Path) -> anyhow::Result<Crypto> {
    let target = Target::Local {
        home: home.to_path_buf(),
    };
    let backend = Backend::connect(&target, Create::Yes).await?.backend;
    backend.close().await;
    Ok(Crypto::new(MasterKey::load(&home.join("master.key"))?))
}

/// Checks a few rows decrypt through keep's own `Crypto::open`.
async fn verify(home: &Path, n: usize) -> anyhow::Result<()> {
    let target = Target::Local {
        home: home.to_path_buf(),
    };
    let backend = Backend::connect(&target, Create::Yes).await?.backend;
    let Backend::Local { service, .. } = &backend else {
        bail!("expected a local store");
    };
    for i in [0, n / 2, n - 1] {
        let row = service
            .db()
            .get_secret(ENV, &secret_name(i))
            .await?
            .with_context(|| format!("secret {} is missing", secret_name(i)))?;
        let binding = RowBinding {
            id: &row.id,
            environment: &row.environment,
            name: &row.name,
            version: row.version,
            keys: &row.keys,
        };
        let sealed = Sealed {
            key_id: row.key_id.clone(),
            wrapped_key: row.wrapped_key.clone(),
            ciphertext: row.ciphertext.clone(),
        };
        let values = service.crypto().open(binding, &sealed)?;
        if model::keys_of(&values) != model::keys_of(&data_for(i)) {
            bail!("secret {} decrypted to the wrong keys", secret_name(i));
        }
    }
    backend.close().await;
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(n)) = (args.next(), args.next()) else {
        bail!("usage: bench_prepare DIR N");
    };
    let home = PathBuf::from(dir);
    let n: usize = n.parse().context("N must be a number")?;
    if n == 0 {
        bail!("N must be at least 1");
    }
    if home.join("keep.db").exists() {
        bail!("{} already holds a store", home.display());
    }
    let started = Instant::now();
    let crypto = init_store(&home).await?;

    // Durability is not needed while loading: the file is synced and checkpointed on close.
    let options =
        SqliteConnectOptions::from_str(&format!("sqlite://{}", home.join("keep.db").display()))?
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Off)
            .pragma("cache_size", "-262144"); // 256 MiB: the random-id primary key index stays hot
    let mut conn = SqliteConnection::connect_with(&options).await?;
    // One microsecond apart, ending now: `keep list` shows the highest-numbered secrets first.
    let base = jiff::Timestamp::now().as_microsecond() - n as i64;
    let mut done = 0;
    while done < n {
        let end = (done + ROWS_PER_TRANSACTION).min(n);
        let rows = (done..end)
            .map(|i| sealed_row(&crypto, i, base + i as i64))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let mut tx = conn.begin().await?;
        for chunk in rows.chunks(ROWS_PER_STATEMENT) {
            insert_rows(&mut tx, chunk).await?;
        }
        tx.commit().await?;
        done = end;
        if n >= 200_000 {
            eprintln!("  {done}/{n} secrets ({:.0?})", started.elapsed());
        }
    }
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&mut conn)
        .await?;
    conn.close().await?;
    verify(&home, n).await?;
    eprintln!(
        "prepared {n} secrets in {} in {:.1?}",
        home.display(),
        started.elapsed()
    );
    Ok(())
}
