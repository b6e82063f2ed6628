//! `keep export`: a secret's values as a dotenv file, JSON or shell `export` lines.

use std::io;
use std::path::{Path, PathBuf};

use super::args::ExistingArg;
use super::common::Context;
use super::export_format::{self, Format};
use crate::error::{Error, Result};
use crate::model::SecretRef;
use crate::output::Output;
use crate::service::ShowQuery;

const AFTER_LONG_HELP: &str = "\
Formats:
  dotenv  KEY='value' lines (the default). `keep import-dotenv` and python-dotenv read the \
file back to exactly the same values, whatever they contain: quotes, `$`, `#`, backslashes, \
newlines, carriage returns, unicode, spaces at either end. A value with a carriage return, \
`${` or a trailing backslash is written over several lines that rebuild it.
  json    one flat object, keys sorted; the same as the global --json.
  shell   `export KEY='value'` lines for `eval \"$(keep export NAME --format shell)\"` in sh, \
bash or zsh; keys must be shell names (letters, digits, `_`).

Exporting reveals the values: it counts as a use and updates `last used at`. With --output \
the file is written with mode 0600 and replaced atomically (a temporary file in the same \
directory, synced, then renamed over PATH), so a reader never sees half a file. Printing \
values on a terminal asks first (or needs --reveal) so they do not land in scrollback by \
accident; piped output needs neither.

Examples:
  $ keep export app --output .env
  $ keep export app --format json | jq -r .DATABASE_URL
  $ eval \"$(keep export app --format shell)\"
  $ keep export app --reveal
  $ keep export app --version 3 --output .env.v3     # an earlier version (`keep history app`)";

/// Print a secret's values as a dotenv file, JSON or shell `export` lines
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP, disable_version_flag = true)]
pub struct Args {
    #[command(flatten)]
    pub secret: ExistingArg,
    /// Output format [default: dotenv; json with --json]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// Write to PATH (mode 0600, replaced atomically) instead of stdout
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Print the values on a terminal without asking
    #[arg(long)]
    pub reveal: bool,
    /// Export version N of the secret instead of the current one (see `keep history`)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(1..))]
    pub version: Option<i64>,
}

pub async fn run(args: Args, ctx: &Context, out: &mut Output) -> Result<()> {
    let Args {
        secret: ExistingArg { name },
        format,
        output,
        reveal,
        version,
    } = args;
    let format = resolve_format(format, out.json)?;
    if let Some(path) = &output {
        check_output_path(path)?;
    } else if out.stdout_tty && !reveal {
        confirm_on_terminal(&name, out)?;
    }
    let backend = ctx.backend().await?;
    let values = match version {
        Some(v) => {
            let shown = backend.show_version(ctx.env(), &name, v, true).await;
            backend.close().await;
            shown?.values
        }
        None => {
            let query = ShowQuery {
                reveal: true,
                require: Vec::new(),
            };
            let shown = backend.show(ctx.env(), &name, &query).await;
            backend.close().await;
            shown?.values_warning_to(out)
        }
    };
    let values = values
        .ok_or_else(|| Error::Internal(format!("the values of `{name}` were not returned")))?;
    let text = export_format::render(format, &values)?;
    match output {
        Some(path) => {
            crate::fs::replace_private_file(&path, text.as_bytes())?;
            let n = values.len();
            out.status(&format!(
                "wrote {n} {} of `{name}` to `{}` ({})",
                if n == 1 { "key" } else { "keys" },
                path.display(),
                format.name()
            ));
            Ok(())
        }
        None => match out.write_stdout(&text) {
            // `keep export app | head -1`: the reader is gone and that is fine.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => Err(Error::io("cannot write output", e)),
            Ok(()) => Ok(()),
        },
    }
}

/// The global `--json` asks for JSON, so it means `--format json`; any other `--format`
/// with it is a contradiction.
fn resolve_format(format: Option<Format>, json: bool) -> Result<Format> {
    match (format, json) {
        (Some(f), true) if f != Format::Json => Err(Error::invalid_with_hint(
            format!("`--json` conflicts with `--format {}`", f.name()),
            "`--json` means `--format json`; drop one of them",
        )),
        (_, true) => Ok(Format::Json),
        (f, false) => Ok(f.unwrap_or_default()),
    }
}

/// Values about to be printed on a terminal: ask, or refuse when nobody can answer.
fn confirm_on_terminal(name: &SecretRef, out: &Output) -> Result<()> {
    let hint = "pass `--reveal` to print them, `--output PATH` to write a file, or pipe the output";
    if !out.can_prompt() {
        return Err(Error::invalid_with_hint(
            format!("refusing to print the values of `{name}` on a terminal without confirmation"),
            hint,
        ));
    }
    if out.confirm(&format!("Print the values of `{name}` on this terminal?"))? {
        Ok(())
    } else {
        Err(Error::invalid_with_hint(
            "not printed: printing the values was not confirmed",
            hint,
        ))
    }
}

/// Refuses, before any value is read, a PATH that cannot be replaced by a file.
fn check_output_path(path: &Path) -> Result<()> {
    if path.file_name().is_none() || path.is_dir() {
        return Err(Error::invalid_with_hint(
            format!("`--output {}` is a directory", path.display()),
            "give the path of a file, such as `.env`",
        ));
    }
    if !crate::fs::parent_dir(path).is_dir() {
        return Err(Error::invalid_with_hint(
            format!(
                "the directory of `--output {}` does not exist",
                path.display()
            ),
            "create it first; keep does not create directories",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_flag_means_json_format() {
        assert_eq!(resolve_format(None, false).ok(), Some(Format::Dotenv));
        assert_eq!(resolve_format(None, true).ok(), Some(Format::Json));
        assert_eq!(
            resolve_format(Some(Format::Json), true).ok(),
            Some(Format::Json)
        );
        assert_eq!(
            resolve_format(Some(Format::Shell), false).ok(),
            Some(Format::Shell)
        );
        let e = resolve_format(Some(Format::Shell), true).expect_err("conflict");
        assert_eq!(e.exit_code(), 2);
    }
}
