//! `keep token`: issue, list and revoke the API tokens of a `keep serve` (admin token needed).

use std::io;

use serde::Serialize;

use super::common::Context;
use crate::error::Result;
use crate::model::{IssuedToken, Scope, TokenInfo, TokenName, TokenStatus};
use crate::output::{Output, Report};

const AFTER_LONG_HELP: &str = "\
Tokens belong to a `keep serve`: set KEEP_SERVER (or --server) and an admin token in \
KEEP_TOKEN. A new token is printed once, on stdout; only a keyed hash of it is stored. \
Tokens start with `keep_` so that secret scanners can recognise a leaked one.

A token may be limited to environments (`-e`/`--env`, repeatable; KEEP_ENV counts too) and \
to reading (`--read-only`). A token used outside its environments gets 403; a read-only token \
that tries to create, update or delete gets 403.

Examples:
  $ keep token create ci-deploy -e staging --read-only --expires-in 90d
  $ keep token list
  $ keep token revoke ci-deploy";

/// Manage the API tokens of a keep server (admin)
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    Create(CreateArgs),
    List(ListArgs),
    Revoke(RevokeArgs),
}

/// Create a token and print it (once)
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP)]
pub struct CreateArgs {
    /// Name of the token: `created_by` of what it writes, and its name in the audit log
    #[arg(value_parser = TokenName::parse)]
    pub name: TokenName,
    /// Only read secrets: no create, update or delete
    #[arg(long, conflicts_with = "admin")]
    pub read_only: bool,
    /// An admin token: manages tokens, reads the audit log, rotates keys
    #[arg(long)]
    pub admin: bool,
    /// Expire after SPAN (such as 30d, 12h, 2w) [default: never]
    #[arg(long, value_name = "SPAN")]
    pub expires_in: Option<String>,
}

/// List tokens: names, scopes and states, never the tokens themselves
#[derive(Debug, clap::Args)]
pub struct ListArgs {}

/// Revoke a token for good
#[derive(Debug, clap::Args)]
pub struct RevokeArgs {
    /// Name of the token
    #[arg(value_parser = TokenName::parse)]
    pub name: TokenName,
}

impl Args {
    /// `token create` is the one command that takes `--env` several times.
    pub fn takes_many_envs(&self) -> bool {
        matches!(self.action, Action::Create(_))
    }
}

fn scope_text(t: &TokenInfo) -> String {
    super::common::scope_text(&Scope {
        admin: t.admin,
        environments: t.environments.clone(),
        read_only: t.read_only,
    })
}

impl Report for IssuedToken {
    fn human(&self, out: &mut Output) -> io::Result<()> {
        out.status(&format!(
            "created token `{}` ({}); it is shown once, store it now:",
            self.info.name,
            scope_text(&self.info)
        ));
        out.write_stdout(&format!("{}\n", self.token.expose()))
    }
}

#[derive(Serialize)]
#[serde(transparent)]
struct TokenList(Vec<TokenInfo>);

impl Report for TokenList {
    fn human(&self, out: &mut Output) -> io::Result<()> {
        let rows: Vec<Vec<String>> = self
            .0
            .iter()
            .map(|t| {
                let status = match t.status {
                    TokenStatus::Active => "active",
                    TokenStatus::Expired => "expired",
                    TokenStatus::Revoked => "revoked",
                };
                vec![
                    t.name.clone(),
                    scope_text(t),
                    status.to_owned(),
                    out.time(Some(t.created_at)),
                    t.created_by.clone(),
                    out.time(t.expires_at),
                ]
            })
            .collect();
        out.table(
            &[
                "NAME",
                "SCOPE",
                "STATUS",
                "CREATED AT",
                "CREATED BY",
                "EXPIRES AT",
            ],
            &rows,
        )
    }
}

#[derive(Serialize)]
struct Revoked {
    name: String,
    revoked: bool,
}

impl Report for Revoked {
    fn human(&self, out: &mut Output) -> io::Result<()> {
        out.status(&format!("revoked token `{}`", self.name));
        Ok(())
    }
}

pub async fn run(args: Args, ctx: &Context, out: &mut Output) -> Result<()> {
    let Args { action } = args;
    let client = ctx.server("tokens")?;
    match action {
        Action::Create(CreateArgs {
            name,
            read_only,
            admin,
            expires_in,
        }) => {
            let envs = &ctx.globals.env;
            let scope = Scope {
                admin,
                environments: (!envs.is_empty())
                    .then(|| envs.iter().map(ToString::to_string).collect()),
                read_only,
            };
            if let Some(span) = &expires_in {
                crate::model::parse_span(span)?;
            }
            let issued = out
                .waiting(
                    "creating",
                    client.create_token(&name, &scope, expires_in.as_deref()),
                )
                .await?;
            out.emit(&issued)
        }
        Action::List(ListArgs {}) => {
            let tokens = out.waiting("listing", client.list_tokens()).await?;
            out.emit(&TokenList(tokens))
        }
        Action::Revoke(RevokeArgs { name }) => {
            out.waiting("revoking", client.revoke_token(&name)).await?;
            out.emit(&Revoked {
                name: name.to_string(),
                revoked: true,
            })
        }
    }
}
