-- Team server: token scopes, the audit log.

-- A token may be limited to some environments (JSON array; NULL: all of them) and to reading.
ALTER TABLE tokens ADD COLUMN environments TEXT;
ALTER TABLE tokens ADD COLUMN read_only BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE tokens ADD COLUMN created_by TEXT NOT NULL DEFAULT '';

-- One row per request that touched a secret or a token: who, what, where, and how it ended.
-- Never a value. A successful write and its row are committed in one transaction.
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
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
