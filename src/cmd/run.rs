//! `keep run`: a program started with secrets' variables in its environment.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::process::Command;

use super::args::{SecretsArg, with_help};
use super::common::Context;
use crate::backend::Backend;
use crate::error::{Error, Result};
use crate::model::{EnvName, SecretData, SecretRef, SecretValue, check_key, missing_keys};
use crate::output::Output;
use crate::service::ShowQuery;

const AFTER_LONG_HELP: &str = "\
The program starts with the current environment plus every variable of the secrets; with \
several secrets, later ones win (on a terminal keep says which keys were overridden). \
--no-inherit-env starts from an empty environment plus PATH instead. Keep's own credentials \
(KEEP_TOKEN, KEEP_MASTER_KEY) are removed either way; a secret may still set them.

The program and its arguments go after `--` (without it, `keep run app npm run dev` is an \
error that says `npm`, `run` and `dev` were read as secret names and shows `keep run app -- \
npm run dev`). Arguments after `--` reach the program exactly as given, never re-parsed by a \
shell. On Unix \
keep replaces itself with the program (exec): signals such as Ctrl-C reach the program \
directly, and keep's exit code is the program's (128+N if a signal N killed it, as the \
shell reports it). Reading the values counts as a use and updates `last used at`.

Before the program starts, keep exits with its own codes: 2 if a --require key is missing \
(all missing keys are named) or a value cannot be passed in an environment variable (the OS \
limits one variable to 128 KiB), 3 if a secret does not exist, 127 if the program is not \
found, 126 if it cannot be executed.

With --json, keep's own errors are JSON on stderr; what the program prints is its own.

Examples:
  $ keep run db -- psql                          # psql reads PGHOST, PGPASSWORD... itself
  $ keep run db -- sh -c 'psql \"$DATABASE_URL\"'  # single quotes: the child's shell expands
  $ keep run app db --require DATABASE_URL -- ./manage.py migrate
  $ keep run ci-deploy --no-inherit-env -- ./deploy.sh";

/// Run a program with secrets' variables in its environment
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP)]
#[command(mut_args(with_help(&[("names", "Secrets whose variables to add (later ones win)")])))]
pub struct Args {
    #[command(flatten)]
    pub secrets: SecretsArg,
    /// Fail before starting anything unless some secret has KEY (repeatable)
    #[arg(long, value_name = "KEY")]
    pub require: Vec<String>,
    /// Start from an empty environment plus PATH, instead of the current one
    #[arg(long)]
    pub no_inherit_env: bool,
    /// The program and its arguments, after `--`
    #[arg(last = true, value_name = "COMMAND")]
    pub command: Vec<OsString>,
}

/// Variables of keep's own that the program must not inherit.
const CREDENTIALS: [&str; 2] = ["KEEP_TOKEN", "KEEP_MASTER_KEY"];

/// Linux's MAX_ARG_STRLEN: the most bytes one `KEY=VALUE` string (with its NUL) may have.
const MAX_ENV_STRING: usize = 32 * 4096;

pub async fn run(args: Args, ctx: &Context, out: &mut Output) -> Result<()> {
    let Args {
        secrets: SecretsArg { names },
        require,
        no_inherit_env,
        command,
    } = args;
    let dashed = command
        .first()
        .is_some_and(|c| c.to_string_lossy().starts_with('-'));
    if command.is_empty() || (dashed && names.len() > 1) {
        let names: Vec<String> = names.iter().map(ToString::to_string).collect();
        let command: Vec<String> = (command.iter())
            .map(|c| c.to_string_lossy().into_owned())
            .collect();
        return Err(super::misread::misread(&names, &command));
    }
    for key in &require {
        check_key(key)?;
    }
    // Everything is read and the store closed before exec: the process is replaced, and
    // nothing of the runtime may be left half-done.
    let backend = ctx.backend().await?;
    let fetched = fetch(&backend, ctx.env(), &names, &require, out).await;
    backend.close().await;
    let vars = merge(fetched?, out);
    check_env_values(&vars)?;
    let Some((program, program_args)) = command.split_first() else {
        return Err(Error::invalid("no program given after `--`"));
    };
    let mut cmd = Command::new(program);
    cmd.args(program_args);
    if no_inherit_env {
        cmd.env_clear();
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
    } else {
        for var in CREDENTIALS {
            cmd.env_remove(var);
        }
    }
    for (key, value) in &vars {
        cmd.env(key, value.expose());
    }
    drop(vars);
    start(cmd, out)
}

/// Every secret's values, in the order given. `--require` is checked before any value is
/// read: by the store itself for one secret, across all of them for several.
async fn fetch(
    backend: &Backend,
    env: &EnvName,
    names: &[SecretRef],
    require: &[String],
    out: &Output,
) -> Result<Vec<(SecretRef, SecretData)>> {
    let several = names.len() > 1;
    if several && !require.is_empty() {
        let mut keys = BTreeSet::new();
        for name in names {
            keys.extend(
                backend
                    .show(env, name, &ShowQuery::default())
                    .await?
                    .info
                    .keys,
            );
        }
        check_required(names, keys, require)?;
    }
    let query = ShowQuery {
        reveal: true,
        require: if several {
            Vec::new()
        } else {
            require.to_vec()
        },
    };
    let mut secrets = Vec::with_capacity(names.len());
    for name in names {
        let values = backend
            .show(env, name, &query)
            .await?
            .values_warning_to(out)
            .ok_or_else(|| Error::Internal(format!("the values of `{name}` were not returned")))?;
        secrets.push((name.clone(), values));
    }
    if several {
        // The secrets may have changed since the check above.
        let keys = secrets
            .iter()
            .flat_map(|(_, d)| d.keys().cloned())
            .collect();
        check_required(names, keys, require)?;
    }
    Ok(secrets)
}

fn check_required(names: &[SecretRef], keys: BTreeSet<String>, require: &[String]) -> Result<()> {
    let keys: Vec<String> = keys.into_iter().collect();
    let missing = missing_keys(&keys, require);
    if missing.is_empty() {
        return Ok(());
    }
    let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    Err(Error::invalid_with_hint(
        format!(
            "none of the secrets {} has the required {}: {}",
            names.join(", "),
            if missing.len() == 1 { "key" } else { "keys" },
            missing.join(", ")
        ),
        "see which keys a secret has with `keep show NAME`",
    ))
}

/// One environment from several secrets: later secrets win, and on a terminal keep says so.
fn merge(secrets: Vec<(SecretRef, SecretData)>, out: &Output) -> BTreeMap<String, SecretValue> {
    let mut vars: BTreeMap<String, (SecretValue, SecretRef)> = BTreeMap::new();
    for (name, data) in secrets {
        for (key, value) in data {
            let previous = vars.insert(key.clone(), (value, name.clone()));
            if let Some((_, earlier)) = previous.filter(|(_, earlier)| *earlier != name) {
                if out.stderr_tty && !out.quiet {
                    out.warn(&format!(
                        "`{key}` is set by `{earlier}` and `{name}`; using the value from `{name}`"
                    ));
                }
            }
        }
    }
    vars.into_iter().map(|(k, (v, _))| (k, v)).collect()
}

/// What the OS cannot carry is an error now, rather than a truncated or failed variable.
fn check_env_values(vars: &BTreeMap<String, SecretValue>) -> Result<()> {
    for (key, value) in vars {
        check_key(key)?;
        let value = value.expose();
        if value.contains('\0') {
            return Err(Error::invalid(format!(
                "the value of `{key}` contains a NUL byte, which an environment variable cannot hold"
            )));
        }
        let size = key.len() + 1 + value.len() + 1;
        if size > MAX_ENV_STRING {
            return Err(Error::invalid_with_hint(
                format!(
                    "the value of `{key}` is too large for an environment variable: \
                     {size} bytes with its key, the limit is {MAX_ENV_STRING}"
                ),
                "pass it in a file instead, e.g. `keep export NAME --output FILE`",
            ));
        }
    }
    Ok(())
}

/// Replaces keep with the program. Returns only if that failed: then keep reports it and
/// exits as a shell would (127 not found, 126 not executable).
#[cfg(unix)]
fn start(mut cmd: Command, _out: &Output) -> Result<()> {
    use std::os::unix::process::CommandExt;
    let err = cmd.exec();
    Err(exec_error(cmd.get_program(), err))
}

/// Without exec, keep waits for the program and exits with its code.
#[cfg(not(unix))]
fn start(mut cmd: Command, out: &Output) -> Result<()> {
    match cmd.status() {
        Ok(status) => std::process::exit(status.code().unwrap_or(1)),
        Err(err) => Err(exec_error(cmd.get_program(), err)),
    }
}

fn cannot_run(message: String, hint: &str, exit: i32) -> Error {
    Error::CannotRun {
        message,
        hint: Some(hint.to_owned()),
        exit,
    }
}

/// The error for a program that could not be started, and the exit code a shell would use.
fn exec_error(program: &std::ffi::OsStr, err: std::io::Error) -> Error {
    use std::io::ErrorKind;
    let shown = crate::error::shown(&program.to_string_lossy());
    let has_path = shown.contains('/');
    match err.kind() {
        ErrorKind::NotFound if has_path => cannot_run(
            format!("cannot run `{shown}`: no such file (or its interpreter is missing)"),
            "check the path, and the `#!` line if it is a script",
            127,
        ),
        ErrorKind::NotFound => cannot_run(
            format!("cannot run `{shown}`: command not found"),
            "check the spelling, or give the program's path; PATH is searched",
            127,
        ),
        ErrorKind::PermissionDenied => cannot_run(
            format!("cannot run `{shown}`: permission denied"),
            "is it executable (`chmod +x`), and not a directory?",
            126,
        ),
        ErrorKind::ArgumentListTooLong => cannot_run(
            format!("cannot run `{shown}`: its arguments and environment are too large"),
            "use fewer or smaller secrets, or --no-inherit-env",
            2,
        ),
        _ => Error::CannotRun {
            message: format!("cannot run `{shown}`: {err}"),
            hint: None,
            exit: 126,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, String)]) -> BTreeMap<String, SecretValue> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), SecretValue::new(v.clone())))
            .collect()
    }

    #[test]
    fn values_the_os_cannot_carry_are_refused() {
        // `KEY=` and the NUL count: "K" + "=" + value + NUL.
        check_env_values(&vars(&[("K", "v".repeat(MAX_ENV_STRING - 3))])).expect("fits");
        let e = check_env_values(&vars(&[("K", "v".repeat(MAX_ENV_STRING - 2))]))
            .expect_err("one byte too many");
        assert!(
            e.to_string().contains("`K`") && e.to_string().contains("131072"),
            "{e}"
        );
        let e = check_env_values(&vars(&[("K", "a\0b".into())])).expect_err("NUL");
        assert!(e.to_string().contains("NUL") && !e.to_string().contains("a\0b"));
        assert!(check_env_values(&vars(&[("A=B", "v".into())])).is_err());
    }

    #[test]
    fn exec_errors_map_to_shell_exit_codes() {
        use std::io::{Error as IoError, ErrorKind};
        let p = std::ffi::OsStr::new("nope");
        assert_eq!(
            exec_error(p, IoError::from(ErrorKind::NotFound)).exit_code(),
            127
        );
        assert_eq!(
            exec_error(p, IoError::from(ErrorKind::PermissionDenied)).exit_code(),
            126
        );
        let e = exec_error(p, IoError::from(ErrorKind::NotFound));
        assert!(e.to_string().contains("`nope`: command not found"), "{e}");
    }

    #[test]
    fn required_keys_are_checked_across_secrets() {
        let names = [
            SecretRef::parse("a").expect("name"),
            SecretRef::parse("b").expect("name"),
        ];
        let keys: BTreeSet<String> = ["A", "B"].iter().map(|s| s.to_string()).collect();
        check_required(&names, keys.clone(), &["A".into(), "B".into()]).expect("all there");
        let e = check_required(&names, keys, &["X".into(), "A".into(), "Y".into()])
            .expect_err("missing");
        assert_eq!(
            e.to_string(),
            "none of the secrets `a`, `b` has the required keys: X, Y"
        );
        assert_eq!(e.exit_code(), 2);
    }
}
