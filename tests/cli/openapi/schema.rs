//! A validator for the part of JSON Schema 2020-12 that `openapi.json` uses, and nothing more.
//!
//! Written here rather than taken from the `jsonschema` crate: the document needs a dozen
//! keywords, and a keyword this validator does not know is an error instead of being ignored,
//! so the document cannot drift into constraints that nothing checks. It also has the one
//! extension the conformance tests need: in strict mode an object schema with `properties`
//! and no `additionalProperties` is closed, so that a response field the document does not
//! list is caught, while the document itself stays open for fields added later.

use serde_json::Value;

/// Keywords that only annotate.
const ANNOTATIONS: &[&str] = &["description", "examples", "default", "title", "deprecated"];

/// Keywords that constrain, all of which [`Validator::check`] implements.
const KEYWORDS: &[&str] = &[
    "$ref",
    "type",
    "enum",
    "const",
    "minLength",
    "maxLength",
    "pattern",
    "format",
    "minimum",
    "maximum",
    "properties",
    "required",
    "additionalProperties",
    "propertyNames",
    "minProperties",
    "items",
    "minItems",
    "uniqueItems",
    "not",
    "anyOf",
    "allOf",
];

pub struct Validator<'a> {
    /// The whole document, for `$ref`.
    pub doc: &'a Value,
    /// Close object schemas that list `properties` but say nothing of others.
    pub strict: bool,
}

impl Validator<'_> {
    /// Every way `value` fails `schema`, each prefixed with where (a JSON pointer).
    pub fn errors(&self, schema: &Value, value: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        self.check(schema, value, "", self.strict, &mut errors);
        errors
    }

    pub fn resolve<'s>(&'s self, schema: &'s Value) -> &'s Value {
        resolve(self.doc, schema)
    }

    fn check(&self, schema: &Value, value: &Value, at: &str, strict: bool, out: &mut Vec<String>) {
        let Some(map) = schema.as_object() else {
            if schema == &Value::Bool(false) {
                out.push(format!("{at}: no value is allowed here"));
            }
            return;
        };
        for (k, v) in map {
            let fail = |out: &mut Vec<String>, why: String| out.push(format!("{at}: {why}"));
            match k.as_str() {
                "$ref" => self.check(self.resolve(schema), value, at, strict, out),
                "type" => {
                    let types: Vec<&str> = match v {
                        Value::String(s) => vec![s.as_str()],
                        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                        _ => panic!("bad type {v}"),
                    };
                    if !types.iter().any(|t| is_type(value, t)) {
                        fail(out, format!("{value} is not of type {v}"));
                    }
                }
                "enum" if !v.as_array().is_some_and(|a| a.contains(value)) => {
                    fail(out, format!("{value} is not one of {v}"));
                }
                "const" if v != value => fail(out, format!("{value} is not {v}")),
                "not" if self.errors_in(v, value, at).is_empty() => {
                    fail(out, format!("{value} matches what `not` refuses: {v}"));
                }
                "anyOf" => {
                    let branches = v.as_array().expect("anyOf is an array");
                    if branches
                        .iter()
                        .all(|b| !self.errors_in(b, value, at).is_empty())
                    {
                        fail(out, format!("{value} matches no branch of anyOf"));
                    }
                }
                "allOf" => {
                    for b in v.as_array().expect("allOf is an array") {
                        out.extend(self.errors_in(b, value, at));
                    }
                }
                k if KEYWORDS.contains(&k) => self.check_kind(k, v, map, value, at, strict, out),
                k if ANNOTATIONS.contains(&k) => {}
                k => fail(
                    out,
                    format!("keyword `{k}` is not supported by this validator"),
                ),
            }
        }
    }

    /// Errors of a subschema combined by `not`, `anyOf` or `allOf`: never strict, since it
    /// constrains only what it names.
    fn errors_in(&self, schema: &Value, value: &Value, at: &str) -> Vec<String> {
        let mut errors = Vec::new();
        self.check(schema, value, at, false, &mut errors);
        errors
    }

    /// Keywords that apply to one kind of value only, and pass any other kind.
    #[allow(clippy::too_many_arguments)]
    fn check_kind(
        &self,
        keyword: &str,
        v: &Value,
        schema: &serde_json::Map<String, Value>,
        value: &Value,
        at: &str,
        strict: bool,
        out: &mut Vec<String>,
    ) {
        let n = |v: &Value| v.as_f64().expect("a number");
        let fail = |out: &mut Vec<String>, why: String| out.push(format!("{at}: {why}"));
        match (keyword, value) {
            ("minLength", Value::String(s)) if (s.chars().count() as f64) < n(v) => {
                fail(
                    out,
                    format!("{} characters, fewer than {v}", s.chars().count()),
                );
            }
            ("maxLength", Value::String(s)) if (s.chars().count() as f64) > n(v) => {
                fail(
                    out,
                    format!("{} characters, more than {v}", s.chars().count()),
                );
            }
            ("pattern", Value::String(s)) => {
                let re = regex::Regex::new(v.as_str().expect("a pattern")).expect("a regex");
                if !re.is_match(s) {
                    fail(out, format!("{value} does not match {v}"));
                }
            }
            ("format", Value::String(s)) => {
                assert_eq!(v, "date-time", "only the date-time format is supported");
                if !is_rfc3339(s) {
                    fail(out, format!("{value} is not an RFC 3339 date-time"));
                }
            }
            ("minimum", Value::Number(x)) if n(value) < n(v) => fail(out, format!("{x} < {v}")),
            ("maximum", Value::Number(x)) if n(value) > n(v) => fail(out, format!("{x} > {v}")),
            ("minProperties", Value::Object(o)) if (o.len() as f64) < n(v) => {
                fail(out, format!("{} properties, fewer than {v}", o.len()));
            }
            ("minItems", Value::Array(a)) if (a.len() as f64) < n(v) => {
                fail(out, format!("{} items, fewer than {v}", a.len()));
            }
            ("uniqueItems", Value::Array(a))
                if v == true && a.iter().enumerate().any(|(i, x)| a[..i].contains(x)) =>
            {
                fail(out, "items are not unique".to_owned());
            }
            ("items", Value::Array(a)) => {
                for (i, item) in a.iter().enumerate() {
                    self.check(v, item, &format!("{at}/{i}"), strict, out);
                }
            }
            ("required", Value::Object(o)) => {
                for r in v.as_array().expect("required is an array") {
                    if !o.contains_key(r.as_str().expect("a name")) {
                        fail(out, format!("missing required property {r}"));
                    }
                }
            }
            ("properties", Value::Object(o)) => {
                for (name, sub) in v.as_object().expect("properties is an object") {
                    if let Some(x) = o.get(name) {
                        self.check(sub, x, &format!("{at}/{name}"), strict, out);
                    }
                }
                if strict && !schema.contains_key("additionalProperties") {
                    let listed = v.as_object().expect("properties is an object");
                    for name in o.keys().filter(|k| !listed.contains_key(*k)) {
                        fail(out, format!("property `{name}` is not documented"));
                    }
                }
            }
            ("additionalProperties", Value::Object(o)) => {
                let listed = schema.get("properties").and_then(Value::as_object);
                for (name, x) in o {
                    if !listed.is_some_and(|l| l.contains_key(name)) {
                        self.check(v, x, &format!("{at}/{name}"), strict, out);
                    }
                }
            }
            ("propertyNames", Value::Object(o)) => {
                for name in o.keys() {
                    let key = Value::String(name.clone());
                    self.check(v, &key, &format!("{at} (key {name:?})"), strict, out);
                }
            }
            _ => {}
        }
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

fn is_type(value: &Value, t: &str) -> bool {
    match t {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        "number" => value.is_number(),
        "integer" => {
            value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        _ => panic!("unknown type {t}"),
    }
}

/// RFC 3339 `date-time`, checked for shape and for being a real time.
pub fn is_rfc3339(s: &str) -> bool {
    let shape = regex::Regex::new(
        r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$",
    )
    .expect("regex");
    shape.is_match(s) && s.parse::<jiff::Timestamp>().is_ok()
}

/// Every keyword in `schema` and below that this validator would not check.
pub fn unsupported_keywords(schema: &Value) -> Vec<String> {
    let mut found = Vec::new();
    let Some(map) = schema.as_object() else {
        return found;
    };
    for (k, v) in map {
        if !KEYWORDS.contains(&k.as_str()) && !ANNOTATIONS.contains(&k.as_str()) {
            found.push(k.clone());
        }
        match k.as_str() {
            "properties" => {
                for sub in v.as_object().into_iter().flat_map(|m| m.values()) {
                    found.extend(unsupported_keywords(sub));
                }
            }
            "anyOf" | "allOf" => {
                for sub in v.as_array().into_iter().flatten() {
                    found.extend(unsupported_keywords(sub));
                }
            }
            "items" | "not" | "additionalProperties" | "propertyNames" => {
                found.extend(unsupported_keywords(v));
            }
            _ => {}
        }
    }
    found
}
