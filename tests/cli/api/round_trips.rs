//! What the API stores and gives back: create, conflicts, show, required keys, reveal and
//! delete; the listing's pages; and creates of one name racing each other.

use std::collections::BTreeSet;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::{SECRETS, as_str, assert_error, body, start, timestamp};
use crate::support::{Api, Reply, runtime, send};

#[test]
fn create_conflict_show_require_reveal_and_delete_round_trip() {
    let (_server, api) = start();
    runtime().block_on(async {
        // Create.
        let reply = api.create("main", body("db", &[("USER", "alice"), ("PASS", "s3cret")])).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{reply:?}");
        let created = reply.json("create");
        assert_eq!(created["created"], true, "{created}");
        assert_eq!(created["replaced"], false, "{created}");
        let secret = &created["secret"];
        let id = as_str(&secret["id"], "id").to_owned();
        assert!(id.starts_with("st-"), "{secret}");
        assert_eq!(secret["name"], "db");
        assert_eq!(secret["environment"], "main");
        assert_eq!(secret["created_by"], "admin");
        assert_eq!(secret["keys"], json!(["PASS", "USER"]));
        assert!(secret["last_used_at"].is_null(), "{secret}");
        assert!(secret.get("values").is_none(), "{secret}");
        let created_at = timestamp(&secret["created_at"], "created_at");
        assert_eq!(timestamp(&secret["updated_at"], "updated_at"), created_at);

        // Again: a conflict, and nothing changes.
        let reply = api.create("main", body("db", &[("OTHER", "x")])).await;
        assert_error("second create", &reply, StatusCode::CONFLICT, "already_exists");
        let reply = api
            .create("main", json!({ "name": "db", "values": { "OTHER": "x" }, "on_conflict": "fail" }))
            .await;
        assert_error("create with on_conflict=fail", &reply, StatusCode::CONFLICT, "already_exists");

        // allow_existing keeps the existing secret.
        let reply = api
            .create("main", json!({ "name": "db", "values": { "OTHER": "x" }, "on_conflict": "allow_existing" }))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
        let kept = reply.json("allow_existing");
        assert_eq!(kept["created"], false, "{kept}");
        assert_eq!(kept["replaced"], false, "{kept}");
        assert_eq!(kept["secret"]["id"], id.as_str());
        assert_eq!(kept["secret"]["keys"], json!(["PASS", "USER"]));

        // Metadata without values and without counting as a use.
        let reply = api.show("main", "db", "").await;
        assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
        let shown = reply.json("show");
        assert!(shown.get("values").is_none(), "{shown}");
        assert!(shown["last_used_at"].is_null(), "{shown}");
        let reply = api.show("main", "db", "?reveal=false").await;
        assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
        assert!(reply.json("show")["last_used_at"].is_null(), "{reply:?}");

        // Reveal: the original values, and a use.
        let reply = api.show("main", "db", "?reveal=true").await;
        assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
        let revealed = reply.json("reveal");
        assert_eq!(revealed["values"], json!({ "USER": "alice", "PASS": "s3cret" }));
        assert_eq!(revealed["id"], id.as_str());
        let first_use = timestamp(&revealed["last_used_at"], "last_used_at");
        assert!(first_use >= created_at, "{revealed}");
        let reply = api.show("main", "db", "").await;
        assert_eq!(
            timestamp(&reply.json("show")["last_used_at"], "last_used_at"),
            first_use,
            "the use was not stored: {reply:?}"
        );
        let reply = api.show("main", "db", "?reveal=1").await;
        assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
        let second_use = timestamp(&reply.json("reveal")["last_used_at"], "last_used_at");
        assert!(second_use >= first_use, "{reply:?}");

        // Required keys: present ones pass, missing ones are listed exactly, in order, once.
        for query in ["?require=USER", "?require=USER&require=PASS", "?reveal=true&require=PASS"] {
            let reply = api.show("main", "db", query).await;
            assert_eq!(reply.status, StatusCode::OK, "{query}: {reply:?}");
        }
        let reply = api
            .show("main", "db", "?require=USER&require=HOST&require=PASS&require=PORT&require=HOST")
            .await;
        assert_error("show with missing keys", &reply, StatusCode::UNPROCESSABLE_ENTITY, "missing_keys");
        assert_eq!(reply.json("missing")["error"]["keys"], json!(["HOST", "PORT"]), "{reply:?}");
        let reply = api.show("main", "db", "?reveal=true&require=HOST").await;
        assert_error("reveal with a missing key", &reply, StatusCode::UNPROCESSABLE_ENTITY, "missing_keys");
        assert_eq!(reply.json("missing")["error"]["keys"], json!(["HOST"]), "{reply:?}");
        assert!(!reply.text.contains("alice") && !reply.text.contains("s3cret"), "{reply:?}");
        let reply = api.show("main", "db", "?require=user").await;
        assert_eq!(reply.json("missing")["error"]["keys"], json!(["user"]), "keys are case-sensitive: {reply:?}");
        let reply = api.show("main", "db", "?require=A%26B&require=%C3%A9").await;
        assert_eq!(reply.json("missing")["error"]["keys"], json!(["A&B", "\u{e9}"]), "{reply:?}");

        // force replaces the values in place.
        let reply = api
            .create("main", json!({ "name": "db", "values": { "URL": "postgres://x" }, "on_conflict": "force" }))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
        let forced = reply.json("force");
        assert_eq!(forced["created"], false, "{forced}");
        assert_eq!(forced["replaced"], true, "{forced}");
        assert_eq!(forced["secret"]["id"], id.as_str());
        assert_eq!(forced["secret"]["keys"], json!(["URL"]));
        assert_eq!(timestamp(&forced["secret"]["created_at"], "created_at"), created_at);
        assert!(timestamp(&forced["secret"]["updated_at"], "updated_at") >= created_at);
        let reply = api.show("main", "db", "?reveal=true").await;
        assert_eq!(reply.json("reveal")["values"], json!({ "URL": "postgres://x" }), "{reply:?}");
        let reply = api.show("main", "db", "?require=USER").await;
        assert_error("old key after force", &reply, StatusCode::UNPROCESSABLE_ENTITY, "missing_keys");

        // Environments are separate namespaces (created before use: issue #12).
        api.create_environment("staging").await;
        let reply = api.show("staging", "db", "").await;
        assert_error("show in another environment", &reply, StatusCode::NOT_FOUND, "not_found");
        let reply = api.create("staging", body("db", &[("K", "staging")])).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{reply:?}");
        assert_ne!(reply.json("create")["secret"]["id"], id.as_str());

        // Delete, then it is gone.
        let reply = api.delete("main", "db").await;
        assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
        let deleted = reply.json("delete");
        assert_eq!(deleted["deleted"], true, "{deleted}");
        assert_eq!(deleted["name"], "db", "{deleted}");
        assert_eq!(deleted["environment"], "main", "{deleted}");
        let reply = api.delete("main", "db").await;
        assert_error("second delete", &reply, StatusCode::NOT_FOUND, "not_found");
        let reply = api.show("main", "db", "?reveal=true").await;
        assert_error("show after delete", &reply, StatusCode::NOT_FOUND, "not_found");
        let reply = api.show("staging", "db", "?reveal=true").await;
        assert_eq!(reply.json("staging")["values"], json!({ "K": "staging" }), "{reply:?}");

        // The name is free again: a fresh secret with a new id.
        let reply = api.create("main", body("db", &[("K", "new")])).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{reply:?}");
        assert_ne!(reply.json("create")["secret"]["id"], id.as_str());
    });
}

#[test]
fn listing_pages_through_every_secret_once_newest_first() {
    let (_server, api) = start();
    runtime().block_on(async {
        let names: Vec<String> = (0..25).map(|i| format!("s{i:02}")).collect();
        // Environments are created before use (issue #12).
        api.create_environment("paged").await;
        api.create_environment("other").await;
        for name in &names {
            let reply = api.create("paged", body(name, &[("K", name)])).await;
            assert_eq!(reply.status, StatusCode::CREATED, "{reply:?}");
        }
        let reply = api.create("other", body("elsewhere", &[("K", "v")])).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{reply:?}");

        let list = |query: Vec<(&'static str, String)>| {
            let encoded = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&query)
                .finish();
            let req = api.req(
                Method::GET,
                &format!("/v1/environments/paged/secrets?{encoded}"),
            );
            async move {
                let reply = send(req).await;
                assert_eq!(reply.status, StatusCode::OK, "list {query:?}: {reply:?}");
                let page = reply.json("list");
                let fields: BTreeSet<&str> = page
                    .as_object()
                    .expect("page object")
                    .keys()
                    .map(String::as_str)
                    .collect();
                assert_eq!(fields, BTreeSet::from(["next_cursor", "secrets"]), "{page}");
                page
            }
        };

        let mut seen: Vec<Value> = Vec::new();
        let mut cursor: Option<String> = None;
        let mut sizes = Vec::new();
        loop {
            let mut query = vec![("limit", "10".to_owned())];
            if let Some(c) = &cursor {
                query.push(("cursor", c.clone()));
            }
            let page = list(query).await;
            let secrets = page["secrets"].as_array().expect("secrets array");
            sizes.push(secrets.len());
            seen.extend(secrets.iter().cloned());
            match &page["next_cursor"] {
                Value::Null => break,
                Value::String(c) => cursor = Some(c.clone()),
                other => panic!("next_cursor is neither a string nor null: {other}"),
            }
            assert!(sizes.len() <= 3, "too many pages: {sizes:?}");
        }
        assert_eq!(sizes, [10, 10, 5]);
        let listed: Vec<&str> = seen.iter().map(|s| as_str(&s["name"], "name")).collect();
        let newest_first: Vec<&str> = names.iter().rev().map(String::as_str).collect();
        assert_eq!(listed, newest_first, "every secret once, newest first");
        let times: Vec<jiff::Timestamp> = seen
            .iter()
            .map(|s| timestamp(&s["created_at"], "created_at"))
            .collect();
        assert!(
            times.windows(2).all(|w| w[0] >= w[1]),
            "not newest first: {times:?}"
        );
        for s in &seen {
            assert_eq!(s["environment"], "paged", "{s}");
            assert_eq!(s["keys"], json!(["K"]), "{s}");
            assert!(s.get("values").is_none(), "a listing showed values: {s}");
        }

        // One page holding everything has no cursor; so has a page that ends exactly at the end.
        let page = list(vec![("limit", "25".to_owned())]).await;
        assert_eq!(page["secrets"].as_array().map(Vec::len), Some(25));
        assert!(page["next_cursor"].is_null(), "{page}");
        let page = list(vec![]).await;
        assert_eq!(page["secrets"].as_array().map(Vec::len), Some(25));
        assert!(page["next_cursor"].is_null(), "{page}");
        let page = list(vec![("limit", "24".to_owned())]).await;
        let last = page["next_cursor"]
            .as_str()
            .expect("a cursor after 24 of 25")
            .to_owned();
        let page = list(vec![("limit", "24".to_owned()), ("cursor", last)]).await;
        assert_eq!(page["secrets"][0]["name"], "s00", "{page}");
        assert_eq!(page["secrets"].as_array().map(Vec::len), Some(1));
        assert!(page["next_cursor"].is_null(), "{page}");

        // created_before keeps strictly older secrets, and pages the same way.
        let cutoff = seen[10]["created_at"]
            .as_str()
            .expect("created_at")
            .to_owned();
        let page = list(vec![
            ("created_before", cutoff.clone()),
            ("limit", "100".to_owned()),
        ])
        .await;
        let older: Vec<&str> = page["secrets"]
            .as_array()
            .expect("secrets")
            .iter()
            .map(|s| as_str(&s["name"], "name"))
            .collect();
        assert_eq!(older, newest_first[11..], "created_before={cutoff}: {page}");

        // Deleting a secret between pages does not duplicate or skip the others.
        let first = list(vec![("limit", "10".to_owned())]).await;
        let next = first["next_cursor"].as_str().expect("cursor").to_owned();
        let reply = api.delete("paged", "s14").await;
        assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
        let second = list(vec![("limit", "10".to_owned()), ("cursor", next)]).await;
        let second: Vec<&str> = second["secrets"]
            .as_array()
            .expect("secrets")
            .iter()
            .map(|s| as_str(&s["name"], "name"))
            .collect();
        assert_eq!(second, newest_first[11..21], "after deleting s14");
    });
}

// Creates of one name racing each other.

/// Sends `n` creates of one name at once, each with its own value; returns (index, reply).
async fn race(api: &Api, n: usize, name: &str, on_conflict: &str) -> Vec<(usize, Reply)> {
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..n {
        let req = api.req(Method::POST, SECRETS).json(&json!({
            "name": name,
            "values": { "K": format!("writer-{i}") },
            "on_conflict": on_conflict,
        }));
        tasks.spawn(async move { (i, send(req).await) });
    }
    let mut replies = Vec::new();
    while let Some(done) = tasks.join_next().await {
        replies.push(done.expect("a create task"));
    }
    replies
}

#[test]
fn concurrent_creates_of_one_name_have_exactly_one_winner() {
    let (_server, api) = start();
    runtime().block_on(async {
        for round in 0..3 {
            let name = format!("raced-{round}");
            let replies = race(&api, 16, &name, "fail").await;
            let winners: Vec<usize> = replies
                .iter()
                .filter(|(_, r)| r.status == StatusCode::CREATED)
                .map(|(i, _)| *i)
                .collect();
            assert_eq!(winners.len(), 1, "round {round}: {replies:#?}");
            for (i, reply) in &replies {
                if *i != winners[0] {
                    assert_error(
                        &format!("round {round}, writer {i}"),
                        reply,
                        StatusCode::CONFLICT,
                        "already_exists",
                    );
                }
            }
            let reply = api.show("main", &name, "?reveal=true").await;
            assert_eq!(
                reply.json("reveal")["values"],
                json!({ "K": format!("writer-{}", winners[0]) }),
                "the stored value is not the winner's"
            );
        }

        // allow_existing: one creates, everyone else is told about the same secret.
        let replies = race(&api, 16, "raced-allow", "allow_existing").await;
        let created: Vec<&Reply> = replies
            .iter()
            .map(|(_, r)| r)
            .filter(|r| r.status == StatusCode::CREATED)
            .collect();
        assert_eq!(created.len(), 1, "{replies:#?}");
        let id = created[0].json("winner")["secret"]["id"].clone();
        for (i, reply) in &replies {
            assert!(
                reply.status == StatusCode::CREATED || reply.status == StatusCode::OK,
                "writer {i}: {reply:?}"
            );
            let outcome = reply.json("allow_existing");
            assert_eq!(outcome["secret"]["id"], id, "writer {i}: {outcome}");
            assert_eq!(outcome["replaced"], false, "writer {i}: {outcome}");
            assert_eq!(
                outcome["created"],
                reply.status == StatusCode::CREATED,
                "{outcome}"
            );
        }

        // force: every writer succeeds, one of them creates, and the result is one writer's.
        let replies = race(&api, 16, "raced-force", "force").await;
        let mut created = 0;
        for (i, reply) in &replies {
            assert!(
                reply.status == StatusCode::CREATED || reply.status == StatusCode::OK,
                "writer {i}: {reply:?}"
            );
            let outcome = reply.json("force");
            created += usize::from(outcome["created"] == true);
            assert_eq!(
                outcome["created"],
                !outcome["replaced"].as_bool().expect("replaced")
            );
        }
        assert_eq!(created, 1, "{replies:#?}");
        let reply = api.show("main", "raced-force", "?reveal=true").await;
        let value = as_str(&reply.json("reveal")["values"]["K"], "K").to_owned();
        assert!(value.starts_with("writer-"), "{value}");

        let list = send(api.req(Method::GET, SECRETS)).await;
        let count = list.json("list")["secrets"].as_array().map(Vec::len);
        assert_eq!(count, Some(5), "one secret per raced name: {list:?}");
    });
}
