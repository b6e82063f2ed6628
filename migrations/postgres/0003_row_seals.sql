-- PostgreSQL twin of migrations/sqlite/0003_row_seals.sql.
ALTER TABLE secrets ADD COLUMN seal BYTEA;
ALTER TABLE tokens ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE tokens ADD COLUMN seal BYTEA;
