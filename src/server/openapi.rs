//! The OpenAPI 3.1 description of the HTTP API, served at `GET /v1/openapi.json` and committed
//! as `openapi.json` (a test keeps the two equal, and checks the server against it).
//!
//! Generated: the operations from the route table (`routes`), the schemas from the wire types
//! (`crate::api`) by schemars, and the prose (introduction, path parameters, error responses)
//! from `openapi/components.rs`.

mod components;

use std::sync::LazyLock;

use axum::http::header;
use axum::response::IntoResponse;
use schemars::generate::{Contract, SchemaSettings};
use schemars::{Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value, json};

use super::routes::{self, Answer, Route};
use crate::api::{ErrorBody, Requires};

/// Where schemas live in the document.
const SCHEMAS: &str = "/components/schemas";

fn generator(contract: Contract) -> SchemaGenerator {
    let mut settings = SchemaSettings::draft2020_12();
    settings.definitions_path = SCHEMAS.into();
    settings.meta_schema = None;
    settings.contract = contract;
    SchemaGenerator::new(settings)
}

/// The schema of `GET /v1/openapi.json`'s answer.
pub fn document_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "object", "required": ["openapi", "info", "paths"],
        "additionalProperties": true,
        "description": "An OpenAPI 3.1 document.",
    })
}

/// Generators for the two directions: a request body is read as the server deserializes it
/// (fields with defaults are optional), an answer as it serializes it (every field it
/// always writes is required).
struct Generators {
    requests: SchemaGenerator,
    answers: SchemaGenerator,
}

impl Generators {
    /// Every schema either made, by name. A type used both ways must have one schema.
    fn definitions(mut self) -> Map<String, Value> {
        let mut all = self.answers.take_definitions(true);
        for (name, schema) in self.requests.take_definitions(true) {
            if let Some(existing) = all.get(&name) {
                debug_assert_eq!(existing, &schema, "schema {name} differs by direction");
            }
            all.insert(name, schema);
        }
        all
    }
}

fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/components/responses/{name}") })
}

fn json_content(schema: Value) -> Value {
    json!({ "application/json": { "schema": schema } })
}

/// The query parameters of an operation: one per property of its query type.
fn query_parameters(schema: &Schema) -> Vec<Value> {
    let mut params = Vec::new();
    let Some(props) = schema.get("properties").and_then(Value::as_object) else {
        return params;
    };
    for (name, prop) in props {
        let mut prop = prop.clone();
        let description = prop
            .as_object_mut()
            .and_then(|p| p.remove("description"))
            .unwrap_or(Value::Null);
        let example = prop.as_object_mut().and_then(|p| p.remove("example"));
        // A query parameter is absent or a string; `null` is not something a URL can say.
        if let Some(types) = prop.get("type").and_then(Value::as_array) {
            let kept: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
            prop["type"] = if kept.len() == 1 {
                kept[0].clone()
            } else {
                Value::Array(kept)
            };
        }
        let mut param = json!({
            "name": name, "in": "query", "description": description, "schema": prop,
        });
        if let Some(example) = example {
            param["example"] = example;
        }
        params.push(param);
    }
    params
}

/// One operation's description, with what every operation of its scope shares (security,
/// 401, 403, 408, 429, 500, 503) and the body errors when it takes a body.
fn operation(route: &Route, gens: &mut Generators) -> Value {
    let requires = route.endpoint.requires;
    let doc = &route.doc;
    let mut op = json!({
        "operationId": doc.operation_id,
        "tags": [doc.tag],
        "summary": doc.summary,
        "x-keep-scope": requires.name(),
    });
    if let Some(d) = doc.description {
        op["description"] = json!(d);
    }
    if let Some(query) = doc.query {
        op["parameters"] = json!(query_parameters(&query(&mut gens.requests)));
    }
    if let Some((schema, example)) = doc.body {
        let schema = schema(&mut gens.requests);
        op["requestBody"] = json!({
            "required": true,
            "content": { "application/json": { "schema": schema, "example": example() } },
        });
    }
    let mut responses = Map::new();
    for (status, answer) in &doc.answers {
        let value = match answer {
            Answer::Body(description, schema) => json!({
                "description": description,
                "content": json_content(schema(&mut gens.answers).to_value()),
            }),
            Answer::Error(name) => reference(name),
        };
        responses.insert(status.to_string(), value);
    }
    let mut shared: Vec<(&str, &str)> = Vec::new();
    if requires != Requires::Nothing {
        shared.extend([
            ("401", "Unauthorized"),
            ("408", "Timeout"),
            ("429", "RateLimited"),
            ("500", "ServerError"),
            ("503", "Unavailable"),
        ]);
    }
    match requires {
        Requires::Read => shared.push(("403", "ForbiddenEnvironment")),
        Requires::Write => shared.push(("403", "ForbiddenWrite")),
        Requires::Admin => shared.push(("403", "ForbiddenAdmin")),
        Requires::Nothing | Requires::AnyToken => {}
    }
    if doc.body.is_some() {
        shared.extend([
            ("413", "TooLarge"),
            ("415", "UnsupportedMediaType"),
            ("422", "UnprocessableBody"),
        ]);
    }
    for (status, name) in shared {
        responses.insert(status.to_owned(), reference(name));
    }
    op["responses"] = Value::Object(responses);
    if requires == Requires::Nothing {
        op["security"] = json!([]);
    }
    op
}

/// The path parameters of a path, from its `{placeholders}` and the segment before each.
fn path_parameters(path: &str) -> Vec<Value> {
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len().saturating_sub(1);
    segments
        .windows(2)
        .enumerate()
        .filter_map(|(i, w)| match (w[0], w[1]) {
            // The environment itself (`DELETE /v1/environments/{env}`), not one secrets are in.
            (_, "{env}") if i + 1 == last => Some("environment"),
            (_, "{env}") => Some("env"),
            ("secrets", "{name}") => Some("secret"),
            ("tokens", "{name}") => Some("token"),
            ("versions", "{version}") => Some("version"),
            _ => None,
        })
        .map(|name| json!({ "$ref": format!("#/components/parameters/{name}") }))
        .collect()
}

/// `(method, path)` of every documented operation, the methods in upper case.
pub fn routes() -> Vec<(String, String)> {
    routes::routes()
        .iter()
        .map(|r| (r.endpoint.method.to_string(), r.endpoint.path.to_owned()))
        .collect()
}

/// The whole document.
pub fn document() -> Value {
    let mut gens = Generators {
        requests: generator(Contract::Deserialize),
        answers: generator(Contract::Serialize),
    };
    let name = gens
        .requests
        .subschema_for::<crate::model::SecretName>()
        .to_value();
    let error_body = gens.answers.subschema_for::<ErrorBody>().to_value();
    let mut paths = Map::new();
    for route in routes::routes() {
        let path = route.endpoint.path;
        let item = paths.entry(path).or_insert_with(|| {
            let params = path_parameters(path);
            if params.is_empty() {
                json!({})
            } else {
                json!({ "parameters": params })
            }
        });
        let method = route.endpoint.method.as_str().to_ascii_lowercase();
        item[method] = operation(&route, &mut gens);
    }
    let mut doc = json!({
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
            { "name": "environments", "description": "Environments: the namespaces secrets live in; `main` always exists." },
            { "name": "secrets", "description": "Secrets: named sets of environment variables, per environment." },
            { "name": "history", "description": "Every version of a secret: listed, shown, rolled back; renames and copies." },
            { "name": "tokens", "description": "API tokens and what they may do." },
            { "name": "audit", "description": "The audit log of every authenticated request." },
            { "name": "keys", "description": "Master keys and their rotation." },
        ],
        "security": [{ "bearer": [] }],
        "paths": paths,
        "components": {
            "parameters": components::path_parameters(&name),
            "responses": components::responses(&error_body),
            "securitySchemes": components::security_schemes(),
            "schemas": gens.definitions(),
        },
    });
    unwrap_descriptions(&mut doc);
    doc
}

/// Doc comments become descriptions with their line breaks; a single break is a space.
fn unwrap_descriptions(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                match v {
                    Value::String(s) if k == "description" => {
                        *s = s
                            .split("\n\n")
                            .map(|p| p.replace('\n', " "))
                            .collect::<Vec<_>>()
                            .join("\n\n");
                    }
                    _ => unwrap_descriptions(v),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(unwrap_descriptions),
        _ => {}
    }
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
