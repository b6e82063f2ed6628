//! The shared parts of the OpenAPI document: schemas, parameters, error responses, the bearer
//! scheme, and the prose that introduces the API.

use serde_json::{Map, Value, json};

use super::schema;

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

fn obj(required: &[&str], properties: Value) -> Value {
    json!({ "type": "object", "required": required, "properties": properties })
}

fn nullable(type_name: &str) -> Value {
    json!({ "type": [type_name, "null"] })
}

fn timestamp(nullable_too: bool) -> Value {
    let types = if nullable_too {
        json!(["string", "null"])
    } else {
        json!("string")
    };
    json!({ "type": types, "format": "date-time" })
}

fn array_of(items: Value) -> Value {
    json!({ "type": "array", "items": items })
}

/// A map of keys to values; `min` keys at least.
fn values(min: usize, description: &str) -> Value {
    json!({
        "type": "object",
        "description": description,
        "minProperties": min,
        "propertyNames": schema("Key"),
        "additionalProperties": schema("Value"),
    })
}

fn secret_info_properties() -> Value {
    json!({
        "id": {
            "type": "string", "pattern": "^st-[0-9A-Za-z]{22}$",
            "description": "Stable for the life of the secret, across replaces and updates.",
        },
        "name": schema("Name"),
        "environment": schema("Name"),
        "created_at": timestamp(false),
        "created_by": { "type": "string", "description": "The name of the token that created it." },
        "updated_at": timestamp(false),
        "last_used_at": timestamp(true),
        "keys": { "type": "array", "items": schema("Key"), "uniqueItems": true, "description": "Sorted." },
    })
}

const SECRET_INFO_FIELDS: [&str; 8] = [
    "id",
    "name",
    "environment",
    "created_at",
    "created_by",
    "updated_at",
    "last_used_at",
    "keys",
];

fn token_info_properties() -> Value {
    json!({
        "id": { "type": "string", "pattern": "^tk-[0-9A-Za-z]{22}$" },
        "name": schema("Name"),
        "admin": { "type": "boolean" },
        "environments": {
            "type": ["array", "null"], "items": schema("Name"),
            "description": "`null`: every environment.",
        },
        "read_only": { "type": "boolean" },
        "created_at": timestamp(false),
        "created_by": { "type": "string", "description": "The token that issued it (`keep serve` for the first admin token)." },
        "expires_at": timestamp(true),
        "revoked_at": timestamp(true),
        "status": { "type": "string", "enum": ["active", "expired", "revoked"] },
    })
}

const TOKEN_INFO_FIELDS: [&str; 10] = [
    "id",
    "name",
    "admin",
    "environments",
    "read_only",
    "created_at",
    "created_by",
    "expires_at",
    "revoked_at",
    "status",
];

/// `base` with more properties, required or not.
fn extended(base: &[&str], base_props: Value, more: &[(&str, Value, bool)]) -> Value {
    let mut required: Vec<&str> = base.to_vec();
    let mut props = match base_props {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    for (name, value, is_required) in more {
        props.insert((*name).to_owned(), value.clone());
        if *is_required {
            required.push(*name);
        }
    }
    obj(&required, Value::Object(props))
}

fn name_schemas() -> Value {
    json!({
        "Name": {
            "type": "string",
            "description": "A secret, environment or token name: 1 to 63 of `A-Z a-z 0-9 . _ -`, \
                not only dots, and not `st-` followed only by letters and digits.",
            "minLength": 1,
            "maxLength": 63,
            "pattern": "^[A-Za-z0-9._-]+$",
            "not": { "anyOf": [{ "pattern": "^\\.+$" }, { "pattern": "^st-[A-Za-z0-9]+$" }] },
            "examples": ["db", "main", "ci"],
        },
        "Key": {
            "type": "string",
            "description": "An environment variable name: non-empty, at most 256 bytes of UTF-8 \
                (`maxLength` counts characters), without `=` or NUL.",
            "minLength": 1,
            "maxLength": 256,
            "pattern": "^[^=\\u0000]+$",
            "examples": ["DATABASE_URL"],
        },
        "Value": {
            "type": "string",
            "description": "UTF-8 text without NUL, at most 65536 bytes (`maxLength` counts \
                characters).",
            "maxLength": 65536,
            "pattern": "^[^\\u0000]*$",
        },
        "Values": values(1, "At least one key; at most 1 MiB of keys and values in all."),
        "OnConflict": {
            "type": "string",
            "enum": ["fail", "allow_existing", "force"],
            "default": "fail",
            "description": "What to do when the secret exists: refuse (409), keep it, or \
                replace its values.",
        },
    })
}

/// Refuses objects where `a` matches `a_schema` and `b` matches `b_schema`.
fn both_refused(a: &str, a_schema: Value, b: &str, b_schema: Value) -> Value {
    json!({ "not": { "required": [a, b], "properties": { a: a_schema, b: b_schema } } })
}

fn request_schemas() -> Value {
    json!({
        "CreateSecret": {
            "type": "object",
            "additionalProperties": false,
            "required": ["name", "values"],
            "properties": {
                "name": schema("Name"),
                "values": schema("Values"),
                "on_conflict": schema("OnConflict"),
            },
        },
        "UpdateSecret": {
            "type": "object",
            "additionalProperties": false,
            "properties": {
                "set": values(0, "Keys to add or change."),
                "unset": {
                    "type": "array", "items": schema("Key"), "default": [],
                    "description": "Keys to remove; a key the secret lacks is ignored.",
                },
            },
        },
        "CreateToken": {
            "type": "object",
            "additionalProperties": false,
            "required": ["name"],
            "description": "An admin token cannot be limited to environments or to reading; \
                give `expires_in` or `expires_at`, not both.",
            "allOf": [
                both_refused("expires_in", json!({ "type": "string" }), "expires_at", json!({ "type": "string" })),
                both_refused("admin", json!({ "const": true }), "read_only", json!({ "const": true })),
                both_refused("admin", json!({ "const": true }), "environments", json!({ "type": "array" })),
            ],
            "properties": {
                "name": schema("Name"),
                "environments": {
                    "type": ["array", "null"], "items": schema("Name"), "minItems": 1,
                    "description": "The only environments the token may use; `null` or absent: \
                        every environment.",
                },
                "read_only": { "type": "boolean", "default": false },
                "admin": { "type": "boolean", "default": false },
                "expires_in": {
                    "type": ["string", "null"],
                    "description": "A positive span from now in weeks, days, hours or minutes \
                        (a day is 24 hours), such as `30d`, `12h` or `2w`.",
                    "examples": ["30d"],
                },
                "expires_at": {
                    "type": ["string", "null"], "format": "date-time",
                    "description": "A time in the future.",
                },
            },
        },
    })
}

fn secret_schemas() -> Value {
    let info = secret_info_properties();
    json!({
        "SecretInfo": obj(&SECRET_INFO_FIELDS, info.clone()),
        "Shown": extended(&SECRET_INFO_FIELDS, info, &[
            ("values", values(1, "Only with `reveal=true`."), false),
        ]),
        "CreateOutcome": obj(&["secret", "created", "replaced"], json!({
            "secret": schema("SecretInfo"),
            "created": { "type": "boolean", "description": "A new secret came into being." },
            "replaced": { "type": "boolean", "description": "An existing secret's values were replaced (`force`)." },
        })),
        "UpdateOutcome": obj(&["secret", "removed"], json!({
            "secret": schema("SecretInfo"),
            "removed": {
                "type": "array", "items": schema("Key"),
                "description": "The keys of `unset` that were there to remove.",
            },
        })),
        "Page": obj(&["secrets", "next_cursor"], json!({
            "secrets": array_of(schema("SecretInfo")),
            "next_cursor": nullable("string"),
        })),
        "Deleted": obj(&["name", "environment", "deleted"], json!({
            "name": schema("Name"),
            "environment": schema("Name"),
            "deleted": { "const": true },
        })),
        "Environments": obj(&["environments"], json!({
            "environments": array_of(schema("Name")),
        })),
    })
}

/// What `GET /v1/whoami` tells of the calling token: a part of what `TokenInfo` tells.
const WHOAMI_FIELDS: [&str; 4] = ["name", "admin", "environments", "read_only"];

/// The properties of `properties` named in `names`.
fn pick(properties: &Value, names: &[&str]) -> Value {
    Value::Object(
        names
            .iter()
            .filter_map(|n| Some(((*n).to_owned(), properties.get(*n)?.clone())))
            .collect(),
    )
}

fn admin_schemas() -> Value {
    let token = token_info_properties();
    json!({
        "WhoAmI": obj(&WHOAMI_FIELDS, pick(&token, &WHOAMI_FIELDS)),
        "TokenInfo": obj(&TOKEN_INFO_FIELDS, token.clone()),
        "IssuedToken": extended(&TOKEN_INFO_FIELDS, token, &[(
            "token",
            json!({
                "type": "string", "pattern": "^keep_[0-9A-Za-z]{43}$",
                "description": "The token itself, shown this once.",
            }),
            true,
        )]),
        "TokenList": obj(&["tokens"], json!({ "tokens": array_of(schema("TokenInfo")) })),
        "Revoked": obj(&["name", "revoked"], json!({
            "name": schema("Name"),
            "revoked": { "const": true },
        })),
        "AuditEvent": audit_event(),
        "AuditPage": obj(&["events", "next_cursor"], json!({
            "events": array_of(schema("AuditEvent")),
            "next_cursor": nullable("string"),
        })),
        "KeyStatus": obj(&["active_key_id", "loaded_key_ids", "keys", "remaining"], json!({
            "active_key_id": schema("KeyId"),
            "loaded_key_ids": {
                "type": "array", "items": schema("KeyId"), "minItems": 1,
                "description": "Every master key this server holds, the active one first.",
            },
            "keys": array_of(obj(&["key_id", "secrets"], json!({
                "key_id": schema("KeyId"),
                "secrets": { "type": "integer", "minimum": 0 },
            }))),
            "remaining": {
                "type": "integer", "minimum": 0,
                "description": "Secrets still wrapped by a key other than the active one.",
            },
        })),
        "KeyId": {
            "type": "string", "pattern": "^[0-9a-f]{16}$",
            "description": "A master key's public fingerprint.",
        },
    })
}

fn audit_event() -> Value {
    obj(
        &[
            "id",
            "at",
            "actor",
            "client",
            "action",
            "environment",
            "target",
            "outcome",
        ],
        json!({
            "id": { "type": "integer", "minimum": 1 },
            "at": timestamp(false),
            "actor": { "type": "string", "description": "The token's name; empty when no valid token was presented." },
            "client": { "type": "string", "description": "The client's address." },
            "action": {
                "type": "string",
                "description": "Such as `secret.create`, `secret.reveal`, `token.revoke` or \
                    `key.rotate`; `other` for a request of no listed kind.",
            },
            "environment": nullable("string"),
            "target": { "type": ["string", "null"], "description": "The secret or token named." },
            "outcome": {
                "type": "string",
                "enum": ["ok", "unauthorized", "forbidden", "not_found", "conflict", "rate_limited", "invalid", "error"],
            },
        }),
    )
}

fn schemas() -> Value {
    let mut all = Map::new();
    for part in [
        name_schemas(),
        request_schemas(),
        secret_schemas(),
        admin_schemas(),
        json!({
            "Health": obj(&["status"], json!({ "status": { "const": "ok" } })),
            "OpenApi": {
                "type": "object", "required": ["openapi", "info", "paths"],
                "additionalProperties": true,
                "description": "An OpenAPI 3.1 document.",
            },
        }),
    ] {
        if let Value::Object(m) = part {
            all.extend(m);
        }
    }
    Value::Object(all)
}

fn parameters() -> Value {
    let path = |description: &str, example: &str| {
        json!({
            "in": "path", "required": true, "description": description,
            "schema": schema("Name"), "example": example,
        })
    };
    let mut secret = path("The secret's name.", "db");
    secret["name"] = json!("name");
    let mut token = path("The token's name.", "ci");
    token["name"] = json!("name");
    let mut env = path("The environment's name.", "main");
    env["name"] = json!("env");
    let limit = "How many items a page holds (default 100); values outside 1 to 1000 are \
                 taken as the nearest of the two.";
    json!({
        "env": env,
        "secret": secret,
        "token": token,
        "limit": {
            "name": "limit", "in": "query", "description": limit,
            "schema": { "type": "integer", "minimum": 0, "maximum": 4_294_967_295_u32, "default": 100 },
        },
        "created_before": {
            "name": "created_before", "in": "query",
            "description": "Only secrets created before this time.",
            "schema": { "type": "string", "format": "date-time" },
        },
        "since": {
            "name": "since", "in": "query",
            "description": "Only events at or after this time.",
            "schema": { "type": "string", "format": "date-time" },
        },
        "cursor": cursor("^[+-]?[0-9]{1,19}\\.st-[0-9A-Za-z]+$"),
        "audit_cursor": cursor("^[+-]?[0-9]{1,19}\\.[+-]?[0-9]{1,19}$"),
        "reveal": {
            "name": "reveal", "in": "query",
            "description": "Include the values (`1` and `0` are also accepted).",
            "schema": { "type": "boolean", "default": false },
            "example": true,
        },
        "require": {
            "name": "require", "in": "query", "style": "form", "explode": true,
            "description": "Keys the secret must have, repeated for several \
                (`?require=A&require=B`); any missing is a 422 that lists them.",
            "schema": { "type": "array", "items": { "type": "string" } },
            "example": ["DATABASE_URL"],
        },
    })
}

/// A page cursor: opaque to clients, but only the shape `pattern` is well-formed.
fn cursor(pattern: &str) -> Value {
    json!({
        "name": "cursor", "in": "query",
        "description": "Opaque: a `next_cursor` passed back exactly as received. (The pattern \
            is only what the server parses; anything else is a 400.)",
        "schema": { "type": "string", "pattern": pattern },
    })
}

/// An error response whose `code` is one of `codes`.
fn error_response(description: &str, codes: &[&str]) -> Value {
    let keys_required = codes == ["missing_keys"];
    let mut required = vec!["code", "message"];
    if keys_required {
        required.push("keys");
    }
    let mut inner = obj(
        &required,
        json!({
            "code": { "type": "string", "enum": codes },
            "message": { "type": "string", "minLength": 1, "description": "For people: names the field, name or key at fault, never a value." },
            "hint": { "type": "string", "description": "The next step, when there is an obvious one." },
        }),
    );
    if keys_required {
        inner["properties"]["keys"] = json!({
            "type": "array", "items": { "type": "string" }, "minItems": 1,
            "description": "The keys that are missing, in the order asked.",
        });
    }
    json!({
        "description": description,
        "content": { "application/json": { "schema": obj(&["error"], json!({ "error": inner })) } },
    })
}

fn responses() -> Value {
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
        "SecretNotFound": error_response("No secret of this name in this environment.", &["not_found"]),
        "TokenNotFound": error_response("No active token of this name.", &["not_found"]),
        "SecretExists": error_response("A secret of this name exists (with `on_conflict` `fail`).", &["already_exists"]),
        "TokenExists": error_response("A token of this name was issued before (names are never reused).", &["already_exists"]),
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

pub fn components() -> Value {
    json!({
        "schemas": schemas(),
        "parameters": parameters(),
        "responses": responses(),
        "securitySchemes": {
            "bearer": {
                "type": "http",
                "scheme": "bearer",
                "bearerFormat": "keep_ followed by 43 base62 characters",
                "description": "`Authorization: Bearer keep_...`. Tokens are issued by `POST /v1/tokens` \
                    (and the first admin token by the server's first start).",
            },
        },
    })
}
