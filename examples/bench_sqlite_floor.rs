//! Benchmark helper, the durable-write floor: single-row INSERT transactions on SQLite in WAL
//! mode with `synchronous=FULL` (keep's settings), each commit on disk before the next.
//!
//! Usage: `bench_sqlite_floor DIR [N] [WRITERS] [SECONDS]` (defaults 100000, 1, 5): writes
//! `DIR/floor.db` (replacing it) from WRITERS concurrent connections until N transactions are
//! done or SECONDS have passed, then prints `tps=<transactions per second> count=<n>
//! writers=<k> seconds=<s>` on stdout. Rows are about the size of a sealed secret.
#![allow(clippy::print_stdout)] // a benchmark tool, not keep's output path

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{ConnectOptions, SqliteConnection};

fn arg<T: FromStr>(args: &[String], i: usize, default: T) -> anyhow::Result<T> {
    match args.get(i) {
        Some(s) => s
            .parse()
            .map_err(|_| anyhow::anyhow!("argument {i} (`{s}`) is not a number")),
        None => Ok(default),
    }
}

async fn writer(
    mut conn: SqliteConnection,
    done: Arc<AtomicUsize>,
    n: usize,
    deadline: Instant,
) -> anyhow::Result<()> {
    let payload = vec![0x5a_u8; 200];
    while Instant::now() < deadline && done.fetch_add(1, Ordering::Relaxed) < n {
        sqlx::query("INSERT INTO t (at, v) VALUES ($1, $2)")
            .bind(jiff::Timestamp::now().as_microsecond())
            .bind(&payload)
            .execute(&mut conn)
            .await?;
    }
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(
        args.first()
            .context("usage: bench_sqlite_floor DIR [N] [WRITERS] [SECONDS]")?,
    );
    let n: usize = arg(&args, 1, 100_000)?;
    let writers: usize = arg(&args, 2, 1)?.max(1);
    let seconds: f64 = arg(&args, 3, 5.0)?;
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("floor.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let options = SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(Duration::from_secs(10));
    let mut conns = Vec::new();
    for _ in 0..writers {
        conns.push(options.connect().await?);
    }
    sqlx::query("CREATE TABLE t (id INTEGER PRIMARY KEY, at BIGINT NOT NULL, v BLOB NOT NULL)")
        .execute(&mut conns[0])
        .await?;
    let done = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(seconds);
    let tasks: Vec<_> = conns
        .into_iter()
        .map(|c| tokio::spawn(writer(c, done.clone(), n, deadline)))
        .collect();
    for t in tasks {
        t.await??;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let count: usize = sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM t")
        .fetch_one(&mut options.connect().await?)
        .await?
        .try_into()?;
    println!(
        "tps={:.1} count={count} writers={writers} seconds={elapsed:.2}",
        count as f64 / elapsed
    );
    Ok(())
}
