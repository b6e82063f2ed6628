//! The domain: create, list, show and delete semantics, required keys and last-used times.
//!
//! The embedded store and `keep serve` both call this, so the two cannot drift apart.
//! Inputs arrive already parsed into validated types; values are validated here.

mod audit;
mod browse;
mod environments;
mod keys;
mod moves;
mod seals;
mod sessions;
mod tokens;
mod versions;

use jiff::Timestamp;

pub use self::browse::NamePage;
pub use self::environments::MAIN;
pub use self::keys::Rewrapped;
pub use self::sessions::{Live, SessionLimits, Started};
pub use self::tokens::{Authenticated, NewToken};
pub use self::versions::{DEFAULT_MAX_VERSIONS, MAX_HISTORY, Made};
use self::versions::{Kind, check_version};
use crate::api::Action;
pub use crate::api::{AuditQuery, KeyStatus, KeyUsage, ListQuery, ShowQuery};
use crate::crypto::{self, Crypto, RowBinding, Sealed};
use crate::db::{AuditRow, Cursor, Db, Inserted, NewSecret, SecretRow, Write};
use crate::error::{Error, Result};
use crate::model::{
    self, CreateOutcome, EnvName, OnConflict, Page, SecretData, SecretInfo, SecretName, SecretRef,
    Shown, UpdateOutcome,
};

/// The most secrets one page can hold.
pub const MAX_PAGE: u32 = 1000;
/// A create tries this many times while other writers create and delete the same name.
const MAX_RETRIES: usize = 32;

/// Who is asking: their name is recorded as `created_by`, and on the server (`client` set)
/// every successful write is recorded in the audit log in the write's own transaction.
#[derive(Clone, Debug)]
pub struct Actor {
    pub name: String,
    /// The client's address; `None` for the embedded store, which keeps no audit log.
    pub client: Option<String>,
}

impl Actor {
    /// The user of the embedded store.
    pub fn local(name: String) -> Self {
        Self { name, client: None }
    }

    /// The audit record of a successful `action` on `target`, if this actor is audited.
    pub fn record(&self, action: Action, env: Option<&str>, target: &str) -> Option<AuditRow> {
        let client = self.client.as_ref()?;
        Some(AuditRow {
            id: 0,
            at: now_micros(),
            actor: self.name.clone(),
            client: client.clone(),
            action: action.as_str().to_owned(),
            environment: env.map(str::to_owned),
            target: Some(target.to_owned()),
            outcome: "ok".to_owned(),
        })
    }
}

pub struct Service {
    db: Db,
    crypto: Crypto,
    /// Set once the master key has been checked against the store (see `verify_key`).
    key_checked: tokio::sync::OnceCell<()>,
    /// Writers of one secret in this process take turns here before they take a database
    /// connection to wait for its row lock: a hot secret then holds one connection of the
    /// pool, not all of them, and requests for other secrets are not starved. A fixed set,
    /// shared by the secrets whose names hash alike.
    turns: Vec<tokio::sync::Mutex<()>>,
    /// Known once every row of the store is sealed (see `seals`).
    rows_sealed: std::sync::atomic::AtomicBool,
    /// Keep at most this many versions of each secret (0: all of them).
    max_versions: u32,
}

/// How many [`Service::turns`] there are.
const TURNS: usize = 64;

pub(crate) fn now_micros() -> i64 {
    Timestamp::now().as_microsecond()
}

pub(crate) fn timestamp(micros: i64) -> Result<Timestamp> {
    Timestamp::from_microsecond(micros)
        .map_err(|_| Error::Integrity(format!("stored time {micros} is out of range")))
}

impl SecretRow {
    pub(crate) fn binding(&self) -> RowBinding<'_> {
        RowBinding {
            id: &self.id,
            environment: &self.environment,
            name: &self.name,
            version: self.version,
            keys: &self.keys,
            history: false,
        }
    }

    pub(crate) fn sealed(&self) -> Sealed {
        Sealed {
            key_id: self.key_id.clone(),
            wrapped_key: self.wrapped_key.clone(),
            ciphertext: self.ciphertext.clone(),
        }
    }

    fn key_names(&self) -> Result<Vec<String>> {
        serde_json::from_str(&self.keys)
            .map_err(|_| Error::Integrity(format!("key list of secret `{}` is corrupt", self.name)))
    }

    fn info(&self) -> Result<SecretInfo> {
        Ok(SecretInfo {
            id: self.id.clone(),
            name: self.name.clone(),
            environment: self.environment.clone(),
            created_at: timestamp(self.created_at)?,
            created_by: self.created_by.clone(),
            updated_at: timestamp(self.updated_at)?,
            last_used_at: self.last_used_at.map(timestamp).transpose()?,
            keys: self.key_names()?,
            version: self.version,
        })
    }
}

/// Waits before retry `attempt` of a create that lost a race: a random time that grows with
/// the attempts, so that writers contending for one name spread out instead of colliding
/// again (up to about 50 ms).
async fn backoff(attempt: usize) {
    let mut b = [0u8; 2];
    let _ = crypto::random_bytes(&mut b);
    let cap_micros = (500u64 << attempt.min(7)).min(50_000);
    let wait = u64::from(u16::from_le_bytes(b)) * cap_micros / u64::from(u16::MAX);
    let wait = std::time::Duration::from_micros(wait);
    if tokio::runtime::Handle::try_current().is_ok() {
        tokio::time::sleep(wait).await;
    } else {
        // The embedded store runs with no runtime: its writers wait on their own thread.
        std::thread::sleep(wait);
    }
}

/// Cursors are opaque to clients: `<micros>.<id>`, the sort key of the last row of a page.
pub(crate) fn encode_cursor(at: i64, id: impl std::fmt::Display) -> String {
    format!("{at}.{id}")
}

/// The halves of a cursor made by [`encode_cursor`]; `id_ok` checks the id half.
pub(crate) fn decode_cursor(s: &str, id_ok: impl Fn(&str) -> bool) -> Result<(i64, &str)> {
    let bad = || {
        Error::invalid_with_hint(
            "invalid page cursor",
            "pass back a `next_cursor` exactly as received",
        )
    };
    let (at, id) = s.split_once('.').ok_or_else(bad)?;
    let at = at.parse().map_err(|_| bad())?;
    if !id_ok(id) {
        return Err(bad());
    }
    Ok((at, id))
}

/// Cuts a page fetched with one extra row (which tells whether another page follows) to
/// `limit` rows, and says where the next page starts.
pub(crate) fn page<R>(
    mut rows: Vec<R>,
    limit: u32,
    cursor_of: impl Fn(&R) -> String,
) -> (Vec<R>, Option<String>) {
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next = if more {
        rows.last().map(cursor_of)
    } else {
        None
    };
    (rows, next)
}

fn decode_secret_cursor(s: &str) -> Result<Cursor> {
    let (created_at, id) = decode_cursor(s, model::looks_like_id)?;
    Ok(Cursor {
        created_at,
        id: id.to_owned(),
    })
}

impl Service {
    /// Binds the database to the master key: on first use the key check is stored, and
    /// afterwards a key that does not match it is refused before anything else happens.
    pub fn new(db: Db, crypto: Crypto) -> Self {
        Self {
            db,
            crypto,
            key_checked: tokio::sync::OnceCell::new(),
            turns: (0..TURNS).map(|_| tokio::sync::Mutex::new(())).collect(),
            rows_sealed: std::sync::atomic::AtomicBool::new(false),
            max_versions: DEFAULT_MAX_VERSIONS,
        }
    }

    /// Keeps at most `n` versions of each secret, the newest (0: every version).
    pub fn set_max_versions(&mut self, n: u32) {
        self.max_versions = n;
    }

    /// Writes the next version of a secret: `next` maps the current row to the one to store,
    /// under the row's lock (see [`Db::modify_secret`]) and after this process's other
    /// writers of the same secret. `None` when there is no such secret.
    async fn modify(
        &self,
        env: &EnvName,
        name: &SecretName,
        next: impl FnMut(&SecretRow) -> Result<Option<Write>>,
        record: Option<&AuditRow>,
    ) -> Result<Option<SecretRow>> {
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        let hash =
            BuildHasherDefault::<DefaultHasher>::default().hash_one((env.as_str(), name.as_str()));
        let _turn = self.turns[hash as usize % TURNS].lock().await;
        self.db
            .modify_secret(env.as_str(), name.as_str(), next, record)
            .await
    }

    /// Inserts a new secret; concurrent creates are committed together (see
    /// [`Db::insert_secret`]).
    async fn insert(&self, new: NewSecret) -> Result<Inserted> {
        self.db.insert_secret(new).await
    }

    /// Checks the master key against the store, once, before the first seal or open; commands
    /// that need no plaintext (list, show without values, delete) never pay for it. The
    /// server calls it at start-up so that a replica with the wrong key refuses to start.
    pub async fn verify_key(&self) -> Result<()> {
        self.key_checked
            .get_or_try_init(|| self.check_keys())
            .await
            .map(|_| ())
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    pub fn crypto(&self) -> &Crypto {
        &self.crypto
    }

    fn seal_row(&self, mut row: SecretRow, data: &SecretData) -> Result<SecretRow> {
        row.keys = serde_json::to_string(&model::keys_of(data))
            .map_err(|e| Error::Internal(e.to_string()))?;
        let sealed = self.crypto.seal(row.binding(), data)?;
        row.key_id = sealed.key_id;
        row.wrapped_key = sealed.wrapped_key;
        row.ciphertext = sealed.ciphertext;
        self.seal_secret(&mut row);
        Ok(row)
    }

    fn new_row(
        &self,
        env: &EnvName,
        name: &SecretName,
        data: &SecretData,
        actor: &Actor,
    ) -> Result<SecretRow> {
        let now = now_micros();
        let row = SecretRow {
            id: crypto::new_secret_id()?,
            environment: env.to_string(),
            name: name.to_string(),
            version: 1,
            created_at: now,
            created_by: actor.name.clone(),
            updated_at: now,
            last_used_at: None,
            keys: String::new(),
            key_id: String::new(),
            wrapped_key: Vec::new(),
            ciphertext: Vec::new(),
            seal: None,
        };
        self.seal_row(row, data)
    }

    /// Creates a secret. An existing one is an error, kept (`AllowExisting`) or replaced (`Force`).
    /// Two concurrent creates of one name: the database's uniqueness constraint picks one winner.
    pub async fn create(
        &self,
        env: &EnvName,
        name: &SecretName,
        data: &SecretData,
        on_conflict: OnConflict,
        actor: &Actor,
    ) -> Result<CreateOutcome> {
        self.create_as(env, name, data, on_conflict, actor, &Made::default())
            .await
    }

    /// [`Service::create`], recording the write as `made` (a copy, in its history and audit).
    async fn create_as(
        &self,
        env: &EnvName,
        name: &SecretName,
        data: &SecretData,
        on_conflict: OnConflict,
        actor: &Actor,
        made: &Made,
    ) -> Result<CreateOutcome> {
        model::validate_data(data)?;
        self.verify_key().await?;
        self.seal_legacy_rows().await?;
        // Each round ends unless another writer creates or deletes the secret in between.
        for attempt in 0..MAX_RETRIES {
            if attempt > 0 {
                backoff(attempt).await;
            }
            if on_conflict == OnConflict::Force {
                let action = made.audit.unwrap_or(Action::SecretReplace);
                let record = actor.record(action, Some(env.as_str()), name.as_str());
                let replaced = self
                    .modify(
                        env,
                        name,
                        |current| {
                            self.verify_secret(current, false)?;
                            let before = self.crypto.open(current.binding(), &current.sealed())?;
                            let next = self.next_version(current, data)?;
                            let kind = made.replace_action();
                            self.write_of(current, &before, next, data, kind, actor)
                                .map(Some)
                        },
                        record.as_ref(),
                    )
                    .await?;
                if let Some(row) = replaced {
                    return Ok(CreateOutcome {
                        secret: row.info()?,
                        created: false,
                        replaced: true,
                    });
                }
            }
            let row = self.new_row(env, name, data, actor)?;
            let secret = row.info()?;
            let action = made.audit.unwrap_or(Action::SecretCreate);
            let record = actor.record(action, Some(env.as_str()), name.as_str());
            // A plain create records no history row: the secret's own row says all there is
            // to say of its first version, which its next write records (`write_of`), so a
            // create costs what it did before history. A copy records where it came from.
            let versions = match made.action {
                Some(_) => vec![self.first_version(&row, data, made, actor)?],
                None => Vec::new(),
            };
            // The environment is checked in the insert's own transaction (see
            // `Inserted::NoEnvironment`): no query more for a create that succeeds.
            let new = NewSecret {
                row,
                versions,
                record,
            };
            match self.insert(new).await? {
                Inserted::Yes => {
                    return Ok(CreateOutcome {
                        secret,
                        created: true,
                        replaced: false,
                    });
                }
                Inserted::NoEnvironment => {
                    return Err(self.environment_not_found(env.as_str()).await);
                }
                Inserted::Conflict => {}
            }
            if on_conflict == OnConflict::Force {
                continue; // created by another writer since we looked: replace it
            }
            let Some(existing) = self.db.get_secret(env.as_str(), name.as_str()).await? else {
                continue; // deleted between our insert and this read: try again
            };
            self.check_secret(&existing).await?;
            if on_conflict == OnConflict::Fail {
                return Err(Error::AlreadyExists {
                    name: name.to_string(),
                    env: env.to_string(),
                });
            }
            return Ok(CreateOutcome {
                secret: existing.info()?,
                created: false,
                replaced: false,
            });
        }
        // Only a storm of creates and deletes of this one name gets here; the write is not
        // made, and the client may try again (503).
        Err(Error::Database(format!(
            "secret `{name}` was created or deleted by other writers {MAX_RETRIES} times while \
             this write waited; try again"
        )))
    }

    /// `data` sealed as the version after `current`.
    fn next_version(&self, current: &SecretRow, data: &SecretData) -> Result<SecretRow> {
        let mut next = current.clone();
        next.version = current.version + 1;
        next.updated_at = now_micros().max(current.updated_at);
        self.seal_row(next, data)
    }

    pub async fn list(&self, env: &EnvName, query: &ListQuery) -> Result<Page> {
        let limit = query.limit.clamp(1, MAX_PAGE);
        let cursor = query
            .cursor
            .as_deref()
            .map(decode_secret_cursor)
            .transpose()?;
        let before = query.created_before.map(|t| t.as_microsecond());
        let rows = self
            .db
            .list_secrets(env.as_str(), before, cursor.as_ref(), i64::from(limit) + 1)
            .await?;
        if rows.is_empty() {
            self.check_environment(env).await?;
        }
        let (rows, next_cursor) = page(rows, limit, |r| encode_cursor(r.created_at, &r.id));
        let unsealed = rows
            .iter()
            .find(|r| r.seal.is_none())
            .map(|r| r.seal.as_ref());
        let legacy_ok = match unsealed {
            Some(seal) => self.legacy_ok(seal).await?,
            None => false,
        };
        for row in &rows {
            self.explain(self.verify_secret(row, legacy_ok)).await?;
        }
        let secrets = rows.iter().map(SecretRow::info).collect::<Result<_>>()?;
        Ok(Page {
            secrets,
            next_cursor,
        })
    }

    /// The name of the secret `r` refers to in `env`: its own, or that of the secret with
    /// that id (not found if it lives in another environment).
    pub async fn resolve(&self, env: &EnvName, r: &SecretRef) -> Result<SecretName> {
        let id = match r {
            SecretRef::Name(name) => return Ok(name.clone()),
            SecretRef::Id(id) => id,
        };
        let Some(name) = self.db.secret_name_by_id(env.as_str(), id).await? else {
            return Err(self.secret_not_found(env, id).await);
        };
        SecretName::parse(&name)
            .map_err(|_| Error::Integrity(format!("secret `{id}` has an invalid stored name")))
    }

    async fn get(&self, env: &EnvName, name: &SecretName) -> Result<SecretRow> {
        let Some(row) = self.db.get_secret(env.as_str(), name.as_str()).await? else {
            return Err(self.missing(env, name).await);
        };
        self.check_secret(&row).await?;
        Ok(row)
    }

    /// A secret's metadata; its values too with `reveal` (which counts as a use).
    /// Required keys are checked against the stored key list, before any decryption.
    pub async fn show(&self, env: &EnvName, name: &SecretName, query: &ShowQuery) -> Result<Shown> {
        let row = self.get(env, name).await?;
        let mut info = row.info()?;
        let missing = model::missing_keys(&info.keys, &query.require);
        if !missing.is_empty() {
            return Err(Error::MissingKeys {
                name: name.to_string(),
                keys: missing,
            });
        }
        if !query.reveal {
            return Ok(Shown {
                info,
                values: None,
                unrecorded: None,
            });
        }
        self.verify_key().await?;
        let values = self.crypto.open(row.binding(), &row.sealed())?;
        if model::keys_of(&values) != info.keys {
            return Err(Error::Integrity(format!(
                "key list of secret `{name}` does not match its values"
            )));
        }
        // The values were decrypted and are returned even if their use cannot be recorded (a
        // full disk): `last_used_at` is a hint of whether a secret is still in use, while the
        // exact record of reads is the server's audit log, which fails closed on its own.
        let now = now_micros();
        let unrecorded = match self.db.touch_secret(&row.id, now, row.last_used_at).await {
            Ok(true) => {
                info.last_used_at = Some(timestamp(now)?);
                None
            }
            Ok(false) => None,
            Err(e) => Some(format!(
                "this use of `{name}` was not recorded as its last use: {e}"
            )),
        };
        Ok(Shown {
            info,
            values: Some(values),
            unrecorded,
        })
    }

    /// Merges `set` into a secret and removes `unset` (Modal's `Secret.update`). The merge
    /// reads and writes under the row's lock, so concurrent updates all land, in turn.
    pub async fn update(
        &self,
        env: &EnvName,
        name: &SecretName,
        set: &SecretData,
        unset: &[String],
        if_version: Option<i64>,
        actor: &Actor,
    ) -> Result<UpdateOutcome> {
        if let Some(k) = unset.iter().find(|k| set.contains_key(*k)) {
            return Err(Error::invalid(format!("key `{k}` is both set and unset")));
        }
        if set.is_empty() && unset.is_empty() {
            return Err(Error::invalid_with_hint(
                "nothing to update: no key to set or unset",
                "give at least one key to set or to unset",
            ));
        }
        self.verify_key().await?;
        self.seal_legacy_rows().await?;
        let record = actor.record(Action::SecretUpdate, Some(env.as_str()), name.as_str());
        let mut removed = Vec::new();
        let next = self
            .modify(
                env,
                name,
                |row| {
                    self.verify_secret(row, false)?;
                    check_version(row, if_version)?;
                    let before = self.crypto.open(row.binding(), &row.sealed())?;
                    let mut data = before.clone();
                    removed = unset
                        .iter()
                        .filter(|k| data.remove(*k).is_some())
                        .cloned()
                        .collect();
                    data.extend(set.iter().map(|(k, v)| (k.clone(), v.clone())));
                    model::validate_data(&data).map_err(|e| match e {
                        Error::Invalid { message, .. } if data.is_empty() => {
                            Error::invalid_with_hint(
                                format!("{message}: the update would remove every key of `{name}`"),
                                format!("to remove the secret, run `keep delete {name}`"),
                            )
                        }
                        e => e,
                    })?;
                    if data == before {
                        return Ok(None);
                    }
                    let next = self.next_version(row, &data)?;
                    self.write_of(row, &before, next, &data, Kind::update(), actor)
                        .map(Some)
                },
                record.as_ref(),
            )
            .await?;
        let Some(next) = next else {
            return Err(self.missing(env, name).await);
        };
        Ok(UpdateOutcome {
            secret: next.info()?,
            removed,
        })
    }

    /// Deletes a secret for good; false if there was none (an environment that does not
    /// exist is `environment_not_found`).
    pub async fn delete(&self, env: &EnvName, name: &SecretName, actor: &Actor) -> Result<bool> {
        let record = actor.record(Action::SecretDelete, Some(env.as_str()), name.as_str());
        let deleted = self
            .db
            .delete_secret(env.as_str(), name.as_str(), record.as_ref())
            .await?;
        if !deleted {
            self.check_environment(env).await?;
        }
        Ok(deleted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let c = decode_secret_cursor("123.st-abc").unwrap();
        assert_eq!(
            c,
            Cursor {
                created_at: 123,
                id: "st-abc".into()
            }
        );
        for bad in ["", "123", "x.st-abc", "123.abc", "123.st-a'b"] {
            assert!(decode_secret_cursor(bad).is_err(), "{bad}");
        }
    }
}
