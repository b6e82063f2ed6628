//! Benchmark helper, the HTTP floor: a fresh process that does one GET and exits.
//!
//! Usage: `[KEEP_TOKEN=...] bench_http_get URL`. The token (if set) is sent as a bearer token,
//! as `keep` sends it. The client is the library keep uses (reqwest on a current-thread tokio
//! runtime) with nothing else: no argument parsing, store or rendering. For an `http://` URL
//! no CA certificates are loaded, since none can be used; for `https://` the system's roots
//! are, as keep does. Exits 1 unless the answer is a 2xx, so an erroring endpoint fails loudly.

use std::process::ExitCode;

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<ExitCode> {
    let Some(url) = std::env::args().nth(1) else {
        anyhow::bail!("usage: bench_http_get URL");
    };
    // reqwest is built with `rustls-no-provider`: a TLS-capable client needs a provider.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut builder = reqwest::Client::builder().tls_backend_rustls();
    if url.starts_with("http://") {
        // Building a client otherwise parses every certificate of the system's CA store
        // (rustls-platform-verifier), which dwarfs a loopback GET.
        builder = builder.tls_certs_only([]);
    }
    let client = builder.build()?;
    let mut req = client.get(url);
    if let Ok(token) = std::env::var("KEEP_TOKEN") {
        req = req.bearer_auth(token);
    }
    let resp = req.send().await?;
    let ok = resp.status().is_success();
    let body = resp.bytes().await?;
    std::hint::black_box(&body);
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
