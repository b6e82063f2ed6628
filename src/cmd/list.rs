//! `keep list`: secrets of an environment, newest first, fetched page by page.

use std::io;

use jiff::Timestamp;
use serde::Serialize;

use super::args::{Paging, with_help};
use super::common::{Context, collect_pages, note_more, parse_date};
use crate::error::Result;
use crate::model::SecretInfo;
use crate::output::{Output, Report};
use crate::service::ListQuery;

const AFTER_LONG_HELP: &str = "\
DATE is a day (`2025-01-01`, midnight UTC), an RFC 3339 time (`2025-01-01T12:00:00Z`), or a \
span back from now (`7d`, `12h`, `2w`): `--created-before 7d` lists secrets created more than \
7 days ago.

At most 100 secrets are listed unless --max or --all says otherwise. When more exist, a \
warning on stderr says so and names --all, whether or not stderr is a terminal (a JSON array \
has no room for a `truncated` field). Listing a local store that does not exist is exit 3.

Examples:
  $ keep list
  $ keep list --max 10 --created-before 30d
  $ keep list --all --json | jq -r '.[].name'";

/// List secrets, newest first
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP)]
#[command(mut_args(with_help(&[
    ("max", "Show at most N secrets"),
    ("all", "Show every secret, however many"),
])))]
pub struct Args {
    #[command(flatten)]
    pub paging: Paging,
    /// Only secrets created before DATE
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub created_before: Option<Timestamp>,
}

#[derive(Serialize)]
#[serde(transparent)]
struct ListReport(Vec<SecretInfo>);

impl Report for ListReport {
    fn human(&self, out: &mut Output) -> io::Result<()> {
        let rows: Vec<Vec<String>> = self
            .0
            .iter()
            .map(|s| {
                vec![
                    s.name.clone(),
                    out.time(Some(s.created_at)),
                    s.created_by.clone(),
                    out.time(s.last_used_at),
                ]
            })
            .collect();
        if rows.is_empty() {
            out.status("no secrets");
            return Ok(());
        }
        out.table(&["NAME", "CREATED AT", "CREATED BY", "LAST USED AT"], &rows)
    }
}

pub async fn run(args: Args, ctx: &Context, out: &mut Output) -> Result<()> {
    let Args {
        paging,
        created_before,
    } = args;
    let wanted = paging.wanted();
    let backend = ctx.backend().await?;
    let fetched = collect_pages(wanted, |limit, cursor| {
        let query = ListQuery {
            limit,
            created_before,
            cursor,
        };
        let (backend, out) = (&backend, &*out);
        async move {
            let page = out
                .waiting("listing", backend.list(ctx.env(), &query))
                .await?;
            Ok((page.secrets, page.next_cursor))
        }
    })
    .await;
    backend.close().await;
    let (secrets, more) = fetched?;
    out.emit(&ListReport(secrets))?;
    if more {
        note_more(out, paging.max, "secrets");
    }
    Ok(())
}
