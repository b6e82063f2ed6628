//! `keep completions`: the shell completion script, generated from the clap definitions.

use clap_complete::Shell;

use crate::error::Result;
use crate::output::Output;

const AFTER_LONG_HELP: &str = "\
Examples:
  $ keep completions bash > ~/.local/share/bash-completion/completions/keep
  $ keep completions zsh > ~/.zfunc/_keep
  $ keep completions fish > ~/.config/fish/completions/keep.fish";

/// Print a shell completion script
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP)]
pub struct Args {
    /// The shell to complete in
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The completion script for `shell`, exactly as committed in `completions/`.
pub fn script(shell: Shell) -> Vec<u8> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut crate::cli::command(), "keep", &mut buf);
    buf
}

/// The file name under `completions/` for each shell.
pub fn file_name(shell: Shell) -> &'static str {
    match shell {
        Shell::Bash => "keep.bash",
        Shell::Zsh => "_keep",
        Shell::Fish => "keep.fish",
        Shell::PowerShell => "_keep.ps1",
        Shell::Elvish => "keep.elv",
        _ => "keep.unknown",
    }
}

pub fn run(args: Args, out: &mut Output) -> Result<()> {
    let Args { shell } = args;
    let text = String::from_utf8_lossy(&script(shell)).into_owned();
    out.write_stdout(&text).or_else(|e| {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Ok(())
        } else {
            Err(crate::error::Error::io("cannot write", e))
        }
    })
}
