-- Rows that carry authority are sealed: an HMAC under a key derived from the master key, so
-- that someone who can write the database but does not hold the key cannot change them
-- unnoticed (src/service/seals.rs). NULL only in rows written before this migration, until
-- the first writer that holds the key seals them and records `rows_sealed` in `meta`.
ALTER TABLE secrets ADD COLUMN seal BLOB;
-- A token's version counts its changes (revocation), and is sealed with it.
ALTER TABLE tokens ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE tokens ADD COLUMN seal BLOB;
