//! `keep history`: a secret's versions, newest first: when, by whom, what kind of write, and
//! which keys it added, changed and removed. Never values.

use std::io;

use super::args::ExistingArg;
use super::common::Context;
use crate::error::Result;
use crate::model::History;
use crate::output::{Output, Report};

const AFTER_LONG_HELP: &str = "\
Every write of a secret's values, name or place makes a new version: create, update, create \
--force, rollback, rename, and the first version of a copy. Each version is kept encrypted \
like the current one. CHANGES lists keys by name: +ADDED ~CHANGED -REMOVED. BY is the OS user \
for the local store and the token's name on a server.

A store keeps the newest 20 versions of each secret (`keep serve --max-versions N`, or \
KEEP_MAX_VERSIONS for the local store; 0 keeps every version); the write that passes the \
limit deletes the oldest. Deleting a secret deletes its history: it is irreversible.

Examples:
  $ keep history db
  $ keep show db --version 3 --reveal
  $ keep diff db 3 5
  $ keep rollback db 3";

/// List a secret's versions: when, who, which keys changed (never values)
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP)]
pub struct Args {
    #[command(flatten)]
    pub secret: ExistingArg,
    /// Show at most N versions, the newest
    #[arg(long, value_name = "N", default_value_t = 20,
          value_parser = clap::value_parser!(u32).range(1..=i64::from(crate::service::MAX_HISTORY)))]
    pub max: u32,
}

impl Report for History {
    fn human(&self, out: &mut Output) -> io::Result<()> {
        let rows: Vec<Vec<String>> = self
            .versions
            .iter()
            .map(|v| {
                let mark = if v.version == self.version { " *" } else { "" };
                vec![
                    format!("{}{mark}", v.version),
                    out.time(Some(v.created_at)),
                    v.created_by.clone(),
                    v.action.clone(),
                    v.summary(),
                ]
            })
            .collect();
        out.table(&["VERSION", "WRITTEN AT", "BY", "ACTION", "CHANGES"], &rows)
    }
}

pub async fn run(args: Args, ctx: &Context, out: &mut Output) -> Result<()> {
    let Args {
        secret: ExistingArg { name },
        max,
    } = args;
    let backend = ctx.backend().await?;
    let history = out
        .waiting("reading", backend.history(ctx.env(), &name, max))
        .await;
    backend.close().await;
    let history = history?;
    let oldest = history.versions.last().map_or(1, |v| v.version);
    if history.versions.len() == max as usize && oldest > 1 {
        out.warn(&format!(
            "showing the newest {max} versions; older ones may be kept: pass `--max N` for more"
        ));
    }
    out.emit(&history)
}
