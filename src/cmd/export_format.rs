//! The text formats of `keep export`: dotenv (written by `crate::dotenv`), JSON and POSIX
//! shell, each exact for every value.

use std::collections::BTreeMap;

use zeroize::Zeroizing;

use crate::error::{Error, Result, shown};
use crate::model::SecretData;

/// `--format`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// KEY='value' lines that `keep import-dotenv` and python-dotenv read back exactly
    #[default]
    Dotenv,
    /// One flat JSON object, keys sorted
    Json,
    /// `export KEY='value'` lines for `eval` in sh, bash or zsh
    Shell,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Dotenv => "dotenv",
            Format::Json => "json",
            Format::Shell => "shell",
        }
    }
}

/// The whole text of `data` in `format`. Fails, naming every key, before writing anything.
pub fn render(format: Format, data: &SecretData) -> Result<Zeroizing<String>> {
    match format {
        Format::Dotenv => crate::dotenv::write(data),
        Format::Json => json(data),
        Format::Shell => shell(data),
    }
}

pub fn json(data: &SecretData) -> Result<Zeroizing<String>> {
    let map: BTreeMap<&str, &str> = data.iter().map(|(k, v)| (k.as_str(), v.expose())).collect();
    let mut text = serde_json::to_string_pretty(&map)
        .map_err(|e| Error::Internal(format!("cannot encode JSON: {e}")))?;
    text.push('\n');
    Ok(Zeroizing::new(text))
}

/// What every POSIX shell accepts as a variable name: `[A-Za-z_][A-Za-z0-9_]*`.
pub fn is_shell_name(key: &str) -> bool {
    let mut chars = key.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

const SHELL_HINT: &str = "shell names are letters, digits and `_`, not starting with a digit; \
                          use `--format dotenv` or `--format json`";

/// `export KEY='value'` lines. Inside single quotes a POSIX shell takes every character
/// literally, newlines included, so only `'` itself needs care: `'\''` closes the quotes,
/// adds an escaped quote and opens them again.
pub fn shell(data: &SecretData) -> Result<Zeroizing<String>> {
    let bad: Vec<String> = data
        .keys()
        .filter(|k| !is_shell_name(k))
        .map(|k| format!("`{}`", shown(k)))
        .collect();
    if let [one] = bad.as_slice() {
        return Err(Error::unwritable(
            "shell",
            &[format!("key {one} is not a valid shell variable name")],
            SHELL_HINT,
        ));
    }
    if !bad.is_empty() {
        return Err(Error::unwritable(
            "shell",
            &[format!(
                "keys {} are not valid shell variable names",
                bad.join(", ")
            )],
            SHELL_HINT,
        ));
    }
    let mut text = Zeroizing::new(String::new());
    for (key, value) in data {
        text.push_str("export ");
        text.push_str(key);
        text.push_str("='");
        for c in value.expose().chars() {
            match c {
                '\'' => text.push_str(r"'\''"),
                c => text.push(c),
            }
        }
        text.push_str("'\n");
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::data;

    #[test]
    fn json_is_flat_and_sorted() {
        let d = data(&[("b", "2"), ("a", "x\"\n\u{1}")]);
        let text = json(&d).expect("json");
        assert_eq!(
            *text,
            "{\n  \"a\": \"x\\\"\\n\\u0001\",\n  \"b\": \"2\"\n}\n"
        );
    }

    #[test]
    fn shell_quotes_single_quotes_and_checks_names() {
        let d = data(&[("A", "it's"), ("_b1", "$x `y` \\ \n")]);
        assert_eq!(
            *shell(&d).expect("shell"),
            "export A='it'\\''s'\nexport _b1='$x `y` \\ \n'\n"
        );
        for ok in ["A", "_", "a_1", "_9"] {
            assert!(is_shell_name(ok), "{ok}");
        }
        for bad in ["", "1A", "A-B", "A.B", "A B", "é"] {
            assert!(!is_shell_name(bad), "{bad}");
        }
        let e = shell(&data(&[("1A", "v"), ("A-B", "v"), ("OK", "v")])).expect_err("bad names");
        assert!(e.to_string().contains("keys `1A`, `A-B` are not"), "{e}");
        let e = shell(&data(&[("A B", "v")])).expect_err("bad name");
        assert!(e.to_string().contains("key `A B` is not a valid"), "{e}");
    }
}
