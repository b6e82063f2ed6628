//! Dynamic shell completion (`source <(COMPLETE=bash keep)`): names of secrets and
//! environments, read from the store the command line points at.
//!
//! Completers run inside the shell's completion, so they never print, never prompt, never
//! create a store, and give up after 300 ms: a slow or broken store yields no candidates.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use clap_complete::CompletionCandidate;

use crate::backend::{Backend, Create};
use crate::cli::GlobalArgs;
use crate::cmd::Resolved;
use crate::error::Result;
use crate::model::EnvName;
use crate::output::ColorChoice;
use crate::service::ListQuery;

const DEADLINE: Duration = Duration::from_millis(300);

/// Candidates for a secret name in the environment the command line names.
pub fn secret_names() -> Vec<CompletionCandidate> {
    if completes_trailing_command(&words_before_cursor()) {
        return Vec::new();
    }
    let target = Target::from_invocation();
    run(async move {
        let env = target.env.clone();
        let page = target
            .backend()
            .await?
            .list(
                &env,
                &ListQuery {
                    limit: 1000,
                    ..ListQuery::default()
                },
            )
            .await?;
        Ok(page
            .secrets
            .into_iter()
            .map(|s| CompletionCandidate::new(s.name))
            .collect())
    })
}

/// Candidates for `--env`: every environment that holds a secret.
pub fn environment_names() -> Vec<CompletionCandidate> {
    let target = Target::from_invocation();
    run(async move {
        let envs = target.backend().await?.environments().await?;
        Ok(envs.into_iter().map(CompletionCandidate::new).collect())
    })
}

fn run(fut: impl Future<Output = Result<Vec<CompletionCandidate>>>) -> Vec<CompletionCandidate> {
    let Ok(rt) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return Vec::new();
    };
    rt.block_on(async { tokio::time::timeout(DEADLINE, fut).await })
        .ok()
        .and_then(Result::ok)
        .unwrap_or_default()
}

/// The words of the command line before the one being completed. The shell calls
/// `keep -- keep <words>`; bash (and elvish) pass the whole line and the index of the word
/// being completed, the others the words up to it.
fn words_before_cursor() -> Vec<String> {
    let words: Vec<String> = std::env::args().skip_while(|a| a != "--").skip(1).collect();
    let current = std::env::var("_CLAP_COMPLETE_INDEX")
        .ok()
        .and_then(|i| i.parse::<usize>().ok())
        .unwrap_or(words.len().saturating_sub(1));
    words.into_iter().take(current).collect()
}

/// Whether the word being completed follows `--` in a command that ends with a program and
/// its arguments (`keep run NAME... -- COMMAND...`): those are the program's words, not
/// secret names, but clap_complete 4.6.11 does not know `last` positionals and offers the
/// candidates of `NAME...` there.
fn completes_trailing_command(before: &[String]) -> bool {
    let Some(escape) = before.iter().position(|w| w == "--") else {
        return false;
    };
    let cli = crate::cli::command();
    before
        .iter()
        .take(escape)
        .skip(1)
        .find_map(|w| cli.find_subcommand(w))
        .is_some_and(|sub| sub.get_positionals().any(clap::Arg::is_last_set))
}

/// Where the command being completed points: its flags, else the environment variables,
/// else the profile, as for the command itself.
struct Target {
    resolved: Resolved,
    env: EnvName,
}

impl Target {
    fn from_invocation() -> Self {
        // The shell calls `keep -- keep <words being completed>`.
        let words: Vec<OsString> = std::env::args_os()
            .skip_while(|a| a != "--")
            .skip(1)
            .collect();
        let flag = |long: &str, short: Option<&str>| flag_value(&words, long, short);
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let env = flag("--env", Some("-e"))
            .or_else(|| var("KEEP_ENV"))
            .and_then(|e| EnvName::parse(&e).ok());
        let globals = GlobalArgs {
            server: flag("--server", None).or_else(|| var("KEEP_SERVER")),
            profile: flag("--profile", None).or_else(|| var("KEEP_PROFILE")),
            ca_cert: flag("--ca-cert", None)
                .or_else(|| var("KEEP_CA_CERT"))
                .map(PathBuf::from),
            timeout: None,
            env: env.iter().cloned().collect(),
            home: flag("--home", None)
                .or_else(|| var("KEEP_HOME"))
                .map(PathBuf::from),
            json: false,
            quiet: true,
            color: ColorChoice::Never,
            no_input: true,
            from_env: Vec::new(),
        };
        let resolved = Resolved::new(&globals, env.as_ref());
        Self {
            env: resolved.env.clone(),
            resolved,
        }
    }

    /// The store, opened read-only in spirit: a local store that does not exist stays so.
    async fn backend(&self) -> Result<Backend> {
        let target = self.resolved.target.as_ref().map_err(Clone::clone)?;
        Ok(Backend::connect(target, Create::No).await?.backend)
    }
}

/// The value of `--long VALUE`, `--long=VALUE` or `-s VALUE` among `words`, the last one winning.
fn flag_value(words: &[OsString], long: &str, short: Option<&str>) -> Option<String> {
    let words: Vec<&str> = words.iter().filter_map(|w| w.to_str()).collect();
    let mut found = None;
    for (i, w) in words.iter().enumerate() {
        if *w == long || Some(*w) == short {
            found = words.get(i + 1).map(|v| (*v).to_owned());
        } else if let Some(v) = w.strip_prefix(long).and_then(|r| r.strip_prefix('=')) {
            found = Some(v.to_owned());
        }
    }
    found.filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_after_the_escape_of_keep_run_are_the_programs() {
        let words = |line: &str| -> Vec<String> { line.split(' ').map(str::to_owned).collect() };
        assert!(completes_trailing_command(&words("keep run db --")));
        assert!(completes_trailing_command(&words(
            "keep -e x run a b -- env"
        )));
        assert!(!completes_trailing_command(&words("keep run db")));
        assert!(!completes_trailing_command(&words("keep run")));
        // `--` elsewhere only ends the options: a name may follow.
        assert!(!completes_trailing_command(&words("keep show --")));
        assert!(!completes_trailing_command(&words("keep --")));
    }

    #[test]
    fn flags_are_read_from_the_words_being_completed() {
        let words: Vec<OsString> = ["keep", "show", "-e", "staging", "--server=http://x", "d"]
            .iter()
            .map(OsString::from)
            .collect();
        assert_eq!(
            flag_value(&words, "--env", Some("-e")).as_deref(),
            Some("staging")
        );
        assert_eq!(
            flag_value(&words, "--server", None).as_deref(),
            Some("http://x")
        );
        assert_eq!(flag_value(&words, "--home", None), None);
    }
}
