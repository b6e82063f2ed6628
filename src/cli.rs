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
with `--server` (or `KEEP_SERVER`) the same commands talk to a `keep serve` over HTTP.";

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
        "KEEP_CA_CERT",
        "PEM file of CA certificates to trust for an https:// server, besides the system's",
    ),
    ("KEEP_ENV", "environment to use (default: main)"),
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
    ("3", "secret (or token) not found"),
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
        "Use a team server",
        "KEEP_SERVER=https://keep.example.com keep list -e staging",
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

/// Options every subcommand takes.
#[derive(Clone, Debug, Args)]
pub struct GlobalArgs {
    /// Use the `keep serve` at URL instead of the local store
    #[arg(long, global = true, env = "KEEP_SERVER", value_name = "URL")]
    pub server: Option<String>,

    /// Trust the CA certificates in this PEM file for an `https://` server, besides the system's
    #[arg(long, global = true, env = "KEEP_CA_CERT", value_name = "PEM")]
    pub ca_cert: Option<PathBuf>,

    /// Environment the secrets live in [default: main]; `keep token create` takes it several
    /// times, for a token limited to those environments
    #[arg(
        short = 'e',
        long = "env",
        global = true,
        env = "KEEP_ENV",
        value_name = "NAME",
        action = clap::ArgAction::Append,
        value_parser = EnvName::parse,
        add = ArgValueCandidates::new(crate::complete::environment_names)
    )]
    pub env: Vec<EnvName>,

    /// Directory of the local store [default: ~/.local/share/keep]
    #[arg(long, global = true, env = "KEEP_HOME", value_name = "DIR")]
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn globals_parse_anywhere() {
        let cli = Cli::try_parse_from(["keep", "list", "-e", "staging", "--json"]).unwrap();
        assert_eq!(cli.globals.env, [EnvName::parse("staging").unwrap()]);
        assert!(cli.globals.json);
        assert!(Cli::try_parse_from(["keep", "list", "-e", "bad name"]).is_err());
    }
}
