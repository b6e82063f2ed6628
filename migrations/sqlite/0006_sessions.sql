-- Sessions of the dashboard (`keep serve`'s pages): a browser's cookie holds a random secret,
-- and only its keyed hash is stored here, with the hash of the token it stands for (so that
-- revoking or expiring the token ends its sessions at once, on every replica). `seal` binds
-- the fields that grant authority to the master key (see `service::seals`). `last_seen_at`
-- is left out of the seal: it only shortens a session (idle expiry), never outlives
-- `expires_at`. Times are microseconds since the Unix epoch, UTC.
CREATE TABLE sessions (
    id           TEXT   PRIMARY KEY NOT NULL,
    hash         TEXT   NOT NULL UNIQUE,
    token_hash   TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    client       TEXT   NOT NULL,
    seal         BLOB   NOT NULL
);
CREATE INDEX sessions_by_token ON sessions (token_hash, created_at);

-- The delete page says when a secret was last revealed and by which token.
CREATE INDEX audit_by_target ON audit (target, environment, at);
