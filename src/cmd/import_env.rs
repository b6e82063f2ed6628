//! `keep import-env`: a secret from variables of the current environment.

use super::args::SecretArg;
use super::common::{self, ConflictArgs, Context};
use crate::error::{Error, Result};
use crate::model::{SecretData, SecretValue, check_key};
use crate::output::Output;

const AFTER_LONG_HELP: &str = "\
Like Modal's `Secret.from_local_environ`: each KEY is read from keep's own environment.

Examples:
  $ keep import-env aws AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY";

/// Create a secret from local environment variables
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP)]
pub struct Args {
    #[command(flatten)]
    pub secret: SecretArg,
    /// Names of the environment variables to store
    #[arg(value_name = "KEY", required = true)]
    pub keys: Vec<String>,
    #[command(flatten)]
    pub conflict: ConflictArgs,
}

pub async fn run(args: Args, ctx: &Context, out: &mut Output) -> Result<()> {
    let Args {
        secret: SecretArg { name },
        keys,
        conflict,
    } = args;
    let mut data = SecretData::new();
    let mut missing = Vec::new();
    for key in &keys {
        check_key(key)?;
        match std::env::var(key) {
            Ok(v) => {
                data.insert(key.clone(), SecretValue::new(v));
            }
            Err(std::env::VarError::NotPresent) => missing.push(key.as_str()),
            Err(std::env::VarError::NotUnicode(_)) => {
                return Err(Error::invalid(format!(
                    "environment variable `{key}` is not valid UTF-8"
                )));
            }
        }
    }
    if !missing.is_empty() {
        return Err(Error::invalid_with_hint(
            format!(
                "environment variable{} not set: {}",
                if missing.len() == 1 { "" } else { "s" },
                missing.join(", ")
            ),
            "export them first, or create the secret with `keep create NAME KEY=-`",
        ));
    }
    common::write_secret(ctx, out, &name, &data, &conflict).await
}
