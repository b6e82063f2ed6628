//! Every SQL statement keep runs, written once in the subset SQLite and PostgreSQL share
//! (`$N` placeholders, each first used in the order of its number, BIGINT times in
//! microseconds). `lite` runs them through rusqlite, `pg` through sqlx; dialect differences
//! live in `migrations/<dialect>/` and in the few statements marked for one dialect.

macro_rules! secret_columns {
    () => {
        "id, environment, name, version, created_at, created_by, updated_at, \
         last_used_at, keys, key_id, wrapped_key, ciphertext, seal"
    };
}

/// The columns of a secret that need no decryption (listings).
macro_rules! secret_meta_columns {
    () => {
        "id, environment, name, version, created_at, created_by, updated_at, \
         last_used_at, keys, key_id, seal"
    };
}

macro_rules! version_columns {
    () => {
        "secret_id, version, environment, created_at, created_by, action, keys, changes, \
         key_id, wrapped_key, ciphertext, seal"
    };
}

/// The columns of a version that need no decryption (history).
macro_rules! version_meta_columns {
    () => {
        "secret_id, version, environment, created_at, created_by, action, keys, changes, \
         key_id, seal"
    };
}

macro_rules! token_columns {
    () => {
        "id, name, hash, admin, created_at, expires_at, revoked_at, environments, read_only, \
         created_by, version, seal"
    };
}

/// One secret by (environment, name), every column.
pub const SELECT_SECRET: &str = concat!(
    "SELECT ",
    secret_columns!(),
    " FROM secrets WHERE environment = $1 AND name = $2"
);

/// The name of the secret with an id, in an environment (`keep show st-...`).
pub const SECRET_NAME_BY_ID: &str = "SELECT name FROM secrets WHERE id = $1 AND environment = $2";

/// [`SELECT_SECRET`], locking the row (PostgreSQL only).
pub const SELECT_SECRET_FOR_UPDATE: &str = concat!(
    "SELECT ",
    secret_columns!(),
    " FROM secrets WHERE environment = $1 AND name = $2 FOR UPDATE"
);

pub const INSERT_SECRET: &str = concat!(
    "INSERT INTO secrets (",
    secret_columns!(),
    ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
     ON CONFLICT (environment, name) DO NOTHING"
);

/// The next version of a secret, in place of the current one (`$10`: the version replaced);
/// a rename changes its name.
pub const UPDATE_SECRET: &str = "UPDATE secrets SET version = $1, updated_at = $2, keys = $3, \
     key_id = $4, wrapped_key = $5, ciphertext = $6, seal = $7, name = $8 \
     WHERE id = $9 AND version = $10";

/// A version kept in the history; one already recorded is left as it is (the version a
/// store from before history records at its first write may have been recorded meanwhile).
pub const INSERT_VERSION: &str = concat!(
    "INSERT INTO secret_versions (",
    version_columns!(),
    ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
     ON CONFLICT (secret_id, version) DO NOTHING"
);

/// Retention: a secret's versions numbered `$2` or lower.
pub const PRUNE_VERSIONS: &str =
    "DELETE FROM secret_versions WHERE secret_id = $1 AND version <= $2";

/// A secret's history, newest first (metadata only).
pub const LIST_VERSIONS: &str = concat!(
    "SELECT ",
    version_meta_columns!(),
    " FROM secret_versions WHERE secret_id = $1 ORDER BY version DESC LIMIT $2"
);

/// One version of a secret, every column.
pub const SELECT_VERSION: &str = concat!(
    "SELECT ",
    version_columns!(),
    " FROM secret_versions WHERE secret_id = $1 AND version = $2"
);

/// Whether a secret has any history (a secret from before history has none).
pub const NEWEST_VERSION: &str = "SELECT MAX(version) FROM secret_versions WHERE secret_id = $1";

/// Versions whose data key another master key wraps, after the cursor (`$2`, `$3`).
pub const VERSIONS_NOT_UNDER_KEY: &str = concat!(
    "SELECT ",
    version_columns!(),
    " FROM secret_versions WHERE key_id <> $1 \
     AND (secret_id > $2 OR (secret_id = $2 AND version > $3)) \
     ORDER BY secret_id, version LIMIT $4"
);

pub const REWRAP_VERSION: &str = "UPDATE secret_versions SET key_id = $1, wrapped_key = $2 \
     WHERE secret_id = $3 AND version = $4 AND key_id = $5";

pub const VERSION_KEY_USAGE: &str =
    "SELECT key_id, COUNT(*) FROM secret_versions GROUP BY key_id ORDER BY key_id";

pub const DELETE_SECRET: &str = "DELETE FROM secrets WHERE environment = $1 AND name = $2";

pub const SECRETS_NOT_UNDER_KEY: &str = concat!(
    "SELECT ",
    secret_columns!(),
    " FROM secrets WHERE key_id <> $1 AND id > $2 ORDER BY id LIMIT $3"
);

pub const REWRAP_SECRET: &str = "UPDATE secrets SET key_id = $1, wrapped_key = $2 \
     WHERE id = $3 AND version = $4 AND key_id = $5";

pub const UNSEALED_SECRETS: &str = concat!(
    "SELECT ",
    secret_meta_columns!(),
    " FROM secrets WHERE seal IS NULL AND id > $1 ORDER BY id LIMIT $2"
);

pub const SEAL_SECRET: &str =
    "UPDATE secrets SET seal = $1 WHERE id = $2 AND version = $3 AND seal IS NULL";

pub const SEAL_TOKEN: &str =
    "UPDATE tokens SET seal = $1 WHERE id = $2 AND version = $3 AND seal IS NULL";

pub const KEY_USAGE: &str = "SELECT key_id, COUNT(*) FROM secrets GROUP BY key_id ORDER BY key_id";

/// Records a use, unless one was recorded within `$3` microseconds of `$1` (see
/// `Db::touch_secret`).
pub const TOUCH_SECRET: &str = "UPDATE secrets SET last_used_at = $1 WHERE id = $2 \
     AND (last_used_at IS NULL OR last_used_at < $1 - $3)";

/// A page of a listing: `$3`/`$4` are the cursor (the sort key of the last row seen).
pub const LIST_SECRETS: &str = concat!(
    "SELECT ",
    secret_meta_columns!(),
    " FROM secrets WHERE environment = $1 AND created_at < $2 \
     AND (created_at < $3 OR (created_at = $3 AND id < $4)) \
     ORDER BY created_at DESC, id DESC LIMIT $5"
);

pub const LIST_ENVIRONMENTS: &str = "SELECT name FROM environments ORDER BY name LIMIT 10000";

pub const ENVIRONMENT_EXISTS: &str = "SELECT 1 FROM environments WHERE name = $1";

/// [`ENVIRONMENT_EXISTS`], locking the row (PostgreSQL only).
pub const ENVIRONMENT_FOR_UPDATE: &str = "SELECT 1 FROM environments WHERE name = $1 FOR UPDATE";

/// [`ENVIRONMENT_EXISTS`], keeping the row from being deleted until the transaction ends
/// (PostgreSQL only: an insert of a secret takes it, a delete of the environment waits).
pub const ENVIRONMENT_FOR_SHARE: &str = "SELECT 1 FROM environments WHERE name = $1 FOR SHARE";

pub const INSERT_ENVIRONMENT: &str = "INSERT INTO environments (name, created_at, created_by) \
     VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING";

pub const COUNT_ENVIRONMENT_SECRETS: &str = "SELECT COUNT(*) FROM secrets WHERE environment = $1";

pub const DELETE_ENVIRONMENT_SECRETS: &str = "DELETE FROM secrets WHERE environment = $1";

pub const DELETE_ENVIRONMENT: &str = "DELETE FROM environments WHERE name = $1";

/// The names of an environment's secrets (for the near names of a not-found hint).
pub const SECRET_NAMES: &str =
    "SELECT name FROM secrets WHERE environment = $1 ORDER BY name LIMIT 10000";

pub const GET_META: &str = "SELECT value FROM meta WHERE name = $1";

pub const META_WITH_PREFIX: &str = "SELECT name, value FROM meta WHERE $1 = substr(name, 1, $2)";

pub const INIT_META: &str =
    "INSERT INTO meta (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING";

pub const INSERT_AUDIT: &str = "INSERT INTO audit (at, actor, client, action, environment, target, outcome) \
     VALUES ($1, $2, $3, $4, $5, $6, $7)";

pub const LIST_AUDIT: &str = "SELECT id, at, actor, client, action, environment, target, outcome \
     FROM audit WHERE at >= $1 AND (at < $2 OR (at = $2 AND id < $3)) \
     ORDER BY at DESC, id DESC LIMIT $4";

pub const INSERT_TOKEN: &str = concat!(
    "INSERT INTO tokens (",
    token_columns!(),
    ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
);

pub const TOKEN_BY_HASH: &str =
    concat!("SELECT ", token_columns!(), " FROM tokens WHERE hash = $1");

pub const ACTIVE_TOKEN_BY_NAME: &str = concat!(
    "SELECT ",
    token_columns!(),
    " FROM tokens WHERE name = $1 AND revoked_at IS NULL"
);

pub const LIST_TOKENS: &str = concat!(
    "SELECT ",
    token_columns!(),
    " FROM tokens ORDER BY created_at, id LIMIT 100000"
);

pub const UNSEALED_TOKENS: &str = concat!(
    "SELECT ",
    token_columns!(),
    " FROM tokens WHERE seal IS NULL ORDER BY id LIMIT 100000"
);

pub const COUNT_TOKENS: &str = "SELECT COUNT(*) FROM tokens";

/// Revokes a token if it is still the version read, unless it is the last usable admin token
/// (another usable one must exist, checked in the same statement).
pub const REVOKE_TOKEN: &str = "UPDATE tokens SET revoked_at = $1, version = $2, seal = $3 \
     WHERE id = $4 AND version = $5 AND revoked_at IS NULL \
     AND (admin = FALSE OR EXISTS (SELECT 1 FROM tokens o WHERE o.id <> $4 \
     AND o.admin AND o.revoked_at IS NULL AND (o.expires_at IS NULL OR o.expires_at > $1)))";

macro_rules! session_columns {
    () => {
        "id, hash, token_hash, created_at, last_seen_at, expires_at, client, seal"
    };
}

pub const INSERT_SESSION: &str = concat!(
    "INSERT INTO sessions (",
    session_columns!(),
    ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
);

pub const SESSION_BY_HASH: &str = concat!(
    "SELECT ",
    session_columns!(),
    " FROM sessions WHERE hash = $1"
);

pub const TOUCH_SESSION: &str = "UPDATE sessions SET last_seen_at = $1 WHERE id = $2";

/// Ends a session of one token (a user can end only their own).
pub const DELETE_SESSION: &str = "DELETE FROM sessions WHERE id = $1 AND token_hash = $2";

pub const LIST_SESSIONS: &str = concat!(
    "SELECT ",
    session_columns!(),
    " FROM sessions WHERE token_hash = $1 ORDER BY created_at DESC LIMIT 1000"
);

/// Sessions past their absolute expiry (`$1`) or idle since before `$2`.
pub const DELETE_STALE_SESSIONS: &str =
    "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2";

/// A page of the names of an environment that start with a prefix, in byte order: `$2` is the
/// prefix, `$3` the first string past every name that starts with it, `$4` the last name of
/// the previous page ("" for the first). SQLite compares text bytewise.
pub const LIST_SECRETS_BY_PREFIX: &str = concat!(
    "SELECT ",
    secret_meta_columns!(),
    " FROM secrets WHERE environment = $1 AND name >= $2 AND name < $3 AND name > $4 \
     ORDER BY name LIMIT $5"
);

/// [`LIST_SECRETS_BY_PREFIX`] for PostgreSQL, whose collation may not be bytewise: the range
/// runs in the "C" collation, on its own index (`secrets_by_name_bytes`).
pub const LIST_SECRETS_BY_PREFIX_PG: &str = concat!(
    "SELECT ",
    secret_meta_columns!(),
    " FROM secrets WHERE environment = $1 AND name COLLATE \"C\" >= $2 \
     AND name COLLATE \"C\" < $3 AND name COLLATE \"C\" > $4 \
     ORDER BY name COLLATE \"C\" LIMIT $5"
);

/// The last successful reveal of a secret: when, and by which token.
pub const LAST_REVEAL: &str = "SELECT at, actor FROM audit WHERE target = $1 \
     AND environment = $2 AND action = 'secret.reveal' AND outcome = 'ok' \
     ORDER BY at DESC LIMIT 1";
