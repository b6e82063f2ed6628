//! `keep profile list|use|remove` and `keep logout`: the profiles `keep login` saved.

use std::io;

use serde::Serialize;

use super::common::Context;
use super::target::{Source, no_such_profile};
use crate::config::{self, Config};
use crate::error::{Error, Result};
use crate::output::{Output, Report};

const AFTER_LONG_HELP: &str = "\
A profile is a server, a token for it and how to trust it, saved by `keep login` in \
$XDG_CONFIG_HOME/keep/config.toml (~/.config/keep/config.toml). The active profile is where \
commands go when neither --server nor KEEP_SERVER says otherwise; --profile NAME or \
KEEP_PROFILE picks another for one command. Tokens are never shown.

Examples:
  $ keep profile list
  $ keep profile use staging
  $ keep --profile prod list
  $ keep profile remove old";

/// Manage the profiles `keep login` saved
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    List(ListArgs),
    Use(UseArgs),
    Remove(LogoutArgs),
}

/// List profiles: which is active, their servers and token names (never the tokens)
#[derive(Debug, clap::Args)]
pub struct ListArgs {}

/// Make a profile the active one
#[derive(Debug, clap::Args)]
pub struct UseArgs {
    /// Name of the profile
    pub name: String,
}

/// Remove a profile and its token from this machine
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
The token stays valid on the server: an admin revokes it with `keep token revoke NAME`.
Without NAME, the profile --profile (or KEEP_PROFILE) names, else the active one.

Examples:
  $ keep logout
  $ keep profile remove old")]
pub struct LogoutArgs {
    /// Name of the profile [default: the active one]
    pub name: Option<String>,
}

/// One profile, as `keep profile list` shows it.
#[derive(Serialize)]
struct Row {
    name: String,
    active: bool,
    server: String,
    token_name: Option<String>,
    environment: Option<String>,
}

#[derive(Serialize)]
#[serde(transparent)]
struct ProfileList(Vec<Row>);

impl Report for ProfileList {
    fn human(&self, out: &mut Output) -> io::Result<()> {
        if self.0.is_empty() {
            out.status("no profiles: `keep login --server URL` saves one");
            return Ok(());
        }
        let rows: Vec<Vec<String>> = self
            .0
            .iter()
            .map(|p| {
                vec![
                    if p.active { "*" } else { "" }.to_owned(),
                    p.name.clone(),
                    p.server.clone(),
                    p.token_name.clone().unwrap_or_else(|| "-".into()),
                    p.environment.clone().unwrap_or_else(|| "-".into()),
                ]
            })
            .collect();
        out.table(&["", "NAME", "SERVER", "TOKEN NAME", "ENVIRONMENT"], &rows)
    }
}

/// What `use` and `remove` did.
#[derive(Serialize)]
struct Changed {
    name: String,
    active: bool,
    removed: bool,
    #[serde(skip)]
    message: String,
}

impl Report for Changed {
    fn human(&self, out: &mut Output) -> io::Result<()> {
        out.status(&self.message);
        Ok(())
    }
}

fn load(ctx: &Context) -> Result<Config> {
    match &ctx.resolved.config_path {
        Some(p) => Config::load(p),
        None => Config::load(&config::default_path()?),
    }
}

pub fn run(args: Args, ctx: &Context, out: &mut Output) -> Result<()> {
    let Args { action } = args;
    match action {
        Action::List(ListArgs {}) => list(ctx, out),
        Action::Use(UseArgs { name }) => use_profile(&name, ctx, out),
        Action::Remove(a) => logout(a, ctx, out),
    }
}

fn list(ctx: &Context, out: &mut Output) -> Result<()> {
    let config = load(ctx)?;
    let active = config.active()?;
    let rows = config
        .profiles()?
        .into_iter()
        .map(|p| Row {
            active: active.as_deref() == Some(p.name.as_str()),
            name: p.name,
            server: p.server,
            token_name: p.token_name,
            environment: p.environment.map(|e| e.to_string()),
        })
        .collect();
    out.emit(&ProfileList(rows))
}

fn use_profile(name: &str, ctx: &Context, out: &mut Output) -> Result<()> {
    let mut config = load(ctx)?;
    let profile = config
        .profile(name)?
        .ok_or_else(|| no_such_profile(&config, name, Source::Flag))?;
    config.set_active(Some(name));
    config.save()?;
    out.emit(&Changed {
        name: name.to_owned(),
        active: true,
        removed: false,
        message: format!(
            "profile `{name}` is now the active one: commands go to {}",
            profile.server
        ),
    })
}

/// `keep logout` and `keep profile remove`.
pub fn logout(args: LogoutArgs, ctx: &Context, out: &mut Output) -> Result<()> {
    let LogoutArgs { name } = args;
    let mut config = load(ctx)?;
    let name = match name.or_else(|| ctx.globals.profile.clone()) {
        Some(n) => n,
        None => config.active()?.ok_or_else(|| {
            Error::invalid_with_hint(
                "no profile is active, so there is none to remove",
                "name one: `keep profile remove NAME` (`keep profile list` shows them)",
            )
        })?,
    };
    let profile = config
        .profile(&name)?
        .ok_or_else(|| no_such_profile(&config, &name, Source::Flag))?;
    config.remove_profile(&name);
    config.save()?;
    let who = profile
        .token_name
        .map(|t| format!(" (token `{t}`)"))
        .unwrap_or_default();
    out.emit(&Changed {
        name: name.clone(),
        active: false,
        removed: true,
        message: format!(
            "removed profile `{name}` of {}{who} from this machine; the token stays valid on the server until an admin revokes it",
            profile.server
        ),
    })
}
