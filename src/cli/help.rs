//! The help text's tables: where commands go, environment variables, files, exit codes and
//! examples. `keep --help` and the man page (`generate`) are both built from them.

pub const ABOUT: &str = "A secrets manager for the command line";

pub(super) const LONG_ABOUT: &str = "\
A secrets manager for the command line.

A secret is a named set of environment variables (KEY -> value) in an environment \
(default `main`). By default secrets live in an encrypted SQLite store on this machine; \
after `keep login` (or with `--server`/`KEEP_SERVER`) the same commands talk to a `keep serve` \
over HTTPS. `keep status` says where commands go.";

/// Where commands go: each setting is taken from the first of these that sets it. The help
/// text and the man page are both built from this.
pub const PRECEDENCE: &[(&str, &str)] = &[
    (
        "1. flags",
        "--server, --profile, --ca-cert, --timeout, -e/--env, --home",
    ),
    (
        "2. environment",
        "KEEP_SERVER, KEEP_TOKEN, KEEP_PROFILE, KEEP_CA_CERT, KEEP_TIMEOUT, KEEP_ENV, KEEP_HOME",
    ),
    (
        "3. profile",
        "the profile chosen by --profile or KEEP_PROFILE, else the active one (`keep profile use`), as `keep login` saved it: its server, token, CA certificate, environment and timeout; they apply only while the server is the profile's own",
    ),
    (
        "4. local store",
        "with no server from any of these, the encrypted store in --home (KEEP_HOME); KEEP_TOKEN without a server is an error (exit 2), and a read never creates a store",
    ),
];

/// Environment variables keep reads: the help text and the man page are both built from this.
pub const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "KEEP_SERVER",
        "URL of a `keep serve` to use instead of the local store",
    ),
    (
        "KEEP_TOKEN",
        "API token for the server (never pass tokens on the command line)",
    ),
    (
        "KEEP_PROFILE",
        "profile to use instead of the active one (as --profile)",
    ),
    (
        "KEEP_CA_CERT",
        "PEM file of CA certificates to trust for an https:// server, besides the system's",
    ),
    (
        "KEEP_TIMEOUT",
        "seconds to wait for the server's answer (default: 10)",
    ),
    (
        "KEEP_ENV",
        "environment to use (default: the profile's, else main)",
    ),
    (
        "KEEP_HOME",
        "directory of the local store (default: $XDG_DATA_HOME/keep, ~/.local/share/keep)",
    ),
    (
        "KEEP_MAX_VERSIONS",
        "versions kept of each secret, the newest (default: 20; 0 keeps all); for the local store, and for `keep serve` (as --max-versions)",
    ),
    (
        "KEEP_MASTER_KEY",
        "`keep serve` only: the master key as 64 hex digits, instead of DIR/master.key; during a rotation NEW,OLD",
    ),
    (
        "KEEP_TLS_CERT",
        "`keep serve` only: PEM certificate chain to serve HTTPS with (as --tls-cert)",
    ),
    (
        "KEEP_TLS_KEY",
        "`keep serve` only: PEM private key of that certificate (as --tls-key)",
    ),
    (
        "XDG_CONFIG_HOME",
        "where the profiles file is: $XDG_CONFIG_HOME/keep/config.toml (default: ~/.config)",
    ),
    (
        "NO_COLOR",
        "disable colors; CLICOLOR_FORCE=1 forces them, TERM=dumb disables them",
    ),
    (
        "COMPLETE",
        "set by the shell completion scripts (`source <(COMPLETE=bash keep)`)",
    ),
];

/// Files keep uses.
pub const FILES: &[(&str, &str)] = &[
    (
        "~/.config/keep/config.toml",
        "profiles saved by `keep login`: servers, tokens, CA certificates (mode 0600)",
    ),
    (
        "$KEEP_HOME/keep.db",
        "the local store (SQLite in WAL mode; values encrypted)",
    ),
    (
        "$KEEP_HOME/master.key",
        "the local store's key (32 random bytes, mode 0600): back it up",
    ),
    (
        "DIR/keep.db",
        "`keep serve --data-dir DIR`: the server's store",
    ),
    (
        "DIR/master.key",
        "`keep serve`: the server's key, unless KEEP_MASTER_KEY is set",
    ),
    (
        "DIR/admin.token",
        "`keep serve`: the first admin token, written once (mode 0600)",
    ),
    (
        "DIR/retired-keys/",
        "`keep serve`: master keys replaced by `keep serve rotate-key`",
    ),
    (
        "DIR/tls/ca.pem",
        "`keep serve --tls-self-signed`: the private CA clients trust (its key: DIR/tls/ca.key)",
    ),
];

/// Exit codes, the contract scripts rely on.
pub const EXIT_CODES: &[(&str, &str)] = &[
    ("0", "success"),
    (
        "1",
        "unexpected failure (server error, I/O, integrity check)",
    ),
    (
        "2",
        "usage or invalid input: bad flag, name, key, value or file; missing variable or required key",
    ),
    (
        "3",
        "secret, environment (or token) not found; a read from a local store that does not exist",
    ),
    (
        "4",
        "secret, environment (or token) already exists; `--if-version` did not match (another write came first)",
    ),
    ("5", "authentication or permission refused"),
    ("6", "server unreachable or timed out"),
    ("126", "`keep run`: the program cannot be executed"),
    ("127", "`keep run`: the program was not found"),
    ("130", "interrupted"),
    (
        "other",
        "`keep run`: once started, the program's own exit code (128+N if killed by signal N)",
    ),
];

/// Examples: what each does, and the command.
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "Store a value typed at a hidden prompt",
        "keep create db DATABASE_URL=-",
    ),
    ("Store the nearest .env file", "keep import-dotenv app"),
    (
        "Change one value, keep the others",
        "keep update db PASSWORD=-",
    ),
    ("List secrets for a script", "keep list --json"),
    ("Show the values", "keep show db --reveal"),
    (
        "See who changed what, and undo it",
        "keep history db && keep rollback db 3",
    ),
    (
        "Run a program with a secret's variables",
        "keep run app -- npm run dev",
    ),
    ("Write a .env file", "keep export app --output .env"),
    (
        "Use a team server from now on",
        "keep login --server https://keep.example.com",
    ),
    ("See where commands go", "keep status"),
    (
        "Use a server for one command, in CI",
        "KEEP_SERVER=https://keep.example.com KEEP_TOKEN=$TOKEN keep list -e staging",
    ),
];

/// The text after `keep --help`: the tables above as plain text.
pub fn after_long_help() -> String {
    let mut s = String::new();
    let mut table = |title: &str, rows: &[(&str, &str)], width: usize| {
        s.push_str(&format!("{title}:\n"));
        for (k, v) in rows {
            s.push_str(&format!("  {k:<width$}  {v}\n"));
        }
        s.push('\n');
    };
    table(
        "Where commands go (each setting from the first that sets it)",
        PRECEDENCE,
        16,
    );
    table("Environment variables", ENVIRONMENT, 15);
    table("Files", FILES, 21);
    table("Exit codes", EXIT_CODES, 5);
    s.push_str("Examples:\n");
    for (what, cmd) in EXAMPLES {
        s.push_str(&format!("  # {what}\n  $ {cmd}\n"));
    }
    s.trim_end().to_owned()
}
