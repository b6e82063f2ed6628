//! `keep serve`: the HTTP(S) server over an SQLite store in a data directory.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use super::common::Context;
use crate::error::{Error, Result};
use crate::output::Output;
use crate::server::{self, DataDir, ServeOptions};

const AFTER_LONG_HELP: &str = "\
On first start with an empty data directory, keep serve creates an admin token, prints it \
once on stderr and writes it to DIR/admin.token (mode 0600); only its hash is stored. Every \
request except GET /v1/health and GET /v1/openapi.json (the OpenAPI description of the API) \
needs `Authorization: Bearer <token>`.

The master key is DIR/master.key (created on first start), or KEEP_MASTER_KEY (64 hex digits).

With --tls-cert and --tls-key keep serve speaks HTTPS (TLS 1.2 and 1.3; HTTP/1.1 and HTTP/2). \
Without them it serves plain HTTP on loopback addresses only, unless --insecure-http is given \
(for a TLS-terminating proxy in front on a private network).

A client has 10 s (at most --request-timeout) to send each request head, and the request \
timeout for the whole request; slower requests get 408 or a closed connection.

Examples:
  $ keep serve --listen 127.0.0.1:8787
  $ keep serve --listen 0.0.0.0:443 --tls-cert /etc/keep/cert.pem --tls-key /etc/keep/key.pem
  $ KEEP_SERVER=http://127.0.0.1:8787 KEEP_TOKEN=$(cat ~/.local/share/keep/server/admin.token) keep list";

/// Run the keep HTTP server
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP, args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,
    /// Address to listen on, HOST:PORT (port 0 picks a free port)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8787")]
    pub listen: String,
    /// Data directory [default: ~/.local/share/keep/server]
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Database: `postgres://...` for several replicas, or `sqlite://PATH` [default: DIR/keep.db]
    #[arg(
        long,
        value_name = "URL",
        env = "KEEP_DATABASE_URL",
        hide_env_values = true
    )]
    pub database: Option<String>,
    /// Failed authentications a client address may make per minute before it is refused
    /// with 429 for the rest of that minute (0: no limit)
    #[arg(
        long,
        value_name = "N",
        env = "KEEP_AUTH_FAILURE_LIMIT",
        default_value_t = server::AUTH_FAILURES_PER_MINUTE
    )]
    pub auth_failure_limit: u32,
    /// Serve HTTPS with this PEM certificate chain (leaf first); needs --tls-key
    #[arg(long, value_name = "PEM", env = "KEEP_TLS_CERT", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The PEM private key of --tls-cert
    #[arg(long, value_name = "PEM", env = "KEEP_TLS_KEY", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Allow plain HTTP on a non-loopback address: tokens and values cross the network in clear
    #[arg(long, conflicts_with = "tls_cert")]
    pub insecure_http: bool,
    /// Seconds a request may take, body included, before it gets 408
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 30,
        value_parser = clap::value_parser!(u64).range(1..=3600)
    )]
    pub request_timeout: u64,
}

/// Administration of a running server.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    RotateKey(super::rotate_key::Args),
}

pub async fn run(args: Args, ctx: &Context, out: &mut Output) -> Result<()> {
    let Args {
        action,
        listen,
        data_dir,
        database,
        auth_failure_limit,
        tls_cert,
        tls_key,
        insecure_http,
        request_timeout,
    } = args;
    if let Some(Action::RotateKey(a)) = action {
        return super::rotate_key::run(a, ctx, out).await;
    }
    let dir = match data_dir {
        Some(d) => d,
        None => crate::backend::default_home()?.join("server"),
    };
    server::check_data_dir(&dir)?;
    let tls = match (&tls_cert, &tls_key) {
        (Some(cert), Some(key)) => Some(server::tls_config(cert, key)?),
        _ => None,
    };
    // Bind before the store is opened and anything is printed, so a busy port or a refused
    // address fails before a token is handed out.
    let listener = tokio::net::TcpListener::bind(listen.as_str())
        .await
        .map_err(|e| Error::io(format!("cannot listen on {listen}"), e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::io("cannot read the bound address", e))?;
    check_plain_http(addr, tls.is_some(), insecure_http)?;
    let data = DataDir { dir };
    let master_key = std::env::var("KEEP_MASTER_KEY")
        .ok()
        .filter(|k| !k.is_empty());
    let database = database.filter(|d| !d.is_empty());
    let store = server::open_store(&data, master_key.as_deref(), database.as_deref()).await?;
    if let Some(token) = server::bootstrap_admin(&store.service, &data).await? {
        out.notice(&format!(
            "created the admin token (shown once; also saved to {}):\n{}",
            data.admin_token().display(),
            token.as_str()
        ));
    }
    let scheme = if tls.is_some() { "https" } else { "http" };
    if tls.is_none() && !addr.ip().is_loopback() {
        out.warn("listening on a non-loopback address over plain HTTP: tokens and values cross the network unencrypted");
    }
    out.notice(&format!("listening on {scheme}://{addr}"));
    let opts = ServeOptions {
        tls,
        request_timeout: Duration::from_secs(request_timeout),
        auth_failures: auth_failure_limit,
        ..ServeOptions::default()
    };
    server::serve(listener, store, opts, shutdown_signal()).await
}

/// Plain HTTP off loopback would put tokens and values on the network in clear text: only
/// with `--insecure-http`, for a TLS-terminating proxy in front.
fn check_plain_http(addr: SocketAddr, tls: bool, insecure_http: bool) -> Result<()> {
    if tls || insecure_http || addr.ip().is_loopback() {
        return Ok(());
    }
    Err(Error::invalid_with_hint(
        format!(
            "refusing to serve plain HTTP on the non-loopback address {addr}: tokens and values would cross the network unencrypted"
        ),
        "serve HTTPS with `--tls-cert PEM --tls-key PEM`, listen on 127.0.0.1, or pass `--insecure-http` if a TLS-terminating proxy sits in front",
    ))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
