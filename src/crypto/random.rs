//! Randomness from the operating system's CSPRNG: raw bytes, base62 text, secret ids and
//! API tokens.

use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Fills `buf` from the operating system's CSPRNG.
pub fn random_bytes(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf).map_err(|e| Error::Internal(format!("no randomness available: {e}")))
}

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// `len` uniformly random base62 characters (rejection sampling, no modulo bias).
pub fn random_base62(len: usize) -> Result<String> {
    let mut out = String::with_capacity(len);
    let mut buf = [0u8; 64];
    while out.len() < len {
        random_bytes(&mut buf)?;
        for b in buf {
            // 248 = 4 * 62: bytes above it would favour the first characters.
            if b < 248 && out.len() < len {
                out.push(BASE62[usize::from(b % 62)] as char);
            }
        }
    }
    Ok(out)
}

/// A new secret id: `st-` and 22 base62 characters (about 131 random bits).
pub fn new_secret_id() -> Result<String> {
    Ok(format!("st-{}", random_base62(22)?))
}

/// A new API token: the `keep_` prefix lets secret scanners recognise a leaked one.
pub fn new_token() -> Result<Zeroizing<String>> {
    Ok(Zeroizing::new(format!("keep_{}", random_base62(43)?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_tokens_have_their_shape() {
        let id = new_secret_id().unwrap();
        assert!(id.starts_with("st-") && id.len() == 25 && crate::model::looks_like_id(&id));
        let t = new_token().unwrap();
        assert!(t.starts_with("keep_") && t.len() == 48);
        assert_ne!(new_secret_id().unwrap(), id);
    }
}
