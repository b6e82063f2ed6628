//! Comparing environments: a grid of secrets x keys x environments, each cell missing, same
//! or different, computed on the server from keyed digests of the values, so nothing is
//! revealed to compare (and comparing is not a use of a secret).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use askama::Template;
use axum::extract::{RawQuery, State};

use super::Dash;
use super::page::{self, Chrome, PageResult};
use super::secrets::{env_for, environments};
use super::session::Who;
use crate::api::Action;
use crate::model::{EnvName, SecretName};

/// Secrets compared at most (by name, after the prefix filter).
const MAX_SECRETS: u32 = 100;

pub struct GridRow {
    pub secret: String,
    pub key: String,
    /// One per chosen environment: `missing`, `same` or `different`.
    pub cells: Vec<&'static str>,
}

#[derive(Template)]
#[template(path = "dashboard/compare.html")]
struct ComparePage {
    c: Chrome,
    all: Vec<(String, bool)>,
    chosen: Vec<String>,
    q: String,
    rows: Vec<GridRow>,
    truncated: bool,
}

type Digests = BTreeMap<String, Vec<u8>>;

pub async fn page(State(dash): State<Arc<Dash>>, who: Who, RawQuery(raw): RawQuery) -> PageResult {
    let mut chosen = Vec::new();
    let mut q = String::new();
    for (k, v) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
        match k.as_ref() {
            "env" if !chosen.contains(&v.to_string()) => chosen.push(v.into_owned()),
            "q" => q = v.trim().to_owned(),
            _ => {}
        }
    }
    let envs = environments(&dash, &who).await?;
    let mut names = BTreeSet::new();
    let mut found: Vec<BTreeMap<String, Digests>> = Vec::new();
    let mut truncated = false;
    let mut parsed = Vec::new();
    for env in &chosen {
        parsed.push(env_for(&dash, &who, env, Action::SecretList, None).await?);
    }
    for env in &parsed {
        let page = dash
            .app
            .service
            .list_by_prefix(env, &q, "", MAX_SECRETS)
            .await?;
        truncated |= page.next.is_some();
        names.extend(page.secrets.into_iter().map(|s| s.name));
    }
    let names: Vec<String> = names.into_iter().take(MAX_SECRETS as usize).collect();
    for env in &parsed {
        found.push(digests_of(&dash, env, &names).await?);
    }
    for env in &parsed {
        who.audit(&dash, Action::SecretList, Some(env.as_str()), None)
            .await?;
    }
    let rows = grid(&names, &found);
    let all = envs
        .iter()
        .map(|e| (e.clone(), chosen.contains(e)))
        .collect();
    let current = chosen.first().or(envs.first()).cloned().unwrap_or_default();
    Ok(page::ok(&ComparePage {
        c: Chrome::for_who(&who, envs, &current),
        all,
        chosen,
        q,
        rows,
        truncated,
    }))
}

async fn digests_of(
    dash: &Dash,
    env: &EnvName,
    names: &[String],
) -> Result<BTreeMap<String, Digests>, super::page::PageError> {
    let mut out = BTreeMap::new();
    for name in names {
        let parsed = SecretName::parse(name)?;
        if let Some(d) = dash.app.service.value_digests(env, &parsed).await? {
            out.insert(name.clone(), d);
        }
    }
    Ok(out)
}

/// One row per (secret, key) found in any environment; a present cell is `same` when every
/// environment that has the key holds the same value, else `different`.
fn grid(names: &[String], found: &[BTreeMap<String, Digests>]) -> Vec<GridRow> {
    let mut rows = Vec::new();
    for name in names {
        let keys: BTreeSet<&String> = found
            .iter()
            .filter_map(|f| f.get(name))
            .flat_map(|d| d.keys())
            .collect();
        for key in keys {
            let values: Vec<Option<&Vec<u8>>> = found
                .iter()
                .map(|f| f.get(name).and_then(|d| d.get(key)))
                .collect();
            let first = values.iter().flatten().next();
            let all_same = values.iter().flatten().all(|v| Some(v) == first);
            let cells = values
                .iter()
                .map(|v| match v {
                    None => "missing",
                    Some(_) if all_same => "same",
                    Some(_) => "different",
                })
                .collect();
            rows.push(GridRow {
                secret: name.clone(),
                key: key.clone(),
                cells,
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_missing_same_or_different() {
        let d = |pairs: &[(&str, u8)]| -> BTreeMap<String, Digests> {
            let digests = pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), vec![*v]))
                .collect();
            BTreeMap::from([("db".to_owned(), digests)])
        };
        let found = [d(&[("A", 1), ("B", 2)]), d(&[("A", 1), ("B", 3), ("C", 4)])];
        let rows = grid(&["db".to_owned()], &found);
        let cells: Vec<(&str, Vec<&str>)> = rows
            .iter()
            .map(|r| (r.key.as_str(), r.cells.clone()))
            .collect();
        assert_eq!(
            cells,
            [
                ("A", vec!["same", "same"]),
                ("B", vec!["different", "different"]),
                ("C", vec!["missing", "same"]),
            ]
        );
    }
}
