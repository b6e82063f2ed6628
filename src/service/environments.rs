//! Environments: listed, created and deleted as things of their own, and checked on every
//! use of a secret, so that a typo in `-e` is an error with near names, not a new environment.

use super::{Actor, Service, now_micros};
use crate::api::Action;
use crate::db::{EnvDeleted, Inserted};
use crate::error::{Error, Result};
use crate::model::{self, EnvName, SecretName};

/// The environment every store has, which cannot be deleted.
pub const MAIN: &str = "main";

impl Service {
    /// Every environment, sorted (`main` always among them).
    pub async fn environments(&self) -> Result<Vec<String>> {
        self.db().list_environments().await
    }

    /// Creates an environment; one of that name already existing is exit 4.
    pub async fn create_environment(&self, env: &EnvName, actor: &Actor) -> Result<()> {
        let record = actor.record(Action::EnvironmentCreate, Some(env.as_str()), env.as_str());
        let inserted = self
            .db()
            .insert_environment(env.as_str(), now_micros(), &actor.name, record.as_ref())
            .await?;
        if inserted == Inserted::Conflict {
            return Err(Error::Conflict(format!(
                "environment `{env}` already exists"
            )));
        }
        Ok(())
    }

    /// Deletes an environment and answers how many secrets went with it: only with `force`
    /// if it holds any (deleted in the same transaction). `main` is never deleted.
    pub async fn delete_environment(
        &self,
        env: &EnvName,
        force: bool,
        actor: &Actor,
    ) -> Result<i64> {
        if env.as_str() == MAIN {
            return Err(Error::invalid_with_hint(
                "environment `main` cannot be deleted",
                "delete its secrets one by one with `keep delete NAME`",
            ));
        }
        let record = actor.record(Action::EnvironmentDelete, Some(env.as_str()), env.as_str());
        match self
            .db()
            .delete_environment(env.as_str(), force, record.as_ref())
            .await?
        {
            EnvDeleted::Yes(secrets) => Ok(secrets),
            EnvDeleted::NoSuchEnvironment => Err(self.environment_not_found(env.as_str()).await),
            EnvDeleted::NotEmpty(n) => Err(Error::invalid_with_hint(
                format!(
                    "environment `{env}` holds {n} {}",
                    if n == 1 { "secret" } else { "secrets" }
                ),
                "delete them first, or pass `--force` (`?force=true` over the API) to delete \
                 the environment with its secrets",
            )),
        }
    }

    /// Fails with `environment_not_found` unless `env` exists (one indexed lookup).
    pub async fn check_environment(&self, env: &EnvName) -> Result<()> {
        if self.db().environment_exists(env.as_str()).await? {
            Ok(())
        } else {
            Err(self.environment_not_found(env.as_str()).await)
        }
    }

    /// `environment_not_found`, with the existing names close to `env`.
    pub(super) async fn environment_not_found(&self, env: &str) -> Error {
        let near = match self.db().list_environments().await {
            Ok(names) => model::near_names(env, &names),
            Err(e) => return e,
        };
        Error::EnvironmentNotFound {
            env: env.to_owned(),
            near,
        }
    }

    /// Why `name` was not found in `env`: the environment does not exist, or the secret does
    /// not (with the environment's secret names close to it). Called only once a lookup has
    /// failed, so that finding a secret stays one query.
    pub async fn secret_not_found(&self, env: &EnvName, name: &str) -> Error {
        match self.db().environment_exists(env.as_str()).await {
            Ok(true) => {}
            Ok(false) => return self.environment_not_found(env.as_str()).await,
            Err(e) => return e,
        }
        let near = match self.db().secret_names(env.as_str()).await {
            Ok(names) => model::near_names(name, &names),
            Err(e) => return e,
        };
        Error::NotFound {
            name: name.to_owned(),
            env: env.to_string(),
            near,
        }
    }

    /// [`Service::secret_not_found`] for a secret name.
    pub(super) async fn missing(&self, env: &EnvName, name: &SecretName) -> Error {
        self.secret_not_found(env, name.as_str()).await
    }
}
