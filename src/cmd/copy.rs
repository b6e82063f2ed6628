//! `keep copy`: a new secret, in another environment or under another name, whose first
//! version holds the same values.

use std::io;

use serde::Serialize;

use super::args::ExistingArg;
use super::common::{Context, WriteReport};
use crate::error::{Error, Result};
use crate::model::{EnvName, SecretName};
use crate::output::{Output, Report};

const AFTER_LONG_HELP: &str = "\
Copies the current values of a secret to a new secret in the environment --to-env (which must \
exist), under the same name or the name --as. The copy is a secret of its own: a new id, and a \
history that starts with these values. A secret of that name in the target environment is an \
error (exit code 4) unless --force replaces its values (as a new version of it). On a server \
the token needs read access to the source environment and write access to the target.

Examples:
  $ keep copy db --to-env staging
  $ keep copy db --to-env staging --as db-from-main --force";

/// Copy a secret to another environment or name
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP)]
pub struct Args {
    #[command(flatten)]
    pub secret: ExistingArg,
    /// The environment to copy to [default: the secret's own, with --as]
    #[arg(long, value_name = "ENV", value_parser = EnvName::parse,
          add = clap_complete::ArgValueCandidates::new(crate::complete::environment_names))]
    pub to_env: Option<EnvName>,
    /// The copy's name [default: the same name]
    #[arg(long = "as", value_name = "NEW", value_parser = super::args::new_secret_name)]
    pub as_name: Option<String>,
    /// Replace the values of a secret of that name in the target environment
    #[arg(long)]
    pub force: bool,
}

#[derive(Serialize)]
struct CopyReport {
    #[serde(flatten)]
    write: WriteReport,
    /// The secret copied: `ENV/NAME`.
    from: String,
}

impl Report for CopyReport {
    fn human(&self, out: &mut Output) -> io::Result<()> {
        let w = &self.write;
        let what = if w.replaced { "replaced" } else { "created" };
        out.status(&format!(
            "copied `{}` to `{}` in `{}` on {} ({what}, version {})",
            self.from, w.name, w.environment, w.shown, w.version
        ));
        Ok(())
    }
}

pub async fn run(args: Args, ctx: &Context, out: &mut Output) -> Result<()> {
    let Args {
        secret: ExistingArg { name },
        to_env,
        as_name,
        force,
    } = args;
    if to_env.is_none() && as_name.is_none() {
        return Err(Error::invalid_with_hint(
            "nowhere to copy to",
            "pass `--to-env ENV`, `--as NEW`, or both",
        ));
    }
    let as_name = as_name.as_deref().map(SecretName::parse).transpose()?;
    let env = ctx.env();
    let to_env = to_env.unwrap_or_else(|| env.clone());
    let backend = ctx.backend().await?;
    let copied = out
        .waiting(
            "saving",
            backend.copy(env, &name, &to_env, as_name.as_ref(), force),
        )
        .await;
    backend.close().await;
    let copied = copied.map_err(|e| match e {
        // The create's hint names `--allow-existing`, which a copy does not take.
        Error::AlreadyExists { name, env } => Error::Conflict(format!(
            "secret `{name}` already exists in environment `{env}`: pass `--force` to replace \
             its values, or `--as NEW` for another name"
        )),
        e => e,
    })?;
    out.emit(&CopyReport {
        write: WriteReport::new(copied, ctx),
        from: format!("{env}/{name}"),
    })
}
