//! Benchmark helper, the server floor: a bare axum server answering `{"status":"ok"}`.
//!
//! Usage: `bench_hello [ADDR]` (default `127.0.0.1:0`); prints `listening on http://ADDR` on
//! stderr, as `keep serve` does. Same axum, tokio (multi-threaded runtime, one worker per
//! core) and JSON body as keep's `GET /v1/health`, with no routing table, layers or state.
#![allow(clippy::print_stderr)] // a benchmark tool, not keep's output path

use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

async fn hello() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:0".to_owned());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    eprintln!("listening on http://{}", listener.local_addr()?);
    let app = Router::new()
        .route("/", get(hello))
        .route("/v1/health", get(hello));
    axum::serve(listener, app).await?;
    Ok(())
}
