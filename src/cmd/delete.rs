//! `keep delete`: removes a secret for good, after confirmation on a terminal.

use std::io;

use serde::Serialize;

use super::args::ExistingArg;
use super::common::Context;
use crate::error::{Error, Result};
use crate::output::{Output, Report};
use crate::service::ShowQuery;

const AFTER_LONG_HELP: &str = "\
Deleting is irreversible: the secret's history (every earlier version) is deleted with it. \
On a terminal keep shows what will be deleted and asks first; in \
scripts pass --yes.

Examples:
  $ keep delete old-db
  $ keep delete old-db --yes --allow-missing";

/// Delete a secret (irreversible)
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP)]
pub struct Args {
    #[command(flatten)]
    pub secret: ExistingArg,
    /// Succeed if the secret does not exist
    #[arg(long)]
    pub allow_missing: bool,
    /// Do not ask for confirmation
    #[arg(short = 'y', long)]
    pub yes: bool,
}

#[derive(Serialize)]
struct DeleteReport {
    name: String,
    environment: String,
    deleted: bool,
    /// `local`, or the server's URL.
    store: String,
    #[serde(skip)]
    shown: String,
}

impl Report for DeleteReport {
    fn human(&self, out: &mut Output) -> io::Result<()> {
        if self.deleted {
            out.status(&format!(
                "deleted secret `{}` from `{}` on {}",
                self.name, self.environment, self.shown
            ));
        } else {
            out.status(&format!(
                "secret `{}` does not exist in `{}`; nothing to delete",
                self.name, self.environment
            ));
        }
        Ok(())
    }
}

pub async fn run(args: Args, ctx: &Context, out: &mut Output) -> Result<()> {
    let Args {
        secret: ExistingArg { name },
        allow_missing,
        yes,
    } = args;
    if !yes && !out.can_prompt() {
        return Err(Error::invalid_with_hint(
            format!("refusing to delete `{name}` without confirmation"),
            "pass `--yes` to delete without a prompt",
        ));
    }
    let env = ctx.env();
    let backend = match ctx.backend().await {
        Err(Error::NoStore { .. }) if allow_missing => None,
        opened => Some(opened?),
    };
    let result = async {
        let Some(backend) = &backend else {
            return Ok(None);
        };
        if !yes {
            let info = out
                .waiting("reading", backend.show(env, &name, &ShowQuery::default()))
                .await?
                .info;
            let n = info.keys.len();
            let question = format!(
                "Delete secret `{}` from environment `{env}` ({n} {})? This cannot be undone",
                info.name,
                if n == 1 { "key" } else { "keys" }
            );
            if !out.confirm(&question)? {
                return Err(Error::invalid(
                    "not deleted: the deletion was not confirmed",
                ));
            }
        }
        out.waiting("deleting", backend.delete(env, &name)).await
    }
    .await;
    if let Some(backend) = backend {
        backend.close().await;
    }
    let (deleted, name) = match result {
        Err(Error::NotFound { .. }) | Ok(None) if allow_missing => (false, name.to_string()),
        Ok(None) => {
            return Err(Error::NotFound {
                name: name.to_string(),
                env: env.to_string(),
                near: Vec::new(),
            });
        }
        Ok(Some(deleted)) => (true, deleted),
        Err(e) => return Err(e),
    };
    out.emit(&DeleteReport {
        name,
        environment: env.to_string(),
        deleted,
        store: ctx.store(),
        shown: ctx.store_shown(),
    })
}
