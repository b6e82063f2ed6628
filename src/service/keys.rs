//! Master keys at rest: the token key, and rewrapping data keys after a rotation.

use serde::{Deserialize, Serialize};

use super::Service;
use crate::crypto::MasterKey;
use crate::error::Result;

/// Secrets rewrapped per batch: small enough that each row's update is brief, large enough
/// that a million rows take minutes.
const REWRAP_BATCH: i64 = 200;

/// Which master keys wrap how many secrets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyStatus {
    /// The key that seals everything new.
    pub active_key_id: String,
    /// Every key this server holds, the active one first.
    pub loaded_key_ids: Vec<String>,
    pub keys: Vec<KeyUsage>,
    /// Secrets still wrapped by a key other than the active one.
    pub remaining: i64,
}

/// What one rewrap pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rewrapped {
    pub rewrapped: u64,
    /// Rows that failed their integrity check or whose key is not loaded.
    pub failed: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyUsage {
    pub key_id: String,
    pub secrets: i64,
}

impl Service {
    /// Prepares a server's store: checks the master keys against it, and loads the token key
    /// (sealing it under the active key if an older one sealed it).
    pub async fn prepare_server(&self) -> Result<()> {
        self.verify_key().await?;
        let stored = self.db().get_meta("token_key").await?;
        if let Some(sealed) = self.crypto().load_token_key(stored.as_deref())? {
            self.db().set_meta("token_key", &sealed).await?;
        }
        Ok(())
    }

    /// Makes `key` the active master key: new writes are sealed with it at once, and the
    /// store's key check and token key are sealed under it. Old data keys stay readable
    /// (their master keys stay loaded) until [`Service::rewrap_all`] has moved them.
    pub async fn activate_key(&self, key: MasterKey) -> Result<()> {
        self.crypto().activate(key);
        self.db()
            .set_meta("key_check", &self.crypto().key_check()?)
            .await?;
        let stored = self.db().get_meta("token_key").await?;
        if let Some(sealed) = self.crypto().load_token_key(stored.as_deref())? {
            self.db().set_meta("token_key", &sealed).await?;
        }
        Ok(())
    }

    /// Rewraps every data key not wrapped by the active master key, in one pass over the
    /// store in batches, while it stays in use. A row rewritten concurrently is skipped: its
    /// new version was sealed under the active key. A row that fails its integrity check, or
    /// whose key is not loaded, is counted in `failed` and left as it is.
    pub async fn rewrap_all(&self) -> Result<Rewrapped> {
        let mut report = Rewrapped::default();
        let mut after = String::new();
        loop {
            let active = self.crypto().key_id();
            let rows = self
                .db()
                .secrets_not_under_key(&active, &after, REWRAP_BATCH)
                .await?;
            let Some(last) = rows.last() else {
                return Ok(report);
            };
            after = last.id.clone();
            for row in &rows {
                match self.crypto().rewrap(row.binding(), &row.sealed()) {
                    Ok(Some(sealed)) => {
                        if self
                            .db()
                            .rewrap_secret(row, &row.key_id, &sealed.key_id, &sealed.wrapped_key)
                            .await?
                        {
                            report.rewrapped += 1;
                        }
                    }
                    Ok(None) => {}
                    Err(_) => report.failed += 1,
                }
            }
        }
    }

    pub async fn key_status(&self) -> Result<KeyStatus> {
        let active_key_id = self.crypto().key_id();
        let keys: Vec<KeyUsage> = self
            .db()
            .key_usage()
            .await?
            .into_iter()
            .map(|(key_id, secrets)| KeyUsage { key_id, secrets })
            .collect();
        let remaining = keys
            .iter()
            .filter(|k| k.key_id != active_key_id)
            .map(|k| k.secrets)
            .sum();
        Ok(KeyStatus {
            loaded_key_ids: self.crypto().key_ids(),
            active_key_id,
            keys,
            remaining,
        })
    }
}
