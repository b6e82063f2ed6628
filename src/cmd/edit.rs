//! `keep edit`: a secret's values in `$VISUAL` / `$EDITOR` as a dotenv file, saved as one
//! update.
//!
//! The file lives in a directory of its own (0700; the file 0600) on a RAM-backed file system
//! where there is one (`/dev/shm`, then `$XDG_RUNTIME_DIR`), so the values never reach a disk
//! there. It is removed however keep ends: on return, on error, on a panic (the guard's drop),
//! and on SIGTERM or SIGHUP while the editor runs (checked between waits). Ctrl-C while the
//! editor runs goes to the editor, as it does under git; keep waits for it and then cleans up.

use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::Duration;

use serde::Serialize;
use zeroize::Zeroizing;

use super::args::ExistingArg;
use super::common::Context;
use super::input;
use crate::api::ShowQuery;
use crate::error::{Error, Result};
use crate::model::{Changes, SecretData};
use crate::output::{Output, Report};

const AFTER_LONG_HELP: &str = "\
Opens the secret's values as a dotenv file (python-dotenv syntax, as --from-dotenv reads) in \
$VISUAL, else $EDITOR, else vi. When the editor exits, the file is read back and the \
differences are saved as one update: keys added, changed and removed. Nothing is saved if \
the file is unchanged, if the editor fails, or if no key is left (to delete a secret, use \
`keep delete`). Only the keys you changed are written, so what others change in other keys \
meanwhile is kept.

A line keep cannot parse reopens the editor with the problem as a comment at the top; save \
the file unchanged to give up. The file is private (mode 0600 in a 0700 directory, in RAM \
where /dev/shm exists) and removed afterwards, whatever happens. Opening the values counts \
as a use, like `show --reveal`.

`keep edit` needs a terminal. In scripts, use `keep update NAME --from-dotenv FILE`.

Examples:
  $ keep edit app
  $ EDITOR='code --wait' keep edit app -e staging";

/// Edit a secret's values in your editor, saved as one update
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP)]
pub struct Args {
    #[command(flatten)]
    pub secret: ExistingArg,
}

/// The JSON of `edit`: what the update changed, by key name.
#[derive(Serialize)]
struct EditReport {
    id: String,
    name: String,
    environment: String,
    keys: Vec<String>,
    added: Vec<String>,
    changed: Vec<String>,
    removed: Vec<String>,
    /// False when the file was saved unchanged and nothing was written.
    saved: bool,
    /// The secret's version after the edit (the version edited when nothing was saved).
    version: i64,
    /// `local`, or the server's URL.
    store: String,
    #[serde(skip)]
    shown: String,
}

impl Report for EditReport {
    fn human(&self, out: &mut Output) -> io::Result<()> {
        if !self.saved {
            out.status(&format!(
                "no changes: `{}` in `{}` is as it was",
                self.name, self.environment
            ));
            return Ok(());
        }
        let changes: Vec<String> = [
            ('+', &self.added),
            ('~', &self.changed),
            ('-', &self.removed),
        ]
        .into_iter()
        .flat_map(|(sign, keys)| keys.iter().map(move |k| format!("{sign}{k}")))
        .collect();
        out.status(&format!(
            "updated secret `{}` in `{}` on {}: {}",
            self.name,
            self.environment,
            self.shown,
            changes.join(" ")
        ));
        Ok(())
    }
}

pub async fn run(args: Args, ctx: &Context, out: &mut Output) -> Result<()> {
    let Args {
        secret: ExistingArg { name },
    } = args;
    if !out.can_prompt() || !out.stdout_tty {
        return Err(Error::invalid_with_hint(
            "`keep edit` opens an editor, and needs a terminal",
            format!(
                "in scripts, use `keep update {name} --from-dotenv FILE` (or `--from-dotenv -` \
                 for stdin)"
            ),
        ));
    }
    let editor = editor();
    let backend = ctx.backend().await?;
    let query = ShowQuery {
        reveal: true,
        require: Vec::new(),
    };
    let shown = match backend.show(ctx.env(), &name, &query).await {
        Ok(shown) => shown,
        Err(e) => {
            backend.close().await;
            return Err(e);
        }
    };
    let info = shown.info.clone();
    let opened = info.version;
    let Some(before) = shown.values_warning_to(out) else {
        backend.close().await;
        return Err(Error::Internal(format!(
            "the values of `{name}` were not returned"
        )));
    };
    let edited = edit_values(&editor, &info.name, &info.environment, &before, out);
    let after = match edited {
        Ok(after) => after,
        Err(e) => {
            backend.close().await;
            return Err(e);
        }
    };
    let changes = Changes::between(&before, &after);
    let mut report = EditReport {
        id: info.id,
        name: info.name,
        environment: info.environment,
        keys: before.keys().cloned().collect(),
        added: changes.added,
        changed: changes.changed,
        removed: changes.removed,
        saved: false,
        version: info.version,
        store: ctx.store(),
        shown: ctx.store_shown(),
    };
    if !report.added.is_empty() || !report.changed.is_empty() || !report.removed.is_empty() {
        let set: SecretData = after
            .iter()
            .filter(|(k, v)| before.get(*k).is_none_or(|old| old.expose() != v.expose()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let outcome = out
            .waiting(
                "saving",
                backend.update(ctx.env(), &name, &set, &report.removed, None),
            )
            .await;
        backend.close().await;
        let secret = outcome?.secret;
        if secret.version > opened + 1 {
            out.warn(&format!(
                "`{}` was written by someone else while you edited it (version {} opened, {} \
                 now): your changes were merged onto theirs; `keep diff {}` shows the result",
                report.name, opened, secret.version, report.name
            ));
        }
        report.keys = secret.keys;
        report.version = secret.version;
        report.saved = true;
    } else {
        backend.close().await;
    }
    out.emit(&report)
}

/// The editor to run: `$VISUAL`, then `$EDITOR`, then `vi`; run by `sh`, so that
/// `code --wait` works as git lets it.
fn editor() -> String {
    ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(|var| std::env::var(var).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_owned())
}

/// The header of the file. Comments are not kept: they are dropped when the file is read.
fn header(name: &str, env: &str) -> String {
    format!(
        "# keep edit: secret `{name}` in environment `{env}`.\n\
         # One KEY=VALUE per line (python-dotenv syntax); lines starting with # are ignored.\n\
         # Save and quit to apply; quit without saving to leave the secret as it is.\n"
    )
}

/// The first line of an error comment keep puts at the top of the file.
const ERROR_MARK: &str = "# keep: cannot save this: ";

/// Opens the values in the editor until they parse, or the user gives up. Returns the
/// values as saved.
fn edit_values(
    editor: &str,
    name: &str,
    env: &str,
    before: &SecretData,
    out: &Output,
) -> Result<SecretData> {
    let body = crate::dotenv::write(before)?;
    let draft = Draft::create(name)?;
    let mut text = Zeroizing::new(format!("{}{}", header(name, env), body.as_str()));
    loop {
        draft.write(&text)?;
        let status = draft.run_editor(editor)?;
        check_status(editor, status)?;
        let saved = draft.read()?;
        if *saved == *text && text.starts_with(ERROR_MARK) {
            return Err(Error::invalid(format!(
                "the file was saved unchanged after an error; `{name}` is as it was"
            )));
        }
        // keep's own comments from an earlier error go; the new ones shift every line down.
        let rest = without_error(&saved);
        let problem = match input::parse_dotenv(rest, "the edited file") {
            // An emptied file means "never mind", as an emptied commit message does to git.
            Ok(after) if after.is_empty() => {
                return Err(Error::invalid_with_hint(
                    format!("no key is left; `{name}` is as it was"),
                    format!(
                        "a secret needs at least one key; to delete it, run `keep delete {name}`"
                    ),
                ));
            }
            Ok(after) => return Ok(after),
            Err(e) => {
                let shift = error_lines(&e);
                input::parse_dotenv_shifted(rest, "the edited file", shift)
                    .err()
                    .unwrap_or(e)
            }
        };
        out.warn(&format!("{problem}; reopening the editor"));
        text = with_error(rest, &problem);
    }
}

/// `saved` without the comments keep put at its top after an earlier error.
fn without_error(saved: &str) -> &str {
    let mut rest = saved;
    while rest.starts_with("# keep: ") {
        rest = rest.split_once('\n').map_or("", |(_, r)| r);
    }
    rest
}

/// How many lines [`with_error`] puts above the text for `problem`.
fn error_lines(problem: &Error) -> usize {
    2 + usize::from(problem.hint().is_some())
}

/// `rest` with `problem` as a comment at the top (see [`error_lines`]).
fn with_error(rest: &str, problem: &Error) -> Zeroizing<String> {
    let mut text = Zeroizing::new(format!("{ERROR_MARK}{problem}\n"));
    if let Some(hint) = problem.hint() {
        text.push_str(&format!("# keep: {hint}\n"));
    }
    text.push_str("# keep: fix it and save, or save this file unchanged to give up.\n");
    text.push_str(rest);
    text
}

/// A failed or interrupted editor saves nothing.
fn check_status(editor: &str, status: ExitStatus) -> Result<()> {
    use std::os::unix::process::ExitStatusExt;
    if status.success() {
        return Ok(());
    }
    // The shell's 128+N, in case it could not `exec` the editor (a compound command).
    if status.signal() == Some(libc::SIGINT) || status.code() == Some(128 + libc::SIGINT) {
        return Err(Error::Interrupted);
    }
    let how = match (status.code(), status.signal()) {
        (Some(127), _) => {
            return Err(Error::invalid_with_hint(
                format!("cannot run the editor `{editor}`: not found"),
                "set VISUAL or EDITOR to an editor that is installed, like `nano` or `vi`",
            ));
        }
        (Some(code), _) => format!("exited with status {code}"),
        (None, Some(sig)) => format!("was killed by signal {sig}"),
        (None, None) => "failed".to_owned(),
    };
    Err(Error::CannotRun {
        message: format!("the editor `{editor}` {how}; nothing was saved"),
        hint: None,
        exit: 1,
    })
}

/// The signal (SIGTERM, SIGHUP) that asked keep to stop while the editor ran; 0 for none.
static STOP: AtomicI32 = AtomicI32::new(0);

extern "C" fn note_stop(sig: libc::c_int) {
    STOP.store(sig, Ordering::SeqCst);
}

/// The private directory and file the values are edited in; both removed on drop.
struct Draft {
    dir: PathBuf,
    file: PathBuf,
}

impl Draft {
    fn create(name: &str) -> Result<Self> {
        let base = scratch_base();
        let dir = base.join(format!("keep-edit-{}", crate::crypto::random_base62(16)?));
        let mut builder = std::fs::DirBuilder::new();
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        // Not recursive: the directory must be new, never one someone else made.
        builder
            .create(&dir)
            .map_err(|e| Error::io_path("cannot create directory", &dir, e))?;
        let file = dir.join(format!("{name}.env"));
        Ok(Draft { dir, file })
    }

    fn write(&self, text: &str) -> Result<()> {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&self.file)
            .map_err(|e| Error::io_path("cannot write", &self.file, e))?;
        f.write_all(text.as_bytes())
            .map_err(|e| Error::io_path("cannot write", &self.file, e))
    }

    fn read(&self) -> Result<Zeroizing<String>> {
        let bytes = Zeroizing::new(
            std::fs::read(&self.file).map_err(|e| Error::io_path("cannot read", &self.file, e))?,
        );
        let text = std::str::from_utf8(&bytes).map_err(|e| {
            Error::invalid(format!(
                "the edited file is not UTF-8 (byte {})",
                e.valid_up_to()
            ))
        })?;
        Ok(Zeroizing::new(text.to_owned()))
    }

    /// Runs `editor` on the file. keep ignores Ctrl-C meanwhile (the editor, in the same
    /// process group, gets it); SIGTERM and SIGHUP make keep stop the editor, remove the
    /// file and end with that signal.
    fn run_editor(&self, editor: &str) -> Result<ExitStatus> {
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(format!("exec {editor} \"$@\""))
            .arg("keep-editor")
            .arg(&self.file);
        let _ignored = IgnoreInterrupts::start();
        {
            use std::os::unix::process::CommandExt;
            // SAFETY: between fork and exec the child only resets two signal dispositions,
            // which `signal` does async-signal-safely.
            unsafe {
                cmd.pre_exec(|| {
                    libc::signal(libc::SIGINT, libc::SIG_DFL);
                    libc::signal(libc::SIGQUIT, libc::SIG_DFL);
                    Ok(())
                });
            }
        }
        let mut child = cmd
            .spawn()
            .map_err(|e| Error::io(format!("cannot start the editor `{editor}`"), e))?;
        loop {
            if let Some(status) = child
                .try_wait()
                .map_err(|e| Error::io("cannot wait for the editor", e))?
            {
                return Ok(status);
            }
            let sig = STOP.load(Ordering::SeqCst);
            if sig != 0 {
                let _ = child.kill();
                let _ = child.wait();
                self.remove();
                // SAFETY: restores the default action and raises the signal again, so keep
                // ends as the signal asked, now that the file is gone.
                unsafe {
                    libc::signal(sig, libc::SIG_DFL);
                    libc::raise(sig);
                }
                return Err(Error::Interrupted);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn remove(&self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Drop for Draft {
    fn drop(&mut self) {
        self.remove();
    }
}

/// Where the draft goes: RAM-backed if possible.
fn scratch_base() -> PathBuf {
    let usable = |p: &Path| {
        std::fs::metadata(p).is_ok_and(|m| m.is_dir())
            // SAFETY: `access` only reads the NUL-terminated path.
            && std::ffi::CString::new(p.as_os_str().as_encoded_bytes())
                .is_ok_and(|c| unsafe { libc::access(c.as_ptr(), libc::W_OK | libc::X_OK) } == 0)
    };
    let shm = PathBuf::from("/dev/shm");
    if usable(&shm) {
        return shm;
    }
    if let Some(run) = std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from)
        && run.is_absolute()
        && usable(&run)
    {
        return run;
    }
    std::env::temp_dir()
}

/// While alive: Ctrl-C and Ctrl-\ do not stop keep, SIGTERM and SIGHUP are noted in `STOP`.
struct IgnoreInterrupts {
    previous: [(libc::c_int, libc::sighandler_t); 4],
}

impl IgnoreInterrupts {
    fn start() -> Self {
        STOP.store(0, Ordering::SeqCst);
        let note = note_stop as extern "C" fn(libc::c_int) as libc::sighandler_t;
        let set = |sig, handler| (sig, unsafe { libc::signal(sig, handler) });
        // SAFETY: `signal` with SIG_IGN or a handler that only stores to an atomic.
        Self {
            previous: [
                set(libc::SIGINT, libc::SIG_IGN),
                set(libc::SIGQUIT, libc::SIG_IGN),
                set(libc::SIGTERM, note),
                set(libc::SIGHUP, note),
            ],
        }
    }
}

impl Drop for IgnoreInterrupts {
    fn drop(&mut self) {
        for (sig, handler) in self.previous {
            // SAFETY: puts back the disposition `start` replaced.
            unsafe { libc::signal(sig, handler) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_comment_replaces_the_last_one() {
        let e = Error::invalid("line 2: bad");
        let once = with_error("A=1\nbad\n", &e);
        assert_eq!(once.lines().count(), error_lines(&e) + 2);
        let twice = with_error(without_error(&once), &Error::invalid("line 3: worse"));
        assert!(twice.starts_with("# keep: cannot save this: line 3: worse\n"));
        assert!(!twice.contains("line 2"));
        assert!(twice.ends_with("A=1\nbad\n"));
    }
}
