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
use crate::error::Result;
use crate::model::EnvName;
use crate::service::ListQuery;

const DEADLINE: Duration = Duration::from_millis(300);

/// Candidates for a secret name in the environment the command line names.
pub fn secret_names() -> Vec<CompletionCandidate> {
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

/// Where the command being completed points: its flags, else the environment variables.
struct Target {
    server: Option<String>,
    ca_cert: Option<PathBuf>,
    home: Option<PathBuf>,
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
            .and_then(|e| EnvName::parse(&e).ok())
            .unwrap_or_default();
        Self {
            server: flag("--server", None).or_else(|| var("KEEP_SERVER")),
            ca_cert: flag("--ca-cert", None)
                .or_else(|| var("KEEP_CA_CERT"))
                .map(PathBuf::from),
            home: flag("--home", None)
                .or_else(|| var("KEEP_HOME"))
                .map(PathBuf::from),
            env,
        }
    }

    /// The store, opened read-only in spirit: a local store that does not exist stays so.
    async fn backend(&self) -> Result<Backend> {
        Backend::connect(
            self.server.as_deref(),
            self.ca_cert.as_deref(),
            self.home.as_deref(),
            Create::No,
        )
        .await
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
