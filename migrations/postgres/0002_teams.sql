-- PostgreSQL twin of migrations/sqlite/0002_teams.sql.
ALTER TABLE tokens ADD COLUMN environments TEXT;
ALTER TABLE tokens ADD COLUMN read_only BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE tokens ADD COLUMN created_by TEXT NOT NULL DEFAULT '';

CREATE TABLE audit (
    id          BIGSERIAL PRIMARY KEY,
    at          BIGINT  NOT NULL,
    actor       TEXT    NOT NULL,
    client      TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    environment TEXT,
    target      TEXT,
    outcome     TEXT    NOT NULL
);

CREATE INDEX audit_newest_first ON audit (at DESC, id DESC);
CREATE INDEX secrets_by_key ON secrets (key_id);
