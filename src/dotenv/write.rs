//! The writer: secrets as a `.env` file that reads back to exactly the same values.
//!
//! dotenv is written for our own parser (`super::parse`, python-dotenv's dialect) and reads
//! back to exactly the same map. Most values are single-quoted: literal apart from the `\\`
//! and `\'` escapes. Three things cannot be said inside single quotes:
//! - a carriage return (a file's `\r` becomes `\n` when it is read, as in python);
//! - a trailing backslash, for python-dotenv 1.2.2 and older: they read the `\'` of `'a\\'`
//!   as an escaped quote and run on (1.2.3 on, and our parser, read `\\` as one backslash);
//! - `${` (python-dotenv expands it even in single quotes; we do not, but the file should mean
//!   the same to both).
//!
//! Such a value is rebuilt over several lines from the key itself, which dotenv expands from
//! earlier lines of the file: `K="a\r$"`, `K="${K}{b}"`, `K=${K}\\` gives `a\r${b}\\`.
//! Double quotes carry `\r`; splitting between `$` and `{` keeps `${` out of every piece;
//! the trailing backslashes go on an unquoted line, which takes them literally.

use zeroize::Zeroizing;

use crate::error::{Error, Result, shown};
use crate::model::SecretData;

/// The dotenv text of `data`, keys in order. Fails, naming every key it cannot write, before
/// writing anything.
pub fn write(data: &SecretData) -> Result<Zeroizing<String>> {
    let mut text = Zeroizing::new(String::new());
    let mut problems = Vec::new();
    for (key, value) in data {
        match dotenv_entry(key, value.expose()) {
            Ok(lines) => text.push_str(&lines),
            Err(why) => problems.push(format!("key `{}` {why}", shown(key))),
        }
    }
    if problems.is_empty() {
        Ok(text)
    } else {
        Err(Error::unwritable(
            "dotenv",
            &problems,
            "use `--format json`, or rename the key",
        ))
    }
}

/// Letters, digits, `_`, `.` and `-` need no quotes around a key.
fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// The lines for one key, or why it cannot be written.
fn dotenv_entry(key: &str, value: &str) -> Result<Zeroizing<String>, &'static str> {
    let key_text = if is_plain_key(key) {
        key.to_owned()
    } else if key.contains('\'') {
        return Err("contains a single quote, which a dotenv key cannot");
    } else if key.contains('\r') {
        return Err("contains a carriage return, which a dotenv key cannot");
    } else {
        format!("'{key}'")
    };
    if !value.contains('\r') && !value.contains("${") && !value.ends_with('\\') {
        let mut line = Zeroizing::new(format!("{key_text}='"));
        for c in value.chars() {
            match c {
                '\\' => line.push_str(r"\\"),
                '\'' => line.push_str(r"\'"),
                c => line.push(c),
            }
        }
        line.push_str("'\n");
        return Ok(line);
    }
    // The key is read back inside `${...}`: in double quotes, and on the unquoted line.
    if key.contains(['}', ':', '#', '\n']) {
        return Err(
            "has a value that needs several lines (it contains a carriage return, `${` or a \
             trailing backslash), which needs a key without `}`, `:`, `#` or newlines",
        );
    }
    let reference = format!("${{{}}}", double_quoted(key).as_str());
    let body = value.trim_end_matches('\\');
    let mut lines = Zeroizing::new(String::new());
    for (i, piece) in split_dollar_brace(body).into_iter().enumerate() {
        let prefix = if i == 0 { "" } else { reference.as_str() };
        lines.push_str(&format!("{key_text}=\"{prefix}"));
        lines.push_str(&double_quoted(piece));
        lines.push_str("\"\n");
    }
    let tail = &value[body.len()..];
    if !tail.is_empty() {
        // Unquoted: no escapes, so backslashes are taken as they are.
        lines.push_str(&format!("{key_text}=${{{key}}}"));
        lines.push_str(tail);
        lines.push('\n');
    }
    Ok(lines)
}

/// The inside of a double-quoted value: escapes for `\`, `"`, newline and carriage return.
fn double_quoted(s: &str) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::with_capacity(s.len()));
    for c in s.chars() {
        match c {
            '\\' => out.push_str(r"\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str(r"\n"),
            '\r' => out.push_str(r"\r"),
            c => out.push(c),
        }
    }
    out
}

/// Pieces of `s` cut between each `$` and the `{` after it; always at least one piece.
fn split_dollar_brace(s: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (i, _) in s.match_indices("${") {
        pieces.push(&s[start..=i]);
        start = i + 1;
    }
    pieces.push(&s[start..]);
    pieces
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::dotenv::parse;
    use crate::model::{SecretValue, check_key};

    use crate::model::data;

    /// Parses `text` as `keep import-dotenv` does, but with an environment that must never be
    /// asked: the export may only refer to its own keys.
    fn read_back(text: &str) -> BTreeMap<String, String> {
        let no_env = |name: &str| -> Option<String> { panic!("the export looked up `{name}`") };
        let pairs =
            parse(text, &no_env).unwrap_or_else(|e| panic!("export does not parse ({e}):\n{text}"));
        let n = pairs.len();
        let map: BTreeMap<String, String> = pairs.into_iter().collect();
        assert_eq!(map.len(), n, "duplicate keys in the parse");
        map
    }

    fn plain(d: &SecretData) -> BTreeMap<String, String> {
        d.iter()
            .map(|(k, v)| (k.clone(), v.expose().to_owned()))
            .collect()
    }

    #[test]
    fn dotenv_examples() {
        let d = data(&[
            ("A", "plain"),
            ("B", "it's a \\ \"x\" #c $HOME"),
            ("C", "l1\nl2\r\n"),
            ("D", "ends with \\\\"),
            ("E", "${HOME} and ${X:-y}"),
            ("my key", " spaced "),
            ("F", ""),
        ]);
        let text = write(&d).expect("writable");
        let expected = r#"A='plain'
B='it\'s a \\ "x" #c $HOME'
C="l1\nl2\r\n"
D="ends with "
D=${D}\\
E="$"
E="${E}{HOME} and $"
E="${E}{X:-y}"
F=''
'my key'=' spaced '
"#;
        assert_eq!(*text, expected);
        assert_eq!(read_back(&text), plain(&d));
    }

    #[test]
    fn dotenv_refuses_keys_it_cannot_write_and_names_them() {
        for (key, value) in [
            ("it's", "v"),
            ("a\rb", "v"),
            ("a:b", "x\r"),
            ("a}b", "x\\"),
            ("a#b", "${x}"),
        ] {
            let e = write(&data(&[(key, value), ("OK", "fine")])).expect_err(key);
            let msg = e.to_string();
            assert!(msg.contains(&shown(key)), "{msg}");
            assert!(!msg.contains("fine"), "{msg}");
            assert_eq!(e.exit_code(), 2);
        }
        // The same keys are fine with a value that fits on one line.
        for key in ["a:b", "a}b", "a#b", "a\nb", "日本 語"] {
            let d = data(&[(key, "v'\\\n")]);
            assert_eq!(read_back(&write(&d).expect(key)), plain(&d));
        }
    }

    // -----------------------------------------------------------------------
    // The round-trip property over generated secrets
    // -----------------------------------------------------------------------

    /// xorshift64*: deterministic, so a failure names a case that can be replayed.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[self.below(items.len())]
        }
    }

    /// Pieces of values: every character the formats treat specially, and their combinations.
    const NASTY: &[&str] = &[
        "'", "\"", "$", "#", "\\", "\n", "\r", "\t", " ", "{", "}", "=", "${", "${A}", "${K0}",
        "${X:-d}", "\\'", "\\\"", "\\\\", "\r\n", " #", "'#", "\\n", "\\$", "$'", "`", "!", "é",
        "日本", "🔑", "\u{a0}", "\u{2028}", "\u{85}", "\u{feff}", "\u{1c}", "\u{b}", "\u{c}", "a",
        "Z", "0", "export ", ":-", "%s", "*",
    ];
    const PLAIN_KEY: &[&str] = &["A", "b", "Z", "_", "0", "9", ".", "-", "K", "x"];
    const ODD_KEY: &[&str] = &[
        " ", "é", "$", "{", "\"", "\\", "`", "!", "@", "日", "\t", "%", "export ", "A", "_",
    ];
    const BAD_KEY: &[&str] = &["'", "\r", "}", ":", "#", "\n"];

    fn value(rng: &mut Rng) -> String {
        let mut v: String = (0..rng.below(10)).map(|_| rng.pick(NASTY)).collect();
        if rng.below(4) == 0 {
            v.insert_str(0, rng.pick(&[" ", "\t", "\n", "  "]));
        }
        if rng.below(4) == 0 {
            v.push_str(rng.pick(&[" ", "\t", "\n", "\\", "\\\\", "\r", "$"]));
        }
        v
    }

    fn key(rng: &mut Rng) -> String {
        let len = 1 + rng.below(8);
        let alphabet = match rng.below(20) {
            0..=13 => PLAIN_KEY,
            14..=18 => ODD_KEY,
            _ => BAD_KEY,
        };
        let mut k: String = (0..len).map(|_| rng.pick(alphabet)).collect();
        if rng.below(3) == 0 {
            k.push_str(rng.pick(PLAIN_KEY));
        }
        k
    }

    /// Values that single quotes cannot hold, written over several assignments.
    fn needs_lines(value: &str) -> bool {
        value.contains('\r') || value.contains("${") || value.ends_with('\\')
    }

    /// An independent statement of when `dotenv` must refuse a key.
    fn must_refuse(key: &str, value: &str) -> bool {
        key.contains(['\'', '\r']) || (needs_lines(value) && key.contains(['}', ':', '#', '\n']))
    }

    #[test]
    fn dotenv_round_trips_through_our_parser() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let (mut written, mut refused, mut multi_line) = (0, 0, 0);
        for case in 0..8000 {
            let mut d = SecretData::new();
            for _ in 0..1 + rng.below(5) {
                let k = key(&mut rng);
                if check_key(&k).is_ok() {
                    d.insert(k, SecretValue::new(value(&mut rng)));
                }
            }
            let expect_refusal = d.iter().any(|(k, v)| must_refuse(k, v.expose()));
            match write(&d) {
                Ok(text) => {
                    assert!(!expect_refusal, "case {case}: should have refused {d:?}");
                    assert_eq!(read_back(&text), plain(&d), "case {case}:\n{}", *text);
                    written += 1;
                    multi_line += usize::from(d.values().any(|v| needs_lines(v.expose())));
                }
                Err(e) => {
                    assert!(expect_refusal, "case {case}: refused: {e}");
                    let named = d.iter().filter(|(k, v)| must_refuse(k, v.expose()));
                    for (k, _) in named {
                        assert!(e.to_string().contains(&shown(k)), "{e}");
                    }
                    refused += 1;
                }
            }
        }
        // 8000 cases: about 7000 written (some 4800 of them over several lines), 900 refused.
        let counts = format!("{written} written ({multi_line} multi-line), {refused} refused");
        assert!(written >= 5000 && refused >= 100, "{counts}");
        assert!(
            multi_line >= 1000 && written - multi_line >= 1000,
            "{counts}"
        );
    }
}
