//! The command line: global options and the subcommand table. Parsing only, no logic.

use std::path::PathBuf;

use clap::{Args, Parser};
use clap_complete::ArgValueCandidates;

use crate::cmd::Command;
use crate::model::EnvName;
use crate::output::ColorChoice;

pub const ABOUT: &str = "A secrets manager for the command line";

const LONG_ABOUT: &str = "\
A secrets manager for the command line.

A secret is a named set of environment variables (KEY -> value) in an environment \
(default `main`). By default secrets live in an encrypted SQLite store on this machine; \
after `keep login` (or with `--server`/`KEEP_SERVER`) the same commands talk to a `keep serve` \
over HTTPS. `keep status` says where commands go.";

/// Where commands go: each setting is taken from the first of these that sets it. The help
/// text and the man page are both built from this.
pub const PRECEDENCE: &[(&str, &str)] = &[
    (
        "1. flags",
        "--server, --profile, --ca-cert, --timeout, -e/--env, --home",
    ),
    (
        "2. environment",
        "KEEP_SERVER, KEEP_TOKEN, KEEP_PROFILE, KEEP_CA_CERT, KEEP_TIMEOUT, KEEP_ENV, KEEP_HOME",
    ),
    (
        "3. profile",
        "the profile chosen by --profile or KEEP_PROFILE, else the active one (`keep profile use`), as `keep login` saved it: its server, token, CA certificate, environment and timeout; they apply only while the server is the profile's own",
    ),
    (
        "4. local store",
        "with no server from any of these, the encrypted store in --home (KEEP_HOME); KEEP_TOKEN without a server is an error (exit 2), and a read never creates a store",
    ),
];

/// Environment variables keep reads: the help text and the man page are both built from this.
pub const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "KEEP_SERVER",
        "URL of a `keep serve` to use instead of the local store",
    ),
    (
        "KEEP_TOKEN",
        "API token for the server (never pass tokens on the command line)",
    ),
    (
        "KEEP_PROFILE",
        "profile to use instead of the active one (as --profile)",
    ),
    (
        "KEEP_CA_CERT",
        "PEM file of CA certificates to trust for an https:// server, besides the system's",
    ),
    (
        "KEEP_TIMEOUT",
        "seconds to wait for the server's answer (default: 10)",
    ),
    (
        "KEEP_ENV",
        "environment to use (default: the profile's, else main)",
    ),
    (
        "KEEP_HOME",
        "directory of the local store (default: $XDG_DATA_HOME/keep, ~/.local/share/keep)",
    ),
    (
        "KEEP_MASTER_KEY",
        "`keep serve` only: the master key as 64 hex digits, instead of DIR/master.key; during a rotation NEW,OLD",
    ),
    (
        "KEEP_TLS_CERT",
        "`keep serve` only: PEM certificate chain to serve HTTPS with (as --tls-cert)",
    ),
    (
        "KEEP_TLS_KEY",
        "`keep serve` only: PEM private key of that certificate (as --tls-key)",
    ),
    (
        "XDG_CONFIG_HOME",
        "where the profiles file is: $XDG_CONFIG_HOME/keep/config.toml (default: ~/.config)",
    ),
    (
        "NO_COLOR",
        "disable colors; CLICOLOR_FORCE=1 forces them, TERM=dumb disables them",
    ),
    (
        "COMPLETE",
        "set by the shell completion scripts (`source <(COMPLETE=bash keep)`)",
    ),
];

/// Files keep uses.
pub const FILES: &[(&str, &str)] = &[
    (
        "~/.config/keep/config.toml",
        "profiles saved by `keep login`: servers, tokens, CA certificates (mode 0600)",
    ),
    (
        "$KEEP_HOME/keep.db",
        "the local store (SQLite in WAL mode; values encrypted)",
    ),
    (
        "$KEEP_HOME/master.key",
        "the local store's key (32 random bytes, mode 0600): back it up",
    ),
    (
        "DIR/keep.db",
        "`keep serve --data-dir DIR`: the server's store",
    ),
    (
        "DIR/master.key",
        "`keep serve`: the server's key, unless KEEP_MASTER_KEY is set",
    ),
    (
        "DIR/admin.token",
        "`keep serve`: the first admin token, written once (mode 0600)",
    ),
    (
        "DIR/retired-keys/",
        "`keep serve`: master keys replaced by `keep serve rotate-key`",
    ),
    (
        "DIR/tls/ca.pem",
        "`keep serve --tls-self-signed`: the private CA clients trust (its key: DIR/tls/ca.key)",
    ),
];

/// Exit codes, the contract scripts rely on.
pub const EXIT_CODES: &[(&str, &str)] = &[
    ("0", "success"),
    (
        "1",
        "unexpected failure (server error, I/O, integrity check)",
    ),
    (
        "2",
        "usage or invalid input: bad flag, name, key, value or file; missing variable or required key",
    ),
    (
        "3",
        "secret (or token) not found; a read from a local store that does not exist",
    ),
    ("4", "secret (or token) already exists"),
    ("5", "authentication or permission refused"),
    ("6", "server unreachable or timed out"),
    ("126", "`keep run`: the program cannot be executed"),
    ("127", "`keep run`: the program was not found"),
    ("130", "interrupted"),
    (
        "other",
        "`keep run`: once started, the program's own exit code (128+N if killed by signal N)",
    ),
];

/// Examples: what each does, and the command.
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "Store a value typed at a hidden prompt",
        "keep create db DATABASE_URL=-",
    ),
    ("Store the nearest .env file", "keep import-dotenv app"),
    (
        "Change one value, keep the others",
        "keep update db PASSWORD=-",
    ),
    ("List secrets for a script", "keep list --json"),
    ("Show the values", "keep show db --reveal"),
    (
        "Run a program with a secret's variables",
        "keep run app -- npm run dev",
    ),
    ("Write a .env file", "keep export app --output .env"),
    (
        "Use a team server from now on",
        "keep login --server https://keep.example.com",
    ),
    ("See where commands go", "keep status"),
    (
        "Use a server for one command, in CI",
        "KEEP_SERVER=https://keep.example.com KEEP_TOKEN=$TOKEN keep list -e staging",
    ),
];

/// The text after `keep --help`: the tables above as plain text.
pub fn after_long_help() -> String {
    let mut s = String::new();
    let mut table = |title: &str, rows: &[(&str, &str)], width: usize| {
        s.push_str(&format!("{title}:\n"));
        for (k, v) in rows {
            s.push_str(&format!("  {k:<width$}  {v}\n"));
        }
        s.push('\n');
    };
    table(
        "Where commands go (each setting from the first that sets it)",
        PRECEDENCE,
        16,
    );
    table("Environment variables", ENVIRONMENT, 15);
    table("Files", FILES, 21);
    table("Exit codes", EXIT_CODES, 5);
    s.push_str("Examples:\n");
    for (what, cmd) in EXAMPLES {
        s.push_str(&format!("  # {what}\n  $ {cmd}\n"));
    }
    s.trim_end().to_owned()
}

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
