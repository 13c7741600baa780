//! A whois client (RFC 3912) for Internet Routing Registry queries, under the same hygiene
//! as [`crate::http`]: a connect timeout, a read and write timeout, one overall deadline,
//! and a cap on the answer's size, so a slow, hostile or broken server cannot hang a run
//! or exhaust memory.
//!
//! Whois is plain TCP on port 43: the protocol has no TLS, and IRR data is public, so this
//! is the one plaintext protocol byoip speaks to a server that is not on loopback. A query
//! is one line ended by CRLF (RFC 3912 §2); the answer is everything the server sends
//! until it closes the connection.

use std::{
    io::{Read, Write},
    net::{TcpStream, ToSocketAddrs},
    time::{Duration, Instant},
};

use crate::error::Error;

/// RADb, the IRR that BYOIP updates itself ("Prerequisites for BYOIP in Amazon EC2": "BYOIP
/// will automatically update RADb"), and an IRRd server that mirrors the other IRRs.
pub const RADB: &str = "whois.radb.net:43";

/// The whois port (RFC 3912 §2).
const PORT: u16 = 43;

/// How a whois server is asked. Built from [`WhoisConfig::default`], the fields to change
/// set afterwards (`#[non_exhaustive]`).
///
/// ```
/// let mut config = byoip::whois::WhoisConfig::default();
/// config.timeout = std::time::Duration::from_secs(5);
/// assert_eq!(config.max_bytes, byoip::irr::MAX_IRR_BYTES);
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct WhoisConfig {
    /// Limit for connecting, and for each read and write; the whole exchange may take
    /// three times this.
    pub timeout: Duration,
    /// The largest answer read; a longer one is an error, never cut short silently.
    pub max_bytes: u64,
}

impl Default for WhoisConfig {
    fn default() -> Self {
        WhoisConfig {
            timeout: Duration::from_secs(20),
            max_bytes: crate::irr::MAX_IRR_BYTES,
        }
    }
}

/// A whois server: `HOST` or `HOST:PORT` (`[v6]:PORT` for an IPv6 address), port 43 when
/// none is given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Server {
    host: String,
    port: u16,
}

impl std::str::FromStr for Server {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let bad = |reason: &str| Error::Document {
            kind: None,
            what: format!("whois server {s:?}"),
            reason: reason.into(),
            hint: "give HOST or HOST:PORT, e.g. whois.radb.net:43".into(),
            remedies: Box::new([crate::error::Remedy::Give(crate::error::Input::IrrServer)]),
            source: None,
        };
        let s = s.trim();
        let (host, port) = if let Some(rest) = s.strip_prefix('[') {
            let (h, after) = rest.split_once(']').ok_or_else(|| bad("no closing ]"))?;
            match after.strip_prefix(':') {
                Some(p) => (h, Some(p)),
                None if after.is_empty() => (h, None),
                None => return Err(bad("text after the ]")),
            }
        } else if s.matches(':').count() == 1 {
            let (h, p) = s.split_once(':').unwrap_or((s, ""));
            (h, Some(p))
        } else {
            (s, None)
        };
        if host.is_empty() || host.contains(char::is_whitespace) || host.contains('/') {
            return Err(bad("not a host name or address"));
        }
        let port = match port {
            None => PORT,
            Some(p) => p
                .parse::<u16>()
                .ok()
                .filter(|&p| p > 0)
                .ok_or_else(|| bad("the port is not a number from 1 to 65535"))?,
        };
        Ok(Server {
            host: host.to_string(),
            port,
        })
    }
}

impl std::fmt::Display for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.host.contains(':') {
            write!(f, "[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{}:{}", self.host, self.port)
        }
    }
}

impl Server {
    /// The server as a fetch records it: `whois://HOST:PORT`.
    pub fn url(&self) -> String {
        format!("whois://{self}")
    }
}

/// Sends `query` to `server` and returns its whole answer. A server that cannot be
/// reached, does not answer in time or sends more than `config.max_bytes` is an
/// [`Error::Network`] naming the server.
pub fn query(server: &Server, query: &str, config: &WhoisConfig) -> Result<Vec<u8>, Error> {
    let url = server.url();
    let fail = |reason: String, hint: &str, unreachable: bool| Error::Network {
        url: url.clone(),
        reason,
        hint: hint.into(),
        unreachable,
        remedies: Box::default(),
        source: None,
    };
    const RETRY: &str = "try again later, or use a saved IRR answer instead of whois";
    let addrs: Vec<_> = (server.host.as_str(), server.port)
        .to_socket_addrs()
        .map_err(|e| {
            fail(
                format!("cannot resolve {}", server.host),
                "check the whois server's name and your connection",
                true,
            )
            .with_remedies([crate::error::Remedy::Give(crate::error::Input::IrrServer)])
            .with_source(e)
        })?
        .collect();
    let mut last = None;
    let mut stream = None;
    for a in &addrs {
        match TcpStream::connect_timeout(a, config.timeout) {
            Ok(s) => {
                stream = Some(s);
                break;
            }
            Err(e) => last = Some(e),
        }
    }
    let Some(mut stream) = stream else {
        let e = last.map_or_else(
            || fail("no address to connect to".into(), RETRY, true),
            |e| {
                let timed_out = e.kind() == std::io::ErrorKind::TimedOut;
                fail(
                    if timed_out {
                        format!("no connection within {} s", config.timeout.as_secs().max(1))
                    } else {
                        format!("cannot connect: {e}")
                    },
                    RETRY,
                    true,
                )
                .with_source(e)
            },
        );
        return Err(e);
    };
    let io = |e: std::io::Error, doing: &str| {
        let slow = matches!(
            e.kind(),
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
        );
        let reason = if slow {
            format!(
                "no answer within {} s while {doing}",
                config.timeout.as_secs().max(1)
            )
        } else {
            format!("{doing} failed: {e}")
        };
        fail(reason, RETRY, false).with_source(e)
    };
    let _ = stream.set_read_timeout(Some(config.timeout));
    let _ = stream.set_write_timeout(Some(config.timeout));
    stream
        .write_all(format!("{query}\r\n").as_bytes())
        .map_err(|e| io(e, "sending the query"))?;
    let deadline = Instant::now() + config.timeout.saturating_mul(3);
    let mut answer = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        if Instant::now() > deadline {
            return Err(fail(
                format!(
                    "the answer took longer than {} s",
                    config.timeout.saturating_mul(3).as_secs()
                ),
                RETRY,
                false,
            ));
        }
        let n = match stream.read(&mut buf) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io(e, "reading the answer")),
        };
        if n == 0 {
            return Ok(answer);
        }
        answer.extend_from_slice(&buf[..n]);
        if answer.len() as u64 > config.max_bytes {
            return Err(fail(
                format!(
                    "the answer is larger than {} MiB",
                    config.max_bytes / (1024 * 1024)
                ),
                "the server sent far more than a prefix's route objects; check the whois server asked",
                false,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_is_host_and_port_43_by_default() {
        let s: Server = "whois.radb.net".parse().unwrap();
        assert_eq!(s.to_string(), "whois.radb.net:43");
        assert_eq!(s.url(), "whois://whois.radb.net:43");
        assert_eq!(
            "127.0.0.1:4343".parse::<Server>().unwrap().to_string(),
            "127.0.0.1:4343"
        );
        assert_eq!(
            "[::1]:4343".parse::<Server>().unwrap().to_string(),
            "[::1]:4343"
        );
        assert_eq!("::1".parse::<Server>().unwrap().to_string(), "[::1]:43");
        assert_eq!(RADB.parse::<Server>().unwrap().to_string(), RADB);
        for bad in [
            "",
            "host:0",
            "host:x",
            "host:70000",
            "[::1",
            "a b",
            "http://x/",
        ] {
            assert!(bad.parse::<Server>().is_err(), "{bad:?}");
        }
    }
}
