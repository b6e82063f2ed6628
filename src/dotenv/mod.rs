//! `.env` files in the python-dotenv dialect: the reader (what `dotenv_values(path)`
//! returns), the walk-to-root search for a file, and the writer `keep export` uses.
//!
//! The parser is a port of python-dotenv 1.2.4's regex grammar (`dotenv/parser.py`) and
//! variable expansion (`dotenv/variables.py`, `resolve_variables` in `dotenv/main.py`), so a
//! file gives the same values here as in `modal.Secret.from_dotenv`. Where we differ on
//! purpose, it is said at the spot:
//! - a line python-dotenv cannot parse (it logs a warning and skips it) is an error here;
//! - a key without `=` has the empty string as value (python-dotenv gives `None`);
//! - single-quoted values are literal (python-dotenv expands `${VAR}` in them too);
//! - a value past [`MAX_VALUE_BYTES`](crate::model::MAX_VALUE_BYTES), or a file past
//!   [`MAX_SECRET_BYTES`](crate::model::MAX_SECRET_BYTES), is an error,
//!   found while `${VAR}` is expanded, so a few nested references cannot make gigabytes;
//! - the search takes regular files only (python-dotenv also takes a named pipe, which
//!   would block the read until something writes to it).
//!
//! The fixtures in `tests/dotenv_corpus` hold python-dotenv's own output for each case;
//! `scripts/dotenv_compare.py` regenerates them, and refuses any python-dotenv but 1.2.4.
//!
//! `parse` holds the grammar, `expand` the `${VAR}` expansion and the size limits, `find`
//! the search and `write` the writer. Pure apart from `find`, which looks at the filesystem.

mod expand;
mod find;
mod parse;
mod write;

pub use find::find_upwards;
pub use parse::{ErrorKind, ParseError, parse};
pub use write::write;

/// What the tests of the reader share.
#[cfg(test)]
mod testing {
    use super::{ParseError, parse};

    /// The environment `scripts/dotenv_compare.py` runs python-dotenv with.
    pub fn fake_env(name: &str) -> Option<String> {
        let value = match name {
            "HOME_DIR" => "/home/test",
            "EMPTY" => "",
            "SHARED" => "from-env",
            "USER_NAME" => "tester",
            _ => return None,
        };
        Some(value.to_string())
    }

    pub fn values(input: &str) -> Vec<(String, String)> {
        parse(input, &fake_env).expect("input should parse")
    }

    pub fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    pub fn error(input: &str) -> ParseError {
        parse(input, &fake_env).expect_err("input should be rejected")
    }
}
