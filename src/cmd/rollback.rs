//! `keep rollback`: the values of an earlier version become the secret's next version.

use std::io;

use serde::Serialize;

use super::args::ExistingArg;
use super::common::Context;
use crate::error::{Error, Result};
use crate::output::{Output, Report};

const AFTER_LONG_HELP: &str = "\
Nothing is rewritten: the values of version N are written again as a new version, so the \
rollback itself can be rolled back. On a terminal keep asks first; in scripts pass --yes. \
With --if-version M the rollback is made only if the secret is still at version M (exit \
code 4 otherwise).

Examples:
  $ keep history db
  $ keep rollback db 3
  $ keep rollback db 3 --yes --json";

/// Make the values of an earlier version the current ones (as a new version)
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP, disable_version_flag = true)]
pub struct Args {
    #[command(flatten)]
    pub secret: ExistingArg,
    /// The version whose values to restore (see `keep history`)
    #[arg(value_name = "N", value_parser = clap::value_parser!(i64).range(1..))]
    pub version: i64,
    /// Roll back only if the secret is still at version M
    #[arg(long, value_name = "M", value_parser = clap::value_parser!(i64).range(1..))]
    pub if_version: Option<i64>,
    /// Do not ask for confirmation
    #[arg(short = 'y', long)]
    pub yes: bool,
}

#[derive(Serialize)]
struct RollbackReport {
    id: String,
    name: String,
    environment: String,
    keys: Vec<String>,
    /// The version whose values were restored.
    restored: i64,
    /// The version the rollback made.
    version: i64,
    /// `local`, or the server's URL.
    store: String,
    #[serde(skip)]
    shown: String,
}

impl Report for RollbackReport {
    fn human(&self, out: &mut Output) -> io::Result<()> {
        out.status(&format!(
            "rolled back secret `{}` in `{}` on {}: version {} holds the values of version {}",
            self.name, self.environment, self.shown, self.version, self.restored
        ));
        Ok(())
    }
}

pub async fn run(args: Args, ctx: &Context, out: &mut Output) -> Result<()> {
    let Args {
        secret: ExistingArg { name },
        version,
        if_version,
        yes,
    } = args;
    if !yes && !out.can_prompt() {
        return Err(Error::invalid_with_hint(
            format!("refusing to roll back `{name}` without confirmation"),
            "pass `--yes` to roll back without a prompt",
        ));
    }
    let env = ctx.env();
    let backend = ctx.backend().await?;
    let result = async {
        if !yes {
            let target = backend.show_version(env, &name, version, false).await?;
            let question = format!(
                "Roll back `{}` in `{env}` from version {} to the values of version {version} \
                 (keys: {})?",
                target.name,
                target.current_version,
                target.info.keys.join(", ")
            );
            if !out.confirm(&question)? {
                return Err(Error::invalid("not rolled back: it was not confirmed"));
            }
        }
        (out.waiting("saving", backend.rollback(env, &name, version, if_version))).await
    }
    .await;
    backend.close().await;
    let secret = result?;
    out.emit(&RollbackReport {
        id: secret.id,
        name: secret.name,
        environment: secret.environment,
        keys: secret.keys,
        restored: version,
        version: secret.version,
        store: ctx.store(),
        shown: ctx.store_shown(),
    })
}
