//! The OpenAPI 3.1 description of the HTTP API, served at `GET /v1/openapi.json` and committed
//! as `openapi.json` (a test keeps the two equal, and checks the server against it).
//!
//! Every operation is listed in [`operations`]; the schemas, parameters and error responses
//! they share are in `openapi/components.rs`.

mod components;

use std::sync::LazyLock;

use axum::http::header;
use axum::response::IntoResponse;
use serde_json::{Map, Value, json};

/// What an operation needs from its token, published as `x-keep-scope`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    /// No token at all.
    None,
    /// Any valid token.
    Any,
    /// A token that may use the environment in the path.
    Read,
    /// A token that may use the environment in the path and is not read-only.
    Write,
    /// An admin token.
    Admin,
}

impl Scope {
    fn name(self) -> &'static str {
        match self {
            Scope::None => "none",
            Scope::Any => "any",
            Scope::Read => "read",
            Scope::Write => "write",
            Scope::Admin => "admin",
        }
    }

    /// The 403 this scope can earn, if any.
    fn forbidden(self) -> Option<&'static str> {
        match self {
            Scope::None | Scope::Any => None,
            Scope::Read => Some("ForbiddenEnvironment"),
            Scope::Write => Some("ForbiddenWrite"),
            Scope::Admin => Some("ForbiddenAdmin"),
        }
    }
}

/// One operation: method, path, and its description without the parts every operation of
/// its scope shares (security, 401, 403, 408, 429, 500, 503), which [`operation`] adds.
struct Op {
    method: &'static str,
    path: &'static str,
    scope: Scope,
    body: Value,
}

fn op(method: &'static str, path: &'static str, scope: Scope, body: Value) -> Op {
    Op {
        method,
        path,
        scope,
        body,
    }
}

fn schema(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn param(name: &str) -> Value {
    json!({ "$ref": format!("#/components/parameters/{name}") })
}

fn error(name: &str) -> Value {
    json!({ "$ref": format!("#/components/responses/{name}") })
}

fn ok(description: &str, schema_name: &str) -> Value {
    json!({
        "description": description,
        "content": { "application/json": { "schema": schema(schema_name) } },
    })
}

fn request(schema_name: &str, example: Value) -> Value {
    json!({
        "required": true,
        "content": {
            "application/json": { "schema": schema(schema_name), "example": example },
        },
    })
}

/// The errors of an operation with a JSON request body.
const BODY_ERRORS: [(&str, &str); 3] = [
    ("413", "TooLarge"),
    ("415", "UnsupportedMediaType"),
    ("422", "UnprocessableBody"),
];

const SECRETS: &str = "/v1/environments/{env}/secrets";
const SECRET: &str = "/v1/environments/{env}/secrets/{name}";

/// Every operation of the API, in the order the document lists them.
fn operations() -> Vec<Op> {
    let mut ops = vec![
        op(
            "get",
            "/v1/health",
            Scope::None,
            json!({
                "operationId": "health",
                "tags": ["server"],
                "summary": "Whether the server is up",
                "responses": { "200": ok("The server is up.", "Health") },
            }),
        ),
        op(
            "get",
            "/v1/openapi.json",
            Scope::None,
            json!({
                "operationId": "openapi",
                "tags": ["server"],
                "summary": "This document",
                "responses": { "200": ok("The OpenAPI description of this server's API.", "OpenApi") },
            }),
        ),
        op(
            "get",
            "/v1/whoami",
            Scope::Any,
            json!({
                "operationId": "whoami",
                "tags": ["tokens"],
                "summary": "The calling token's name and what it may do",
                "responses": { "200": ok("The token's name and scope.", "WhoAmI") },
            }),
        ),
        op(
            "get",
            "/v1/environments",
            Scope::Any,
            json!({
                "operationId": "listEnvironments",
                "tags": ["secrets"],
                "summary": "The environments holding secrets that the token may use",
                "description": "A token limited to environments sees only those; no 403.",
                "responses": { "200": ok("Environment names, sorted.", "Environments") },
            }),
        ),
    ];
    ops.extend(secret_operations());
    ops.extend(admin_operations());
    ops
}

fn secret_operations() -> Vec<Op> {
    vec![
        op(
            "get",
            SECRETS,
            Scope::Read,
            json!({
                "operationId": "listSecrets",
                "tags": ["secrets"],
                "summary": "One page of the environment's secrets, newest first (no values)",
                "parameters": [param("limit"), param("created_before"), param("cursor")],
                "responses": {
                    "200": ok("A page; `next_cursor` is null on the last one.", "Page"),
                    "400": error("BadRequest"),
                },
            }),
        ),
        op(
            "post",
            SECRETS,
            Scope::Write,
            json!({
                "operationId": "createSecret",
                "tags": ["secrets"],
                "summary": "Create a secret",
                "description": "With `on_conflict` `fail` (the default) an existing secret of that \
                    name is a 409; `allow_existing` keeps it and answers 200; `force` replaces its \
                    values and answers 200.",
                "requestBody": request("CreateSecret", json!({
                    "name": "db", "values": { "DATABASE_URL": "postgres://db.internal/app" },
                })),
                "responses": {
                    "201": ok("The secret was created.", "CreateOutcome"),
                    "200": ok("The secret existed: kept (`allow_existing`) or replaced (`force`).", "CreateOutcome"),
                    "400": error("BadRequest"),
                    "409": error("SecretExists"),
                },
            }),
        ),
        op(
            "get",
            SECRET,
            Scope::Read,
            json!({
                "operationId": "showSecret",
                "tags": ["secrets"],
                "summary": "A secret's metadata, and its values with `reveal=true`",
                "description": "Revealing counts as a use (`last_used_at`). Required keys are \
                    checked before anything is decrypted.",
                "parameters": [param("reveal"), param("require")],
                "responses": {
                    "200": ok("The secret; `values` only with `reveal=true`.", "Shown"),
                    "400": error("BadRequest"),
                    "404": error("SecretNotFound"),
                    "422": error("MissingKeys"),
                },
            }),
        ),
        op(
            "patch",
            SECRET,
            Scope::Write,
            json!({
                "operationId": "updateSecret",
                "tags": ["secrets"],
                "summary": "Set and unset keys of a secret",
                "description": "Merges `set` into the values and removes `unset`. Refused (400) if \
                    a key is in both, or if no key would be left.",
                "requestBody": request("UpdateSecret", json!({
                    "set": { "DATABASE_URL": "postgres://db2.internal/app" }, "unset": ["OLD_KEY"],
                })),
                "responses": {
                    "200": ok("The secret as stored now.", "UpdateOutcome"),
                    "400": error("BadRequest"),
                    "404": error("SecretNotFound"),
                },
            }),
        ),
        op(
            "delete",
            SECRET,
            Scope::Write,
            json!({
                "operationId": "deleteSecret",
                "tags": ["secrets"],
                "summary": "Delete a secret for good",
                "responses": {
                    "200": ok("The secret was deleted.", "Deleted"),
                    "400": error("BadRequest"),
                    "404": error("SecretNotFound"),
                },
            }),
        ),
    ]
}

fn admin_operations() -> Vec<Op> {
    vec![
        op(
            "get",
            "/v1/tokens",
            Scope::Admin,
            json!({
                "operationId": "listTokens",
                "tags": ["tokens"],
                "summary": "Every token ever issued, oldest first (never their values)",
                "responses": { "200": ok("The tokens.", "TokenList") },
            }),
        ),
        op(
            "post",
            "/v1/tokens",
            Scope::Admin,
            json!({
                "operationId": "createToken",
                "tags": ["tokens"],
                "summary": "Issue a token; its value is in this answer only",
                "requestBody": request("CreateToken", json!({
                    "name": "ci", "environments": ["staging"], "read_only": true, "expires_in": "30d",
                })),
                "responses": {
                    "201": ok("The token, with its value.", "IssuedToken"),
                    "400": error("BadRequest"),
                    "409": error("TokenExists"),
                },
            }),
        ),
        op(
            "delete",
            "/v1/tokens/{name}",
            Scope::Admin,
            json!({
                "operationId": "revokeToken",
                "tags": ["tokens"],
                "summary": "Revoke a token for good",
                "responses": {
                    "200": ok("The token was revoked.", "Revoked"),
                    "400": error("BadRequest"),
                    "404": error("TokenNotFound"),
                    "409": error("LastAdmin"),
                },
            }),
        ),
        op(
            "get",
            "/v1/audit",
            Scope::Admin,
            json!({
                "operationId": "readAudit",
                "tags": ["audit"],
                "summary": "One page of the audit log, newest first",
                "parameters": [param("since"), param("limit"), param("audit_cursor")],
                "responses": {
                    "200": ok("A page; `next_cursor` is null on the last one.", "AuditPage"),
                    "400": error("BadRequest"),
                },
            }),
        ),
        op(
            "get",
            "/v1/keys",
            Scope::Admin,
            json!({
                "operationId": "keyStatus",
                "tags": ["keys"],
                "summary": "Which master keys wrap how many secrets",
                "responses": { "200": ok("The key status.", "KeyStatus") },
            }),
        ),
        op(
            "post",
            "/v1/keys/rotate",
            Scope::Admin,
            json!({
                "operationId": "rotateKey",
                "tags": ["keys"],
                "summary": "Start a master key rotation",
                "description": "A new master key is made, saved and activated at once; secrets are \
                    rewrapped under it in the background (watch `remaining` in `GET /v1/keys`). A \
                    request body, if any, is ignored.",
                "responses": {
                    "202": ok("The new key is active; the status is as of its activation.", "KeyStatus"),
                    "400": error("RotationUnavailable"),
                },
            }),
        ),
    ]
}

/// Adds what every operation of `op.scope` shares, and the body errors if it takes a body.
fn operation(op: Op) -> Value {
    let mut value = op.body;
    value["x-keep-scope"] = json!(op.scope.name());
    let has_body = value.get("requestBody").is_some();
    let Some(responses) = value["responses"].as_object_mut() else {
        return value;
    };
    let mut shared = Vec::new();
    if op.scope != Scope::None {
        shared = vec![
            ("401", "Unauthorized"),
            ("408", "Timeout"),
            ("429", "RateLimited"),
            ("500", "ServerError"),
            ("503", "Unavailable"),
        ];
    }
    if let Some(forbidden) = op.scope.forbidden() {
        shared.push(("403", forbidden));
    }
    if has_body {
        shared.extend(BODY_ERRORS);
    }
    for (status, name) in shared {
        responses.insert(status.to_owned(), error(name));
    }
    if op.scope == Scope::None {
        value["security"] = json!([]);
    }
    value
}

/// `(method, path)` of every documented operation, the methods in upper case.
pub fn routes() -> Vec<(String, String)> {
    operations()
        .iter()
        .map(|o| (o.method.to_uppercase(), o.path.to_owned()))
        .collect()
}

/// The path parameters of a path, from its `{placeholders}`.
fn path_parameters(path: &str) -> Vec<Value> {
    let mut params = Vec::new();
    if path.contains("{env}") {
        params.push(param("env"));
    }
    if path.starts_with("/v1/environments/") && path.contains("{name}") {
        params.push(param("secret"));
    }
    if path.starts_with("/v1/tokens/") {
        params.push(param("token"));
    }
    params
}

/// The whole document.
pub fn document() -> Value {
    let mut paths = Map::new();
    for op in operations() {
        let item = paths.entry(op.path).or_insert_with(|| {
            let params = path_parameters(op.path);
            if params.is_empty() {
                json!({})
            } else {
                json!({ "parameters": params })
            }
        });
        let method = op.method;
        item[method] = operation(op);
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "keep",
            "version": env!("CARGO_PKG_VERSION"),
            "summary": "The HTTP API of `keep serve`, a secrets manager",
            "description": components::DESCRIPTION,
            "license": { "name": "Apache-2.0", "identifier": "Apache-2.0" },
        },
        "tags": [
            { "name": "server", "description": "Health and this description; no token needed." },
            { "name": "secrets", "description": "Secrets: named sets of environment variables, per environment." },
            { "name": "tokens", "description": "API tokens and what they may do." },
            { "name": "audit", "description": "The audit log of every authenticated request." },
            { "name": "keys", "description": "Master keys and their rotation." },
        ],
        "security": [{ "bearer": [] }],
        "paths": paths,
        "components": components::components(),
    })
}

/// The document as committed: pretty-printed, with a trailing newline.
pub fn pretty() -> String {
    let mut doc = document();
    // Sorted whatever serde_json's `preserve_order` feature (which any dependency may turn
    // on) says, so that the bytes are the same in every build.
    doc.sort_all_objects();
    // A `Value` always serializes.
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

static PRETTY: LazyLock<String> = LazyLock::new(pretty);

/// `GET /v1/openapi.json`: the same bytes as the committed file.
pub async fn serve() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        PRETTY.as_str(),
    )
}
