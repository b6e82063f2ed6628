//! The prose of the OpenAPI document: its introduction, the path parameters, the error
//! responses operations share (with the codes each can carry), and the bearer scheme. The
//! schemas themselves are generated from the wire types (`crate::api`).

use serde_json::{Value, json};

pub const DESCRIPTION: &str = "\
JSON over HTTP. Every request but `GET /v1/health` and `GET /v1/openapi.json` needs \
`Authorization: Bearer <token>`; the first admin token is written to the server's \
`DIR/admin.token` on first start.

**Scopes.** Each operation says what it needs from its token in `x-keep-scope`: `any` (any \
valid token), `read` (a token that may use the environment in the path), `write` (the same, \
and not read-only) or `admin` (an admin token). A token limited to other environments gets \
403 `forbidden`; a read-only token gets 403 on every `POST`, `PATCH` and `DELETE` of secrets; \
the token, audit and key operations answer 403 to any token that is not an admin token. \
`GET /v1/environments` lists only the environments the token may use.

**Errors.** Every error is `{\"error\": {\"code\", \"message\"}}` with a 4xx status for a \
client mistake and a 5xx status for the server's own failure; `hint` is added when there is an \
obvious next step, and `keys` for `missing_keys`. Messages name the offending field, name or \
key but never a value. A path that is not listed here is 404 `no_such_endpoint`; a listed path \
with a method it does not list is 405 `method_not_allowed` (with `Allow`), before the token is \
looked at. `HEAD` is answered wherever `GET` is, as `GET` without a body. After 10 failed \
authentications in a minute (by default), a client address gets 429 `rate_limited` for the \
rest of that minute. A request that takes longer than 30 s, reading its body included, is 408.

**Limits.** Names of secrets, environments and tokens: 1 to 63 of `A-Z a-z 0-9 . _ -`, not \
only dots, and not `st-` followed only by letters and digits (the shape of ids). Keys: \
non-empty, at most 256 bytes of UTF-8, without `=` or NUL. Values: UTF-8 without NUL, at \
most 65536 bytes each, and at most 1 MiB of keys and values per secret. Request bodies: at \
most 8 MiB, `Content-Type: application/json`, one JSON object; unknown fields are refused.

**Times** are RFC 3339 in UTC with microseconds; \"never\" is `null`. **Pages** are newest \
first: pass `next_cursor` back as `cursor` until it is `null`.";

/// The path parameters, shared by the operations whose paths hold them.
pub fn path_parameters(name: &Value) -> Value {
    let path = |param: &str, description: &str, example: &str| {
        json!({
            "name": param, "in": "path", "required": true, "description": description,
            "schema": name, "example": example,
        })
    };
    let mut secret = path(
        "name",
        "The secret's name, or its id (`st-` and 22 base62 characters, as listings show it).",
        "db",
    );
    secret["schema"] = json!({
        "anyOf": [name, { "type": "string", "pattern": "^st-[0-9A-Za-z]+$" }],
    });
    json!({
        "env": path("env", "The environment's name.", "main"),
        "environment": path("env", "The environment's name (not `main`, which cannot be deleted).", "staging"),
        "secret": secret,
        "token": path("name", "The token's name.", "ci"),
        "version": {
            "name": "version", "in": "path", "required": true,
            "description": "A version number, as `GET .../versions` lists them.",
            "schema": { "type": "string", "pattern": "^[1-9][0-9]{0,17}$" }, "example": "1",
        },
    })
}

/// An error response: the error body (`body`, a reference to its schema) with a `code` that
/// is one of `codes`.
fn error_response(body: &Value, description: &str, codes: &[&str]) -> Value {
    let mut inner = json!({ "properties": { "code": { "enum": codes } } });
    if codes == ["missing_keys"] {
        inner["required"] = json!(["keys"]);
    }
    let schema = json!({
        "allOf": [body, { "properties": { "error": inner } }],
    });
    json!({
        "description": description,
        "content": { "application/json": { "schema": schema } },
    })
}

/// The error responses operations share, by name; `body` refers to the error body's schema.
pub fn responses(body: &Value) -> Value {
    let error_response =
        |description: &str, codes: &[&str]| error_response(body, description, codes);
    let invalid = ["invalid_input"];
    let mut rate_limited = error_response(
        "Too many failed authentications from this client address: retry after `Retry-After` seconds.",
        &["rate_limited"],
    );
    rate_limited["headers"] = json!({
        "Retry-After": { "required": true, "schema": { "type": "integer", "minimum": 1 } },
    });
    json!({
        "BadRequest": error_response("A name, key, value, query parameter or cursor is invalid, or the body is not JSON; `hint` says what is allowed.", &invalid),
        "RotationUnavailable": error_response("The master key comes from `KEEP_MASTER_KEY`: rotate by changing that variable on every replica.", &invalid),
        "Unauthorized": error_response("The token is missing, unknown, revoked or expired.", &["unauthorized"]),
        "ForbiddenEnvironment": error_response("The token may not use this environment.", &["forbidden"]),
        "ForbiddenWrite": error_response("The token may not use this environment, or it is read-only.", &["forbidden"]),
        "ForbiddenAdmin": error_response("The token is not an admin token.", &["forbidden"]),
        "SecretNotFound": error_response("No secret of this name (or id) in this environment (`not_found`, with near names in `suggestions`), or no such environment (`environment_not_found`).", &["not_found", "environment_not_found"]),
        "EnvironmentNotFound": error_response("No environment of this name; near names are in `suggestions`.", &["environment_not_found"]),
        "EnvironmentExists": error_response("An environment of this name exists.", &["already_exists"]),
        "TokenNotFound": error_response("No active token of this name.", &["not_found"]),
        "SecretExists": error_response("A secret of this name exists (with `on_conflict` `fail`).", &["already_exists"]),
        "TokenExists": error_response("A token of this name was issued before (names are never reused).", &["already_exists"]),
        "VersionConflict": error_response("The secret is not at `if_version`: another write came first. The message names the current version.", &["version_conflict"]),
        "VersionNotFound": error_response("No such secret, or no such version of it (versions beyond the retention limit are deleted).", &["not_found", "environment_not_found"]),
        "LastAdmin": error_response("It is the last usable admin token: revoking it would lock everyone out.", &["last_admin"]),
        "Timeout": error_response("The request took longer than 30 s.", &["timeout"]),
        "TooLarge": error_response("The body is larger than 8 MiB.", &["too_large"]),
        "UnsupportedMediaType": error_response("The body is not sent as `application/json`.", &["unsupported_media_type"]),
        "UnprocessableBody": error_response("The body is JSON but not the documented object: not an object, or a field missing, unknown or of the wrong type. The message names the field.", &invalid),
        "MissingKeys": error_response("The secret lacks keys given in `require`: they are in `keys`.", &["missing_keys"]),
        "RateLimited": rate_limited,
        "ServerError": error_response("The server failed: `integrity` when stored data fails its integrity check.", &["integrity", "internal", "io"]),
        "Unavailable": error_response("The database is unavailable, or the request's audit record could not be stored; retrying later can succeed.", &["audit_unavailable", "database"]),
    })
}

/// The bearer scheme every operation but two uses.
pub fn security_schemes() -> Value {
    json!({
            "bearer": {
                "type": "http",
                "scheme": "bearer",
                "bearerFormat": "keep_ followed by 43 base62 characters",
                "description": "`Authorization: Bearer keep_...`. Tokens are issued by `POST /v1/tokens` \
                    (and the first admin token by the server's first start).",
            },
    })
}
