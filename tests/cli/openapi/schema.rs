//! Checking values against the document's schemas with the `jsonschema` crate (JSON Schema
//! 2020-12, formats checked), with the one extension the conformance tests need: in strict
//! mode an object schema (`"type": "object"`) that lists `properties` and says nothing of
//! others is closed, so that a response field the document does not list is caught, while
//! the document itself stays open for fields added later.

use serde_json::Value;

pub struct Validator<'a> {
    /// The whole document, for `$ref`.
    pub doc: &'a Value,
    /// Close object schemas that list `properties` but say nothing of others.
    pub strict: bool,
}

impl Validator<'_> {
    /// Every way `value` fails `schema`, each prefixed with where (a JSON pointer).
    pub fn errors(&self, schema: &Value, value: &Value) -> Vec<String> {
        // The schema becomes the root of a resource that also holds the document's
        // components, so that its `#/components/...` references resolve.
        let mut root = match schema {
            Value::Object(m) => Value::Object(m.clone()),
            other => serde_json::json!({ "allOf": [other] }),
        };
        root["components"] = self.doc["components"].clone();
        if self.strict {
            close_objects(&mut root);
        }
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(&root)
            .unwrap_or_else(|e| panic!("invalid schema {schema}: {e}"));
        validator
            .iter_errors(value)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect()
    }
}

/// Adds `"additionalProperties": false` to every object schema that lists its properties and
/// says nothing of others.
fn close_objects(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            let closable = map.get("type") == Some(&Value::from("object"))
                && map.contains_key("properties")
                && !map.contains_key("additionalProperties")
                && !map.contains_key("unevaluatedProperties");
            if closable {
                map.insert("additionalProperties".into(), Value::Bool(false));
            }
            for v in map.values_mut() {
                close_objects(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(close_objects),
        _ => {}
    }
}

/// `schema`, or what its `$ref` points to in `doc`.
pub fn resolve<'d>(doc: &'d Value, schema: &'d Value) -> &'d Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => doc
            .pointer(r.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("unresolved $ref {r}")),
        None => schema,
    }
}
