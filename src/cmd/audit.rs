//! `keep audit`: the server's audit log, newest first (admin token needed).

use std::io;

use jiff::Timestamp;
use serde::Serialize;

use super::args::{Paging, with_help};
use super::common::{Context, collect_pages, note_more, parse_date};
use crate::error::Result;
use crate::model::AuditEvent;
use crate::output::{Output, Report};
use crate::service::AuditQuery;

const AFTER_LONG_HELP: &str = "\
Every request to a `keep serve` that touches a secret or a token is recorded: when, which \
token (actor), from which address, the action (secret.create, secret.reveal, token.revoke, \
...), the environment and secret or token, and the outcome (ok, unauthorized, forbidden, \
not_found, conflict, invalid, error). Never a value. A write is acknowledged only once its \
record is stored.

Examples:
  $ keep audit --since 24h
  $ keep audit --since 7d --all --json | jq -r '.[] | select(.outcome != \"ok\")'";

/// Show the server's audit log (admin)
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP)]
#[command(mut_args(with_help(&[
    ("max", "Show at most N records"),
    ("all", "Show every record, however many"),
])))]
pub struct Args {
    /// Only records at or after DATE (a day, an RFC 3339 time, or a span back: 7d, 12h)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<Timestamp>,
    #[command(flatten)]
    pub paging: Paging,
}

#[derive(Serialize)]
#[serde(transparent)]
struct AuditReport(Vec<AuditEvent>);

impl Report for AuditReport {
    fn human(&self, out: &mut Output) -> io::Result<()> {
        if self.0.is_empty() {
            out.status("no audit records");
            return Ok(());
        }
        let rows: Vec<Vec<String>> = self
            .0
            .iter()
            .map(|e| {
                vec![
                    out.time(Some(e.at)),
                    e.actor.clone(),
                    e.client.clone(),
                    e.action.clone(),
                    e.environment.clone().unwrap_or_default(),
                    e.target.clone().unwrap_or_default(),
                    e.outcome.clone(),
                ]
            })
            .collect();
        out.table(
            &[
                "AT",
                "ACTOR",
                "CLIENT",
                "ACTION",
                "ENVIRONMENT",
                "TARGET",
                "OUTCOME",
            ],
            &rows,
        )
    }
}

pub async fn run(args: Args, ctx: &Context, out: &mut Output) -> Result<()> {
    let Args { since, paging } = args;
    let wanted = paging.wanted();
    let client = ctx.server("audit records")?;
    let (events, more) = collect_pages(wanted, |limit, cursor| {
        let query = AuditQuery {
            since,
            limit,
            cursor,
        };
        let (client, out) = (&client, &*out);
        async move {
            let page = out.waiting("reading", client.audit(&query)).await?;
            Ok((page.events, page.next_cursor))
        }
    })
    .await?;
    out.emit(&AuditReport(events))?;
    if more {
        note_more(out, paging.max, "records");
    }
    Ok(())
}
