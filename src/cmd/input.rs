//! Reading the files that values come from: `--from-file`, `--from-dotenv`, `--from-json`,
//! and the `.env` that `import-dotenv` finds.
//!
//! A regular file is read; `-` is stdin; a pipe is read only when it was asked for as
//! `<(command)`, which bash and zsh pass as `/dev/fd/N` or `/proc/self/fd/N`. Every other
//! named pipe, socket or device is refused before it is opened, so keep never waits for a
//! writer that may never come, nor reads a device without end.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use zeroize::Zeroizing;

use crate::dotenv::ErrorKind;
use crate::error::{Error, Result};
use crate::model::{SecretData, SecretValue};
use crate::output::Output;

/// Files larger than this cannot hold a valid secret (1 MiB of keys and values, plus room for
/// quoting and comments); reading stops there instead of exhausting memory on `/dev/zero`.
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// `-` names stdin wherever a file is expected. A file called `-` is `./-`.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// How `path` is named in messages.
fn shown(path: &Path) -> String {
    if is_stdin(path) {
        "stdin".to_owned()
    } else {
        format!("`{}`", path.display())
    }
}

/// Reads `--from-file KEY=PATH` arguments: each value is the whole file, byte for byte (no
/// newline trimmed), for PEM keys and JSON credentials. It must be UTF-8.
pub fn read_value_files(specs: &[String], out: &Output) -> Result<SecretData> {
    let mut data = SecretData::new();
    for spec in specs {
        let (key, path) = spec.split_once('=').ok_or_else(|| {
            Error::invalid_with_hint(
                format!("`--from-file {spec}` is not of the form KEY=PATH"),
                "write `--from-file TLS_KEY=./key.pem`",
            )
        })?;
        crate::model::check_key(key)?;
        let text = read_text_file(Path::new(path), &format!("file for `{key}`"), out)?;
        data.insert(key.to_owned(), SecretValue::new(text.as_str().to_owned()));
    }
    Ok(data)
}

/// Parses a dotenv file into secret data (python-dotenv's dialect; `${VAR}` falls back to
/// the process environment, which is read, never changed).
pub fn read_dotenv_file(path: &Path, out: &Output) -> Result<SecretData> {
    let text = read_text_file(path, "dotenv file", out)?;
    parse_dotenv(&text, &shown(path))
}

/// Parses dotenv text named `name` in errors (python-dotenv's dialect; `${VAR}` falls back to
/// the process environment, which is read, never changed).
pub fn parse_dotenv(text: &str, name: &str) -> Result<SecretData> {
    parse_dotenv_shifted(text, name, 0)
}

/// [`parse_dotenv`], the line numbers in errors moved down by `shift` (for text that will be
/// shown with `shift` more lines above it).
pub fn parse_dotenv_shifted(text: &str, name: &str, shift: usize) -> Result<SecretData> {
    let lookup = |k: &str| std::env::var(k).ok();
    let parsed = crate::dotenv::parse(text, &lookup).map_err(|mut e| {
        e.line += shift;
        e
    });
    let pairs = parsed.map_err(|e| match e.kind {
        ErrorKind::Syntax => Error::invalid_with_hint(
            format!("cannot parse {name}: {e}"),
            "each line must be `KEY=VALUE`, `export KEY=VALUE`, a comment or blank",
        ),
        ErrorKind::TooLarge => Error::invalid_with_hint(
            format!("cannot read {name}: {e}"),
            "look at the `${...}` references on that line; single-quote a value to keep `$` \
             in it literal, and split a large secret into several",
        ),
    })?;
    Ok(pairs
        .into_iter()
        .map(|(k, v)| (k, SecretValue::new(v)))
        .collect())
}

/// Parses a JSON file holding one flat object of string values.
pub fn read_json_file(path: &Path, out: &Output) -> Result<SecretData> {
    let text = read_text_file(path, "JSON file", out)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let name = shown(path);
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        // serde_json's message gives line and column only, never the input text.
        Error::invalid(format!("cannot parse JSON file {name}: {e}"))
    })?;
    let serde_json::Value::Object(map) = value else {
        return Err(Error::invalid_with_hint(
            format!("JSON file {name} is not an object"),
            r#"write an object of strings, like {"KEY": "value"}"#,
        ));
    };
    let mut data = SecretData::new();
    for (k, v) in map {
        let serde_json::Value::String(s) = v else {
            return Err(Error::invalid_with_hint(
                format!("value of `{k}` in {name} is not a string"),
                "quote numbers and booleans; nested objects are not supported",
            ));
        };
        data.insert(k, SecretValue::new(s));
    }
    Ok(data)
}

/// Reads a whole text file, or stdin for `-`, naming it in every error.
fn read_text_file(path: &Path, what: &str, out: &Output) -> Result<Zeroizing<String>> {
    let name = shown(path);
    let cannot = |e: io::Error| Error::invalid(format!("cannot read {what} {name}: {e}"));
    let mut bytes = Zeroizing::new(Vec::new());
    if is_stdin(path) {
        if out.stdin_tty {
            return Err(Error::invalid_with_hint(
                format!("`-` reads the {what} from stdin, but stdin is a terminal"),
                "redirect a file (`- < FILE`) or pipe a command into keep",
            ));
        }
        io::stdin()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(cannot)?;
    } else {
        open(path, what)?
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(cannot)?;
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::invalid(format!(
            "{what} {name} is larger than 8 MiB"
        )));
    }
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        Error::invalid(format!(
            "{what} {name} is not UTF-8 (byte {})",
            e.valid_up_to()
        ))
    })?;
    Ok(Zeroizing::new(text.to_owned()))
}

/// Opens a regular file, or the pipe of a `<(command)`; refuses anything else by name.
fn open(path: &Path, what: &str) -> Result<File> {
    let cannot =
        |e: io::Error| Error::invalid(format!("cannot read {what} `{}`: {e}", path.display()));
    // `metadata` follows links but opens nothing: deciding here cannot block.
    let kind = Kind::of(&std::fs::metadata(path).map_err(cannot)?);
    match kind {
        Kind::File => {}
        Kind::Pipe if is_process_substitution(path) => return File::open(path).map_err(cannot),
        other => return Err(not_a_file(path, what, other)),
    }
    // Should a pipe take the file's place meanwhile, opening it without O_NONBLOCK would wait
    // for a writer; with it, the open returns at once and the check below refuses the pipe.
    // (A regular file ignores the flag.)
    let file = open_nonblocking(path).map_err(cannot)?;
    match Kind::of(&file.metadata().map_err(cannot)?) {
        Kind::File => Ok(file),
        other => Err(not_a_file(path, what, other)),
    }
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// What bash and zsh make of `<(command)`: `/dev/fd/N` (bash, and zsh where /dev/fd exists)
/// or `/proc/self/fd/N` (zsh on Linux). Other shells' forms are named pipes in a temporary
/// directory (fish's `psub`), which are refused like any named pipe: `psub -f` gives a file.
fn is_process_substitution(path: &Path) -> bool {
    let Some(path) = path.to_str() else {
        return false;
    };
    ["/dev/fd/", "/proc/self/fd/"].iter().any(|dir| {
        path.strip_prefix(dir)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// What a path is, in the words an error uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    File,
    Directory,
    Pipe,
    Socket,
    CharDevice,
    BlockDevice,
    Other,
}

impl Kind {
    fn of(meta: &std::fs::Metadata) -> Self {
        let kind = meta.file_type();
        if kind.is_file() {
            return Kind::File;
        }
        if kind.is_dir() {
            return Kind::Directory;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if kind.is_fifo() {
                return Kind::Pipe;
            }
            if kind.is_socket() {
                return Kind::Socket;
            }
            if kind.is_char_device() {
                return Kind::CharDevice;
            }
            if kind.is_block_device() {
                return Kind::BlockDevice;
            }
        }
        Kind::Other
    }

    fn described(self) -> &'static str {
        match self {
            Kind::File => "a regular file",
            Kind::Directory => "a directory",
            Kind::Pipe => "a named pipe (FIFO)",
            Kind::Socket => "a socket",
            Kind::CharDevice => "a character device",
            Kind::BlockDevice => "a block device",
            Kind::Other => "not a regular file",
        }
    }
}

fn not_a_file(path: &Path, what: &str, kind: Kind) -> Error {
    let message = format!(
        "cannot read {what} `{}`: it is {}",
        path.display(),
        kind.described()
    );
    let hint = if kind == Kind::Directory {
        "pass the file inside it".to_owned()
    } else {
        format!(
            "keep reads regular files; redirect this one to stdin and pass `-` (`- < {}`), or \
             give a command's output as `<(command)`",
            path.display()
        )
    };
    Error::invalid_with_hint(message, hint)
}

/// Stdin can be read once: by one `KEY=-` (when stdin is not a terminal), `--from-file KEY=-`,
/// `--from-dotenv -` or `--from-json -`. `readers` are those given, as written.
pub fn one_stdin_reader(readers: &[String]) -> Result<()> {
    if readers.len() > 1 {
        return Err(Error::invalid_with_hint(
            format!(
                "only one argument can read stdin, not {}",
                readers.join(", ")
            ),
            "read the others from files, or from `<(command)`",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn process_substitution_is_a_numbered_fd() {
        for yes in ["/dev/fd/63", "/proc/self/fd/11", "/dev/fd/0"] {
            assert!(is_process_substitution(Path::new(yes)), "{yes}");
        }
        for no in [
            "/dev/fd/",
            "/dev/fd/x",
            "/dev/fd/6/x",
            "dev/fd/63",
            "/dev/stdin",
            "/tmp/fifo",
            "/proc/1/fd/3",
            "/dev/fd/../null",
        ] {
            assert!(!is_process_substitution(Path::new(no)), "{no}");
        }
    }

    #[test]
    fn dash_is_stdin_and_dot_slash_dash_a_file() {
        assert!(is_stdin(Path::new("-")));
        assert!(!is_stdin(Path::new("./-")));
        assert_eq!(shown(Path::new("-")), "stdin");
        assert_eq!(shown(Path::new("a.env")), "`a.env`");
    }

    #[cfg(unix)]
    #[test]
    fn what_is_not_a_file_is_refused_without_opening_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
        let socket = dir.path().join("sock");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).expect("bind");
        for (path, kind) in [
            (fifo.as_path(), "a named pipe (FIFO)"),
            (socket.as_path(), "a socket"),
            (Path::new("/dev/null"), "a character device"),
            (dir.path(), "a directory"),
        ] {
            let e = open(path, "dotenv file").expect_err("refused");
            let text = e.to_string();
            assert!(text.contains(&path.display().to_string()), "{text}");
            assert!(text.contains(kind), "{text}");
            assert_eq!(e.exit_code(), 2);
        }
        let file = dir.path().join("a.env");
        std::fs::write(&file, "A=1").expect("write");
        assert!(open(&file, "dotenv file").is_ok());
    }

    #[test]
    fn two_stdin_readers_are_refused() {
        assert!(one_stdin_reader(&[]).is_ok());
        assert!(one_stdin_reader(&["`A=-`".into()]).is_ok());
        let e = one_stdin_reader(&["`A=-`".into(), "`--from-dotenv -`".into()])
            .expect_err("two readers");
        assert!(e.to_string().contains("`A=-`, `--from-dotenv -`"), "{e}");
    }
}
