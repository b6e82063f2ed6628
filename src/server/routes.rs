//! The route table: every endpoint of [`crate::api`] with its handler and its description.
//! The router, the audit gate (each route's action and scope) and the OpenAPI document are all
//! built from this one list.

use std::sync::Arc;

use axum::routing::{MethodFilter, MethodRouter, on};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{Value, json};

use super::{AppState, admin, environments, handlers, openapi, versions};
use crate::api::{self, Endpoint};

/// A schema, made by a generator (so that named types become `$ref`s to components).
pub type SchemaFn = fn(&mut SchemaGenerator) -> Schema;

/// `T`'s schema, as a reference to its component.
pub fn schema_of<T: JsonSchema>(g: &mut SchemaGenerator) -> Schema {
    g.subschema_for::<T>()
}

/// `T`'s own schema, inline (for query parameters).
pub fn inline<T: JsonSchema>(g: &mut SchemaGenerator) -> Schema {
    T::json_schema(g)
}

/// What an answer of an operation carries.
pub enum Answer {
    /// A JSON body of this schema.
    Body(&'static str, SchemaFn),
    /// One of the shared error responses of `openapi`, by name.
    Error(&'static str),
}

/// The description of one operation, for the OpenAPI document.
pub struct Doc {
    pub operation_id: &'static str,
    pub tag: &'static str,
    pub summary: &'static str,
    pub description: Option<&'static str>,
    /// The query parameters: the properties of this schema.
    pub query: Option<SchemaFn>,
    /// The request body's schema and an example of it.
    pub body: Option<(SchemaFn, fn() -> Value)>,
    /// Answers by status, besides those every operation of its scope shares.
    pub answers: Vec<(u16, Answer)>,
}

/// One route: an endpoint, its handler, its description.
pub struct Route {
    pub endpoint: &'static Endpoint,
    pub handler: MethodRouter<Arc<AppState>>,
    pub doc: Doc,
}

fn method(endpoint: &Endpoint) -> MethodFilter {
    // Every endpoint's method is one of the filters' (GET, POST, PATCH, DELETE).
    MethodFilter::try_from(endpoint.method.clone()).unwrap_or(MethodFilter::GET)
}

fn doc(operation_id: &'static str, tag: &'static str, summary: &'static str) -> Doc {
    Doc {
        operation_id,
        tag,
        summary,
        description: None,
        query: None,
        body: None,
        answers: Vec::new(),
    }
}

impl Doc {
    fn description(mut self, d: &'static str) -> Self {
        self.description = Some(d);
        self
    }
    fn query(mut self, q: SchemaFn) -> Self {
        self.query = Some(q);
        self
    }
    fn body(mut self, schema: SchemaFn, example: fn() -> Value) -> Self {
        self.body = Some((schema, example));
        self
    }
    fn ok(mut self, status: u16, description: &'static str, schema: SchemaFn) -> Self {
        self.answers
            .push((status, Answer::Body(description, schema)));
        self
    }
    fn error(mut self, status: u16, name: &'static str) -> Self {
        self.answers.push((status, Answer::Error(name)));
        self
    }
}

macro_rules! route {
    ($endpoint:expr, $handler:expr, $doc:expr) => {
        Route {
            endpoint: &$endpoint,
            handler: on(method(&$endpoint), $handler),
            doc: $doc,
        }
    };
}

/// Every route, in the order the document lists them.
pub fn routes() -> Vec<Route> {
    let mut routes = vec![
        route!(
            api::HEALTH,
            handlers::health,
            doc("health", "server", "Whether the server is up").ok(
                200,
                "The server is up.",
                schema_of::<api::Health>
            )
        ),
        route!(
            api::OPENAPI,
            openapi::serve,
            doc("openapi", "server", "This document").ok(
                200,
                "The OpenAPI description of this server's API.",
                openapi::document_schema
            )
        ),
        route!(
            api::WHOAMI,
            admin::whoami,
            doc(
                "whoami",
                "tokens",
                "The calling token's name and what it may do"
            )
            .ok(200, "The token's name and scope.", schema_of::<api::WhoAmI>)
        ),
    ];
    routes.extend(environment_routes());
    routes.extend(secret_routes());
    routes.extend(version_routes());
    routes.extend(admin_routes());
    routes
}

fn environment_routes() -> Vec<Route> {
    vec![
        route!(
            api::LIST_ENVIRONMENTS,
            environments::list,
            doc(
                "listEnvironments",
                "environments",
                "The environments that the token may use"
            )
            .description(
                "`main` always exists. A token limited to environments sees only those; no 403."
            )
            .ok(
                200,
                "Environment names, sorted.",
                schema_of::<api::Environments>
            )
        ),
        route!(
            api::CREATE_ENVIRONMENT,
            environments::create,
            doc("createEnvironment", "environments", "Create an environment")
                .description(
                    "Secrets can be created in an environment only once it exists; using one \
                     that does not is a 404 `environment_not_found` that suggests near names."
                )
                .body(
                    schema_of::<api::CreateEnvironment>,
                    || json!({ "name": "staging" })
                )
                .ok(
                    201,
                    "The environment was created.",
                    schema_of::<api::EnvironmentChange>
                )
                .error(400, "BadRequest")
                .error(409, "EnvironmentExists")
        ),
        route!(
            api::DELETE_ENVIRONMENT,
            environments::delete,
            doc(
                "deleteEnvironment",
                "environments",
                "Delete an environment, with its secrets if `force=true`"
            )
            .description(
                "An environment that holds secrets is a 400 unless `force=true`, which deletes \
                 them in the same transaction. `main` cannot be deleted (400)."
            )
            .query(inline::<api::DeleteEnvironmentQuery>)
            .ok(
                200,
                "The environment was deleted.",
                schema_of::<api::EnvironmentChange>
            )
            .error(400, "BadRequest")
            .error(404, "EnvironmentNotFound")
        ),
    ]
}

fn secret_routes() -> Vec<Route> {
    vec![
        route!(
            api::LIST_SECRETS,
            handlers::list,
            doc(
                "listSecrets",
                "secrets",
                "One page of the environment's secrets, newest first (no values)"
            )
            .query(inline::<api::ListQuery>)
            .ok(
                200,
                "A page; `next_cursor` is null on the last one.",
                schema_of::<api::Page>
            )
            .error(400, "BadRequest")
            .error(404, "EnvironmentNotFound")
        ),
        route!(
            api::CREATE_SECRET,
            handlers::create,
            doc("createSecret", "secrets", "Create a secret")
                .description(
                    "With `on_conflict` `fail` (the default) an existing secret of that name is \
                     a 409; `allow_existing` keeps it and answers 200; `force` replaces its \
                     values and answers 200."
                )
                .body(schema_of::<api::CreateSecret>, || json!({
                    "name": "db", "values": { "DATABASE_URL": "postgres://db.internal/app" },
                }))
                .ok(
                    201,
                    "The secret was created.",
                    schema_of::<api::CreateOutcome>
                )
                .ok(
                    200,
                    "The secret existed: kept (`allow_existing`) or replaced (`force`).",
                    schema_of::<api::CreateOutcome>
                )
                .error(400, "BadRequest")
                .error(404, "EnvironmentNotFound")
                .error(409, "SecretExists")
        ),
        route!(
            api::SHOW_SECRET,
            handlers::show,
            doc(
                "showSecret",
                "secrets",
                "A secret's metadata, and its values with `reveal=true`"
            )
            .description(
                "Revealing counts as a use (`last_used_at`). Required keys are checked before \
                 anything is decrypted."
            )
            .query(inline::<api::ShowQuery>)
            .ok(
                200,
                "The secret; `values` only with `reveal=true`.",
                schema_of::<api::Shown>
            )
            .error(400, "BadRequest")
            .error(404, "SecretNotFound")
            .error(422, "MissingKeys")
        ),
        route!(
            api::UPDATE_SECRET,
            handlers::update,
            doc("updateSecret", "secrets", "Set and unset keys of a secret")
                .description(
                    "Merges `set` into the values and removes `unset`. Refused (400) if a key is \
                     in both, or if no key would be left."
                )
                .body(schema_of::<api::UpdateSecret>, || json!({
                    "set": { "DATABASE_URL": "postgres://db2.internal/app" },
                    "unset": ["OLD_KEY"],
                }))
                .ok(
                    200,
                    "The secret as stored now.",
                    schema_of::<api::UpdateOutcome>
                )
                .error(400, "BadRequest")
                .error(404, "SecretNotFound")
                .error(409, "VersionConflict")
        ),
        route!(
            api::DELETE_SECRET,
            handlers::delete,
            doc("deleteSecret", "secrets", "Delete a secret for good")
                .description("Irreversible: its history is deleted with it.")
                .ok(200, "The secret was deleted.", schema_of::<api::Deleted>)
                .error(400, "BadRequest")
                .error(404, "SecretNotFound")
        ),
    ]
}

fn version_routes() -> Vec<Route> {
    vec![
        route!(
            api::LIST_VERSIONS,
            versions::list,
            doc(
                "listVersions",
                "history",
                "A secret's versions, newest first: who, when, which keys changed (no values)"
            )
            .description(
                "The server keeps `--max-versions` versions of each secret (default 20); older \
                 ones are deleted by the write that passes the limit."
            )
            .query(inline::<api::HistoryQuery>)
            .ok(200, "The history.", schema_of::<api::History>)
            .error(400, "BadRequest")
            .error(404, "SecretNotFound")
        ),
        route!(
            api::SHOW_VERSION,
            versions::show,
            doc(
                "showVersion",
                "history",
                "One version of a secret, and its values with `reveal=true`"
            )
            .query(inline::<api::VersionQuery>)
            .ok(
                200,
                "The version; `values` only with `reveal=true`.",
                schema_of::<api::VersionShown>
            )
            .error(400, "BadRequest")
            .error(404, "VersionNotFound")
        ),
        route!(
            api::ROLLBACK_SECRET,
            versions::rollback,
            doc(
                "rollbackSecret",
                "history",
                "Make a version's values the next version"
            )
            .description("Nothing is rewritten: the values of `version` become a new version.")
            .body(schema_of::<api::Rollback>, || json!({ "version": 1 }))
            .ok(200, "The secret as stored now.", schema_of::<api::UpdateOutcome>)
            .error(400, "BadRequest")
            .error(404, "VersionNotFound")
            .error(409, "VersionConflict")
        ),
        route!(
            api::COPY_SECRET,
            versions::copy,
            doc(
                "copySecret",
                "history",
                "Copy a secret's values to a new secret, in another environment or under another name"
            )
            .description(
                "Needs read access to the path's environment and write access to the target. \
                 The copy's first version holds the same values; `force` replaces an existing \
                 secret of that name (as a new version of it)."
            )
            .body(schema_of::<api::Copy>, || json!({ "environment": "main", "name": "db-copy" }))
            .ok(201, "The copy was created.", schema_of::<api::CreateOutcome>)
            .ok(200, "An existing secret was replaced (`force`).", schema_of::<api::CreateOutcome>)
            .error(400, "BadRequest")
            .error(404, "SecretNotFound")
            .error(409, "SecretExists")
        ),
        route!(
            api::RENAME_SECRET,
            versions::rename,
            doc("renameSecret", "history", "Rename a secret")
                .description("Its id, history and creation time stay; the rename is a new version.")
                .body(schema_of::<api::Rename>, || json!({ "name": "db-primary" }))
                .ok(200, "The secret as stored now.", schema_of::<api::UpdateOutcome>)
                .error(400, "BadRequest")
                .error(404, "SecretNotFound")
                .error(409, "SecretExists")
        ),
    ]
}

fn admin_routes() -> Vec<Route> {
    vec![
        route!(
            api::LIST_TOKENS,
            admin::list_tokens,
            doc(
                "listTokens",
                "tokens",
                "Every token ever issued, oldest first (never their values)"
            )
            .ok(200, "The tokens.", schema_of::<api::TokenList>)
        ),
        route!(
            api::CREATE_TOKEN,
            admin::create_token,
            doc(
                "createToken",
                "tokens",
                "Issue a token; its value is in this answer only"
            )
            .body(schema_of::<api::CreateToken>, || json!({
                "name": "ci", "environments": ["staging"], "read_only": true, "expires_in": "30d",
            }))
            .ok(
                201,
                "The token, with its value.",
                schema_of::<api::IssuedToken>
            )
            .error(400, "BadRequest")
            .error(409, "TokenExists")
        ),
        route!(
            api::REVOKE_TOKEN,
            admin::revoke_token,
            doc("revokeToken", "tokens", "Revoke a token for good")
                .ok(200, "The token was revoked.", schema_of::<api::Revoked>)
                .error(400, "BadRequest")
                .error(404, "TokenNotFound")
                .error(409, "LastAdmin")
        ),
        route!(
            api::READ_AUDIT,
            admin::audit_log,
            doc(
                "readAudit",
                "audit",
                "One page of the audit log, newest first"
            )
            .query(inline::<api::AuditQuery>)
            .ok(
                200,
                "A page; `next_cursor` is null on the last one.",
                schema_of::<api::AuditPage>
            )
            .error(400, "BadRequest")
        ),
        route!(
            api::KEY_STATUS,
            admin::key_status,
            doc(
                "keyStatus",
                "keys",
                "Which master keys wrap how many secrets"
            )
            .ok(200, "The key status.", schema_of::<api::KeyStatus>)
        ),
        route!(
            api::ROTATE_KEY,
            admin::rotate_key,
            doc("rotateKey", "keys", "Start a master key rotation")
                .description(
                    "A new master key is made, saved and activated at once; secrets are \
                     rewrapped under it in the background (watch `remaining` in `GET /v1/keys`). \
                     A request body, if any, is ignored."
                )
                .ok(
                    202,
                    "The new key is active; the status is as of its activation.",
                    schema_of::<api::KeyStatus>
                )
                .error(400, "RotationUnavailable")
        ),
    ]
}
