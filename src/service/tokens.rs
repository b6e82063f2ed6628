//! API tokens of `keep serve`: issue, list, revoke, and authenticate.

use jiff::Timestamp;

use super::{Actor, Service, now_micros, timestamp};
use crate::api::Action;
use crate::crypto;
use crate::db::{Inserted, Revoked, TokenRow};
use crate::error::{Error, Result};
use crate::model::{EnvName, IssuedToken, Scope, SecretValue, TokenInfo, TokenName, TokenStatus};

/// A token to issue.
#[derive(Clone, Debug)]
pub struct NewToken {
    pub name: TokenName,
    pub scope: Scope,
    pub expires_at: Option<Timestamp>,
}

/// A token that authenticated: its name and what it may do.
#[derive(Clone, Debug)]
pub struct Authenticated {
    pub name: String,
    pub scope: Scope,
    pub expires_at: Option<Timestamp>,
}

impl TokenRow {
    fn status(&self, now: i64) -> TokenStatus {
        if self.revoked_at.is_some() {
            TokenStatus::Revoked
        } else if self.expires_at.is_some_and(|t| t <= now) {
            TokenStatus::Expired
        } else {
            TokenStatus::Active
        }
    }

    fn scope(&self) -> Result<Scope> {
        let environments = self
            .environments
            .as_deref()
            .map(serde_json::from_str::<Vec<String>>)
            .transpose()
            .map_err(|_| {
                Error::Integrity(format!("the scope of token `{}` is corrupt", self.name))
            })?;
        Ok(Scope {
            admin: self.admin,
            environments,
            read_only: self.read_only,
        })
    }

    fn info(&self, now: i64) -> Result<TokenInfo> {
        let scope = self.scope()?;
        Ok(TokenInfo {
            id: self.id.clone(),
            name: self.name.clone(),
            admin: scope.admin,
            environments: scope.environments,
            read_only: scope.read_only,
            created_at: timestamp(self.created_at)?,
            created_by: self.created_by.clone(),
            expires_at: self.expires_at.map(timestamp).transpose()?,
            revoked_at: self.revoked_at.map(timestamp).transpose()?,
            status: self.status(now),
        })
    }
}

impl Service {
    /// Issues a token. Its value is returned once; only its keyed hash is stored.
    pub async fn create_token(&self, new: &NewToken, actor: &Actor) -> Result<IssuedToken> {
        let now = now_micros();
        let scope = &new.scope;
        if scope.admin && (scope.read_only || scope.environments.is_some()) {
            return Err(Error::invalid_with_hint(
                "an admin token cannot be limited to environments or to reading",
                "drop `--admin`, or drop `--env` and `--read-only`",
            ));
        }
        if let Some(envs) = &scope.environments {
            if envs.is_empty() {
                return Err(Error::invalid_with_hint(
                    "a token limited to environments needs at least one",
                    "pass `--env NAME`, or leave it out for every environment",
                ));
            }
            for e in envs {
                EnvName::parse(e)?;
            }
        }
        if let Some(at) = new.expires_at {
            if at.as_microsecond() <= now {
                return Err(Error::invalid("the expiry time is in the past"));
            }
        }
        let token = crypto::new_token()?;
        let mut environments = scope.environments.clone();
        if let Some(e) = &mut environments {
            e.sort();
            e.dedup();
        }
        let mut row = TokenRow {
            id: format!("tk-{}", crypto::random_base62(22)?),
            name: new.name.to_string(),
            hash: self.crypto().token_hash(&token),
            admin: scope.admin,
            created_at: now,
            expires_at: new.expires_at.map(|t| t.as_microsecond()),
            revoked_at: None,
            environments: environments
                .map(|e| serde_json::to_string(&e))
                .transpose()
                .map_err(|e| Error::Internal(e.to_string()))?,
            read_only: scope.read_only,
            created_by: actor.name.clone(),
            version: 1,
            seal: None,
        };
        self.seal_token(&mut row);
        let record = actor.record(Action::TokenCreate, None, new.name.as_str());
        if self.db().insert_token(&row, record.as_ref()).await? == Inserted::Conflict {
            return Err(Error::Conflict(format!(
                "a token named `{}` already exists",
                new.name
            )));
        }
        Ok(IssuedToken {
            token: SecretValue::new(token.to_string()),
            info: row.info(now)?,
        })
    }

    /// Every token ever issued, oldest first, with its status now.
    pub async fn list_tokens(&self) -> Result<Vec<TokenInfo>> {
        let now = now_micros();
        let rows = self.db().list_tokens().await?;
        let mut tokens = Vec::with_capacity(rows.len());
        for row in &rows {
            let checked = self.verify_token(row, self.legacy_ok(row.seal.as_ref()).await?);
            self.explain(checked).await?;
            tokens.push(row.info(now)?);
        }
        Ok(tokens)
    }

    /// Revokes a token for good. The last usable admin token cannot be revoked.
    pub async fn revoke_token(&self, name: &TokenName, actor: &Actor) -> Result<()> {
        let record = actor.record(Action::TokenRevoke, None, name.as_str());
        self.seal_legacy_rows().await?;
        let now = now_micros();
        let revoke = |mut row: TokenRow| {
            self.verify_token(&row, false)?;
            row.revoked_at = Some(now);
            row.version += 1;
            self.seal_token(&mut row);
            Ok(row)
        };
        match self
            .db()
            .revoke_token(name.as_str(), now, record.as_ref(), revoke)
            .await?
        {
            Revoked::Yes => Ok(()),
            Revoked::NoSuchToken => Err(Error::Missing(format!("no active token named `{name}`"))),
            Revoked::LastAdmin => Err(Error::LastAdmin(format!(
                "token `{name}` is the last usable admin token; revoking it would lock everyone out"
            ))),
        }
    }

    /// The token with this value, if it exists and is neither revoked nor expired. Every
    /// token takes the same path (one keyed hash, one lookup, one constant-time comparison),
    /// so unknown, revoked and expired tokens cannot be told apart, by answer or by timing.
    pub async fn authenticate(&self, token: &str) -> Result<Option<Authenticated>> {
        let hash = self.crypto().token_hash(token);
        self.authenticate_hash(&hash).await
    }

    /// [`Service::authenticate`] for the token whose keyed hash is `hash` (what a dashboard
    /// session holds): checked anew at every use, so a revoked or expired token ends its
    /// sessions at once.
    pub async fn authenticate_hash(&self, hash: &str) -> Result<Option<Authenticated>> {
        let hash = hash.to_owned();
        let row = self.db().token_by_hash(&hash).await?;
        let now = now_micros();
        let stored = row.as_ref().map_or("", |r| r.hash.as_str());
        // Compared even when nothing was found, so that both cases do the same work.
        let same = crypto::ct_eq(stored, &hash);
        if let Some(r) = row.as_ref().filter(|_| same) {
            let checked = self.verify_token(r, self.legacy_ok(r.seal.as_ref()).await?);
            self.explain(checked).await?;
        }
        match row {
            Some(r) if same && r.status(now) == TokenStatus::Active => Ok(Some(Authenticated {
                scope: r.scope()?,
                expires_at: r.expires_at.map(timestamp).transpose()?,
                name: r.name,
            })),
            _ => Ok(None),
        }
    }
}
