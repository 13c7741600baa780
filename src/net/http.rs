//! The only code that touches the network, and its hygiene.
//!
//! - HTTPS only. Plain HTTP is allowed for loopback addresses (tests, a local validator)
//!   or with an explicit `allow_http`; the rule is applied to every redirect hop too, so an
//!   HTTPS server cannot downgrade a query to HTTP.
//! - Connect, response and body timeouts; one overall deadline per request.
//! - A cap on the body size, so a hostile or broken server cannot exhaust memory.
//! - Redirects followed by hand (RFC 9110 §15.4), at most [`HttpConfig::max_redirects`],
//!   with loops named as such: RIRs redirect queries for space another RIR holds
//!   (RFC 7480 §5.2).
//! - Bounded retries with exponential backoff on 429, 500, 502, 503 and 504 and on
//!   connection failures; `Retry-After` (seconds or an HTTP date, RFC 9110 §10.2.3) is
//!   honoured up to [`HttpConfig::max_retry_wait`].
//! - `User-Agent: byoip/<version>`; proxies from `ALL_PROXY`/`HTTPS_PROXY`/`HTTP_PROXY`
//!   and `NO_PROXY`, never for loopback targets (a proxy cannot reach our loopback).
//! - No compression is negotiated: what is capped is what is read.

use std::{
    net::IpAddr,
    sync::atomic::{AtomicU64, Ordering},
    time::Duration,
};

use ureq::{
    Agent,
    http::{StatusCode, Uri},
};

use crate::error::{Error, Input, Remedy};

/// `User-Agent` sent with every request.
pub(crate) const USER_AGENT: &str = concat!("byoip/", env!("CARGO_PKG_VERSION"));

/// Network policy. The defaults suit registry servers on the internet.
///
/// Built from [`HttpConfig::default`], with the fields to change set afterwards (a policy
/// added later then takes its default, so the struct is `#[non_exhaustive]`):
///
/// ```
/// use byoip::http::{Client, HttpConfig};
///
/// let mut config = HttpConfig::default();
/// config.timeout = std::time::Duration::from_secs(5);
/// config.retries = 0;
/// assert!(!config.allow_http);
/// let client = Client::new(config);
/// assert_eq!(client.requests_sent(), 0);
/// ```
///
/// ```compile_fail,E0639
/// // Outside the crate a struct literal cannot build it: a new field would break it.
/// let config = byoip::http::HttpConfig { retries: 0, ..Default::default() };
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct HttpConfig {
    /// Allow `http://` to hosts other than loopback.
    pub allow_http: bool,
    /// Limit for connecting, for the response head, and for the body, each.
    pub timeout: Duration,
    /// Attempts after the first for retryable failures.
    pub retries: u32,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
    /// Longest `Retry-After` honoured; a server asking for more is an error.
    pub max_retry_wait: Duration,
    /// First backoff delay; doubled on each retry.
    pub backoff: Duration,
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            allow_http: false,
            timeout: Duration::from_secs(20),
            retries: 3,
            max_redirects: 5,
            max_retry_wait: Duration::from_secs(60),
            backoff: Duration::from_millis(500),
        }
    }
}

/// A completed exchange: the final URL after redirects, its status and body. Built by
/// [`Client::get`] only (`#[non_exhaustive]`: a field may be added).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Response {
    /// The URL that answered.
    pub url: String,
    /// HTTP status of the final answer (2xx or a non-retryable 4xx).
    pub status: u16,
    /// The body, at most the limit given to [`Client::get`].
    pub body: Vec<u8>,
}

/// An HTTP client with byoip's network policy.
pub struct Client {
    config: HttpConfig,
    proxied: Agent,
    direct: Agent,
    requests: AtomicU64,
    observer: Option<Observer>,
}

/// Told the URL of every request before it is sent (a terminal shows what it waits for).
type Observer = Box<dyn Fn(&str) + Send + Sync>;

impl Client {
    /// Builds a client; proxy settings are read from the environment once, here.
    pub fn new(config: HttpConfig) -> Self {
        let agent = |proxy: Option<ureq::Proxy>| -> Agent {
            Agent::config_builder()
                .http_status_as_error(false)
                .max_redirects(0)
                .max_redirects_will_error(false)
                .user_agent(USER_AGENT)
                .accept_encoding("identity")
                .proxy(proxy)
                .timeout_connect(Some(config.timeout))
                .timeout_recv_response(Some(config.timeout))
                .timeout_recv_body(Some(config.timeout))
                .timeout_global(Some(config.timeout.saturating_mul(3)))
                .build()
                .into()
        };
        Client {
            proxied: agent(ureq::Proxy::try_from_env()),
            direct: agent(None),
            requests: AtomicU64::new(0),
            observer: None,
            config,
        }
    }

    /// Calls `observer` with each request's URL before it is sent, retries and redirects
    /// included, so a caller can show what it is waiting for.
    pub fn with_observer(mut self, observer: impl Fn(&str) + Send + Sync + 'static) -> Self {
        self.observer = Some(Box::new(observer));
        self
    }

    /// The policy in force.
    pub fn config(&self) -> &HttpConfig {
        &self.config
    }

    /// How many HTTP requests this client has sent (each retry and redirect counts).
    pub fn requests_sent(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    /// GETs `url` with `Accept: accept`, following redirects and retrying per the policy.
    /// Reads at most `limit` body bytes. Returns 2xx and non-retryable 4xx answers (the
    /// caller decides what a 404 means); everything else is an [`Error::Network`].
    pub fn get(&self, url: &str, accept: &str, limit: u64) -> Result<Response, Error> {
        let mut current = url.to_string();
        let mut seen = vec![current.clone()];
        loop {
            let uri = self.allowed(&current)?;
            let (status, location) = match self.get_with_retries(&current, &uri, accept, limit)? {
                Hop::Final(status, body) => {
                    return Ok(Response {
                        url: current,
                        status: status.as_u16(),
                        body,
                    });
                }
                Hop::Redirect(status, location) => (status, location),
            };
            let Some(loc) = location else {
                return Err(net(
                    &current,
                    format!("HTTP {status} without a Location header"),
                    "the server's redirect is broken; try again later, or name the registry's RDAP server",
                    &[Input::RdapServer],
                ));
            };
            let next = resolve(&uri, &loc);
            if seen.contains(&next) {
                return Err(net(
                    &current,
                    format!("redirect loop: {} leads back to {next}", seen.join(" -> ")),
                    "the server redirects in a circle; try again later, or name the registry's RDAP server",
                    &[Input::RdapServer],
                ));
            }
            if seen.len() > self.config.max_redirects as usize {
                return Err(net(
                    &current,
                    format!(
                        "more than {} redirects ({})",
                        self.config.max_redirects,
                        seen.join(" -> ")
                    ),
                    "the server redirects too often; name the registry's RDAP server",
                    &[Input::RdapServer],
                ));
            }
            seen.push(next.clone());
            current = next;
        }
    }

    /// Whether `url` may be asked at all under this policy (a URL, https, or http to
    /// loopback or with `allow_http`): a setting to check before any request is made.
    pub fn permits(&self, url: &str) -> Result<(), Error> {
        self.allowed(url).map(drop)
    }

    /// Checks the scheme policy for one hop.
    fn allowed(&self, url: &str) -> Result<Uri, Error> {
        let uri: Uri = url.parse().map_err(|e| {
            net(
                url,
                "not a URL".into(),
                "give an absolute https:// URL",
                &[],
            )
            .with_source(e)
        })?;
        match uri.scheme_str() {
            Some("https") => Ok(uri),
            Some("http") if self.config.allow_http || is_loopback(&uri) => Ok(uri),
            Some("http") => Err(net(
                url,
                "plain HTTP is refused: registry data must come over HTTPS".into(),
                "use the https:// URL, or allow plain HTTP if you really mean an unencrypted server",
                &[Input::PlainHttp],
            )),
            _ => Err(net(
                url,
                "only http:// and https:// URLs are supported".into(),
                "give an absolute https:// URL",
                &[],
            )),
        }
    }

    /// One hop: the request with its retries. Returns the status, a redirect target and,
    /// for a final answer, the body.
    fn get_with_retries(
        &self,
        url: &str,
        uri: &Uri,
        accept: &str,
        limit: u64,
    ) -> Result<Hop, Error> {
        let agent = if is_loopback(uri) {
            &self.direct
        } else {
            &self.proxied
        };
        let mut attempt = 0u32;
        loop {
            self.requests.fetch_add(1, Ordering::Relaxed);
            if let Some(observe) = &self.observer {
                observe(url);
            }
            let outcome = agent.get(url).header("Accept", accept).call();
            let (wait, why) = match outcome {
                Ok(mut resp) => {
                    let status = resp.status();
                    let retryable = matches!(status.as_u16(), 429 | 500 | 502 | 503 | 504);
                    if status.is_redirection() {
                        let loc = resp
                            .headers()
                            .get("location")
                            .and_then(|v| v.to_str().ok())
                            .map(str::to_string);
                        return Ok(Hop::Redirect(status, loc));
                    }
                    if !retryable {
                        let body = resp
                            .body_mut()
                            .with_config()
                            .limit(limit)
                            .read_to_vec()
                            .map_err(|e| self.transport_error(url, e))?;
                        return Ok(Hop::Final(status, body));
                    }
                    let asked = resp
                        .headers()
                        .get("retry-after")
                        .and_then(|v| v.to_str().ok())
                        .and_then(retry_after);
                    if let Some(asked) = asked
                        && asked > self.config.max_retry_wait
                    {
                        return Err(net(
                            url,
                            format!(
                                "HTTP {status}; the server asks to retry after {} s, longer than byoip waits ({} s)",
                                asked.as_secs(),
                                self.config.max_retry_wait.as_secs()
                            ),
                            "run the check again later",
                            &[],
                        ));
                    }
                    (
                        asked,
                        (
                            format!("HTTP {status}"),
                            "the server is unavailable or rate-limiting; try again later, or use saved data instead of the network",
                            &[Input::Offline][..],
                            None,
                        ),
                    )
                }
                Err(e) if is_transient(&e) => {
                    let (reason, hint, inputs) = self.describe(url, &e);
                    (None, (reason, hint, inputs, Some(e)))
                }
                Err(e) => return Err(self.transport_error(url, e)),
            };
            if attempt >= self.config.retries {
                let (reason, hint, inputs, cause) = why;
                let tries = attempt + 1;
                let e = net(
                    url,
                    format!(
                        "{reason} (after {tries} attempt{})",
                        if tries == 1 { "" } else { "s" }
                    ),
                    hint,
                    inputs,
                );
                return Err(match cause {
                    Some(c) => e.with_source(c),
                    None => e,
                });
            }
            let backoff = self.config.backoff.saturating_mul(1 << attempt.min(6));
            std::thread::sleep(wait.unwrap_or(backoff));
            attempt += 1;
        }
    }

    fn transport_error(&self, url: &str, e: ureq::Error) -> Error {
        let (reason, hint, inputs) = self.describe(url, &e);
        net(url, reason, hint, inputs).with_source(e)
    }

    /// What a transport failure means, and what to do about it (the error itself is kept
    /// as the cause, not written into the reason).
    fn describe(&self, url: &str, e: &ureq::Error) -> (String, &'static str, &'static [Input]) {
        use ureq::Error as E;
        let secs = self.config.timeout.as_secs();
        if is_dns_failure(e) {
            return (
                "the host name does not resolve".into(),
                UNREACHABLE,
                &[Input::Offline],
            );
        }
        match e {
            // A refusal comes from the host (or a firewall before it): the network carried
            // the request, so this one server is named, not the network.
            E::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
                let server = url
                    .parse::<Uri>()
                    .ok()
                    .and_then(|u| u.authority().map(|a| a.to_string()))
                    .unwrap_or_else(|| url.to_string());
                (
                    format!("{server} refused the connection"),
                    "nothing listens there: check the server's URL and port",
                    &[],
                )
            }
            E::Timeout(ureq::Timeout::Connect | ureq::Timeout::Resolve) => (
                format!("no connection within {secs} s"),
                UNREACHABLE,
                &[Input::Offline],
            ),
            E::Timeout(_) => (
                format!("no answer within {secs} s"),
                "the server is slow or unreachable; try again, or allow a longer timeout",
                &[Input::Timeout],
            ),
            E::BodyExceedsLimit(limit) => (
                format!("the response is larger than the {limit}-byte limit"),
                "this is not a normal registry answer; check the URL",
                &[],
            ),
            E::ConnectionFailed => ("cannot connect".into(), UNREACHABLE, &[Input::Offline]),
            E::Io(io)
                if matches!(
                    io.kind(),
                    std::io::ErrorKind::NetworkUnreachable | std::io::ErrorKind::HostUnreachable
                ) =>
            {
                ("cannot connect".into(), UNREACHABLE, &[Input::Offline])
            }
            E::Io(_) => (
                "the connection failed".into(),
                "check the URL and your network (proxies come from HTTPS_PROXY/HTTP_PROXY)",
                &[],
            ),
            E::Protocol(_) => (
                "the server did not speak HTTP".into(),
                "check the URL and port",
                &[],
            ),
            _ => (
                "the request failed".into(),
                "check the URL and your network, or use saved data instead of the network",
                &[Input::Offline],
            ),
        }
    }
}

/// One hop's outcome: a redirect (with its `Location`) or a final answer and its body.
enum Hop {
    Redirect(StatusCode, Option<String>),
    Final(StatusCode, Vec<u8>),
}

/// A failed request: its `hint` in words, and as `inputs` to give (the registry's server,
/// plain HTTP, saved data, a longer wait).
fn net(url: &str, reason: String, hint: &str, inputs: &[Input]) -> Error {
    Error::network(url, reason, hint, hint == UNREACHABLE)
        .with_remedies(inputs.iter().map(|i| Remedy::Give(*i)))
}

/// The hint for a server that cannot be reached at all; [`Error::Network`] marks such
/// failures `unreachable`.
const UNREACHABLE: &str = "check your network and the URL (proxies come from HTTPS_PROXY/HTTP_PROXY), or check offline with saved data";

/// A host name that does not resolve. ureq reports the system resolver's failure as an
/// I/O error ("failed to lookup address information"); another attempt a second later
/// would get the same answer, so it is not retried.
fn is_dns_failure(e: &ureq::Error) -> bool {
    match e {
        ureq::Error::HostNotFound => true,
        ureq::Error::Io(io) => io.to_string().contains("lookup address"),
        _ => false,
    }
}

/// Connection-level failures worth another attempt.
fn is_transient(e: &ureq::Error) -> bool {
    !is_dns_failure(e) && matches!(e, ureq::Error::ConnectionFailed | ureq::Error::Io(_))
}

/// True for `localhost` and loopback addresses.
pub(crate) fn is_loopback(uri: &Uri) -> bool {
    let Some(host) = uri.host() else { return false };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Reads `Retry-After`: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
fn retry_after(value: &str) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = chrono::DateTime::parse_from_rfc2822(v).ok()?;
    let delta = when.with_timezone(&chrono::Utc) - chrono::Utc::now();
    Some(delta.to_std().unwrap_or(Duration::ZERO))
}

/// Resolves a `Location` value against the URL that sent it (RFC 3986 §5.2, the cases
/// servers send: absolute, scheme-relative, absolute-path, relative-path).
fn resolve(base: &Uri, location: &str) -> String {
    let loc = location.trim();
    if loc.starts_with("http://") || loc.starts_with("https://") {
        return loc.to_string();
    }
    let scheme = base.scheme_str().unwrap_or("https");
    if let Some(rest) = loc.strip_prefix("//") {
        return format!("{scheme}://{rest}");
    }
    let authority = base.authority().map(|a| a.as_str()).unwrap_or("");
    if loc.starts_with('/') {
        return format!("{scheme}://{authority}{loc}");
    }
    let path = base.path();
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    format!("{scheme}://{authority}{dir}{loc}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_that_does_not_speak_http_is_an_error_keeping_ureqs() {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/x", listener.local_addr().unwrap());
        let server = std::thread::spawn(move || {
            let (mut conn, _) = listener.accept().unwrap();
            let mut buf = [0u8; 1024];
            let _ = conn.read(&mut buf);
            let _ = conn.write_all(b"SSH-2.0-OpenSSH_9.6\r\n\r\n");
        });
        let c = Client::new(HttpConfig {
            retries: 0,
            ..HttpConfig::default()
        });
        let e = c.get(&url, "application/json", 1024).err().unwrap();
        server.join().unwrap();
        assert!(matches!(e, Error::Network { .. }), "{e:?}");
        let source = std::error::Error::source(&e).unwrap();
        assert!(source.downcast_ref::<ureq::Error>().is_some(), "{source:?}");
        // The line names what failed; the cause follows it once, on the same line.
        assert!(!e.to_string().contains(&source.to_string()), "{e}");
        assert_eq!(e.chain(), format!("{e}: {source}"));
    }

    #[test]
    fn loopback_hosts_are_recognised() {
        for u in [
            "http://127.0.0.1:8080/x",
            "http://[::1]:80/",
            "http://localhost/",
        ] {
            assert!(is_loopback(&u.parse().unwrap()), "{u}");
        }
        for u in [
            "http://10.0.0.1/",
            "http://example.net/",
            "http://127.0.0.1.nip.io/",
        ] {
            assert!(!is_loopback(&u.parse().unwrap()), "{u}");
        }
    }

    #[test]
    fn plain_http_is_refused_except_loopback_or_when_allowed() {
        let c = Client::new(HttpConfig::default());
        assert!(c.allowed("https://rdap.arin.net/registry/").is_ok());
        assert!(c.allowed("http://127.0.0.1:1/").is_ok());
        let e = c.allowed("http://rdap.arin.net/registry/").unwrap_err();
        assert!(e.to_string().contains("plain HTTP is refused"), "{e}");
        assert!(c.allowed("ftp://example.net/").is_err());
        let open = Client::new(HttpConfig {
            allow_http: true,
            ..HttpConfig::default()
        });
        assert!(open.allowed("http://rdap.arin.net/registry/").is_ok());
    }

    #[test]
    fn a_name_that_does_not_resolve_is_not_retried_and_is_called_unreachable_a_refusal_names_its_server()
     {
        let dns = || {
            ureq::Error::Io(std::io::Error::other(
                "failed to lookup address information: Name or service not known",
            ))
        };
        assert!(is_dns_failure(&dns()) && !is_transient(&dns()));
        assert!(is_dns_failure(&ureq::Error::HostNotFound));
        let reset = || ureq::Error::Io(std::io::ErrorKind::ConnectionReset.into());
        assert!(!is_dns_failure(&reset()) && is_transient(&reset()));
        let c = Client::new(HttpConfig::default());
        let url = "http://127.0.0.1:9/ip/192.0.2.0/24";
        assert_eq!(c.describe(url, &dns()).1, UNREACHABLE);
        // One server refusing is not the network down: the server is named instead.
        let refused = c.describe(
            url,
            &ureq::Error::Io(std::io::ErrorKind::ConnectionRefused.into()),
        );
        assert_ne!(refused.1, UNREACHABLE);
        assert_eq!(refused.0, "127.0.0.1:9 refused the connection");
        assert_ne!(c.describe(url, &reset()).1, UNREACHABLE);
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        assert_eq!(retry_after("7"), Some(Duration::from_secs(7)));
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon"), None);
    }

    #[test]
    fn locations_resolve_against_the_sender() {
        let base: Uri = "https://rdap.arin.net/registry/ip/1.2.3.0/24"
            .parse()
            .unwrap();
        assert_eq!(
            resolve(&base, "https://rdap.db.ripe.net/ip/1.2.3.0/24"),
            "https://rdap.db.ripe.net/ip/1.2.3.0/24"
        );
        assert_eq!(
            resolve(&base, "//rdap.apnic.net/ip/1.2.3.0/24"),
            "https://rdap.apnic.net/ip/1.2.3.0/24"
        );
        assert_eq!(
            resolve(&base, "/other/ip/x"),
            "https://rdap.arin.net/other/ip/x"
        );
        assert_eq!(
            resolve(&base, "25"),
            "https://rdap.arin.net/registry/ip/1.2.3.0/25"
        );
    }
}
