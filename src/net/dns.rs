//! A small synchronous DNS stub client: asks one recursive resolver for TXT and SOA records,
//! for `dns-token check` and the dns-token evidence of `check` ([`DnsConfig::ask`]).
//! Network code, like [`crate::http`]; nothing pure depends on it.
//!
//! - Messages are RFC 1035 §4 (built and parsed by `hickory-proto`, no hand-written wire
//!   format), sent over UDP with EDNS(0) (RFC 6891) asking for 1232-byte answers; an answer
//!   with TC set is asked again over TCP with the two-byte length prefix (RFC 1035 §4.2.2,
//!   RFC 7766 §5).
//! - Every query has a deadline; the UDP question is sent again once at half of it. When a
//!   query times out, the resolver is asked a question it can answer without reaching the
//!   name's zone (the root's NS): one that answers it is alive, and the name alone is left
//!   unchecked (its zone's delegation may be lame or dead), the other names still asked
//!   (until three in a row time out: then the rest are not asked); one that does not is
//!   asked nothing more (the rest are reported as not checked), so a dead resolver costs
//!   two timeouts, not one per name.
//! - An answer is used only if its id and question match ours (RFC 5452 §9.1).
//! - An answer is evidence of what the world resolves only from a recursive resolver: one
//!   without RA ("recursion available", RFC 1035 §4.1.1) comes from a server that answers
//!   from its own zones (an authoritative server), which may hold records nobody else can
//!   reach. Such answers leave the name unchecked, unless the server is taken as the names'
//!   authoritative server ([`DnsConfig::authoritative`]): then an answer counts only with AA
//!   set (RFC 1035 §4.1.1), and a referral or a non-authoritative answer leaves the name
//!   unchecked.
//! - A CNAME at the name is followed through the answer section (RFC 1034 §3.6.2); the rcode
//!   and the SOA then speak of the chain's last name (RFC 2308 §2.1), so an alias whose target
//!   does not exist is told apart from a name that does not exist.
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
    /// Take the server as authoritative for the names asked, rather than as a recursive
    /// resolver: answers must then carry AA (RFC 1035 §4.1.1), and a referral or an answer
    /// without AA leaves the name unchecked. Off (the default), an answer without RA
    /// leaves the name unchecked: the server does not recurse, so its answer says nothing
    /// of what a resolver (and the cloud) sees.
    pub authoritative: bool,
}

impl Default for DnsConfig {
    fn default() -> Self {
        DnsConfig {
            resolver: None,
            timeout: DEFAULT_TIMEOUT,
            authoritative: false,
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
        client.authoritative = self.authoritative;
        Ok(judge(plan, &mut client))
    }
}

/// The system's resolver: the first nameserver of [`RESOLV_CONF`].
pub fn system_resolver() -> Result<SocketAddr, Error> {
    first_nameserver(Path::new(RESOLV_CONF))
}

/// The first nameserver of the resolv.conf at `path` (an unreadable file names none).
fn first_nameserver(path: &Path) -> Result<SocketAddr, Error> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    resolv_conf_nameservers(&text)
        .into_iter()
        .next()
        .ok_or_else(|| Error::Document {
            kind: None,
            what: path.display().to_string(),
            reason: "names no nameserver, so no DNS resolver is known".into(),
            hint: "name a recursive resolver (an IP address, e.g. 1.1.1.1)".into(),
            remedies: Box::new([crate::error::Remedy::Give(crate::error::Input::Resolver)]),
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
            kind: None,
            what: format!("resolver {s:?}"),
            reason: "not an IP address with an optional port".into(),
            hint: "give IP or IP:PORT, e.g. 1.1.1.1, 127.0.0.1:5353 or [2001:db8::53]:53".into(),
            remedies: Box::new([crate::error::Remedy::Give(crate::error::Input::Resolver)]),
            source: None,
        })
}

/// A stub client for one recursive resolver (or, with [`Client::authoritative`], one
/// authoritative server).
pub struct Client {
    server: SocketAddr,
    timeout: Duration,
    /// The server is taken as authoritative for the names asked (AA required, RA not).
    authoritative: bool,
    /// Set after a timeout that a question about the root did not answer either: the
    /// server is not asked again.
    unresponsive: bool,
    /// Questions in a row that timed out while the server answered the root: at
    /// [`LAME_IN_A_ROW`], the rest are not asked.
    lame_in_a_row: usize,
}

/// How many names in a row may time out at a server that still answers other questions
/// before the rest are left unasked: one dead delegation does not stop the other names,
/// but a prefix whose every zone is lame (a /16 has 256 names) does not cost a timeout
/// per name either.
const LAME_IN_A_ROW: usize = 3;

impl Client {
    /// A client asking `server`, giving each query `timeout` in all (UDP, retransmission,
    /// and TCP after truncation).
    pub fn new(server: SocketAddr, timeout: Duration) -> Client {
        Client {
            server,
            timeout,
            authoritative: false,
            unresponsive: false,
            lame_in_a_row: 0,
        }
    }

    /// Takes the server as authoritative for the names asked ([`DnsConfig::authoritative`]).
    pub fn authoritative(mut self, yes: bool) -> Client {
        self.authoritative = yes;
        self
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
        if self.lame_in_a_row >= LAME_IN_A_ROW {
            return Answer::Failed(format!(
                "not asked: the last {LAME_IN_A_ROW} questions went unanswered for {} s each at {}, which answers other questions; their zones' delegations may be lame or dead",
                self.timeout.as_secs_f32(),
                self.server
            ));
        }
        let qname = match Name::from_ascii(format!("{}.", name.trim_end_matches('.'))) {
            Ok(n) => n,
            Err(e) => return Answer::Failed(format!("{name:?} is not a DNS name: {e}")),
        };
        let answer = self.exchange(&qname, rtype);
        if !matches!(answer, Err(Failure::Timeout)) {
            self.lame_in_a_row = 0;
        }
        match answer {
            Ok(m) => classify(&m, rtype, &qname, self.server, self.authoritative),
            Err(Failure::Timeout) if self.answers_at_all() => {
                self.lame_in_a_row += 1;
                Answer::Failed(format!(
                    "no answer for {} within {} s from {}, which answers other questions: the name's zone may have a lame or dead delegation (its name servers do not answer for it)",
                    name_text(&qname),
                    self.timeout.as_secs_f32(),
                    self.server,
                ))
            }
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

    /// Whether the server answers anything at all: asked after a query timed out, to tell a
    /// dead server from one name's dead zone. The root's NS is what a resolver knows
    /// without asking anyone else (its root hints), and an authoritative server refuses or
    /// answers it at once; any answer, whatever its rcode, proves the server alive.
    fn answers_at_all(&mut self) -> bool {
        self.exchange(&Name::root(), RecordType::NS).is_ok()
    }

    fn exchange(&mut self, qname: &Name, rtype: RecordType) -> Result<Message, Failure> {
        let deadline = Instant::now() + self.timeout;
        let mut query = Message::query();
        // An authoritative server answers from its zones whatever RD says; asking it
        // without RD keeps a server that also recurses from answering from elsewhere.
        query.metadata.recursion_desired = !self.authoritative;
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

/// Turns a response into an [`Answer`] for `rtype` at `qname`, from `server`; with
/// `authoritative`, the server is taken as authoritative for `qname`.
fn classify(
    m: &Message,
    rtype: RecordType,
    qname: &Name,
    server: SocketAddr,
    authoritative: bool,
) -> Answer {
    let name = name_text(qname);
    let rcode = m.metadata.response_code;
    if !matches!(rcode, ResponseCode::NoError | ResponseCode::NXDomain) {
        return Answer::Failed(format!("the resolver answered {}", code_name(rcode)));
    }
    // RFC 1035 §4.1.1: RA says whether the server recurses, AA whether it is an authority
    // for the name asked. A server that does not recurse answers from its own zones only:
    // records it holds for a zone nobody delegated to it are invisible to everyone else.
    if !authoritative && !m.metadata.recursion_available {
        return Answer::Failed(format!(
            "the server at {server} does not recurse (RA clear in its answer for {name}, RFC 1035 §4.1.1): it answers from its own zones, which says nothing of what a resolver sees; ask a recursive resolver, or treat the server as the names' authoritative server"
        ));
    }
    if authoritative && !m.metadata.authoritative {
        // A referral: no answer, the name servers of a zone below in the authority section.
        let referral = m
            .authorities
            .iter()
            .find(|r| r.record_type() == RecordType::NS)
            .filter(|_| m.answers.is_empty());
        return Answer::Failed(match referral {
            Some(ns) => format!(
                "the server at {server} referred the question for {name} to the name servers of {} (a referral, not an authoritative answer, RFC 1035 §4.1.1): it does not serve that zone; ask that zone's servers, or a recursive resolver",
                name_text(&ns.name)
            ),
            None => format!(
                "the answer for {name} from the server at {server} is not authoritative (AA clear, RFC 1035 §4.1.1): it does not serve the name's zone; ask that zone's servers, or a recursive resolver"
            ),
        });
    }
    let zone = m
        .authorities
        .iter()
        .find(|r| r.record_type() == RecordType::SOA)
        .map(|r| name_text(&r.name));
    // Follow the CNAME chain from the name asked (RFC 1034 §3.6.2); the answer's rcode
    // and SOA speak of its last name (RFC 2308 §2.1). A chain that comes back on itself
    // has no last name.
    let mut target = qname.clone();
    let mut seen = vec![target.clone()];
    while let Some(next) = m
        .answers
        .iter()
        .filter(|_| rtype != RecordType::CNAME)
        .find_map(|r| match &r.data {
            RData::CNAME(c) if r.name == target => Some(c.0.clone()),
            _ => None,
        })
    {
        if seen.contains(&next) {
            return Answer::Failed(format!(
                "the CNAME chain at {name} loops back to {}: it leads to no record",
                name_text(&next)
            ));
        }
        seen.push(next.clone());
        target = next;
    }
    // Only records owned by the name asked or a name of its CNAME chain answer it (a
    // server copies those alone into the answer, RFC 1034 §4.3.2 step 3a); any other
    // answers no question asked and is ignored whatever AA or RA say, as a response must
    // match the question to be taken (RFC 5452 §9.1). Owner names compare without regard
    // to case (RFC 4343 §3).
    let owned = |r: &hickory_proto::rr::Record| {
        let owner = name_text(&r.name);
        seen.iter().any(|n| name_text(n) == owner)
    };
    let records: Vec<Vec<Vec<u8>>> = m
        .answers
        .iter()
        .filter(|r| r.record_type() == rtype && owned(r))
        .map(|r| match &r.data {
            RData::TXT(txt) => txt.txt_data.iter().map(|s| s.to_vec()).collect(),
            _ => Vec::new(),
        })
        .collect();
    let nxdomain = rcode == ResponseCode::NXDomain;
    if !records.is_empty() && !nxdomain {
        Answer::Records(records)
    } else if target != *qname {
        Answer::Alias {
            target: name_text(&target),
            nxdomain,
            zone,
        }
    } else {
        Answer::Empty { nxdomain, zone }
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

    fn response(name: &str, ra: bool, aa: bool, rcode: ResponseCode) -> (Message, Name) {
        let qname = Name::from_ascii(name).unwrap();
        let mut m = Message::response(1, OpCode::Query);
        m.metadata.recursion_available = ra;
        m.metadata.authoritative = aa;
        m.metadata.response_code = rcode;
        m.add_query(Query::query(qname.clone(), RecordType::TXT));
        (m, qname)
    }

    fn cname(owner: &str, target: &str) -> hickory_proto::rr::Record {
        hickory_proto::rr::Record::from_rdata(
            Name::from_ascii(owner).unwrap(),
            300,
            RData::CNAME(hickory_proto::rr::rdata::CNAME(
                Name::from_ascii(target).unwrap(),
            )),
        )
    }

    const SERVER: &str = "192.0.2.53:53";

    #[test]
    fn ra_decides_for_a_resolver_and_aa_for_an_authority() {
        let server: SocketAddr = SERVER.parse().unwrap();
        let (m, q) = response("t.example.", false, true, ResponseCode::NXDomain);
        let Answer::Failed(why) = classify(&m, RecordType::TXT, &q, server, false) else {
            panic!("an answer without RA is no evidence");
        };
        assert!(why.contains("does not recurse"), "{why}");
        assert_eq!(
            classify(&m, RecordType::TXT, &q, server, true),
            Answer::Empty {
                nxdomain: true,
                zone: None
            }
        );
        let (m, q) = response("t.example.", true, false, ResponseCode::NoError);
        let Answer::Failed(why) = classify(&m, RecordType::TXT, &q, server, true) else {
            panic!("an answer without AA is no authority's answer");
        };
        assert!(why.contains("is not authoritative (AA clear"), "{why}");
        // SERVFAIL is a failure whatever the flags say.
        let (m, q) = response("t.example.", false, false, ResponseCode::ServFail);
        assert_eq!(
            classify(&m, RecordType::TXT, &q, server, false),
            Answer::Failed("the resolver answered SERVFAIL".into())
        );
    }

    #[test]
    fn a_cname_chain_is_followed_to_its_end_and_a_loop_ends() {
        let server: SocketAddr = SERVER.parse().unwrap();
        let (mut m, q) = response("t.example.", true, false, ResponseCode::NXDomain);
        m.add_answer(cname("t.example.", "u.example."));
        m.add_answer(cname("u.example.", "v.example.net."));
        assert_eq!(
            classify(&m, RecordType::TXT, &q, server, false),
            Answer::Alias {
                target: "v.example.net".into(),
                nxdomain: true,
                zone: None
            }
        );
        let (mut m, q) = response("t.example.", true, false, ResponseCode::NoError);
        m.add_answer(cname("t.example.", "u.example."));
        m.add_answer(cname("u.example.", "t.example."));
        assert_eq!(
            classify(&m, RecordType::TXT, &q, server, false),
            Answer::Failed(
                "the CNAME chain at t.example loops back to t.example: it leads to no record"
                    .into()
            )
        );
    }

    fn txt(owner: &str, text: &str) -> hickory_proto::rr::Record {
        hickory_proto::rr::Record::from_rdata(
            Name::from_ascii(owner).unwrap(),
            300,
            RData::TXT(hickory_proto::rr::rdata::TXT::new(vec![text.into()])),
        )
    }

    #[test]
    fn only_records_owned_by_the_name_or_its_chain_answer() {
        let server: SocketAddr = SERVER.parse().unwrap();
        let found = |text: &str| Answer::Records(vec![vec![text.as_bytes().to_vec()]]);
        // A TXT at another owner is no answer, recursive or authoritative (RFC 5452 §9.1).
        for (ra, aa, auth) in [(true, false, false), (false, true, true)] {
            let (mut m, q) = response("t.example.", ra, aa, ResponseCode::NoError);
            m.add_answer(txt("evil.example.", "token"));
            assert_eq!(
                classify(&m, RecordType::TXT, &q, server, auth),
                Answer::Empty {
                    nxdomain: false,
                    zone: None
                }
            );
        }
        // The owner in another case is the same name (RFC 4343 §3); a chain's name counts.
        let (mut m, q) = response("t.example.", true, false, ResponseCode::NoError);
        m.add_answer(txt("evil.example.", "bad"));
        m.add_answer(txt("T.Example.", "token"));
        assert_eq!(
            classify(&m, RecordType::TXT, &q, server, false),
            found("token")
        );
        let (mut m, q) = response("t.example.", true, false, ResponseCode::NoError);
        m.add_answer(cname("t.example.", "u.example.net."));
        m.add_answer(txt("U.example.net.", "token"));
        assert_eq!(
            classify(&m, RecordType::TXT, &q, server, false),
            found("token")
        );
    }

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
