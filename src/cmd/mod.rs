//! The subcommand table: one file per subcommand, each with its `Args` and `run`.

pub mod admin_token;
mod args;
pub mod audit;
mod common;
pub mod completions;
pub mod copy;
pub mod create;
pub mod dashboard;
pub mod delete;
pub mod diff;
pub mod edit;
pub mod environment;
pub mod export;
mod export_format;
pub mod history;
pub mod import_dotenv;
pub mod import_env;
mod input;
pub mod list;
pub mod login;
pub mod misread;
pub mod profile;
pub mod rename;
pub mod rollback;
pub mod rotate_key;
pub mod run;
pub mod serve;
pub mod show;
pub mod status;
mod target;
pub mod token;
pub mod update;

pub use common::Context;
pub use target::Resolved;

use crate::error::Result;
use crate::output::Output;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    Create(create::Args),
    List(list::Args),
    Show(show::Args),
    Update(update::Args),
    Edit(edit::Args),
    Delete(delete::Args),
    History(history::Args),
    Diff(diff::Args),
    Rollback(rollback::Args),
    Rename(rename::Args),
    Copy(copy::Args),
    Environment(environment::Args),
    ImportDotenv(import_dotenv::Args),
    ImportEnv(import_env::Args),
    Run(run::Args),
    Export(export::Args),
    Login(login::Args),
    Logout(profile::LogoutArgs),
    Profile(profile::Args),
    Status(status::Args),
    Serve(serve::Args),
    Dashboard(dashboard::Args),
    Token(token::Args),
    Audit(audit::Args),
    Completions(completions::Args),
}

impl Command {
    /// `keep serve` needs a multi-threaded runtime; every other command runs on one thread.
    pub fn is_server(&self) -> bool {
        matches!(self, Command::Serve(_) | Command::Dashboard(_))
    }

    /// Commands that talk to a server whatever the target is (`keep login` checks a token).
    pub fn is_network(&self) -> bool {
        matches!(self, Command::Login(_))
    }

    /// Whether `--env` may be given several times (the scope of a new token).
    pub fn takes_many_envs(&self) -> bool {
        matches!(self, Command::Token(a) if a.takes_many_envs())
    }

    pub async fn run(self, ctx: &Context, out: &mut Output) -> Result<()> {
        match self {
            Command::Create(a) => create::run(a, ctx, out).await,
            Command::List(a) => list::run(a, ctx, out).await,
            Command::Show(a) => show::run(a, ctx, out).await,
            Command::Update(a) => update::run(a, ctx, out).await,
            Command::Edit(a) => edit::run(a, ctx, out).await,
            Command::Delete(a) => delete::run(a, ctx, out).await,
            Command::History(a) => history::run(a, ctx, out).await,
            Command::Diff(a) => diff::run(a, ctx, out).await,
            Command::Rollback(a) => rollback::run(a, ctx, out).await,
            Command::Rename(a) => rename::run(a, ctx, out).await,
            Command::Copy(a) => copy::run(a, ctx, out).await,
            Command::Environment(a) => environment::run(a, ctx, out).await,
            Command::ImportDotenv(a) => import_dotenv::run(a, ctx, out).await,
            Command::ImportEnv(a) => import_env::run(a, ctx, out).await,
            Command::Run(a) => run::run(a, ctx, out).await,
            Command::Export(a) => export::run(a, ctx, out).await,
            Command::Login(a) => login::run(a, ctx, out).await,
            Command::Logout(a) => profile::logout(a, ctx, out),
            Command::Profile(a) => profile::run(a, ctx, out),
            Command::Status(a) => status::run(a, ctx, out).await,
            Command::Serve(a) => serve::run(a, ctx, out).await,
            Command::Dashboard(a) => dashboard::run(a, ctx, out).await,
            Command::Token(a) => token::run(a, ctx, out).await,
            Command::Audit(a) => audit::run(a, ctx, out).await,
            Command::Completions(a) => completions::run(a, out),
        }
    }
}
