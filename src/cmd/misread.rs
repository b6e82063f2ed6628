//! `keep run` command lines whose program was read as secret names (no `--` before it, or
//! its options before the `--`): the error that says what was read how, and shows the
//! command as it was meant.

use crate::error::Error;

/// Options of `keep run` (its own and the global ones) that take a value.
const VALUE_OPTIONS: &[&str] = &[
    "--require",
    "-e",
    "--env",
    "--server",
    "--profile",
    "--ca-cert",
    "--timeout",
    "--home",
    "--color",
];

/// The error for a command line whose program was read as secret names: what was read as
/// names, and the command as it was probably meant, with `--` after the first name. `names`
/// are the words taken as secret names, `command` those after `--`.
pub fn misread(names: &[String], command: &[String]) -> Error {
    let shown = |ws: &[String], sep: &str, quote: &str| {
        ws.iter()
            .map(|w| format!("{quote}{}{quote}", crate::error::shown(w)))
            .collect::<Vec<_>>()
            .join(sep)
    };
    let Some((first, rest)) = names.split_first() else {
        return Error::invalid_with_hint(
            "no secret and no program given",
            "write `keep run NAME... -- COMMAND [ARGS]...`",
        );
    };
    let message = match (command.first(), rest) {
        (Some(program), _) => format!(
            "{} {} read as secret {} and `{}` as the program: the program goes right after `--`",
            shown(names, ", ", "`"),
            if names.len() == 1 { "was" } else { "were" },
            if names.len() == 1 { "name" } else { "names" },
            crate::error::shown(program)
        ),
        (None, []) => format!("no program given after `--` to run with `{first}`"),
        (None, _) => format!(
            "no program given: {} were all read as secret names, as no `--` comes before the program",
            shown(names, ", ", "`")
        ),
    };
    let program: Vec<String> = (rest.iter().chain(command)).map(|w| sh_word(w)).collect();
    let program = if program.is_empty() {
        "COMMAND".to_owned()
    } else {
        program.join(" ")
    };
    Error::invalid_with_hint(
        message,
        format!(
            "the program and its arguments go after `--`: `keep run {} -- {program}`",
            sh_word(first)
        ),
    )
}

/// Flags of `keep run` (its own and the global ones) that take no value.
const FLAGS: &[&str] = &["--no-inherit-env", "--json", "-q", "--quiet", "--no-input"];

/// A word as a shell would need it typed: quoted if it holds anything but plain characters.
fn sh_word(w: &str) -> String {
    let w = crate::error::shown(w);
    if !w.is_empty()
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_=./:,@%+".contains(c))
    {
        w
    } else {
        format!("'{}'", w.replace('\'', r"'\''"))
    }
}

/// For a `keep run` command line clap refused (a program name that is no secret name, such
/// as `./deploy.sh`, or its options, before any `--`): the error that says so, if that is
/// what happened. `args` are keep's arguments, without the program name.
pub fn misparsed(args: &[String]) -> Option<Error> {
    let at = args.iter().position(|a| a == "run")?;
    if args.iter().any(|a| a == "--") {
        return None;
    }
    // keep's own options are left out; once a name is seen, any other option is the program's.
    let mut words: Vec<String> = Vec::new();
    let mut skip = false;
    for a in &args[at + 1..] {
        if std::mem::take(&mut skip) {
            continue;
        }
        let option = a.split('=').next().unwrap_or(a);
        if VALUE_OPTIONS.contains(&option) {
            skip = !a.contains('=');
            continue;
        }
        if FLAGS.contains(&a.as_str()) || (a.starts_with('-') && words.is_empty()) {
            continue;
        }
        words.push(a.clone());
    }
    (!words.is_empty()).then(|| misread(&words, &[]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_program_read_as_names_gets_the_corrected_command() {
        let words = |ws: &[&str]| ws.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        let e = misread(&words(&["app", "npm", "run", "dev"]), &[]);
        assert_eq!(
            e.to_string(),
            "no program given: `app`, `npm`, `run`, `dev` were all read as secret names, as no `--` comes before the program"
        );
        assert_eq!(
            e.hint().as_deref(),
            Some("the program and its arguments go after `--`: `keep run app -- npm run dev`")
        );
        let e = misread(&words(&["app", "ls"]), &words(&["-la"]));
        assert!(
            e.to_string()
                .contains("`app`, `ls` were read as secret names"),
            "{e}"
        );
        assert!(
            e.hint()
                .is_some_and(|h| h.contains("`keep run app -- ls -la`"))
        );
        let e = misparsed(&words(&[
            "-e",
            "staging",
            "run",
            "--require",
            "K",
            "app",
            "./deploy.sh",
        ]))
        .expect("misparsed");
        assert!(
            e.hint()
                .is_some_and(|h| h.contains("`keep run app -- ./deploy.sh`")),
            "{e:?}"
        );
        let e =
            misparsed(&words(&["run", "app", "ls", "-la", "--no-inherit-env"])).expect("misparsed");
        assert!(
            e.hint()
                .is_some_and(|h| h.contains("`keep run app -- ls -la`")),
            "{e:?}"
        );
        assert!(misparsed(&words(&["run", "a b", "--", "true"])).is_none());
        assert!(misparsed(&words(&["show", "x"])).is_none());
    }
}
