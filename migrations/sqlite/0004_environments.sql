-- Environments are things of their own (`keep environment create`), not just the values of
-- `secrets.environment`: using one that does not exist is an error, not a new environment.
-- Every environment that holds a secret in a store from an earlier release becomes one, and
-- `main` always exists. Times are microseconds since the Unix epoch, UTC.
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
