//! Requests answered before their body was read: read the rest of it (within bounds) before the
//! answer goes out, or else tell the client the connection closes.
//!
//! A request refused early (no token, a wrong method or content type, a bad path) is answered
//! without its body being read. HTTP/1.1 cannot go on to the next request on that connection
//! until the rest of the body has been read, so hyper closes it, but it may decide that after
//! the answer's head went out without `connection: close`. A client that reuses the connection
//! for its next request then fails with "connection closed before message completed", and a
//! socket closed with unread data is reset, which can cost the client the answer itself.
//!
//! So the rest of a small body is read and dropped (as nginx's lingering close does), which
//! keeps the connection usable; a body too large or too slow for that, or one the client sends
//! only after a `100 Continue` (`expect: 100-continue`), gets `connection: close` on its answer,
//! so the client knows not to reuse the connection. HTTP/2 streams need neither.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::Request;
use axum::http::Version;
use axum::http::header::{CONNECTION, EXPECT, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use hyper::body::{Frame, SizeHint};
use tokio::sync::oneshot;

/// Most of an unread body that is read and dropped to keep a connection open: no more than a
/// request the server would accept.
const MAX_LINGER_BYTES: usize = super::MAX_BODY_BYTES;
/// Longest the answer waits for the rest of an unread body.
const MAX_LINGER_TIME: Duration = Duration::from_secs(1);

/// Middleware: see the module's description.
pub async fn settle_unread_body(req: Request, next: Next) -> Response {
    if req.version() > Version::HTTP_11 || req.body().is_end_stream() {
        return next.run(req).await;
    }
    // A client that waits for `100 Continue` sends no body unless asked: reading it would ask.
    let expects_continue = req.headers().contains_key(EXPECT);
    let (parts, body) = req.into_parts();
    let (back, mut returned) = oneshot::channel();
    let body = Body::new(Returned {
        body: Some(body),
        back: Some(back),
    });
    let mut response = next.run(Request::from_parts(parts, body)).await;
    // The handler has returned: a body it dropped unfinished has come back by now. One that was
    // read to its end has not (nor one still held somewhere, which hyper then deals with).
    let Ok(unread) = returned.try_recv() else {
        return response;
    };
    let drained = !expects_continue
        && matches!(
            tokio::time::timeout(MAX_LINGER_TIME, drain(unread, MAX_LINGER_BYTES)).await,
            Ok(true)
        );
    if !drained {
        response
            .headers_mut()
            .insert(CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

/// Reads and drops `body` to its end; `false` if it failed or held more than `limit` bytes.
async fn drain(mut body: Body, limit: usize) -> bool {
    let mut read = 0usize;
    loop {
        match std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
            None => return true,
            Some(Err(_)) => return false,
            Some(Ok(frame)) => {
                read += frame.data_ref().map_or(0, Bytes::len);
                if read > limit {
                    return false;
                }
            }
        }
    }
}

/// A request body that, dropped before its end, is sent back to the middleware.
struct Returned {
    body: Option<Body>,
    back: Option<oneshot::Sender<Body>>,
}

impl Drop for Returned {
    fn drop(&mut self) {
        if let (Some(body), Some(back)) = (self.body.take(), self.back.take()) {
            let _ = back.send(body);
        }
    }
}

impl HttpBody for Returned {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let Some(body) = self.body.as_mut() else {
            return Poll::Ready(None);
        };
        let polled = Pin::new(body).poll_frame(cx);
        if let Poll::Ready(None | Some(Err(_))) = polled {
            // Read to its end (or broken): nothing is left to read, nothing to send back.
            self.body = None;
            self.back = None;
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.body.as_ref().is_none_or(HttpBody::is_end_stream)
    }

    fn size_hint(&self) -> SizeHint {
        self.body
            .as_ref()
            .map_or_else(|| SizeHint::with_exact(0), HttpBody::size_hint)
    }
}
