//! What several subcommands share: the context, `--allow-existing`/`--force`, value entry,
//! the report of a write, the note on a cut listing, and the
//! DATE of `keep list --created-before` and `keep audit --since`.

use std::io::{self, Read};
use std::path::PathBuf;

use jiff::{Span, Timestamp, Zoned, civil::DateTime, tz::TimeZone};
use serde::Serialize;
use zeroize::Zeroizing;

use super::input;
use super::target::Resolved;
use crate::backend::{Backend, Create, Target, local_paths};
use crate::cli::GlobalArgs;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::model::{CreateOutcome, EnvName, OnConflict, SecretData, SecretName, SecretValue};
use crate::output::{Output, Report};

/// Resolved global options, and the store they point at (opened on first use).
pub struct Context {
    pub globals: GlobalArgs,
    /// Where commands go, and the environment they act in (`--env`, `KEEP_ENV`, the profile's,
    /// or `main`).
    pub resolved: Resolved,
}

impl Context {
    /// Resolves the global options. `--env` may be given once, except to commands that
    /// take several environments (`many_envs`), which read `globals.env` themselves.
    pub fn new(globals: GlobalArgs, many_envs: bool) -> Result<Self> {
        let env = match globals.env.as_slice() {
            [] => None,
            [one] => Some(one.clone()),
            [.., last] if many_envs => Some(last.clone()),
            _ => {
                return Err(Error::Usage(
                    "the argument '--env <NAME>' cannot be used multiple times".into(),
                ));
            }
        };
        let resolved = Resolved::new(&globals, env.as_ref());
        Ok(Self { globals, resolved })
    }

    pub fn env(&self) -> &EnvName {
        &self.resolved.env
    }

    /// Where commands go; the error found resolving it, if any.
    pub fn target(&self) -> Result<&Target> {
        self.resolved.target.as_ref().map_err(Clone::clone)
    }

    /// Whether commands go to a server (and so need an async runtime for the HTTP client).
    pub fn is_remote(&self) -> bool {
        matches!(self.resolved.target, Ok(Target::Remote(_)))
    }

    /// The store to read from: reading never creates a local store.
    pub async fn backend(&self) -> Result<Backend> {
        Ok(Backend::connect(self.target()?, Create::No).await?.backend)
    }

    /// The store to write to. The first write on this machine creates the local store, and
    /// says so on a terminal, with where the master key is.
    pub async fn backend_for_write(&self, out: &Output) -> Result<Backend> {
        let target = self.target()?;
        let opened = Backend::connect(target, Create::Yes).await?;
        if let (true, Target::Local { home }) = (opened.created, target) {
            let key = local_paths(home).1;
            out.note(&format!(
                "created a new local store in `{}`; its master key is `{}`: back it up, \
                 without it the secrets cannot be read",
                home.display(),
                key.display()
            ));
        }
        Ok(opened.backend)
    }

    /// The server, for what only a `keep serve` has (`what`: tokens, the audit log, keys).
    pub fn server(&self, what: &str) -> Result<Client> {
        Backend::server_only(self.target()?, what)
    }

    /// `local` or the server's URL, for `--json` reports of writes.
    pub fn store(&self) -> String {
        self.target().map(Target::label).unwrap_or_default()
    }

    /// Where a write went, for messages: `the local store` or the server's URL.
    pub fn store_shown(&self) -> String {
        self.target().map(Target::shown).unwrap_or_default()
    }
}

/// A token's scope in words: `admin`, or its access and environments.
pub fn scope_text(scope: &crate::model::Scope) -> String {
    if scope.admin {
        return "admin".to_owned();
    }
    let envs = scope
        .environments
        .as_ref()
        .map_or_else(|| "all environments".to_owned(), |e| e.join(", "));
    let access = if scope.read_only {
        "read"
    } else {
        "read, write"
    };
    format!("{access}: {envs}")
}

/// `, expires ...` for a token that expires.
pub fn expiry_text(expires_at: Option<Timestamp>) -> String {
    expires_at
        .map(|t| format!(", expires {}", t.strftime("%Y-%m-%d %H:%M UTC")))
        .unwrap_or_default()
}

/// After a listing cut at `--max`: says so on stderr whatever stderr is (a script that
/// reads only part of a list should know), naming the flags that get the rest.
pub fn note_more(out: &Output, shown: u64, what: &str) {
    out.warn(&format!(
        "showing the newest {shown} {what}; more exist: pass `--all` for every one, or `--max N`"
    ));
}

/// Follows `next_cursor` from page to page until `wanted` items are in (`fetch` gets the
/// page size and the cursor). Returns the items and whether more were left behind.
pub async fn collect_pages<T, F, Fut>(wanted: u64, mut fetch: F) -> Result<(Vec<T>, bool)>
where
    F: FnMut(u32, Option<String>) -> Fut,
    Fut: std::future::Future<Output = Result<(Vec<T>, Option<String>)>>,
{
    let mut items = Vec::new();
    let mut cursor = None;
    loop {
        let remaining = wanted - items.len() as u64;
        let limit = remaining.min(u64::from(crate::service::MAX_PAGE)) as u32;
        let (page, next) = fetch(limit, cursor.take()).await?;
        items.extend(page);
        match next {
            Some(c) if (items.len() as u64) < wanted => cursor = Some(c),
            Some(_) => return Ok((items, true)),
            None => return Ok((items, false)),
        }
    }
}

/// `--allow-existing` / `--force`.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct ConflictArgs {
    /// If the secret exists, keep its values and succeed
    #[arg(long, conflicts_with = "force")]
    pub allow_existing: bool,
    /// If the secret exists, replace its values
    #[arg(long)]
    pub force: bool,
}

impl ConflictArgs {
    pub fn mode(&self) -> OnConflict {
        match (self.allow_existing, self.force) {
            (true, _) => OnConflict::AllowExisting,
            (_, true) => OnConflict::Force,
            _ => OnConflict::Fail,
        }
    }
}

/// The JSON of `create` and `import-*`.
#[derive(Debug, Serialize)]
pub struct WriteReport {
    pub id: String,
    pub name: String,
    pub environment: String,
    pub created: bool,
    pub replaced: bool,
    pub keys: Vec<String>,
    /// The secret's version after the write.
    pub version: i64,
    /// `local`, or the server's URL.
    pub store: String,
    #[serde(skip)]
    pub shown: String,
}

impl WriteReport {
    pub fn new(o: CreateOutcome, ctx: &Context) -> Self {
        Self {
            id: o.secret.id,
            name: o.secret.name,
            environment: o.secret.environment,
            created: o.created,
            replaced: o.replaced,
            keys: o.secret.keys,
            version: o.secret.version,
            store: ctx.store(),
            shown: ctx.store_shown(),
        }
    }
}

impl Report for WriteReport {
    fn human(&self, out: &mut Output) -> io::Result<()> {
        let n = self.keys.len();
        let what = if self.created {
            "created"
        } else if self.replaced {
            "replaced"
        } else {
            "kept existing"
        };
        let keys = if n == 1 { "key" } else { "keys" };
        out.status(&format!(
            "{what} secret `{}` in `{}` on {} ({n} {keys})",
            self.name, self.environment, self.shown
        ));
        Ok(())
    }
}

/// Writes `data` as secret `name` and reports it: the tail of `create` and `import-*`.
pub async fn write_secret(
    ctx: &Context,
    out: &mut Output,
    name: &SecretName,
    data: &SecretData,
    conflict: &ConflictArgs,
) -> Result<()> {
    crate::model::validate_data(data)?;
    let backend = ctx.backend_for_write(out).await?;
    let outcome = out
        .waiting(
            "saving",
            backend.create(ctx.env(), name, data, conflict.mode()),
        )
        .await;
    backend.close().await;
    out.emit(&WriteReport::new(outcome?, ctx))
}

/// Values given on the command line: `KEY=VALUE`, `KEY=-`, `--from-file KEY=PATH`.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct ValueArgs {
    /// Variables as KEY=VALUE, or KEY=- to read the value from stdin or a hidden prompt
    #[arg(value_name = "KEY=VALUE")]
    pub pairs: Vec<String>,
    /// Read KEY's value from the file at PATH, byte for byte (repeatable); `-` is stdin
    #[arg(long, value_name = "KEY=PATH")]
    pub from_file: Vec<String>,
    /// Read variables from a dotenv file (python-dotenv syntax); `-` is stdin
    #[arg(long, value_name = "PATH")]
    pub from_dotenv: Option<PathBuf>,
    /// Read variables from a JSON object of strings; `-` is stdin
    #[arg(long, value_name = "PATH")]
    pub from_json: Option<PathBuf>,
}

impl ValueArgs {
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
            && self.from_file.is_empty()
            && self.from_dotenv.is_none()
            && self.from_json.is_none()
    }

    /// The values. Later sources override earlier ones: pairs, then `--from-file`, then
    /// `--from-dotenv`, then `--from-json`. Stdin can be read by one argument at most.
    pub fn read(&self, out: &Output) -> Result<SecretData> {
        let from_stdin = |path: &Option<PathBuf>| path.as_deref().is_some_and(input::is_stdin);
        let also_stdin = [
            (from_stdin(&self.from_dotenv), "--from-dotenv -"),
            (from_stdin(&self.from_json), "--from-json -"),
        ];
        let also_stdin = also_stdin
            .into_iter()
            .filter_map(|(reads, arg)| reads.then_some(arg));
        // On a terminal, `KEY=-` prompts instead.
        let pairs = if out.stdin_tty {
            &[][..]
        } else {
            &self.pairs[..]
        };
        let dash = |arg: &&String| arg.split_once('=').is_some_and(|(_, v)| v == "-");
        let readers: Vec<String> = (pairs.iter().filter(dash))
            .chain(self.from_file.iter().filter(dash))
            .map(String::as_str)
            .chain(also_stdin)
            .map(|arg| format!("`{arg}`"))
            .collect();
        input::one_stdin_reader(&readers)?;
        let mut data = read_pairs(&self.pairs, out)?;
        data.extend(input::read_value_files(&self.from_file, out)?);
        if let Some(path) = &self.from_dotenv {
            data.extend(input::read_dotenv_file(path, out)?);
        }
        if let Some(path) = &self.from_json {
            data.extend(input::read_json_file(path, out)?);
        }
        Ok(data)
    }
}

/// Splits `KEY=VALUE`. The argument may be a value typed by mistake, so it is never echoed.
pub fn split_pair(arg: &str, position: usize) -> Result<(&str, &str)> {
    let (key, value) = arg.split_once('=').ok_or_else(|| {
        Error::invalid_with_hint(
            format!("argument {position} is not of the form KEY=VALUE"),
            "write `KEY=VALUE`, or `KEY=-` to type the value at a hidden prompt or pipe it on stdin",
        )
    })?;
    crate::model::check_key(key)?;
    Ok((key, value))
}

/// Reads `KEY=VALUE` and `KEY=-` arguments. `-` takes the value from stdin when it is not a
/// terminal (all of it, one trailing newline trimmed) and from a hidden prompt when it is.
/// The caller has checked that stdin has only one reader.
fn read_pairs(pairs: &[String], out: &Output) -> Result<SecretData> {
    let mut data = SecretData::new();
    for (i, arg) in pairs.iter().enumerate() {
        let (key, value) = split_pair(arg, i + 1)?;
        let value = if value == "-" {
            read_dash_value(key, out)?
        } else {
            SecretValue::new(value.to_owned())
        };
        data.insert(key.to_owned(), value);
    }
    Ok(data)
}

fn read_dash_value(key: &str, out: &Output) -> Result<SecretValue> {
    if !out.stdin_tty {
        let mut buf = Zeroizing::new(Vec::new());
        let limit = (crate::model::MAX_VALUE_BYTES + 2) as u64;
        io::stdin()
            .take(limit)
            .read_to_end(&mut buf)
            .map_err(|e| Error::io("cannot read stdin", e))?;
        if buf.is_empty() {
            return Err(Error::invalid_with_hint(
                format!("no value for `{key}`: stdin was empty"),
                format!("pipe the value in, or write `{key}=` to store an empty value"),
            ));
        }
        let mut s = String::from_utf8(std::mem::take(&mut *buf)).map_err(|_| {
            Error::invalid(format!(
                "the value for `{key}` read from stdin is not UTF-8"
            ))
        })?;
        if s.ends_with('\n') {
            s.pop();
            if s.ends_with('\r') {
                s.pop();
            }
        }
        return Ok(SecretValue::new(s));
    }
    if !out.can_prompt() {
        let why = if out.no_input {
            "`--no-input` was given"
        } else {
            "stderr is not a terminal"
        };
        return Err(Error::invalid_with_hint(
            format!("`{key}=-` needs a prompt, but {why}"),
            "pipe the value on stdin instead",
        ));
    }
    out.prompt_secret(key)
}

/// Parses a day, an RFC 3339 time, or a span back from now.
pub fn parse_date(s: &str) -> Result<Timestamp> {
    if let Ok(t) = s.parse::<Timestamp>() {
        return Ok(t);
    }
    // A date, or a date and time without an offset: both are taken as UTC.
    if let Ok(dt) = s.parse::<DateTime>() {
        if let Ok(z) = dt.to_zoned(TimeZone::UTC) {
            return Ok(z.timestamp());
        }
    }
    if let Ok(span) = s.parse::<Span>() {
        // Calendar units (days, weeks) need a time zone to be added; UTC gives 24-hour days.
        if let Ok(z) = Zoned::now()
            .with_time_zone(TimeZone::UTC)
            .checked_sub(span.abs())
        {
            return Ok(z.timestamp());
        }
    }
    Err(Error::invalid_with_hint(
        format!("invalid date `{}`", s.escape_debug()),
        "use a day (2025-01-01), an RFC 3339 time (2025-01-01T12:00:00Z) or a span (7d, 12h)",
    ))
}

/// Completes on Ctrl-C or SIGTERM: how `keep serve` and `keep dashboard` are stopped.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_in_three_forms() {
        assert_eq!(
            parse_date("2025-01-01").unwrap().to_string(),
            "2025-01-01T00:00:00Z"
        );
        assert_eq!(
            parse_date("2025-01-01T12:00:00+02:00").unwrap().to_string(),
            "2025-01-01T10:00:00Z"
        );
        let week = parse_date("7d").unwrap();
        let expect = Timestamp::now().as_second() - 7 * 86400;
        assert!((week.as_second() - expect).abs() < 5);
        assert!(parse_date("12h").unwrap() > week);
        assert_eq!(
            parse_date("2025-01-01T23:59:59").unwrap().to_string(),
            "2025-01-01T23:59:59Z"
        );
        for bad in ["", "yesterday", "2025-13-01", "7x"] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }
}
