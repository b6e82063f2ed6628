//! The command line: global options and the subcommand table. Parsing only, no logic.

use std::path::PathBuf;

use clap::{Args, Parser};

use crate::cmd::Command;
use crate::model::EnvName;
use crate::output::ColorChoice;

pub const ABOUT: &str = "A secrets manager for the command line";

const LONG_ABOUT: &str = "\
A secrets manager for the command line.

A secret is a named set of environment variables (KEY -> value) in an environment \
(default `main`). By default secrets live in an encrypted SQLite store on this machine; \
with `--server` (or `KEEP_SERVER`) the same commands talk to a `keep serve` over HTTP.";

pub const AFTER_LONG_HELP: &str = "\
Environment variables:
  KEEP_SERVER   URL of a `keep serve` to use instead of the local store
  KEEP_TOKEN    API token for the server (never pass tokens on the command line)
  KEEP_ENV      environment to use (default: main)
  KEEP_HOME     directory of the local store (default: $XDG_DATA_HOME/keep, ~/.local/share/keep)
  KEEP_MASTER_KEY  `keep serve` only: the master key as 64 hex digits, instead of DIR/master.key
  NO_COLOR      disable colors; CLICOLOR_FORCE=1 forces them

Files:
  $KEEP_HOME/keep.db       the local store (SQLite, values encrypted)
  $KEEP_HOME/master.key    the local store's key (32 random bytes, mode 0600): back it up
  DIR/admin.token          `keep serve`: the first admin token, written once

Exit codes:
  0    success
  1    unexpected failure (server error, I/O, integrity check)
  2    usage or invalid input: bad flag, name, key, value or file; missing variable or required key
  3    secret not found
  4    secret already exists
  5    authentication or permission refused
  6    server unreachable or timed out
  130  interrupted

Examples:
  $ keep create db DATABASE_URL=- < url.txt
  $ keep import-dotenv app
  $ keep list --json
  $ keep show db --reveal
  $ KEEP_SERVER=https://keep.example.com KEEP_TOKEN=... keep list -e staging";

#[derive(Debug, Parser)]
#[command(
    name = "keep",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_long_help = AFTER_LONG_HELP,
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

    /// Environment the secrets live in
    #[arg(
        short = 'e',
        long = "env",
        global = true,
        env = "KEEP_ENV",
        default_value = "main",
        value_name = "NAME",
        value_parser = EnvName::parse
    )]
    pub env: EnvName,

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

/// Where the local store lives: `--home`, `KEEP_HOME`, or the XDG data directory.
pub fn default_home() -> crate::error::Result<PathBuf> {
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().map_err(|e| {
        crate::error::Error::invalid_with_hint(
            format!("cannot find a home directory: {e}"),
            "set `KEEP_HOME` or pass `--home DIR`",
        )
    })?;
    Ok(base.data_dir().join("keep"))
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
        assert_eq!(cli.globals.env.as_str(), "staging");
        assert!(cli.globals.json);
        assert!(Cli::try_parse_from(["keep", "list", "-e", "bad name"]).is_err());
    }
}
