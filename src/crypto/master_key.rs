//! The master key and its files: generating, parsing (`KEEP_MASTER_KEY`), loading and saving
//! it, and the rings of keys the embedded store and `keep serve` open their data with.
//!
//! A key file is 32 raw bytes, mode 0600; a server keeps earlier keys in a directory of
//! `<id>.key` files until every data key has been rewrapped away from them.

use std::fs;
use std::io::Read;
use std::path::Path;

use hkdf::Hkdf;
use sha2::Sha256;
use zeroize::Zeroizing;

use super::mac::{hex, hmac};
use super::random::random_bytes;
use crate::error::{Error, Result};
use crate::fs::{create_private_dir, refuse_if_shared, replace_private_file, write_private_file};

pub(super) const KEY_LEN: usize = 32;

/// The master key: 32 random bytes that never enter the database.
pub struct MasterKey {
    key: Zeroizing<[u8; KEY_LEN]>,
    /// Derived on first use: commands that need no plaintext derive nothing.
    id: std::sync::OnceLock<String>,
}

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MasterKey({})", self.id())
    }
}

impl MasterKey {
    pub fn from_bytes(bytes: [u8; KEY_LEN]) -> Self {
        Self {
            key: Zeroizing::new(bytes),
            id: std::sync::OnceLock::new(),
        }
    }

    pub fn generate() -> Result<Self> {
        let mut bytes = [0u8; KEY_LEN];
        random_bytes(&mut bytes)?;
        Ok(Self::from_bytes(bytes))
    }

    /// A short public fingerprint stored beside each ciphertext, to tell keys apart.
    pub fn id(&self) -> &str {
        self.id
            .get_or_init(|| hex(&hmac(&self.key[..], b"keep key id v1")[..8]))
    }

    /// Parses 64 hex digits (the form `KEEP_MASTER_KEY` takes).
    pub fn from_hex(s: &str) -> Result<Self> {
        let s = s.trim();
        let bad = || {
            Error::invalid_with_hint(
                "the master key is not 64 hexadecimal digits",
                "generate one with `head -c 32 /dev/urandom | xxd -p -c 64`",
            )
        };
        if s.len() != KEY_LEN * 2 {
            return Err(bad());
        }
        let mut bytes = [0u8; KEY_LEN];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = u8::from_str_radix(s.get(2 * i..2 * i + 2).ok_or_else(bad)?, 16)
                .map_err(|_| bad())?;
        }
        Ok(Self::from_bytes(bytes))
    }

    /// Parses `KEEP_MASTER_KEY`: one key, or several separated by commas with the active one
    /// first (the others only open what they sealed, during a rotation).
    pub fn ring_from_hex(s: &str) -> Result<Vec<Self>> {
        let keys = s
            .split(',')
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(Self::from_hex)
            .collect::<Result<Vec<_>>>()?;
        if keys.is_empty() {
            return Err(Self::from_hex("")
                .err()
                .unwrap_or_else(|| Error::invalid("no key")));
        }
        Ok(keys)
    }

    /// Writes this key to a new file (0600); fails if the file exists.
    pub fn save_new(&self, path: &Path) -> Result<()> {
        write_private_file(path, &self.key[..])
    }

    /// Writes this key over `path` atomically: the file holds the old key or the new one.
    pub fn save_replacing(&self, path: &Path) -> Result<()> {
        replace_private_file(path, &self.key[..])
    }

    /// Reads the key file, creating it (0600, in a 0700 directory) if it does not exist.
    pub fn load_or_create(path: &Path) -> Result<Self> {
        match Self::load(path) {
            Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                let key = Self::generate()?;
                match write_private_file(path, &key.key[..]) {
                    Ok(()) => Ok(key),
                    // Another process created it first: use theirs.
                    Err(Error::Io { source, .. })
                        if source.kind() == std::io::ErrorKind::AlreadyExists =>
                    {
                        Self::load(path)
                    }
                    Err(e) => Err(e),
                }
            }
            other => other,
        }
    }

    /// Reads an existing key file; refuses one that other users could read.
    pub fn load(path: &Path) -> Result<Self> {
        let mut file =
            fs::File::open(path).map_err(|e| Error::io_path("cannot open key file", path, e))?;
        check_private(path, &file)?;
        let mut bytes = Zeroizing::new(Vec::with_capacity(KEY_LEN + 1));
        file.read_to_end(&mut bytes)
            .map_err(|e| Error::io_path("cannot read key file", path, e))?;
        let arr: [u8; KEY_LEN] = bytes.as_slice().try_into().map_err(|_| {
            Error::invalid_with_hint(
                format!(
                    "key file `{}` is {} bytes long, expected 32",
                    path.display(),
                    bytes.len()
                ),
                "restore the key file from your backup; without it the store cannot be decrypted",
            )
        })?;
        Ok(Self::from_bytes(arr))
    }

    /// The key bytes, for sealing and opening with it.
    pub(super) fn secret(&self) -> &[u8; KEY_LEN] {
        &self.key
    }

    pub(super) fn derive(&self, info: &[u8]) -> Zeroizing<[u8; KEY_LEN]> {
        let hk = Hkdf::<Sha256>::new(Some(b"keep"), &self.key[..]);
        let mut out = Zeroizing::new([0u8; KEY_LEN]);
        // 32 bytes is always a valid HKDF-SHA256 output length.
        let _ = hk.expand(info, &mut out[..]);
        out
    }
}

fn check_private(path: &Path, file: &fs::File) -> Result<()> {
    let meta = file
        .metadata()
        .map_err(|e| Error::io_path("cannot inspect key file", path, e))?;
    refuse_if_shared("key file", path, &meta, "600")
}

/// Loads the key that goes with the SQLite store `db`, creating it only for a store that does
/// not exist yet: a fresh key beside an existing database would make every secret in it
/// unreadable.
pub fn load_key_for(key: &Path, db: &Path) -> Result<MasterKey> {
    let db_has_data = std::fs::metadata(db).map(|m| m.len() > 0).unwrap_or(false);
    if db_has_data && !key.exists() {
        return Err(Error::invalid_with_hint(
            format!(
                "the key file `{}` is missing, but the store `{}` exists",
                key.display(),
                db.display()
            ),
            "restore the key file from your backup; keep will not create a new key for existing data",
        ));
    }
    MasterKey::load_or_create(key)
}

/// The retired keys kept in `dir`, each in `<id>.key`; none if the directory does not exist.
fn load_retired(dir: &Path) -> Result<Vec<MasterKey>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io_path("cannot read", dir, e)),
    };
    let mut keys = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| Error::io_path("cannot read", dir, e))?
            .path();
        if path.extension().is_some_and(|x| x == "key") {
            keys.push(MasterKey::load(&path)?);
        }
    }
    // A stable order, so that every start tries keys the same way.
    keys.sort_by(|a, b| a.id().cmp(b.id()));
    Ok(keys)
}

/// A server's key ring, the active key first: the keys in `hex` (`KEEP_MASTER_KEY`) if it is
/// given, else the key file `key` (created on first start) and then the retired keys in the
/// directory `retired`. `db` is the SQLite store the key goes with (see [`load_key_for`]);
/// `None` for PostgreSQL, where a new key beside existing data is refused by the key check.
pub fn load_ring(
    hex: Option<&str>,
    key: &Path,
    retired: &Path,
    db: Option<&Path>,
) -> Result<Vec<MasterKey>> {
    if let Some(hex) = hex {
        return MasterKey::ring_from_hex(hex);
    }
    let active = match db {
        Some(db) => load_key_for(key, db)?,
        None => MasterKey::load_or_create(key)?,
    };
    let mut keys = vec![active];
    for old in load_retired(retired)? {
        if !keys.iter().any(|k| k.id() == old.id()) {
            keys.push(old);
        }
    }
    Ok(keys)
}

/// Makes a new master key to replace `current`, the key in the file `key`, and returns it.
///
/// Order matters for a crash at any point: `current` is saved as `retired/<id>.key` first (a
/// copy already there is kept), then the new key replaces `key` atomically. The caller starts
/// using the new key only after this returns, so a restart finds both keys on disk.
pub fn rotate_files(current: &MasterKey, key: &Path, retired: &Path) -> Result<MasterKey> {
    create_private_dir(retired)?;
    let saved = retired.join(format!("{}.key", current.id()));
    match current.save_new(&saved) {
        Ok(()) => {}
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e),
    }
    let new = MasterKey::generate()?;
    new.save_replacing(key)?;
    Ok(new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_file_is_private_and_stable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/master.key");
        let k1 = MasterKey::load_or_create(&path).unwrap();
        let k2 = MasterKey::load_or_create(&path).unwrap();
        assert_eq!(k1.id(), k2.id());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
            let dmode = fs::metadata(path.parent().unwrap())
                .unwrap()
                .permissions()
                .mode()
                & 0o777;
            assert_eq!(dmode, 0o700);
            fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
            let err = MasterKey::load(&path).unwrap_err();
            assert!(err.to_string().contains("other users"), "{err}");
        }
    }

    #[test]
    fn hex_master_key() {
        let k = MasterKey::from_hex(&"ab".repeat(32)).unwrap();
        assert_eq!(k.id(), MasterKey::from_bytes([0xab; 32]).id());
        assert!(MasterKey::from_hex("abc").is_err());
        assert!(MasterKey::from_hex(&"zz".repeat(32)).is_err());
    }
}
