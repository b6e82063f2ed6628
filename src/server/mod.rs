//! `keep serve`: the HTTP API over the same domain layer as the embedded store.
//!
//! The endpoints are declared in `crate::api`, given their handlers and descriptions in
//! `routes`, and described by `GET /v1/openapi.json` (OpenAPI 3.1, built in `openapi.rs`,
//! committed as `openapi.json`). JSON in and out, a bearer token on all but the health check
//! and the API description, each request audited by its route's gate (`auth`, `audit`).

mod admin;
mod audit;
mod auth;
pub mod dashboard;
mod environments;
mod error;
mod handlers;
mod keys;
mod linger;
mod listen;
pub mod openapi;
mod routes;
mod tls;
mod versions;

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use jiff::Timestamp;

pub use self::auth::AuthLimiter;
pub use self::error::{ApiError, status_of};
pub use self::keys::KeySource;
pub use self::listen::ServeOptions;
pub use self::tls::{SelfSigned, self_signed as tls_self_signed, server_config as tls_config};
use crate::api::Requires;
use crate::crypto::{self, Crypto};
use crate::db::{Db, Inserted, TokenRow};
use crate::error::{Error, Result};
use crate::fs;
use crate::service::Service;

/// Largest request body accepted: a full 1 MiB secret plus JSON escaping overhead.
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// Failed authentications one client address may make per minute before it gets 429s.
pub const AUTH_FAILURES_PER_MINUTE: u32 = 10;

pub struct AppState {
    pub service: Service,
    pub keys: KeySource,
    pub limiter: AuthLimiter,
    /// Held while a rotation saves and activates its key.
    pub rotation: tokio::sync::Mutex<()>,
    /// Whether a background rewrap is running.
    pub rewrapping: std::sync::atomic::AtomicBool,
}

impl AppState {
    /// `auth_failures`: failed authentications per minute allowed to one client address.
    /// Must be called inside the server's runtime (it starts the audit writer).
    pub fn new(store: Store, auth_failures: u32) -> Self {
        Self {
            service: store.service,
            keys: store.keys,
            limiter: AuthLimiter::new(auth_failures, std::time::Duration::from_secs(60)),
            rotation: tokio::sync::Mutex::new(()),
            rewrapping: std::sync::atomic::AtomicBool::new(false),
        }
    }
}

/// An opened server store: the domain over its database, and where its keys live.
pub struct Store {
    pub service: Service,
    pub keys: KeySource,
    /// Some secrets are wrapped by a key other than the active one.
    pub rewrap_pending: bool,
}

/// The API's router, built from the route table: every route that needs a token passes its
/// own gate (which knows the route's endpoint: its action and scope).
pub fn router(state: Arc<AppState>) -> Router {
    let mut router = Router::new();
    for route in routes::routes() {
        let handler = if route.endpoint.requires == Requires::Nothing {
            route.handler
        } else {
            let gate = auth::Gate {
                state: state.clone(),
                endpoint: route.endpoint,
            };
            route
                .handler
                .route_layer(middleware::from_fn_with_state(gate, auth::gate))
        };
        router = router.route(route.endpoint.path, handler);
    }
    router
        .fallback(handlers::not_found)
        .method_not_allowed_fallback(handlers::method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn(linger::settle_unread_body))
        .with_state(state)
}

/// Files of a server's data directory.
pub struct DataDir {
    pub dir: PathBuf,
}

impl DataDir {
    pub fn database(&self) -> PathBuf {
        self.dir.join("keep.db")
    }
    pub fn master_key(&self) -> PathBuf {
        self.dir.join("master.key")
    }
    pub fn admin_token(&self) -> PathBuf {
        self.dir.join("admin.token")
    }
}

/// Opens the server's store: the master key comes from `master_key_hex` (`KEEP_MASTER_KEY`)
/// if given, else from `DIR/master.key` (created on first start).
///
/// `database` is a `postgres://` URL (several replicas share it; each must be given the same
/// master key), a `sqlite://PATH`, or `None` for `DIR/keep.db`.
pub async fn open_store(
    data: &DataDir,
    master_key_hex: Option<&str>,
    database: Option<&str>,
) -> Result<Store> {
    fs::create_private_dir(&data.dir)?;
    fs::check_private_dir(&data.dir)?;
    let sqlite_path = match database {
        Some(url) if Db::is_postgres_url(url) => None,
        Some(url) => Some(sqlite_path(url)?),
        None => Some(data.database()),
    };
    let keys = crypto::load_ring(
        master_key_hex,
        &data.master_key(),
        &data.retired_keys(),
        sqlite_path.as_deref(),
    )?;
    let source = match master_key_hex {
        Some(_) => KeySource::Env,
        None => KeySource::Files {
            dir: data.dir.clone(),
        },
    };
    let db = match (&sqlite_path, database) {
        (Some(path), _) => Db::open_sqlite(path, true)?,
        (None, Some(url)) => Db::open_postgres(url).await?,
        (None, None) => unreachable!("no database and no SQLite path"),
    };
    let service = Service::new(db, Crypto::with_keys(keys));
    // A replica with the wrong key refuses to start, rather than failing request by request.
    let status = match service.prepare_server().await {
        Ok(status) => status,
        Err(e) => {
            service.db().close().await;
            return Err(e);
        }
    };
    Ok(Store {
        service,
        keys: source,
        rewrap_pending: status.remaining + status.remaining_versions > 0,
    })
}

fn sqlite_path(url: &str) -> Result<PathBuf> {
    let path = url.strip_prefix("sqlite://").ok_or_else(|| {
        Error::invalid_with_hint(
            "the database URL must start with `postgres://`, `postgresql://` or `sqlite://`",
            "for example `postgres://keep@db.internal/keep?sslmode=verify-full`",
        )
    })?;
    if path.is_empty() {
        return Err(Error::invalid(
            "`sqlite://` needs a path, as in `sqlite:///var/lib/keep/keep.db`",
        ));
    }
    Ok(PathBuf::from(path))
}

/// On first start (no tokens at all), creates the admin token and writes it to
/// `DIR/admin.token` (0600). Returns the token so the caller can print it once.
pub async fn bootstrap_admin(
    service: &Service,
    data: &DataDir,
) -> Result<Option<zeroize::Zeroizing<String>>> {
    if service.db().count_tokens().await? > 0 {
        return Ok(None);
    }
    let token = crypto::new_token()?;
    // The file is written before the hash is stored: if writing fails, no token exists yet and
    // the next start tries again, instead of leaving an admin token nobody has.
    let path = data.admin_token();
    match std::fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io_path("cannot replace the stale", &path, e)),
    }
    fs::write_private_file(&path, format!("{}\n", token.as_str()).as_bytes())?;
    let mut row = TokenRow {
        id: format!("tk-{}", crypto::random_base62(22)?),
        name: "admin".into(),
        hash: service.crypto().token_hash(&token),
        admin: true,
        created_at: Timestamp::now().as_microsecond(),
        expires_at: None,
        revoked_at: None,
        environments: None,
        read_only: false,
        created_by: "keep serve".into(),
        version: 1,
        seal: None,
    };
    service.seal_token(&mut row);
    if service.db().insert_token(&row, None).await? == Inserted::Conflict {
        // Another replica (or process) created the admin token first: ours is not valid, so
        // its file must not suggest otherwise. The winner printed and saved the real one.
        let _ = std::fs::remove_file(&path);
        return Ok(None);
    }
    Ok(Some(token))
}

/// Serves on an already-bound listener until `shutdown` completes: HTTPS when `opts.tls` is
/// set, with `opts`' limits on slow clients (the request timeout is applied here, not in
/// `router`).
pub async fn serve(
    listener: tokio::net::TcpListener,
    store: Store,
    opts: ServeOptions,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    // A rotation interrupted by a restart is finished. With keys from `KEEP_MASTER_KEY`,
    // replicas may be restarting with different rings, so only the operator starts a rewrap.
    let resume = store.rewrap_pending && matches!(store.keys, KeySource::Files { .. });
    let state = Arc::new(AppState::new(store, opts.auth_failures));
    if resume {
        keys::spawn_rewrap(state.clone());
    }
    let mut dash = dashboard::Dash::server(state.clone(), opts.sessions, opts.tls.is_some());
    dash.reveal_seconds = opts.reveal_seconds;
    let app = router(state.clone()).merge(dashboard::router(Arc::new(dash)));
    listen::serve_router(listener, app, opts, shutdown)
        .await
        .map_err(|e| Error::io("server failed", e))?;
    state.service.db().close().await;
    Ok(())
}

/// Serves the local dashboard (`keep dashboard`) on `listener` until `shutdown` completes.
pub async fn serve_dashboard(
    listener: tokio::net::TcpListener,
    dash: dashboard::Dash,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let app = dashboard::router(Arc::new(dash));
    let opts = ServeOptions {
        auth_failures: 0,
        ..ServeOptions::default()
    };
    listen::serve_router(listener, app, opts, shutdown)
        .await
        .map_err(|e| Error::io("the dashboard failed", e))
}

/// Whether the data directory path looks usable before anything is created in it.
pub fn check_data_dir(dir: &Path) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::invalid(format!(
            "data directory `{}` is not a directory",
            dir.display()
        )));
    }
    Ok(())
}
