//! What the dashboard asks of the domain beyond the API's operations: a listing filtered by
//! a name's prefix, keyed digests of values to compare environments without revealing them,
//! and the last reveal of a secret from the audit log.

use std::collections::BTreeMap;

use jiff::Timestamp;

use super::{Service, page, timestamp};
use crate::db::SecretRow;
use crate::error::{Error, Result};
use crate::model::{EnvName, SecretInfo, SecretName};

/// One page of a listing by prefix; `next` is the name to pass as `after` for the next one.
pub struct NamePage {
    pub secrets: Vec<SecretInfo>,
    pub next: Option<String>,
}

impl Service {
    /// Up to `limit` secrets of `env` whose names start with `prefix`, after `after`, by name.
    pub async fn list_by_prefix(
        &self,
        env: &EnvName,
        prefix: &str,
        after: &str,
        limit: u32,
    ) -> Result<NamePage> {
        // A name holds only these characters: anything else can match nothing, and must not
        // reach the database (PostgreSQL refuses a NUL in text with an error of its own).
        let name_like = |s: &str| {
            s.len() <= 512
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        };
        if !name_like(prefix) || !name_like(after) {
            return Err(Error::invalid_with_hint(
                "a secret's name holds only letters, digits, `.`, `_` and `-`",
                "filter by the start of a name",
            ));
        }
        let limit = limit.clamp(1, super::MAX_PAGE);
        let rows = self
            .db()
            .list_secrets_by_prefix(env.as_str(), prefix, after, i64::from(limit) + 1)
            .await?;
        if rows.is_empty() {
            self.check_environment(env).await?;
        }
        let (rows, next) = page(rows, limit, |r| r.name.clone());
        for row in &rows {
            self.check_secret(row).await?;
        }
        let secrets = rows.iter().map(SecretRow::info).collect::<Result<_>>()?;
        Ok(NamePage { secrets, next })
    }

    /// A keyed digest of each value of a secret (`None` if there is no such secret): equal
    /// values give equal digests, and a digest tells nothing of its value without the master
    /// key. Not a use of the secret: nothing is revealed.
    pub async fn value_digests(
        &self,
        env: &EnvName,
        name: &SecretName,
    ) -> Result<Option<BTreeMap<String, Vec<u8>>>> {
        let Some(row) = self.db().get_secret(env.as_str(), name.as_str()).await? else {
            return Ok(None);
        };
        self.check_secret(&row).await?;
        self.verify_key().await?;
        let values = self.crypto().open(row.binding(), &row.sealed())?;
        let digests = values
            .iter()
            .map(|(k, v)| (k.clone(), self.value_digest(k, v.expose())))
            .collect();
        Ok(Some(digests))
    }

    /// The keyed digest of one value of `key` (see [`Service::value_digests`]).
    pub fn value_digest(&self, key: &str, value: &str) -> Vec<u8> {
        self.crypto()
            .row_seal(b"compare.v1", &[key.as_bytes(), value.as_bytes()])
    }

    /// When `name` in `env` was last revealed, and by which token (from the audit log).
    pub async fn last_reveal(
        &self,
        env: &EnvName,
        name: &SecretName,
    ) -> Result<Option<(Timestamp, String)>> {
        let found = self.db().last_reveal(env.as_str(), name.as_str()).await?;
        found.map(|(at, by)| Ok((timestamp(at)?, by))).transpose()
    }
}
