//! The committed, generated files: completion scripts and man pages, from the clap definitions.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;
use crate::cmd::completions;

pub const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::PowerShell,
    Shell::Elvish,
];

/// `(path relative to the repository, contents)` of every generated file.
pub fn files() -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = SHELLS
        .iter()
        .map(|&s| {
            (
                format!("completions/{}", completions::file_name(s)),
                completions::script(s),
            )
        })
        .collect();
    out.extend(man_pages());
    out
}

/// `man/keep.1` and one page per subcommand, without dates so they are byte-stable.
pub fn man_pages() -> Vec<(String, Vec<u8>)> {
    let cmd = Cli::command();
    let cmd = cmd.clone().version(env!("CARGO_PKG_VERSION"));
    let mut pages = Vec::new();
    pages.push(("man/keep.1".to_owned(), render(&cmd)));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("keep-{}", sub.get_name());
        let sub = sub
            .clone()
            .name(name.clone())
            .bin_name(format!("keep {}", sub.get_name()));
        pages.push((format!("man/{name}.1"), render(&sub)));
    }
    pages
}

fn render(cmd: &clap::Command) -> Vec<u8> {
    let mut buf = Vec::new();
    let man = clap_mangen::Man::new(cmd.clone())
        .source(format!("keep {}", env!("CARGO_PKG_VERSION")))
        .manual("keep manual");
    // Writing to a Vec cannot fail.
    let _ = man.render(&mut buf);
    buf
}
