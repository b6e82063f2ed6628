//! A private certificate authority for tests over TLS: a CA and a server certificate it
//! signed, as PEM files, and `keep serve` over HTTPS with them.

use std::path::PathBuf;

use tempfile::TempDir;

use super::Server;

/// A CA, and a server certificate it signed for `names`, as PEM files.
pub struct Pki {
    dir: TempDir,
    pub ca: PathBuf,
    pub cert: PathBuf,
    pub key: PathBuf,
}

impl Pki {
    pub fn new(names: &[&str]) -> Self {
        let ca_key = rcgen::KeyPair::generate().expect("key");
        let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
        ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        let ca = ca_params.self_signed(&ca_key).expect("ca");
        let key = rcgen::KeyPair::generate().expect("key");
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        let cert = rcgen::CertificateParams::new(names)
            .expect("params")
            .signed_by(&key, &rcgen::Issuer::new(ca_params, ca_key))
            .expect("cert");
        let dir = tempfile::tempdir().expect("tempdir");
        let write = |name: &str, pem: String| {
            let path = dir.path().join(name);
            std::fs::write(&path, pem).expect("write");
            path
        };
        Self {
            ca: write("ca.pem", ca.pem()),
            cert: write("cert.pem", cert.pem()),
            key: write("key.pem", key.serialize_pem()),
            dir,
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, contents).expect("write");
        path
    }

    /// `keep serve` over HTTPS with this certificate.
    pub fn serve(&self, extra: &[&str]) -> Server {
        let mut args = vec![
            "--tls-cert",
            self.cert.to_str().expect("utf-8"),
            "--tls-key",
            self.key.to_str().expect("utf-8"),
        ];
        args.extend_from_slice(extra);
        Server::start_with(&args, &[])
    }
}
