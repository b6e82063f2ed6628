//! Creating a secret from a form of keys and values, or from a pasted `.env`: the paste is
//! read by keep's own dotenv parser (that of `import-dotenv`), and a preview shows, line by
//! line, what it read and, for an existing secret, what would be added, changed and removed.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};

use super::Dash;
use super::page::{self, Chrome, PageError, PageResult};
use super::secrets::{env_for, environments, seg};
use super::session::{Posted, Who};
use crate::api::Action;
use crate::dotenv;
use crate::error::Error;
use crate::model::{self, EnvName, OnConflict, SecretData, SecretName, SecretValue};

/// Empty key/value rows the form offers.
const FORM_ROWS: usize = 5;

pub struct PreviewLine {
    pub key: String,
    /// Where the key is set in the text; several lines for a duplicate (the last one wins).
    pub lines: String,
    pub duplicate: bool,
    /// `new`, `added`, `changed` or `unchanged`.
    pub change: &'static str,
    pub bytes: usize,
    pub value: Option<String>,
}

#[derive(Template)]
#[template(path = "dashboard/create.html")]
struct CreatePage {
    c: Chrome,
    env: String,
    name: String,
    rows: usize,
    dotenv: String,
    preview: Option<Vec<PreviewLine>>,
    removed: Vec<String>,
    exists: bool,
    replace: bool,
    show_values: bool,
    error: Option<String>,
}

fn blank(who: &Who, envs: Vec<String>, env: &EnvName) -> CreatePage {
    CreatePage {
        c: Chrome::for_who(who, envs, env.as_str()),
        env: env.to_string(),
        name: String::new(),
        rows: FORM_ROWS,
        dotenv: String::new(),
        preview: None,
        removed: Vec::new(),
        exists: false,
        replace: false,
        show_values: false,
        error: None,
    }
}

pub async fn form(State(dash): State<Arc<Dash>>, who: Who, Path(env): Path<String>) -> PageResult {
    let env = env_for(&dash, &who, &env, Action::SecretCreate, None).await?;
    let envs = environments(&dash, &who).await?;
    Ok(page::ok(&blank(&who, envs, &env)))
}

/// For each key, the lines of `text` that set it (`KEY=`, `export KEY=`, or a bare `KEY`),
/// 1-based: one pass over the text, whatever the number of keys.
fn lines_setting(text: &str) -> std::collections::HashMap<&str, Vec<usize>> {
    let mut at: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let l = line.trim_start();
        let l = l.strip_prefix("export ").map_or(l, str::trim_start);
        let key = l.split(['=', '#']).next().unwrap_or_default().trim_end();
        if !key.is_empty() {
            at.entry(key).or_default().push(i + 1);
        }
    }
    at
}

/// Reads a pasted `.env`. `${VAR}` refers to keys earlier in the text only: the server's own
/// environment is nobody's business.
fn parse_paste(text: &str) -> Result<SecretData, PageError> {
    let pairs = dotenv::parse(text, &|_| None).map_err(|e| {
        PageError::from(Error::invalid_with_hint(
            format!("the pasted text cannot be read: {e}"),
            "fix that line and preview again",
        ))
    })?;
    Ok(pairs
        .into_iter()
        .map(|(k, v)| (k, SecretValue::new(v)))
        .collect())
}

async fn preview(
    dash: &Dash,
    who: &Who,
    env: &EnvName,
    name: &SecretName,
    text: &str,
    data: &SecretData,
    show_values: bool,
) -> Result<(Vec<PreviewLine>, Vec<String>, bool), PageError> {
    let service = &dash.app.service;
    // Refuse what could not be saved before working on it: the limits bound the work.
    model::validate_data(data)?;
    let existing = service.value_digests(env, name).await?;
    if existing.is_some() {
        // Marking keys `changed` or `unchanged` tells something about the stored values.
        who.audit(
            dash,
            Action::SecretReveal,
            Some(env.as_str()),
            Some(name.as_str()),
        )
        .await?;
    }
    let setting = lines_setting(text);
    let mut lines = Vec::new();
    for (key, value) in data {
        let at = setting.get(key.as_str()).cloned().unwrap_or_default();
        let change = match &existing {
            None => "new",
            Some(old) => match old.get(key) {
                None => "added",
                Some(d) if *d == service.value_digest(key, value.expose()) => "unchanged",
                Some(_) => "changed",
            },
        };
        lines.push(PreviewLine {
            key: key.clone(),
            duplicate: at.len() > 1,
            lines: at
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            change,
            bytes: value.expose().len(),
            value: show_values.then(|| value.expose().to_owned()),
        });
    }
    lines.sort_by_key(|l| {
        l.lines
            .split(',')
            .next()
            .and_then(|n| n.parse::<usize>().ok())
    });
    let removed = existing
        .as_ref()
        .map(|old| {
            old.keys()
                .filter(|k| !data.contains_key(*k))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    Ok((lines, removed, existing.is_some()))
}

/// The key/value rows of the form.
fn form_data(posted: &Posted) -> Result<SecretData, PageError> {
    let values: Vec<&str> = posted.form.all("value").collect();
    let mut data = SecretData::new();
    for (i, key) in posted.form.all("key").enumerate() {
        let key = key.trim();
        let value = values.get(i).copied().unwrap_or_default();
        if key.is_empty() && value.is_empty() {
            continue;
        }
        model::check_key(key)?;
        data.insert(key.to_owned(), SecretValue::new(value.to_owned()));
    }
    Ok(data)
}

pub async fn submit(
    State(dash): State<Arc<Dash>>,
    Path(env): Path<String>,
    posted: Posted,
) -> PageResult {
    let answer = submit_page(&dash, &env, &posted).await;
    let name = posted.form.get("name").map(str::trim);
    (posted.who)
        .audit_refusal(
            &dash,
            Action::SecretCreate,
            Some(env.as_str()),
            name,
            answer,
        )
        .await
}

async fn submit_page(dash: &Arc<Dash>, env: &str, posted: &Posted) -> PageResult {
    let who = &posted.who;
    let env = env_for(dash, who, env, Action::SecretCreate, None).await?;
    let form = &posted.form;
    let raw_name = form.get("name").unwrap_or_default().trim().to_owned();
    let text = form.get("dotenv").unwrap_or_default().to_owned();
    let pasted = form.get("source") == Some("paste");
    let replace = form.checked("replace");
    let envs = environments(dash, who).await?;
    let mut page = blank(who, envs, &env);
    page.name = raw_name.clone();
    page.replace = replace;
    page.show_values = form.checked("show_values");
    let name = SecretName::parse(&raw_name)?;
    if pasted {
        page.dotenv = text.clone();
        let data = match parse_paste(&text) {
            Ok(data) => data,
            Err(e) => {
                page.error = Some(e.message);
                return Ok(page::render(StatusCode::BAD_REQUEST, &page));
            }
        };
        if form.get("action") != Some("save") {
            let (lines, removed, exists) =
                preview(dash, who, &env, &name, &text, &data, page.show_values).await?;
            page.preview = Some(lines);
            page.removed = removed;
            page.exists = exists;
            return Ok(page::ok(&page));
        }
        return save(dash, who, &env, &name, &data, replace).await;
    }
    let data = form_data(posted)?;
    save(dash, who, &env, &name, &data, replace).await
}

async fn save(
    dash: &Dash,
    who: &Who,
    env: &EnvName,
    name: &SecretName,
    data: &SecretData,
    replace: bool,
) -> PageResult {
    let on_conflict = if replace {
        OnConflict::Force
    } else {
        OnConflict::Fail
    };
    let outcome = dash
        .app
        .service
        .create(env, name, data, on_conflict, &who.actor)
        .await;
    match outcome {
        Ok(_) => Ok(Redirect::to(&format!(
            "/ui/env/{}/s/{}?done=created",
            seg(env.as_str()),
            seg(name.as_str())
        ))
        .into_response()),
        Err(Error::AlreadyExists { .. }) => Err(PageError {
            status: StatusCode::CONFLICT,
            message: format!("`{name}` already exists in `{env}`"),
            hint: Some(
                "preview the paste to see what would change, then tick \u{201c}replace\u{201d}; \
                 or edit the secret"
                    .to_owned(),
            ),
        }),
        Err(e) => Err(e.into()),
    }
}
