//! Which server certificates the client accepts: the system's roots plus the CA certificates
//! given with `--ca-cert` (or a profile), a certificate given as trusted that is exactly the
//! one the server presents, and a certificate pinned by its SHA-256 fingerprint.
//!
//! webpki refuses a CA certificate as the server's own (`CaUsedAsEndEntity`), and the
//! self-signed certificate `openssl req -x509 ... -addext subjectAltName=...` makes is one
//! (`CA:TRUE`). Someone who passes that very certificate as trusted means to trust it, as curl
//! does: when it is byte for byte the one the server presents, it is accepted if it is valid
//! now and names the server.

use std::path::PathBuf;
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::{WebPkiServerVerifier, verify_server_cert_signed_by_trust_anchor};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::server::ParsedCertificate;
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use sha2::{Digest, Sha256};

pub use crate::crypto::fingerprint;
use crate::error::{Error, Result};

/// CA certificates to trust besides the system's.
#[derive(Clone, Debug)]
pub enum Ca {
    /// A PEM file (`--ca-cert`, `KEEP_CA_CERT`, a profile's `ca_cert`).
    File(PathBuf),
    /// PEM text saved in a profile (`ca_cert_pem`), `from` naming where.
    Pem { from: String, pem: String },
}

/// What a client trusts besides the system's roots.
#[derive(Clone, Debug, Default)]
pub struct Trust {
    pub ca: Option<Ca>,
    /// The SHA-256 of a certificate of the server's chain, trusted as its root.
    pub fingerprint: Option<String>,
}

impl Trust {
    pub fn is_default(&self) -> bool {
        self.ca.is_none() && self.fingerprint.is_none()
    }
}

/// Parses a fingerprint as keep and openssl print it, with or without colons and a
/// `SHA256:` (or `sha256 Fingerprint=`) prefix, in either case.
pub fn parse_fingerprint(s: &str) -> Result<[u8; 32]> {
    let lower = s.trim().to_ascii_lowercase();
    let rest = ["sha256 fingerprint=", "sha256:", "sha-256:", "sha256="]
        .iter()
        .find_map(|p| lower.strip_prefix(p))
        .unwrap_or(&lower);
    let hex: String = rest.chars().filter(|c| *c != ':').collect();
    let mut out = [0u8; 32];
    let ok = hex.len() == 64
        && hex.is_ascii()
        && out.iter_mut().enumerate().all(|(i, b)| {
            u8::from_str_radix(&hex[2 * i..2 * i + 2], 16)
                .map(|v| *b = v)
                .is_ok()
        });
    if ok {
        return Ok(out);
    }
    Err(Error::invalid_with_hint(
        format!("invalid SHA-256 fingerprint `{}`", crate::error::shown(s)),
        "give the 64 hex digits `keep serve` printed (colons optional), such as `AB:CD:...`",
    ))
}

/// The certificates of a PEM text; `what` names its source in errors.
pub fn parse_pem(pem: &[u8], what: &str, hint: &str) -> Result<Vec<CertificateDer<'static>>> {
    use rustls::pki_types::pem::PemObject;
    let bad = |detail: String| Error::invalid_with_hint(format!("{what} {detail}"), hint);
    let certs = CertificateDer::pem_slice_iter(pem)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| bad(format!("is not valid PEM: {e}")))?;
    if certs.is_empty() {
        return Err(bad("holds no `BEGIN CERTIFICATE` block".into()));
    }
    let mut roots = RootCertStore::empty();
    for der in &certs {
        roots
            .add(der.clone())
            .map_err(|e| bad(format!("holds a certificate that cannot be used: {e}")))?;
    }
    Ok(certs)
}

impl Ca {
    /// The certificates, each checked to be usable as a trust anchor.
    pub fn certificates(&self) -> Result<Vec<CertificateDer<'static>>> {
        let hint = "pass `--ca-cert` (or `KEEP_CA_CERT`) a PEM file with the certificate of the CA that signed the server's certificate";
        match self {
            Ca::File(path) => {
                let what = format!("the CA certificate file `{}`", path.display());
                let pem = std::fs::read(path).map_err(|e| {
                    Error::invalid_with_hint(format!("{what} cannot be read: {e}"), hint)
                })?;
                parse_pem(&pem, &what, hint)
            }
            Ca::Pem { from, pem } => parse_pem(
                pem.as_bytes(),
                &format!("the CA certificate of {from}"),
                "run `keep login` again with `--ca-cert PEM` or `--fingerprint SHA256`",
            ),
        }
    }
}

/// keep's certificate verifier (see the module's comment).
#[derive(Debug)]
pub struct Verifier {
    /// The system's roots plus the given CA certificates.
    system: Arc<dyn ServerCertVerifier>,
    given: Vec<CertificateDer<'static>>,
    pin: Option<[u8; 32]>,
    provider: Arc<CryptoProvider>,
}

impl Verifier {
    pub fn new(trust: &Trust, provider: Arc<CryptoProvider>) -> Result<Self> {
        let given = match &trust.ca {
            Some(ca) => ca.certificates()?,
            None => Vec::new(),
        };
        let pin = trust
            .fingerprint
            .as_deref()
            .map(parse_fingerprint)
            .transpose()?;
        let system = rustls_platform_verifier::Verifier::new_with_extra_roots(
            given.iter().cloned(),
            provider.clone(),
        )
        .map_err(|e| Error::Internal(format!("cannot load trusted CA certificates: {e}")))?;
        Ok(Self {
            system: Arc::new(system),
            given,
            pin,
            provider,
        })
    }

    /// Whether `ee`, a certificate given as trusted, is valid now and names the server: the
    /// chain a CA certificate cannot make with itself, checked apart.
    fn exactly_trusted(
        &self,
        ee: &CertificateDer<'_>,
        server_name: &ServerName<'_>,
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        let parsed = ParsedCertificate::try_from(ee)?;
        let mut roots = RootCertStore::empty();
        roots.add(ee.clone().into_owned())?;
        let algs = self.provider.signature_verification_algorithms.all;
        match verify_server_cert_signed_by_trust_anchor(&parsed, &roots, &[], now, algs) {
            Ok(()) => {}
            // webpki checks the validity period before it finds the CA flag: a certificate
            // refused for this alone is valid now.
            Err(rustls::Error::InvalidCertificate(CertificateError::Other(other)))
                if other.0.downcast_ref::<webpki::Error>()
                    == Some(&webpki::Error::CaUsedAsEndEntity) => {}
            Err(e) => return Err(e),
        }
        rustls::client::verify_server_name(&parsed, server_name)?;
        Ok(ServerCertVerified::assertion())
    }

    /// With a pin: the chain must hold the pinned certificate, which is then its only root.
    fn pinned(
        &self,
        pin: &[u8; 32],
        ee: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        let found = std::iter::once(ee)
            .chain(intermediates)
            .find(|c| Sha256::digest(c.as_ref()).as_slice() == pin)
            .ok_or_else(|| {
                rustls::Error::General(
                    "no certificate of the server's chain has the pinned SHA-256 fingerprint"
                        .into(),
                )
            })?;
        if found == ee {
            return self.exactly_trusted(ee, server_name, now);
        }
        let mut roots = RootCertStore::empty();
        roots.add(found.clone().into_owned())?;
        WebPkiServerVerifier::builder_with_provider(Arc::new(roots), self.provider.clone())
            .build()
            .map_err(|e| rustls::Error::General(e.to_string()))?
            .verify_server_cert(ee, intermediates, server_name, &[], now)
    }
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        ee: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        if let Some(pin) = &self.pin {
            return self.pinned(pin, ee, intermediates, server_name, now);
        }
        match self
            .system
            .verify_server_cert(ee, intermediates, server_name, ocsp, now)
        {
            Ok(v) => Ok(v),
            Err(_) if self.given.iter().any(|g| g == ee) => {
                self.exactly_trusted(ee, server_name, now)
            }
            Err(e) => Err(e),
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// The rustls configuration of a client that trusts `trust` (ALPN `h2`, then `http/1.1`).
pub fn client_config(trust: &Trust) -> Result<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = Verifier::new(trust, provider.clone())?;
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
        .map_err(|e| Error::Internal(format!("cannot set up TLS: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_parse_as_keep_and_openssl_print_them() {
        let fp = fingerprint(b"certificate");
        assert_eq!(fp.len(), 32 * 3 - 1);
        let bytes = parse_fingerprint(&fp).expect("ours");
        for form in [
            format!("SHA256:{fp}"),
            fp.replace(':', "").to_lowercase(),
            format!("sha256 Fingerprint={fp}"),
            format!("  {fp}\n"),
        ] {
            assert_eq!(parse_fingerprint(&form).expect("parses"), bytes, "{form}");
        }
        for bad in [
            "",
            "AB:CD",
            &fp[1..],
            &format!("{fp}:00"),
            "é".repeat(32).as_str(),
        ] {
            assert!(parse_fingerprint(bad).is_err(), "{bad}");
        }
    }
}
