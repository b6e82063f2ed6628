//! Validated names, keys and values, and the secret metadata that crosses every boundary.
//!
//! The same rules apply locally and on the server: both call these constructors.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use jiff::Timestamp;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

pub const MAX_NAME_LEN: usize = 63;
pub const MAX_KEY_BYTES: usize = 256;
pub const MAX_VALUE_BYTES: usize = 64 * 1024;
pub const MAX_SECRET_BYTES: usize = 1024 * 1024;
pub const DEFAULT_ENVIRONMENT: &str = "main";
/// Ids are `st-` followed by base62; names of that shape are refused so the two never mix.
pub const ID_PREFIX: &str = "st-";

fn check_name(kind: &str, s: &str) -> Result<()> {
    let allowed = "use 1 to 63 letters, digits, `.`, `_` or `-`";
    if s.is_empty() || s.len() > MAX_NAME_LEN {
        let what = if s.is_empty() { "empty" } else { "too long" };
        return Err(Error::invalid_with_hint(
            format!("invalid {kind} name: it is {what} ({} characters)", s.len()),
            allowed,
        ));
    }
    if let Some(c) = s
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        return Err(Error::invalid_with_hint(
            format!(
                "invalid {kind} name `{}`: {c:?} is not allowed",
                s.escape_debug()
            ),
            allowed,
        ));
    }
    if s.chars().all(|c| c == '.') {
        return Err(Error::invalid_with_hint(
            format!("invalid {kind} name `{s}`: it is only dots"),
            "`.` and `..` mean directories in URLs; use a letter or digit",
        ));
    }
    if looks_like_id(s) {
        return Err(Error::invalid_with_hint(
            format!("invalid {kind} name `{s}`: it is shaped like an id"),
            "names that start with `st-` followed only by letters and digits are reserved for ids",
        ));
    }
    Ok(())
}

/// True for strings of the form `st-` + base62, which is what ids look like.
pub fn looks_like_id(s: &str) -> bool {
    s.strip_prefix(ID_PREFIX)
        .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric()))
}

macro_rules! name_type {
    ($(#[$doc:meta])* $ty:ident, $kind:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $ty(String);

        impl $ty {
            pub fn parse(s: &str) -> Result<Self> {
                check_name($kind, s)?;
                Ok(Self(s.to_owned()))
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $ty {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self> {
                Self::parse(s)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::parse(&s).map_err(serde::de::Error::custom)
            }
        }
    };
}

name_type!(
    /// A secret's name: unique within its environment.
    SecretName,
    "secret"
);
name_type!(
    /// An environment's name, such as `main` or `staging`.
    EnvName,
    "environment"
);

name_type!(
    /// An API token's name: `created_by` of what it writes, and the actor in the audit log.
    TokenName,
    "token"
);

/// A secret as the user names it: by name, or by the id (`st-...`) that `show` and `list`
/// print. Names cannot be shaped like ids, so the two never mix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SecretRef {
    Name(SecretName),
    Id(String),
}

impl SecretRef {
    pub fn parse(s: &str) -> Result<Self> {
        if looks_like_id(s) {
            Ok(SecretRef::Id(s.to_owned()))
        } else {
            SecretName::parse(s).map(SecretRef::Name)
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            SecretRef::Name(n) => n.as_str(),
            SecretRef::Id(id) => id,
        }
    }
}

impl fmt::Display for SecretRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<SecretName> for SecretRef {
    fn from(n: SecretName) -> Self {
        SecretRef::Name(n)
    }
}

impl Default for EnvName {
    fn default() -> Self {
        Self(DEFAULT_ENVIRONMENT.to_owned())
    }
}

/// Checks an environment variable name: non-empty, no `=` or NUL, at most 256 bytes.
pub fn check_key(key: &str) -> Result<()> {
    let hint = "keys are non-empty, at most 256 bytes, without `=` or NUL";
    let problem = if key.is_empty() {
        "it is empty"
    } else if key.len() > MAX_KEY_BYTES {
        "it is longer than 256 bytes"
    } else if key.contains('=') {
        "it contains `=`"
    } else if key.contains('\0') {
        "it contains a NUL byte"
    } else {
        return Ok(());
    };
    let shown: String = key
        .chars()
        .take(64)
        .collect::<String>()
        .escape_debug()
        .to_string();
    Err(Error::invalid_with_hint(
        format!("invalid key `{shown}`: {problem}"),
        hint,
    ))
}

/// A secret value. It is wiped from memory when dropped, prints as `[REDACTED]` in `Debug`,
/// has no `Display`, and is read only through [`SecretValue::expose`].
#[derive(Clone, PartialEq, Eq)]
pub struct SecretValue(Zeroizing<String>);

impl SecretValue {
    pub fn new(s: String) -> Self {
        Self(Zeroizing::new(s))
    }
    /// The boundary where plaintext is handed out on purpose.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl Serialize for SecretValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.expose())
    }
}

impl<'de> Deserialize<'de> for SecretValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(SecretValue::new)
    }
}

/// The variables of one secret, sorted by key.
pub type SecretData = BTreeMap<String, SecretValue>;

/// Secret data from `(key, value)` pairs (for tests).
#[cfg(test)]
pub(crate) fn data(pairs: &[(&str, &str)]) -> SecretData {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), SecretValue::new(v.to_string())))
        .collect()
}

/// Validates every key and value and the total size. Errors name the key, never the value.
pub fn validate_data(data: &SecretData) -> Result<()> {
    if data.is_empty() {
        return Err(Error::invalid_with_hint(
            "a secret needs at least one key",
            "pass `KEY=VALUE`, `KEY=-` or a file",
        ));
    }
    let mut total = 0usize;
    for (key, value) in data {
        check_key(key)?;
        let v = value.expose();
        if v.contains('\0') {
            return Err(Error::invalid_with_hint(
                format!("invalid value for key `{key}`: it contains a NUL byte"),
                "values are UTF-8 text without NUL bytes",
            ));
        }
        if v.len() > MAX_VALUE_BYTES {
            return Err(Error::invalid_with_hint(
                format!(
                    "value for key `{key}` is too large: {} bytes, the limit is 65536",
                    v.len()
                ),
                "store large files elsewhere and keep a reference to them here",
            ));
        }
        total += key.len() + v.len();
    }
    if total > MAX_SECRET_BYTES {
        return Err(Error::invalid_with_hint(
            format!("secret is too large: {total} bytes of keys and values, the limit is 1 MiB"),
            "split it into several secrets",
        ));
    }
    Ok(())
}

/// What is known about a secret without decrypting it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SecretInfo {
    /// Stable for the life of the secret, across replaces and updates.
    #[schemars(regex(pattern = r"^st-[0-9A-Za-z]{22}$"))]
    pub id: String,
    #[schemars(with = "SecretName")]
    pub name: String,
    #[schemars(with = "EnvName")]
    pub environment: String,
    pub created_at: Timestamp,
    /// The name of the token that created it.
    pub created_by: String,
    pub updated_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
    /// Sorted.
    #[schemars(with = "Vec<Key>", extend("uniqueItems" = true))]
    pub keys: Vec<String>,
    /// The current version: 1 when created, one more at every write of its values, name or
    /// place (`if_version` of an update compares with it).
    #[schemars(range(min = 1))]
    pub version: i64,
}

/// What one version changed, by key name (never values).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Changes {
    /// Keys this version added.
    #[schemars(with = "Vec<Key>")]
    pub added: Vec<String>,
    /// Keys whose value this version changed.
    #[schemars(with = "Vec<Key>")]
    pub changed: Vec<String>,
    /// Keys this version removed.
    #[schemars(with = "Vec<Key>")]
    pub removed: Vec<String>,
    /// For `rollback`, the version whose values it restored (`3`); for `rename`, the old
    /// name; for `copy`, the secret copied (`ENV/NAME`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
}

impl Changes {
    /// The keys `after` adds, changes and removes relative to `before`.
    pub fn between(before: &SecretData, after: &SecretData) -> Self {
        let mut c = Changes::default();
        for (k, v) in after {
            match before.get(k) {
                None => c.added.push(k.clone()),
                Some(old) if old != v => c.changed.push(k.clone()),
                Some(_) => {}
            }
        }
        c.removed = (before.keys())
            .filter(|k| !after.contains_key(*k))
            .cloned()
            .collect();
        c
    }

    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

/// One version of a secret in its history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct VersionInfo {
    #[schemars(range(min = 1))]
    pub version: i64,
    pub created_at: Timestamp,
    /// Who wrote it: the OS user for the embedded store, the token's name on a server.
    pub created_by: String,
    /// The kind of write that made it; `recorded` is the version a store from before history
    /// held when it was first written to (who wrote it is then `unknown` unless it is the
    /// first).
    #[schemars(extend("enum" = ["create", "update", "replace", "rollback", "rename", "copy", "recorded"]))]
    pub action: String,
    /// Its keys, sorted.
    #[schemars(with = "Vec<Key>")]
    pub keys: Vec<String>,
    #[serde(flatten)]
    pub changes: Changes,
}

impl VersionInfo {
    /// `+A ~B -C`, and where a rollback, rename or copy came from: what the CLI and the
    /// dashboard show of a version. Key names only, never values.
    pub fn summary(&self) -> String {
        let c = &self.changes;
        let mut parts: Vec<String> = (c.added.iter().map(|k| format!("+{k}")))
            .chain(c.changed.iter().map(|k| format!("~{k}")))
            .chain(c.removed.iter().map(|k| format!("-{k}")))
            .collect();
        match (self.action.as_str(), &c.from) {
            ("rollback", Some(from)) => parts.push(format!("(values of version {from})")),
            ("rename", Some(from)) => parts.push(format!("(renamed from {from})")),
            ("copy", Some(from)) => parts.push(format!("(copied from {from})")),
            _ => {}
        }
        parts.join(" ")
    }
}

/// A secret's history, newest first (`GET .../versions`).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
pub struct History {
    #[schemars(regex(pattern = r"^st-[0-9A-Za-z]{22}$"))]
    pub id: String,
    #[schemars(with = "SecretName")]
    pub name: String,
    #[schemars(with = "EnvName")]
    pub environment: String,
    /// The current version.
    pub version: i64,
    pub versions: Vec<VersionInfo>,
}

/// One version of a secret, with its values when they were asked for.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
pub struct VersionShown {
    #[schemars(regex(pattern = r"^st-[0-9A-Za-z]{22}$"))]
    pub id: String,
    #[schemars(with = "SecretName")]
    pub name: String,
    #[schemars(with = "EnvName")]
    pub environment: String,
    /// The secret's current version (this one is `version`).
    pub current_version: i64,
    #[serde(flatten)]
    pub info: VersionInfo,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[schemars(schema_with = "values_revealed")]
    pub values: Option<SecretData>,
}

/// What to do when the secret exists: refuse (409), keep it, or replace its values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OnConflict {
    // Plain comments: a doc comment here would turn each variant into a schema of its own.
    // Refuse (exit 4).
    #[default]
    Fail,
    // Keep the existing secret untouched and succeed (Modal's `allow_existing`).
    AllowExisting,
    // Replace the existing values.
    Force,
}

/// The result of a create: what is stored now and what happened.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
pub struct CreateOutcome {
    pub secret: SecretInfo,
    /// A new secret came into being.
    pub created: bool,
    /// An existing secret's values were replaced (`force`).
    pub replaced: bool,
}

/// The result of an update: what is stored now, and which of the keys asked to be unset
/// were there to remove.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
pub struct UpdateOutcome {
    pub secret: SecretInfo,
    /// The keys of `unset` that were there to remove.
    #[schemars(with = "Vec<Key>")]
    pub removed: Vec<String>,
}

/// One page of a listing, newest first.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
pub struct Page {
    pub secrets: Vec<SecretInfo>,
    /// Pass back as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// A secret's metadata, plus its values when they were asked for.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
pub struct Shown {
    #[serde(flatten)]
    pub info: SecretInfo,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[schemars(schema_with = "values_revealed")]
    pub values: Option<SecretData>,
    /// Why this read could not be recorded as the secret's last use (a warning, not a
    /// failure: the values were read). Never sent over the wire.
    #[serde(skip)]
    pub unrecorded: Option<String>,
}

/// What a token may do: every environment or only some, read-only or read-write, and the
/// token and audit endpoints (admin).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Scope {
    pub admin: bool,
    /// `null`: every environment.
    #[schemars(with = "Option<Vec<EnvName>>")]
    pub environments: Option<Vec<String>>,
    pub read_only: bool,
}

/// What an operation needs from a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

impl Scope {
    /// Whether this scope may touch `env` as `access` asks; the error says why not.
    pub fn check(&self, token: &str, env: &str, access: Access) -> Result<()> {
        if let Some(envs) = &self.environments {
            if !envs.iter().any(|e| e == env) {
                return Err(Error::Forbidden(format!(
                    "token `{token}` may not use environment `{env}` (it may use: {})",
                    envs.join(", ")
                )));
            }
        }
        if access == Access::Write && self.read_only {
            return Err(Error::Forbidden(format!(
                "token `{token}` is read-only: it cannot create, update or delete secrets"
            )));
        }
        Ok(())
    }

    pub fn check_admin(&self, token: &str) -> Result<()> {
        if self.admin {
            Ok(())
        } else {
            Err(Error::Forbidden(format!(
                "token `{token}` is not an admin token: only admin tokens manage tokens, read \
                 the audit log and rotate keys"
            )))
        }
    }
}

/// A token's state at the time it was listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TokenStatus {
    Active,
    Expired,
    Revoked,
}

/// What is known about a token: never the token itself, which is shown once at creation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TokenInfo {
    #[schemars(regex(pattern = r"^tk-[0-9A-Za-z]{22}$"))]
    pub id: String,
    #[schemars(with = "TokenName")]
    pub name: String,
    pub admin: bool,
    /// `null`: every environment.
    #[schemars(with = "Option<Vec<EnvName>>")]
    pub environments: Option<Vec<String>>,
    pub read_only: bool,
    pub created_at: Timestamp,
    /// The token that issued it (`keep serve` for the first admin token).
    pub created_by: String,
    pub expires_at: Option<Timestamp>,
    pub revoked_at: Option<Timestamp>,
    pub status: TokenStatus,
}

/// A token just created: the only time its value is shown.
// `Debug` redacts the token.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
pub struct IssuedToken {
    /// The token itself, shown this once.
    #[schemars(with = "String", regex(pattern = r"^keep_[0-9A-Za-z]{43}$"))]
    pub token: SecretValue,
    #[serde(flatten)]
    pub info: TokenInfo,
}

/// One audit record as the API and `keep audit --json` show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AuditEvent {
    #[schemars(range(min = 1))]
    pub id: i64,
    pub at: Timestamp,
    /// The token's name; empty when no valid token was presented.
    pub actor: String,
    /// The client's address.
    pub client: String,
    /// Such as `secret.create`, `secret.reveal`, `token.revoke` or `key.rotate`; `other` for a
    /// request of no listed kind.
    pub action: String,
    pub environment: Option<String>,
    /// The secret or token named.
    pub target: Option<String>,
    #[schemars(extend("enum" = ["ok", "unauthorized", "forbidden", "not_found", "conflict", "rate_limited", "invalid", "error"]))]
    pub outcome: String,
}

/// One page of the audit log, newest first.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
pub struct AuditPage {
    pub events: Vec<AuditEvent>,
    /// Pass back as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// Parses a positive span such as `30d`, `12h`, `2w` or `90m` (a day is 24 hours).
pub fn parse_span(s: &str) -> Result<jiff::SignedDuration> {
    let bad = || {
        Error::invalid_with_hint(
            format!("invalid span `{}`", s.escape_debug()),
            "use a positive span in weeks, days, hours or minutes, such as `30d`, `12h` or `2w`",
        )
    };
    let span: jiff::Span = s.trim().parse().map_err(|_| bad())?;
    let d = span
        .to_duration(jiff::SpanRelativeTo::days_are_24_hours())
        .map_err(|_| bad())?;
    if d.is_positive() { Ok(d) } else { Err(bad()) }
}

/// The keys of `data`, in order.
/// The names in `candidates` close to `typed` (a prefix of one another, or at most two edits
/// apart), closest first, at most three; never `typed` itself, so that a typo is not given
/// back as advice.
pub fn near_names(typed: &str, candidates: &[String]) -> Vec<String> {
    let typed_lower = typed.to_lowercase();
    let mut near: Vec<(usize, &String)> = candidates
        .iter()
        .filter(|c| c.as_str() != typed)
        .filter_map(|c| {
            let lower = c.to_lowercase();
            let d = edit_distance(&typed_lower, &lower);
            let prefix = typed_lower.len() >= 2
                && (lower.starts_with(&typed_lower) || typed_lower.starts_with(&lower));
            (d <= 2 || prefix).then_some((d, c))
        })
        .collect();
    near.sort();
    near.into_iter().take(3).map(|(_, c)| c.clone()).collect()
}

/// Levenshtein distance, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(prev + usize::from(ca != *cb));
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

pub fn keys_of(data: &SecretData) -> Vec<String> {
    data.keys().cloned().collect()
}

/// Every key of `required` absent from `keys`, in the order asked.
pub fn missing_keys(keys: &[String], required: &[String]) -> Vec<String> {
    let mut missing: Vec<String> = Vec::new();
    for k in required {
        if !keys.contains(k) && !missing.contains(k) {
            missing.push(k.clone());
        }
    }
    missing
}

// --- Schemas of the validated types, for the API's document ---------------------------------

/// The schema every name shares (secrets, environments, tokens).
fn name_schema() -> Schema {
    json_schema!({
        "type": "string",
        "description": "A secret, environment or token name: 1 to 63 of `A-Z a-z 0-9 . _ -`, \
            not only dots, and not `st-` followed only by letters and digits.",
        "minLength": 1,
        "maxLength": MAX_NAME_LEN,
        "pattern": "^[A-Za-z0-9._-]+$",
        "not": { "anyOf": [{ "pattern": "^\\.+$" }, { "pattern": "^st-[A-Za-z0-9]+$" }] },
        "examples": ["db", "main", "ci"],
    })
}

/// Implements `JsonSchema` for each type as the component `NAME` with a fixed schema; types
/// that share a name share the component.
macro_rules! fixed_schema {
    ($($ty:ty => $name:literal, $schema:expr;)*) => {$(
        impl JsonSchema for $ty {
            fn schema_name() -> Cow<'static, str> {
                $name.into()
            }
            fn schema_id() -> Cow<'static, str> {
                concat!("keep::", $name).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                $schema
            }
        }
    )*};
}

/// An environment variable name, for schemas (keys are plain strings in the types).
pub struct Key;

/// A master key's public fingerprint, for schemas.
pub struct KeyId;

fixed_schema! {
    SecretName => "Name", name_schema();
    EnvName => "Name", name_schema();
    TokenName => "Name", name_schema();
    Key => "Key", json_schema!({
        "type": "string",
        "description": "An environment variable name: non-empty, at most 256 bytes of UTF-8 \
            (`maxLength` counts characters), without `=` or NUL.",
        "minLength": 1,
        "maxLength": MAX_KEY_BYTES,
        "pattern": "^[^=\\u0000]+$",
        "examples": ["DATABASE_URL"],
    });
    KeyId => "KeyId", json_schema!({
        "type": "string",
        "pattern": "^[0-9a-f]{16}$",
        "description": "A master key's public fingerprint.",
    });
    SecretValue => "Value", json_schema!({
        "type": "string",
        "description": "UTF-8 text without NUL, at most 65536 bytes (`maxLength` counts \
            characters).",
        "maxLength": MAX_VALUE_BYTES,
        "pattern": "^[^\\u0000]*$",
    });
}

/// A map of keys to values with at least `min` keys.
fn values(generator: &mut SchemaGenerator, min: usize, description: &str) -> Schema {
    let key = generator.subschema_for::<Key>();
    let value = generator.subschema_for::<SecretValue>();
    json_schema!({
        "type": "object",
        "description": description,
        "minProperties": min,
        "propertyNames": key,
        "additionalProperties": value,
    })
}

pub fn values_at_least_one(generator: &mut SchemaGenerator) -> Schema {
    values(
        generator,
        1,
        "At least one key; at most 1 MiB of keys and values in all.",
    )
}

pub fn values_any(generator: &mut SchemaGenerator) -> Schema {
    values(generator, 0, "Keys to add or change.")
}

/// The revealed values of a secret.
pub fn values_revealed(generator: &mut SchemaGenerator) -> Schema {
    values(generator, 1, "Only with `reveal=true`.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_names_are_close_and_never_the_typo() {
        let names: Vec<String> = ["staging", "main", "prod", "production", "stage"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        assert_eq!(near_names("stagin", &names), ["staging", "stage"]);
        assert_eq!(near_names("prod", &names), ["production"]);
        assert!(near_names("zzz", &names).is_empty());
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn names_accept_the_documented_alphabet() {
        for ok in [
            "a",
            "db-prod",
            "A.b_c-1",
            &"x".repeat(63),
            "st-",
            "st-a.b",
            "st_x",
        ] {
            SecretName::parse(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
        }
        for bad in [
            "",
            &"x".repeat(64),
            "a b",
            "a/b",
            "é",
            "st-abc123",
            "st-X",
            "a\0",
            ".",
            "..",
            "...",
        ] {
            assert!(SecretName::parse(bad).is_err(), "{bad:?} should be refused");
            assert!(EnvName::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn name_errors_say_what_is_allowed() {
        let Err(Error::Invalid { message, hint }) = SecretName::parse("a b") else {
            panic!("expected invalid")
        };
        assert!(
            message.contains("`a b`") && message.contains("' '"),
            "{message}"
        );
        assert!(hint.unwrap_or_default().contains("letters, digits"));
    }

    #[test]
    fn keys_are_checked() {
        check_key("DATABASE_URL").unwrap();
        check_key("weird key.with-stuff").unwrap();
        check_key(&"K".repeat(256)).unwrap();
        for bad in ["", "A=B", "A\0", &"K".repeat(257)] {
            assert!(check_key(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn values_are_checked_without_echoing_them() {
        validate_data(&data(&[("A", &"v".repeat(MAX_VALUE_BYTES))])).unwrap();
        let e = validate_data(&data(&[("A", &"hunter2".repeat(10_000))])).unwrap_err();
        assert!(e.to_string().contains("`A`") && !e.to_string().contains("hunter2"));
        let e = validate_data(&data(&[("A", "sec\0ret")])).unwrap_err();
        assert!(!e.to_string().contains("sec"), "{e}");
        assert!(validate_data(&data(&[])).is_err());
        let big: Vec<(String, String)> = (0..20)
            .map(|i| (format!("K{i}"), "x".repeat(60_000)))
            .collect();
        let big: SecretData = big
            .into_iter()
            .map(|(k, v)| (k, SecretValue::new(v)))
            .collect();
        assert!(
            validate_data(&big)
                .unwrap_err()
                .to_string()
                .contains("1 MiB")
        );
    }

    #[test]
    fn secret_values_never_debug_print() {
        let d = data(&[("A", "hunter2")]);
        assert!(!format!("{d:?}").contains("hunter2"));
    }

    #[test]
    fn spans_are_positive_and_calendar_free() {
        assert_eq!(parse_span("30d").unwrap().as_secs(), 30 * 86_400);
        assert_eq!(parse_span("2w").unwrap().as_secs(), 14 * 86_400);
        assert_eq!(parse_span("12h").unwrap().as_secs(), 12 * 3600);
        for bad in ["", "0s", "-1d", "soon", "1mo", "1y"] {
            assert!(parse_span(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn changes_name_added_changed_and_removed_keys() {
        let before = data(&[("A", "1"), ("B", "2"), ("C", "3")]);
        let after = data(&[("B", "2"), ("C", "30"), ("D", "4")]);
        let c = Changes::between(&before, &after);
        assert_eq!(
            (c.added, c.changed, c.removed),
            (
                vec!["D".to_owned()],
                vec!["C".to_owned()],
                vec!["A".to_owned()]
            )
        );
        assert!(Changes::between(&after, &after).is_empty());
        let all = Changes::between(&SecretData::new(), &after);
        assert_eq!(all.added, ["B", "C", "D"]);
    }

    #[test]
    fn missing_keys_keeps_order_and_dedups() {
        let keys = vec!["A".to_string()];
        let req: Vec<String> = ["B", "A", "C", "B"].iter().map(|s| s.to_string()).collect();
        assert_eq!(missing_keys(&keys, &req), vec!["B", "C"]);
    }
}
