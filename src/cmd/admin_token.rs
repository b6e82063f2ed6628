//! `keep serve admin-token`: a new admin token, minted offline by the server's operator.

use super::common::Context;
use crate::error::{Error, Result};
use crate::model::{Scope, TokenName};
use crate::output::Output;
use crate::server::{self, DataDir};
use crate::service::{Actor, NewToken};

const AFTER_LONG_HELP: &str = "\
For an operator who lost every admin token: opens the server's store directly (the data \
directory, and the database if it is PostgreSQL; the server may keep running) and issues a \
new admin token, printed once on stdout. Only its keyed hash is stored, and the audit log \
records it (action token.create, actor `keep serve admin-token`, client `local`). The master \
key comes from DIR/master.key or KEEP_MASTER_KEY, as for `keep serve`.

Examples:
  $ keep serve admin-token --data-dir /var/lib/keep
  $ keep serve admin-token --data-dir /var/lib/keep --database postgres://keep@db/keep --name ops-2
  $ keep serve admin-token --data-dir /var/lib/keep | keep login --server https://keep.example.com";

/// Mint a new admin token offline, from the server's data directory (operator)
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP)]
pub struct Args {
    #[command(flatten)]
    pub store: super::args::ServerStore,
    /// Name of the new token [default: admin-YYYYMMDD-HHMMSS]
    #[arg(long, value_name = "NAME", value_parser = TokenName::parse)]
    pub name: Option<TokenName>,
}

pub async fn run(args: Args, _ctx: &Context, out: &mut Output) -> Result<()> {
    let Args { store, name } = args;
    let (dir, database) = store.resolve()?;
    let data = DataDir { dir };
    // A typo must not make a new, empty server store.
    if database.is_none() && !data.database().is_file() {
        return Err(Error::invalid_with_hint(
            format!("no server store in `{}`", data.dir.display()),
            "pass the `--data-dir` that `keep serve` uses (and `--database` if it uses PostgreSQL)",
        ));
    }
    let name = match name {
        Some(n) => n,
        None => TokenName::parse(&format!(
            "admin-{}",
            jiff::Timestamp::now().strftime("%Y%m%d-%H%M%S")
        ))?,
    };
    let master_key = std::env::var("KEEP_MASTER_KEY")
        .ok()
        .filter(|k| !k.is_empty());
    let store = server::open_store(&data, master_key.as_deref(), database.as_deref()).await?;
    let new = NewToken {
        name,
        scope: Scope {
            admin: true,
            environments: None,
            read_only: false,
        },
        expires_at: None,
    };
    let actor = Actor {
        name: "keep serve admin-token".into(),
        client: Some("local".into()),
    };
    let issued = store.service.create_token(&new, &actor).await;
    store.service.db().close().await;
    out.emit(&issued?)
}
