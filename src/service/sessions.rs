//! Dashboard sessions: a browser trades a token for a session once, then sends a cookie that
//! holds the session's random secret. Only the secret's keyed hash is stored, with the hash
//! of the token it stands for; the token is authenticated again at every use, so a session
//! has exactly its token's scope and ends with it. Each row is sealed (see `seals`), so
//! someone who can write the database cannot mint a session for a token they do not hold.

use std::time::Duration;

use zeroize::Zeroizing;

use super::{Authenticated, Service, now_micros};
use crate::crypto;
use crate::db::SessionRow;
use crate::error::Result;

/// A session's last use is written at most this often (microseconds), or a tenth of the idle
/// time if that is shorter: a page view need not be a write.
const SEEN_RESOLUTION: i64 = 30_000_000;

/// How long sessions last: since their last use, and at most since login.
#[derive(Clone, Copy, Debug)]
pub struct SessionLimits {
    pub idle: Duration,
    pub absolute: Duration,
}

impl Default for SessionLimits {
    fn default() -> Self {
        Self {
            idle: Duration::from_secs(15 * 60),
            absolute: Duration::from_secs(8 * 3600),
        }
    }
}

fn micros(d: Duration) -> i64 {
    i64::try_from(d.as_micros()).unwrap_or(i64::MAX)
}

/// A session that was started: the cookie's secret (shown to the browser once) and its row.
pub struct Started {
    pub secret: Zeroizing<String>,
    pub row: SessionRow,
    pub token: Authenticated,
}

/// A live session and the token it stands for.
pub struct Live {
    pub row: SessionRow,
    pub token: Authenticated,
}

fn session_seal(s: &Service, r: &SessionRow) -> Vec<u8> {
    s.crypto().row_seal(
        b"session.v1",
        &[
            r.id.as_bytes(),
            r.hash.as_bytes(),
            r.token_hash.as_bytes(),
            &r.created_at.to_be_bytes(),
            &r.expires_at.to_be_bytes(),
            r.client.as_bytes(),
        ],
    )
}

impl Service {
    /// The keyed hash a session secret is stored and looked up as (never the secret itself).
    fn session_hash(&self, secret: &str) -> String {
        self.crypto().token_hash(&format!("session\0{secret}"))
    }

    /// The form token of a session: bound to its secret, unknown to anyone without the cookie.
    pub fn session_form_token(&self, secret: &str) -> String {
        self.crypto().token_hash(&format!("form\0{secret}"))
    }

    /// Trades `token` for a new session, if it authenticates; `None` otherwise (whatever the
    /// reason, as for the API). Stale sessions are swept on the way.
    pub async fn start_session(
        &self,
        token: &str,
        client: &str,
        limits: SessionLimits,
    ) -> Result<Option<Started>> {
        let token_hash = self.crypto().token_hash(token);
        let Some(auth) = self.authenticate_hash(&token_hash).await? else {
            return Ok(None);
        };
        let now = now_micros();
        self.db()
            .delete_stale_sessions(now, now.saturating_sub(micros(limits.idle)))
            .await?;
        // 32 base62 characters: about 190 bits.
        let secret = Zeroizing::new(crypto::random_base62(32)?);
        let mut expires_at = now.saturating_add(micros(limits.absolute));
        if let Some(t) = auth.expires_at {
            expires_at = expires_at.min(t.as_microsecond());
        }
        let mut row = SessionRow {
            id: format!("ss-{}", crypto::random_base62(22)?),
            hash: self.session_hash(&secret),
            token_hash,
            created_at: now,
            last_seen_at: now,
            expires_at,
            client: client.to_owned(),
            seal: Vec::new(),
        };
        row.seal = session_seal(self, &row);
        self.db().insert_session(&row).await?;
        Ok(Some(Started {
            secret,
            row,
            token: auth,
        }))
    }

    /// The live session whose cookie holds `secret`: `None` if there is none, if it is past
    /// its idle or absolute expiry, or if its token no longer authenticates.
    pub async fn session(&self, secret: &str, limits: SessionLimits) -> Result<Option<Live>> {
        let hash = self.session_hash(secret);
        let Some(row) = self.db().session_by_hash(&hash).await? else {
            return Ok(None);
        };
        let sealed = crypto::ct_eq_bytes(&session_seal(self, &row), &row.seal);
        if !sealed || !crypto::ct_eq(&row.hash, &hash) {
            return Ok(None);
        }
        let now = now_micros();
        let idle_until = row.last_seen_at.saturating_add(micros(limits.idle));
        if now >= row.expires_at || now >= idle_until {
            self.db().delete_session(&row.id, &row.token_hash).await?;
            return Ok(None);
        }
        let Some(token) = self.authenticate_hash(&row.token_hash).await? else {
            self.db().delete_session(&row.id, &row.token_hash).await?;
            return Ok(None);
        };
        if now - row.last_seen_at >= SEEN_RESOLUTION.min(micros(limits.idle) / 10) {
            self.db().touch_session(&row.id, now).await?;
        }
        Ok(Some(Live { row, token }))
    }

    /// The sessions of the token with this hash, newest first, live ones only.
    pub async fn list_sessions(
        &self,
        token_hash: &str,
        limits: SessionLimits,
    ) -> Result<Vec<SessionRow>> {
        let now = now_micros();
        let rows = self.db().list_sessions(token_hash).await?;
        Ok(rows
            .into_iter()
            .filter(|r| {
                crypto::ct_eq_bytes(&session_seal(self, r), &r.seal)
                    && now < r.expires_at
                    && now < r.last_seen_at.saturating_add(micros(limits.idle))
            })
            .collect())
    }

    /// Ends a session of the token with this hash; false if it has no such session.
    pub async fn end_session(&self, id: &str, token_hash: &str) -> Result<bool> {
        self.db().delete_session(id, token_hash).await
    }
}
