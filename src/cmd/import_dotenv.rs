//! `keep import-dotenv`: a secret from the nearest `.env`, found by walking up from a path.

use std::path::PathBuf;

use super::args::SecretArg;
use super::common::{self, ConflictArgs, Context};
use super::input;
use crate::dotenv;
use crate::error::{Error, Result};
use crate::output::Output;

const AFTER_LONG_HELP: &str = "\
Like Modal's `Secret.from_dotenv`: starting at PATH (a directory, or a file's directory) or \
the current directory, keep walks up to the root and uses the first FILENAME it finds, and \
says on stderr which file it used. Only a regular file (or a link to one) counts: a \
directory, named pipe, socket or device of that name is passed over, so the search never \
waits on a pipe. The syntax is python-dotenv 1.2.4's: `export` prefixes, \
comments, single and double quotes, multi-line quoted values, escapes in double quotes, and \
`${VAR}` / `${VAR:-default}` from earlier keys, then the environment.

Examples:
  $ keep import-dotenv app
  $ keep import-dotenv app services/api --filename .env.production --force";

/// Create a secret from the nearest .env file
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP)]
pub struct Args {
    #[command(flatten)]
    pub secret: SecretArg,
    /// Where to start looking [default: the current directory]
    pub path: Option<PathBuf>,
    /// Name of the file to look for
    #[arg(long, value_name = "NAME", default_value = ".env")]
    pub filename: String,
    #[command(flatten)]
    pub conflict: ConflictArgs,
}

/// PATH may be any file (Modal's `from_dotenv(__file__)`): the search starts in its directory.
/// But a PATH that is itself a dotenv file of another name was almost surely meant to be read,
/// and silently reading `.env` next to it would store the wrong values.
fn check_not_another_dotenv(path: &std::path::Path, filename: &str) -> Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let looks_dotenv = name.starts_with(".env") || name.ends_with(".env");
    if path.is_file() && looks_dotenv && name != filename {
        return Err(Error::invalid_with_hint(
            format!(
                "`{}` is a dotenv file, but keep looks for `{filename}`",
                path.display()
            ),
            format!(
                "pass `--filename {name}` to use it, or `keep create NAME --from-dotenv {}`",
                path.display()
            ),
        ));
    }
    Ok(())
}

pub async fn run(args: Args, ctx: &Context, out: &mut Output) -> Result<()> {
    let Args {
        secret: SecretArg { name },
        path,
        filename,
        conflict,
    } = args;
    if filename.is_empty() || filename.contains('/') {
        return Err(Error::invalid_with_hint(
            format!("invalid --filename `{filename}`"),
            "give a file name without directories, such as `.env.production`; put the directory in PATH",
        ));
    }
    let start = match path {
        Some(p) => {
            if !p.exists() {
                return Err(Error::invalid(format!(
                    "path `{}` does not exist",
                    p.display()
                )));
            }
            check_not_another_dotenv(&p, &filename)?;
            std::path::absolute(&p).map_err(|e| Error::io_path("cannot resolve", &p, e))?
        }
        None => std::env::current_dir()
            .map_err(|e| Error::io("cannot find the current directory", e))?,
    };
    let file = dotenv::find_upwards(&start, &filename).map_err(|searched| {
        let first = searched.first().map_or(start.clone(), Clone::clone);
        Error::invalid_with_hint(
            format!(
                "no `{filename}` found in `{}` or any of its {} parent directories",
                first.display(),
                searched.len().saturating_sub(1)
            ),
            "pass the directory that holds it as PATH, or its name with `--filename`",
        )
    })?;
    out.notice(&format!("using {}", file.display()));
    let data = input::read_dotenv_file(&file, out)?;
    common::write_secret(ctx, out, &name, &data, &conflict).await
}
