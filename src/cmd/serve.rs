//! `keep serve`: the HTTP server over an SQLite store in a data directory.

use std::path::PathBuf;

use super::common::Context;
use crate::error::{Error, Result};
use crate::output::Output;
use crate::server::{self, DataDir};

const AFTER_LONG_HELP: &str = "\
On first start with an empty data directory, keep serve creates an admin token, prints it \
once on stderr and writes it to DIR/admin.token (mode 0600); only its hash is stored. Every \
request except GET /v1/health and GET /v1/openapi.json (the OpenAPI description of the API) \
needs `Authorization: Bearer <token>`.

The master key is DIR/master.key (created on first start), or KEEP_MASTER_KEY (64 hex digits).

Examples:
  $ keep serve --listen 127.0.0.1:8787
  $ KEEP_SERVER=http://127.0.0.1:8787 KEEP_TOKEN=$(cat ~/.local/share/keep/server/admin.token) keep list";

/// Run the keep HTTP server
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP)]
pub struct Args {
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
}

pub async fn run(args: Args, _ctx: &Context, out: &mut Output) -> Result<()> {
    let Args {
        listen,
        data_dir,
        database,
        auth_failure_limit,
    } = args;
    let dir = match data_dir {
        Some(d) => d,
        None => crate::cli::default_home()?.join("server"),
    };
    server::check_data_dir(&dir)?;
    let data = DataDir { dir };
    let master_key = std::env::var("KEEP_MASTER_KEY")
        .ok()
        .filter(|k| !k.is_empty());
    let database = database.filter(|d| !d.is_empty());
    let store = server::open_store(&data, master_key.as_deref(), database.as_deref()).await?;
    // Bind before anything is printed, so a busy port fails before a token is handed out.
    let listener = tokio::net::TcpListener::bind(listen.as_str())
        .await
        .map_err(|e| Error::io(format!("cannot listen on {listen}"), e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::io("cannot read the bound address", e))?;
    if let Some(token) = server::bootstrap_admin(&store.service, &data).await? {
        out.notice(&format!(
            "created the admin token (shown once; also saved to {}):\n{}",
            data.admin_token().display(),
            token.as_str()
        ));
    }
    if !addr.ip().is_loopback() {
        out.warn("listening on a non-loopback address over plain HTTP: tokens and values cross the network unencrypted");
    }
    out.notice(&format!("listening on http://{addr}"));
    server::serve(listener, store, auth_failure_limit, shutdown_signal()).await
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
