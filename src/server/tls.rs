//! HTTPS for `keep serve`: the certificate chain and private key from PEM files, or a
//! private CA of its own (`--tls-self-signed`), and the rustls configuration (ring, TLS 1.2
//! and 1.3 only, ALPN `h2` then `http/1.1`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::ServerConfig;
use rustls::pki_types::pem::{self, PemObject};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

const CERT_HINT: &str = "pass `--tls-cert` (or `KEEP_TLS_CERT`) a PEM file with the server's certificate chain, leaf first";
const KEY_HINT: &str = "pass `--tls-key` (or `KEEP_TLS_KEY`) the PEM private key (PKCS#8, PKCS#1 or SEC1) of the certificate";

/// The server's TLS configuration from a PEM certificate chain and its PEM private key.
/// Every failure names the file at fault and the flag that fixes it.
pub fn server_config(cert: &Path, key: &Path) -> Result<Arc<ServerConfig>> {
    let chain = read_chain(cert)?;
    let private_key = read_key(key)?;
    config_for(chain, private_key).map_err(|e| {
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
    })
}

fn config_for(
    chain: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
) -> std::result::Result<Arc<ServerConfig>, rustls::Error> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])?
        .with_no_client_auth()
        .with_single_cert(chain, key)?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// What `--tls-self-signed` serves with.
pub struct SelfSigned {
    pub config: Arc<ServerConfig>,
    /// The private CA's certificate, for clients to trust (`keep login --ca-cert`).
    pub ca_path: PathBuf,
    /// Its SHA-256 fingerprint (`keep login --fingerprint`).
    pub fingerprint: String,
    /// Whether this start made the CA.
    pub created: bool,
}

/// A private CA kept in `DIR/tls/` (`ca.pem`, and its key `ca.key`, made on first start),
/// and a certificate for `names` it signs at every start (so the names are always those
/// given). The chain served holds the CA too, so that a client can pin its fingerprint.
pub fn self_signed(data_dir: &Path, names: &[String]) -> Result<SelfSigned> {
    let dir = data_dir.join("tls");
    let (ca_path, key_path) = (dir.join("ca.pem"), dir.join("ca.key"));
    let bad = |what: &str, e: rcgen::Error| {
        Error::Internal(format!("cannot make the {what} for --tls-self-signed: {e}"))
    };
    let created = !key_path.exists();
    if created {
        crate::fs::create_private_dir(&dir)?;
        let key = rcgen::KeyPair::generate().map_err(|e| bad("CA key", e))?;
        let ca = ca_params(&key)
            .self_signed(&key)
            .map_err(|e| bad("CA certificate", e))?;
        // The key is written last: a CA is complete once its key exists.
        let _ = std::fs::remove_file(&ca_path);
        crate::fs::write_private_file(&ca_path, ca.pem().as_bytes())?;
        crate::fs::write_private_file(&key_path, key.serialize_pem().as_bytes())?;
    }
    let key_pem = read(&key_path, "CA key", "remove DIR/tls to make a new CA")?;
    let key_pem = std::str::from_utf8(&key_pem).unwrap_or_default();
    let ca_key = rcgen::KeyPair::from_pem(key_pem).map_err(|e| bad("CA key", e))?;
    let ca_der = read_chain(&ca_path)?.remove(0);
    let leaf_key = rcgen::KeyPair::generate().map_err(|e| bad("server key", e))?;
    let mut params =
        rcgen::CertificateParams::new(names.to_vec()).map_err(|e| bad("certificate", e))?;
    params.distinguished_name.push(
        rcgen::DnType::CommonName,
        names.first().cloned().unwrap_or_default(),
    );
    params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
    set_validity(&mut params, 5);
    let issuer = rcgen::Issuer::new(ca_params(&ca_key), ca_key);
    let leaf = params
        .signed_by(&leaf_key, &issuer)
        .map_err(|e| bad("server certificate", e))?;
    let private = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
    let config = config_for(vec![leaf.der().clone(), ca_der.clone()], private)
        .map_err(|e| Error::Internal(format!("cannot set up TLS: {e}")))?;
    Ok(SelfSigned {
        config,
        fingerprint: crate::crypto::fingerprint(&ca_der),
        ca_path,
        created,
    })
}

/// The CA's parameters, derived from its key alone, so that a restart signs with the very
/// issuer name and key identifier the CA certificate holds.
fn ca_params(key: &rcgen::KeyPair) -> rcgen::CertificateParams {
    let mut params = rcgen::CertificateParams::default();
    let id = crate::crypto::fingerprint(key.public_key_raw()).replace(':', "");
    params.distinguished_name.push(
        rcgen::DnType::CommonName,
        format!("keep serve private CA {}", &id[..16]),
    );
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Constrained(0));
    params.key_usages = vec![
        rcgen::KeyUsagePurpose::KeyCertSign,
        rcgen::KeyUsagePurpose::CrlSign,
        rcgen::KeyUsagePurpose::DigitalSignature,
    ];
    set_validity(&mut params, 20);
    params
}

/// Valid from yesterday (clocks disagree a little) to `years` from now, in whole days (UTC).
fn set_validity(params: &mut rcgen::CertificateParams, years: i16) {
    let today = jiff::Zoned::now()
        .with_time_zone(jiff::tz::TimeZone::UTC)
        .date();
    let day = |d: jiff::civil::Date| {
        rcgen::date_time_ymd(
            i32::from(d.year()),
            d.month().unsigned_abs(),
            d.day().unsigned_abs(),
        )
    };
    params.not_before = day(today.yesterday().unwrap_or(today));
    params.not_after = day(today.saturating_add(jiff::Span::new().years(years)));
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
