-- History: every version of a secret, the current one included once it has been written to
-- (a create records none: the secret's row is its first version), each sealed under its own
-- data key with associated data that binds it to its secret's id, environment and version
-- number (not its name, so that a rename keeps the history readable). Who wrote it, when,
-- what kind of write it was and which keys it added, changed and removed are sealed with the
-- row (src/service/seals.rs). A secret's versions go with it when it is deleted.
-- A store from before this migration has no rows here; a secret gains its history at its
-- next write, which records the version it replaces as well.
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
    wrapped_key  BLOB    NOT NULL,
    ciphertext   BLOB    NOT NULL,
    seal         BLOB    NOT NULL,
    PRIMARY KEY (secret_id, version)
);

CREATE INDEX secret_versions_by_key ON secret_versions (key_id);
