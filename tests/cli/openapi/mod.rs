//! `openapi.json`: committed as the code builds it, served by `keep serve`, listing exactly the
//! routes the router has, with examples and limits that agree with the server's own rules.
//! `SNAPSHOTS=overwrite cargo test --test cli openapi` rewrites the committed file.
//!
//! `conformance` checks a real server against the document.

mod conformance;
mod schema;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use self::schema::Validator;

/// One operation of the document.
pub struct Operation {
    /// Upper case.
    pub method: String,
    /// As documented, with `{placeholders}`.
    pub template: String,
    /// With every path parameter replaced by its example.
    pub path: String,
    pub op: Value,
}

impl Operation {
    pub fn id(&self) -> String {
        format!("{} {}", self.method, self.template)
    }

    pub fn scope(&self) -> &str {
        self.op["x-keep-scope"].as_str().expect("x-keep-scope")
    }
}

pub fn document() -> Value {
    keep::server::openapi::document()
}

pub fn validator(doc: &Value, strict: bool) -> Validator<'_> {
    Validator { doc, strict }
}

/// `value`, or what its `$ref` points to.
pub fn resolve<'a>(doc: &'a Value, value: &'a Value) -> &'a Value {
    schema::resolve(doc, value)
}

pub fn operations(doc: &Value) -> Vec<Operation> {
    let mut ops = Vec::new();
    for (template, item) in doc["paths"].as_object().expect("paths") {
        let mut path = template.clone();
        for p in item["parameters"].as_array().into_iter().flatten() {
            let p = resolve(doc, p);
            let name = p["name"].as_str().expect("parameter name");
            let example = p["example"]
                .as_str()
                .expect("path parameters have an example");
            path = path.replace(&format!("{{{name}}}"), example);
        }
        for (method, op) in item.as_object().expect("path item") {
            if method != "parameters" {
                ops.push(Operation {
                    method: method.to_uppercase(),
                    template: template.clone(),
                    path: path.clone(),
                    op: op.clone(),
                });
            }
        }
    }
    ops
}

#[test]
fn committed_openapi_json_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi.json");
    let built = keep::server::openapi::pretty();
    if std::fs::read_to_string(&path).ok().as_deref() == Some(built.as_str()) {
        return;
    }
    if std::env::var("SNAPSHOTS").is_ok_and(|v| v == "overwrite") {
        std::fs::write(&path, &built).expect("write openapi.json");
    } else {
        panic!(
            "openapi.json is out of date; run `SNAPSHOTS=overwrite cargo test --test cli openapi`"
        );
    }
}

#[test]
fn the_document_is_openapi_3_1_for_this_version() {
    let doc = document();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(doc["security"], serde_json::json!([{ "bearer": [] }]));
    let scheme = &doc["components"]["securitySchemes"]["bearer"];
    assert_eq!(scheme["scheme"], "bearer");
    let mut ids = BTreeSet::new();
    for op in operations(&doc) {
        let id = op.op["operationId"]
            .as_str()
            .expect("operationId")
            .to_owned();
        assert!(ids.insert(id.clone()), "duplicate operationId {id}");
        assert!(
            ["none", "any", "read", "write", "admin"].contains(&op.scope()),
            "{}",
            op.id()
        );
        assert_eq!(
            op.scope() == "none",
            op.op["security"] == serde_json::json!([])
        );
        for (status, response) in op.op["responses"].as_object().expect("responses") {
            let response = resolve(&doc, response);
            assert!(
                response["content"]["application/json"]["schema"].is_object(),
                "{} {status}: every answer is JSON",
                op.id()
            );
        }
    }
}

/// Walks every schema, parameter and example of the document.
#[test]
fn every_schema_is_checkable_and_every_example_valid() {
    let doc = document();
    let v = validator(&doc, false);
    let mut problems = Vec::new();
    let mut schemas: Vec<(String, &Value)> = Vec::new();
    for (name, s) in doc["components"]["schemas"].as_object().expect("schemas") {
        schemas.push((format!("schema {name}"), s));
    }
    for (name, r) in doc["components"]["responses"]
        .as_object()
        .expect("responses")
    {
        schemas.push((
            format!("response {name}"),
            &r["content"]["application/json"]["schema"],
        ));
    }
    for (name, p) in doc["components"]["parameters"]
        .as_object()
        .expect("parameters")
    {
        schemas.push((format!("parameter {name}"), &p["schema"]));
        if let Some(example) = p.get("example") {
            problems.extend(
                v.errors(&p["schema"], example)
                    .into_iter()
                    .map(|e| format!("parameter {name} example: {e}")),
            );
        }
    }
    for (what, s) in &schemas {
        // Each compiles (an unknown `$ref` or a malformed keyword would panic here).
        let _ = v.errors(s, &Value::Null);
        let _ = what;
    }
    for op in operations(&doc) {
        if let Some(body) = op.op["requestBody"]["content"]["application/json"].as_object() {
            let errors = v.errors(&body["schema"], &body["example"]);
            problems.extend(
                errors
                    .into_iter()
                    .map(|e| format!("{} example: {e}", op.id())),
            );
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The document's name and key rules against the model's own checks, on the same inputs.
#[test]
fn name_and_key_schemas_agree_with_the_model() {
    let doc = document();
    let v = validator(&doc, false);
    let schemas = &doc["components"]["schemas"];
    let long = "x".repeat(63);
    let too_long = "x".repeat(64);
    let names = [
        "a",
        "db-prod",
        "A.b_c-1",
        &long,
        "st-",
        "st-a.b",
        "st_x",
        ".a",
        "a..",
        "",
        &too_long,
        "a b",
        "a/b",
        "é",
        "st-abc123",
        "st-X",
        "a\0",
        ".",
        "..",
        "...",
    ];
    for name in names {
        let documented = v.errors(&schemas["Name"], &Value::from(name)).is_empty();
        let accepted = keep::model::SecretName::parse(name).is_ok();
        assert_eq!(documented, accepted, "name {name:?}");
    }
    let key = "K".repeat(256);
    let too_long = "K".repeat(257);
    for k in [
        "DATABASE_URL",
        "weird key.with-stuff",
        &key,
        "é",
        "",
        "A=B",
        "A\0",
        &too_long,
    ] {
        let documented = v.errors(&schemas["Key"], &Value::from(k)).is_empty();
        assert_eq!(documented, keep::model::check_key(k).is_ok(), "key {k:?}");
    }
}

/// The router and the document are both built from the route table (`server::routes`), so
/// they cannot list different routes; the conformance tests send every documented operation
/// to a real server (each is routed: 401 without a token) and every other method of each path
/// (405). Here: the table and the document agree, and the strict validator does catch what
/// the conformance tests rely on it to catch.
#[test]
fn the_document_lists_exactly_the_routes_of_the_table() {
    let documented: BTreeSet<(String, String)> =
        keep::server::openapi::routes().into_iter().collect();
    let from_doc: BTreeSet<(String, String)> = operations(&document())
        .into_iter()
        .map(|o| (o.method, o.template))
        .collect();
    assert_eq!(documented, from_doc);
    assert!(documented.len() >= 15, "{documented:?}");
}

#[test]
fn the_strict_validator_catches_undocumented_fields_and_bad_times() {
    let doc = document();
    let info = serde_json::json!({ "$ref": "#/components/schemas/SecretInfo" });
    let good = serde_json::json!({
        "id": "st-0123456789abcdefghijkl", "name": "db", "environment": "main",
        "created_at": "2026-01-02T03:04:05.000006Z", "created_by": "admin",
        "updated_at": "2026-01-02T03:04:05Z", "last_used_at": null, "keys": ["A"],
        "version": 1,
    });
    assert_eq!(
        validator(&doc, true).errors(&info, &good),
        Vec::<String>::new()
    );
    let mut extra = good.clone();
    extra["surprise"] = serde_json::json!(1);
    assert!(validator(&doc, false).errors(&info, &extra).is_empty());
    assert!(!validator(&doc, true).errors(&info, &extra).is_empty());
    let mut bad_time = good.clone();
    bad_time["created_at"] = serde_json::json!("yesterday");
    assert!(!validator(&doc, false).errors(&info, &bad_time).is_empty());
    let mut bad_name = good;
    bad_name["name"] = serde_json::json!("st-abc");
    assert!(!validator(&doc, false).errors(&info, &bad_name).is_empty());
    // An error answer: the shared body with the response's own codes.
    let forbidden =
        &doc["components"]["responses"]["ForbiddenAdmin"]["content"]["application/json"]["schema"];
    let body = serde_json::json!({ "error": { "code": "forbidden", "message": "no" } });
    assert!(validator(&doc, true).errors(forbidden, &body).is_empty());
    let wrong = serde_json::json!({ "error": { "code": "not_found", "message": "no" } });
    assert!(!validator(&doc, true).errors(forbidden, &wrong).is_empty());
    let extra = serde_json::json!({ "error": { "code": "forbidden", "message": "no", "x": 1 } });
    assert!(!validator(&doc, true).errors(forbidden, &extra).is_empty());
}

/// docs/json.md lists every error code the server can answer with: those the OpenAPI
/// document enumerates, and those it names in prose.
#[test]
fn docs_json_md_lists_every_error_code_of_the_api() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("openapi.json")).expect("read"))
            .expect("JSON");
    let mut codes = std::collections::BTreeSet::new();
    fn walk(v: &serde_json::Value, codes: &mut std::collections::BTreeSet<String>) {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(e) = m.get("code").and_then(|c| c.get("enum")) {
                    codes.extend(
                        e.as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(|c| c.as_str().map(str::to_owned)),
                    );
                }
                m.values().for_each(|v| walk(v, codes));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, codes)),
            _ => {}
        }
    }
    walk(&doc["components"]["responses"], &mut codes);
    assert!(codes.contains("too_large") && codes.len() > 10, "{codes:?}");
    codes.extend(["no_such_endpoint", "method_not_allowed", "https_required"].map(String::from));
    let json_md = std::fs::read_to_string(root.join("docs/json.md")).expect("read");
    let missing: Vec<&String> = codes
        .iter()
        .filter(|c| !json_md.contains(&format!("`{c}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/json.md does not list: {missing:?}"
    );
}
