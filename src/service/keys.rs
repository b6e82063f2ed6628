//! Master keys at rest: the token key, and rewrapping data keys after a rotation.

use super::Service;
use crate::api::{KeyStatus, KeyUsage};
use crate::crypto::MasterKey;
use crate::error::{Error, Result};

/// Secrets rewrapped per batch: small enough that each row's update is brief, large enough
/// that a million rows take minutes.
pub(super) const REWRAP_BATCH: i64 = 200;

/// What one rewrap pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rewrapped {
    pub rewrapped: u64,
    /// Rows that failed their integrity check or whose key is not loaded.
    pub failed: u64,
}

/// The key check of the key a store was created with (the first writer's).
const ORIGIN_CHECK: &str = "key_check";

/// The key check of one more master key, added when it was loaded beside a verified one.
fn check_name(key_id: &str) -> String {
    format!("key_check.{key_id}")
}

/// The token key, sealed by one master key.
fn token_key_name(key_id: &str) -> String {
    format!("token_key.{key_id}")
}

impl Service {
    /// Checks the loaded master keys against the store. A new store records a check for its
    /// key (of two processes creating it at once with different keys, the first wins). After
    /// that, at least one loaded key must pass its check; keys loaded beside it are the
    /// operator's rotation and get checks of their own, so that each is later accepted alone.
    /// Checks are only ever added, never replaced, so replicas restarting with different
    /// rings during a rotation cannot undo each other.
    pub(super) async fn check_keys(&self) -> Result<()> {
        let db = self.db();
        let crypto = self.crypto();
        let mut checks = db.meta_with_prefix(ORIGIN_CHECK).await?;
        if checks.is_empty() {
            db.init_meta(ORIGIN_CHECK, &crypto.key_check(&crypto.key_id())?)
                .await?;
            checks = db.meta_with_prefix(ORIGIN_CHECK).await?;
        }
        let loaded = crypto.key_ids();
        let passes = |id: &str| {
            checks.iter().any(|(name, check)| {
                (name == ORIGIN_CHECK || *name == check_name(id))
                    && crypto.verify_key_check(id, check)
            })
        };
        if !loaded.iter().any(|id| passes(id)) {
            return Err(Error::invalid_with_hint(
                format!(
                    "the master key (id {}) does not match this store",
                    loaded.join(", ")
                ),
                "use the key the store was created with (`master.key` or `KEEP_MASTER_KEY`)",
            ));
        }
        for id in loaded.iter().filter(|id| !passes(id)) {
            db.init_meta(&check_name(id), &crypto.key_check(id)?)
                .await?;
        }
        Ok(())
    }

    /// Loads the key tokens are hashed with, sealed in the store by each master key that was
    /// ever loaded. A store without one (new, or made by an earlier version) takes the key
    /// earlier versions derived from its original master key, so existing tokens stay valid.
    async fn load_token_key(&self) -> Result<()> {
        let db = self.db();
        let crypto = self.crypto();
        let stored = db.meta_with_prefix("token_key.").await?;
        let loaded = crypto.key_ids();
        let found = loaded.iter().find_map(|id| {
            stored
                .iter()
                .find(|(name, _)| *name == token_key_name(id))
                .map(|(_, sealed)| (id, sealed))
        });
        match found {
            Some((id, sealed)) => crypto.open_token_key(id, sealed)?,
            None if stored.is_empty() => {
                let origin = db.get_meta(ORIGIN_CHECK).await?.unwrap_or_default();
                let id = loaded
                    .iter()
                    .find(|id| crypto.verify_key_check(id, &origin))
                    .cloned()
                    .unwrap_or_else(|| crypto.key_id());
                crypto.adopt_derived_token_key(&id)?;
            }
            None => {
                return Err(Error::Integrity(
                    "the token key is sealed only by master keys this server was not given".into(),
                ));
            }
        }
        for id in &loaded {
            if !stored.iter().any(|(name, _)| *name == token_key_name(id)) {
                db.init_meta(&token_key_name(id), &crypto.sealed_token_key(id)?)
                    .await?;
            }
        }
        Ok(())
    }

    /// Prepares a server's store: checks the master keys against it, refuses to serve secrets
    /// it could not open (sealed under keys it was not given, such as an old key alone after a
    /// rotation), and loads the token key. Returns which keys wrap how many secrets.
    pub async fn prepare_server(&self) -> Result<KeyStatus> {
        self.verify_key().await?;
        let status = self.key_status().await?;
        let missing: Vec<String> = status
            .keys
            .iter()
            .filter(|k| !status.loaded_key_ids.contains(&k.key_id))
            .map(|k| format!("{} ({} secrets)", k.key_id, k.secrets))
            .collect();
        if !missing.is_empty() {
            return Err(Error::invalid_with_hint(
                format!(
                    "secrets in this store are sealed under master keys this server was not \
                     given: {}",
                    missing.join(", ")
                ),
                "give the server every key of the rotation (`KEEP_MASTER_KEY=NEW,OLD`), or the \
                 key files in DIR/retired-keys/",
            ));
        }
        self.load_token_key().await?;
        let sealed = self.seal_legacy_rows().await?;
        if sealed > 0 {
            log_sealed(sealed);
        }
        Ok(status)
    }

    /// Makes `key` the active master key: new writes are sealed with it at once, and it gets
    /// its own key check and copy of the token key. Old data keys stay readable (their master
    /// keys stay loaded) until [`Service::rewrap_all`] has moved them.
    pub async fn activate_key(&self, key: MasterKey) -> Result<()> {
        let id = key.id().to_owned();
        self.crypto().activate(key);
        self.db()
            .init_meta(&check_name(&id), &self.crypto().key_check(&id)?)
            .await?;
        self.db()
            .init_meta(&token_key_name(&id), &self.crypto().sealed_token_key(&id)?)
            .await
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
                // Then the history: old versions are rewrapped too.
                let (rewrapped, failed) = self.rewrap_versions().await?;
                report.rewrapped += rewrapped;
                report.failed += failed;
                return Ok(report);
            };
            after = last.id.clone();
            for row in &rows {
                if self.verify_secret(row, false).is_err() {
                    report.failed += 1;
                    continue;
                }
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
        let remaining_versions = (self.db().version_key_usage().await?.into_iter())
            .filter(|(key_id, _)| *key_id != active_key_id)
            .map(|(_, n)| n)
            .sum();
        Ok(KeyStatus {
            loaded_key_ids: self.crypto().key_ids(),
            active_key_id,
            keys,
            remaining,
            remaining_versions,
        })
    }
}

/// Said once in the server's log, so that an operator sees when rows were sealed (after an
/// upgrade, or, unexpectedly, after someone removed the store's `rows_sealed` record).
#[allow(clippy::print_stderr)]
fn log_sealed(n: u64) {
    eprintln!("keep serve: sealed {n} rows written before rows were sealed");
}
