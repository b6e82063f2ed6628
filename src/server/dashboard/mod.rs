//! The dashboard: server-rendered pages over the same service layer as the API, served by
//! `keep serve` on the API's listener (sessions traded for a token, stored in the database)
//! and by `keep dashboard` over the embedded store (one local user, a one-time code).
//!
//! Every page works with plain forms and POST-redirect-GET; the one script only enhances
//! (re-masking revealed values, copying to the clipboard). Every response carries a strict
//! CSP and `no-store` (`headers`); every change is a POST that passes tower-http's
//! Sec-Fetch-Site/Origin check and carries the session's form token (`session`).

mod admin;
mod assets;
mod compare;
mod create;
mod delete;
mod headers;
mod local;
mod page;
mod secrets;
mod session;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::response::Redirect;
use axum::routing::{any, get, post};

pub use self::local::LocalLogin;
use super::AppState;
use crate::service::SessionLimits;

/// Largest form accepted: a pasted `.env` of a full secret, form-encoded.
const MAX_FORM_BYTES: usize = 4 * 1024 * 1024;

/// How the dashboard is served.
pub struct Dash {
    pub app: Arc<AppState>,
    pub limits: SessionLimits,
    /// Served over HTTPS (then `Strict-Transport-Security` is sent).
    pub tls: bool,
    /// `keep dashboard`: one local user, no tokens; `None` for `keep serve`.
    pub local: Option<LocalLogin>,
    /// Revealed values are masked again after this many seconds.
    pub reveal_seconds: u32,
}

impl Dash {
    pub fn server(app: Arc<AppState>, limits: SessionLimits, tls: bool) -> Self {
        Self {
            app,
            limits,
            tls,
            local: None,
            reveal_seconds: 30,
        }
    }
}

/// The dashboard's routes, all under `/ui` (`/` stays the API's: a JSON 404).
pub fn router(dash: Arc<Dash>) -> Router {
    let ui = Router::new()
        .route("/ui", get(|| async { Redirect::to("/ui/") }))
        .route("/ui/", get(secrets::home))
        .route("/ui/login", get(session::login_page).post(session::login))
        .route("/ui/start", get(local::start_local))
        .route("/ui/logout", post(session::logout))
        .route("/ui/go", get(secrets::go))
        .route("/ui/sessions", get(session::sessions_page))
        .route("/ui/sessions/end", post(session::end_session))
        .route("/ui/env/{env}", get(secrets::list))
        .route("/ui/env/{env}/new", get(create::form).post(create::submit))
        .route("/ui/env/{env}/s/{name}", get(secrets::show))
        .route("/ui/env/{env}/s/{name}/reveal", post(secrets::reveal))
        .route("/ui/env/{env}/s/{name}/edit", post(secrets::edit))
        .route(
            "/ui/env/{env}/s/{name}/delete",
            get(delete::page).post(delete::delete),
        )
        .route("/ui/compare", get(compare::page))
        .route(
            "/ui/admin/tokens",
            get(admin::tokens).post(admin::create_token),
        )
        .route("/ui/admin/tokens/revoke", post(admin::revoke_token))
        .route("/ui/admin/audit", get(admin::audit))
        .route("/ui/admin/keys", get(admin::keys))
        .route("/ui/assets/{file}", get(assets::serve))
        // Any other path under /ui: the dashboard's own 404 page, with its headers.
        .route("/ui/{*rest}", any(no_such_page))
        .layer(DefaultBodyLimit::max(MAX_FORM_BYTES))
        .with_state(dash.clone());
    headers::protect(ui, dash)
}

async fn no_such_page() -> page::PageError {
    page::PageError {
        status: axum::http::StatusCode::NOT_FOUND,
        message: "there is no such page".to_owned(),
        hint: Some("start again from the list of secrets, at /ui/".to_owned()),
    }
}
