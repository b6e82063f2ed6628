//! The writes that restore or move a secret: rollback (an old version's values as the next
//! version), rename (same id and history) and copy (a new secret holding the same values).

use super::versions::{Kind, Made, check_version};
use super::{Actor, Service};
use crate::api::Action;
use crate::error::{Error, Result};
use crate::model::{CreateOutcome, EnvName, OnConflict, SecretInfo, SecretName};

impl Service {
    /// Makes the values of version `version` the secret's next version (nothing is
    /// rewritten); with `if_version`, only if the secret is still at that version.
    pub async fn rollback(
        &self,
        env: &EnvName,
        name: &SecretName,
        version: i64,
        if_version: Option<i64>,
        actor: &Actor,
    ) -> Result<SecretInfo> {
        self.verify_key().await?;
        self.seal_legacy_rows().await?;
        let row = self.get(env, name).await?;
        let (_, values) = self.version_of(&row, version, true).await?;
        let values = values.ok_or_else(|| Error::Internal("no values".into()))?;
        let record = actor.record(Action::SecretRollback, Some(env.as_str()), name.as_str());
        let next = self
            .modify(
                env,
                name,
                |current| {
                    self.verify_secret(current, false)?;
                    check_version(current, if_version)?;
                    let before = self.crypto.open(current.binding(), &current.sealed())?;
                    // Version N's values are the current ones: nothing to restore.
                    if before == values {
                        return Ok(None);
                    }
                    let next = self.next_version(current, &values)?;
                    let kind = Kind {
                        action: "rollback",
                        from: Some(version.to_string()),
                    };
                    self.write_of(current, &before, next, &values, kind, actor)
                        .map(Some)
                },
                record.as_ref(),
            )
            .await?;
        match next {
            Some(row) => row.info(),
            None => Err(self.missing(env, name).await),
        }
    }

    /// Renames a secret: its id, history and creation stay; the current row is sealed again
    /// under its new name, as a new version.
    pub async fn rename(
        &self,
        env: &EnvName,
        name: &SecretName,
        to: &SecretName,
        actor: &Actor,
    ) -> Result<SecretInfo> {
        if name == to {
            return Err(Error::invalid(format!("`{name}` is already its name")));
        }
        self.verify_key().await?;
        self.seal_legacy_rows().await?;
        let record = actor.record(Action::SecretRename, Some(env.as_str()), name.as_str());
        let next = self
            .modify(
                env,
                name,
                |current| {
                    self.verify_secret(current, false)?;
                    let values = self.crypto.open(current.binding(), &current.sealed())?;
                    let mut renamed = current.clone();
                    renamed.name = to.to_string();
                    let next = self.next_version(&renamed, &values)?;
                    let kind = Kind {
                        action: "rename",
                        from: Some(name.to_string()),
                    };
                    self.write_of(current, &values, next, &values, kind, actor)
                        .map(Some)
                },
                record.as_ref(),
            )
            .await?;
        match next {
            Some(row) => row.info(),
            None => Err(self.missing(env, name).await),
        }
    }

    /// Copies a secret's current values to a new secret in `to_env` (named `as_name`, or
    /// the same name), whose first version holds them; `force` replaces one that exists.
    pub async fn copy(
        &self,
        env: &EnvName,
        name: &SecretName,
        to_env: &EnvName,
        as_name: &SecretName,
        force: bool,
        actor: &Actor,
    ) -> Result<CreateOutcome> {
        if env == to_env && name == as_name {
            return Err(Error::invalid_with_hint(
                format!("`{name}` cannot be copied onto itself"),
                "give another environment with `--to-env` or another name with `--as`",
            ));
        }
        self.verify_key().await?;
        let row = self.get(env, name).await?;
        let values = self.crypto.open(row.binding(), &row.sealed())?;
        let made = Made {
            action: Some("copy"),
            from: Some(format!("{env}/{name}")),
            audit: Some(Action::SecretCopy),
        };
        let on_conflict = if force {
            OnConflict::Force
        } else {
            OnConflict::Fail
        };
        self.create_as(to_env, as_name, &values, on_conflict, actor, &made)
            .await
    }
}
