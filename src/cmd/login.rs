//! `keep login`: checks a token against a server, then saves both as a profile.

use std::io::{self, Read};

use jiff::Timestamp;
use serde::Serialize;

use super::common::Context;
use super::target::{profile_ca, same_server};
use crate::client::{Client, Remote, Trust, display_url, parse_fingerprint, parse_pem};
use crate::config::{self, Config, Profile};
use crate::error::{Error, Result};
use crate::model::{Scope, SecretValue};
use crate::output::{Output, Report};

const AFTER_LONG_HELP: &str = "\
The token is read from a hidden prompt on a terminal, or from stdin when stdin is not one: \
never from the command line, where shell history and the process list would keep it. It is \
checked with `GET /v1/whoami` before anything is saved, and nothing is saved if it fails.

The profile goes into $XDG_CONFIG_HOME/keep/config.toml (~/.config/keep/config.toml), mode \
0600 in a 0700 directory, replaced atomically; comments you write there survive. It holds the \
server, the token, the token's name, the CA certificate (the PEM of --ca-cert, copied) or the \
pinned --fingerprint, the default environment (-e) and --timeout. The profile becomes the \
active one: from then on commands go to its server (`keep status` says where they go).

The server is --server (or KEEP_SERVER), else the profile's own, to log in again. The \
profile is --profile (or KEEP_PROFILE), else the one saved for that server, else `default` \
(or the server's host name, if `default` is another server's).

For a server with a private CA: pass the CA's certificate with --ca-cert, or the SHA-256 \
fingerprint that `keep serve --tls-self-signed` prints with --fingerprint (the server's chain \
must hold a certificate with that fingerprint, which is then the only one trusted for it).

Examples:
  $ keep login --server https://keep.example.com
  $ keep login --server https://keep.internal:8787 --fingerprint 3B:9A:...:E1
  $ keep login --server https://keep.internal --ca-cert ca.pem --profile work -e staging
  $ printf '%s' \"$TOKEN\" | keep login --server https://keep.example.com";

/// Save a server and its token as a profile, after checking the token
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP)]
pub struct Args {
    /// Trust the certificate with this SHA-256 fingerprint in the server's chain (as `keep
    /// serve --tls-self-signed` prints it) instead of --ca-cert
    #[arg(long, value_name = "SHA256")]
    pub fingerprint: Option<String>,
}

/// What `keep login` saved.
#[derive(Serialize)]
struct LoginReport {
    profile: String,
    server: String,
    token_name: String,
    #[serde(flatten)]
    scope: Scope,
    expires_at: Option<Timestamp>,
    environment: Option<String>,
    active: bool,
    config: String,
}

impl Report for LoginReport {
    fn human(&self, out: &mut Output) -> io::Result<()> {
        let env = (self.environment.as_deref())
            .map(|e| format!(", environment `{e}`"))
            .unwrap_or_default();
        out.notice(&format!(
            "logged in to {} with token `{}` ({}{}); saved as profile `{}`{env} in `{}`, now the active profile",
            self.server,
            self.token_name,
            super::common::scope_text(&self.scope),
            super::common::expiry_text(self.expires_at),
            self.profile,
            self.config
        ));
        Ok(())
    }
}

pub async fn run(args: Args, ctx: &Context, out: &mut Output) -> Result<()> {
    let Args { fingerprint } = args;
    let g = &ctx.globals;
    let path = match &ctx.resolved.config_path {
        Some(p) => p.clone(),
        None => config::default_path()?,
    };
    let mut config = Config::load(&path)?;
    let server = g.server.as_deref().filter(|s| !s.is_empty());
    let (name, old) = pick_profile(&config, g.profile.as_deref(), server)?;
    let url = match (server, &old) {
        (Some(s), _) => s.to_owned(),
        (None, Some(p)) => p.server.clone(),
        (None, None) => {
            return Err(Error::invalid_with_hint(
                "which server? no `--server` was given and there is no profile to log in to again",
                "pass `--server URL`, such as `keep login --server https://keep.example.com`",
            ));
        }
    };
    crate::client::parse_server_url(&url, true)?;
    // Trust and settings of the old profile carry over only while the server stays the same.
    let old = old.filter(|p| same_server(&p.server, &url));
    let trust = trust(g.ca_cert.as_deref(), fingerprint.as_deref(), old.as_ref())?;
    let token = read_token(&url, out)?;
    let timeout = g.timeout.or_else(|| old.as_ref().and_then(|p| p.timeout));
    let remote = Remote {
        url: url.clone(),
        token: Some(token.clone()),
        token_from: "the token".to_owned(),
        trust: trust.clone(),
        timeout: timeout.map_or(
            crate::client::DEFAULT_TIMEOUT,
            std::time::Duration::from_secs,
        ),
    };
    let client = Client::new(&remote)?;
    let who = out.waiting("checking the token", client.whoami()).await?;
    let environment = match ctx.globals.env.last() {
        Some(e) => Some(e.clone()),
        None => old.as_ref().and_then(|p| p.environment.clone()),
    };
    if let (Some(env), Some(allowed)) = (&environment, &who.scope.environments) {
        if !who.scope.admin && !allowed.iter().any(|a| a == env.as_str()) {
            out.warn(&format!(
                "token `{}` may not use environment `{env}` (it may use: {})",
                who.name,
                allowed.join(", ")
            ));
        }
    }
    let (ca_cert, ca_cert_pem) = match trust.ca {
        Some(crate::client::Ca::Pem { pem, .. }) => (None, Some(pem)),
        Some(crate::client::Ca::File(path)) => (Some(path), None),
        None => (None, None),
    };
    let profile = Profile {
        name: name.clone(),
        server: display_url(&url),
        token: Some(token),
        token_name: Some(who.name.clone()),
        environment: environment.clone(),
        ca_cert,
        ca_cert_pem,
        fingerprint: trust.fingerprint,
        timeout,
    };
    config.set_profile(&profile);
    config.set_active(Some(&name));
    config.save()?;
    out.emit(&LoginReport {
        profile: name,
        server: profile.server,
        token_name: who.name,
        scope: who.scope,
        expires_at: who.expires_at,
        environment: environment.map(|e| e.to_string()),
        active: true,
        config: path.display().to_string(),
    })
}

/// The profile to save into, and what it holds now: the one named, else the one saved for
/// `server`, else the active one (logging in again), else `default` or the server's host name.
fn pick_profile(
    config: &Config,
    named: Option<&str>,
    server: Option<&str>,
) -> Result<(String, Option<Profile>)> {
    if let Some(name) = named.filter(|n| !n.is_empty()) {
        config::check_profile_name(name)?;
        // A profile that cannot be read is rewritten whole.
        return Ok((name.to_owned(), config.profile(name).ok().flatten()));
    }
    let profiles: Vec<Profile> = (config.names().iter())
        .filter_map(|n| config.profile(n).ok().flatten())
        .collect();
    let Some(server) = server else {
        let active = config.active()?;
        let old = active.and_then(|a| profiles.into_iter().find(|p| p.name == a));
        return Ok((
            old.as_ref().map_or("default".into(), |p| p.name.clone()),
            old,
        ));
    };
    if let Some(p) = profiles.iter().find(|p| same_server(&p.server, server)) {
        return Ok((p.name.clone(), Some(p.clone())));
    }
    let taken = |n: &str| profiles.iter().any(|p| p.name == n);
    let host = crate::client::parse_server_url(server, false)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .map(|h| {
            h.chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                        c
                    } else {
                        '_'
                    }
                })
                .take(50)
                .collect::<String>()
        })
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "server".into());
    let name = std::iter::once("default".to_owned())
        .chain(std::iter::once(host.clone()))
        .chain((2..).map(|i| format!("{host}-{i}")))
        .find(|n| !taken(n))
        .unwrap_or(host);
    Ok((name, None))
}

/// What to trust for the server: `--ca-cert` (its PEM is saved, so the file may go), or
/// `--fingerprint`, else what the profile trusted before.
fn trust(
    ca_cert: Option<&std::path::Path>,
    fingerprint: Option<&str>,
    old: Option<&Profile>,
) -> Result<Trust> {
    if ca_cert.is_some() && fingerprint.is_some() {
        return Err(Error::invalid_with_hint(
            "`--ca-cert` and `--fingerprint` both say what to trust",
            "pass one of them",
        ));
    }
    if let Some(path) = ca_cert {
        let hint = "pass `--ca-cert` a PEM file with the certificate of the CA that signed the server's certificate";
        let what = format!("the CA certificate file `{}`", path.display());
        let pem = std::fs::read(path)
            .map_err(|e| Error::invalid_with_hint(format!("{what} cannot be read: {e}"), hint))?;
        parse_pem(&pem, &what, hint)?;
        let pem = String::from_utf8(pem)
            .map_err(|_| Error::invalid_with_hint(format!("{what} is not text"), hint))?;
        return Ok(Trust {
            ca: Some(crate::client::Ca::Pem { from: what, pem }),
            fingerprint: None,
        });
    }
    if let Some(fp) = fingerprint {
        parse_fingerprint(fp)?;
        return Ok(Trust {
            ca: None,
            fingerprint: Some(fp.trim().to_owned()),
        });
    }
    Ok(Trust {
        ca: old.and_then(profile_ca),
        fingerprint: old.and_then(|p| p.fingerprint.clone()),
    })
}

/// The token: at a hidden prompt on a terminal, else all of stdin (trimmed).
fn read_token(url: &str, out: &Output) -> Result<SecretValue> {
    let token = if out.stdin_tty {
        if !out.can_prompt() {
            return Err(Error::invalid_with_hint(
                "the token needs a prompt, but `--no-input` was given or stderr is not a terminal",
                "pipe the token on stdin: `printf '%s' \"$TOKEN\" | keep login ...`",
            ));
        }
        out.prompt_hidden(&format!("Token for {}", display_url(url)))?
    } else {
        let mut buf = zeroize::Zeroizing::new(Vec::new());
        io::stdin()
            .take(64 * 1024)
            .read_to_end(&mut buf)
            .map_err(|e| Error::io("cannot read the token from stdin", e))?;
        let text = std::str::from_utf8(&buf)
            .map_err(|_| Error::invalid("the token read from stdin is not UTF-8"))?;
        SecretValue::new(text.trim().to_owned())
    };
    if token.expose().trim().is_empty() {
        return Err(Error::invalid_with_hint(
            "no token given",
            "type the token `keep serve` or `keep token create` printed, or pipe it on stdin",
        ));
    }
    Ok(SecretValue::new(token.expose().trim().to_owned()))
}
