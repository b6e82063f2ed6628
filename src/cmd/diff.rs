//! `keep diff`: the keys one version of a secret added, changed and removed relative to
//! another; values only with `--reveal`.

use std::io;

use serde::Serialize;

use super::args::ExistingArg;
use super::common::Context;
use crate::error::{Error, Result};
use crate::model::{Changes, SecretData, SecretValue};
use crate::output::{Output, Report};
use crate::service::ShowQuery;

const AFTER_LONG_HELP: &str = "\
Compares version A with version B of a secret: by default the previous version with the \
current one; with A alone, A with the current one. Keys are listed as + added, ~ changed and \
- removed; values are shown only with --reveal. Comparing reads both versions' values (on a \
server, the audit log records two reveals).

Examples:
  $ keep diff db
  $ keep diff db 3
  $ keep diff db 3 5 --reveal";

/// Compare two versions of a secret: keys added, changed and removed
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP)]
pub struct Args {
    #[command(flatten)]
    pub secret: ExistingArg,
    /// The older version [default: the one before B]
    #[arg(value_name = "A", value_parser = clap::value_parser!(i64).range(1..))]
    pub from: Option<i64>,
    /// The newer version [default: the current one]
    #[arg(value_name = "B", value_parser = clap::value_parser!(i64).range(1..))]
    pub to: Option<i64>,
    /// Show the values of the keys that differ
    #[arg(long)]
    pub reveal: bool,
}

/// A key that differs, and with `--reveal` its values in A and B.
#[derive(Serialize)]
struct Entry {
    key: String,
    /// `added`, `changed` or `removed`.
    change: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    before: Option<SecretValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    after: Option<SecretValue>,
}

#[derive(Serialize)]
struct DiffReport {
    name: String,
    environment: String,
    from: i64,
    to: i64,
    added: Vec<String>,
    changed: Vec<String>,
    removed: Vec<String>,
    keys: Vec<Entry>,
}

impl Report for DiffReport {
    fn human(&self, out: &mut Output) -> io::Result<()> {
        if self.keys.is_empty() {
            out.status(&format!(
                "versions {} and {} of `{}` hold the same values",
                self.from, self.to, self.name
            ));
            return Ok(());
        }
        let mut text = String::new();
        for e in &self.keys {
            let sign = match e.change {
                "added" => '+',
                "removed" => '-',
                _ => '~',
            };
            let mut line = format!("{sign} {}", e.key);
            match (&e.before, &e.after) {
                (Some(b), Some(a)) => {
                    line.push_str(&format!(": {} -> {}", b.expose(), a.expose()));
                }
                (Some(v), None) | (None, Some(v)) => line.push_str(&format!("={}", v.expose())),
                (None, None) => {}
            }
            // One line per key, whatever the values hold.
            text.push_str(&crate::output::escape_controls(&line));
            text.push('\n');
        }
        out.write_stdout(&text)
    }
}

fn entries(changes: &Changes, a: &SecretData, b: &SecretData, reveal: bool) -> Vec<Entry> {
    let value = |data: &SecretData, k: &str| data.get(k).filter(|_| reveal).cloned();
    let entry = |key: &String, change| Entry {
        key: key.clone(),
        change,
        before: value(a, key),
        after: value(b, key),
    };
    let mut all: Vec<Entry> = (changes.added.iter().map(|k| entry(k, "added")))
        .chain(changes.changed.iter().map(|k| entry(k, "changed")))
        .chain(changes.removed.iter().map(|k| entry(k, "removed")))
        .collect();
    all.sort_by(|x, y| x.key.cmp(&y.key));
    all
}

pub async fn run(args: Args, ctx: &Context, out: &mut Output) -> Result<()> {
    let Args {
        secret: ExistingArg { name },
        from,
        to,
        reveal,
    } = args;
    let backend = ctx.backend().await?;
    let env = ctx.env();
    let result = async {
        let current = backend.show(env, &name, &ShowQuery::default()).await?.info;
        let to = to.unwrap_or(current.version);
        let from = match from {
            Some(f) => f,
            None if to > 1 => to - 1,
            None => {
                return Err(Error::invalid(format!(
                    "`{name}` has only version {to}: there is nothing to compare it with"
                )));
            }
        };
        let a = backend.show_version(env, &name, from, true).await?;
        let b = backend.show_version(env, &name, to, true).await?;
        Ok((from, to, a, b))
    }
    .await;
    backend.close().await;
    let (from, to, a, b) = result?;
    let (va, vb) = (a.values.unwrap_or_default(), b.values.unwrap_or_default());
    let changes = Changes::between(&va, &vb);
    out.emit(&DiffReport {
        name: b.name,
        environment: b.environment,
        from,
        to,
        keys: entries(&changes, &va, &vb, reveal),
        added: changes.added,
        changed: changes.changed,
        removed: changes.removed,
    })
}
