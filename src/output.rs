//! The only code that writes to stdout and stderr, and the one place that decides, once,
//! whether they are terminals, whether to use color, and whether prompting is allowed.

use std::fmt;
use std::io::{self, IsTerminal, Write};

use anstyle::{AnsiColor, Style};
use comfy_table::{Cell, ContentArrangement, Table, presets};
use jiff::Timestamp;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::SecretValue;

/// `--color`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// Success chatter.
const STATUS: Style = AnsiColor::Green.on_default();
/// `warning:`.
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
/// `error:`.
const ERROR: Style = AnsiColor::Red.on_default().bold();
/// `hint:`.
const HINT: Style = AnsiColor::Cyan.on_default().bold();

/// A command's result: serializable for `--json`, and able to render itself for people.
pub trait Report: Serialize {
    fn human(&self, out: &mut Output) -> io::Result<()>;
}

/// How output looks, decided once from flags, environment and terminals.
#[derive(Clone, Debug)]
pub struct Output {
    pub json: bool,
    pub quiet: bool,
    pub stdout_tty: bool,
    pub stderr_tty: bool,
    pub stdin_tty: bool,
    pub no_input: bool,
    color_out: bool,
    color_err: bool,
    pipe_closed: bool,
}

fn use_color(choice: ColorChoice, tty: bool) -> bool {
    let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if env("NO_COLOR").is_some() => false,
        ColorChoice::Auto if env("CLICOLOR_FORCE").is_some_and(|v| v != "0") => true,
        ColorChoice::Auto => tty && std::env::var("TERM").map_or(true, |t| t != "dumb"),
    }
}

impl Output {
    pub fn new(json: bool, quiet: bool, color: ColorChoice, no_input: bool) -> Self {
        let stdout_tty = io::stdout().is_terminal();
        let stderr_tty = io::stderr().is_terminal();
        Self {
            json,
            quiet,
            stdout_tty,
            stderr_tty,
            stdin_tty: io::stdin().is_terminal(),
            no_input,
            color_out: use_color(color, stdout_tty),
            color_err: use_color(color, stderr_tty),
            pipe_closed: false,
        }
    }

    /// Prompts are allowed only with a person at the keyboard.
    pub fn can_prompt(&self) -> bool {
        self.stdin_tty && self.stderr_tty && !self.no_input
    }

    /// Prints a command's result: JSON alone on stdout, or its human rendering.
    pub fn emit<R: Report>(&mut self, report: &R) -> Result<()> {
        let result = if self.json {
            serde_json::to_string_pretty(report)
                .map_err(io::Error::other)
                .and_then(|s| self.write_stdout(&format!("{s}\n")))
        } else {
            report.human(self)
        };
        self.finish_write(result)
    }

    fn finish_write(&mut self, result: io::Result<()>) -> Result<()> {
        match result {
            // `keep list | head -1`: the reader is gone and that is fine.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.pipe_closed = true;
                Ok(())
            }
            Err(e) => Err(Error::io("cannot write output", e)),
            Ok(()) => Ok(()),
        }
    }

    pub fn write_stdout(&mut self, s: &str) -> io::Result<()> {
        if self.pipe_closed {
            return Ok(());
        }
        let mut out = io::stdout().lock();
        out.write_all(s.as_bytes())?;
        out.flush()
    }

    /// `s` in `style` on stderr, if color was chosen for it.
    fn paint(&self, style: Style, s: &str) -> String {
        paint(self.color_err, style, s)
    }

    /// One line on stderr. Styles come only from `paint`, when color was chosen; the stream
    /// never strips anything, so text that names user input reaches stderr as given, color
    /// or not. anstream renders the styles for the console they reach (on an old Windows
    /// console, through its API).
    fn eprintln(&self, line: fmt::Arguments<'_>) {
        let choice = if self.color_err {
            anstream::ColorChoice::Always
        } else {
            anstream::ColorChoice::AlwaysAnsi
        };
        let mut err = anstream::AutoStream::new(io::stderr().lock(), choice);
        // Nowhere is left to report a failure to write to stderr.
        let _ = writeln!(err, "{line}");
    }

    /// Success chatter: stderr, on a terminal only, silenced by `-q`.
    pub fn status(&self, msg: &str) {
        if self.stderr_tty && !self.quiet && !self.json {
            self.eprintln(format_args!("{}", self.paint(STATUS, msg)));
        }
    }

    /// What a person at this terminal should know (such as a store created, and where its
    /// key is): stderr, on a terminal only, unless `-q`; `--json` or not.
    pub fn note(&self, msg: &str) {
        if self.stderr_tty && !self.quiet {
            self.eprintln(format_args!("{msg}"));
        }
    }

    /// Information a log should keep (such as which file was read): stderr unless `-q`.
    pub fn notice(&self, msg: &str) {
        if !self.quiet {
            self.eprintln(format_args!("{msg}"));
        }
    }

    pub fn warn(&self, msg: &str) {
        self.eprintln(format_args!("{} {msg}", self.paint(WARNING, "warning:")));
    }

    /// Reports a failure: `error: ...` and `hint: ...`, or a JSON document with `--json`.
    pub fn error(&self, e: &Error) {
        if self.json {
            let body = serde_json::to_string(&crate::api::ErrorBody::of(e)).unwrap_or_default();
            self.eprintln(format_args!("{body}"));
            return;
        }
        self.eprintln(format_args!("{} {e}", self.paint(ERROR, "error:")));
        if let Some(h) = e.hint() {
            self.eprintln(format_args!("{} {h}", self.paint(HINT, "hint:")));
        }
    }

    /// Rows as a table on a terminal (no header row if `headers` is empty), as tab-separated
    /// lines when piped.
    pub fn table(&mut self, headers: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|c| escape_controls(c)).collect())
            .collect();
        if !self.stdout_tty {
            let mut s = String::new();
            for row in &rows {
                s.push_str(&row.join("\t"));
                s.push('\n');
            }
            return self.write_stdout(&s);
        }
        let mut table = Table::new();
        table.load_style(presets::NOTHING);
        // Wrap to the terminal only when it reports a usable width: a pty that says 0 columns
        // (some CI runners) would otherwise squeeze every column to one character.
        let arrangement = match table.width() {
            Some(w) if w >= 40 => ContentArrangement::Dynamic,
            _ => ContentArrangement::Disabled,
        };
        table.set_content_arrangement(arrangement);
        if !self.color_out {
            table.force_no_tty();
        }
        let header = headers.iter().map(|h| {
            let cell = Cell::new(h);
            if self.color_out {
                cell.add_attribute(comfy_table::Attribute::Bold)
            } else {
                cell
            }
        });
        if !headers.is_empty() {
            table.set_header(header);
        }
        for row in rows {
            table.add_row(row);
        }
        self.write_stdout(&format!("{table}\n"))
    }

    /// A time for people: short on a terminal, RFC 3339 when piped.
    pub fn time(&self, t: Option<Timestamp>) -> String {
        match t {
            None => "-".to_owned(),
            Some(t) if self.stdout_tty => t.strftime("%Y-%m-%d %H:%M:%S UTC").to_string(),
            Some(t) => t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        }
    }

    /// Awaits `fut`; if it takes longer than 300 ms and a person is watching stderr, a spinner
    /// shows that keep is waiting (for the server, usually) until it completes.
    pub async fn waiting<F: Future>(&self, what: &str, fut: F) -> F::Output {
        // No runtime: the embedded store, which answers at once (and has no timer to wait on).
        if !self.stderr_tty
            || self.quiet
            || self.json
            || tokio::runtime::Handle::try_current().is_err()
        {
            return fut.await;
        }
        let mut fut = std::pin::pin!(fut);
        tokio::select! {
            out = &mut fut => return out,
            () = tokio::time::sleep(std::time::Duration::from_millis(300)) => {}
        }
        let spinner = indicatif::ProgressBar::new_spinner();
        spinner.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        spinner.set_message(what.to_owned());
        spinner.enable_steady_tick(std::time::Duration::from_millis(100));
        let out = fut.await;
        spinner.finish_and_clear();
        out
    }

    /// Asks for a value without echoing it, twice to catch typos.
    pub fn prompt_secret(&self, key: &str) -> Result<SecretValue> {
        let value = dialoguer::Password::new()
            .with_prompt(format!("Value for {key}"))
            .with_confirmation(
                format!("Repeat value for {key}"),
                "the two values differ, try again",
            )
            .allow_empty_password(true)
            .interact()
            .map_err(prompt_error)?;
        Ok(SecretValue::new(value))
    }

    /// Asks once for a value without echoing it (a token to check right away).
    pub fn prompt_hidden(&self, prompt: &str) -> Result<SecretValue> {
        let value = dialoguer::Password::new()
            .with_prompt(prompt)
            .allow_empty_password(true)
            .interact()
            .map_err(prompt_error)?;
        Ok(SecretValue::new(value))
    }

    pub fn confirm(&self, question: &str) -> Result<bool> {
        dialoguer::Confirm::new()
            .with_prompt(question)
            .default(false)
            .interact()
            .map_err(prompt_error)
    }
}

/// `s` between `style` and a reset when `on`, else `s` as it is.
fn paint(on: bool, style: Style, s: &str) -> String {
    if on {
        format!("{style}{s}{style:#}")
    } else {
        s.to_owned()
    }
}

/// Control characters (newlines, tabs, escape sequences) are shown escaped in tables, so a
/// key or value can neither break the row structure nor drive the terminal. `--json` carries
/// the exact text.
pub fn escape_controls(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_owned();
    }
    s.chars()
        .map(|c| match c {
            '\n' => "\\n".to_owned(),
            '\t' => "\\t".to_owned(),
            '\r' => "\\r".to_owned(),
            c if c.is_control() => c.escape_unicode().to_string(),
            c => c.to_string(),
        })
        .collect()
}

fn prompt_error(e: dialoguer::Error) -> Error {
    match e {
        dialoguer::Error::IO(e) if e.kind() == io::ErrorKind::Interrupted => Error::Interrupted,
        dialoguer::Error::IO(e) => Error::io("cannot read from the terminal", e),
    }
}

impl crate::model::Shown {
    /// The values, after saying on stderr why their use could not be recorded, if it could not.
    pub fn values_warning_to(self, out: &Output) -> Option<crate::model::SecretData> {
        self.warn_unrecorded(out);
        self.values
    }

    /// Says on stderr why this read could not be recorded as the last use, if it could not.
    pub fn warn_unrecorded(&self, out: &Output) {
        if let Some(warning) = &self.unrecorded {
            out.warn(warning);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_are_sgr_sequences_and_absent_without_color() {
        assert_eq!(paint(true, STATUS, "done"), "\x1b[32mdone\x1b[0m");
        assert_eq!(
            paint(true, WARNING, "warning:"),
            "\x1b[1m\x1b[33mwarning:\x1b[0m"
        );
        assert_eq!(paint(true, ERROR, "error:"), "\x1b[1m\x1b[31merror:\x1b[0m");
        assert_eq!(paint(true, HINT, "hint:"), "\x1b[1m\x1b[36mhint:\x1b[0m");
        for style in [STATUS, WARNING, ERROR, HINT] {
            assert_eq!(paint(false, style, "a\x1b[31mb"), "a\x1b[31mb");
        }
    }

    #[test]
    fn an_explicit_choice_ignores_terminal_and_environment() {
        for tty in [false, true] {
            assert!(use_color(ColorChoice::Always, tty));
            assert!(!use_color(ColorChoice::Never, tty));
        }
    }
}
