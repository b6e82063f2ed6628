//! Seals on the rows that carry authority: a token's scope, expiry, revocation and version,
//! and a secret's id, place (environment and name), version, creation and key list. Values
//! are sealed by their own encryption; these seals cover what decides who may read them and
//! what `show --require` trusts without decrypting. Someone who can write the database but
//! does not hold the master key cannot change a sealed field, or move a row, unnoticed: the
//! row is refused as an integrity error. A whole row put back from an earlier copy of the
//! same store was valid once and is not detected (see the README's threat model).
//!
//! Rows written before seals existed are sealed once, by the first process of this version
//! that writes with the key (a server at start-up, the embedded store at its first write),
//! which then records `rows_sealed`; after that, an unsealed row is an integrity error.

use std::sync::atomic::Ordering;

use super::Service;
use crate::crypto;
use crate::db::{Sealed, SecretRow, TokenRow, VersionRow};
use crate::error::{Error, Result};

/// Set in `meta` once every row of the store is sealed.
const ROWS_SEALED: &str = "rows_sealed";

/// Rows sealed per batch by [`Service::seal_legacy_rows`].
const BATCH: i64 = 500;

fn opt(v: Option<i64>) -> Vec<u8> {
    match v {
        Some(v) => [&[1u8][..], &v.to_be_bytes()].concat(),
        None => vec![0],
    }
}

fn secret_seal(s: &Service, r: &SecretRow) -> Vec<u8> {
    s.crypto().row_seal(
        b"secret.v1",
        &[
            r.id.as_bytes(),
            r.environment.as_bytes(),
            r.name.as_bytes(),
            &r.version.to_be_bytes(),
            &r.created_at.to_be_bytes(),
            r.created_by.as_bytes(),
            r.keys.as_bytes(),
        ],
    )
}

/// A version's authority fields: whose it is, which number, when, by whom, what it changed.
/// (Its values are bound to the secret's id, environment and number by their encryption.)
fn version_seal(s: &Service, r: &VersionRow) -> Vec<u8> {
    s.crypto().row_seal(
        b"version.v1",
        &[
            r.secret_id.as_bytes(),
            &r.version.to_be_bytes(),
            r.environment.as_bytes(),
            &r.created_at.to_be_bytes(),
            r.created_by.as_bytes(),
            r.action.as_bytes(),
            r.keys.as_bytes(),
            r.changes.as_bytes(),
        ],
    )
}

fn token_seal(s: &Service, r: &TokenRow) -> Vec<u8> {
    let environments = r
        .environments
        .as_deref()
        .map_or(vec![0], |e| [&[1u8][..], e.as_bytes()].concat());
    s.crypto().row_seal(
        b"token.v1",
        &[
            r.id.as_bytes(),
            r.name.as_bytes(),
            r.hash.as_bytes(),
            &[u8::from(r.admin), u8::from(r.read_only)],
            &r.created_at.to_be_bytes(),
            &opt(r.expires_at),
            &opt(r.revoked_at),
            &environments,
            r.created_by.as_bytes(),
            &r.version.to_be_bytes(),
        ],
    )
}

impl Service {
    /// Seals a secret row about to be written. Public for `examples/bench_prepare.rs`, which
    /// writes rows in bulk through [`crate::db::Db::insert_secrets`].
    pub fn seal_secret(&self, row: &mut SecretRow) {
        row.seal = Some(secret_seal(self, row));
    }

    /// Seals a version row about to be written. Public for `examples/bench_prepare.rs`.
    pub fn seal_version(&self, row: &mut VersionRow) {
        row.seal = version_seal(self, row);
    }

    /// Refuses a version row whose seal does not match its fields (version rows were
    /// sealed from the start: there is no legacy case).
    pub(crate) fn verify_version(&self, row: &VersionRow) -> Result<()> {
        let what = || format!("version {} of secret {}", row.version, row.secret_id);
        verify(&version_seal(self, row), Some(&row.seal), false, what)
    }

    /// Seals a token row about to be written.
    pub(crate) fn seal_token(&self, row: &mut TokenRow) {
        row.seal = Some(token_seal(self, row));
    }

    /// Refuses a secret row whose seal does not match its fields. `legacy_ok`: whether an
    /// unsealed row may be one written before seals (see [`Service::legacy_ok`]).
    pub(crate) fn verify_secret(&self, row: &SecretRow, legacy_ok: bool) -> Result<()> {
        let what = || format!("secret `{}` in `{}`", row.name, row.environment);
        verify(
            &secret_seal(self, row),
            row.seal.as_deref(),
            legacy_ok,
            what,
        )
    }

    /// Refuses a token row whose seal does not match its fields.
    pub(crate) fn verify_token(&self, row: &TokenRow, legacy_ok: bool) -> Result<()> {
        let what = || format!("token `{}`", row.id);
        verify(&token_seal(self, row), row.seal.as_deref(), legacy_ok, what)
    }

    /// Whether an unsealed row may be one written before seals: only while the store has not
    /// been sealed yet. Asks the database only when such a row is met.
    pub(crate) async fn legacy_ok(&self, seal: Option<&Vec<u8>>) -> Result<bool> {
        Ok(seal.is_none() && !self.rows_sealed().await?)
    }

    /// [`Service::verify_secret`] for a row read outside a write.
    pub(crate) async fn check_secret(&self, row: &SecretRow) -> Result<()> {
        let checked = self.verify_secret(row, self.legacy_ok(row.seal.as_ref()).await?);
        self.explain(checked).await
    }

    /// A failed seal check is what a wrong master key looks like too: then the key check
    /// says so (with its hint), instead of every row being reported as changed.
    pub(crate) async fn explain(&self, checked: Result<()>) -> Result<()> {
        if checked.is_err() {
            self.verify_key().await?;
        }
        checked
    }

    /// Whether every row of the store is sealed (then an unsealed row is a tampered one).
    async fn rows_sealed(&self) -> Result<bool> {
        if self.rows_sealed.load(Ordering::Relaxed) {
            return Ok(true);
        }
        let sealed = self.db().get_meta(ROWS_SEALED).await?.is_some();
        if sealed {
            self.rows_sealed.store(true, Ordering::Relaxed);
        }
        Ok(sealed)
    }

    /// Seals the rows written before seals existed, once per store; returns how many. Runs
    /// before a server serves and before the embedded store's first write in a process.
    pub async fn seal_legacy_rows(&self) -> Result<u64> {
        if self.rows_sealed().await? {
            return Ok(0);
        }
        let db = self.db();
        let mut sealed = 0;
        for row in db.unsealed_tokens().await? {
            let seal = token_seal(self, &row);
            db.set_seal(Sealed::Tokens, &row.id, row.version, &seal)
                .await?;
            sealed += 1;
        }
        let mut after = String::new();
        loop {
            let rows = db.unsealed_secrets(&after, BATCH).await?;
            let Some(last) = rows.last() else { break };
            after = last.id.clone();
            for row in &rows {
                let seal = secret_seal(self, row);
                db.set_seal(Sealed::Secrets, &row.id, row.version, &seal)
                    .await?;
                sealed += 1;
            }
        }
        db.init_meta(ROWS_SEALED, b"1").await?;
        self.rows_sealed.store(true, Ordering::Relaxed);
        Ok(sealed)
    }
}

/// Whether a row whose fields seal to `expected` is intact: its `stored` seal matches, or it
/// has none and may be from before seals (`legacy_ok`). `what` names it in the error.
fn verify(
    expected: &[u8],
    stored: Option<&[u8]>,
    legacy_ok: bool,
    what: impl FnOnce() -> String,
) -> Result<()> {
    let intact = stored.map_or(legacy_ok, |seal| crypto::ct_eq_bytes(expected, seal));
    if intact {
        return Ok(());
    }
    Err(Error::Integrity(format!(
        "the stored record of {} failed its integrity check: it was changed outside keep",
        what()
    )))
}
