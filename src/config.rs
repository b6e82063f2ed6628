//! The profiles file, `$XDG_CONFIG_HOME/keep/config.toml`: the servers `keep login` saved,
//! each with its token, and which one is active. Edited in place with `toml_edit`, so that
//! comments and keys a user wrote survive every change keep makes; written whole (0600 in a
//! 0700 directory, replaced atomically) or not at all.
//!
//! ```toml
//! active = "work"
//!
//! [profiles.work]
//! server = "https://keep.example.com"
//! token = "keep_..."
//! token_name = "alice"          # what `GET /v1/whoami` said at login
//! environment = "staging"       # the default environment (`-e` and `KEEP_ENV` win)
//! ca_cert = "/etc/keep/ca.pem"  # or ca_cert_pem = "-----BEGIN CERTIFICATE-----...", or
//! fingerprint = "AB:CD:..."     # the SHA-256 of a certificate in the server's chain
//! timeout = 10                  # seconds
//! ```

use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, Table, value};

use crate::error::{Error, Result};
use crate::model::{EnvName, SecretValue};

/// One saved server and how to reach it. The token is redacted in `Debug`.
#[derive(Clone, Debug, Default)]
pub struct Profile {
    pub name: String,
    pub server: String,
    pub token: Option<SecretValue>,
    /// The token's name as the server reported it at login: shown without asking it again.
    pub token_name: Option<String>,
    pub environment: Option<EnvName>,
    /// A PEM file of CA certificates to trust, besides the system's.
    pub ca_cert: Option<PathBuf>,
    /// The same, inline (what `keep login --ca-cert` saves, so the file may go).
    pub ca_cert_pem: Option<String>,
    /// The SHA-256 fingerprint of a certificate in the server's chain, trusted as its root.
    pub fingerprint: Option<String>,
    /// Seconds the client waits for an answer.
    pub timeout: Option<u64>,
}

/// The file and its parsed contents.
pub struct Config {
    path: PathBuf,
    doc: DocumentMut,
}

/// `keep/config.toml` in the XDG config directory (`~/.config` unless `XDG_CONFIG_HOME`).
pub fn default_path() -> Result<PathBuf> {
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().map_err(|e| {
        Error::invalid_with_hint(
            format!("cannot find a home directory for the profiles file: {e}"),
            "set `HOME` or `XDG_CONFIG_HOME`",
        )
    })?;
    Ok(base.config_dir().join("keep").join("config.toml"))
}

/// Profile names: letters, digits, `.`, `_`, `-`, 1 to 63 characters.
pub fn check_profile_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 63
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if ok {
        return Ok(());
    }
    Err(Error::invalid_with_hint(
        format!("invalid profile name `{}`", crate::error::shown(name)),
        "use 1 to 63 letters, digits, `.`, `_` or `-`",
    ))
}

impl Config {
    /// Reads the file at `path`; a missing file is an empty configuration. A file other users
    /// can read is refused: it holds tokens.
    pub fn load(path: &Path) -> Result<Self> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(Error::io_path("cannot read the profiles file", path, e)),
        };
        if !text.is_empty() {
            let meta =
                std::fs::metadata(path).map_err(|e| Error::io_path("cannot inspect", path, e))?;
            crate::fs::refuse_if_shared("the profiles file", path, &meta, "600")?;
        }
        // Only the place and the kind of the mistake: the line itself may hold a token.
        let doc = text.parse::<DocumentMut>().map_err(|e| {
            let line = e.span().map_or(0, |s| {
                text.get(..s.start).unwrap_or(&text).matches('\n').count() + 1
            });
            Error::invalid_with_hint(
                format!(
                    "the profiles file `{}` is not valid TOML (line {line}): {}",
                    path.display(),
                    e.message().trim_end()
                ),
                "fix it, or remove it and run `keep login` again",
            )
        })?;
        Ok(Self {
            path: path.to_owned(),
            doc,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The name in `active`, if any.
    pub fn active(&self) -> Result<Option<String>> {
        self.string(self.doc.as_table(), "active", "active")
    }

    pub fn set_active(&mut self, name: Option<&str>) {
        match name {
            Some(n) => self.doc["active"] = value(n),
            None => {
                self.doc.remove("active");
            }
        }
    }

    fn profiles_table(&self) -> Option<&Table> {
        self.doc.get("profiles").and_then(Item::as_table)
    }

    /// The names of every profile, in the file's order.
    pub fn names(&self) -> Vec<String> {
        self.profiles_table()
            .map(|t| t.iter().map(|(k, _)| k.to_owned()).collect())
            .unwrap_or_default()
    }

    pub fn profile(&self, name: &str) -> Result<Option<Profile>> {
        let Some(table) = self
            .profiles_table()
            .and_then(|t| t.get(name))
            .and_then(Item::as_table)
        else {
            return Ok(None);
        };
        let at = |key: &str| format!("profiles.{name}.{key}");
        let get = |key: &str| self.string(table, key, &at(key));
        let server = get("server")?.ok_or_else(|| {
            self.invalid(format!("profile `{name}` has no `server`"), &at("server"))
        })?;
        let environment = get("environment")?
            .map(|e| {
                EnvName::parse(&e).map_err(|e| self.invalid(e.to_string(), &at("environment")))
            })
            .transpose()?;
        let timeout = match table.get("timeout") {
            None => None,
            Some(item) => Some(
                item.as_integer()
                    .and_then(|n| u64::try_from(n).ok())
                    .filter(|n| (1..=3600).contains(n))
                    .ok_or_else(|| {
                        self.invalid(
                            "must be a number of seconds, 1 to 3600".into(),
                            &at("timeout"),
                        )
                    })?,
            ),
        };
        Ok(Some(Profile {
            name: name.to_owned(),
            server,
            token: get("token")?.map(SecretValue::new),
            token_name: get("token_name")?,
            environment,
            ca_cert: get("ca_cert")?.map(PathBuf::from),
            ca_cert_pem: get("ca_cert_pem")?,
            fingerprint: get("fingerprint")?,
            timeout,
        }))
    }

    /// Every profile, in the file's order.
    pub fn profiles(&self) -> Result<Vec<Profile>> {
        let mut all = Vec::new();
        for name in self.names() {
            all.extend(self.profile(&name)?);
        }
        Ok(all)
    }

    /// Adds `p`, or changes the profile of its name in place: keys keep saves are set or
    /// removed, anything else in its table (and every comment) stays.
    pub fn set_profile(&mut self, p: &Profile) {
        let profiles = self.doc["profiles"].or_insert(Item::Table(implicit_table()));
        let table = profiles[p.name.as_str()].or_insert(Item::Table(Table::new()));
        let Some(table) = table.as_table_mut() else {
            return;
        };
        // A changed value keeps the spacing and comment around the old one.
        let mut set = |key: &str, v: Option<toml_edit::Value>| match v {
            Some(mut v) => match table.get_mut(key).and_then(Item::as_value_mut) {
                Some(old) => {
                    *v.decor_mut() = old.decor().clone();
                    *old = v;
                }
                None => table[key] = Item::Value(v),
            },
            None => {
                table.remove(key);
            }
        };
        set("server", Some(p.server.as_str().into()));
        set("token", p.token.as_ref().map(|t| t.expose().into()));
        set("token_name", p.token_name.as_deref().map(Into::into));
        set(
            "environment",
            p.environment.as_ref().map(|e| e.as_str().into()),
        );
        set(
            "ca_cert",
            p.ca_cert
                .as_ref()
                .map(|c| c.to_string_lossy().as_ref().into()),
        );
        set("ca_cert_pem", p.ca_cert_pem.as_deref().map(Into::into));
        set("fingerprint", p.fingerprint.as_deref().map(Into::into));
        set("timeout", p.timeout.map(|t| (t as i64).into()));
    }

    /// Removes a profile; false if there was none of that name.
    pub fn remove_profile(&mut self, name: &str) -> bool {
        let removed = self
            .doc
            .get_mut("profiles")
            .and_then(Item::as_table_mut)
            .and_then(|t| t.remove(name))
            .is_some();
        if removed && self.active().ok().flatten().as_deref() == Some(name) {
            self.set_active(None);
        }
        removed
    }

    /// Writes the file: its directory is made 0700, the file 0600, replaced atomically.
    pub fn save(&self) -> Result<()> {
        let dir = crate::fs::parent_dir(&self.path);
        crate::fs::create_private_dir(dir)?;
        crate::fs::make_private_dir(dir)?;
        crate::fs::replace_private_file(&self.path, self.doc.to_string().as_bytes())
    }

    fn string(&self, table: &Table, key: &str, at: &str) -> Result<Option<String>> {
        match table.get(key) {
            None => Ok(None),
            Some(item) => match item.as_str() {
                Some(s) => Ok(Some(s.to_owned())),
                None => Err(self.invalid("must be a string".into(), at)),
            },
        }
    }

    fn invalid(&self, problem: String, at: &str) -> Error {
        Error::invalid_with_hint(
            format!(
                "in the profiles file `{}`, `{at}`: {problem}",
                self.path.display()
            ),
            "fix it, or run `keep login` again to rewrite the profile",
        )
    }
}

/// `[profiles]` exists only as the parent of `[profiles.NAME]` tables.
fn implicit_table() -> Table {
    let mut t = Table::new();
    t.set_implicit(true);
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> (tempfile::TempDir, Config) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("keep/config.toml");
        if !text.is_empty() {
            crate::fs::write_private_file(&path, text.as_bytes()).expect("write");
        }
        let config = Config::load(&path).expect("load");
        (dir, config)
    }

    #[test]
    fn a_missing_file_has_no_profiles() {
        let (_dir, c) = config("");
        assert_eq!(c.active().expect("active"), None);
        assert!(c.profiles().expect("profiles").is_empty());
    }

    #[test]
    fn profiles_round_trip_and_comments_survive() {
        let text = "# my keep profiles\nactive = \"work\"\n\n[profiles.work] # the team server\n\
                    server = \"https://keep.example.com\" # prod\ntoken = \"keep_old\"\nmine = 1\n";
        let (_dir, mut c) = config(text);
        let mut p = c.profile("work").expect("parse").expect("there");
        assert_eq!(p.server, "https://keep.example.com");
        assert_eq!(p.token.as_ref().map(SecretValue::expose), Some("keep_old"));
        assert!(
            !format!("{p:?}").contains("keep_old"),
            "the token is redacted"
        );
        p.token = Some(SecretValue::new("keep_new".into()));
        p.environment = Some(EnvName::parse("staging").expect("env"));
        c.set_profile(&p);
        c.set_profile(&Profile {
            name: "home".into(),
            server: "http://127.0.0.1:8787".into(),
            timeout: Some(3),
            ..Profile::default()
        });
        c.save().expect("save");
        let saved = std::fs::read_to_string(c.path()).expect("read");
        for kept in [
            "# my keep profiles",
            "# the team server",
            "# prod",
            "mine = 1",
        ] {
            assert!(saved.contains(kept), "{kept}: {saved}");
        }
        let again = Config::load(c.path()).expect("load");
        assert_eq!(again.names(), ["work", "home"]);
        let work = again.profile("work").expect("parse").expect("there");
        assert_eq!(
            work.token.as_ref().map(SecretValue::expose),
            Some("keep_new")
        );
        assert_eq!(
            work.environment.as_ref().map(EnvName::as_str),
            Some("staging")
        );
        assert_eq!(
            again
                .profile("home")
                .expect("parse")
                .expect("there")
                .timeout,
            Some(3)
        );
        let mut again = again;
        assert!(again.remove_profile("work"));
        assert_eq!(again.active().expect("active"), None);
        assert!(!again.remove_profile("work"));
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_private_and_a_shared_one_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let (dir, mut c) = config("");
        c.set_active(Some("x"));
        c.save().expect("save");
        let mode = |p: &Path| std::fs::metadata(p).expect("stat").permissions().mode() & 0o777;
        assert_eq!(mode(c.path()), 0o600);
        assert_eq!(mode(&dir.path().join("keep")), 0o700);
        std::fs::set_permissions(c.path(), std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let e = Config::load(c.path()).err().expect("refused");
        assert!(e.to_string().contains("other users"), "{e}");
    }

    #[test]
    fn bad_values_name_their_place() {
        let (_dir, c) = config("[profiles.a]\nserver = 1\n");
        let e = c.profile("a").expect_err("bad");
        assert!(e.to_string().contains("profiles.a.server"), "{e}");
        let (_dir, c) = config("[profiles.a]\nserver = \"x\"\ntimeout = 0\n");
        assert!(c.profile("a").is_err());
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config.toml");
        crate::fs::write_private_file(&path, b"[profiles\n").expect("write");
        let e = Config::load(&path).err().expect("bad TOML");
        assert!(e.to_string().contains("not valid TOML (line 1)"), "{e}");
        crate::fs::replace_private_file(&path, b"[profiles.a]\ntoken = \"keep_secret\n")
            .expect("write");
        let e = Config::load(&path).err().expect("bad TOML");
        assert!(
            !e.to_string().contains("keep_secret"),
            "the token leaked: {e}"
        );
        assert!(check_profile_name("a b").is_err());
        assert!(check_profile_name("work-2").is_ok());
    }
}
