//! `keep dashboard`: the dashboard's pages over the local store, on 127.0.0.1 only.

use std::process::Stdio;

use super::common::{self, Context};
use crate::backend::{Target, local_paths, os_user};
use crate::crypto::{Crypto, load_key_for};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::output::Output;
use crate::server::dashboard::{Dash, LocalLogin};
use crate::server::{self, AppState, KeySource, Store};
use crate::service::{Service, SessionLimits};

const AFTER_LONG_HELP: &str = "\
keep dashboard serves the pages of `keep serve`'s dashboard over the local store (--home, \
KEEP_HOME), on 127.0.0.1 at a random port, for this user only: it prints a link with a code \
that works once, within a minute, and trades it for a session cookie (held in memory, never \
in the store). Requests that name another host are refused (DNS rebinding). It stops on \
Ctrl-C. The store is created if it does not exist yet, as by a first `keep create`.

For a team server, open https://SERVER/ui/ in a browser and log in with a token.

Examples:
  $ keep dashboard --open
  $ keep dashboard --home ~/work/keep";

/// Browse and edit the local store in a browser
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP)]
pub struct Args {
    /// Open the link in the default browser
    #[arg(long)]
    pub open: bool,
    /// Port to listen on [default: a free one]
    #[arg(long, value_name = "PORT", default_value_t = 0)]
    pub port: u16,
}

pub async fn run(args: Args, ctx: &Context, out: &mut Output) -> Result<()> {
    let Args { open, port } = args;
    let home = match ctx.target()? {
        Target::Local { home } => home.clone(),
        Target::Remote(r) => {
            return Err(Error::invalid_with_hint(
                "keep dashboard serves the local store, but commands go to a server here",
                format!(
                    "open {}/ui/ in a browser and log in with a token; or pass `--home DIR` for a local store",
                    crate::client::display_url(&r.url).trim_end_matches('/')
                ),
            ));
        }
    };
    let (db_path, key_path) = local_paths(&home);
    crate::fs::create_private_dir(&home)?;
    let key = load_key_for(&key_path, &db_path)?;
    let db = Db::open_sqlite(&db_path, true)?;
    let service = Service::new(db, Crypto::new(key));
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|e| Error::io(format!("cannot listen on 127.0.0.1:{port}"), e))?;
    let port = listener
        .local_addr()
        .map_err(|e| Error::io("cannot read the bound address", e))?
        .port();
    let (login, code) = LocalLogin::new(os_user(), port)?;
    let store = Store {
        service,
        keys: KeySource::Files { dir: home },
        rewrap_pending: false,
    };
    let dash = Dash {
        app: std::sync::Arc::new(AppState::new(store, 0)),
        limits: SessionLimits::default(),
        tls: false,
        local: Some(login),
        reveal_seconds: 30,
    };
    let url = format!("http://127.0.0.1:{port}/ui/start?code={code}");
    out.notice(&format!(
        "keep dashboard: open {url} (the link works once, within a minute); Ctrl-C stops it"
    ));
    if open {
        open_browser(&url, out);
    }
    server::serve_dashboard(listener, dash, common::shutdown_signal()).await
}

/// Opens `url` in the desktop's browser; a failure is a warning (the link is printed).
fn open_browser(url: &str, out: &Output) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let started = std::process::Command::new(program)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    if let Err(e) = started {
        out.warn(&format!(
            "cannot open a browser with `{program}` ({e}): open the link above"
        ));
    }
}
