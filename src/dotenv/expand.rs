//! `${VAR}` expansion, python-dotenv's way, and the size limits checked while it runs.

use std::borrow::Cow;
use std::collections::HashMap;

use super::parse::{Binding, ErrorKind, ParseError, RawValue};
use crate::model::{MAX_SECRET_BYTES, MAX_VALUE_BYTES};

/// The limit a value passed while it was built.
#[derive(Clone, Copy)]
enum Limit {
    /// [`MAX_VALUE_BYTES`] for the value itself.
    Value,
    /// [`MAX_SECRET_BYTES`] for the keys and values of the file, as the secret would hold them.
    Secret,
    /// [`MAX_SECRET_BYTES`] for what references copied in all, counting a key assigned again.
    Copied,
}

/// Why [`expand`] stopped.
enum Overflow {
    /// The value would pass its cap.
    Cap,
    /// The references of the file would copy more than [`MAX_SECRET_BYTES`].
    Copied,
}

/// The values so far, in first-appearance order, with what the limits need to know.
///
/// Expansion is where a small file grows without bound (each `A2=${A1}${A1}` doubles), so
/// the limits are checked as each value is built, before it is, never after: no value past
/// [`MAX_VALUE_BYTES`], no file past [`MAX_SECRET_BYTES`] (keys and values, counted as
/// `model::validate_data` counts them), and no more than [`MAX_SECRET_BYTES`] copied by
/// references in all (a key assigned again and again keeps the file small but could copy
/// without end). Memory and time stay within a few times the file and those limits.
#[derive(Default)]
pub(super) struct Values {
    out: Vec<(String, String)>,
    index: HashMap<String, usize>,
    /// The bytes of the keys and values in `out`.
    size: usize,
    /// The bytes references have copied, in all statements so far.
    copied: usize,
}

impl Values {
    /// Expand a statement's value against the values so far, then `lookup`
    /// (`dotenv_values` passes `override=True`: the file wins over the environment), and
    /// keep it: a key seen before keeps its place and takes the new value.
    pub(super) fn add(
        &mut self,
        Binding { key, value, line }: Binding,
        lookup: &dyn Fn(&str) -> Option<String>,
    ) -> Result<(), ParseError> {
        let slot = self.index.get(&key).copied();
        let replaced = slot.map_or(0, |i| self.out[i].0.len() + self.out[i].1.len());
        let expanded = matches!(&value, Some(RawValue::Expand(text)) if text.contains("${"));
        let refuse = |limit| too_large(&key, line, limit, expanded);
        let Some(room) = MAX_SECRET_BYTES.checked_sub(self.size - replaced + key.len()) else {
            return Err(refuse(Limit::Secret));
        };
        let cap = room.min(MAX_VALUE_BYTES);
        let hit = if cap < MAX_VALUE_BYTES {
            Limit::Secret
        } else {
            Limit::Value
        };
        let value = match value {
            None => String::new(),
            Some(RawValue::Literal(text)) => text,
            Some(RawValue::Expand(text)) => {
                let (out, index) = (&self.out, &self.index);
                let value_of = |name: &str| match index.get(name) {
                    Some(&i) => Some(Cow::Borrowed(out[i].1.as_str())),
                    None => lookup_env(lookup, name).map(Cow::Owned),
                };
                expand(&text, value_of, cap, &mut self.copied).map_err(|overflow| {
                    refuse(match overflow {
                        Overflow::Cap => hit,
                        Overflow::Copied => Limit::Copied,
                    })
                })?
            }
        };
        if value.len() > cap {
            return Err(refuse(hit));
        }
        self.size = self.size - replaced + key.len() + value.len();
        match slot {
            Some(i) => self.out[i].1 = value,
            None => {
                self.index.insert(key.clone(), self.out.len());
                self.out.push((key, value));
            }
        }
        Ok(())
    }

    /// The pairs in first-appearance order, each with its last value.
    pub(super) fn into_pairs(self) -> Vec<(String, String)> {
        self.out
    }
}

/// The error for `key`'s statement at `line`; `expanded` if its value has references.
fn too_large(key: &str, line: usize, limit: Limit, expanded: bool) -> ParseError {
    // A key is shown as `model::check_key` shows one: escaped, and cut if it is long.
    let key: String = key.chars().take(64).collect();
    let key = key.escape_debug();
    let value_kib = MAX_VALUE_BYTES / 1024;
    let secret_mib = MAX_SECRET_BYTES / (1024 * 1024);
    let once = if expanded {
        " once `${...}` is expanded"
    } else {
        ""
    };
    let message = match limit {
        Limit::Value => {
            format!("the value of `{key}` is over {value_kib} KiB{once} (the limit for one value)")
        }
        Limit::Secret => format!(
            "the keys and values up to `{key}` are over {secret_mib} MiB{once} (the limit for \
             one secret)"
        ),
        Limit::Copied => format!(
            "the `${{...}}` references up to `{key}` copy over {secret_mib} MiB in all (the \
             limit for one secret; a key assigned again counts again)"
        ),
    };
    ParseError {
        line,
        kind: ErrorKind::TooLarge,
        message,
    }
}

/// No environment variable can have an empty name or one with `=` or NUL in it, so those
/// are never asked of the caller's lookup (which may be `std::env::var`).
fn lookup_env(lookup: &dyn Fn(&str) -> Option<String>, name: &str) -> Option<String> {
    if name.is_empty() || name.contains(['=', '\0']) {
        return None;
    }
    lookup(name)
}

/// Replace each `${NAME}` and `${NAME:-default}` in `text`. Like python-dotenv (and unlike a
/// shell) the default is used only when NAME is undefined, not when it is empty, and it is
/// not itself expanded. `$NAME` without braces is left alone, and so is a `${` that does
/// not form a reference.
///
/// Stops before the value passes `cap` bytes, or before `copied`, what references have
/// copied so far in the file, passes [`MAX_SECRET_BYTES`].
fn expand<'v>(
    text: &str,
    value_of: impl Fn(&str) -> Option<Cow<'v, str>>,
    cap: usize,
    copied: &mut usize,
) -> Result<String, Overflow> {
    let mut out = String::with_capacity(text.len().min(cap));
    let push = |out: &mut String, piece: &str| {
        if out.len() + piece.len() > cap {
            return Err(Overflow::Cap);
        }
        out.push_str(piece);
        Ok(())
    };
    let mut literal_start = 0;
    for reference in References::new(text) {
        push(&mut out, &text[literal_start..reference.start])?;
        match value_of(reference.name) {
            Some(value) => {
                if out.len() + value.len() > cap {
                    return Err(Overflow::Cap);
                }
                *copied += value.len();
                if *copied > MAX_SECRET_BYTES {
                    return Err(Overflow::Copied);
                }
                out.push_str(&value);
            }
            None => push(&mut out, reference.default.unwrap_or(""))?,
        }
        literal_start = reference.end;
    }
    push(&mut out, &text[literal_start..])?;
    Ok(out)
}

/// One match of python-dotenv's `\$\{(?P<name>[^}:]*)(?::-(?P<default>[^}]*))?\}`: byte
/// offsets of the whole match, the name and the default.
struct Reference<'t> {
    start: usize,
    end: usize,
    name: &'t str,
    default: Option<&'t str>,
}

/// The references of a value from left to right, as python's `finditer` finds them, in one
/// pass: after a `${` that does not match, the search goes on one byte later, and the next
/// `}`/`:` and next `}` it needs are remembered rather than searched for again (python's
/// regex reads a long run of unclosed `${` once per `${`, in quadratic time).
struct References<'t> {
    text: &'t str,
    at: usize,
    /// The `}` or `:` that ends a name.
    name_end: NextOf,
    /// The `}` that ends a default.
    brace: NextOf,
}

impl<'t> References<'t> {
    fn new(text: &'t str) -> Self {
        References {
            text,
            at: 0,
            name_end: NextOf::new(b"}:"),
            brace: NextOf::new(b"}"),
        }
    }
}

impl<'t> Iterator for References<'t> {
    type Item = Reference<'t>;

    fn next(&mut self) -> Option<Reference<'t>> {
        let text = self.text;
        let bytes = text.as_bytes();
        loop {
            let start = self.at + text.get(self.at..)?.find("${")?;
            let name_start = start + 2;
            // Every match ends in `}`: with no `}` or `:` left, no later `${` matches either.
            let name_end = self.name_end.find(bytes, name_start)?;
            let name = &text[name_start..name_end];
            if bytes.get(name_end) == Some(&b'}') {
                self.at = name_end + 1;
                return Some(Reference {
                    start,
                    end: name_end + 1,
                    name,
                    default: None,
                });
            }
            if bytes.get(name_end + 1) == Some(&b'-') {
                let close = self.brace.find(bytes, name_end + 2)?;
                self.at = close + 1;
                return Some(Reference {
                    start,
                    end: close + 1,
                    name,
                    default: Some(&text[name_end + 2..close]),
                });
            }
            self.at = start + 1;
        }
    }
}

/// The first of some ASCII bytes at or after a position that only ever grows. The answer
/// holds until the position passes it, so no byte is read twice.
struct NextOf {
    set: &'static [u8],
    /// The position last searched from and what was found there (`None`: nothing after it).
    last: Option<(usize, Option<usize>)>,
}

impl NextOf {
    fn new(set: &'static [u8]) -> Self {
        NextOf { set, last: None }
    }

    fn find(&mut self, bytes: &[u8], from: usize) -> Option<usize> {
        match self.last {
            Some((searched, None)) if searched <= from => return None,
            Some((searched, Some(found))) if searched <= from && from <= found => {
                return Some(found);
            }
            _ => {}
        }
        let found = bytes
            .get(from..)
            .and_then(|rest| rest.iter().position(|b| self.set.contains(b)))
            .map(|i| from + i);
        self.last = Some((from, found));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dotenv::parse;
    use crate::dotenv::testing::{error, fake_env, pairs, values};

    #[test]
    fn unquoted_dollar_without_braces_is_kept() {
        assert_eq!(values("A=abc$123"), pairs(&[("A", "abc$123")]));
        assert_eq!(values("A=$HOME_DIR"), pairs(&[("A", "$HOME_DIR")]));
    }

    #[test]
    fn interpolation_with_braces_in_unquoted_and_double_quoted_values() {
        let input = "A=${HOME_DIR}/x\nB=\"${USER_NAME}\"\nC=${NOPE}\nD=$USER_NAME";
        let expected = [
            ("A", "/home/test/x"),
            ("B", "tester"),
            ("C", ""),
            ("D", "$USER_NAME"),
        ];
        assert_eq!(values(input), pairs(&expected));
    }

    #[test]
    fn default_applies_only_when_undefined() {
        let input = "A=${NOPE:-d}\nB=${EMPTY:-d}\nC=${HOME_DIR:-d}\nD=${NOPE:-}\nE=${NOPE:-${A}}";
        let expected = [
            ("A", "d"),
            ("B", ""),
            ("C", "/home/test"),
            ("D", ""),
            ("E", "${A}"),
        ];
        assert_eq!(values(input), pairs(&expected));
    }

    #[test]
    fn earlier_file_keys_win_over_the_environment() {
        let input = "A=${SHARED}\nSHARED=file\nB=${SHARED}\nC=${LATER}\nLATER=x";
        let expected = [
            ("A", "from-env"),
            ("SHARED", "file"),
            ("B", "file"),
            ("C", ""),
            ("LATER", "x"),
        ];
        assert_eq!(values(input), pairs(&expected));
    }

    #[test]
    fn interpolation_is_not_recursive_and_sees_resolved_values() {
        let input = "T=${NOPE:-$}{HOME_DIR}\nU=${T}\nA=1\nA=${A}2\nB=${A}";
        let expected = [
            ("T", "${HOME_DIR}"),
            ("U", "${HOME_DIR}"),
            ("A", "12"),
            ("B", "12"),
        ];
        assert_eq!(values(input), pairs(&expected));
    }

    #[test]
    fn malformed_references_stay_literal() {
        let input = "A=${HOME_DIR\nB=${A:B}\nC=$${HOME_DIR}\nD=${HOME_DIR}}\nE=${}";
        let expected = [
            ("A", "${HOME_DIR"),
            ("B", "${A:B}"),
            ("C", "$/home/test"),
            ("D", "/home/test}"),
            ("E", ""),
        ];
        assert_eq!(values(input), pairs(&expected));
    }

    #[test]
    fn lookup_is_never_asked_for_impossible_names() {
        let strict = |name: &str| -> Option<String> {
            assert!(
                !name.is_empty() && !name.contains('='),
                "asked for {name:?}"
            );
            None
        };
        let parsed = parse("A=${}\n'K=V'=1\nB=${K=V}\nC=${X=Y:-d}", &strict);
        let expected = [("A", ""), ("K=V", "1"), ("B", "1"), ("C", "d")];
        assert_eq!(parsed, Ok(pairs(&expected)));
    }

    #[test]
    fn last_duplicate_wins_in_first_position() {
        assert_eq!(values("A=1\nB=2\nA=3"), pairs(&[("A", "3"), ("B", "2")]));
    }

    // -----------------------------------------------------------------------
    // Size limits, checked while expanding
    // -----------------------------------------------------------------------

    /// `A0=` 1,000 x's, then each `A<n>=${A<n-1>}` written `fan` times.
    fn nested(levels: usize, fan: usize) -> String {
        let mut text = format!("A0={}\n", "x".repeat(1000));
        for n in 1..=levels {
            text.push_str(&format!(
                "A{n}={}\n",
                format!("${{A{}}}", n - 1).repeat(fan)
            ));
        }
        text
    }

    fn too_large_at(input: &str) -> (usize, String) {
        let err = error(input);
        assert_eq!(err.kind, ErrorKind::TooLarge, "{err}");
        assert!(!err.message.contains("xx"), "value leaked: {err}");
        (err.line, err.message)
    }

    #[test]
    fn a_nested_expansion_stops_at_the_value_limit_whatever_the_depth() {
        // A1 is 10 KB and A2 would be 100 KB: the error names A2 and its line, and A3..A40
        // (10^43 bytes, were they built) are never reached.
        for levels in [8, 20, 40] {
            let (line, message) = too_large_at(&nested(levels, 10));
            assert_eq!(line, 3);
            assert!(
                message.starts_with("the value of `A2` is over 64 KiB"),
                "{message}"
            );
        }
        // Doubling: A6 is 64,000 bytes, A7 128,000.
        let (line, message) = too_large_at(&nested(30, 2));
        assert_eq!(line, 8);
        assert!(message.contains("`A7`"), "{message}");
    }

    #[test]
    fn a_value_may_be_exactly_the_limit() {
        let at_limit = format!("A={}\nB=${{A}}\n", "x".repeat(MAX_VALUE_BYTES));
        let parsed = values(&at_limit);
        assert_eq!(parsed[1].1.len(), MAX_VALUE_BYTES);
        let over = format!("A={}\nB=${{A}}y\n", "x".repeat(MAX_VALUE_BYTES));
        assert_eq!(too_large_at(&over).0, 2);
        // Without any reference too, and single-quoted.
        let literal = format!("\n\nC='{}'\n", "x".repeat(MAX_VALUE_BYTES + 1));
        assert_eq!(too_large_at(&literal).0, 3);
        // A default counts as well.
        let default = format!("D=${{NOPE:-{}}}", "x".repeat(MAX_VALUE_BYTES + 1));
        assert_eq!(too_large_at(&default).0, 1);
    }

    #[test]
    fn a_wide_expansion_stops_at_the_secret_limit() {
        // 18 copies of 60,000 bytes: 1,080,000 bytes with the source, over 1 MiB at K17.
        let mut text = format!("B={}\n", "x".repeat(60_000));
        for k in 1..=1000 {
            text.push_str(&format!("K{k}=${{B}}\n"));
        }
        let (line, message) = too_large_at(&text);
        assert_eq!(line, 18);
        assert!(
            message.starts_with("the keys and values up to `K17` are over 1 MiB"),
            "{message}"
        );
    }

    #[test]
    fn reassigning_a_key_cannot_copy_without_end() {
        // The file stays small (one key), but each line copies 60,000 bytes again.
        let mut text = format!("B={}\n", "x".repeat(60_000));
        text.push_str(&"K=${B}\n".repeat(100_000));
        let (line, message) = too_large_at(&text);
        assert_eq!(line, 19);
        assert!(
            message.contains("references up to `K` copy over 1 MiB"),
            "{message}"
        );
        // The environment is copied from as well.
        let big = |_: &str| Some("x".repeat(60_000));
        let err = parse(&"K=${E}\n".repeat(100), &big).expect_err("too much copied");
        assert_eq!((err.kind, err.line), (ErrorKind::TooLarge, 18));
    }

    #[test]
    fn replacing_a_value_frees_its_room() {
        let big = "x".repeat(60_000);
        let mut text = String::new();
        for _ in 0..40 {
            text.push_str(&format!("K='{big}'\n"));
        }
        assert_eq!(values(&text), pairs(&[("K", &big)]));
    }

    #[test]
    fn keys_count_toward_the_secret_limit() {
        let long_key = "K".repeat(1000);
        let text: String = (0..1100).map(|i| format!("{long_key}{i}\n")).collect();
        let (line, message) = too_large_at(&text);
        assert!(line > 1000 && line < 1100, "{line}");
        assert!(message.contains("up to `KKKK"), "{message}");
        assert!(message.len() < 200, "the key is cut: {message}");
    }

    #[test]
    fn unclosed_references_take_linear_time() {
        // python's regex would read the rest of the value again at each `${`.
        let started = std::time::Instant::now();
        for tail in ["", ":", ":-", "}", ":-}"] {
            let text = format!("A={}{tail}", "${".repeat(50_000));
            let _ = parse(&text, &fake_env);
            let text = format!("A={}{tail}", "${x:".repeat(30_000));
            let _ = parse(&text, &fake_env);
        }
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    }

    #[test]
    fn references_match_where_python_dotenv_matches_them() {
        // Outputs of python-dotenv 1.2.4's resolve_variables for each value.
        let cases = [
            ("${${${HOME_DIR}", ""),
            ("${x${x:-d}}", "d}"),
            ("${x${x:-d}}}", "d}}"),
            ("$${x:${HOME_DIR}", "$${x:/home/test"),
            ("${a:b${HOME_DIR}", "${a:b/home/test"),
            ("${a:-${b}:-c}}", "${b:-c}}"),
            ("a${:-}b${}c", "abc"),
        ];
        for (value, expected) in cases {
            let input = format!("A={value}");
            assert_eq!(values(&input), pairs(&[("A", expected)]), "{value}");
        }
    }
}
