//! Deleting a secret: the page says what would go (its environment, its keys, when it was last
//! used and last revealed, and by which token) and asks for the secret's name to be typed.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};

use super::Dash;
use super::page::{self, Chrome, PageError, PageResult, when};
use super::secrets::{env_and_name, environments, seg};
use super::session::{Posted, Who};
use crate::api::{Action, ShowQuery};
use crate::model::{EnvName, SecretName};

#[derive(Template)]
#[template(path = "dashboard/delete.html")]
struct DeletePage {
    c: Chrome,
    env: String,
    name: String,
    keys: usize,
    last_used: String,
    last_reveal: Option<(String, String)>,
    error: Option<String>,
}

async fn delete_page_for(
    dash: &Dash,
    who: &Who,
    env: &EnvName,
    name: &SecretName,
) -> Result<DeletePage, PageError> {
    let shown = dash
        .app
        .service
        .show(env, name, &ShowQuery::default())
        .await?;
    let last_reveal = dash
        .app
        .service
        .last_reveal(env, name)
        .await?
        .map(|(at, by)| (when(Some(at)), by));
    let envs = environments(dash, who).await?;
    Ok(DeletePage {
        c: Chrome::for_who(who, envs, env.as_str()),
        env: env.to_string(),
        name: name.to_string(),
        keys: shown.info.keys.len(),
        last_used: when(shown.info.last_used_at),
        last_reveal,
        error: None,
    })
}

pub async fn page(
    State(dash): State<Arc<Dash>>,
    who: Who,
    Path((env, name)): Path<(String, String)>,
) -> PageResult {
    let (env, name) = env_and_name(&dash, &who, &env, &name, Action::SecretDelete).await?;
    let page = delete_page_for(&dash, &who, &env, &name).await?;
    who.audit(
        &dash,
        Action::SecretRead,
        Some(env.as_str()),
        Some(name.as_str()),
    )
    .await?;
    Ok(page::ok(&page))
}

pub async fn delete(
    State(dash): State<Arc<Dash>>,
    Path((env, name)): Path<(String, String)>,
    posted: Posted,
) -> PageResult {
    let answer = delete_secret(&dash, &env, &name, &posted).await;
    let (env, name) = (Some(env.as_str()), Some(name.as_str()));
    (posted.who)
        .audit_refusal(&dash, Action::SecretDelete, env, name, answer)
        .await
}

async fn delete_secret(dash: &Arc<Dash>, env: &str, name: &str, posted: &Posted) -> PageResult {
    let who = &posted.who;
    let (env, name) = env_and_name(dash, who, env, name, Action::SecretDelete).await?;
    if posted.form.get("confirm").map(str::trim) != Some(name.as_str()) {
        let mut page = delete_page_for(dash, who, &env, &name).await?;
        page.error = Some(format!("type the secret's name, `{name}`, to delete it"));
        return Ok(page::render(StatusCode::BAD_REQUEST, &page));
    }
    if !dash.app.service.delete(&env, &name, &who.actor).await? {
        return Err(dash
            .app
            .service
            .secret_not_found(&env, name.as_str())
            .await
            .into());
    }
    Ok(Redirect::to(&format!("/ui/env/{}?done=deleted", seg(env.as_str()))).into_response())
}
