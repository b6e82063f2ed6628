//! `keep environment` (`keep env`): list, create and delete environments.

use std::io;

use clap_complete::ArgValueCandidates;
use serde::Serialize;

use super::common::Context;
use crate::error::{Error, Result};
use crate::model::EnvName;
use crate::output::{Output, Report};

const AFTER_LONG_HELP: &str = "\
Every secret lives in an environment (`-e`/`--env`, KEEP_ENV, the profile's, or `main`). \
`main` always exists; other environments are created with `keep environment create` before \
secrets go in them, and using one that does not exist, to read or to write, is exit 3 with \
the names close to it.

On a server, creating and deleting environments needs an admin token; a token limited to \
environments lists only those.

`delete` refuses an environment that holds secrets (exit 2) unless --force, which deletes \
them with it; on a terminal it asks first (--yes does not ask). `main` cannot be deleted.

Examples:
  $ keep environment create staging
  $ keep env list
  $ keep env delete staging --force --yes";

/// Manage environments: list, create, delete
#[derive(Debug, clap::Args)]
#[command(visible_alias = "env", after_long_help = AFTER_LONG_HELP)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    List(ListArgs),
    Create(CreateArgs),
    Delete(DeleteArgs),
}

/// List environments, sorted
#[derive(Debug, clap::Args)]
pub struct ListArgs {}

/// Create an environment
#[derive(Debug, clap::Args)]
pub struct CreateArgs {
    /// Name of the environment
    #[arg(value_name = "NAME", value_parser = EnvName::parse)]
    pub name: EnvName,
}

/// Delete an environment (with its secrets only with --force)
#[derive(Debug, clap::Args)]
pub struct DeleteArgs {
    /// Name of the environment
    #[arg(
        value_name = "NAME",
        value_parser = EnvName::parse,
        add = ArgValueCandidates::new(crate::complete::environment_names)
    )]
    pub name: EnvName,
    /// Delete it even if it holds secrets, and them with it (irreversible)
    #[arg(long)]
    pub force: bool,
    /// Do not ask for confirmation
    #[arg(short = 'y', long)]
    pub yes: bool,
}

/// One environment in `keep environment list --json`.
#[derive(Serialize)]
struct EnvironmentItem {
    name: String,
}

#[derive(Serialize)]
#[serde(transparent)]
struct ListReport(Vec<EnvironmentItem>);

impl Report for ListReport {
    fn human(&self, out: &mut Output) -> io::Result<()> {
        let rows: Vec<Vec<String>> = self.0.iter().map(|e| vec![e.name.clone()]).collect();
        out.table(&["NAME"], &rows)
    }
}

#[derive(Serialize)]
struct ChangeReport {
    name: String,
    created: bool,
    deleted: bool,
    secrets_deleted: i64,
    /// `local`, or the server's URL.
    store: String,
    #[serde(skip)]
    shown: String,
}

impl Report for ChangeReport {
    fn human(&self, out: &mut Output) -> io::Result<()> {
        if self.created {
            out.status(&format!(
                "created environment `{}` on {}",
                self.name, self.shown
            ));
        } else {
            let with = match self.secrets_deleted {
                0 => String::new(),
                1 => " and its secret".to_owned(),
                n => format!(" and its {n} secrets"),
            };
            out.status(&format!(
                "deleted environment `{}`{with} on {}",
                self.name, self.shown
            ));
        }
        Ok(())
    }
}

pub async fn run(args: Args, ctx: &Context, out: &mut Output) -> Result<()> {
    let Args { action } = args;
    match action {
        Action::List(ListArgs {}) => {
            let backend = ctx.backend().await?;
            let listed = out.waiting("listing", backend.environments()).await;
            backend.close().await;
            let names = listed?;
            out.emit(&ListReport(
                names
                    .into_iter()
                    .map(|name| EnvironmentItem { name })
                    .collect(),
            ))
        }
        Action::Create(CreateArgs { name }) => {
            let backend = ctx.backend_for_write(out).await?;
            let created = out
                .waiting("creating", backend.create_environment(&name))
                .await;
            backend.close().await;
            created?;
            out.emit(&change(ctx, &name, true, 0))
        }
        Action::Delete(args) => delete(args, ctx, out).await,
    }
}

fn change(ctx: &Context, name: &EnvName, created: bool, secrets_deleted: i64) -> ChangeReport {
    ChangeReport {
        name: name.to_string(),
        created,
        deleted: !created,
        secrets_deleted,
        store: ctx.store(),
        shown: ctx.store_shown(),
    }
}

async fn delete(args: DeleteArgs, ctx: &Context, out: &mut Output) -> Result<()> {
    let DeleteArgs { name, force, yes } = args;
    let backend = ctx.backend().await?;
    let result = async {
        // Only a delete that takes secrets with it is asked about, and only on a terminal:
        // without --force such a delete is refused anyway.
        if force && !yes && out.can_prompt() {
            let n = out
                .waiting("reading", backend.count_secrets(&name, 1000))
                .await?;
            if n > 0 {
                let count = if n >= 1000 {
                    "1000 or more secrets".to_owned()
                } else if n == 1 {
                    "1 secret".to_owned()
                } else {
                    format!("{n} secrets")
                };
                let question =
                    format!("Delete environment `{name}` and its {count}? This cannot be undone");
                if !out.confirm(&question)? {
                    return Err(Error::invalid(
                        "not deleted: the deletion was not confirmed",
                    ));
                }
            }
        }
        out.waiting("deleting", backend.delete_environment(&name, force))
            .await
    }
    .await;
    backend.close().await;
    let secrets_deleted = result?;
    out.emit(&change(ctx, &name, false, secrets_deleted))
}
