-- PostgreSQL twin of migrations/sqlite/0006_sessions.sql.
CREATE TABLE sessions (
    id           TEXT   PRIMARY KEY NOT NULL,
    hash         TEXT   NOT NULL UNIQUE,
    token_hash   TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    client       TEXT   NOT NULL,
    seal         BYTEA  NOT NULL
);
CREATE INDEX sessions_by_token ON sessions (token_hash, created_at);

CREATE INDEX audit_by_target ON audit (target, environment, at);

-- The dashboard filters a listing by a name's prefix, as a range of byte-ordered names (what
-- SQLite's unique index on (environment, name) gives); the database's own collation may
-- order names otherwise, so the range runs on an index in the "C" collation.
CREATE INDEX secrets_by_name_bytes ON secrets (environment, name COLLATE "C");
