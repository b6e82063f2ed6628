//! The one error type of keep, its exit codes, its machine-readable codes and its hints.
//!
//! Messages name the offending secret, environment or key but never a value.

/// Everything that can go wrong, in the terms a user acts on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad flag, name, key, value or file: the user can fix the input.
    #[error("{message}")]
    Invalid {
        message: String,
        hint: Option<String>,
    },
    /// The command line itself is wrong (clap's message).
    #[error("{0}")]
    Usage(String),
    /// `--require` named keys the secret does not have.
    #[error("secret `{name}` is missing required {}: {}", plural(keys.len(), "key"), keys.join(", "))]
    MissingKeys { name: String, keys: Vec<String> },
    /// `near`: names of the environment's secrets close to `name` (for the hint).
    #[error("secret `{name}` not found in environment `{env}`")]
    NotFound {
        name: String,
        env: String,
        near: Vec<String>,
    },
    /// An environment that does not exist was used; `near`: existing names close to it.
    #[error("environment `{env}` not found")]
    EnvironmentNotFound { env: String, near: Vec<String> },
    /// A read from a local store that does not exist (nothing is created by a read).
    #[error("no local store in `{}`", home.display())]
    NoStore { home: std::path::PathBuf },
    #[error("secret `{name}` already exists in environment `{env}`")]
    AlreadyExists { name: String, env: String },
    /// Something other than a secret (a token) already exists.
    #[error("{0}")]
    Conflict(String),
    /// `--if-version N` of a write, when the secret is at another version: another write
    /// came first. The message names the current version.
    #[error("{0}")]
    VersionConflict(String),
    /// Revoking the last usable admin token, which would lock everyone out.
    #[error("{0}")]
    LastAdmin(String),
    /// Something other than a secret (a token) does not exist.
    #[error("{0}")]
    Missing(String),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("could not reach the keep server at {url}: {cause}")]
    Unreachable { url: String, cause: String },
    /// The server answered 503: it is up, but could not carry out the request now (its
    /// database is away or its disk full). Nothing was done; retrying later can succeed.
    #[error("the keep server at {url} could not carry out the request now: {message}")]
    Unavailable { url: String, message: String },
    /// The connection was made but TLS failed: a wrong scheme or an untrusted certificate.
    #[error("TLS with the keep server at {url} failed: {cause}")]
    Tls { url: String, cause: String },
    /// Stored data failed authentication: tampered with, or the wrong key.
    #[error("integrity check failed: {0}")]
    Integrity(String),
    /// The server reported a failure of its own.
    #[error("the server failed: {0}")]
    Server(String),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Database(String),
    #[error("{0}")]
    Internal(String),
    #[error("interrupted")]
    Interrupted,
    /// `keep run` could not start the program; `exit` is what a shell would return (127 not
    /// found, 126 not executable, 2 too large to pass).
    #[error("{message}")]
    CannotRun {
        message: String,
        hint: Option<String>,
        exit: i32,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A copy of an error, for one found early and reported by each command that meets it (an
/// I/O error keeps its kind and text).
impl Clone for Error {
    fn clone(&self) -> Self {
        match self {
            Error::Invalid { message, hint } => Error::Invalid {
                message: message.clone(),
                hint: hint.clone(),
            },
            Error::Usage(m) => Error::Usage(m.clone()),
            Error::MissingKeys { name, keys } => Error::MissingKeys {
                name: name.clone(),
                keys: keys.clone(),
            },
            Error::NotFound { name, env, near } => Error::NotFound {
                name: name.clone(),
                env: env.clone(),
                near: near.clone(),
            },
            Error::EnvironmentNotFound { env, near } => Error::EnvironmentNotFound {
                env: env.clone(),
                near: near.clone(),
            },
            Error::NoStore { home } => Error::NoStore { home: home.clone() },
            Error::AlreadyExists { name, env } => Error::AlreadyExists {
                name: name.clone(),
                env: env.clone(),
            },
            Error::Conflict(m) => Error::Conflict(m.clone()),
            Error::VersionConflict(m) => Error::VersionConflict(m.clone()),
            Error::LastAdmin(m) => Error::LastAdmin(m.clone()),
            Error::Missing(m) => Error::Missing(m.clone()),
            Error::Unauthorized(m) => Error::Unauthorized(m.clone()),
            Error::Forbidden(m) => Error::Forbidden(m.clone()),
            Error::Unreachable { url, cause } => Error::Unreachable {
                url: url.clone(),
                cause: cause.clone(),
            },
            Error::Unavailable { url, message } => Error::Unavailable {
                url: url.clone(),
                message: message.clone(),
            },
            Error::Tls { url, cause } => Error::Tls {
                url: url.clone(),
                cause: cause.clone(),
            },
            Error::Integrity(m) => Error::Integrity(m.clone()),
            Error::Server(m) => Error::Server(m.clone()),
            Error::Io { context, source } => Error::Io {
                context: context.clone(),
                source: std::io::Error::new(source.kind(), source.to_string()),
            },
            Error::Database(m) => Error::Database(m.clone()),
            Error::Internal(m) => Error::Internal(m.clone()),
            Error::Interrupted => Error::Interrupted,
            Error::CannotRun {
                message,
                hint,
                exit,
            } => Error::CannotRun {
                message: message.clone(),
                hint: hint.clone(),
                exit: *exit,
            },
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

/// `did you mean `a` or `b`?`, or nothing when there is no near name.
pub fn did_you_mean(near: &[String]) -> Option<String> {
    let quoted: Vec<String> = near.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => None,
        [one] => Some(format!("did you mean {one}?")),
        [init @ .., last] => Some(format!("did you mean {} or {last}?", init.join(", "))),
    }
}

/// Text shown in an error: control characters escaped, so it cannot drive the terminal or
/// break the line; quotes and backslashes as they are.
pub fn shown(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            c if c.is_control() => c.escape_default().to_string(),
            c => c.to_string(),
        })
        .collect()
}

impl Error {
    pub fn invalid(message: impl Into<String>) -> Self {
        Error::Invalid {
            message: message.into(),
            hint: None,
        }
    }

    pub fn invalid_with_hint(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Invalid {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    pub fn io_path(what: &str, path: &std::path::Path, source: std::io::Error) -> Self {
        Self::io(format!("{what} `{}`", path.display()), source)
    }

    /// Values that cannot be written as `format` (`keep export`): every problem, and a way
    /// around them.
    pub fn unwritable(format: &str, problems: &[String], hint: &str) -> Self {
        Self::invalid_with_hint(
            format!("cannot write as {format}: {}", problems.join("; ")),
            hint.to_owned(),
        )
    }

    /// The process exit code; the table is documented in `keep --help`.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Invalid { .. } | Error::Usage(_) | Error::MissingKeys { .. } => 2,
            Error::NotFound { .. }
            | Error::EnvironmentNotFound { .. }
            | Error::Missing(_)
            | Error::NoStore { .. } => 3,
            Error::AlreadyExists { .. }
            | Error::Conflict(_)
            | Error::VersionConflict(_)
            | Error::LastAdmin(_) => 4,
            Error::Unauthorized(_) | Error::Forbidden(_) => 5,
            Error::Unreachable { .. } | Error::Unavailable { .. } | Error::Tls { .. } => 6,
            Error::Interrupted => 130,
            Error::CannotRun { exit, .. } => *exit,
            Error::Integrity(_)
            | Error::Server(_)
            | Error::Io { .. }
            | Error::Database(_)
            | Error::Internal(_) => 1,
        }
    }

    /// The stable machine-readable code used in JSON errors, locally and on the wire.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid_input",
            Error::Usage(_) => "usage",
            Error::MissingKeys { .. } => "missing_keys",
            Error::NotFound { .. } | Error::Missing(_) => "not_found",
            Error::EnvironmentNotFound { .. } => "environment_not_found",
            Error::NoStore { .. } => "no_store",
            Error::AlreadyExists { .. } | Error::Conflict(_) => "already_exists",
            Error::LastAdmin(_) => "last_admin",
            Error::VersionConflict(_) => "version_conflict",
            Error::Unauthorized(_) => "unauthorized",
            Error::Forbidden(_) => "forbidden",
            Error::Unreachable { .. } => "unreachable",
            Error::Unavailable { .. } => "unavailable",
            Error::Tls { .. } => "tls",
            Error::Integrity(_) => "integrity",
            Error::Server(_) => "server_error",
            Error::Io { .. } => "io",
            Error::Database(_) => "database",
            Error::Internal(_) => "internal",
            Error::Interrupted => "interrupted",
            Error::CannotRun { .. } => "cannot_run",
        }
    }

    /// Whether this is a write refused because the store's disk is full.
    pub fn is_disk_full(&self) -> bool {
        matches!(self, Error::Database(m) if m.starts_with(DISK_FULL))
    }

    /// The next step for the user, if there is an obvious one.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Invalid { hint, .. } | Error::CannotRun { hint, .. } => hint.clone(),
            Error::MissingKeys { name, .. } => {
                Some(format!("see which keys `{name}` has with `keep show {name}`"))
            }
            Error::NotFound { env, near, .. } => {
                let list = format!("see the secrets that exist with `keep list -e {env}`");
                Some(match did_you_mean(near) {
                    Some(ask) => format!("{ask} {list}"),
                    None => list,
                })
            }
            Error::EnvironmentNotFound { env, near } => Some(match did_you_mean(near) {
                Some(ask) => format!("{ask} create an environment with `keep environment create NAME`"),
                None => format!(
                    "see the environments with `keep environment list`, or create this one with `keep environment create {env}`"
                ),
            }),
            Error::NoStore { .. } => Some(
                "nothing was read or created; the first `keep create` makes the store. Check \
                 `--home`/`KEEP_HOME`, or use a server with `keep login`"
                    .into(),
            ),
            Error::AlreadyExists { .. } => Some(
                "pass `--allow-existing` to keep the existing values or `--force` to replace them"
                    .into(),
            ),
            Error::Unauthorized(_) => Some(
                "log in again with `keep login`, or set `KEEP_TOKEN` to a valid token (`keep serve admin-token` makes a new admin token)"
                    .into(),
            ),
            Error::Forbidden(_) => Some("ask an admin for a token with access to this".into()),
            Error::VersionConflict(_) => Some(
                "read the secret again (`keep show NAME --json` gives its `version`), then retry with that `--if-version`"
                    .into(),
            ),
            Error::Unavailable { .. } => Some(
                "nothing was done; try again shortly (the server's log says what failed)".into(),
            ),
            Error::Unreachable { cause, .. } if cause.contains("did not answer") => Some(
                "the server may be overloaded or stuck; try again, or wait longer with `--timeout SECS` (or `KEEP_TIMEOUT`)"
                    .into(),
            ),
            Error::Unreachable { .. } => Some(
                "check that `keep serve` is running and that the server URL is right (`keep status` says which server is used, and why)"
                    .into(),
            ),
            Error::Tls { .. } => Some(
                "check the scheme (`http://` or `https://`) and the host name in the server URL; if the server's certificate comes from a private CA, pass the CA's certificate with `--ca-cert PEM` or `KEEP_CA_CERT`, or log in with the fingerprint `keep serve --tls-self-signed` prints (`keep login --fingerprint SHA256`)"
                    .into(),
            ),
            _ if self.is_disk_full() => Some(
                "free some space on that disk and try again: nothing that was acknowledged is lost, \
                 and reads still work"
                    .into(),
            ),
            Error::Integrity(m) if m.contains("version ") => Some(
                "a version in the secret's history was modified outside keep; the current \
                 values are a row of their own and still read (`keep show NAME --reveal`); \
                 restore the store from a backup to have the history back"
                    .into(),
            ),
            Error::Integrity(_) => Some(
                "the store was modified outside keep: restore it from a backup, or delete the \
                 damaged secret with `keep delete NAME` (deleting reads nothing)"
                    .into(),
            ),
            _ => None,
        }
    }
}

/// How a write refused for want of space begins its message.
const DISK_FULL: &str = "the disk holding the store is full, so the write was not made";

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        // sqlx errors carry SQL text and driver messages, never bound parameters.
        let full = e
            .as_database_error()
            .and_then(|d| d.code())
            .is_some_and(|code| code == "13" || code == "53100"); // SQLITE_FULL, disk_full
        if full {
            Error::Database(format!("{DISK_FULL}: {e}"))
        } else {
            Error::Database(e.to_string())
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        // rusqlite's errors carry SQLite's message and code, never bound parameters.
        let full = matches!(
            &e,
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DiskFull
        );
        if full {
            Error::Database(format!("{DISK_FULL}: {e}"))
        } else {
            Error::Database(e.to_string())
        }
    }
}

impl From<sqlx::migrate::MigrateError> for Error {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        Error::Database(format!("migration failed: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_documented_table() {
        let cases: Vec<(Error, i32, &str)> = vec![
            (Error::invalid("x"), 2, "invalid_input"),
            (
                Error::MissingKeys {
                    name: "a".into(),
                    keys: vec!["K".into()],
                },
                2,
                "missing_keys",
            ),
            (
                Error::NotFound {
                    name: "a".into(),
                    env: "main".into(),
                    near: Vec::new(),
                },
                3,
                "not_found",
            ),
            (
                Error::EnvironmentNotFound {
                    env: "stagin".into(),
                    near: vec!["staging".into()],
                },
                3,
                "environment_not_found",
            ),
            (
                Error::AlreadyExists {
                    name: "a".into(),
                    env: "main".into(),
                },
                4,
                "already_exists",
            ),
            (Error::VersionConflict("x".into()), 4, "version_conflict"),
            (Error::Unauthorized("x".into()), 5, "unauthorized"),
            (Error::Forbidden("x".into()), 5, "forbidden"),
            (
                Error::Unreachable {
                    url: "u".into(),
                    cause: "c".into(),
                },
                6,
                "unreachable",
            ),
            (
                Error::Unavailable {
                    url: "u".into(),
                    message: "m".into(),
                },
                6,
                "unavailable",
            ),
            (Error::Integrity("x".into()), 1, "integrity"),
            (Error::Interrupted, 130, "interrupted"),
        ];
        for (err, code, name) in cases {
            assert_eq!(err.exit_code(), code, "{err:?}");
            assert_eq!(err.code(), name);
        }
    }

    #[test]
    fn near_names_are_offered_as_a_question() {
        let near = ["staging".to_owned(), "stage".to_owned(), "main".to_owned()];
        assert_eq!(did_you_mean(&[]), None);
        assert_eq!(
            did_you_mean(&near[..1]).as_deref(),
            Some("did you mean `staging`?")
        );
        assert_eq!(
            did_you_mean(&near).as_deref(),
            Some("did you mean `staging`, `stage` or `main`?")
        );
    }

    #[test]
    fn missing_keys_message_names_every_key() {
        let e = Error::MissingKeys {
            name: "db".into(),
            keys: vec!["A".into(), "B".into()],
        };
        assert_eq!(e.to_string(), "secret `db` is missing required keys: A, B");
    }
}
