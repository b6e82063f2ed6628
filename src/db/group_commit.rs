//! Group commit: writes that arrive while one transaction is being committed are committed
//! together in the next, so that one `fsync` covers many requests. Each submitter is
//! answered only once the transaction holding its write has committed (or failed).

use std::future::Future;

use tokio::sync::{mpsc, oneshot};

type Pending<T, R> = (T, oneshot::Sender<Result<R, String>>);

/// A queue of writes of type `T`, each answered with an `R`, and the task that commits them.
#[derive(Debug)]
pub struct GroupCommit<T, R> {
    queue: mpsc::Sender<Pending<T, R>>,
}

impl<T: Send + 'static, R: Send + 'static> GroupCommit<T, R> {
    /// Starts the committing task; it ends when the `GroupCommit` is dropped. `commit` writes
    /// a batch of at most `max_batch` items in one transaction and answers each, in order.
    pub fn start<F, Fut>(max_batch: usize, commit: F) -> Self
    where
        F: Fn(Vec<T>) -> Fut + Send + 'static,
        Fut: Future<Output = Result<Vec<R>, String>> + Send,
    {
        let (queue, mut pending) = mpsc::channel::<Pending<T, R>>(4 * max_batch);
        tokio::spawn(async move {
            while let Some(first) = pending.recv().await {
                let mut batch = vec![first];
                while batch.len() < max_batch {
                    match pending.try_recv() {
                        Ok(p) => batch.push(p),
                        Err(_) => break,
                    }
                }
                let (items, answers): (Vec<T>, Vec<_>) = batch.into_iter().unzip();
                let n = items.len();
                let results = commit(items).await.and_then(|results| {
                    if results.len() == n {
                        Ok(results)
                    } else {
                        Err("a group commit answered the wrong number of writes".to_owned())
                    }
                });
                match results {
                    Ok(results) => {
                        for (answer, result) in answers.into_iter().zip(results) {
                            let _ = answer.send(Ok(result));
                        }
                    }
                    Err(e) => {
                        for answer in answers {
                            let _ = answer.send(Err(e.clone()));
                        }
                    }
                }
            }
        });
        Self { queue }
    }

    /// Submits `item` and waits until the transaction that holds it has committed.
    pub async fn submit(&self, item: T) -> Result<R, String> {
        let stopped = || "the group commit task has stopped".to_owned();
        let (answer, answered) = oneshot::channel();
        self.queue
            .send((item, answer))
            .await
            .map_err(|_| stopped())?;
        answered.await.map_err(|_| stopped())?
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_submits_share_batches_and_get_their_own_answers() {
        let batches = Arc::new(AtomicUsize::new(0));
        let counted = batches.clone();
        let group = Arc::new(GroupCommit::start(64, move |items: Vec<u32>| {
            counted.fetch_add(1, Ordering::Relaxed);
            async move {
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                if items.contains(&13) {
                    return Err("thirteen".to_owned());
                }
                Ok(items.iter().map(|i| i * 2).collect())
            }
        }));
        let tasks: Vec<_> = (0..200u32)
            .filter(|i| *i != 13)
            .map(|i| {
                let group = group.clone();
                tokio::spawn(async move { (i, group.submit(i).await) })
            })
            .collect();
        for t in tasks {
            let (i, answer) = t.await.unwrap();
            assert_eq!(answer, Ok(i * 2));
        }
        let n = batches.load(Ordering::Relaxed);
        assert!(n < 199, "{n} batches for 199 writes: nothing was grouped");
        assert_eq!(group.submit(13).await, Err("thirteen".to_owned()));
    }
}
