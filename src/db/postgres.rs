//! PostgreSQL: `keep serve` as several stateless replicas on one database.

use std::str::FromStr;
use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::error::{Error, Result};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

pub async fn open(url: &str) -> Result<PgPool> {
    // sqlx's error for a bad URL quotes the URL, which may hold a password: say less.
    let options = PgConnectOptions::from_str(url).map_err(|_| {
        Error::invalid_with_hint(
            "invalid PostgreSQL URL",
            "use postgres://USER@HOST:PORT/DB?sslmode=verify-full (the password in PGPASSWORD)",
        )
    })?;
    let pool = PgPoolOptions::new()
        .max_connections(16)
        .min_connections(1)
        // When the database is away, requests fail fast (503) instead of queueing for long
        // (see `away`); the pool reconnects by itself when it is back.
        .acquire_timeout(super::away::ACQUIRE_TIMEOUT)
        .idle_timeout(Duration::from_secs(300))
        .test_before_acquire(true)
        .connect_with(options)
        .await
        .map_err(|e| Error::Database(format!("cannot connect to PostgreSQL: {e}")))?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}
