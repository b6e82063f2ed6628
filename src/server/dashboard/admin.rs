//! Admin pages: tokens (issued with their scope and expiry, shown once; revoked after typing
//! the name), the audit log filtered, and the master keys' status. Admin tokens only, as in
//! the API; the local dashboard has no tokens and no audit log.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use jiff::Timestamp;
use serde::Deserialize;

use super::Dash;
use super::page::{self, Chrome, PageError, PageResult, when};
use super::secrets::environments;
use super::session::{Posted, Who};
use crate::api::KeyUsage;
use crate::api::{Action, AuditQuery};
use crate::error::Error;
use crate::model::{AuditEvent, Scope, TokenInfo, TokenName, TokenStatus, parse_span};
use crate::service::NewToken;

async fn check_admin(dash: &Dash, who: &Who, action: Action) -> Result<(), PageError> {
    if dash.local.is_some() {
        return Err(PageError::new(
            StatusCode::NOT_FOUND,
            "the local store has no tokens and no audit log; these pages are keep serve's",
        ));
    }
    if let Err(e) = who.caller.scope.check_admin(&who.caller.name) {
        who.audit_outcome(dash, action, None, None, "forbidden")
            .await?;
        return Err(e.into());
    }
    Ok(())
}

async fn chrome(dash: &Dash, who: &Who) -> Result<Chrome, PageError> {
    let envs = environments(dash, who).await?;
    let env = envs.first().cloned().unwrap_or_default();
    Ok(Chrome::for_who(who, envs, &env))
}

#[derive(Template)]
#[template(path = "dashboard/tokens.html")]
struct TokensPage {
    c: Chrome,
    tokens: Vec<TokenInfo>,
    issued: Option<(String, String)>,
    error: Option<String>,
}

fn scope_of(t: &TokenInfo) -> String {
    if t.admin {
        return "admin".to_owned();
    }
    let envs = t
        .environments
        .as_ref()
        .map_or_else(|| "every environment".to_owned(), |e| e.join(", "));
    if t.read_only {
        format!("read-only: {envs}")
    } else {
        envs
    }
}

impl TokensPage {
    fn scope(&self, t: &TokenInfo) -> String {
        scope_of(t)
    }
    fn created(&self, t: &TokenInfo) -> String {
        when(Some(t.created_at))
    }
    fn expires(&self, t: &TokenInfo) -> String {
        match t.expires_at {
            Some(at) => when(Some(at)),
            None => "never".to_owned(),
        }
    }
    fn status(&self, t: &TokenInfo) -> &'static str {
        match t.status {
            TokenStatus::Active => "active",
            TokenStatus::Expired => "expired",
            TokenStatus::Revoked => "revoked",
        }
    }
}

async fn tokens_page(
    dash: &Dash,
    who: &Who,
    issued: Option<(String, String)>,
    error: Option<String>,
) -> Result<TokensPage, PageError> {
    Ok(TokensPage {
        c: chrome(dash, who).await?,
        tokens: dash.app.service.list_tokens().await?,
        issued,
        error,
    })
}

#[derive(Deserialize)]
pub struct Done {
    done: Option<String>,
}

pub async fn tokens(
    State(dash): State<Arc<Dash>>,
    who: Who,
    Query(done): Query<Done>,
) -> PageResult {
    check_admin(&dash, &who, Action::TokenList).await?;
    let mut page = tokens_page(&dash, &who, None, None).await?;
    who.audit(&dash, Action::TokenList, None, None).await?;
    page.c.notice = done.done.map(|_| "The token was revoked.".to_owned());
    Ok(page::ok(&page))
}

fn new_token(posted: &Posted) -> Result<NewToken, Error> {
    let form = &posted.form;
    let envs: Vec<String> = form
        .get("environments")
        .unwrap_or_default()
        .split([',', ' '])
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let expires_at = match form
        .get("expires_in")
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(span) => Some(
            Timestamp::now()
                .checked_add(parse_span(span)?)
                .map_err(|_| Error::invalid("the expiry is too far in the future"))?,
        ),
        None => None,
    };
    Ok(NewToken {
        name: TokenName::parse(form.get("name").unwrap_or_default().trim())?,
        scope: Scope {
            admin: form.checked("admin"),
            environments: (!envs.is_empty()).then_some(envs),
            read_only: form.checked("read_only"),
        },
        expires_at,
    })
}

/// Issues a token and shows its value once, in this answer only (never stored, never again).
pub async fn create_token(State(dash): State<Arc<Dash>>, posted: Posted) -> PageResult {
    let answer = issue_token(&dash, &posted).await;
    let name = posted.form.get("name").map(str::trim);
    (posted.who)
        .audit_refusal(&dash, Action::TokenCreate, None, name, answer)
        .await
}

async fn issue_token(dash: &Arc<Dash>, posted: &Posted) -> PageResult {
    let who = &posted.who;
    check_admin(dash, who, Action::TokenCreate).await?;
    let issued = match new_token(posted) {
        Ok(new) => dash.app.service.create_token(&new, &who.actor).await,
        Err(e) => Err(e),
    };
    match issued {
        Ok(t) => {
            let shown = Some((t.info.name.clone(), t.token.expose().to_owned()));
            Ok(page::ok(&tokens_page(dash, who, shown, None).await?))
        }
        Err(e) if !page::is_server_fault(&e) => {
            let page = tokens_page(dash, who, None, Some(e.to_string())).await?;
            Ok(page::render(StatusCode::BAD_REQUEST, &page))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn revoke_token(State(dash): State<Arc<Dash>>, posted: Posted) -> PageResult {
    let answer = revoke(&dash, &posted).await;
    let name = posted.form.get("name").map(str::trim);
    (posted.who)
        .audit_refusal(&dash, Action::TokenRevoke, None, name, answer)
        .await
}

async fn revoke(dash: &Arc<Dash>, posted: &Posted) -> PageResult {
    let who = &posted.who;
    check_admin(dash, who, Action::TokenRevoke).await?;
    let name = posted.form.get("name").unwrap_or_default();
    if posted.form.get("confirm").map(str::trim) != Some(name) {
        return Err(PageError::new(
            StatusCode::BAD_REQUEST,
            format!("type the token's name, `{name}`, to revoke it"),
        ));
    }
    let name = TokenName::parse(name)?;
    dash.app.service.revoke_token(&name, &who.actor).await?;
    Ok(Redirect::to("/ui/admin/tokens?done=revoked").into_response())
}

#[derive(Deserialize, Default)]
pub struct AuditFilter {
    #[serde(default)]
    env: String,
    #[serde(default)]
    secret: String,
    #[serde(default)]
    token: String,
    #[serde(default)]
    outcome: String,
    cursor: Option<String>,
}

#[derive(Template)]
#[template(path = "dashboard/audit.html")]
struct AuditPage {
    c: Chrome,
    f: AuditFilter,
    events: Vec<AuditEvent>,
    next: Option<String>,
}

impl AuditPage {
    fn when(&self, t: &Timestamp) -> String {
        when(Some(*t))
    }
}

fn matches(f: &AuditFilter, e: &AuditEvent) -> bool {
    let is = |want: &str, got: Option<&str>| want.is_empty() || got == Some(want);
    is(&f.env, e.environment.as_deref())
        && is(&f.secret, e.target.as_deref())
        && is(&f.token, Some(&e.actor))
        && is(&f.outcome, Some(&e.outcome))
}

/// A page of the log (1000 records, newest first), filtered; the next page goes on from
/// where this one's records ended.
pub async fn audit(
    State(dash): State<Arc<Dash>>,
    who: Who,
    Query(f): Query<AuditFilter>,
) -> PageResult {
    check_admin(&dash, &who, Action::AuditRead).await?;
    let query = AuditQuery {
        since: None,
        limit: 1000,
        cursor: f.cursor.clone().filter(|c| !c.is_empty()),
    };
    let log = dash.app.service.audit_log(&query).await?;
    who.audit(&dash, Action::AuditRead, None, None).await?;
    let events = log.events.into_iter().filter(|e| matches(&f, e)).collect();
    let next = log.next_cursor.map(|c| {
        let q: String = form_urlencoded::Serializer::new(String::new())
            .append_pair("env", &f.env)
            .append_pair("secret", &f.secret)
            .append_pair("token", &f.token)
            .append_pair("outcome", &f.outcome)
            .append_pair("cursor", &c)
            .finish();
        format!("/ui/admin/audit?{q}")
    });
    Ok(page::ok(&AuditPage {
        c: chrome(&dash, &who).await?,
        f,
        events,
        next,
    }))
}

#[derive(Template)]
#[template(path = "dashboard/keys.html")]
struct KeysPage {
    c: Chrome,
    active: String,
    keys: Vec<KeyUsage>,
    remaining: i64,
}

pub async fn keys(State(dash): State<Arc<Dash>>, who: Who) -> PageResult {
    check_admin(&dash, &who, Action::KeyStatus).await?;
    let status = dash.app.service.key_status().await?;
    who.audit(&dash, Action::KeyStatus, None, None).await?;
    Ok(page::ok(&KeysPage {
        c: chrome(&dash, &who).await?,
        active: status.active_key_id,
        keys: status.keys,
        remaining: status.remaining,
    }))
}
