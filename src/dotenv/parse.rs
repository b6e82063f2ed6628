//! The grammar: statements, quoting, escapes and comments, as python-dotenv's parser reads
//! them, and the errors it reports.

use std::fmt;

use super::expand::Values;

/// A statement the parser could not understand, or one that passes a size limit. Never
/// contains a value: only the line number, the key for a size, and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub kind: ErrorKind,
    pub message: String,
}

/// What a caller's hint depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The text is not python-dotenv's syntax.
    Syntax,
    /// A value or the file passes keep's size limits, `${VAR}` expanded.
    TooLarge,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

/// Parse `input` (the whole file's text). `lookup` resolves `${VAR}` that is not defined earlier in the file (the caller passes the process environment).
/// Returns (key, value) pairs in first-appearance order, with the last duplicate's value winning (python dict semantics).
/// A key without `=` yields an empty string value.
pub fn parse(
    input: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<(String, String)>, ParseError> {
    let text = normalize_newlines(input.strip_prefix('\u{feff}').unwrap_or(input));
    let mut cursor = Cursor::new(&text);
    // Each statement is expanded as soon as it is read (python-dotenv's parse_stream is a
    // generator too): only the keys kept so far are held, never every statement of the file.
    let mut values = Values::default();
    while !cursor.is_empty() {
        if let Some(binding) = parse_statement(&mut cursor)? {
            values.add(binding, lookup)?;
        }
    }
    Ok(values.into_pairs())
}

// ---------------------------------------------------------------------------
// Lexing
// ---------------------------------------------------------------------------

/// python-dotenv reads the file in text mode with universal newlines, so `\r\n` and a lone
/// `\r` reach its parser as `\n`, even inside quoted values.
fn normalize_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Python's `\s` (`str.isspace`): Rust's `char::is_whitespace` plus the four ASCII
/// separators U+001C..U+001F, which python counts as whitespace and Rust does not.
fn is_py_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\u{1c}'..='\u{20}'
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// python-dotenv's `[^\S\r\n]`: whitespace that does not end the line.
fn is_inline_space(c: char) -> bool {
    c != '\n' && is_py_space(c)
}

/// The unparsed rest of the text, and the line it starts on.
struct Cursor<'a> {
    rest: &'a str,
    line: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Cursor {
            rest: text,
            line: 1,
        }
    }

    fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    fn peek(&self) -> Option<char> {
        self.rest.chars().next()
    }

    /// Consume `len` bytes (a char boundary) and return them.
    fn take(&mut self, len: usize) -> &'a str {
        let (taken, rest) = self.rest.split_at(len);
        self.line += taken.matches('\n').count();
        self.rest = rest;
        taken
    }

    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> &'a str {
        let len = self.rest.find(|c| !keep(c)).unwrap_or(self.rest.len());
        self.take(len)
    }
}

// ---------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------

/// How a value was written decides whether `${VAR}` is expanded in it.
pub(super) enum RawValue {
    /// Unquoted or double-quoted: expanded.
    Expand(String),
    /// Single-quoted: taken literally.
    Literal(String),
}

/// One `KEY[=VALUE]` statement as written, before expansion.
pub(super) struct Binding {
    pub(super) key: String,
    /// `None` for a key without `=`.
    pub(super) value: Option<RawValue>,
    /// Where the statement starts, for a size error found when it is expanded.
    pub(super) line: usize,
}

const NO_KEY_AFTER_EXPORT: &str = "expected a key after 'export'";
const NO_KEY_BEFORE_EQUALS: &str = "missing key before '='";
const BAD_QUOTED_KEY: &str = "unterminated or empty single-quoted key";
const UNTERMINATED_SINGLE: &str = "unterminated single-quoted value";
const UNTERMINATED_DOUBLE: &str = "unterminated double-quoted value";
const UNTERMINATED_SINGLE_ESCAPE: &str = "unterminated single-quoted value: a backslash escapes \
     the character after it, so `\\'` is a quote inside the value (write `\\\\` for a backslash)";
const UNTERMINATED_DOUBLE_ESCAPE: &str = "unterminated double-quoted value: a backslash escapes \
     the character after it, so `\\\"` is a quote inside the value (write `\\\\` for a backslash)";
const TEXT_AFTER_QUOTE: &str = "unexpected text after the closing quote";
const EXPECTED_EQUALS: &str = "expected KEY=VALUE: unexpected text after the key";

/// One statement: blank lines, then `[export ]KEY[ = VALUE][ # comment]` up to the end of
/// its last line (`parse_binding` in python-dotenv). `Ok(None)` for a comment or the end
/// of the text.
fn parse_statement(cursor: &mut Cursor<'_>) -> Result<Option<Binding>, ParseError> {
    cursor.take_while(is_py_space);
    if cursor.is_empty() {
        return Ok(None);
    }
    // python-dotenv reports the line where the skipped blank lines began; the line of
    // the statement itself is what a person needs to find it.
    let line = cursor.line;
    let fail = |message: &str| ParseError {
        line,
        kind: ErrorKind::Syntax,
        message: message.to_string(),
    };
    let exported = skip_export(cursor);
    if cursor.peek() == Some('#') {
        cursor.take_while(|c| c != '\n');
        end_of_line(cursor);
        return Ok(None);
    }
    let key = parse_key(cursor, exported).map_err(fail)?;
    cursor.take_while(is_inline_space);
    let value = if cursor.peek() == Some('=') {
        cursor.take(1);
        let space = cursor.take_while(is_inline_space);
        // Since python-dotenv 1.2.4, `KEY= # note` is an empty value and a comment, while
        // `KEY=#x` (no space) is still the value `#x`.
        if !space.is_empty() && cursor.peek() == Some('#') {
            Some(RawValue::Expand(String::new()))
        } else {
            Some(parse_value(cursor).map_err(fail)?)
        }
    } else {
        None
    };
    skip_comment(cursor);
    if !end_of_line(cursor) {
        // An unquoted value runs to the end of the line, so only these two can be left over.
        let message = if value.is_some() {
            TEXT_AFTER_QUOTE
        } else {
            EXPECTED_EQUALS
        };
        return Err(fail(message));
    }
    Ok(Some(Binding { key, value, line }))
}

/// `export` counts as the prefix only when inline whitespace follows it: `export=1` and a
/// bare `export` are the key `export`.
fn skip_export(cursor: &mut Cursor<'_>) -> bool {
    let Some(after) = cursor.rest.strip_prefix("export") else {
        return false;
    };
    if !after.starts_with(is_inline_space) {
        return false;
    }
    cursor.take("export".len());
    cursor.take_while(is_inline_space);
    true
}

/// `'KEY'` (anything but `'`, at least one char, newlines included) or an unquoted key: a
/// run of anything but `=`, `#` and whitespace. A double-quoted key keeps its quotes.
fn parse_key(cursor: &mut Cursor<'_>, exported: bool) -> Result<String, &'static str> {
    if cursor.peek() == Some('\'') {
        let body = &cursor.rest[1..];
        return match body.find('\'') {
            Some(end) if end > 0 => Ok(cursor.take(end + 2)[1..=end].to_string()),
            _ => Err(BAD_QUOTED_KEY),
        };
    }
    let key = cursor.take_while(|c| c != '=' && c != '#' && !is_py_space(c));
    match key {
        "" if exported && cursor.peek() != Some('=') => Err(NO_KEY_AFTER_EXPORT),
        "" => Err(NO_KEY_BEFORE_EQUALS),
        key => Ok(key.to_string()),
    }
}

/// The value after `=` and the inline whitespace that follows it.
fn parse_value(cursor: &mut Cursor<'_>) -> Result<RawValue, &'static str> {
    match cursor.peek() {
        Some(quote @ ('\'' | '"')) => {
            let body = &cursor.rest[1..];
            let end = closing_quote(body, quote).map_err(|escaped_quote| {
                match (quote == '"', escaped_quote) {
                    (true, false) => UNTERMINATED_DOUBLE,
                    (true, true) => UNTERMINATED_DOUBLE_ESCAPE,
                    (false, false) => UNTERMINATED_SINGLE,
                    (false, true) => UNTERMINATED_SINGLE_ESCAPE,
                }
            })?;
            let raw = &cursor.take(end + 2)[1..=end];
            Ok(if quote == '"' {
                RawValue::Expand(decode_escapes(raw, "\\'\"abfnrtv"))
            } else {
                RawValue::Literal(decode_escapes(raw, "\\'"))
            })
        }
        None | Some('\n') => Ok(RawValue::Expand(String::new())),
        Some(_) => Ok(RawValue::Expand(unquoted_value(
            cursor.take_while(|c| c != '\n'),
        ))),
    }
}

/// Where python-dotenv's `'((?:\\.|[^'\\])*)'` (or its `"` twin, both with DOTALL) closes, as a
/// byte offset into `body`, the text after the opening quote. A backslash always takes the
/// character after it along (python-dotenv 1.2.3 on), so `\'` never closes the value, `\\`
/// before the quote does not stop it closing, and a backslash at the end of the text leaves
/// the value open. Err(true) if it never closes and held an escaped quote: most likely a
/// backslash meant literally, as in `"C:\dir\"`.
fn closing_quote(body: &str, quote: char) -> Result<usize, bool> {
    let bytes = body.as_bytes();
    let quote = quote as u8;
    let mut escaped_quote = false;
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        if byte == quote {
            return Ok(i);
        }
        if byte == b'\\' {
            let Some(&next) = bytes.get(i + 1) else {
                break;
            };
            escaped_quote |= next == quote;
            // The escaped character may be several bytes long; those that follow are
            // never a quote or a backslash, so stepping over its first byte is enough.
            i += 2;
        } else {
            i += 1;
        }
    }
    Err(escaped_quote)
}

/// Replace `\c` for each `c` in `known` with what python's `unicode-escape` makes of it; any
/// other backslash (`\q`, `\u0041`, a lone `\` at the end) stays as written.
fn decode_escapes(raw: &str, known: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '\\' && known.contains(next) => {
                chars.next();
                out.push(match next {
                    'a' => '\u{7}',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    'v' => '\u{b}',
                    other => other,
                });
            }
            _ => out.push(c),
        }
    }
    out
}

/// The rest of the line, cut at the first `#` that follows whitespace (python-dotenv's
/// `\s+#.*`), then right-trimmed. A `#` right after `=` or inside a word is kept.
fn unquoted_value(line: &str) -> String {
    let mut previous_is_space = false;
    let mut end = line.len();
    for (i, c) in line.char_indices() {
        if c == '#' && previous_is_space {
            end = i;
            break;
        }
        previous_is_space = is_py_space(c);
    }
    line[..end].trim_end_matches(is_py_space).to_string()
}

/// An optional `[inline space]#comment` up to the end of the line.
fn skip_comment(cursor: &mut Cursor<'_>) {
    if cursor
        .rest
        .trim_start_matches(is_inline_space)
        .starts_with('#')
    {
        cursor.take_while(|c| c != '\n');
    }
}

/// Inline space then a newline or the end of the text; false if anything else is left.
fn end_of_line(cursor: &mut Cursor<'_>) -> bool {
    cursor.take_while(is_inline_space);
    match cursor.peek() {
        None => true,
        Some('\n') => {
            cursor.take(1);
            true
        }
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::dotenv::testing::{error, fake_env, pairs, values};

    #[test]
    fn pairs_come_in_file_order() {
        assert_eq!(values("B=2\nA=1\n"), pairs(&[("B", "2"), ("A", "1")]));
    }

    #[test]
    fn comments_blank_and_space_only_lines_are_skipped() {
        let input = "# top\n\n   \n\t\nA=1\n  # indented\nexport # also a comment\n#B=2\n";
        assert_eq!(values(input), pairs(&[("A", "1")]));
    }

    #[test]
    fn export_prefix_needs_whitespace_after_it() {
        assert_eq!(
            values("export A=1\nexport\tB = 2"),
            pairs(&[("A", "1"), ("B", "2")])
        );
        assert_eq!(values("export=1"), pairs(&[("export", "1")]));
        assert_eq!(values("export"), pairs(&[("export", "")]));
        assert_eq!(values("exportA=1"), pairs(&[("exportA", "1")]));
        assert_eq!(error("A=1\nexport \n").line, 2);
    }

    #[test]
    fn spaces_around_key_equals_and_value_are_ignored() {
        assert_eq!(values("  A  =  foo bar  \n"), pairs(&[("A", "foo bar")]));
        assert_eq!(values("A=\t\tx\t"), pairs(&[("A", "x")]));
    }

    #[test]
    fn unquoted_comment_starts_at_a_hash_after_whitespace() {
        assert_eq!(values("A=foo #c"), pairs(&[("A", "foo")]));
        assert_eq!(values("A=foo\t#c # d"), pairs(&[("A", "foo")]));
        assert_eq!(values("A=a#b"), pairs(&[("A", "a#b")]));
        assert_eq!(values("A=foo\u{a0}#c"), pairs(&[("A", "foo")]));
    }

    #[test]
    fn space_then_hash_after_equals_is_an_empty_value_and_a_comment() {
        // python-dotenv 1.2.4 (before, `# c` was the value).
        let input = "A= # c\nB=\t#c\nexport C =  # c 'x'\nD=\u{a0}#c\nE= #\n";
        let expected = [("A", ""), ("B", ""), ("C", ""), ("D", ""), ("E", "")];
        assert_eq!(values(input), pairs(&expected));
        // Without the space the `#` starts the value; quotes still protect it.
        let input = "A=#c\nB= '#c'\nC=\"#c\" #d\nD=x #c";
        let expected = [("A", "#c"), ("B", "#c"), ("C", "#c"), ("D", "x")];
        assert_eq!(values(input), pairs(&expected));
    }

    #[test]
    fn empty_values() {
        let expected = pairs(&[("A", ""), ("B", ""), ("C", ""), ("D", "")]);
        assert_eq!(values("A=\nB=\"\"\nC=''\nD=   \n"), expected);
    }

    #[test]
    fn equals_signs_after_the_first_belong_to_the_value() {
        assert_eq!(values("A=a=b\nB==c"), pairs(&[("A", "a=b"), ("B", "=c")]));
    }

    #[test]
    fn single_quotes_are_literal_but_for_two_escapes() {
        assert_eq!(values(r"A='a\nb \q #c'"), pairs(&[("A", r"a\nb \q #c")]));
        assert_eq!(values(r"A='it\'s \\ \x'"), pairs(&[("A", r"it's \ \x")]));
        assert_eq!(
            values("A='${HOME_DIR} $x'"),
            pairs(&[("A", "${HOME_DIR} $x")])
        );
    }

    #[test]
    fn double_quotes_decode_python_dotenv_escapes_only() {
        let input = r#"A="\n\t\r\"\\\'\a\b\f\v""#;
        let expected = "\n\t\r\"\\'\u{7}\u{8}\u{c}\u{b}";
        assert_eq!(values(input), pairs(&[("A", expected)]));
        let unknown = r#"A="\q\u0041\x41\0\$""#;
        assert_eq!(values(unknown), pairs(&[("A", r"\q\u0041\x41\0\$")]));
    }

    #[test]
    fn quoted_values_span_lines() {
        let input = "A=\"one\ntwo\"\nB='three\nfour'\nC=5\n";
        let expected = pairs(&[("A", "one\ntwo"), ("B", "three\nfour"), ("C", "5")]);
        assert_eq!(values(input), expected);
    }

    #[test]
    fn comment_may_follow_the_closing_quote() {
        let input = "A=\"x\" # c\nB=\"y\"#c\nC='a # b'  \n";
        assert_eq!(
            values(input),
            pairs(&[("A", "x"), ("B", "y"), ("C", "a # b")])
        );
    }

    #[test]
    fn a_backslash_in_quotes_always_escapes_the_next_character() {
        // python-dotenv 1.2.3: `\\` before the quote is one backslash, and the quote closes.
        let input = "A=\"C:\\\\dir\\\\\"\nB='x\\\\'\nC=after\n";
        let expected = [("A", r"C:\dir\"), ("B", r"x\"), ("C", "after")];
        assert_eq!(values(input), pairs(&expected));
        assert_eq!(values(r#"A="a\"b" # c"#), pairs(&[("A", "a\"b")]));
        // A backslash before a newline keeps both; an unknown escape stays as written.
        let expected = [("A", "a\\\nb"), ("B", "a\\\nb")];
        assert_eq!(values("A=\"a\\\nb\"\nB='a\\\nb'"), pairs(&expected));
    }

    #[test]
    fn an_escaped_quote_never_closes_the_value() {
        // Before 1.2.3, python-dotenv let the last `\"` close a value that had no other end.
        for (input, message) in [
            (r#"A="C:\dir\""#, UNTERMINATED_DOUBLE_ESCAPE),
            ("A='it\\'s\nB=2", UNTERMINATED_SINGLE_ESCAPE),
            // A later quote closes it, and what follows that quote is left over.
            ("A=\"x\\\"\nB=\"y\"", TEXT_AFTER_QUOTE),
            ("A=\"abc\\", UNTERMINATED_DOUBLE),
            ("A='abc\\", UNTERMINATED_SINGLE),
        ] {
            let err = error(input);
            assert_eq!((err.line, err.message.as_str()), (1, message), "{input:?}");
        }
    }

    #[test]
    fn key_without_equals_is_empty_and_shadows_the_environment() {
        let input = "FOO\nBAR # c\nHOME_DIR\nX=${HOME_DIR:-d}";
        let expected = [("FOO", ""), ("BAR", ""), ("HOME_DIR", ""), ("X", "")];
        assert_eq!(values(input), pairs(&expected));
    }

    #[test]
    fn bom_and_all_line_endings() {
        let expected = pairs(&[("A", "1"), ("B", "x\ny"), ("C", "3")]);
        assert_eq!(values("\u{feff}A=1\r\nB=\"x\r\ny\"\r\nC=3\r\n"), expected);
        assert_eq!(values("A=1\rB='x\ry'\rC=3"), expected);
        assert_eq!(error("A=1\r\nB=2\r\nbad line\r\n").line, 3);
    }

    #[test]
    fn keys_may_be_single_quoted_or_hold_odd_characters() {
        let input = "'MY KEY'=1\n\"dq\"=2\na.b-c:d=3\n日本=4";
        let expected = [
            ("MY KEY", "1"),
            ("\"dq\"", "2"),
            ("a.b-c:d", "3"),
            ("日本", "4"),
        ];
        assert_eq!(values(input), pairs(&expected));
    }

    #[test]
    fn unparsable_statements_name_their_line_and_problem() {
        let cases = [
            ("A=1\nB=\"secret\nC=x", 2, UNTERMINATED_DOUBLE),
            ("\"odd=key\nB=\"secret", 2, UNTERMINATED_DOUBLE),
            ("A=1\n\nB=\"x\nC=1", 3, UNTERMINATED_DOUBLE),
            ("A='secret", 1, UNTERMINATED_SINGLE),
            ("A=\"x\" secret", 1, TEXT_AFTER_QUOTE),
            ("A='it\\'s secret", 1, UNTERMINATED_SINGLE_ESCAPE),
            ("A=\"C:\\secret\\\"\n", 1, UNTERMINATED_DOUBLE_ESCAPE),
            ("A=\"l1\nl2\"\nNOT VALID", 3, EXPECTED_EQUALS),
            ("=secret", 1, NO_KEY_BEFORE_EQUALS),
            ("export =secret", 1, NO_KEY_BEFORE_EQUALS),
            ("export ", 1, NO_KEY_AFTER_EXPORT),
            ("''=secret", 1, BAD_QUOTED_KEY),
            ("'KEY=secret", 1, BAD_QUOTED_KEY),
        ];
        for (input, line, message) in cases {
            let err = error(input);
            assert_eq!(
                (err.line, err.message.as_str()),
                (line, message),
                "{input:?}"
            );
            assert!(!err.to_string().contains("secret"), "value leaked: {err}");
        }
    }

    #[test]
    fn error_display() {
        let err = ParseError {
            line: 7,
            kind: ErrorKind::Syntax,
            message: "unterminated double-quoted value".into(),
        };
        assert_eq!(err.to_string(), "line 7: unterminated double-quoted value");
    }

    #[test]
    fn whitespace_is_pythons() {
        for c in (0..=0x0010_ffff).filter_map(char::from_u32) {
            let python = c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c);
            assert_eq!(is_py_space(c), python, "U+{:04X}", c as u32);
        }
    }

    // -----------------------------------------------------------------------
    // The corpus: tests/dotenv_corpus/NN-name.env against NN-name.json, written by
    // scripts/dotenv_compare.py from python-dotenv's own output.
    // -----------------------------------------------------------------------

    /// A JSON object read in document order (`serde_json::Map` sorts its keys).
    struct OrderedPairs(Vec<(String, String)>);

    impl<'de> serde::Deserialize<'de> for OrderedPairs {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct Visitor;
            impl<'de> serde::de::Visitor<'de> for Visitor {
                type Value = OrderedPairs;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("an object of strings")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> Result<OrderedPairs, A::Error> {
                    let mut pairs = Vec::new();
                    while let Some(pair) = map.next_entry()? {
                        pairs.push(pair);
                    }
                    Ok(OrderedPairs(pairs))
                }
            }
            deserializer.deserialize_map(Visitor)
        }
    }

    /// `note` and the `python_dotenv*` fields are for people and are ignored.
    #[derive(serde::Deserialize)]
    struct Expected {
        values: Option<OrderedPairs>,
        error_line: Option<usize>,
    }

    fn check_case(env_file: &Path) -> Result<(), String> {
        let input = std::fs::read_to_string(env_file).map_err(|e| e.to_string())?;
        let json = std::fs::read_to_string(env_file.with_extension("json"))
            .map_err(|e| format!("no expected .json: {e}"))?;
        let expected: Expected = serde_json::from_str(&json).map_err(|e| e.to_string())?;
        match (parse(&input, &fake_env), expected) {
            (
                Ok(got),
                Expected {
                    values: Some(want), ..
                },
            ) if got == want.0 => Ok(()),
            (
                Err(got),
                Expected {
                    error_line: Some(want),
                    ..
                },
            ) if got.line == want => Ok(()),
            (got, Expected { values, error_line }) => Err(format!(
                "got {got:?}, expected values {:?} / error_line {error_line:?}",
                values.map(|v| v.0)
            )),
        }
    }

    #[test]
    fn corpus_matches_python_dotenv() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dotenv_corpus");
        let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("corpus directory")
            .map(|entry| entry.expect("corpus entry").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "env"))
            .collect();
        cases.sort();
        assert!(cases.len() >= 40, "only {} corpus cases", cases.len());
        let failures: Vec<String> = cases
            .iter()
            .filter_map(|case| {
                let name = case.file_name()?.to_string_lossy().into_owned();
                check_case(case).err().map(|why| format!("{name}: {why}"))
            })
            .collect();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
