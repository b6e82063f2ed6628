-- PostgreSQL twin of migrations/sqlite/0004_environments.sql.
CREATE TABLE environments (
    name       TEXT   PRIMARY KEY NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT   NOT NULL
);

INSERT INTO environments (name, created_at, created_by)
    SELECT environment, MIN(created_at), 'migration' FROM secrets GROUP BY environment;

INSERT INTO environments (name, created_at, created_by)
    VALUES ('main', 0, 'migration')
    ON CONFLICT (name) DO NOTHING;
