-- PostgreSQL twin of migrations/sqlite/0001_init.sql: same tables, same columns, same meaning.
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
    wrapped_key  BYTEA   NOT NULL,
    ciphertext   BYTEA   NOT NULL,
    UNIQUE (environment, name)
);

CREATE INDEX secrets_newest_first ON secrets (environment, created_at DESC, id DESC);

CREATE TABLE tokens (
    id         TEXT    PRIMARY KEY NOT NULL,
    name       TEXT    NOT NULL UNIQUE,
    hash       TEXT    NOT NULL UNIQUE,
    admin      BOOLEAN NOT NULL,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT,
    revoked_at BIGINT
);

CREATE TABLE meta (
    name  TEXT  PRIMARY KEY NOT NULL,
    value BYTEA NOT NULL
);
