//! `keep serve`: the HTTP(S) server over an SQLite store in a data directory.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use super::common::Context;
use crate::error::{Error, Result};
use crate::output::Output;
use crate::server::{self, DataDir, ServeOptions};
use crate::service::SessionLimits;

const AFTER_LONG_HELP: &str = "\
On first start with an empty data directory, keep serve creates an admin token and writes it \
to DIR/admin.token (mode 0600); only its hash is stored. It prints the token once on stderr \
when stderr is a terminal; otherwise (systemd, a container) it prints only where the file is, \
so the token never lands in a log. A lost admin token is replaced offline by the operator: \
`keep serve admin-token --data-dir DIR` (or `--database postgres://...`). Every request except \
GET /v1/health and GET /v1/openapi.json (the OpenAPI description of the API) needs \
`Authorization: Bearer <token>`.

The master key is DIR/master.key (created on first start), or KEEP_MASTER_KEY (64 hex digits).

With --tls-cert and --tls-key keep serve speaks HTTPS (TLS 1.2 and 1.3; HTTP/1.1 and HTTP/2). \
With --tls-self-signed it makes a private CA on first start (DIR/tls/ca.pem and its key \
DIR/tls/ca.key) and, at every start, a certificate it signs for the --tls-name names \
(default: this host's name, localhost and the listen address); it prints the CA's path and \
SHA-256 fingerprint, which clients pass to `keep login --fingerprint` (or copy the CA file \
and pass `--ca-cert`). Without TLS keep serve speaks plain HTTP on loopback addresses only, \
unless --insecure-http is given (for a TLS-terminating proxy in front on a private network).

The dashboard is at /ui/ on the same listener: log in with a token, which is traded for a \
session (ended after --session-idle unused, or --session-max at most, or when the token is \
revoked or expires); revealed values are masked again after --reveal-for. Its cookie is \
`Secure`: browsers accept it over HTTPS, and over plain HTTP on 127.0.0.1 or localhost only.

A client has 10 s (at most --request-timeout) to send each request head, and the request \
timeout for the whole request; slower requests get 408 or a closed connection.

Examples:
  $ keep serve --listen 127.0.0.1:8787
  $ keep serve --listen 0.0.0.0:8787 --tls-self-signed --tls-name keep.internal
  $ keep serve --listen 0.0.0.0:443 --tls-cert /etc/keep/cert.pem --tls-key /etc/keep/key.pem
  $ keep login --server http://127.0.0.1:8787 < ~/.local/share/keep/server/admin.token";

/// Run the keep HTTP server
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP, args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,
    /// Address to listen on, HOST:PORT (port 0 picks a free port)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8787", value_parser = parse_listen)]
    pub listen: String,
    #[command(flatten)]
    pub store: super::args::ServerStore,
    /// Failed authentications a client address may make per minute before it is refused
    /// with 429 for the rest of that minute (0: no limit)
    #[arg(
        long,
        value_name = "N",
        env = "KEEP_AUTH_FAILURE_LIMIT",
        hide_env_values = true,
        default_value_t = server::AUTH_FAILURES_PER_MINUTE
    )]
    pub auth_failure_limit: u32,
    /// Serve HTTPS with this PEM certificate chain (leaf first); needs --tls-key
    #[arg(
        long,
        value_name = "PEM",
        env = "KEEP_TLS_CERT",
        hide_env_values = true,
        requires = "tls_key"
    )]
    pub tls_cert: Option<PathBuf>,
    /// The PEM private key of --tls-cert
    #[arg(
        long,
        value_name = "PEM",
        env = "KEEP_TLS_KEY",
        hide_env_values = true,
        requires = "tls_cert"
    )]
    pub tls_key: Option<PathBuf>,
    /// Serve HTTPS with a certificate signed by a private CA of this server's own, made on
    /// first start in DIR/tls
    #[arg(long, conflicts_with_all = ["tls_cert", "tls_key"])]
    pub tls_self_signed: bool,
    /// A name (or IP address) the --tls-self-signed certificate is for (repeatable) [default:
    /// this host's name, localhost and the listen address]
    #[arg(long, value_name = "NAME", requires = "tls_self_signed")]
    pub tls_name: Vec<String>,
    /// Allow plain HTTP on a non-loopback address: tokens and values cross the network in clear
    #[arg(long, conflicts_with_all = ["tls_cert", "tls_self_signed"])]
    pub insecure_http: bool,
    /// Seconds a request may take, body included, before it gets 408
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 30,
        value_parser = clap::value_parser!(u64).range(1..=3600)
    )]
    pub request_timeout: u64,
    /// Versions kept of each secret, the newest; the write that passes the limit deletes the
    /// oldest (0: keep every version)
    #[arg(
        long,
        value_name = "N",
        env = "KEEP_MAX_VERSIONS",
        hide_env_values = true,
        default_value_t = crate::service::DEFAULT_MAX_VERSIONS
    )]
    pub max_versions: u32,
    /// How long a dashboard session lasts unused, such as `15m` or `90s`
    #[arg(long, value_name = "SPAN", default_value = "15m", value_parser = parse_session_span)]
    pub session_idle: Duration,
    /// How long a dashboard session lasts at most, used or not, such as `8h`
    #[arg(long, value_name = "SPAN", default_value = "8h", value_parser = parse_session_span)]
    pub session_max: Duration,
    /// How long the dashboard shows revealed values before masking them again
    #[arg(long, value_name = "SPAN", default_value = "30s", value_parser = parse_session_span)]
    pub reveal_for: Duration,
}

fn parse_session_span(s: &str) -> Result<Duration> {
    let d = crate::model::parse_span(s)?;
    Duration::try_from(d).map_err(|_| Error::invalid(format!("invalid span `{s}`")))
}

/// Administration of a running server.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    RotateKey(super::rotate_key::Args),
    AdminToken(super::admin_token::Args),
}

/// `--listen`: HOST:PORT. A port alone is refused with the two addresses it may have meant.
fn parse_listen(s: &str) -> Result<String> {
    let port_ok = |p: &str| p.parse::<u16>().is_ok();
    match s.rsplit_once(':') {
        Some((host, port)) if !host.is_empty() && port_ok(port) => Ok(s.to_owned()),
        _ if port_ok(s) => Err(Error::invalid_with_hint(
            format!("`{s}` is a port, not HOST:PORT"),
            format!(
                "pass `127.0.0.1:{s}` to listen on this machine only, or `0.0.0.0:{s}` on every interface"
            ),
        )),
        _ => Err(Error::invalid_with_hint(
            format!("`{}` is not HOST:PORT", crate::error::shown(s)),
            "pass an address such as `127.0.0.1:8787`, `0.0.0.0:443` or `[::1]:8787`",
        )),
    }
}

pub async fn run(args: Args, ctx: &Context, out: &mut Output) -> Result<()> {
    let Args {
        action,
        listen,
        store,
        auth_failure_limit,
        tls_cert,
        tls_key,
        tls_self_signed,
        tls_name,
        insecure_http,
        request_timeout,
        max_versions,
        session_idle,
        session_max,
        reveal_for,
    } = args;
    match action {
        Some(Action::RotateKey(a)) => return super::rotate_key::run(a, ctx, out).await,
        Some(Action::AdminToken(a)) => return super::admin_token::run(a, ctx, out).await,
        None => {}
    }
    let (dir, database) = store.resolve()?;
    server::check_data_dir(&dir)?;
    let mut tls = match (&tls_cert, &tls_key) {
        (Some(cert), Some(key)) => Some(server::tls_config(cert, key)?),
        _ => None,
    };
    // Bind before the store is opened and anything is printed, so a busy port or a refused
    // address fails before a token is handed out.
    let listener = tokio::net::TcpListener::bind(listen.as_str())
        .await
        .map_err(|e| Error::io(format!("cannot listen on {listen}"), e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::io("cannot read the bound address", e))?;
    check_plain_http(addr, tls.is_some() || tls_self_signed, insecure_http)?;
    if tls_self_signed {
        let names = tls_names(tls_name, addr);
        server::check_data_dir(&dir)?;
        crate::fs::create_private_dir(&dir)?;
        crate::fs::check_private_dir(&dir)?;
        let made = server::tls_self_signed(&dir, &names)?;
        report_self_signed(&made, &names, addr, out);
        tls = Some(made.config);
    }
    let data = DataDir { dir };
    let master_key = std::env::var("KEEP_MASTER_KEY")
        .ok()
        .filter(|k| !k.is_empty());
    let mut store = server::open_store(&data, master_key.as_deref(), database.as_deref()).await?;
    store.service.set_max_versions(max_versions);
    if let Some(token) = server::bootstrap_admin(&store.service, &data).await? {
        // A log (journald, a container's) is no place for a token: only a terminal sees it.
        if out.stderr_tty {
            out.notice(&format!(
                "created the admin token (shown once; also saved to {}):\n{}",
                data.admin_token().display(),
                token.as_str()
            ));
        } else {
            out.notice(&format!(
                "created the admin token and saved it to {} (mode 0600); it is not printed, as stderr is not a terminal",
                data.admin_token().display()
            ));
        }
    }
    let scheme = if tls.is_some() { "https" } else { "http" };
    if tls.is_none() && !addr.ip().is_loopback() {
        out.warn("listening on a non-loopback address over plain HTTP: tokens and values cross the network unencrypted");
    }
    out.notice(&format!("listening on {scheme}://{addr}"));
    let opts = ServeOptions {
        tls,
        request_timeout: Duration::from_secs(request_timeout),
        auth_failures: auth_failure_limit,
        sessions: SessionLimits {
            idle: session_idle,
            absolute: session_max,
        },
        reveal_seconds: u32::try_from(reveal_for.as_secs().max(1)).unwrap_or(u32::MAX),
        ..ServeOptions::default()
    };
    server::serve(listener, store, opts, super::common::shutdown_signal()).await
}

/// The names of the `--tls-self-signed` certificate: those given, else this host's name,
/// `localhost` and the listen address (unless it is 0.0.0.0 or ::).
fn tls_names(given: Vec<String>, addr: SocketAddr) -> Vec<String> {
    if !given.is_empty() {
        return given;
    }
    let mut names: Vec<String> = host_name().into_iter().collect();
    names.push("localhost".into());
    if !addr.ip().is_unspecified() {
        names.push(addr.ip().to_string());
    }
    names.dedup();
    names
}

/// This machine's host name, if it has a usable one.
fn host_name() -> Option<String> {
    #[cfg(unix)]
    {
        let mut buf = [0u8; 256];
        // SAFETY: the buffer is valid for its length; gethostname NUL-terminates within it
        // on success (and we stop at the first NUL, or the end, either way).
        let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
        if rc != 0 {
            return None;
        }
        let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
        let name = std::str::from_utf8(&buf[..end]).ok()?;
        let usable = !name.is_empty()
            && name != "localhost"
            && (name.chars()).all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
        usable.then(|| name.to_owned())
    }
    #[cfg(not(unix))]
    None
}

/// Where the private CA is and how clients trust it; kept in the log, as nothing here is
/// secret.
fn report_self_signed(made: &server::SelfSigned, names: &[String], addr: SocketAddr, out: &Output) {
    let ca = made.ca_path.display();
    let verb = if made.created { "created" } else { "using" };
    out.notice(&format!(
        "TLS: {verb} the private CA {ca}, SHA-256 fingerprint {}; its certificate for this start names {}",
        made.fingerprint,
        names.join(", ")
    ));
    let host = names
        .iter()
        .find(|n| *n != "localhost")
        .or(names.first())
        .map_or_else(|| addr.ip().to_string(), Clone::clone);
    let host = if host.contains(':') {
        format!("[{host}]")
    } else {
        host
    };
    out.notice(&format!(
        "clients log in with: keep login --server https://{host}:{} --fingerprint {}",
        addr.port(),
        made.fingerprint
    ));
}

/// Plain HTTP off loopback would put tokens and values on the network in clear text: only
/// with `--insecure-http`, for a TLS-terminating proxy in front.
fn check_plain_http(addr: SocketAddr, tls: bool, insecure_http: bool) -> Result<()> {
    if tls || insecure_http || addr.ip().is_loopback() {
        return Ok(());
    }
    Err(Error::invalid_with_hint(
        format!(
            "refusing to serve plain HTTP on the non-loopback address {addr}: tokens and values would cross the network unencrypted"
        ),
        "serve HTTPS with `--tls-cert PEM --tls-key PEM`, listen on 127.0.0.1, or pass `--insecure-http` if a TLS-terminating proxy sits in front",
    ))
}
