//! `keep serve rotate-key`: a new master key for a running server, rewrapping online.

use std::io;
use std::time::Duration;

use super::common::Context;
use crate::error::Result;
use crate::output::{Output, Report};
use crate::service::KeyStatus;

const AFTER_LONG_HELP: &str = "\
Asks the server at KEEP_SERVER (admin token in KEEP_TOKEN) to make a new master key: it is \
saved as DIR/master.key, the previous one is kept in DIR/retired-keys/, and new writes use the \
new key at once. Every secret's data key is then rewrapped under the new key in the \
background, while requests go on; old keys keep decrypting until then. This waits until no \
secret is left under an old key (--no-wait returns at once; --status only reports).

A server whose key comes from KEEP_MASTER_KEY cannot make a new one: restart every replica \
with KEEP_MASTER_KEY=OLD,NEW, then with NEW,OLD (the first key seals, the others open), then \
run this once to rewrap everything under NEW.

Examples:
  $ keep serve rotate-key
  $ keep serve rotate-key --status --json";

/// Rotate the master key of a running server (admin)
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP)]
pub struct Args {
    /// Return once the new key is in use, without waiting for the rewrap
    #[arg(long)]
    pub no_wait: bool,
    /// Only report which keys wrap how many secrets
    #[arg(long, conflicts_with = "no_wait")]
    pub status: bool,
}

impl Report for KeyStatus {
    fn human(&self, out: &mut Output) -> io::Result<()> {
        let rows: Vec<Vec<String>> = self
            .keys
            .iter()
            .map(|k| {
                let role = if k.key_id == self.active_key_id {
                    "active"
                } else if self.loaded_key_ids.contains(&k.key_id) {
                    "old"
                } else {
                    "not loaded"
                };
                vec![k.key_id.clone(), role.to_owned(), k.secrets.to_string()]
            })
            .collect();
        out.status(&format!("active master key: {}", self.active_key_id));
        out.table(&["KEY", "ROLE", "SECRETS"], &rows)
    }
}

pub async fn run(args: Args, ctx: &Context, out: &mut Output) -> Result<()> {
    let Args { no_wait, status } = args;
    let client = ctx.server("master keys")?;
    if status {
        let s = out.waiting("reading", client.key_status()).await?;
        return out.emit(&s);
    }
    let mut s = out.waiting("rotating", client.rotate_key()).await?;
    out.status(&format!(
        "new master key {} is in use; rewrapping {} secrets",
        s.active_key_id, s.remaining
    ));
    if !no_wait {
        let wait = async {
            while s.remaining > 0 || s.remaining_versions > 0 {
                tokio::time::sleep(Duration::from_millis(200)).await;
                s = client.key_status().await?;
            }
            Ok::<_, crate::error::Error>(())
        };
        out.waiting("rewrapping", wait).await?;
    }
    out.emit(&s)
}
