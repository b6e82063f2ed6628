//! The accept loop of `keep serve`: plain HTTP/1.1, or HTTPS with HTTP/1.1 and h2 chosen by
//! ALPN; time limits for slow clients, and a cap on open connections.
//!
//! hyper is driven directly rather than through `axum::serve`, which can set neither a
//! header read timeout nor TLS, so both schemes share one loop and one set of limits.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::StatusCode;
use hyper::server::conn::{http1, http2};
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::graceful::{GracefulShutdown, Watcher};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio_rustls::TlsAcceptor;
use tower_http::timeout::TimeoutLayer;
use tower_service::Service;

/// How `keep serve` serves: the scheme and the limits on clients.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// HTTPS with this configuration; plain HTTP when `None`.
    pub tls: Option<Arc<rustls::ServerConfig>>,
    /// The longest a request may take once its head is in, body included (408 after that).
    pub request_timeout: Duration,
    /// Connections served at once; further clients wait in the kernel's accept queue.
    pub max_connections: usize,
    /// Failed authentications per minute one client address may make before it gets 429s
    /// (0: no limit).
    pub auth_failures: u32,
    /// How long dashboard sessions last.
    pub sessions: crate::service::SessionLimits,
    /// Seconds the dashboard shows revealed values.
    pub reveal_seconds: u32,
}

impl Default for ServeOptions {
    fn default() -> Self {
        Self {
            tls: None,
            request_timeout: Duration::from_secs(30),
            max_connections: 512,
            auth_failures: super::AUTH_FAILURES_PER_MINUTE,
            sessions: crate::service::SessionLimits::default(),
            reveal_seconds: 30,
        }
    }
}

impl ServeOptions {
    /// The time a client has for the TLS handshake and for each request head; an idle
    /// keep-alive connection is closed after it too. At most 10 s, at most the request timeout.
    pub fn header_timeout(&self) -> Duration {
        self.request_timeout.min(Duration::from_secs(10))
    }
}

/// Serves `app` on `listener` until `shutdown` completes, then lets requests in flight
/// finish (for at most the request timeout). Handlers can read the client's address with
/// `axum::extract::ConnectInfo<SocketAddr>`.
pub async fn serve_router(
    listener: TcpListener,
    app: Router,
    opts: ServeOptions,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let app = app
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            opts.request_timeout,
        ))
        .layer(axum::middleware::map_response(
            super::error::timeout_as_json,
        ));
    let mut make_service = app.into_make_service_with_connect_info::<SocketAddr>();
    let tls = opts.tls.clone().map(TlsAcceptor::from);
    let header_timeout = opts.header_timeout();
    let slots = Arc::new(Semaphore::new(opts.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            () = &mut shutdown => break,
            slot = slots.clone().acquire_owned() => slot.map_err(io::Error::other)?,
        };
        let (stream, peer) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(conn) => conn,
                Err(e) => {
                    accept_failed(e).await;
                    continue;
                }
            },
        };
        let Ok(service) = make_service.call(peer).await;
        let conn = Connection {
            tls: tls.clone(),
            header_timeout,
            watcher: graceful.watcher(),
        };
        tokio::spawn(async move {
            conn.serve(stream, TowerToHyperService::new(service)).await;
            drop(slot);
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(opts.request_timeout, graceful.shutdown()).await;
    Ok(())
}

/// A failed accept is about one connection (it was reset) or about resources (out of file
/// descriptors): in the second case, pause instead of spinning.
async fn accept_failed(e: io::Error) {
    use io::ErrorKind::*;
    if !matches!(
        e.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset | Interrupted
    ) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

struct Connection {
    tls: Option<TlsAcceptor>,
    header_timeout: Duration,
    watcher: Watcher,
}

impl Connection {
    async fn serve<S>(self, stream: TcpStream, service: S)
    where
        S: hyper::service::HttpService<hyper::body::Incoming> + Clone + Send + 'static,
        S::Future: Send + 'static,
        S::ResBody: Send + 'static,
        <S::ResBody as hyper::body::Body>::Data: Send,
        <S::ResBody as hyper::body::Body>::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
        S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        let _ = stream.set_nodelay(true);
        let Some(acceptor) = self.tls.clone() else {
            return self.http1(TokioIo::new(stream), service).await;
        };
        let handshake = tokio::time::timeout(self.header_timeout, tls_handshake(acceptor, stream));
        let Ok(Ok(Some(stream))) = handshake.await else {
            return;
        };
        if stream.get_ref().1.alpn_protocol() == Some(b"h2") {
            let mut builder = http2::Builder::new(TokioExecutor::new());
            builder.timer(TokioTimer::new());
            let conn = builder.serve_connection(TokioIo::new(stream), service);
            let _ = self.watcher.watch(conn).await;
        } else {
            self.http1(TokioIo::new(stream), service).await;
        }
    }

    async fn http1<I, S>(self, io: I, service: S)
    where
        I: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
        S: hyper::service::HttpService<hyper::body::Incoming> + Send + 'static,
        S::ResBody: Send + 'static,
        <S::ResBody as hyper::body::Body>::Data: Send,
        <S::ResBody as hyper::body::Body>::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
        S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        let mut builder = http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(self.header_timeout);
        let conn = builder.serve_connection(io, service);
        let _ = self.watcher.watch(conn).await;
    }
}

/// The TLS handshake, or `None` for a client that spoke plain HTTP to the HTTPS port: it gets
/// a 400 in keep's error format saying so, instead of a connection closed without a word.
async fn tls_handshake(
    acceptor: TlsAcceptor,
    mut stream: TcpStream,
) -> io::Result<Option<tokio_rustls::server::TlsStream<TcpStream>>> {
    const TLS_HANDSHAKE_RECORD: u8 = 0x16;
    let mut first = [0u8; 1];
    if stream.peek(&mut first).await? == 0 {
        return Ok(None);
    }
    if first[0] != TLS_HANDSHAKE_RECORD {
        if first[0].is_ascii_uppercase() {
            refuse_plain_http(&mut stream).await?;
        }
        return Ok(None);
    }
    acceptor.accept(stream).await.map(Some)
}

async fn refuse_plain_http(stream: &mut TcpStream) -> io::Result<()> {
    const BODY: &str = r#"{"error":{"code":"https_required","message":"this keep server speaks HTTPS only","hint":"use an `https://` server URL"}}"#;
    // Read the request head first: closing a socket with unread data resets the connection,
    // and the client would see the reset instead of the answer.
    let mut head = [0u8; 8192];
    let _ = stream.read(&mut head).await?;
    let response = format!(
        "HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{BODY}",
        BODY.len()
    );
    stream.write_all(response.as_bytes()).await?;
    stream.shutdown().await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::extract::ConnectInfo;
    use axum::routing::get;

    #[tokio::test]
    async fn handlers_see_the_client_address() {
        let app = Router::new().route(
            "/peer",
            get(|ConnectInfo(peer): ConnectInfo<SocketAddr>| async move { peer.to_string() }),
        );
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(serve_router(
            listener,
            app,
            ServeOptions::default(),
            async move {
                let _ = stopped.await;
            },
        ));
        let mut conn = tokio::net::TcpStream::connect(addr).await.unwrap();
        let local = conn.local_addr().unwrap();
        conn.write_all(b"GET /peer HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .await
            .unwrap();
        let mut answer = String::new();
        conn.read_to_string(&mut answer).await.unwrap();
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(answer.ends_with(&local.to_string()), "{answer}");
        stop.send(()).unwrap();
        server.await.unwrap().unwrap();
    }
}
