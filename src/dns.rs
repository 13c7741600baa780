//! A small synchronous DNS stub client: asks one recursive resolver for TXT and SOA records,
//! for `dns-token check` and the dns-token evidence of `check` ([`DnsConfig::ask`]).
//! Network code, like [`crate::http`]; nothing pure depends on it.
//!
//! - Messages are RFC 1035 §4 (built and parsed by `hickory-proto`, no hand-written wire
//!   format), sent over UDP with EDNS(0) (RFC 6891) asking for 1232-byte answers; an answer
//!   with TC set is asked again over TCP with the two-byte length prefix (RFC 1035 §4.2.2,
//!   RFC 7766 §5).
//! - Every query has a deadline; the UDP question is sent again once at half of it. A
//!   resolver that lets one query time out is not asked the rest (they are reported as not
//!   checked), so a dead resolver costs one timeout, not one per name.
//! - An answer is used only if its id and question match ours (RFC 5452 §9.1).
//! - Negative answers name their zone through the SOA in the authority section (RFC 2308 §3).
//!
//! No async runtime: `std::net` sockets with timeouts, as the HTTP client is blocking too.

use std::{
    io::{Read, Write},
    net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpStream, UdpSocket},
    path::Path,
    time::{Duration, Instant},
};

use hickory_proto::{
    op::{Edns, Message, MessageType, OpCode, Query, ResponseCode},
    rr::{Name, RData, RecordType},
};

use crate::{
    dnstoken::{Answer, Lookup, NameCheck, Plan, judge},
    error::Error,
};

/// The DNS port.
pub(crate) const PORT: u16 = 53;

/// Where the system's stub resolver finds its nameservers (resolv.conf(5)).
pub const RESOLV_CONF: &str = "/etc/resolv.conf";

/// How long each query may take in all when no timeout is given.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// Which resolver the dns-token records are asked of, and how long each query may take.
///
/// Built from [`DnsConfig::default`] (the system's resolver, [`DEFAULT_TIMEOUT`]), with the
/// fields to change set afterwards; `#[non_exhaustive]`, so a setting added later takes its
/// default:
///
/// ```
/// use byoip::dns::{DnsConfig, parse_resolver};
///
/// let mut config = DnsConfig::default();
/// config.resolver = Some(parse_resolver("127.0.0.1:5353")?);
/// assert_eq!(config.server()?.port(), 5353);
/// # Ok::<(), byoip::Error>(())
/// ```
///
/// ```compile_fail,E0639
/// let config = byoip::dns::DnsConfig { resolver: None, ..Default::default() };
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct DnsConfig {
    /// The recursive resolver; `None`: the first nameserver of [`RESOLV_CONF`], read when
    /// the DNS is first asked (so a machine without one fails only when DNS is needed).
    pub resolver: Option<SocketAddr>,
    /// Each query's deadline, UDP retransmission and TCP after truncation included.
    pub timeout: Duration,
}

impl Default for DnsConfig {
    fn default() -> Self {
        DnsConfig {
            resolver: None,
            timeout: DEFAULT_TIMEOUT,
        }
    }
}

impl DnsConfig {
    /// The resolver to ask: the one configured, else the system's (the first nameserver of [`RESOLV_CONF`]).
    pub fn server(&self) -> Result<SocketAddr, Error> {
        match self.resolver {
            Some(r) => Ok(r),
            None => system_resolver(),
        }
    }

    /// Asks the resolver for every name of `plan` and judges the answers
    /// ([`crate::dnstoken::judge`]): one result per planned name, in the plan's order. A
    /// name the resolver did not answer is [`crate::dnstoken::NameState::Unchecked`], not
    /// an error; the error is only that no resolver is known.
    pub fn ask(&self, plan: &Plan) -> Result<Vec<NameCheck>, Error> {
        let mut client = Client::new(self.server()?, self.timeout);
        Ok(judge(plan, &mut client))
    }
}

/// The system's resolver: the first nameserver of [`RESOLV_CONF`].
pub(crate) fn system_resolver() -> Result<SocketAddr, Error> {
    first_nameserver(Path::new(RESOLV_CONF))
}

/// The first nameserver of the resolv.conf at `path` (an unreadable file names none).
fn first_nameserver(path: &Path) -> Result<SocketAddr, Error> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    resolv_conf_nameservers(&text)
        .into_iter()
        .next()
        .ok_or_else(|| Error::Document {
            what: path.display().to_string(),
            reason: "names no nameserver, so no DNS resolver is known".into(),
            hint: "name a recursive resolver (an IP address, e.g. 1.1.1.1)".into(),
            source: None,
        })
}

/// EDNS(0) payload size offered: the DNS Flag Day 2020 value, below common path MTUs.
const EDNS_PAYLOAD: u16 = 1232;

/// The nameservers listed in resolv.conf text (`nameserver ADDR` lines, resolv.conf(5)), in
/// order, on port 53. A scope suffix (`fe80::1%eth0`) is dropped; unreadable lines are skipped.
pub(crate) fn resolv_conf_nameservers(text: &str) -> Vec<SocketAddr> {
    text.lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            if words.next()? != "nameserver" {
                return None;
            }
            let addr = words.next()?;
            let addr = addr.split('%').next().unwrap_or(addr);
            addr.parse::<IpAddr>()
                .ok()
                .map(|ip| SocketAddr::new(ip, PORT))
        })
        .collect()
}

/// Reads a resolver address as a person writes it: `IP` (port 53), `IP:PORT`, or
/// `[IPv6]:PORT`.
pub fn parse_resolver(s: &str) -> Result<SocketAddr, Error> {
    if let Ok(sa) = s.parse::<SocketAddr>() {
        return Ok(sa);
    }
    let bare = s.trim_start_matches('[').trim_end_matches(']');
    bare.parse::<IpAddr>()
        .map(|ip| SocketAddr::new(ip, PORT))
        .map_err(|_| Error::Document {
            what: format!("resolver {s:?}"),
            reason: "not an IP address with an optional port".into(),
            hint: "give IP or IP:PORT, e.g. 1.1.1.1, 127.0.0.1:5353 or [2001:db8::53]:53".into(),
            source: None,
        })
}

/// A stub client for one recursive resolver.
pub struct Client {
    server: SocketAddr,
    timeout: Duration,
    /// Set after a timeout: the resolver is not asked again.
    unresponsive: bool,
}

impl Client {
    /// A client asking `server`, giving each query `timeout` in all (UDP, retransmission,
    /// and TCP after truncation).
    pub fn new(server: SocketAddr, timeout: Duration) -> Client {
        Client {
            server,
            timeout,
            unresponsive: false,
        }
    }

    /// The resolver asked.
    pub fn server(&self) -> SocketAddr {
        self.server
    }

    /// Asks for `rtype` records at `name` and classifies the answer.
    fn ask(&mut self, name: &str, rtype: RecordType) -> Answer {
        if self.unresponsive {
            return Answer::Failed(format!(
                "not asked: the resolver {} did not answer an earlier query",
                self.server
            ));
        }
        let qname = match Name::from_ascii(format!("{}.", name.trim_end_matches('.'))) {
            Ok(n) => n,
            Err(e) => return Answer::Failed(format!("{name:?} is not a DNS name: {e}")),
        };
        match self.exchange(&qname, rtype) {
            Ok(m) => classify(&m, rtype),
            Err(Failure::Timeout) => {
                self.unresponsive = true;
                Answer::Failed(format!(
                    "no answer from the resolver {} within {} s",
                    self.server,
                    self.timeout.as_secs_f32()
                ))
            }
            Err(Failure::Other(why)) => Answer::Failed(why),
        }
    }

    fn exchange(&mut self, qname: &Name, rtype: RecordType) -> Result<Message, Failure> {
        let deadline = Instant::now() + self.timeout;
        let mut query = Message::query();
        query.metadata.recursion_desired = true;
        query.add_query(Query::query(qname.clone(), rtype));
        let mut edns = Edns::new();
        edns.set_max_payload(EDNS_PAYLOAD);
        query.set_edns(edns);
        let bytes = query
            .to_vec()
            .map_err(|e| Failure::Other(format!("cannot encode the query: {e}")))?;
        let answer = self.udp(&bytes, &query, deadline)?;
        if !answer.metadata.truncation {
            return Ok(answer);
        }
        self.tcp(&bytes, &query, deadline)
    }

    fn udp(&self, bytes: &[u8], query: &Message, deadline: Instant) -> Result<Message, Failure> {
        let local: SocketAddr = match self.server {
            SocketAddr::V4(_) => (Ipv4Addr::UNSPECIFIED, 0).into(),
            SocketAddr::V6(_) => (Ipv6Addr::UNSPECIFIED, 0).into(),
        };
        let io = |e: std::io::Error| Failure::Other(format!("UDP to {}: {e}", self.server));
        let socket = UdpSocket::bind(local).map_err(io)?;
        socket.connect(self.server).map_err(io)?;
        let start = Instant::now();
        let resend_at = start + (deadline - start) / 2;
        let mut resent = false;
        socket.send(bytes).map_err(io)?;
        let mut buf = vec![0u8; 65535];
        loop {
            let now = Instant::now();
            if now >= deadline {
                return Err(Failure::Timeout);
            }
            let wake = if resent { deadline } else { resend_at.max(now) };
            socket
                .set_read_timeout(Some((wake - now).max(Duration::from_millis(1))))
                .map_err(io)?;
            match socket.recv(&mut buf) {
                Ok(n) => {
                    if let Some(m) = matching(&buf[..n], query) {
                        return Ok(m);
                    }
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    if !resent && Instant::now() >= resend_at {
                        resent = true;
                        socket.send(bytes).map_err(io)?;
                    }
                }
                // ICMP port unreachable surfaces here: nobody listens at the address.
                Err(e) => return Err(io(e)),
            }
        }
    }

    fn tcp(&self, bytes: &[u8], query: &Message, deadline: Instant) -> Result<Message, Failure> {
        let left = || deadline.saturating_duration_since(Instant::now());
        let io = |e: std::io::Error| {
            if matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ) {
                Failure::Timeout
            } else {
                Failure::Other(format!(
                    "TCP to {} (after a truncated answer): {e}",
                    self.server
                ))
            }
        };
        if left().is_zero() {
            return Err(Failure::Timeout);
        }
        let mut stream = TcpStream::connect_timeout(&self.server, left()).map_err(io)?;
        let len = u16::try_from(bytes.len())
            .map_err(|_| Failure::Other("the query is too long for TCP".into()))?;
        let mut framed = len.to_be_bytes().to_vec();
        framed.extend_from_slice(bytes);
        stream
            .set_write_timeout(Some(left().max(Duration::from_millis(1))))
            .map_err(io)?;
        stream.write_all(&framed).map_err(io)?;
        // Several answers may come on one connection; skip any that is not ours.
        loop {
            stream
                .set_read_timeout(Some(left().max(Duration::from_millis(1))))
                .map_err(io)?;
            let mut head = [0u8; 2];
            stream.read_exact(&mut head).map_err(io)?;
            let mut body = vec![0u8; usize::from(u16::from_be_bytes(head))];
            stream.read_exact(&mut body).map_err(io)?;
            if let Some(m) = matching(&body, query) {
                return Ok(m);
            }
            if left().is_zero() {
                return Err(Failure::Timeout);
            }
        }
    }
}

impl Lookup for Client {
    fn txt(&mut self, name: &str) -> Answer {
        self.ask(name, RecordType::TXT)
    }

    fn soa(&mut self, name: &str) -> Answer {
        self.ask(name, RecordType::SOA)
    }
}

enum Failure {
    Timeout,
    Other(String),
}

/// The answer in `bytes` if it answers `query` (same id, a response, same question).
fn matching(bytes: &[u8], query: &Message) -> Option<Message> {
    let m = Message::from_vec(bytes).ok()?;
    // Names compare without case (RFC 4343); a resolver may echo another case.
    let same_question = m.queries.len() == 1
        && query.queries.first().is_some_and(|q| {
            let a = &m.queries[0];
            a.query_type() == q.query_type() && a.name() == q.name()
        });
    (m.metadata.id == query.metadata.id
        && m.metadata.message_type == MessageType::Response
        && m.metadata.op_code == OpCode::Query
        && same_question)
        .then_some(m)
}

/// Turns a response into an [`Answer`] for `rtype`.
fn classify(m: &Message, rtype: RecordType) -> Answer {
    let zone = m
        .authorities
        .iter()
        .find(|r| r.record_type() == RecordType::SOA)
        .map(|r| name_text(&r.name));
    match m.metadata.response_code {
        ResponseCode::NoError => {
            let records: Vec<Vec<Vec<u8>>> = m
                .answers
                .iter()
                .filter(|r| r.record_type() == rtype)
                .map(|r| match &r.data {
                    RData::TXT(txt) => txt.txt_data.iter().map(|s| s.to_vec()).collect(),
                    _ => Vec::new(),
                })
                .collect();
            if records.is_empty() {
                Answer::Empty {
                    nxdomain: false,
                    zone,
                }
            } else {
                Answer::Records(records)
            }
        }
        ResponseCode::NXDomain => Answer::Empty {
            nxdomain: true,
            zone,
        },
        code => Answer::Failed(format!("the resolver answered {}", code_name(code))),
    }
}

fn code_name(code: ResponseCode) -> String {
    match code {
        ResponseCode::ServFail => "SERVFAIL".into(),
        ResponseCode::Refused => "REFUSED".into(),
        ResponseCode::FormErr => "FORMERR".into(),
        ResponseCode::NotImp => "NOTIMP".into(),
        other => format!("rcode {}", u16::from(other)),
    }
}

/// A name in lower case without the trailing dot.
fn name_text(n: &Name) -> String {
    n.to_ascii().trim_end_matches('.').to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolv_conf_lines_are_read_in_order() {
        let text = "# comment\nsearch example.com\nnameserver 192.0.2.53\nnameserver fe80::1%eth0\nnameserver bogus\noptions edns0\n";
        assert_eq!(
            resolv_conf_nameservers(text),
            vec![
                "192.0.2.53:53".parse::<SocketAddr>().unwrap(),
                "[fe80::1]:53".parse().unwrap()
            ]
        );
        assert!(resolv_conf_nameservers("").is_empty());
    }

    #[test]
    fn resolver_addresses_take_an_optional_port() {
        assert_eq!(parse_resolver("1.1.1.1").unwrap().to_string(), "1.1.1.1:53");
        assert_eq!(
            parse_resolver("127.0.0.1:5353").unwrap().to_string(),
            "127.0.0.1:5353"
        );
        assert_eq!(parse_resolver("::1").unwrap().to_string(), "[::1]:53");
        assert_eq!(
            parse_resolver("[::1]:5353").unwrap().to_string(),
            "[::1]:5353"
        );
        assert!(parse_resolver("dns.example").is_err());
    }

    #[test]
    fn the_system_resolver_is_the_first_nameserver_and_none_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let conf = dir.path().join("resolv.conf");
        std::fs::write(&conf, "nameserver 192.0.2.53\nnameserver 192.0.2.54\n").unwrap();
        assert_eq!(
            first_nameserver(&conf).unwrap(),
            "192.0.2.53:53".parse::<SocketAddr>().unwrap()
        );
        std::fs::write(&conf, "search example.com\n").unwrap();
        let e = first_nameserver(&conf).unwrap_err();
        assert!(e.to_string().contains("names no nameserver"), "{e}");
        // A missing file names none either: the same error, not an I/O one.
        let e = first_nameserver(&dir.path().join("absent")).unwrap_err();
        assert!(
            e.to_string()
                .ends_with("names no nameserver, so no DNS resolver is known")
        );
        // A resolver configured is used as is, without reading any file.
        let cfg = DnsConfig {
            resolver: Some("127.0.0.1:5353".parse().unwrap()),
            ..DnsConfig::default()
        };
        assert_eq!(cfg.server().unwrap().to_string(), "127.0.0.1:5353");
        assert_eq!(DnsConfig::default().timeout, Duration::from_secs(5));
    }
}
