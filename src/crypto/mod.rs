//! Encryption at rest, the master key and its files, random ids and token hashing.
//!
//! - `random`: the OS CSPRNG, secret ids and API tokens;
//! - `master_key`: the master key, its files and the key rings stores are opened with;
//! - `envelope`: sealing and opening secret values, token hashes and row seals;
//! - `mac`: HMAC-SHA256 and constant-time comparison, which the others are built on;
//! - `fingerprint`: SHA-256 of a certificate, as the server prints it and a client pins it.
//!
//! The byte formats (associated data, HKDF and HMAC inputs) are what stores on disk hold:
//! they never change.

mod envelope;
mod mac;
mod master_key;
mod random;

pub use envelope::{Crypto, RowBinding, Sealed};
pub use mac::{ct_eq, ct_eq_bytes};
pub use master_key::{MasterKey, load_key_for, load_ring, rotate_files};
pub use random::{new_secret_id, new_token, random_base62, random_bytes};

/// SHA-256 of a DER certificate, as `AB:CD:...` (what `openssl x509 -fingerprint -sha256`
/// prints): `keep serve --tls-self-signed` shows it, `keep login --fingerprint` pins it.
pub fn fingerprint(der: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let hex: Vec<String> = Sha256::digest(der)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    hex.join(":")
}
