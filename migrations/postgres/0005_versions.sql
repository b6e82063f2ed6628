-- PostgreSQL twin of migrations/sqlite/0005_versions.sql.
CREATE TABLE secret_versions (
    secret_id    TEXT    NOT NULL REFERENCES secrets (id) ON DELETE CASCADE,
    version      BIGINT  NOT NULL,
    environment  TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    created_by   TEXT    NOT NULL,
    action       TEXT    NOT NULL,
    keys         TEXT    NOT NULL,
    changes      TEXT    NOT NULL,
    key_id       TEXT    NOT NULL,
    wrapped_key  BYTEA   NOT NULL,
    ciphertext   BYTEA   NOT NULL,
    seal         BYTEA   NOT NULL,
    PRIMARY KEY (secret_id, version)
);

CREATE INDEX secret_versions_by_key ON secret_versions (key_id);
