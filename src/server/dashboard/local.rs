//! `keep dashboard`'s sign-in: a single-use code in the link it prints, traded for a session
//! held in memory (the local store is not written to by logging in), and the `Host` check.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::extract::{Query, State};
use axum::http::StatusCode;
use jiff::Timestamp;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::Dash;
use super::page::{self, PageError, PageResult};
use super::session::{SessionLine, logged_in};
use crate::crypto;
use crate::error::Result;
use crate::service::SessionLimits;

/// How long the code of `keep dashboard`'s link is good for.
const CODE_LIFETIME: Duration = Duration::from_secs(60);

/// `keep dashboard`'s sign-in: a single-use code in the printed link, swapped for a session
/// held in memory (the local store is not written to by logging in).
pub struct LocalLogin {
    pub user: String,
    port: u16,
    code: Mutex<Option<(String, Instant)>>,
    sessions: Mutex<HashMap<String, LocalSession>>,
}

struct LocalSession {
    id: String,
    created: Timestamp,
    started: Instant,
    last_seen: Instant,
}

fn digest(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl LocalLogin {
    /// A sign-in for `user` at `127.0.0.1:port`, and the code of its link.
    pub fn new(user: String, port: u16) -> Result<(Self, String)> {
        let code = crypto::random_base62(32)?;
        let login = Self {
            user,
            port,
            code: Mutex::new(Some((digest(&code), Instant::now()))),
            sessions: Mutex::new(HashMap::new()),
        };
        Ok((login, code))
    }

    /// Whether a request's `Host` names this dashboard (anything else may be a page of
    /// another site whose name was pointed at 127.0.0.1: DNS rebinding).
    pub fn host_ok(&self, host: &str) -> bool {
        host == format!("127.0.0.1:{}", self.port) || host == format!("localhost:{}", self.port)
    }

    fn sessions(&self) -> std::sync::MutexGuard<'_, HashMap<String, LocalSession>> {
        self.sessions.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Swaps the code for a session's secret, once, within its lifetime.
    fn redeem(&self, code: &str) -> Result<Option<String>> {
        let mut slot = self.code.lock().unwrap_or_else(PoisonError::into_inner);
        let good = slot.as_ref().is_some_and(|(hash, made)| {
            crypto::ct_eq(hash, &digest(code)) && made.elapsed() < CODE_LIFETIME
        });
        if !good {
            return Ok(None);
        }
        *slot = None;
        let secret = crypto::random_base62(32)?;
        let now = Instant::now();
        self.sessions().insert(
            digest(&secret),
            LocalSession {
                id: format!("ss-{}", crypto::random_base62(22)?),
                created: Timestamp::now(),
                started: now,
                last_seen: now,
            },
        );
        Ok(Some(secret))
    }

    pub(super) fn session(&self, secret: &str, limits: SessionLimits) -> Option<String> {
        let mut sessions = self.sessions();
        let key = digest(secret);
        let s = sessions.get_mut(&key)?;
        if s.started.elapsed() >= limits.absolute || s.last_seen.elapsed() >= limits.idle {
            sessions.remove(&key);
            return None;
        }
        s.last_seen = Instant::now();
        Some(s.id.clone())
    }

    pub(super) fn end(&self, id: &str) -> bool {
        let mut sessions = self.sessions();
        let before = sessions.len();
        sessions.retain(|_, s| s.id != id);
        sessions.len() < before
    }

    pub(super) fn lines(&self, current: &str) -> Vec<SessionLine> {
        self.sessions()
            .values()
            .map(|s| SessionLine {
                id: s.id.clone(),
                client: "127.0.0.1".to_owned(),
                created: page::when(Some(s.created)),
                last_seen: format!("{} s ago", s.last_seen.elapsed().as_secs()),
                expires: "when keep dashboard stops".to_owned(),
                current: s.id == current,
            })
            .collect()
    }
}

#[derive(Deserialize)]
pub struct Code {
    code: Option<String>,
}

/// `GET /ui/start?code=...`: the link `keep dashboard` prints.
pub async fn start_local(State(dash): State<Arc<Dash>>, Query(q): Query<Code>) -> PageResult {
    let Some(local) = &dash.local else {
        return Err(PageError::new(StatusCode::NOT_FOUND, "no such page"));
    };
    match local.redeem(q.code.as_deref().unwrap_or_default())? {
        Some(secret) => Ok(logged_in(&secret)),
        None => Err(PageError::new(
            StatusCode::FORBIDDEN,
            "this link was used already or is more than a minute old; restart keep dashboard for a new one",
        )),
    }
}
