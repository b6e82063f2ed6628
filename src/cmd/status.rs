//! `keep status`: where commands go and why, and whether the server takes the token.

use std::io;

use jiff::Timestamp;
use serde::Serialize;

use super::common::{Context, expiry_text, scope_text};
use super::target::Source;
use crate::backend::{Target, local_paths, local_store_exists};
use crate::client::Client;
use crate::error::{Error, Result};
use crate::model::Scope;
use crate::output::{Output, Report};

const AFTER_LONG_HELP: &str = "\
Says where commands go: the local store (its directory, and whether it exists yet) or a \
server (its URL and version, the token's name, scope and expiry), which profile is chosen and \
whether it applies, and the environment, each with where it came from (a flag, an environment \
variable, the profile, or the default). Nothing is created.

The exit code is not 0 when the server cannot be reached (6) or refuses the token (5), and 2 \
when the settings contradict each other (KEEP_TOKEN with no server), so CI can run it first.

Examples:
  $ keep status
  $ keep status --json | jq -r .store
  $ KEEP_SERVER=https://keep.example.com KEEP_TOKEN=$TOKEN keep status";

/// Show where commands go (local store or server), the token and the active profile
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP)]
pub struct Args {}

#[derive(Serialize)]
struct LocalStatus {
    home: String,
    exists: bool,
    master_key: String,
}

#[derive(Serialize)]
struct ServerStatus {
    url: String,
    /// Whether it answered `GET /v1/health`.
    reachable: bool,
    version: Option<String>,
}

#[derive(Serialize)]
struct TokenStatus {
    name: String,
    #[serde(flatten)]
    scope: Scope,
    expires_at: Option<Timestamp>,
    from: Option<Source>,
}

#[derive(Serialize)]
struct ProfileStatus {
    name: String,
    /// `flag` (--profile), `environment` (KEEP_PROFILE) or `active`.
    chosen_by: &'static str,
    applies: bool,
}

/// The JSON of `keep status`.
#[derive(Serialize)]
struct StatusReport {
    /// `local`, or the server's URL: where commands go.
    store: String,
    store_from: Source,
    local: Option<LocalStatus>,
    server: Option<ServerStatus>,
    token: Option<TokenStatus>,
    profile: Option<ProfileStatus>,
    environment: String,
    environment_from: Source,
}

fn from_text(from: Source, profile: Option<&ProfileStatus>) -> String {
    match (from, profile) {
        (Source::Flag, _) => "from a flag".into(),
        (Source::Environment, _) => "from the environment".into(),
        (Source::Profile, Some(p)) => format!("from profile `{}`", p.name),
        (Source::Profile, None) => "from the profile".into(),
        (Source::Default, _) => "default".into(),
    }
}

impl Report for StatusReport {
    fn human(&self, out: &mut Output) -> io::Result<()> {
        let p = self.profile.as_ref();
        let mut rows = Vec::new();
        let mut row = |k: &str, v: String| rows.push(vec![k.to_owned(), v]);
        match (&self.local, &self.server) {
            (Some(l), _) => {
                row(
                    "store",
                    format!("local, in `{}` ({})", l.home, from_text(self.store_from, p)),
                );
                if l.exists {
                    row("master key", format!("`{}`: keep a backup", l.master_key));
                } else {
                    row(
                        "",
                        "no local store yet: the first `keep create` makes it".to_owned(),
                    );
                }
            }
            (None, Some(s)) => {
                row(
                    "store",
                    format!("{} ({})", s.url, from_text(self.store_from, p)),
                );
                let version = s.version.as_deref().unwrap_or("an older version");
                match s.reachable {
                    true => row("server", format!("keep {version}, reachable")),
                    false => row("server", "not reached (see below)".into()),
                }
            }
            (None, None) => {}
        }
        match &self.token {
            Some(t) => row(
                "token",
                format!(
                    "`{}` ({}{}), {}",
                    t.name,
                    scope_text(&t.scope),
                    expiry_text(t.expires_at),
                    t.from.map_or("-".into(), |f| from_text(f, p))
                ),
            ),
            None if self.server.as_ref().is_some_and(|s| s.reachable) => {
                row("token", "none".into())
            }
            None => {}
        }
        let profile = match p {
            None => "none (`keep login` saves one)".to_owned(),
            Some(p) => {
                let by = match p.chosen_by {
                    "flag" => "chosen by --profile",
                    "environment" => "chosen by KEEP_PROFILE",
                    _ => "the active one",
                };
                let used = if p.applies {
                    ""
                } else {
                    "; not used: the server given is another"
                };
                format!("`{}` ({by}{used})", p.name)
            }
        };
        row("profile", profile);
        row(
            "environment",
            format!(
                "`{}` ({})",
                self.environment,
                from_text(self.environment_from, p)
            ),
        );
        out.table(&[], &rows)
    }
}

pub async fn run(args: Args, ctx: &Context, out: &mut Output) -> Result<()> {
    let Args {} = args;
    let r = &ctx.resolved;
    let profile = r.chosen.as_ref().map(|c| ProfileStatus {
        name: c.profile.name.clone(),
        chosen_by: match c.by {
            Source::Flag => "flag",
            Source::Environment => "environment",
            _ => "active",
        },
        applies: c.applies,
    });
    let target = ctx.target()?;
    let mut report = StatusReport {
        store: target.label(),
        store_from: r.server_from.unwrap_or(r.home_from),
        local: None,
        server: None,
        token: None,
        profile,
        environment: r.env.to_string(),
        environment_from: r.env_from,
    };
    match target {
        Target::Local { home } => {
            report.local = Some(LocalStatus {
                home: home.display().to_string(),
                exists: local_store_exists(home),
                master_key: local_paths(home).1.display().to_string(),
            });
        }
        Target::Remote(remote) => {
            let client = Client::new(remote)?;
            report.server = Some(ServerStatus {
                url: client.server_url(),
                reachable: false,
                version: None,
            });
            // On failure, people still see where commands go; `--json` gets the error alone.
            let failed = |report: &StatusReport, out: &mut Output, e| {
                if !out.json {
                    out.emit(report)?;
                }
                Err(e)
            };
            let health = match out.waiting("asking the server", client.health()).await {
                Ok(health) => health,
                Err(e) => return failed(&report, out, e),
            };
            if let Some(s) = report.server.as_mut() {
                s.reachable = true;
                s.version = health.version;
            }
            if remote.token.is_none() {
                let e = Error::Unauthorized(format!(
                    "no token is set for the server at {}",
                    client.server_url()
                ));
                return failed(&report, out, e);
            }
            match out.waiting("checking the token", client.whoami()).await {
                Ok(who) => {
                    report.token = Some(TokenStatus {
                        name: who.name,
                        scope: who.scope,
                        expires_at: who.expires_at,
                        from: r.token_from,
                    })
                }
                Err(e) => return failed(&report, out, e),
            }
        }
    }
    out.emit(&report)
}
