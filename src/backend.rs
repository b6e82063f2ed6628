//! What commands call: the embedded store on this machine, or a `keep serve` over HTTP.

use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::client::Client;
use crate::crypto::{Crypto, MasterKey, load_key_for};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::model::{
    CreateOutcome, EnvName, OnConflict, Page, SecretData, SecretName, Shown, UpdateOutcome,
};
use crate::service::{Actor, ListQuery, Service, ShowQuery};

pub enum Backend {
    /// The embedded store; the OS user is recorded as `created_by`.
    Local {
        service: Service,
    },
    Remote(Client),
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

/// Whether opening the local store may create it (commands) or must not (completion).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Create {
    Yes,
    No,
}

impl Backend {
    /// The store a command points at: the server at `server` (with `KEEP_TOKEN`, trusting
    /// the CA certificates in `ca_cert` besides the system's), else the local store in `home`
    /// (default: the XDG data directory).
    pub async fn connect(
        server: Option<&str>,
        ca_cert: Option<&Path>,
        home: Option<&Path>,
        create: Create,
    ) -> Result<Self> {
        if let Some(url) = server.filter(|s| !s.is_empty()) {
            return Ok(Backend::Remote(Self::client(url, ca_cert)?));
        }
        let home = match home {
            Some(h) => h.to_path_buf(),
            None => default_home()?,
        };
        Self::open_local(&home, create).await
    }

    async fn open_local(home: &Path, create: Create) -> Result<Self> {
        let (db_path, key_path) = local_paths(home);
        let key = match create {
            Create::Yes => {
                crate::fs::create_private_dir(home)?;
                load_key_for(&key_path, &db_path)?
            }
            Create::No if db_path.is_file() => MasterKey::load(&key_path)?,
            Create::No => return Err(Error::invalid(format!("no store in `{}`", home.display()))),
        };
        let db = Db::open_sqlite(&db_path, false)?;
        Ok(Backend::Local {
            service: Service::new(db, Crypto::new(key)),
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

    pub async fn list(&self, env: &EnvName, query: &ListQuery) -> Result<Page> {
        match self {
            Backend::Local { service } => service.list(env, query).await,
            Backend::Remote(c) => c.list(env, query).await,
        }
    }

    pub async fn show(&self, env: &EnvName, name: &SecretName, query: &ShowQuery) -> Result<Shown> {
        match self {
            Backend::Local { service } => service.show(env, name, query).await,
            Backend::Remote(c) => c.show(env, name, query).await,
        }
    }

    pub async fn update(
        &self,
        env: &EnvName,
        name: &SecretName,
        set: &SecretData,
        unset: &[String],
    ) -> Result<UpdateOutcome> {
        match self {
            Backend::Local { service } => {
                service
                    .update(env, name, set, unset, &Actor::local(os_user()))
                    .await
            }
            Backend::Remote(c) => c.update(env, name, set, unset).await,
        }
    }

    pub async fn delete(&self, env: &EnvName, name: &SecretName) -> Result<bool> {
        match self {
            Backend::Local { service } => service.delete(env, name, &Actor::local(os_user())).await,
            Backend::Remote(c) => c.delete(env, name).await,
        }
    }

    /// The client of the server at `url`, with the token in `KEEP_TOKEN`.
    fn client(url: &str, ca_cert: Option<&Path>) -> Result<Client> {
        let token = std::env::var("KEEP_TOKEN").ok().map(Zeroizing::new);
        Client::new(url, token, ca_cert)
    }

    /// The server at `server`, for what only a `keep serve` has (`what`: tokens, the audit
    /// log, keys); never the local store, which is not even opened.
    pub fn server_only(server: Option<&str>, ca_cert: Option<&Path>, what: &str) -> Result<Client> {
        match server.filter(|s| !s.is_empty()) {
            Some(url) => Self::client(url, ca_cert),
            None => Err(Error::invalid_with_hint(
                format!("{what} belong to a `keep serve`, and no server is set"),
                "pass `--server URL` (or set `KEEP_SERVER`) and an admin token in `KEEP_TOKEN`",
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
