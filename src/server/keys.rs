//! Where the server's master keys live, and rotating them online (the key files themselves
//! are read and written by `crypto`).
//!
//! With a data directory, `DIR/master.key` is the active key and `DIR/retired-keys/<id>.key`
//! hold earlier ones, kept so that data they wrapped (in this database or in a backup) can
//! still be opened. With `KEEP_MASTER_KEY=NEW,OLD,...` the operator holds the keys and
//! rotates by changing the variable on every replica (README: "Rotating the master key").

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use super::{AppState, DataDir};
use crate::crypto::{self, MasterKey};
use crate::error::{Error, Result};

/// Where the master keys come from.
#[derive(Clone, Debug)]
pub enum KeySource {
    /// `DIR/master.key` and `DIR/retired-keys/`: the server can rotate on its own.
    Files { dir: PathBuf },
    /// `KEEP_MASTER_KEY`: the operator rotates.
    Env,
}

impl DataDir {
    pub fn retired_keys(&self) -> PathBuf {
        self.dir.join("retired-keys")
    }
}

/// Makes a new master key and rewraps every data key under it, while requests go on.
///
/// Order matters for a crash at any point: the current key is saved among the retired keys
/// first, then the new key replaces `master.key` atomically, and only then is it used. A
/// restart finds both keys and finishes the rewrap.
///
/// With keys from `KEEP_MASTER_KEY` the operator has already made the new key the first of
/// the ring on every replica; this only starts the rewrap under it.
pub async fn rotate(state: &Arc<AppState>) -> Result<()> {
    let KeySource::Files { dir } = &state.keys else {
        if state.service.crypto().key_ids().len() < 2 {
            return Err(Error::invalid_with_hint(
                "this server's master key comes from `KEEP_MASTER_KEY`, so it cannot make a new one",
                "restart every replica with `KEEP_MASTER_KEY=OLD,NEW`, then with `NEW,OLD`, then \
                 run this again to rewrap (README: \"Rotating the master key\")",
            ));
        }
        spawn_rewrap(state.clone());
        return Ok(());
    };
    let _one_at_a_time = state.rotation.lock().await;
    let data = DataDir { dir: dir.clone() };
    let current = MasterKey::load(&data.master_key())?;
    if current.id() != state.service.crypto().key_id() {
        return Err(Error::Internal(format!(
            "`{}` holds key {}, but the server is using {}; restart the server",
            data.master_key().display(),
            current.id(),
            state.service.crypto().key_id()
        )));
    }
    let new = crypto::rotate_files(&current, &data.master_key(), &data.retired_keys())?;
    state.service.activate_key(new).await?;
    spawn_rewrap(state.clone());
    Ok(())
}

/// Rewraps in the background until no secret is left under an older key. One task at a time;
/// a failure is logged and retried, and a restart resumes where it stopped.
pub fn spawn_rewrap(state: Arc<AppState>) {
    if state.rewrapping.swap(true, Ordering::SeqCst) {
        return;
    }
    tokio::spawn(async move {
        let mut delay = Duration::from_millis(500);
        loop {
            match state.service.rewrap_all().await {
                Ok(done) => {
                    log(&format!(
                        "rewrapped {} data keys under master key {}",
                        done.rewrapped,
                        state.service.crypto().key_id()
                    ));
                    if done.failed > 0 {
                        // Retrying cannot help: `keep serve` names them on every read.
                        log(&format!(
                            "{} secrets could not be rewrapped: they fail their integrity check \
                             or need a master key that is not loaded",
                            done.failed
                        ));
                        break;
                    }
                    // Left over only if another replica still seals under an older key.
                    let left = (state.service.key_status().await)
                        .map(|s| s.remaining + s.remaining_versions);
                    if matches!(left, Ok(0)) {
                        break;
                    }
                }
                Err(e) => log(&format!("rewrapping data keys failed, will retry: {e}")),
            }
            tokio::time::sleep(delay).await;
            delay = (delay * 2).min(Duration::from_secs(60));
        }
        state.rewrapping.store(false, Ordering::SeqCst);
    });
}

#[allow(clippy::print_stderr)] // the server's log is its stderr
fn log(msg: &str) {
    eprintln!("keep serve: {msg}");
}
