//! HTTPS for `keep serve`: the certificate chain and private key from PEM files, and the
//! rustls configuration (ring, TLS 1.2 and 1.3 only, ALPN `h2` then `http/1.1`).

use std::path::Path;
use std::sync::Arc;

use rustls::ServerConfig;
use rustls::pki_types::pem::{self, PemObject};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

const CERT_HINT: &str = "pass `--tls-cert` (or `KEEP_TLS_CERT`) a PEM file with the server's certificate chain, leaf first";
const KEY_HINT: &str = "pass `--tls-key` (or `KEEP_TLS_KEY`) the PEM private key (PKCS#8, PKCS#1 or SEC1) of the certificate";

/// The server's TLS configuration from a PEM certificate chain and its PEM private key.
/// Every failure names the file at fault and the flag that fixes it.
pub fn server_config(cert: &Path, key: &Path) -> Result<Arc<ServerConfig>> {
    let chain = read_chain(cert)?;
    let private_key = read_key(key)?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
        .map_err(|e| Error::Internal(format!("cannot set up TLS: {e}")))?
        .with_no_client_auth();
    let mut config = builder.with_single_cert(chain, private_key).map_err(|e| {
        let message = match e {
            rustls::Error::InconsistentKeys(_) => format!(
                "the TLS key `{}` does not belong to the certificate `{}`",
                key.display(),
                cert.display()
            ),
            e => format!(
                "cannot use the TLS certificate `{}` with the key `{}`: {e}",
                cert.display(),
                key.display()
            ),
        };
        Error::invalid_with_hint(
            message,
            "pass the certificate's own private key with `--tls-key`; a certificate file must start with the server's own certificate",
        )
    })?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

fn read(path: &Path, what: &str, hint: &str) -> Result<Zeroizing<Vec<u8>>> {
    std::fs::read(path).map(Zeroizing::new).map_err(|e| {
        Error::invalid_with_hint(
            format!("cannot read the {what} `{}`: {e}", path.display()),
            hint,
        )
    })
}

fn read_chain(path: &Path) -> Result<Vec<CertificateDer<'static>>> {
    let pem_text = read(path, "TLS certificate", CERT_HINT)?;
    let bad = |detail: String| {
        Error::invalid_with_hint(
            format!("the TLS certificate `{}` {detail}", path.display()),
            CERT_HINT,
        )
    };
    let chain = CertificateDer::pem_slice_iter(&pem_text)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| bad(format!("is not valid PEM: {e}")))?;
    if chain.is_empty() {
        return Err(bad("holds no `BEGIN CERTIFICATE` block".into()));
    }
    Ok(chain)
}

fn read_key(path: &Path) -> Result<PrivateKeyDer<'static>> {
    let pem_text = read(path, "TLS key", KEY_HINT)?;
    // Neither the key nor its bytes ever go into a message: only the file's name.
    PrivateKeyDer::from_pem_slice(&pem_text).map_err(|e| {
        let detail = match e {
            pem::Error::NoItemsFound => "holds no PEM private key".to_owned(),
            _ => "is not a valid PEM private key".to_owned(),
        };
        Error::invalid_with_hint(
            format!("the TLS key `{}` {detail}", path.display()),
            KEY_HINT,
        )
    })
}
