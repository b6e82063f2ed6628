//! Envelope encryption, and the keyed hashes of tokens and rows.
//!
//! Every stored version of a secret gets its own random data key.
//! The values are sealed with that data key and the data key is sealed with the master key,
//! both with XChaCha20-Poly1305 and associated data that binds them to the row (id,
//! environment, name, version), so a ciphertext copied to another row does not decrypt.

use std::sync::{Arc, OnceLock, RwLock};

use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

use super::mac::{hex, hmac};
use super::master_key::{KEY_LEN, MasterKey};
use super::random::random_bytes;
use crate::error::{Error, Result};
use crate::model::{SecretData, SecretValue};

const NONCE_LEN: usize = 24;
const KEY_CHECK: &[u8] = b"keep key check v1";
const KEY_CHECK_AD: &[u8] = b"keep.v1 key check";
const TOKEN_KEY_AD: &[u8] = b"keep.v1 token key";

/// What a ciphertext is bound to. Changing any field makes decryption fail.
#[derive(Clone, Copy, Debug)]
pub struct RowBinding<'a> {
    pub id: &'a str,
    pub environment: &'a str,
    pub name: &'a str,
    pub version: i64,
    /// The stored key list (JSON), so that a list edited in the database fails on the next read.
    pub keys: &'a str,
    /// A version kept in the history rather than the current row: its purposes differ (a
    /// current row's ciphertext does not open as a version, nor the reverse), and the name is
    /// left out (it is only for messages), so that a rename keeps the history readable.
    pub history: bool,
}

impl RowBinding<'_> {
    /// Length-prefixed fields, so that no two bindings encode to the same bytes.
    fn associated_data(&self, purpose: &[u8]) -> Vec<u8> {
        let mut ad = b"keep.v1".to_vec();
        let (purpose, name) = if self.history {
            (&[b"version ", purpose].concat(), &b""[..])
        } else {
            (&purpose.to_vec(), self.name.as_bytes())
        };
        for field in [
            &purpose[..],
            self.id.as_bytes(),
            self.environment.as_bytes(),
            name,
            self.keys.as_bytes(),
        ] {
            ad.extend_from_slice(&(field.len() as u32).to_be_bytes());
            ad.extend_from_slice(field);
        }
        ad.extend_from_slice(&self.version.to_be_bytes());
        ad
    }
}

/// A sealed secret version as stored.
#[derive(Clone, Debug)]
pub struct Sealed {
    pub key_id: String,
    pub wrapped_key: Vec<u8>,
    pub ciphertext: Vec<u8>,
}

/// Seals and opens secret values and hashes tokens.
///
/// It holds a key ring: the active master key, which seals everything new, and older keys that
/// still open what they sealed until `keep serve rotate-key` has rewrapped it.
#[derive(Debug)]
pub struct Crypto {
    /// Active key first. A lock because rotation adds a key while requests are served.
    keys: RwLock<Vec<Arc<MasterKey>>>,
    /// The key tokens are hashed with. It is random and kept in the database sealed by the
    /// master key, so that rotating the master key leaves every token valid.
    token_key: OnceLock<Zeroizing<[u8; KEY_LEN]>>,
    /// Derived from the token key on first use (see [`Crypto::row_seal`]).
    row_key: OnceLock<Zeroizing<[u8; KEY_LEN]>>,
}

impl Crypto {
    pub fn new(master: MasterKey) -> Self {
        Self::with_keys(vec![master])
    }

    /// A ring of keys, the active one first; there must be at least one.
    pub fn with_keys(keys: Vec<MasterKey>) -> Self {
        Self {
            keys: RwLock::new(keys.into_iter().map(Arc::new).collect()),
            token_key: OnceLock::new(),
            row_key: OnceLock::new(),
        }
    }

    fn ring(&self) -> std::sync::RwLockReadGuard<'_, Vec<Arc<MasterKey>>> {
        // A panic while holding the lock cannot leave the ring half-changed (one push).
        self.keys
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn active(&self) -> Result<Arc<MasterKey>> {
        self.ring()
            .first()
            .cloned()
            .ok_or_else(|| Error::Internal("no master key is loaded".into()))
    }

    fn find(&self, key_id: &str) -> Option<Arc<MasterKey>> {
        self.ring().iter().find(|k| k.id() == key_id).cloned()
    }

    /// The active key's id.
    pub fn key_id(&self) -> String {
        self.ring()
            .first()
            .map(|k| k.id().to_owned())
            .unwrap_or_default()
    }

    /// Every loaded key's id, the active one first.
    pub fn key_ids(&self) -> Vec<String> {
        self.ring().iter().map(|k| k.id().to_owned()).collect()
    }

    /// Makes `key` the active key; the others stay loaded to open what they sealed.
    pub fn activate(&self, key: MasterKey) {
        let mut ring = self
            .keys
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        ring.retain(|k| k.id() != key.id());
        ring.insert(0, Arc::new(key));
    }

    pub fn seal(&self, binding: RowBinding<'_>, data: &SecretData) -> Result<Sealed> {
        let plain: std::collections::BTreeMap<&str, &str> =
            data.iter().map(|(k, v)| (k.as_str(), v.expose())).collect();
        let plain =
            Zeroizing::new(serde_json::to_vec(&plain).map_err(|e| Error::Internal(e.to_string()))?);
        let mut dek = Zeroizing::new([0u8; KEY_LEN]);
        random_bytes(&mut dek[..])?;
        let ciphertext = seal_with(&dek, &binding.associated_data(b"values"), &plain)?;
        let master = self.active()?;
        let wrapped_key = seal_with(
            master.secret(),
            &binding.associated_data(b"data key"),
            &dek[..],
        )?;
        Ok(Sealed {
            key_id: master.id().to_owned(),
            wrapped_key,
            ciphertext,
        })
    }

    /// Opens the data key of `sealed` with the master key that wrapped it.
    fn data_key(
        &self,
        binding: RowBinding<'_>,
        sealed: &Sealed,
    ) -> Result<Zeroizing<[u8; KEY_LEN]>> {
        let Some(master) = self.find(&sealed.key_id) else {
            return Err(Error::Integrity(format!(
                "secret `{}` was encrypted with master key {}, which is not loaded (loaded: {})",
                binding.name,
                sealed.key_id,
                self.key_ids().join(", ")
            )));
        };
        let dek = open_with(
            master.secret(),
            &binding.associated_data(b"data key"),
            &sealed.wrapped_key,
        )
        .map_err(|()| tampered(binding))?;
        Ok(Zeroizing::new(
            dek.as_slice().try_into().map_err(|_| tampered(binding))?,
        ))
    }

    pub fn open(&self, binding: RowBinding<'_>, sealed: &Sealed) -> Result<SecretData> {
        let dek = self.data_key(binding, sealed)?;
        open_values(&dek, binding, sealed)
    }

    /// The data key of `sealed` wrapped by the active master key instead (the values'
    /// ciphertext is unchanged); `None` if the active key wraps it already. The values are
    /// authenticated first, so a tampered row is reported rather than rewrapped.
    pub fn rewrap(&self, binding: RowBinding<'_>, sealed: &Sealed) -> Result<Option<Sealed>> {
        let master = self.active()?;
        if sealed.key_id == master.id() {
            return Ok(None);
        }
        let dek = self.data_key(binding, sealed)?;
        open_values(&dek, binding, sealed)?;
        let wrapped_key = seal_with(
            master.secret(),
            &binding.associated_data(b"data key"),
            &dek[..],
        )?;
        Ok(Some(Sealed {
            key_id: master.id().to_owned(),
            wrapped_key,
            ciphertext: sealed.ciphertext.clone(),
        }))
    }

    /// A known value sealed with the loaded key `key_id`: stored in the database, it lets a
    /// wrong key be refused at start-up instead of failing secret by secret.
    pub fn key_check(&self, key_id: &str) -> Result<Vec<u8>> {
        let key = self.loaded(key_id)?;
        seal_with(key.secret(), KEY_CHECK_AD, KEY_CHECK)
    }

    /// Whether the loaded key `key_id` sealed `check` (from [`Crypto::key_check`]).
    pub fn verify_key_check(&self, key_id: &str, check: &[u8]) -> bool {
        self.find(key_id).is_some_and(|k| {
            open_with(k.secret(), KEY_CHECK_AD, check).is_ok_and(|v| v.as_slice() == KEY_CHECK)
        })
    }

    fn loaded(&self, key_id: &str) -> Result<Arc<MasterKey>> {
        self.find(key_id)
            .ok_or_else(|| Error::Internal(format!("master key {key_id} is not loaded")))
    }

    /// The token key sealed by the loaded key `key_id`, for storing.
    pub fn sealed_token_key(&self, key_id: &str) -> Result<Vec<u8>> {
        let key = self.loaded(key_id)?;
        let token_key = self
            .token_key
            .get()
            .ok_or_else(|| Error::Internal("the token key is not loaded".into()))?;
        seal_with(key.secret(), TOKEN_KEY_AD, &token_key[..])
    }

    /// Loads the token key from its form sealed by the loaded key `key_id`.
    pub fn open_token_key(&self, key_id: &str, sealed: &[u8]) -> Result<()> {
        let key = self.loaded(key_id)?;
        let raw = open_with(key.secret(), TOKEN_KEY_AD, sealed)
            .map_err(|()| Error::Integrity("the stored token key failed authentication".into()))?;
        let raw: [u8; KEY_LEN] = raw
            .as_slice()
            .try_into()
            .map_err(|_| Error::Integrity("the stored token key is corrupt".into()))?;
        self.set_token_key(Zeroizing::new(raw))
    }

    /// For a store that has no token key yet: the key earlier versions derived from the
    /// store's original master key `key_id`, so that the tokens they issued stay valid.
    pub fn adopt_derived_token_key(&self, key_id: &str) -> Result<()> {
        let key = self.loaded(key_id)?;
        self.set_token_key(key.derive(b"keep token hash v1"))
    }

    /// Sets the token key once. A key already in use (a token hashed or a row sealed before
    /// the stored key was loaded) must be the same, or what was done with it is wrong.
    fn set_token_key(&self, key: Zeroizing<[u8; KEY_LEN]>) -> Result<()> {
        match self.token_key.set(key) {
            Ok(()) => Ok(()),
            Err(key) if self.token_key.get().is_some_and(|k| k[..] == key[..]) => Ok(()),
            Err(_) => Err(Error::Internal(
                "the token key was used before the stored one was loaded".into(),
            )),
        }
    }

    /// Keyed hash of a token, hex-encoded: what the database stores instead of the token.
    /// Before the server loads the token key, the key is derived from the active master key
    /// (what a store without tokens, such as the embedded one, would get anyway).
    pub fn token_hash(&self, token: &str) -> String {
        hex(&hmac(&self.token_key()[..], token.as_bytes()))
    }

    fn token_key(&self) -> &[u8; KEY_LEN] {
        self.token_key.get_or_init(|| {
            self.ring()
                .first()
                .map(|k| k.derive(b"keep token hash v1"))
                .unwrap_or_default()
        })
    }

    /// The seal of a row that carries authority (a token's scope and state, a secret's key
    /// list and place): an HMAC of its fields, length-prefixed, under a key derived from the
    /// token key, which every master key of the store opens and rotation leaves as it is.
    pub fn row_seal(&self, kind: &[u8], fields: &[&[u8]]) -> Vec<u8> {
        let row_key = self
            .row_key
            .get_or_init(|| Zeroizing::new(hmac(&self.token_key()[..], b"keep row seal v1")));
        let mut msg = Vec::with_capacity(64 + fields.iter().map(|f| f.len() + 4).sum::<usize>());
        for field in std::iter::once(kind).chain(fields.iter().copied()) {
            msg.extend_from_slice(&(field.len() as u32).to_be_bytes());
            msg.extend_from_slice(field);
        }
        hmac(&row_key[..], &msg).to_vec()
    }
}

/// Opens the values of `sealed` with its data key.
fn open_values(
    dek: &[u8; KEY_LEN],
    binding: RowBinding<'_>,
    sealed: &Sealed,
) -> Result<SecretData> {
    let plain = open_with(dek, &binding.associated_data(b"values"), &sealed.ciphertext)
        .map_err(|()| tampered(binding))?;
    let map: std::collections::BTreeMap<String, String> =
        serde_json::from_slice(&plain).map_err(|_| tampered(binding))?;
    Ok(map
        .into_iter()
        .map(|(k, v)| (k, SecretValue::new(v)))
        .collect())
}

fn tampered(binding: RowBinding<'_>) -> Error {
    let version = if binding.history {
        format!("version {} of ", binding.version)
    } else {
        String::new()
    };
    Error::Integrity(format!(
        "{version}secret `{}` in environment `{}` failed authentication",
        binding.name, binding.environment
    ))
}

fn seal_with(key: &[u8; KEY_LEN], ad: &[u8], msg: &[u8]) -> Result<Vec<u8>> {
    let cipher = XChaCha20Poly1305::new(&(*key).into());
    let mut nonce = [0u8; NONCE_LEN];
    random_bytes(&mut nonce)?;
    let ct = cipher
        .encrypt(&XNonce::from(nonce), Payload { msg, aad: ad })
        .map_err(|_| Error::Internal("encryption failed".into()))?;
    let mut out = nonce.to_vec();
    out.extend_from_slice(&ct);
    Ok(out)
}

fn open_with(key: &[u8; KEY_LEN], ad: &[u8], sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, ()> {
    if sealed.len() < NONCE_LEN {
        return Err(());
    }
    let (nonce, ct) = sealed.split_at(NONCE_LEN);
    let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| ())?;
    let cipher = XChaCha20Poly1305::new(&(*key).into());
    cipher
        .decrypt(&XNonce::from(nonce), Payload { msg: ct, aad: ad })
        .map(Zeroizing::new)
        .map_err(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> SecretData {
        [("A", "hunter2"), ("B", "x")]
            .iter()
            .map(|(k, v)| (k.to_string(), SecretValue::new(v.to_string())))
            .collect()
    }

    fn binding(version: i64) -> RowBinding<'static> {
        RowBinding {
            id: "st-1",
            environment: "main",
            name: "db",
            version,
            keys: r#"["A","B"]"#,
            history: false,
        }
    }

    #[test]
    fn round_trip_and_binding() {
        let c = Crypto::new(MasterKey::generate().unwrap());
        let sealed = c.seal(binding(1), &data()).unwrap();
        assert_eq!(c.open(binding(1), &sealed).unwrap(), data());
        assert!(!sealed.ciphertext.windows(7).any(|w| w == b"hunter2"));
        for other in [
            binding(2),
            RowBinding {
                id: "st-2",
                ..binding(1)
            },
            RowBinding {
                environment: "dev",
                ..binding(1)
            },
            RowBinding {
                name: "db2",
                ..binding(1)
            },
            RowBinding {
                keys: r#"["A"]"#,
                ..binding(1)
            },
            RowBinding {
                history: true,
                ..binding(1)
            },
        ] {
            assert!(matches!(c.open(other, &sealed), Err(Error::Integrity(_))));
        }
    }

    #[test]
    fn versions_are_bound_to_secret_environment_and_number_but_not_name() {
        let c = Crypto::new(MasterKey::generate().unwrap());
        let v = |version| RowBinding {
            history: true,
            ..binding(version)
        };
        let sealed = c.seal(v(3), &data()).unwrap();
        let renamed = RowBinding {
            name: "db2",
            ..v(3)
        };
        assert_eq!(c.open(renamed, &sealed).unwrap(), data());
        for other in [
            v(4),
            RowBinding { id: "st-2", ..v(3) },
            RowBinding {
                environment: "dev",
                ..v(3)
            },
            binding(3),
        ] {
            assert!(matches!(c.open(other, &sealed), Err(Error::Integrity(_))));
        }
    }

    #[test]
    fn every_flipped_bit_is_detected() {
        let c = Crypto::new(MasterKey::generate().unwrap());
        let sealed = c.seal(binding(1), &data()).unwrap();
        for field in 0..2 {
            let len = if field == 0 {
                sealed.wrapped_key.len()
            } else {
                sealed.ciphertext.len()
            };
            for i in 0..len * 8 {
                let mut s = sealed.clone();
                let buf = if field == 0 {
                    &mut s.wrapped_key
                } else {
                    &mut s.ciphertext
                };
                buf[i / 8] ^= 1 << (i % 8);
                assert!(c.open(binding(1), &s).is_err(), "bit {i} of field {field}");
            }
        }
    }

    #[test]
    fn wrong_key_is_an_integrity_error() {
        let a = Crypto::new(MasterKey::generate().unwrap());
        let b = Crypto::new(MasterKey::generate().unwrap());
        let sealed = a.seal(binding(1), &data()).unwrap();
        assert!(matches!(
            b.open(binding(1), &sealed),
            Err(Error::Integrity(_))
        ));
    }
}
