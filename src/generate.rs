//! The committed, generated files: completion scripts and man pages, from the clap definitions.

use clap_complete::Shell;

use crate::cli;
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

/// `man/keep.1` and one page per subcommand (`keep-token-create.1` for nested ones), without
/// dates so they are byte-stable.
pub fn man_pages() -> Vec<(String, Vec<u8>)> {
    let cmd = cli::command().version(env!("CARGO_PKG_VERSION"));
    let mut pages = vec![("man/keep.1".to_owned(), top_page(&cmd))];
    sub_pages(&cmd, ("keep", "keep"), &mut pages);
    pages
}

/// `prefix`: the parent's page name and its command line (`keep-token`, `keep token`).
fn sub_pages(cmd: &clap::Command, prefix: (&str, &str), pages: &mut Vec<(String, Vec<u8>)>) {
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        let name = format!("{}-{}", prefix.0, sub.get_name());
        let bin_name = format!("{} {}", prefix.1, sub.get_name());
        let page = sub.clone().name(name.clone()).bin_name(bin_name.clone());
        let mut buf = Vec::new();
        // Writing to a Vec cannot fail.
        let _ = man(&page).render(&mut buf);
        pages.push((format!("man/{name}.1"), buf));
        sub_pages(sub, (&name, &bin_name), pages);
    }
}

fn man(cmd: &clap::Command) -> clap_mangen::Man {
    clap_mangen::Man::new(cmd.clone())
        .source(format!("keep {}", env!("CARGO_PKG_VERSION")))
        .manual("keep manual")
}

/// The top page has real ENVIRONMENT, FILES, EXIT STATUS and EXAMPLES sections, written from
/// the same tables as `keep --help`, instead of clap_mangen's catch-all EXTRA section.
fn top_page(cmd: &clap::Command) -> Vec<u8> {
    let man = man(cmd);
    let mut buf = Vec::new();
    let _ = man.render_title(&mut buf);
    let _ = man.render_name_section(&mut buf);
    let _ = man.render_synopsis_section(&mut buf);
    let _ = man.render_description_section(&mut buf);
    let _ = man.render_options_section(&mut buf);
    let _ = man.render_subcommands_section(&mut buf);
    let mut roff = String::new();
    for (title, rows) in [
        ("WHERE COMMANDS GO", cli::PRECEDENCE),
        ("ENVIRONMENT", cli::ENVIRONMENT),
        ("FILES", cli::FILES),
        ("EXIT STATUS", cli::EXIT_CODES),
    ] {
        roff.push_str(&format!(".SH \"{title}\"\n"));
        for (term, text) in rows {
            roff.push_str(&format!(
                ".TP\n\\fB{}\\fR\n{}\n",
                escape(term),
                escape(text)
            ));
        }
    }
    roff.push_str(".SH EXAMPLES\n");
    for (what, command) in cli::EXAMPLES {
        roff.push_str(&format!(
            ".PP\n{}:\n.PP\n.RS 4\n\\fB$ {}\\fR\n.RE\n",
            escape(what),
            escape(command)
        ));
    }
    buf.extend_from_slice(roff.as_bytes());
    let _ = man.render_version_section(&mut buf);
    buf
}

/// Escapes text for roff: backslashes, hyphens (so they render as ASCII minus signs), and a
/// leading dot or quote that roff would read as a request.
fn escape(s: &str) -> String {
    let s = s.replace('\\', "\\e").replace('-', "\\-");
    if s.starts_with('.') || s.starts_with('\'') {
        format!("\\&{s}")
    } else {
        s
    }
}
