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
pub mod config;
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

/// Runs a parsed command line to completion. Where it goes (flags, environment, profile, or
/// the embedded store) is resolved once, first. A command on the embedded store runs on this
/// thread with no async runtime at all (SQLite is called synchronously, so its futures never
/// wait); one that talks to a server, from whichever source, gets a runtime for its HTTP
/// client, and `keep serve` a multi-threaded one.
pub fn run(cli: Cli, out: &mut Output) -> Result<()> {
    let Cli { globals, command } = cli;
    let server = command.is_server();
    let ctx = Context::new(globals, command.takes_many_envs())?;
    let remote = server || command.is_network() || ctx.is_remote();
    if !remote {
        return block_on(command.run(&ctx, out));
    }
    let runtime = if server {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
    } else {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    }
    .map_err(|e| Error::io("cannot start the async runtime", e))?;
    runtime.block_on(command.run(&ctx, out))
}

/// Drives a future to completion on this thread, for work that never waits on I/O (the
/// embedded store): it is ready at the first poll, or after a few when a lock it takes is
/// contended (then this thread yields in between).
pub fn block_on<F: std::future::Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
        std::thread::yield_now();
    }
}
