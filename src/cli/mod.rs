//! The command line: global options and the subcommand table (the help's tables in `help`).
//! Parsing only, no logic.

mod help;

use std::path::PathBuf;

use clap::{Args, Parser};
use clap_complete::ArgValueCandidates;

use self::help::LONG_ABOUT;
pub use self::help::{
    ABOUT, ENVIRONMENT, EXAMPLES, EXIT_CODES, FILES, PRECEDENCE, after_long_help,
};
use crate::cmd::Command;
use crate::model::EnvName;
use crate::output::ColorChoice;

#[derive(Debug, Parser)]
#[command(
    name = "keep",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_long_help = after_long_help(),
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub globals: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every subcommand takes. Values from the environment are never shown in help or
/// usage lines (they may name private hosts).
#[derive(Clone, Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Use the `keep serve` at URL instead of the profile's server or the local store
    #[arg(
        long,
        global = true,
        env = "KEEP_SERVER",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub server: Option<String>,

    /// Use the saved profile NAME instead of the active one
    #[arg(
        long,
        global = true,
        env = "KEEP_PROFILE",
        hide_env_values = true,
        value_name = "NAME"
    )]
    pub profile: Option<String>,

    /// Trust the CA certificates in this PEM file for an `https://` server, besides the system's
    #[arg(
        long,
        global = true,
        env = "KEEP_CA_CERT",
        hide_env_values = true,
        value_name = "PEM"
    )]
    pub ca_cert: Option<PathBuf>,

    /// Seconds to wait for the server's answer [default: the profile's, else 10]
    #[arg(
        long,
        global = true,
        env = "KEEP_TIMEOUT",
        hide_env_values = true,
        value_name = "SECS",
        value_parser = clap::value_parser!(u64).range(1..=3600)
    )]
    pub timeout: Option<u64>,

    /// Environment the secrets live in [default: the profile's, else main]; `keep token create`
    /// takes it several times, for a token limited to those environments
    #[arg(
        short = 'e',
        long = "env",
        global = true,
        env = "KEEP_ENV",
        hide_env_values = true,
        value_name = "NAME",
        action = clap::ArgAction::Append,
        value_parser = EnvName::parse,
        add = ArgValueCandidates::new(crate::complete::environment_names)
    )]
    pub env: Vec<EnvName>,

    /// Directory of the local store [default: ~/.local/share/keep]
    #[arg(
        long,
        global = true,
        env = "KEEP_HOME",
        hide_env_values = true,
        value_name = "DIR"
    )]
    pub home: Option<PathBuf>,

    /// Print one JSON document on stdout (errors as JSON on stderr)
    #[arg(long, global = true)]
    pub json: bool,

    /// Print no messages, only data
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// When to use colors
    #[arg(long, global = true, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Never prompt; fail instead, naming the flag to pass
    #[arg(long, global = true)]
    pub no_input: bool,

    /// The ids of the options above whose values came from environment variables, not flags
    /// (filled in from clap's matches by [`command_line`]).
    #[arg(skip)]
    pub from_env: Vec<String>,
}

/// Global options that mean nothing to `keep serve` itself (its subcommands that talk to a
/// server take them): left out of its help.
const NOT_FOR_SERVE: &[&str] = &[
    "server", "profile", "ca_cert", "timeout", "env", "home", "json", "no_input",
];

/// The command line's definition: `Cli`'s, with the global options that do not apply to
/// `keep serve` hidden from its help. Everything that parses or documents the command line
/// uses this.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let cmd = Cli::command();
    // clap copies a global option into each subcommand that has none of that id when it
    // builds the command: `serve` gets hidden copies (which `admin-token` inherits), and
    // `rotate-key`, which talks to a server, visible ones of its own.
    let globals: Vec<clap::Arg> = cmd
        .get_arguments()
        .filter(|a| NOT_FOR_SERVE.contains(&a.get_id().as_str()))
        .cloned()
        .collect();
    cmd.mut_subcommand("serve", |serve| {
        let serve = serve.mut_subcommand("rotate-key", |rotate| {
            globals.iter().fold(rotate, |c, a| c.arg(a.clone()))
        });
        globals
            .iter()
            .fold(serve, |c, a| c.arg(a.clone().hide(true)))
    })
}

/// Parses the command line, recording which global options came from the environment.
pub fn command_line() -> Result<Cli, clap::Error> {
    use clap::FromArgMatches;
    let matches = command().try_get_matches()?;
    let mut cli = Cli::from_arg_matches(&matches)?;
    cli.globals.from_env = from_env(&matches);
    Ok(cli)
}

/// `keep --json --version`.
#[derive(Debug, serde::Serialize)]
pub struct Version {
    pub name: &'static str,
    pub version: &'static str,
}

impl Version {
    pub fn current() -> Self {
        Self {
            name: "keep",
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

impl crate::output::Report for Version {
    fn human(&self, out: &mut crate::output::Output) -> std::io::Result<()> {
        out.write_stdout(&format!("{} {}\n", self.name, self.version))
    }
}

/// A usage line of a clap error without the options whose values came from environment
/// variables rather than from `args` (clap lists every option that has a value).
pub fn usage_without_env(usage: &str, args: &[String]) -> String {
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![command()];
    let mut usage = usage.to_owned();
    while let Some(cmd) = stack.pop() {
        for arg in cmd.get_arguments() {
            let (Some(var), Some(long)) = (arg.get_env(), arg.get_long()) else {
                continue;
            };
            if !seen.insert(long.to_owned()) {
                continue;
            }
            let set = std::env::var_os(var).is_some_and(|v| !v.is_empty());
            let short = arg.get_short().map(|c| format!("-{c}"));
            let typed = args.iter().any(|a| {
                a == &format!("--{long}")
                    || a.starts_with(&format!("--{long}="))
                    || short.as_deref().is_some_and(|s| a.starts_with(s))
            });
            if !set || typed {
                continue;
            }
            let names = arg.get_value_names().unwrap_or_default();
            let value: Vec<String> = names.iter().map(|n| format!("<{n}>")).collect();
            let shown = format!(" --{long} {}", value.join(" "));
            usage = usage.replace(&shown, "");
        }
        stack.extend(cmd.get_subcommands().cloned());
    }
    usage
}

/// The global options whose values came from environment variables.
fn from_env(matches: &clap::ArgMatches) -> Vec<String> {
    ["server", "profile", "ca_cert", "timeout", "env", "home"]
        .iter()
        .filter(|id| matches.value_source(id) == Some(clap::parser::ValueSource::EnvVariable))
        .map(|id| (*id).to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
        command().debug_assert();
    }

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        use clap::FromArgMatches;
        let m =
            command().try_get_matches_from(std::iter::once("keep").chain(args.iter().copied()))?;
        Cli::from_arg_matches(&m)
    }

    fn help(args: &[&str]) -> String {
        let e = parse(args).expect_err("help");
        assert_eq!(e.kind(), clap::error::ErrorKind::DisplayHelp);
        e.render().to_string()
    }

    #[test]
    fn serve_help_shows_only_what_applies_to_it() {
        let serve = help(&["serve", "--help"]);
        assert!(
            serve.contains("--listen") && serve.contains("--tls-self-signed"),
            "{serve}"
        );
        for other in [
            "--server <",
            "--profile <",
            "--home <",
            "--env <",
            "--ca-cert <",
            "--json\n",
        ] {
            assert!(!serve.contains(other), "{other}: {serve}");
        }
        let rotate = help(&["serve", "rotate-key", "--help"]);
        assert!(
            rotate.contains("--server") && rotate.contains("Global options:"),
            "{rotate}"
        );
        let cli = parse(&["serve", "rotate-key", "--server", "https://x", "--status"]).unwrap();
        assert_eq!(cli.globals.server.as_deref(), Some("https://x"));
        let list = help(&["list", "--help"]);
        let (options, globals) = list.split_once("Global options:").expect("a section");
        assert!(
            options.contains("--max") && !options.contains("--server"),
            "{list}"
        );
        assert!(
            globals.contains("--server <") && !globals.contains("--max <"),
            "{list}"
        );
    }

    #[test]
    fn globals_parse_anywhere() {
        let cli = Cli::try_parse_from(["keep", "list", "-e", "staging", "--json"]).unwrap();
        assert_eq!(cli.globals.env, [EnvName::parse("staging").unwrap()]);
        assert!(cli.globals.json);
        assert!(Cli::try_parse_from(["keep", "list", "-e", "bad name"]).is_err());
    }
}
