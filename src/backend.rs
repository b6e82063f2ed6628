//! What commands call: the embedded store on this machine, or a `keep serve` over HTTP.

use std::path::{Path, PathBuf};

use crate::client::{Client, Remote};
use crate::crypto::{Crypto, load_key_for};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::model::{
    CreateOutcome, EnvName, History, OnConflict, Page, SecretData, SecretName, SecretRef, Shown,
    UpdateOutcome, VersionShown,
};
use crate::service::{Actor, ListQuery, Service, ShowQuery};

pub enum Backend {
    /// The embedded store; the OS user is recorded as `created_by`.
    Local {
        service: Service,
    },
    Remote(Client),
}

/// Where commands go: the embedded store in a directory, or a server.
#[derive(Clone, Debug)]
pub enum Target {
    Local { home: PathBuf },
    Remote(Remote),
}

impl Target {
    /// `local`, or the server's URL: the `store` of `--json` write reports.
    pub fn label(&self) -> String {
        match self {
            Target::Local { .. } => "local".to_owned(),
            Target::Remote(r) => crate::client::display_url(&r.url),
        }
    }

    /// Where a message says a write went: `the local store`, or the server's URL.
    pub fn shown(&self) -> String {
        match self {
            Target::Local { .. } => "the local store".to_owned(),
            Target::Remote(r) => crate::client::display_url(&r.url),
        }
    }
}

/// An opened store, and whether opening it created it (the first write on this machine).
pub struct Opened {
    pub backend: Backend,
    pub created: bool,
}

/// Files of the embedded store under `KEEP_HOME`.
pub fn local_paths(home: &Path) -> (PathBuf, PathBuf) {
    (home.join("keep.db"), home.join("master.key"))
}

/// Where the local store lives without `--home` or `KEEP_HOME`: `keep` in the XDG data
/// directory (`keep serve` puts its data directory in `server` under it).
pub fn default_home() -> Result<PathBuf> {
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().map_err(|e| {
        Error::invalid_with_hint(
            format!("cannot find a home directory: {e}"),
            "set `KEEP_HOME` or pass `--home DIR`",
        )
    })?;
    Ok(base.data_dir().join("keep"))
}

/// How many versions of each secret the local store keeps: `KEEP_MAX_VERSIONS` (0: all),
/// else the default.
fn local_max_versions() -> Result<u32> {
    match std::env::var("KEEP_MAX_VERSIONS") {
        Ok(v) if !v.trim().is_empty() => v.trim().parse().map_err(|_| {
            Error::invalid_with_hint(
                "`KEEP_MAX_VERSIONS` is not a whole number",
                "set it to how many versions of each secret to keep, or 0 to keep every one",
            )
        }),
        _ => Ok(crate::service::DEFAULT_MAX_VERSIONS),
    }
}

/// The OS user running keep.
pub fn os_user() -> String {
    for var in ["USER", "LOGNAME", "USERNAME"] {
        if let Ok(u) = std::env::var(var) {
            if !u.is_empty() {
                return u;
            }
        }
    }
    #[cfg(unix)]
    {
        passwd_name().unwrap_or_else(|| format!("uid:{}", unsafe { libc::getuid() }))
    }
    #[cfg(not(unix))]
    "unknown".to_owned()
}

/// The login name of the current uid from the password database.
#[cfg(unix)]
fn passwd_name() -> Option<String> {
    let mut buf = vec![0 as libc::c_char; 4096];
    let mut pwd = std::mem::MaybeUninit::<libc::passwd>::uninit();
    let mut result: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer is valid for the call; buf outlives the read of pw_name below.
    let rc = unsafe {
        libc::getpwuid_r(
            libc::getuid(),
            pwd.as_mut_ptr(),
            buf.as_mut_ptr(),
            buf.len(),
            &mut result,
        )
    };
    if rc != 0 || result.is_null() {
        return None;
    }
    // SAFETY: getpwuid_r succeeded, so pw_name points to a NUL-terminated string in buf.
    let name = unsafe { std::ffi::CStr::from_ptr((*result).pw_name) };
    name.to_str()
        .ok()
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
}

/// Whether opening the local store may create it (a write) or must not (a read: reading
/// from a store that does not exist is an error naming its directory, and creates nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Create {
    Yes,
    No,
}

/// Whether the local store in `home` exists.
pub fn local_store_exists(home: &Path) -> bool {
    local_paths(home).0.is_file()
}

impl Backend {
    /// The store `target` points at.
    pub async fn connect(target: &Target, create: Create) -> Result<Opened> {
        match target {
            Target::Remote(remote) => Ok(Opened {
                backend: Backend::Remote(Client::new(remote)?),
                created: false,
            }),
            Target::Local { home } => Self::open_local(home, create).await,
        }
    }

    async fn open_local(home: &Path, create: Create) -> Result<Opened> {
        let (db_path, key_path) = local_paths(home);
        let exists = db_path.is_file();
        let key = match create {
            // A store that exists keeps its key: a missing key file is an error, never replaced.
            _ if exists => load_key_for(&key_path, &db_path)?,
            Create::Yes => {
                crate::fs::create_private_dir(home)?;
                load_key_for(&key_path, &db_path)?
            }
            Create::No => {
                return Err(Error::NoStore {
                    home: home.to_path_buf(),
                });
            }
        };
        let max_versions = local_max_versions()?;
        let db = Db::open_sqlite(&db_path, false)?;
        let mut service = Service::new(db, Crypto::new(key));
        service.set_max_versions(max_versions);
        Ok(Opened {
            backend: Backend::Local { service },
            created: !exists,
        })
    }

    pub async fn create(
        &self,
        env: &EnvName,
        name: &SecretName,
        data: &SecretData,
        on_conflict: OnConflict,
    ) -> Result<CreateOutcome> {
        match self {
            Backend::Local { service } => {
                service
                    .create(env, name, data, on_conflict, &Actor::local(os_user()))
                    .await
            }
            Backend::Remote(c) => c.create(env, name, data, on_conflict).await,
        }
    }

    pub async fn environments(&self) -> Result<Vec<String>> {
        match self {
            Backend::Local { service } => service.environments().await,
            Backend::Remote(c) => c.environments().await,
        }
    }

    pub async fn create_environment(&self, env: &EnvName) -> Result<()> {
        match self {
            Backend::Local { service } => {
                service
                    .create_environment(env, &Actor::local(os_user()))
                    .await
            }
            Backend::Remote(c) => c.create_environment(env).await,
        }
    }

    /// Deletes an environment (with its secrets if `force`): how many secrets went with it.
    pub async fn delete_environment(&self, env: &EnvName, force: bool) -> Result<i64> {
        match self {
            Backend::Local { service } => {
                service
                    .delete_environment(env, force, &Actor::local(os_user()))
                    .await
            }
            Backend::Remote(c) => c.delete_environment(env, force).await,
        }
    }

    /// How many secrets `env` holds, up to `limit` (for a confirmation question).
    pub async fn count_secrets(&self, env: &EnvName, limit: u32) -> Result<usize> {
        let query = ListQuery {
            limit,
            ..ListQuery::default()
        };
        Ok(self.list(env, &query).await?.secrets.len())
    }

    pub async fn list(&self, env: &EnvName, query: &ListQuery) -> Result<Page> {
        match self {
            Backend::Local { service } => service.list(env, query).await,
            Backend::Remote(c) => c.list(env, query).await,
        }
    }

    pub async fn show(&self, env: &EnvName, name: &SecretRef, query: &ShowQuery) -> Result<Shown> {
        match self {
            Backend::Local { service } => {
                let name = service.resolve(env, name).await?;
                service.show(env, &name, query).await
            }
            Backend::Remote(c) => c.show(env, name, query).await,
        }
    }

    pub async fn update(
        &self,
        env: &EnvName,
        name: &SecretRef,
        set: &SecretData,
        unset: &[String],
        if_version: Option<i64>,
    ) -> Result<UpdateOutcome> {
        match self {
            Backend::Local { service } => {
                let name = service.resolve(env, name).await?;
                let actor = Actor::local(os_user());
                (service.update(env, &name, set, unset, if_version, &actor)).await
            }
            Backend::Remote(c) => c.update(env, name, set, unset, if_version).await,
        }
    }

    /// A secret's versions, newest first, at most `limit`.
    pub async fn history(&self, env: &EnvName, name: &SecretRef, limit: u32) -> Result<History> {
        match self {
            Backend::Local { service } => {
                let name = service.resolve(env, name).await?;
                service.history(env, &name, limit).await
            }
            Backend::Remote(c) => c.history(env, name, limit).await,
        }
    }

    pub async fn show_version(
        &self,
        env: &EnvName,
        name: &SecretRef,
        version: i64,
        reveal: bool,
    ) -> Result<VersionShown> {
        match self {
            Backend::Local { service } => {
                let name = service.resolve(env, name).await?;
                service.show_version(env, &name, version, reveal).await
            }
            Backend::Remote(c) => c.show_version(env, name, version, reveal).await,
        }
    }

    pub async fn rollback(
        &self,
        env: &EnvName,
        name: &SecretRef,
        version: i64,
        if_version: Option<i64>,
    ) -> Result<crate::model::SecretInfo> {
        match self {
            Backend::Local { service } => {
                let name = service.resolve(env, name).await?;
                let actor = Actor::local(os_user());
                (service.rollback(env, &name, version, if_version, &actor)).await
            }
            Backend::Remote(c) => Ok(c.rollback(env, name, version, if_version).await?.secret),
        }
    }

    pub async fn rename(
        &self,
        env: &EnvName,
        name: &SecretRef,
        to: &SecretName,
    ) -> Result<crate::model::SecretInfo> {
        match self {
            Backend::Local { service } => {
                let name = service.resolve(env, name).await?;
                (service.rename(env, &name, to, &Actor::local(os_user()))).await
            }
            Backend::Remote(c) => Ok(c.rename(env, name, to).await?.secret),
        }
    }

    /// Copies a secret to `to_env` as `as_name` (default: the same name).
    pub async fn copy(
        &self,
        env: &EnvName,
        name: &SecretRef,
        to_env: &EnvName,
        as_name: Option<&SecretName>,
        force: bool,
    ) -> Result<CreateOutcome> {
        match self {
            Backend::Local { service } => {
                let name = service.resolve(env, name).await?;
                let as_name = as_name.unwrap_or(&name).clone();
                let actor = Actor::local(os_user());
                (service.copy(env, &name, to_env, &as_name, force, &actor)).await
            }
            Backend::Remote(c) => c.copy(env, name, to_env, as_name, force).await,
        }
    }

    /// Deletes a secret: the name of the secret deleted, or `None` if there was none.
    pub async fn delete(&self, env: &EnvName, name: &SecretRef) -> Result<Option<String>> {
        match self {
            Backend::Local { service } => {
                let name = match service.resolve(env, name).await {
                    Ok(name) => name,
                    Err(Error::NotFound { .. }) => return Ok(None),
                    Err(e) => return Err(e),
                };
                let deleted = service.delete(env, &name, &Actor::local(os_user())).await?;
                Ok(deleted.then(|| name.to_string()))
            }
            Backend::Remote(c) => c.delete(env, name).await,
        }
    }

    /// The server `target` points at, for what only a `keep serve` has (`what`: tokens, the
    /// audit log, keys); never the local store, which is not even opened.
    pub fn server_only(target: &Target, what: &str) -> Result<Client> {
        match target {
            Target::Remote(remote) => Client::new(remote),
            Target::Local { .. } => Err(Error::invalid_with_hint(
                format!("{what} belong to a `keep serve`, and no server is set"),
                "log in to one with `keep login --server URL`, or set `KEEP_SERVER` and an admin token in `KEEP_TOKEN`",
            )),
        }
    }

    /// Closes the local database cleanly (checkpointing the WAL is SQLite's business).
    pub async fn close(self) {
        if let Backend::Local { service } = self {
            service.db().close().await;
        }
    }
}
