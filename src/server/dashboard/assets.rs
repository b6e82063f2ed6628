//! The stylesheet and the script, embedded in the binary and served under names that carry
//! a hash of their content, so they can be cached for good and never go stale.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

struct Asset {
    url: String,
    body: &'static [u8],
    mime: &'static str,
}

fn asset(stem: &str, ext: &str, body: &'static [u8], mime: &'static str) -> Asset {
    let hash = Sha256::digest(body);
    let short: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
    Asset {
        url: format!("/ui/assets/{stem}.{short}.{ext}"),
        body,
        mime,
    }
}

static CSS: LazyLock<Asset> = LazyLock::new(|| {
    asset(
        "app",
        "css",
        include_bytes!("../../../assets/dashboard/app.css"),
        "text/css; charset=utf-8",
    )
});

static JS: LazyLock<Asset> = LazyLock::new(|| {
    asset(
        "app",
        "js",
        include_bytes!("../../../assets/dashboard/app.js"),
        "text/javascript; charset=utf-8",
    )
});

pub fn css_url() -> &'static str {
    &CSS.url
}

pub fn js_url() -> &'static str {
    &JS.url
}

pub async fn serve(Path(file): Path<String>) -> Response {
    let wanted = format!("/ui/assets/{file}");
    for a in [&*CSS, &*JS] {
        if a.url == wanted {
            return (
                [
                    (header::CONTENT_TYPE, HeaderValue::from_static(a.mime)),
                    (
                        header::CACHE_CONTROL,
                        HeaderValue::from_static("public, max-age=31536000, immutable"),
                    ),
                ],
                a.body,
            )
                .into_response();
        }
    }
    (StatusCode::NOT_FOUND, "no such asset").into_response()
}
