//! `keep show`: a secret's metadata and keys; values only with `--reveal`.

use std::io;

use super::args::ExistingArg;
use super::common::Context;
use crate::error::Result;
use crate::model::{SecretData, Shown, VersionShown, check_key};
use crate::output::{Output, Report};
use crate::service::ShowQuery;

const AFTER_LONG_HELP: &str = "\
Values are masked unless --reveal is given; revealing counts as a use and updates \
`last used at`. --require checks the secret's keys (on a server, the server checks) and \
fails with exit code 2 naming every missing key.

Examples:
  $ keep show db
  $ keep show st-SWeB0nXcW2XkBeS0y6XF4a           # by id, as `keep list --json` prints it
  $ keep show db --require DATABASE_URL --require DATABASE_PASSWORD
  $ keep show db --reveal --json | jq -r .values.DATABASE_URL
  $ keep show db --version 3 --reveal             # an earlier version (`keep history db`)";

/// Show a secret's details and keys
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP, disable_version_flag = true)]
pub struct Args {
    #[command(flatten)]
    pub secret: ExistingArg,
    /// Print the values instead of masking them
    #[arg(long)]
    pub reveal: bool,
    /// Fail unless the secret has KEY (repeatable)
    #[arg(long, value_name = "KEY")]
    pub require: Vec<String>,
    /// Show version N of the secret instead of the current one (see `keep history`)
    #[arg(
        long,
        value_name = "N",
        conflicts_with = "require",
        value_parser = clap::value_parser!(i64).range(1..)
    )]
    pub version: Option<i64>,
}

const MASK: &str = "********";

impl Report for Shown {
    fn human(&self, out: &mut Output) -> io::Result<()> {
        let i = &self.info;
        let fields = vec![
            vec!["id".to_owned(), i.id.clone()],
            vec!["name".to_owned(), i.name.clone()],
            vec!["environment".to_owned(), i.environment.clone()],
            vec!["version".to_owned(), i.version.to_string()],
            vec!["created at".to_owned(), out.time(Some(i.created_at))],
            vec!["created by".to_owned(), i.created_by.clone()],
            vec!["updated at".to_owned(), out.time(Some(i.updated_at))],
            vec!["last used at".to_owned(), out.time(i.last_used_at)],
        ];
        out.table(&[], &fields)?;
        out.write_stdout("\n")?;
        key_table(out, &i.keys, self.values.as_ref())
    }
}

/// The keys, and their values or a mask.
fn key_table(out: &mut Output, keys: &[String], values: Option<&SecretData>) -> io::Result<()> {
    let rows: Vec<Vec<String>> = keys
        .iter()
        .map(|k| {
            let v = values.and_then(|vals| vals.get(k));
            vec![
                k.clone(),
                v.map_or(MASK.to_owned(), |v| v.expose().to_owned()),
            ]
        })
        .collect();
    out.table(&["KEY", "VALUE"], &rows)
}

impl Report for VersionShown {
    fn human(&self, out: &mut Output) -> io::Result<()> {
        let v = &self.info;
        let fields = vec![
            vec!["id".to_owned(), self.id.clone()],
            vec!["name".to_owned(), self.name.clone()],
            vec!["environment".to_owned(), self.environment.clone()],
            vec![
                "version".to_owned(),
                format!("{} (current: {})", v.version, self.current_version),
            ],
            vec!["written at".to_owned(), out.time(Some(v.created_at))],
            vec!["written by".to_owned(), v.created_by.clone()],
            vec!["change".to_owned(), v.summary()],
        ];
        out.table(&[], &fields)?;
        out.write_stdout("\n")?;
        key_table(out, &v.keys, self.values.as_ref())
    }
}

pub async fn run(args: Args, ctx: &Context, out: &mut Output) -> Result<()> {
    let Args {
        secret: ExistingArg { name },
        reveal,
        require,
        version,
    } = args;
    for key in &require {
        check_key(key)?;
    }
    let backend = ctx.backend().await?;
    if let Some(version) = version {
        let shown = out
            .waiting(
                "reading",
                backend.show_version(ctx.env(), &name, version, reveal),
            )
            .await;
        backend.close().await;
        return out.emit(&shown?);
    }
    let query = ShowQuery { reveal, require };
    let shown = out
        .waiting("reading", backend.show(ctx.env(), &name, &query))
        .await;
    backend.close().await;
    let shown = shown?;
    shown.warn_unrecorded(out);
    out.emit(&shown)
}
