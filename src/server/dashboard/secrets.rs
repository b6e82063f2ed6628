//! The secrets of an environment: the list (filtered by a name's prefix, paged), and a
//! secret's page (values masked; revealed by a POST that is audited; edited as one update).

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::Dash;
use super::page::{self, Chrome, PageError, PageResult, when};
use super::session::{Posted, Who};
use crate::api::{Action, ShowQuery};
use crate::error::Error;
use crate::model::{self, Access, EnvName, SecretData, SecretName, SecretValue};

/// Secrets per page of the list.
const PAGE: u32 = 50;

/// The environments `who` may use, sorted.
pub async fn environments(dash: &Dash, who: &Who) -> Result<Vec<String>, PageError> {
    let mut envs = dash.app.service.environments().await?;
    if let Some(allowed) = &who.caller.scope.environments {
        envs.retain(|e| allowed.contains(e));
    }
    Ok(envs)
}

/// What an action needs of the token's scope.
fn access_of(action: Action) -> Access {
    match action {
        Action::SecretCreate | Action::SecretUpdate | Action::SecretDelete => Access::Write,
        _ => Access::Read,
    }
}

/// A path's environment, checked against the caller's scope for `action`; a refusal is
/// recorded in the audit log as `forbidden`, as the API's gate records it.
pub async fn env_for(
    dash: &Dash,
    who: &Who,
    env: &str,
    action: Action,
    target: Option<&str>,
) -> Result<EnvName, PageError> {
    let env = EnvName::parse(env)?;
    if let Err(e) = who.caller.check(env.as_str(), access_of(action)) {
        who.audit_outcome(dash, action, Some(env.as_str()), target, "forbidden")
            .await?;
        return Err(PageError {
            status: e.status,
            message: e.message,
            hint: e.hint,
        });
    }
    Ok(env)
}

/// `a path segment` encoded for a URL (names are plain, but never trust that twice).
pub fn seg(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

pub async fn home(State(dash): State<Arc<Dash>>, who: Who) -> PageResult {
    let envs = environments(&dash, &who).await?;
    let env = if envs.iter().any(|e| e == crate::service::MAIN) {
        crate::service::MAIN.to_owned()
    } else {
        envs.first().cloned().ok_or_else(|| {
            PageError::new(StatusCode::FORBIDDEN, "this token may use no environment")
        })?
    };
    Ok(Redirect::to(&format!("/ui/env/{}", seg(&env))).into_response())
}

#[derive(Deserialize)]
pub struct Go {
    env: String,
}

/// The environment switcher's form (a GET, so it works without script).
pub async fn go(Query(go): Query<Go>) -> Response {
    Redirect::to(&format!("/ui/env/{}", seg(&go.env))).into_response()
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    after: String,
    done: Option<String>,
}

pub struct Row {
    pub name: String,
    pub keys: usize,
    pub created: String,
    pub created_by: String,
    pub updated: String,
    pub last_used: String,
}

#[derive(Template)]
#[template(path = "dashboard/list.html")]
struct ListPage {
    c: Chrome,
    env: String,
    q: String,
    rows: Vec<Row>,
    next: Option<String>,
    first_page: bool,
    can_write: bool,
}

pub async fn list(
    State(dash): State<Arc<Dash>>,
    who: Who,
    Path(env): Path<String>,
    Query(q): Query<ListQuery>,
) -> PageResult {
    let env = env_for(&dash, &who, &env, Action::SecretList, None).await?;
    let page = dash
        .app
        .service
        .list_by_prefix(&env, q.q.trim(), &q.after, PAGE)
        .await?;
    let rows = page
        .secrets
        .into_iter()
        .map(|s| Row {
            keys: s.keys.len(),
            created: when(Some(s.created_at)),
            created_by: s.created_by,
            updated: when(Some(s.updated_at)),
            last_used: when(s.last_used_at),
            name: s.name,
        })
        .collect();
    let next = page.next.map(|after| {
        format!(
            "/ui/env/{}?q={}&after={}",
            seg(env.as_str()),
            seg(q.q.trim()),
            seg(&after)
        )
    });
    let notice = q.done.map(|d| match d.as_str() {
        "deleted" => "The secret was deleted.".to_owned(),
        _ => "Done.".to_owned(),
    });
    let envs = environments(&dash, &who).await?;
    who.audit(&dash, Action::SecretList, Some(env.as_str()), None)
        .await?;
    let page = ListPage {
        c: Chrome::for_who(&who, envs, env.as_str()).notice(notice),
        env: env.to_string(),
        q: q.q.trim().to_owned(),
        rows,
        next,
        first_page: q.after.is_empty(),
        can_write: !who.caller.scope.read_only,
    };
    Ok(page::ok(&page))
}

pub struct KeyLine {
    pub key: String,
    pub value: Option<String>,
}

#[derive(Template)]
#[template(path = "dashboard/secret.html")]
struct SecretPage {
    c: Chrome,
    env: String,
    name: String,
    id: String,
    keys: Vec<KeyLine>,
    created: String,
    created_by: String,
    updated: String,
    last_used: String,
    require: String,
    missing: Vec<String>,
    required_checked: bool,
    revealed: bool,
    reveal_seconds: u32,
    can_write: bool,
    error: Option<String>,
    /// The newest versions: number, when, by whom, the kind of write and the keys it changed.
    history: Vec<[String; 5]>,
    /// Why the history could not be shown (a damaged version), if it could not.
    history_error: Option<String>,
}

/// How many versions a secret's page lists; `keep history` lists more.
const HISTORY_SHOWN: u32 = 10;

/// Renders a secret's page; `values` are shown (the answer to a reveal), else all masked.
async fn secret_page(
    dash: &Dash,
    who: &Who,
    env: &EnvName,
    name: &SecretName,
    require: &[String],
    values: Option<&SecretData>,
) -> Result<SecretPage, PageError> {
    let shown = dash
        .app
        .service
        .show(env, name, &ShowQuery::default())
        .await?;
    let info = shown.info;
    let missing = model::missing_keys(&info.keys, require);
    let keys = info
        .keys
        .iter()
        .map(|k| KeyLine {
            key: k.clone(),
            value: values.and_then(|v| v.get(k)).map(|v| v.expose().to_owned()),
        })
        .collect();
    let envs = environments(dash, who).await?;
    // A damaged version must not hide the current values' page: it is named instead.
    let (history, history_error) = match dash.app.service.history(env, name, HISTORY_SHOWN).await {
        Ok(h) => (
            h.versions
                .iter()
                .map(|v| {
                    [
                        v.version.to_string(),
                        when(Some(v.created_at)),
                        v.created_by.clone(),
                        v.action.clone(),
                        v.summary(),
                    ]
                })
                .collect(),
            None,
        ),
        Err(e) if !page::is_server_fault(&e) || matches!(e, Error::Integrity(_)) => {
            (Vec::new(), Some(e.to_string()))
        }
        Err(e) => return Err(e.into()),
    };
    Ok(SecretPage {
        c: Chrome::for_who(who, envs, env.as_str()),
        env: env.to_string(),
        name: name.to_string(),
        id: info.id,
        keys,
        created: when(Some(info.created_at)),
        created_by: info.created_by,
        updated: when(Some(info.updated_at)),
        last_used: when(info.last_used_at),
        require: require.join(","),
        missing,
        required_checked: !require.is_empty(),
        revealed: values.is_some(),
        reveal_seconds: dash.reveal_seconds,
        can_write: !who.caller.scope.read_only,
        error: None,
        history,
        history_error,
    })
}

pub async fn env_and_name(
    dash: &Dash,
    who: &Who,
    env: &str,
    name: &str,
    action: Action,
) -> Result<(EnvName, SecretName), PageError> {
    let name = SecretName::parse(name)?;
    let env = env_for(dash, who, env, action, Some(name.as_str())).await?;
    Ok((env, name))
}

pub async fn show(
    State(dash): State<Arc<Dash>>,
    who: Who,
    Path((env, name)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> PageResult {
    let (env, name) = env_and_name(&dash, &who, &env, &name, Action::SecretRead).await?;
    let mut require = Vec::new();
    let mut done = None;
    for (k, v) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
        match k.as_ref() {
            "require" => require.extend(
                v.split([',', ' '])
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned),
            ),
            "done" => done = Some(v.into_owned()),
            _ => {}
        }
    }
    let mut page = secret_page(&dash, &who, &env, &name, &require, None).await?;
    who.audit(
        &dash,
        Action::SecretRead,
        Some(env.as_str()),
        Some(name.as_str()),
    )
    .await?;
    page.c.notice = done.map(|d| match d.as_str() {
        "saved" => "Saved.".to_owned(),
        "created" => "Created.".to_owned(),
        _ => "Done.".to_owned(),
    });
    Ok(page::ok(&page))
}

/// Records a reveal in the audit log before any value leaves (the API's gate does the same
/// for `GET ...?reveal=true`); the local dashboard keeps no audit log.
async fn audit_reveal(
    dash: &Dash,
    who: &Who,
    env: &EnvName,
    name: &SecretName,
) -> Result<(), PageError> {
    who.audit(
        dash,
        Action::SecretReveal,
        Some(env.as_str()),
        Some(name.as_str()),
    )
    .await
}

/// `POST .../reveal`: the page again with the values of one key (`key`) or all; with `copy`,
/// only that value as text, for the script's copy button (never shown on the page).
pub async fn reveal(
    State(dash): State<Arc<Dash>>,
    Path((env, name)): Path<(String, String)>,
    posted: Posted,
) -> PageResult {
    let who = &posted.who;
    let (env, name) = env_and_name(&dash, who, &env, &name, Action::SecretReveal).await?;
    let query = ShowQuery {
        reveal: true,
        require: Vec::new(),
    };
    // What does not exist is refused, and recorded so, before any reveal is: a reveal
    // recorded as `ok` is one that happened.
    let key = posted.form.get("key").filter(|k| !k.is_empty());
    let service = &dash.app.service;
    let refused = match service.show(&env, &name, &ShowQuery::default()).await {
        Err(e) => Some(e),
        Ok(info) => key
            .filter(|key| !info.info.keys.iter().any(|k| k == key))
            .map(|key| Error::invalid(format!("`{name}` has no key `{key}`"))),
    };
    if let Some(e) = refused {
        let outcome = if e.exit_code() == 3 {
            "not_found"
        } else {
            "invalid"
        };
        if matches!(e, Error::NotFound { .. } | Error::Invalid { .. }) {
            who.audit_outcome(
                &dash,
                Action::SecretReveal,
                Some(env.as_str()),
                Some(name.as_str()),
                outcome,
            )
            .await?;
        }
        return Err(e.into());
    }
    // The record is written first: a value that could not be audited is not shown.
    audit_reveal(&dash, who, &env, &name).await?;
    let shown = service.show(&env, &name, &query).await?;
    let mut values = shown.values.unwrap_or_default();
    if let Some(key) = key {
        values.retain(|k, _| k == key);
        if values.is_empty() {
            return Err(Error::invalid(format!("`{name}` has no key `{key}`")).into());
        }
    }
    if posted.form.checked("copy") {
        let text = values
            .values()
            .next()
            .map(|v| v.expose().to_owned())
            .unwrap_or_default();
        let mut r = text.into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        return Ok(r);
    }
    let page = secret_page(&dash, who, &env, &name, &[], Some(&values)).await?;
    Ok(page::ok(&page))
}

/// `POST .../edit`: every change of the form as one update. A blank value keeps the current
/// one; `unset` removes a key; `new_key`/`new_value` pairs add keys.
pub async fn edit(
    State(dash): State<Arc<Dash>>,
    Path((env, name)): Path<(String, String)>,
    posted: Posted,
) -> PageResult {
    let answer = edit_page(&dash, &env, &name, &posted).await;
    let (env, name) = (Some(env.as_str()), Some(name.as_str()));
    (posted.who)
        .audit_refusal(&dash, Action::SecretUpdate, env, name, answer)
        .await
}

async fn edit_page(dash: &Arc<Dash>, env: &str, name: &str, posted: &Posted) -> PageResult {
    let who = &posted.who;
    let (env, name) = env_and_name(dash, who, env, name, Action::SecretUpdate).await?;
    let form = &posted.form;
    let unset: Vec<String> = form.all("unset").map(str::to_owned).collect();
    let mut set = SecretData::new();
    for (k, v) in form.fields() {
        if let Some(key) = k.strip_prefix("set:") {
            if !v.is_empty() && !unset.iter().any(|u| u == key) {
                set.insert(key.to_owned(), SecretValue::new(v.clone()));
            }
        }
    }
    let new_values: Vec<&str> = form.all("new_value").collect();
    for (i, key) in form.all("new_key").enumerate() {
        let key = key.trim();
        let value = new_values.get(i).copied().unwrap_or_default();
        if key.is_empty() && value.is_empty() {
            continue;
        }
        model::check_key(key)?;
        set.insert(key.to_owned(), SecretValue::new(value.to_owned()));
    }
    for key in &unset {
        model::check_key(key)?;
    }
    if set.is_empty() && unset.is_empty() {
        return Err(Error::invalid_with_hint(
            "nothing to save: every value was left blank",
            "type a new value, tick a key to remove, or add a key",
        )
        .into());
    }
    dash.app
        .service
        .update(&env, &name, &set, &unset, None, &who.actor)
        .await?;
    Ok(Redirect::to(&format!(
        "/ui/env/{}/s/{}?done=saved",
        seg(env.as_str()),
        seg(name.as_str())
    ))
    .into_response())
}
