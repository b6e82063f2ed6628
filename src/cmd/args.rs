//! Arguments several subcommands take, each declared once with its parser, value name and
//! completion (as cargo's `command_prelude.rs` declares `arg_package_spec_simple`), so that
//! the commands cannot drift apart. A command whose help says more about an argument than
//! the shared line does changes only the help, with `#[command(mut_args(with_help(...)))]`.

use clap::error::ErrorKind;
use clap::{Arg, ArgAction, ArgMatches, Command, FromArgMatches};
use clap_complete::ArgValueCandidates;

use crate::model::{SecretName, SecretRef};

/// The secret-name positional: validated as it is parsed, completed with the names in the
/// store the command line points at. Every command that takes a secret name builds it here.
fn secret_name(id: &'static str) -> Arg {
    Arg::new(id)
        .value_name("NAME")
        .value_parser(SecretName::parse)
        .required(true)
        .add(ArgValueCandidates::new(crate::complete::secret_names))
}

/// The same for a secret that exists: its name, or its id (`st-...`).
fn secret_ref(id: &'static str) -> Arg {
    secret_name(id).value_parser(SecretRef::parse)
}

/// A name for a secret that does not exist yet (`keep rename`'s NEW, `keep copy --as`):
/// checked as a name when parsed, and not completed from the store's names.
pub fn new_secret_name(s: &str) -> crate::error::Result<String> {
    SecretName::parse(s).map(|n| n.to_string())
}

/// For `#[command(mut_args(...))]`: the help of the arguments named, in this command.
/// (`mut_arg` would move the argument last, renumbering the positionals after it.)
pub fn with_help(help: &'static [(&'static str, &'static str)]) -> impl FnMut(Arg) -> Arg {
    move |arg| match help.iter().find(|(id, _)| arg.get_id() == *id) {
        Some((_, text)) => arg.help(*text),
        None => arg,
    }
}

fn missing(id: &str) -> clap::Error {
    clap::Error::raw(
        ErrorKind::MissingRequiredArgument,
        format!("The following required argument was not provided: {id}"),
    )
}

/// `NAME`: the one secret a command acts on (create, show, update, delete, import-*, export).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecretArg {
    pub name: SecretName,
}

impl SecretArg {
    const ID: &'static str = "name";
}

impl clap::Args for SecretArg {
    fn augment_args(cmd: Command) -> Command {
        cmd.arg(secret_name(Self::ID).help("Name of the secret"))
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

impl FromArgMatches for SecretArg {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        Self::from_arg_matches_mut(&mut m.clone())
    }

    fn from_arg_matches_mut(m: &mut ArgMatches) -> Result<Self, clap::Error> {
        let name = m
            .remove_one::<SecretName>(Self::ID)
            .ok_or_else(|| missing(Self::ID))?;
        Ok(Self { name })
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        self.update_from_arg_matches_mut(&mut m.clone())
    }

    fn update_from_arg_matches_mut(&mut self, m: &mut ArgMatches) -> Result<(), clap::Error> {
        if let Some(name) = m.remove_one::<SecretName>(Self::ID) {
            self.name = name;
        }
        Ok(())
    }
}

/// `NAME`: an existing secret a command acts on, by name or id (show, update, delete, export).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExistingArg {
    pub name: SecretRef,
}

impl ExistingArg {
    const ID: &'static str = "name";
}

impl clap::Args for ExistingArg {
    fn augment_args(cmd: Command) -> Command {
        cmd.arg(secret_ref(Self::ID).help("Name of the secret, or its id (`st-...`)"))
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

impl FromArgMatches for ExistingArg {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        Self::from_arg_matches_mut(&mut m.clone())
    }

    fn from_arg_matches_mut(m: &mut ArgMatches) -> Result<Self, clap::Error> {
        let name = m
            .remove_one::<SecretRef>(Self::ID)
            .ok_or_else(|| missing(Self::ID))?;
        Ok(Self { name })
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        self.update_from_arg_matches_mut(&mut m.clone())
    }

    fn update_from_arg_matches_mut(&mut self, m: &mut ArgMatches) -> Result<(), clap::Error> {
        if let Some(name) = m.remove_one::<SecretRef>(Self::ID) {
            self.name = name;
        }
        Ok(())
    }
}

/// `NAME...`: one or more existing secrets, by name or id, in the order given (run).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecretsArg {
    pub names: Vec<SecretRef>,
}

impl SecretsArg {
    const ID: &'static str = "names";
}

impl clap::Args for SecretsArg {
    fn augment_args(cmd: Command) -> Command {
        cmd.arg(
            secret_ref(Self::ID)
                .help("Names (or ids) of the secrets")
                .num_args(1..)
                .action(ArgAction::Append),
        )
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

impl FromArgMatches for SecretsArg {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        Self::from_arg_matches_mut(&mut m.clone())
    }

    fn from_arg_matches_mut(m: &mut ArgMatches) -> Result<Self, clap::Error> {
        let names: Vec<SecretRef> = m
            .remove_many::<SecretRef>(Self::ID)
            .map(Iterator::collect)
            .unwrap_or_default();
        if names.is_empty() {
            return Err(missing(Self::ID));
        }
        Ok(Self { names })
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        self.update_from_arg_matches_mut(&mut m.clone())
    }

    fn update_from_arg_matches_mut(&mut self, m: &mut ArgMatches) -> Result<(), clap::Error> {
        if let Some(names) = m.remove_many::<SecretRef>(Self::ID) {
            self.names = names.collect();
        }
        Ok(())
    }
}

/// `--max N` / `--all`: how many items a listing fetches, page after page (list, audit).
/// The help names what is listed; each command sets its own with `with_help`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::Args)]
pub struct Paging {
    /// Show at most N items
    #[arg(long, value_name = "N", default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..))]
    pub max: u64,
    /// Show every item, however many
    #[arg(long, conflicts_with = "max")]
    pub all: bool,
}

impl Paging {
    /// How many items to fetch at most.
    pub fn wanted(self) -> u64 {
        if self.all { u64::MAX } else { self.max }
    }
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::*;
    use crate::cli::Cli;
    use crate::cmd::Command as Sub;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("keep").chain(args.iter().copied()))
    }

    /// Every argument that parses a secret name, in every subcommand, offers the names in
    /// the store: a command added later cannot forget the completion.
    #[test]
    fn every_secret_name_argument_completes() {
        fn walk(cmd: &Command, found: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                let ty = arg.get_value_parser().type_id();
                if ty == std::any::TypeId::of::<SecretName>()
                    || ty == std::any::TypeId::of::<SecretRef>()
                {
                    assert!(
                        arg.get::<ArgValueCandidates>().is_some(),
                        "`keep {}` <{}> has no completion",
                        cmd.get_name(),
                        arg.get_id()
                    );
                    assert_eq!(arg.get_value_names(), Some(&["NAME".into()][..]));
                    found.push(cmd.get_name().to_owned());
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, found);
            }
        }
        let mut found = Vec::new();
        walk(&Cli::command(), &mut found);
        found.sort();
        assert_eq!(
            found,
            [
                "copy",
                "create",
                "delete",
                "diff",
                "edit",
                "export",
                "history",
                "import-dotenv",
                "import-env",
                "rename",
                "rollback",
                "run",
                "show",
                "update"
            ]
        );
    }

    #[test]
    fn secret_names_parse_and_are_validated() {
        let Sub::Show(show) = parse(&["show", "db"]).unwrap().command else {
            panic!("not show");
        };
        assert_eq!(show.secret.name.as_str(), "db");
        assert!(parse(&["show"]).is_err());
        assert!(parse(&["show", "a b"]).is_err());
        let Sub::Show(show) = parse(&["show", "st-abc123"]).unwrap().command else {
            panic!("not show");
        };
        assert_eq!(show.secret.name, SecretRef::Id("st-abc123".into()));
        assert!(
            parse(&["create", "st-abc123", "A=1"]).is_err(),
            "ids are not names"
        );
        let Sub::Run(run) = parse(&["run", "a", "b", "--", "true"]).unwrap().command else {
            panic!("not run");
        };
        let names: Vec<&str> = run.secrets.names.iter().map(SecretRef::as_str).collect();
        assert_eq!(names, ["a", "b"]);
        assert!(parse(&["run", "--", "true"]).is_err());
        assert!(parse(&["run", "a", "b c", "--", "true"]).is_err());
    }

    #[test]
    fn paging_defaults_bounds_and_conflicts() {
        let paging = |args: &[&str]| match parse(args).map(|c| c.command) {
            Ok(Sub::List(a)) => Ok(a.paging),
            Ok(Sub::Audit(a)) => Ok(a.paging),
            Ok(_) => panic!("not a listing"),
            Err(e) => Err(e.kind()),
        };
        for cmd in ["list", "audit"] {
            let p = paging(&[cmd]).unwrap();
            assert_eq!((p.max, p.all, p.wanted()), (100, false, 100));
            assert_eq!(paging(&[cmd, "--max", "3"]).unwrap().wanted(), 3);
            assert_eq!(paging(&[cmd, "--all"]).unwrap().wanted(), u64::MAX);
            assert_eq!(
                paging(&[cmd, "--max", "0"]),
                Err(ErrorKind::ValueValidation)
            );
            assert_eq!(
                paging(&[cmd, "--max", "3", "--all"]),
                Err(ErrorKind::ArgumentConflict)
            );
        }
    }
}

/// Where a server's store is: `--data-dir` and `--database`, as `keep serve` and its offline
/// subcommands take them.
#[derive(Clone, Debug, clap::Args)]
pub struct ServerStore {
    /// Data directory [default: ~/.local/share/keep/server]
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<std::path::PathBuf>,
    /// Database: `postgres://...` for several replicas, or `sqlite://PATH` [default: DIR/keep.db]
    #[arg(
        long,
        value_name = "URL",
        env = "KEEP_DATABASE_URL",
        hide_env_values = true
    )]
    pub database: Option<String>,
}

impl ServerStore {
    /// The data directory (the default one if none was given), and the database URL if one
    /// was given.
    pub fn resolve(self) -> crate::error::Result<(std::path::PathBuf, Option<String>)> {
        let dir = match self.data_dir {
            Some(d) => d,
            None => crate::backend::default_home()?.join("server"),
        };
        Ok((dir, self.database.filter(|d| !d.is_empty())))
    }
}
