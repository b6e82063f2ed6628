//! keep: a secrets manager for the command line.
//!
//! Data flows one way: parse (`cli`) -> resolve (`cmd::Context`) -> execute (`cmd`, over
//! `backend` -> `service` or `client`) -> render (`output`).

pub mod api;
pub mod backend;
pub mod cli;
pub mod client;
pub mod cmd;
pub mod complete;
pub mod crypto;
pub mod db;
pub mod dotenv;
pub mod error;
pub mod fs;
pub mod generate;
pub mod model;
pub mod output;
pub mod server;
pub mod service;

use cli::Cli;
use cmd::Context;
use error::{Error, Result};
use output::Output;

/// Runs a parsed command line to completion.
pub fn run(cli: Cli, out: &mut Output) -> Result<()> {
    let Cli { globals, command } = cli;
    let runtime = if command.is_server() {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
    } else {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    }
    .map_err(|e| Error::io("cannot start the async runtime", e))?;
    let ctx = Context::new(globals, command.takes_many_envs())?;
    runtime.block_on(command.run(&ctx, out))
}
