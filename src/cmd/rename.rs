//! `keep rename`: a secret's new name; its id, history and creation time stay.

use std::io;

use serde::Serialize;

use super::args::ExistingArg;
use super::common::Context;
use crate::error::{Error, Result};
use crate::model::SecretName;
use crate::output::{Output, Report};

const AFTER_LONG_HELP: &str = "\
The secret keeps its id, its history and its creation time; the rename is a new version, \
and on a server it is in the audit log. A secret of the new name must not exist (exit \
code 4). Programs that read the secret by its old name stop finding it.

Examples:
  $ keep rename db db-primary
  $ keep rename st-SWeB0nXcW2XkBeS0y6XF4a db-primary";

/// Rename a secret (its id and history stay)
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP)]
pub struct Args {
    #[command(flatten)]
    pub secret: ExistingArg,
    /// The new name
    #[arg(value_name = "NEW", value_parser = super::args::new_secret_name)]
    pub new_name: String,
}

#[derive(Serialize)]
struct RenameReport {
    id: String,
    name: String,
    previous_name: String,
    environment: String,
    version: i64,
    /// `local`, or the server's URL.
    store: String,
    #[serde(skip)]
    shown: String,
}

impl Report for RenameReport {
    fn human(&self, out: &mut Output) -> io::Result<()> {
        out.status(&format!(
            "renamed secret `{}` to `{}` in `{}` on {}",
            self.previous_name, self.name, self.environment, self.shown
        ));
        Ok(())
    }
}

pub async fn run(args: Args, ctx: &Context, out: &mut Output) -> Result<()> {
    let Args {
        secret: ExistingArg { name },
        new_name,
    } = args;
    let new_name = SecretName::parse(&new_name)?;
    let backend = ctx.backend().await?;
    let renamed = out
        .waiting("saving", backend.rename(ctx.env(), &name, &new_name))
        .await;
    backend.close().await;
    let secret = renamed.map_err(|e| match e {
        // The create's hint (`--allow-existing`, `--force`) is not this command's.
        Error::AlreadyExists { name, env } => Error::Conflict(format!(
            "secret `{name}` already exists in environment `{env}`: choose another name, or \
             rename or delete that secret first"
        )),
        e => e,
    })?;
    out.emit(&RenameReport {
        id: secret.id,
        name: secret.name,
        previous_name: name.to_string(),
        environment: secret.environment,
        version: secret.version,
        store: ctx.store(),
        shown: ctx.store_shown(),
    })
}
