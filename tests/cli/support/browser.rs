//! A real browser for the dashboard's tests: Debian's `chromium`, headless, driven through
//! `chromedriver` (WebDriver) on a loopback port, with a profile of its own. When either is
//! missing the tests say SKIPPED and pass, except under CI (`CI` set), where they fail.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use tempfile::TempDir;

fn find(candidates: &[&str]) -> Option<PathBuf> {
    candidates.iter().map(PathBuf::from).find(|p| p.exists())
}

/// A headless Chromium session; the driver is killed on drop.
pub struct Browser {
    pub client: Client,
    driver: Child,
    driver_url: String,
    _profile: TempDir,
}

/// Says that a test did nothing because the browser is missing; under CI, fails instead.
#[allow(clippy::print_stderr)]
fn missing(test: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "{test}: chromium and chromium-driver are needed under CI (.ci/run installs them)"
    );
    eprintln!(
        "SKIPPED {test}: chromium or chromedriver is not installed; install the `chromium` and `chromium-driver` packages"
    );
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl Browser {
    /// A browser, or `None` (after saying SKIPPED) when it is not installed.
    pub async fn start(test: &str) -> Option<Self> {
        let (Some(driver), Some(chromium)) = (
            find(&["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]),
            find(&["/usr/lib/chromium/chromium", "/usr/bin/chromium"]),
        ) else {
            missing(test);
            return None;
        };
        Some(Self::launch(&driver, &chromium).await)
    }

    async fn launch(driver: &Path, chromium: &Path) -> Self {
        let port = free_port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let driver_url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let profile = tempfile::tempdir().expect("tempdir");
        let caps = json!({
            "browserName": "chrome",
            "goog:loggingPrefs": { "browser": "ALL" },
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1200,900",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
            },
        });
        let Value::Object(caps) = caps else {
            unreachable!()
        };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&driver_url)
            .await
            .expect("a chromium session");
        Self {
            client,
            driver: child,
            driver_url,
            _profile: profile,
        }
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("navigate");
    }

    pub async fn url(&self) -> String {
        self.client.current_url().await.expect("url").to_string()
    }

    pub async fn source(&self) -> String {
        self.client.source().await.expect("page source")
    }

    /// The text of the page's `<main>`.
    pub async fn text(&self) -> String {
        let main = self.client.find(Locator::Css("main")).await.expect("main");
        main.text().await.expect("text")
    }

    pub async fn fill(&self, css: &str, text: &str) {
        let e = self.client.find(Locator::Css(css)).await.expect(css);
        e.clear().await.expect("clear");
        e.send_keys(text).await.expect("type");
    }

    pub async fn click(&self, css: &str) {
        let e = self.client.find(Locator::Css(css)).await.expect(css);
        e.click().await.expect("click");
    }

    /// Clicks what submits a form or follows a link, and waits for the next page to load.
    pub async fn submit(&self, css: &str) {
        let old = self.client.find(Locator::Css("html")).await.expect("html");
        self.click(css).await;
        let deadline = Instant::now() + Duration::from_secs(15);
        // The old document's root goes stale once the next page has replaced it.
        while old.tag_name().await.is_ok() {
            assert!(Instant::now() < deadline, "{css}: no new page");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        loop {
            let state = self
                .client
                .execute("return document.readyState", vec![])
                .await;
            if matches!(state, Ok(Value::String(s)) if s == "complete") {
                break;
            }
            assert!(Instant::now() < deadline, "{css}: the page did not load");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    pub async fn has(&self, css: &str) -> bool {
        !self
            .client
            .find_all(Locator::Css(css))
            .await
            .expect("find")
            .is_empty()
    }

    /// The browser console's messages since the last call (chromedriver's log endpoint).
    pub async fn console(&self) -> Vec<String> {
        let id = self
            .client
            .session_id()
            .await
            .expect("session id")
            .expect("a session");
        let answer: Value = super::client_builder()
            .build()
            .expect("client")
            .post(format!("{}/session/{id}/se/log", self.driver_url))
            .json(&json!({ "type": "browser" }))
            .send()
            .await
            .expect("read the browser log")
            .json()
            .await
            .expect("a JSON log");
        answer["value"]
            .as_array()
            .map(|entries| {
                entries
                    .iter()
                    .map(|e| format!("{} {}", e["level"], e["message"]))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Saves a screenshot of the page as `docs/dashboard/NAME.png` when `KEEP_SCREENSHOTS`
    /// is set (`scripts/dashboard_screenshots.sh`).
    pub async fn screenshot(&self, name: &str) {
        if std::env::var_os("KEEP_SCREENSHOTS").is_none() {
            return;
        }
        let png = self.client.screenshot().await.expect("screenshot");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/dashboard");
        std::fs::create_dir_all(&dir).expect("mkdir docs/dashboard");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
    }

    /// Ends the browser session (the driver is killed when `self` drops).
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
