//! `.env` files in the python-dotenv dialect (what `dotenv_values(path)` returns), and the
//! walk-to-root search for them.
//!
//! The parser is a port of python-dotenv 1.2.4's regex grammar (`dotenv/parser.py`) and
//! variable expansion (`dotenv/variables.py`, `resolve_variables` in `dotenv/main.py`), so a
//! file gives the same values here as in `modal.Secret.from_dotenv`. Where we differ on
//! purpose, it is said at the spot:
//! - a line python-dotenv cannot parse (it logs a warning and skips it) is an error here;
//! - a key without `=` has the empty string as value (python-dotenv gives `None`);
//! - single-quoted values are literal (python-dotenv expands `${VAR}` in them too);
//! - a value past [`MAX_VALUE_BYTES`], or a file past [`MAX_SECRET_BYTES`], is an error,
//!   found while `${VAR}` is expanded, so a few nested references cannot make gigabytes;
//! - the search takes regular files only (python-dotenv also takes a named pipe, which
//!   would block the read until something writes to it).
//!
//! The fixtures in `tests/dotenv_corpus` hold python-dotenv's own output for each case;
//! `scripts/dotenv_compare.py` regenerates them, and refuses any python-dotenv but 1.2.4.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::path::{Component, Path, PathBuf};

use crate::model::{MAX_SECRET_BYTES, MAX_VALUE_BYTES};

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
    Ok(values.out)
}

/// Starting at `start` (if it is a file, its directory; if a directory, itself), walk up to the filesystem root and return the first `<dir>/<filename>` that is a regular file (or a link to one).
/// Anything else of that name is passed over: a directory, and, unlike python-dotenv, a named
/// pipe, socket or device, which a read could wait on forever or never reach the end of.
/// Err carries every directory that was searched, in order, so the caller can say where it looked.
pub fn find_upwards(start: &Path, filename: &str) -> Result<PathBuf, Vec<PathBuf>> {
    let absolute = absolute_lexical(start);
    let mut dir = if start.is_file() {
        absolute.parent().map(Path::to_path_buf)
    } else {
        Some(absolute)
    };
    let mut searched = Vec::new();
    while let Some(current) = dir {
        let candidate = current.join(filename);
        if candidate.is_file() {
            return Ok(candidate);
        }
        dir = current.parent().map(Path::to_path_buf);
        searched.push(current);
    }
    Err(searched)
}

/// Like python's `os.path.abspath`: absolute, with `.` and `..` folded away without
/// touching the filesystem, so that walking up visits real parents (`a/b/..` is `a`).
fn absolute_lexical(path: &Path) -> PathBuf {
    // `absolute` refuses an empty path; python treats it as the current directory.
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
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
enum RawValue {
    /// Unquoted or double-quoted: expanded.
    Expand(String),
    /// Single-quoted: taken literally.
    Literal(String),
}

struct Binding {
    key: String,
    /// `None` for a key without `=`.
    value: Option<RawValue>,
    /// Where the statement starts, for a size error found when it is expanded.
    line: usize,
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

// ---------------------------------------------------------------------------
// Expansion
// ---------------------------------------------------------------------------

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
struct Values {
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
    fn add(
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

    /// The environment `scripts/dotenv_compare.py` runs python-dotenv with.
    fn fake_env(name: &str) -> Option<String> {
        let value = match name {
            "HOME_DIR" => "/home/test",
            "EMPTY" => "",
            "SHARED" => "from-env",
            "USER_NAME" => "tester",
            _ => return None,
        };
        Some(value.to_string())
    }

    fn values(input: &str) -> Vec<(String, String)> {
        parse(input, &fake_env).expect("input should parse")
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn error(input: &str) -> ParseError {
        parse(input, &fake_env).expect_err("input should be rejected")
    }

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
    fn unquoted_dollar_without_braces_is_kept() {
        assert_eq!(values("A=abc$123"), pairs(&[("A", "abc$123")]));
        assert_eq!(values("A=$HOME_DIR"), pairs(&[("A", "$HOME_DIR")]));
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
    fn key_without_equals_is_empty_and_shadows_the_environment() {
        let input = "FOO\nBAR # c\nHOME_DIR\nX=${HOME_DIR:-d}";
        let expected = [("FOO", ""), ("BAR", ""), ("HOME_DIR", ""), ("X", "")];
        assert_eq!(values(input), pairs(&expected));
    }

    #[test]
    fn last_duplicate_wins_in_first_position() {
        assert_eq!(values("A=1\nB=2\nA=3"), pairs(&[("A", "3"), ("B", "2")]));
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

    // -----------------------------------------------------------------------
    // find_upwards
    // -----------------------------------------------------------------------

    /// tmp/a/b/c, with `.env` in tmp/a.
    fn tree() -> (tempfile::TempDir, PathBuf) {
        let root = tempfile::tempdir().expect("temp dir");
        let deep = root.path().join("a/b/c");
        std::fs::create_dir_all(&deep).expect("create dirs");
        std::fs::write(root.path().join("a/.env"), "A=1\n").expect("write .env");
        (root, deep)
    }

    #[test]
    fn finds_the_file_in_the_start_directory_or_an_ancestor() {
        let (root, deep) = tree();
        let found = root.path().join("a/.env");
        assert_eq!(find_upwards(&deep, ".env"), Ok(found.clone()));
        assert_eq!(find_upwards(&root.path().join("a"), ".env"), Ok(found));
    }

    #[test]
    fn a_file_as_start_means_its_directory() {
        let (_root, deep) = tree();
        let start = deep.join("main.py");
        std::fs::write(&start, "").expect("write file");
        std::fs::write(deep.join(".env"), "").expect("write .env");
        assert_eq!(find_upwards(&start, ".env"), Ok(deep.join(".env")));
    }

    #[test]
    fn a_directory_named_like_the_file_does_not_count() {
        let (root, deep) = tree();
        std::fs::create_dir(deep.join(".env")).expect("create dir");
        assert_eq!(find_upwards(&deep, ".env"), Ok(root.path().join("a/.env")));
    }

    #[test]
    fn dot_dot_in_the_start_path_walks_real_parents() {
        let (root, deep) = tree();
        let start = deep.join("../../b/c/..");
        // Lexically that is a/b, whose parent a holds the file; a/b/c is never searched.
        assert_eq!(find_upwards(&start, ".env"), Ok(root.path().join("a/.env")));
    }

    #[test]
    fn not_found_lists_every_directory_up_to_the_root() {
        let (_root, deep) = tree();
        let name = format!("keep-dotenv-test-{}.env", std::process::id());
        let searched = find_upwards(&deep, &name).expect_err("no such file anywhere");
        assert_eq!(searched.first(), Some(&deep));
        assert_eq!(
            searched.last().and_then(|p| p.parent()),
            None,
            "ends at the root"
        );
        for pair in searched.windows(2) {
            assert_eq!(pair[0].parent(), Some(pair[1].as_path()));
        }
    }

    /// python-dotenv takes a named pipe; reading one blocks until something writes to it.
    #[cfg(unix)]
    #[test]
    fn a_named_pipe_or_a_socket_is_passed_over() {
        let (root, deep) = tree();
        let made = std::process::Command::new("mkfifo")
            .arg(deep.join(".env"))
            .status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
        let _socket =
            std::os::unix::net::UnixListener::bind(deep.join("../.env")).expect("bind a socket");
        assert_eq!(find_upwards(&deep, ".env"), Ok(root.path().join("a/.env")));
        std::fs::remove_file(root.path().join("a/.env")).expect("remove");
        let searched = find_upwards(&deep, ".env").expect_err("only a pipe and a socket");
        assert_eq!(searched.first(), Some(&deep));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_file_counts() {
        let (root, deep) = tree();
        std::os::unix::fs::symlink(root.path().join("a/.env"), deep.join(".env")).expect("symlink");
        assert_eq!(find_upwards(&deep, ".env"), Ok(deep.join(".env")));
    }
}
