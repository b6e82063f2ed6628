-- Secrets: one row per (environment, name); values are sealed (see src/crypto.rs).
-- Times are microseconds since the Unix epoch, UTC.
CREATE TABLE secrets (
    id           TEXT    PRIMARY KEY NOT NULL,
    environment  TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    version      BIGINT  NOT NULL,
    created_at   BIGINT  NOT NULL,
    created_by   TEXT    NOT NULL,
    updated_at   BIGINT  NOT NULL,
    last_used_at BIGINT,
    keys         TEXT    NOT NULL,
    key_id       TEXT    NOT NULL,
    wrapped_key  BLOB    NOT NULL,
    ciphertext   BLOB    NOT NULL,
    UNIQUE (environment, name)
);

CREATE INDEX secrets_newest_first ON secrets (environment, created_at DESC, id DESC);

-- API tokens of `keep serve`: only a keyed hash of each token is stored.
CREATE TABLE tokens (
    id         TEXT    PRIMARY KEY NOT NULL,
    name       TEXT    NOT NULL UNIQUE,
    hash       TEXT    NOT NULL UNIQUE,
    admin      BOOLEAN NOT NULL,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT,
    revoked_at BIGINT
);

-- Store-wide facts, such as the key check: a known value sealed with the master key, so that
-- a wrong key is refused at start-up instead of failing secret by secret.
CREATE TABLE meta (
    name  TEXT PRIMARY KEY NOT NULL,
    value BLOB NOT NULL
);
