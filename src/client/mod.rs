//! A thin HTTP client for `keep serve`: one method per endpoint, HTTP errors mapped to `Error`.

mod trust;
mod url;

use std::sync::Once;
use std::time::Duration;

use reqwest::{StatusCode, Url};
use serde::de::DeserializeOwned;

pub use self::trust::{Ca, Trust, fingerprint, parse_fingerprint, parse_pem};
pub use self::url::{display_url, is_loopback, parse_server_url};
use crate::api::{
    self, AuditPage, AuditQuery, CreateEnvironment, CreateOutcome, CreateSecret, CreateToken,
    Endpoint, EnvironmentChange, Environments, ErrorBody, Health, History, IssuedToken, KeyStatus,
    ListQuery, OnConflict, Page, Scope, ShowQuery, Shown, TokenInfo, TokenList, UpdateOutcome,
    UpdateSecret, VersionShown, WhoAmI,
};
use crate::error::{Error, Result};
use crate::model::{EnvName, SecretData, SecretName, SecretRef, SecretValue, TokenName};

/// How long the client waits for a server that accepted the connection, unless told otherwise
/// (`--timeout`, `KEEP_TIMEOUT`, a profile's `timeout`): what a person would wait for.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long connecting may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// A server and how to talk to it: what `--server`, `KEEP_TOKEN`, `--ca-cert`, `--timeout`
/// and the active profile resolve to.
#[derive(Clone, Debug)]
pub struct Remote {
    pub url: String,
    /// Redacted in `Debug`.
    pub token: Option<SecretValue>,
    /// Where the token came from, for messages: "`KEEP_TOKEN`", "the token of profile `x`".
    pub token_from: String,
    pub trust: Trust,
    pub timeout: Duration,
}

impl Remote {
    pub fn new(url: &str) -> Self {
        Self {
            url: url.to_owned(),
            token: None,
            token_from: "the token".to_owned(),
            trust: Trust::default(),
            timeout: DEFAULT_TIMEOUT,
        }
    }
}

pub struct Client {
    http: reqwest::Client,
    base: Url,
    token: Option<SecretValue>,
    timeout: Duration,
}

fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Fails only if another provider was installed first, which is just as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

impl Client {
    /// A client for `remote`. `https://` servers are verified against the system's trust
    /// store (`/etc/ssl/certs` and the like; `SSL_CERT_FILE`/`SSL_CERT_DIR` on Linux) plus
    /// what `remote.trust` adds (see `trust`).
    pub fn new(remote: &Remote) -> Result<Self> {
        let token = (remote.token.as_ref())
            .map(|t| SecretValue::new(t.expose().trim().to_owned()))
            .filter(|t| !t.expose().is_empty());
        if let Some(t) = &token {
            if reqwest::header::HeaderValue::from_str(&format!("Bearer {}", t.expose())).is_err() {
                return Err(Error::invalid_with_hint(
                    format!(
                        "{} contains characters that cannot be sent in an HTTP header",
                        remote.token_from
                    ),
                    "set it to the token exactly as `keep serve` printed it (`keep_...`)",
                ));
            }
        }
        let base = parse_server_url(&remote.url, token.is_some())?;
        install_crypto_provider();
        let mut builder = reqwest::Client::builder()
            .tls_backend_rustls()
            .user_agent(concat!("keep/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(CONNECT_TIMEOUT.min(remote.timeout))
            .timeout(remote.timeout);
        if base.scheme() == "http" {
            // Plain HTTP needs no trust roots, and loading the system's costs more than the
            // request (bench/README.md). A redirect to https then fails instead of following.
            builder = builder.tls_certs_only(Vec::new());
        } else if !remote.trust.is_default() {
            builder = builder.tls_backend_preconfigured(trust::client_config(&remote.trust)?);
        }
        let http = builder.build().map_err(|e| {
            let cause = error_chain(&e);
            // The one way building fails for https: no trust roots at all on this system.
            if base.scheme() == "https" {
                Error::Tls {
                    url: base.to_string(),
                    cause: format!("cannot load trusted CA certificates: {cause}"),
                }
            } else {
                Error::Internal(format!("cannot set up the HTTP client: {cause}"))
            }
        })?;
        Ok(Self {
            http,
            base,
            token,
            timeout: remote.timeout,
        })
    }

    /// The server's URL as keep shows it.
    pub fn server_url(&self) -> String {
        self.base.as_str().trim_end_matches('/').to_owned()
    }

    /// `BASE/v1/<segments...>`, each segment percent-encoded.
    /// The URL of `endpoint` with its `{placeholders}` filled from `args`, in order.
    fn url(&self, endpoint: &Endpoint, args: &[&str]) -> Result<Url> {
        let mut url = self.base.clone();
        url.path_segments_mut()
            .map_err(|()| Error::invalid("the server URL cannot take a path"))?
            .pop_if_empty()
            .extend(endpoint.segments(args));
        Ok(url)
    }

    /// A request to `endpoint`, with `query` as its query string.
    fn request(
        &self,
        endpoint: &Endpoint,
        args: &[&str],
        query: &[(&str, &str)],
    ) -> Result<reqwest::RequestBuilder> {
        let mut url = self.url(endpoint, args)?;
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        Ok(self.http.request(endpoint.method.clone(), url))
    }

    async fn send<T: DeserializeOwned>(
        &self,
        req: reqwest::RequestBuilder,
        target: Option<(&EnvName, &str)>,
    ) -> Result<T> {
        let req = match &self.token {
            Some(t) => req.bearer_auth(t.expose()),
            None => req,
        };
        let resp = req.send().await.map_err(|e| self.transport_error(e))?;
        let status = resp.status();
        let bytes = resp.bytes().await.map_err(|e| self.transport_error(e))?;
        if status.is_success() {
            return serde_json::from_slice(&bytes)
                .map_err(|e| Error::Server(format!("unexpected response from the server: {e}")));
        }
        Err(self.status_error(status, &bytes, target))
    }

    fn transport_error(&self, e: reqwest::Error) -> Error {
        if e.is_timeout() {
            let cause = if e.is_connect() {
                format!(
                    "could not connect within {} s",
                    CONNECT_TIMEOUT.min(self.timeout).as_secs_f32()
                )
            } else {
                format!(
                    "the server accepted the connection but did not answer within {} s",
                    self.timeout.as_secs_f32()
                )
            };
            return Error::Unreachable {
                url: self.base.to_string(),
                cause,
            };
        }
        let mut cause = error_chain(&e.without_url());
        if cause.contains("CaUsedAsEndEntity") {
            cause.push_str(
                ": the server presents a CA certificate as its own (as `openssl req -x509` makes), \
                 which is trusted only when given as it is, with `--ca-cert`",
            );
        }
        let lower = cause.to_ascii_lowercase();
        if ["certificate", "tls", "invalidcontenttype", "handshake"]
            .iter()
            .any(|w| lower.contains(w))
        {
            return Error::Tls {
                url: self.base.to_string(),
                cause,
            };
        }
        Error::Unreachable {
            url: self.base.to_string(),
            cause,
        }
    }

    fn status_error(
        &self,
        status: StatusCode,
        body: &[u8],
        target: Option<(&EnvName, &str)>,
    ) -> Error {
        let Ok(ErrorBody { error }) = serde_json::from_slice::<ErrorBody>(body) else {
            return match status {
                StatusCode::BAD_GATEWAY
                | StatusCode::SERVICE_UNAVAILABLE
                | StatusCode::GATEWAY_TIMEOUT => Error::Unreachable {
                    url: self.base.to_string(),
                    cause: format!("HTTP {status}"),
                },
                _ => Error::Server(format!(
                    "HTTP {status} from a server that does not look like keep"
                )),
            };
        };
        let (env, name) = match target {
            Some((e, n)) => (e.to_string(), n.to_owned()),
            None => (String::new(), String::new()),
        };
        match error.code.as_str() {
            "not_found" if target.is_some() => Error::NotFound {
                name,
                env,
                near: error.suggestions,
            },
            "environment_not_found" => Error::EnvironmentNotFound {
                env: env_of(&error.message),
                near: error.suggestions,
            },
            "not_found" => Error::Missing(error.message),
            "already_exists" if target.is_none() => Error::Conflict(error.message),
            "last_admin" => Error::LastAdmin(error.message),
            "version_conflict" => Error::VersionConflict(error.message),
            "rate_limited" => Error::Unauthorized(error.message),
            "no_such_endpoint" | "method_not_allowed" => Error::invalid_with_hint(
                format!(
                    "the server at {} does not offer this endpoint ({})",
                    self.base, error.message
                ),
                "check `--server`/`KEEP_SERVER`: it should be the root URL of a `keep serve` of this version or newer",
            ),
            "already_exists" if target.is_some() => Error::AlreadyExists { name, env },
            "missing_keys" => Error::MissingKeys {
                name,
                keys: error.keys,
            },
            "unauthorized" => {
                Error::Unauthorized(format!("the server refused the token: {}", error.message))
            }
            "forbidden" => Error::Forbidden(error.message),
            "integrity" => Error::Integrity(error.message),
            _ if status.is_client_error() => Error::Invalid {
                message: error.message,
                hint: error.hint,
            },
            // The server is up but its database is not: retrying later can succeed.
            _ if status == StatusCode::SERVICE_UNAVAILABLE => Error::Unavailable {
                url: self.base.to_string(),
                message: error.message,
            },
            _ => Error::Server(error.message),
        }
    }

    pub async fn create(
        &self,
        env: &EnvName,
        name: &SecretName,
        data: &SecretData,
        on_conflict: OnConflict,
    ) -> Result<CreateOutcome> {
        let body = CreateSecret {
            name: name.to_string(),
            values: data.clone(),
            on_conflict,
        };
        let req = self.request(&api::CREATE_SECRET, &[env.as_str()], &[])?;
        self.send(req.json(&body), Some((env, name.as_str()))).await
    }

    /// The server's version (`GET /v1/health`); `None` from a server too old to say.
    pub async fn health(&self) -> Result<Health> {
        self.send(self.request(&api::HEALTH, &[], &[])?, None).await
    }

    /// The token's name and scope (`GET /v1/whoami`).
    pub async fn whoami(&self) -> Result<WhoAmI> {
        self.send(self.request(&api::WHOAMI, &[], &[])?, None).await
    }

    pub async fn environments(&self) -> Result<Vec<String>> {
        let req = self.request(&api::LIST_ENVIRONMENTS, &[], &[])?;
        let envs: Environments = self.send(req, None).await?;
        Ok(envs.environments)
    }

    pub async fn create_environment(&self, env: &EnvName) -> Result<()> {
        let body = CreateEnvironment {
            name: env.to_string(),
        };
        let req = self.request(&api::CREATE_ENVIRONMENT, &[], &[])?;
        self.send::<EnvironmentChange>(req.json(&body), None)
            .await
            .map(|_| ())
    }

    /// Deletes an environment: how many secrets went with it.
    pub async fn delete_environment(&self, env: &EnvName, force: bool) -> Result<i64> {
        let query: &[(&str, &str)] = if force { &[("force", "true")] } else { &[] };
        let req = self.request(&api::DELETE_ENVIRONMENT, &[env.as_str()], query)?;
        let change: EnvironmentChange = self.send(req, None).await?;
        Ok(change.secrets_deleted)
    }

    pub async fn list(&self, env: &EnvName, query: &ListQuery) -> Result<Page> {
        let limit = query.limit.to_string();
        let before = query.created_before.map(|t| t.to_string());
        let mut pairs = vec![("limit", limit.as_str())];
        pairs.extend(before.as_deref().map(|b| ("created_before", b)));
        pairs.extend(query.cursor.as_deref().map(|c| ("cursor", c)));
        let req = self.request(&api::LIST_SECRETS, &[env.as_str()], &pairs)?;
        self.send(req, None).await
    }

    pub async fn show(&self, env: &EnvName, name: &SecretRef, query: &ShowQuery) -> Result<Shown> {
        let args = [env.as_str(), name.as_str()];
        let req = self.request(&api::SHOW_SECRET, &args, &query.pairs())?;
        self.send(req, Some((env, name.as_str()))).await
    }

    pub async fn update(
        &self,
        env: &EnvName,
        name: &SecretRef,
        set: &SecretData,
        unset: &[String],
        if_version: Option<i64>,
    ) -> Result<UpdateOutcome> {
        let body = UpdateSecret {
            set: set.clone(),
            unset: unset.to_vec(),
            if_version,
        };
        let req = self.request(&api::UPDATE_SECRET, &[env.as_str(), name.as_str()], &[])?;
        self.send(req.json(&body), Some((env, name.as_str()))).await
    }

    /// Deletes a secret: the name of the secret deleted, or `None` if there was none.
    pub async fn delete(&self, env: &EnvName, name: &SecretRef) -> Result<Option<String>> {
        let req = self.request(&api::DELETE_SECRET, &[env.as_str(), name.as_str()], &[])?;
        match self
            .send::<api::Deleted>(req, Some((env, name.as_str())))
            .await
        {
            Ok(deleted) => Ok(Some(deleted.name)),
            Err(Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// A secret's history and the writes that move it.
impl Client {
    pub async fn history(&self, env: &EnvName, name: &SecretRef, limit: u32) -> Result<History> {
        let limit = limit.to_string();
        let args = [env.as_str(), name.as_str()];
        let req = self.request(&api::LIST_VERSIONS, &args, &[("limit", &limit)])?;
        self.send(req, Some((env, name.as_str()))).await
    }

    pub async fn show_version(
        &self,
        env: &EnvName,
        name: &SecretRef,
        version: i64,
        reveal: bool,
    ) -> Result<VersionShown> {
        let v = version.to_string();
        let query: &[(&str, &str)] = if reveal { &[("reveal", "true")] } else { &[] };
        let req = self.request(
            &api::SHOW_VERSION,
            &[env.as_str(), name.as_str(), &v],
            query,
        )?;
        // Not found may be the version, not the secret: the server's message says which.
        self.send(req, None).await
    }

    pub async fn rollback(
        &self,
        env: &EnvName,
        name: &SecretRef,
        version: i64,
        if_version: Option<i64>,
    ) -> Result<UpdateOutcome> {
        let body = api::Rollback {
            version,
            if_version,
        };
        let req = self.request(&api::ROLLBACK_SECRET, &[env.as_str(), name.as_str()], &[])?;
        self.send(req.json(&body), None).await
    }

    pub async fn rename(
        &self,
        env: &EnvName,
        name: &SecretRef,
        to: &SecretName,
    ) -> Result<UpdateOutcome> {
        let body = api::Rename {
            name: to.to_string(),
        };
        let req = self.request(&api::RENAME_SECRET, &[env.as_str(), name.as_str()], &[])?;
        match self.send(req.json(&body), Some((env, name.as_str()))).await {
            // The conflict is the new name's.
            Err(Error::AlreadyExists { env, .. }) => Err(Error::AlreadyExists {
                name: to.to_string(),
                env,
            }),
            other => other,
        }
    }

    pub async fn copy(
        &self,
        env: &EnvName,
        name: &SecretRef,
        to_env: &EnvName,
        as_name: Option<&SecretName>,
        force: bool,
    ) -> Result<CreateOutcome> {
        let body = api::Copy {
            environment: to_env.to_string(),
            name: as_name.map(ToString::to_string),
            force,
        };
        let req = self.request(&api::COPY_SECRET, &[env.as_str(), name.as_str()], &[])?;
        match self.send(req.json(&body), Some((env, name.as_str()))).await {
            Err(Error::AlreadyExists { .. }) => Err(Error::AlreadyExists {
                name: as_name.map_or_else(|| name.to_string(), ToString::to_string),
                env: to_env.to_string(),
            }),
            other => other,
        }
    }
}

/// The environment named in an `environment_not_found` message (`environment `x` not found`).
fn env_of(message: &str) -> String {
    message.split('`').nth(1).unwrap_or_default().to_owned()
}

/// An error and its sources, `: `-separated.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut cause = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        cause = format!("{cause}: {s}");
        source = s.source();
    }
    cause
}

/// Admin endpoints: tokens, the audit log, master keys.
impl Client {
    pub async fn create_token(
        &self,
        name: &TokenName,
        scope: &Scope,
        expires_in: Option<&str>,
    ) -> Result<IssuedToken> {
        let body = CreateToken {
            name: name.to_string(),
            admin: scope.admin,
            environments: scope.environments.clone(),
            read_only: scope.read_only,
            expires_in: expires_in.map(str::to_owned),
            expires_at: None,
        };
        let req = self.request(&api::CREATE_TOKEN, &[], &[])?;
        self.send(req.json(&body), None).await
    }

    pub async fn list_tokens(&self) -> Result<Vec<TokenInfo>> {
        let req = self.request(&api::LIST_TOKENS, &[], &[])?;
        let list: TokenList = self.send(req, None).await?;
        Ok(list.tokens)
    }

    pub async fn revoke_token(&self, name: &TokenName) -> Result<()> {
        let req = self.request(&api::REVOKE_TOKEN, &[name.as_str()], &[])?;
        self.send::<api::Revoked>(req, None).await.map(|_| ())
    }

    pub async fn audit(&self, query: &AuditQuery) -> Result<AuditPage> {
        let limit = query.limit.to_string();
        let since = query.since.map(|t| t.to_string());
        let mut pairs = vec![("limit", limit.as_str())];
        pairs.extend(since.as_deref().map(|s| ("since", s)));
        pairs.extend(query.cursor.as_deref().map(|c| ("cursor", c)));
        let req = self.request(&api::READ_AUDIT, &[], &pairs)?;
        self.send(req, None).await
    }

    pub async fn key_status(&self) -> Result<KeyStatus> {
        self.send(self.request(&api::KEY_STATUS, &[], &[])?, None)
            .await
    }

    pub async fn rotate_key(&self) -> Result<KeyStatus> {
        self.send(self.request(&api::ROTATE_KEY, &[], &[])?, None)
            .await
    }
}
