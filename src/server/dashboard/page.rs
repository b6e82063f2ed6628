//! What every page shares: the frame around it (navigation, the environment switcher, the
//! logout form), errors as pages, and how times are shown.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use jiff::Timestamp;

use super::assets;
use super::session::Who;
use crate::error::Error;
use crate::server::status_of;

/// The frame of a page: its assets, and the navigation when someone is logged in.
pub struct Chrome {
    pub css: &'static str,
    pub js: &'static str,
    pub nav: Option<Nav>,
    /// A message about what just happened (`?done=` after a redirect).
    pub notice: Option<String>,
}

pub struct Nav {
    pub user: String,
    pub envs: Vec<String>,
    pub env: String,
    pub admin: bool,
    pub read_only: bool,
    pub local: bool,
    pub form_token: String,
}

impl Chrome {
    pub fn bare() -> Self {
        Self {
            css: assets::css_url(),
            js: assets::js_url(),
            nav: None,
            notice: None,
        }
    }

    pub fn for_who(who: &Who, envs: Vec<String>, env: &str) -> Self {
        Self {
            nav: Some(Nav {
                user: who.caller.name.clone(),
                envs,
                env: env.to_owned(),
                admin: who.caller.scope.admin,
                read_only: who.caller.scope.read_only,
                local: who.local,
                form_token: who.form_token.clone(),
            }),
            ..Self::bare()
        }
    }

    /// The form token every change posts back.
    pub fn token(&self) -> &str {
        self.nav.as_ref().map_or("", |n| n.form_token.as_str())
    }

    pub fn notice(mut self, notice: Option<String>) -> Self {
        self.notice = notice;
        self
    }
}

/// A template rendered as a page with this status.
pub fn render(status: StatusCode, page: &impl Template) -> Response {
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => PageError::from(Error::Internal(format!("a page failed to render: {e}")))
            .into_response(),
    }
}

pub fn ok(page: &impl Template) -> Response {
    render(StatusCode::OK, page)
}

/// An error shown as a page: the status, what went wrong and what to do.
#[derive(Debug)]
pub struct PageError {
    pub status: StatusCode,
    pub message: String,
    pub hint: Option<String>,
}

impl PageError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            hint: None,
        }
    }
}

impl From<Error> for PageError {
    fn from(e: Error) -> Self {
        let status = status_of(&e);
        let (message, hint) = if status.is_server_error() {
            log(&e.to_string());
            (
                "the server could not do this; try again later".to_owned(),
                None,
            )
        } else {
            (e.to_string(), e.hint())
        };
        Self {
            status,
            message,
            hint,
        }
    }
}

#[allow(clippy::print_stderr)] // the server's log is its stderr
fn log(e: &str) {
    eprintln!("keep dashboard: {e}");
}

#[derive(Template)]
#[template(path = "dashboard/error.html")]
struct ErrorPage<'a> {
    c: Chrome,
    status: u16,
    message: &'a str,
    hint: Option<&'a str>,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let page = ErrorPage {
            c: Chrome::bare(),
            status: self.status.as_u16(),
            message: &self.message,
            hint: self.hint.as_deref(),
        };
        match page.render() {
            Ok(html) => (self.status, Html(html)).into_response(),
            Err(_) => (self.status, self.message).into_response(),
        }
    }
}

/// Whether `e` is the server's fault (shown as a generic page, logged) or the user's.
pub fn is_server_fault(e: &Error) -> bool {
    status_of(e).is_server_error()
}

pub type PageResult = Result<Response, PageError>;

/// A time as the pages show it: to the minute, in UTC.
pub fn when(t: Option<Timestamp>) -> String {
    match t {
        Some(t) => t.strftime("%Y-%m-%d %H:%M UTC").to_string(),
        None => "never".to_owned(),
    }
}
