//! Logging in and out, the session cookie, the form token of every change, and the sessions
//! page. `keep serve` trades a token for a session stored in the database; `keep dashboard`
//! trades its one-time code for a session held in its own memory.

use std::net::SocketAddr;
use std::sync::Arc;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use jiff::Timestamp;
use serde::Deserialize;

use super::Dash;
use super::page::{self, Chrome, PageError, PageResult};
use crate::api::Action;
use crate::crypto;
use crate::db::AuditRow;
use crate::error::{Error, Result};
use crate::model::Scope;
use crate::server::auth::Caller;
use crate::service::Actor;

pub const COOKIE: &str = "__Host-keep_session";

/// Who is asking, from their session cookie.
pub struct Who {
    pub caller: Caller,
    pub actor: Actor,
    pub session_id: String,
    /// The hash of the session's token (`None` on the local dashboard, which has no tokens).
    pub token_hash: Option<String>,
    pub form_token: String,
    pub local: bool,
}

impl Who {
    /// Records in the audit log what this person just did through the dashboard, as the API
    /// records each request of its token; fails closed (the page is not shown) if it cannot.
    /// The local dashboard keeps no audit log.
    pub async fn audit(
        &self,
        dash: &Dash,
        action: Action,
        env: Option<&str>,
        target: Option<&str>,
    ) -> std::result::Result<(), PageError> {
        self.audit_outcome(dash, action, env, target, "ok").await
    }

    /// Records a change the dashboard refused as the client's mistake (`invalid`,
    /// `not_found`, `conflict`), as the API's gate records a refused request, then passes the
    /// answer on. Refusals of scope are recorded where they are made (`forbidden`).
    pub async fn audit_refusal(
        &self,
        dash: &Dash,
        action: Action,
        env: Option<&str>,
        target: Option<&str>,
        answer: PageResult,
    ) -> PageResult {
        let status = match &answer {
            Ok(r) => r.status(),
            Err(e) => e.status,
        };
        let recorded_elsewhere = matches!(
            status,
            StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED | StatusCode::TOO_MANY_REQUESTS
        );
        if status.is_client_error() && !recorded_elsewhere {
            let outcome = crate::server::audit::outcome(status);
            self.audit_outcome(dash, action, env, target, outcome)
                .await?;
        }
        answer
    }

    /// [`Who::audit`] with another outcome (`forbidden` for a refusal).
    pub async fn audit_outcome(
        &self,
        dash: &Dash,
        action: Action,
        env: Option<&str>,
        target: Option<&str>,
        outcome: &str,
    ) -> std::result::Result<(), PageError> {
        if self.local {
            return Ok(());
        }
        let (actor, client) = (&self.caller.name, &self.caller.client);
        record(dash, actor, client, action, env, target, outcome).await
    }
}

/// Stores one audit record, or answers 503.
pub async fn record(
    dash: &Dash,
    actor: &str,
    client: &str,
    action: Action,
    env: Option<&str>,
    target: Option<&str>,
    outcome: &str,
) -> std::result::Result<(), PageError> {
    let row = AuditRow {
        id: 0,
        at: crate::service::now_micros(),
        actor: actor.to_owned(),
        client: client.to_owned(),
        action: action.as_str().to_owned(),
        environment: env.map(str::to_owned),
        target: target.map(str::to_owned),
        outcome: outcome.to_owned(),
    };
    dash.app.service.db().insert_audit(row).await.map_err(|e| {
        PageError::from(Error::Database(format!(
            "the audit record could not be stored: {e}"
        )))
    })
}

fn cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_owned())
        .filter(|v| !v.is_empty() && v.len() <= 128)
}

fn client(parts: &Parts) -> String {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string())
}

impl FromRequestParts<Arc<Dash>> for Who {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, dash: &Arc<Dash>) -> Result<Self, Response> {
        let to_login = || Redirect::to("/ui/login").into_response();
        let secret = cookie(&parts.headers).ok_or_else(to_login)?;
        let service = &dash.app.service;
        let form_token = service.session_form_token(&secret);
        let client = client(parts);
        if let Some(local) = &dash.local {
            let id = local.session(&secret, dash.limits).ok_or_else(to_login)?;
            return Ok(Who {
                caller: Caller {
                    name: local.user.clone(),
                    scope: Scope::default(),
                    expires_at: None,
                    client,
                },
                actor: Actor::local(local.user.clone()),
                session_id: id,
                token_hash: None,
                form_token,
                local: true,
            });
        }
        let live = service
            .session(&secret, dash.limits)
            .await
            .map_err(|e| PageError::from(e).into_response())?
            .ok_or_else(to_login)?;
        let caller = Caller {
            name: live.token.name,
            scope: live.token.scope,
            expires_at: live.token.expires_at,
            client,
        };
        Ok(Who {
            actor: caller.actor(),
            caller,
            session_id: live.row.id,
            token_hash: Some(live.row.token_hash),
            form_token,
            local: false,
        })
    }
}

/// A form posted by someone logged in, its form token checked.
pub struct Posted {
    pub who: Who,
    pub form: Form,
}

impl FromRequest<Arc<Dash>> for Posted {
    type Rejection = Response;
    async fn from_request(req: Request, dash: &Arc<Dash>) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let who = Who::from_request_parts(&mut parts, dash).await?;
        let req = Request::from_parts(parts, body);
        let bytes = Bytes::from_request(req, dash)
            .await
            .map_err(IntoResponse::into_response)?;
        let form = Form::parse(&bytes);
        let sent = form.get("form_token").unwrap_or_default();
        if !crypto::ct_eq(sent, &who.form_token) {
            return Err(PageError::new(
                StatusCode::FORBIDDEN,
                "this form is out of date or did not come from this dashboard; reload the page and try again",
            )
            .into_response());
        }
        Ok(Posted { who, form })
    }
}

/// A url-encoded form's fields, in order (a key may repeat).
pub struct Form(Vec<(String, String)>);

impl Form {
    pub fn parse(body: &[u8]) -> Self {
        Self(form_urlencoded::parse(body).into_owned().collect())
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn fields(&self) -> &[(String, String)] {
        &self.0
    }

    pub fn checked(&self, key: &str) -> bool {
        self.get(key).is_some_and(|v| !v.is_empty())
    }
}

impl Drop for Form {
    fn drop(&mut self) {
        // Fields may hold values: wipe them.
        for (k, v) in &mut self.0 {
            zeroize::Zeroize::zeroize(k);
            zeroize::Zeroize::zeroize(v);
        }
    }
}

fn set_cookie(secret: &str) -> HeaderValue {
    let v = format!("{COOKIE}={secret}; Path=/; Secure; HttpOnly; SameSite=Strict");
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn clear_cookie() -> HeaderValue {
    HeaderValue::from_static(
        "__Host-keep_session=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0",
    )
}

/// Answers a login with the session's cookie and a redirect to the first page.
pub(super) fn logged_in(secret: &str) -> Response {
    let mut r = Redirect::to("/ui/").into_response();
    r.headers_mut()
        .insert(header::SET_COOKIE, set_cookie(secret));
    r
}

#[derive(Template)]
#[template(path = "dashboard/login.html")]
struct LoginPage {
    c: Chrome,
    local: bool,
    error: Option<String>,
}

pub async fn login_page(State(dash): State<Arc<Dash>>) -> Response {
    page::ok(&LoginPage {
        c: Chrome::bare(),
        local: dash.local.is_some(),
        error: None,
    })
}

pub async fn login(
    State(dash): State<Arc<Dash>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    body: Bytes,
) -> PageResult {
    if dash.local.is_some() {
        return Err(PageError::new(
            StatusCode::NOT_FOUND,
            "the local dashboard has no tokens: open the link keep dashboard printed",
        ));
    }
    let ip = Some(peer.ip());
    let app = &dash.app;
    if app.limiter.blocked(ip).is_some() {
        return Err(PageError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too many failed logins from this address; wait a minute and try again",
        ));
    }
    let form = Form::parse(&body);
    let token = form.get("token").unwrap_or_default().trim();
    let started = app
        .service
        .start_session(token, &peer.ip().to_string(), dash.limits)
        .await?;
    let client = peer.ip().to_string();
    let Some(started) = started else {
        app.limiter.failed(ip);
        record(
            &dash,
            "",
            &client,
            Action::SessionLogin,
            None,
            None,
            "unauthorized",
        )
        .await?;
        let page = LoginPage {
            c: Chrome::bare(),
            local: false,
            error: Some(
                "that token was not accepted: it is unknown, revoked or expired".to_owned(),
            ),
        };
        return Ok(page::render(StatusCode::UNAUTHORIZED, &page));
    };
    let name = started.token.name.clone();
    record(
        &dash,
        &name,
        &client,
        Action::SessionLogin,
        None,
        None,
        "ok",
    )
    .await?;
    Ok(logged_in(&started.secret))
}

pub async fn logout(State(dash): State<Arc<Dash>>, posted: Posted) -> PageResult {
    let who = posted.who;
    match (&dash.local, &who.token_hash) {
        (Some(local), _) => {
            local.end(&who.session_id);
        }
        (None, Some(token_hash)) => {
            dash.app
                .service
                .end_session(&who.session_id, token_hash)
                .await?;
        }
        (None, None) => {}
    }
    who.audit(&dash, Action::SessionLogout, None, None).await?;
    Ok(signed_out())
}

/// The answer that ends this browser's session: to the login page, the cookie and whatever
/// the site left in the browser cleared.
fn signed_out() -> Response {
    let mut r = Redirect::to("/ui/login").into_response();
    let h = r.headers_mut();
    h.insert(header::SET_COOKIE, clear_cookie());
    h.insert(
        header::HeaderName::from_static("clear-site-data"),
        HeaderValue::from_static("\"cache\", \"cookies\", \"storage\""),
    );
    r
}

/// One session as the sessions page lists it.
pub struct SessionLine {
    pub id: String,
    pub client: String,
    pub created: String,
    pub last_seen: String,
    pub expires: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "dashboard/sessions.html")]
struct SessionsPage {
    c: Chrome,
    sessions: Vec<SessionLine>,
}

fn at(micros: i64) -> String {
    page::when(Timestamp::from_microsecond(micros).ok())
}

#[derive(Deserialize)]
pub struct Done {
    pub done: Option<String>,
}

pub async fn sessions_page(
    State(dash): State<Arc<Dash>>,
    who: Who,
    Query(done): Query<Done>,
) -> PageResult {
    let sessions = match (&dash.local, &who.token_hash) {
        (Some(local), _) => local.lines(&who.session_id),
        (None, Some(hash)) => dash
            .app
            .service
            .list_sessions(hash, dash.limits)
            .await?
            .into_iter()
            .map(|r| SessionLine {
                current: r.id == who.session_id,
                created: at(r.created_at),
                last_seen: at(r.last_seen_at),
                expires: at(r.expires_at),
                id: r.id,
                client: r.client,
            })
            .collect(),
        (None, None) => Vec::new(),
    };
    let envs = super::secrets::environments(&dash, &who).await?;
    let env = envs.first().cloned().unwrap_or_default();
    let notice = done
        .done
        .filter(|d| d == "ended")
        .map(|_| "The session was ended.".to_owned());
    Ok(page::ok(&SessionsPage {
        c: Chrome::for_who(&who, envs, &env).notice(notice),
        sessions,
    }))
}

pub async fn end_session(State(dash): State<Arc<Dash>>, posted: Posted) -> PageResult {
    let id = posted.form.get("id").unwrap_or_default().to_owned();
    let who = &posted.who;
    let ended = match (&dash.local, &who.token_hash) {
        (Some(local), _) => local.end(&id),
        (None, Some(hash)) => dash.app.service.end_session(&id, hash).await?,
        (None, None) => false,
    };
    if !ended {
        return Err(Error::Missing(format!("you have no session `{id}`")).into());
    }
    if id == who.session_id {
        return Ok(signed_out());
    }
    Ok(Redirect::to("/ui/sessions?done=ended").into_response())
}
