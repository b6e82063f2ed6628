//! PostgreSQL going away. Once a connection cannot be had, every statement of this process
//! fails at once for a moment instead of each waiting for the pool's acquire timeout: a
//! request that would touch the database several times (its token, the row, its audit
//! record) still gets its 503 within [`ACQUIRE_TIMEOUT`], well under a second. After the
//! moment has passed, the next statement tries again; the pool reconnects by itself.
//! One process serves one database, so the state is the process's.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use sqlx::PgPool;
use sqlx::pool::PoolConnection;

use crate::error::{Error, Result};

/// How long a statement waits for a connection of the pool before the database is taken to
/// be away. A healthy database under load hands one out in milliseconds.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_millis(700);

/// How long statements fail at once after a connection could not be had.
const AWAY_FOR: Duration = Duration::from_secs(1);

/// Until when (milliseconds since [`epoch`]) statements fail at once; 0: not away.
static AWAY_UNTIL: AtomicU64 = AtomicU64::new(0);

fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

fn now_ms() -> u64 {
    u64::try_from(epoch().elapsed().as_millis()).unwrap_or(u64::MAX)
}

fn unreachable(cause: &str) -> Error {
    Error::Database(format!(
        "PostgreSQL cannot be reached ({cause}); the request was not carried out"
    ))
}

/// A connection of `pool`, or at once an error while the database is known to be away.
pub async fn acquire(pool: &PgPool) -> Result<PoolConnection<sqlx::Postgres>> {
    let now = now_ms();
    if now < AWAY_UNTIL.load(Ordering::Relaxed) {
        return Err(unreachable("it did not answer a moment ago"));
    }
    pool.acquire().await.map_err(|e| {
        let until = now_ms().saturating_add(u64::try_from(AWAY_FOR.as_millis()).unwrap_or(0));
        AWAY_UNTIL.fetch_max(until, Ordering::Relaxed);
        unreachable(&e.to_string())
    })
}
