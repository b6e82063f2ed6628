//! The `keep` binary: parse, run, map the error to an exit code.

use clap::{CommandFactory, Parser};
use keep::cli::Cli;
use keep::output::Output;

fn main() {
    clap_complete::CompleteEnv::with_factory(Cli::command).complete();
    let cli = Cli::parse();
    let g = &cli.globals;
    let mut out = Output::new(g.json, g.quiet, g.color, g.no_input);
    let code = match keep::run(cli, &mut out) {
        Ok(()) => 0,
        Err(e) => {
            out.error(&e);
            e.exit_code()
        }
    };
    std::process::exit(code);
}
