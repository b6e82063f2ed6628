//! History: every version of a secret, kept sealed beside the current one, listed and shown
//! (the writes that restore or move a secret are in `moves`).
//!
//! The current version lives in `secrets` (the hot path reads only that table); each write
//! after the create also records its version in `secret_versions`, in the same transaction,
//! under a data key of its own and associated data that binds it to the secret's id,
//! environment and number, and records the version it replaces if that has no row yet. A
//! create records none (the secret's row says who made it, when, with which keys), so it
//! costs what it did before history; nor does a store from before history have rows: a
//! secret's first write after the upgrade records the version it replaces (`recorded`), so
//! rolling back to it works.

use super::{Actor, Service, timestamp};
use crate::api::Action;
use crate::crypto::{RowBinding, Sealed};
use crate::db::{SecretRow, VersionRow, Write};
use crate::error::{Error, Result};
use crate::model::{
    self, Changes, EnvName, History, SecretData, SecretInfo, SecretName, VersionInfo, VersionShown,
};

/// Versions kept per secret unless `--max-versions`/`KEEP_MAX_VERSIONS` says otherwise.
pub const DEFAULT_MAX_VERSIONS: u32 = 20;

/// The most versions `keep history` lists.
pub const MAX_HISTORY: u32 = 1000;

/// How a create is recorded: in the history (`action`, `from`) and in the audit log.
#[derive(Clone, Debug, Default)]
pub struct Made {
    /// The history's action; `None`: `create`, or `replace` for a forced create.
    pub action: Option<&'static str>,
    pub from: Option<String>,
    /// The audit action; `None`: `secret.create` or `secret.replace`.
    pub audit: Option<Action>,
}

/// The kind of write a version records, and what it came from.
pub(super) struct Kind {
    pub(super) action: &'static str,
    pub(super) from: Option<String>,
}

impl Kind {
    pub(super) fn update() -> Self {
        Kind {
            action: "update",
            from: None,
        }
    }
}

impl Made {
    /// How a forced create that found the secret records its new version.
    pub(super) fn replace_action(&self) -> Kind {
        Kind {
            action: self.action.unwrap_or("replace"),
            from: self.from.clone(),
        }
    }
}

/// Refuses a write whose `--if-version` is not the secret's version.
pub(super) fn check_version(row: &SecretRow, expected: Option<i64>) -> Result<()> {
    match expected {
        Some(v) if v < 1 => Err(Error::invalid_with_hint(
            format!("`if_version` {v} is not a version: versions count from 1"),
            "pass the `version` that `show --json` gives",
        )),
        Some(v) if v != row.version => Err(Error::VersionConflict(format!(
            "secret `{}` is at version {}, not {v}: another write came first",
            row.name, row.version
        ))),
        _ => Ok(()),
    }
}

impl VersionRow {
    /// `name` is only for messages: it is not bound (a rename keeps the history).
    fn binding<'a>(&'a self, name: &'a str) -> RowBinding<'a> {
        RowBinding {
            id: &self.secret_id,
            environment: &self.environment,
            name,
            version: self.version,
            keys: &self.keys,
            history: true,
        }
    }

    fn sealed(&self) -> Sealed {
        Sealed {
            key_id: self.key_id.clone(),
            wrapped_key: self.wrapped_key.clone(),
            ciphertext: self.ciphertext.clone(),
        }
    }

    fn info(&self) -> Result<VersionInfo> {
        let corrupt = || Error::Integrity(format!("version {} is corrupt", self.version));
        Ok(VersionInfo {
            version: self.version,
            created_at: timestamp(self.created_at)?,
            created_by: self.created_by.clone(),
            action: self.action.clone(),
            keys: serde_json::from_str(&self.keys).map_err(|_| corrupt())?,
            changes: serde_json::from_str(&self.changes).map_err(|_| corrupt())?,
        })
    }
}

/// What is known of the current version of a secret that has no history row for it: the
/// first version of a secret (a create records none: its row says who made it, when, with
/// which keys), or the version a store from before history holds (`recorded`).
fn recorded_info(row: &SecretRow, info: &SecretInfo) -> VersionInfo {
    let (action, by, changes) = unrecorded(row, &info.keys);
    VersionInfo {
        version: row.version,
        created_at: info.updated_at,
        created_by: by,
        action: action.to_owned(),
        keys: info.keys.clone(),
        changes,
    }
}

/// The action, author and changes of a current version with no history row: a first version
/// is its secret's creation; of a later one from before history, who wrote it is not known.
fn unrecorded(row: &SecretRow, keys: &[String]) -> (&'static str, String, Changes) {
    if row.version == 1 {
        let added = Changes {
            added: keys.to_vec(),
            ..Changes::default()
        };
        ("create", row.created_by.clone(), added)
    } else {
        ("recorded", "unknown".to_owned(), Changes::default())
    }
}

fn json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::Internal(e.to_string()))
}

impl Service {
    /// The history row of `row` (sealed as current already) holding `data`.
    fn version_row(
        &self,
        row: &SecretRow,
        data: &SecretData,
        at: i64,
        by: &str,
        kind: Kind,
        changes: Changes,
    ) -> Result<VersionRow> {
        let changes = Changes {
            from: kind.from,
            ..changes
        };
        let mut v = VersionRow {
            secret_id: row.id.clone(),
            version: row.version,
            environment: row.environment.clone(),
            created_at: at,
            created_by: by.to_owned(),
            action: kind.action.to_owned(),
            keys: row.keys.clone(),
            changes: json(&changes)?,
            key_id: String::new(),
            wrapped_key: Vec::new(),
            ciphertext: Vec::new(),
            seal: Vec::new(),
        };
        let sealed = self.crypto.seal(v.binding(&row.name), data)?;
        v.key_id = sealed.key_id;
        v.wrapped_key = sealed.wrapped_key;
        v.ciphertext = sealed.ciphertext;
        self.seal_version(&mut v);
        Ok(v)
    }

    /// The first version of a new secret.
    pub(super) fn first_version(
        &self,
        row: &SecretRow,
        data: &SecretData,
        made: &Made,
        actor: &Actor,
    ) -> Result<VersionRow> {
        let kind = Kind {
            action: made.action.unwrap_or("create"),
            from: made.from.clone(),
        };
        let changes = Changes::between(&SecretData::new(), data);
        self.version_row(row, data, row.created_at, &actor.name, kind, changes)
    }

    /// The write of `next` (holding `after`) in place of `current` (holding `before`): the
    /// new version's history row, and the version replaced, recorded if it has no row yet (a
    /// first version, or a store from before history; the database keeps a row it has).
    pub(super) fn write_of(
        &self,
        current: &SecretRow,
        before: &SecretData,
        next: SecretRow,
        after: &SecretData,
        kind: Kind,
        actor: &Actor,
    ) -> Result<Write> {
        let (action, by, changes) = unrecorded(current, &model::keys_of(before));
        let replaced = Kind { action, from: None };
        let baseline =
            self.version_row(current, before, current.updated_at, &by, replaced, changes)?;
        let changes = Changes::between(before, after);
        let version =
            self.version_row(&next, after, next.updated_at, &actor.name, kind, changes)?;
        Ok(Write {
            row: next,
            versions: vec![baseline, version],
            max_versions: self.max_versions,
        })
    }

    /// A secret's versions, newest first, at most `max`.
    pub async fn history(&self, env: &EnvName, name: &SecretName, max: u32) -> Result<History> {
        let row = self.get(env, name).await?;
        let info = row.info()?;
        let limit = i64::from(max.clamp(1, MAX_HISTORY));
        let rows = self.db.list_versions(&row.id, limit).await?;
        let mut versions = Vec::with_capacity(rows.len());
        for v in &rows {
            self.explain(self.verify_version(v)).await?;
            versions.push(v.info()?);
        }
        if rows.first().is_none_or(|v| v.version != row.version) {
            // A first version (a create records no history row) or one written before
            // history: what the current row says of it.
            versions.insert(0, recorded_info(&row, &info));
            versions.truncate(limit as usize);
        }
        Ok(History {
            id: info.id,
            name: info.name,
            environment: info.environment,
            version: row.version,
            versions,
        })
    }

    /// The version `version` of a secret and, if `reveal`, its values (which counts as a use
    /// only for the current version's `last_used_at`: it is not touched).
    pub async fn show_version(
        &self,
        env: &EnvName,
        name: &SecretName,
        version: i64,
        reveal: bool,
    ) -> Result<VersionShown> {
        let row = self.get(env, name).await?;
        let (info, values) = self.version_of(&row, version, reveal).await?;
        Ok(VersionShown {
            id: row.id.clone(),
            name: row.name.clone(),
            environment: row.environment.clone(),
            current_version: row.version,
            info,
            values,
        })
    }

    /// Version `version` of the secret `row`, opened if `reveal`.
    pub(super) async fn version_of(
        &self,
        row: &SecretRow,
        version: i64,
        reveal: bool,
    ) -> Result<(VersionInfo, Option<SecretData>)> {
        let stored = self.db.get_version(&row.id, version).await?;
        let Some(v) = stored else {
            if version == row.version {
                let values = if reveal {
                    self.verify_key().await?;
                    Some(self.crypto.open(row.binding(), &row.sealed())?)
                } else {
                    None
                };
                return Ok((recorded_info(row, &row.info()?), values));
            }
            return Err(Error::Missing(format!(
                "secret `{}` has no version {version} (see `keep history {}`; versions \
                 beyond the retention limit are deleted)",
                row.name, row.name
            )));
        };
        self.explain(self.verify_version(&v)).await?;
        let info = v.info()?;
        if !reveal {
            return Ok((info, None));
        }
        self.verify_key().await?;
        let values = self.crypto.open(v.binding(&row.name), &v.sealed())?;
        if model::keys_of(&values) != info.keys {
            return Err(Error::Integrity(format!(
                "key list of version {version} of `{}` does not match its values",
                row.name
            )));
        }
        Ok((info, Some(values)))
    }

    /// Rewraps the data keys of every version not wrapped by the active master key (see
    /// [`Service::rewrap_all`]); returns how many were rewrapped and how many failed.
    pub(super) async fn rewrap_versions(&self) -> Result<(u64, u64)> {
        let (mut rewrapped, mut failed) = (0, 0);
        let mut after = (String::new(), 0i64);
        loop {
            let active = self.crypto.key_id();
            let rows = self
                .db
                .versions_not_under_key(&active, (&after.0, after.1), super::keys::REWRAP_BATCH)
                .await?;
            let Some(last) = rows.last() else {
                return Ok((rewrapped, failed));
            };
            after = (last.secret_id.clone(), last.version);
            for v in &rows {
                if self.verify_version(v).is_err() {
                    failed += 1;
                    continue;
                }
                match self.crypto.rewrap(v.binding(""), &v.sealed()) {
                    Ok(Some(sealed)) => {
                        let (old, new) = (&v.key_id, &sealed.key_id);
                        if self
                            .db
                            .rewrap_version(v, old, new, &sealed.wrapped_key)
                            .await?
                        {
                            rewrapped += 1;
                        }
                    }
                    Ok(None) => {}
                    Err(_) => failed += 1,
                }
            }
        }
    }
}
