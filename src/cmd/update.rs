//! `keep update`: merges variables into an existing secret and removes others.

use std::io;

use serde::Serialize;

use super::args::ExistingArg;
use super::common::{Context, ValueArgs};
use crate::error::{Error, Result};
use crate::model::{UpdateOutcome, check_key};
use crate::output::{Output, Report};

const AFTER_LONG_HELP: &str = "\
Like Modal's `Secret.update`: keys given are added or replaced, keys passed to --unset are \
removed, and every other key keeps its value. Concurrent updates of one secret never lose \
each other's changes. The secret must exist (exit code 3 otherwise). Every update makes a new \
version; `keep history` lists them and `keep rollback` restores one. With --if-version N the \
update is made only if no other write came since version N (exit code 4 otherwise), as \
Vault's `-cas` does.

Values given as KEY=VALUE end up in your shell history and, while keep runs, in the process \
list. Use KEY=- (a hidden prompt on a terminal, stdin otherwise), or read them from files \
with --from-file KEY=PATH, --from-dotenv or --from-json (`-` is stdin). Later sources \
override earlier ones: pairs, then --from-file, then --from-dotenv, then --from-json.

Examples:
  $ keep update db PASSWORD=-
  $ keep update db --from-file CA_CERT=ca.pem --unset OLD_PASSWORD
  $ sops -d .env.enc | keep update app --from-dotenv -
  $ keep update app --from-json <(vault kv get -format=json -field=data secret/app)
  $ keep update db PASSWORD=- --if-version \"$(keep show db --json | jq .version)\"";

/// Add, change or remove variables of an existing secret
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP)]
pub struct Args {
    #[command(flatten)]
    pub secret: ExistingArg,
    #[command(flatten)]
    pub values: ValueArgs,
    /// Remove KEY from the secret (repeatable)
    #[arg(long, value_name = "KEY")]
    pub unset: Vec<String>,
    /// Update only if the secret is still at version N (from `keep show NAME --json`);
    /// otherwise fail with exit code 4 (`version_conflict`), naming the current version
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(1..))]
    pub if_version: Option<i64>,
}

/// The JSON of `update`.
#[derive(Serialize)]
struct UpdateReport {
    id: String,
    name: String,
    environment: String,
    keys: Vec<String>,
    /// Keys that were set (added or changed).
    set: Vec<String>,
    /// Keys that were removed.
    unset: Vec<String>,
    /// The version this update made.
    version: i64,
    /// `local`, or the server's URL.
    store: String,
    #[serde(skip)]
    shown: String,
}

impl Report for UpdateReport {
    fn human(&self, out: &mut Output) -> io::Result<()> {
        out.status(&format!(
            "updated secret `{}` in `{}` on {} to version {}: {} set, {} removed, {} keys in all",
            self.name,
            self.environment,
            self.shown,
            self.version,
            self.set.len(),
            self.unset.len(),
            self.keys.len()
        ));
        Ok(())
    }
}

pub async fn run(args: Args, ctx: &Context, out: &mut Output) -> Result<()> {
    let Args {
        secret: ExistingArg { name },
        values,
        unset,
        if_version,
    } = args;
    if values.is_empty() && unset.is_empty() {
        return Err(Error::invalid_with_hint(
            "nothing to update",
            "pass `KEY=VALUE`, `KEY=-`, `--from-file KEY=PATH`, `--from-dotenv PATH`, \
             `--from-json PATH` or `--unset KEY`",
        ));
    }
    for key in &unset {
        check_key(key)?;
    }
    let set = values.read(out)?;
    if set.is_empty() && unset.is_empty() {
        // `sops -d .env.enc | keep update app --from-dotenv -` whose first command failed.
        return Err(Error::invalid_with_hint(
            "nothing to update: the files given hold no variables",
            "check the --from-dotenv / --from-json input (an empty stdin?)",
        ));
    }
    let backend = ctx.backend().await?;
    let outcome = out
        .waiting(
            "saving",
            backend.update(ctx.env(), &name, &set, &unset, if_version),
        )
        .await;
    backend.close().await;
    let UpdateOutcome { secret, removed } = outcome?;
    for key in unset.iter().filter(|k| !removed.contains(k)) {
        out.warn(&format!(
            "`{key}` was not set in `{name}`; nothing to remove"
        ));
    }
    out.emit(&UpdateReport {
        id: secret.id,
        name: secret.name,
        environment: secret.environment,
        keys: secret.keys,
        set: set.into_keys().collect(),
        unset: removed,
        version: secret.version,
        store: ctx.store(),
        shown: ctx.store_shown(),
    })
}
