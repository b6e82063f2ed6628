//! Where a command goes, resolved once before anything runs: each setting from the first of
//! flags, environment variables, the chosen profile, and the embedded store's defaults that
//! sets it (`cli::PRECEDENCE`). A profile's token, CA certificate, environment and timeout
//! apply only while the server is the profile's own, so a token is never sent to a server
//! it was not saved for.

use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

use crate::backend::{Target, default_home};
use crate::cli::GlobalArgs;
use crate::client::{Ca, DEFAULT_TIMEOUT, Remote, Trust, display_url};
use crate::config::{self, Config, Profile};
use crate::error::{Error, Result};
use crate::model::{EnvName, SecretValue};

/// Where a setting came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Flag,
    Environment,
    Profile,
    Default,
}

/// The chosen profile, and why it was chosen.
#[derive(Clone, Debug)]
pub struct Chosen {
    pub profile: Profile,
    /// `--profile`, `KEEP_PROFILE`, or the file's `active`.
    pub by: Source,
    /// Whether its settings are used: no other server was named, or the one named is its own.
    pub applies: bool,
}

/// Everything a command's target depends on, resolved.
pub struct Resolved {
    /// Where commands go; an error (a `KEEP_TOKEN` with no server, a profile that does not
    /// exist, a broken profiles file) is reported by the commands that need a target.
    pub target: Result<Target>,
    pub server_from: Option<Source>,
    pub token_from: Option<Source>,
    pub env: EnvName,
    pub env_from: Source,
    pub home_from: Source,
    pub chosen: Option<Chosen>,
    pub config_path: Option<PathBuf>,
}

/// What the environment holds that is not a clap option: the token.
fn env_token() -> Option<SecretValue> {
    std::env::var("KEEP_TOKEN")
        .ok()
        .filter(|t| !t.trim().is_empty())
        .map(SecretValue::new)
}

impl Resolved {
    /// Resolves `globals` (flags and the variables clap read) against the profiles file.
    /// `env` is the `--env` already checked to be given at most once.
    pub fn new(g: &GlobalArgs, env: Option<&EnvName>) -> Self {
        let origin = |id: &str, set: bool| match set {
            false => None,
            true if g.from_env.iter().any(|i| i == id) => Some(Source::Environment),
            true => Some(Source::Flag),
        };
        let server = g.server.as_deref().filter(|s| !s.is_empty());
        let config_path = config::default_path().ok();
        let chosen = choose_profile(g, config_path.as_deref());
        let (chosen, profile_error) = match chosen {
            Ok(c) => (c, None),
            Err(e) => (None, Some(e)),
        };
        let chosen = chosen.map(|(profile, by)| {
            let applies = server.is_none_or(|s| same_server(s, &profile.server));
            Chosen {
                profile,
                by,
                applies,
            }
        });
        let used = chosen.as_ref().filter(|c| c.applies).map(|c| &c.profile);
        let (env, env_from) = match (env, used.and_then(|p| p.environment.as_ref())) {
            (Some(e), _) => (e.clone(), origin("env", true).unwrap_or(Source::Flag)),
            (None, Some(e)) => (e.clone(), Source::Profile),
            (None, None) => (EnvName::default(), Source::Default),
        };
        let home_from = origin("home", g.home.is_some()).unwrap_or(Source::Default);
        let mut resolved = Self {
            target: Err(Error::Internal("unresolved".into())),
            server_from: None,
            token_from: None,
            env,
            env_from,
            home_from,
            chosen: chosen.clone(),
            config_path,
        };
        resolved.target = match profile_error {
            Some(e) => Err(e),
            None => resolved.target(g, server, used, &origin),
        };
        resolved
    }

    fn target(
        &mut self,
        g: &GlobalArgs,
        server: Option<&str>,
        profile: Option<&Profile>,
        origin: &dyn Fn(&str, bool) -> Option<Source>,
    ) -> Result<Target> {
        let token = env_token();
        let (url, server_from) = match (server, profile) {
            (Some(s), _) => (s.to_owned(), origin("server", true).unwrap_or(Source::Flag)),
            (None, Some(p)) => (p.server.clone(), Source::Profile),
            (None, None) if token.is_some() => {
                return Err(Error::invalid_with_hint(
                    "`KEEP_TOKEN` is set, but no server is: keep will not fall back to the local store",
                    "set `KEEP_SERVER` (or pass `--server URL`) to the server the token belongs to, or save it with `keep login`; unset `KEEP_TOKEN` to use the local store",
                ));
            }
            (None, None) => {
                let home = match &g.home {
                    Some(h) => h.clone(),
                    None => default_home()?,
                };
                return Ok(Target::Local { home });
            }
        };
        self.server_from = Some(server_from);
        let (token, token_from) = match (token, profile.and_then(|p| p.token.clone())) {
            (Some(t), _) => (Some(t), Some(Source::Environment)),
            (None, Some(t)) => (Some(t), Some(Source::Profile)),
            (None, None) => (None, None),
        };
        let token_label = match (token_from, profile) {
            (Some(Source::Profile), Some(p)) => format!("the token of profile `{}`", p.name),
            _ => "`KEEP_TOKEN`".to_owned(),
        };
        self.token_from = token_from;
        let ca = match (&g.ca_cert, profile) {
            (Some(path), _) => Some(Ca::File(path.clone())),
            (None, Some(p)) => profile_ca(p),
            (None, None) => None,
        };
        let timeout = g
            .timeout
            .or_else(|| profile.and_then(|p| p.timeout))
            .map_or(DEFAULT_TIMEOUT, Duration::from_secs);
        Ok(Target::Remote(Remote {
            url,
            token,
            token_from: token_label,
            trust: Trust {
                ca,
                fingerprint: profile.and_then(|p| p.fingerprint.clone()),
            },
            timeout,
        }))
    }
}

/// A profile's CA certificates: the PEM saved in it, else the file it names.
pub fn profile_ca(p: &Profile) -> Option<Ca> {
    match (&p.ca_cert_pem, &p.ca_cert) {
        (Some(pem), _) => Some(Ca::Pem {
            from: format!("profile `{}`", p.name),
            pem: pem.clone(),
        }),
        (None, Some(path)) => Some(Ca::File(path.clone())),
        (None, None) => None,
    }
}

/// Whether two server URLs name the same server.
pub fn same_server(a: &str, b: &str) -> bool {
    display_url(a) == display_url(b)
}

/// The profile `--profile` or `KEEP_PROFILE` names, else the active one; an error if a
/// profile is named and does not exist.
fn choose_profile(
    g: &GlobalArgs,
    path: Option<&std::path::Path>,
) -> Result<Option<(Profile, Source)>> {
    let named = g.profile.as_deref().filter(|p| !p.is_empty());
    let path = match (path, named) {
        (Some(path), _) => path,
        (None, None) => return Ok(None),
        // A profile named where no profiles file can be: say why.
        (None, Some(_)) => return config::default_path().map(|_| None),
    };
    if named.is_none() && !path.exists() {
        return Ok(None);
    }
    let config = Config::load(path)?;
    let (name, by) = match named {
        Some(n) => {
            let by = if g.from_env.iter().any(|i| i == "profile") {
                Source::Environment
            } else {
                Source::Flag
            };
            (n.to_owned(), by)
        }
        None => match config.active()? {
            Some(n) => (n, Source::Profile),
            None => return Ok(None),
        },
    };
    match config.profile(&name)? {
        Some(p) => Ok(Some((p, by))),
        None => Err(no_such_profile(&config, &name, by)),
    }
}

/// The error for a profile that does not exist, with the ones that do.
pub fn no_such_profile(config: &Config, name: &str, by: Source) -> Error {
    let names = config.names();
    let close = closest(&names, name)
        .map(|n| format!("did you mean `{n}`? "))
        .unwrap_or_default();
    let known = if names.is_empty() {
        "there are no profiles yet: `keep login --server URL` saves one".to_owned()
    } else {
        format!(
            "{close}profiles: {} (`keep profile list`); `keep login --profile {name}` saves a new one",
            names.join(", ")
        )
    };
    let how = match by {
        Source::Environment => " (from `KEEP_PROFILE`)",
        Source::Profile => " (the active profile in the profiles file)",
        _ => "",
    };
    Error::invalid_with_hint(
        format!("no profile named `{}`{how}", crate::error::shown(name)),
        known,
    )
}

/// The one of `names` that `typed` is most likely a typo of: at most two single-character
/// edits apart, the closest first.
pub fn closest<'a>(names: &'a [String], typed: &str) -> Option<&'a str> {
    names
        .iter()
        .map(|n| (edit_distance(n, typed), n))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n.as_str())
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}
