//! The `keep` binary: parse, run, map the error to an exit code.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use keep::error::Error;
use keep::output::{ColorChoice, Output};

fn main() {
    version_fast_path();
    clap_complete::CompleteEnv::with_factory(keep::cli::command).complete();
    let cli = match keep::cli::command_line() {
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

/// `keep --version` alone (or with `--json`) is answered before clap builds the whole command
/// tree, which is most of its cost: scripts call it to check that keep is installed. The text
/// is clap's; the JSON is `{"name", "version"}`.
fn version_fast_path() {
    use std::io::Write;
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    let version = |a: &std::ffi::OsString| a == "--version" || a == "-V";
    let text = match args.as_slice() {
        [a] if version(a) => concat!("keep ", env!("CARGO_PKG_VERSION"), "\n"),
        [a, b] if (version(a) && b == "--json") || (a == "--json" && version(b)) => concat!(
            "{\"name\": \"keep\", \"version\": \"",
            env!("CARGO_PKG_VERSION"),
            "\"}\n"
        ),
        _ => return,
    };
    let code = match std::io::stdout().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => 1,
        _ => 0,
    };
    std::process::exit(code);
}

/// Reports a command line clap refused. A value our own parsers rejected keeps its hint, and
/// with `--json` the error is JSON like every other error; help and version print as usual.
/// Usage lines leave out the options whose values came from environment variables: they are
/// not part of what was typed.
fn parse_error(mut e: clap::Error) -> i32 {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    if e.kind() == ErrorKind::DisplayVersion && json {
        let mut out = Output::new(true, false, ColorChoice::Never, true);
        return match out.emit(&keep::cli::Version::current()) {
            Ok(()) => 0,
            Err(err) => {
                out.error(&err);
                err.exit_code()
            }
        };
    }
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion)
        || e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    {
        e.exit();
    }
    let out = Output::new(json, false, ColorChoice::Auto, true);
    let misread = matches!(
        e.kind(),
        ErrorKind::ValueValidation | ErrorKind::UnknownArgument
    );
    if let Some(err) = misread
        .then(|| keep::cmd::misread::misparsed(&args))
        .flatten()
    {
        out.error(&err);
        return 2;
    }
    if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
        let usage = keep::cli::usage_without_env(&usage.to_string(), &args);
        e.insert(ContextKind::Usage, ContextValue::StyledStr(usage.into()));
    }
    let ours = std::error::Error::source(&e).and_then(|s| s.downcast_ref::<Error>());
    match ours {
        Some(err) => out.error(err),
        None if json => out.error(&Error::Usage(e.render().to_string().trim_end().to_owned())),
        None => e.exit(),
    }
    2
}
