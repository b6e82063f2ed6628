//! Wire types: every endpoint, request, query, response and error body that `keep serve` and
//! its client exchange, each defined once, with the JSON Schemas that the OpenAPI document is
//! generated from. The server's route table (`server::routes`) gives each endpoint its handler.

use std::borrow::Cow;

use http::Method;
use jiff::Timestamp;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
pub use crate::model::{
    AuditEvent, AuditPage, Changes, CreateOutcome, History, IssuedToken, OnConflict, Page, Scope,
    SecretInfo, Shown, TokenInfo, TokenStatus, UpdateOutcome, VersionInfo, VersionShown,
};
use crate::model::{EnvName, SecretData, SecretName, TokenName};
pub use crate::model::{Key, KeyId};
use crate::model::{values_any, values_at_least_one};

// --- Endpoints -------------------------------------------------------------------------------

/// What an endpoint needs from the caller's token (published as `x-keep-scope`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Requires {
    /// No token at all.
    Nothing,
    /// Any valid token.
    AnyToken,
    /// A token that may use the environment in the path.
    Read,
    /// A token that may use the environment in the path and is not read-only.
    Write,
    /// An admin token.
    Admin,
}

impl Requires {
    pub fn name(self) -> &'static str {
        match self {
            Requires::Nothing => "none",
            Requires::AnyToken => "any",
            Requires::Read => "read",
            Requires::Write => "write",
            Requires::Admin => "admin",
        }
    }
}

/// What the audit log calls a request or a write. Writes record theirs with the write itself;
/// the server records every other request under its endpoint's action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    EnvironmentList,
    EnvironmentCreate,
    EnvironmentDelete,
    SecretList,
    SecretCreate,
    SecretReplace,
    SecretRead,
    SecretReveal,
    SecretUpdate,
    SecretDelete,
    SecretHistory,
    SecretRollback,
    SecretRename,
    SecretCopy,
    TokenWhoami,
    TokenList,
    TokenCreate,
    TokenRevoke,
    AuditRead,
    KeyStatus,
    KeyRotate,
    /// The dashboard: a token traded for a session, and a session ended.
    SessionLogin,
    SessionLogout,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::EnvironmentList => "environment.list",
            Action::EnvironmentCreate => "environment.create",
            Action::EnvironmentDelete => "environment.delete",
            Action::SecretList => "secret.list",
            Action::SecretCreate => "secret.create",
            Action::SecretReplace => "secret.replace",
            Action::SecretRead => "secret.read",
            Action::SecretReveal => "secret.reveal",
            Action::SecretUpdate => "secret.update",
            Action::SecretDelete => "secret.delete",
            Action::SecretHistory => "secret.history",
            Action::SecretRollback => "secret.rollback",
            Action::SecretRename => "secret.rename",
            Action::SecretCopy => "secret.copy",
            Action::TokenWhoami => "token.whoami",
            Action::TokenList => "token.list",
            Action::TokenCreate => "token.create",
            Action::TokenRevoke => "token.revoke",
            Action::AuditRead => "audit.read",
            Action::KeyStatus => "key.status",
            Action::KeyRotate => "key.rotate",
            Action::SessionLogin => "session.login",
            Action::SessionLogout => "session.logout",
        }
    }
}

/// One endpoint: method, path template (`{env}`, `{name}`), what it needs, and the action the
/// audit log records for it (`None`: not audited, as it needs no token).
#[derive(Clone, Debug)]
pub struct Endpoint {
    pub method: Method,
    pub path: &'static str,
    pub requires: Requires,
    pub action: Option<Action>,
}

/// Declares each endpoint as a `static`, one line each.
macro_rules! endpoints {
    ($($(#[$doc:meta])* $name:ident = $method:ident $path:expr, $requires:ident, $action:expr;)*) => {$(
        $(#[$doc])*
        pub static $name: Endpoint = Endpoint {
            method: Method::$method,
            path: $path,
            requires: Requires::$requires,
            action: $action,
        };
    )*};
}

const SECRETS: &str = "/v1/environments/{env}/secrets";
const SECRET: &str = "/v1/environments/{env}/secrets/{name}";
const VERSIONS: &str = "/v1/environments/{env}/secrets/{name}/versions";
const VERSION: &str = "/v1/environments/{env}/secrets/{name}/versions/{version}";
const ROLLBACK: &str = "/v1/environments/{env}/secrets/{name}/rollback";
const RENAME: &str = "/v1/environments/{env}/secrets/{name}/rename";
const COPY: &str = "/v1/environments/{env}/secrets/{name}/copy";

endpoints! {
    HEALTH = GET "/v1/health", Nothing, None;
    OPENAPI = GET "/v1/openapi.json", Nothing, None;
    WHOAMI = GET "/v1/whoami", AnyToken, Some(Action::TokenWhoami);
    LIST_ENVIRONMENTS = GET "/v1/environments", AnyToken, Some(Action::EnvironmentList);
    CREATE_ENVIRONMENT = POST "/v1/environments", Admin, Some(Action::EnvironmentCreate);
    DELETE_ENVIRONMENT = DELETE "/v1/environments/{env}", Admin, Some(Action::EnvironmentDelete);
    LIST_SECRETS = GET SECRETS, Read, Some(Action::SecretList);
    CREATE_SECRET = POST SECRETS, Write, Some(Action::SecretCreate);
    /// Recorded as `secret.reveal` instead when the values are asked for.
    SHOW_SECRET = GET SECRET, Read, Some(Action::SecretRead);
    UPDATE_SECRET = PATCH SECRET, Write, Some(Action::SecretUpdate);
    DELETE_SECRET = DELETE SECRET, Write, Some(Action::SecretDelete);
    LIST_VERSIONS = GET VERSIONS, Read, Some(Action::SecretHistory);
    /// Recorded as `secret.reveal` instead when the values are asked for.
    SHOW_VERSION = GET VERSION, Read, Some(Action::SecretRead);
    ROLLBACK_SECRET = POST ROLLBACK, Write, Some(Action::SecretRollback);
    RENAME_SECRET = POST RENAME, Write, Some(Action::SecretRename);
    /// Read access to the path's environment; the handler checks write access to the target.
    COPY_SECRET = POST COPY, Read, Some(Action::SecretCopy);
    LIST_TOKENS = GET "/v1/tokens", Admin, Some(Action::TokenList);
    CREATE_TOKEN = POST "/v1/tokens", Admin, Some(Action::TokenCreate);
    REVOKE_TOKEN = DELETE "/v1/tokens/{name}", Admin, Some(Action::TokenRevoke);
    READ_AUDIT = GET "/v1/audit", Admin, Some(Action::AuditRead);
    KEY_STATUS = GET "/v1/keys", Admin, Some(Action::KeyStatus);
    ROTATE_KEY = POST "/v1/keys/rotate", Admin, Some(Action::KeyRotate);
}

impl Endpoint {
    /// The path segments after `/`, with `{placeholders}` taken from `args` in order.
    pub fn segments<'a>(&self, args: &[&'a str]) -> Vec<Cow<'a, str>> {
        let mut args = args.iter();
        self.path
            .trim_start_matches('/')
            .split('/')
            .map(|seg| {
                if seg.starts_with('{') {
                    Cow::Borrowed(args.next().copied().unwrap_or_default())
                } else {
                    Cow::Owned(seg.to_owned())
                }
            })
            .collect()
    }
}

// --- Requests and queries ----------------------------------------------------------------------

/// A secret to create (`POST /v1/environments/{env}/secrets`).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "CreateSecret")]
pub struct CreateSecret {
    #[schemars(with = "SecretName")]
    pub name: String,
    #[schemars(schema_with = "values_at_least_one")]
    pub values: SecretData,
    #[serde(default)]
    pub on_conflict: OnConflict,
}

/// Keys to set and unset (`PATCH /v1/environments/{env}/secrets/{name}`).
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "UpdateSecret")]
pub struct UpdateSecret {
    /// Keys to add or change.
    #[serde(default)]
    #[schemars(schema_with = "values_any")]
    pub set: SecretData,
    /// Keys to remove; a key the secret lacks is ignored.
    #[serde(default)]
    #[schemars(with = "Vec<Key>")]
    pub unset: Vec<String>,
    /// Update only if the secret is at this version (its `version`); otherwise 409
    /// `version_conflict`, naming the current version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub if_version: Option<i64>,
}

/// A version whose values become the next version (`POST .../rollback`).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Rollback")]
pub struct Rollback {
    #[schemars(range(min = 1))]
    pub version: i64,
    /// Roll back only if the secret is at this version; otherwise 409 `version_conflict`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub if_version: Option<i64>,
}

/// A secret's new name (`POST .../rename`).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Rename")]
pub struct Rename {
    #[schemars(with = "SecretName")]
    pub name: String,
}

/// Where to copy a secret (`POST .../copy`): a new secret whose first version holds the
/// same values.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Copy")]
pub struct Copy {
    /// The target environment; the token must be able to write to it.
    #[schemars(with = "EnvName")]
    pub environment: String,
    /// The copy's name; absent: the same name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<SecretName>")]
    pub name: Option<String>,
    /// Replace a secret of that name in the target environment (otherwise 409).
    #[serde(default)]
    pub force: bool,
}

/// `GET .../versions`: how many versions, newest first.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HistoryQuery {
    /// How many versions (default 100); values outside 1 to 1000 are taken as the nearest.
    #[serde(default = "default_limit")]
    #[schemars(range(max = u32::MAX))]
    pub limit: u32,
}

/// `GET .../versions/{version}`: whether to include the values.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionQuery {
    /// Include the values.
    #[serde(default)]
    pub reveal: bool,
}

/// A token to issue (`POST /v1/tokens`). An admin token cannot be limited to environments or
/// to reading; give `expires_in` or `expires_at`, not both.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "CreateToken")]
#[schemars(extend("allOf" = [
    { "not": { "required": ["expires_in", "expires_at"],
               "properties": { "expires_in": { "type": "string" }, "expires_at": { "type": "string" } } } },
    { "not": { "required": ["admin", "read_only"],
               "properties": { "admin": { "const": true }, "read_only": { "const": true } } } },
    { "not": { "required": ["admin", "environments"],
               "properties": { "admin": { "const": true }, "environments": { "type": "array" } } } },
]))]
pub struct CreateToken {
    #[schemars(with = "TokenName")]
    pub name: String,
    /// The only environments the token may use; `null` or absent: every environment.
    #[serde(default)]
    #[schemars(with = "Option<Vec<EnvName>>", length(min = 1))]
    pub environments: Option<Vec<String>>,
    #[serde(default)]
    pub read_only: bool,
    #[serde(default)]
    pub admin: bool,
    /// A positive span from now in weeks, days, hours or minutes (a day is 24 hours), such as
    /// `30d`, `12h` or `2w`.
    #[serde(default)]
    #[schemars(example = "30d")]
    pub expires_in: Option<String>,
    /// A time in the future.
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
}

/// An environment to create (`POST /v1/environments`).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "CreateEnvironment")]
pub struct CreateEnvironment {
    #[schemars(with = "EnvName")]
    pub name: String,
}

/// `DELETE /v1/environments/{env}`: whether to delete the environment with its secrets.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeleteEnvironmentQuery {
    /// Delete the environment even if it holds secrets, and them with it; without it, an
    /// environment that holds secrets is a 400.
    #[serde(default)]
    pub force: bool,
}

fn default_limit() -> u32 {
    100
}

/// `GET /v1/environments/{env}/secrets`: one page of a listing.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// How many items a page holds (default 100); values outside 1 to 1000 are taken as the
    /// nearest of the two.
    #[serde(default = "default_limit")]
    #[schemars(range(max = u32::MAX))]
    pub limit: u32,
    /// Only secrets created before this time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_before: Option<Timestamp>,
    /// Opaque: a `next_cursor` passed back exactly as received. (The pattern is only what the
    /// server parses; anything else is a 400.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[+-]?[0-9]{1,19}\.st-[0-9A-Za-z]+$"))]
    pub cursor: Option<String>,
}

impl Default for ListQuery {
    fn default() -> Self {
        Self {
            limit: default_limit(),
            created_before: None,
            cursor: None,
        }
    }
}

/// `GET /v1/audit`: one page of the audit log.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// Only events at or after this time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<Timestamp>,
    /// How many items a page holds (default 100); values outside 1 to 1000 are taken as the
    /// nearest of the two.
    #[serde(default = "default_limit")]
    #[schemars(range(max = u32::MAX))]
    pub limit: u32,
    /// Opaque: a `next_cursor` passed back exactly as received. (The pattern is only what the
    /// server parses; anything else is a 400.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[+-]?[0-9]{1,19}\.[+-]?[0-9]{1,19}$"))]
    pub cursor: Option<String>,
}

impl Default for AuditQuery {
    fn default() -> Self {
        Self {
            since: None,
            limit: default_limit(),
            cursor: None,
        }
    }
}

/// `GET /v1/environments/{env}/secrets/{name}`: which values to return and which keys must
/// exist. Written and read by hand: `require` repeats (`?require=A&require=B`).
#[derive(Clone, Debug, Default, PartialEq, Eq, JsonSchema)]
pub struct ShowQuery {
    /// Include the values (`1` and `0` are also accepted).
    #[schemars(extend("default" = false, "example" = true))]
    pub reveal: bool,
    /// Keys the secret must have, repeated for several (`?require=A&require=B`); any missing
    /// is a 422 that lists them.
    #[schemars(extend("example" = ["DATABASE_URL"]))]
    pub require: Vec<String>,
}

impl ShowQuery {
    /// Parses a raw query string; unknown parameters and bad values are refused.
    pub fn parse(raw: Option<&str>) -> Result<Self> {
        let mut query = ShowQuery::default();
        for (k, v) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
            match k.as_ref() {
                "reveal" => {
                    query.reveal = match v.as_ref() {
                        "true" | "1" => true,
                        "false" | "0" => false,
                        _ => {
                            return Err(Error::invalid(
                                "query parameter `reveal` must be `true` or `false`",
                            ));
                        }
                    }
                }
                "require" => query.require.push(v.into_owned()),
                other => {
                    return Err(Error::invalid(format!(
                        "unknown query parameter `{}`",
                        other.escape_debug()
                    )));
                }
            }
        }
        Ok(query)
    }

    /// The query's `(name, value)` pairs, as [`ShowQuery::parse`] reads them.
    pub fn pairs(&self) -> Vec<(&'static str, &str)> {
        let mut pairs = Vec::new();
        if self.reveal {
            pairs.push(("reveal", "true"));
        }
        pairs.extend(self.require.iter().map(|k| ("require", k.as_str())));
        pairs
    }
}

// --- Responses -----------------------------------------------------------------------------

/// The server is up (`GET /v1/health`).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
pub struct Health {
    #[schemars(extend("const" = "ok"))]
    pub status: String,
    /// The server's version of keep (servers before 0.1.0 do not say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = "0.1.0")]
    pub version: Option<String>,
}

/// The environments that the token may use, sorted (`main` always exists).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
pub struct Environments {
    #[schemars(with = "Vec<EnvName>")]
    pub environments: Vec<String>,
}

/// An environment that was created (201) or deleted (200, with the number of secrets deleted
/// with it).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "EnvironmentChange")]
pub struct EnvironmentChange {
    #[schemars(with = "EnvName")]
    pub name: String,
    /// Whether it was created (true) or deleted (false).
    pub created: bool,
    /// How many secrets were deleted with it (0 for a create).
    #[schemars(range(min = 0))]
    pub secrets_deleted: i64,
}

/// A secret that was deleted.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
pub struct Deleted {
    #[schemars(with = "SecretName")]
    pub name: String,
    #[schemars(with = "EnvName")]
    pub environment: String,
    #[schemars(extend("const" = true))]
    pub deleted: bool,
}

/// A token that was revoked.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
pub struct Revoked {
    #[schemars(with = "TokenName")]
    pub name: String,
    #[schemars(extend("const" = true))]
    pub revoked: bool,
}

/// Every token ever issued, oldest first.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
pub struct TokenList {
    pub tokens: Vec<TokenInfo>,
}

/// The calling token's name and what it may do.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "WhoAmI")]
pub struct WhoAmI {
    #[schemars(with = "TokenName")]
    pub name: String,
    #[serde(flatten)]
    pub scope: Scope,
    /// When the token stops working; `null`: never.
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
}

/// Which master keys wrap how many secrets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct KeyStatus {
    /// The key that seals everything new.
    #[schemars(with = "KeyId")]
    pub active_key_id: String,
    /// Every master key this server holds, the active one first.
    #[schemars(with = "Vec<KeyId>", length(min = 1))]
    pub loaded_key_ids: Vec<String>,
    pub keys: Vec<KeyUsage>,
    /// Secrets still wrapped by a key other than the active one.
    #[schemars(range(min = 0))]
    pub remaining: i64,
    /// Versions in secrets' histories still wrapped by a key other than the active one (a
    /// rotation rewraps them after the secrets).
    #[serde(default)]
    #[schemars(range(min = 0))]
    pub remaining_versions: i64,
}

/// How many secrets one master key wraps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct KeyUsage {
    #[schemars(with = "KeyId")]
    pub key_id: String,
    #[schemars(range(min = 0))]
    pub secrets: i64,
}

/// The body of every error: `{"error": {"code", "message"}}`, with `hint` when there is an
/// obvious next step and `keys` for `missing_keys`.
// The server, the client and the CLI's `--json` errors all use it.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// What went wrong.
// Fields in alphabetical order: the order every version of keep has printed them in.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
pub struct ErrorDetail {
    /// What kind of failure it is, for programs.
    pub code: String,
    /// The next step, when there is an obvious one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The keys that are missing, in the order asked (`missing_keys` only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(min = 1))]
    pub keys: Vec<String>,
    /// For people: names the field, name or key at fault, never a value.
    #[schemars(length(min = 1))]
    pub message: String,
    /// Existing names close to the one not found, closest first (`not_found` of a secret and
    /// `environment_not_found` only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(min = 1))]
    pub suggestions: Vec<String>,
}

impl ErrorBody {
    pub fn new(code: &str, message: String, hint: Option<String>, keys: Vec<String>) -> Self {
        Self {
            error: ErrorDetail {
                code: code.to_owned(),
                hint,
                keys,
                message,
                suggestions: Vec::new(),
            },
        }
    }

    /// With these near names.
    pub fn suggesting(mut self, suggestions: Vec<String>) -> Self {
        self.error.suggestions = suggestions;
        self
    }

    /// The body that reports `e`.
    pub fn of(e: &Error) -> Self {
        let keys = match e {
            Error::MissingKeys { keys, .. } => keys.clone(),
            _ => Vec::new(),
        };
        Self::new(e.code(), e.to_string(), e.hint(), keys).suggesting(suggestions_of(e))
    }
}

/// The near names an error carries.
pub fn suggestions_of(e: &Error) -> Vec<String> {
    match e {
        Error::NotFound { near, .. } | Error::EnvironmentNotFound { near, .. } => near.clone(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn show_queries_read_back_what_they_write() {
        let q = ShowQuery {
            reveal: true,
            require: vec!["A".into(), "B C".into()],
        };
        let raw: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(q.pairs())
            .finish();
        assert_eq!(ShowQuery::parse(Some(&raw)).expect("parse"), q);
        assert!(ShowQuery::parse(Some("reveal=yes")).is_err());
        assert!(ShowQuery::parse(Some("other=1")).is_err());
        assert_eq!(
            ShowQuery::parse(Some("reveal=0")).expect("parse"),
            ShowQuery::default()
        );
    }

    #[test]
    fn endpoints_fill_their_placeholders() {
        let segs = SHOW_SECRET.segments(&["main", "db"]);
        assert_eq!(segs, ["v1", "environments", "main", "secrets", "db"]);
        assert_eq!(WHOAMI.segments(&[]), ["v1", "whoami"]);
    }
}
