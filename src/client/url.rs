//! Server URLs: parsed and checked once (a token never crosses a network in clear text),
//! and shown the same way everywhere.

use reqwest::Url;

use crate::error::{Error, Result};

/// True for `localhost` and loopback addresses, where plain HTTP never leaves the machine.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Parses and checks a server URL; a token is never sent in clear text over a network.
pub fn parse_server_url(server: &str, has_token: bool) -> Result<Url> {
    let hint = "use a URL such as `https://keep.example.com` or `http://127.0.0.1:8787`";
    let mut url = Url::parse(server).map_err(|e| {
        Error::invalid_with_hint(format!("invalid server URL `{server}`: {e}"), hint)
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(Error::invalid_with_hint(
            format!("invalid server URL `{server}`: it must be http or https"),
            hint,
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::invalid_with_hint(
            format!("invalid server URL `{server}`: it must not have a query or fragment"),
            hint,
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::invalid_with_hint(
            "the server URL must not contain credentials",
            "put the token in `KEEP_TOKEN` instead, or save it with `keep login`",
        ));
    }
    if url.scheme() == "http" && has_token && !is_loopback(&url) {
        return Err(Error::invalid_with_hint(
            format!(
                "refusing to send a token over plain HTTP to `{}`",
                url.host_str().unwrap_or_default()
            ),
            "use an `https://` URL; plain HTTP is allowed only to localhost",
        ));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

/// The server URL as keep shows it: parsed, without the trailing `/` of its root path.
pub fn display_url(server: &str) -> String {
    match parse_server_url(server, false) {
        Ok(url) => url.as_str().trim_end_matches('/').to_owned(),
        Err(_) => server.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_never_travel_in_clear_text_off_the_machine() {
        for ok in [
            "http://127.0.0.1:1",
            "http://localhost:8787",
            "http://[::1]:1",
            "https://keep.example.com",
        ] {
            parse_server_url(ok, true).unwrap_or_else(|e| panic!("{ok}: {e}"));
        }
        let err = parse_server_url("http://keep.example.com", true).unwrap_err();
        assert!(err.to_string().contains("plain HTTP"), "{err}");
        parse_server_url("http://keep.example.com", false).unwrap();
        for bad in [
            "ftp://x",
            "keep.example.com",
            "http://user:pw@localhost:1",
            "not a url",
        ] {
            assert!(parse_server_url(bad, false).is_err(), "{bad}");
        }
    }
}
