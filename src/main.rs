//! The `keep` binary: parse, run, map the error to an exit code.

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser};
use keep::cli::Cli;
use keep::error::Error;
use keep::output::{ColorChoice, Output};

fn main() {
    version_fast_path();
    clap_complete::CompleteEnv::with_factory(Cli::command).complete();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => std::process::exit(parse_error(e)),
    };
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

/// `keep --version` alone is answered before clap builds the whole command tree, which is
/// most of its cost: scripts call it to check that keep is installed. The text is clap's.
fn version_fast_path() {
    use std::io::Write;
    let mut args = std::env::args_os().skip(1);
    if let (Some(a), None) = (args.next(), args.next()) {
        if a == "--version" || a == "-V" {
            let line = concat!("keep ", env!("CARGO_PKG_VERSION"), "\n");
            let code = match std::io::stdout().write_all(line.as_bytes()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => 1,
                _ => 0,
            };
            std::process::exit(code);
        }
    }
}

/// Reports a command line clap refused. A value our own parsers rejected keeps its hint, and
/// with `--json` the error is JSON like every other error; help and version print as usual.
fn parse_error(e: clap::Error) -> i32 {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion)
        || e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    {
        e.exit();
    }
    let json = std::env::args_os().any(|a| a == "--json");
    let out = Output::new(json, false, ColorChoice::Auto, true);
    let ours = std::error::Error::source(&e).and_then(|s| s.downcast_ref::<Error>());
    match ours {
        Some(err) => out.error(err),
        None if json => out.error(&Error::Usage(e.render().to_string().trim_end().to_owned())),
        None => e.exit(),
    }
    2
}
