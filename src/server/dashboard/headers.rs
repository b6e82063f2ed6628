//! What every dashboard response carries (CSP, no-store, nosniff, no referrer, HSTS under TLS)
//! and what every request must pass: tower-http's cross-origin check of changes, and, for the
//! local dashboard, a `Host` that is the address it listens on (DNS rebinding).

use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tower_http::csrf::CsrfLayer;

use super::Dash;

pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; \
     base-uri 'none'";

/// Wraps the dashboard's routes in its checks and headers.
pub fn protect(ui: Router, dash: Arc<Dash>) -> Router {
    ui.layer(CsrfLayer::new())
        .layer(middleware::from_fn_with_state(dash, guard))
}

async fn guard(State(dash): State<Arc<Dash>>, req: Request, next: Next) -> Response {
    if let Some(local) = &dash.local {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default();
        if !local.host_ok(host) {
            let mut response = (
                StatusCode::MISDIRECTED_REQUEST,
                "this dashboard answers only at the address keep dashboard printed",
            )
                .into_response();
            set_headers(response.headers_mut(), dash.tls);
            return response;
        }
    }
    let mut response = next.run(req).await;
    set_headers(response.headers_mut(), dash.tls);
    response
}

fn set_headers(h: &mut HeaderMap, tls: bool) {
    let fixed = [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    for (name, value) in fixed {
        h.insert(name, HeaderValue::from_static(value));
    }
    // Only content-hashed assets set their own (immutable) caching.
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if tls {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
}
