//! Talking HTTP to `keep serve` from a test: the runtimes, the one HTTP client, whole replies,
//! and `Api`, a client for one server with one token.

use std::sync::Once;
use std::time::Duration;

use reqwest::header::CONTENT_TYPE;
use reqwest::{Method, RequestBuilder, StatusCode};
use serde_json::{Value, json};

/// A runtime for tests that drive the HTTP API from a synchronous test. Its tasks run only
/// inside `block_on`.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("build a tokio runtime")
}

/// A runtime whose tasks keep running while the test's own thread waits or sleeps outside
/// `block_on`: for load that must go on in the background.
pub fn multi_thread_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .expect("build a tokio runtime")
}

/// The settings every test client shares: rustls with the ring provider, no proxy (the
/// servers are on loopback), and a timeout so that a hung server fails the test.
pub fn client_builder() -> reqwest::ClientBuilder {
    static PROVIDER: Once = Once::new();
    PROVIDER.call_once(|| {
        // Fails only if a provider is already installed, which is just as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(30))
}

pub fn http_client() -> reqwest::Client {
    client_builder().build().expect("build an HTTP client")
}

/// A whole response.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub content_type: Option<String>,
    pub text: String,
}

impl Reply {
    pub fn json(&self, what: &str) -> Value {
        serde_json::from_str(&self.text)
            .unwrap_or_else(|e| panic!("{what}: body is not JSON ({e}): {}", self.text))
    }
}

pub async fn send(req: RequestBuilder) -> Reply {
    read_reply(req.send().await.expect("send the request")).await
}

pub async fn read_reply(resp: reqwest::Response) -> Reply {
    let status = resp.status();
    let content_type = resp
        .headers()
        .get(CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let bytes = resp.bytes().await.expect("read the response body");
    Reply {
        status,
        content_type,
        text: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// A client for one server's API with one token (or none). Clones share one connection
/// pool, so a clone per task is cheap.
#[derive(Clone, Debug)]
pub struct Api {
    /// The server's base URL, `http://127.0.0.1:PORT`.
    pub url: String,
    token: Option<String>,
    http: reqwest::Client,
}

impl Api {
    /// A client for the server at `url` that sends `token`.
    pub fn new(url: &str, token: &str) -> Self {
        Self {
            url: url.to_owned(),
            token: Some(token.to_owned()),
            http: http_client(),
        }
    }

    /// The same server with another token.
    pub fn as_token(&self, token: &str) -> Self {
        Self {
            token: Some(token.to_owned()),
            ..self.clone()
        }
    }

    /// The same server without a token.
    pub fn without_token(&self) -> Self {
        Self {
            token: None,
            ..self.clone()
        }
    }

    /// Another server (a replica of the same store) with the same token.
    pub fn at(&self, url: &str) -> Self {
        Self {
            url: url.to_owned(),
            ..self.clone()
        }
    }

    /// A request without credentials.
    pub fn anon(&self, method: Method, path: &str) -> RequestBuilder {
        self.http.request(method, format!("{}{path}", self.url))
    }

    /// A request with this client's token, if it has one.
    pub fn req(&self, method: Method, path: &str) -> RequestBuilder {
        let req = self.anon(method, path);
        match &self.token {
            Some(token) => req.bearer_auth(token),
            None => req,
        }
    }

    /// `method path` with this client's token and an optional JSON body.
    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        let mut req = self.req(method, path);
        if let Some(body) = body {
            req = req.json(&body);
        }
        send(req).await
    }

    /// `GET /v1/health`, without a token.
    pub async fn health(&self) -> Reply {
        send(self.anon(Method::GET, "/v1/health")).await
    }

    /// Creates the environment `name` (admin), which must not exist yet.
    pub async fn create_environment(&self, name: &str) {
        let body = json!({ "name": name });
        let r = self
            .call(Method::POST, "/v1/environments", Some(body))
            .await;
        assert_eq!(
            r.status,
            StatusCode::CREATED,
            "create environment {name}: {r:?}"
        );
    }

    /// Creates a secret in `env`; `body` is the request body as the API takes it.
    pub async fn create(&self, env: &str, body: Value) -> Reply {
        let path = format!("/v1/environments/{env}/secrets");
        self.call(Method::POST, &path, Some(body)).await
    }

    /// Shows a secret; `query` is empty or starts with `?`.
    pub async fn show(&self, env: &str, name: &str, query: &str) -> Reply {
        let path = format!("/v1/environments/{env}/secrets/{name}{query}");
        self.call(Method::GET, &path, None).await
    }

    /// Merges `set` into a secret's values.
    pub async fn patch(&self, env: &str, name: &str, set: Value) -> Reply {
        let path = format!("/v1/environments/{env}/secrets/{name}");
        self.call(Method::PATCH, &path, Some(json!({ "set": set })))
            .await
    }

    pub async fn delete(&self, env: &str, name: &str) -> Reply {
        let path = format!("/v1/environments/{env}/secrets/{name}");
        self.call(Method::DELETE, &path, None).await
    }

    /// Every secret name in `env`, through all pages, newest first.
    pub async fn all_names(&self, env: &str) -> Vec<String> {
        let mut names = Vec::new();
        let mut cursor = String::new();
        loop {
            let path = format!("/v1/environments/{env}/secrets?limit=500{cursor}");
            let reply = self.call(Method::GET, &path, None).await;
            assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
            let page = reply.json("list");
            for s in page["secrets"].as_array().expect("secrets") {
                names.push(s["name"].as_str().expect("name").to_owned());
            }
            match page["next_cursor"].as_str() {
                Some(c) => cursor = format!("&cursor={c}"),
                None => return names,
            }
        }
    }

    /// Every audit event, through all pages, newest first.
    pub async fn audit(&self) -> Vec<Value> {
        let mut events = Vec::new();
        let mut cursor = String::new();
        loop {
            let path = format!("/v1/audit?limit=1000{cursor}");
            let reply = self.call(Method::GET, &path, None).await;
            assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
            let page = reply.json("audit");
            events.extend(page["events"].as_array().cloned().unwrap_or_default());
            match page["next_cursor"].as_str() {
                Some(c) => cursor = format!("&cursor={c}"),
                None => return events,
            }
        }
    }

    /// Issues a token named `name` with the fields of `extra` (`environments`, `read_only`,
    /// `expires_in`...); returns its value.
    pub async fn issue(&self, name: &str, extra: Value) -> String {
        let mut body = json!({ "name": name });
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            b.extend(e.clone());
        }
        let r = self.call(Method::POST, "/v1/tokens", Some(body)).await;
        assert_eq!(r.status, StatusCode::CREATED, "issue {name}: {r:?}");
        r.json("issue")["token"].as_str().expect("token").to_owned()
    }
}
